//! Writing a Record back to JSON (format `hale.record/1`): the inverse of `parse`, used for
//! backups, storage DTOs and tests (parse then write then parse is lossless).

use serde_json::{json, Map, Value};

use crate::fields::FieldVal;
use crate::parse::RECORD_FORMAT;
use crate::record::{CarePlan, Observation, Profile, QuestionnaireEntry, Record, Symptom};
use crate::spec::{kind_spec, FieldType};
use crate::time::fmt_instant;

fn num(x: f64, whole: bool) -> Value {
    if whole && x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// One observation as a Record-format object.
pub fn observation_to_value(o: &Observation) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(o.id));
    m.insert("at".into(), json!(fmt_instant(o.at)));
    m.insert("kind".into(), json!(o.kind().as_str()));
    let spec = kind_spec(o.kind());
    for (name, v) in o.value.fields() {
        let whole = spec.fields.iter().any(|f| f.name == name && matches!(f.ty, FieldType::Whole { .. }));
        let v = match v {
            FieldVal::Num(x) => num(x, whole),
            FieldVal::Bool(b) => json!(b),
            FieldVal::Choice(c) => json!(c),
        };
        m.insert(name.into(), v);
    }
    if let Some(n) = &o.note {
        m.insert("note".into(), json!(n));
    }
    if let Some(src) = &o.source {
        m.insert("source".into(), source_to_value(src));
    }
    Value::Object(m)
}

/// Where a reading came from, as a Record-format object.
pub fn source_to_value(s: &crate::record::Source) -> Value {
    let mut m = Map::new();
    m.insert("format".into(), json!(s.format));
    if let Some(a) = &s.app {
        m.insert("app".into(), json!(a));
    }
    if let Some(d) = &s.device {
        m.insert("device".into(), json!(d));
    }
    if let Some(u) = s.user_entered {
        m.insert("user_entered".into(), json!(u));
    }
    if s.continuous {
        m.insert("continuous".into(), json!(true));
    }
    m.insert("imported_at".into(), json!(fmt_instant(s.imported_at)));
    Value::Object(m)
}

/// One symptom as a Record-format object.
pub fn symptom_to_value(s: &Symptom) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(s.id));
    m.insert("at".into(), json!(fmt_instant(s.at)));
    m.insert("code".into(), json!(s.code.as_str()));
    if let Some(r) = s.resolved_at {
        m.insert("resolved_at".into(), json!(fmt_instant(r)));
    }
    if let Some(n) = &s.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

/// One questionnaire as a Record-format object.
pub fn questionnaire_to_value(q: &QuestionnaireEntry) -> Value {
    json!({"id": q.id, "at": fmt_instant(q.at), "instrument": q.instrument.as_str(), "items": q.items})
}

