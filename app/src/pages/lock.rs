//! The passphrase lock's screens (full bundle): the locked screen (unlock; urgent help and the
//! emergency information the person chose, kept in clear; what to do about a forgotten passphrase)
//! and the settings section that sets, changes and removes the lock (`crate::lock`).
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::context::AppContext;
use crate::i18n::{f, ff, F};
use crate::lock::{Choices, LockFailure, Show, EMERGENCY_ROW, IDLE_CHOICES, MIN_PASSPHRASE_CHARS};
use crate::platform;
use crate::route::{Link, Route};
use crate::state::Action;
use crate::store::{Store, Table};

fn input(id: &str) -> Option<HtmlInputElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

fn value_of(id: &str) -> String {
    input(id).map(|i| i.value()).unwrap_or_default()
}

fn clear_fields(ids: &[&str]) {
    for id in ids {
        if let Some(i) = input(id) {
            i.set_value("");
        }
    }
}

fn failure_words(e: &LockFailure) -> String {
    match e {
        LockFailure::Wrong => f(F::LockWrong).into(),
        LockFailure::Failed(why) => ff(F::LockFailed, &[("why", why)]),
        LockFailure::Stopped => f(F::LockStopped).into(),
    }
}

fn idle_words(minutes: u32) -> String {
    if minutes == 1 {
        f(F::LockOneMinute).into()
    } else if minutes.is_multiple_of(60) {
        let hours = minutes / 60;
        if hours == 1 {
            f(F::LockOneHour).into()
        } else {
            ff(F::LockHours, &[("n", &hours.to_string())])
        }
    } else {
        ff(F::LockMinutes, &[("n", &minutes.to_string())])
    }
}

/// The emergency information kept in clear, as the locked screen shows it.
fn emergency_info(row: &Value) -> Html {
    let list = |key: &str| row[key].as_array().cloned().unwrap_or_default();
    let (conditions, medicines, allergies, contacts) =
        (list("conditions"), list("medicines"), list("allergies"), list("contacts"));
    let none_known = row["no_known_allergies"].as_bool().unwrap_or(false);
    if conditions.is_empty() && medicines.is_empty() && allergies.is_empty() && contacts.is_empty() && !none_known {
        return html! {};
    }
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    html! {
        <section class="card" aria-labelledby="lock-emergency">
            <h2 id="lock-emergency">{ f(F::LockEmergencyInfo) }</h2>
            <p class="hint">{ f(F::LockEmergencyInfoHint) }</p>
            if !conditions.is_empty() {
                <h3>{ f(F::LockConditions) }</h3>
                <ul>{ for conditions.iter().map(|c| html! { <li>{ c.as_str().unwrap_or_default().to_string() }</li> }) }</ul>
            }
            if !medicines.is_empty() {
                <h3>{ f(F::LockMedicines) }</h3>
                <ul>{ for medicines.iter().map(|m| {
                    let dose = text(m, "dose");
                    html! { <li>{ text(m, "name") }{ if dose.is_empty() { String::new() } else { format!(", {dose}") } }</li> }
                }) }</ul>
            }
            if !allergies.is_empty() || none_known {
                <h3>{ f(F::LockAllergies) }</h3>
                if allergies.is_empty() {
                    <p>{ f(F::LockNoKnownAllergies) }</p>
                } else {
                    <ul>{ for allergies.iter().map(|a| {
                        let reaction = text(a, "reaction");
                        html! { <li>{ text(a, "substance") }{ if reaction.is_empty() { String::new() } else { format!(" ({reaction})") } }</li> }
                    }) }</ul>
                }
            }
            if !contacts.is_empty() {
                <h3>{ f(F::LockContacts) }</h3>
                <ul>{ for contacts.iter().map(|c| {
                    let (name, rel, phone) = (text(c, "name"), text(c, "relationship"), text(c, "phone"));
                    let who = if rel.is_empty() { name } else { format!("{name} ({rel})") };
                    html! {
                        <li>
                            { who }
                            if !phone.is_empty() { {": "}<a href={format!("tel:{}", phone.replace(' ', ""))}>{ phone }</a> }
                        </li>
                    }
                }) }</ul>
            }
        </section>
    }
}

