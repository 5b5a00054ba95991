//! The care team's review page: opens a share link (`#/review/v1.<payload>.<key>`, typed, pasted or
//! scanned from a QR code) or a FHIR file (file picker or drag and drop), entirely in this browser
//! and offline. A changed, damaged, foreign or expired link shows why and nothing else. Nothing is
//! stored unless the reviewer chooses "Keep this summary"; kept summaries are listed, each
//! deletable.

use std::rc::Rc;

use serde_json::{json, Value};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::bindings;
use crate::components::summary_view::SummaryView;
use crate::components::ui::{page_title, status};
use crate::context::AppContext;
use crate::i18n::{f, ff, F};
use crate::platform;
use crate::route::{navigate, Route};
use crate::store::{Store, Table};

/// Props.
#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    /// The token from the link, when the page was opened with one.
    #[prop_or_default]
    pub token: Option<String>,
}

#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Opening,
    Summary { view: Rc<Value>, kept: bool },
    Refused(String),
}

/// The token in whatever the reviewer pasted: a whole link or the token alone.
fn token_of(text: &str) -> String {
    let t = text.trim();
    t.rsplit_once("#/review/").map_or(t, |(_, tok)| tok).trim().to_string()
}

async fn kept_list(ctx: &AppContext) -> Vec<Value> {
    let Some(store) = ctx.store.clone() else { return Vec::new() };
    let mut all = store.all(Table::Kept).await.unwrap_or_default();
    all.sort_by(|a, b| b["kept_at"].as_str().cmp(&a["kept_at"].as_str()));
    all
}

