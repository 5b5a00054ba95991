//! The care team's triage categories: each enrolled person is placed in the first category they
//! match, from the flags Hale raised and the times of their readings only — a reading is never
//! judged again here. The person's app computes the placement whenever it sends (the monitoring
//! summary, `fhir::transaction`), and a worklist can place the person again at its own `now` from
//! the same facts (silence grows while nothing is sent).
//!
//! The windows (24 hours, 7 days, 14 days) are the practice's working rules for remote monitoring,
//! not clinical thresholds: they decide the order a team looks at people in, never what a person
//! is told (docs/care-team.md).

use chrono::{DateTime, TimeDelta, Utc};

use crate::record::{ObsValue, Record};
use crate::red_flags::Level;
use crate::vocab::{Instrument, ObsKind};

/// An emergency or urgent flag this recent puts the person first.
pub const URGENT_WINDOW_HOURS: i64 = 24;
/// Any other flag this recent, not yet reviewed, comes next.
pub const FLAG_WINDOW_DAYS: i64 = 7;
/// No reading for this long: the person has gone quiet.
pub const SILENT_DAYS: i64 = 14;

/// A triage category, in the order a team looks at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// An emergency or urgent flag (any service) in the last 24 hours.
    UrgentRecent,
    /// Any other flag in the last 7 days, not yet reviewed.
    FlagRecent,
    /// No readings for 14 days (by the readings' own times).
    Silent,
    /// Nothing raised.
    Settled,
}

/// A category as data: its code (system `urn:hale:triage`), its name and its rule in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CategoryDef {
    /// The category.
    pub category: Category,
    /// Its code.
    pub code: &'static str,
    /// Its name, for the team.
    pub title: &'static str,
    /// Who is in it, in words.
    pub rule: &'static str,
}

/// The categories, first match wins.
pub const CATEGORIES: [CategoryDef; 4] = [
    CategoryDef {
        category: Category::UrgentRecent,
        code: "urgent-24h",
        title: "Urgent flag in the last 24 hours",
        rule: "An emergency or urgent flag (any service, maternity and mental-health crisis included) raised or still standing in the last 24 hours, not reviewed since.",
    },
    CategoryDef {
        category: Category::FlagRecent,
        code: "flag-7d",
        title: "Flag in the last 7 days",
        rule: "Any other flag raised or still standing in the last 7 days, not reviewed since; the most urgent level first.",
    },
    CategoryDef {
        category: Category::Silent,
        code: "silent-14d",
        title: "No readings for 14 days",
        rule: "No reading taken in the last 14 days (by the readings' own times, not when they were sent).",
    },
    CategoryDef {
        category: Category::Settled,
        code: "settled",
        title: "Nothing raised",
        rule: "Readings in the last 14 days and no flag to look at.",
    },
];

/// The code system of the categories.
pub const TRIAGE_SYSTEM: &str = "urn:hale:triage";

impl Category {
    /// Its definition.
    pub fn def(self) -> &'static CategoryDef {
        CATEGORIES.iter().find(|d| d.category == self).unwrap_or(&CATEGORIES[CATEGORIES.len() - 1])
    }
}

/// A flag as the triage sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagFact {
    /// Rule id.
    pub rule: &'static str,
    /// The episode (`rule@start`, as in the Flag's identifier), when known.
    pub key: Option<String>,
    /// Its title.
    pub title: &'static str,
    /// Its level.
    pub level: Level,
    /// The last time it stood.
    pub at: DateTime<Utc>,
}

/// What the triage is built from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// The time of the latest reading (not after `now`).
    pub latest_reading: Option<DateTime<Utc>>,
    /// The flags that stood in the last 7 days.
    pub flags: Vec<FlagFact>,
}

/// The facts of a record at `now`.
pub fn facts(record: &Record, now: DateTime<Utc>) -> Facts {
    let latest_reading = record.observations.iter().map(|o| o.at).filter(|at| *at <= now).max();
    let since = now - TimeDelta::days(FLAG_WINDOW_DAYS);
    let flags = crate::history::episodes(record, since, now)
        .into_iter()
        .filter_map(|e| {
            let at = crate::time::parse_rfc3339(&e.last_seen)?;
            Some(FlagFact { rule: e.id, key: Some(format!("{}@{}", e.id, e.from)), title: e.title, level: e.level, at })
        })
        .collect();
    Facts { latest_reading, flags }
}

/// Where a person is placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// The category.
    pub category: Category,
    /// Within the category, lower first: the most urgent level's place in `Level::ALL`.
    pub rank: usize,
    /// Within the same rank, later first: the flag's or the latest reading's time.
    pub at: Option<DateTime<Utc>>,
    /// Why, in words.
    pub reason: String,
}

