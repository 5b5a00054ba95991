//! The export: a Record and its Assessment as a patient-summary document `Bundle`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::*;
use crate::assessment::Assessment;
use crate::record::{ObsValue, Observation, QuestionnaireEntry, Record};
use crate::time::{fmt_date, fmt_instant};
use crate::vocab::{Instrument, Sex};

/// A FHIR id for a Hale id: the id itself when FHIR allows it, else a stable UUID.
fn fhir_id(id: &str) -> String {
    let ok = !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if ok {
        id.to_string()
    } else {
        uuid(&["id", id])
    }
}

fn identifier(id: &str) -> Value {
    json!([{ "system": HALE_ENTRY_ID, "value": id }])
}

/// A range the care team set (an oxygen or glucose target) as an Observation with Hale's `code`
/// and a `valueRange` in `unit`.
fn care_team_range(
    id: String,
    (code, display, text): (&str, &str, &str),
    (low, high, unit): (f64, f64, &str),
    patient_url: &str,
    seed: &str,
) -> Value {
    json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": category("vital-signs"),
        "code": { "coding": [coding(HALE_KIND, code, display)], "text": text },
        "subject": { "reference": patient_url },
        "effectiveDateTime": seed,
        "valueRange": { "low": quantity(low, unit, unit), "high": quantity(high, unit, unit) },
    })
}

pub(super) fn ext(name: &str, key: &str, value: Value) -> Value {
    let mut e = json!({ "url": format!("{EXT}:{name}") });
    e[key] = value;
    e
}

/// A 128-bit FNV-1a hash as a UUID-shaped string (version 8: custom), for stable `urn:uuid:` ids.
pub(super) fn uuid(parts: &[&str]) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
    }
    let x = format!("{h:032x}");
    format!(
        "{}-{}-8{}-{}{}-{}",
        &x[0..8],
        &x[8..12],
        &x[13..16],
        ["8", "9", "a", "b"][(h >> 60) as usize & 3],
        &x[17..20],
        &x[20..32]
    )
}

/// A condition's codings (SNOMED CT where known, Hale's own always) and its label.
pub(super) fn condition_codings(c: crate::vocab::Condition) -> (Vec<Value>, String) {
    let mut codings = Vec::new();
    if let Some((code, display)) = snomed(c) {
        codings.push(coding(SNOMED, code, display));
    }
    let label = c.as_str().replace('_', " ");
    codings.push(coding(HALE_CONDITION, c.as_str(), &label));
    (codings, label)
}

pub(super) fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({ "system": system, "code": code, "display": display })
}

pub(super) fn quantity(value: f64, unit: &str, code: &str) -> Value {
    json!({ "value": value, "unit": unit, "system": UCUM, "code": code })
}

pub(super) fn category(code: &str) -> Value {
    json!([{ "coding": [coding(OBS_CATEGORY, code, &category_display(code))] }])
}

fn category_display(code: &str) -> String {
    match code {
        "vital-signs" => "Vital Signs".into(),
        "laboratory" => "Laboratory".into(),
        "activity" => "Activity".into(),
        "social-history" => "Social History".into(),
        "survey" => "Survey".into(),
        _ => "Exam".into(),
    }
}

fn kind_code(kind: ObsKind) -> Value {
    coding(HALE_KIND, kind.as_str(), crate::spec::kind_spec(kind).label)
}

