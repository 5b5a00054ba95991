//! Trends: one kind of reading over a time range, thinned for display, with the target band that
//! applies to this person (each with its source).
//!
//! A chart on a phone has a few hundred pixels; ten years of twice-daily readings is over 7 000
//! points. When there are more readings than `max_points`, the range is cut into equal stretches
//! of time and each stretch with readings becomes one point: the mean, with the lowest and highest
//! kept, so a single very high reading still shows. Nothing is invented: a stretch without
//! readings is a gap.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::fields::FieldVal;
use crate::record::Record;
use crate::spec::{kind_spec, FieldType};
use crate::view::View;
use crate::vocab::{Condition, ObsKind, Sex};

/// The ranges people choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Range {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 90 days.
    Quarter,
    /// The last 365 days.
    Year,
    /// Everything.
    All,
}

impl Range {
    /// Every range, shortest first.
    pub const ALL: &'static [Range] = &[Range::Week, Range::Month, Range::Quarter, Range::Year, Range::All];

    /// Days covered (`None`: everything).
    pub fn days(self) -> Option<i64> {
        match self {
            Range::Week => Some(7),
            Range::Month => Some(30),
            Range::Quarter => Some(90),
            Range::Year => Some(365),
            Range::All => None,
        }
    }

    /// Short label ("7 days").
    pub fn label(self) -> &'static str {
        match self {
            Range::Week => "7 days",
            Range::Month => "30 days",
            Range::Quarter => "90 days",
            Range::Year => "1 year",
            Range::All => "All",
        }
    }

    /// Stable key ("7d").
    pub fn key(self) -> &'static str {
        match self {
            Range::Week => "7d",
            Range::Month => "30d",
            Range::Quarter => "90d",
            Range::Year => "1y",
            Range::All => "all",
        }
    }

    /// The range for a key.
    pub fn parse(key: &str) -> Option<Range> {
        Range::ALL.iter().copied().find(|r| r.key() == key)
    }
}

/// One numeric field of the kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// Record field name.
    pub name: &'static str,
    /// Label.
    pub label: &'static str,
    /// Unit.
    pub unit: &'static str,
}

/// One point of the series: a reading, or a stretch of readings summarised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// First reading's time (Unix seconds).
    pub from: i64,
    /// Last reading's time (Unix seconds); equal to `from` for a single reading.
    pub to: i64,
    /// How many readings.
    pub count: usize,
    /// Mean of each field, in field order.
    pub mean: Vec<f64>,
    /// Lowest of each field.
    pub min: Vec<f64>,
    /// Highest of each field.
    pub max: Vec<f64>,
}

/// The band a field should stay in, for this person, with its source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Target {
    /// Field name.
    pub field: &'static str,
    /// Lower edge (`None`: no lower edge).
    pub low: Option<f64>,
    /// Upper edge (`None`: no upper edge).
    pub high: Option<f64>,
    /// In plain words.
    pub words: String,
    /// Citation.
    pub source: &'static str,
    /// Whether the number is marked UNVERIFIED in the clinical reference.
    pub unverified: bool,
}

/// A kind's readings over a range, ready to draw.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// The kind.
    pub kind: ObsKind,
    /// The numeric fields, in spec order.
    pub fields: Vec<Field>,
    /// Points, oldest first.
    pub points: Vec<Point>,
    /// Readings in the range.
    pub readings: usize,
    /// Start of the range (Unix seconds): the range's start, or the first reading for "All".
    pub start: i64,
    /// End of the range (Unix seconds): `now`.
    pub end: i64,
    /// Whether points summarise several readings.
    pub summarised: bool,
    /// Target bands for this person.
    pub targets: Vec<Target>,
}

/// The numeric fields of a kind.
pub fn fields(kind: ObsKind) -> Vec<Field> {
    kind_spec(kind)
        .fields
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Whole { .. } | FieldType::Real { .. }))
        .map(|f| Field { name: f.name, label: f.label, unit: f.unit })
        .collect()
}

fn numbers(o: &crate::record::Observation, names: &[Field]) -> Vec<f64> {
    let fs = o.value.fields();
    names
        .iter()
        .map(|n| match fs.iter().find(|(k, _)| *k == n.name) {
            Some((_, FieldVal::Num(x))) => *x,
            _ => f64::NAN,
        })
        .collect()
}

