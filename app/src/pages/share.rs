//! Share with your care team: choose what to include (range, kinds, notes, name and date of birth,
//! how long the link lasts), preview it, then copy a link, show its QR code, share it with the
//! Web Share API, download the FHIR file (or share it), or print. The link is sealed in this
//! browser by the core package with a fresh key from `crypto.getRandomValues`; no server sees it.

use std::rc::Rc;

use chrono::TimeDelta;
use hale_core::vocab::ObsKind;
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::bindings::{self, Shared};
use crate::components::summary_view::SummaryView;
use crate::components::ui::{page_title, status};
use crate::i18n::{f, ff, F};
use crate::platform;

#[derive(Clone, PartialEq)]
struct Choice {
    days: i64,
    /// Dates the person chose instead of "the last n days" (`YYYY-MM-DD`, from and to).
    custom: Option<(String, String)>,
    /// Kinds the person unticked (everything else is included, also kinds logged later).
    left_out: Vec<ObsKind>,
    notes: bool,
    /// "Put your name on it?": `None` until the person answers (no answer is chosen for them).
    identity: Option<bool>,
    care_plan: bool,
    /// The health score: `None` follows the default (only when complete).
    score: Option<bool>,
    expires_days: u32,
}

const RANGES: [i64; 4] = [7, 30, 90, 365];
/// How long a link may last, in days (the longest is the core's limit).
const EXPIRIES: [u32; 4] = [7, 30, 90, hale_core::summary::MAX_EXPIRES_DAYS];

/// The person's choices as the core's options JSON (what the worker's preview reads).
fn options_json(c: &Choice, now: chrono::DateTime<chrono::Utc>) -> Value {
    let to = now.date_naive();
    let (from, to) = c.custom.clone().unwrap_or_else(|| {
        (hale_core::time::fmt_date(to - TimeDelta::days(c.days - 1)), hale_core::time::fmt_date(to))
    });
    json!({
        "now": hale_core::time::fmt_instant(now),
        "from": from,
        "to": to,
        "kinds": ObsKind::ALL.iter().filter(|k| !c.left_out.contains(k)).map(|k| k.as_str()).collect::<Vec<_>>(),
        "notes": c.notes,
        "identity": c.identity.unwrap_or(false),
        "care_plan": c.care_plan,
        "score": c.score,
        "expires_days": c.expires_days,
    })
}

/// The person's choices as the core's typed options, or why they cannot be used (a range that
/// ends before it starts).
fn options(c: &Choice, now: chrono::DateTime<chrono::Utc>) -> Result<hale_core::summary::Options, String> {
    hale_core::summary::Options::from_json(&options_json(c, now), now)
}

/// The link for a token, on this app's origin.
pub fn link_for(token: &str) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}/#/review/{token}")
}

/// The preview: loading, ready, or why it cannot be made (a range that ends before it starts).
#[derive(Clone, PartialEq)]
enum Preview {
    Loading,
    Ready(Rc<Value>),
    Failed(String),
}

/// A link made: the link, its QR code (when it fits) and the view it carries.
#[derive(Clone, PartialEq)]
struct Made {
    link: String,
    qr: Option<String>,
}