/// One Observation resource for a reading (the patient as subject and performer).
pub(super) fn observation(o: &Observation, patient: &str) -> (Value, &'static str) {
    let kind = o.kind();
    let label = crate::spec::kind_spec(kind).label;
    let mut r = json!({
        "resourceType": "Observation",
        "id": fhir_id(&o.id),
        "identifier": identifier(&o.id),
        "status": "final",
        "subject": { "reference": patient },
        "performer": [{ "reference": patient }],
        "effectiveDateTime": fmt_instant(o.at),
    });
    let cat;
    match o.value {
        ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } => {
            cat = "vital-signs";
            r["code"] = json!({ "coding": [coding(LOINC, "85354-9", "Blood pressure panel with all children optional"), kind_code(kind)], "text": label });
            r["component"] = json!([
                { "code": { "coding": [coding(LOINC, "8480-6", "Systolic blood pressure")] }, "valueQuantity": quantity(systolic_mmhg, "mmHg", "mm[Hg]") },
                { "code": { "coding": [coding(LOINC, "8462-4", "Diastolic blood pressure")] }, "valueQuantity": quantity(diastolic_mmhg, "mmHg", "mm[Hg]") },
            ]);
        }
        ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l } => {
            cat = "laboratory";
            r["code"] = json!({ "coding": [kind_code(kind)], "text": label });
            r["component"] = json!([
                { "code": { "coding": [coding(LOINC, "14647-2", "Cholesterol [Moles/volume] in Serum or Plasma")] }, "valueQuantity": quantity(total_mmol_l, "mmol/L", "mmol/L") },
                { "code": { "coding": [coding(LOINC, "14646-4", "Cholesterol in HDL [Moles/volume] in Serum or Plasma")] }, "valueQuantity": quantity(hdl_mmol_l, "mmol/L", "mmol/L") },
            ]);
        }
        ObsValue::Activity { moderate_min_per_week, vigorous_min_per_week } => {
            cat = "activity";
            r["code"] = json!({ "coding": [kind_code(kind)], "text": label });
            r["component"] = json!([
                { "code": { "coding": [coding(HALE_KIND, "moderate_min_per_week", "Moderate activity, minutes a week")] }, "valueQuantity": quantity(moderate_min_per_week, "min/wk", "min/wk") },
                { "code": { "coding": [coding(HALE_KIND, "vigorous_min_per_week", "Vigorous activity, minutes a week")] }, "valueQuantity": quantity(vigorous_min_per_week, "min/wk", "min/wk") },
            ]);
        }
        ObsValue::Consciousness { acvpu } => {
            cat = "exam";
            r["code"] = json!({ "coding": [kind_code(kind)], "text": label });
            r["valueCodeableConcept"] =
                json!({ "coding": [coding(HALE_KIND, acvpu.as_str(), acvpu.as_str())], "text": acvpu.as_str() });
        }
        _ => {
            let fields = o.value.fields();
            let value = fields.iter().find_map(|(_, v)| match v {
                crate::fields::FieldVal::Num(x) => Some(*x),
                _ => None,
            });
            let spec_unit = crate::spec::kind_spec(kind).fields[0].unit;
            match loinc(kind) {
                Some((code, display, ucum, c)) => {
                    cat = c;
                    let mut codings = vec![coding(LOINC, code, display)];
                    if kind == ObsKind::Spo2 {
                        codings.push(coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"));
                    }
                    codings.push(kind_code(kind));
                    r["code"] = json!({ "coding": codings, "text": label });
                    r["valueQuantity"] = quantity(value.unwrap_or_default(), spec_unit, ucum);
                }
                None => {
                    let (c, ucum) = local_unit(kind);
                    cat = c;
                    r["code"] = json!({ "coding": [kind_code(kind)], "text": label });
                    r["valueQuantity"] = quantity(value.unwrap_or_default(), spec_unit, ucum);
                }
            }
            if let ObsValue::Glucose { context, .. } = o.value {
                r["extension"] = json!([ext("glucose-context", "valueCode", json!(context.as_str()))]);
            }
            if let ObsValue::Spo2 { on_oxygen, .. } = o.value {
                r["extension"] = json!([ext("on-oxygen", "valueBoolean", json!(on_oxygen))]);
            }
        }
    }
    r["category"] = category(cat);
    if let Some(n) = &o.note {
        r["note"] = json!([{ "text": n }]);
    }
    // An imported or device reading: the device (or app) that measured it, and where it came from
    // whole (a continuous sample stays one: it is never judged as a spot check on the other side).
    if let Some(src) = &o.source {
        if let Some(d) = src.device.as_ref().or(src.app.as_ref()) {
            r["device"] = json!({ "display": d });
        }
        let e = ext("source", "valueString", json!(crate::write::source_to_value(src).to_string()));
        match r["extension"].as_array_mut() {
            Some(list) => list.push(e),
            None => r["extension"] = json!([e]),
        }
    }
    (r, cat)
}