/// The locked screen.
#[function_component]
pub fn LockScreen() -> Html {
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let emergency = use_state(|| Value::Null);
    let confirm = use_state(|| false);
    crate::hooks::use_reveal("lock-error", (*error).clone(), error.is_some());
    let ctx = crate::hooks::use_app();
    {
        let (emergency, store) = (emergency.clone(), ctx.as_ref().and_then(|c| c.store.clone()));
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let Some(store) = store else { return };
                if let Ok(rows) = store.all(Table::Meta).await {
                    if let Some(row) = rows.into_iter().find(|r| r["id"] == EMERGENCY_ROW) {
                        emergency.set(row);
                    }
                }
            });
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let onsubmit = {
        let (ctx, error, busy) = (ctx.clone(), error.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let passphrase = value_of("lock-passphrase");
            if passphrase.is_empty() {
                error.set(Some(f(F::LockEnterPassphrase).into()));
                return;
            }
            let Some(store) = ctx.store.clone() else { return };
            let (ctx, error, busy) = (ctx.clone(), error.clone(), busy.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let Some(idb) = crate::lock::idb(&store) else { return };
                match crate::lock::unlock(idb, &passphrase).await {
                    Ok(()) => {
                        clear_fields(&["lock-passphrase"]);
                        let idle = crate::store::lock_row(idb).await.map(|r| crate::lock::choices(&r).idle_minutes);
                        ctx.state.dispatch(Action::LockSet { idle_minutes: idle });
                        ctx.reload().await;
                        platform::focus_id("page-title");
                        // Anything a tab opened before the lock wrote in clear, sealed now that
                        // the page the person asked for is shown.
                        let _ = idb.seal_stragglers().await;
                    }
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(failure_words(&e)));
                        if let Some(i) = input("lock-passphrase") {
                            i.select();
                        }
                    }
                }
            });
        })
    };
    let on_delete = {
        let (ctx, confirm) = (ctx.clone(), confirm.clone());
        Callback::from(move |_| {
            if !*confirm {
                confirm.set(true);
                return;
            }
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if ctx.delete_everything().await.is_ok() {
                    crate::route::navigate(&Route::Home);
                }
            });
        })
    };
    let on_cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_| confirm.set(false))
    };
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ f(F::LockTitle) }</h1>
            <p>{ f(F::LockIntro) }</p>
            <form class="form" {onsubmit} novalidate=true>
                <div class={classes!("form-group", error.is_some().then_some("form-group--error"))}>
                    <label class="label" for="lock-passphrase">{ f(F::LockPassphrase) }</label>
                    if let Some(e) = &*error {
                        <p class="error-message" id="lock-error" role="alert" tabindex="-1">{ e.clone() }</p>
                    }
                    <input class="input" id="lock-passphrase" type="password" autocomplete="current-password"
                        aria-describedby={error.is_some().then_some("lock-error")} />
                </div>
                <button type="submit" class="button" disabled={*busy}>{ f(F::LockUnlock) }</button>
                <p role="status" class="status">{ if *busy { f(F::LockChecking) } else { "" } }</p>
            </form>
            <section class="flag flag--emergency" aria-labelledby="lock-urgent">
                <h2 id="lock-urgent">{ f(F::LockNeedHelp) }</h2>
                <a class="button button--emergency" href="tel:999">{ crate::i18n::t(crate::i18n::T::Call999) }</a>
                <p><Link to={Route::Urgent}>{ f(F::LockUrgentHelp) }</Link></p>
            </section>
            { emergency_info(&emergency) }
            <details class="flag__details">
                <summary>{ f(F::LockForgotten) }</summary>
                <p>{ f(F::LockForgottenText) }</p>
                { crate::components::ui::delete_everything(*confirm, f(F::LockDeleteConfirm), f(F::LockDeleteEverything), on_delete, on_cancel) }
            </details>
        </>
    }
}

