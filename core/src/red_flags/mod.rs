//! The red-flag rules table (docs/contract.md §3, "The clinical policy"; docs/rules.md) and its evaluation.
//!
//! Every rule is data: id, level, service, the condition in plain words, typed triggers with
//! explicit bounds, patient-facing words, the citation from clinical-reference.md and an
//! unverified mark. Evaluation is generic over the triggers, so the thresholds the rule uses are
//! exactly the ones listed (and the ones the boundary tests walk).

mod table;

pub use table::{
    hypo_words, BP_SEVERE_SYMPTOMS, EMERGENCY_SYMPTOMS, PEF_ATTACK_AT_MOST, PREGNANCY_SYMPTOMS, RULES, URGENT_SYMPTOMS,
};

use serde::Serialize;

use crate::bands::Test;
use crate::issue::{Issue, IssueCode};
use crate::news2::News2;
use crate::peak_flow::{self, Reference};
use crate::record::ObsValue;
use crate::view::{HomeAverage, View};
use crate::vocab::{Condition, Instrument, Medication, ObsKind, SymptomCode};

/// Urgency, most urgent first (`Ord`: `Emergency < Urgent < …`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Call 999 now.
    Emergency,
    /// Today: NHS 111, a same-day GP appointment, maternity or mental-health crisis routes.
    Urgent,
    /// Contact the GP practice within a few days.
    Soon,
    /// Raise at the next review.
    Routine,
    /// Nothing to escalate.
    SelfCare,
}

impl Level {
    /// Every level, most urgent first.
    pub const ALL: [Level; 5] = [Level::Emergency, Level::Urgent, Level::Soon, Level::Routine, Level::SelfCare];
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Emergency => "emergency",
            Level::Urgent => "urgent",
            Level::Soon => "soon",
            Level::Routine => "routine",
            Level::SelfCare => "self_care",
        }
    }
}

/// Where to go.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Service {
    /// Call 999.
    #[serde(rename = "999")]
    Call999,
    /// NHS 111 (online or by phone) or a same-day GP appointment.
    #[serde(rename = "nhs_111")]
    Nhs111,
    /// The GP practice.
    #[serde(rename = "gp")]
    Gp,
    /// The person's maternity unit or midwife, the same day.
    #[serde(rename = "maternity")]
    Maternity,
    /// Mental-health crisis routes (999/A&E if in danger, NHS 111, Samaritans 116 123).
    #[serde(rename = "mental_health_crisis")]
    MentalHealthCrisis,
    /// A community pharmacy (NHS Pharmacy First).
    #[serde(rename = "pharmacy")]
    Pharmacy,
    /// Look after yourself at home.
    #[serde(rename = "self_care")]
    SelfCare,
}

impl Service {
    /// Every service, most urgent first.
    pub const ALL: [Service; 7] = [
        Service::Call999,
        Service::Nhs111,
        Service::MentalHealthCrisis,
        Service::Maternity,
        Service::Gp,
        Service::Pharmacy,
        Service::SelfCare,
    ];

    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Call999 => "999",
            Service::Nhs111 => "nhs_111",
            Service::Gp => "gp",
            Service::Maternity => "maternity",
            Service::MentalHealthCrisis => "mental_health_crisis",
            Service::Pharmacy => "pharmacy",
            Service::SelfCare => "self_care",
        }
    }
}

/// A quantity a trigger tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "input", content = "code", rename_all = "snake_case")]
pub enum Input {
    /// Systolic of the blood-pressure reading judged (latest, within 24 h), mmHg.
    Systolic,
    /// Diastolic of the reading judged, mmHg.
    Diastolic,
    /// Home average systolic, mmHg.
    HomeSystolic,
    /// Home average diastolic, mmHg.
    HomeDiastolic,
    /// SpO2 judged, %.
    Spo2,
    /// Respiratory rate judged, breaths a minute.
    RespiratoryRate,
    /// Pulse judged, beats a minute.
    Pulse,
    /// Temperature judged, °C.
    Temperature,
    /// Consciousness judged is not Alert (1 when C, V, P or U).
    NotAlert,
    /// Peak flow judged as a percentage of the reference (best or predicted).
    PeakFlowPercent,
    /// Ketones judged, mmol/L.
    Ketones,
    /// Glucose judged, mmol/L.
    Glucose,
    /// PHQ-9 total (latest valid within 14 days).
    Phq9Total,
    /// PHQ-9 item 9 (latest within 14 days, including a left-out PHQ-9 with a valid item 9).
    Phq9Item9,
    /// GAD-7 total (latest valid within 14 days).
    Gad7Total,
    /// NEWS2 total.
    News2Total,
    /// A NEWS2 parameter scores 3 (1 when so).
    News2RedScore,
    /// A symptom entered in the last 24 h that counts as present.
    Symptom(SymptomCode),
    /// A symptom entered in the last 24 h that has passed.
    SymptomPassed(SymptomCode),
}

