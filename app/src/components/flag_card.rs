//! One red flag in plain words: what it means, what to do, the rule and its source.
use hale_core::red_flags::{Level, RedFlag, Service};
use yew::prelude::*;

use crate::i18n::{symptom_label, t, T};

/// Props.
#[derive(Properties, PartialEq)]
pub struct FlagCardProps {
    /// The flag.
    pub flag: RedFlag,
}

/// The level's class and heading.
pub fn level_style(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Emergency => ("flag--emergency", t(T::LevelEmergency)),
        Level::Urgent => ("flag--urgent", t(T::LevelUrgent)),
        Level::Soon => ("flag--soon", t(T::LevelSoon)),
        Level::Routine => ("flag--routine", t(T::LevelRoutine)),
        Level::SelfCare => ("flag--self-care", t(T::LevelSelfCare)),
    }
}

/// A call link for the service, if it has a number.
pub fn service_call(service: Service) -> Html {
    match service {
        Service::Call999 => html! { <a class="button button--emergency" href="tel:999">{ t(T::Call999) }</a> },
        Service::Nhs111 | Service::MentalHealthCrisis => {
            html! { <a class="button button--urgent" href="tel:111">{ t(T::Call111) }</a> }
        }
        Service::Gp | Service::Maternity | Service::Pharmacy | Service::SelfCare => html! {},
    }
}

/// The symptoms among a flag's evidence, in plain words (what caused it).
pub fn symptoms_behind(record: &hale_core::record::Record, flag: &RedFlag) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in record.symptoms.iter().filter(|s| flag.evidence.contains(&s.id)) {
        let label = symptom_label(s.code);
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// "Because you said: …" for the symptoms behind a flag, or nothing.
pub fn because(record: &hale_core::record::Record, flag: &RedFlag) -> Html {
    let said = symptoms_behind(record, flag);
    if said.is_empty() {
        return html! {};
    }
    html! { <p class="flag__because"><strong>{ t(T::FlagBecauseYouSaid) }</strong>{" "}{ said.join("; ") }</p> }
}

/// The card.
#[function_component]
pub fn FlagCard(props: &FlagCardProps) -> Html {
    let ctx = crate::hooks::use_app();
    let f = &props.flag;
    let (class, level_words) = level_style(f.level);
    html! {
        <section class={classes!("flag", class)} aria-labelledby={format!("flag-{}", f.id)}>
            <p class="flag__level">{ level_words }</p>
            <h2 class="flag__title" id={format!("flag-{}", f.id)}>{ f.title }</h2>
            { service_call(f.service) }
            { ctx.map(|c| because(&c.state.record, f)).unwrap_or_default() }
            <p>{ f.message.clone() }</p>
            <h3>{ t(T::WhatToDo) }</h3>
            <ul class="flag__actions">{ for f.actions.iter().map(|a| html! { <li>{ *a }</li> }) }</ul>
            <details class="flag__details">
                <summary>{ t(T::EmergencyWhyHaleSaysThis) }</summary>
                <p><strong>{ t(T::Source) }{": "}</strong>{ f.source }</p>
                <p>{ t(T::EmergencyRule) }<code>{ f.id }</code></p>
                if f.unverified { <p class="flag__unverified">{ t(T::Unverified) }</p> }
            </details>
        </section>
    }
}
