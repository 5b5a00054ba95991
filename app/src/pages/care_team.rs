//! Share with your practice: a practice's invitation (`#/connect/<token>`) in plain words — who
//! will see what, how often it is sent, that advice and 999/111 guidance never wait for the
//! practice, and how to stop — then the SMART sign-in (app/js/care-team.js), or no thanks. Back
//! from the sign-in (`#/connect`), it keeps the enrolment and sends at once; afterwards the page
//! says what is waiting or when Hale last sent (the outbox in the core worker sends by itself
//! after each change), sends on request, and stops sharing ("what was already sent stays with
//! the practice").

use serde_json::{json, Value};
use yew::prelude::*;

use crate::care_team::{self, Outcome};
use crate::components::ui::{bullets, page_title};
use crate::i18n::{f, ff, F};
use crate::platform;

/// Props.
#[derive(Properties, PartialEq)]
pub struct CareTeamProps {
    /// The invitation's token, when opened from a practice's link.
    pub token: Option<String>,
}

#[derive(Clone, PartialEq)]
enum View {
    Loading,
    /// An invitation, read and checked (or why it cannot be used).
    Invitation(Result<hale_core::enrol::Enrolment, String>),
    /// Sharing with a practice.
    Sharing(Value),
    /// Not sharing (with what happened last, if anything).
    NotSharing,
}

fn invitation_json(e: &hale_core::enrol::Enrolment) -> Value {
    json!({
        "practice": e.practice, "fhir": e.fhir_base, "auth": e.auth_base, "client_id": e.client_id,
        "patient": e.patient_id, "expires": hale_core::time::fmt_instant(e.expires),
    })
}

/// Starts the SMART sign-in with a practice (leaves the page); says why when it cannot start.
/// Hale asks the practice for nothing about who the person is beyond its own reference number.
fn sign_in(
    invitation: Value,
    busy: UseStateHandle<bool>,
    message: UseStateHandle<Option<(String, bool)>>,
    origins: Vec<String>,
) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let invitation = invitation.to_string();
        let consent = json!({ "name": false, "birth_date": false }).to_string();
        let busy = busy.clone();
        let message = message.clone();
        let origins = origins.clone();
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(why) = crate::bindings::smart_start(&invitation, &consent, care_team::SCOPE, &origins).await {
                busy.set(false);
                message.set(Some((why, true)));
            }
        });
    })
}

