//! FHIR R4 export: a Record (and its Assessment) as a patient-summary document `Bundle`.
//!
//! The first entry is a `Composition` (LOINC 60591-5, patient summary) with sections for problems,
//! medications, allergies (not recorded by Hale: `emptyReason`), vital signs, results, plan of care
//! and alerts (red flags raised in the last 90 days, with dates). Observations carry LOINC and UCUM
//! where clinical-reference §11 gives them, plus Hale's own kind code so nothing is lost; blood
//! pressure is one panel with systolic and diastolic components. Every reference resolves inside the
//! bundle (`urn:uuid:` full URLs). Ids are derived from the record, so the same record and `now`
//! always give the same document (no random source in the core).
//!
//! Codes marked UNVERIFIED in clinical-reference §11 are listed in docs/fhir.md.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::assessment::Assessment;
use crate::record::{ObsValue, Observation, QuestionnaireEntry, Record};
use crate::time::{fmt_date, fmt_instant};
use crate::vocab::{Condition, Instrument, ObsKind, Sex};

const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const SNOMED: &str = "http://snomed.info/sct";
const OBS_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
/// Hale's own code systems (URNs: no server is implied).
pub const HALE_KIND: &str = "urn:hale:observation-kind";
/// Hale's condition codes.
pub const HALE_CONDITION: &str = "urn:hale:condition";
/// Hale's medicine classes.
pub const HALE_MEDICATION: &str = "urn:hale:medication-class";
/// Hale's questionnaire codes.
pub const HALE_QUESTIONNAIRE: &str = "urn:hale:questionnaire";
/// Hale's symptom codes.
pub const HALE_SYMPTOM: &str = "urn:hale:symptom";
/// The identifier system carrying a Hale entry's own id.
pub const HALE_ENTRY_ID: &str = "urn:hale:entry-id";
/// Extension URLs for what FHIR has no element for.
pub const EXT: &str = "urn:hale:extension";
/// Code system for a care-plan contact's role (`carer`, `next_of_kin`, `gp_practice`, `other`).
pub const HALE_CONTACT_ROLE: &str = "urn:hale:contact-role";
/// SNOMED CT 716186003 |No known allergy (situation)|.
const NO_KNOWN_ALLERGY: (&str, &str) = ("716186003", "No known allergy");

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

/// Adds `item` to the list `key` of the care plan being built.
fn care_push(care: &mut Map<String, Value>, key: &str, item: Value) {
    match care.get_mut(key) {
        Some(Value::Array(a)) => a.push(item),
        _ => {
            care.insert(key.into(), Value::Array(vec![item]));
        }
    }
}

fn ext(name: &str, key: &str, value: Value) -> Value {
    let mut e = json!({ "url": format!("{EXT}:{name}") });
    e[key] = value;
    e
}

/// A 128-bit FNV-1a hash as a UUID-shaped string (version 8: custom), for stable `urn:uuid:` ids.
fn uuid(parts: &[&str]) -> String {
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

fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({ "system": system, "code": code, "display": display })
}

fn quantity(value: f64, unit: &str, code: &str) -> Value {
    json!({ "value": value, "unit": unit, "system": UCUM, "code": code })
}

/// LOINC code, display, UCUM unit and category of each single-valued kind (clinical-reference §11).
fn loinc(kind: ObsKind) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    use ObsKind as K;
    Some(match kind {
        K::HeartRate => ("8867-4", "Heart rate", "/min", "vital-signs"),
        K::RespiratoryRate => ("9279-1", "Respiratory rate", "/min", "vital-signs"),
        K::Spo2 => ("2708-6", "Oxygen saturation in Arterial blood", "%", "vital-signs"),
        K::Temperature => ("8310-5", "Body temperature", "Cel", "vital-signs"),
        K::Weight => ("29463-7", "Body weight", "kg", "vital-signs"),
        K::Glucose => ("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer", "mmol/L", "laboratory"),
        K::Hba1c => ("59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", "mmol/mol", "laboratory"),
        K::PeakFlow => (
            "19935-6",
            "Maximum expiratory gas flow Respiratory system airway by Peak flow meter",
            "L/min",
            "vital-signs",
        ),
        K::Steps => ("41950-7", "Number of steps in 24 hour Measured", "/(24.h)", "activity"),
        K::Sleep => ("93832-4", "Sleep duration", "h", "activity"),
        _ => return None,
    })
}

