//! # hale-app
//!
//! Hale's Yew progressive web app. It holds no clinical logic: every check, score and piece of
//! advice comes from `hale-core`. Data stays on the device in IndexedDB (`store`).
//!
//! - `app`: the root component, layout and router;
//! - `route`: the one typed `Route` enum, its page titles;
//! - `state`: `AppState` (a pure reducer over `Action`s; clinical work delegated to the core);
//! - `store`: the `Store` trait, its IndexedDB and in-memory implementations, schema migrations
//!   and the versioned DTOs;
//! - `pages/`, `components/`, `hooks/`: one file per route, component and hook;
//! - `i18n`: every user-facing string, in one catalogue;
//! - `platform`: the browser's clock, random ids, downloads and other effects.

pub mod app;
pub mod components;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod route;
pub mod state;
pub mod store;

/// Mounts the app in `#app`, replacing the static shell that `index.html` shows while the
/// WebAssembly loads (same layout, so nothing jumps), or on the body if there is no shell.
pub fn run() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            el.set_inner_html("");
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
