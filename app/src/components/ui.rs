//! Small shared building blocks, so pages stay short (and the WebAssembly small).
use crate::i18n::{t, T};
use yew::prelude::*;

/// The page heading (focused on navigation, for screen readers).
pub fn page_title(text: &str) -> Html {
    html! { <h1 id="page-title" tabindex="-1">{ text.to_string() }</h1> }
}

/// A bulleted list of strings.
pub fn bullets<S: AsRef<str>>(items: &[S]) -> Html {
    html! { <ul>{ for items.iter().map(|i| html! { <li>{ i.as_ref().to_string() }</li> }) }</ul> }
}

/// The "source" disclosure: citation and unverified mark.
pub fn source(text: &str, unverified: bool) -> Html {
    html! {
        <details class="flag__details">
            <summary>{t(T::UiWhereThisComesFrom)}</summary>
            <p>{ text.to_string() }</p>
            if unverified { <p class="flag__unverified">{ crate::i18n::t(crate::i18n::T::Unverified) }</p> }
        </details>
    }
}

/// A status line announced to screen readers.
pub fn status(message: &Option<String>) -> Html {
    html! { <p role="status" class="status" id="status-message" tabindex="-1">{ message.clone().unwrap_or_default() }</p> }
}
