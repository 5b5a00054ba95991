//! JSON in, JSON out: the functions the CLI and the JS/WASM API share, so both give
//! byte-identical output for the same input and `now`.

use serde::Serialize;
use serde_json::Value;

use crate::assessment::assess;
use crate::issue::{Issue, IssueCode};
use crate::parse::parse_record_value;
use crate::red_flags::{Level, Rule, Scope, Service, RULES};
use crate::time::parse_now;

/// Serializes to pretty JSON; infallible for the crate's own types.
pub fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Assesses a Record given as JSON text at the RFC 3339 instant `now_iso`.
///
/// `Ok` carries the Assessment JSON whenever the document is a Record of a supported format, or a
/// FHIR R4 Bundle (read into a Record; bad readings inside it become issues). `Err` carries issues
/// as JSON when the text is not JSON, has no or an unsupported `format`, is a FHIR resource other
/// than a Bundle, or `now_iso` is bad.
pub fn assess_json(record_json: &str, now_iso: &str) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    let value: Value = match serde_json::from_str(record_json) {
        Ok(v) => v,
        Err(e) => return Err(to_json(&vec![crate::parse::not_json(&e)])),
    };
    let parsed = parse_value(&value)?;
    Ok(to_json(&assess(&parsed.record, now, &parsed.issues)))
}

/// The `now` argument, or the issue (as JSON) saying why it is not an instant.
fn now_arg(now_iso: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    parse_now(now_iso).ok_or_else(|| {
        to_json(&vec![Issue::error(
            IssueCode::BadArgument,
            "now",
            format!("\"{now_iso}\" is not an RFC 3339 date and time like 2026-11-21T09:00:00Z."),
        )])
    })
}

/// Reads a Record, or (with the `extras` feature) a FHIR R4 Bundle converted to one, with
/// validation; `Err` carries the issues as JSON.
fn parse_value(value: &Value) -> Result<crate::parse::Parsed, String> {
    read_document(value).map_err(|i| to_json(&i))
}

/// Reads a Record, or (with the `extras` feature) a FHIR R4 Bundle converted to one, with
/// validation; `Err` carries the issues saying why nothing could be read.
pub fn read_document(value: &Value) -> Result<crate::parse::Parsed, Vec<Issue>> {
    if value.get("resourceType").is_some() {
        #[cfg(feature = "extras")]
        {
            let (record, mut issues) = crate::fhir::bundle_to_record(value)?;
            let mut parsed = parse_record_value(&record)?;
            issues.append(&mut parsed.issues);
            parsed.issues = issues;
            return Ok(parsed);
        }
        #[cfg(not(feature = "extras"))]
        return Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "resourceType",
            "This is a FHIR resource; this build of Hale reads Hale records (\"format\": \"hale.record/1\") only.",
        )]);
    }
    parse_record_value(value)
}

/// Reads a Record (or a FHIR R4 Bundle) from JSON text; `Err` carries the issues.
pub fn read_document_str(text: &str) -> Result<crate::parse::Parsed, Vec<Issue>> {
    let value: Value = serde_json::from_str(text).map_err(|e| vec![crate::parse::not_json(&e)])?;
    read_document(&value)
}

/// Reads a Record from JSON text for repeated assessment (`Err`: issues as JSON, as `assess_json`).
pub fn parse_json(record_json: &str) -> Result<crate::parse::Parsed, String> {
    read_document_str(record_json).map_err(|i| to_json(&i))
}

/// Assesses an already-read record at `now_iso`; the same JSON as `assess_json` gives.
pub fn assess_parsed_json(parsed: &crate::parse::Parsed, now_iso: &str) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    Ok(to_json(&assess(&parsed.record, now, &parsed.issues)))
}

/// One rule as `rules()` lists it.
#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    level: Level,
    service: Service,
    condition: String,
    source: &'a str,
    reference: String,
    unverified: bool,
    unverified_note: Option<&'a str>,
    adults_only: bool,
    title: &'a str,
    message: String,
    actions: &'a [&'a str],
    thresholds: Vec<String>,
}

