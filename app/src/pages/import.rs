//! Bring in readings (`#/import`, full bundle): a file a home-device app exported (Apple Health's
//! export.zip or export.xml, OMRON connect, Withings, Samsung Health, Fitbit), chosen or dropped,
//! read by the core on this device (`hale_core::device_files`; an Apple Health export, often
//! gigabytes, streamed by `hale_core::apple_health` in a worker of its own with progress and Stop),
//! shown first — what was found per kind and over which dates, how dense data was kept, what is
//! already here, what will be left out and why — and only then stored. Each reading's id is made
//! from what it is, so bringing the same file in again adds nothing twice. Nothing leaves the
//! device.

use std::rc::Rc;

use hale_core::device_files::{self, Column, DateOrder};
use hale_core::record::Observation;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::components::ui::page_title;
use crate::i18n::{f, ff, F};
use crate::platform;
use crate::route::{Link, Route};
use crate::store::{to_dto, Store, Table};

/// The offset from UTC of this device's clock now, in minutes (what a file's local times are read at).
fn local_offset_minutes() -> i32 {
    // getTimezoneOffset is UTC minus local, in minutes.
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Reading,
    /// An export being read in the import worker: bytes read of all.
    Streaming {
        done: f64,
        total: f64,
    },
    /// A CSV file no known app wrote: the person says what each column holds.
    Mapping(Rc<Mapping>),
    /// What the file holds (the readings, and the core's preview JSON), before anything is stored.
    Preview {
        readings: Rc<Readings>,
        preview: Rc<Value>,
        total: usize,
        new: usize,
    },
    Refused(String),
    Done(String),
}

/// The readings a file holds: read on the page, or (a large export) kept by the import worker,
/// which stores them itself when the person brings them in.
#[derive(PartialEq)]
enum Readings {
    Read(Vec<Observation>),
    InWorker,
}

/// A table being mapped: its bytes, header, first rows, the choices so far and why the last try
/// was refused.
#[derive(Clone, PartialEq)]
struct Mapping {
    bytes: Vec<u8>,
    header: Vec<String>,
    first: Vec<Vec<String>>,
    columns: Vec<Column>,
    order: DateOrder,
    refused: Option<String>,
}

impl Shown {
    /// Which state it is, without its figures (the answer is revealed once per state, not per
    /// progress step).
    fn stage(&self) -> u8 {
        match self {
            Shown::Nothing => 0,
            Shown::Reading => 1,
            Shown::Streaming { .. } => 2,
            Shown::Preview { .. } => 3,
            Shown::Refused(_) => 4,
            Shown::Done(_) => 5,
            Shown::Mapping(_) => 6,
        }
    }
}

/// The preview of what was read: how many of the readings are new here.
fn preview_of(observations: Vec<Observation>, preview: Value, here: &[Observation]) -> Shown {
    let ids: std::collections::HashSet<&str> = here.iter().map(|h| h.id.as_str()).collect();
    let new = observations.iter().filter(|o| !ids.contains(o.id.as_str())).count();
    Shown::Preview {
        total: observations.len(),
        readings: Rc::new(Readings::Read(observations)),
        preview: Rc::new(preview),
        new,
    }
}

