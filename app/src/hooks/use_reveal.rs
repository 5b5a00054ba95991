//! Brings the answer to an action to the person: when `dep` changes and `show` holds, the element
//! with `id` is scrolled to the top of the viewport and focused (`platform::reveal`), so a result
//! drawn above the button is seen and heard, not left off-screen.
use yew::prelude::*;

use crate::platform;

/// Reveals the element `id` after each change of `dep` for which `show` is true.
#[hook]
pub fn use_reveal<T: PartialEq + 'static>(id: &'static str, dep: T, show: bool) {
    use_effect_with(dep, move |_| {
        if show {
            platform::reveal(id);
        }
    });
}
