//! Advice: each item says why it applies (the readings behind it), what to do, the source and
//! the recheck date.
use yew::prelude::*;

use crate::components::flag_card::FlagCard;
use crate::components::ui::{bullets, page_title, source};
use crate::i18n::{f, t, F, T};
use crate::route::{Link, Route};

/// The page.
#[function_component]
pub fn Advice() -> Html {
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let a = &ctx.state.assessment;
    html! {
        <>
            { page_title(f(F::AdviceYourAdvice)) }
            if !a.red_flags.is_empty() {
                <section class="advice-first" aria-labelledby="advice-first">
                    <h2 id="advice-first">{f(F::AdviceDoThisFirst)}</h2>
                    <p>{f(F::AdviceDoThisFirstWhy)}</p>
                    { for a.red_flags.iter().map(|fl| html! { <FlagCard flag={fl.clone()} /> }) }
                </section>
            }
            if a.advice.is_empty() {
                <p>{f(F::AdviceNoAdviceYetAsYou)}</p>
                <p><Link to={Route::Log}>{t(T::LogTitle)}</Link></p>
            }
            { for a.advice.iter().map(|x| {
                let item = a.plan.iter().find(|p| p.advice_id == x.id);
                let due = item.map(|p| crate::format::human_day(&p.due));
                let review = item.is_some_and(|p| p.recheck == Some(hale_core::protocols::Recheck::PracticeReview));
                html! {
                    <section class="flag flag--routine" aria-labelledby={format!("advice-{}", x.id)}>
                        <h2 id={format!("advice-{}", x.id)}>{ x.title }</h2>
                        <p>{ x.why.clone() }</p>
                        <h3>{t(T::WhatToDo)}</h3>
                        { bullets(&x.actions) }
                        if let Some(d) = due { <p><strong>{ if review { f(F::AdviceByPlan) } else { f(F::AdviceRecheckBy) } }</strong>{ d }{" "}<Link to={Route::Plan}>{f(F::AdviceSeeYourPlan)}</Link></p> }
                        { source(x.source, x.unverified) }
                    </section>
                }
            }) }
        </>
    }
}
