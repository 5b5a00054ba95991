//! Test helpers: a small builder for Records (as JSON, so tests go through the real parser) and
//! assessment accessors.
#![allow(dead_code, reason = "each test file uses a different subset")]

use hale_core::api::assess_json;
use serde_json::{json, Value};

pub const NOW: &str = "2026-11-21T12:00:00Z";

/// An instant `mins` minutes before NOW.
pub fn ago_min(mins: i64) -> String {
    let now = hale_core::time::parse_rfc3339(NOW).unwrap_or_default();
    hale_core::time::fmt_instant(now - chrono::TimeDelta::minutes(mins))
}

/// An instant `hours` hours before NOW.
pub fn ago_h(hours: i64) -> String {
    ago_min(hours * 60)
}

/// An instant `days` days before NOW.
pub fn ago_d(days: i64) -> String {
    ago_min(days * 24 * 60)
}

/// A Record builder.
#[derive(Clone, Debug, Default)]
pub struct R {
    pub profile: serde_json::Map<String, Value>,
    pub observations: Vec<Value>,
    pub symptoms: Vec<Value>,
    pub questionnaires: Vec<Value>,
    n: usize,
}

impl R {
    pub fn new() -> Self {
        R::default()
    }
    fn id(&mut self, p: &str) -> String {
        self.n += 1;
        format!("{p}{}", self.n)
    }
    pub fn age(mut self, age: i64) -> Self {
        self.profile.insert("birth_date".into(), json!(format!("{}-01-15", 2026 - age)));
        self
    }
    pub fn sex(mut self, s: &str) -> Self {
        self.profile.insert("sex".into(), json!(s));
        self
    }
    pub fn set(mut self, k: &str, v: Value) -> Self {
        self.profile.insert(k.into(), v);
        self
    }
    pub fn cond(mut self, c: &str) -> Self {
        let list = self.profile.entry("conditions").or_insert_with(|| json!([]));
        if let Value::Array(a) = list {
            a.push(json!(c));
        }
        self
    }
    pub fn med(mut self, m: &str) -> Self {
        let list = self.profile.entry("medications").or_insert_with(|| json!([]));
        if let Value::Array(a) = list {
            a.push(json!(m));
        }
        self
    }
    pub fn obs(mut self, at: &str, kind: &str, fields: Value) -> Self {
        let id = self.id("o");
        let mut o = json!({"id": id, "at": at, "kind": kind});
        if let (Value::Object(m), Value::Object(f)) = (&mut o, fields) {
            m.extend(f);
        }
        self.observations.push(o);
        self
    }
    pub fn bp(self, at: &str, s: f64, d: f64) -> Self {
        self.obs(at, "blood_pressure", json!({"systolic_mmhg": s, "diastolic_mmhg": d}))
    }
    pub fn sym(mut self, at: &str, code: &str) -> Self {
        let id = self.id("s");
        self.symptoms.push(json!({"id": id, "at": at, "code": code}));
        self
    }
    pub fn sym_resolved(mut self, at: &str, code: &str, resolved: &str) -> Self {
        let id = self.id("s");
        self.symptoms.push(json!({"id": id, "at": at, "code": code, "resolved_at": resolved}));
        self
    }
    pub fn q(mut self, at: &str, instrument: &str, items: Vec<u8>) -> Self {
        let id = self.id("q");
        self.questionnaires.push(json!({"id": id, "at": at, "instrument": instrument, "items": items}));
        self
    }
    /// A full NEWS2 set 10 minutes ago: rr, spo2, on_oxygen, sbp, pulse, acvpu, temp.
    #[allow(clippy::too_many_arguments, reason = "the seven NEWS2 parameters, in chart order")]
    pub fn vitals(self, rr: f64, spo2: f64, o2: bool, sbp: f64, pulse: f64, acvpu: &str, temp: f64) -> Self {
        let at = ago_min(10);
        self.obs(&at, "respiratory_rate", json!({"per_min": rr}))
            .obs(&at, "spo2", json!({"percent": spo2, "on_oxygen": o2}))
            .bp(&at, sbp, (sbp - 40.0).clamp(30.0, sbp - 1.0))
            .obs(&at, "heart_rate", json!({"bpm": pulse}))
            .obs(&at, "consciousness", json!({"acvpu": acvpu}))
            .obs(&at, "temperature", json!({"celsius": temp}))
    }
    pub fn json(&self) -> Value {
        json!({
            "format": "hale.record/1",
            "profile": Value::Object(self.profile.clone()),
            "observations": self.observations,
            "symptoms": self.symptoms,
            "questionnaires": self.questionnaires,
        })
    }
    pub fn assess(&self) -> Value {
        assess_at(&self.json(), NOW)
    }
}

pub fn assess_at(record: &Value, now: &str) -> Value {
    match assess_json(&record.to_string(), now) {
        Ok(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
        Err(e) => panic!("document rejected: {e}"),
    }
}

/// Ids of the flags raised.
pub fn flags(a: &Value) -> Vec<String> {
    a["red_flags"]
        .as_array()
        .map(|f| f.iter().filter_map(|x| x["id"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub fn level(a: &Value) -> String {
    a["disposition"]["level"].as_str().unwrap_or("").to_string()
}

pub fn has(a: &Value, id: &str) -> bool {
    flags(a).iter().any(|f| f == id)
}

/// Urgency rank: 0 = emergency … 4 = self_care.
pub fn rank(level: &str) -> usize {
    ["emergency", "urgent", "soon", "routine", "self_care"].iter().position(|l| *l == level).unwrap_or(99)
}
