//! The assessment's view of a record at `now`: entries timed after `now` set aside (with issues),
//! readings grouped by kind, the latest of each kind, the entries judged by the single-entry rules,
//! and the home blood-pressure average (docs/contract.md §3, "Definitions the rules use").

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::bands::EPS;
use crate::issue::{Issue, IssueCode};
use crate::record::{ObsValue, Observation, QuestionnaireEntry, Record, Symptom};
use crate::time::{age_years, fmt_instant, within, DAY_SECS};
use crate::vocab::{Instrument, ObsKind, SymptomCode};

/// Entries judged by the single-entry rules: this far back from `now`.
pub const JUDGE_WINDOW_SECS: i64 = DAY_SECS;
/// Questionnaires judged: this far back from `now`.
pub const QUESTIONNAIRE_WINDOW_SECS: i64 = 14 * DAY_SECS;
/// Home average: the window ending at the latest reading, and how recent that must be.
pub const HOME_WINDOW_SECS: i64 = 7 * DAY_SECS;
/// Home average: distinct UTC dates needed (NICE NG136 1.2: at least 4 days).
pub const HOME_MIN_DAYS: usize = 4;
/// Hale is for adults: age from which the adult-range rules run.
pub const ADULT_AGE: u32 = 16;

/// Whether a symptom still counts for 24 h after it passes (design "Resolved symptoms"): every
/// symptom of `symptoms.emergency` (stroke signs that pass still need 999, and so does anaphylaxis
/// treated with adrenaline) except chest pain, which once passed raises `symptoms.urgent` instead.
pub fn persists_when_resolved(code: SymptomCode) -> bool {
    code != SymptomCode::ChestPain && crate::red_flags::EMERGENCY_SYMPTOMS.contains(&code)
}

/// The home blood-pressure average (NICE NG136 home protocol).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HomeAverage {
    /// Mean systolic, mmHg (unrounded).
    pub systolic_mmhg: f64,
    /// Mean diastolic, mmHg (unrounded).
    pub diastolic_mmhg: f64,
    /// Readings averaged (those of the first day are discarded).
    pub readings: usize,
    /// Distinct days in the window, including the discarded first day.
    pub days: usize,
    /// First reading in the window.
    pub from: String,
    /// Last reading in the window.
    pub to: String,
    /// Ids of the readings averaged.
    pub evidence: Vec<String>,
}

/// A record seen at an instant.
#[derive(Debug)]
pub struct View<'a> {
    /// The record.
    pub record: &'a Record,
    /// The instant of the assessment.
    pub now: DateTime<Utc>,
    /// Age in whole years at `now`, when known.
    pub age: Option<u32>,
    by_kind: Vec<Vec<&'a Observation>>,
    /// Symptoms not after `now`, in input order.
    pub symptoms: Vec<&'a Symptom>,
    /// Questionnaires not after `now`, in input order.
    pub questionnaires: Vec<&'a QuestionnaireEntry>,
    /// Issues found while building the view (entries in the future, unusable birth date).
    pub issues: Vec<Issue>,
}