impl Input {
    /// Plain-English name and unit.
    pub fn words(self) -> String {
        match self {
            Input::Systolic => "systolic blood pressure (mmHg)".into(),
            Input::Diastolic => "diastolic blood pressure (mmHg)".into(),
            Input::HomeSystolic => "home average systolic (mmHg)".into(),
            Input::HomeDiastolic => "home average diastolic (mmHg)".into(),
            Input::Spo2 => "SpO\u{2082} (%)".into(),
            Input::RespiratoryRate => "breathing rate (per minute)".into(),
            Input::Pulse => "pulse (per minute)".into(),
            Input::Temperature => "temperature (\u{b0}C)".into(),
            Input::NotAlert => "not alert (ACVPU C, V, P or U)".into(),
            Input::PeakFlowPercent => "peak flow (% of best)".into(),
            Input::Ketones => "ketones (mmol/L)".into(),
            Input::Glucose => "glucose (mmol/L)".into(),
            Input::Phq9Total => "PHQ-9 total".into(),
            Input::Phq9Item9 => "PHQ-9 item 9".into(),
            Input::Gad7Total => "GAD-7 total".into(),
            Input::News2Total => "NEWS2 total".into(),
            Input::News2RedScore => "a NEWS2 parameter scoring 3".into(),
            Input::Symptom(c) => format!("symptom {c}"),
            Input::SymptomPassed(c) => format!("symptom {c}, passed"),
        }
    }
}

/// Which ages a trigger applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "age", content = "years", rename_all = "snake_case")]
pub enum AgeWhen {
    /// Any age.
    Any,
    /// Younger than this, or age unknown (the cautious branch).
    UnderOrUnknown(u32),
    /// This age or older (known).
    AtLeast(u32),
}

/// Which oxygen target a trigger applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Oxygen {
    /// Any target.
    Any,
    /// The usual 94–98 % target: no `oxygen_target`, or `94_98`, and without
    /// `hypercapnic_respiratory_failure` unless the target says `94_98` (`copd` alone stays here).
    UsualTarget,
    /// An 88–92 % target: `oxygen_target` `88_92`, or `hypercapnic_respiratory_failure` with no target.
    LowTarget,
}

/// The context a trigger needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct When {
    /// At least one of these conditions (empty: no requirement).
    pub with_any: &'static [Condition],
    /// None of these conditions.
    pub without: &'static [Condition],
    /// Age.
    pub age: AgeWhen,
    /// At least one of these symptoms present in the last 24 h (empty: no requirement).
    pub with_symptom: &'static [SymptomCode],
    /// The oxygen target.
    pub oxygen: Oxygen,
    /// Takes at least one of these medicine classes (empty: no requirement).
    pub takes_any: &'static [Medication],
    /// Takes none of these medicine classes.
    pub takes_none: &'static [Medication],
}

/// No context needed.
pub const ALWAYS: When = When {
    with_any: &[],
    without: &[],
    age: AgeWhen::Any,
    with_symptom: &[],
    oxygen: Oxygen::Any,
    takes_any: &[],
    takes_none: &[],
};

/// One threshold of a rule. Triggers of a rule with the same input and context form a band (all
/// must hold); the rule fires when any band holds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Trigger {
    /// What is tested.
    #[serde(flatten)]
    pub input: Input,
    /// The test, with explicit inclusivity.
    pub test: Test,
    /// The context needed.
    pub when: When,
    /// Band number: triggers with the same input, context and band must all hold together;
    /// a different band on the same input is an alternative ("pulse ≤40 or ≥131").
    pub band: u8,
}

