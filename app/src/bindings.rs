//! Every JavaScript binding of the app, in one place (app/js/bridge.js, and app/js/share.js for
//! what only full-bundle pages use): the core worker (the
//! core's JS package run off the page's thread, for the dashboard's assessment and the share
//! preview), the clipboard, Web Share, printing, and handing over from the lite bundle to the full
//! one. Everything else reaches the browser through web-sys, and the full bundle calls the core's
//! Rust API directly.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/bridge.js")]
extern "C" {
    #[wasm_bindgen(js_name = handOver)]
    fn hand_over_js() -> js_sys::Promise;
    #[wasm_bindgen(catch, js_name = haleWorkerCall)]
    async fn hale_worker_call(name: &str, a: &str, b: Option<String>) -> Result<JsValue, JsValue>;
}

// Only the full bundle's pages use these (a separate file, so the first load does not carry it).
#[wasm_bindgen(module = "/js/share.js")]
extern "C" {
    #[wasm_bindgen(js_name = haleCopy)]
    async fn hale_copy(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = haleShare)]
    async fn hale_share(title: &str, url: &str, file_name: &str, file_text: &str) -> JsValue;
    #[wasm_bindgen(js_name = halePrint)]
    fn hale_print();
    #[wasm_bindgen(js_name = haleNhsDownload)]
    fn hale_nhs_download(name: &str, mime: &str, text: &str) -> bool;
    #[wasm_bindgen(js_name = haleNhsCalendar)]
    fn hale_nhs_calendar(events_json: &str) -> bool;
}

// Only the care-team page uses these (full bundle): sign-in and sending to a practice.
#[wasm_bindgen(module = "/js/care-team.js")]
extern "C" {
    #[wasm_bindgen(js_name = haleCareTeamOrigins)]
    async fn hale_care_team_origins() -> JsValue;
    #[wasm_bindgen(js_name = haleSmartStart)]
    async fn hale_smart_start(invitation: &str, consent: &str, scope: &str, permitted: &str) -> JsValue;
    #[wasm_bindgen(js_name = haleSmartFinish)]
    async fn hale_smart_finish() -> JsValue;
    #[wasm_bindgen(js_name = haleTeamWorklists)]
    async fn hale_team_worklists() -> JsValue;
    #[wasm_bindgen(js_name = haleTeamFetch)]
    async fn hale_team_fetch(method: &str, url: &str, token: &str, body: Option<String>, permitted: &str) -> JsValue;
}

#[cfg(feature = "full")]
/// Gives the core worker the lock's key (it reads and writes the person's sealed rows for the
/// dashboard and the outbox), or takes it away (`None`: it then reads nothing sealed).
pub async fn worker_key(key: Option<&[u8]>) {
    let text = key.map(hale_core::share::b64url_encode).unwrap_or_default();
    let _ = in_worker("lockKey", &text, None).await;
}

// Only the import page uses these (full bundle): Web Bluetooth cuffs and scales.
#[wasm_bindgen(module = "/js/bluetooth.js")]
extern "C" {
    #[wasm_bindgen(js_name = haleBluetoothAvailable)]
    fn hale_bluetooth_available() -> bool;
    #[wasm_bindgen(js_name = haleBluetoothConnect)]
    async fn hale_bluetooth_connect(kind: &str, on_bytes: &Closure<dyn FnMut(Vec<u8>, String)>) -> JsValue;
}

// Only the import page uses these (full bundle): reading a large export in a worker of its own.
#[wasm_bindgen(module = "/js/import.js")]
extern "C" {
    #[wasm_bindgen(js_name = haleImportStart)]
    async fn hale_import_start(
        file: &web_sys::File,
        now: &str,
        known_json: &str,
        on_progress: &Closure<dyn FnMut(f64, f64)>,
    ) -> JsValue;
    #[wasm_bindgen(js_name = haleImportStore)]
    async fn hale_import_store(key: &str) -> JsValue;
    #[wasm_bindgen(js_name = haleImportCancel)]
    fn hale_import_cancel();
}

/// What the import worker answered.
pub enum ImportAnswer {
    /// Read: the preview (JSON), how many readings and how many are not stored yet; the readings
    /// stay in the worker until the person brings them in (`import_store`).
    Read { preview: String, total: usize, fresh: usize },
    /// Stopped by the person.
    Cancelled,
    /// Not read, and why (the core's issues as JSON, or words).
    Failed(String),
}

/// Reads an Apple Health export in the import worker, calling `on_progress(bytes read, bytes in
/// all)`; `known` are the ids of the readings already stored.
pub async fn import_start(
    file: &web_sys::File,
    now: &str,
    known: &[&str],
    on_progress: &Closure<dyn FnMut(f64, f64)>,
) -> ImportAnswer {
    let known = serde_json::to_string(known).unwrap_or_default();
    let answer = hale_import_start(file, now, &known, on_progress).await;
    let get = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if get("ok").as_bool() == Some(true) {
        return ImportAnswer::Read {
            preview: get("preview").as_string().unwrap_or_default(),
            total: get("total").as_f64().unwrap_or_default() as usize,
            fresh: get("fresh").as_f64().unwrap_or_default() as usize,
        };
    }
    if get("cancelled").as_bool() == Some(true) {
        return ImportAnswer::Cancelled;
    }
    ImportAnswer::Failed(get("error").as_string().unwrap_or_default())
}

/// What bringing in the readings the import worker holds did.
pub enum ImportStored {
    /// The worker stored them itself, in one transaction that has committed.
    Stored(usize),
    /// The worker cannot reach this page's storage (a portal's frame using the person's own Hale
    /// data): the Record as JSON text, for the page to store.
    Record(String),
    /// Neither, and why.
    Failed(String),
}

