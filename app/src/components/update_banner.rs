//! "Update available — reload": shown when a new version of the app is waiting.
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::platform;

/// The banner.
#[function_component]
pub fn UpdateBanner() -> Html {
    let onclick = Callback::from(|_| platform::dispatch_window_event("hale:apply-update"));
    html! {
        <div class="update-banner" role="status">
            <p><strong>{ t(T::UpdateAvailable) }</strong></p>
            <button type="button" class="button button--secondary" {onclick}>{ t(T::UpdateReload) }</button>
        </div>
    }
}
