//! Life's Essential 8 (AHA; Lloyd-Jones et al., Circulation 2022;146:e18–e43; clinical-reference
//! §1), read from the record as docs/score.md says. Missing
//! or stale components are reported, never imputed; the total is `null` unless all eight are
//! present. Each component explains which data it used, its band, and what the next band needs.

use serde::Serialize;

use crate::bands::band_from_top;
use crate::fields::fmt_num;
use crate::issue::{Issue, IssueCode};
use crate::record::{ObsValue, Observation};
use crate::time::{fmt_instant, within, years_between, DAY_SECS, YEAR_SECS};
use crate::units::{CHOLESTEROL_MGDL_PER_MMOLL, GLUCOSE_MGDL_PER_MMOLL};
use crate::view::View;
use crate::vocab::{Instrument, Medication, ObsKind, SmokingStatus};

/// Citation for the score.
pub const SOURCE: &str = "AHA Life's Essential 8 (Lloyd-Jones et al., Circulation 2022;146:e18\u{2013}e43, Table 1)";

/// Self-measured data older than this is stale.
pub const SELF_MEASURED_SECS: i64 = YEAR_SECS;
/// Laboratory data older than this is stale.
pub const LAB_SECS: i64 = 2 * YEAR_SECS;
/// Window for averaging blood pressure and sleep, ending at the latest reading.
pub const AVERAGE_SECS: i64 = 30 * DAY_SECS;
/// LE8 is defined from this age.
pub const MIN_AGE: u32 = 20;

/// The eight components, in the contract's key order.
pub const COMPONENTS: [&str; 8] =
    ["diet", "physical_activity", "nicotine", "sleep", "bmi", "blood_lipids", "blood_glucose", "blood_pressure"];
/// Tie-break order for `biggest_win` (docs/score.md, "Biggest win").
pub const WIN_ORDER: [&str; 8] =
    ["blood_pressure", "blood_lipids", "blood_glucose", "nicotine", "bmi", "physical_activity", "diet", "sleep"];

/// HbA1c % (DCCT) to mmol/mol (IFCC–NGSP master equation, clinical-reference §5.4).
fn a1c(percent: f64) -> f64 {
    crate::units::hba1c_percent_to_mmolmol(percent)
}

/// The component scores, keys in the contract's order; `None` when missing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    /// Diet (MEPA).
    pub diet: Option<u8>,
    /// Physical activity.
    pub physical_activity: Option<u8>,
    /// Nicotine exposure.
    pub nicotine: Option<u8>,
    /// Sleep health.
    pub sleep: Option<u8>,
    /// Body mass index.
    pub bmi: Option<u8>,
    /// Blood lipids (non-HDL cholesterol).
    pub blood_lipids: Option<u8>,
    /// Blood glucose.
    pub blood_glucose: Option<u8>,
    /// Blood pressure.
    pub blood_pressure: Option<u8>,
}

impl Components {
    /// A component by its key.
    pub fn get(&self, k: &str) -> Option<u8> {
        match k {
            "diet" => self.diet,
            "physical_activity" => self.physical_activity,
            "nicotine" => self.nicotine,
            "sleep" => self.sleep,
            "bmi" => self.bmi,
            "blood_lipids" => self.blood_lipids,
            "blood_glucose" => self.blood_glucose,
            _ => self.blood_pressure,
        }
    }
}

/// Why a component has (or lacks) its points.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Scored.
    Scored,
    /// No data.
    Missing,
    /// Data older than its window.
    Stale,
    /// A value Hale will not score; a GP should review it.
    NeedsReview,
    /// Data Hale cannot score (for example former smoker without a quit date).
    Incomplete,
}

