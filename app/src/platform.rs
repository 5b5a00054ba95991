//! The browser side of things the core must not do: read the clock, make random ids, set the
//! page title, download a file. Failures are values, never panics.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsCast;

/// The current instant from the browser's clock.
pub fn now() -> DateTime<Utc> {
    let ms = js_sys::Date::now();
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// `n` random bytes from `crypto.getRandomValues` (falls back to `Math.random` only if the
/// Web Crypto API is missing, which no supported browser lacks).
pub fn random_bytes(n: usize) -> Vec<u8> {
    secure_random(n).unwrap_or_else(|| (0..n).map(|_| (js_sys::Math::random() * 256.0) as u8).collect())
}

/// `n` bytes from `crypto.getRandomValues`, or `None` when the browser has no such source (a share
/// link's key must never come from anything weaker).
pub fn secure_random(n: usize) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    ok.then_some(buf)
}

/// A new stable id such as `o-lq3k9x-8f2a1c`: a prefix, the time and random hex.
pub fn new_id(prefix: &str) -> String {
    let hex: String = random_bytes(6).iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{:x}-{hex}", js_sys::Date::now() as u64)
}

/// Sets `document.title`.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} \u{2013} Hale"));
    }
}

/// Moves keyboard and screen-reader focus to the element with this id (the page heading).
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Brings a result to the person: scrolls the element with this id to the top of the viewport and
/// moves keyboard and screen-reader focus to it (it carries `tabindex="-1"`).
pub fn reveal(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view_with_bool(true);
        let _ = el.focus();
    }
}

/// Parses a `datetime-local` value (local time) to an instant.
pub fn local_input_to_utc(value: &str) -> Option<DateTime<Utc>> {
    if value.trim().is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    if ms.is_nan() {
        return None;
    }
    DateTime::from_timestamp_millis(ms as i64)
}

/// Formats an instant as a `datetime-local` value in local time (minutes).
pub fn utc_to_local_input(t: DateTime<Utc>) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Formats an instant for people, in local time: "21 Nov 2026, 09:05".
pub fn human_time(t: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64));
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        MONTHS.get(d.get_month() as usize).copied().unwrap_or(""),
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Formats a date for people, in local time: "21 Nov 2026".
pub fn human_date(t: DateTime<Utc>) -> String {
    let full = human_time(t);
    full.split(',').next().unwrap_or_default().to_string()
}

/// Whether the page was opened embedded (`?embed=1`).
pub fn is_embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').split('&').any(|p| p == "embed=1"))
        .unwrap_or(false)
}

/// Lets the browser draw what was just set (a "working on it" message) before long work on this
/// thread: resolves after a zero-delay timeout.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Adds a performance mark (read by scripts/bench-start.mjs; harmless otherwise).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Dispatches a window event by name (used for the service-worker update prompt).
pub fn dispatch_window_event(name: &str) {
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = w.dispatch_event(&e);
    }
}

/// Offers a file to the person: Web Share with the file where the browser supports it is left to
/// the caller; this saves it as a download (an object URL on a temporary link).
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    // In the NHS App, whose web view cannot download a link, through the app's own downloader.
    if crate::bindings::nhs_app_download(filename, mime, content) {
        return Ok(());
    }
    let fail = |_| "Your browser could not save the file.".to_string();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("No document")?;
    let a: web_sys::HtmlAnchorElement =
        doc.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "No link".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Whether the page reads the stored record for the core worker (a portal's frame using the
/// person's own Hale data through the Storage Access API: `window.haleStoredRecord`, app/js/embed.js).
#[cfg(feature = "full")]
pub fn reads_for_worker() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str("haleStoredRecord")).ok())
        .is_some_and(|f| f.is_function())
}