impl Trigger {
    /// The same trigger in another band (an alternative on the same input).
    pub const fn or_band(self, band: u8) -> Trigger {
        Trigger { band, ..self }
    }
    fn group(&self) -> (Input, When, u8) {
        (self.input, self.when, self.band)
    }
}

/// Extra patient-facing words when any of its triggers holds (and the rule fired).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Note {
    /// Any of these.
    pub any: &'static [Trigger],
    /// The words, placed first among the actions.
    pub text: &'static str,
}

/// Who a rule runs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Everyone.
    All,
    /// Not run for a known age under 16 (adult ranges).
    Adults,
}

/// A red-flag rule.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rule {
    /// Stable id (part of the contract).
    pub id: &'static str,
    /// Level when raised.
    pub level: Level,
    /// Service to use.
    pub service: Service,
    /// The condition in plain words, a template: its thresholds are placeholders filled from the
    /// typed triggers by [`Rule::words`], so the words cannot drift from the bounds.
    pub condition: &'static str,
    /// Short patient-facing title.
    pub title: &'static str,
    /// What it means, for the person (a template, like `condition`).
    pub message: &'static str,
    /// What to do, in order.
    pub actions: &'static [&'static str],
    /// Citation: the primary source (guideline, section, year), in words a person can look up.
    pub source: &'static str,
    /// Where the numbers are recorded with their verification in docs/clinical-reference.md
    /// (sections); for `hale rules` and the care team's details, never the patient's words.
    pub reference: &'static str,
    /// What the reference marks UNVERIFIED for this rule, if anything.
    pub unverified: Option<&'static str>,
    /// Who it runs for.
    pub scope: Scope,
    /// Thresholds.
    pub triggers: &'static [Trigger],
    /// Rules whose raising suppresses this one.
    pub unless: &'static [&'static str],
    /// Runs only when there is no NEWS2 score.
    pub needs_no_news2: bool,
    /// Extra words for particular triggers.
    pub notes: &'static [Note],
}

impl Rule {
    /// A template of this rule's words with its thresholds filled in from the typed triggers:
    /// `{i}` is trigger i's bound as a number ("180", "1.6"), `{i.1}` with one decimal ("3.0"),
    /// `{i-}` the last value inside a `Below` or `Above` bound, to one decimal (`Below(35.1)`:
    /// "35.0"), `{i@}` the age trigger i is limited to. Anything else in braces is left as written
    /// (a test checks that no rule's words keep a brace).
    pub fn words(&self, template: &str) -> String {
        let mut parts = template.split('{');
        let mut out = String::from(parts.next().unwrap_or_default());
        for part in parts {
            match part.split_once('}').and_then(|(spec, rest)| Some((self.placeholder(spec)?, rest))) {
                Some((value, rest)) => {
                    out.push_str(&value);
                    out.push_str(rest);
                }
                None => {
                    out.push('{');
                    out.push_str(part);
                }
            }
        }
        out
    }

    fn placeholder(&self, spec: &str) -> Option<String> {
        let (i, style) = spec.split_at(spec.find(|c: char| !c.is_ascii_digit()).unwrap_or(spec.len()));
        let t = self.triggers.get(i.parse::<usize>().ok()?)?;
        let b = t.test.bound()?;
        Some(match style {
            "" => crate::fields::fmt_num(b),
            ".1" => tenths(b),
            "-" => tenths(if matches!(t.test, Test::Above(_)) { b + 0.1 } else { b - 0.1 }),
            "@" => match t.when.age {
                AgeWhen::AtLeast(a) | AgeWhen::UnderOrUnknown(a) => a.to_string(),
                AgeWhen::Any => return None,
            },
            _ => return None,
        })
    }
}

/// A positive `x` to one decimal ("3.0", "35.0"), with integer formatting only: float formatting
/// with a precision would add about 6 KB to the first-load bundle.
fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as u32;
    let mut s = (t / 10).to_string();
    s.push('.');
    s.push(char::from(b'0' + (t % 10) as u8));
    s
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A raised flag, as the Assessment reports it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedFlag {
    /// Rule id.
    pub id: &'static str,
    /// Level.
    pub level: Level,
    /// Service.
    pub service: Service,
    /// Short title.
    pub title: &'static str,
    /// Citation.
    pub source: &'static str,
    /// Ids of the entries that triggered it.
    pub evidence: Vec<String>,
    /// What it means.
    pub message: String,
    /// What to do, in order.
    pub actions: Vec<&'static str>,
    /// Whether the rule's numbers are marked UNVERIFIED in the clinical reference.
    pub unverified: bool,
}