fn kind_index(k: ObsKind) -> usize {
    ObsKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

impl<'a> View<'a> {
    /// Builds the view: one pass over the record.
    pub fn new(record: &'a Record, now: DateTime<Utc>) -> Self {
        let mut issues = Vec::new();
        let mut by_kind: Vec<Vec<&Observation>> = vec![Vec::new(); ObsKind::ALL.len()];
        for (i, o) in record.observations.iter().enumerate() {
            if o.at > now {
                issues.push(Issue::error(
                    IssueCode::InFuture,
                    format!("observations[{i}].at"),
                    format!("The reading \"{}\" is timed after now ({}), so it was left out.", o.id, fmt_instant(o.at)),
                ));
            } else {
                by_kind[kind_index(o.kind())].push(o);
            }
        }
        let mut symptoms = Vec::new();
        for (i, s) in record.symptoms.iter().enumerate() {
            if s.at > now {
                issues.push(Issue::error(
                    IssueCode::InFuture,
                    format!("symptoms[{i}].at"),
                    format!("The symptom \"{}\" is timed after now, so it was left out.", s.id),
                ));
            } else {
                symptoms.push(s);
            }
        }
        let mut questionnaires = Vec::new();
        for (i, q) in record.questionnaires.iter().enumerate() {
            if q.at > now {
                issues.push(Issue::error(
                    IssueCode::InFuture,
                    format!("questionnaires[{i}].at"),
                    format!("The questionnaire \"{}\" is timed after now, so it was left out.", q.id),
                ));
            } else {
                questionnaires.push(q);
            }
        }
        let age = match record.profile.birth_date {
            Some(b) => {
                let a = age_years(b, now);
                if a.is_none() {
                    issues.push(Issue::error(
                        IssueCode::InFuture,
                        "profile.birth_date",
                        "The date of birth is after today, so age is unknown.",
                    ));
                }
                a
            }
            None => None,
        };
        View { record, now, age, by_kind, symptoms, questionnaires, issues }
    }

    /// Readings of a kind, not after `now`, in input order.
    pub fn of(&self, k: ObsKind) -> &[&'a Observation] {
        &self.by_kind[kind_index(k)]
    }

    /// The latest reading of a kind (ties: the later in the array).
    pub fn latest(&self, k: ObsKind) -> Option<&'a Observation> {
        let mut best: Option<&Observation> = None;
        for o in self.of(k) {
            if best.is_none_or(|b| o.at >= b.at) {
                best = Some(o);
            }
        }
        best
    }

    /// The latest reading of a kind if it is within `secs` of `now`.
    pub fn latest_within(&self, k: ObsKind, secs: i64) -> Option<&'a Observation> {
        self.latest(k).filter(|o| within(o.at, self.now, secs))
    }

    /// The reading of a kind judged by the single-entry rules: the latest spot check within 24 h
    /// (a continuous sample — a watch's background heart rate — is never judged).
    pub fn judged(&self, k: ObsKind) -> Option<&'a Observation> {
        self.latest_spot_check(k).filter(|o| within(o.at, self.now, JUDGE_WINDOW_SECS))
    }

    /// The latest spot check of a kind (ties: the later in the array): what the rules that judge
    /// readings (single-entry rules, NEWS2's set) read; a continuous sample never stands in for it.
    pub fn latest_spot_check(&self, k: ObsKind) -> Option<&'a Observation> {
        self.of(k).iter().copied().filter(|o| o.is_spot_check()).max_by_key(|o| o.at)
    }

    /// Whether the person is known to be under 16.
    pub fn is_child(&self) -> bool {
        self.age.is_some_and(|a| a < ADULT_AGE)
    }

    /// Symptoms entered in the last 24 h.
    pub fn recent_symptoms(&self) -> impl Iterator<Item = &'a Symptom> + '_ {
        self.symptoms.iter().copied().filter(|s| within(s.at, self.now, JUDGE_WINDOW_SECS))
    }

    /// Whether a symptom has passed by `now`.
    pub fn is_resolved(&self, s: &Symptom) -> bool {
        s.resolved_at.is_some_and(|r| r <= self.now)
    }

    /// Recent entries of `code` that count as present: not yet passed, or an emergency symptom
    /// that still counts for 24 h after it passes.
    pub fn present(&self, code: SymptomCode) -> Vec<&'a Symptom> {
        self.recent_symptoms()
            .filter(|s| s.code == code && (!self.is_resolved(s) || persists_when_resolved(code)))
            .collect()
    }

    /// Recent entries of `code` that have passed.
    pub fn resolved(&self, code: SymptomCode) -> Vec<&'a Symptom> {
        self.recent_symptoms().filter(|s| s.code == code && self.is_resolved(s)).collect()
    }

    /// The latest valid questionnaire of an instrument (any age).
    pub fn latest_questionnaire(&self, i: Instrument) -> Option<&'a QuestionnaireEntry> {
        let mut best: Option<&QuestionnaireEntry> = None;
        for q in self.questionnaires.iter().filter(|q| q.instrument == i) {
            if best.is_none_or(|b| q.at >= b.at) {
                best = Some(q);
            }
        }
        best
    }

    /// The latest valid questionnaire of an instrument, if within 14 days.
    pub fn judged_questionnaire(&self, i: Instrument) -> Option<&'a QuestionnaireEntry> {
        self.latest_questionnaire(i).filter(|q| within(q.at, self.now, QUESTIONNAIRE_WINDOW_SECS))
    }

    /// The home blood-pressure average, when the readings allow one.
    pub fn home_average(&self) -> Option<HomeAverage> {
        let latest = self.latest(ObsKind::BloodPressure)?;
        if !within(latest.at, self.now, HOME_WINDOW_SECS) {
            return None;
        }
        let window: Vec<&Observation> = self
            .of(ObsKind::BloodPressure)
            .iter()
            .copied()
            .filter(|o| within(o.at, latest.at, HOME_WINDOW_SECS))
            .collect();
        let mut dates: Vec<chrono::NaiveDate> = Vec::new();
        for d in window.iter().map(|o| o.at.date_naive()) {
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
        if dates.len() < HOME_MIN_DAYS {
            return None;
        }
        let first = dates.iter().copied().min()?;
        let (mut sys, mut dia, mut n) = (0.0, 0.0, 0usize);
        let mut evidence = Vec::new();
        for o in window.iter().filter(|o| o.at.date_naive() != first) {
            if let ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } = o.value {
                sys += systolic_mmhg;
                dia += diastolic_mmhg;
                n += 1;
                evidence.push(o.id.clone());
            }
        }
        if n == 0 {
            return None;
        }
        let from = window.iter().map(|o| o.at).min().unwrap_or(latest.at);
        Some(HomeAverage {
            systolic_mmhg: sys / n as f64,
            diastolic_mmhg: dia / n as f64,
            readings: n,
            days: dates.len(),
            from: fmt_instant(from),
            to: fmt_instant(latest.at),
            evidence,
        })
    }
}

/// Mean of values, `None` when empty.
pub fn mean(xs: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0usize);
    for x in xs {
        s += x;
        n += 1;
    }
    (n > 0).then(|| s / n as f64)
}

/// Whether two floats are equal to within the boundary tolerance.
pub fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS
}