pub(super) fn questionnaire_total(q: &QuestionnaireEntry, patient: &str) -> Value {
    let (code, display) = match q.instrument {
        Instrument::Phq9 => (Some("44261-6"), "PHQ-9 total score"),
        Instrument::Gad7 => (Some("70274-6"), "GAD-7 total score"),
        _ => (None, crate::questionnaires::questionnaire(q.instrument).title),
    };
    let mut codings = Vec::new();
    if let Some(c) = code {
        codings.push(coding(LOINC, c, display));
    }
    codings.push(coding(HALE_QUESTIONNAIRE, q.instrument.as_str(), display));
    json!({
        "resourceType": "Observation",
        "id": uuid(&["qtotal", &q.id]),
        "status": "final",
        "category": category("survey"),
        "code": { "coding": codings, "text": display },
        "subject": { "reference": patient },
        "effectiveDateTime": fmt_instant(q.at),
        "valueQuantity": { "value": q.total(), "unit": "score", "system": UCUM, "code": "{score}" },
        "derivedFrom": [{ "reference": format!("urn:uuid:{}", uuid(&["qr", &q.id])) }],
    })
}

pub(super) fn questionnaire_response(q: &QuestionnaireEntry, patient: &str) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(&q.id),
        "identifier": { "system": HALE_ENTRY_ID, "value": q.id },
        "questionnaire": format!("{HALE_QUESTIONNAIRE}:{}", q.instrument.as_str()),
        "status": "completed",
        "subject": { "reference": patient },
        "authored": fmt_instant(q.at),
        "item": q.items.iter().enumerate().map(|(i, a)| json!({
            "linkId": (i + 1).to_string(),
            "answer": [{ "valueInteger": a }],
        })).collect::<Vec<_>>(),
    })
}

