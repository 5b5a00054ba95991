//! The JS/WASM API (feature `js`): the same JSON-in, JSON-out functions as the CLI, exported with
//! wasm-bindgen. Errors are thrown as a JSON string of issues (the CLI's stderr); the package's
//! declarations of the Record, the Assessment and `Issue` come from `hale types`.

use wasm_bindgen::prelude::*;

/// Assesses a Record (JSON text, `hale.record/1`) at `nowIso` (RFC 3339) and returns the
/// Assessment (`hale.assessment/1`) as JSON text. Throws a JSON array of issues when the document
/// cannot be read at all (same cases as the CLI's exit code 2).
#[wasm_bindgen(js_name = assess)]
pub fn assess(record_json: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::assess_json(record_json, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// Every red-flag rule as JSON text (id, level, service, condition, source, unverified…).
#[wasm_bindgen(js_name = rules)]
pub fn rules() -> String {
    crate::api::rules_json()
}

/// Reads and validates a Record: `{"record": …, "issues": […]}` as JSON text (throws when the
/// document cannot be read at all).
#[wasm_bindgen(js_name = normalize)]
pub fn normalize(record_json: &str) -> Result<String, JsValue> {
    crate::api::normalize_json(record_json).map_err(|e| JsValue::from_str(&e))
}

/// The questionnaire definitions as JSON text.
#[wasm_bindgen(js_name = questionnaires)]
pub fn questionnaires() -> String {
    crate::api::questionnaires_json()
}

/// The self-care protocols table as JSON text.
#[wasm_bindgen(js_name = protocols)]
pub fn protocols() -> String {
    crate::api::protocols_json()
}

/// A Record as a FHIR R4 patient-summary document Bundle (same output as `hale fhir export`).
#[wasm_bindgen(js_name = fhirExport)]
pub fn fhir_export(record_json: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::fhir_export(record_json, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// The FHIR R4 transaction Bundle Hale sends a practice for a whole Record (same output as
/// `hale fhir transaction`), with options JSON `{"patient_id", "server_patient", "base",
/// "with_name", "with_birth_date", "earlier_flags"}`.
#[wasm_bindgen(js_name = fhirTransaction)]
pub fn fhir_transaction(record_json: &str, now_iso: &str, options_json: &str) -> Result<String, JsValue> {
    crate::api::fhir_transaction(record_json, now_iso, options_json).map_err(|e| JsValue::from_str(&e))
}

/// The outbox: what of the record the practice's server has not acknowledged (`sentJson`), in
/// batches (see `api::fhir_outbox`).
#[wasm_bindgen(js_name = fhirOutbox)]
pub fn fhir_outbox(record_json: &str, now_iso: &str, options_json: &str, sent_json: &str) -> Result<String, JsValue> {
    crate::api::fhir_outbox(record_json, now_iso, options_json, sent_json).map_err(|e| JsValue::from_str(&e))
}

/// What a FHIR server's answer to a batch of `sent` entries means: `{"result", "words"}`.
#[wasm_bindgen(js_name = fhirAnswer)]
pub fn fhir_answer(status: u16, body: &str, sent: usize) -> String {
    crate::api::fhir_answer(status, body, sent)
}

/// What the person reads about sharing (see `api::fhir_outbox_words`).
#[wasm_bindgen(js_name = fhirOutboxWords)]
pub fn fhir_outbox_words(
    practice: &str,
    waiting_json: &str,
    last_sent: Option<String>,
    problem: Option<String>,
) -> String {
    crate::api::fhir_outbox_words(practice, waiting_json, last_sent.as_deref(), problem.as_deref())
}

/// The care team's worklist at `nowIso` from the searchset Bundles a FHIR server answered with (a
/// JSON array), as `hale worklist` prints it.
#[wasm_bindgen(js_name = worklistRows)]
pub fn worklist_rows(bundles_json: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::worklist_json(bundles_json, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// The searches that page the care team's worklist at `nowIso` for a filter (JSON), in the order to
/// fetch them: `[{query, whole, categories}]`.
#[wasm_bindgen(js_name = worklistSearches)]
pub fn worklist_searches(now_iso: &str, filter_json: &str) -> Result<String, JsValue> {
    crate::api::worklist_searches_json(now_iso, filter_json).map_err(|e| JsValue::from_str(&e))
}

/// A FHIR R4 Bundle read into a Record: `{"record", "issues"}` (same output as `hale fhir import`).
#[wasm_bindgen(js_name = fhirImport)]
pub fn fhir_import(bundle_json: &str) -> Result<String, JsValue> {
    crate::api::fhir_import(bundle_json).map_err(|e| JsValue::from_str(&e))
}

/// Seals a summary into a share-link token (`v1.<payload>.<key>`) with 44 bytes from
/// `crypto.getRandomValues`.
#[wasm_bindgen(js_name = shareSeal)]
pub fn share_seal(text: &str, random: &[u8]) -> Result<String, JsValue> {
    crate::api::share_seal(text, random).map_err(|e| JsValue::from_str(&e))
}

/// Opens a share-link token; throws the reason (issues JSON) for a changed, damaged or foreign link.
#[wasm_bindgen(js_name = shareOpen)]
pub fn share_open(token: &str) -> Result<String, JsValue> {
    crate::api::share_open(token).map_err(|e| JsValue::from_str(&e))
}

/// The passphrase lock (app/js/sealed.mjs): seals each stored row of `store` (a JSON array of rows
/// with string ids) under `key` (32 bytes, from the passphrase), with `nonces` (12 fresh random
/// bytes a row); the sealed rows as a JSON array.
#[wasm_bindgen(js_name = lockSealRows)]
pub fn lock_seal_rows(key: &[u8], nonces: &[u8], store: &str, rows_json: &str) -> Result<String, JsValue> {
    crate::api::lock_seal_rows(key, nonces, store, rows_json).map_err(|e| JsValue::from_str(&e))
}

/// The id a sealed row of `store` with the entry id `id` is stored under (a keyed hash), for
/// finding one row by its entry's id under the lock.
#[wasm_bindgen(js_name = lockRowKey)]
pub fn lock_row_key(key: &[u8], store: &str, id: &str) -> String {
    crate::lock::row_key(key, store, id)
}

/// Opens stored rows of `store` (a JSON array; rows that are not sealed come back as they are);
/// throws the reason when one does not open (the wrong key, or changed).
#[wasm_bindgen(js_name = lockOpenRows)]
pub fn lock_open_rows(key: &[u8], store: &str, rows_json: &str) -> Result<String, JsValue> {
    crate::api::lock_open_rows(key, store, rows_json).map_err(|e| JsValue::from_str(&e))
}

/// A preview of a share summary: the review view JSON plus `bytes` (see `summarySeal`).
#[wasm_bindgen(js_name = summaryPreview)]
pub fn summary_preview(record_json: &str, options_json: &str) -> Result<String, JsValue> {
    crate::api::summary_preview(record_json, options_json).map_err(|e| JsValue::from_str(&e))
}

/// Builds and seals a share summary (`options_json`: `{"now", "from", "to", "kinds", "notes",
/// "identity", "expires_days"}`) with 44 bytes from `crypto.getRandomValues`: `{"token", "view"}`.
#[wasm_bindgen(js_name = summarySeal)]
pub fn summary_seal(record_json: &str, options_json: &str, random: &[u8]) -> Result<String, JsValue> {
    crate::api::summary_seal(record_json, options_json, random).map_err(|e| JsValue::from_str(&e))
}

/// The FHIR R4 summary Bundle to share as a file, with the person's name and notes choices applied.
#[wasm_bindgen(js_name = summaryFhir)]
pub fn summary_fhir(record_json: &str, options_json: &str) -> Result<String, JsValue> {
    crate::api::summary_fhir(record_json, options_json).map_err(|e| JsValue::from_str(&e))
}

/// Opens a share-link token at `now_iso` to the review view JSON; throws the reason (issues JSON)
/// for a changed, damaged, foreign or expired link.
#[wasm_bindgen(js_name = summaryOpen)]
pub fn summary_open(token: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::summary_open(token, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// Reads a FHIR R4 Bundle (or a Record) file as a review view.
#[wasm_bindgen(js_name = summaryFromFile)]
pub fn summary_from_file(document_json: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::summary_from_file(document_json, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// A QR code (SVG text) of `text`; throws when it is too long to scan reliably.
#[wasm_bindgen(js_name = qrSvg)]
pub fn qr_svg(text: &str) -> Result<String, JsValue> {
    crate::api::qr_svg(text).map_err(|e| JsValue::from_str(&e))
}

/// The recheck plan as an iCalendar document.
#[wasm_bindgen(js_name = planIcs)]
pub fn plan_ics(record_json: &str, now_iso: &str) -> Result<String, JsValue> {
    crate::api::plan_ics(record_json, now_iso).map_err(|e| JsValue::from_str(&e))
}

/// The minor-illness pathways as JSON text.
#[wasm_bindgen(js_name = pathways)]
pub fn pathways() -> String {
    crate::api::pathways_json()
}

/// Evaluates a minor-illness pathway (JSON request) and returns the outcome as JSON text.
#[wasm_bindgen(js_name = triage)]
pub fn triage(request_json: &str) -> Result<String, JsValue> {
    crate::api::triage_json(request_json).map_err(|e| JsValue::from_str(&e))
}

/// A Record read once and assessed many times (for example at different instants, or to time
/// parsing and assessing separately).
#[wasm_bindgen]
#[derive(Debug)]
pub struct ParsedRecord {
    parsed: crate::parse::Parsed,
}

#[wasm_bindgen]
impl ParsedRecord {
    /// Reads a Record (JSON text). Throws a JSON array of issues when it cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(record_json: &str) -> Result<ParsedRecord, JsValue> {
        crate::api::parse_json(record_json).map(|parsed| ParsedRecord { parsed }).map_err(|e| JsValue::from_str(&e))
    }

    /// The Assessment at `nowIso`, as JSON text (identical to `assess(recordJson, nowIso)`).
    pub fn assess(&self, now_iso: &str) -> Result<String, JsValue> {
        crate::api::assess_parsed_json(&self.parsed, now_iso).map_err(|e| JsValue::from_str(&e))
    }

    /// Only the disposition at `nowIso` (`{"level", "service", "because"}`) as JSON text: the full
    /// assessment is worked out, but only the disposition is written out.
    pub fn disposition(&self, now_iso: &str) -> Result<String, JsValue> {
        let now = crate::time::parse_now(now_iso).ok_or_else(|| JsValue::from_str("bad now"))?;
        let a = crate::assessment::assess(&self.parsed.record, now, &self.parsed.issues);
        Ok(crate::api::to_json(&a.disposition))
    }

    /// How many readings were read.
    #[wasm_bindgen(getter)]
    pub fn observations(&self) -> usize {
        self.parsed.record.observations.len()
    }
}

/// Apple Health's `export.zip` or `export.xml`, read a chunk at a time (`hale_core::apple_health`):
/// the import page's worker pushes the file's slices and never holds the file.
#[wasm_bindgen(js_name = AppleHealthImport)]
pub struct AppleHealthImport {
    reader: Option<crate::apple_health::Reader>,
}

#[wasm_bindgen(js_class = AppleHealthImport)]
impl AppleHealthImport {
    /// An import at `nowIso` (readings after it are left out).
    #[wasm_bindgen(constructor)]
    pub fn new(now_iso: &str) -> Result<AppleHealthImport, JsValue> {
        let now =
            crate::time::parse_rfc3339(now_iso).ok_or_else(|| JsValue::from_str("now must be an RFC 3339 instant"))?;
        Ok(AppleHealthImport { reader: Some(crate::apple_health::Reader::new(now)) })
    }

    /// The next slice of the file; `true` once the export's XML has ended (stop reading).
    pub fn push(&mut self, chunk: &[u8]) -> bool {
        self.reader.as_mut().is_none_or(|r| {
            r.push(chunk);
            r.done()
        })
    }

    /// Records read so far.
    pub fn records(&self) -> f64 {
        self.reader.as_ref().map_or(0.0, |r| r.records() as f64)
    }

    /// The end of the file: `{"record", "preview"}` as JSON text; throws a JSON array of issues
    /// when it is not a whole Apple Health export.
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let reader = self.reader.take().ok_or_else(|| JsValue::from_str("already finished"))?;
        match reader.finish() {
            Ok(got) => {
                // Written a reading at a time: the Record is never built whole as a JSON tree.
                let mut out = String::from(r#"{"record":{"format":"hale.record/1","observations":["#);
                for (i, o) in got.observations.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&crate::write::observation_to_value(o).to_string());
                }
                out.push_str(r#"]},"preview":"#);
                out.push_str(&crate::device_files::preview_with_issues(&got).to_string());
                out.push('}');
                Ok(out)
            }
            Err(issues) => Err(JsValue::from_str(&serde_json::to_string(&issues).unwrap_or_default())),
        }
    }
}
