//! One file per route; `switch` maps every route to its page (exhaustive).
pub mod about;
pub mod home;
pub mod log;
pub mod log_kind;
pub mod not_found;
pub mod readings;
pub mod rules;
pub mod score;
pub mod urgent;

use yew::prelude::*;

use crate::route::Route;

/// Renders the page for a route.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <home::Home /> },
        Route::Log => html! { <log::Log /> },
        Route::LogKind { kind } => html! { <log_kind::LogKind kind={kind.0} /> },
        Route::Readings => html! { <readings::Readings /> },
        Route::Score => html! { <score::ScorePage /> },
        Route::Urgent => html! { <urgent::Urgent /> },
        Route::Rules => html! { <rules::Rules /> },
        Route::About => html! { <about::About /> },
        Route::NotFound => html! { <not_found::NotFound /> },
    }
}