/// The profile as a Record-format object (absent fields left out).
pub fn profile_to_value(p: &Profile) -> Value {
    let mut m = Map::new();
    if let Some(n) = &p.name {
        m.insert("name".into(), json!(n));
    }
    if let Some(d) = p.birth_date {
        m.insert("birth_date".into(), json!(crate::time::fmt_date(d)));
    }
    if let Some(s) = p.sex {
        m.insert("sex".into(), json!(s.as_str()));
    }
    if let Some(e) = p.ethnicity {
        m.insert("ethnicity".into(), json!(e.as_str()));
    }
    if let Some(h) = p.height_cm {
        m.insert("height_cm".into(), json!(h));
    }
    if !p.conditions.is_empty() {
        m.insert("conditions".into(), json!(p.conditions.iter().map(|c| c.as_str()).collect::<Vec<_>>()));
    }
    if !p.medications.is_empty() {
        m.insert("medications".into(), json!(p.medications.iter().map(|c| c.as_str()).collect::<Vec<_>>()));
    }
    if let Some(f) = p.family_history_premature_chd {
        m.insert("family_history_premature_chd".into(), json!(f));
    }
    if let Some(t) = p.townsend {
        m.insert("townsend".into(), json!(t));
    }
    if let Some(s) = &p.smoking {
        let mut sm = Map::new();
        sm.insert("status".into(), json!(s.status.as_str()));
        if let Some(q) = s.quit_date {
            sm.insert("quit_date".into(), json!(crate::time::fmt_date(q)));
        }
        if let Some(c) = s.cigarettes_per_day {
            sm.insert("cigarettes_per_day".into(), num(c, true));
        }
        sm.insert("vapes".into(), json!(s.vapes));
        sm.insert("home_indoor_smoker".into(), json!(s.home_indoor_smoker));
        m.insert("smoking".into(), Value::Object(sm));
    }
    if let Some(b) = p.peak_flow_best_l_min {
        m.insert("peak_flow_best_l_min".into(), num(b, true));
    }
    if let Some(t) = p.oxygen_target {
        m.insert("oxygen_target".into(), json!(t.as_str()));
    }
    // The lite bundle never reads the NHS number (`read_back`), so it has none to write.
    #[cfg(feature = "full-text")]
    if let Some(n) = &p.nhs_number {
        m.insert("nhs_number".into(), json!(n));
    }
    if let Some((low, high)) = p.glucose_target_mmol_l {
        m.insert("glucose_target_mmol_l".into(), json!({"low": num(low, false), "high": num(high, false)}));
    }
    if let Some(c) = &p.care_plan {
        m.insert("care_plan".into(), care_plan_to_value(c));
    }
    Value::Object(m)
}

/// A care plan in the Record format (empty lists are written; absent text is left out).
pub fn care_plan_to_value(c: &CarePlan) -> Value {
    let mut cm = Map::new();
    let put = |m: &mut Map<String, Value>, k: &str, v: &Option<String>| {
        if let Some(x) = v {
            m.insert(k.into(), json!(x));
        }
    };
    put(&mut cm, "what_matters", &c.what_matters);
    put(&mut cm, "advance_care_plan", &c.advance_care_plan);
    put(&mut cm, "medicines_notes", &c.medicines_notes);
    let medicines: Vec<Value> = c
        .medicines
        .iter()
        .map(|x| {
            let mut o = Map::new();
            o.insert("name".into(), json!(x.name));
            put(&mut o, "dose", &x.dose);
            if let Some(k) = x.class {
                o.insert("class".into(), json!(k.as_str()));
            }
            Value::Object(o)
        })
        .collect();
    cm.insert("medicines".into(), Value::Array(medicines));
    let allergies: Vec<Value> = c
        .allergies
        .iter()
        .map(|x| {
            let mut o = Map::new();
            o.insert("substance".into(), json!(x.substance));
            put(&mut o, "reaction", &x.reaction);
            Value::Object(o)
        })
        .collect();
    cm.insert("allergies".into(), Value::Array(allergies));
    if c.no_known_allergies {
        cm.insert("no_known_allergies".into(), json!(true));
    }
    let contacts: Vec<Value> = c
        .contacts
        .iter()
        .map(|k| {
            let mut o = Map::new();
            o.insert("name".into(), json!(k.name));
            put(&mut o, "relationship", &k.relationship);
            put(&mut o, "phone", &k.phone);
            if let Some(r) = k.role {
                o.insert("role".into(), json!(r.as_str()));
            }
            Value::Object(o)
        })
        .collect();
    cm.insert("contacts".into(), Value::Array(contacts));
    Value::Object(cm)
}

/// A whole record as a Record-format document.
pub fn record_to_value(r: &Record) -> Value {
    json!({
        "format": RECORD_FORMAT,
        "profile": profile_to_value(&r.profile),
        "observations": r.observations.iter().map(observation_to_value).collect::<Vec<_>>(),
        "symptoms": r.symptoms.iter().map(symptom_to_value).collect::<Vec<_>>(),
        "questionnaires": r.questionnaires.iter().map(questionnaire_to_value).collect::<Vec<_>>(),
    })
}

