//! Reading a Record (format `hale.record/1`) from JSON, with validation.
//!
//! Never panics. A document that cannot be read at all (not JSON, not an object, no or an
//! unsupported `format`) is an `Err` with issues; anything else is `Ok`, with every bad entry left
//! out and reported (docs/contract.md §1, "Validation").

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::fields::{fmt_num, FieldVal};
use crate::issue::{Issue, IssueCode};
use crate::record::{
    Allergy, CarePlan, Contact, Item9Entry, Medicine, ObsValue, Observation, Profile, QuestionnaireEntry, Record,
    Smoking, Symptom,
};
use crate::spec::{kind_spec, Absent, FieldType, HEIGHT_RANGE, PEAK_FLOW_BEST_RANGE};
use crate::vocab::{
    Condition, ContactRole, Ethnicity, Instrument, Medication, ObsKind, OxygenTarget, Sex, SmokingStatus, SymptomCode,
};

/// The Record format this version reads and writes.
pub const RECORD_FORMAT: &str = "hale.record/1";

/// A record read from JSON, with the issues found while reading it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The valid content.
    pub record: Record,
    /// What was left out, ignored or defaulted, and why.
    pub issues: Vec<Issue>,
}

/// Reads a Record from JSON text.
pub fn parse_record_str(text: &str) -> Result<Parsed, Vec<Issue>> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => parse_record_value(&v),
        Err(e) => Err(vec![not_json(&e)]),
    }
}

/// The issue for text that is not JSON, naming where it went wrong (without formatting serde's own
/// message, which would carry float printing into the WebAssembly).
pub fn not_json(e: &serde_json::Error) -> Issue {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        serde_json::error::Category::Syntax => "there is a syntax error",
        serde_json::error::Category::Data | serde_json::error::Category::Io => "it could not be read",
    };
    Issue::error(
        IssueCode::NotJson,
        "",
        format!("This is not valid JSON ({what} at line {}, column {}), so Hale cannot read it.", e.line(), e.column()),
    )
}

/// Checks the document's `format`; `Err` when it is absent or unsupported.
pub fn check_format(obj: &Map<String, Value>) -> Result<(), Vec<Issue>> {
    match obj.get("format") {
        None | Some(Value::Null) => Err(vec![Issue::error(
            IssueCode::MissingRequired,
            "format",
            format!("The document has no \"format\" field; a Hale record says \"format\": \"{RECORD_FORMAT}\"."),
        )]),
        Some(Value::String(s)) if s == RECORD_FORMAT => Ok(()),
        Some(Value::String(s)) => Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "format",
            format!("The format \"{s}\" is not one this version of Hale reads (it reads \"{RECORD_FORMAT}\")."),
        )]),
        Some(_) => Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "format",
            format!("\"format\" must be the string \"{RECORD_FORMAT}\"."),
        )]),
    }
}

/// Reads a Record from a parsed JSON value.
pub fn parse_record_value(v: &Value) -> Result<Parsed, Vec<Issue>> {
    let Some(obj) = v.as_object() else {
        return Err(vec![Issue::error(
            IssueCode::Malformed,
            "",
            "The document is not a JSON object, so it is not a Hale record.",
        )]);
    };
    check_format(obj)?;
    let mut p = Parser::default();
    for key in obj.keys() {
        if !matches!(key.as_str(), "format" | "profile" | "observations" | "symptoms" | "questionnaires") {
            p.unknown_field(key);
        }
    }
    let mut record = Record::default();
    match obj.get("profile") {
        None | Some(Value::Null) => {}
        Some(Value::Object(o)) => record.profile = p.profile(o),
        Some(_) => {
            p.push(Issue::error(IssueCode::Malformed, "profile", "\"profile\" must be an object; it was ignored."))
        }
    }
    for (i, item) in p.array(obj, "observations").iter().enumerate() {
        if let Some(o) = parse_observation(item, &format!("observations[{i}]"), &mut p.issues) {
            record.observations.push(o);
        }
    }
    for (i, item) in p.array(obj, "symptoms").iter().enumerate() {
        if let Some(s) = p.symptom(item, &format!("symptoms[{i}]")) {
            record.symptoms.push(s);
        }
    }
    for (i, item) in p.array(obj, "questionnaires").iter().enumerate() {
        p.questionnaire(item, &format!("questionnaires[{i}]"), &mut record);
    }
    p.check_duplicate_ids(&record);
    Ok(Parsed { record, issues: p.issues })
}