/// The explanation of one component.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// Component key.
    pub component: &'static str,
    /// Plain-English name.
    pub label: &'static str,
    /// Status.
    pub status: Status,
    /// Points (0–100), when scored.
    pub points: Option<u8>,
    /// The value used, in words with units.
    pub value: Option<String>,
    /// The band it fell in.
    pub band: Option<String>,
    /// Ids of the entries used.
    pub evidence: Vec<String>,
    /// Earliest entry used.
    pub from: Option<String>,
    /// Latest entry used.
    pub to: Option<String>,
    /// Points in the next better band, if there is one.
    pub next_points: Option<u8>,
    /// What the next better band needs, in the person's units.
    pub next: Option<String>,
    /// For a missing or stale component: what to add.
    pub prompt: Option<String>,
}

/// Score category.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 80 or more.
    High,
    /// 50 to below 80.
    Moderate,
    /// Below 50.
    Low,
}

impl Category {
    /// The category of a total.
    pub fn of(total: f64) -> Category {
        if total >= 80.0 {
            Category::High
        } else if total >= 50.0 {
            Category::Moderate
        } else {
            Category::Low
        }
    }
}

/// The score as the Assessment reports it. Keys after `biggest_win` are extensions.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// Unrounded mean of the eight components; `None` when any is missing.
    pub total: Option<f64>,
    /// Category of the total.
    pub category: Option<Category>,
    /// All eight components present.
    pub complete: bool,
    /// The eight components.
    pub components: Components,
    /// Keys of the missing components.
    pub missing: Vec<&'static str>,
    /// The component whose move to its next better band would raise the total most.
    pub biggest_win: Option<&'static str>,
    /// One explanation per component, in key order.
    pub explanations: Vec<Explanation>,
    /// Citation.
    pub source: &'static str,
}

/// A component's plain-English name.
pub fn label(component: &str) -> &'static str {
    match component {
        "blood_pressure" => "Blood pressure",
        "sleep" => "Sleep",
        "physical_activity" => "Physical activity",
        "diet" => "Diet",
        "bmi" => "Body mass index (BMI)",
        "blood_lipids" => "Cholesterol",
        "blood_glucose" => "Blood glucose",
        "nicotine" => "Smoking and vaping",
        _ => "",
    }
}

fn blank(component: &'static str) -> Explanation {
    Explanation {
        component,
        label: label(component),
        status: Status::Missing,
        points: None,
        value: None,
        band: None,
        evidence: Vec::new(),
        from: None,
        to: None,
        next_points: None,
        next: None,
        prompt: None,
    }
}

/// Entries of a kind in the `window` ending at the latest, when the latest is within `fresh` of
/// now. `Err(latest)` when the latest is stale; `Ok(empty)` when there is none.
fn window<'a>(
    view: &View<'a>,
    kind: ObsKind,
    window_secs: i64,
    fresh: i64,
) -> Result<Vec<&'a Observation>, &'a Observation> {
    let Some(latest) = view.latest(kind) else { return Ok(Vec::new()) };
    if !within(latest.at, view.now, fresh) {
        return Err(latest);
    }
    Ok(view.of(kind).iter().copied().filter(|o| within(o.at, latest.at, window_secs)).collect())
}

fn span(e: &mut Explanation, obs: &[&Observation]) {
    e.evidence = obs.iter().map(|o| o.id.clone()).collect();
    e.from = obs.iter().map(|o| o.at).min().map(fmt_instant);
    e.to = obs.iter().map(|o| o.at).max().map(fmt_instant);
}

fn stale(e: &mut Explanation, latest: &Observation, prompt: &str, issues: &mut Vec<Issue>) {
    e.status = Status::Stale;
    e.prompt = Some(prompt.to_string());
    e.to = Some(fmt_instant(latest.at));
    issues.push(Issue::warning(
        IssueCode::Stale,
        format!("score.{}", e.component),
        format!(
            "Your latest {} is too old to score ({}). {prompt}",
            crate::fields::in_sentence(e.label),
            crate::time::human_date(latest.at.date_naive())
        ),
    ));
}

fn one_dp(x: f64) -> String {
    fmt_num((x * 10.0).round() / 10.0)
}

