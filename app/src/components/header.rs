//! The header: the app name, the main links and an "Urgent help" link on every page.
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{t, T};
use crate::route::Route;

/// Header props.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Embedded in a portal: keep only the compact urgent-help link.
    pub embedded: bool,
}

/// The header.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let route = use_route::<Route>();
    let link = |to: Route, label: T| {
        let current = route.as_ref() == Some(&to);
        html! {
            <li class="nav__item">
                <Link<Route> classes={classes!("nav__link")} to={to}>
                    if current { <span class="visually-hidden">{"Current page: "}</span> }
                    { t(label) }
                </Link<Route>>
            </li>
        }
    };
    if props.embedded {
        return html! {
            <header class="header header--embedded">
                <Link<Route> classes={classes!("urgent-link")} to={Route::Urgent}>{ t(T::UrgentHelp) }</Link<Route>>
            </header>
        };
    }
    html! {
        <header class="header">
            <div class="header__bar">
                <Link<Route> classes={classes!("header__logo")} to={Route::Home}>
                    <span class="header__logo-mark" aria-hidden="true">{"\u{2665}"}</span>
                    { t(T::AppName) }
                </Link<Route>>
                <Link<Route> classes={classes!("urgent-link")} to={Route::Urgent}>{ t(T::UrgentHelp) }</Link<Route>>
            </div>
            <nav class="nav" aria-label={t(T::NavMenu)}>
                <ul class="nav__list">
                    { link(Route::Home, T::NavHome) }
                    { link(Route::Log, T::NavLog) }
                    { link(Route::Readings, T::NavReadings) }
                </ul>
            </nav>
        </header>
    }
}
