//! The summary a person shares with their care team (docs/sharing.md), and its compact binary
//! encoding inside a share link.
//!
//! A summary is what the person chose — a date range, which kinds of reading, whether to include
//! their notes and their name and date of birth — plus what the core said about their *whole*
//! record when they shared it: the health score's components, QRISK3, the red flags raised in the
//! last 90 days and the recheck plan. Carrying those results (rather than recomputing them from the
//! chosen readings) is what lets the care team see the same numbers the person saw.
//!
//! The encoding (format byte [`FORMAT`]) is little more than varints: times as seconds relative to
//! when it was made, readings sorted by time with the gap to the previous one, whole-number fields
//! as integers and other numbers to 0.01, vocabulary values as their index in the core's tables.
//! DEFLATE and AES-256-GCM are the envelope's job ([`crate::share`]). Decoding checks every value
//! against the same plausible ranges the Record format uses and fails as a whole on anything it
//! cannot read: a summary is shown complete or not at all.

mod encoding;
mod qr;
mod view;

pub use encoding::{decode, encode, DecodeError};
pub use qr::{qr_svg, QR_MAX_VERSION};
pub use view::view;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde_json::Value;

use crate::assessment::Assessment;
use crate::fields::FieldVal;
use crate::record::{ObsValue, Observation, Profile, QuestionnaireEntry, Record, Smoking, Symptom};
use crate::red_flags::Level;
use crate::score::COMPONENTS;
use crate::spec::{kind_spec, FieldType};
use crate::time::age_years;
use crate::vocab::ObsKind;

/// The binary format this build writes (the first byte). Format 2 adds the care plan; this build
/// still reads format 1, so links made before it still open.
pub const FORMAT: u8 = 2;
/// The first format, without the care plan (read, never written).
pub const FORMAT_1: u8 = 1;
/// How far back the flags in a summary reach.
pub const FLAG_DAYS: i64 = 90;
/// Default days until a shared link stops opening.
pub const DEFAULT_EXPIRES_DAYS: u32 = 30;
/// Longest expiry a person may choose.
pub const MAX_EXPIRES_DAYS: u32 = 365;
/// Default range: this many days up to today.
pub const DEFAULT_RANGE_DAYS: i64 = 30;

/// What the person chose to share.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// First day (UTC) of readings to include.
    pub from: NaiveDate,
    /// Last day (UTC) of readings to include.
    pub to: NaiveDate,
    /// Kinds of reading to include (in `ObsKind::ALL` order).
    pub kinds: Vec<ObsKind>,
    /// Include the notes written beside readings and symptoms.
    pub notes: bool,
    /// Include name and date of birth (otherwise age in years only).
    pub identity: bool,
    /// Days until the link stops opening; `None` for a file, which has no expiry.
    pub expires_days: Option<u32>,
    /// Include the care plan (what matters, medicines, allergies, contacts).
    pub care_plan: bool,
    /// Include the health score; `None`: only when every part of it is known.
    pub score: Option<bool>,
}

impl Options {
    /// The defaults at `now`: the last 30 days, every kind, no notes, no name, 30-day expiry.
    pub fn defaults(now: DateTime<Utc>) -> Options {
        let to = now.date_naive();
        Options {
            from: to - TimeDelta::days(DEFAULT_RANGE_DAYS - 1),
            to,
            kinds: ObsKind::ALL.to_vec(),
            notes: false,
            identity: false,
            expires_days: Some(DEFAULT_EXPIRES_DAYS),
            care_plan: true,
            score: None,
        }
    }