/// A rule's thresholds in words ("systolic blood pressure (mmHg) ≥ 180").
pub fn threshold_words(r: &Rule) -> Vec<String> {
    r.triggers
        .iter()
        .map(|t| {
            let mut s = format!("{} {}", t.input.words(), t.test.words());
            if !t.when.with_any.is_empty() {
                let c: Vec<&str> = t.when.with_any.iter().map(|c| c.as_str()).collect();
                s.push_str(&format!(", with {}", c.join(" or ")));
            }
            if !t.when.without.is_empty() {
                let c: Vec<&str> = t.when.without.iter().map(|c| c.as_str()).collect();
                s.push_str(&format!(", without {}", c.join(" or ")));
            }
            match t.when.age {
                crate::red_flags::AgeWhen::Any => {}
                crate::red_flags::AgeWhen::UnderOrUnknown(a) => s.push_str(&format!(", age under {a} or unknown")),
                crate::red_flags::AgeWhen::AtLeast(a) => s.push_str(&format!(", age {a} or over")),
            }
            if !t.when.with_symptom.is_empty() {
                let c: Vec<&str> = t.when.with_symptom.iter().map(|c| c.as_str()).collect();
                s.push_str(&format!(", with symptom {}", c.join(" or ")));
            }
            match t.when.oxygen {
                crate::red_flags::Oxygen::Any => {}
                crate::red_flags::Oxygen::UsualTarget => {
                    let (l, h) = crate::thresholds::OXYGEN_TARGET_USUAL_PERCENT;
                    s.push_str(&format!(", oxygen target {l}\u{2013}{h} % (the usual)"));
                }
                crate::red_flags::Oxygen::LowTarget => {
                    let (l, h) = crate::thresholds::OXYGEN_TARGET_HYPERCAPNIC_PERCENT;
                    s.push_str(&format!(", oxygen target {l}\u{2013}{h} %"));
                }
            }
            if !t.when.takes_any.is_empty() {
                let c: Vec<&str> = t.when.takes_any.iter().map(|c| c.as_str()).collect();
                s.push_str(&format!(", taking {}", c.join(" or ")));
            }
            if !t.when.takes_none.is_empty() {
                let c: Vec<&str> = t.when.takes_none.iter().map(|c| c.as_str()).collect();
                s.push_str(&format!(", not taking {}", c.join(" or ")));
            }
            s
        })
        .collect()
}

/// Where a rule's numbers are recorded with their verification ("docs/clinical-reference.md §3.4").
pub fn reference_words(r: &Rule) -> String {
    format!("docs/clinical-reference.md {}", r.reference)
}

/// Every rule (id, level, service, condition, source, unverified mark, words, thresholds) as JSON.
pub fn rules_json() -> String {
    let out: Vec<RuleOut<'_>> = RULES
        .iter()
        .map(|r| RuleOut {
            id: r.id,
            level: r.level,
            service: r.service,
            condition: r.words(r.condition),
            source: r.source,
            reference: reference_words(r),
            unverified: r.unverified.is_some(),
            unverified_note: r.unverified,
            adults_only: r.scope == Scope::Adults,
            title: r.title,
            message: r.words(r.message),
            actions: r.actions,
            thresholds: threshold_words(r),
        })
        .collect();
    to_json(&out)
}