fn summarise(items: &[(i64, Vec<f64>)]) -> Point {
    let n = items.first().map_or(0, |(_, v)| v.len());
    let mut mean = vec![0.0; n];
    let mut min = vec![f64::INFINITY; n];
    let mut max = vec![f64::NEG_INFINITY; n];
    for (_, v) in items {
        for i in 0..n {
            mean[i] += v[i];
            min[i] = min[i].min(v[i]);
            max[i] = max[i].max(v[i]);
        }
    }
    for m in &mut mean {
        *m /= items.len() as f64;
    }
    Point {
        from: items.first().map_or(0, |(t, _)| *t),
        to: items.last().map_or(0, |(t, _)| *t),
        count: items.len(),
        mean,
        min,
        max,
    }
}

/// The series of one kind over `range` ending at `now`, with at most `max_points` points
/// (at least 2 are always allowed).
pub fn series(record: &Record, kind: ObsKind, range: Range, now: DateTime<Utc>, max_points: usize) -> Series {
    let view = View::new(record, now);
    let names = fields(kind);
    let since = range.days().map(|d| now.timestamp() - d * crate::time::DAY_SECS);
    let mut items: Vec<(i64, Vec<f64>)> = view
        .of(kind)
        .iter()
        .filter(|o| since.is_none_or(|s| o.at.timestamp() >= s))
        .map(|o| (o.at.timestamp(), numbers(o, &names)))
        .collect();
    items.sort_by_key(|(t, _)| *t);
    let end = now.timestamp();
    let start = since.unwrap_or_else(|| items.first().map_or(end, |(t, _)| *t));
    let max_points = max_points.max(2);
    let summarised = items.len() > max_points;
    let points = if summarised {
        // Equal stretches of time; each non-empty stretch becomes one point.
        let span = (end - start).max(1) as f64;
        let mut points = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let bucket =
                (((items[i].0 - start) as f64 / span) * max_points as f64).floor().min(max_points as f64 - 1.0);
            let mut j = i + 1;
            while j < items.len()
                && (((items[j].0 - start) as f64 / span) * max_points as f64).floor().min(max_points as f64 - 1.0)
                    == bucket
            {
                j += 1;
            }
            points.push(summarise(&items[i..j]));
            i = j;
        }
        points
    } else {
        items.iter().map(|it| summarise(std::slice::from_ref(it))).collect()
    };
    Series { kind, fields: names, readings: items.len(), points, start, end, summarised, targets: targets(&view, kind) }
}

fn band(field: &'static str, low: Option<f64>, high: Option<f64>, words: String, source: &'static str) -> Target {
    Target { field, low, high, words, source, unverified: false }
}

/// Said wherever a type 2 (or unspecified) diabetes glucose would be compared with a target.
pub const NO_GLUCOSE_TARGET: &str = "Hale has no home glucose target for type 2 diabetes: national guidance leaves it to you and your care team. Ask them what your readings should be. A reading below 4.0 mmol/L is a hypo.";

