//! The entry form for one kind of reading, built from the core's field table: labelled inputs,
//! inline errors, an error summary, time defaulting to now. Nothing is stored when invalid.

use std::collections::HashMap;

use hale_core::input::{observation_from_text, FieldError};
use hale_core::record::Observation;
use hale_core::spec::{kind_spec, FieldType};
use hale_core::vocab::ObsKind;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::error_summary::ErrorSummary;
use crate::components::flag_card::FlagCard;
use crate::i18n::{choice_label, t, T};
use crate::platform;
use crate::state::{Action, Entry};
use crate::store::save_entry;

/// Props.
#[derive(Properties, PartialEq)]
pub struct ReadingFormProps {
    /// Which kind of reading.
    pub kind: ObsKind,
}

fn input_id(name: &str) -> String {
    format!("field-{name}")
}

/// The form.
#[function_component]
pub fn ReadingForm(props: &ReadingFormProps) -> Html {
    let ctx = use_context::<AppContext>();
    let spec = kind_spec(props.kind);
    let texts = use_state(HashMap::<&'static str, String>::new);
    let when = use_state(|| platform::utc_to_local_input(platform::now()));
    let note = use_state(String::new);
    let errors = use_state(Vec::<FieldError>::new);
    let save_error = use_state(|| None::<String>);
    let saved_id = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let Some(ctx) = ctx else { return html! {} };

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
        let kind = props.kind;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            saved_id.set(None);
            save_error.set(None);
            let now = platform::now();
            let mut errs = match observation_from_text(kind, |n| texts.get(n).cloned().unwrap_or_default()) {
                Ok(_) => Vec::new(),
                Err(e) => e,
            };
            let at = platform::local_input_to_utc(&when);
            match at {
                None => errs
                    .push(FieldError { field: "at", message: "Enter the date and time you took the reading".into() }),
                Some(t) if t > now + chrono::TimeDelta::minutes(1) => {
                    errs.push(FieldError { field: "at", message: "The time cannot be in the future".into() })
                }
                Some(_) => {}
            }
            if !errs.is_empty() {
                errors.set(errs);
                return;
            }
            errors.set(Vec::new());
            let (Ok(value), Some(at)) =
                (observation_from_text(kind, |n| texts.get(n).cloned().unwrap_or_default()), at)
            else {
                return;
            };
            let note_text = note.trim().to_string();
            let observation = Observation {
                id: platform::new_id("o"),
                at,
                value,
                note: (!note_text.is_empty()).then_some(note_text),
            };
            let Some(store) = ctx.store.clone() else {
                save_error.set(Some(t(T::Loading).into()));
                return;
            };
            let state = ctx.state.clone();
            let (texts, note, saved_id, save_error, busy) =
                (texts.clone(), note.clone(), saved_id.clone(), save_error.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let entry = Entry::Observation(observation);
                match save_entry(&*store, &entry).await {
                    Ok(()) => {
                        let id = entry.id().to_string();
                        state.dispatch(Action::Saved { entry, now: platform::now() });
                        texts.set(HashMap::new());
                        note.set(String::new());
                        saved_id.set(Some(id));
                    }
                    Err(e) => save_error.set(Some(e.message())),
                }
                busy.set(false);
            });
        })
    };

    let field_error = |name: &str| errors.iter().find(|e| e.field == name).map(|e| e.message.clone());
    let summary: Vec<(String, String)> = errors.iter().map(|e| (input_id(e.field), e.message.clone())).collect();

    let fields = spec.fields.iter().map(|f| {
        let id = input_id(f.name);
        let err = field_error(f.name);
        let err_id = format!("{id}-error");
        let value = texts.get(f.name).cloned().unwrap_or_default();
        let name = f.name;
        let unit = (!f.unit.is_empty()).then(|| html! { <span class="input__suffix" aria-hidden="true">{ f.unit }</span> });
        let label = if f.unit.is_empty() { f.label.to_string() } else { format!("{} ({})", f.label, f.unit) };
        match f.ty {
            FieldType::Whole { .. } | FieldType::Real { .. } => {
                let oninput = {
                    let texts = texts.clone();
                    Callback::from(move |e: InputEvent| {
                        let v = e.target_unchecked_into::<HtmlInputElement>().value();
                        let mut m = (*texts).clone();
                        m.insert(name, v);
                        texts.set(m);
                    })
                };
                let mode = if matches!(f.ty, FieldType::Whole { .. }) { "numeric" } else { "decimal" };
                html! {
                    <div class={classes!("form-group", err.as_ref().map(|_| "form-group--error"))}>
                        <label class="label" for={id.clone()}>{ label }</label>
                        if let Some(msg) = err.clone() { <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{"Error: "}</span>{ msg }</p> }
                        <div class="input__wrapper">
                            <input class={classes!("input", "input--width-5", err.as_ref().map(|_| "input--error"))}
                                id={id.clone()} name={name} type="text" inputmode={mode} autocomplete="off"
                                aria-describedby={err.as_ref().map(|_| err_id.clone())}
                                value={value} {oninput} />
                            { unit }
                        </div>
                    </div>
                }
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
                            if let Some(msg) = err.clone() { <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{"Error: "}</span>{ msg }</p> }
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
        Callback::from(move |e: InputEvent| when.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onnote = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };

    let saved_flags: Vec<_> = match &*saved_id {
        Some(id) => ctx.state.assessment.red_flags.iter().filter(|f| f.evidence.contains(id)).cloned().collect(),
        None => Vec::new(),
    };

    html! {
        <>
            <ErrorSummary errors={summary} />
            if let Some(msg) = (*save_error).clone() {
                <div class="notice notice--warning" role="alert"><p>{ msg }</p><p>{ t(T::SavedNothingStored) }</p></div>
            }
            if saved_id.is_some() {
                <div class="notice notice--success" role="status" id="save-status">
                    <p><strong>{ t(T::Saved) }</strong></p>
                    if saved_flags.is_empty() { <p>{ t(T::HomeNoFlags) }</p> }
                </div>
                { for saved_flags.into_iter().map(|f| html! { <FlagCard flag={f} /> }) }
            }
            <form class="form" novalidate=true {onsubmit}>
                { for fields }
                <div class={classes!("form-group", when_err.as_ref().map(|_| "form-group--error"))}>
                    <label class="label" for="field-at">{ t(T::WhenTaken) }</label>
                    <p class="hint" id="field-at-hint">{ t(T::WhenHint) }</p>
                    if let Some(msg) = when_err.clone() { <p class="error-message" id="field-at-error"><span class="visually-hidden">{"Error: "}</span>{ msg }</p> }
                    <input class={classes!("input", "input--width-10", when_err.as_ref().map(|_| "input--error"))}
                        id="field-at" type="datetime-local" value={(*when).clone()} oninput={onwhen}
                        aria-describedby={if when_err.is_some() { "field-at-hint field-at-error" } else { "field-at-hint" }} />
                </div>
                <div class="form-group">
                    <label class="label" for="field-note">{ t(T::Note) }</label>
                    <textarea class="textarea" id="field-note" rows="2" value={(*note).clone()} oninput={onnote} />
                </div>
                <button class="button" type="submit" disabled={*busy}>{ t(T::Save) }</button>
            </form>
        </>
    }
}
