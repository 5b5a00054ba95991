//! Calls into the core's JS/WASM package (`/pkg/`), loaded on first use. It carries the features
//! the app's first load does not need (calendar export, the minor-illness checker, FHIR, sharing);
//! the service worker precaches it, so it works offline.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/bridge.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = haleCall)]
    async fn hale_call(name: &str, a: &str, b: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = haleWorkerCall)]
    async fn hale_worker_call(name: &str, a: &str, b: Option<String>) -> Result<JsValue, JsValue>;
}

async fn in_worker(name: &str, a: &str, b: Option<String>) -> Result<String, String> {
    match hale_worker_call(name, a, b).await {
        Ok(v) => v.as_string().ok_or_else(|| "the core worker returned no text".to_string()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| "the core worker failed".to_string())),
    }
}

/// Assesses the record as stored in IndexedDB, at `now`, with the whole core, in a worker (the
/// page's thread never serialises the record). Returns the Assessment JSON.
pub async fn assess_stored(now: &str) -> Result<String, String> {
    in_worker("assessStored", now, None).await
}

/// Assesses a record given as JSON, in the worker: for when nothing is stored (IndexedDB
/// unavailable, data kept in memory), so the worker could not read it itself.
pub async fn assess_given(record_json: &str, now: &str) -> Result<String, String> {
    in_worker("assess", record_json, Some(now.to_string())).await
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