/// The page.
#[function_component]
pub fn Share() -> Html {
    let ctx = crate::hooks::use_app();
    // The kinds the person has logged, in one pass over the readings (a long record has tens of
    // thousands), worked out again only when the record changes.
    let record_key = ctx.as_ref().map(|c| Rc::as_ptr(&c.state.record) as usize);
    let present = {
        let record = ctx.as_ref().map(|c| c.state.record.clone());
        use_memo(record_key, move |_| {
            let mut seen = [false; ObsKind::ALL.len()];
            for o in record.iter().flat_map(|r| r.observations.iter()) {
                if let Some(i) = ObsKind::ALL.iter().position(|k| *k == o.kind()) {
                    seen[i] = true;
                }
            }
            ObsKind::ALL.iter().zip(seen).filter(|(_, s)| *s).map(|(k, _)| *k).collect::<Vec<ObsKind>>()
        })
    };
    let choice = use_state(|| Choice {
        days: hale_core::summary::DEFAULT_RANGE_DAYS,
        custom: None,
        left_out: Vec::new(),
        notes: false,
        identity: None,
        care_plan: true,
        score: None,
        expires_days: hale_core::summary::DEFAULT_EXPIRES_DAYS,
    });
    let preview = use_state(|| Preview::Loading);
    let latest = use_mut_ref(|| 0u64);
    let made = use_state(|| None::<Made>);
    let message = use_state(|| None::<String>);
    let shown_qr = use_state(|| false);

    // The preview follows the choices (and the record, as readings are added).
    {
        let (preview, made, latest) = (preview.clone(), made.clone(), latest.clone());
        // With nothing stored (IndexedDB unavailable), or stored where the worker cannot open it,
        // the worker cannot read the record itself.
        let in_memory = ctx
            .as_ref()
            .filter(|c| {
                c.state.persistence != crate::state::Persistence::Stored
                    || !c.store.as_ref().is_some_and(|s| s.worker_can_read())
            })
            .map(|c| c.state.record.clone());
        use_effect_with(((*choice).clone(), record_key), move |(c, key)| {
            made.set(None);
            if key.is_some() {
                let opts = options_json(c, platform::now()).to_string();
                // Only the answer to the latest choice is shown (answers can arrive out of order).
                let seq = {
                    let mut n = latest.borrow_mut();
                    *n += 1;
                    *n
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = bindings::on_record("summaryPreview", in_memory.as_deref(), &opts).await;
                    if *latest.borrow() != seq {
                        return;
                    }
                    preview.set(match answer {
                        Ok(v) => serde_json::from_str(&v).map_or(Preview::Loading, |v| Preview::Ready(Rc::new(v))),
                        Err(e) => Preview::Failed(bindings::reason(&e)),
                    });
                });
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };

    let set = |g: fn(&mut Choice, &Event)| {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let mut c = (*choice).clone();
            g(&mut c, &e);
            choice.set(c);
        })
    };
    let on_range = set(|c, e| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        match s.value().parse() {
            Ok(days) => {
                c.days = days;
                c.custom = None;
            }
            Err(_) => {
                let to = platform::now().date_naive();
                let from = to - TimeDelta::days(c.days - 1);
                c.custom = Some((hale_core::time::fmt_date(from), hale_core::time::fmt_date(to)));
            }
        }
    });
    let on_from = set(|c, e| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        if let Some((from, _)) = c.custom.as_mut() {
            *from = v;
        }
    });
    let on_to = set(|c, e| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        if let Some((_, to)) = c.custom.as_mut() {
            *to = v;
        }
    });
    let today = hale_core::time::fmt_date(platform::now().date_naive());
    let on_expiry = set(|c, e| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        c.expires_days = s.value().parse().unwrap_or(hale_core::summary::DEFAULT_EXPIRES_DAYS);
    });
    let on_notes = set(|c, e| c.notes = e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_identity =
        |yes: bool| if yes { set(|c, _| c.identity = Some(true)) } else { set(|c, _| c.identity = Some(false)) };
    let on_care = set(|c, e| c.care_plan = e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_score = set(|c, e| c.score = Some(e.target_unchecked_into::<HtmlInputElement>().checked()));
    let score_complete = ctx
        .state
        .assessment
        .score
        .as_ref()
        .is_some_and(|s| hale_core::score::COMPONENTS.iter().all(|k| s.components.get(k).is_some()));
    let has_care_plan = ctx.state.record.profile.care_plan.as_ref().is_some_and(|p| !p.is_empty());
    // Nothing is made or printed until "Put your name on it?" is answered.
    let unanswered = {
        let (choice, message) = (choice.clone(), message.clone());
        move || {
            let open = choice.identity.is_none();
            if open {
                message.set(Some(f(F::ShareAnswerNameFirst).into()));
                platform::focus_id("share-identity-yes");
            }
            open
        }
    };
    let on_kind = {
        let choice = choice.clone();
        move |k: ObsKind| {
            let choice = choice.clone();
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut c = (*choice).clone();
                c.left_out.retain(|x| *x != k);
                if !on {
                    c.left_out.push(k);
                }
                choice.set(c);
            })
        }
    };

    let on_make = {
        let (choice, made, message, shown_qr, ctx) =
            (choice.clone(), made.clone(), message.clone(), shown_qr.clone(), ctx.clone());
        let unanswered = unanswered.clone();
        Callback::from(move |_| {
            if unanswered() {
                return;
            }
            let Some(random) = platform::secure_random(hale_core::share::RANDOM_BYTES) else {
                return message.set(Some(f(F::ShareNoSecureRandom).into()));
            };
            let now = platform::now();
            let o = match options(&choice, now) {
                Ok(o) => o,
                Err(e) => return message.set(Some(e)),
            };
            let record = ctx.state.record.clone();
            let (made, message, shown_qr) = (made.clone(), message.clone(), shown_qr.clone());
            // Sealing a long record takes a moment on a phone: "Sealing…" is drawn first.
            message.set(Some(f(F::ShareSealing).into()));
            wasm_bindgen_futures::spawn_local(async move {
                platform::yield_to_browser().await;
                match hale_core::api::seal_summary(&record, &[], &o, now, &random) {
                    Ok(sealed) => {
                        let link = link_for(&sealed.token);
                        let qr = hale_core::api::qr(&link).ok();
                        made.set(Some(Made { link, qr }));
                        shown_qr.set(false);
                        message.set(Some(f(F::ShareLinkReady).into()));
                        platform::focus_id("share-link");
                    }
                    Err(e) => message.set(Some(bindings::reason_of(&e))),
                }
            });
        })
    };
    let on_copy = {
        let (made, message) = (made.clone(), message.clone());
        Callback::from(move |_| {
            let Some(m) = (*made).clone() else { return };
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = bindings::copy(&m.link).await;
                message.set(Some(if ok { f(F::ShareCopied) } else { f(F::ShareCopyFailed) }.into()));
            });
        })
    };
    let on_share_link = {
        let (made, message) = (made.clone(), message.clone());
        Callback::from(move |_| {
            let Some(m) = (*made).clone() else { return };
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = bindings::share(f(F::ShareTitle), &m.link, "", "").await;
                message.set(Some(
                    match r {
                        Shared::Done => f(F::ShareShared),
                        Shared::Cancelled => f(F::ShareCancelled),
                        Shared::Unsupported => f(F::ShareUnsupported),
                    }
                    .into(),
                ));
            });
        })
    };
    let file_action = |share_it: bool| {
        let (choice, message, ctx) = (choice.clone(), message.clone(), ctx.clone());
        let unanswered = unanswered.clone();
        Callback::from(move |_| {
            if unanswered() {
                return;
            }
            let now = platform::now();
            let o = match options(&choice, now) {
                Ok(o) => o,
                Err(e) => return message.set(Some(e)),
            };
            let bundle = hale_core::api::to_json(&hale_core::api::summary_bundle(&ctx.state.record, &[], &o, now));
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = format!("hale-summary-{}.json", hale_core::time::fmt_date(platform::now().date_naive()));
                if share_it {
                    match bindings::share(f(F::ShareTitle), "", &name, &bundle).await {
                        Shared::Done => return message.set(Some(f(F::ShareShared).into())),
                        Shared::Cancelled => return message.set(Some(f(F::ShareCancelled).into())),
                        Shared::Unsupported => {}
                    }
                }
                message.set(Some(match platform::download(&name, "application/fhir+json", &bundle) {
                    Ok(()) => ff(F::ShareFileSaved, &[("name", &name)]),
                    Err(e) => e,
                }));
            });
        })
    };
    let on_download = file_action(false);
    let on_share_file = file_action(true);
    let on_print = {
        let unanswered = unanswered.clone();
        Callback::from(move |_| {
            if !unanswered() {
                bindings::print();
            }
        })
    };
    let on_show_qr = {
        let shown_qr = shown_qr.clone();
        Callback::from(move |_| shown_qr.set(!*shown_qr))
    };

    let c = &*choice;
    let bytes = match &*preview {
        Preview::Ready(p) => p["bytes"].as_u64(),
        _ => None,
    };
    html! {
        <>
            <div class="no-print">
                { page_title(f(F::ShareHeading)) }
                <p>{ f(F::ShareIntro) }</p>
                if present.is_empty() {
                    <p class="notice">{ f(F::ShareNothingYet) }</p>
                }
                <form class="share-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <div class="form-group">
                        <label class="label" for="share-range">{ f(F::ShareRange) }</label>
                        <select class="input" id="share-range" onchange={on_range}>
                            { for RANGES.iter().map(|d| html! { <option value={d.to_string()} selected={c.custom.is_none() && *d == c.days}>{ ff(F::ShareLastDays, &[("n", &d.to_string())]) }</option> }) }
                            <option value="custom" selected={c.custom.is_some()}>{ f(F::ShareChooseDates) }</option>
                        </select>
                    </div>
                    if let Some((from, to)) = &c.custom {
                        <div class="form-group">
                            <label class="label" for="share-from">{ f(F::ShareFrom) }</label>
                            <input class="input" type="date" id="share-from" value={from.clone()} max={today.clone()} onchange={on_from} />
                        </div>
                        <div class="form-group">
                            <label class="label" for="share-to">{ f(F::ShareTo) }</label>
                            <input class="input" type="date" id="share-to" value={to.clone()} max={today.clone()} onchange={on_to} />
                        </div>
                    }
                    if !present.is_empty() {
                        <fieldset class="fieldset form-group">
                            <legend class="fieldset__legend">{ f(F::ShareKinds) }</legend>
                            { for present.iter().map(|k| {
                                let id = format!("share-kind-{}", k.as_str());
                                html! {
                                    <div class="checkboxes__item">
                                        <input class="checkboxes__input" type="checkbox" id={id.clone()} checked={!c.left_out.contains(k)} onchange={on_kind(*k)} />
                                        <label class="label checkboxes__label" for={id}>{ hale_core::spec::kind_spec(*k).label }</label>
                                    </div>
                                }
                            }) }
                        </fieldset>
                    }
                    <div class="checkboxes__item">
                        <input class="checkboxes__input" type="checkbox" id="share-notes" checked={c.notes} onchange={on_notes} />
                        <label class="label checkboxes__label" for="share-notes">{ f(F::ShareNotes) }</label>
                    </div>
                    if has_care_plan {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="share-care" checked={c.care_plan} onchange={on_care} />
                            <label class="label checkboxes__label" for="share-care">{ f(F::ShareCarePlan) }</label>
                        </div>
                    }
                    if ctx.state.assessment.score.is_some() {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="share-score" checked={c.score.unwrap_or(score_complete)} onchange={on_score} />
                            <label class="label checkboxes__label" for="share-score">{ f(F::ShareScore) }</label>
                        </div>
                    }
                    <fieldset class="fieldset form-group" id="share-identity">
                        <legend class="fieldset__legend">{ f(F::ShareNameQuestion) }</legend>
                        <p class="hint">{ f(F::ShareIdentity) }</p>
                        <div class="radios radios--inline">
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="share-identity" id="share-identity-yes" checked={c.identity == Some(true)} onchange={on_identity(true)} />
                                <label class="label radios__label" for="share-identity-yes">{ f(F::ShareNameYes) }</label>
                            </div>
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="share-identity" id="share-identity-no" checked={c.identity == Some(false)} onchange={on_identity(false)} />
                                <label class="label radios__label" for="share-identity-no">{ f(F::ShareNameNo) }</label>
                            </div>
                        </div>
                    </fieldset>
                    <div class="form-group">
                        <label class="label" for="share-expiry">{ f(F::ShareExpiry) }</label>
                        <select class="input" id="share-expiry" onchange={on_expiry}>
                            { for EXPIRIES.iter().map(|d| html! { <option value={d.to_string()} selected={*d == c.expires_days}>{ ff(F::ShareDays, &[("n", &d.to_string())]) }</option> }) }
                        </select>
                    </div>
                </form>
                <p>{ f(F::ShareWhatTheyGet) }</p>
                <div class="button-row">
                    <button type="button" class="button" onclick={on_make}>{ f(F::ShareMakeLink) }</button>
                    <button type="button" class="button button--secondary" onclick={on_download}>{ f(F::ShareDownloadFhir) }</button>
                    <button type="button" class="button button--secondary" onclick={on_share_file}>{ f(F::ShareShareFile) }</button>
                    <button type="button" class="button button--secondary print-button" onclick={on_print}>{ f(F::SharePrint) }</button>
                </div>
                { status(&message) }
                if let Some(m) = &*made {
                    <section class="share-link" aria-labelledby="share-link-heading">
                        <h2 id="share-link-heading">{ f(F::ShareYourLink) }</h2>
                        <label class="label" for="share-link">{ f(F::ShareLinkLabel) }</label>
                        <input id="share-link" class="input share-link__url" type="text" readonly=true value={m.link.clone()} />
                        <p>{ ff(F::ShareLinkFacts, &[("n", &m.link.len().to_string()), ("days", &c.expires_days.to_string())]) }</p>
                        <div class="button-row">
                            <button type="button" class="button" onclick={on_copy}>{ f(F::ShareCopy) }</button>
                            <button type="button" class="button button--secondary" onclick={on_share_link}>{ f(F::ShareShareLink) }</button>
                            if m.qr.is_some() {
                                <button type="button" class="button button--secondary" aria-expanded={shown_qr.to_string()} aria-controls="share-qr" onclick={on_show_qr}>{ if *shown_qr { f(F::ShareHideQr) } else { f(F::ShareShowQr) } }</button>
                            }
                        </div>
                        if m.qr.is_none() {
                            <p>{ f(F::ShareTooLongForQr) }</p>
                        }
                        if let (Some(svg), true) = (&m.qr, *shown_qr) {
                            <figure id="share-qr" class="share-qr">
                                <div role="img" aria-label={f(F::ShareQrLabel)}>{ Html::from_html_unchecked(AttrValue::from(svg.clone())) }</div>
                                <figcaption>{ f(F::ShareQrCaption) }</figcaption>
                            </figure>
                        }
                    </section>
                }
                <h2>{ f(F::SharePreview) }</h2>
                if let Some(b) = bytes {
                    <p class="hint">{ ff(F::SharePreviewHint, &[("n", &b.to_string())]) }</p>
                }
            </div>
            { match &*preview {
                Preview::Ready(v) => html! {
                    <>
                        <SummaryView view={v.clone()} preview=true />
                        // On paper, the link's QR code (once made) opens the summary on a screen.
                        if let Some(svg) = made.as_ref().and_then(|m| m.qr.clone()) {
                            <figure class="print-only share-print-qr">
                                <div role="img" aria-label={f(F::ShareQrLabel)}>{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
                                <figcaption>{ ff(F::SharePrintQrCaption, &[("days", &c.expires_days.to_string())]) }</figcaption>
                            </figure>
                        }
                    </>
                },
                Preview::Loading => html! { <p class="no-print">{ f(F::ShareLoadingPreview) }</p> },
                Preview::Failed(why) => html! { <p class="notice notice--warning no-print" role="alert">{ why.clone() }</p> },
            } }
        </>
    }
}
