//! "Skip to main content": moves focus to `<main>` without touching the hash route.
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::platform;

/// The skip link.
#[function_component]
pub fn SkipLink() -> Html {
    let onclick = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        platform::focus_id("main");
    });
    html! { <a class="skip-link" href="#main" {onclick}>{ t(T::SkipToContent) }</a> }
}
