//! In the lite bundle, a page it does not carry: load the full bundle and hand over to it.
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::components::ui::page_title;
use crate::i18n::{t, T};

#[wasm_bindgen(module = "/js/bridge.js")]
extern "C" {
    #[wasm_bindgen(js_name = handOver)]
    fn hand_over() -> js_sys::Promise;
}

/// The page.
#[function_component]
pub fn Handover() -> Html {
    let failed = use_state(|| false);
    {
        let failed = failed.clone();
        use_effect_with((), move |_| {
            let p = hand_over();
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(p).await.is_err() {
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