/// How a reading just saved compares with the person's target, in words (never a flag): glucose
/// with diabetes (type 1 by when it was taken, NICE NG17; otherwise that Hale has no number), and
/// blood pressure, whose home target applies to the average of a week, not one reading (NICE NG136).
pub fn after_save(
    view: &View<'_>,
    home: Option<&crate::view::HomeAverage>,
    o: &crate::record::Observation,
) -> Option<String> {
    use crate::fields::fmt_num;
    use crate::record::ObsValue;
    use crate::vocab::GlucoseContext as G;
    let p = &view.record.profile;
    match o.value {
        ObsValue::Glucose { mmol_l, context } if p.has(Condition::Type1Diabetes) => {
            let ((lo, hi), when) = match context {
                G::Fasting => (T1D_ON_WAKING, "on waking"),
                G::BeforeMeal => (T1D_BEFORE_MEALS, "before meals"),
                G::AfterMeal => (T1D_AFTER_MEALS, "90 minutes or more after eating (a guide)"),
                G::Random => return Some("NICE gives type 1 diabetes glucose targets for waking, before meals and after eating: say when a reading was taken to compare it.".into()),
            };
            let how = if mmol_l > hi {
                "above"
            } else if mmol_l < lo {
                "below"
            } else {
                "within"
            };
            Some(format!(
                "{} mmol/L is {how} your target of {} to {} mmol/L {when} (NICE NG17, type 1 diabetes).",
                fmt_num(mmol_l),
                fmt_num(lo),
                fmt_num(hi)
            ))
        }
        ObsValue::Glucose { mmol_l, .. } if p.has_diabetes() => Some(match p.glucose_target_mmol_l {
            Some((lo, hi)) => format!(
                "{} mmol/L is {} the range your care team set, {} to {} mmol/L.",
                fmt_num(mmol_l),
                if mmol_l > hi {
                    "above"
                } else if mmol_l < lo {
                    "below"
                } else {
                    "within"
                },
                fmt_num(lo),
                fmt_num(hi)
            ),
            None => format!("{NO_GLUCOSE_TARGET} If they gave you a range, add it on the About you page."),
        }),
        ObsValue::BloodPressure { .. } => {
            let (ts, td) = crate::protocols::home_target(view);
            // With hypertension it is the person's target; otherwise the average that counts as high.
            let target = if p.has(Condition::Hypertension) {
                format!("your home target is below {}/{} mmHg", fmt_num(ts), fmt_num(td))
            } else {
                format!("a home average of {}/{} mmHg or more is high", fmt_num(ts), fmt_num(td))
            };
            Some(match home {
                Some(h) => format!(
                    "Your home average is {}/{} mmHg over {} days{}; {target} (NICE NG136).",
                    fmt_num(h.systolic_mmhg.round()),
                    fmt_num(h.diastolic_mmhg.round()),
                    h.days,
                    if h.systolic_mmhg >= ts || h.diastolic_mmhg >= td { ", at or above the line" } else { ", below the line" }
                ),
                None => format!(
                    "One reading is not enough to judge: {target}, as the average of a week of morning and evening readings (NICE NG136)."
                ),
            })
        }
        _ => None,
    }
}

