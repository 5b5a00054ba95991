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
                <h2 id="urgent-999">{"Emergency"}</h2>
                <a class="button button--emergency" href="tel:999">{ t(T::Call999) }</a>
                <p>{ t(T::UrgentEmergency) }</p>
            </section>
            <section class="flag flag--urgent" aria-labelledby="urgent-111">
                <h2 id="urgent-111">{"Urgent, but not an emergency"}</h2>
                <a class="button button--urgent" href="tel:111">{ t(T::Call111) }</a>
                <p>{ t(T::Urgent111) }</p>
            </section>
            <section class="flag flag--urgent" aria-labelledby="urgent-mh">
                <h2 id="urgent-mh">{"If you feel you cannot keep yourself safe"}</h2>
                <p>{ t(T::UrgentMental) }</p>
                <p><a class="button button--secondary" href="tel:116123">{"Call Samaritans: 116 123"}</a></p>
            </section>
            <section class="flag flag--soon" aria-labelledby="urgent-maternity">
                <h2 id="urgent-maternity">{"Pregnancy"}</h2>
                <p>{ t(T::UrgentMaternity) }</p>
            </section>
        </>
    }
}