#[derive(Default)]
struct Parser {
    issues: Vec<Issue>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads an RFC 3339 timestamp at `path`.
pub fn parse_time(v: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Option<DateTime<Utc>> {
    match v {
        None | Some(Value::Null) => {
            issues.push(Issue::error(
                IssueCode::MissingRequired,
                path,
                "The time is missing, so this entry was left out.",
            ));
            None
        }
        Some(Value::String(s)) => match crate::time::parse_rfc3339(s) {
            Some(t) => Some(t),
            None => {
                issues.push(Issue::error(
                    IssueCode::Malformed,
                    path,
                    format!("\"{s}\" is not a date and time like 2026-11-20T08:00:00Z, so this entry was left out."),
                ));
                None
            }
        },
        Some(other) => {
            issues.push(Issue::error(
                IssueCode::Malformed,
                path,
                format!(
                    "The time must be text like 2026-11-20T08:00:00Z, not {}; this entry was left out.",
                    type_name(other)
                ),
            ));
            None
        }
    }
}

fn parse_date(v: &Value, path: &str, issues: &mut Vec<Issue>) -> Option<NaiveDate> {
    match v {
        Value::Null => None,
        Value::String(s) => match crate::time::parse_date(s) {
            Some(d) => Some(d),
            None => {
                issues.push(Issue::error(
                    IssueCode::Malformed,
                    path,
                    format!("\"{s}\" is not a date like 1981-03-14; it was not used."),
                ));
                None
            }
        },
        other => {
            issues.push(Issue::error(
                IssueCode::Malformed,
                path,
                format!("A date must be text like 1981-03-14, not {}; it was not used.", type_name(other)),
            ));
            None
        }
    }
}

fn parse_id(obj: &Map<String, Value>, path: &str, issues: &mut Vec<Issue>) -> String {
    match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => {
            issues.push(Issue::warning(
                IssueCode::Malformed,
                format!("{path}.id"),
                "An id should be text; the number was used as text.",
            ));
            n.to_string()
        }
        _ => {
            issues.push(Issue::warning(
                IssueCode::MissingRequired,
                format!("{path}.id"),
                format!("This entry has no id; Hale calls it \"{path}\"."),
            ));
            path.to_string()
        }
    }
}

fn parse_note(obj: &Map<String, Value>, path: &str, issues: &mut Vec<Issue>) -> Option<String> {
    match obj.get("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            issues.push(Issue::warning(
                IssueCode::Malformed,
                format!("{path}.note"),
                format!("A note must be text, not {}; it was ignored.", type_name(other)),
            ));
            None
        }
    }
}

/// Checks a number against a field type; pushes issues and returns `None` when it is bad.
fn check_number(ty: FieldType, v: &Value, path: &str, label: &str, unit: &str, issues: &mut Vec<Issue>) -> Option<f64> {
    let (min, max, whole) = match ty {
        FieldType::Whole { min, max } => (min, max, true),
        FieldType::Real { min, max } => (min, max, false),
        FieldType::Bool | FieldType::Choice(_) => return None,
    };
    let Some(x) = v.as_f64().filter(|x| x.is_finite()) else {
        issues.push(Issue::error(
            IssueCode::Malformed,
            path,
            format!("{label} must be a number, not {}; this entry was left out.", type_name(v)),
        ));
        return None;
    };
    if whole && x.fract() != 0.0 {
        issues.push(Issue::error(
            IssueCode::Malformed,
            path,
            format!("{label} must be a whole number ({} is not); this entry was left out.", fmt_num(x)),
        ));
        return None;
    }
    if x < min || x > max {
        let u = if unit.is_empty() { String::new() } else { format!(" {unit}") };
        issues.push(Issue::error(
            IssueCode::OutOfRange,
            path,
            format!(
                "{label} of {}{u} is outside the possible range of {} to {}{u}; please check it. This entry was left out.",
                fmt_num(x),
                fmt_num(min),
                fmt_num(max)
            ),
        ));
        return None;
    }
    Some(x)
}

