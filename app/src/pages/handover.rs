//! In the lite bundle, a page it does not carry: load the full bundle and hand over to it.
use yew::prelude::*;

use crate::components::ui::page_title;
use crate::i18n::{t, T};

/// The page.
#[function_component]
pub fn Handover() -> Html {
    let failed = use_state(|| false);
    {
        let failed = failed.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if !crate::bindings::hand_over().await {
                    failed.set(true);
                }
            });
        });
    }
    if *failed {
        return html! {
            <>
                { page_title(t(T::HandoverThisPageCouldNotOpen)) }
                <p role="alert">{t(T::HandoverHaleCouldNotLoadThis)}</p>
            </>
        };
    }
    html! { <p class="loading" role="status">{ t(T::HandoverLoading) }</p> }
}
