//! Urgent help: 999, 111, mental-health crisis routes, maternity. Reachable from every page.
use yew::prelude::*;

use crate::i18n::{t, T};

/// The page.
#[function_component]
pub fn Urgent() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ t(T::UrgentTitle) }</h1>
            <section class="flag flag--emergency" aria-labelledby="urgent-999">
                <h2 id="urgent-999">{t(T::UrgentEmergency2)}</h2>
                <a class="button button--emergency" href="tel:999">{ t(T::Call999) }</a>
                <p>{ t(T::UrgentEmergency) }</p>
            </section>
            <section class="flag flag--urgent" aria-labelledby="urgent-111">
                <h2 id="urgent-111">{t(T::UrgentUrgentButNotAnEmergency)}</h2>
                <a class="button button--urgent" href="tel:111">{ t(T::Call111) }</a>
                <p>{ t(T::Urgent111) }</p>
            </section>
            <section class="flag flag--urgent" aria-labelledby="urgent-mh">
                <h2 id="urgent-mh">{t(T::UrgentIfYouFeelYouCannot)}</h2>
                <p>{ t(T::UrgentMental) }</p>
                <p><a class="button button--secondary" href="tel:116123">{t(T::UrgentCallSamaritans116123)}</a></p>
            </section>
            <section class="flag flag--soon" aria-labelledby="urgent-maternity">
                <h2 id="urgent-maternity">{t(T::UrgentPregnancy)}</h2>
                <p>{ t(T::UrgentMaternity) }</p>
            </section>
        </>
    }
}
