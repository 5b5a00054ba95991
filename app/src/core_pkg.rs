//! Calls into the core's JS/WASM package (`/pkg/`), loaded on first use. It carries the features
//! the app's first load does not need (calendar export, the minor-illness checker, FHIR, sharing);
//! the service worker precaches it, so it works offline.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/bridge.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = haleCall)]
    async fn hale_call(name: &str, a: &str, b: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = haleCall3)]
    async fn hale_call3(name: &str, a: &str, b: &str, c: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = haleCopy)]
    async fn hale_copy(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = haleShare)]
    async fn hale_share(title: &str, url: &str, file_name: &str, file_text: &str) -> JsValue;
    #[wasm_bindgen(js_name = halePrint)]
    fn hale_print();
    #[wasm_bindgen(catch, js_name = haleWorkerCall)]
    async fn hale_worker_call(name: &str, a: &str, b: Option<String>) -> Result<JsValue, JsValue>;
}

async fn in_worker(name: &str, a: &str, b: Option<String>) -> Result<String, String> {
    match hale_worker_call(name, a, b).await {
        Ok(v) => v.as_string().ok_or_else(|| "the core worker returned no text".to_string()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| "the core worker failed".to_string())),
    }
}

/// Calls, in the worker, a package function whose first argument is the person's record (the
/// dashboard's assessment, the share page's preview), then `b`. With `in_memory` `None` the worker
/// reads the record from IndexedDB itself, so the page's thread never serialises it; pass the
/// record when nothing is stored (IndexedDB unavailable, data kept in memory).
pub async fn on_record(name: &str, in_memory: Option<&hale_core::record::Record>, b: &str) -> Result<String, String> {
    match in_memory {
        Some(r) => in_worker(name, &hale_core::write::record_to_value(r).to_string(), Some(b.to_string())).await,
        None => in_worker(&format!("{name}Stored"), b, None).await,
    }
}

/// Calls a function of the package with up to two string arguments; `Err` carries the package's
/// error text (JSON issues) or a plain message when the package could not be loaded.
pub async fn call(name: &str, a: &str, b: &str) -> Result<String, String> {
    match hale_call(name, a, b).await {
        Ok(v) => v.as_string().ok_or_else(|| "the core package returned no text".to_string()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| {
            "Hale could not load part of itself. Check your connection once, then it works offline.".to_string()
        })),
    }
}

/// Calls a function of the package with two strings and bytes (sealing a share link).
pub async fn call_with_bytes(name: &str, a: &str, b: &str, c: &[u8]) -> Result<String, String> {
    match hale_call3(name, a, b, c).await {
        Ok(v) => v.as_string().ok_or_else(|| "the core package returned no text".to_string()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| {
            "Hale could not load part of itself. Check your connection once, then it works offline.".to_string()
        })),
    }
}

/// Copies text to the clipboard; `true` when it was copied.
pub async fn copy(text: &str) -> bool {
    hale_copy(text).await.as_bool().unwrap_or(false)
}

/// What came of a Web Share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shared {
    /// Shared.
    Done,
    /// The person closed the share sheet.
    Cancelled,
    /// This browser cannot share this.
    Unsupported,
}

/// Shares a link (`file_name` empty) or a file through the Web Share API.
pub async fn share(title: &str, url: &str, file_name: &str, file_text: &str) -> Shared {
    match hale_share(title, url, file_name, file_text).await.as_string().as_deref() {
        Some("shared") => Shared::Done,
        Some("cancelled") => Shared::Cancelled,
        _ => Shared::Unsupported,
    }
}

/// Opens the print dialogue.
pub fn print() {
    hale_print();
}

/// In plain words, why the package refused: the first issue's message of the JSON it threw (or the
/// text as it is, when it is not issues JSON).
pub fn reason(e: &str) -> String {
    serde_json::from_str::<serde_json::Value>(e)
        .ok()
        .and_then(|v| v[0]["message"].as_str().map(String::from))
        .unwrap_or_else(|| e.to_string())
}
