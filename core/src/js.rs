//! The JS/WASM API (feature `js`): the same JSON-in, JSON-out functions as the CLI, exported with
//! wasm-bindgen. Errors are thrown as a JSON string of issues (the CLI's stderr).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** An issue: what was left out, ignored or defaulted, and why. */
export interface Issue { severity: "error" | "warning" | "info"; code: string; field: string; message: string; }
"#;

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