/// Category and UCUM unit for the kinds without a LOINC code in the reference (Hale's code only).
fn local_unit(kind: ObsKind) -> (&'static str, &'static str) {
    use ObsKind as K;
    match kind {
        K::Waist => ("exam", "cm"),
        K::Ketones => ("laboratory", "mmol/L"),
        K::Activity => ("activity", "min/wk"),
        K::Alcohol => ("social-history", "{unit}/wk"),
        K::Consciousness => ("exam", ""),
        _ => ("exam", ""),
    }
}

fn category(code: &str) -> Value {
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
fn observation(o: &Observation, patient: &str) -> (Value, &'static str) {
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
    (r, cat)
}

/// SNOMED CT codes for conditions (clinical-reference gives none; these are UNVERIFIED and listed
/// in docs/fhir.md). Hale's own code always comes with them.
fn snomed(c: Condition) -> Option<(&'static str, &'static str)> {
    Some(match c {
        Condition::Asthma => ("195967001", "Asthma"),
        Condition::Copd => ("13645005", "Chronic obstructive lung disease"),
        Condition::Type1Diabetes => ("46635009", "Diabetes mellitus type 1"),
        Condition::Type2Diabetes => ("44054006", "Diabetes mellitus type 2"),
        Condition::Hypertension => ("38341003", "Hypertensive disorder"),
        Condition::AtrialFibrillation => ("49436004", "Atrial fibrillation"),
        _ => return None,
    })
}

fn questionnaire_total(q: &QuestionnaireEntry, patient: &str) -> Value {
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

fn questionnaire_response(q: &QuestionnaireEntry, patient: &str) -> Value {
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
        let mut codings = Vec::new();
        if let Some((code, display)) = snomed(*c) {
            codings.push(coding(SNOMED, code, display));
        }
        let label = c.as_str().replace('_', " ");
        codings.push(coding(HALE_CONDITION, c.as_str(), &label));
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
        let (low, high) = match target {
            crate::vocab::OxygenTarget::From88To92 => (88.0, 92.0),
            crate::vocab::OxygenTarget::From94To98 => (94.0, 98.0),
        };
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

// ---- Import -------------------------------------------------------------------------------

use crate::issue::{Issue, IssueCode};
use serde_json::Map;

fn codings(concept: &Value) -> impl Iterator<Item = (&str, &str)> {
    concept["coding"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["system"].as_str()?, c["code"].as_str()?)))
}

fn code_in<'a>(concept: &'a Value, system: &str) -> Option<&'a str> {
    codings(concept).find(|(s, _)| *s == system).map(|(_, c)| c)
}

fn ext_value<'a>(resource: &'a Value, name: &str) -> Option<&'a Value> {
    let url = format!("{EXT}:{name}");
    resource["extension"]
        .as_array()?
        .iter()
        .find(|e| e["url"] == url.as_str())
        .and_then(|e| e.as_object()?.iter().find(|(k, _)| k.starts_with("value")).map(|(_, v)| v))
}

/// The Hale id of an entry: its Hale identifier, else its FHIR id.
fn entry_id(resource: &Value) -> Option<String> {
    resource["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(std::iter::once(&resource["identifier"]))
        .find(|i| i["system"] == HALE_ENTRY_ID)
        .and_then(|i| i["value"].as_str())
        .or_else(|| resource["id"].as_str())
        .map(String::from)
}

/// The Hale kind of an Observation: Hale's own code, else the LOINC code of clinical-reference §11.
fn kind_of(resource: &Value) -> Option<ObsKind> {
    let code = &resource["code"];
    if let Some(k) = code_in(code, HALE_KIND).and_then(ObsKind::parse) {
        return Some(k);
    }
    let given = code_in(code, LOINC)?;
    if given == "85354-9" {
        return Some(ObsKind::BloodPressure);
    }
    ObsKind::ALL.iter().copied().find(|k| loinc(*k).is_some_and(|(c, ..)| c == given))
}

fn component_value<'a>(resource: &'a Value, system: &str, code: &str) -> Option<&'a Value> {
    resource["component"].as_array()?.iter().find(|c| codings(&c["code"]).any(|(s, k)| s == system && k == code))
}

