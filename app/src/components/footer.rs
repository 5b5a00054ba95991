//! The footer: rules, about, and "this is not a diagnosis".
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::route::{Link, Route};

/// The footer.
#[function_component]
pub fn Footer() -> Html {
    html! {
        <footer class="footer">
            <ul class="footer__links">
                <li><Link to={Route::Rules}>{ t(T::NavRules) }</Link></li>
                <li><Link to={Route::About}>{ t(T::NavAbout) }</Link></li>
            </ul>
            <p>{ t(T::FooterNotDiagnosis) }</p>
            <p>{ t(T::FooterPrivacy) }</p>
        </footer>
    }
}