/// Bytes in words (`120 MB`).
fn megabytes(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

/// The readings one Bluetooth measurement makes (a cuff's pressure and its pulse; a scale's
/// weight), or why none.
fn from_device(kind: &str, bytes: &[u8], name: &str) -> Result<Vec<Observation>, String> {
    use hale_core::ble;
    let (now, offset) = (platform::now(), local_offset_minutes());
    let device = Some(name).filter(|n| !n.is_empty());
    if kind == "weight" {
        let m = ble::weight(bytes)?;
        return ble::weight_observation(&m, device, offset, now).map(|o| vec![o]);
    }
    let m = ble::blood_pressure(bytes)?;
    let mut out = vec![ble::blood_pressure_observation(&m, device, offset, now)?];
    out.extend(ble::pulse_observation(&m, device, offset, now));
    Ok(out)
}

/// Connect a cuff or a scale (shown only where the browser has Web Bluetooth): each measurement it
/// sends is read by the core and saved at once, as a typed reading is (checked, and judged by the
/// red-flag rules: a cuff's reading is a spot check); one sent again (a burst of stored readings)
/// has the same id, so nothing doubles.
#[function_component]
fn Bluetooth() -> Html {
    let said = use_state(|| None::<(String, bool)>);
    let listening = use_mut_ref(Vec::<Closure<dyn FnMut(Vec<u8>, String)>>::new);
    crate::hooks::use_reveal("ble-result", (*said).clone(), said.is_some());
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    if !crate::bindings::bluetooth_available() {
        return html! {};
    }
    let connect = |kind: &'static str| {
        let (said, listening, ctx) = (said.clone(), listening.clone(), ctx.clone());
        Callback::from(move |_: MouseEvent| {
            let (said, listening, ctx) = (said.clone(), listening.clone(), ctx.clone());
            let on_bytes = {
                let (said, ctx) = (said.clone(), ctx.clone());
                Closure::wrap(Box::new(move |bytes: Vec<u8>, name: String| match from_device(kind, &bytes, &name) {
                    Ok(readings) => {
                        let words = readings
                            .first()
                            .map(|o| {
                                ff(
                                    F::ImBleSaved,
                                    &[
                                        ("device", if name.is_empty() { f(F::ImBleDevice) } else { &name }),
                                        ("value", &crate::format::value_text(&o.value)),
                                        ("when", &platform::human_time(o.at)),
                                    ],
                                )
                            })
                            .unwrap_or_default();
                        let (said, ctx) = (said.clone(), ctx.clone());
                        let entries = readings.into_iter().map(crate::state::Entry::Observation).collect();
                        wasm_bindgen_futures::spawn_local(async move {
                            said.set(Some(match ctx.save(entries).await {
                                Ok(()) => (words, false),
                                Err(e) => (ff(F::ImNotStored, &[("e", &e)]), true),
                            }));
                        });
                    }
                    Err(why) => said.set(Some((why, true))),
                }) as Box<dyn FnMut(Vec<u8>, String)>)
            };
            wasm_bindgen_futures::spawn_local(async move {
                let answer = crate::bindings::bluetooth_connect(kind, &on_bytes).await;
                listening.borrow_mut().push(on_bytes);
                said.set(Some(if answer["ok"] == true {
                    let name = answer["name"].as_str().filter(|n| !n.is_empty()).unwrap_or(f(F::ImBleDevice));
                    (ff(F::ImBleConnected, &[("device", name)]), false)
                } else if answer["cancelled"] == true {
                    (f(F::ImBleNoneChosen).to_string(), false)
                } else {
                    (ff(F::ImBleFailed, &[("why", answer["error"].as_str().unwrap_or_default())]), true)
                }));
            });
        })
    };
    html! {
        <section class="import__ble" aria-labelledby="ble-heading">
            <h2 id="ble-heading">{ f(F::ImBleHeading) }</h2>
            <p>{ f(F::ImBleIntro) }</p>
            <div class="actions">
                <button type="button" class="button button--secondary" onclick={connect("blood_pressure")}>{ f(F::ImBleCuff) }</button>
                <button type="button" class="button button--secondary" onclick={connect("weight")}>{ f(F::ImBleScale) }</button>
            </div>
            if let Some((words, alert)) = (*said).clone() {
                <p id="ble-result" tabindex="-1" role={if alert { "alert" } else { "status" }} class="status">{ words }</p>
            }
        </section>
    }
}