fn blood_pressure(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("blood_pressure");
    let prompt = "Take home blood pressure readings (2 seated readings a minute apart, morning and evening).";
    let obs = match window(view, ObsKind::BloodPressure, AVERAGE_SECS, SELF_MEASURED_SECS) {
        Err(latest) => {
            stale(&mut e, latest, prompt, issues);
            return e;
        }
        Ok(o) if o.is_empty() => {
            e.prompt = Some(prompt.into());
            return e;
        }
        Ok(o) => o,
    };
    let (mut s, mut d) = (0.0, 0.0);
    for o in &obs {
        if let ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } = o.value {
            s += systolic_mmhg;
            d += diastolic_mmhg;
        }
    }
    let n = obs.len() as f64;
    let (s, d) = (s / n, d / n);
    let sys_pts =
        band_from_top(s, &[(160.0, 0u8), (140.0, 25), (130.0, 50), (120.0, 75), (f64::MIN, 100)]).unwrap_or(0);
    let dia_pts = band_from_top(d, &[(100.0, 0u8), (90.0, 25), (80.0, 50), (f64::MIN, 100)]).unwrap_or(0);
    let raw = sys_pts.min(dia_pts);
    let treated = view.record.profile.takes(Medication::Antihypertensive);
    let adj = |p: u8| if treated { p.saturating_sub(20) } else { p };
    e.status = Status::Scored;
    e.points = Some(adj(raw));
    e.value = Some(format!(
        "{}/{} mmHg, the average of {} reading{} over 30 days",
        one_dp(s),
        one_dp(d),
        obs.len(),
        if obs.len() == 1 { "" } else { "s" }
    ));
    e.band = Some(format!(
        "systolic {} points, diastolic {} points; the lower counts{}",
        sys_pts,
        dia_pts,
        if treated { ", minus 20 for blood-pressure treatment" } else { "" }
    ));
    span(&mut e, &obs);
    // Next level: (points, systolic below, diastolic below).
    let levels: [(u8, f64, f64); 4] = [(25, 160.0, 100.0), (50, 140.0, 90.0), (75, 130.0, 80.0), (100, 120.0, 80.0)];
    if let Some((p, sb, db)) = levels.iter().find(|(p, _, _)| *p > raw && adj(*p) > adj(raw)) {
        e.next_points = Some(adj(*p));
        e.next = Some(format!("An average below {}/{} mmHg would score {}.", fmt_num(*sb), fmt_num(*db), adj(*p)));
    }
    e
}

fn sleep(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("sleep");
    let prompt = "Log how many hours you sleep each night.";
    let obs = match window(view, ObsKind::Sleep, AVERAGE_SECS, SELF_MEASURED_SECS) {
        Err(latest) => {
            stale(&mut e, latest, prompt, issues);
            return e;
        }
        Ok(o) if o.is_empty() => {
            e.prompt = Some(prompt.into());
            return e;
        }
        Ok(o) => o,
    };
    let h = obs
        .iter()
        .filter_map(|o| if let ObsValue::Sleep { hours } = o.value { Some(hours) } else { None })
        .sum::<f64>()
        / obs.len() as f64;
    let (points, band, next): (u8, &str, Option<(u8, &str)>) = if h >= 10.0 - 1e-9 {
        (40, "10 hours or more", Some((90, "Sleeping 9 to under 10 hours a night on average would score 90.")))
    } else if h >= 9.0 - 1e-9 {
        (90, "9 to under 10 hours", Some((100, "Sleeping 7 to under 9 hours a night on average would score 100.")))
    } else if h >= 7.0 - 1e-9 {
        (100, "7 to under 9 hours", None)
    } else if h >= 6.0 - 1e-9 {
        (70, "6 to under 7 hours", Some((100, "Sleeping at least 7 hours a night on average would score 100.")))
    } else if h >= 5.0 - 1e-9 {
        (40, "5 to under 6 hours", Some((70, "Sleeping at least 6 hours a night on average would score 70.")))
    } else if h >= 4.0 - 1e-9 {
        (20, "4 to under 5 hours", Some((40, "Sleeping at least 5 hours a night on average would score 40.")))
    } else {
        (0, "under 4 hours", Some((20, "Sleeping at least 4 hours a night on average would score 20.")))
    };
    e.status = Status::Scored;
    e.points = Some(points);
    e.value = Some(format!(
        "{} hours a night, the average of {} night{} over 30 days",
        one_dp(h),
        obs.len(),
        if obs.len() == 1 { "" } else { "s" }
    ));
    e.band = Some(band.into());
    span(&mut e, &obs);
    if let Some((p, w)) = next {
        e.next_points = Some(p);
        e.next = Some(w.into());
    }
    e
}

