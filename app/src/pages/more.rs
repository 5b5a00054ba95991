//! Everything else, in one list (the main menu stays short on a phone).
use hale_core::vocab::Instrument;
use yew::prelude::*;

use crate::components::ui::page_title;
use crate::route::{InstrumentSlug, Link, Route};

/// The page.
#[function_component]
pub fn More() -> Html {
    let link = |to: Route, text: &'static str| html! { <li><Link to={to}>{ text }</Link></li> };
    let check = |i: Instrument, text: &'static str| link(Route::Check { instrument: InstrumentSlug(i) }, text);
    html! {
        <>
            { page_title("More") }
            <h2>{"Your health"}</h2>
            <ul class="link-list">
                { link(Route::Profile, "About you (and your care plan)") }
                { link(Route::Settings, "Your data: back up, restore, delete") }
                { link(Route::Plan, "Your recheck plan") }
                { link(Route::Readings, "All your readings") }
                { link(Route::Trends, "Your trends (charts)") }
                { link(Route::Asthma, "Asthma action plan") }
                { link(Route::MinorIllness, "Minor illness: check what to do") }
            </ul>
            <h2>{"Questionnaires"}</h2>
            <ul class="link-list">
                { check(Instrument::Phq9, "Mood (PHQ-9)") }
                { check(Instrument::Gad7, "Anxiety (GAD-7)") }
                { check(Instrument::Mepa, "Diet (MEPA)") }
                { check(Instrument::Feverpain, "Sore throat (FeverPAIN)") }
                { check(Instrument::Centor, "Sore throat (Centor)") }
            </ul>
            <h2>{"About Hale"}</h2>
            <ul class="link-list">
                { link(Route::Urgent, "Urgent help") }
                { link(Route::Rules, "How Hale checks your readings") }
                { link(Route::About, "About Hale") }
            </ul>
        </>
    }
}