/// The rules table as Markdown (docs/rules.md is generated from this and kept in sync by a test).
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# Hale red-flag rules\n\n<!-- Generated by `hale rules --markdown`; do not edit by hand. A test keeps it in sync. -->\n\n\
         Every reading and symptom is checked against these rules. The overall level is the most urgent\n\
         rule raised; a record with no rule raised is `self_care`. Rules marked **unverified** use numbers\n\
         that `docs/clinical-reference.md` could not confirm in a primary source; they need clinical sign-off.\n\n\
         | Id | Level | Service | Condition | Source | Verified |\n|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        let esc = |x: &str| x.replace('|', "\\|");
        s.push_str(&format!(
            "| `{}` | {} | `{}` | {}{} | {} ({}) | {} |\n",
            r.id,
            r.level.as_str(),
            r.service.as_str(),
            esc(&r.words(r.condition)),
            if r.scope == Scope::Adults { " (adults 16+)" } else { "" },
            esc(r.source),
            reference_words(r),
            match r.unverified {
                Some(n) => format!("**unverified**: {}", esc(n)),
                None => "yes".into(),
            }
        ));
    }
    s.push_str("\n## Thresholds\n\n");
    for r in RULES {
        s.push_str(&format!("- `{}`: {}\n", r.id, threshold_words(r).join("; ")));
    }
    s
}

/// The questionnaire definitions (items, options, bands, attribution) as JSON.
pub fn questionnaires_json() -> String {
    to_json(&crate::questionnaires::QUESTIONNAIRES)
}

/// The protocols table (id, title, when it applies, actions, recheck, source, unverified) as JSON.
pub fn protocols_json() -> String {
    #[derive(Serialize)]
    struct P<'a> {
        id: &'a str,
        domain: crate::protocols::Domain,
        title: &'a str,
        applies_when: &'a str,
        actions: &'a [&'a str],
        recheck_in_days: Option<u32>,
        source: &'a str,
        unverified: Option<&'a str>,
    }
    let out: Vec<P<'_>> = crate::protocols::PROTOCOLS
        .iter()
        .map(|p| P {
            id: p.id,
            domain: p.domain,
            title: p.title,
            applies_when: p.applies_when,
            actions: p.actions,
            recheck_in_days: p.recheck_in_days,
            source: p.source,
            unverified: p.unverified,
        })
        .collect();
    to_json(&out)
}

/// The recheck plan of a Record at `now_iso` as an iCalendar document (RFC 5545).
#[cfg(feature = "extras")]
pub fn plan_ics(record_json: &str, now_iso: &str) -> Result<String, String> {
    let parsed = parse_json(record_json)?;
    let now = now_arg(now_iso)?;
    let a = assess(&parsed.record, now, &parsed.issues);
    Ok(crate::ics::plan_to_ics(&a.plan, now))
}

/// A Record as a FHIR R4 patient-summary document Bundle (JSON), assessed at `now_iso` for the
/// plan of care and the alerts.
#[cfg(feature = "extras")]
pub fn fhir_export(record_json: &str, now_iso: &str) -> Result<String, String> {
    let parsed = parse_json(record_json)?;
    let now = now_arg(now_iso)?;
    let a = assess(&parsed.record, now, &parsed.issues);
    Ok(to_json(&crate::fhir::summary_bundle(&parsed.record, &a, now)))
}

/// The FHIR R4 `transaction` Bundle Hale sends a care team for a whole Record at `now`, with the
/// options JSON of `fhir::transaction::Options::from_json` (whom it is for, what was sent before).
#[cfg(feature = "extras")]
pub fn fhir_transaction(record_json: &str, now_iso: &str, options_json: &str) -> Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(options_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let options = crate::fhir::transaction::Options::from_json(&v).map_err(|i| to_json(&i))?;
    let parsed = parse_json(record_json)?;
    let now = now_arg(now_iso)?;
    let a = assess(&parsed.record, now, &parsed.issues);
    Ok(to_json(&crate::fhir::transaction::transaction(&parsed.record, &a, &options, now)))
}