fn latest_scored<'a>(
    view: &View<'a>,
    kind: ObsKind,
    fresh: i64,
    e: &mut Explanation,
    prompt: &str,
    issues: &mut Vec<Issue>,
) -> Option<&'a Observation> {
    match view.latest(kind) {
        None => {
            e.prompt = Some(prompt.into());
            None
        }
        Some(o) if !within(o.at, view.now, fresh) => {
            stale(e, o, prompt, issues);
            None
        }
        Some(o) => {
            span(e, &[o]);
            Some(o)
        }
    }
}

fn physical_activity(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("physical_activity");
    let prompt = "Log how many minutes of moderate and vigorous activity you do in a typical week.";
    let Some(o) = latest_scored(view, ObsKind::Activity, SELF_MEASURED_SECS, &mut e, prompt, issues) else { return e };
    let ObsValue::Activity { moderate_min_per_week, vigorous_min_per_week } = o.value else { return e };
    let m = moderate_min_per_week + 2.0 * vigorous_min_per_week;
    let bands: [(f64, u8); 7] =
        [(150.0, 100), (120.0, 90), (90.0, 80), (60.0, 60), (30.0, 40), (1.0, 20), (f64::MIN, 0)];
    let points = band_from_top(m, &bands).unwrap_or(0);
    e.status = Status::Scored;
    e.points = Some(points);
    e.value = Some(format!(
        "{} moderate-equivalent minutes a week ({} moderate + 2 \u{d7} {} vigorous)",
        fmt_num(m),
        fmt_num(moderate_min_per_week),
        fmt_num(vigorous_min_per_week)
    ));
    e.band = Some(match points {
        100 => "150 minutes or more".into(),
        90 => "120 to 149 minutes".into(),
        80 => "90 to 119 minutes".into(),
        60 => "60 to 89 minutes".into(),
        40 => "30 to 59 minutes".into(),
        20 => "1 to 29 minutes".into(),
        _ => "none".into(),
    });
    if let Some((lower, p)) = bands.iter().rev().find(|(_, p)| *p > points) {
        e.next_points = Some(*p);
        e.next = Some(format!(
            "{} more minutes of moderate activity a week (or half as many vigorous) would reach {} minutes and score {}.",
            fmt_num((lower - m).ceil()),
            fmt_num(*lower),
            p
        ));
    }
    e
}

fn diet(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("diet");
    let prompt = "Answer the 16 diet questions (the MEPA questionnaire) on the Check page.";
    let q = view.latest_questionnaire(Instrument::Mepa);
    let Some(q) = q else {
        e.prompt = Some(prompt.into());
        return e;
    };
    if !within(q.at, view.now, SELF_MEASURED_SECS) {
        e.status = Status::Stale;
        e.prompt = Some(prompt.into());
        issues.push(Issue::warning(
            IssueCode::Stale,
            "score.diet",
            format!("Your diet answers are more than a year old. {prompt}"),
        ));
        return e;
    }
    let t = q.total();
    let bands: [(f64, u8); 5] = [(15.0, 100), (12.0, 80), (8.0, 50), (4.0, 25), (f64::MIN, 0)];
    let points = band_from_top(f64::from(t), &bands).unwrap_or(0);
    e.status = Status::Scored;
    e.points = Some(points);
    e.value = Some(format!("{t} of 16 diet questions met"));
    e.band = Some(match points {
        100 => "15 to 16".into(),
        80 => "12 to 14".into(),
        50 => "8 to 11".into(),
        25 => "4 to 7".into(),
        _ => "0 to 3".into(),
    });
    e.evidence = vec![q.id.clone()];
    e.to = Some(fmt_instant(q.at));
    e.from = e.to.clone();
    if let Some((lower, p)) = bands.iter().rev().find(|(_, p)| *p > points) {
        e.next_points = Some(*p);
        e.next = Some(format!("Meeting {} more of the 16 diet goals would score {p}.", fmt_num(lower - f64::from(t))));
    }
    e
}

