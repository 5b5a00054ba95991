//! In the lite bundle, a page it does not carry: load the full bundle and hand over to it.
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::components::ui::page_title;

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
                { page_title("This page could not open") }
                <p role="alert">{"Hale could not load this part of itself. If you are offline, connect once and try again: after that it works offline."}</p>
            </>
        };
    }
    html! { <p class="loading" role="status">{"Loading\u{2026}"}</p> }
}
