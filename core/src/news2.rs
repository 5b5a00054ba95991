//! NEWS2 (Royal College of Physicians, 2017), Chart 1 scoring and the band of docs/contract.md §2.
//!
//! Source: RCP, National Early Warning Score (NEWS) 2, Dec 2017, Chart 1 (scoring) and Chart 4
//! (clinical response); clinical-reference.md §2. Reproduced with acknowledgement of the RCP.

use serde::Serialize;

use crate::bands::band_from_top;
use crate::record::ObsValue;
use crate::time::fmt_instant;
use crate::view::View;
use crate::vocab::{Acvpu, Condition, ObsKind};

/// The newest reading of the set must be within this of `now`.
pub const SET_RECENT_SECS: i64 = 86_400;
/// All readings of the set must be within this of each other.
pub const SET_SPREAD_SECS: i64 = 3_600;

/// The seven parameter scores, keys in the contract's order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct News2Parameters {
    /// Respiration rate.
    pub respiratory_rate: u8,
    /// SpO2 (scale 1 or 2).
    pub spo2: u8,
    /// Air or oxygen.
    pub air_or_oxygen: u8,
    /// Systolic blood pressure.
    pub systolic_bp: u8,
    /// Pulse.
    pub pulse: u8,
    /// Consciousness (ACVPU).
    pub consciousness: u8,
    /// Temperature.
    pub temperature: u8,
}

impl News2Parameters {
    /// Sum of the seven scores.
    pub fn total(&self) -> u8 {
        self.respiratory_rate
            + self.spo2
            + self.air_or_oxygen
            + self.systolic_bp
            + self.pulse
            + self.consciousness
            + self.temperature
    }
    /// The highest single score.
    pub fn max(&self) -> u8 {
        [
            self.respiratory_rate,
            self.spo2,
            self.air_or_oxygen,
            self.systolic_bp,
            self.pulse,
            self.consciousness,
            self.temperature,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// NEWS2 band (docs/contract.md §2: high ≥7; medium ≥5; low_medium when any parameter scores 3; else low).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum News2Band {
    /// Total 0-4, no parameter scoring 3.
    Low,
    /// A single parameter scoring 3, total below 5.
    LowMedium,
    /// Total 5-6.
    Medium,
    /// Total 7 or more.
    High,
}

/// A NEWS2 result.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct News2 {
    /// Aggregate score (0-20).
    pub total: u8,
    /// Band.
    pub band: News2Band,
    /// The seven parameter scores.
    pub parameters: News2Parameters,
    /// SpO2 scale used (1, or 2 with an 88–92 % oxygen target).
    pub spo2_scale: u8,
    /// Time of the newest reading of the set.
    pub at: String,
    /// Ids of the readings scored.
    pub evidence: Vec<String>,
}

/// The vital signs of a NEWS2 set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vitals {
    /// Breaths a minute.
    pub respiratory_rate: f64,
    /// SpO2 %.
    pub spo2: f64,
    /// On supplemental oxygen.
    pub on_oxygen: bool,
    /// Systolic mmHg.
    pub systolic: f64,
    /// Pulse.
    pub pulse: f64,
    /// ACVPU.
    pub acvpu: Acvpu,
    /// Temperature, °C.
    pub temperature: f64,
}

/// Respiration rate: ≤8 → 3; 9–11 → 1; 12–20 → 0; 21–24 → 2; ≥25 → 3.
pub fn score_respiratory_rate(x: f64) -> u8 {
    band_from_top(x, &[(25.0, 3), (21.0, 2), (12.0, 0), (9.0, 1), (f64::MIN, 3)]).unwrap_or(3)
}

/// SpO2 scale 1: ≤91 → 3; 92–93 → 2; 94–95 → 1; ≥96 → 0.
pub fn score_spo2_scale1(x: f64) -> u8 {
    band_from_top(x, &[(96.0, 0), (94.0, 1), (92.0, 2), (f64::MIN, 3)]).unwrap_or(3)
}

/// SpO2 scale 2: ≤83 → 3; 84–85 → 2; 86–87 → 1; 88–92 (or ≥93 on air) → 0;
/// on oxygen 93–94 → 1, 95–96 → 2, ≥97 → 3.
pub fn score_spo2_scale2(x: f64, on_oxygen: bool) -> u8 {
    if on_oxygen && crate::bands::Test::AtLeast(93.0).holds(x) {
        return band_from_top(x, &[(97.0, 3), (95.0, 2), (93.0, 1)]).unwrap_or(1);
    }
    band_from_top(x, &[(88.0, 0), (86.0, 1), (84.0, 2), (f64::MIN, 3)]).unwrap_or(3)
}

/// Air → 0; oxygen → 2.
pub fn score_air_or_oxygen(on_oxygen: bool) -> u8 {
    if on_oxygen {
        2
    } else {
        0
    }
}

/// Systolic: ≤90 → 3; 91–100 → 2; 101–110 → 1; 111–219 → 0; ≥220 → 3.
pub fn score_systolic(x: f64) -> u8 {
    band_from_top(x, &[(220.0, 3), (111.0, 0), (101.0, 1), (91.0, 2), (f64::MIN, 3)]).unwrap_or(3)
}

/// Pulse: ≤40 → 3; 41–50 → 1; 51–90 → 0; 91–110 → 1; 111–130 → 2; ≥131 → 3.
pub fn score_pulse(x: f64) -> u8 {
    band_from_top(x, &[(131.0, 3), (111.0, 2), (91.0, 1), (51.0, 0), (41.0, 1), (f64::MIN, 3)]).unwrap_or(3)
}

