//! Self-care protocols as data (like the red-flag table): each has an id, the domain it belongs to,
//! when it applies (in words and as a predicate over the assessment's view), the advice in plain
//! English with concrete actions, a recheck interval where one applies, its citation from
//! clinical-reference.md and an unverified mark. `advise` turns a record into advice items and a
//! recheck plan.
//!
//! Safety: advice never contradicts a red flag. "Keep going" (reassuring) advice is left out when
//! any flag is urgent or an emergency, and when any flag concerns the same domain.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::bands::Test;
use crate::fields::fmt_num;
use crate::record::{ObsValue, Observation};
use crate::red_flags::{Level, RedFlag};
use crate::thresholds::{
    HBA1C_TARGET_HYPO_RISK_MMOL_MOL, HBA1C_TARGET_MMOL_MOL, HYPO_BELOW_MMOL_L, WAIST_TO_HEIGHT_BMI_BELOW,
    WAIST_TO_HEIGHT_RISK,
};
use crate::time::{fmt_date, within, DAY_SECS, YEAR_SECS};
use crate::view::{HomeAverage, View};
use crate::vocab::{Condition, Ethnicity, Instrument, Medication, ObsKind, SmokingStatus};

/// What a protocol is about (used to keep reassurance away from a flag in the same area).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Blood pressure.
    BloodPressure,
    /// Diabetes.
    Diabetes,
    /// Asthma.
    Asthma,
    /// Weight.
    Weight,
    /// Physical activity.
    Activity,
    /// Sleep.
    Sleep,
    /// Alcohol.
    Alcohol,
    /// Smoking and vaping.
    Smoking,
    /// Diet.
    Diet,
    /// Mood and anxiety.
    Mood,
    /// Sore throat.
    SoreThroat,
}

impl Domain {
    /// Whether a red flag belongs to this domain.
    fn owns(self, flag_id: &str) -> bool {
        let prefix = match self {
            Domain::BloodPressure => "bp.",
            Domain::Diabetes => "diabetes.",
            Domain::Asthma => "asthma.",
            Domain::Mood => "mood.",
            _ => return false,
        };
        flag_id.starts_with(prefix)
    }
}

/// What completes a recheck.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "code", rename_all = "snake_case")]
pub enum Recheck {
    /// A new reading of this kind.
    Reading(ObsKind),
    /// A new questionnaire.
    Questionnaire(Instrument),
    /// A review with the GP practice or asthma nurse (Hale cannot see it happen); its days are
    /// working days, weekends skipped (bank holidays are not known to Hale).
    PracticeReview,
}

/// What a predicate found: why the protocol applies, the entries behind it, when the recheck
/// interval starts, and actions specific to the person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Why it applies, in words with the person's numbers.
    pub why: String,
    /// Ids of the entries behind it.
    pub evidence: Vec<String>,
    /// When the recheck interval starts (the latest entry behind it).
    pub since: Option<DateTime<Utc>>,
    /// Actions that depend on the person, placed before the protocol's own.
    pub personal: Vec<String>,
}

/// A protocol.
#[derive(Clone, Copy, Debug)]
pub struct Protocol {
    /// Stable id.
    pub id: &'static str,
    /// Domain.
    pub domain: Domain,
    /// Short title.
    pub title: &'static str,
    /// When it applies, in plain words.
    pub applies_when: &'static str,
    /// The actions, in order.
    pub actions: &'static [&'static str],
    /// Days until a recheck, where one applies.
    pub recheck_in_days: Option<u32>,
    /// What completes the recheck.
    pub recheck: Option<Recheck>,
    /// Citation.
    pub source: &'static str,
    /// What the reference marks UNVERIFIED, if anything.
    pub unverified: Option<&'static str>,
    /// Reassuring ("keep going") advice.
    pub reassuring: bool,
    /// The predicate.
    pub applies: fn(&Ctx<'_, '_>) -> Option<Applied>,
}

/// What the predicates read.
#[derive(Debug)]
pub struct Ctx<'v, 'a> {
    /// The view of the record at `now`.
    pub view: &'v View<'a>,
    /// The home average, if any.
    pub home: Option<&'v HomeAverage>,
}

// ---- Thresholds (each with its source) -------------------------------------------------------

/// Home average stage 1 threshold (NICE NG136 1.2; clinical-reference §3.1).
pub const HOME_STAGE1: (f64, f64) = (135.0, 85.0);
/// Home target at 80 or over (NICE NG136 1.4.22, 2019, amended 2022; clinical-reference §3.3).
pub const HOME_TARGET_80_PLUS: (f64, f64) = (145.0, 85.0);
/// Type 1 diabetes under 80 with an albumin:creatinine ratio of 70 mg/mmol or more: clinic below
/// 130/80, so at home below 125/75 (NICE NG136 tables 1–2, citing NG17 1.13.8; clinical-reference §3.3).
pub const T1D_HOME_TARGET_ACR_70: (f64, f64) = (125.0, 75.0);
/// Weekly activity (UK CMO 2019; clinical-reference §9).
pub const ACTIVITY_MIN_PER_WEEK: f64 = 150.0;
/// Alcohol (UK CMO 2016; clinical-reference §9).
pub const ALCOHOL_UNITS_PER_WEEK: f64 = 14.0;
/// Sleep (LE8 / NHS; clinical-reference §9).
pub const SLEEP_HOURS: (f64, f64) = (7.0, 9.0);
/// BMI overweight and obesity thresholds, general and for South Asian, Chinese, other Asian,
/// Middle Eastern, Black African or African-Caribbean family backgrounds (NICE; clinical-reference §9).
pub const BMI_GENERAL: (f64, f64) = (25.0, 30.0);
/// See `BMI_GENERAL`.
pub const BMI_LOWER: (f64, f64) = (23.0, 27.5);
/// Talking Therapies self-referral threshold for PHQ-9 and GAD-7 (screening cut-off ≥10; §6).
pub const MOOD_SELF_REFERRAL: u32 = 10;

fn fmt_bp(s: f64, d: f64) -> String {
    format!("{}/{}", fmt_num(s.round()), fmt_num(d.round()))
}