/// Converts one Observation to a Record-format observation (`None`: not a reading Hale keeps).
fn import_observation(r: &Value, kind: ObsKind, issues: &mut Vec<Issue>, path: &str) -> Option<Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(entry_id(r)?));
    m.insert("at".into(), r["effectiveDateTime"].clone());
    m.insert("kind".into(), json!(kind.as_str()));
    let num = |v: Option<&Value>| {
        v.and_then(|q| q["valueQuantity"]["value"].as_f64()).map(|x| json!(x)).unwrap_or(Value::Null)
    };
    match kind {
        ObsKind::BloodPressure => {
            m.insert("systolic_mmhg".into(), num(component_value(r, LOINC, "8480-6")));
            m.insert("diastolic_mmhg".into(), num(component_value(r, LOINC, "8462-4")));
        }
        ObsKind::Cholesterol => {
            m.insert("total_mmol_l".into(), num(component_value(r, LOINC, "14647-2")));
            m.insert("hdl_mmol_l".into(), num(component_value(r, LOINC, "14646-4")));
        }
        ObsKind::Activity => {
            m.insert("moderate_min_per_week".into(), num(component_value(r, HALE_KIND, "moderate_min_per_week")));
            m.insert("vigorous_min_per_week".into(), num(component_value(r, HALE_KIND, "vigorous_min_per_week")));
        }
        ObsKind::Consciousness => {
            m.insert("acvpu".into(), json!(code_in(&r["valueCodeableConcept"], HALE_KIND)));
        }
        _ => {
            let spec = crate::spec::kind_spec(kind);
            let field = spec.fields[0].name;
            let expected = loinc(kind).map_or_else(|| local_unit(kind).1, |(_, _, u, _)| u);
            let q = &r["valueQuantity"];
            if let Some(code) = q["code"].as_str() {
                if code != expected {
                    issues.push(Issue::warning(
                        IssueCode::Malformed,
                        format!("{path}.valueQuantity.code"),
                        format!(
                            "The {} reading is in \"{code}\", not \"{expected}\", so it was left out.",
                            spec.label.to_ascii_lowercase()
                        ),
                    ));
                    return None;
                }
            }
            m.insert(field.into(), q["value"].clone());
            if kind == ObsKind::Glucose {
                m.insert("context".into(), ext_value(r, "glucose-context").cloned().unwrap_or(json!("random")));
            }
            if kind == ObsKind::Spo2 {
                m.insert("on_oxygen".into(), ext_value(r, "on-oxygen").cloned().unwrap_or(json!(false)));
            }
        }
    }
    if let Some(n) = r["note"][0]["text"].as_str() {
        m.insert("note".into(), json!(n));
    }
    Some(Value::Object(m))
}