fn bmi(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("bmi");
    let Some(h) = view.record.profile.height_cm else {
        e.prompt = Some("Add your height and weight.".into());
        return e;
    };
    let Some(o) = latest_scored(view, ObsKind::Weight, SELF_MEASURED_SECS, &mut e, "Log your weight.", issues) else {
        return e;
    };
    let ObsValue::Weight { kg } = o.value else { return e };
    let m2 = (h / 100.0).powi(2);
    let b = kg / m2;
    e.value = Some(format!("BMI {} (weight {} kg, height {} cm)", one_dp(b), one_dp(kg), fmt_num(h)));
    let under = crate::thresholds::BMI_UNDERWEIGHT_BELOW;
    if b < under {
        e.status = Status::NeedsReview;
        e.band = Some(format!("below {under} (underweight)"));
        e.prompt = Some(format!("A BMI below {under} is not scored. Talk to your GP practice about your weight."));
        issues.push(Issue::warning(
            IssueCode::NeedsReview,
            "score.bmi",
            format!("Your BMI is below {under}, so the health score does not count it. Please talk to your GP practice about your weight."),
        ));
        return e;
    }
    let bands: [(f64, u8); 5] = [(40.0, 0), (35.0, 15), (30.0, 30), (25.0, 70), (f64::MIN, 100)];
    let points = band_from_top(b, &bands).unwrap_or(0);
    e.status = Status::Scored;
    e.points = Some(points);
    e.band = Some(match points {
        100 => "18.5 to under 25".into(),
        70 => "25 to under 30".into(),
        30 => "30 to under 35".into(),
        15 => "35 to under 40".into(),
        _ => "40 or more".into(),
    });
    if let Some(i) = bands.iter().position(|(_, p)| *p == points) {
        if let Some((_, p)) = bands.get(i + 1) {
            let below = bands[i].0;
            let target = below * m2;
            e.next_points = Some(*p);
            e.next = Some(format!(
                "A BMI below {} (weight under {} kg at your height) would score {p}: about {} kg less.",
                fmt_num(below),
                one_dp(target),
                one_dp((kg - target).max(0.1))
            ));
        }
    }
    e
}

fn blood_lipids(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("blood_lipids");
    let prompt = "Add your cholesterol result (total and HDL), for example from your NHS Health Check.";
    let Some(o) = latest_scored(view, ObsKind::Cholesterol, LAB_SECS, &mut e, prompt, issues) else { return e };
    let ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l } = o.value else { return e };
    let non_hdl = total_mmol_l - hdl_mmol_l;
    // Published in mg/dL (130, 160, 190, 220); converted with the factor of clinical-reference §1.
    let c = |mgdl: f64| mgdl / CHOLESTEROL_MGDL_PER_MMOLL;
    let bands: [(f64, u8); 5] = [(c(220.0), 0), (c(190.0), 20), (c(160.0), 40), (c(130.0), 60), (f64::MIN, 100)];
    let raw = band_from_top(non_hdl, &bands).unwrap_or(0);
    let treated = view.record.profile.takes(Medication::LipidLowering);
    let adj = |p: u8| if treated { p.saturating_sub(20) } else { p };
    e.status = Status::Scored;
    e.points = Some(adj(raw));
    e.value = Some(format!(
        "non-HDL cholesterol {} mmol/L (total {} minus HDL {})",
        one_dp(non_hdl),
        fmt_num(total_mmol_l),
        fmt_num(hdl_mmol_l)
    ));
    e.band =
        Some(format!("{raw} points{}", if treated { ", minus 20 for cholesterol-lowering treatment" } else { "" }));
    if let Some(i) = bands.iter().position(|(_, p)| *p == raw) {
        if let Some(next) = bands[i + 1..].iter().find(|(_, p)| adj(*p) > adj(raw)) {
            let upper = bands[bands.iter().position(|b| b.1 == next.1).unwrap_or(0) - 1].0;
            e.next_points = Some(adj(next.1));
            let cents = (upper * 100.0).round() as i64;
            e.next = Some(format!(
                "Non-HDL cholesterol below {}.{:02} mmol/L would score {}.",
                cents / 100,
                cents % 100,
                adj(next.1)
            ));
        }
    }
    e
}

