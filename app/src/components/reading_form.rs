//! The entry form for one kind of reading, built from the core's field table: labelled inputs,
//! inline errors, an error summary, time defaulting to now. Nothing is stored when invalid.

use std::collections::HashMap;

use hale_core::input::{observation_from_text, parse_number, FieldError};
use hale_core::record::Observation;
use hale_core::spec::{kind_spec, FieldType};
use hale_core::units::InputUnit;
use hale_core::vocab::ObsKind;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::error_summary::ErrorSummary;
use crate::components::flag_card::FlagCard;
use crate::i18n::{choice_label, t, tf, T};
use crate::platform;
use crate::state::{Action, Entry};
use crate::store::save_entry;

/// Props.
#[derive(Properties, PartialEq)]
pub struct ReadingFormProps {
    /// Which kind of reading.
    pub kind: ObsKind,
    /// The reading being edited (saved under the same id), if any.
    #[prop_or_default]
    pub editing: Option<Observation>,
}

/// A unit's name for a kind ("mg/dL"; the Record's own unit from the field table).
fn unit_name(kind: ObsKind, u: InputUnit) -> &'static str {
    match InputUnit::alternative(kind) {
        Some((alt, label)) if alt == u => label,
        _ => kind_spec(kind).fields[0].unit,
    }
}

/// "Did you mean 9.2 mmol/L?", with the hypo treatment at once when either reading would be a hypo.
fn unit_question(kind: ObsKind, chosen: InputUnit, meant: InputUnit, typed: f64, answer: &Callback<InputUnit>) -> Html {
    let n = hale_core::fields::fmt_num(typed);
    let (as_chosen, as_meant) = (format!("{n} {}", unit_name(kind, chosen)), format!("{n} {}", unit_name(kind, meant)));
    let hypo = (kind == ObsKind::Glucose)
        .then(|| chosen.to_record(typed, 0.0).min(meant.to_record(typed, 0.0)))
        .and_then(hale_core::red_flags::hypo_words);
    let pick = |u: InputUnit| answer.reform(move |_: MouseEvent| u);
    html! {
        <section id="unit-question" class="notice notice--warning" tabindex="-1" aria-labelledby="unit-question-title" role={hypo.map(|_| "alert")}>
            <h2 id="unit-question-title">{ tf(T::UnitDidYouMean, &[("value", &as_meant)]) }</h2>
            <p>{ tf(T::UnitUnusual, &[("value", &as_chosen)]) }</p>
            if let Some(words) = hypo { <p><strong>{ words }</strong></p> }
            <button type="button" class="button" onclick={pick(meant)}>{ tf(T::UnitYes, &[("value", &as_meant)]) }</button>
            {" "}
            <button type="button" class="button button--secondary" onclick={pick(chosen)}>{ tf(T::UnitNo, &[("value", &as_chosen)]) }</button>
        </section>
    }
}

fn input_id(name: &str) -> String {
    format!("field-{name}")
}

fn unit_key(kind: ObsKind) -> String {
    format!("hale.units.{}", kind.as_str())
}

/// The person's remembered unit for a kind (local storage; the Record keeps its own units).
fn remembered_unit(kind: ObsKind) -> InputUnit {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(&unit_key(kind)).ok().flatten());
    match (stored.as_deref(), InputUnit::alternative(kind)) {
        (Some("alt"), Some((u, _))) => u,
        _ => InputUnit::Record,
    }
}