/// The outbox (`fhir::outbox`): what of the record the practice's server has not acknowledged in
/// `sent_json` (the acknowledgements kept so far, an object), in batches, urgent flags first:
/// `{"batches": [{"bundle", "acknowledge", "flags", "waiting"}], "waiting"}`.
#[cfg(feature = "extras")]
pub fn fhir_outbox(record_json: &str, now_iso: &str, options_json: &str, sent_json: &str) -> Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(options_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let options = crate::fhir::transaction::Options::from_json(&v).map_err(|i| to_json(&i))?;
    let sent: serde_json::Value =
        serde_json::from_str(sent_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let parsed = parse_json(record_json)?;
    let now = now_arg(now_iso)?;
    let a = assess(&parsed.record, now, &parsed.issues);
    let bundle = crate::fhir::transaction::transaction(&parsed.record, &a, &options, now);
    let stamp = crate::time::fmt_instant(now);
    let sent = crate::fhir::outbox::sent_state(&sent);
    let o = crate::fhir::outbox::outbox(&bundle, &sent, &options, &stamp, crate::fhir::outbox::BATCH);
    Ok(to_json(&crate::fhir::outbox::to_json(&o)))
}

/// What a FHIR server's answer to a batch means (`fhir::transaction::read_response`):
/// `{"result": "stored" | "later" | "sign_in" | "refused", "words"}`.
#[cfg(feature = "extras")]
pub fn fhir_answer(status: u16, body: &str, sent: usize) -> String {
    use crate::fhir::transaction::{read_response, Sent};
    let (result, words) = match read_response(status, body, sent) {
        Sent::Stored { .. } => ("stored", String::new()),
        Sent::Later(w) => ("later", w),
        Sent::SignIn(w) => ("sign_in", w),
        Sent::Refused(w) => ("refused", w),
    };
    to_json(&serde_json::json!({ "result": result, "words": words }))
}

/// What the person reads about sharing with `practice` (`fhir::outbox::status_words`), from what is
/// waiting (`{"entries", "readings", "resources"}`), when it last sent (as people read times) and
/// what stopped the last try.
#[cfg(feature = "extras")]
pub fn fhir_outbox_words(practice: &str, waiting_json: &str, last_sent: Option<&str>, problem: Option<&str>) -> String {
    let v: serde_json::Value = serde_json::from_str(waiting_json).unwrap_or_default();
    let w = crate::fhir::outbox::Waiting::from_json(&v);
    crate::fhir::outbox::status_words(practice, &w, last_sent, problem)
}

/// The care team's worklist at `now_iso` from the searchset Bundles a FHIR server answered with
/// (a JSON array: the monitoring summaries with their Patients, and the review Tasks): the rows in
/// page order (`worklist::row_json`), or the issues when the input is not such an array.
#[cfg(feature = "extras")]
pub fn worklist_json(bundles_json: &str, now_iso: &str) -> Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(bundles_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let Some(bundles) = v.as_array() else {
        return Err(to_json(&vec![Issue::error(
            IssueCode::Malformed,
            "bundles",
            "Expected a JSON array of FHIR searchset Bundles.",
        )]));
    };
    let now = now_arg(now_iso)?;
    let (rows, _issues) = crate::worklist::rows(bundles, now);
    Ok(to_json(&rows.iter().map(crate::worklist::row_json).collect::<Vec<_>>()))
}

/// The searches that page the care team's worklist at `now_iso` (`worklist::searches`) for a filter
/// (`{"category"?: code, "condition"?: code, "patients"?: [server ids]}`), as JSON: `[{query, whole,
/// categories}]`, in the order to fetch them.
#[cfg(feature = "extras")]
pub fn worklist_searches_json(now_iso: &str, filter_json: &str) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    let v: serde_json::Value =
        serde_json::from_str(filter_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let bad = |m: &str| to_json(&vec![Issue::error(IssueCode::BadArgument, "filter", m)]);
    let category = match v["category"].as_str() {
        None => None,
        Some(c) => Some(
            crate::monitoring::CATEGORIES
                .iter()
                .find(|d| d.code == c)
                .map(|d| d.category)
                .ok_or_else(|| bad("Unknown category."))?,
        ),
    };
    let condition = match v["condition"].as_str() {
        None => None,
        Some(c) => Some(crate::vocab::Condition::parse(c).ok_or_else(|| bad("Unknown condition."))?),
    };
    let patients =
        v["patients"].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect::<Vec<_>>());
    let searches = crate::worklist::searches(now, &crate::worklist::Filter { category, condition, patients });
    Ok(to_json(
        &searches
            .iter()
            .map(|s| {
                serde_json::json!({
                    "query": s.query,
                    "whole": s.whole,
                    "categories": s.categories.iter().map(|c| c.def().code).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>(),
    ))
}

/// Checks an enrolment link (`#/connect/…`) at `now` against the care-team origins the deployment
/// permits: the invitation as JSON, or the reasons it was refused (issues JSON).
#[cfg(feature = "extras")]
pub fn enrol_check(link: &str, now_iso: &str, permitted: &[String]) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    let e = crate::enrol::parse_link(link, now, permitted).map_err(|i| to_json(&i))?;
    Ok(to_json(&e.to_json()))
}

/// Makes an enrolment link token from an invitation's JSON (the shape `enrol_check` returns), for
/// a practice's tools and for tests.
#[cfg(feature = "extras")]
pub fn enrol_make(invitation_json: &str) -> Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(invitation_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let expires = crate::time::parse_rfc3339(&text("expires")).ok_or_else(|| {
        to_json(&vec![Issue::error(IssueCode::Malformed, "expires", "expires must be an RFC 3339 instant.")])
    })?;
    Ok(crate::enrol::make_token(&crate::enrol::Enrolment {
        practice: text("practice"),
        fhir_base: text("fhir"),
        auth_base: text("auth"),
        client_id: text("client_id"),
        patient_id: text("patient"),
        expires,
        asks_name: v["ask"]["name"].as_bool().unwrap_or(false),
        asks_birth_date: v["ask"]["birth_date"].as_bool().unwrap_or(false),
    }))
}

/// A FHIR R4 Bundle read into a Record: `{"record": …, "issues": […]}` (what was left out and why).
#[cfg(feature = "extras")]
pub fn fhir_import(bundle_json: &str) -> Result<String, String> {
    normalize_json(bundle_json)
}

/// Seals stored rows of `store` (a JSON array) under `key`, a nonce of `nonces` each (12 bytes a
/// row, from the caller's random source); the sealed rows as a JSON array, or the reason.
#[cfg(feature = "extras")]
pub fn lock_seal_rows(key: &[u8], nonces: &[u8], store: &str, rows_json: &str) -> Result<String, String> {
    use crate::lock::{seal_row, LockError, NONCE_BYTES};
    let bad = |e: LockError| to_json(&vec![Issue::error(IssueCode::BadArgument, "rows", e.message())]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(rows_json).map_err(|_| bad(LockError::Malformed))?;
    if nonces.len() != rows.len() * NONCE_BYTES {
        return Err(bad(LockError::BadRandom));
    }
    let sealed = rows
        .iter()
        .zip(nonces.chunks(NONCE_BYTES))
        .map(|(row, nonce)| seal_row(key, nonce, store, row))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    Ok(serde_json::Value::Array(sealed).to_string())
}

/// Opens stored rows of `store` (a JSON array; clear rows come back as they are) under `key`; the
/// reason when one does not open.
#[cfg(feature = "extras")]
pub fn lock_open_rows(key: &[u8], store: &str, rows_json: &str) -> Result<String, String> {
    use crate::lock::{open_row, LockError};
    let bad = |e: LockError| to_json(&vec![Issue::error(IssueCode::BadArgument, "rows", e.message())]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(rows_json).map_err(|_| bad(LockError::Malformed))?;
    let opened = rows.iter().map(|row| open_row(key, store, row)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
    Ok(serde_json::Value::Array(opened).to_string())
}

/// Opens a backup protected with a passphrase (`hale.sealed-backup/1`): the text sealed in it (a
/// Record), or why not as issues JSON (not such a backup, a cost outside what Hale accepts, the
/// wrong passphrase or a changed file). The passphrase as typed, in Unicode NFC.
#[cfg(feature = "extras")]
pub fn backup_open(text: &str, passphrase: &str) -> Result<String, String> {
    use crate::lock::{backup_kdf, derive_key, open_backup, LockError};
    let bad = |field: &str, e: LockError| to_json(&vec![Issue::error(IssueCode::BadArgument, field, e.message())]);
    let (salt, cost) = backup_kdf(text).ok_or_else(|| bad("", LockError::Malformed))?;
    let key = derive_key(passphrase, &salt, cost).map_err(|e| bad("", e))?;
    open_backup(&key, text).map_err(|e| bad("passphrase", e))
}

/// Seals a summary (text) into a share-link token with 44 random bytes from the caller.
#[cfg(feature = "extras")]
pub fn share_seal(text: &str, random: &[u8]) -> Result<String, String> {
    crate::share::seal(text.as_bytes(), random)
        .map_err(|e| to_json(&vec![Issue::error(IssueCode::BadArgument, "random", e.message())]))
}

/// Opens a share-link token to the summary text; `Err` carries the reason as issues JSON (a
/// changed, damaged or foreign link is never opened).
#[cfg(feature = "extras")]
pub fn share_open(token: &str) -> Result<String, String> {
    let fail = |e: crate::share::ShareError| to_json(&vec![Issue::error(IssueCode::Malformed, "link", e.message())]);
    let bytes = crate::share::open(token).map_err(fail)?;
    String::from_utf8(bytes).map_err(|_| fail(crate::share::ShareError::Corrupt))
}

/// Reads what the share page sends: the Record and the person's choices (with `now`).
#[cfg(feature = "extras")]
fn share_request(
    record_json: &str,
    options_json: &str,
) -> Result<(crate::parse::Parsed, crate::summary::Options, chrono::DateTime<chrono::Utc>), String> {
    let parsed = parse_json(record_json)?;
    let options: Value = serde_json::from_str(options_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let now = now_arg(options.get("now").and_then(Value::as_str).unwrap_or(""))?;
    let o = crate::summary::Options::from_json(&options, now)
        .map_err(|m| to_json(&vec![Issue::error(IssueCode::BadArgument, "options", m)]))?;
    Ok((parsed, o, now))
}

/// The summary of a record with the person's choices, assessed at `now` (`issues`: what reading
/// the record reported, carried into the assessment).
#[cfg(feature = "extras")]
pub fn summary_of_record(
    record: &crate::record::Record,
    issues: &[Issue],
    o: &crate::summary::Options,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::summary::Summary {
    let a = assess(record, now, issues);
    crate::summary::build(record, &a, o, now)
}

/// A preview of the summary a link would carry (the review view as JSON, plus `"bytes"`: the size
/// of its binary encoding), without sealing it.
#[cfg(feature = "extras")]
pub fn summary_preview(record_json: &str, options_json: &str) -> Result<String, String> {
    let (parsed, o, now) = share_request(record_json, options_json)?;
    let s = summary_of_record(&parsed.record, &parsed.issues, &o, now);
    let mut v = crate::summary::view(&s, s.created);
    v["bytes"] = Value::from(crate::summary::encode(&s).len());
    Ok(to_json(&v))
}

/// A sealed share link's token and the review view it carries.
#[cfg(feature = "extras")]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sealed {
    /// `v1.<payload>.<key>`; the link is `<origin>/#/review/<token>`.
    pub token: String,
    /// What the care team will see (the review view).
    pub view: Value,
}

/// Builds, encodes and seals the summary of a record with 44 random bytes (a key and a nonce);
/// `Err` when the random bytes are not 44.
#[cfg(feature = "extras")]
pub fn seal_summary(
    record: &crate::record::Record,
    issues: &[Issue],
    o: &crate::summary::Options,
    now: chrono::DateTime<chrono::Utc>,
    random: &[u8],
) -> Result<Sealed, Vec<Issue>> {
    let s = summary_of_record(record, issues, o, now);
    let token = crate::share::seal(&crate::summary::encode(&s), random)
        .map_err(|e| vec![Issue::error(IssueCode::BadArgument, "random", e.message())])?;
    Ok(Sealed { token, view: crate::summary::view(&s, s.created) })
}

/// Builds, encodes and seals a summary with 44 random bytes: `{"token": "v1.<payload>.<key>",
/// "view": …}`. The link is `<origin>/#/review/<token>`.
#[cfg(feature = "extras")]
pub fn summary_seal(record_json: &str, options_json: &str, random: &[u8]) -> Result<String, String> {
    let (parsed, o, now) = share_request(record_json, options_json)?;
    seal_summary(&parsed.record, &parsed.issues, &o, now, random).map(|s| to_json(&s)).map_err(|i| to_json(&i))
}

/// The FHIR R4 summary Bundle a person shares as a file, with their choices applied: no name unless
/// `identity`, no notes unless `notes`, no care plan unless `care_plan`. It carries the whole record
/// (clinical systems need every reading to work out the same results; the date of birth stays, as
/// they need it to match the person), assessed at `now`.
#[cfg(feature = "extras")]
pub fn summary_bundle(
    record: &crate::record::Record,
    issues: &[Issue],
    o: &crate::summary::Options,
    now: chrono::DateTime<chrono::Utc>,
) -> Value {
    let mut r = record.clone();
    if !o.identity {
        r.profile.name = None;
    }
    if !o.care_plan {
        r.profile.care_plan = None;
    }
    if !o.notes {
        r.observations.iter_mut().for_each(|x| x.note = None);
        r.symptoms.iter_mut().for_each(|x| x.note = None);
    }
    let a = assess(&r, now, issues);
    crate::fhir::summary_bundle(&r, &a, now)
}

/// `summary_bundle` for JSON text in and out (the CLI and the JS package).
#[cfg(feature = "extras")]
pub fn summary_fhir(record_json: &str, options_json: &str) -> Result<String, String> {
    let (parsed, o, now) = share_request(record_json, options_json)?;
    Ok(to_json(&summary_bundle(&parsed.record, &parsed.issues, &o, now)))
}

/// Opens a share-link token at `now` to the review view. `Err` carries one issue whose message
/// says, in plain words, why nothing is shown: changed or damaged, another version, or expired.
#[cfg(feature = "extras")]
pub fn open_summary(token: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Value, Vec<Issue>> {
    use crate::share::ShareError;
    use crate::summary::DecodeError;
    let fail = |m: String| vec![Issue::error(IssueCode::Malformed, "link", m)];
    let bytes = crate::share::open(token.trim()).map_err(|e| fail(e.message()))?;
    let s = crate::summary::decode(&bytes).map_err(|e| match e {
        DecodeError::UnknownFormat(f) => fail(ShareError::UnknownVersion(format!("summary format {f}")).message()),
        DecodeError::Invalid => fail(ShareError::Corrupt.message()),
    })?;
    if let Some(exp) = s.expires.filter(|e| now > *e) {
        return Err(vec![Issue::error(
            IssueCode::Stale,
            "link",
            format!(
                "This summary stopped opening on {} (the person chose how long it lasts). Ask them to share it again.",
                exp.format("%-d %b %Y")
            ),
        )]);
    }
    Ok(crate::summary::view(&s, now))
}

/// `open_summary` for JSON text (the CLI and the JS package).
#[cfg(feature = "extras")]
pub fn summary_open(token: &str, now_iso: &str) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    open_summary(token, now).map(|v| to_json(&v)).map_err(|i| to_json(&i))
}

/// Reads a FHIR R4 Bundle (or a Record) as a summary for the review page: everything in it, made
/// at the Bundle's `timestamp` (else `now`), no expiry.
#[cfg(feature = "extras")]
pub fn summary_of_file(document_json: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Value, Vec<Issue>> {
    let value: Value = serde_json::from_str(document_json).map_err(|e| vec![crate::parse::not_json(&e)])?;
    let parsed = read_document(&value)?;
    let made = value
        .get("timestamp")
        .and_then(Value::as_str)
        .and_then(crate::time::parse_rfc3339)
        .filter(|t| *t <= now)
        .unwrap_or(now);
    let r = &parsed.record;
    let first = r
        .observations
        .iter()
        .map(|o| o.at)
        .chain(r.symptoms.iter().map(|s| s.at))
        .chain(r.questionnaires.iter().map(|q| q.at))
        .min()
        .unwrap_or(made);
    let o = crate::summary::Options {
        from: first.date_naive().min(made.date_naive()),
        to: made.date_naive(),
        kinds: crate::vocab::ObsKind::ALL.to_vec(),
        notes: true,
        identity: true,
        expires_days: None,
        care_plan: true,
        score: Some(true),
    };
    let s = summary_of_record(r, &parsed.issues, &o, made);
    Ok(crate::summary::view(&s, now))
}

/// `summary_of_file` for JSON text (the CLI and the JS package).
#[cfg(feature = "extras")]
pub fn summary_from_file(document_json: &str, now_iso: &str) -> Result<String, String> {
    let now = now_arg(now_iso)?;
    summary_of_file(document_json, now).map(|v| to_json(&v)).map_err(|i| to_json(&i))
}

/// A QR code (SVG) of `text`, or the issue saying it is too long to scan reliably.
#[cfg(feature = "extras")]
pub fn qr(text: &str) -> Result<String, Vec<Issue>> {
    crate::summary::qr_svg(text).ok_or_else(|| {
        vec![Issue::error(
            IssueCode::BadArgument,
            "text",
            "This is too long for a QR code that scans reliably.".to_string(),
        )]
    })
}

/// `qr` for the CLI and the JS package (`Err`: issues as JSON).
#[cfg(feature = "extras")]
pub fn qr_svg(text: &str) -> Result<String, String> {
    qr(text).map_err(|i| to_json(&i))
}

/// The minor-illness pathways (questions, eligibility, sources) as JSON.
#[cfg(feature = "extras")]
pub fn pathways_json() -> String {
    to_json(&crate::minor_illness::PATHWAYS)
}

/// Evaluates a pathway: `{"pathway": "uti", "age": 30, "sex": "female", "pregnant": false,
/// "yes": ["dysuria"]}` → the outcome as JSON.
#[cfg(feature = "extras")]
pub fn triage_json(request_json: &str) -> Result<String, String> {
    let bad = |m: &str| to_json(&vec![Issue::error(IssueCode::Malformed, "", m.to_string())]);
    let v: Value = serde_json::from_str(request_json).map_err(|e| to_json(&vec![crate::parse::not_json(&e)]))?;
    let id = v["pathway"].as_str().ok_or_else(|| bad("\"pathway\" is missing"))?;
    let p = crate::minor_illness::pathway(id).ok_or_else(|| bad("unknown pathway"))?;
    let age = v["age"]
        .as_u64()
        .and_then(|a| u32::try_from(a).ok())
        .ok_or_else(|| bad("\"age\" must be a whole number of years"))?;
    let sex = v["sex"].as_str().and_then(crate::vocab::Sex::parse);
    let pregnant = v["pregnant"].as_bool().unwrap_or(false);
    let yes: Vec<&str> = v["yes"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let out =
        crate::minor_illness::triage(p, &crate::minor_illness::Answers { age: Some(age), sex, pregnant, yes: &yes });
    Ok(to_json(&out))
}

/// Reads a Record (validating it) and returns `{"record": <the valid content, as written by Hale>,
/// "issues": [...]}` — what an import stores and what it reports as skipped.
pub fn normalize_json(record_json: &str) -> Result<String, String> {
    let parsed = parse_json(record_json)?;
    Ok(to_json(&serde_json::json!({
        "record": crate::write::record_to_value(&parsed.record),
        "issues": parsed.issues,
    })))
}