/// Reads back one entry written by this module (storage DTOs, never untrusted input: untrusted
/// documents go through `parse`, which validates and explains). Light and robust: anything it
/// cannot read is `None`, never a panic, never a guess.
pub mod read_back {
    use serde_json::Value;

    use crate::fields::FieldVal;
    #[cfg(feature = "full-text")]
    use crate::record::{Allergy, CarePlan, Contact, Medicine};
    use crate::record::{ObsValue, Observation, Profile, QuestionnaireEntry, Smoking, Symptom};
    use crate::spec::{kind_spec, FieldType};
    use crate::time::{parse_date, parse_rfc3339};
    #[cfg(feature = "full-text")]
    use crate::vocab::ContactRole;
    use crate::vocab::{
        Condition, Ethnicity, Instrument, Medication, ObsKind, OxygenTarget, Sex, SmokingStatus, SymptomCode,
    };

    fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
        v.get(k)?.as_str()
    }

    fn text(v: &Value, k: &str) -> Option<String> {
        s(v, k).map(String::from)
    }

    #[cfg(feature = "full-text")]
    fn list<T>(v: &Value, k: &str, f: impl Fn(&Value) -> Option<T>) -> Vec<T> {
        v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(f).collect()).unwrap_or_default()
    }

    /// A care plan (only with `full-text`: the lite bundle never shows or writes it).
    #[cfg(feature = "full-text")]
    pub fn care_plan(c: &Value) -> CarePlan {
        CarePlan {
            what_matters: text(c, "what_matters"),
            advance_care_plan: text(c, "advance_care_plan"),
            medicines_notes: text(c, "medicines_notes"),
            medicines: list(c, "medicines", |x| {
                Some(Medicine {
                    name: text(x, "name")?,
                    dose: text(x, "dose"),
                    class: s(x, "class").and_then(Medication::parse),
                })
            }),
            allergies: list(c, "allergies", |x| {
                Some(Allergy { substance: text(x, "substance")?, reaction: text(x, "reaction") })
            }),
            no_known_allergies: c.get("no_known_allergies").and_then(Value::as_bool).unwrap_or(false),
            contacts: list(c, "contacts", |k| {
                Some(Contact {
                    name: text(k, "name")?,
                    relationship: text(k, "relationship"),
                    phone: text(k, "phone"),
                    role: s(k, "role").and_then(ContactRole::parse),
                })
            }),
        }
    }

    /// An observation, or `None` if any field is missing, of the wrong type or outside its range.
    pub fn observation(v: &Value) -> Option<Observation> {
        let kind = ObsKind::parse(s(v, "kind")?)?;
        let spec = kind_spec(kind);
        let mut vals: Vec<(&str, FieldVal)> = Vec::with_capacity(spec.fields.len());
        for f in spec.fields {
            let raw = v.get(f.name)?;
            let fv = match f.ty {
                FieldType::Whole { min, max } | FieldType::Real { min, max } => {
                    let x = raw.as_f64().filter(|x| (min..=max).contains(x))?;
                    FieldVal::Num(x)
                }
                FieldType::Bool => FieldVal::Bool(raw.as_bool()?),
                FieldType::Choice(options) => FieldVal::Choice(options.iter().find(|o| Some(**o) == raw.as_str())?),
            };
            vals.push((f.name, fv));
        }
        let value = ObsValue::from_fields(kind, |n| vals.iter().find(|(k, _)| *k == n).map(|(_, v)| *v))?;
        let source = match v.get("source") {
            None | Some(Value::Null) => None,
            Some(src) => Some(crate::record::Source {
                format: text(src, "format")?,
                app: text(src, "app"),
                device: text(src, "device"),
                user_entered: src.get("user_entered").and_then(Value::as_bool),
                continuous: src.get("continuous").and_then(Value::as_bool).unwrap_or(false),
                imported_at: parse_rfc3339(s(src, "imported_at")?)?,
            }),
        };
        Some(Observation { id: text(v, "id")?, at: parse_rfc3339(s(v, "at")?)?, value, note: text(v, "note"), source })
    }

    /// A symptom.
    pub fn symptom(v: &Value) -> Option<Symptom> {
        Some(Symptom {
            id: text(v, "id")?,
            at: parse_rfc3339(s(v, "at")?)?,
            code: SymptomCode::parse(s(v, "code")?)?,
            resolved_at: s(v, "resolved_at").and_then(parse_rfc3339),
            note: text(v, "note"),
        })
    }

    /// A questionnaire (the right number of items, each in range).
    pub fn questionnaire(v: &Value) -> Option<QuestionnaireEntry> {
        let instrument = Instrument::parse(s(v, "instrument")?)?;
        let (count, max) = instrument.shape();
        let items: Vec<u8> = v
            .get("items")?
            .as_array()?
            .iter()
            .map(|i| i.as_u64().filter(|x| *x <= u64::from(max)).map(|x| x as u8))
            .collect::<Option<_>>()?;
        (items.len() == count).then_some(())?;
        Some(QuestionnaireEntry { id: text(v, "id")?, at: parse_rfc3339(s(v, "at")?)?, instrument, items })
    }

    /// A profile (fields it cannot read are left empty).
    /// The condition and medicine values in a stored profile that this build does not know (written
    /// by a newer Hale): [`profile`] leaves them out, and the caller reports them.
    pub fn unknown_in_profile(v: &Value) -> Vec<String> {
        let values = |k: &str| -> Vec<&str> {
            v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
        };
        let conditions = values("conditions").into_iter().filter(|x| Condition::parse(x).is_none());
        let medicines = values("medications").into_iter().filter(|x| Medication::parse(x).is_none());
        conditions.chain(medicines).map(String::from).collect()
    }

    /// A stored profile.
    pub fn profile(v: &Value) -> Profile {
        let list = |k: &str| -> Vec<&str> {
            v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
        };
        Profile {
            name: text(v, "name"),
            birth_date: s(v, "birth_date").and_then(parse_date),
            sex: s(v, "sex").and_then(Sex::parse),
            ethnicity: s(v, "ethnicity").and_then(Ethnicity::parse),
            height_cm: v.get("height_cm").and_then(Value::as_f64),
            conditions: list("conditions").into_iter().filter_map(Condition::parse).collect(),
            medications: list("medications").into_iter().filter_map(Medication::parse).collect(),
            family_history_premature_chd: v.get("family_history_premature_chd").and_then(Value::as_bool),
            townsend: v.get("townsend").and_then(Value::as_f64),
            smoking: v.get("smoking").and_then(|sm| {
                Some(Smoking {
                    status: SmokingStatus::parse(s(sm, "status")?)?,
                    quit_date: s(sm, "quit_date").and_then(parse_date),
                    cigarettes_per_day: sm.get("cigarettes_per_day").and_then(Value::as_f64),
                    vapes: sm.get("vapes").and_then(Value::as_bool).unwrap_or(false),
                    home_indoor_smoker: sm.get("home_indoor_smoker").and_then(Value::as_bool).unwrap_or(false),
                })
            }),
            peak_flow_best_l_min: v.get("peak_flow_best_l_min").and_then(Value::as_f64),
            oxygen_target: s(v, "oxygen_target").and_then(OxygenTarget::parse),
            glucose_target_mmol_l: v
                .get("glucose_target_mmol_l")
                .and_then(|t| Some((t.get("low")?.as_f64()?, t.get("high")?.as_f64()?)).filter(|(l, h)| l < h)),
            // The lite bundle never shows or writes the care plan, so it does not read it.
            #[cfg(feature = "full-text")]
            care_plan: v.get("care_plan").map(care_plan),
            #[cfg(not(feature = "full-text"))]
            care_plan: None,
            // Nor the NHS number (only the profile page, in the full bundle, shows and writes it).
            #[cfg(feature = "full-text")]
            nhs_number: s(v, "nhs_number").filter(|n| crate::record::nhs_number_valid(n)).map(str::to_string),
            #[cfg(not(feature = "full-text"))]
            nhs_number: None,
        }
    }
}