fn latest_value<'a>(v: &View<'a>, kind: ObsKind, secs: i64) -> Option<&'a Observation> {
    v.latest_within(kind, secs)
}

pub(crate) fn lower_bmi_thresholds(e: Option<Ethnicity>) -> bool {
    matches!(
        e,
        Some(
            Ethnicity::Indian
                | Ethnicity::Pakistani
                | Ethnicity::Bangladeshi
                | Ethnicity::OtherAsian
                | Ethnicity::Chinese
                | Ethnicity::BlackAfrican
                | Ethnicity::BlackCaribbean
        )
    )
}

/// BMI from the latest weight within a year and the height.
fn bmi<'a>(v: &View<'a>) -> Option<(f64, &'a Observation)> {
    let h = v.record.profile.height_cm?;
    let o = latest_value(v, ObsKind::Weight, YEAR_SECS)?;
    let ObsValue::Weight { kg } = o.value else { return None };
    Some((kg / (h / 100.0).powi(2), o))
}

pub(crate) fn home_target(v: &View<'_>) -> (f64, f64) {
    if v.record.profile.has(Condition::Hypertension)
        && v.age.is_some_and(|a| a >= crate::thresholds::BP_OLDER_TARGET_FROM_AGE)
    {
        HOME_TARGET_80_PLUS
    } else {
        HOME_STAGE1
    }
}

fn home_above<'v>(c: &Ctx<'v, '_>) -> Option<&'v HomeAverage> {
    let h = c.home?;
    let (s, d) = home_target(c.view);
    (Test::AtLeast(s).holds(h.systolic_mmhg) || Test::AtLeast(d).holds(h.diastolic_mmhg)).then_some(h)
}

fn home_why(h: &HomeAverage) -> String {
    format!(
        "Your home blood pressure averages {} mmHg ({} readings over {} days to {}).",
        fmt_bp(h.systolic_mmhg, h.diastolic_mmhg),
        h.readings,
        h.days,
        crate::time::parse_rfc3339(&h.to).map_or_else(|| h.to.clone(), |t| crate::time::human_date(t.date_naive()))
    )
}

fn since(h: &HomeAverage) -> Option<DateTime<Utc>> {
    crate::time::parse_rfc3339(&h.to)
}

// ---- Predicates ------------------------------------------------------------------------------

fn p_bp_how_to(c: &Ctx<'_, '_>) -> Option<Applied> {
    if c.home.is_some() {
        return None;
    }
    let o = latest_value(c.view, ObsKind::BloodPressure, 30 * DAY_SECS)?;
    Some(Applied {
        why: "Hale works out your home blood pressure average once you have readings on at least 4 days in a week."
            .into(),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal: Vec::new(),
    })
}

fn p_bp_lifestyle(c: &Ctx<'_, '_>) -> Option<Applied> {
    let h = home_above(c)?;
    let v = c.view;
    let p = &v.record.profile;
    let mut personal = Vec::new();
    personal.push(format!(
        "Be active for at least {} minutes a week, for example brisk walking, in bouts that fit your day.",
        fmt_num(ACTIVITY_MIN_PER_WEEK)
    ));
    if let Some((b, _)) = bmi(v) {
        let over = if lower_bmi_thresholds(p.ethnicity) { BMI_LOWER.0 } else { BMI_GENERAL.0 };
        if b >= over {
            personal.push(format!(
                "Your BMI is {}: aim to lose about 2 kg to start with.",
                fmt_num((b * 10.0).round() / 10.0)
            ));
        }
    }
    personal
        .push("Cut down on salt to less than 6 g a day: check food labels and do not add salt at the table.".into());
    if let Some(Observation { value: ObsValue::Alcohol { units_per_week }, .. }) =
        latest_value(v, ObsKind::Alcohol, YEAR_SECS)
    {
        if *units_per_week > ALCOHOL_UNITS_PER_WEEK {
            personal.push(format!(
                "Keep alcohol to no more than {} units a week (you logged {}).",
                fmt_num(ALCOHOL_UNITS_PER_WEEK),
                fmt_num(*units_per_week)
            ));
        }
    }
    if p.smoking.as_ref().is_some_and(|s| s.status == SmokingStatus::Current) {
        personal.push("Stopping smoking protects your heart: the NHS Stop Smoking Service can help you quit.".into());
    }
    Some(Applied { why: home_why(h), evidence: h.evidence.clone(), since: since(h), personal })
}

fn p_bp_on_target(c: &Ctx<'_, '_>) -> Option<Applied> {
    let h = c.home?;
    if home_above(c).is_some() || !c.view.record.profile.has(Condition::Hypertension) {
        return None;
    }
    let (s, d) = home_target(c.view);
    Some(Applied {
        why: format!("{} That is below your home target of {}.", home_why(h), fmt_bp(s, d)),
        evidence: h.evidence.clone(),
        since: since(h),
        personal: Vec::new(),
    })
}

fn diabetes_target(v: &View<'_>) -> f64 {
    let p = &v.record.profile;
    if p.has(Condition::Type2Diabetes)
        && !p.has(Condition::Type1Diabetes)
        && (p.takes(Medication::Insulin) || p.takes(Medication::Sulfonylurea))
    {
        HBA1C_TARGET_HYPO_RISK_MMOL_MOL
    } else {
        HBA1C_TARGET_MMOL_MOL
    }
}

fn p_hba1c(c: &Ctx<'_, '_>, above: bool) -> Option<Applied> {
    let v = c.view;
    if !v.record.profile.has_diabetes() {
        return None;
    }
    let o = latest_value(v, ObsKind::Hba1c, YEAR_SECS)?;
    let ObsValue::Hba1c { mmol_mol } = o.value else { return None };
    let target = diabetes_target(v);
    if (mmol_mol > target) != above {
        return None;
    }
    Some(Applied {
        why: format!(
            "Your latest HbA1c is {} mmol/mol; the usual target for you is {} mmol/mol or less.",
            fmt_num(mmol_mol),
            fmt_num(target)
        ),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal: Vec::new(),
    })
}

fn p_hba1c_above(c: &Ctx<'_, '_>) -> Option<Applied> {
    p_hba1c(c, true)
}

fn p_hba1c_on_target(c: &Ctx<'_, '_>) -> Option<Applied> {
    p_hba1c(c, false)
}

