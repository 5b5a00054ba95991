//! The minor-illness checker: NHS Pharmacy First pathways as guided yes/no questions. The
//! questions and the decision come from the core (`hale_core::minor_illness`).
use hale_core::minor_illness::{triage, Answers, Outcome, PATHWAYS};
use hale_core::red_flags::Level;
use yew::prelude::*;

use crate::components::flag_card::service_call;
use crate::components::ui::{page_title, status};
use crate::i18n::{f, t, F, T};
use crate::route::{Link, Route};

/// Props.
#[derive(Properties, PartialEq)]
pub struct MinorIllnessProps {
    /// The pathway id, or `None` for the list.
    pub pathway: Option<String>,
}

/// The page.
#[function_component]
pub fn MinorIllness(props: &MinorIllnessProps) -> Html {
    let yes = use_state(Vec::<&'static str>::new);
    let outcome = use_state(|| None::<Outcome>);
    let ctx = crate::hooks::use_app();
    {
        let (yes, outcome) = (yes.clone(), outcome.clone());
        use_effect_with(props.pathway.clone(), move |_| {
            yes.set(Vec::new());
            outcome.set(None);
        });
    }
    // The answer is drawn above the questions: bring it into view and focus it after Check.
    crate::hooks::use_reveal("outcome", (*outcome).clone(), outcome.is_some());
    let Some(id) = &props.pathway else {
        return html! {
            <>
                { page_title(f(F::MinorIllnessMinorIllnessCheckWhatTo)) }
                <p>{f(F::MinorIllnessAnswerAFewQuestionsAbout)}</p>
                <ul class="link-list">
                    { for PATHWAYS.iter().map(|p| {
                        html! { <li><Link to={Route::MinorIllnessPathway { id: p.id.to_string() }}>{ p.title }</Link></li> }
                    }) }
                </ul>
            </>
        };
    };
    let Some(p) = hale_core::minor_illness::pathway(id) else {
        return html! { <>{ page_title(f(F::MinorIllnessMinorIllness)) }<p>{f(F::MinorIllnessThisIllnessIsNotIn)}</p></> };
    };
    let profile = ctx.as_ref().map(|c| c.state.record.profile.clone()).unwrap_or_default();
    let now = ctx.as_ref().map(|c| c.state.now).unwrap_or_default();
    let age = profile.birth_date.and_then(|b| hale_core::time::age_years(b, now));
    let onsubmit = {
        let (yes, outcome) = (yes.clone(), outcome.clone());
        let sex = profile.sex;
        let pregnant = profile.has(hale_core::vocab::Condition::Pregnant);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let answers = Answers { age, sex, pregnant, yes: &yes };
            outcome.set(Some(triage(p, &answers)));
        })
    };
    html! {
        <>
            { page_title(p.title) }
            if age.is_none() { <p class="hint">{f(F::MinorIllnessAddYourDateOfBirth)}</p> }
            if let Some(o) = &*outcome {
                <section class={classes!("flag", match o.level { Level::Emergency => "flag--emergency", Level::Urgent => "flag--urgent", _ => "flag--routine" })} id="outcome" tabindex="-1" aria-labelledby="outcome-title" role="alert">
                    <h2 id="outcome-title">{t(T::WhatToDo)}</h2>
                    { service_call(o.service) }
                    <p>{ o.message.clone() }</p>
                    <p class="hint">{ o.source }</p>
                </section>
            }
            <form class="form" novalidate=true {onsubmit}>
                { for p.questions.iter().map(|q| {
                    let qid = q.id;
                    let checked = yes.contains(&qid);
                    let onchange = {
                        let yes = yes.clone();
                        Callback::from(move |_: Event| {
                            let mut v = (*yes).clone();
                            if let Some(i) = v.iter().position(|x| *x == qid) { v.remove(i); } else { v.push(qid); }
                            yes.set(v);
                        })
                    };
                    let fid = format!("mi-{qid}");
                    html! {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id={fid.clone()} {checked} {onchange} />
                            <label class="label checkboxes__label" for={fid}>{ q.text }</label>
                        </div>
                    }
                }) }
                <p class="hint">{f(F::MinorIllnessTickEveryStatementThatIs)}</p>
                <button class="button" type="submit">{f(F::MinorIllnessCheck)}</button>
            </form>
            { status(&None) }
        </>
    }
}
