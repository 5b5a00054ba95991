//! One file per route; `switch` maps every route to its page (exhaustive).
#[cfg(feature = "full")]
pub mod about;
#[cfg(feature = "full")]
pub mod advice;
#[cfg(feature = "full")]
pub mod asthma;
#[cfg(feature = "full")]
pub mod care_team;
#[cfg(feature = "full")]
pub mod check;
pub mod emergency;
pub mod handover;
pub mod home;
#[cfg(feature = "full")]
pub mod import;
#[cfg(feature = "full")]
pub mod lock;
pub mod log;
pub mod log_kind;
#[cfg(feature = "full")]
pub mod minor_illness;
#[cfg(feature = "full")]
pub mod more;
pub mod not_found;
#[cfg(feature = "full")]
pub mod plan;
#[cfg(feature = "full")]
pub mod profile;
#[cfg(feature = "full")]
pub mod readings;
#[cfg(feature = "full")]
pub mod review;
#[cfg(feature = "full")]
pub mod rules;
#[cfg(feature = "full")]
pub mod score;
#[cfg(feature = "full")]
pub mod settings;
#[cfg(feature = "full")]
pub mod share;
pub mod symptoms;
#[cfg(feature = "full")]
pub mod team;
#[cfg(feature = "full")]
pub mod trends;
pub mod urgent;

use yew::prelude::*;

use crate::route::Route;

/// Renders the page for a route (every route: the lite bundle hands over for the pages only the
/// full bundle carries).
///
/// Pages with a parameter are keyed by their path, so moving from one to another (blood pressure
/// to weight, PHQ-9 to GAD-7) starts a fresh page instead of carrying over the last one's form.
pub fn switch(route: Route) -> Html {
    let key = route.to_path();
    match route {
        Route::Home => html! { <home::Home /> },
        Route::Log => html! { <log::Log /> },
        Route::LogKind { kind } => html! { <log_kind::LogKind {key} kind={kind.0} /> },
        Route::EditReading { id } => html! { <log_kind::EditReading {key} {id} /> },
        Route::Symptoms => html! { <symptoms::Symptoms /> },
        Route::Emergency => html! { <emergency::Emergency /> },
        Route::Urgent => html! { <urgent::Urgent /> },
        Route::NotFound => html! { <not_found::NotFound /> },
        #[cfg(not(feature = "full"))]
        _ => html! { <handover::Handover /> },
        #[cfg(feature = "full")]
        other => full(other, key),
    }
}

#[cfg(feature = "full")]
fn full(route: Route, key: String) -> Html {
    match route {
        Route::Home
        | Route::Log
        | Route::LogKind { .. }
        | Route::EditReading { .. }
        | Route::Symptoms
        | Route::Emergency
        | Route::Urgent
        | Route::NotFound => {
            html! { <not_found::NotFound /> }
        }
        Route::Readings => html! { <readings::Readings /> },
        Route::Score => html! { <score::ScorePage /> },
        Route::Advice => html! { <advice::Advice /> },
        Route::Plan => html! { <plan::Plan /> },
        Route::Check { instrument } => html! { <check::Check {key} instrument={instrument.0} /> },
        Route::Asthma => html! { <asthma::Asthma /> },
        Route::MinorIllness => html! { <minor_illness::MinorIllness {key} pathway={None::<String>} /> },
        Route::MinorIllnessPathway { id } => html! { <minor_illness::MinorIllness {key} pathway={Some(id)} /> },
        Route::Trends => html! { <trends::TrendsIndex /> },
        Route::Trend { kind } => html! { <trends::Trend {key} kind={kind.0} /> },
        Route::More => html! { <more::More /> },
        Route::Profile => html! { <profile::ProfilePage /> },
        Route::Settings => html! { <settings::Settings /> },
        Route::Rules => html! { <rules::Rules /> },
        Route::About => html! { <about::About /> },
        Route::Share => html! { <share::Share /> },
        Route::Review { token } => html! { <review::Review {key} {token} /> },
        Route::CareTeam { token } => html! { <care_team::CareTeam {key} {token} /> },
        Route::Team { patient } => html! { <team::Team {key} {patient} /> },
        Route::Import => html! { <import::ImportReadings /> },
    }
}