#[cfg(feature = "full")]
/// Brings in what the import worker read (sealed with the lock's key when Hale is locked with a
/// passphrase).
pub async fn import_store(key: Option<&[u8]>) -> ImportStored {
    let key = key.map(hale_core::share::b64url_encode).unwrap_or_default();
    let answer = hale_import_store(&key).await;
    let get = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if let Some(n) = get("stored").as_f64() {
        return ImportStored::Stored(n as usize);
    }
    if let Some(text) = get("record").as_string() {
        return ImportStored::Record(text);
    }
    ImportStored::Failed(get("error").as_string().unwrap_or_default())
}

/// Stops the import being read (its answer is `cancelled`); nothing has been stored.
pub fn import_cancel() {
    hale_import_cancel();
}

/// Whether this browser has Web Bluetooth.
pub fn bluetooth_available() -> bool {
    hale_bluetooth_available()
}

/// Connects to a device of `kind` (`blood_pressure` or `weight`), calling `on_bytes` for each
/// measurement it sends; the answer as JSON (`{ok, name}` or `{ok: false, cancelled, error}`).
/// `on_bytes` must live as long as the page listens.
pub async fn bluetooth_connect(kind: &str, on_bytes: &Closure<dyn FnMut(Vec<u8>, String)>) -> serde_json::Value {
    let text = hale_bluetooth_connect(kind, on_bytes).await.as_string().unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// The practices whose teams may sign in to the worklist here (from /hale-config.json).
pub async fn team_worklists() -> Vec<serde_json::Value> {
    hale_team_worklists()
        .await
        .as_string()
        .and_then(|s| serde_json::from_str::<Vec<serde_json::Value>>(&s).ok())
        .unwrap_or_default()
}

/// A request of the team's worklist to a permitted origin: (HTTP status, 0 when none; the answer's
/// JSON, or null).
pub async fn team_fetch(
    method: &str,
    url: &str,
    token: &str,
    body: Option<String>,
    permitted: &[String],
) -> (u16, serde_json::Value) {
    let permitted = serde_json::Value::from(permitted.to_vec()).to_string();
    let text = hale_team_fetch(method, url, token, body, &permitted).await.as_string().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    (v["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(0), v["body"].clone())
}

/// The care-team origins the deployment permits (from /hale-config.json; none when unreadable).
pub async fn care_team_origins() -> Vec<String> {
    hale_care_team_origins()
        .await
        .as_string()
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .unwrap_or_default()
}

/// Starts the SMART sign-in (leaves the page); `Err` with a message when it could not start.
pub async fn smart_start(invitation: &str, consent: &str, scope: &str, permitted: &[String]) -> Result<(), String> {
    let permitted = serde_json::Value::from(permitted.to_vec()).to_string();
    let error = hale_smart_start(invitation, consent, scope, &permitted).await.as_string().unwrap_or_default();
    if error.is_empty() {
        Ok(())
    } else {
        Err(error)
    }
}

/// Finishes a sign-in that has come back (JSON, see app/js/care-team.js); `None` when none waits.
pub async fn smart_finish() -> Option<serde_json::Value> {
    let text = hale_smart_finish().await.as_string().unwrap_or_default();
    serde_json::from_str(&text).ok()
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

/// Asks the core worker to send what is waiting to the practice the person shares with, if any
/// (app/js/outbox.mjs: the core says what the server has not acknowledged; an urgent flag goes
/// first). Never waits: the person's own screen does not depend on the practice.
pub fn outbox_kick() {
    let at = hale_core::time::fmt_instant(crate::platform::now());
    wasm_bindgen_futures::spawn_local(async move {
        let _ = in_worker("outboxFlush", &at, None).await;
    });
}

/// Sends what is waiting (`flush`) or only says what is waiting, through the core worker:
/// `{enrolled, words, waiting, problem, kind ("later" | "sign_in" | "refused" | null)}`; `None`
/// when the worker could not answer.
#[cfg(feature = "full")]
pub async fn outbox(flush: bool) -> Option<serde_json::Value> {
    let at = hale_core::time::fmt_instant(crate::platform::now());
    let name = if flush { "outboxFlush" } else { "outboxStatus" };
    serde_json::from_str(&in_worker(name, &at, None).await.ok()?).ok()
}

/// In the lite bundle: loads the full bundle (and its styles), which unmounts the lite app and
/// starts itself; `false` when it could not be loaded.
pub async fn hand_over() -> bool {
    wasm_bindgen_futures::JsFuture::from(hand_over_js()).await.is_ok()
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

/// In the NHS App: hands a file to the app's downloader; `false` when not in the NHS App (or its
/// API has no downloader), and the caller downloads it the usual way.
pub fn nhs_app_download(name: &str, mime: &str, text: &str) -> bool {
    hale_nhs_download(name, mime, text)
}

/// In the NHS App: adds events (`[{"subject", "body", "start", "end"}]`, Unix seconds) to the
/// phone's calendar through the app; `false` when not there.
pub fn nhs_app_calendar(events: &serde_json::Value) -> bool {
    hale_nhs_calendar(&events.to_string())
}

/// Opens the print dialogue.
pub fn print() {
    hale_print();
}

/// In plain words, why the core refused: the first issue's message.
pub fn reason_of(issues: &[hale_core::issue::Issue]) -> String {
    issues.first().map(|i| i.message.clone()).unwrap_or_default()
}

/// In plain words, why the worker's package refused: the first issue's message of the JSON it
/// threw (or the text as it is, when it is not issues JSON).
pub fn reason(e: &str) -> String {
    serde_json::from_str::<serde_json::Value>(e)
        .ok()
        .and_then(|v| v[0]["message"].as_str().map(String::from))
        .unwrap_or_else(|| e.to_string())
}
