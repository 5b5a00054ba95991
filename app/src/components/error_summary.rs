//! The error summary at the top of a form (NHS.UK pattern): focused when shown, each error a
//! link to its field.
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::platform;

/// Props: (field id, message) pairs.
#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// Errors as (input id, message).
    pub errors: Vec<(String, String)>,
}

/// The summary.
#[function_component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    use_effect_with(props.errors.clone(), |e| {
        if !e.is_empty() {
            platform::focus_id("error-summary");
        }
    });
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
            <h2 class="error-summary__title" id="error-summary-title">{ t(T::ErrorSummaryTitle) }</h2>
            <ul class="error-summary__list">
                { for props.errors.iter().map(|(id, msg)| {
                    let target = id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| { e.prevent_default(); platform::focus_id(&target); });
                    html! { <li><a href={format!("#{id}")} {onclick}>{ msg.clone() }</a></li> }
                }) }
            </ul>
        </div>
    }
}