/// A converted value to three decimal places: no float noise in the Record, and far finer than
/// any threshold (3.996 mmol/L from 72 mg/dL stays below 4.0).
fn thousandths(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The form's texts converted to the Record's units (a text that is not a number is passed on
/// unchanged, so the core's validation explains it).
fn in_record_units(unit: InputUnit, texts: &HashMap<&'static str, String>, field: &str) -> String {
    let raw = texts.get(field).cloned().unwrap_or_default();
    if unit == InputUnit::Record || raw.trim().is_empty() && unit != InputUnit::StonesPounds {
        return raw;
    }
    if unit == InputUnit::StonesPounds {
        let st = texts.get("st").cloned().unwrap_or_default();
        let lb = texts.get("lb").cloned().unwrap_or_default();
        if st.trim().is_empty() && lb.trim().is_empty() {
            return String::new();
        }
        return match (
            parse_number(&st, false).or(Some(0.0).filter(|_| st.trim().is_empty())),
            parse_number(&lb, false).or(Some(0.0).filter(|_| lb.trim().is_empty())),
        ) {
            (Some(s), Some(l)) => hale_core::fields::fmt_num(thousandths(unit.to_record(s, l))),
            _ => format!("{st} st {lb} lb"),
        };
    }
    match parse_number(&raw, false) {
        Some(x) => hale_core::fields::fmt_num(thousandths(unit.to_record(x, 0.0))),
        None => raw,
    }
}

/// The form.
#[function_component]
pub fn ReadingForm(props: &ReadingFormProps) -> Html {
    let ctx = crate::hooks::use_app();
    let spec = kind_spec(props.kind);
    let editing = props.editing.clone();
    let texts = use_state(|| {
        let mut m = HashMap::<&'static str, String>::new();
        if let Some(o) = &editing {
            for (name, v) in o.value.fields() {
                let text = match v {
                    hale_core::fields::FieldVal::Num(x) => hale_core::fields::fmt_num(x),
                    hale_core::fields::FieldVal::Bool(b) => b.to_string(),
                    hale_core::fields::FieldVal::Choice(c) => c.to_string(),
                };
                m.insert(name, text);
            }
        }
        m
    });
    let when =
        use_state(|| platform::utc_to_local_input(props.editing.as_ref().map(|o| o.at).unwrap_or_else(platform::now)));
    // Until the person changes the time, a new reading is taken "now" as of Save (a form left open
    // overnight must not date the morning's reading to the evening before).
    let when_edited = use_state(|| props.editing.is_some());
    let note = use_state(|| props.editing.as_ref().and_then(|o| o.note.clone()).unwrap_or_default());
    let errors = use_state(Vec::<FieldError>::new);
    let unit = use_state(|| if props.editing.is_some() { InputUnit::Record } else { remembered_unit(props.kind) });
    let save_error = use_state(|| None::<String>);
    let saved_id = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // "Did you mean …?": asked while `asking`; once answered, `unit_checked` lets Save store it.
    let asking = use_state(|| false);
    let unit_checked = use_state(|| false);

    let Some(ctx) = ctx else { return html! {} };

    let current_unit = *unit;
    let onsubmit = {
        let (texts, when, note, errors, save_error, saved_id, busy) = (
            texts.clone(),
            when.clone(),
            note.clone(),
            errors.clone(),
            save_error.clone(),
            saved_id.clone(),
            busy.clone(),
        );
        let ctx = ctx.clone();
        let unit = unit.clone();
        let when_edited = when_edited.clone();
        let kind = props.kind;
        let edit_id = props.editing.as_ref().map(|o| o.id.clone());
        let (asking, unit_checked) = (asking.clone(), unit_checked.clone());
        let main_field = if *unit == InputUnit::StonesPounds { "st" } else { kind_spec(kind).fields[0].name };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            // A number unlikely in the unit chosen but likely in the other: ask before storing.
            let typed = texts.get(main_field).and_then(|x| parse_number(x, true));
            if !*unit_checked && typed.and_then(|x| hale_core::units::likely_slip(kind, *unit, x)).is_some() {
                asking.set(true);
                return;
            }
            asking.set(false);
            unit_checked.set(false);
            saved_id.set(None);
            save_error.set(None);
            let now = platform::now();
            let get = |n: &str| in_record_units(*unit, &texts, n);
            let mut errs = match observation_from_text(kind, get) {
                Ok(_) => Vec::new(),
                Err(e) => e,
            };
            let at = if *when_edited { platform::local_input_to_utc(&when) } else { Some(now) };
            match at {
                None => errs.push(FieldError { field: "at", message: t(T::ReadingFormEnterTheDateAndTime).into() }),
                Some(t) if t > now + chrono::TimeDelta::minutes(1) => errs
                    .push(FieldError { field: "at", message: crate::i18n::t(T::ReadingFormTheTimeCannotBeIn).into() }),
                Some(_) => {}
            }
            if !errs.is_empty() {
                errors.set(errs);
                return;
            }
            errors.set(Vec::new());
            let (Ok(value), Some(at)) = (observation_from_text(kind, get), at) else {
                return;
            };
            let note_text = note.trim().to_string();
            let observation = Observation {
                id: edit_id.clone().unwrap_or_else(|| platform::new_id("o")),
                at,
                value,
                note: (!note_text.is_empty()).then_some(note_text),
                source: None,
            };
            let Some(store) = ctx.store.clone() else {
                save_error.set(Some(t(T::Loading).into()));
                return;
            };
            let state = ctx.state.clone();
            let (texts, note, saved_id, save_error, busy, edit_id) =
                (texts.clone(), note.clone(), saved_id.clone(), save_error.clone(), busy.clone(), edit_id.clone());
            let (when, when_edited) = (when.clone(), when_edited.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let entry = Entry::Observation(observation);
                match save_entry(&*store, &entry).await {
                    Ok(()) => {
                        let id = entry.id().to_string();
                        state.dispatch(Action::Saved { entry, now: platform::now() });
                        if edit_id.is_none() {
                            texts.set(HashMap::new());
                            note.set(String::new());
                            when.set(platform::utc_to_local_input(platform::now()));
                            when_edited.set(false);
                        }
                        saved_id.set(Some(id));
                    }
                    Err(e) => save_error.set(Some(e.message())),
                }
                busy.set(false);
            });
        })
    };

    let field_error = |name: &str| errors.iter().find(|e| e.field == name).map(|e| e.message.clone());
    // In stones and pounds the weight field is typed as "st" and "lb": link errors to the stones box.
    let stones = current_unit == InputUnit::StonesPounds;
    let summary: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            let real = spec.fields.iter().any(|f| f.name == e.field && matches!(f.ty, FieldType::Real { .. }));
            (input_id(if stones && real { "st" } else { e.field }), e.message.clone())
        })
        .collect();

    let alt = InputUnit::alternative(props.kind);
    let unit_choice = alt.map(|(u, label)| {
        let options = [(InputUnit::Record, spec.fields[0].unit), (u, label)];
        html! {
            <div class="form-group">
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{t(T::ReadingFormUnits)}</legend>
                    <div class="radios radios--inline">
                    { for options.iter().map(|(opt, text)| {
                        let (handle, texts) = (unit.clone(), texts.clone());
                        let opt = *opt;
                        let kind = props.kind;
                        let onchange = Callback::from(move |_: Event| {
                            handle.set(opt);
                            texts.set(HashMap::new());
                            if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                                let _ = s.set_item(&unit_key(kind), if opt == InputUnit::Record { "record" } else { "alt" });
                            }
                        });
                        let id = format!("unit-{}", if opt == InputUnit::Record { "record" } else { "alt" });
                        html! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="unit" id={id.clone()} checked={current_unit == opt} {onchange} />
                                <label class="label radios__label" for={id}>{ *text }</label>
                            </div>
                        }
                    }) }
                    </div>
                </fieldset>
            </div>
        }
    });
    let text_input = |key: &'static str,
                      label: String,
                      unit_text: &'static str,
                      err: Option<String>,
                      err_id: String,
                      mode: &'static str| {
        let value = texts.get(key).cloned().unwrap_or_default();
        let oninput = {
            let (texts, unit_checked) = (texts.clone(), unit_checked.clone());
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                let mut m = (*texts).clone();
                m.insert(key, v);
                texts.set(m);
                // A new number is checked again.
                unit_checked.set(false);
            })
        };
        let id = input_id(key);
        html! {
            <div class={classes!("form-group", err.as_ref().map(|_| "form-group--error"))}>
                <label class="label" for={id.clone()}>{ label }</label>
                if let Some(msg) = err.clone() { <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{t(T::ReadingFormError)}</span>{ msg }</p> }
                <div class="input__wrapper">
                    <input class={classes!("input", "input--width-5", err.as_ref().map(|_| "input--error"))}
                        id={id} name={key} type="text" inputmode={mode} autocomplete="off"
                        aria-describedby={err.as_ref().map(|_| err_id.clone())}
                        aria-invalid={err.as_ref().map(|_| "true")} {value} {oninput} />
                    if !unit_text.is_empty() { <span class="input__suffix" aria-hidden="true">{ unit_text }</span> }
                </div>
            </div>
        }
    };
    let fields = spec.fields.iter().map(|f| {
        let id = input_id(f.name);
        if let (true, Some((alt_unit, alt_label))) = (current_unit != InputUnit::Record, alt) {
            if matches!(f.ty, FieldType::Real { .. }) {
                let err = field_error(f.name);
                let err_id = format!("{id}-error");
                if alt_unit == InputUnit::StonesPounds {
                    return html! {
                        <>
                            { text_input("st", t(T::ReadingFormStonesSt).into(), "st", err.clone(), err_id.clone(), "decimal") }
                            { text_input("lb", t(T::ReadingFormPoundsLb).into(), "lb", None, String::new(), "decimal") }
                        </>
                    };
                }
                return text_input(f.name, format!("{} ({alt_label})", f.label), alt_label, err, err_id, "decimal");
            }
        }
        let err = field_error(f.name);
        let err_id = format!("{id}-error");
        let value = texts.get(f.name).cloned().unwrap_or_default();
        let name = f.name;
        let label = if f.unit.is_empty() { f.label.to_string() } else { format!("{} ({})", f.label, f.unit) };
        match f.ty {
            FieldType::Whole { .. } | FieldType::Real { .. } => {
                let mode = if matches!(f.ty, FieldType::Whole { .. }) { "numeric" } else { "decimal" };
                text_input(name, label, f.unit, err, err_id, mode)
            }
            FieldType::Bool => {
                let checked = value == "true";
                let onchange = {
                    let texts = texts.clone();
                    Callback::from(move |e: Event| {
                        let v = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut m = (*texts).clone();
                        m.insert(name, if v { "true".into() } else { "false".into() });
                        texts.set(m);
                    })
                };
                html! {
                    <div class="form-group checkboxes">
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" id={id.clone()} type="checkbox" {checked} {onchange} />
                            <label class="label checkboxes__label" for={id.clone()}>{ f.label }</label>
                        </div>
                    </div>
                }
            }
            FieldType::Choice(options) => {
                let current = if value.is_empty() {
                    match f.absent {
                        hale_core::spec::Absent::Choice(c) => c.to_string(),
                        _ => String::new(),
                    }
                } else {
                    value
                };
                html! {
                    <div class={classes!("form-group", err.as_ref().map(|_| "form-group--error"))}>
                        <fieldset class="fieldset" aria-describedby={err.as_ref().map(|_| err_id.clone())}>
                            <legend class="fieldset__legend">{ f.label }</legend>
                            if let Some(msg) = err.clone() { <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{t(T::ReadingFormError)}</span>{ msg }</p> }
                            <div class="radios">
                            { for options.iter().enumerate().map(|(i, opt)| {
                                let rid = if i == 0 { id.clone() } else { format!("{id}-{opt}") };
                                let onchange = {
                                    let texts = texts.clone();
                                    let opt = (*opt).to_string();
                                    Callback::from(move |_: Event| {
                                        let mut m = (*texts).clone();
                                        m.insert(name, opt.clone());
                                        texts.set(m);
                                    })
                                };
                                html! {
                                    <div class="radios__item">
                                        <input class="radios__input" id={rid.clone()} name={name} type="radio" value={*opt}
                                            checked={current == *opt} {onchange} />
                                        <label class="label radios__label" for={rid}>{ choice_label(name, opt) }</label>
                                    </div>
                                }
                            }) }
                            </div>
                        </fieldset>
                    </div>
                }
            }
        }
    });

    let when_err = field_error("at");
    let onwhen = {
        let when = when.clone();
        let when_edited = when_edited.clone();
        Callback::from(move |e: InputEvent| {
            when_edited.set(true);
            when.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onnote = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };

    // COPD without a target: ask, so people whose usual level is 88-92 % are not sent to 999 by
    // every reading (BTS oxygen guideline; the thresholds follow `oxygen_target`).
    let profile = &ctx.state.record.profile;
    let ask_oxygen_target = props.kind == ObsKind::Spo2
        && profile.has(hale_core::vocab::Condition::Copd)
        && profile.oxygen_target.is_none()
        && !profile.has(hale_core::vocab::Condition::HypercapnicRespiratoryFailure);
    // What the person must know after a save: the flags this reading raised, and otherwise the flags
    // that still stand (a save never says "nothing needs action" while a flag stands).
    let standing = &ctx.state.assessment.red_flags;
    let saved_flags: Vec<_> = match &*saved_id {
        Some(id) => standing.iter().filter(|f| f.evidence.contains(id)).cloned().collect(),
        None => Vec::new(),
    };
    let others: Vec<_> = if saved_flags.is_empty() && saved_id.is_some() { standing.clone() } else { Vec::new() };
    // How the reading compares with the person's target (never "nothing needs action" for lack of one).
    let target_words = saved_id.as_ref().and_then(|id| {
        let record = &ctx.state.record;
        let o = record.observations.iter().find(|o| &o.id == id)?;
        let view = hale_core::view::View::new(record, ctx.state.now);
        hale_core::trends::after_save(&view, ctx.state.assessment.home_blood_pressure.as_ref(), o)
    });
    let most_urgent = saved_flags.iter().chain(others.iter()).map(|f| f.level).min();
    let alert = most_urgent.is_some_and(|l| l <= hale_core::red_flags::Level::Urgent);
    crate::hooks::use_reveal("save-result", (*saved_id).clone(), saved_id.is_some());
    // The question, worked out from the form as it stands: (unit chosen, unit probably meant, number).
    let main_field = if current_unit == InputUnit::StonesPounds { "st" } else { spec.fields[0].name };
    let question = texts
        .get(main_field)
        .and_then(|x| parse_number(x, true))
        .and_then(|x| Some((current_unit, hale_core::units::likely_slip(props.kind, current_unit, x)?, x)))
        .filter(|_| *asking);
    crate::hooks::use_reveal("unit-question", question.map(|q| hale_core::fields::fmt_num(q.2)), question.is_some());
    // Answering: the unit meant (the number moves with it); then Save stores it.
    let answer = {
        let (asking, unit, texts, unit_checked) = (asking.clone(), unit.clone(), texts.clone(), unit_checked.clone());
        let kind = props.kind;
        Callback::from(move |to: InputUnit| {
            if *unit != to {
                let key =
                    |u: InputUnit| if u == InputUnit::StonesPounds { "st" } else { kind_spec(kind).fields[0].name };
                let mut m = (*texts).clone();
                if let Some(v) = m.remove(key(*unit)) {
                    m.insert(key(to), v);
                }
                texts.set(m);
                unit.set(to);
            }
            unit_checked.set(true);
            asking.set(false);
            platform::focus_id("reading-save");
        })
    };
    html! {
        <>
            <ErrorSummary errors={summary} />
            if let Some(msg) = (*save_error).clone() {
                <div class="notice notice--warning" role="alert"><p>{ msg }</p><p>{ t(T::SavedNothingStored) }</p></div>
            }
            if saved_id.is_some() {
                <section id="save-result" class="save-result" tabindex="-1" aria-labelledby="save-status"
                    role={if alert { "alert" } else { "status" }}>
                    <div class="notice notice--success" id="save-status">
                        <p><strong>{ t(T::Saved) }</strong></p>
                        if let Some(w) = target_words { <p>{ w }</p> }
                        else if saved_flags.is_empty() && others.is_empty() { <p>{ t(T::HomeNoFlags) }</p> }
                        if !others.is_empty() { <p>{ t(T::SavedOtherFlagsStand) }</p> }
                    </div>
                    { for saved_flags.into_iter().chain(others).map(|f| html! { <FlagCard flag={f} /> }) }
                </section>
            }
            if let Some((chosen, meant, typed)) = question {
                { unit_question(props.kind, chosen, meant, typed, &answer) }
            }
            if ask_oxygen_target {
                <div class="notice" id="o2-target-ask">
                    <p><strong>{ t(T::Spo2TargetAsk) }</strong></p>
                    <p>{ t(T::Spo2TargetWhy) }</p>
                    <p><crate::route::Link to={crate::route::Route::Profile}>{ t(T::Spo2TargetSet) }</crate::route::Link></p>
                </div>
            }
            <form class="form" novalidate=true {onsubmit}>
                { unit_choice.unwrap_or_default() }
                { for fields }
                <div class={classes!("form-group", when_err.as_ref().map(|_| "form-group--error"))}>
                    <label class="label" for="field-at">{ t(T::WhenTaken) }</label>
                    <p class="hint" id="field-at-hint">{ t(T::WhenHint) }</p>
                    if let Some(msg) = when_err.clone() { <p class="error-message" id="field-at-error"><span class="visually-hidden">{t(T::ReadingFormError)}</span>{ msg }</p> }
                    <input class={classes!("input", "input--width-10", when_err.as_ref().map(|_| "input--error"))}
                        id="field-at" type="datetime-local" value={(*when).clone()} oninput={onwhen}
                        aria-describedby={if when_err.is_some() { "field-at-hint field-at-error" } else { "field-at-hint" }}
                        aria-invalid={when_err.as_ref().map(|_| "true")} />
                </div>
                <div class="form-group">
                    <label class="label" for="field-note">{ t(T::Note) }</label>
                    <textarea class="textarea" id="field-note" rows="2" value={(*note).clone()} oninput={onnote} />
                </div>
                <button class="button" type="submit" id="reading-save" disabled={*busy}>{ t(T::Save) }</button>
            </form>
        </>
    }
}
