//! Validating what a person types into an entry form, field by field, against the same spec
//! table the Record parser uses (`spec::KINDS`). Messages are written for a form ("Enter…").

use crate::fields::{fmt_num, FieldVal};
use crate::record::ObsValue;
use crate::spec::{kind_spec, Absent, FieldSpec, FieldType};
use crate::vocab::ObsKind;

/// A problem with one form field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Field name (as in the Record format).
    pub field: &'static str,
    /// What to fix, in plain English.
    pub message: String,
}

/// Reads a number as people type it: spaces ignored; thousands commas allowed in whole numbers;
/// a single decimal comma accepted in decimals.
pub fn parse_number(text: &str, whole: bool) -> Option<f64> {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if whole {
        s = s.replace(',', "");
    } else if s.matches(',').count() == 1 && !s.contains('.') {
        s = s.replace(',', ".");
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+') {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Checks one field's text; the value when it is valid.
pub fn check_field(f: &FieldSpec, text: &str) -> Result<Option<FieldVal>, FieldError> {
    let err = |message: String| FieldError { field: f.name, message };
    let text = text.trim();
    if text.is_empty() {
        return match f.absent {
            Absent::Required => Err(err(format!("Enter your {}", lower_first(f.label)))),
            Absent::Number(n) => Ok(Some(FieldVal::Num(n))),
            Absent::Bool(b) => Ok(Some(FieldVal::Bool(b))),
            Absent::Choice(c) => Ok(Some(FieldVal::Choice(c))),
        };
    }
    match f.ty {
        FieldType::Whole { min, max } | FieldType::Real { min, max } => {
            let whole = matches!(f.ty, FieldType::Whole { .. });
            let unit = if f.unit.is_empty() { String::new() } else { format!(" {}", f.unit) };
            let Some(x) = parse_number(text, whole) else {
                return Err(err(format!("{} must be a number, like {}", f.label, fmt_num(f.example))));
            };
            if whole && x.fract() != 0.0 {
                return Err(err(format!("{} must be a whole number", f.label)));
            }
            if x < min || x > max {
                return Err(err(format!(
                    "{} must be between {} and {}{unit}. Check the number and try again.",
                    f.label,
                    fmt_num(min),
                    fmt_num(max)
                )));
            }
            Ok(Some(FieldVal::Num(x)))
        }
        FieldType::Bool => match text {
            "true" | "on" | "yes" => Ok(Some(FieldVal::Bool(true))),
            "false" | "off" | "no" => Ok(Some(FieldVal::Bool(false))),
            _ => Err(err(format!("Choose yes or no for {}", lower_first(f.label)))),
        },
        FieldType::Choice(options) => match options.iter().find(|o| **o == text) {
            Some(c) => Ok(Some(FieldVal::Choice(c))),
            None => Err(err(format!("Choose {}", lower_first(f.label)))),
        },
    }
}

/// Validates a whole form for `kind`: every field, then the checks across fields. `Ok` with the
/// value only when everything is valid (nothing is stored otherwise).
pub fn observation_from_text(kind: ObsKind, get: impl Fn(&str) -> String) -> Result<ObsValue, Vec<FieldError>> {
    let spec = kind_spec(kind);
    let mut errors = Vec::new();
    let mut vals: Vec<(&'static str, FieldVal)> = Vec::new();
    let mut typed = 0;
    for f in spec.fields {
        let text = get(f.name);
        if !text.trim().is_empty() {
            typed += 1;
        }
        match check_field(f, &text) {
            Ok(Some(v)) => vals.push((f.name, v)),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if kind == ObsKind::Activity && typed == 0 {
        errors.push(FieldError {
            field: "moderate_min_per_week",
            message: "Enter your moderate or vigorous minutes a week".into(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let get = |name: &str| vals.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let Some(value) = ObsValue::from_fields(kind, get) else {
        return Err(vec![FieldError { field: spec.fields[0].name, message: "Check the values and try again".into() }]);
    };
    match value {
        ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } if diastolic_mmhg >= systolic_mmhg => {
            Err(vec![FieldError {
                field: "diastolic_mmhg",
                message: "The bottom number (diastolic) must be lower than the top number (systolic)".into(),
            }])
        }
        ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l } if hdl_mmol_l >= total_mmol_l => Err(vec![FieldError {
            field: "hdl_mmol_l",
            message: "HDL cholesterol must be lower than total cholesterol".into(),
        }]),
        v => Ok(v),
    }
}

/// A count as people read it, thousands separated (`70,286`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bp(s: &str, d: &str) -> Result<ObsValue, Vec<FieldError>> {
        observation_from_text(ObsKind::BloodPressure, |n| if n == "systolic_mmhg" { s.into() } else { d.into() })
    }

    #[test]
    fn counts_are_written_with_thousands_separated() {
        for (n, words) in [(0, "0"), (999, "999"), (1_000, "1,000"), (70_286, "70,286"), (1_234_567, "1,234,567")] {
            assert_eq!(thousands(n), words);
        }
    }

    #[test]
    fn valid_blood_pressure() {
        assert_eq!(bp("182", "100"), Ok(ObsValue::BloodPressure { systolic_mmhg: 182.0, diastolic_mmhg: 100.0 }));
    }

    #[test]
    fn text_is_an_inline_error_on_its_field() {
        let e = bp("300", "abc").unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, "diastolic_mmhg");
        assert!(e[0].message.contains("must be a number"), "{}", e[0].message);
    }

    #[test]
    fn ranges_and_cross_checks() {
        assert!(bp("301", "80").is_err());
        assert!(bp("300", "80").is_ok());
        assert!(bp("50", "30").is_ok());
        assert!(bp("49", "30").is_err());
        assert!(bp("120", "120").is_err());
        assert!(bp("120.5", "80").is_err());
        assert!(bp("", "80").unwrap_err()[0].message.starts_with("Enter your systolic"));
    }

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(parse_number(" 10,000 ", true), Some(10_000.0));
        assert_eq!(parse_number("36,8", false), Some(36.8));
        assert_eq!(parse_number("1e3", false), None);
        assert_eq!(parse_number("abc", false), None);
    }
}