/// Alert → 0; new confusion, voice, pain or unresponsive → 3.
pub fn score_consciousness(a: Acvpu) -> u8 {
    match a {
        Acvpu::A => 0,
        Acvpu::C | Acvpu::V | Acvpu::P | Acvpu::U => 3,
    }
}

/// Temperature: ≤35.0 → 3; 35.1–36.0 → 1; 36.1–38.0 → 0; 38.1–39.0 → 1; ≥39.1 → 2.
/// Bands run from their lower bound up to the next band's lower bound (38.05 scores 0).
pub fn score_temperature(x: f64) -> u8 {
    band_from_top(x, &[(39.1, 2), (38.1, 1), (36.1, 0), (35.1, 1), (f64::MIN, 3)]).unwrap_or(3)
}

/// Scores a set of vitals on scale 1 or 2.
pub fn score(v: &Vitals, scale2: bool) -> News2Parameters {
    News2Parameters {
        respiratory_rate: score_respiratory_rate(v.respiratory_rate),
        spo2: if scale2 { score_spo2_scale2(v.spo2, v.on_oxygen) } else { score_spo2_scale1(v.spo2) },
        air_or_oxygen: score_air_or_oxygen(v.on_oxygen),
        systolic_bp: score_systolic(v.systolic),
        pulse: score_pulse(v.pulse),
        consciousness: score_consciousness(v.acvpu),
        temperature: score_temperature(v.temperature),
    }
}

/// The band for a set of parameter scores.
pub fn band(p: &News2Parameters) -> News2Band {
    let t = p.total();
    use crate::thresholds::{NEWS2_HIGH_AT_LEAST, NEWS2_MEDIUM_AT_LEAST, NEWS2_SINGLE_RED};
    if t >= NEWS2_HIGH_AT_LEAST {
        News2Band::High
    } else if t >= NEWS2_MEDIUM_AT_LEAST {
        News2Band::Medium
    } else if p.max() >= NEWS2_SINGLE_RED {
        News2Band::LowMedium
    } else {
        News2Band::Low
    }
}

/// Finds a full NEWS2 set in the view: the latest spot check of each parameter (a continuous
/// sample from a watch is never part of a set), all within 60
/// minutes of each other, the newest within 24 h of `now`. Returns the vitals and the reading ids.
pub fn full_set(view: &View<'_>) -> Option<(Vitals, Vec<String>, chrono::DateTime<chrono::Utc>)> {
    let rr = view.latest_spot_check(ObsKind::RespiratoryRate)?;
    let sp = view.latest_spot_check(ObsKind::Spo2)?;
    let bp = view.latest_spot_check(ObsKind::BloodPressure)?;
    let hr = view.latest_spot_check(ObsKind::HeartRate)?;
    let cs = view.latest_spot_check(ObsKind::Consciousness)?;
    let tp = view.latest_spot_check(ObsKind::Temperature)?;
    let all = [rr, sp, bp, hr, cs, tp];
    let newest = all.iter().map(|o| o.at).max()?;
    let oldest = all.iter().map(|o| o.at).min()?;
    if (newest - oldest) > chrono::TimeDelta::seconds(SET_SPREAD_SECS)
        || !crate::time::within(newest, view.now, SET_RECENT_SECS)
    {
        return None;
    }
    let vitals = Vitals {
        respiratory_rate: match rr.value {
            ObsValue::RespiratoryRate { per_min } => per_min,
            _ => return None,
        },
        spo2: match sp.value {
            ObsValue::Spo2 { percent, .. } => percent,
            _ => return None,
        },
        on_oxygen: match sp.value {
            ObsValue::Spo2 { on_oxygen, .. } => on_oxygen,
            _ => return None,
        },
        systolic: match bp.value {
            ObsValue::BloodPressure { systolic_mmhg, .. } => systolic_mmhg,
            _ => return None,
        },
        pulse: match hr.value {
            ObsValue::HeartRate { bpm } => bpm,
            _ => return None,
        },
        acvpu: match cs.value {
            ObsValue::Consciousness { acvpu } => acvpu,
            _ => return None,
        },
        temperature: match tp.value {
            ObsValue::Temperature { celsius } => celsius,
            _ => return None,
        },
    };
    Some((vitals, all.iter().map(|o| o.id.clone()).collect(), newest))
}

/// Why NEWS2 is not applicable to this person, if it is not.
pub fn not_applicable_reason(view: &View<'_>) -> Option<&'static str> {
    if view.is_child() {
        Some("NEWS2 is not used for people under 16, so no NEWS2 score was worked out.")
    } else if view.record.profile.has(Condition::Pregnant) {
        Some("NEWS2 is not used in pregnancy, so no NEWS2 score was worked out; single vital signs were checked instead.")
    } else {
        None
    }
}

/// NEWS2 for the view, when a full set exists and NEWS2 applies.
pub fn assess(view: &View<'_>) -> Option<News2> {
    if not_applicable_reason(view).is_some() {
        return None;
    }
    let (vitals, evidence, newest) = full_set(view)?;
    // Scale 2 only for a person with an 88–92 % target (RCP NEWS2; BTS oxygen guideline): `copd`
    // alone stays on scale 1.
    let scale2 = view.record.profile.low_oxygen_target();
    let parameters = score(&vitals, scale2);
    Some(News2 {
        total: parameters.total(),
        band: band(&parameters),
        parameters,
        spo2_scale: if scale2 { 2 } else { 1 },
        at: fmt_instant(newest),
        evidence,
    })
}
