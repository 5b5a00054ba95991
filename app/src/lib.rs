//! # hale-app
//!
//! Hale's Yew progressive web app, built twice from this crate: the lite bundle (the first load:
//! shell, dashboard, logging, red-flag screens, urgent help; the core's red flags only) and, with
//! the `full` feature, the full bundle (every page, the whole core), which takes over on the first
//! visit to a page the lite bundle does not carry (`pages::handover`). It holds no clinical logic: every check, score and piece of
//! advice comes from `hale-core`. Data stays on the device in IndexedDB (`store`).
//!
//! - `app`: the root component, layout and router;
//! - `route`: the one typed `Route` enum, its page titles;
//! - `state`: `AppState` (a pure reducer over `Action`s; clinical work delegated to the core);
//! - `store`: the `Store` trait, its IndexedDB and in-memory implementations, schema migrations
//!   and the versioned DTOs;
//! - `pages/`, `components/`, `hooks/`: one file per route, component and hook;
//! - `i18n`: every user-facing string, in one catalogue;
//! - `lock`: the passphrase lock (full bundle): set, change, remove, unlock, idle lock;
//! - `platform`: the browser's clock, random ids, downloads and other effects.

pub mod app;
pub mod bindings;
#[cfg(feature = "full")]
pub mod care_team;
pub mod components;
pub mod context;
pub mod entry;
pub mod format;
pub mod hooks;
pub mod i18n;
#[cfg(feature = "full")]
pub mod lock;
pub mod pages;
pub mod platform;
pub mod route;
pub mod state;
pub mod store;

/// Mounts the app in `#app`, replacing what is there (the static shell `index.html` shows while
/// the WebAssembly loads, which has the same layout so nothing jumps).
fn mount() -> Option<yew::AppHandle<app::App>> {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"))?;
    root.set_inner_html("");
    Some(yew::Renderer::<app::App>::with_root(root).render())
}

/// Starts the lite bundle; it unmounts itself when the full bundle takes over.
pub fn run() {
    let Some(handle) = mount() else { return };
    if let Some(w) = web_sys::window() {
        gloo::events::EventListener::once(&w, "hale:unmount-lite", move |_| handle.destroy()).forget();
    }
}

/// Starts the full bundle (its `main`, run when the lite bundle's hand-over loads it): the lite
/// app unmounts first, then the full app mounts in its place.
#[cfg(feature = "full")]
pub fn start_full() {
    platform::dispatch_window_event("hale:unmount-lite");
    if let Some(handle) = mount() {
        // The full app stays for the rest of the session.
        std::mem::forget(handle);
    }
}
