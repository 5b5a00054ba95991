//! A questionnaire as an accessible form (one fieldset of radios per item), built from the core's
//! definitions. Saving it runs the checks at once; PHQ-9 item 9 shows crisis routes straight away.
use hale_core::questionnaires::{band, questionnaire};
use hale_core::record::QuestionnaireEntry;
use hale_core::vocab::Instrument;
use yew::prelude::*;

use crate::components::error_summary::ErrorSummary;
use crate::components::flag_card::FlagCard;
use crate::components::ui::page_title;
use crate::i18n::{f, ff, F};
use crate::platform;
use crate::state::{Action, Entry};
use crate::store::save_entry;

/// Props.
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// Which questionnaire.
    pub instrument: Instrument,
}

/// The page.
#[function_component]
pub fn Check(props: &CheckProps) -> Html {
    let q = questionnaire(props.instrument);
    let answers = use_state(|| vec![None::<u8>; q.items.len()]);
    let errors = use_state(Vec::<(String, String)>::new);
    let saved = use_state(|| None::<(String, u32)>);
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let onsubmit = {
        let (answers, errors, saved, ctx) = (answers.clone(), errors.clone(), saved.clone(), ctx.clone());
        let instrument = props.instrument;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let missing: Vec<(String, String)> = answers
                .iter()
                .enumerate()
                .filter(|(_, a)| a.is_none())
                .map(|(i, _)| (format!("q-{i}-0"), ff(F::CheckAnswerQuestion, &[("0", &(i + 1).to_string())])))
                .collect();
            if !missing.is_empty() {
                errors.set(missing);
                return;
            }
            errors.set(Vec::new());
            let items: Vec<u8> = answers.iter().map(|a| a.unwrap_or(0)).collect();
            let entry = QuestionnaireEntry { id: platform::new_id("q"), at: platform::now(), instrument, items };
            let total = entry.total();
            let Some(store) = ctx.store.clone() else { return };
            let (state, saved) = (ctx.state.clone(), saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let entry = Entry::Questionnaire(entry);
                match save_entry(&*store, &entry).await {
                    Ok(()) => {
                        let id = entry.id().to_string();
                        state.dispatch(Action::Saved { entry, now: platform::now() });
                        saved.set(Some((id, total)));
                    }
                    Err(e) => saved.set(Some((e.message(), u32::MAX))),
                }
            });
        })
    };
    // After a save, the answer (crisis routes first when item 9 was answered) comes to the person.
    crate::hooks::use_reveal("save-result", (*saved).clone(), saved.is_some());
    let result = match &*saved {
        Some((id, total)) if *total != u32::MAX => {
            let flags: Vec<_> =
                ctx.state.assessment.red_flags.iter().filter(|f| f.evidence.contains(id)).cloned().collect();
            let alert = flags.iter().any(|f| f.level <= hale_core::red_flags::Level::Urgent);
            html! {
                <section id="save-result" class="save-result" tabindex="-1" aria-label={f(F::CheckYourResult)}
                    role={if alert { "alert" } else { "status" }}>
                    { for flags.into_iter().map(|f| html! { <FlagCard flag={f} /> }) }
                    <div class="notice notice--success">
                        <p><strong>{ ff(F::CheckSavedYourScoreIs, &[("total", &total.to_string())]) }</strong>{ format!(" ({}).", band(props.instrument, *total)) }</p>
                        <p>{f(F::CheckSeeYourAdviceForWhat)}</p>
                    </div>
                </section>
            }
        }
        Some((msg, _)) => {
            html! { <div class="notice notice--warning" role="alert" id="save-result" tabindex="-1"><p>{ msg.clone() }</p></div> }
        }
        None => html! {},
    };
    html! {
        <>
            { page_title(q.title) }
            { result }
            <ErrorSummary errors={(*errors).clone()} />
            <form class="form" novalidate=true {onsubmit}>
                <p class="lede">{ q.stem }</p>
                { for q.items.iter().enumerate().map(|(i, item)| html! {
                    <div class="form-group">
                        <fieldset class="fieldset">
                            <legend class="fieldset__legend">{ format!("{}. {}", i + 1, item) }</legend>
                            <div class="radios radios--inline">
                            { for q.options.iter().enumerate().map(|(j, o)| {
                                let score = o.score;
                                let checked = answers[i] == Some(score);
                                let handle = answers.clone();
                                let onchange = Callback::from(move |_: Event| {
                                    let mut a = (*handle).clone();
                                    a[i] = Some(score);
                                    handle.set(a);
                                });
                                let id = format!("q-{i}-{j}");
                                html! {
                                    <div class="radios__item">
                                        <input class="radios__input" type="radio" id={id.clone()} name={format!("q-{i}")}
                                            {checked} {onchange} />
                                        <label class="label radios__label" for={id}>{ o.label }</label>
                                    </div>
                                }
                            }) }
                            </div>
                        </fieldset>
                    </div>
                }) }
                <button class="button" type="submit">{f(F::CheckSaveAnswers)}</button>
            </form>
            <p class="hint">{ q.attribution }{" "}{ q.source }</p>
        </>
    }
}