fn p_glucose_diary(c: &Ctx<'_, '_>) -> Option<Applied> {
    let p = &c.view.record.profile;
    p.has(Condition::Type1Diabetes).then(|| Applied {
        why: "With type 1 diabetes, a glucose diary shows you and your team how your levels change through the day."
            .into(),
        ..Applied::default()
    })
}

fn p_hypo(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let p = &v.record.profile;
    let low: Vec<&Observation> = v
        .of(ObsKind::Glucose)
        .iter()
        .copied()
        .filter(|o| within(o.at, v.now, 30 * DAY_SECS))
        .filter(|o| matches!(o.value, ObsValue::Glucose { mmol_l, .. } if mmol_l < HYPO_BELOW_MMOL_L))
        .collect();
    let at_risk = p.has_diabetes() && (p.takes(Medication::Insulin) || p.takes(Medication::Sulfonylurea));
    if low.is_empty() && !at_risk {
        return None;
    }
    let why = if low.is_empty() {
        "Your diabetes medicines can cause a hypo (glucose below 4.0 mmol/L), so it helps to know what to do."
            .to_string()
    } else {
        format!(
            "You logged {} glucose reading{} below 4.0 mmol/L in the last 30 days.",
            low.len(),
            if low.len() == 1 { "" } else { "s" }
        )
    };
    Some(Applied { why, evidence: low.iter().map(|o| o.id.clone()).collect(), ..Applied::default() })
}

fn p_sick_day(c: &Ctx<'_, '_>) -> Option<Applied> {
    let p = &c.view.record.profile;
    if !p.has_diabetes() {
        return None;
    }
    let sadmans: Vec<&str> = [
        (Medication::Sglt2Inhibitor, "SGLT2 inhibitor"),
        (Medication::Metformin, "metformin"),
        (Medication::Sulfonylurea, "sulfonylurea"),
        (Medication::Antihypertensive, "blood-pressure tablets (if they are ACE inhibitors, ARBs or diuretics)"),
    ]
    .iter()
    .filter(|(m, _)| p.takes(*m))
    .map(|(_, n)| *n)
    .collect();
    let mut personal = Vec::new();
    // Kept unless the record says otherwise: type 1 diabetes implies insulin, and with no
    // medicines recorded Hale does not know, so the safety advice stays.
    if p.has(Condition::Type1Diabetes) || p.takes(Medication::Insulin) || p.medications.is_empty() {
        personal.push("Never stop your insulin.".to_string());
    }
    if !sadmans.is_empty() {
        personal.push(format!(
            "Of your medicines, these are on the sick-day list to pause when you cannot keep fluids down: {}. Restart them after 24 to 48 hours of eating and drinking normally.",
            sadmans.join(", ")
        ));
    }
    Some(Applied {
        why: "Being unwell can upset your diabetes quickly. Knowing your sick-day rules in advance helps.".into(),
        personal,
        ..Applied::default()
    })
}

fn asthma_reference(v: &View<'_>) -> Option<f64> {
    crate::peak_flow::reference(&v.record.profile, v.age).map(|r| r.l_min())
}

fn p_asthma_plan(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    if !v.record.profile.has(Condition::Asthma) {
        return None;
    }
    let best = asthma_reference(v)?;
    let zones = crate::peak_flow::zones(best);
    let z = |l_min: u32| fmt_num(f64::from(l_min));
    let attack = if v.record.profile.takes(crate::vocab::Medication::MaintenanceAndReliever) {
        "Sit up, take one puff of your maintenance and reliever inhaler every 1 to 3 minutes, up to 6 puffs, and call 999 if you are not better after 6 puffs, worse at any point, or worried"
    } else {
        "Sit up, take one puff of your reliever every 30 to 60 seconds, up to 10 puffs, and call 999 if you are not better after 10 puffs, worse at any point, or worried"
    };
    Some(Applied {
        why: format!(
            "Your zones are worked out from {} of {} L/min.",
            if v.record.profile.peak_flow_best_l_min.is_some() { "your personal best" } else { "your predicted peak flow" },
            fmt_num(best.round())
        ),
        personal: vec![
            format!("Green (well): {} L/min or more. Take your preventer as prescribed.", z(zones.green_from)),
            format!("Amber (getting worse): {} to {} L/min. Follow the \"getting worse\" part of your action plan and see your GP or nurse within 24 hours if you are not improving.", z(zones.amber_from), z(zones.green_from)),
            format!("Red (getting worse quickly): below {} L/min. Start the rescue steroid tablets your plan gives and get advice today.", z(zones.amber_from)),
            format!("Asthma attack: {} L/min or below. {}; see a GP or call NHS 111 today even if you feel better.", z(zones.attack_at_most), attack),
            format!("Below {} L/min, or your reliever is not helping: call 999.", z(zones.emergency_below)),
        ],
        ..Applied::default()
    })
}

/// Working days from an asthma attack to the practice review (BTS/SIGN 158; clinical-reference §4).
pub const REVIEW_AFTER_ATTACK_WORKING_DAYS: u32 = 2;
/// How long the review stays in the plan after the attack (a product choice).
pub const REVIEW_AFTER_ATTACK_SHOWN_DAYS: i64 = 14;
/// The rules whose peak flow counts as an asthma attack for the review.
pub const ATTACK_RULES: [&str; 2] = ["asthma.pef.life_threatening", "asthma.pef.severe"];

/// The latest peak flow in the last [`REVIEW_AFTER_ATTACK_SHOWN_DAYS`] that raised one of
/// [`ATTACK_RULES`] as the record stood when it was taken.
fn p_asthma_review(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    if !v.record.profile.has(Condition::Asthma) {
        return None;
    }
    let mut recent: Vec<&Observation> = v
        .of(ObsKind::PeakFlow)
        .iter()
        .copied()
        .filter(|o| within(o.at, v.now, REVIEW_AFTER_ATTACK_SHOWN_DAYS * DAY_SECS))
        .collect();
    recent.sort_by_key(|o| std::cmp::Reverse(o.at));
    let attack = recent.into_iter().find(|o| {
        let then = View::new(v.record, o.at);
        let news2 = crate::news2::assess(&then);
        crate::red_flags::evaluate(&then, news2)
            .0
            .iter()
            .any(|f| ATTACK_RULES.contains(&f.id) && f.evidence.contains(&o.id))
    })?;
    Some(Applied {
        why: format!(
            "Your peak flow on {} showed an asthma attack. Everyone should have a review with their practice after an attack.",
            crate::time::human_date(attack.at.date_naive())
        ),
        evidence: vec![attack.id.clone()],
        since: Some(attack.at),
        personal: Vec::new(),
    })
}

