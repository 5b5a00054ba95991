//! `use_route`: the current route, as the router (`route::Router`) provides it.
use yew::prelude::*;

use crate::route::Route;

/// The current route.
#[hook]
pub fn use_route() -> Route {
    use_context::<Route>().unwrap_or(Route::NotFound)
}