/// Places a person at `now`; flags that last stood at or before `reviewed_at` no longer count.
pub fn place(f: &Facts, now: DateTime<Utc>, reviewed_at: Option<DateTime<Utc>>) -> Placement {
    let rank_of = |l: Level| Level::ALL.iter().position(|x| *x == l).unwrap_or(Level::ALL.len());
    let open: Vec<&FlagFact> = f
        .flags
        .iter()
        .filter(|x| x.at <= now && reviewed_at.is_none_or(|r| x.at > r) && x.level != Level::SelfCare)
        .collect();
    // The most urgent, then the most recent.
    fn top(list: Vec<&FlagFact>, rank_of: impl Fn(Level) -> usize) -> Option<&FlagFact> {
        list.into_iter().min_by_key(|x| (rank_of(x.level), std::cmp::Reverse(x.at)))
    }
    let urgent = top(
        open.iter()
            .copied()
            .filter(|x| matches!(x.level, Level::Emergency | Level::Urgent))
            .filter(|x| x.at >= now - TimeDelta::hours(URGENT_WINDOW_HOURS))
            .collect(),
        rank_of,
    );
    if let Some(x) = urgent {
        let reason = format!("{} ({} flag)", x.title, x.level.as_str().replace('_', " "));
        return Placement { category: Category::UrgentRecent, rank: rank_of(x.level), at: Some(x.at), reason };
    }
    let recent: Vec<&FlagFact> = open.into_iter().filter(|x| x.at >= now - TimeDelta::days(FLAG_WINDOW_DAYS)).collect();
    if let Some(x) = top(recent, rank_of) {
        let reason = format!("{} ({} flag)", x.title, x.level.as_str().replace('_', " "));
        return Placement { category: Category::FlagRecent, rank: rank_of(x.level), at: Some(x.at), reason };
    }
    let quiet = f.latest_reading.is_none_or(|t| t < now - TimeDelta::days(SILENT_DAYS));
    if quiet {
        let reason = match f.latest_reading {
            Some(t) => format!("No readings for {} days", (now - t).num_days()),
            None => "No readings yet".to_string(),
        };
        return Placement { category: Category::Silent, rank: 0, at: f.latest_reading, reason };
    }
    Placement { category: Category::Settled, rank: 0, at: f.latest_reading, reason: "Nothing raised".to_string() }
}

/// The kinds whose latest value the team's list shows, in this order.
pub const KEY_KINDS: [ObsKind; 6] =
    [ObsKind::BloodPressure, ObsKind::Glucose, ObsKind::PeakFlow, ObsKind::Spo2, ObsKind::Hba1c, ObsKind::Weight];

/// The questionnaires whose latest total the team's list shows.
pub const KEY_INSTRUMENTS: [Instrument; 2] = [Instrument::Phq9, Instrument::Gad7];

/// A key latest value: what it was, in words, and when it was taken.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyValue {
    /// The kind's or questionnaire's code (`blood_pressure`, `phq9`).
    pub code: &'static str,
    /// Its name.
    pub label: &'static str,
    /// The value in words (`146/88 mmHg`, `225 L/min (45% of best)`, `12 of 27`).
    pub text: String,
    /// When it was taken.
    pub at: DateTime<Utc>,
}

/// A number as people write it: whole when whole, else one decimal place.
fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The latest value of each key kind and questionnaire at `now` (nothing after `now`); peak flow
/// with its percentage of the person's reference (their best, else the predicted value).
pub fn key_values(record: &Record, now: DateTime<Utc>) -> Vec<KeyValue> {
    let age = record.profile.birth_date.and_then(|b| crate::time::age_years(b, now));
    let reference = crate::peak_flow::reference(&record.profile, age);
    let mut out = Vec::new();
    for kind in KEY_KINDS {
        let Some(o) = record.observations.iter().filter(|o| o.kind() == kind && o.at <= now).max_by_key(|o| o.at)
        else {
            continue;
        };
        let text = match o.value {
            ObsValue::BloodPressure { systolic_mmhg, diastolic_mmhg } => {
                format!("{}/{} mmHg", num(systolic_mmhg), num(diastolic_mmhg))
            }
            ObsValue::Glucose { mmol_l, .. } => format!("{} mmol/L", num(mmol_l)),
            ObsValue::PeakFlow { l_min } => match reference {
                Some(r) if r.l_min() > 0.0 => {
                    let which = match r {
                        crate::peak_flow::Reference::PersonalBest(_) => "best",
                        crate::peak_flow::Reference::Predicted(_) => "predicted",
                    };
                    format!("{} L/min ({}% of {which})", num(l_min.round()), num((l_min / r.l_min() * 100.0).round()))
                }
                _ => format!("{} L/min", num(l_min.round())),
            },
            ObsValue::Spo2 { percent, on_oxygen } => {
                format!("{}%{}", num(percent), if on_oxygen { " on oxygen" } else { "" })
            }
            ObsValue::Hba1c { mmol_mol } => format!("{} mmol/mol", num(mmol_mol)),
            ObsValue::Weight { kg } => format!("{} kg", num(kg)),
            _ => continue,
        };
        out.push(KeyValue { code: kind.as_str(), label: crate::spec::kind_spec(kind).label, text, at: o.at });
    }
    for instrument in KEY_INSTRUMENTS {
        let Some(q) =
            record.questionnaires.iter().filter(|q| q.instrument == instrument && q.at <= now).max_by_key(|q| q.at)
        else {
            continue;
        };
        let (items, per_item) = instrument.shape();
        out.push(KeyValue {
            code: instrument.as_str(),
            label: match instrument {
                Instrument::Phq9 => "PHQ-9 (mood)",
                Instrument::Gad7 => "GAD-7 (anxiety)",
                _ => instrument.as_str(),
            },
            text: format!("{} of {}", q.total(), items * usize::from(per_item)),
            at: q.at,
        });
    }
    out
}