/// `days` working days after `from` (weekends skipped; bank holidays are not known).
pub fn add_working_days(from: chrono::NaiveDate, days: u32) -> chrono::NaiveDate {
    use chrono::{Datelike, Weekday};
    let mut d = from;
    let mut left = days;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

fn p_asthma_best(c: &Ctx<'_, '_>) -> Option<Applied> {
    let p = &c.view.record.profile;
    (p.has(Condition::Asthma) && p.peak_flow_best_l_min.is_none()).then(|| Applied {
        why: "Your asthma zones are most accurate when they come from your own best peak flow.".into(),
        ..Applied::default()
    })
}

fn p_weight(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let (b, o) = bmi(v)?;
    let lower = lower_bmi_thresholds(v.record.profile.ethnicity);
    let (over, obese) = if lower { BMI_LOWER } else { BMI_GENERAL };
    if b < over {
        return None;
    }
    let band = if b >= obese { "obesity" } else { "overweight" };
    let mut why = format!(
        "Your BMI is {}, which NICE calls {band}{}.",
        fmt_num((b * 10.0).round() / 10.0),
        if lower {
            " for people of South Asian, Chinese, other Asian, Middle Eastern, Black African or African-Caribbean family background (from 23, and obesity from 27.5)"
        } else {
            ""
        }
    );
    if lower && b < BMI_GENERAL.0 {
        why.push_str(
            " The health score uses the general bands (under 25 scores 100), which is why the two can disagree.",
        );
    }
    Some(Applied { why, evidence: vec![o.id.clone()], since: Some(o.at), personal: Vec::new() })
}

fn p_underweight(c: &Ctx<'_, '_>) -> Option<Applied> {
    let (b, o) = bmi(c.view)?;
    (b < crate::thresholds::BMI_UNDERWEIGHT_BELOW).then(|| Applied {
        why: format!(
            "Your BMI is {}, below the healthy range ({} to 24.9).",
            fmt_num((b * 10.0).round() / 10.0),
            fmt_num(crate::thresholds::BMI_UNDERWEIGHT_BELOW)
        ),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal: Vec::new(),
    })
}

fn p_waist(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let h = v.record.profile.height_cm?;
    let o = latest_value(v, ObsKind::Waist, YEAR_SECS)?;
    let ObsValue::Waist { cm } = o.value else { return None };
    if bmi(v).is_some_and(|(b, _)| b >= WAIST_TO_HEIGHT_BMI_BELOW) {
        return None;
    }
    let ratio = cm / h;
    (ratio >= WAIST_TO_HEIGHT_RISK).then(|| Applied {
        why: format!(
            "Your waist is {} cm, {} of your height ({} cm). Keeping it below half your height ({} cm) lowers health risks.",
            fmt_num(cm),
            fmt_num((ratio * 100.0).round() / 100.0),
            fmt_num(h),
            fmt_num((h / 2.0).round())
        ),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal: Vec::new(),
    })
}

fn p_activity(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let o = latest_value(v, ObsKind::Activity, YEAR_SECS)?;
    let ObsValue::Activity { moderate_min_per_week, vigorous_min_per_week } = o.value else { return None };
    let m = moderate_min_per_week + 2.0 * vigorous_min_per_week;
    if m >= ACTIVITY_MIN_PER_WEEK {
        return None;
    }
    let mut personal = vec![format!(
        "You do about {} moderate-equivalent minutes a week: add {} more, a little at a time.",
        fmt_num(m),
        fmt_num((ACTIVITY_MIN_PER_WEEK - m).ceil())
    )];
    if v.age.is_some_and(|a| a >= crate::thresholds::ACTIVITY_OLDER_ADULT_FROM_AGE) {
        personal.push(format!(
            "At {} or over, add activities that improve balance and flexibility on at least 2 days a week.",
            crate::thresholds::ACTIVITY_OLDER_ADULT_FROM_AGE
        ));
    }
    Some(Applied {
        why: format!("Adults should be active for at least {} minutes a week.", fmt_num(ACTIVITY_MIN_PER_WEEK)),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal,
    })
}

fn p_sleep(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let latest = latest_value(v, ObsKind::Sleep, YEAR_SECS)?;
    let nights: Vec<&Observation> =
        v.of(ObsKind::Sleep).iter().copied().filter(|o| within(o.at, latest.at, 30 * DAY_SECS)).collect();
    let avg = crate::view::mean(nights.iter().filter_map(|o| match o.value {
        ObsValue::Sleep { hours } => Some(hours),
        _ => None,
    }))?;
    if Test::AtLeast(SLEEP_HOURS.0).holds(avg) && Test::Below(SLEEP_HOURS.1).holds(avg) {
        return None;
    }
    Some(Applied {
        why: format!(
            "You sleep about {} hours a night on average; 7 to 9 hours is best for adults.",
            fmt_num((avg * 10.0).round() / 10.0)
        ),
        evidence: nights.iter().map(|o| o.id.clone()).collect(),
        since: Some(latest.at),
        personal: Vec::new(),
    })
}

fn p_alcohol(c: &Ctx<'_, '_>) -> Option<Applied> {
    let o = latest_value(c.view, ObsKind::Alcohol, YEAR_SECS)?;
    let ObsValue::Alcohol { units_per_week } = o.value else { return None };
    (units_per_week > ALCOHOL_UNITS_PER_WEEK).then(|| Applied {
        why: format!(
            "You drink about {} units a week; the low-risk limit is {} units.",
            fmt_num(units_per_week),
            fmt_num(ALCOHOL_UNITS_PER_WEEK)
        ),
        evidence: vec![o.id.clone()],
        since: Some(o.at),
        personal: Vec::new(),
    })
}

fn p_smoking(c: &Ctx<'_, '_>) -> Option<Applied> {
    let s = c.view.record.profile.smoking.as_ref()?;
    let mut personal = Vec::new();
    if s.vapes && s.status != SmokingStatus::Current {
        personal.push("Vaping is much less harmful than smoking, but the aim is to stop vaping too in time.".into());
    }
    if s.home_indoor_smoker {
        personal
            .push("Ask the people you live with to smoke outside: a smoke-free home protects everyone in it.".into());
    }
    if s.status != SmokingStatus::Current && personal.is_empty() {
        return None;
    }
    Some(Applied {
        why: match s.status {
            SmokingStatus::Current => {
                "Stopping smoking is the single best thing you can do for your heart and lungs.".into()
            }
            _ => "Smoke and vapour still affect your heart and lungs.".into(),
        },
        personal,
        ..Applied::default()
    })
}

/// What each MEPA item asks, and the swap that would meet it (clinical-reference §1.1).
pub const MEPA_SWAPS: [&str; 16] = [
    "Make olive oil your main fat, 2 or more servings a day.",
    "Eat green leafy vegetables every day (about 7 servings a week).",
    "Eat other vegetables at least twice a day.",
    "Have berries at least twice a week.",
    "Have a piece of other fruit every day.",
    "Keep red meat, burgers, bacon and sausages to 3 servings a week or fewer.",
    "Have fish or seafood at least once a week.",
    "Keep chicken to 5 servings a week or fewer.",
    "Keep full-fat cheese and cream cheese to 4 servings a week or fewer.",
    "Keep butter and cream to 5 servings a week or fewer.",
    "Have beans or pulses at least 3 times a week.",
    "Have whole grains at least 3 times a day.",
    "Keep shop-bought sweets and pastries to 4 a week or fewer.",
    "Have a handful of nuts at least 4 times a week.",
    "Keep fast-food meals to once a week or less.",
    "If you drink alcohol, keep it to 1 drink a day (women) or 2 (men) at most.",
];

fn p_diet(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let q = v.latest_questionnaire(Instrument::Mepa).filter(|q| within(q.at, v.now, YEAR_SECS))?;
    let misses: Vec<String> =
        q.items.iter().zip(MEPA_SWAPS.iter()).filter(|(i, _)| **i == 0).map(|(_, s)| (*s).to_string()).collect();
    if misses.is_empty() {
        return None;
    }
    Some(Applied {
        why: format!("You meet {} of the 16 diet goals. These changes would raise your diet score:", q.total()),
        evidence: vec![q.id.clone()],
        since: Some(q.at),
        personal: misses,
    })
}

fn mood(c: &Ctx<'_, '_>, i: Instrument, min: u32, max: Option<u32>) -> Option<Applied> {
    let v = c.view;
    let q = v.judged_questionnaire(i)?;
    let t = q.total();
    if t < min || max.is_some_and(|m| t > m) {
        return None;
    }
    let name = if i == Instrument::Phq9 { "PHQ-9 (low mood)" } else { "GAD-7 (anxiety)" };
    Some(Applied {
        why: format!("Your {name} score is {t}."),
        evidence: vec![q.id.clone()],
        since: Some(q.at),
        personal: Vec::new(),
    })
}

fn p_mood_talking(c: &Ctx<'_, '_>) -> Option<Applied> {
    let mut a = mood(c, Instrument::Phq9, MOOD_SELF_REFERRAL, None);
    if let Some(b) = mood(c, Instrument::Gad7, MOOD_SELF_REFERRAL, None) {
        match &mut a {
            Some(x) => {
                x.why.push(' ');
                x.why.push_str(&b.why);
                x.evidence.extend(b.evidence);
                x.since = x.since.max(b.since);
            }
            None => a = Some(b),
        }
    }
    a
}

fn p_mood_mild(c: &Ctx<'_, '_>) -> Option<Applied> {
    if p_mood_talking(c).is_some() {
        return None;
    }
    let (low, high) = crate::thresholds::MOOD_MILD_BAND;
    mood(c, Instrument::Phq9, low, Some(high)).or_else(|| mood(c, Instrument::Gad7, low, Some(high)))
}

fn p_mood_crisis(c: &Ctx<'_, '_>) -> Option<Applied> {
    let q = c.view.judged_questionnaire(Instrument::Phq9)?;
    (q.items.get(8).copied().unwrap_or(0) >= crate::thresholds::PHQ9_ITEM9_SAFETY_AT_LEAST).then(|| Applied {
        why: "You said you have had thoughts that you would be better off dead, or of hurting yourself.".into(),
        evidence: vec![q.id.clone()],
        ..Applied::default()
    })
}

fn p_sore_throat(c: &Ctx<'_, '_>) -> Option<Applied> {
    let v = c.view;
    let fp = v.judged_questionnaire(Instrument::Feverpain);
    let ce = v.judged_questionnaire(Instrument::Centor);
    let q = match (fp, ce) {
        (Some(a), Some(b)) => {
            if a.at >= b.at {
                a
            } else {
                b
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    let t = q.total();
    use crate::thresholds::{CENTOR_ANTIBIOTIC_AT_LEAST, FEVERPAIN_ANTIBIOTIC_AT_LEAST, FEVERPAIN_BACKUP_AT_LEAST};
    let (name, high) = if q.instrument == Instrument::Feverpain {
        ("FeverPAIN", t >= FEVERPAIN_ANTIBIOTIC_AT_LEAST)
    } else {
        ("Centor", t >= CENTOR_ANTIBIOTIC_AT_LEAST)
    };
    let mid = q.instrument == Instrument::Feverpain && t >= FEVERPAIN_BACKUP_AT_LEAST && !high;
    let advice = if high {
        "A pharmacist can assess you under NHS Pharmacy First and discuss whether an antibiotic would help."
    } else if mid {
        "It will most likely get better on its own: look after yourself at home, and see a pharmacist if it is no better in 3 to 5 days."
    } else {
        "It will most likely get better on its own within about a week: look after yourself at home."
    };
    Some(Applied {
        why: format!("Your {name} sore-throat score is {t}."),
        evidence: vec![q.id.clone()],
        since: Some(q.at),
        personal: vec![advice.into()],
    })
}

// ---- The table -------------------------------------------------------------------------------

/// Every protocol, in the order advice is listed.
pub const PROTOCOLS: &[Protocol] = &[
    Protocol {
        id: "mood.crisis",
        domain: Domain::Mood,
        title: "Help is available now",
        applies_when: "PHQ-9 item 9 is 1 or more (within 14 days)",
        actions: &[
            "If you are in danger now or have seriously hurt yourself, call 999 or go to A&E.",
            "Call NHS 111 or your local NHS urgent mental health helpline.",
            "Call Samaritans free on 116 123, any time, day or night.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "PHQ-9 item 9 safety step (Kroenke, Spitzer, Williams 2001); crisis routes: NHS.UK, NHS 111 mental health option, Samaritans 116 123",
        unverified: None,
        reassuring: false,
        applies: p_mood_crisis,
    },
    Protocol {
        id: "bp.home.lifestyle",
        domain: Domain::BloodPressure,
        title: "Lower your blood pressure",
        applies_when: "home average at or above 135/85 (or above the target of a person treated for high blood pressure)",
        actions: &[
            "Recheck your home readings in 8 weeks: 2 seated readings a minute apart, morning and evening, for 4 to 7 days.",
        ],
        recheck_in_days: Some(56),
        recheck: Some(Recheck::Reading(ObsKind::BloodPressure)),
        source: "NICE NG136 1.2 and 1.4; activity: UK CMOs 2019; salt, weight and an 8-week recheck",
        unverified: Some("the salt limit, the weight per mmHg and the 8-week recheck are not NICE intervals and are UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_bp_lifestyle,
    },
    Protocol {
        id: "bp.home.how_to",
        domain: Domain::BloodPressure,
        title: "How to take home blood pressure readings",
        applies_when: "a blood-pressure reading in the last 30 days but no home average yet",
        actions: &[
            "Sit down and rest, then take 2 readings at least 1 minute apart.",
            "Do this twice a day, ideally morning and evening.",
            "Keep going for at least 4 days, ideally 7. Hale leaves out the first day and averages the rest.",
        ],
        recheck_in_days: Some(7),
        recheck: Some(Recheck::Reading(ObsKind::BloodPressure)),
        source: "NICE NG136 1.2 home blood pressure monitoring",
        unverified: None,
        reassuring: false,
        applies: p_bp_how_to,
    },
    Protocol {
        id: "bp.home.on_target",
        domain: Domain::BloodPressure,
        title: "Your home blood pressure is on target",
        applies_when: "hypertension, and the home average is below the person's target",
        actions: &["Keep taking your medicines as prescribed and keep checking as your care team advises."],
        recheck_in_days: None,
        recheck: None,
        source: "NICE NG136 1.4.22 home targets",
        unverified: None,
        reassuring: true,
        applies: p_bp_on_target,
    },
    Protocol {
        id: "diabetes.hba1c.above_target",
        domain: Domain::Diabetes,
        title: "Your HbA1c is above target",
        applies_when: "diabetes, and the latest HbA1c (within a year) is above 48 mmol/mol, or 53 with type 2 diabetes treated with insulin or a sulfonylurea",
        actions: &[
            "Talk to your diabetes team at your next review about what would help: medicines, food and activity.",
            "Bring your glucose diary, if you keep one.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Hba1c)),
        source: "NICE NG28 1.5 and NG17 HbA1c targets",
        unverified: None,
        reassuring: false,
        applies: p_hba1c_above,
    },
    Protocol {
        id: "diabetes.hba1c.on_target",
        domain: Domain::Diabetes,
        title: "Your HbA1c is on target",
        applies_when: "diabetes, and the latest HbA1c (within a year) is at or below the target",
        actions: &["Keep going, and keep your regular diabetes reviews."],
        recheck_in_days: None,
        recheck: None,
        source: "NICE NG28 1.5 and NG17 HbA1c targets",
        unverified: None,
        reassuring: true,
        applies: p_hba1c_on_target,
    },
    Protocol {
        id: "diabetes.hypo",
        domain: Domain::Diabetes,
        title: "If your glucose goes below 4.0 (a hypo)",
        applies_when: "a glucose reading below 4.0 mmol/L in the last 30 days, or diabetes treated with insulin or a sulfonylurea",
        actions: &[
            "Have 15 to 20 g of fast-acting sugar straight away (for example glucose tablets or a sugary drink; check the label).",
            "Check again after 10 to 15 minutes; repeat up to 3 times if it is still below 4.0.",
            "Call 999 if it is not improving, or you cannot swallow safely.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "Hypoglycaemia below 4.0 mmol/L and its treatment: nidirect (NHS Northern Ireland) and the JBDS hypoglycaemia algorithm",
        unverified: None,
        reassuring: false,
        applies: p_hypo,
    },
    Protocol {
        id: "diabetes.sick_day",
        domain: Domain::Diabetes,
        title: "Your sick-day rules",
        applies_when: "type 1 or type 2 diabetes",
        actions: &[
            "When you are ill, check your glucose at least every 2 to 4 hours.",
            "Keep drinking: about 100 mL of fluid an hour or more, and keep eating some carbohydrate.",
            "With type 1 diabetes, check your ketones (many plans say when glucose is over 11 mmol/L; follow your own plan). Ketones of 3.0 mmol/L or more: call 999 or go to A&E.",
            "If you are at risk of dehydration, ask your care team which of your medicines to pause until you are eating and drinking again: often metformin, SGLT2 inhibitors (gliflozins), sulfonylureas, water tablets, some blood pressure tablets (ACE inhibitors, ARBs) and anti-inflammatory painkillers such as ibuprofen.",
            "Get urgent advice if you are vomiting or cannot keep fluids down.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "TREND-UK sick-day rules, ketone testing thresholds vary by source",
        unverified: None,
        reassuring: false,
        applies: p_sick_day,
    },
    Protocol {
        id: "diabetes.glucose_diary",
        domain: Domain::Diabetes,
        title: "Your glucose targets and diary",
        applies_when: "type 1 diabetes",
        actions: &[
            "Aim for 5 to 7 mmol/L when you wake up and 4 to 7 mmol/L before meals at other times.",
            "At least 90 minutes after eating, 5 to 9 mmol/L is a usual target.",
            "Log your readings with when you took them (fasting, before or after a meal) so your team can see patterns.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "NICE NG17 capillary glucose targets",
        unverified: Some("the after-meal target (5 to 9 mmol/L) is UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_glucose_diary,
    },
    Protocol {
        id: "asthma.action_plan",
        domain: Domain::Asthma,
        title: "Your asthma action plan zones",
        applies_when: "asthma, with a personal best (or predicted) peak flow",
        actions: &[
            "See your GP or asthma nurse within 24 hours if you are getting worse, or if you are not better after 7 days.",
            "If you need your reliever more than every 4 hours, follow the emergency part of your plan.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::PeakFlow)),
        source: "Action-plan zones from personal best (ERS Breathe 2015 Table 2; Asthma + Lung UK); life-threatening below 33 % (BTS/SIGN)",
        unverified: None,
        reassuring: false,
        applies: p_asthma_plan,
    },
    Protocol {
        id: "asthma.review_after_attack",
        domain: Domain::Asthma,
        title: "Asthma review with your GP practice within 2 working days",
        applies_when: "asthma, and in the last 14 days a peak flow reading raised asthma.pef.severe or asthma.pef.life_threatening (the 14 days are how long Hale keeps it in the plan, a product choice)",
        actions: &[
            "Book a review with your GP or asthma nurse within 2 working days of the attack, even if you feel better now.",
            "Take your inhalers and your asthma action plan with you.",
            "The due date skips weekends. Hale does not know about bank holidays, so allow for them.",
        ],
        recheck_in_days: Some(REVIEW_AFTER_ATTACK_WORKING_DAYS),
        recheck: Some(Recheck::PracticeReview),
        source: "BTS/SIGN 158 (2019, retained 2024): review within 2 working days of treatment for an asthma attack; National Review of Asthma Deaths (RCP, 2014)",
        unverified: None,
        reassuring: false,
        applies: p_asthma_review,
    },
    Protocol {
        id: "asthma.personal_best",
        domain: Domain::Asthma,
        title: "Record your personal best peak flow",
        applies_when: "asthma, and no personal best recorded",
        actions: &[
            "Your personal best is the highest peak flow you reach when your asthma is well controlled: ask your asthma nurse, or record your highest reading over 2 good weeks.",
            "Add it in your profile so Hale can work out your zones.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "BTS/SIGN 158 (2019): use % of personal best; predicted values are only a rough guide",
        unverified: None,
        reassuring: false,
        applies: p_asthma_best,
    },
    Protocol {
        id: "weight.bmi",
        domain: Domain::Weight,
        title: "Work towards a healthier weight",
        applies_when: "BMI 25 or more (23 or more for South Asian, Chinese, other Asian, Middle Eastern, Black African or African-Caribbean family backgrounds)",
        actions: &[
            "Aim for 5 portions of fruit and vegetables a day, and smaller portions of high-calorie foods.",
            "Build up to 150 minutes of activity a week.",
            "Ask your GP practice or pharmacy about NHS weight-management support.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Weight)),
        source: "NICE BMI bands including the lower thresholds for some ethnic groups; 5 A Day",
        unverified: None,
        reassuring: false,
        applies: p_weight,
    },
    Protocol {
        id: "weight.underweight",
        domain: Domain::Weight,
        title: "Your weight is below the healthy range",
        applies_when: "BMI below 18.5",
        actions: &["Talk to your GP practice about your weight, especially if you have lost weight without trying."],
        recheck_in_days: None,
        recheck: None,
        source: "NICE BMI bands: healthy 18.5\u{2013}24.9",
        unverified: None,
        reassuring: false,
        applies: p_underweight,
    },
    Protocol {
        id: "weight.waist",
        domain: Domain::Weight,
        title: "Keep your waist below half your height",
        applies_when: "waist-to-height ratio 0.5 or more, with a BMI below 35",
        actions: &["Being more active and eating a little less both help to reduce waist size."],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Waist)),
        source: "NICE waist-to-height ratio, used with BMI below 35",
        unverified: Some("the waist-to-height bands are UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_waist,
    },
    Protocol {
        id: "activity.more",
        domain: Domain::Activity,
        title: "Move more",
        applies_when: "activity below 150 moderate-equivalent minutes a week (latest entry within a year)",
        actions: &[
            "Aim for 150 minutes of moderate activity (or 75 vigorous, or a mix) a week.",
            "Do muscle-strengthening activities on at least 2 days a week.",
            "Any activity is better than none: break up long periods of sitting.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Activity)),
        source: "UK Chief Medical Officers' Physical Activity Guidelines 2019",
        unverified: Some("the balance and flexibility advice for people aged 65 and over is UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_activity,
    },
    Protocol {
        id: "sleep.hours",
        domain: Domain::Sleep,
        title: "Aim for 7 to 9 hours of sleep",
        applies_when: "average sleep below 7 hours or 9 hours or more (30 days to the latest entry)",
        actions: &[
            "Keep regular times for going to bed and getting up, including at weekends.",
            "If you often sleep badly or feel tired despite enough sleep, talk to your GP practice.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Sleep)),
        source: "Sleep 7\u{2013}9 hours for adults (LE8)",
        unverified: Some("the NHS 7\u{2013}9 hour statement is UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_sleep,
    },
    Protocol {
        id: "alcohol.cut_down",
        domain: Domain::Alcohol,
        title: "Drink less alcohol",
        applies_when: "more than 14 units a week",
        actions: &[
            "Keep to no more than 14 units a week, spread over 3 or more days.",
            "Have several drink-free days each week.",
        ],
        recheck_in_days: None,
        recheck: Some(Recheck::Reading(ObsKind::Alcohol)),
        source: "UK Chief Medical Officers' low-risk drinking guidelines 2016",
        unverified: Some("spreading drinks over 3 or more days is UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_alcohol,
    },
    Protocol {
        id: "smoking.stop",
        domain: Domain::Smoking,
        title: "Stop smoking, with support",
        applies_when: "a current smoker, someone who vapes, or someone who lives with an indoor smoker",
        actions: &["The NHS Stop Smoking Service gives free support and medicines that make quitting much more likely to work."],
        recheck_in_days: None,
        recheck: None,
        source: "LE8 nicotine exposure; NHS Stop Smoking Services",
        unverified: None,
        reassuring: false,
        applies: p_smoking,
    },
    Protocol {
        id: "diet.mepa",
        domain: Domain::Diet,
        title: "Small diet changes that add up",
        applies_when: "a MEPA diet questionnaire within a year with at least one goal not met",
        actions: &["Choose one change to start with; when it feels normal, add another."],
        recheck_in_days: None,
        recheck: Some(Recheck::Questionnaire(Instrument::Mepa)),
        source: "MEPA diet screener items (LE8 Supplement Table C)",
        unverified: None,
        reassuring: false,
        applies: p_diet,
    },
    Protocol {
        id: "sore_throat.score",
        domain: Domain::SoreThroat,
        title: "Your sore throat",
        applies_when: "a FeverPAIN or Centor score within 14 days",
        actions: &[
            "Rest, drink plenty, and take paracetamol or ibuprofen for pain or fever if they are safe for you.",
            "Call 999 if you are drooling, cannot swallow, have a muffled voice or noisy breathing, or struggle to breathe.",
        ],
        recheck_in_days: None,
        recheck: None,
        source: "NICE NG84 sore throat: FeverPAIN 0\u{2013}1 and Centor 0\u{2013}2 no antibiotic, FeverPAIN 2\u{2013}3 back-up, 4\u{2013}5 or Centor 3\u{2013}4 consider an antibiotic; NHS Pharmacy First sore throat pathway",
        unverified: Some("the Pharmacy First self-care waits (about 1 week; 3 to 5 days) come from a low-quality source and are UNVERIFIED in Hale's clinical reference"),
        reassuring: false,
        applies: p_sore_throat,
    },
    Protocol {
        id: "mood.talking_therapies",
        domain: Domain::Mood,
        title: "NHS Talking Therapies can help",
        applies_when: "PHQ-9 or GAD-7 total 10 or more (within 14 days)",
        actions: &[
            "You can refer yourself to NHS Talking Therapies without seeing your GP: search \"NHS Talking Therapies\" for your area.",
            "Or talk to your GP practice about how you feel.",
            "Fill in the questionnaire again in 2 weeks to see how things change.",
        ],
        recheck_in_days: Some(14),
        recheck: Some(Recheck::Questionnaire(Instrument::Phq9)),
        source: "PHQ-9 and GAD-7 screening cut-off 10 (Kroenke 2001; Spitzer 2006); the questionnaires cover the past 2 weeks",
        unverified: None,
        reassuring: false,
        applies: p_mood_talking,
    },
    Protocol {
        id: "mood.self_help",
        domain: Domain::Mood,
        title: "Looking after your mood",
        applies_when: "PHQ-9 or GAD-7 total 5 to 9 (within 14 days)",
        actions: &[
            "Keep regular sleep, be active and spend time with people you trust.",
            "Fill in the questionnaire again in 2 weeks; if your score reaches 10 or more, Hale will point you to more support.",
        ],
        recheck_in_days: Some(14),
        recheck: Some(Recheck::Questionnaire(Instrument::Phq9)),
        source: "PHQ-9 and GAD-7 mild band 5\u{2013}9",
        unverified: None,
        reassuring: false,
        applies: p_mood_mild,
    },
];

/// An advice item as the Assessment reports it (`id`, `title`, `actions`, `recheck_in_days`,
/// `source` are the contract's; the rest are extensions).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    /// Protocol id.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What to do, personal actions first.
    pub actions: Vec<String>,
    /// Days until a recheck.
    pub recheck_in_days: Option<u32>,
    /// Citation.
    pub source: &'static str,
    /// Why it applies, with the person's numbers.
    pub why: String,
    /// Entries behind it.
    pub evidence: Vec<String>,
    /// Domain.
    pub domain: Domain,
    /// Whether the reference marks part of it UNVERIFIED.
    pub unverified: bool,
}

/// A recheck in the plan (`advice_id`, `due`, `overdue` are the contract's).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanItem {
    /// The advice it comes from.
    pub advice_id: &'static str,
    /// Due date (`YYYY-MM-DD`, UTC).
    pub due: String,
    /// Due before today.
    pub overdue: bool,
    /// What to do.
    pub title: &'static str,
    /// What completes it.
    pub recheck: Option<Recheck>,
    /// When the interval started (the latest entry behind the advice).
    pub since: String,
}

/// Advice and the recheck plan for the view, given the red flags raised.
pub fn advise(view: &View<'_>, home: Option<&HomeAverage>, flags: &[RedFlag]) -> (Vec<Advice>, Vec<PlanItem>) {
    let ctx = Ctx { view, home };
    let urgent = flags.iter().any(|f| matches!(f.level, Level::Emergency | Level::Urgent));
    let mut advice = Vec::new();
    let mut plan = Vec::new();
    for p in PROTOCOLS {
        if p.reassuring && (urgent || flags.iter().any(|f| p.domain.owns(f.id))) {
            continue;
        }
        let Some(a) = (p.applies)(&ctx) else { continue };
        let mut actions = a.personal;
        actions.extend(p.actions.iter().map(|s| (*s).to_string()));
        if let (Some(days), Some(since)) = (p.recheck_in_days, a.since) {
            let due = if p.recheck == Some(Recheck::PracticeReview) {
                add_working_days(since.date_naive(), days)
            } else {
                since.date_naive() + chrono::Days::new(u64::from(days))
            };
            plan.push(PlanItem {
                advice_id: p.id,
                due: fmt_date(due),
                overdue: due < view.now.date_naive(),
                title: p.title,
                recheck: p.recheck,
                since: crate::time::fmt_instant(since),
            });
        }
        advice.push(Advice {
            id: p.id,
            title: p.title,
            actions,
            recheck_in_days: p.recheck_in_days,
            source: p.source,
            why: a.why,
            evidence: a.evidence,
            domain: p.domain,
            unverified: p.unverified.is_some(),
        });
    }
    plan.sort_by(|a, b| a.due.cmp(&b.due));
    (advice, plan)
}