fn choice_fields(c: Choices, picked: &UseStateHandle<Option<Choices>>) -> Html {
    let check = |id: &'static str, label: F, on: bool, flip: fn(&mut Show)| {
        let picked = picked.clone();
        let onchange = Callback::from(move |_: Event| {
            let mut next = c;
            flip(&mut next.show);
            picked.set(Some(next));
        });
        html! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id={id} checked={on} {onchange} />
                <label class="label checkboxes__label" for={id}>{ f(label) }</label>
            </div>
        }
    };
    let on_idle = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(m) = value.parse().ok().filter(|m| IDLE_CHOICES.contains(m)) {
                picked.set(Some(Choices { idle_minutes: m, ..c }));
            }
        })
    };
    html! {
        <>
            <div class="form-group">
                <label class="label" for="lock-idle">{ f(F::LockAfter) }</label>
                <select class="select" id="lock-idle" onchange={on_idle}>
                    { for IDLE_CHOICES.iter().map(|m| html! {
                        <option value={m.to_string()} selected={*m == c.idle_minutes}>{ idle_words(*m) }</option>
                    }) }
                </select>
            </div>
            <div class="form-group">
                <fieldset class="fieldset" aria-describedby="lock-show-hint">
                    <legend class="fieldset__legend">{ f(F::LockShow) }</legend>
                    <p class="hint" id="lock-show-hint">{ f(F::LockShowHint) }</p>
                    { check("lock-show-conditions", F::LockShowConditions, c.show.conditions, |s| s.conditions = !s.conditions) }
                    { check("lock-show-medicines", F::LockShowMedicines, c.show.medicines, |s| s.medicines = !s.medicines) }
                    { check("lock-show-contacts", F::LockShowContacts, c.show.contacts, |s| s.contacts = !s.contacts) }
                </fieldset>
            </div>
        </>
    }
}

/// A new passphrase typed twice: `Ok` with it, or why not.
fn new_passphrase(a: &str, b: &str) -> Result<String, String> {
    let pass = value_of(a);
    if pass.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ff(F::LockTooShort, &[("n", &MIN_PASSPHRASE_CHARS.to_string())]));
    }
    if pass != value_of(b) {
        return Err(f(F::LockNotSame).into());
    }
    Ok(pass)
}

/// A lock action: the words to say when done, or why it was not done.
type Work = std::rc::Rc<
    dyn Fn(AppContext, Watch) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, String>>>>,
>;

/// Told how far re-sealing every row has got (rows done, rows in all); answers whether to go on
/// (`false` once the person pressed Stop).
type Watch = std::rc::Rc<dyn Fn(u32, u32) -> bool>;

/// What the settings section is doing.
#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    Working(String),
    Done(String),
    Problem(String),
}

