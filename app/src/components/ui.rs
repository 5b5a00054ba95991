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

/// "Delete everything", asked twice: the button, then (while `confirm`) the warning with "Yes,
/// delete everything" and Cancel. Shared by the settings page and the locked screen.
#[cfg(feature = "full")]
pub fn delete_everything(
    confirm: bool,
    warning: &str,
    button: &str,
    on_delete: Callback<MouseEvent>,
    on_cancel: Callback<MouseEvent>,
) -> Html {
    use crate::i18n::{f, F};
    if confirm {
        html! {
            <div class="notice notice--warning" role="alert">
                <p><strong>{ warning.to_string() }</strong></p>
                <button type="button" class="button button--emergency" onclick={on_delete}>{ f(F::SettingsYesDeleteEverything) }</button>
                {" "}<button type="button" class="button button--secondary" onclick={on_cancel}>{ f(F::SettingsCancel) }</button>
            </div>
        }
    } else {
        html! { <button type="button" class="button button--secondary" onclick={on_delete}>{ button.to_string() }</button> }
    }
}
