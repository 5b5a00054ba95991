//! Symptoms as a checklist (emergency signs first). Saving runs every check at once: an emergency
//! sign goes straight to the emergency screen. Recent symptoms can be marked as passed.
use hale_core::record::Symptom;
use hale_core::vocab::SymptomCode;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::flag_card::FlagCard;
use crate::components::ui::{page_title, status};
use crate::i18n::symptom_label;
use crate::platform;
use crate::state::{Action, Entry};
use crate::store::save_entry;

const EMERGENCY: &[SymptomCode] = hale_core::red_flags::EMERGENCY_SYMPTOMS;
const TODAY: &[SymptomCode] = &[SymptomCode::BreathlessAtRest, SymptomCode::SevereHeadacheVision];
const OTHER: &[SymptomCode] = &[
    SymptomCode::Vomiting,
    SymptomCode::DizzyFaint,
    SymptomCode::Fall,
    SymptomCode::Headache,
    SymptomCode::Cough,
    SymptomCode::Wheeze,
    SymptomCode::SoreThroat,
    SymptomCode::Fever,
    SymptomCode::SwollenAnkles,
];

async fn save(ctx: &AppContext, symptoms: Vec<Symptom>) -> Result<(), String> {
    let Some(store) = ctx.store.clone() else { return Err("Still loading".into()) };
    for s in symptoms {
        let entry = Entry::Symptom(s);
        save_entry(&*store, &entry).await.map_err(|e| e.message())?;
        ctx.state.dispatch(Action::Saved { entry, now: platform::now() });
    }
    Ok(())
}

/// The page.
#[function_component]
pub fn Symptoms() -> Html {
    let ticked = use_state(Vec::<SymptomCode>::new);
    let message = use_state(|| None::<String>);
    let saved_ids = use_state(Vec::<String>::new);
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
    let group = |title: &'static str, hint: &'static str, codes: &'static [SymptomCode]| {
        html! {
            <fieldset class="fieldset form-group">
                <legend class="fieldset__legend">{ title }</legend>
                <p class="hint">{ hint }</p>
                { for codes.iter().map(|c| {
                    let code = *c;
                    let checked = ticked.contains(&code);
                    let ticked = ticked.clone();
                    let onchange = Callback::from(move |_: Event| {
                        let mut v = (*ticked).clone();
                        if let Some(i) = v.iter().position(|x| *x == code) { v.remove(i); } else { v.push(code); }
                        ticked.set(v);
                    });
                    let id = format!("sym-{}", code.as_str());
                    html! {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label class="label checkboxes__label" for={id}>{ symptom_label(code) }</label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    };
    let onsubmit = {
        let (ctx, ticked, message, saved_ids) = (ctx.clone(), ticked.clone(), message.clone(), saved_ids.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ticked.is_empty() {
                message.set(Some("Tick at least one symptom, or go back.".into()));
                return;
            }
            let now = platform::now();
            let list: Vec<Symptom> = ticked
                .iter()
                .map(|c| Symptom { id: platform::new_id("s"), at: now, code: *c, resolved_at: None, note: None })
                .collect();
            let ids: Vec<String> = list.iter().map(|s| s.id.clone()).collect();
            let (ctx, ticked, message, saved_ids) = (ctx.clone(), ticked.clone(), message.clone(), saved_ids.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match save(&ctx, list).await {
                    Ok(()) => {
                        ticked.set(Vec::new());
                        saved_ids.set(ids);
                        message.set(Some("Symptoms saved.".into()));
                    }
                    Err(e) => message.set(Some(e)),
                }
            });
        })
    };
    let now = ctx.state.now;
    let recent: Vec<Symptom> = ctx
        .state
        .record
        .symptoms
        .iter()
        .filter(|s| s.resolved_at.is_none() && hale_core::time::within(s.at, now, 7 * hale_core::time::DAY_SECS))
        .cloned()
        .collect();
    let flags: Vec<_> = ctx
        .state
        .assessment
        .red_flags
        .iter()
        .filter(|f| f.evidence.iter().any(|e| saved_ids.contains(e)))
        .cloned()
        .collect();
    html! {
        <>
            { page_title("How are you feeling?") }
            <p>{"Tick anything you have now. Hale checks it at once and tells you what to do."}</p>
            { for flags.into_iter().map(|f| html! { <FlagCard flag={f} /> }) }
            { status(&message) }
            <form class="form" novalidate=true {onsubmit}>
                { group("Emergency signs", "Any of these needs 999.", EMERGENCY) }
                { group("Needs help today", "These need NHS 111 or your GP practice today.", TODAY) }
                { group("Other symptoms", "Recording these helps you and your care team see patterns.", OTHER) }
                <button class="button" type="submit">{"Save symptoms"}</button>
            </form>
            if !recent.is_empty() {
                <h2>{"Your symptoms in the last 7 days"}</h2>
                <ul class="plan">
                    { for recent.into_iter().map(|s| {
                        let ctx = ctx.clone();
                        let message = message.clone();
                        let label = symptom_label(s.code);
                        let when = platform::human_time(s.at);
                        let onclick = Callback::from(move |_| {
                            let mut done = s.clone();
                            done.resolved_at = Some(platform::now().max(done.at));
                            let (ctx, message) = (ctx.clone(), message.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                match save(&ctx, vec![done]).await {
                                    Ok(()) => message.set(Some("Marked as passed.".into())),
                                    Err(e) => message.set(Some(e)),
                                }
                            });
                        });
                        html! {
                            <li class="plan__item">
                                <p><strong>{ label }</strong>{ format!(" \u{2014} since {when}") }</p>
                                <button type="button" class="button button--secondary" aria-label={format!("Mark \"{label}\" as passed")} {onclick}>{"It has passed"}</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </>
    }
}