/// The target bands for a kind, for the person in `view` (only where the clinical reference gives
/// a number; none is invented).
pub fn targets(view: &View<'_>, kind: ObsKind) -> Vec<Target> {
    use crate::fields::fmt_num;
    let p = &view.record.profile;
    match kind {
        ObsKind::BloodPressure => {
            let (s, d) = crate::protocols::home_target(view);
            // Type 1 diabetes (NICE NG136 tables 1-2, citing NG17 1.13.8): the home target above
            // holds while the urine albumin:creatinine ratio (ACR) is below 70 mg/mmol; the record
            // has no ACR, so the words say that a lower target applies with kidney protein.
            let t1d_under_80 = p.has(Condition::Type1Diabetes)
                && view.age.is_none_or(|a| a < crate::thresholds::BP_OLDER_TARGET_FROM_AGE);
            let (s_acr, d_acr) = crate::protocols::T1D_HOME_TARGET_ACR_70;
            let (s_note, d_note, source) = if t1d_under_80 {
                (
                    format!(" (below {} if a kidney test shows protein: ACR 70 mg/mmol or more)", fmt_num(s_acr)),
                    format!(" (below {} if a kidney test shows protein)", fmt_num(d_acr)),
                    "NICE NG136 tables 1\u{2013}2 for type 1 diabetes (citing NG17 1.13.8): home target 5/5 below the clinic target; low blood pressure below 90/60 (NHS.UK)",
                )
            } else {
                (String::new(), String::new(), "NICE NG136 1.4.22 home target; low blood pressure below 90/60 (NHS.UK)")
            };
            vec![
                band(
                    "systolic_mmhg",
                    Some(LOW_BP.0),
                    Some(s),
                    format!("Top number: {} to below {} at home{s_note}", fmt_num(LOW_BP.0), fmt_num(s)),
                    source,
                ),
                band(
                    "diastolic_mmhg",
                    Some(LOW_BP.1),
                    Some(d),
                    format!("Bottom number: {} to below {} at home{d_note}", fmt_num(LOW_BP.1), fmt_num(d)),
                    source,
                ),
            ]
        }
        ObsKind::HeartRate => vec![band(
            "bpm",
            Some(NEWS2_PULSE.0),
            Some(NEWS2_PULSE.1),
            format!("{} to {} beats a minute score 0 on NEWS2", fmt_num(NEWS2_PULSE.0), fmt_num(NEWS2_PULSE.1)),
            "RCP NEWS2 Chart 1",
        )],
        ObsKind::RespiratoryRate => vec![band(
            "per_min",
            Some(NEWS2_RR.0),
            Some(NEWS2_RR.1),
            format!("{} to {} breaths a minute score 0 on NEWS2", fmt_num(NEWS2_RR.0), fmt_num(NEWS2_RR.1)),
            "RCP NEWS2 Chart 1",
        )],
        ObsKind::Temperature => vec![band(
            "celsius",
            Some(NEWS2_TEMP.0),
            Some(NEWS2_TEMP.1),
            format!("{} to {} \u{b0}C scores 0 on NEWS2", fmt_num(NEWS2_TEMP.0), fmt_num(NEWS2_TEMP.1)),
            "RCP NEWS2 Chart 1",
        )],
        ObsKind::Spo2 => {
            if p.low_oxygen_target() {
                vec![band(
                    "percent",
                    Some(SPO2_SCALE2.0),
                    Some(SPO2_SCALE2.1),
                    format!("The range your care team set: {}% to {}%", fmt_num(SPO2_SCALE2.0), fmt_num(SPO2_SCALE2.1)),
                    "BTS oxygen guideline (2017) and RCP NEWS2 SpO\u{2082} scale 2",
                )]
            } else {
                vec![band(
                    "percent",
                    Some(SPO2_SCALE1_ZERO),
                    Some(100.0),
                    format!("{}% or more scores 0 on NEWS2", fmt_num(SPO2_SCALE1_ZERO)),
                    "RCP NEWS2 Chart 1, SpO\u{2082} scale 1",
                )]
            }
        }
        ObsKind::PeakFlow => {
            let Some(reference) = crate::peak_flow::reference(p, view.age) else { return Vec::new() };
            let z = crate::peak_flow::zones(reference.l_min());
            let of = match reference {
                crate::peak_flow::Reference::PersonalBest(_) => "your personal best",
                crate::peak_flow::Reference::Predicted(_) => "the predicted value for you",
            };
            vec![band(
                "l_min",
                Some(f64::from(z.green_from)),
                None,
                format!("Green zone: {} L/min or more (80% of {of}, {} L/min)", z.green_from, z.reference),
                "Asthma action-plan zones (ERS Breathe 2015 Table 2)",
            )]
        }
        ObsKind::Glucose => {
            if p.has(Condition::Type1Diabetes) {
                vec![band(
                    "mmol_l",
                    Some(T1D_BEFORE_MEALS.0),
                    Some(T1D_BEFORE_MEALS.1),
                    format!(
                        "Before meals: {} to {} mmol/L (type 1 diabetes)",
                        fmt_num(T1D_BEFORE_MEALS.0),
                        fmt_num(T1D_BEFORE_MEALS.1)
                    ),
                    "NICE NG17 capillary glucose targets",
                )]
            } else if let (true, Some((lo, hi))) = (p.has_diabetes(), p.glucose_target_mmol_l) {
                vec![band(
                    "mmol_l",
                    Some(lo),
                    Some(hi),
                    format!("The range your care team set: {} to {} mmol/L", fmt_num(lo), fmt_num(hi)),
                    "Set by your care team (NICE NG28 leaves home glucose targets to them)",
                )]
            } else if p.has_diabetes() {
                // No number to shade: a band from 4.0 up would shade 9.2 as fine.
                vec![band("mmol_l", None, None, NO_GLUCOSE_TARGET.into(), "NICE NG28 (no home glucose targets)")]
            } else {
                Vec::new()
            }
        }
        ObsKind::Hba1c if p.has_diabetes() => vec![band(
            "mmol_mol",
            None,
            Some(HBA1C_TARGET),
            format!("Target: {} mmol/mol or below, unless your team agreed another", fmt_num(HBA1C_TARGET)),
            "NICE NG28 1.5 and NG17",
        )],
        ObsKind::Ketones => vec![band(
            "mmol_l",
            None,
            Some(KETONES_NORMAL_BELOW),
            format!("Below {} mmol/L is normal", fmt_num(KETONES_NORMAL_BELOW)),
            "NHS.UK blood ketone bands",
        )],
        ObsKind::Weight => {
            let Some(h) = p.height_cm else { return Vec::new() };
            let m2 = (h / 100.0).powi(2);
            let lower = crate::protocols::lower_bmi_thresholds(p.ethnicity);
            let over = if lower { crate::protocols::BMI_LOWER.0 } else { crate::protocols::BMI_GENERAL.0 };
            let (lo, hi) = (BMI_HEALTHY_FROM * m2, over * m2);
            vec![band(
                "kg",
                Some(lo),
                Some(hi),
                format!(
                    "Healthy weight for your height: about {} to below {} kg (BMI {} to below {})",
                    crate::fields::fmt_num((lo * 10.0).round() / 10.0),
                    crate::fields::fmt_num((hi * 10.0).round() / 10.0),
                    fmt_num(BMI_HEALTHY_FROM),
                    fmt_num(over)
                ),
                "NICE NG246 BMI thresholds",
            )]
        }
        ObsKind::Waist => match p.sex {
            Some(sex) => {
                let below = if sex == Sex::Male { WAIST_LOW_RISK_BELOW.0 } else { WAIST_LOW_RISK_BELOW.1 };
                vec![band(
                    "cm",
                    None,
                    Some(below),
                    format!("Below {} cm is low risk", fmt_num(below)),
                    "NICE NG7 waist circumference",
                )]
            }
            None => Vec::new(),
        },
        ObsKind::Sleep => {
            let (lo, hi) = crate::protocols::SLEEP_HOURS;
            vec![band(
                "hours",
                Some(lo),
                Some(hi),
                format!("{} to {} hours a night", fmt_num(lo), fmt_num(hi)),
                "AHA Life's Essential 8, sleep",
            )]
        }
        ObsKind::Alcohol => vec![band(
            "units_per_week",
            None,
            Some(crate::protocols::ALCOHOL_UNITS_PER_WEEK),
            format!("No more than {} units a week", fmt_num(crate::protocols::ALCOHOL_UNITS_PER_WEEK)),
            "UK Chief Medical Officers 2016",
        )],
        _ => Vec::new(),
    }
}

