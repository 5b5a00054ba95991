//! Page not found.
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::route::{Link, Route};

/// The page.
#[function_component]
pub fn NotFound() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ t(T::NotFoundTitle) }</h1>
            <p>{ t(T::NotFoundBody) }</p>
            <p><Link to={Route::Home}>{ t(T::BackHome) }</Link></p>
        </>
    }
}
