//! About you: everything optional, each part saying why it is asked and what it unlocks. Editable
//! at any time; nothing leaves the device.
use hale_core::record::{Allergy, CarePlan, Contact, Medicine, Profile, Smoking};
use hale_core::vocab::{Condition, ContactRole, Ethnicity, Medication, OxygenTarget, Sex, SmokingStatus};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::error_summary::ErrorSummary;
use crate::components::ui::{page_title, status};
use crate::i18n::{f, ff, role_label, vocab_label, F};
use crate::platform;

/// The form's editable copy of the profile, as text where people type.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    name: String,
    birth_date: String,
    nhs_number: String,
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
    glucose_low: String,
    glucose_high: String,
    what_matters: String,
    advance_care_plan: String,
    medicines_notes: String,
    medicines: Vec<[String; 3]>,
    allergies: Vec<[String; 2]>,
    no_known_allergies: bool,
    contacts: Vec<[String; 4]>,
}

/// The care-plan lists: each row is its fields as text, in this order.
const MED_FIELDS: [&str; 3] = ["name", "dose", "class"];
const ALLERGY_FIELDS: [&str; 2] = ["substance", "reaction"];
const CONTACT_FIELDS: [&str; 4] = ["name", "relationship", "phone", "role"];

/// Which care-plan list.
#[derive(Clone, Copy, Debug, PartialEq)]
enum List {
    Medicines,
    Allergies,
    Contacts,
}

impl Draft {
    fn row_mut(&mut self, list: List, i: usize, field: usize) -> Option<&mut String> {
        match list {
            List::Medicines => self.medicines.get_mut(i)?.get_mut(field),
            List::Allergies => self.allergies.get_mut(i)?.get_mut(field),
            List::Contacts => self.contacts.get_mut(i)?.get_mut(field),
        }
    }
    fn add_row(&mut self, list: List) {
        match list {
            List::Medicines => self.medicines.push(Default::default()),
            List::Allergies => self.allergies.push(Default::default()),
            List::Contacts => self.contacts.push(Default::default()),
        }
    }
    fn remove_row(&mut self, list: List, i: usize) {
        match list {
            List::Medicines if i < self.medicines.len() => drop(self.medicines.remove(i)),
            List::Allergies if i < self.allergies.len() => drop(self.allergies.remove(i)),
            List::Contacts if i < self.contacts.len() => drop(self.contacts.remove(i)),
            _ => {}
        }
    }
}

