//! The emergency screen: "Call 999" first, the reasons in plain words, what to do while waiting.
use hale_core::record::Symptom;
use hale_core::red_flags::Level;
use yew::prelude::*;

use crate::components::ui::{bullets, page_title, status};
use crate::context::AppContext;
use crate::i18n::{symptom_label, t, tf, T};
use crate::platform;
use crate::route::{Link, Route};
use crate::state::{Entry, EntryList};

/// "It has passed" (kept: it still counts for a while) or "I ticked this by mistake" (deleted).
fn settle(
    ctx: &AppContext,
    message: &UseStateHandle<Option<String>>,
    s: &Symptom,
    mistake: bool,
) -> Callback<MouseEvent> {
    let (ctx, message, s) = (ctx.clone(), message.clone(), s.clone());
    Callback::from(move |_| {
        let (ctx, message, s) = (ctx.clone(), message.clone(), s.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let done = if mistake {
                ctx.delete(EntryList::Symptoms, s.id).await.map(|()| t(T::EmergencyDeleted).to_string())
            } else {
                let passed = Symptom { resolved_at: Some(platform::now().max(s.at)), ..s };
                ctx.save(vec![Entry::Symptom(passed)]).await.map(|()| {
                    let hours = (hale_core::view::JUDGE_WINDOW_SECS / 3600).to_string();
                    tf(T::EmergencyPassedStillCounts, &[("hours", &hours)])
                })
            };
            message.set(Some(done.unwrap_or_else(|e| e)));
        });
    })
}

/// The page.
#[function_component]
pub fn Emergency() -> Html {
    let message = use_state(|| None::<String>);
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let flags: Vec<_> =
        ctx.state.assessment.red_flags.iter().filter(|f| f.level == Level::Emergency).cloned().collect();
    if flags.is_empty() {
        return html! {
            <>
                { page_title(t(T::EmergencyNoEmergencyRightNow)) }
                { status(&message) }
                <p>{t(T::EmergencyNoneOfYourRecentEntries)}</p>
                <a class="button button--emergency" href="tel:999">{t(T::Call999)}</a>
                <p><Link to={Route::Urgent}>{t(T::EmergencyOtherUrgentHelp)}</Link></p>
            </>
        };
    }
    html! {
        <div class="emergency">
            <a class="button button--emergency button--huge" href="tel:999">{t(T::EmergencyCall999Now)}</a>
            { page_title(t(T::EmergencyThisIsAnEmergency)) }
            { for flags.iter().map(|f| html! {
                <section class="flag flag--emergency" aria-labelledby={format!("em-{}", f.id)}>
                    <h2 id={format!("em-{}", f.id)}>{ f.title }</h2>
                    { crate::components::flag_card::because(&ctx.state.record, f) }
                    { for ctx.state.record.symptoms.iter().filter(|s| f.evidence.contains(&s.id)).map(|s| {
                        let label = symptom_label(s.code);
                        html! {
                            <p class="settle">
                                if s.resolved_at.is_none() {
                                    <button type="button" class="button button--secondary" aria-label={tf(T::SymptomsMarkAsPassed, &[("label", label)])} onclick={settle(&ctx, &message, s, false)}>{t(T::SymptomsItHasPassed)}</button>
                                }
                                <button type="button" class="button button--secondary" aria-label={tf(T::EmergencyMistakeFor, &[("label", label)])} onclick={settle(&ctx, &message, s, true)}>{t(T::EmergencyMistake)}</button>
                            </p>
                        }
                    }) }
                    <p>{ f.message.clone() }</p>
                    <h3>{t(T::EmergencyWhileYouWait)}</h3>
                    { bullets(&f.actions.iter().skip(1).collect::<Vec<_>>()) }
                    <details class="flag__details">
                        <summary>{t(T::EmergencyWhyHaleSaysThis)}</summary>
                        <p>{ f.source }</p>
                        <p>{t(T::EmergencyRule)}<code>{ f.id }</code></p>
                    </details>
                </section>
            }) }
            { status(&message) }
            <p>{t(T::EmergencyIfYouCannotCallAsk)}</p>
        </div>
    }
}