/// Reads a FHIR R4 Bundle (any type) into a Record-format document, for the validating parser.
/// Resources Hale does not keep are reported as issues; `Err` when it is not a Bundle.
pub fn bundle_to_record(v: &Value) -> Result<(Value, Vec<Issue>), Vec<Issue>> {
    if v["resourceType"] != "Bundle" {
        return Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "resourceType",
            format!(
                "This is a FHIR {}, not a Bundle. Hale reads FHIR Bundles (or Hale records).",
                v["resourceType"].as_str().unwrap_or("resource")
            ),
        )]);
    }
    let mut issues = Vec::new();
    let mut profile = Map::new();
    let mut conditions: Vec<String> = Vec::new();
    let mut medications: Vec<String> = Vec::new();
    let mut care = Map::new();
    let (mut observations, mut symptoms, mut questionnaires) = (Vec::new(), Vec::new(), Vec::new());
    for (i, e) in v["entry"].as_array().into_iter().flatten().enumerate() {
        let r = &e["resource"];
        let path = format!("entry[{i}].resource");
        match r["resourceType"].as_str().unwrap_or("") {
            "Composition" => {}
            "Patient" => {
                if let Some(b) = r["birthDate"].as_str() {
                    profile.insert("birth_date".into(), json!(b));
                }
                match r["gender"].as_str() {
                    Some(g @ ("female" | "male")) => {
                        profile.insert("sex".into(), json!(g));
                    }
                    Some(g) => issues.push(Issue::info(
                        IssueCode::NotApplicable,
                        format!("{path}.gender"),
                        format!("Gender \"{g}\" was not used: Hale's risk equations need sex recorded at birth (female or male)."),
                    )),
                    None => {}
                }
                if let Some(n) = r["name"][0]["text"].as_str() {
                    profile.insert("name".into(), json!(n));
                }
                for (name, key) in [
                    ("ethnicity", "ethnicity"),
                    ("townsend", "townsend"),
                    ("family-history-premature-chd", "family_history_premature_chd"),
                ] {
                    if let Some(x) = ext_value(r, name) {
                        profile.insert(key.into(), x.clone());
                    }
                }
                for (name, key) in [
                    ("what-matters", "what_matters"),
                    ("medicines-notes", "medicines_notes"),
                    ("advance-care-plan", "advance_care_plan"),
                ] {
                    if let Some(x) = ext_value(r, name) {
                        care.insert(key.into(), x.clone());
                    }
                }
                let contacts: Vec<Value> = r["contact"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| {
                        let mut k = Map::new();
                        k.insert("name".into(), json!(c["name"]["text"].as_str()?));
                        for rel in c["relationship"].as_array().into_iter().flatten() {
                            if let Some(role) = code_in(rel, HALE_CONTACT_ROLE) {
                                k.insert("role".into(), json!(role));
                            } else if let Some(text) = rel["text"].as_str() {
                                k.insert("relationship".into(), json!(text));
                            }
                        }
                        if let Some(phone) = c["telecom"][0]["value"].as_str() {
                            k.insert("phone".into(), json!(phone));
                        }
                        Some(Value::Object(k))
                    })
                    .collect();
                if !contacts.is_empty() {
                    care.insert("contacts".into(), Value::Array(contacts));
                }
            }
            "Condition" => {
                let code = &r["code"];
                if let Some(sym) = code_in(code, HALE_SYMPTOM) {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(entry_id(r)));
                    m.insert("at".into(), r["onsetDateTime"].clone());
                    m.insert("code".into(), json!(sym));
                    if let Some(end) = r["abatementDateTime"].as_str() {
                        m.insert("resolved_at".into(), json!(end));
                    }
                    if let Some(n) = r["note"][0]["text"].as_str() {
                        m.insert("note".into(), json!(n));
                    }
                    symptoms.push(Value::Object(m));
                } else if let Some(c) = code_in(code, HALE_CONDITION).map(String::from).or_else(|| {
                    let sct = code_in(code, SNOMED)?;
                    Condition::ALL
                        .iter()
                        .find(|c| snomed(**c).is_some_and(|(k, _)| k == sct))
                        .map(|c| c.as_str().to_string())
                }) {
                    if !conditions.contains(&c) {
                        conditions.push(c);
                    }
                } else {
                    issues.push(Issue::info(
                        IssueCode::NotApplicable,
                        path.clone(),
                        format!(
                            "The condition \"{}\" is not one Hale's checks use, so it was left out.",
                            code["text"].as_str().unwrap_or("?")
                        ),
                    ));
                }
            }
            "MedicationStatement" => {
                let concept = &r["medicationCodeableConcept"];
                let class = code_in(concept, HALE_MEDICATION);
                let named = ext_value(r, "care-plan-medicine").is_some() || class.is_none();
                match (named, concept["text"].as_str().or_else(|| concept["coding"][0]["display"].as_str())) {
                    (true, Some(name)) => {
                        let mut m = Map::new();
                        m.insert("name".into(), json!(name));
                        if let Some(d) = r["dosage"][0]["text"].as_str() {
                            m.insert("dose".into(), json!(d));
                        }
                        if let Some(c) = class {
                            m.insert("class".into(), json!(c));
                        }
                        care_push(&mut care, "medicines", Value::Object(m));
                    }
                    _ => match class {
                        Some(m) => medications.push(m.to_string()),
                        None => issues.push(Issue::info(
                            IssueCode::NotApplicable,
                            path.clone(),
                            "A medicine with neither a name nor one of Hale's medicine classes was left out.",
                        )),
                    },
                }
            }
            "AllergyIntolerance" => {
                let code = &r["code"];
                if code_in(code, SNOMED) == Some(NO_KNOWN_ALLERGY.0) {
                    care.insert("no_known_allergies".into(), json!(true));
                } else if let Some(substance) = code["text"].as_str().or_else(|| code["coding"][0]["display"].as_str())
                {
                    let mut a = Map::new();
                    a.insert("substance".into(), json!(substance));
                    if let Some(x) = r["reaction"][0]["manifestation"][0]["text"]
                        .as_str()
                        .or_else(|| r["reaction"][0]["manifestation"][0]["coding"][0]["display"].as_str())
                    {
                        a.insert("reaction".into(), json!(x));
                    }
                    care_push(&mut care, "allergies", Value::Object(a));
                } else {
                    issues.push(Issue::info(
                        IssueCode::NotApplicable,
                        path.clone(),
                        "An allergy that does not say what it is to was left out.",
                    ));
                }
            }
            "Observation" => {
                let code = &r["code"];
                if code_in(code, HALE_QUESTIONNAIRE).is_some()
                    || code_in(code, LOINC).is_some_and(|c| c == "44261-6" || c == "70274-6")
                {
                    continue; // a questionnaire total: the QuestionnaireResponse carries the answers
                }
                match code_in(code, HALE_KIND) {
                    Some("smoking") => {
                        let mut sm = Map::new();
                        sm.insert("status".into(), json!(code_in(&r["valueCodeableConcept"], HALE_KIND)));
                        let comp = |k: &str| component_value(r, HALE_KIND, k);
                        sm.insert("vapes".into(), comp("vapes").map_or(json!(false), |c| c["valueBoolean"].clone()));
                        sm.insert(
                            "home_indoor_smoker".into(),
                            comp("home_indoor_smoker").map_or(json!(false), |c| c["valueBoolean"].clone()),
                        );
                        if let Some(q) = comp("quit_date") {
                            sm.insert("quit_date".into(), q["valueDateTime"].clone());
                        }
                        if let Some(c) = comp("cigarettes_per_day") {
                            sm.insert("cigarettes_per_day".into(), c["valueQuantity"]["value"].clone());
                        }
                        profile.insert("smoking".into(), Value::Object(sm));
                        continue;
                    }
                    Some("peak_flow_best") => {
                        profile.insert("peak_flow_best_l_min".into(), r["valueQuantity"]["value"].clone());
                        continue;
                    }
                    Some("glucose_target") => {
                        let range = &r["valueRange"];
                        profile.insert(
                            "glucose_target_mmol_l".into(),
                            json!({"low": range["low"]["value"], "high": range["high"]["value"]}),
                        );
                        continue;
                    }
                    Some("oxygen_target") => {
                        let low = r["valueRange"]["low"]["value"].as_f64();
                        let high = r["valueRange"]["high"]["value"].as_f64();
                        // Anything but the two ranges goes through as written, so the Record parser
                        // reports it (malformed) rather than this guessing a target.
                        let target = match (low, high) {
                            (Some(l), Some(h)) if l == 88.0 && h == 92.0 => json!("88_92"),
                            (Some(l), Some(h)) if l == 94.0 && h == 98.0 => json!("94_98"),
                            _ => json!(format!("{}_{}", low.unwrap_or(f64::NAN), high.unwrap_or(f64::NAN))),
                        };
                        profile.insert("oxygen_target".into(), target);
                        continue;
                    }
                    _ => {}
                }
                if code_in(code, LOINC) == Some("8302-2") {
                    profile.insert("height_cm".into(), r["valueQuantity"]["value"].clone());
                    continue;
                }
                match kind_of(r) {
                    Some(kind) => {
                        if let Some(o) = import_observation(r, kind, &mut issues, &path) {
                            observations.push(o);
                        }
                    }
                    None => issues.push(Issue::info(
                        IssueCode::NotApplicable,
                        path.clone(),
                        format!(
                            "The observation \"{}\" is not a kind Hale records, so it was left out.",
                            code["text"].as_str().unwrap_or("?")
                        ),
                    )),
                }
            }
            "QuestionnaireResponse" => {
                let inst = r["questionnaire"]
                    .as_str()
                    .and_then(|q| q.strip_prefix(&format!("{HALE_QUESTIONNAIRE}:")))
                    .and_then(Instrument::parse);
                let Some(inst) = inst else {
                    issues.push(Issue::info(
                        IssueCode::NotApplicable,
                        path.clone(),
                        "A questionnaire Hale does not know was left out.",
                    ));
                    continue;
                };
                let n = crate::questionnaires::questionnaire(inst).items.len();
                let mut items = vec![Value::Null; n];
                for it in r["item"].as_array().into_iter().flatten() {
                    let Some(k) = it["linkId"].as_str().and_then(|l| l.parse::<usize>().ok()) else { continue };
                    if (1..=n).contains(&k) {
                        items[k - 1] = it["answer"][0]["valueInteger"].clone();
                    }
                }
                questionnaires.push(
                    json!({ "id": entry_id(r), "at": r["authored"], "instrument": inst.as_str(), "items": items }),
                );
            }
            other => issues.push(Issue::info(
                IssueCode::NotApplicable,
                path.clone(),
                format!("A {other} resource is not something Hale records, so it was left out."),
            )),
        }
    }
    if !conditions.is_empty() {
        profile.insert("conditions".into(), json!(conditions));
    }
    if !medications.is_empty() {
        profile.insert("medications".into(), json!(medications));
    }
    if !care.is_empty() {
        care.entry("contacts").or_insert(json!([]));
        profile.insert("care_plan".into(), Value::Object(care));
    }
    let record = json!({
        "format": crate::parse::RECORD_FORMAT,
        "profile": Value::Object(profile),
        "observations": observations,
        "symptoms": symptoms,
        "questionnaires": questionnaires,
    });
    Ok((record, issues))
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
