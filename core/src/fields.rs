//! Field-level access to observation values, shared by the parser, the writer and the app's forms.

use crate::record::ObsValue;
use crate::vocab::{Acvpu, GlucoseContext, ObsKind};

/// A field's value, untyped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldVal {
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
    /// One of a fixed set of strings.
    Choice(&'static str),
}

impl FieldVal {
    fn num(self) -> Option<f64> {
        match self {
            FieldVal::Num(n) => Some(n),
            FieldVal::Bool(_) | FieldVal::Choice(_) => None,
        }
    }
    fn boolean(self) -> Option<bool> {
        match self {
            FieldVal::Bool(b) => Some(b),
            FieldVal::Num(_) | FieldVal::Choice(_) => None,
        }
    }
    fn choice(self) -> Option<&'static str> {
        match self {
            FieldVal::Choice(c) => Some(c),
            FieldVal::Num(_) | FieldVal::Bool(_) => None,
        }
    }
}

impl ObsValue {
    /// The value's fields as (name, value) pairs, in spec order.
    pub fn fields(&self) -> Vec<(&'static str, FieldVal)> {
        use FieldVal::{Bool, Choice, Num};
        match *self {
            ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } => {
                vec![("systolic_mmhg", Num(systolic_mmhg)), ("diastolic_mmhg", Num(diastolic_mmhg))]
            }
            ObsValue::HeartRate { bpm } => vec![("bpm", Num(bpm))],
            ObsValue::Spo2 { percent, on_oxygen } => vec![("percent", Num(percent)), ("on_oxygen", Bool(on_oxygen))],
            ObsValue::RespiratoryRate { per_min } => vec![("per_min", Num(per_min))],
            ObsValue::Temperature { celsius } => vec![("celsius", Num(celsius))],
            ObsValue::Consciousness { acvpu } => vec![("acvpu", Choice(acvpu.as_str()))],
            ObsValue::Weight { kg } => vec![("kg", Num(kg))],
            ObsValue::Waist { cm } => vec![("cm", Num(cm))],
            ObsValue::Glucose { mmol_l, context } => {
                vec![("mmol_l", Num(mmol_l)), ("context", Choice(context.as_str()))]
            }
            ObsValue::Hba1c { mmol_mol } => vec![("mmol_mol", Num(mmol_mol))],
            ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l } => {
                vec![("total_mmol_l", Num(total_mmol_l)), ("hdl_mmol_l", Num(hdl_mmol_l))]
            }
            ObsValue::PeakFlow { l_min } => vec![("l_min", Num(l_min))],
            ObsValue::Ketones { mmol_l } => vec![("mmol_l", Num(mmol_l))],
            ObsValue::Steps { count } => vec![("count", Num(count))],
            ObsValue::Sleep { hours } => vec![("hours", Num(hours))],
            ObsValue::Activity { moderate_min_per_week, vigorous_min_per_week } => vec![
                ("moderate_min_per_week", Num(moderate_min_per_week)),
                ("vigorous_min_per_week", Num(vigorous_min_per_week)),
            ],
            ObsValue::Alcohol { units_per_week } => vec![("units_per_week", Num(units_per_week))],
        }
    }

    /// Builds a value of `kind` from named fields (already type-checked against the spec).
    /// Returns `None` when a field is absent or of the wrong type.
    pub fn from_fields(kind: ObsKind, get: impl Fn(&str) -> Option<FieldVal>) -> Option<ObsValue> {
        let n = |name: &str| get(name).and_then(FieldVal::num);
        Some(match kind {
            ObsKind::BloodPressure => {
                ObsValue::BloodPressure { systolic_mmhg: n("systolic_mmhg")?, diastolic_mmhg: n("diastolic_mmhg")? }
            }
            ObsKind::HeartRate => ObsValue::HeartRate { bpm: n("bpm")? },
            ObsKind::Spo2 => {
                ObsValue::Spo2 { percent: n("percent")?, on_oxygen: get("on_oxygen").and_then(FieldVal::boolean)? }
            }
            ObsKind::RespiratoryRate => ObsValue::RespiratoryRate { per_min: n("per_min")? },
            ObsKind::Temperature => ObsValue::Temperature { celsius: n("celsius")? },
            ObsKind::Consciousness => {
                ObsValue::Consciousness { acvpu: Acvpu::parse(get("acvpu").and_then(FieldVal::choice)?)? }
            }
            ObsKind::Weight => ObsValue::Weight { kg: n("kg")? },
            ObsKind::Waist => ObsValue::Waist { cm: n("cm")? },
            ObsKind::Glucose => ObsValue::Glucose {
                mmol_l: n("mmol_l")?,
                context: GlucoseContext::parse(get("context").and_then(FieldVal::choice)?)?,
            },
            ObsKind::Hba1c => ObsValue::Hba1c { mmol_mol: n("mmol_mol")? },
            ObsKind::Cholesterol => {
                ObsValue::Cholesterol { total_mmol_l: n("total_mmol_l")?, hdl_mmol_l: n("hdl_mmol_l")? }
            }
            ObsKind::PeakFlow => ObsValue::PeakFlow { l_min: n("l_min")? },
            ObsKind::Ketones => ObsValue::Ketones { mmol_l: n("mmol_l")? },
            ObsKind::Steps => ObsValue::Steps { count: n("count")? },
            ObsKind::Sleep => ObsValue::Sleep { hours: n("hours")? },
            ObsKind::Activity => ObsValue::Activity {
                moderate_min_per_week: n("moderate_min_per_week")?,
                vigorous_min_per_week: n("vigorous_min_per_week")?,
            },
            ObsKind::Alcohol => ObsValue::Alcohol { units_per_week: n("units_per_week")? },
        })
    }
}

/// A label placed inside a sentence: its first letter in lower case unless the word is an
/// abbreviation ("Oxygen level (SpO₂)" → "oxygen level (SpO₂)"; "HbA1c" stays "HbA1c"; "Body mass
/// index (BMI)" → "body mass index (BMI)").
pub fn in_sentence(label: &str) -> String {
    // ASCII case only: Unicode case tables would cost the app's first load several kilobytes.
    let first_word = label.split(' ').next().unwrap_or("");
    let abbreviation = first_word.bytes().skip(1).any(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let mut out = label.to_string();
    if !abbreviation {
        if let Some(first) = out.get_mut(..1) {
            first.make_ascii_lowercase();
        }
    }
    out
}

/// Formats a number for messages: whole numbers without a decimal point, others in their
/// shortest exact form (through serde_json's float writer, which is smaller than `core::fmt`'s).
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        serde_json::to_string(&x).unwrap_or_default()
    }
}