impl Draft {
    fn from(p: &Profile) -> Self {
        let num = |x: Option<f64>| x.map(hale_core::fields::fmt_num).unwrap_or_default();
        let plan = p.care_plan.clone().unwrap_or_default();
        Draft {
            name: p.name.clone().unwrap_or_default(),
            birth_date: p.birth_date.map(hale_core::time::fmt_date).unwrap_or_default(),
            nhs_number: p.nhs_number.clone().unwrap_or_default(),
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
            glucose_low: p.glucose_target_mmol_l.map(|t| num(Some(t.0))).unwrap_or_default(),
            glucose_high: p.glucose_target_mmol_l.map(|t| num(Some(t.1))).unwrap_or_default(),
            what_matters: plan.what_matters.unwrap_or_default(),
            advance_care_plan: plan.advance_care_plan.unwrap_or_default(),
            medicines_notes: plan.medicines_notes.unwrap_or_default(),
            medicines: plan
                .medicines
                .into_iter()
                .map(|m| {
                    [m.name, m.dose.unwrap_or_default(), m.class.map(|c| c.as_str().to_string()).unwrap_or_default()]
                })
                .collect(),
            allergies: plan.allergies.into_iter().map(|a| [a.substance, a.reaction.unwrap_or_default()]).collect(),
            no_known_allergies: plan.no_known_allergies,
            contacts: plan
                .contacts
                .into_iter()
                .map(|c| {
                    [
                        c.name,
                        c.relationship.unwrap_or_default(),
                        c.phone.unwrap_or_default(),
                        c.role.map(|r| r.as_str().to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
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
        // Typed as on a letter ("943 476 5919"): spaces and hyphens are left out.
        let nhs: String = self.nhs_number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        let nhs_number = match nhs.as_str() {
            "" => None,
            n if hale_core::record::nhs_number_valid(n) => Some(nhs.clone()),
            _ => {
                errors.push(("p-nhs".into(), f(F::ProfileNhsNumberError).into()));
                None
            }
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
        // A likely unit slip asks which was meant, and nothing is saved: 5.7 "cm" is feet; 170 "feet" is cm.
        let typed_ft = hale_core::input::parse_number(&self.height_ft, false);
        if !self.imperial && height_cm.is_some_and(|h| h < hale_core::units::HEIGHT_CM_LIKELY_FEET_BELOW) {
            let n = hale_core::fields::fmt_num(height_cm.unwrap_or_default());
            errors.push(("p-height".into(), ff(F::ProfileHeightDidYouMeanFeet, &[("n", &n)])));
        } else if self.imperial && typed_ft.is_some_and(|f| f > hale_core::units::HEIGHT_FEET_LIKELY_CM_ABOVE) {
            let n = hale_core::fields::fmt_num(typed_ft.unwrap_or_default());
            errors.push(("p-height-ft".into(), ff(F::ProfileHeightDidYouMeanCm, &[("n", &n)])));
        } else if height_cm.is_some_and(|h| !(lo..=hi).contains(&h)) {
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
        // The care team's glucose range: both ends or neither, each plausible, low below high.
        let glucose_target = match (opt(&self.glucose_low), opt(&self.glucose_high)) {
            (None, None) => None,
            (l, h) => {
                let (lo, hi) = hale_core::spec::GLUCOSE_TARGET_RANGE;
                let end = |t: Option<String>| {
                    t.and_then(|t| hale_core::input::parse_number(&t, false)).filter(|x| (lo..=hi).contains(x))
                };
                match (end(l), end(h)) {
                    (Some(l), Some(h)) if l < h => Some((l, h)),
                    _ => {
                        errors.push((
                            "p-glucose-low".into(),
                            ff(F::ProfileGlucoseTargetError, &[("lo", &lo.to_string()), ("hi", &hi.to_string())]),
                        ));
                        None
                    }
                }
            }
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
        let blank = |row: &[String]| row.iter().all(|x| x.trim().is_empty());
        let mut care = CarePlan {
            what_matters: opt(&self.what_matters),
            advance_care_plan: opt(&self.advance_care_plan),
            medicines_notes: opt(&self.medicines_notes),
            no_known_allergies: self.no_known_allergies && self.allergies.iter().all(|r| blank(r)),
            ..CarePlan::default()
        };
        for (i, [name, dose, class]) in self.medicines.iter().enumerate() {
            match opt(name) {
                Some(name) => care.medicines.push(Medicine { name, dose: opt(dose), class: Medication::parse(class) }),
                None if !dose.trim().is_empty() => {
                    errors.push((format!("p-med-{i}-name"), f(F::ProfileMedicineNeedsName).into()));
                }
                None => {}
            }
        }
        for (i, [substance, reaction]) in self.allergies.iter().enumerate() {
            match opt(substance) {
                Some(substance) => care.allergies.push(Allergy { substance, reaction: opt(reaction) }),
                None if !reaction.trim().is_empty() => {
                    errors.push((format!("p-allergy-{i}-substance"), f(F::ProfileAllergyNeedsSubstance).into()));
                }
                None => {}
            }
        }
        for (i, [name, relationship, phone, role]) in self.contacts.iter().enumerate() {
            match opt(name) {
                Some(name) => care.contacts.push(Contact {
                    name,
                    relationship: opt(relationship),
                    phone: opt(phone),
                    role: ContactRole::parse(role),
                }),
                None if !blank(&[relationship.clone(), phone.clone()]) => {
                    errors.push((format!("p-contact-{i}-name"), f(F::ProfileContactNeedsName).into()));
                }
                None => {}
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let has_care = !care.is_empty();
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
            nhs_number,
            care_plan: has_care.then_some(care),
            glucose_target_mmol_l: glucose_target,
        })
    }
}

/// The id of a care-plan row's field (the error summary links to it).
fn row_id(list: List, i: usize, field: usize) -> String {
    let (prefix, names): (&str, &[&str]) = match list {
        List::Medicines => ("med", &MED_FIELDS),
        List::Allergies => ("allergy", &ALLERGY_FIELDS),
        List::Contacts => ("contact", &CONTACT_FIELDS),
    };
    format!("p-{prefix}-{i}-{}", names.get(field).copied().unwrap_or("x"))
}

fn field_label(list: List, field: &str) -> &'static str {
    match (list, field) {
        (List::Medicines, "name") => f(F::ProfileMedName),
        (List::Medicines, "dose") => f(F::ProfileMedDose),
        (List::Medicines, _) => f(F::ProfileMedClass),
        (List::Allergies, "substance") => f(F::ProfileAllergySubstance),
        (List::Allergies, _) => f(F::ProfileAllergyReaction),
        (List::Contacts, "name") => f(F::ProfileContactName),
        (List::Contacts, "relationship") => f(F::ProfileContactRelationship),
        (List::Contacts, "phone") => f(F::ProfileTheirPhoneNumber),
        (List::Contacts, _) => f(F::ProfileContactRole),
    }
}

/// The page.
#[function_component]
pub fn ProfilePage() -> Html {
    let ctx = crate::hooks::use_app();
    let draft = use_state(|| ctx.as_ref().map(|c| Draft::from(&c.state.record.profile)).unwrap_or_default());
    let errors = use_state(Vec::<(String, String)>::new);
    let message = use_state(|| None::<String>);
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let focus = use_state(|| None::<String>);
    use_effect_with((*focus).clone(), |id| {
        if let Some(id) = id {
            platform::focus_id(id);
        }
    });
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
                    aria-describedby={if err.is_some() { Some(format!("{id}-error")) } else if hint.is_empty() { None } else { Some(format!("{id}-hint")) }}
                    aria-invalid={err.is_some().then_some("true")} />
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
    let add = |list: List| {
        let (draft, focus) = (draft.clone(), focus.clone());
        Callback::from(move |_: MouseEvent| {
            let mut x = (*draft).clone();
            x.add_row(list);
            let n = match list {
                List::Medicines => x.medicines.len(),
                List::Allergies => x.allergies.len(),
                List::Contacts => x.contacts.len(),
            };
            draft.set(x);
            // The new row's first field takes focus once it is drawn.
            focus.set(Some(row_id(list, n.saturating_sub(1), 0)));
        })
    };
    let rows = |list: List, i: usize, fields: &[&'static str], row: &[String]| {
        let legend = ff(
            match list {
                List::Medicines => F::ProfileMedicineN,
                List::Allergies => F::ProfileAllergyN,
                List::Contacts => F::ProfileContactN,
            },
            &[("n", &(i + 1).to_string())],
        );
        let remove = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                let mut x = (*draft).clone();
                x.remove_row(list, i);
                draft.set(x);
            })
        };
        html! {
            <fieldset class="fieldset care-row">
                <legend class="fieldset__legend">{ legend.clone() }</legend>
                { for fields.iter().enumerate().map(|(k, field)| {
                    let id = row_id(list, i, k);
                    let err = errors.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone());
                    let value = row.get(k).cloned().unwrap_or_default();
                    let draft = draft.clone();
                    let on = move |v: String| {
                        let mut x = (*draft).clone();
                        if let Some(cell) = x.row_mut(list, i, k) { *cell = v; }
                        draft.set(x);
                    };
                    let label = field_label(list, field);
                    let choices: Option<Vec<(&'static str, String)>> = match (list, *field) {
                        (List::Medicines, "class") => Some(std::iter::once(("", f(F::ProfileClassNone).to_string()))
                            .chain(Medication::ALL.iter().map(|m| (m.as_str(), vocab_label(m.as_str()).to_string()))).collect()),
                        (List::Contacts, "role") => Some(std::iter::once(("", f(F::ProfileRoleNone).to_string()))
                            .chain(ContactRole::ALL.iter().map(|r| (r.as_str(), role_label(*r).to_string()))).collect()),
                        _ => None,
                    };
                    html! {
                        <div class={classes!("form-group", err.is_some().then_some("form-group--error"))}>
                            <label class="label" for={id.clone()}>{ label }</label>
                            if let Some(m) = err.clone() { <p class="error-message" id={format!("{id}-error")}>{ m }</p> }
                            if let Some(choices) = choices {
                                <select class="select" id={id.clone()} onchange={Callback::from(move |e: Event| on(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                                    { for choices.into_iter().map(|(v, l)| html! { <option value={v} selected={value == v}>{ l }</option> }) }
                                </select>
                            } else {
                                <input class="input" id={id.clone()} type={if *field == "phone" { "tel" } else { "text" }} {value}
                                    aria-describedby={err.is_some().then(|| format!("{id}-error"))}
                                    aria-invalid={err.is_some().then_some("true")}
                                    oninput={Callback::from(move |e: InputEvent| on(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                            }
                        </div>
                    }
                }) }
                <button type="button" class="button button--link" aria-label={ff(F::ProfileRemoveRow, &[("what", &legend)])} onclick={remove}>{f(F::ProfileRemove)}</button>
            </fieldset>
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
                { text("p-nhs", f(F::ProfileNhsNumber), f(F::ProfileNhsNumberHint), d.nhs_number.clone(), set(|x, v| x.nhs_number = v), "text") }
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
                // Type 2 diabetes has no home glucose number in the guidance: the care team's range.
                if d.conditions.contains(&Condition::Type2Diabetes) && !d.conditions.contains(&Condition::Type1Diabetes) {
                    <div id="p-glucose">
                        <h2>{f(F::ProfileGlucoseTarget)}</h2>
                        <p class="hint">{f(F::ProfileGlucoseTargetHint)}</p>
                        { text("p-glucose-low", f(F::ProfileGlucoseLow), "", d.glucose_low.clone(), set(|x, v| x.glucose_low = v), "text") }
                        { text("p-glucose-high", f(F::ProfileGlucoseHigh), "", d.glucose_high.clone(), set(|x, v| x.glucose_high = v), "text") }
                    </div>
                }
                <h2>{f(F::ProfilePersonalBests)}</h2>
                { text("p-peak", f(F::AsthmaPersonalBestPeakFlowL), f(F::ProfileUnlocksYourAsthmaZonesThe), d.peak_best.clone(), set(|x, v| x.peak_best = v), "text") }
                <h2>{f(F::ProfileYourCarePlan)}</h2>
                <p class="hint">{f(F::ProfileCarePlanWhy)}</p>
                { area("p-matters", f(F::ProfileWhatMattersToYou), d.what_matters.clone(), set(|x, v| x.what_matters = v)) }
                { area("p-acp", f(F::ProfileAdvanceCarePlan), d.advance_care_plan.clone(), set(|x, v| x.advance_care_plan = v)) }
                <h3>{f(F::ProfileMedicinesByName)}</h3>
                { for d.medicines.iter().enumerate().map(|(i, row)| rows(List::Medicines, i, &MED_FIELDS, row)) }
                <button type="button" class="button button--secondary" onclick={add(List::Medicines)}>{f(F::ProfileAddMedicine)}</button>
                if !d.medicines_notes.is_empty() {
                    { area("p-meds", f(F::ProfileOtherMedicineNotes), d.medicines_notes.clone(), set(|x, v| x.medicines_notes = v)) }
                }
                <h3>{f(F::ProfileAllergies)}</h3>
                { for d.allergies.iter().enumerate().map(|(i, row)| rows(List::Allergies, i, &ALLERGY_FIELDS, row)) }
                <button type="button" class="button button--secondary" onclick={add(List::Allergies)}>{f(F::ProfileAddAllergy)}</button>
                if d.allergies.iter().all(|r| r.iter().all(|x| x.trim().is_empty())) {
                    <div class="form-group">
                        { toggle("p-nka", f(F::ProfileNoKnownAllergies), d.no_known_allergies, |x| x.no_known_allergies = !x.no_known_allergies) }
                    </div>
                }
                <h3>{f(F::ProfileContacts)}</h3>
                { for d.contacts.iter().enumerate().map(|(i, row)| rows(List::Contacts, i, &CONTACT_FIELDS, row)) }
                <button type="button" class="button button--secondary" onclick={add(List::Contacts)}>{f(F::ProfileAddContact)}</button>
                <button class="button" type="submit">{f(F::ProfileSave)}</button>
            </form>
        </>
    }
}
