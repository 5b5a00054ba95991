//! Locks Hale again after the chosen time without use (full bundle, while unlocked with a
//! passphrase): any key, pointer, touch or wheel on the page counts as use; when the time has
//! passed, the page reloads, which forgets the key and everything opened with it (`crate::lock`).
use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

/// How often the time without use is looked at, in milliseconds.
const LOOK_EVERY_MS: u32 = 10_000;

/// Locks after `minutes` without use; `None`: no lock, or locked already.
#[hook]
pub fn use_idle_lock(minutes: Option<u32>) {
    use_effect_with(minutes, |minutes| {
        let parts = minutes.zip(web_sys::window()).map(|(m, w)| {
            let last = Rc::new(Cell::new(js_sys::Date::now()));
            let listeners: Vec<EventListener> = ["pointerdown", "keydown", "touchstart", "wheel"]
                .into_iter()
                .map(|name| {
                    let last = last.clone();
                    EventListener::new(&w, name, move |_| last.set(js_sys::Date::now()))
                })
                .collect();
            let limit = f64::from(m) * 60_000.0;
            let interval = gloo::timers::callback::Interval::new(LOOK_EVERY_MS, move || {
                if js_sys::Date::now() - last.get() >= limit {
                    crate::lock::lock_now();
                }
            });
            (listeners, interval)
        });
        move || drop(parts)
    });
}
