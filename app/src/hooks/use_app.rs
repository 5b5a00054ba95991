//! `use_app`: the app's context (state, store and the actions that change stored data).
use yew::functional::Hook;
use yew::prelude::*;

use crate::context::AppContext;

/// The app's context, or `None` outside the app shell (a component rendered on its own).
///
/// Written as the context hook it returns rather than with `#[hook]`: with the macro, the release
/// build of the lite bundle lost the whole app (its wasm fell from 2.03 MB to 1.61 MB before
/// wasm-opt and no page rendered; the cause inside the macro's expansion was not traced). The
/// end-to-end tests fail at once if that happens again.
pub fn use_app() -> impl Hook<Output = Option<AppContext>> {
    use_context::<AppContext>()
}
