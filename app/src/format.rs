//! Presenting values to people (numbers with their units, in plain words).

use hale_core::fields::fmt_num;
use hale_core::record::ObsValue;

/// A number rounded to one decimal place, without a trailing ".0".
pub fn one_dp(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    fmt_num(r)
}

/// A `YYYY-MM-DD` date for people: "23 Nov 2026" (the text as given when it is not a date).
pub fn human_day(date: &str) -> String {
    hale_core::time::parse_date(date).map_or_else(|| date.to_string(), hale_core::time::human_date)
}

/// A reading's value with its unit: "182/100 mmHg".
pub fn value_text(v: &ObsValue) -> String {
    match *v {
        ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } => {
            format!("{}/{} mmHg", fmt_num(systolic_mmhg), fmt_num(diastolic_mmhg))
        }
        ObsValue::HeartRate { bpm } => format!("{} beats a minute", fmt_num(bpm)),
        ObsValue::Spo2 { percent, on_oxygen } => {
            format!("{}%{}", fmt_num(percent), if on_oxygen { " on oxygen" } else { "" })
        }
        ObsValue::RespiratoryRate { per_min } => format!("{} breaths a minute", fmt_num(per_min)),
        ObsValue::Temperature { celsius } => format!("{} \u{b0}C", one_dp(celsius)),
        ObsValue::Consciousness { acvpu } => crate::i18n::choice_label("acvpu", acvpu.as_str()).to_string(),
        ObsValue::Weight { kg } => format!("{} kg", one_dp(kg)),
        ObsValue::Waist { cm } => format!("{} cm", one_dp(cm)),
        ObsValue::Glucose { mmol_l, context } => format!(
            "{} mmol/L ({})",
            one_dp(mmol_l),
            crate::i18n::choice_label("context", context.as_str()).to_ascii_lowercase()
        ),
        ObsValue::Hba1c { mmol_mol } => format!("{} mmol/mol", one_dp(mmol_mol)),
        ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l } => {
            format!("total {} mmol/L, HDL {} mmol/L", one_dp(total_mmol_l), one_dp(hdl_mmol_l))
        }
        ObsValue::PeakFlow { l_min } => format!("{} L/min", fmt_num(l_min.round())),
        ObsValue::Ketones { mmol_l } => format!("{} mmol/L", one_dp(mmol_l)),
        ObsValue::Steps { count } => format!("{} steps", fmt_num(count)),
        ObsValue::Sleep { hours } => format!("{} hours", one_dp(hours)),
        ObsValue::Activity { moderate_min_per_week, vigorous_min_per_week } => format!(
            "{} moderate + {} vigorous minutes a week",
            fmt_num(moderate_min_per_week),
            fmt_num(vigorous_min_per_week)
        ),
        ObsValue::Alcohol { units_per_week } => format!("{} units a week", one_dp(units_per_week)),
    }
}

pub use hale_core::fields::in_sentence;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_people() {
        assert_eq!(human_day("2026-11-03"), "3 Nov 2026");
        assert_eq!(human_day("2027-01-31"), "31 Jan 2027");
        assert_eq!(human_day("soon"), "soon");
    }

    #[test]
    fn labels_in_a_sentence_keep_their_abbreviations() {
        assert_eq!(in_sentence("Oxygen level (SpO\u{2082})"), "oxygen level (SpO\u{2082})");
        assert_eq!(in_sentence("HbA1c"), "HbA1c");
        assert_eq!(in_sentence("Blood pressure"), "blood pressure");
        assert_eq!(in_sentence(""), "");
    }
}