fn blood_glucose(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("blood_glucose");
    let diabetes = view.record.profile.has_diabetes();
    let hba1c = view.latest(ObsKind::Hba1c);
    let fresh_hba1c = hba1c.filter(|o| within(o.at, view.now, LAB_SECS));
    if let Some(o) = fresh_hba1c {
        let ObsValue::Hba1c { mmol_mol: h } = o.value else { return e };
        span(&mut e, &[o]);
        e.value =
            Some(format!("HbA1c {} mmol/mol ({}%)", one_dp(h), one_dp(crate::units::hba1c_mmolmol_to_percent(h))));
        if diabetes {
            let bands: [(f64, u8); 5] =
                [(a1c(10.0), 0), (a1c(9.0), 10), (a1c(8.0), 20), (a1c(7.0), 30), (f64::MIN, 40)];
            let points = band_from_top(h, &bands).unwrap_or(0);
            e.status = Status::Scored;
            e.points = Some(points);
            e.band = Some(format!("with diabetes: {points} points (40 is the most with diabetes)"));
            if let Some(i) = bands.iter().position(|(_, p)| *p == points) {
                if i + 1 < bands.len() {
                    e.next_points = Some(bands[i + 1].1);
                    e.next = Some(format!(
                        "An HbA1c below {} mmol/mol would score {}.",
                        fmt_num(bands[i].0.ceil()),
                        bands[i + 1].1
                    ));
                }
            }
            return e;
        }
        if h >= crate::thresholds::HBA1C_TARGET_MMOL_MOL {
            return needs_review(e, issues, &format!("Your HbA1c is in the diabetes range ({} mmol/mol or more). It is not scored: please see your GP practice.", crate::thresholds::HBA1C_TARGET_MMOL_MOL));
        }
        let points = if h >= a1c(5.7) { 60 } else { 100 };
        e.status = Status::Scored;
        e.points = Some(points);
        e.band = Some(if points == 60 { "39 to 47 mmol/mol (raised)".into() } else { "below 39 mmol/mol".into() });
        if points == 60 {
            e.next_points = Some(100);
            e.next = Some("An HbA1c below 39 mmol/mol would score 100.".into());
        }
        return e;
    }
    if diabetes {
        let prompt = "With diabetes, the score uses your HbA1c, not finger-prick glucose: add your latest HbA1c result (your diabetes review gives one).";
        match hba1c {
            Some(o) => stale(&mut e, o, prompt, issues),
            None => e.prompt = Some(prompt.into()),
        }
        return e;
    }
    // No diabetes and no usable HbA1c: the latest fasting glucose within 2 years.
    let fasting = view
        .of(ObsKind::Glucose)
        .iter()
        .copied()
        .filter(|o| matches!(o.value, ObsValue::Glucose { context: crate::vocab::GlucoseContext::Fasting, .. }))
        .fold(None::<&Observation>, |best, o| if best.is_none_or(|b| o.at >= b.at) { Some(o) } else { best });
    let prompt = "Log a fasting glucose (before breakfast, nothing to eat for 8 hours) or add an HbA1c result: other glucose readings do not count here.";
    let Some(o) = fasting.filter(|o| within(o.at, view.now, LAB_SECS)) else {
        match hba1c.or(fasting) {
            Some(o) => stale(&mut e, o, prompt, issues),
            None => {
                // A glucose was logged, but not fasting: say why it does not count.
                let latest = view.latest(ObsKind::Glucose).filter(|o| within(o.at, view.now, LAB_SECS));
                e.prompt = Some(match latest {
                    Some(g) => format!(
                        "Your glucose of {} was not taken fasting, so it does not count: the score needs a fasting glucose (before breakfast, nothing to eat for 8 hours) or an HbA1c result.",
                        crate::time::human_date(g.at.date_naive())
                    ),
                    None => prompt.into(),
                });
            }
        }
        return e;
    };
    let ObsValue::Glucose { mmol_l: g, .. } = o.value else { return e };
    span(&mut e, &[o]);
    e.value = Some(format!("fasting glucose {} mmol/L", one_dp(g)));
    let diabetes_range = crate::thresholds::FASTING_GLUCOSE_DIABETES_MMOL_L;
    if g >= diabetes_range {
        return needs_review(e, issues, &format!("Your fasting glucose is in the diabetes range ({diabetes_range:.1} mmol/L or more). It is not scored: please see your GP practice."));
    }
    let points = if g >= 100.0 / GLUCOSE_MGDL_PER_MMOLL { 60 } else { 100 };
    e.status = Status::Scored;
    e.points = Some(points);
    e.band = Some(if points == 60 { "5.6 to 6.9 mmol/L (raised)".into() } else { "below 5.6 mmol/L".into() });
    if points == 60 {
        e.next_points = Some(100);
        e.next = Some("A fasting glucose below 5.55 mmol/L would score 100.".into());
    }
    e
}

