//! The header: the app name, the main links and an "Urgent help" link on every page.
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::route::{Link, Route};

/// Header props.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Embedded in a portal: keep only the compact urgent-help link.
    pub embedded: bool,
    /// A care team's review page: the name only, none of the person's own links.
    #[prop_or_default]
    pub review: bool,
}

/// The header.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let route = crate::hooks::use_route();
    let link = |to: Route, label: T| {
        html! {
            <li class="nav__item">
                <Link classes={classes!("nav__link")} to={to}>{ t(label) }</Link>
            </li>
        }
    };
    if props.embedded {
        // In a portal's frame: one Back link at the top (to Hale's first page, never the frame's
        // history, which the portal's own page shares) and the compact urgent-help link.
        return html! {
            <header class="header header--embedded">
                if route != Route::Home { <Link classes={classes!("back-link")} to={Route::Home}>{ t(T::Back) }</Link> }
                <Link classes={classes!("urgent-link")} to={Route::Urgent}>{ t(T::UrgentHelp) }</Link>
            </header>
        };
    }
    if props.review {
        return html! {
            <header class="header">
                <div class="header__bar"><span class="header__logo">{ t(T::AppName) }</span></div>
            </header>
        };
    }
    html! {
        <header class="header">
            <div class="header__bar">
                <Link classes={classes!("header__logo")} to={Route::Home}>
                    <span class="header__logo-mark" aria-hidden="true">{"\u{2665}"}</span>
                    { t(T::AppName) }
                </Link>
                <Link classes={classes!("urgent-link")} to={Route::Urgent}>{ t(T::UrgentHelp) }</Link>
            </div>
            <nav class="nav" aria-label={t(T::NavMenu)}>
                <ul class="nav__list">
                    { link(Route::Home, T::NavHome) }
                    { link(Route::Log, T::NavLog) }
                    { link(Route::Score, T::NavScore) }
                    { link(Route::Advice, T::NavAdvice) }
                    { link(Route::More, T::NavMore) }
                </ul>
            </nav>
        </header>
    }
}