/// Reads one observation at `path`; `None` (with issues) when any field is bad.
pub fn parse_observation(v: &Value, path: &str, issues: &mut Vec<Issue>) -> Option<Observation> {
    let Some(obj) = v.as_object() else {
        issues.push(Issue::error(IssueCode::Malformed, path, "A reading must be an object; it was left out."));
        return None;
    };
    let id = parse_id(obj, path, issues);
    let at = parse_time(obj.get("at"), &format!("{path}.at"), issues);
    let kind = match obj.get("kind") {
        Some(Value::String(s)) => match ObsKind::parse(s) {
            Some(k) => Some(k),
            None => {
                issues.push(Issue::error(
                    IssueCode::UnknownValue,
                    format!("{path}.kind"),
                    format!("Hale does not know the kind of reading \"{s}\"; it was left out."),
                ));
                None
            }
        },
        None | Some(Value::Null) => {
            issues.push(Issue::error(
                IssueCode::MissingRequired,
                format!("{path}.kind"),
                "The reading does not say what kind it is; it was left out.",
            ));
            None
        }
        Some(other) => {
            issues.push(Issue::error(
                IssueCode::Malformed,
                format!("{path}.kind"),
                format!("The kind of reading must be text, not {}; it was left out.", type_name(other)),
            ));
            None
        }
    };
    let note = parse_note(obj, path, issues);
    let source = parse_source(obj.get("source"), &format!("{path}.source"), issues);
    let kind = kind?;
    let spec = kind_spec(kind);
    for key in obj.keys() {
        if !matches!(key.as_str(), "id" | "at" | "kind" | "note" | "source")
            && !spec.fields.iter().any(|f| f.name == key)
        {
            issues.push(Issue::warning(
                IssueCode::UnknownField,
                format!("{path}.{key}"),
                format!("\"{key}\" is not a field of a {} reading; it was ignored.", spec.label.to_ascii_lowercase()),
            ));
        }
    }
    let mut ok = true;
    let mut vals: Vec<(&'static str, FieldVal)> = Vec::with_capacity(spec.fields.len());
    let mut present: Vec<&'static str> = Vec::new();
    for f in spec.fields {
        let fpath = format!("{path}.{}", f.name);
        let raw = obj.get(f.name).filter(|v| !v.is_null());
        let Some(raw) = raw else {
            match f.absent {
                Absent::Required => {
                    issues.push(Issue::error(
                        IssueCode::MissingRequired,
                        fpath,
                        format!("{} is missing; this reading was left out.", f.label),
                    ));
                    ok = false;
                }
                Absent::Number(n) => vals.push((f.name, FieldVal::Num(n))),
                Absent::Bool(b) => vals.push((f.name, FieldVal::Bool(b))),
                Absent::Choice(c) => vals.push((f.name, FieldVal::Choice(c))),
            }
            continue;
        };
        present.push(f.name);
        match f.ty {
            FieldType::Whole { .. } | FieldType::Real { .. } => {
                match check_number(f.ty, raw, &fpath, f.label, f.unit, issues) {
                    Some(x) => vals.push((f.name, FieldVal::Num(x))),
                    None => ok = false,
                }
            }
            FieldType::Bool => match raw.as_bool() {
                Some(b) => vals.push((f.name, FieldVal::Bool(b))),
                None => {
                    issues.push(Issue::error(
                        IssueCode::Malformed,
                        fpath,
                        format!(
                            "{} must be true or false, not {}; this reading was left out.",
                            f.label,
                            type_name(raw)
                        ),
                    ));
                    ok = false;
                }
            },
            FieldType::Choice(options) => match raw.as_str().and_then(|s| options.iter().find(|o| **o == s)) {
                Some(c) => vals.push((f.name, FieldVal::Choice(c))),
                None => {
                    issues.push(Issue::error(
                        IssueCode::Malformed,
                        fpath,
                        format!("{} must be one of {}; this reading was left out.", f.label, options.join(", ")),
                    ));
                    ok = false;
                }
            },
        }
    }
    if kind == ObsKind::Activity && present.is_empty() {
        issues.push(Issue::error(
            IssueCode::MissingRequired,
            format!("{path}.moderate_min_per_week"),
            "An activity entry needs moderate or vigorous minutes a week; it was left out.",
        ));
        ok = false;
    }
    let get = |name: &str| vals.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let value = if ok { ObsValue::from_fields(kind, get) } else { None };
    match value {
        Some(ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg }) if diastolic_mmhg >= systolic_mmhg => {
            issues.push(Issue::error(
                IssueCode::OutOfRange,
                format!("{path}.diastolic_mmhg"),
                format!(
                    "The diastolic (bottom) number {} must be lower than the systolic (top) number {}; please check the reading. It was left out.",
                    fmt_num(diastolic_mmhg),
                    fmt_num(systolic_mmhg)
                ),
            ));
            None
        }
        Some(ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l }) if hdl_mmol_l >= total_mmol_l => {
            issues.push(Issue::error(
                IssueCode::OutOfRange,
                format!("{path}.hdl_mmol_l"),
                format!(
                    "HDL cholesterol {} must be lower than total cholesterol {}; please check the result. It was left out.",
                    fmt_num(hdl_mmol_l),
                    fmt_num(total_mmol_l)
                ),
            ));
            None
        }
        Some(value) => Some(Observation { id, at: at?, value, note, source: source? }),
        None => None,
    }
}

