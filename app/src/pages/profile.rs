//! About you: everything optional, each part saying why it is asked and what it unlocks. Editable
//! at any time; nothing leaves the device.
use hale_core::record::{CarePlan, Contact, Profile, Smoking};
use hale_core::vocab::{Condition, Ethnicity, Medication, OxygenTarget, Sex, SmokingStatus};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::error_summary::ErrorSummary;
use crate::components::ui::{page_title, status};
use crate::i18n::{f, ff, vocab_label, F};
use crate::platform;

/// The form's editable copy of the profile, as text where people type.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    name: String,
    birth_date: String,
    sex: String,
    ethnicity: String,
    height_cm: String,
    height_ft: String,
    height_in: String,
    imperial: bool,
    conditions: Vec<Condition>,
    medications: Vec<Medication>,
    family_history: String,
    smoking: String,
    quit_date: String,
    cigarettes: String,
    vapes: bool,
    home_smoker: bool,
    peak_best: String,
    oxygen_target: String,
    what_matters: String,
    medicines_notes: String,
    contact_name: String,
    contact_role: String,
    contact_phone: String,
}

impl Draft {
    fn from(p: &Profile) -> Self {
        let num = |x: Option<f64>| x.map(hale_core::fields::fmt_num).unwrap_or_default();
        let plan = p.care_plan.clone().unwrap_or_default();
        let contact = plan.contacts.first().cloned().unwrap_or_default();
        Draft {
            name: p.name.clone().unwrap_or_default(),
            birth_date: p.birth_date.map(hale_core::time::fmt_date).unwrap_or_default(),
            sex: p.sex.map(|s| s.as_str().to_string()).unwrap_or_default(),
            ethnicity: p.ethnicity.map(|s| s.as_str().to_string()).unwrap_or_default(),
            height_cm: num(p.height_cm),
            conditions: p.conditions.clone(),
            medications: p.medications.clone(),
            family_history: match p.family_history_premature_chd {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            smoking: p.smoking.as_ref().map(|s| s.status.as_str().to_string()).unwrap_or_default(),
            quit_date: p.smoking.as_ref().and_then(|s| s.quit_date).map(hale_core::time::fmt_date).unwrap_or_default(),
            cigarettes: num(p.smoking.as_ref().and_then(|s| s.cigarettes_per_day)),
            vapes: p.smoking.as_ref().is_some_and(|s| s.vapes),
            home_smoker: p.smoking.as_ref().is_some_and(|s| s.home_indoor_smoker),
            peak_best: num(p.peak_flow_best_l_min),
            oxygen_target: p.oxygen_target.map(|t| t.as_str().to_string()).unwrap_or_default(),
            what_matters: plan.what_matters.unwrap_or_default(),
            medicines_notes: plan.medicines_notes.unwrap_or_default(),
            contact_name: contact.name,
            contact_role: contact.role.unwrap_or_default(),
            contact_phone: contact.phone.unwrap_or_default(),
            ..Draft::default()
        }
    }

    /// The profile, or the problems (field id, message).
    fn to_profile(&self, now: chrono::DateTime<chrono::Utc>) -> Result<Profile, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let birth_date = match opt(&self.birth_date) {
            None => None,
            Some(d) => match hale_core::time::parse_date(&d) {
                Some(b) if b <= now.date_naive() => Some(b),
                _ => {
                    errors.push(("p-birth".into(), f(F::ProfileEnterADateOfBirth).into()));
                    None
                }
            },
        };
        let (lo, hi) = hale_core::spec::HEIGHT_RANGE;
        let height_cm = if self.imperial {
            let ft = hale_core::input::parse_number(&self.height_ft, false);
            let inch = hale_core::input::parse_number(&self.height_in, false)
                .or(Some(0.0).filter(|_| self.height_in.trim().is_empty()));
            match (self.height_ft.trim().is_empty() && self.height_in.trim().is_empty(), ft, inch) {
                (true, _, _) => None,
                (false, Some(f), Some(i)) => Some(hale_core::units::ft_in_to_cm(f, i)),
                _ => {
                    errors.push(("p-height-ft".into(), f(F::ProfileEnterYourHeightAsFeet).into()));
                    None
                }
            }
        } else {
            match opt(&self.height_cm) {
                None => None,
                Some(t) => match hale_core::input::parse_number(&t, false) {
                    Some(h) => Some(h),
                    None => {
                        errors.push(("p-height".into(), f(F::ProfileEnterYourHeightInCentimetres).into()));
                        None
                    }
                },
            }
        };
        if height_cm.is_some_and(|h| !(lo..=hi).contains(&h)) {
            errors.push((
                "p-height".into(),
                ff(F::ProfileHeightMustBeBetweenAnd, &[("lo", &lo.to_string()), ("hi", &hi.to_string())]),
            ));
        }
        let (plo, phi) = hale_core::spec::PEAK_FLOW_BEST_RANGE;
        let peak = match opt(&self.peak_best) {
            None => None,
            Some(t) => match hale_core::input::parse_number(&t, true) {
                Some(x) if (plo..=phi).contains(&x) => Some(x),
                _ => {
                    errors.push((
                        "p-peak".into(),
                        ff(F::ProfilePersonalBestPeakFlowMust, &[("plo", &plo.to_string()), ("phi", &phi.to_string())]),
                    ));
                    None
                }
            },
        };
        let smoking = SmokingStatus::parse(&self.smoking).map(|status| Smoking {
            status,
            quit_date: hale_core::time::parse_date(self.quit_date.trim()).filter(|_| status == SmokingStatus::Former),
            cigarettes_per_day: hale_core::input::parse_number(&self.cigarettes, true)
                .filter(|_| status == SmokingStatus::Current),
            vapes: self.vapes,
            home_indoor_smoker: self.home_smoker,
        });
        if smoking.as_ref().is_some_and(|s| s.quit_date.is_some_and(|q| q > now.date_naive())) {
            errors.push(("p-quit".into(), f(F::ProfileTheDateYouStoppedSmoking).into()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let care = CarePlan {
            what_matters: opt(&self.what_matters),
            medicines_notes: opt(&self.medicines_notes),
            contacts: opt(&self.contact_name)
                .map(|name| vec![Contact { name, role: opt(&self.contact_role), phone: opt(&self.contact_phone) }])
                .unwrap_or_default(),
        };
        let has_care = care.what_matters.is_some() || care.medicines_notes.is_some() || !care.contacts.is_empty();
        Ok(Profile {
            name: opt(&self.name),
            birth_date,
            sex: Sex::parse(&self.sex),
            ethnicity: Ethnicity::parse(&self.ethnicity),
            height_cm,
            conditions: self.conditions.clone(),
            medications: self.medications.clone(),
            family_history_premature_chd: match self.family_history.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            townsend: None,
            smoking,
            peak_flow_best_l_min: peak,
            oxygen_target: OxygenTarget::parse(&self.oxygen_target),
            care_plan: has_care.then_some(care),
        })
    }
}

/// The page.
#[function_component]
pub fn ProfilePage() -> Html {
    let ctx = use_context::<AppContext>();
    let draft = use_state(|| ctx.as_ref().map(|c| Draft::from(&c.state.record.profile)).unwrap_or_default());
    let errors = use_state(Vec::<(String, String)>::new);
    let message = use_state(|| None::<String>);
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let Some(ctx) = ctx else { return html! {} };
    let d = (*draft).clone();
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut x = (*draft).clone();
            f(&mut x, v);
            draft.set(x);
        })
    };
    let text = |id: &'static str,
                label: &'static str,
                hint: &'static str,
                value: String,
                on: Callback<String>,
                kind: &'static str| {
        let err = errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone());
        let oninput =
            Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
        html! {
            <div class={classes!("form-group", err.is_some().then_some("form-group--error"))}>
                <label class="label" for={id}>{ label }</label>
                if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
                if let Some(m) = err.clone() { <p class="error-message" id={format!("{id}-error")}>{ m }</p> }
                <input class="input" id={id} type={kind} {value} {oninput}
                    aria-describedby={if err.is_some() { Some(format!("{id}-error")) } else if hint.is_empty() { None } else { Some(format!("{id}-hint")) }} />
            </div>
        }
    };
    let radios = |name: &'static str,
                  legend: &'static str,
                  hint: &'static str,
                  options: &[(&'static str, &'static str)],
                  current: String,
                  on: Callback<String>| {
        html! {
            <div class="form-group">
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{ legend }</legend>
                    if !hint.is_empty() { <p class="hint">{ hint }</p> }
                    <div class="radios">
                    { for options.iter().map(|(v, label)| {
                        let on = on.clone();
                        let v2 = (*v).to_string();
                        let id = format!("{name}-{v}");
                        html! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name={name} id={id.clone()} checked={current == *v}
                                    onchange={Callback::from(move |_: Event| on.emit(v2.clone()))} />
                                <label class="label radios__label" for={id}>{ *label }</label>
                            </div>
                        }
                    }) }
                    </div>
                </fieldset>
            </div>
        }
    };
    let checks = |legend: &'static str, hint: &'static str, items: Vec<(&'static str, bool, Callback<()>)>| {
        html! {
            <div class="form-group">
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{ legend }</legend>
                    <p class="hint">{ hint }</p>
                    { for items.into_iter().map(|(v, checked, on)| {
                        let id = format!("p-{v}");
                        html! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id={id.clone()} {checked} onchange={Callback::from(move |_: Event| on.emit(()))} />
                                <label class="label checkboxes__label" for={id}>{ vocab_label(v) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
            </div>
        }
    };
    let toggle_condition = |c: Condition| {
        let draft = draft.clone();
        Callback::from(move |()| {
            let mut x = (*draft).clone();
            if let Some(i) = x.conditions.iter().position(|y| *y == c) {
                x.conditions.remove(i);
            } else {
                x.conditions.push(c);
            }
            draft.set(x);
        })
    };
    let toggle_medication = |m: Medication| {
        let draft = draft.clone();
        Callback::from(move |()| {
            let mut x = (*draft).clone();
            if let Some(i) = x.medications.iter().position(|y| *y == m) {
                x.medications.remove(i);
            } else {
                x.medications.push(m);
            }
            draft.set(x);
        })
    };
    let onsubmit = {
        let (draft, errors, message, ctx) = (draft.clone(), errors.clone(), message.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match draft.to_profile(platform::now()) {
                Err(list) => errors.set(list),
                Ok(p) => {
                    errors.set(Vec::new());
                    ctx.save_profile(p, message.clone(), f(F::ProfileSavedYourChecksScoreAnd));
                }
            }
        })
    };
    let ethnicity_change = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut x = (*draft).clone();
            x.ethnicity = e.target_unchecked_into::<HtmlSelectElement>().value();
            draft.set(x);
        })
    };
    let area = |id: &'static str, label: &'static str, value: String, on: Callback<String>| {
        let oninput =
            Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        html! {
            <div class="form-group">
                <label class="label" for={id}>{ label }</label>
                <textarea class="textarea" id={id} rows="3" {value} {oninput} />
            </div>
        }
    };
    let toggle = |id: &'static str, label: &'static str, checked: bool, f: fn(&mut Draft)| {
        let draft = draft.clone();
        html! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id={id} {checked}
                    onchange={Callback::from(move |_: Event| { let mut x = (*draft).clone(); f(&mut x); draft.set(x); })} />
                <label class="label checkboxes__label" for={id}>{ label }</label>
            </div>
        }
    };
    html! {
        <>
            { page_title(f(F::ProfileAboutYou)) }
            <p>{f(F::ProfileEverythingHereIsOptionalAnd)}</p>
            <ErrorSummary errors={(*errors).clone()} />
            { status(&message) }
            <form class="form" novalidate=true {onsubmit}>
                <h2>{f(F::ProfileYou)}</h2>
                { text("p-birth", f(F::ProfileDateOfBirth), f(F::ProfileUnlocksAgeBasedChecksYour), d.birth_date.clone(), set(|x, v| x.birth_date = v), "date") }
                { radios("sex", f(F::ProfileSexRecordedAtBirth), f(F::ProfileUsedByTheHeartRisk), &[("female", f(F::ProfileFemale)), ("male", f(F::ProfileMale))], d.sex.clone(), set(|x, v| x.sex = v)) }
                <div class="form-group">
                    <label class="label" for="p-ethnicity">{f(F::ProfileEthnicBackground)}</label>
                    <p class="hint" id="p-ethnicity-hint">{f(F::ProfileUsedByQrisk3AndBy)}</p>
                    <select class="select" id="p-ethnicity" aria-describedby="p-ethnicity-hint" onchange={ethnicity_change}>
                        <option value="" selected={d.ethnicity.is_empty()}>{f(F::ProfileNotGiven)}</option>
                        { for Ethnicity::ALL.iter().map(|e| html! { <option value={e.as_str()} selected={d.ethnicity == e.as_str()}>{ vocab_label(e.as_str()) }</option> }) }
                    </select>
                </div>
                { radios("height-units", f(F::ProfileHeightUnits), "", &[("cm", f(F::ProfileCentimetres)), ("ft", f(F::ProfileFeetAndInches))], if d.imperial { "ft".into() } else { "cm".into() }, set(|x, v| x.imperial = v == "ft")) }
                if d.imperial {
                    { text("p-height-ft", f(F::ProfileHeightFeet), f(F::ProfileUnlocksBmiWithYourWeight), d.height_ft.clone(), set(|x, v| x.height_ft = v), "text") }
                    { text("p-height-in", f(F::ProfileHeightInches), "", d.height_in.clone(), set(|x, v| x.height_in = v), "text") }
                } else {
                    { text("p-height", f(F::ProfileHeightCm), f(F::ProfileUnlocksBmiWithYourWeight), d.height_cm.clone(), set(|x, v| x.height_cm = v), "text") }
                }
                { text("p-name", f(F::ProfileYourNameOptional), f(F::ProfileOnlyShownOnSummariesYou), d.name.clone(), set(|x, v| x.name = v), "text") }
                <h2>{f(F::MoreYourHealth)}</h2>
                { checks(f(F::ProfileConditions), f(F::ProfileHaleSChecksAndAdvice), Condition::ALL.iter().map(|c| (c.as_str(), d.conditions.contains(c), toggle_condition(*c))).collect()) }
                { checks(f(F::ProfileMedicines), f(F::ProfileSomeChecksAndScoresChange), Medication::ALL.iter().map(|m| (m.as_str(), d.medications.contains(m), toggle_medication(*m))).collect()) }
                { radios("fh", f(F::ProfileHasAParentBrotherOr), f(F::ProfileUsedByQrisk3), &[("yes", f(F::ProfileYes)), ("no", f(F::ProfileNo)), ("", f(F::ProfileNotSure))], d.family_history.clone(), set(|x, v| x.family_history = v)) }
                <h2>{f(F::ProfileSmoking)}</h2>
                { radios("smoking", f(F::ProfileDoYouSmoke), f(F::ProfileUsedByYourHealthScore), &[("never", f(F::ProfileIHaveNeverSmoked)), ("former", f(F::ProfileIUsedToSmoke)), ("current", f(F::ProfileISmokeNow))], d.smoking.clone(), set(|x, v| x.smoking = v)) }
                if d.smoking == "former" { { text("p-quit", f(F::ProfileWhenDidYouStop), "", d.quit_date.clone(), set(|x, v| x.quit_date = v), "date") } }
                if d.smoking == "current" { { text("p-cigs", f(F::ProfileCigarettesADay), "", d.cigarettes.clone(), set(|x, v| x.cigarettes = v), "text") } }
                <div class="form-group">
                    { toggle("p-vapes", f(F::ProfileIVapeOrUseE), d.vapes, |x| x.vapes = !x.vapes) }
                    { toggle("p-home", f(F::ProfileSomeoneSmokesIndoorsWhereI), d.home_smoker, |x| x.home_smoker = !x.home_smoker) }
                </div>
                <div id="p-oxygen">
                    if d.conditions.contains(&Condition::Copd) && d.oxygen_target.is_empty() {
                        <div class="notice"><p><strong>{f(F::ProfileOxygenAsk)}</strong></p><p>{f(F::ProfileOxygenAskWhy)}</p></div>
                    }
                    { radios("oxygen", f(F::ProfileOxygenTarget), f(F::ProfileOxygenTargetHint), &[("88_92", f(F::ProfileOxygen88To92)), ("94_98", f(F::ProfileOxygen94To98)), ("", f(F::ProfileOxygenNotTold))], d.oxygen_target.clone(), set(|x, v| x.oxygen_target = v)) }
                </div>
                <h2>{f(F::ProfilePersonalBests)}</h2>
                { text("p-peak", f(F::AsthmaPersonalBestPeakFlowL), f(F::ProfileUnlocksYourAsthmaZonesThe), d.peak_best.clone(), set(|x, v| x.peak_best = v), "text") }
                <h2>{f(F::ProfileYourCarePlan)}</h2>
                { area("p-matters", f(F::ProfileWhatMattersToYou), d.what_matters.clone(), set(|x, v| x.what_matters = v)) }
                { area("p-meds", f(F::ProfileYourMedicinesNamesAndDoses), d.medicines_notes.clone(), set(|x, v| x.medicines_notes = v)) }
                { text("p-contact", f(F::ProfileSomeoneToContactName), "", d.contact_name.clone(), set(|x, v| x.contact_name = v), "text") }
                { text("p-contact-role", f(F::ProfileWhoTheyAreForExample), "", d.contact_role.clone(), set(|x, v| x.contact_role = v), "text") }
                { text("p-contact-phone", f(F::ProfileTheirPhoneNumber), "", d.contact_phone.clone(), set(|x, v| x.contact_phone = v), "tel") }
                <button class="button" type="submit">{f(F::ProfileSave)}</button>
            </form>
        </>
    }
}
