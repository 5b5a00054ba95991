//! The footer: rules, about, and "this is not a diagnosis".
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{t, T};
use crate::route::Route;

/// The footer.
#[function_component]
pub fn Footer() -> Html {
    html! {
        <footer class="footer">
            <ul class="footer__links">
                <li><Link<Route> to={Route::Rules}>{ t(T::NavRules) }</Link<Route>></li>
                <li><Link<Route> to={Route::About}>{ t(T::NavAbout) }</Link<Route>></li>
            </ul>
            <p>{ t(T::FooterNotDiagnosis) }</p>
            <p>{ t(T::FooterPrivacy) }</p>
        </footer>
    }
}
