//! `use_app`: the app's context (state, store and the actions that change stored data).
use yew::prelude::*;

use crate::context::AppContext;

/// The app's context, or `None` outside the app shell (a component rendered on its own).
#[hook]
pub fn use_app() -> Option<AppContext> {
    crate::hooks::use_app()
}