/// A reading in words for the narrative: "182/100 mmHg", "7.8 mmol/L".
fn words(o: &Observation) -> String {
    if let ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } = o.value {
        return format!("{}/{} mmHg", crate::fields::fmt_num(systolic_mmhg), crate::fields::fmt_num(diastolic_mmhg));
    }
    let spec = crate::spec::kind_spec(o.kind());
    o.value
        .fields()
        .iter()
        .map(|(name, v)| {
            let unit = spec.fields.iter().find(|f| f.name == *name).map_or("", |f| f.unit);
            match v {
                crate::fields::FieldVal::Num(x) => format!("{} {unit}", crate::fields::fmt_num(*x)).trim().to_string(),
                crate::fields::FieldVal::Bool(b) => format!("{name}: {b}"),
                crate::fields::FieldVal::Choice(c) => c.replace('_', " "),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn narrative(lines: &[String]) -> Value {
    let items: String = lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect();
    json!({ "status": "generated", "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul>{items}</ul></div>") })
}

fn section(
    title: &str,
    code: &str,
    display: &str,
    refs: &[String],
    lines: &[String],
    empty: Option<(&str, &str)>,
) -> Value {
    let mut s = json!({
        "title": title,
        "code": { "coding": [coding(LOINC, code, display)] },
    });
    if refs.is_empty() {
        if let Some((code, display)) = empty {
            s["emptyReason"] =
                json!({ "coding": [coding("http://terminology.hl7.org/CodeSystem/list-empty-reason", code, display)] });
        }
    } else {
        s["entry"] = Value::Array(refs.iter().map(|r| json!({ "reference": r })).collect());
    }
    let text = if lines.is_empty() { vec![format!("{title}: none recorded.")] } else { lines.to_vec() };
    s["text"] = narrative(&text);
    s
}

/// The record as a FHIR R4 document Bundle (IPS-style patient summary) at `now`. `assessment` is
/// the record's assessment at `now` (for the plan of care and the alerts).
pub fn summary_bundle(record: &Record, assessment: &Assessment, now: DateTime<Utc>) -> Value {
    let p = &record.profile;
    let seed = fmt_instant(now);
    let ids: Vec<&str> = record.observations.iter().map(|o| o.id.as_str()).collect();
    let doc = uuid(&[&seed, &ids.join(",")]);
    let patient_url = format!("urn:uuid:{}", uuid(&["patient", &doc]));
    let mut patient = json!({ "resourceType": "Patient", "id": uuid(&["patient", &doc]) });
    if let Some(name) = &p.name {
        patient["name"] = json!([{ "text": name }]);
    }
    if let Some(sex) = p.sex {
        patient["gender"] = json!(match sex {
            Sex::Female => "female",
            Sex::Male => "male",
        });
    }
    if let Some(b) = p.birth_date {
        patient["birthDate"] = json!(fmt_date(b));
    }
    let mut exts = Vec::new();
    if let Some(e) = p.ethnicity {
        exts.push(ext("ethnicity", "valueCode", json!(e.as_str())));
    }
    if let Some(t) = p.townsend {
        exts.push(ext("townsend", "valueDecimal", json!(t)));
    }
    if let Some(f) = p.family_history_premature_chd {
        exts.push(ext("family-history-premature-chd", "valueBoolean", json!(f)));
    }
    if let Some(plan) = &p.care_plan {
        if let Some(w) = &plan.what_matters {
            exts.push(ext("what-matters", "valueString", json!(w)));
        }
        if let Some(m) = &plan.medicines_notes {
            exts.push(ext("medicines-notes", "valueString", json!(m)));
        }
        if let Some(a) = &plan.advance_care_plan {
            exts.push(ext("advance-care-plan", "valueString", json!(a)));
        }
    }
    if !exts.is_empty() {
        patient["extension"] = Value::Array(exts);
    }
    if let Some(plan) = &p.care_plan {
        let contacts: Vec<Value> = plan
            .contacts
            .iter()
            .map(|c| {
                let mut v = json!({ "name": { "text": c.name } });
                let mut rel = Vec::new();
                if let Some(role) = c.role {
                    let mut codings = vec![coding(HALE_CONTACT_ROLE, role.as_str(), &role.as_str().replace('_', " "))];
                    if role == crate::vocab::ContactRole::NextOfKin {
                        codings.push(coding("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin"));
                    }
                    rel.push(json!({ "coding": codings }));
                }
                if let Some(r) = &c.relationship {
                    rel.push(json!({ "text": r }));
                }
                if !rel.is_empty() {
                    v["relationship"] = Value::Array(rel);
                }
                if let Some(phone) = &c.phone {
                    v["telecom"] = json!([{ "system": "phone", "value": phone }]);
                }
                v
            })
            .collect();
        if !contacts.is_empty() {
            patient["contact"] = Value::Array(contacts);
        }
    }
    let mut entries: Vec<Value> = Vec::new();
    let push = |entries: &mut Vec<Value>, key: &[&str], resource: Value| -> String {
        let url = format!("urn:uuid:{}", uuid(key));
        entries.push(json!({ "fullUrl": url, "resource": resource }));
        url
    };

    // Problems.
    let mut problems = Vec::new();
    let mut problem_lines = Vec::new();
    for c in &p.conditions {
        let (codings, label) = condition_codings(*c);
        let r = json!({
            "resourceType": "Condition",
            "id": uuid(&["condition", c.as_str(), &doc]),
            "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")] },
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")] }],
            "code": { "coding": codings, "text": label },
            "subject": { "reference": patient_url },
        });
        problems.push(push(&mut entries, &["condition", c.as_str(), &doc], r));
        problem_lines.push(format!("{label} (recorded by the person)"));
    }
    // Symptoms the person reported, as problems with their onset and (when passed) abatement.
    for sy in &record.symptoms {
        let label = sy.code.as_str().replace('_', " ");
        let (status, display) = if sy.resolved_at.is_some() { ("resolved", "Resolved") } else { ("active", "Active") };
        let mut r = json!({
            "resourceType": "Condition",
            "id": fhir_id(&sy.id),
            "identifier": identifier(&sy.id),
            "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-clinical", status, display)] },
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")] }],
            "code": { "coding": [coding(HALE_SYMPTOM, sy.code.as_str(), &label)], "text": label },
            "subject": { "reference": patient_url },
            "onsetDateTime": fmt_instant(sy.at),
        });
        if let Some(end) = sy.resolved_at {
            r["abatementDateTime"] = json!(fmt_instant(end));
        }
        if let Some(n) = &sy.note {
            r["note"] = json!([{ "text": n }]);
        }
        problems.push(push(&mut entries, &["symptom", &sy.id, &doc], r));
        problem_lines.push(format!(
            "Symptom: {label}, from {}{}",
            fmt_instant(sy.at),
            sy.resolved_at.map(|e| format!(" to {}", fmt_instant(e))).unwrap_or_default()
        ));
    }
    // Medications.
    let mut meds = Vec::new();
    let mut med_lines = Vec::new();
    for m in &p.medications {
        let label = m.as_str().replace('_', " ");
        let r = json!({
            "resourceType": "MedicationStatement",
            "id": uuid(&["medication", m.as_str(), &doc]),
            "status": "active",
            "medicationCodeableConcept": { "coding": [coding(HALE_MEDICATION, m.as_str(), &label)], "text": label },
            "subject": { "reference": patient_url },
        });
        meds.push(push(&mut entries, &["medication", m.as_str(), &doc], r));
        med_lines.push(format!("{label} (medicine class, recorded by the person)"));
    }
    // The care plan's medicines (by name, with the dose as text) and allergies.
    let mut allergies = Vec::new();
    let mut allergy_lines = Vec::new();
    if let Some(plan) = &p.care_plan {
        for (i, m) in plan.medicines.iter().enumerate() {
            let key = format!("{i}:{}", m.name);
            let mut concept = json!({ "text": m.name });
            if let Some(c) = m.class {
                concept["coding"] = json!([coding(HALE_MEDICATION, c.as_str(), &c.as_str().replace('_', " "))]);
            }
            let mut r = json!({
                "resourceType": "MedicationStatement",
                "id": uuid(&["medicine", &key, &doc]),
                "extension": [ext("care-plan-medicine", "valueBoolean", json!(true))],
                "status": "active",
                "medicationCodeableConcept": concept,
                "subject": { "reference": patient_url },
            });
            if let Some(d) = &m.dose {
                r["dosage"] = json!([{ "text": d }]);
            }
            meds.push(push(&mut entries, &["medicine", &key, &doc], r));
            med_lines.push(format!("{}{}", m.name, m.dose.as_ref().map(|d| format!(", {d}")).unwrap_or_default()));
        }
        for (i, a) in plan.allergies.iter().enumerate() {
            let key = format!("{i}:{}", a.substance);
            let mut r = json!({
                "resourceType": "AllergyIntolerance",
                "id": uuid(&["allergy", &key, &doc]),
                "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active")] },
                "code": { "text": a.substance },
                "patient": { "reference": patient_url },
            });
            if let Some(x) = &a.reaction {
                r["reaction"] = json!([{ "manifestation": [{ "text": x }] }]);
            }
            allergies.push(push(&mut entries, &["allergy", &key, &doc], r));
            allergy_lines.push(format!(
                "{}{}",
                a.substance,
                a.reaction.as_ref().map(|x| format!(": {x}")).unwrap_or_default()
            ));
        }
        if plan.no_known_allergies && plan.allergies.is_empty() {
            let r = json!({
                "resourceType": "AllergyIntolerance",
                "id": uuid(&["allergy", "none", &doc]),
                "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active")] },
                "code": { "coding": [coding(SNOMED, NO_KNOWN_ALLERGY.0, NO_KNOWN_ALLERGY.1)], "text": "No known allergies" },
                "patient": { "reference": patient_url },
            });
            allergies.push(push(&mut entries, &["allergy", "none", &doc], r));
            allergy_lines.push("No known allergies (as recorded by the person)".into());
        }
    }
    // Observations.
    let mut vitals = Vec::new();
    let mut results = Vec::new();
    let mut vital_lines = Vec::new();
    let mut result_lines = Vec::new();
    for o in &record.observations {
        let (r, cat) = observation(o, &patient_url);
        let line = format!("{} {}: {}", fmt_instant(o.at), crate::spec::kind_spec(o.kind()).label, words(o));
        let url = push(&mut entries, &["obs", &o.id, &doc], r);
        if cat == "vital-signs" {
            vitals.push(url);
            vital_lines.push(line);
        } else {
            results.push(url);
            result_lines.push(line);
        }
    }
    if let Some(h) = p.height_cm {
        let r = json!({
            "resourceType": "Observation",
            "id": uuid(&["height", &doc]),
            "status": "final",
            "category": category("vital-signs"),
            "code": { "coding": [coding(LOINC, "8302-2", "Body height")], "text": "Height" },
            "subject": { "reference": patient_url },
            "effectiveDateTime": seed,
            "valueQuantity": quantity(h, "cm", "cm"),
        });
        vitals.push(push(&mut entries, &["height", &doc], r));
        vital_lines.push(format!("Height: {} cm (as recorded by the person)", crate::fields::fmt_num(h)));
    }
    if let Some(sm) = &p.smoking {
        let mut comps = vec![
            json!({ "code": { "coding": [coding(HALE_KIND, "vapes", "Vapes or uses e-cigarettes")] }, "valueBoolean": sm.vapes }),
            json!({ "code": { "coding": [coding(HALE_KIND, "home_indoor_smoker", "Someone smokes indoors at home")] }, "valueBoolean": sm.home_indoor_smoker }),
        ];
        if let Some(q) = sm.quit_date {
            comps.push(json!({ "code": { "coding": [coding(HALE_KIND, "quit_date", "Date stopped smoking")] }, "valueDateTime": fmt_date(q) }));
        }
        if let Some(c) = sm.cigarettes_per_day {
            comps.push(json!({ "code": { "coding": [coding(HALE_KIND, "cigarettes_per_day", "Cigarettes a day")] }, "valueQuantity": quantity(c, "/d", "/d") }));
        }
        let r = json!({
            "resourceType": "Observation",
            "id": uuid(&["smoking", &doc]),
            "status": "final",
            "category": category("social-history"),
            "code": { "coding": [coding(HALE_KIND, "smoking", "Smoking status")], "text": "Smoking" },
            "subject": { "reference": patient_url },
            "effectiveDateTime": seed,
            "valueCodeableConcept": { "coding": [coding(HALE_KIND, sm.status.as_str(), sm.status.as_str())], "text": sm.status.as_str() },
            "component": comps,
        });
        results.push(push(&mut entries, &["smoking", &doc], r));
        result_lines.push(format!("Smoking: {} (as recorded by the person)", sm.status.as_str()));
    }
    if let Some(best) = p.peak_flow_best_l_min {
        let r = json!({
            "resourceType": "Observation",
            "id": uuid(&["pefbest", &doc]),
            "status": "final",
            "category": category("vital-signs"),
            "code": { "coding": [coding(HALE_KIND, "peak_flow_best", "Personal best peak flow")], "text": "Personal best peak flow" },
            "subject": { "reference": patient_url },
            "effectiveDateTime": seed,
            "valueQuantity": quantity(best, "L/min", "L/min"),
        });
        vitals.push(push(&mut entries, &["pefbest", &doc], r));
        vital_lines.push(format!("Personal best peak flow: {} L/min", crate::fields::fmt_num(best)));
    }
    if let Some(target) = p.oxygen_target {
        let (low, high) = target.range();
        let r = care_team_range(
            uuid(&["o2target", &doc]),
            ("oxygen_target", "Oxygen saturation target range", "Oxygen saturation target set by the care team"),
            (low, high, "%"),
            &patient_url,
            &seed,
        );
        vitals.push(push(&mut entries, &["o2target", &doc], r));
        vital_lines.push(format!("Oxygen saturation target: {low}\u{2013}{high} % (set by the care team)"));
    }
    if let Some((low, high)) = p.glucose_target_mmol_l {
        let r = care_team_range(
            uuid(&["glucosetarget", &doc]),
            ("glucose_target", "Glucose target range", "Glucose range set by the care team"),
            (low, high, "mmol/L"),
            &patient_url,
            &seed,
        );
        vitals.push(push(&mut entries, &["glucosetarget", &doc], r));
        vital_lines.push(format!(
            "Glucose range set by the care team: {}\u{2013}{} mmol/L",
            crate::fields::fmt_num(low),
            crate::fields::fmt_num(high)
        ));
    }
    for e in &record.phq9_item9_only {
        // A PHQ-9 left out as incomplete whose item 9 still matters: kept, so the safety flag is too.
        let r = json!({
            "resourceType": "QuestionnaireResponse",
            "id": fhir_id(&e.id),
            "identifier": { "system": HALE_ENTRY_ID, "value": e.id },
            "questionnaire": format!("{HALE_QUESTIONNAIRE}:phq9"),
            "status": "in-progress",
            "subject": { "reference": patient_url },
            "authored": fmt_instant(e.at),
            "item": [{ "linkId": "9", "answer": [{ "valueInteger": e.item9 }] }],
        });
        push(&mut entries, &["qr", &e.id], r);
    }
    for q in &record.questionnaires {
        let qr_url = push(&mut entries, &["qr", &q.id], questionnaire_response(q, &patient_url));
        let total = push(&mut entries, &["qtotal", &q.id, &doc], questionnaire_total(q, &patient_url));
        results.push(total);
        let _ = qr_url;
        result_lines.push(format!(
            "{} {}: total {}",
            fmt_instant(q.at),
            crate::questionnaires::questionnaire(q.instrument).title,
            q.total()
        ));
    }
    // Plan of care: advice and rechecks.
    let mut plan_lines: Vec<String> =
        assessment.advice.iter().map(|a| format!("{} (source: {})", a.title, a.source)).collect();
    plan_lines.extend(
        assessment.plan.iter().map(|i| {
            format!("Recheck: {} \u{2014} due {}{}", i.title, i.due, if i.overdue { " (overdue)" } else { "" })
        }),
    );
    // Alerts: red flags raised in the last 90 days.
    let since = now - chrono::TimeDelta::days(90);
    let alert_lines: Vec<String> = crate::history::episodes(record, since, now)
        .iter()
        .map(|e| {
            format!(
                "{} \u{2014} {} (raised {}{}; rule {}; {})",
                e.title,
                e.level.as_str().replace('_', " "),
                e.from,
                if e.active { ", still raised" } else { "" },
                e.id,
                e.source
            )
        })
        .collect();

    let sections = vec![
        section(
            "Problems",
            "11450-4",
            "Problem list - Reported",
            &problems,
            &problem_lines,
            Some(("unavailable", "Unavailable")),
        ),
        section(
            "Medications",
            "10160-0",
            "History of Medication use Narrative",
            &meds,
            &med_lines,
            Some(("unavailable", "Unavailable")),
        ),
        section(
            "Allergies and intolerances",
            "48765-2",
            "Allergies and adverse reactions Document",
            &allergies,
            &allergy_lines,
            Some(("notasked", "Not Asked")),
        ),
        section("Vital signs", "8716-3", "Vital signs", &vitals, &vital_lines, Some(("unavailable", "Unavailable"))),
        section(
            "Results",
            "30954-2",
            "Relevant diagnostic tests/laboratory data Narrative",
            &results,
            &result_lines,
            Some(("unavailable", "Unavailable")),
        ),
        section("Plan of care", "18776-5", "Plan of care note", &[], &plan_lines, None),
        section("Alerts: red flags raised in the last 90 days", "104605-1", "Alert", &[], &alert_lines, None),
    ];
    let composition = json!({
        "resourceType": "Composition",
        "id": uuid(&["composition", &doc]),
        "status": "final",
        "type": { "coding": [coding(LOINC, "60591-5", "Patient summary Document")] },
        "subject": { "reference": patient_url },
        "date": seed,
        "author": [{ "reference": patient_url }],
        "title": "Patient summary (recorded by the person with Hale)",
        "section": sections,
    });
    let mut all = vec![
        json!({ "fullUrl": format!("urn:uuid:{}", uuid(&["composition", &doc])), "resource": composition }),
        json!({ "fullUrl": patient_url, "resource": patient }),
    ];
    all.extend(entries);
    json!({
        "resourceType": "Bundle",
        "id": doc,
        "identifier": { "system": "urn:ietf:rfc:3986", "value": format!("urn:uuid:{doc}") },
        "type": "document",
        "timestamp": seed,
        "entry": all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_uuid_shaped() {
        let a = uuid(&["x", "y"]);
        assert_eq!(a, uuid(&["x", "y"]));
        assert_ne!(a, uuid(&["xy"]));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    }
}
