//! The root component: loads the store, provides state, lays out every page and routes.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::skip_link::SkipLink;
use crate::components::update_banner::UpdateBanner;
use crate::hooks::use_route;
use crate::i18n::{t, T};
use crate::pages;
use crate::platform;
use crate::route::Router;
use crate::state::{Action, AppState, Persistence, Phase};
use crate::store::{load_record, AnyStore, IdbStore, MemoryStore, DB_NAME};

use crate::context::AppContext;

/// The app.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(platform::now(), platform::is_embedded()));
    let store = use_state(|| None::<Rc<AnyStore>>);

    {
        let state = state.clone();
        let store = store.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (s, persistence) = match IdbStore::open(DB_NAME).await {
                    Ok(db) => (AnyStore::Idb(db), Persistence::Stored),
                    Err(e) => (AnyStore::Memory(MemoryStore::default()), Persistence::MemoryOnly(e.message())),
                };
                // Locked with a passphrase: the lite bundle reads nothing and hands over to the full
                // one, which shows the locked screen (crate::lock) and reads nothing until unlocked.
                if crate::store::lock_row(&s).await.is_some() {
                    #[cfg(not(feature = "full"))]
                    {
                        crate::bindings::hand_over().await;
                        return;
                    }
                    #[cfg(feature = "full")]
                    {
                        if let AnyStore::Idb(db) = &s {
                            db.set_lock(crate::store::idb::Lock::Locked);
                        }
                        store.set(Some(Rc::new(s)));
                        state.dispatch(Action::Locked);
                        return;
                    }
                }
                let (record, issues, persistence) = match load_record(&s).await {
                    Ok((r, i)) => (r, i, persistence),
                    Err(e) => (Default::default(), Vec::new(), Persistence::MemoryOnly(e.message())),
                };
                platform::mark("hale:loaded");
                store.set(Some(Rc::new(s)));
                state.dispatch(Action::Loaded { record: Box::new(record), issues, persistence, now: platform::now() });
            });
        });
    }

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hale:update-available", move |_| state.dispatch(Action::UpdateAvailable))
            });
            // The boot script may have announced the update before the app mounted.
            let already = web_sys::window()
                .and_then(|w| js_sys::Reflect::get(&w, &"haleUpdateWaiting".into()).ok())
                .is_some_and(|v| !v.is_undefined() && !v.is_null());
            if already {
                platform::dispatch_window_event("hale:update-available");
            }
            move || drop(listener)
        });
    }

    {
        // Every change to the stored record (and the record loaded at start, with what a closed tab
        // left waiting) goes to the outbox, which sends it if the person shares with a practice.
        let key = (Rc::as_ptr(&state.record) as usize, state.persistence == Persistence::Stored);
        use_effect_with(key, |(_, stored)| {
            if *stored {
                crate::bindings::outbox_kick();
            }
        });
    }

    let ctx = AppContext { state: state.clone(), store: (*store).clone() };
    html! {
        <ContextProvider<AppContext> context={ctx}>
            <Router>
                <Layout />
            </Router>
            { idle_lock(&state) }
        </ContextProvider<AppContext>>
    }
}

/// Locks again after the chosen time without use, while unlocked with a passphrase.
#[cfg(feature = "full")]
fn idle_lock(state: &AppState) -> Html {
    html! { <pages::lock::IdleLock minutes={state.idle_lock} /> }
}

#[cfg(not(feature = "full"))]
fn idle_lock(_: &AppState) -> Html {
    html! {}
}

#[function_component]
fn Layout() -> Html {
    let ctx = crate::hooks::use_app();
    let route = use_route();
    {
        let route = route.clone();
        use_effect_with(route, |r| {
            platform::set_title(&r.title());
            // Each page starts at the top, with focus on its heading for screen readers.
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            platform::focus_id("page-title");
        });
    }
    {
        let state = ctx.as_ref().map(|c| c.state.clone());
        let show = state.as_ref().is_some_and(|s| s.new_emergency);
        use_effect_with(show, move |show| {
            if *show {
                crate::route::navigate(&crate::route::Route::Emergency);
                if let Some(s) = state {
                    s.dispatch(Action::EmergencyShown);
                }
            }
        });
    }
    {
        // The flags standing now, as "level/service/rule" words on <html data-hale-flags>: what
        // app/js/embed.js reads to tell a host portal that the person was told to get help (it
        // sends the level and service only, unless the deploy configuration allows rule ids).
        let flags = ctx.as_ref().map(|c| {
            c.state
                .assessment
                .red_flags
                .iter()
                .map(|f| [f.level.as_str(), f.service.as_str(), f.id].join("/"))
                .collect::<Vec<_>>()
                .join(" ")
        });
        use_effect_with(flags, |flags| {
            if let (Some(flags), Some(html)) =
                (flags, web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()))
            {
                let _ = html.set_attribute("data-hale-flags", flags);
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let s = &ctx.state;
    // Only the full bundle draws the review page (the lite one hands over to it).
    let review = cfg!(feature = "full")
        && matches!(route, crate::route::Route::Review { .. } | crate::route::Route::Team { .. });
    let body = match s.phase {
        Phase::Loading => html! { <p class="loading" role="status">{ t(T::Loading) }</p> },
        Phase::Ready => pages::switch(route),
        // While locked: urgent help and the emergency screen as ever, every other page locked.
        #[cfg(feature = "full")]
        Phase::Locked => match route {
            crate::route::Route::Urgent | crate::route::Route::Emergency => pages::switch(route),
            _ => html! { <pages::lock::LockScreen /> },
        },
    };
    let storage_notice = match &s.persistence {
        Persistence::Stored => html! {},
        Persistence::MemoryOnly(msg) => html! {
            <div class="notice notice--warning" role="alert">
                <h2>{ t(T::StorageProblemTitle) }</h2>
                <p>{ msg.clone() }</p>
            </div>
        },
    };
    html! {
        <>
            <SkipLink />
            <Header embedded={s.embedded} {review} />
            if s.update_available { <UpdateBanner /> }
            <div class="page">
                <main id="main" class="main" tabindex="-1">
                    { storage_notice }
                    { body }
                </main>
            </div>
            if !s.embedded && !review { <Footer /> }
        </>
    }
}
