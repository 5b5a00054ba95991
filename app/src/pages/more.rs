//! Everything else, in one list (the main menu stays short on a phone).
use hale_core::vocab::Instrument;
use yew::prelude::*;

use crate::components::ui::page_title;
use crate::i18n::{f, t, F, T};
use crate::route::{InstrumentSlug, Link, Route};

/// The page.
#[function_component]
pub fn More() -> Html {
    let link = |to: Route, text: &'static str| html! { <li><Link to={to}>{ text }</Link></li> };
    let check = |i: Instrument, text: &'static str| link(Route::Check { instrument: InstrumentSlug(i) }, text);
    html! {
        <>
            { page_title(t(T::NavMore)) }
            <h2>{f(F::MoreYourHealth)}</h2>
            <ul class="link-list">
                { link(Route::Share, f(F::ShareHeading)) }
                { link(Route::Profile, f(F::MoreAboutYouAndYourCare)) }
                { link(Route::Settings, f(F::MoreYourDataBackUpRestore)) }
                { link(Route::Plan, f(F::MoreYourRecheckPlan)) }
                { link(Route::Readings, f(F::MoreAllYourReadings)) }
                { link(Route::Import, f(F::ImTitle)) }
                { link(Route::Trends, f(F::MoreYourTrendsCharts)) }
                { link(Route::Asthma, f(F::MoreAsthmaActionPlan)) }
                { link(Route::MinorIllness, f(F::MinorIllnessMinorIllnessCheckWhatTo)) }
            </ul>
            <h2>{f(F::MoreQuestionnaires)}</h2>
            <ul class="link-list">
                { check(Instrument::Phq9, f(F::MoreMoodPhq9)) }
                { check(Instrument::Gad7, f(F::MoreAnxietyGad7)) }
                { check(Instrument::Mepa, f(F::MoreDietMepa)) }
                { check(Instrument::Feverpain, f(F::MoreSoreThroatFeverpain)) }
                { check(Instrument::Centor, f(F::MoreSoreThroatCentor)) }
            </ul>
            <h2>{f(F::AboutTitle)}</h2>
            <ul class="link-list">
                { link(Route::Urgent, t(T::UrgentHelp)) }
                { link(Route::Rules, f(F::RulesTitle)) }
                { link(Route::About, f(F::AboutTitle)) }
                { link(Route::CareTeam { token: None }, f(F::CtNotSharingTitle)) }
                { link(Route::Review { token: None }, f(F::MoreOpenShared)) }
            </ul>
        </>
    }
}