/// The page.
#[function_component]
pub fn Review(props: &ReviewProps) -> Html {
    let ctx = crate::hooks::use_app();
    let shown = use_state(|| Shown::Nothing);
    let message = use_state(|| None::<String>);
    let kept = use_state(Vec::<Value>::new);
    let pasted = use_node_ref();
    let dragging = use_state(|| false);
    // Each answer (a summary, or why none is shown) is brought into view and focused once drawn.
    crate::hooks::use_reveal("review-result", (*shown).clone(), !matches!(*shown, Shown::Nothing));

    let open_token = {
        let shown = shown.clone();
        move |token: String| {
            shown.set(match hale_core::api::open_summary(&token, platform::now()) {
                Ok(view) => Shown::Summary { view: Rc::new(view), kept: false },
                Err(e) => Shown::Refused(bindings::reason_of(&e)),
            });
        }
    };
    {
        let open_token = open_token.clone();
        use_effect_with(props.token.clone(), move |t| {
            if let Some(t) = t.clone() {
                open_token(t);
            }
        });
    }
    {
        let (kept, ctx) = (kept.clone(), ctx.clone());
        let ready = ctx.as_ref().is_some_and(|c| c.store.is_some());
        use_effect_with(ready, move |_| {
            if let Some(ctx) = ctx {
                wasm_bindgen_futures::spawn_local(async move { kept.set(kept_list(&ctx).await) });
            }
        });
    }

    let on_open_pasted = {
        let pasted = pasted.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = pasted.cast::<HtmlInputElement>() else { return };
            let token = token_of(&input.value());
            if token.is_empty() {
                return;
            }
            // The link becomes the page's address, so the back button and a reload work.
            navigate(&Route::Review { token: Some(token) });
        })
    };
    let open_file = {
        let shown = shown.clone();
        move |file: web_sys::File| {
            let shown = shown.clone();
            shown.set(Shown::Opening);
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
                let Some(text) = text else {
                    return shown.set(Shown::Refused(f(F::ReviewFileUnreadable).into()));
                };
                shown.set(match hale_core::api::summary_of_file(&text, platform::now()) {
                    Ok(view) => Shown::Summary { view: Rc::new(view), kept: false },
                    Err(e) => Shown::Refused(ff(F::ReviewFileRefused, &[("reason", &bindings::reason_of(&e))])),
                });
            });
        }
    };
    let on_file = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|fl| fl.get(0)) {
                input.set_value("");
                open_file(file);
            }
        })
    };
    let on_drop = {
        let (open_file, dragging) = (open_file.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|fl| fl.get(0)) {
                open_file(file);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };

    let on_keep = {
        let (ctx, shown, kept, message) = (ctx.clone(), shown.clone(), kept.clone(), message.clone());
        Callback::from(move |_| {
            let Shown::Summary { view, .. } = (*shown).clone() else { return };
            let Some(ctx) = ctx.clone() else { return };
            let Some(store) = ctx.store.clone() else { return message.set(Some(f(F::ReviewStoreNotReady).into())) };
            let (shown, kept, message) = (shown.clone(), kept.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let entry = json!({
                    "id": platform::new_id("k"),
                    "kept_at": hale_core::time::fmt_instant(platform::now()),
                    "view": *view,
                });
                match store.put(Table::Kept, &entry).await {
                    Ok(()) => {
                        shown.set(Shown::Summary { view, kept: true });
                        kept.set(kept_list(&ctx).await);
                        message.set(Some(
                            if store.is_persistent() { f(F::ReviewKept) } else { f(F::ReviewKeptForNow) }.into(),
                        ));
                    }
                    Err(e) => message.set(Some(e.message())),
                }
            });
        })
    };
    let on_open_kept = {
        let shown = shown.clone();
        move |view: Value| {
            let shown = shown.clone();
            Callback::from(move |_| {
                shown.set(Shown::Summary { view: Rc::new(view.clone()), kept: true });
            })
        }
    };
    let on_delete_kept = {
        let (ctx, kept, message) = (ctx.clone(), kept.clone(), message.clone());
        move |id: String| {
            let (ctx, kept, message) = (ctx.clone(), kept.clone(), message.clone());
            Callback::from(move |_| {
                let Some(ctx) = ctx.clone() else { return };
                let Some(store) = ctx.store.clone() else { return };
                let (id, kept, message) = (id.clone(), kept.clone(), message.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match store.delete(Table::Kept, &id).await {
                        Ok(()) => {
                            kept.set(kept_list(&ctx).await);
                            message.set(Some(f(F::ReviewDeleted).into()));
                        }
                        Err(e) => message.set(Some(e.message())),
                    }
                });
            })
        }
    };
    let on_print = Callback::from(|_| bindings::print());

    let result = match &*shown {
        Shown::Nothing => html! {},
        Shown::Opening => html! { <p id="review-result" tabindex="-1" role="status">{ f(F::ReviewOpening) }</p> },
        Shown::Refused(why) => html! {
            <div id="review-result" tabindex="-1" class="notice notice--warning" role="alert">
                <h2>{ f(F::ReviewCannotOpen) }</h2>
                <p>{ why.clone() }</p>
            </div>
        },
        Shown::Summary { view, kept: is_kept } => html! {
            // The clinical content comes first; keeping and printing follow it.
            <div id="review-result" tabindex="-1">
                <SummaryView view={view.clone()} />
                <div class="notice no-print">
                    <p>{ f(F::ReviewMayBeOutOfDate) }</p>
                    <div class="button-row">
                        if *is_kept {
                            <p>{ f(F::ReviewIsKept) }</p>
                        } else {
                            <button type="button" class="button" onclick={on_keep}>{ f(F::ReviewKeep) }</button>
                        }
                        <button type="button" class="button button--secondary print-button" onclick={on_print}>{ f(F::SharePrint) }</button>
                    </div>
                </div>
            </div>
        },
    };

    html! {
        <>
            <div class="no-print">
                { page_title(f(F::ReviewHeading)) }
                if matches!(*shown, Shown::Nothing) { <p>{ f(F::ReviewIntro) }</p> }
            </div>
            { result }
            { status(&message) }
            <div class="no-print">
                <h2>{ f(F::ReviewOpenAnother) }</h2>
                <form class="review-open" onsubmit={on_open_pasted}>
                    <div class="form-group">
                        <label class="label" for="review-link">{ f(F::ReviewPasteLabel) }</label>
                        <input id="review-link" class="input" type="text" autocomplete="off" spellcheck="false" ref={pasted} />
                    </div>
                    <button type="submit" class="button">{ f(F::ReviewOpenLink) }</button>
                </form>
                <div class={classes!("dropzone", dragging.then_some("dropzone--over"))} ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <label class="label" for="review-file">{ f(F::ReviewFileLabel) }</label>
                    <input id="review-file" type="file" accept=".json,application/json,application/fhir+json" onchange={on_file} />
                    <p class="hint">{ f(F::ReviewDropHint) }</p>
                </div>
                <h2>{ f(F::ReviewKeptHeading) }</h2>
                if kept.is_empty() {
                    <p>{ f(F::ReviewNoneKept) }</p>
                } else {
                    <ul class="kept">
                        { for kept.iter().map(|k| {
                            let id = k["id"].as_str().unwrap_or_default().to_string();
                            let v = &k["view"];
                            let who = v["record"]["profile"]["name"].as_str().map_or_else(|| f(F::ReviewSomeone).to_string(), String::from);
                            let made = v["created"].as_str().and_then(hale_core::time::parse_rfc3339).map(platform::human_date).unwrap_or_default();
                            let label = ff(F::ReviewKeptItem, &[("who", &who), ("made", &made)]);
                            html! {
                                <li class="kept__item">
                                    <span>{ label.clone() }</span>
                                    <button type="button" class="button button--secondary" aria-label={ff(F::ReviewOpenKeptLabel, &[("item", &label)])} onclick={on_open_kept(v.clone())}>{ f(F::ReviewOpenKept) }</button>
                                    <button type="button" class="button button--secondary" aria-label={ff(F::ReviewDeleteKeptLabel, &[("item", &label)])} onclick={on_delete_kept(id)}>{ f(F::ReviewDelete) }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
        </>
    }
}