fn needs_review(mut e: Explanation, issues: &mut Vec<Issue>, message: &str) -> Explanation {
    e.status = Status::NeedsReview;
    e.prompt = Some(message.into());
    issues.push(Issue::warning(IssueCode::NeedsReview, "score.blood_glucose", message));
    e
}

fn nicotine(view: &View<'_>, issues: &mut Vec<Issue>) -> Explanation {
    let mut e = blank("nicotine");
    let Some(s) = &view.record.profile.smoking else {
        e.prompt = Some("Add whether you smoke or vape.".into());
        return e;
    };
    let base = |status: SmokingStatus, years: Option<f64>| -> Option<u8> {
        match status {
            SmokingStatus::Never => Some(100),
            SmokingStatus::Current => Some(0),
            SmokingStatus::Former => {
                let y = years?;
                Some(if y >= 5.0 {
                    75
                } else if y >= 1.0 {
                    50
                } else {
                    25
                })
            }
        }
    };
    let apply = |b: u8, vapes: bool, home: bool| -> u8 {
        let capped = if vapes { b.min(25) } else { b };
        if home && capped > 0 {
            capped.saturating_sub(20)
        } else {
            capped
        }
    };
    let years = match (s.status, s.quit_date) {
        (SmokingStatus::Former, Some(q)) => {
            let quit = q.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
            match quit {
                Some(t) if t <= view.now => Some(years_between(t, view.now)),
                _ => {
                    issues.push(Issue::warning(
                        IssueCode::InFuture,
                        "profile.smoking.quit_date",
                        "The date you stopped smoking is after today, so smoking was not scored.",
                    ));
                    e.status = Status::Incomplete;
                    return e;
                }
            }
        }
        _ => None,
    };
    let Some(b) = base(s.status, years) else {
        e.status = Status::Incomplete;
        e.prompt = Some("Add the date you stopped smoking.".into());
        return e;
    };
    let points = apply(b, s.vapes, s.home_indoor_smoker);
    e.status = Status::Scored;
    e.points = Some(points);
    e.value = Some(match s.status {
        SmokingStatus::Never => "never smoked".into(),
        SmokingStatus::Current => "smokes now".into(),
        SmokingStatus::Former => format!("stopped smoking {} years ago", one_dp(years.unwrap_or(0.0))),
    });
    let mut band = format!("{b} points");
    if s.vapes {
        band.push_str(", vaping caps it at 25");
    }
    if s.home_indoor_smoker && points < b.min(if s.vapes { 25 } else { 100 }) {
        band.push_str(", minus 20 for someone smoking indoors at home");
    }
    e.band = Some(band);
    // Next better band: the smallest single change that scores more.
    let mut options: Vec<(u8, &str)> = Vec::new();
    match s.status {
        SmokingStatus::Current => options.push((
            apply(25, s.vapes, s.home_indoor_smoker),
            "Stopping smoking would score 25 straight away, rising to 75 after 5 years.",
        )),
        SmokingStatus::Former => match years {
            Some(y) if y < 1.0 => options
                .push((apply(50, s.vapes, s.home_indoor_smoker), "Staying smoke-free for a full year will score 50.")),
            Some(y) if y < 5.0 => options
                .push((apply(75, s.vapes, s.home_indoor_smoker), "Staying smoke-free for 5 years will score 75.")),
            _ => {}
        },
        SmokingStatus::Never => {}
    }
    if s.vapes {
        options.push((apply(b, false, s.home_indoor_smoker), "Stopping vaping would lift the cap of 25."));
    }
    if s.home_indoor_smoker {
        options.push((apply(b, s.vapes, false), "A smoke-free home (no one smoking indoors) would add 20."));
    }
    if let Some((p, w)) = options.into_iter().filter(|(p, _)| *p > points).min_by_key(|(p, _)| *p) {
        e.next_points = Some(p);
        e.next = Some(w.into());
    }
    e
}

