//! Peak flow as a percentage of the person's reference: their personal best, or else the
//! predicted value (Nunn & Gregg 1989, converted to the EU scale). clinical-reference.md §4.3.

use crate::record::Profile;
use crate::vocab::Sex;

/// Where the reference peak flow came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reference {
    /// The person's recorded personal best.
    PersonalBest(f64),
    /// Predicted from age, sex and height (Nunn–Gregg, EU scale).
    Predicted(f64),
}

impl Reference {
    /// The reference value in L/min.
    pub fn l_min(self) -> f64 {
        match self {
            Reference::PersonalBest(x) | Reference::Predicted(x) => x,
        }
    }
}

/// Youngest age for the adult Nunn–Gregg equations as Hale uses them (Hale is for 16 and over;
/// the equations' valid range is UNVERIFIED, clinical-reference §4.3).
pub const PREDICTED_MIN_AGE: u32 = 16;

/// Nunn & Gregg (BMJ 1989;298:1068–70), Wright scale, L/min. Height in cm, age in years.
pub fn nunn_gregg_wright(sex: Sex, age: f64, height_cm: f64) -> f64 {
    match sex {
        Sex::Male => (0.544 * age.ln() - 0.0151 * age - 74.7 / height_cm + 5.48).exp(),
        Sex::Female => (0.376 * age.ln() - 0.0120 * age - 58.8 / height_cm + 5.63).exp(),
    }
}

/// Wright scale to EU scale (EN 13826): 50.356 + 0.4·W + 0.0008814·W² − 0.0000001116·W³
/// (polynomial attributed to M.R. Miller; citation UNVERIFIED, clinical-reference §4.3).
pub fn wright_to_eu(w: f64) -> f64 {
    50.356 + 0.4 * w + 0.000_881_4 * w * w - 0.000_000_111_6 * w * w * w
}

/// Predicted peak flow on the EU scale.
pub fn predicted_eu(sex: Sex, age: u32, height_cm: f64) -> f64 {
    wright_to_eu(nunn_gregg_wright(sex, f64::from(age), height_cm))
}

/// The reference for this person: personal best if recorded, else predicted when age (16+), sex
/// and height are known, else `None`.
pub fn reference(profile: &Profile, age: Option<u32>) -> Option<Reference> {
    if let Some(best) = profile.peak_flow_best_l_min {
        return Some(Reference::PersonalBest(best));
    }
    let (sex, age, h) = (profile.sex?, age?, profile.height_cm?);
    (age >= PREDICTED_MIN_AGE).then(|| Reference::Predicted(predicted_eu(sex, age, h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clinical-reference §4.3 computed checks (Wright and EU, rounded to whole L/min).
    #[test]
    fn computed_checks() {
        let cases = [
            (Sex::Male, 30, 175.0, 633.0, 628.0),
            (Sex::Male, 50, 180.0, 625.0, 618.0),
            (Sex::Female, 30, 163.0, 487.0, 441.0),
            (Sex::Female, 60, 160.0, 438.0, 385.0),
        ];
        for (sex, age, h, wright, eu) in cases {
            let w = nunn_gregg_wright(sex, f64::from(age), h);
            assert_eq!(w.round(), wright, "{sex} {age} {h}: Wright {w}");
            assert_eq!(predicted_eu(sex, age, h).round(), eu, "{sex} {age} {h}: EU");
        }
    }
}

/// Action-plan zones in L/min from a reference (personal best or predicted), rounded to whole
/// L/min: green from 80 %, amber from 60 % (below: red), life-threatening below 33 %
/// (clinical-reference §4.1, §4.2; the red-flag rules use the same percentages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Zones {
    /// The reference, L/min.
    pub reference: u32,
    /// Green (well) from this value.
    pub green_from: u32,
    /// Amber (getting worse) from this value up to green.
    pub amber_from: u32,
    /// At or below this value (50 %) the words are the asthma-attack steps (BTS/SIGN 158 acute
    /// severe band 33–50 %; the `asthma.pef.severe` notes).
    pub attack_at_most: u32,
    /// Life-threatening below this value.
    pub emergency_below: u32,
}

/// The zones for a reference peak flow.
pub fn zones(reference_l_min: f64) -> Zones {
    let at = |pct: f64| (reference_l_min * pct / 100.0).round() as u32;
    Zones {
        reference: reference_l_min.round() as u32,
        green_from: at(80.0),
        amber_from: at(60.0),
        attack_at_most: at(crate::red_flags::PEF_ATTACK_AT_MOST),
        emergency_below: at(33.0),
    }
}