    /// Reads options JSON (`{"from": "2026-10-23", "to": "2026-11-21", "kinds": ["blood_pressure"],
    /// "notes": false, "identity": false, "expires_days": 30, "care_plan": true, "score": true}`;
    /// every key optional), with a plain
    /// message for anything wrong.
    pub fn from_json(v: &Value, now: DateTime<Utc>) -> Result<Options, String> {
        let mut o = Options::defaults(now);
        let date = |k: &str| -> Result<Option<NaiveDate>, String> {
            match v.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(x) => x
                    .as_str()
                    .and_then(crate::time::parse_date)
                    .map(Some)
                    .ok_or_else(|| format!("\"{k}\" must be a date like 2026-11-21.")),
            }
        };
        if let Some(d) = date("to")? {
            o.to = d;
            o.from = d - TimeDelta::days(DEFAULT_RANGE_DAYS - 1);
        }
        if let Some(d) = date("from")? {
            o.from = d;
        }
        if o.from > o.to {
            return Err("The start of the range must be on or before its end.".into());
        }
        if let Some(k) = v.get("kinds").filter(|k| !k.is_null()) {
            let list = k.as_array().ok_or("\"kinds\" must be a list of kinds of reading.")?;
            let mut kinds = Vec::new();
            for x in list {
                let kind =
                    x.as_str().and_then(ObsKind::parse).ok_or_else(|| format!("{x} is not a kind of reading."))?;
                kinds.push(kind);
            }
            o.kinds = ObsKind::ALL.iter().copied().filter(|k| kinds.contains(k)).collect();
        }
        let flag = |k: &str, d: bool| -> Result<bool, String> {
            match v.get(k) {
                None | Some(Value::Null) => Ok(d),
                Some(x) => x.as_bool().ok_or_else(|| format!("\"{k}\" must be true or false.")),
            }
        };
        o.notes = flag("notes", o.notes)?;
        o.identity = flag("identity", o.identity)?;
        o.care_plan = flag("care_plan", o.care_plan)?;
        if v.get("score").is_some_and(|x| !x.is_null()) {
            o.score = Some(flag("score", false)?);
        }
        if let Some(x) = v.get("expires_days").filter(|x| !x.is_null()) {
            let days = x
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .filter(|d| (1..=MAX_EXPIRES_DAYS).contains(d))
                .ok_or_else(|| {
                    format!("\"expires_days\" must be a whole number of days from 1 to {MAX_EXPIRES_DAYS}.")
                })?;
            o.expires_days = Some(days);
        }
        Ok(o)
    }
}

/// One stretch of time a red flag was raised, as carried in a summary.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagEpisode {
    /// Rule id.
    pub id: String,
    /// Level.
    pub level: Level,
    /// When it was first raised.
    pub from: DateTime<Utc>,
    /// The last time it was still raised.
    pub last_seen: DateTime<Utc>,
    /// Still raised when the summary was made.
    pub active: bool,
}

/// A recheck in the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanEntry {
    /// The advice it comes from.
    pub advice_id: String,
    /// Due date.
    pub due: NaiveDate,
    /// Overdue when the summary was made.
    pub overdue: bool,
}

/// What the core said about the whole record when the summary was made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Health-score components (contract key order); `None` when the score does not apply.
    pub components: Option<[Option<u8>; 8]>,
    /// QRISK3 10-year risk, percent to 0.01.
    pub qrisk3_percent: Option<f64>,
    /// Red flags raised in the 90 days up to when it was made, most recent first.
    pub flags: Vec<FlagEpisode>,
    /// The recheck plan.
    pub plan: Vec<PlanEntry>,
    /// Entries (readings, symptoms, questionnaires) logged in those 90 days: no flags from no
    /// entries says nothing, and the review must not read it as "all is well".
    pub flag_window_entries: u32,
}

/// A summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// When it was made (to the second).
    pub created: DateTime<Utc>,
    /// When it stops opening (`None`: no expiry, as for a file).
    pub expires: Option<DateTime<Utc>>,
    /// First day of the range.
    pub from: NaiveDate,
    /// Last day of the range.
    pub to: NaiveDate,
    /// Kinds of reading chosen.
    pub kinds: Vec<ObsKind>,
    /// Whether notes were included.
    pub notes: bool,
    /// The readings, symptoms and questionnaires in the range, and the profile fields a summary
    /// carries (name and date of birth only when chosen). Ids are `o1`, `s1`, `q1`… in time order.
    pub record: Record,
    /// Age in whole years when it was made, when the date of birth was not shared.
    pub age_years: Option<u32>,
    /// The results at `created`.
    pub results: Results,
}

