//! One file per route; `switch` maps every route to its page (exhaustive).
#[cfg(feature = "full")]
pub mod about;
#[cfg(feature = "full")]
pub mod advice;
#[cfg(feature = "full")]
pub mod asthma;
#[cfg(feature = "full")]
pub mod check;
pub mod handover;
pub mod home;
pub mod log;
pub mod log_kind;
#[cfg(feature = "full")]
pub mod minor_illness;
#[cfg(feature = "full")]
pub mod more;
pub mod not_found;
#[cfg(feature = "full")]
pub mod plan;
pub mod readings;
#[cfg(feature = "full")]
pub mod rules;
#[cfg(feature = "full")]
pub mod score;
pub mod urgent;

use yew::prelude::*;

use crate::route::Route;

/// Renders the page for a route (every route: the lite bundle hands over for the pages only the
/// full bundle carries).
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <home::Home /> },
        Route::Log => html! { <log::Log /> },
        Route::LogKind { kind } => html! { <log_kind::LogKind kind={kind.0} /> },
        Route::Readings => html! { <readings::Readings /> },
        Route::Urgent => html! { <urgent::Urgent /> },
        Route::NotFound => html! { <not_found::NotFound /> },
        #[cfg(not(feature = "full"))]
        _ => html! { <handover::Handover /> },
        #[cfg(feature = "full")]
        other => full(other),
    }
}

#[cfg(feature = "full")]
fn full(route: Route) -> Html {
    match route {
        Route::Home | Route::Log | Route::LogKind { .. } | Route::Readings | Route::Urgent | Route::NotFound => {
            html! { <not_found::NotFound /> }
        }
        Route::Score => html! { <score::ScorePage /> },
        Route::Advice => html! { <advice::Advice /> },
        Route::Plan => html! { <plan::Plan /> },
        Route::Check { instrument } => html! { <check::Check instrument={instrument.0} /> },
        Route::Asthma => html! { <asthma::Asthma /> },
        Route::MinorIllness => html! { <minor_illness::MinorIllness pathway={None::<String>} /> },
        Route::MinorIllnessPathway { id } => html! { <minor_illness::MinorIllness pathway={Some(id)} /> },
        Route::More => html! { <more::More /> },
        Route::Rules => html! { <rules::Rules /> },
        Route::About => html! { <about::About /> },
    }
}