/// A value an input took, with the entries it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The value (1 or 0 for yes/no inputs).
    pub value: f64,
    /// Entry ids.
    pub evidence: Vec<String>,
}

/// Everything the rules read, worked out once.
#[derive(Debug)]
pub struct Inputs<'v, 'a> {
    view: &'v View<'a>,
    /// The home average, if there is one.
    pub home: Option<HomeAverage>,
    /// NEWS2, if there is a score.
    pub news2: Option<News2>,
    /// The peak-flow reference used.
    pub peak_flow_reference: Option<Reference>,
}

fn one(value: f64, id: &str) -> Option<Reading> {
    Some(Reading { value, evidence: vec![id.to_string()] })
}

impl<'v, 'a> Inputs<'v, 'a> {
    /// Works out the inputs for a view.
    pub fn new(view: &'v View<'a>, news2: Option<News2>) -> Self {
        Inputs {
            view,
            home: view.home_average(),
            news2,
            peak_flow_reference: peak_flow::reference(&view.record.profile, view.age),
        }
    }

    /// The value of an input, or `None` when there is no data for it.
    pub fn get(&self, input: Input) -> Option<Reading> {
        let v = self.view;
        match input {
            Input::Systolic | Input::Diastolic => match v.judged(ObsKind::BloodPressure)? {
                o @ crate::record::Observation {
                    value: ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg },
                    ..
                } => one(if input == Input::Systolic { *systolic_mmhg } else { *diastolic_mmhg }, &o.id),
                _ => None,
            },
            Input::HomeSystolic | Input::HomeDiastolic => {
                let h = self.home.as_ref()?;
                Some(Reading {
                    value: if input == Input::HomeSystolic { h.systolic_mmhg } else { h.diastolic_mmhg },
                    evidence: h.evidence.clone(),
                })
            }
            Input::Spo2 => match v.judged(ObsKind::Spo2)? {
                o @ crate::record::Observation { value: ObsValue::Spo2 { percent, .. }, .. } => one(*percent, &o.id),
                _ => None,
            },
            Input::RespiratoryRate => match v.judged(ObsKind::RespiratoryRate)? {
                o @ crate::record::Observation { value: ObsValue::RespiratoryRate { per_min }, .. } => {
                    one(*per_min, &o.id)
                }
                _ => None,
            },
            Input::Pulse => match v.judged(ObsKind::HeartRate)? {
                o @ crate::record::Observation { value: ObsValue::HeartRate { bpm }, .. } => one(*bpm, &o.id),
                _ => None,
            },
            Input::Temperature => match v.judged(ObsKind::Temperature)? {
                o @ crate::record::Observation { value: ObsValue::Temperature { celsius }, .. } => one(*celsius, &o.id),
                _ => None,
            },
            Input::NotAlert => match v.judged(ObsKind::Consciousness)? {
                o @ crate::record::Observation { value: ObsValue::Consciousness { acvpu }, .. } => {
                    one(if *acvpu == crate::vocab::Acvpu::A { 0.0 } else { 1.0 }, &o.id)
                }
                _ => None,
            },
            Input::PeakFlowPercent => {
                let reference = self.peak_flow_reference?.l_min();
                match v.judged(ObsKind::PeakFlow)? {
                    o @ crate::record::Observation { value: ObsValue::PeakFlow { l_min }, .. } => {
                        one(100.0 * *l_min / reference, &o.id)
                    }
                    _ => None,
                }
            }
            Input::Ketones => match v.judged(ObsKind::Ketones)? {
                o @ crate::record::Observation { value: ObsValue::Ketones { mmol_l }, .. } => one(*mmol_l, &o.id),
                _ => None,
            },
            Input::Glucose => match v.judged(ObsKind::Glucose)? {
                o @ crate::record::Observation { value: ObsValue::Glucose { mmol_l, .. }, .. } => one(*mmol_l, &o.id),
                _ => None,
            },
            Input::Phq9Total => {
                let q = v.judged_questionnaire(Instrument::Phq9)?;
                one(f64::from(q.total()), &q.id)
            }
            Input::Gad7Total => {
                let q = v.judged_questionnaire(Instrument::Gad7)?;
                one(f64::from(q.total()), &q.id)
            }
            Input::Phq9Item9 => self.phq9_item9(),
            Input::News2Total => {
                let n = self.news2.as_ref()?;
                Some(Reading { value: f64::from(n.total), evidence: n.evidence.clone() })
            }
            Input::News2RedScore => {
                let n = self.news2.as_ref()?;
                Some(Reading {
                    value: if n.parameters.max() >= crate::thresholds::NEWS2_SINGLE_RED { 1.0 } else { 0.0 },
                    evidence: n.evidence.clone(),
                })
            }
            Input::Symptom(code) => {
                let s = v.present(code);
                Some(Reading {
                    value: if s.is_empty() { 0.0 } else { 1.0 },
                    evidence: s.iter().map(|s| s.id.clone()).collect(),
                })
            }
            Input::SymptomPassed(code) => {
                let s = v.resolved(code);
                Some(Reading {
                    value: if s.is_empty() { 0.0 } else { 1.0 },
                    evidence: s.iter().map(|s| s.id.clone()).collect(),
                })
            }
        }
    }

    /// PHQ-9 item 9: the latest valid PHQ-9 within 14 days, and any left-out PHQ-9 within 14 days
    /// newer than it whose item 9 was valid (docs/contract.md §1, "Validation"). The highest value counts.
    fn phq9_item9(&self) -> Option<Reading> {
        let v = self.view;
        let latest = v.judged_questionnaire(Instrument::Phq9);
        let mut best: Option<Reading> = latest.and_then(|q| {
            let item9 = *q.items.get(8)?;
            one(f64::from(item9), &q.id)
        });
        let since = latest.map(|q| q.at);
        for e in &v.record.phq9_item9_only {
            let recent = e.at <= v.now && crate::time::within(e.at, v.now, crate::view::QUESTIONNAIRE_WINDOW_SECS);
            let newer = since.is_none_or(|s| e.at > s);
            if recent && newer && best.as_ref().is_none_or(|b| f64::from(e.item9) > b.value) {
                best = one(f64::from(e.item9), &e.id);
            }
        }
        best
    }

    fn when_holds(&self, w: &When) -> Option<Vec<String>> {
        let p = &self.view.record.profile;
        if !w.with_any.is_empty() && !w.with_any.iter().any(|c| p.has(*c)) {
            return None;
        }
        if w.without.iter().any(|c| p.has(*c)) {
            return None;
        }
        if !w.takes_any.is_empty() && !w.takes_any.iter().any(|m| p.takes(*m)) {
            return None;
        }
        if w.takes_none.iter().any(|m| p.takes(*m)) {
            return None;
        }
        let oxygen_ok = match w.oxygen {
            Oxygen::Any => true,
            Oxygen::UsualTarget => !p.low_oxygen_target(),
            Oxygen::LowTarget => p.low_oxygen_target(),
        };
        if !oxygen_ok {
            return None;
        }
        let age_ok = match w.age {
            AgeWhen::Any => true,
            AgeWhen::UnderOrUnknown(a) => self.view.age.is_none_or(|x| x < a),
            AgeWhen::AtLeast(a) => self.view.age.is_some_and(|x| x >= a),
        };
        if !age_ok {
            return None;
        }
        if w.with_symptom.is_empty() {
            return Some(Vec::new());
        }
        let ids: Vec<String> =
            w.with_symptom.iter().flat_map(|c| self.view.present(*c)).map(|s| s.id.clone()).collect();
        (!ids.is_empty()).then_some(ids)
    }

    /// Whether one trigger holds on its own (used for notes).
    pub fn trigger_holds(&self, tr: &Trigger) -> bool {
        self.when_holds(&tr.when).is_some() && self.get(tr.input).is_some_and(|r| tr.test.holds(r.value))
    }

    /// Evaluates a rule's triggers; the evidence when it fires.
    pub fn fires(&self, rule: &Rule) -> Option<Vec<String>> {
        let mut evidence: Vec<String> = Vec::new();
        let mut fired = false;
        let mut seen: Vec<(Input, When, u8)> = Vec::new();
        for tr in rule.triggers {
            if seen.contains(&tr.group()) {
                continue;
            }
            seen.push(tr.group());
            let band: Vec<&Trigger> = rule.triggers.iter().filter(|x| x.group() == tr.group()).collect();
            let Some(ctx) = self.when_holds(&tr.when) else { continue };
            let Some(reading) = self.get(tr.input) else { continue };
            if band.iter().all(|b| b.test.holds(reading.value)) {
                fired = true;
                for id in reading.evidence.into_iter().chain(ctx) {
                    if !evidence.contains(&id) {
                        evidence.push(id);
                    }
                }
            }
        }
        fired.then_some(evidence)
    }
}

