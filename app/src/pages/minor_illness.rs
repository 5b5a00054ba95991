//! The minor-illness checker: NHS Pharmacy First pathways as guided yes/no questions. The
//! questions and the decision come from the core package (loaded on first use).
use hale_core::red_flags::Service;
use serde_json::Value;
use yew::prelude::*;

use crate::components::flag_card::service_call;
use crate::components::ui::{page_title, status};
use crate::context::AppContext;
use crate::i18n::{f, t, F, T};
use crate::route::{Link, Route};

/// Props.
#[derive(Properties, PartialEq)]
pub struct MinorIllnessProps {
    /// The pathway id, or `None` for the list.
    pub pathway: Option<String>,
}

fn service_of(v: &Value) -> Service {
    match v.as_str() {
        Some("999") => Service::Call999,
        Some("nhs_111") => Service::Nhs111,
        Some("gp") => Service::Gp,
        Some("pharmacy") => Service::Pharmacy,
        _ => Service::SelfCare,
    }
}

/// The page.
#[function_component]
pub fn MinorIllness(props: &MinorIllnessProps) -> Html {
    let pathways = use_state(|| None::<Result<Value, String>>);
    let yes = use_state(Vec::<String>::new);
    let outcome = use_state(|| None::<Value>);
    let ctx = use_context::<AppContext>();
    {
        let pathways = pathways.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let r = crate::core_pkg::call("pathways", "", "").await.and_then(|t| {
                    serde_json::from_str::<Value>(&t).map_err(|_| f(F::MinorIllnessUnreadable).to_string())
                });
                pathways.set(Some(r));
            });
        });
    }
    {
        let (yes, outcome) = (yes.clone(), outcome.clone());
        use_effect_with(props.pathway.clone(), move |_| {
            yes.set(Vec::new());
            outcome.set(None);
        });
    }
    let list = match &*pathways {
        None => {
            return html! { <>{ page_title(f(F::MinorIllnessMinorIllness)) }<p role="status">{ f(F::MinorIllnessLoadingTheQuestions) }</p></> }
        }
        Some(Err(e)) => {
            return html! { <>{ page_title(f(F::MinorIllnessMinorIllness)) }<p role="alert">{ e.clone() }</p></> }
        }
        Some(Ok(v)) => v.as_array().cloned().unwrap_or_default(),
    };
    let Some(id) = &props.pathway else {
        return html! {
            <>
                { page_title(f(F::MinorIllnessMinorIllnessCheckWhatTo)) }
                <p>{f(F::MinorIllnessAnswerAFewQuestionsAbout)}</p>
                <ul class="link-list">
                    { for list.iter().map(|p| {
                        let pid = p["id"].as_str().unwrap_or_default().to_string();
                        html! { <li><Link to={Route::MinorIllnessPathway { id: pid }}>{ p["title"].as_str().unwrap_or_default().to_string() }</Link></li> }
                    }) }
                </ul>
            </>
        };
    };
    let Some(p) = list.iter().find(|p| p["id"].as_str() == Some(id.as_str())).cloned() else {
        return html! { <>{ page_title(f(F::MinorIllnessMinorIllness)) }<p>{f(F::MinorIllnessThisIllnessIsNotIn)}</p></> };
    };
    let profile = ctx.as_ref().map(|c| c.state.record.profile.clone()).unwrap_or_default();
    let now = ctx.as_ref().map(|c| c.state.now).unwrap_or_default();
    let age = profile.birth_date.and_then(|b| hale_core::time::age_years(b, now));
    let questions = p["questions"].as_array().cloned().unwrap_or_default();
    let onsubmit = {
        let (yes, outcome) = (yes.clone(), outcome.clone());
        let pid = id.clone();
        let sex = profile.sex.map(|s| s.as_str());
        let pregnant = profile.has(hale_core::vocab::Condition::Pregnant);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = serde_json::json!({"pathway": pid, "age": age.unwrap_or(30), "sex": sex, "pregnant": pregnant, "yes": *yes});
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(v) = crate::core_pkg::call("triage", &req.to_string(), "")
                    .await
                    .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|_| String::new()))
                {
                    outcome.set(Some(v));
                }
            });
        })
    };
    html! {
        <>
            { page_title(p["title"].as_str().unwrap_or_default()) }
            if age.is_none() { <p class="hint">{f(F::MinorIllnessAddYourDateOfBirth)}</p> }
            if let Some(o) = &*outcome {
                <section class={classes!("flag", match o["level"].as_str() { Some("emergency") => "flag--emergency", Some("urgent") => "flag--urgent", _ => "flag--routine" })} aria-labelledby="outcome-title" role="alert">
                    <h2 id="outcome-title">{t(T::WhatToDo)}</h2>
                    { service_call(service_of(&o["service"])) }
                    <p>{ o["message"].as_str().unwrap_or_default().to_string() }</p>
                    <p class="hint">{ o["source"].as_str().unwrap_or_default().to_string() }</p>
                </section>
            }
            <form class="form" novalidate=true {onsubmit}>
                { for questions.iter().map(|q| {
                    let qid = q["id"].as_str().unwrap_or_default().to_string();
                    let checked = yes.contains(&qid);
                    let onchange = {
                        let (yes, qid) = (yes.clone(), qid.clone());
                        Callback::from(move |_: Event| {
                            let mut v = (*yes).clone();
                            if let Some(i) = v.iter().position(|x| *x == qid) { v.remove(i); } else { v.push(qid.clone()); }
                            yes.set(v);
                        })
                    };
                    let fid = format!("mi-{qid}");
                    html! {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id={fid.clone()} {checked} {onchange} />
                            <label class="label checkboxes__label" for={fid}>{ q["text"].as_str().unwrap_or_default().to_string() }</label>
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