/// Where a reading came from could not be read (one message for every way: it is rare, and the
/// first-load bundle carries every word of the parser).
fn source_issue(path: &str) -> Issue {
    Issue::error(IssueCode::Malformed, path, "Where this reading came from cannot be read; the reading was left out.")
}

/// An observation's `source`: `None` inside when there is none; the outer `None` when it is there
/// but cannot be read — the reading is then left out rather than kept without knowing whether it
/// is a continuous sample (which must never be judged as a spot check).
fn parse_source(v: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Option<Option<crate::record::Source>> {
    let obj = match v {
        None | Some(Value::Null) => return Some(None),
        Some(Value::Object(o)) => o,
        Some(_) => {
            issues.push(source_issue(path));
            return None;
        }
    };
    let text = |field: &str| obj.get(field).and_then(Value::as_str).map(str::to_string);
    let flag = |field: &str| obj.get(field).filter(|x| !x.is_null());
    let format = text("format").filter(|f| !f.trim().is_empty());
    let imported_at = obj.get("imported_at").and_then(Value::as_str).and_then(crate::time::parse_rfc3339);
    let bad = ["app", "device"].iter().find(|f| obj.get(**f).is_some_and(|x| !x.is_string() && !x.is_null())).or([
        "user_entered",
        "continuous",
    ]
    .iter()
    .find(|f| flag(f).is_some_and(|x| !x.is_boolean())));
    let (Some(format), Some(imported_at), None) = (format, imported_at, bad) else {
        issues.push(source_issue(path));
        return None;
    };
    Some(Some(crate::record::Source {
        format,
        app: text("app"),
        device: text("device"),
        user_entered: flag("user_entered").and_then(Value::as_bool),
        continuous: flag("continuous").and_then(Value::as_bool).unwrap_or(false),
        imported_at,
    }))
}

impl Parser {
    fn push(&mut self, i: Issue) {
        self.issues.push(i);
    }

    fn unknown_field(&mut self, path: &str) {
        self.push(Issue::warning(
            IssueCode::UnknownField,
            path,
            format!("\"{path}\" is not a field Hale knows; it was ignored."),
        ));
    }

    fn array<'a>(&mut self, obj: &'a Map<String, Value>, key: &str) -> &'a [Value] {
        match obj.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(a)) => a,
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    key,
                    format!("\"{key}\" must be a list, not {}; it was ignored.", type_name(other)),
                ));
                &[]
            }
        }
    }

    fn opt_string(&mut self, o: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    format!("{path}.{key}"),
                    format!("\"{key}\" must be text, not {}; it was not used.", type_name(other)),
                ));
                None
            }
        }
    }

    fn opt_bool(&mut self, o: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    format!("{path}.{key}"),
                    format!("\"{key}\" must be true or false, not {}; it was not used.", type_name(other)),
                ));
                None
            }
        }
    }

    fn opt_number(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        path: &str,
        range: Option<(f64, f64)>,
        label: &str,
        unit: &str,
    ) -> Option<f64> {
        let v = o.get(key).filter(|v| !v.is_null())?;
        let ty = match range {
            Some((min, max)) => FieldType::Real { min, max },
            None => FieldType::Real { min: f64::MIN, max: f64::MAX },
        };
        let mut issues = Vec::new();
        let r = check_number(ty, v, &format!("{path}.{key}"), label, unit, &mut issues);
        for mut i in issues {
            i.message = i
                .message
                .replace("This entry was left out.", "It was not used.")
                .replace("this entry was left out.", "it was not used.");
            self.push(i);
        }
        r
    }

    fn profile(&mut self, o: &Map<String, Value>) -> Profile {
        const KNOWN: &[&str] = &[
            "name",
            "birth_date",
            "sex",
            "ethnicity",
            "height_cm",
            "conditions",
            "medications",
            "family_history_premature_chd",
            "townsend",
            "smoking",
            "peak_flow_best_l_min",
            "oxygen_target",
            "nhs_number",
            "care_plan",
            "glucose_target_mmol_l",
        ];
        for key in o.keys() {
            if !KNOWN.contains(&key.as_str()) {
                self.unknown_field(&format!("profile.{key}"));
            }
        }
        let mut p = Profile { name: self.opt_string(o, "name", "profile"), ..Profile::default() };
        if let Some(v) = o.get("birth_date") {
            p.birth_date = parse_date(v, "profile.birth_date", &mut self.issues);
        }
        p.sex = self.enum_field(o, "sex", "profile.sex", Sex::parse, "sex");
        p.ethnicity = self.enum_field(o, "ethnicity", "profile.ethnicity", Ethnicity::parse, "ethnicity");
        p.height_cm = self.opt_number(o, "height_cm", "profile", Some(HEIGHT_RANGE), "Height", "cm");
        p.conditions = self.enum_list(o, "conditions", Condition::parse, "condition");
        p.medications = self.enum_list(o, "medications", Medication::parse, "medicine class");
        p.family_history_premature_chd = self.opt_bool(o, "family_history_premature_chd", "profile");
        p.townsend = self.opt_number(o, "townsend", "profile", None, "Townsend score", "");
        p.peak_flow_best_l_min = self.opt_number(
            o,
            "peak_flow_best_l_min",
            "profile",
            Some(PEAK_FLOW_BEST_RANGE),
            "Personal best peak flow",
            "L/min",
        );
        p.oxygen_target = self.oxygen_target(o.get("oxygen_target"));
        p.nhs_number = self.nhs_number(o.get("nhs_number"));
        p.glucose_target_mmol_l = self.glucose_target(o.get("glucose_target_mmol_l"));
        match o.get("smoking") {
            None | Some(Value::Null) => {}
            Some(Value::Object(s)) => p.smoking = self.smoking(s),
            Some(other) => self.push(Issue::error(
                IssueCode::Malformed,
                "profile.smoking",
                format!("\"smoking\" must be an object, not {}; it was not used.", type_name(other)),
            )),
        }
        match o.get("care_plan") {
            None | Some(Value::Null) => {}
            Some(Value::Object(c)) => p.care_plan = Some(self.care_plan(c)),
            Some(other) => self.push(Issue::error(
                IssueCode::Malformed,
                "profile.care_plan",
                format!("\"care_plan\" must be an object, not {}; it was not used.", type_name(other)),
            )),
        }
        p
    }

    fn enum_field<T>(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        path: &str,
        parse: fn(&str) -> Option<T>,
        what: &str,
    ) -> Option<T> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                let r = parse(s);
                if r.is_none() {
                    self.push(Issue::error(
                        IssueCode::UnknownValue,
                        path,
                        format!("Hale does not know the {what} \"{s}\"; it was not used."),
                    ));
                }
                r
            }
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    path,
                    format!("The {what} must be text, not {}; it was not used.", type_name(other)),
                ));
                None
            }
        }
    }

    fn enum_list<T: PartialEq>(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        parse: fn(&str) -> Option<T>,
        what: &str,
    ) -> Vec<T> {
        let mut out = Vec::new();
        match o.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(a)) => {
                for (i, v) in a.iter().enumerate() {
                    if let Some(t) = self.enum_field_value(v, &format!("profile.{key}[{i}]"), parse, what) {
                        if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
            }
            Some(other) => self.push(Issue::error(
                IssueCode::Malformed,
                format!("profile.{key}"),
                format!("\"{key}\" must be a list, not {}; it was not used.", type_name(other)),
            )),
        }
        out
    }

    fn enum_field_value<T>(&mut self, v: &Value, path: &str, parse: fn(&str) -> Option<T>, what: &str) -> Option<T> {
        match v {
            Value::String(s) => {
                let r = parse(s);
                if r.is_none() {
                    self.push(Issue::warning(
                        IssueCode::UnknownValue,
                        path,
                        format!("Hale does not know the {what} \"{s}\"; it was ignored."),
                    ));
                }
                r
            }
            other => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    path,
                    format!("Each {what} must be text, not {}; it was ignored.", type_name(other)),
                ));
                None
            }
        }
    }

    /// `glucose_target_mmol_l`: `{"low": 4, "high": 8}`, each end within `GLUCOSE_TARGET_RANGE` and
    /// low below high; anything else is reported and not used.
    fn glucose_target(&mut self, v: Option<&Value>) -> Option<(f64, f64)> {
        let v = v.filter(|v| !v.is_null())?;
        let (lo, hi) = crate::spec::GLUCOSE_TARGET_RANGE;
        let end = |k: &str| v.get(k).and_then(Value::as_f64).filter(|x| (lo..=hi).contains(x));
        match (end("low"), end("high")) {
            (Some(l), Some(h)) if l < h => Some((l, h)),
            _ => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    "profile.glucose_target_mmol_l",
                    format!(
                        "The glucose target must be {{\"low\": …, \"high\": …}} in mmol/L, each from {} to {} with low below high; it was not used.",
                        crate::fields::fmt_num(lo),
                        crate::fields::fmt_num(hi)
                    ),
                ));
                None
            }
        }
    }

    /// `nhs_number`: 10 digits passing the check digit; anything else is malformed and not used.
    fn nhs_number(&mut self, v: Option<&Value>) -> Option<String> {
        let v = v?;
        if v.is_null() {
            return None;
        }
        match v.as_str().filter(|s| crate::record::nhs_number_valid(s)) {
            Some(s) => Some(s.to_string()),
            None => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    "profile.nhs_number",
                    "The NHS number must be 10 digits with a correct check digit (as on a letter from the NHS, without spaces); it was not used.",
                ));
                None
            }
        }
    }

    /// `oxygen_target`: `88_92` or `94_98`; anything else is malformed and not used (design:
    /// a wrong target must never choose the thresholds).
    fn oxygen_target(&mut self, v: Option<&Value>) -> Option<OxygenTarget> {
        let v = v?;
        if v.is_null() {
            return None;
        }
        let t = v.as_str().and_then(OxygenTarget::parse);
        if t.is_none() {
            let shown = match v {
                Value::String(s) => format!("\"{s}\""),
                other => type_name(other).to_string(),
            };
            self.push(Issue::error(
                IssueCode::Malformed,
                "profile.oxygen_target",
                format!(
                    "The oxygen target must be \"88_92\" or \"94_98\", not {shown}; it was not used, so the usual oxygen thresholds apply."
                ),
            ));
        }
        t
    }

    fn smoking(&mut self, s: &Map<String, Value>) -> Option<Smoking> {
        const KNOWN: &[&str] = &["status", "quit_date", "cigarettes_per_day", "vapes", "home_indoor_smoker"];
        for key in s.keys() {
            if !KNOWN.contains(&key.as_str()) {
                self.unknown_field(&format!("profile.smoking.{key}"));
            }
        }
        let quit_date = match s.get("quit_date") {
            Some(v) => parse_date(v, "profile.smoking.quit_date", &mut self.issues),
            None => None,
        };
        let cigarettes_per_day = match s.get("cigarettes_per_day").filter(|v| !v.is_null()) {
            None => None,
            Some(v) => {
                let mut is = Vec::new();
                let r = check_number(
                    FieldType::Real { min: 0.0, max: f64::MAX },
                    v,
                    "profile.smoking.cigarettes_per_day",
                    "Cigarettes a day",
                    "",
                    &mut is,
                );
                for mut i in is {
                    i.message = i
                        .message
                        .replace("This entry was left out.", "It was not used.")
                        .replace("this entry was left out.", "it was not used.");
                    self.push(i);
                }
                r
            }
        };
        let vapes = self.opt_bool(s, "vapes", "profile.smoking").unwrap_or(false);
        let home_indoor_smoker = self.opt_bool(s, "home_indoor_smoker", "profile.smoking").unwrap_or(false);
        let status = match s.get("status") {
            None | Some(Value::Null) => {
                self.push(Issue::error(
                    IssueCode::MissingRequired,
                    "profile.smoking.status",
                    "Smoking status (never, former or current) is missing, so smoking was not used.",
                ));
                None
            }
            Some(v) => self.enum_field_value(v, "profile.smoking.status", SmokingStatus::parse, "smoking status"),
        }?;
        Some(Smoking { status, quit_date, cigarettes_per_day, vapes, home_indoor_smoker })
    }

    fn care_plan(&mut self, c: &Map<String, Value>) -> CarePlan {
        const P: &str = "profile.care_plan";
        for key in c.keys() {
            if !matches!(
                key.as_str(),
                "what_matters"
                    | "advance_care_plan"
                    | "medicines_notes"
                    | "medicines"
                    | "allergies"
                    | "no_known_allergies"
                    | "contacts"
            ) {
                self.unknown_field(&format!("{P}.{key}"));
            }
        }
        let mut plan = CarePlan {
            what_matters: self.text(c, "what_matters", P),
            advance_care_plan: self.text(c, "advance_care_plan", P),
            medicines_notes: self.text(c, "medicines_notes", P),
            no_known_allergies: self.opt_bool(c, "no_known_allergies", P).unwrap_or(false),
            ..CarePlan::default()
        };
        for (i, o) in self.objects(c, "medicines", P, "A medicine") {
            let path = format!("{P}.medicines[{i}]");
            self.only_fields(o, &path, &["name", "dose", "class"]);
            let Some(name) = self.named(o, "name", &path, "A medicine needs a name; it was ignored.") else { continue };
            let class = match o.get("class") {
                None | Some(Value::Null) => None,
                Some(v) => self.enum_field_value(v, &format!("{path}.class"), Medication::parse, "medicine class"),
            };
            plan.medicines.push(Medicine { name, dose: self.text(o, "dose", &path), class });
        }
        for (i, o) in self.objects(c, "allergies", P, "An allergy") {
            let path = format!("{P}.allergies[{i}]");
            self.only_fields(o, &path, &["substance", "reaction"]);
            let Some(substance) =
                self.named(o, "substance", &path, "An allergy needs what the person is allergic to; it was ignored.")
            else {
                continue;
            };
            plan.allergies.push(Allergy { substance, reaction: self.text(o, "reaction", &path) });
        }
        if plan.no_known_allergies && !plan.allergies.is_empty() {
            self.push(Issue::warning(
                IssueCode::Malformed,
                format!("{P}.no_known_allergies"),
                "The care plan lists allergies and also says there are no known allergies; the allergies listed were kept.",
            ));
            plan.no_known_allergies = false;
        }
        for (i, o) in self.objects(c, "contacts", P, "A contact") {
            let path = format!("{P}.contacts[{i}]");
            self.only_fields(o, &path, &["name", "relationship", "phone", "role"]);
            let Some(name) = self.named(o, "name", &path, "A contact needs a name; it was ignored.") else { continue };
            let mut relationship = self.text(o, "relationship", &path);
            // Before roles were a list, "role" was free text ("son"): that is the relationship.
            let role = match self.text(o, "role", &path) {
                None => None,
                Some(r) => match ContactRole::parse(&r) {
                    Some(role) => Some(role),
                    None => {
                        relationship.get_or_insert(r);
                        Some(ContactRole::Other)
                    }
                },
            };
            plan.contacts.push(Contact { name, relationship, phone: self.text(o, "phone", &path), role });
        }
        plan
    }

    /// Text with surrounding spaces trimmed; blank text is no text.
    fn text(&mut self, o: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        self.opt_string(o, key, path).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// Required text, with `missing` reported when it is absent or blank.
    fn named(&mut self, o: &Map<String, Value>, key: &str, path: &str, missing: &str) -> Option<String> {
        let v = self.text(o, key, path);
        if v.is_none() {
            self.push(Issue::error(IssueCode::MissingRequired, format!("{path}.{key}"), missing));
        }
        v
    }

    /// The objects of a list (anything else in it is reported and skipped), with their index.
    fn objects<'a>(
        &mut self,
        o: &'a Map<String, Value>,
        key: &str,
        path: &str,
        what: &str,
    ) -> Vec<(usize, &'a Map<String, Value>)> {
        let mut out = Vec::new();
        let list: &[Value] = match o.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(a)) => a,
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    format!("{path}.{key}"),
                    format!("\"{key}\" must be a list, not {}; it was ignored.", type_name(other)),
                ));
                &[]
            }
        };
        for (i, item) in list.iter().enumerate() {
            match item.as_object() {
                Some(x) => out.push((i, x)),
                None => self.push(Issue::error(
                    IssueCode::Malformed,
                    format!("{path}.{key}[{i}]"),
                    format!("{what} must be an object; it was ignored."),
                )),
            }
        }
        out
    }

    fn only_fields(&mut self, o: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in o.keys() {
            if !known.contains(&key.as_str()) {
                self.unknown_field(&format!("{path}.{key}"));
            }
        }
    }

    fn symptom(&mut self, v: &Value, path: &str) -> Option<Symptom> {
        let Some(o) = v.as_object() else {
            self.push(Issue::error(IssueCode::Malformed, path, "A symptom must be an object; it was left out."));
            return None;
        };
        for key in o.keys() {
            if !matches!(key.as_str(), "id" | "at" | "code" | "resolved_at" | "note") {
                self.unknown_field(&format!("{path}.{key}"));
            }
        }
        let id = parse_id(o, path, &mut self.issues);
        let at = parse_time(o.get("at"), &format!("{path}.at"), &mut self.issues);
        let note = parse_note(o, path, &mut self.issues);
        let code = match o.get("code") {
            None | Some(Value::Null) => {
                self.push(Issue::error(
                    IssueCode::MissingRequired,
                    format!("{path}.code"),
                    "The symptom has no code; it was left out.",
                ));
                None
            }
            Some(Value::String(s)) => {
                let c = SymptomCode::parse(s);
                if c.is_none() {
                    self.push(Issue::error(
                        IssueCode::UnknownValue,
                        format!("{path}.code"),
                        format!("Hale does not know the symptom \"{s}\", so it could not check it. If you feel very unwell, call 999 or NHS 111."),
                    ));
                }
                c
            }
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    format!("{path}.code"),
                    format!("The symptom code must be text, not {}; it was left out.", type_name(other)),
                ));
                None
            }
        };
        let resolved_at = match o.get("resolved_at") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let mut is = Vec::new();
                let r = parse_time(Some(v), &format!("{path}.resolved_at"), &mut is);
                for mut i in is {
                    // A bad resolved time does not remove the symptom: it is treated as not yet passed.
                    i.severity = crate::issue::Severity::Warning;
                    i.message =
                        "The time this symptom passed could not be read, so it is treated as still present.".into();
                    self.push(i);
                }
                r
            }
        };
        let (at, code) = (at?, code?);
        let resolved_at = match resolved_at {
            Some(r) if r < at => {
                self.push(Issue::warning(
                    IssueCode::Malformed,
                    format!("{path}.resolved_at"),
                    "The symptom is marked as passed before it started, so it is treated as still present.",
                ));
                None
            }
            r => r,
        };
        Some(Symptom { id, at, code, resolved_at, note })
    }

    fn questionnaire(&mut self, v: &Value, path: &str, record: &mut Record) {
        let Some(o) = v.as_object() else {
            self.push(Issue::error(IssueCode::Malformed, path, "A questionnaire must be an object; it was left out."));
            return;
        };
        for key in o.keys() {
            if !matches!(key.as_str(), "id" | "at" | "instrument" | "items") {
                self.unknown_field(&format!("{path}.{key}"));
            }
        }
        let id = parse_id(o, path, &mut self.issues);
        let at = parse_time(o.get("at"), &format!("{path}.at"), &mut self.issues);
        let instrument = match o.get("instrument") {
            Some(Value::String(s)) => {
                let i = Instrument::parse(s);
                if i.is_none() {
                    self.push(Issue::error(
                        IssueCode::UnknownValue,
                        format!("{path}.instrument"),
                        format!("Hale does not know the questionnaire \"{s}\"; it was left out."),
                    ));
                }
                i
            }
            _ => {
                self.push(Issue::error(
                    IssueCode::MissingRequired,
                    format!("{path}.instrument"),
                    "The questionnaire does not say which one it is; it was left out.",
                ));
                None
            }
        };
        let Some(instrument) = instrument else { return };
        let (count, max) = instrument.shape();
        let items_path = format!("{path}.items");
        let raw = match o.get("items") {
            Some(Value::Array(a)) => a.as_slice(),
            None | Some(Value::Null) => {
                self.push(Issue::error(
                    IssueCode::MissingRequired,
                    items_path,
                    "The questionnaire has no answers; it was left out.",
                ));
                return;
            }
            Some(other) => {
                self.push(Issue::error(
                    IssueCode::Malformed,
                    items_path,
                    format!("The answers must be a list of numbers, not {}; it was left out.", type_name(other)),
                ));
                return;
            }
        };
        let mut ok = true;
        if raw.len() != count {
            self.push(Issue::error(
                IssueCode::Malformed,
                items_path.clone(),
                format!(
                    "A {} has {count} answers, but this one has {}; it was left out.",
                    instrument.as_str().to_ascii_uppercase(),
                    raw.len()
                ),
            ));
            ok = false;
        }
        let item_ok = |v: &Value| -> Option<u8> {
            let x = v.as_f64()?;
            (x.fract() == 0.0 && (0.0..=f64::from(max)).contains(&x)).then_some(x as u8)
        };
        let mut items = Vec::with_capacity(raw.len());
        for (i, v) in raw.iter().enumerate() {
            match item_ok(v) {
                Some(x) => items.push(x),
                None => {
                    self.push(Issue::error(
                        IssueCode::OutOfRange,
                        format!("{items_path}[{i}]"),
                        format!(
                            "Answer {} must be a whole number from 0 to {max}; the questionnaire was left out.",
                            i + 1
                        ),
                    ));
                    ok = false;
                }
            }
        }
        let Some(at) = at else { return };
        if ok {
            record.questionnaires.push(QuestionnaireEntry { id, at, instrument, items });
        } else if instrument == Instrument::Phq9 {
            if let Some(item9) = raw.get(8).and_then(item_ok).filter(|&x| x >= 1) {
                record.phq9_item9_only.push(Item9Entry { id, at, item9 });
            }
        }
    }

    fn check_duplicate_ids(&mut self, r: &Record) {
        let mut seen = HashSet::new();
        let ids = r
            .observations
            .iter()
            .map(|o| ("observations", &o.id))
            .chain(r.symptoms.iter().map(|s| ("symptoms", &s.id)))
            .chain(r.questionnaires.iter().map(|q| ("questionnaires", &q.id)));
        for (list, id) in ids {
            if !seen.insert(id) {
                self.push(Issue::warning(
                    IssueCode::DuplicateId,
                    list,
                    format!("More than one entry has the id \"{id}\"; both were kept."),
                ));
            }
        }
    }
}
