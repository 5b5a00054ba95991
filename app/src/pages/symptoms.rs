//! Symptoms as a checklist, grouped the way a frightened person looks for them (chest and
//! breathing, head and face, skin, pregnancy, staying safe), each sign tagged with what it needs
//! (999, today, the maternity unit) from the core's rules table. Saving runs every check at once:
//! an emergency sign goes straight to the emergency screen. Recent symptoms can be marked as passed.
use hale_core::record::Symptom;
use hale_core::red_flags::{EMERGENCY_SYMPTOMS, PREGNANCY_SYMPTOMS, URGENT_SYMPTOMS};
use hale_core::vocab::{Condition, SymptomCode};
use yew::prelude::*;

use crate::components::flag_card::FlagCard;
use crate::components::ui::{page_title, status};
use crate::context::AppContext;
use crate::i18n::{pregnancy_label, symptom_label, t, tf, T};
use crate::platform;
use crate::state::Entry;

use SymptomCode as S;

/// Chest and breathing.
const CHEST: &[SymptomCode] = &[
    S::ChestPain,
    S::CannotCompleteSentences,
    S::RelieverNotHelping,
    S::BlueLipsOrSkin,
    S::BreathlessAtRest,
    S::CoughingBlood,
    S::Palpitations,
];
/// Head, face and speech (a severe headache with vision changes moves to the pregnancy group,
/// worded as NICE NG133 words it, when the person is pregnant).
const HEAD: &[SymptomCode] = &[
    S::StrokeFace,
    S::StrokeArm,
    S::StrokeSpeech,
    S::ThunderclapHeadache,
    S::NewConfusion,
    S::UnconsciousOrSeizure,
    S::SevereHeadacheVision,
];
/// Skin, swelling and legs.
const SKIN: &[SymptomCode] =
    &[S::AnaphylaxisSwelling, S::NonBlanchingRash, S::SepsisMottledSkin, S::OneLegPainSwelling];
/// Staying safe.
const SAFETY: &[SymptomCode] = &[S::SuicidalPlanOrIntent, S::SelfHarmSerious];
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
    ctx.save(symptoms.into_iter().map(Entry::Symptom).collect()).await
}

