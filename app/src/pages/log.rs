//! Choose what to log.
use hale_core::spec::KINDS;
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::route::Link;
use crate::route::{KindSlug, Route};

/// The page.
#[function_component]
pub fn Log() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ t(T::LogTitle) }</h1>
            <p>{ t(T::LogIntro) }</p>
            <p><Link classes={classes!("button", "button--secondary")} to={Route::Symptoms}>{t(T::LogSymptomsHowAreYouFeeling)}</Link></p>
            <ul class="link-list">
                { for KINDS.iter().map(|k| html! {
                    <li><Link to={Route::LogKind { kind: KindSlug(k.kind) }}>{ k.label }</Link></li>
                }) }
            </ul>
        </>
    }
}