/// The Life's Essential 8 score for the view, with the issues that explain missing parts.
pub fn assess(view: &View<'_>) -> (Option<Score>, Vec<Issue>) {
    let mut issues = Vec::new();
    if view.age.is_some_and(|a| a < MIN_AGE) {
        issues.push(Issue::info(
            IssueCode::NotApplicable,
            "score",
            "The health score (Life's Essential 8) is defined for adults aged 20 and over, so it was not worked out.",
        ));
        return (None, issues);
    }
    let explanations = vec![
        diet(view, &mut issues),
        physical_activity(view, &mut issues),
        nicotine(view, &mut issues),
        sleep(view, &mut issues),
        bmi(view, &mut issues),
        blood_lipids(view, &mut issues),
        blood_glucose(view, &mut issues),
        blood_pressure(view, &mut issues),
    ];
    let p = |i: usize| explanations[i].points;
    let components = Components {
        diet: p(0),
        physical_activity: p(1),
        nicotine: p(2),
        sleep: p(3),
        bmi: p(4),
        blood_lipids: p(5),
        blood_glucose: p(6),
        blood_pressure: p(7),
    };
    let missing: Vec<&'static str> = COMPONENTS.iter().copied().filter(|k| components.get(k).is_none()).collect();
    let complete = missing.is_empty();
    let total =
        complete.then(|| COMPONENTS.iter().map(|k| f64::from(components.get(k).unwrap_or(0))).sum::<f64>() / 8.0);
    let category = total.map(Category::of);
    let mut biggest_win = None;
    let mut best_gain = 0u8;
    for k in WIN_ORDER {
        let Some(ex) = explanations.iter().find(|x| x.component == k) else { continue };
        if let (Some(now), Some(next)) = (ex.points, ex.next_points) {
            let gain = next.saturating_sub(now);
            if gain > best_gain {
                best_gain = gain;
                biggest_win = Some(k);
            }
        }
    }
    (Some(Score { total, category, complete, components, missing, biggest_win, explanations, source: SOURCE }), issues)
}
