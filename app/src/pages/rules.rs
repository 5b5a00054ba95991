//! Every red-flag rule from the core's table, with its source and unverified mark.
use hale_core::red_flags::{Scope, RULES};
use yew::prelude::*;

use crate::components::flag_card::level_style;
use crate::i18n::{f, t, F, T};

/// The page.
#[function_component]
pub fn Rules() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ f(F::RulesTitle) }</h1>
            <p>{ f(F::RulesIntro) }</p>
            { for RULES.iter().map(|r| {
                let (class, level) = level_style(r.level);
                html! {
                    <section class={classes!("rule", class)} aria-labelledby={format!("rule-{}", r.id)}>
                        <h2 id={format!("rule-{}", r.id)}>{ r.title }</h2>
                        <p class="rule__meta"><code>{ r.id }</code>{" \u{b7} "}{ level }</p>
                        <p><strong>{f(F::RulesWhen)}</strong>{ r.words(r.condition) }{ if r.scope == Scope::Adults { f(F::RulesAdults16AndOver) } else { "" } }</p>
                        <p><strong>{ t(T::Source) }{": "}</strong>{ r.source }</p>
                        if let Some(note) = r.unverified {
                            <p class="rule__unverified"><strong>{f(F::RulesUnverified)}</strong>{ note }{". "}{ t(T::Unverified) }</p>
                        }
                    </section>
                }
            }) }
        </>
    }
}