/// The page.
#[function_component]
pub fn ImportReadings() -> Html {
    let shown = use_state(|| Shown::Nothing);
    // Leaving the page lets go of an export being read, or read and not brought in.
    use_effect_with((), |_| crate::bindings::import_cancel);
    let dragging = use_state(|| false);
    crate::hooks::use_reveal(
        "import-result",
        shown.stage(),
        !matches!(*shown, Shown::Nothing | Shown::Reading | Shown::Streaming { .. }),
    );
    crate::hooks::use_reveal("import-progress", shown.stage(), matches!(*shown, Shown::Streaming { .. }));
    // A refused choice of columns: its reason is revealed and focused each time.
    let refused = match &*shown {
        Shown::Mapping(m) => m.refused.clone(),
        _ => None,
    };
    crate::hooks::use_reveal("import-map-refused", refused.clone(), refused.is_some());
    // The answer a screen reader hears while an export is read: every tenth of the way.
    let tenths = match *shown {
        Shown::Streaming { done, total } if total > 0.0 => (done / total * 10.0).floor() as u32,
        _ => 0,
    };
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };

    let read_file = {
        let (shown, ctx) = (shown.clone(), ctx.clone());
        move |file: web_sys::File| {
            let (shown, ctx) = (shown.clone(), ctx.clone());
            shown.set(Shown::Reading);
            wasm_bindgen_futures::spawn_local(async move {
                // The first bytes decide: an Apple Health export (ZIP or XML) is streamed in the
                // import worker; anything else is small and read here.
                let head = match file.slice_with_i32_and_i32(0, 16) {
                    Ok(b) => wasm_bindgen_futures::JsFuture::from(b.array_buffer()).await.ok(),
                    Err(_) => None,
                };
                let Some(head) = head.map(|b| js_sys::Uint8Array::new(&b).to_vec()) else {
                    return shown.set(Shown::Refused(f(F::ImCouldNotRead).to_string()));
                };
                if hale_core::apple_health::looks_like(&head) {
                    shown.set(Shown::Streaming { done: 0.0, total: file.size() });
                    let progress = {
                        let shown = shown.clone();
                        Closure::wrap(
                            Box::new(move |done: f64, total: f64| shown.set(Shown::Streaming { done, total }))
                                as Box<dyn FnMut(f64, f64)>,
                        )
                    };
                    let now = hale_core::time::fmt_instant(platform::now());
                    let known: Vec<&str> = ctx.state.record.observations.iter().map(|o| o.id.as_str()).collect();
                    let answer = crate::bindings::import_start(&file, &now, &known, &progress).await;
                    drop(progress);
                    return shown.set(match answer {
                        crate::bindings::ImportAnswer::Cancelled => Shown::Done(f(F::ImStopped).to_string()),
                        crate::bindings::ImportAnswer::Failed(error) => {
                            // The core's refusal is a JSON list of issues; say their words.
                            Shown::Refused(
                                serde_json::from_str::<Vec<Value>>(&error)
                                    .map(|issues| {
                                        issues
                                            .iter()
                                            .filter_map(|i| i["message"].as_str())
                                            .collect::<Vec<_>>()
                                            .join(" ")
                                    })
                                    .unwrap_or_else(|_| f(F::ImCouldNotRead).to_string()),
                            )
                        }
                        crate::bindings::ImportAnswer::Read { preview, total, fresh } => Shown::Preview {
                            readings: Rc::new(Readings::InWorker),
                            preview: Rc::new(serde_json::from_str(&preview).unwrap_or_default()),
                            total,
                            new: fresh,
                        },
                    });
                }
                let buffer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
                    Err(_) => return shown.set(Shown::Refused(f(F::ImCouldNotRead).to_string())),
                };
                match device_files::read(&buffer, local_offset_minutes(), platform::now()) {
                    Ok(imported) => {
                        let preview = device_files::preview_with_issues(&imported);
                        shown.set(preview_of(imported.observations, preview, &ctx.state.record.observations));
                    }
                    Err(issues) => match device_files::table_preview(&buffer) {
                        // A table no known app wrote: ask what each column holds.
                        Ok((header, first)) => {
                            let columns = device_files::guess_columns(&header);
                            let date_col = columns.iter().position(|c| *c == Column::Date).unwrap_or(0);
                            let order = device_files::guess_date_order(&first, date_col);
                            shown.set(Shown::Mapping(Rc::new(Mapping {
                                bytes: buffer,
                                header,
                                first,
                                columns,
                                order,
                                refused: None,
                            })));
                        }
                        Err(_) => shown
                            .set(Shown::Refused(issues.into_iter().map(|i| i.message).collect::<Vec<_>>().join(" "))),
                    },
                }
            });
        }
    };
    let on_choose = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (read_file, dragging) = (read_file.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                read_file(file);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_store = {
        let (shown, ctx) = (shown.clone(), ctx.clone());
        Callback::from(move |_: MouseEvent| {
            let Shown::Preview { readings, new, .. } = (*shown).clone() else { return };
            let (shown, ctx) = (shown.clone(), ctx.clone());
            let Some(store) = ctx.store.clone() else { return };
            wasm_bindgen_futures::spawn_local(async move {
                let parsed;
                let observations = match &*readings {
                    Readings::Read(list) => Some(list),
                    // The worker stores what it read itself (one transaction, committed before it
                    // answers), unless it cannot reach this page's storage.
                    Readings::InWorker => {
                        match crate::bindings::import_store(crate::lock::key(&store).as_deref()).await {
                            crate::bindings::ImportStored::Stored(_) => None,
                            crate::bindings::ImportStored::Record(text) => {
                                parsed = hale_core::parse::parse_record_str(&text)
                                    .map(|p| p.record.observations)
                                    .unwrap_or_default();
                                Some(&parsed)
                            }
                            crate::bindings::ImportStored::Failed(e) => {
                                return shown.set(Shown::Refused(ff(F::ImNotStored, &[("e", &e)])));
                            }
                        }
                    }
                };
                if let Some(observations) = observations {
                    let rows: Vec<serde_json::Value> =
                        observations.iter().map(|o| to_dto(hale_core::write::observation_to_value(o))).collect();
                    // One transaction: all of them or, if the browser refuses, none.
                    if let Err(e) = store.put_many(Table::Observations, &rows).await {
                        return shown.set(Shown::Refused(ff(F::ImNotStored, &[("e", &e.message())])));
                    }
                }
                ctx.reload().await;
                shown.set(Shown::Done(match new {
                    0 => f(F::ImNothingNew).to_string(),
                    1 => f(F::ImBroughtInOne).to_string(),
                    n => ff(F::ImBroughtIn, &[("n", &n.to_string())]),
                }));
            });
        })
    };
    let on_cancel = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            // Lets go of what the import worker read, if it was a large export.
            crate::bindings::import_cancel();
            shown.set(Shown::Done(f(F::ImCancelled).to_string()))
        })
    };
    // Stop reading an export: the worker ends; its answer (cancelled) says so.
    let on_stop = Callback::from(|_: MouseEvent| crate::bindings::import_cancel());

    // The mapping form: a change of a choice, and reading the file with them.
    let on_column = |i: usize| {
        let shown = shown.clone();
        Callback::from(move |e: Event| {
            let Shown::Mapping(m) = &*shown else { return };
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut m = (**m).clone();
            if let (Some(c), Some(slot)) = (Column::parse(&select.value()), m.columns.get_mut(i)) {
                *slot = c;
            }
            shown.set(Shown::Mapping(Rc::new(m)));
        })
    };
    let on_order = |order: DateOrder| {
        let shown = shown.clone();
        Callback::from(move |_: Event| {
            let Shown::Mapping(m) = &*shown else { return };
            let mut m = (**m).clone();
            m.order = order;
            shown.set(Shown::Mapping(Rc::new(m)));
        })
    };
    let on_map = {
        let (shown, ctx) = (shown.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Shown::Mapping(m) = &*shown else { return };
            match device_files::read_mapped(&m.bytes, &m.columns, m.order, local_offset_minutes(), platform::now()) {
                Ok(imported) => {
                    let preview = device_files::preview_with_issues(&imported);
                    shown.set(preview_of(imported.observations, preview, &ctx.state.record.observations));
                }
                Err(issues) => {
                    let mut m = (**m).clone();
                    m.refused = Some(issues.into_iter().map(|i| i.message).collect::<Vec<_>>().join(" "));
                    shown.set(Shown::Mapping(Rc::new(m)));
                }
            }
        })
    };

    let result = match &*shown {
        Shown::Nothing => html! {},
        Shown::Reading => html! { <p role="status" class="status">{ f(F::ImReading) }</p> },
        Shown::Refused(why) => html! {
            <div id="import-result" tabindex="-1" role="alert" class="notice notice--warning">
                <p>{ why.clone() }</p>
                <p>{ f(F::ImNothingStored) }</p>
            </div>
        },
        Shown::Done(words) => html! {
            <div id="import-result" tabindex="-1" role="status" class="status">
                <p>{ words.clone() }</p>
                <p><Link to={Route::Readings}>{ f(F::ImSeeReadings) }</Link></p>
            </div>
        },
        Shown::Mapping(m) => {
            let order = |value: DateOrder, id: &'static str, label: F| {
                html! {
                    <div class="radios__item">
                        <input class="radios__input" type="radio" id={id} name="import-date-order" checked={m.order == value} onchange={on_order(value)} />
                        <label class="label radios__label" for={id}>{ f(label) }</label>
                    </div>
                }
            };
            html! {
                <section id="import-result" tabindex="-1" aria-labelledby="import-map-heading" class="import__preview">
                    <h2 id="import-map-heading">{ f(F::ImMapHeading) }</h2>
                    <p>{ f(F::ImMapIntro) }</p>
                    <form onsubmit={on_map} novalidate=true>
                        <fieldset class="fieldset">
                            <legend class="fieldset__legend">{ f(F::ImMapOrder) }</legend>
                            { order(DateOrder::DayMonthYear, "import-order-dmy", F::ImMapDmy) }
                            { order(DateOrder::MonthDayYear, "import-order-mdy", F::ImMapMdy) }
                            { order(DateOrder::YearMonthDay, "import-order-ymd", F::ImMapYmd) }
                        </fieldset>
                        { for m.header.iter().enumerate().map(|(i, name)| {
                            let id = format!("import-col-{i}");
                            let hint = format!("{id}-hint");
                            let samples: Vec<&str> = m.first.iter().filter_map(|r| r.get(i).map(|c| c.trim())).filter(|c| !c.is_empty()).collect();
                            let chosen = m.columns.get(i).copied().unwrap_or(Column::Ignore);
                            html! {
                                <div class="field">
                                    <label class="label" for={id.clone()}>{ if name.is_empty() { ff(F::ImMapColumn, &[("n", &(i + 1).to_string())]) } else { name.clone() } }</label>
                                    <p class="hint" id={hint.clone()}>{ ff(F::ImMapExample, &[("e", &samples.join(", "))]) }</p>
                                    <select class="select" id={id} aria-describedby={hint} onchange={on_column(i)}>
                                        { for Column::ALL.iter().map(|c| html! { <option value={c.code()} selected={*c == chosen}>{ c.words() }</option> }) }
                                    </select>
                                </div>
                            }
                        }) }
                        if let Some(why) = &m.refused {
                            <p id="import-map-refused" tabindex="-1" role="alert" class="notice notice--warning">{ why.clone() }</p>
                        }
                        <div class="actions">
                            <button type="submit" class="button">{ f(F::ImMapRead) }</button>
                            <button type="button" class="button button--secondary" onclick={on_cancel.clone()}>{ f(F::ImCancel) }</button>
                        </div>
                    </form>
                </section>
            }
        }
        Shown::Streaming { done, total } => {
            let percent = if *total > 0.0 { (done / total * 100.0).floor() } else { 0.0 };
            html! {
                <section id="import-progress" tabindex="-1" aria-labelledby="import-progress-heading" class="import__progress">
                    <h2 id="import-progress-heading">{ f(F::ImStreaming) }</h2>
                    <progress id="import-progress-bar" max={total.to_string()} value={done.to_string()}
                        aria-label={f(F::ImStreamingBar)}>{ format!("{percent} %") }</progress>
                    <p>{ ff(F::ImStreamingSoFar, &[("done", &megabytes(*done)), ("total", &megabytes(*total))]) }</p>
                    <p role="status" class="visually-hidden">{ ff(F::ImStreamingTenths, &[("p", &(tenths * 10).to_string())]) }</p>
                    <p class="hint">{ f(F::ImStreamingHint) }</p>
                    <div class="actions">
                        <button type="button" class="button button--secondary" onclick={on_stop}>{ f(F::ImStop) }</button>
                    </div>
                </section>
            }
        }
        Shown::Preview { preview: p, total, new, .. } => {
            let (total, already) = (*total, total - new);
            let app = p["app"].as_str().unwrap_or_default();
            let left_out = p["left_out"].as_array().cloned().unwrap_or_default();
            let issues: Vec<String> = p["issues"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["message"].as_str().map(str::to_string))
                .collect();
            let notes: Vec<String> =
                p["notes"].as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_string)).collect();
            html! {
                <section id="import-result" tabindex="-1" aria-labelledby="import-found" class="import__preview">
                    <h2 id="import-found">{ ff(F::ImFoundIn, &[("app", app)]) }</h2>
                    if total == 0 {
                        <p>{ f(F::ImNoReadings) }</p>
                    } else {
                        <ul>
                            { for p["kinds"].as_array().into_iter().flatten().map(|k| {
                                let kind = hale_core::vocab::ObsKind::parse(k["kind"].as_str().unwrap_or_default());
                                let label = kind.map_or("", |k| hale_core::spec::kind_spec(k).label);
                                let day = |v: &serde_json::Value| v.as_str().and_then(hale_core::time::parse_rfc3339).map(platform::human_date).unwrap_or_default();
                                html! { <li>{ ff(F::ImKindLine, &[("label", label), ("n", &k["count"].to_string()), ("from", &day(&k["from"])), ("to", &day(&k["to"]))]) }</li> }
                            }) }
                        </ul>
                    }
                    if !notes.is_empty() {
                        <h3>{ f(F::ImHowKept) }</h3>
                        <ul>{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    }
                    if already > 0 {
                        <p>{ ff(F::ImAlready, &[("n", &already.to_string())]) }</p>
                    }
                    if !left_out.is_empty() {
                        <h3>{ f(F::ImLeftOut) }</h3>
                        <ul>
                            { for left_out.iter().map(|l| html! { <li>{ ff(F::ImLeftOutLine, &[("why", l["why"].as_str().unwrap_or_default()), ("n", &l["count"].to_string())]) }</li> }) }
                        </ul>
                        if !issues.is_empty() {
                            <details>
                                <summary>{ f(F::ImWhichRows) }</summary>
                                <ul>{ for issues.iter().map(|i| html! { <li>{ i.clone() }</li> }) }</ul>
                            </details>
                        }
                    }
                    <p class="hint">{ f(F::ImOldNeverAlarm) }</p>
                    <div class="actions">
                        if *new > 0 {
                            <button type="button" class="button" onclick={on_store}>{
                                if *new == 1 { f(F::ImStoreOne).to_string() } else { ff(F::ImStore, &[("n", &new.to_string())]) }
                            }</button>
                        }
                        <button type="button" class="button button--secondary" onclick={on_cancel}>{ f(F::ImCancel) }</button>
                    </div>
                </section>
            }
        }
    };
    html! {
        <>
            { page_title(f(F::ImTitle)) }
            <p>{ f(F::ImIntro) }</p>
            <div class={classes!("import__drop", dragging.then_some("import__drop--over"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label class="label" for="import-file">{ f(F::ImChoose) }</label>
                <p class="hint" id="import-hint">{ f(F::ImHint) }</p>
                <input class="file-input" id="import-file" type="file" accept=".zip,.xml,.csv,.json,application/zip,text/xml,application/xml,text/csv,text/plain,application/json"
                    aria-describedby="import-hint" onchange={on_choose} />
            </div>
            { result }
            <Bluetooth />
        </>
    }
}