fn in_range(t: DateTime<Utc>, o: &Options) -> bool {
    let d = t.date_naive();
    d >= o.from && d <= o.to
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Builds the summary of `record` (assessed as `assessment` at `now`) with the person's choices.
pub fn build(record: &Record, assessment: &Assessment, o: &Options, now: DateTime<Utc>) -> Summary {
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let p = &record.profile;
    let profile = Profile {
        name: p.name.clone().filter(|_| o.identity),
        birth_date: p.birth_date.filter(|_| o.identity),
        sex: p.sex,
        height_cm: p.height_cm.map(round2),
        conditions: p.conditions.clone(),
        medications: p.medications.clone(),
        smoking: p.smoking.clone().map(|sm| Smoking { cigarettes_per_day: sm.cigarettes_per_day.map(round2), ..sm }),
        peak_flow_best_l_min: p.peak_flow_best_l_min.map(round2),
        oxygen_target: p.oxygen_target,
        glucose_target_mmol_l: p.glucose_target_mmol_l.map(|(l, h)| (round2(l), round2(h))),
        care_plan: p.care_plan.clone().filter(|c| o.care_plan && !c.is_empty()),
        ..Profile::default()
    };
    let note = |n: &Option<String>| n.clone().filter(|_| o.notes);
    let mut observations: Vec<Observation> = record
        .observations
        .iter()
        .filter(|ob| in_range(ob.at, o) && ob.at <= now && o.kinds.contains(&ob.kind()))
        .map(|ob| Observation { note: note(&ob.note), value: quantize(&ob.value), ..ob.clone() })
        .collect();
    observations.sort_by_key(|ob| ob.at);
    let mut symptoms: Vec<Symptom> = record
        .symptoms
        .iter()
        .filter(|s| in_range(s.at, o) && s.at <= now)
        .map(|s| Symptom { note: note(&s.note), ..s.clone() })
        .collect();
    symptoms.sort_by_key(|s| s.at);
    let mut questionnaires: Vec<QuestionnaireEntry> =
        record.questionnaires.iter().filter(|q| in_range(q.at, o) && q.at <= now).cloned().collect();
    questionnaires.sort_by_key(|q| q.at);
    let flags = crate::history::episodes(record, now - TimeDelta::days(FLAG_DAYS), now)
        .into_iter()
        .filter_map(|e| {
            Some(FlagEpisode {
                id: e.id.to_string(),
                level: e.level,
                from: crate::time::parse_rfc3339(&e.from)?,
                last_seen: crate::time::parse_rfc3339(&e.last_seen)?,
                active: e.active,
            })
        })
        .collect();
    let since = now - TimeDelta::days(FLAG_DAYS);
    let in_window = |t: DateTime<Utc>| t > since && t <= now;
    let flag_window_entries = record.observations.iter().filter(|o| in_window(o.at)).count()
        + record.symptoms.iter().filter(|s| in_window(s.at)).count()
        + record.questionnaires.iter().filter(|q| in_window(q.at)).count();
    let results = Results {
        flag_window_entries: u32::try_from(flag_window_entries).unwrap_or(u32::MAX),
        components: assessment
            .score
            .as_ref()
            .map(|s| COMPONENTS.map(|k| s.components.get(k)))
            .filter(|c| o.score.unwrap_or_else(|| c.iter().all(Option::is_some))),
        qrisk3_percent: assessment.qrisk3.as_ref().map(|q| round2(q.risk_percent)),
        flags,
        plan: assessment
            .plan
            .iter()
            .filter_map(|p| {
                Some(PlanEntry {
                    advice_id: p.advice_id.to_string(),
                    due: crate::time::parse_date(&p.due)?,
                    overdue: p.overdue,
                })
            })
            .collect(),
    };
    let mut s = Summary {
        created: now,
        expires: o.expires_days.map(|d| now + TimeDelta::days(i64::from(d))),
        from: o.from,
        to: o.to,
        kinds: o.kinds.clone(),
        notes: o.notes,
        record: Record { profile, observations, symptoms, questionnaires, phq9_item9_only: Vec::new() },
        age_years: if o.identity { None } else { p.birth_date.and_then(|b| age_years(b, now)) },
        results,
    };
    renumber(&mut s.record);
    s
}

/// A reading's numbers as the encoding keeps them: whole-number fields whole, others to 0.01.
fn quantize(v: &ObsValue) -> ObsValue {
    let spec = kind_spec(v.kind());
    let fields: Vec<(&str, FieldVal)> = v
        .fields()
        .into_iter()
        .map(|(name, fv)| match fv {
            FieldVal::Num(x) => {
                let whole = spec.fields.iter().any(|f| f.name == name && matches!(f.ty, FieldType::Whole { .. }));
                (name, FieldVal::Num(if whole { x.round() } else { round2(x) }))
            }
            other => (name, other),
        })
        .collect();
    ObsValue::from_fields(v.kind(), |n| fields.iter().find(|(k, _)| *k == n).map(|(_, x)| *x)).unwrap_or(*v)
}

/// Gives entries the ids a decoded summary has, so encoding loses nothing.
fn renumber(r: &mut Record) {
    for (i, o) in r.observations.iter_mut().enumerate() {
        o.id = format!("o{}", i + 1);
    }
    for (i, s) in r.symptoms.iter_mut().enumerate() {
        s.id = format!("s{}", i + 1);
    }
    for (i, q) in r.questionnaires.iter_mut().enumerate() {
        q.id = format!("q{}", i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_fits_a_qr_code_and_a_huge_one_does_not() {
        let svg = qr_svg("https://example.org/#/review/v1.abc.def").unwrap_or_default();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
        assert_eq!(qr_svg(&"x".repeat(3000)), None);
    }
}