/// The page.
#[function_component]
pub fn CareTeam(props: &CareTeamProps) -> Html {
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let view = use_state(|| View::Loading);
    let message = use_state(|| None::<(String, bool)>); // (words, urgent)
    let busy = use_state(|| false);
    // The last send said the sign-in has run out: offer to sign in again.
    let needs_sign_in = use_state(|| false);
    let origins = use_state(Vec::<String>::new);
    // What is waiting, or when Hale last sent (the outbox's words).
    let status = use_state(|| None::<String>);
    crate::hooks::use_reveal::use_reveal("care-team-result", (*message).clone(), message.is_some());

    {
        let view = view.clone();
        let message = message.clone();
        let origins = origins.clone();
        let store = ctx.store.clone();
        let status = status.clone();
        let needs_sign_in = needs_sign_in.clone();
        use_effect_with(props.token.clone(), move |token| {
            let token = token.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(store) = store else { return };
                let permitted = crate::bindings::care_team_origins().await;
                origins.set(permitted.clone());
                if let Some(t) = token {
                    let parsed = hale_core::enrol::parse_link(&t, platform::now(), &permitted)
                        .map_err(|issues| issues.first().map(|i| i.message.clone()).unwrap_or_default());
                    view.set(View::Invitation(parsed));
                    return;
                }
                // Back from the practice's sign-in?
                if let Some(done) = crate::bindings::smart_finish().await {
                    if done["ok"] == true {
                        let earlier = care_team::load(&store).await;
                        let enrolment = care_team::from_sign_in(&done, platform::now(), earlier.as_ref());
                        if let Err(e) = care_team::keep(&store, &enrolment).await {
                            message.set(Some((e, true)));
                            view.set(View::NotSharing);
                            return;
                        }
                        view.set(View::Sharing(enrolment.clone()));
                        let outcome = care_team::send().await;
                        needs_sign_in.set(outcome.sign_in);
                        message.set(Some((outcome.words, !outcome.stored)));
                        view.set(View::Sharing(care_team::load(&store).await.unwrap_or(enrolment)));
                        return;
                    }
                    message
                        .set(Some((done["error"].as_str().unwrap_or_default().to_string(), done["declined"] != true)));
                }
                match care_team::load(&store).await {
                    Some(e) => {
                        view.set(View::Sharing(e));
                        if let Some(o) = care_team::status().await {
                            needs_sign_in.set(o.sign_in);
                            status.set(Some(o.words));
                        }
                    }
                    None => view.set(View::NotSharing),
                }
            });
        });
    }

    let result = match &*message {
        Some((words, urgent)) => html! {
            <div id="care-team-result" tabindex="-1" class={classes!("notice", urgent.then_some("notice--warning"))}
                 role={if *urgent { "alert" } else { "status" }}>
                <p>{ words.clone() }</p>
            </div>
        },
        None => html! {},
    };

    let body = match &*view {
        View::Loading => html! { <p role="status">{ f(F::CtLoading) }</p> },
        View::Invitation(Err(why)) => html! {
            <>
                { page_title(f(F::CtCannotUse)) }
                <div class="notice notice--warning" role="alert"><p>{ why.clone() }</p></div>
                <p>{ f(F::CtNothingSent) }</p>
            </>
        },
        View::Invitation(Ok(e)) => {
            let practice = e.practice.clone();
            let agree = sign_in(invitation_json(e), busy.clone(), message.clone(), (*origins).clone());
            let decline = {
                let message = message.clone();
                let view = view.clone();
                Callback::from(move |_| {
                    message.set(Some((f(F::CtDeclined).to_string(), false)));
                    view.set(View::NotSharing);
                })
            };
            html! {
                <>
                    { page_title(&ff(F::CtInvitationTitle, &[("practice", &practice)])) }
                    <p>{ ff(F::CtInvitationIntro, &[("practice", &practice)]) }</p>
                    <h2>{ f(F::CtWhatIsSent) }</h2>
                    { bullets(&[f(F::CtSendsReadings), f(F::CtSendsFlags), f(F::CtSendsScores), f(F::CtSendsConditions)]) }
                    <h2>{ f(F::CtWhenTitle) }</h2>
                    <p>{ f(F::CtWhen) }</p>
                    <div class="notice" role="note"><p><strong>{ f(F::CtNeverWaits) }</strong></p></div>
                    <h2>{ f(F::CtWhoYouAre) }</h2>
                    <p>{ ff(F::CtIdentifierOnly, &[("practice", &practice)]) }</p>
                    <h2>{ f(F::CtHowToStop) }</h2>
                    <p>{ ff(F::CtStopWords, &[("practice", &practice)]) }</p>
                    { result.clone() }
                    <div class="button-row">
                        <button type="button" class="button" onclick={agree} disabled={*busy}>{ ff(F::CtAgree, &[("practice", &practice)]) }</button>
                        <button type="button" class="button button--secondary" onclick={decline} disabled={*busy}>{ f(F::CtNoThanks) }</button>
                    </div>
                </>
            }
        }
        View::Sharing(e) => {
            let practice = e["practice"].as_str().unwrap_or_default().to_string();
            let send = {
                let e = e.clone();
                let busy = busy.clone();
                let message = message.clone();
                let view = view.clone();
                let store = ctx.store.clone();
                let needs_sign_in = needs_sign_in.clone();
                let status = status.clone();
                Callback::from(move |_| {
                    let Some(store) = store.clone() else { return };
                    let e = e.clone();
                    let busy = busy.clone();
                    let message = message.clone();
                    let view = view.clone();
                    let needs_sign_in = needs_sign_in.clone();
                    let status = status.clone();
                    busy.set(true);
                    message.set(Some((f(F::CtSending).to_string(), false)));
                    wasm_bindgen_futures::spawn_local(async move {
                        let Outcome { stored, sign_in, words } = care_team::send().await;
                        busy.set(false);
                        needs_sign_in.set(sign_in);
                        status.set(Some(words.clone()));
                        message.set(Some((words, !stored)));
                        view.set(View::Sharing(care_team::load(&store).await.unwrap_or(e)));
                    });
                })
            };
            let stop = {
                let message = message.clone();
                let view = view.clone();
                let store = ctx.store.clone();
                let practice = practice.clone();
                Callback::from(move |_| {
                    let Some(store) = store.clone() else { return };
                    let message = message.clone();
                    let view = view.clone();
                    let practice = practice.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match care_team::forget(&store).await {
                            Ok(()) => {
                                message.set(Some((ff(F::CtStopped, &[("practice", &practice)]), false)));
                                view.set(View::NotSharing);
                            }
                            Err(e) => message.set(Some((e, true))),
                        }
                    });
                })
            };
            html! {
                <>
                    { page_title(&ff(F::CtSharingTitle, &[("practice", &practice)])) }
                    if message.is_none() {
                        if let Some(words) = (*status).clone() {
                            <p id="care-team-status">{ words }</p>
                        }
                    }
                    <div class="notice" role="note"><p><strong>{ f(F::CtNeverWaits) }</strong></p></div>
                    { result.clone() }
                    <div class="button-row">
                        if *needs_sign_in {
                            <button type="button" class="button" onclick={sign_in(care_team::invitation_of(e), busy.clone(), message.clone(), (*origins).clone())} disabled={*busy}>
                                { ff(F::CtSignInAgain, &[("practice", &practice)]) }
                            </button>
                        }
                        <button type="button" class={classes!("button", needs_sign_in.then_some("button--secondary"))} onclick={send} disabled={*busy}>{ f(F::CtSendNow) }</button>
                        <button type="button" class="button button--secondary" onclick={stop} disabled={*busy}>{ ff(F::CtStop, &[("practice", &practice)]) }</button>
                    </div>
                    <p>{ ff(F::CtStopWords, &[("practice", &practice)]) }</p>
                </>
            }
        }
        View::NotSharing => html! {
            <>
                { page_title(f(F::CtNotSharingTitle)) }
                { result.clone() }
                <p>{ f(F::CtNotSharing) }</p>
            </>
        },
    };
    body
}