// ---- Numbers (each with its source; boundary tests below tie them to the scoring tables) ------

/// Low blood pressure below 90/60 (NHS.UK; clinical-reference §3.4).
pub const LOW_BP: (f64, f64) = (90.0, 60.0);
/// Pulse scoring 0 on NEWS2: 51–90 (RCP NEWS2 Chart 1).
pub const NEWS2_PULSE: (f64, f64) = (51.0, 90.0);
/// Respiration rate scoring 0 on NEWS2: 12–20 (RCP NEWS2 Chart 1).
pub const NEWS2_RR: (f64, f64) = (12.0, 20.0);
/// Temperature scoring 0 on NEWS2: 36.1–38.0 °C (RCP NEWS2 Chart 1).
pub const NEWS2_TEMP: (f64, f64) = (36.1, 38.0);
/// SpO2 scoring 0 on NEWS2 scale 1: 96% or more (RCP NEWS2 Chart 1).
pub const SPO2_SCALE1_ZERO: f64 = 96.0;
/// SpO2 prescribed range on NEWS2 scale 2: 88–92% (RCP NEWS2; clinical-reference §2.1).
pub const SPO2_SCALE2: (f64, f64) = (88.0, 92.0);
/// Type 1 diabetes before-meal capillary glucose: 4–7 mmol/L (NICE NG17; clinical-reference §5.3).
pub const T1D_BEFORE_MEALS: (f64, f64) = (4.0, 7.0);
/// Type 1 diabetes capillary glucose on waking: 5–7 mmol/L (NICE NG17; clinical-reference §5.3).
pub const T1D_ON_WAKING: (f64, f64) = (5.0, 7.0);
/// Type 1 diabetes capillary glucose at least 90 minutes after eating: 5–9 mmol/L (NICE NG17;
/// clinical-reference §5.3, UNVERIFIED).
pub const T1D_AFTER_MEALS: (f64, f64) = (5.0, 9.0);
/// A hypo: below 4.0 mmol/L (written once in [`crate::thresholds`]).
pub const HYPO_BELOW: f64 = crate::thresholds::HYPO_BELOW_MMOL_L;
/// HbA1c target 48 mmol/mol (written once in [`crate::thresholds`]).
pub const HBA1C_TARGET: f64 = crate::thresholds::HBA1C_TARGET_MMOL_MOL;
/// Blood ketones normal below 0.6 mmol/L (clinical-reference §5.2).
pub const KETONES_NORMAL_BELOW: f64 = 0.6;
/// Healthy BMI from 18.5 (NICE NG246; clinical-reference §9).
pub const BMI_HEALTHY_FROM: f64 = 18.5;
/// Waist, low risk below 94 cm (men) and 80 cm (women) (NICE NG7; clinical-reference §9).
pub const WAIST_LOW_RISK_BELOW: (f64, f64) = (94.0, 80.0);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::news2;
    use crate::record::{ObsValue, Observation, Profile};
    use crate::time::parse_rfc3339;
    use chrono::TimeDelta;

    fn now() -> DateTime<Utc> {
        parse_rfc3339("2026-11-21T09:00:00Z").unwrap_or_default()
    }

    fn bp_days(days: i64, per_day: i64) -> Record {
        let mut observations = Vec::new();
        for d in 0..days {
            for k in 0..per_day {
                let at = now() - TimeDelta::days(d) - TimeDelta::minutes(30 + k * 60);
                let s = 120.0 + ((d * per_day + k) % 40) as f64;
                observations.push(Observation {
                    id: format!("o{d}-{k}"),
                    at,
                    value: ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: s - 50.0 },
                    note: None,
                    source: None,
                });
            }
        }
        Record { observations, ..Record::default() }
    }

    #[test]
    fn the_news2_bands_are_the_zero_scoring_ranges_of_chart_1() {
        assert_eq!(news2::score_pulse(NEWS2_PULSE.0), 0);
        assert_eq!(news2::score_pulse(NEWS2_PULSE.1), 0);
        assert_ne!(news2::score_pulse(NEWS2_PULSE.0 - 1.0), 0);
        assert_ne!(news2::score_pulse(NEWS2_PULSE.1 + 1.0), 0);
        assert_eq!(news2::score_respiratory_rate(NEWS2_RR.0), 0);
        assert_eq!(news2::score_respiratory_rate(NEWS2_RR.1), 0);
        assert_ne!(news2::score_respiratory_rate(NEWS2_RR.0 - 1.0), 0);
        assert_ne!(news2::score_respiratory_rate(NEWS2_RR.1 + 1.0), 0);
        assert_eq!(news2::score_temperature(NEWS2_TEMP.0), 0);
        assert_eq!(news2::score_temperature(NEWS2_TEMP.1), 0);
        assert_ne!(news2::score_temperature(NEWS2_TEMP.0 - 0.1), 0);
        assert_ne!(news2::score_temperature(NEWS2_TEMP.1 + 0.1), 0);
        assert_eq!(news2::score_spo2_scale1(SPO2_SCALE1_ZERO), 0);
        assert_ne!(news2::score_spo2_scale1(SPO2_SCALE1_ZERO - 1.0), 0);
        assert_eq!(news2::score_spo2_scale2(SPO2_SCALE2.0, false), 0);
        assert_eq!(news2::score_spo2_scale2(SPO2_SCALE2.1, false), 0);
        assert_ne!(news2::score_spo2_scale2(SPO2_SCALE2.0 - 1.0, false), 0);
    }

    #[test]
    fn few_readings_are_drawn_as_they_are() {
        let r = bp_days(7, 2);
        let s = series(&r, ObsKind::BloodPressure, Range::Week, now(), 200);
        assert_eq!(s.readings, 14);
        assert_eq!(s.points.len(), 14);
        assert!(!s.summarised);
        assert!(s.points.windows(2).all(|w| w[0].from <= w[1].from), "oldest first");
        assert!(s.points.iter().all(|p| p.count == 1 && p.min == p.max && p.mean == p.min));
        assert_eq!(s.fields.iter().map(|f| f.name).collect::<Vec<_>>(), ["systolic_mmhg", "diastolic_mmhg"]);
    }

    #[test]
    fn ten_years_are_thinned_without_losing_the_extremes_or_any_reading() {
        let mut r = bp_days(3650, 2);
        // One very high reading two years ago.
        r.observations.push(Observation {
            id: "spike".into(),
            at: now() - TimeDelta::days(730),
            value: ObsValue::BloodPressure { systolic_mmhg: 210.0, diastolic_mmhg: 125.0 },
            note: None,
            source: None,
        });
        let s = series(&r, ObsKind::BloodPressure, Range::All, now(), 120);
        assert_eq!(s.readings, 7301);
        assert!(s.summarised);
        assert!(s.points.len() <= 120, "{}", s.points.len());
        assert_eq!(s.points.iter().map(|p| p.count).sum::<usize>(), 7301, "every reading is in one point");
        let top = s.points.iter().map(|p| p.max[0]).fold(f64::MIN, f64::max);
        assert_eq!(top, 210.0, "the spike survives as a maximum");
        for p in &s.points {
            assert!(p.min[0] <= p.mean[0] && p.mean[0] <= p.max[0]);
            assert!(p.from <= p.to);
        }
    }

    #[test]
    fn ranges_keep_only_their_days() {
        let r = bp_days(100, 1);
        let n = |range| series(&r, ObsKind::BloodPressure, range, now(), 1000).readings;
        assert_eq!(n(Range::Week), 7);
        assert_eq!(n(Range::Month), 30);
        assert_eq!(n(Range::Quarter), 90);
        assert_eq!(n(Range::Year), 100);
        assert_eq!(n(Range::All), 100);
        let empty = series(&Record::default(), ObsKind::Weight, Range::Month, now(), 100);
        assert_eq!((empty.readings, empty.points.len()), (0, 0));
        for r in Range::ALL {
            assert_eq!(Range::parse(r.key()), Some(*r));
        }
    }

    #[test]
    fn targets_follow_the_person() {
        let mut record = Record::default();
        let view = View::new(&record, now());
        let bp = targets(&view, ObsKind::BloodPressure);
        assert_eq!((bp[0].low, bp[0].high, bp[0].unverified), (Some(90.0), Some(135.0), false));
        assert_eq!((bp[1].low, bp[1].high), (Some(60.0), Some(85.0)));
        assert!(targets(&view, ObsKind::Weight).is_empty(), "no height, no weight band");
        assert!(targets(&view, ObsKind::Glucose).is_empty(), "no diabetes, no glucose band");
        record.profile = Profile {
            birth_date: chrono::NaiveDate::from_ymd_opt(1940, 1, 1),
            height_cm: Some(170.0),
            conditions: vec![Condition::Hypertension, Condition::Type1Diabetes],
            peak_flow_best_l_min: Some(500.0),
            ..Profile::default()
        };
        let view = View::new(&record, now());
        let bp = targets(&view, ObsKind::BloodPressure);
        assert_eq!((bp[0].high, bp[0].unverified), (Some(145.0), false), "80 or over with hypertension (NG136 1.4.22)");
        let w = targets(&view, ObsKind::Weight);
        let (lo, hi) = (w[0].low.unwrap_or_default(), w[0].high.unwrap_or_default());
        assert!((lo - 53.465).abs() < 1e-9 && (hi - 72.25).abs() < 1e-9, "BMI 18.5 and 25 at 1.70 m: {lo} {hi}");
        assert!(w[0].words.contains("about 53.5 to below 72.2 kg"), "{}", w[0].words);
        let g = targets(&view, ObsKind::Glucose);
        assert_eq!((g[0].low, g[0].high), (Some(4.0), Some(7.0)));
        let pf = targets(&view, ObsKind::PeakFlow);
        assert_eq!(pf[0].low, Some(400.0));
    }

    /// Issue 12: target words and sources shown to people name the primary source, never a section
    /// of a file.
    #[test]
    fn target_words_and_sources_carry_no_file_sections() {
        use crate::vocab::Condition as C;
        let profiles = [
            vec![],
            vec![C::Type1Diabetes],
            vec![C::Type2Diabetes, C::Hypertension],
            vec![C::Asthma],
            vec![C::HypercapnicRespiratoryFailure],
        ];
        let mut seen = 0;
        for conditions in profiles {
            let record = Record {
                profile: Profile {
                    birth_date: chrono::NaiveDate::from_ymd_opt(1970, 1, 1),
                    sex: Some(crate::vocab::Sex::Female),
                    height_cm: Some(165.0),
                    peak_flow_best_l_min: Some(400.0),
                    conditions,
                    ..Profile::default()
                },
                ..Record::default()
            };
            let view = View::new(&record, now());
            for kind in ObsKind::ALL {
                for t in targets(&view, *kind) {
                    for w in [t.words.as_str(), t.source] {
                        assert!(!w.contains('\u{a7}') && !w.contains("clinical-reference"), "{kind}: {w}");
                    }
                    seen += 1;
                }
            }
        }
        assert!(seen > 20, "only {seen} targets");
    }
}