/// The settings section: set, change or remove the lock.
#[function_component]
pub fn LockSettings() -> Html {
    // None while reading; Some(None) with no lock; Some(Some(row)) with one.
    let row = use_state(|| None::<Option<Value>>);
    // What the person has picked in the form, until it is saved.
    let picked = use_state(|| None::<Choices>);
    let said = use_state(|| Said::Nothing);
    crate::hooks::use_reveal("lock-said", (*said).clone(), !matches!(*said, Said::Nothing));
    // How far a long change has got (rows done, rows in all), and whether Stop was pressed.
    let progress = use_state(|| None::<(u32, u32)>);
    let stop = use_mut_ref(|| false);
    let ctx = crate::hooks::use_app();
    let reread = {
        let (row, store) = (row.clone(), ctx.as_ref().and_then(|c| c.store.clone()));
        move || {
            let (row, store) = (row.clone(), store.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(store) = store else { return };
                row.set(Some(crate::store::lock_row(&*store).await));
            });
        }
    };
    {
        let reread = reread.clone();
        use_effect_with((), move |_| reread());
    }
    let Some(ctx) = ctx else { return html! {} };
    if !ctx.store.as_ref().is_some_and(|s| s.is_persistent()) {
        return html! {};
    }
    let Some(current) = (*row).clone() else { return html! {} };
    // Runs a lock action with "working" words, then says how it went and reads the lock again.
    let act = |working: F, work: Work| {
        let (ctx, said, row) = (ctx.clone(), said.clone(), row.clone());
        let (progress, stop) = (progress.clone(), stop.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*said, Said::Working(_)) {
                return;
            }
            let (ctx, said, row, work) = (ctx.clone(), said.clone(), row.clone(), work.clone());
            *stop.borrow_mut() = false;
            progress.set(None);
            let watch: Watch = {
                let (progress, stop) = (progress.clone(), stop.clone());
                std::rc::Rc::new(move |done, total| {
                    progress.set(Some((done, total)));
                    !*stop.borrow()
                })
            };
            let progress = progress.clone();
            said.set(Said::Working(f(working).into()));
            wasm_bindgen_futures::spawn_local(async move {
                let result = work(ctx.clone(), watch).await;
                progress.set(None);
                match result {
                    Ok(done) => {
                        // The section as it now is, and the words, drawn together (so the words
                        // brought into view are the ones that stay).
                        if let Some(store) = ctx.store.clone() {
                            row.set(Some(crate::store::lock_row(&*store).await));
                        }
                        said.set(Said::Done(done));
                    }
                    Err(e) => said.set(Said::Problem(e)),
                }
            });
        })
    };
    let status = match &*said {
        Said::Nothing => html! { <p class="status" id="lock-said" role="status" tabindex="-1"></p> },
        Said::Working(w) | Said::Done(w) => {
            html! { <p class="status" id="lock-said" role="status" tabindex="-1">{ w.clone() }</p> }
        }
        Said::Problem(w) => {
            html! { <p class="error-message" id="lock-said" role="alert" tabindex="-1">{ w.clone() }</p> }
        }
    };
    let busy = matches!(*said, Said::Working(_));
    // While every row is sealed again: how far it has got, and Stop (nothing changes).
    let working = match (*progress, busy) {
        (Some((done, total)), true) => {
            let on_stop = {
                let stop = stop.clone();
                Callback::from(move |_| *stop.borrow_mut() = true)
            };
            let words = ff(
                F::LockProgress,
                &[
                    ("done", &hale_core::input::thousands(u64::from(done))),
                    ("total", &hale_core::input::thousands(u64::from(total))),
                ],
            );
            html! {
                <div class="lock-progress">
                    <progress id="lock-progress" max={total.max(1).to_string()} value={done.to_string()} aria-label={words.clone()}></progress>
                    <p class="hint">{ words }</p>
                    <button type="button" class="button button--secondary" onclick={on_stop}>{ f(F::LockStop) }</button>
                </div>
            }
        }
        _ => html! {},
    };
    let field = |id: &'static str, label: F, auto: &'static str, hint: Option<F>| {
        let hint_id = format!("{id}-hint");
        html! {
            <div class="form-group">
                <label class="label" for={id}>{ f(label) }</label>
                if let Some(h) = hint { <p class="hint" id={hint_id.clone()}>{ ff(h, &[("n", &MIN_PASSPHRASE_CHARS.to_string())]) }</p> }
                <input class="input" id={id} type="password" autocomplete={auto} aria-describedby={hint.map(|_| hint_id)} />
            </div>
        }
    };
    let c = (*picked).unwrap_or_else(|| current.as_ref().map(crate::lock::choices).unwrap_or_default());
    if current.is_none() {
        let on_set = act(
            F::LockLocking,
            std::rc::Rc::new(move |ctx: AppContext, watch: Watch| {
                Box::pin(async move {
                    let pass = new_passphrase("lock-new", "lock-again")?;
                    let store = ctx.store.clone().ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                    let idb = crate::lock::idb(&store).ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                    crate::lock::set(idb, &pass, c, &ctx.state.record.profile, &*watch)
                        .await
                        .map_err(|e| failure_words(&e))?;
                    clear_fields(&["lock-new", "lock-again"]);
                    ctx.state.dispatch(Action::LockSet { idle_minutes: Some(c.idle_minutes) });
                    Ok(ff(F::LockSetDone, &[("after", &idle_words(c.idle_minutes))]))
                })
            }),
        );
        return html! {
            <section aria-labelledby="lock-heading">
                <h2 id="lock-heading">{ f(F::LockHeading) }</h2>
                <p>{ f(F::LockWhy) }</p>
                <p>{ f(F::LockNoReset) }</p>
                { status }
                { working.clone() }
                <form class="form" onsubmit={on_set} novalidate=true>
                    { field("lock-new", F::LockNewPassphrase, "new-password", Some(F::LockPassphraseHint)) }
                    { field("lock-again", F::LockAgain, "new-password", None) }
                    { choice_fields(c, &picked) }
                    <button type="submit" class="button" disabled={busy}>{ f(F::LockSetButton) }</button>
                </form>
            </section>
        };
    }
    let on_choices = act(
        F::LockSaving,
        std::rc::Rc::new(move |ctx: AppContext, _: Watch| {
            Box::pin(async move {
                let store = ctx.store.clone().ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                let idb = crate::lock::idb(&store).ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                crate::lock::keep_choices(idb, c, &ctx.state.record.profile).await?;
                ctx.state.dispatch(Action::LockSet { idle_minutes: Some(c.idle_minutes) });
                Ok(f(F::LockChoicesSaved).into())
            })
        }),
    );
    let on_change = act(
        F::LockChanging,
        std::rc::Rc::new(|ctx: AppContext, watch: Watch| {
            Box::pin(async move {
                let pass = new_passphrase("lock-change-new", "lock-change-again")?;
                let store = ctx.store.clone().ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                let idb = crate::lock::idb(&store).ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                crate::lock::change(idb, &value_of("lock-current"), &pass, &ctx.state.record.profile, &*watch)
                    .await
                    .map_err(|e| failure_words(&e))?;
                clear_fields(&["lock-current", "lock-change-new", "lock-change-again"]);
                Ok(f(F::LockChanged).into())
            })
        }),
    );
    let on_remove = act(
        F::LockRemoving,
        std::rc::Rc::new(|ctx: AppContext, watch: Watch| {
            Box::pin(async move {
                let store = ctx.store.clone().ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                let idb = crate::lock::idb(&store).ok_or_else(|| f(F::LockFailedPlain).to_string())?;
                crate::lock::remove(idb, &value_of("lock-remove-current"), &*watch)
                    .await
                    .map_err(|e| failure_words(&e))?;
                clear_fields(&["lock-remove-current"]);
                ctx.state.dispatch(Action::LockSet { idle_minutes: None });
                Ok(f(F::LockRemoved).into())
            })
        }),
    );
    html! {
        <section aria-labelledby="lock-heading">
            <h2 id="lock-heading">{ f(F::LockHeadingSet) }</h2>
            <p>{ ff(F::LockIsSet, &[("after", &idle_words(c.idle_minutes))]) }</p>
            <p>{ f(F::LockNoReset) }</p>
            { status }
            { working }
            <button type="button" class="button button--secondary" onclick={Callback::from(|_| crate::lock::lock_now())}>{ f(F::LockNow) }</button>
            <form class="form" onsubmit={on_choices} novalidate=true>
                <h3>{ f(F::LockChoicesHeading) }</h3>
                { choice_fields(c, &picked) }
                <button type="submit" class="button button--secondary" disabled={busy}>{ f(F::LockSaveChoices) }</button>
            </form>
            <form class="form" onsubmit={on_change} novalidate=true>
                <h3>{ f(F::LockChangeHeading) }</h3>
                { field("lock-current", F::LockCurrent, "current-password", None) }
                { field("lock-change-new", F::LockNewPassphrase, "new-password", Some(F::LockPassphraseHint)) }
                { field("lock-change-again", F::LockAgain, "new-password", None) }
                <button type="submit" class="button button--secondary" disabled={busy}>{ f(F::LockChangeButton) }</button>
            </form>
            <form class="form" onsubmit={on_remove} novalidate=true>
                <h3>{ f(F::LockRemoveHeading) }</h3>
                <p>{ f(F::LockRemoveText) }</p>
                { field("lock-remove-current", F::LockCurrent, "current-password", None) }
                <button type="submit" class="button button--secondary" disabled={busy}>{ f(F::LockRemoveButton) }</button>
            </form>
        </section>
    }
}

/// What `IdleLock` needs.
#[derive(Properties, PartialEq)]
pub struct IdleLockProps {
    /// Minutes without use before locking; `None`: no lock, or locked.
    pub minutes: Option<u32>,
}

/// Draws nothing; locks again after `minutes` without use (`hooks::use_idle_lock`).
#[function_component]
pub fn IdleLock(props: &IdleLockProps) -> Html {
    crate::hooks::use_idle_lock::use_idle_lock(props.minutes);
    html! {}
}
