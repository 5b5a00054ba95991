//! The import: a FHIR R4 Bundle (Hale's own export or another system's) read into a Record, with
//! an issue for everything left out and why.

use serde_json::{json, Map, Value};

use super::*;
use crate::issue::{Issue, IssueCode};
use crate::vocab::Instrument;

/// Adds `item` to the list `key` of the care plan being built.
fn care_push(care: &mut Map<String, Value>, key: &str, item: Value) {
    match care.get_mut(key) {
        Some(Value::Array(a)) => a.push(item),
        _ => {
            care.insert(key.into(), Value::Array(vec![item]));
        }
    }
}

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
    // Where an imported or device reading came from, as Hale exported it (checked by the parser:
    // one that cannot be read leaves the reading out rather than lose "continuous").
    if let Some(src) = ext_value(r, "source").and_then(Value::as_str) {
        m.insert("source".into(), serde_json::from_str(src).unwrap_or(Value::Bool(false)));
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
                        let known = low.zip(high).and_then(|(l, h)| crate::vocab::OxygenTarget::from_range(l, h));
                        let target = match known {
                            Some(t) => json!(t.as_str()),
                            None => json!(format!("{}_{}", low.unwrap_or(f64::NAN), high.unwrap_or(f64::NAN))),
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