/// The overall disposition.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disposition {
    /// Most urgent level raised (`self_care` when none).
    pub level: Level,
    /// Service of the first flag (`self_care` when none).
    pub service: Service,
    /// Ids of every flag at the overall level.
    pub because: Vec<&'static str>,
}

/// Evaluates every rule. Returns the flags (most urgent first, then table order), the disposition
/// and the issues about rules that could not run.
pub fn evaluate<'v, 'a>(
    view: &'v View<'a>,
    news2: Option<News2>,
) -> (Vec<RedFlag>, Disposition, Vec<Issue>, Inputs<'v, 'a>) {
    let inputs = Inputs::new(view, news2);
    let mut issues = Vec::new();
    let child = view.is_child();
    if child {
        issues.push(Issue::info(
            IssueCode::NotApplicable,
            "profile.birth_date",
            "Hale's blood-pressure, NEWS2 and vital-sign checks use adult ranges, so they were not run for someone under 16. Symptom, oxygen, asthma, diabetes and mood checks still ran.",
        ));
    }
    if view.record.profile.has(Condition::Asthma)
        && inputs.peak_flow_reference.is_none()
        && view.judged(ObsKind::PeakFlow).is_some()
    {
        issues.push(Issue::warning(
            IssueCode::MissingData,
            "profile.peak_flow_best_l_min",
            "Hale cannot tell how your peak flow compares with normal for you. Please record your personal best peak flow (or your date of birth, sex and height) so it can check your readings.",
        ));
    }
    let mut raised: Vec<(usize, RedFlag)> = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        if child && rule.scope == Scope::Adults {
            continue;
        }
        if rule.needs_no_news2 && inputs.news2.is_some() {
            continue;
        }
        let Some(evidence) = inputs.fires(rule) else { continue };
        // Notes come first, except that an emergency keeps "Call 999 now" at the top.
        let mut actions: Vec<&'static str> = Vec::new();
        let keep_first = usize::from(rule.level == Level::Emergency).min(rule.actions.len());
        actions.extend(rule.actions[..keep_first].iter().copied());
        for note in rule.notes {
            if note.any.iter().any(|tr| inputs.trigger_holds(tr)) {
                actions.push(note.text);
            }
        }
        actions.extend(rule.actions[keep_first..].iter().copied());
        raised.push((
            i,
            RedFlag {
                id: rule.id,
                level: rule.level,
                service: rule.service,
                title: rule.title,
                source: rule.source,
                evidence,
                message: rule.words(rule.message),
                actions,
                unverified: rule.unverified.is_some(),
            },
        ));
    }
    let raised_ids: Vec<&str> = raised.iter().map(|(_, f)| f.id).collect();
    let mut flags: Vec<(usize, RedFlag)> =
        raised.iter().filter(|(i, _)| !RULES[*i].unless.iter().any(|u| raised_ids.contains(u))).cloned().collect();
    flags.sort_by_key(|(i, f)| (f.level, *i));
    let flags: Vec<RedFlag> = flags.into_iter().map(|(_, f)| f).collect();
    let disposition = match flags.first() {
        None => Disposition { level: Level::SelfCare, service: Service::SelfCare, because: Vec::new() },
        Some(first) => Disposition {
            level: first.level,
            service: first.service,
            because: flags.iter().filter(|f| f.level == first.level).map(|f| f.id).collect(),
        },
    };
    (flags, disposition, issues, inputs)
}