/// The page.
#[function_component]
pub fn Symptoms() -> Html {
    let ticked = use_state(Vec::<SymptomCode>::new);
    let message = use_state(|| None::<String>);
    let saved_ids = use_state(Vec::<String>::new);
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let pregnant = ctx.state.record.profile.has(Condition::Pregnant);
    let group = |title: &'static str, hint: Option<&'static str>, codes: Vec<SymptomCode>, in_pregnancy: bool| {
        html! {
            <fieldset class="fieldset form-group">
                <legend class="fieldset__legend">{ title }</legend>
                if let Some(hint) = hint { <p class="hint">{ hint }</p> }
                { for codes.into_iter().map(|code| {
                    let checked = ticked.contains(&code);
                    let (ticked, ctx, message) = (ticked.clone(), ctx.clone(), message.clone());
                    let at_once = !in_pregnancy && EMERGENCY_SYMPTOMS.contains(&code);
                    let onchange = Callback::from(move |_: Event| {
                        let mut v = (*ticked).clone();
                        if let Some(i) = v.iter().position(|x| *x == code) { v.remove(i); } else { v.push(code); }
                        // A 999 sign acts at once: saved, and the emergency screen opens.
                        if at_once && !checked {
                            let s = Symptom { id: platform::new_id("s"), at: platform::now(), code, resolved_at: None, note: None };
                            let (ctx, message) = (ctx.clone(), message.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                if let Err(e) = save(&ctx, vec![s]).await { message.set(Some(e)); }
                            });
                            v.retain(|x| *x != code);
                        }
                        ticked.set(v);
                    });
                    let id = format!("sym-{}", code.as_str());
                    let label = if in_pregnancy { pregnancy_label(code) } else { symptom_label(code) };
                    let (tag_class, tag) = if in_pregnancy && PREGNANCY_SYMPTOMS.contains(&code) {
                        ("tag tag--urgent", t(T::SymptomsTagMaternity))
                    } else if EMERGENCY_SYMPTOMS.contains(&code) {
                        ("tag tag--emergency", t(T::SymptomsTag999))
                    } else if URGENT_SYMPTOMS.contains(&code) {
                        ("tag tag--urgent", t(T::SymptomsTagToday))
                    } else {
                        ("", "")
                    };
                    html! {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label class="label checkboxes__label" for={id}>
                                { label }
                                if !tag.is_empty() { {" "}<span class={tag_class}>{ tag }</span> }
                            </label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    };
    // The pregnancy group holds the severe headache with vision changes when pregnant (one box
    // per sign, worded as NICE NG133 words it); otherwise the two pregnancy-only signs are not shown.
    let head: Vec<SymptomCode> =
        HEAD.iter().copied().filter(|c| !(pregnant && PREGNANCY_SYMPTOMS.contains(c))).collect();
    let onsubmit = {
        let (ctx, ticked, message, saved_ids) = (ctx.clone(), ticked.clone(), message.clone(), saved_ids.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ticked.is_empty() {
                message.set(Some(t(T::SymptomsTickAtLeastOneSymptom).into()));
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
                        message.set(None);
                        saved_ids.set(ids);
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
    let alert = flags.iter().any(|f| f.level <= hale_core::red_flags::Level::Urgent);
    // After a save, the answer comes to the person: scrolled into view and focused; so does a
    // message (a symptom marked as passed, a problem saving).
    crate::hooks::use_reveal("save-result", (*saved_ids).clone(), !saved_ids.is_empty());
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    html! {
        <>
            { page_title(t(T::SymptomsHowAreYouFeeling)) }
            <p>{t(T::SymptomsTickAnythingYouHaveNow)}</p>
            if !saved_ids.is_empty() {
                <section id="save-result" class="save-result" tabindex="-1" aria-label={t(T::SymptomsSymptomsSaved)}
                    role={if alert { "alert" } else { "status" }}>
                    <p class="notice notice--success"><strong>{ t(T::SymptomsSymptomsSaved) }</strong></p>
                    { for flags.into_iter().map(|f| html! { <FlagCard flag={f} /> }) }
                </section>
            }
            { status(&message) }
            <form class="form" novalidate=true {onsubmit}>
                <p class="hint">{ t(T::SymptomsTagsExplained) }</p>
                if pregnant { { group(t(T::SymptomsGroupPregnancy), Some(t(T::SymptomsPregnancyHint)), PREGNANCY_SYMPTOMS.to_vec(), true) } }
                { group(t(T::SymptomsGroupChest), None, CHEST.to_vec(), false) }
                { group(t(T::SymptomsGroupHead), None, head, false) }
                { group(t(T::SymptomsGroupSkin), None, SKIN.to_vec(), false) }
                { group(t(T::SymptomsGroupSafety), Some(t(T::SymptomsSafetyHint)), SAFETY.to_vec(), false) }
                { group(t(T::SymptomsOtherSymptoms), Some(t(T::SymptomsRecordingTheseHelpsYouAnd)), OTHER.to_vec(), false) }
                <button class="button" type="submit">{t(T::SymptomsSaveSymptoms)}</button>
            </form>
            if !recent.is_empty() {
                <h2>{t(T::SymptomsYourSymptomsInTheLast)}</h2>
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
                                    Ok(()) => message.set(Some(t(T::SymptomsMarkedAsPassed).into())),
                                    Err(e) => message.set(Some(e)),
                                }
                            });
                        });
                        html! {
                            <li class="plan__item">
                                <p><strong>{ label }</strong>{ tf(T::SymptomsUSince, &[("when", &when.to_string())]) }</p>
                                <button type="button" class="button button--secondary" aria-label={tf(T::SymptomsMarkAsPassed, &[("label", label)])} {onclick}>{t(T::SymptomsItHasPassed)}</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </>
    }
}
