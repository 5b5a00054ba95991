//! Clinical numbers that more than one part of Hale compares against, each written once with its
//! source (sections of docs/clinical-reference.md). The red-flag table, the protocols, the trend
//! bands and the score use these constants; `core/tests/meta.rs` fails if one of the comparisons it
//! names is typed as a literal again. Published band and coefficient tables (the Life's Essential 8
//! bands, NEWS2's chart, QRISK3's coefficients) stay as data beside the code that reads them.

/// A hypo: glucose below 4.0 mmol/L ("less than 4 is too low and should be treated"; nidirect, JBDS
/// hypoglycaemia algorithm; clinical-reference §5.1).
pub const HYPO_BELOW_MMOL_L: f64 = 4.0;
/// Level 2 hypoglycaemia: glucose below 3.0 mmol/L (clinical-reference §5.1).
pub const HYPO_LEVEL2_BELOW_MMOL_L: f64 = 3.0;
/// HbA1c target 48 mmol/mol: type 1, and type 2 on lifestyle or one drug that does not cause hypos
/// (NICE NG28 1.5, NG17; clinical-reference §5.3). Also the diabetes range from 48.
pub const HBA1C_TARGET_MMOL_MOL: f64 = 48.0;
/// HbA1c target 53 mmol/mol: type 2 on a drug that can cause hypos (insulin, a sulfonylurea) (NICE
/// NG28 1.5; clinical-reference §5.3).
pub const HBA1C_TARGET_HYPO_RISK_MMOL_MOL: f64 = 53.0;
/// Waist-to-height ratio: 0.5 or more is increased risk, used with a BMI below 35 (NICE 2022;
/// clinical-reference §9).
pub const WAIST_TO_HEIGHT_RISK: f64 = 0.5;
/// Waist-to-height is used only below this BMI (NICE 2022; clinical-reference §9).
pub const WAIST_TO_HEIGHT_BMI_BELOW: f64 = 35.0;
/// Underweight: a BMI below 18.5 kg/m² (healthy 18.5 to 24.9; NICE NG246, 2025; clinical-reference
/// §9). Life's Essential 8 does not score it (§1).
pub const BMI_UNDERWEIGHT_BELOW: f64 = 18.5;
/// The diabetes range of a fasting glucose: 7.0 mmol/L or more (WHO 2006 diagnostic criterion;
/// clinical-reference §5.3, UNVERIFIED as a citation). Life's Essential 8 does not score it (§1).
pub const FASTING_GLUCOSE_DIABETES_MMOL_L: f64 = 7.0;
/// From this age the older adults' blood-pressure targets apply (NICE NG136 1.4.22;
/// clinical-reference §3.3).
pub const BP_OLDER_TARGET_FROM_AGE: u32 = 80;
/// Older adults (65 and over) add balance and flexibility on 2 days a week (UK Chief Medical
/// Officers' physical activity guidelines, 2019; clinical-reference §9).
pub const ACTIVITY_OLDER_ADULT_FROM_AGE: u32 = 65;
/// PHQ-9 mild band 5 to 9, GAD-7 mild band 5 to 9 (Kroenke 2001; Spitzer 2006;
/// clinical-reference §6).
pub const MOOD_MILD_BAND: (u32, u32) = (5, 9);
/// PHQ-9 item 9 (thoughts of being better off dead or of self-harm): any answer of 1 or more needs an
/// immediate safety step (clinical-reference §6).
pub const PHQ9_ITEM9_SAFETY_AT_LEAST: u8 = 1;
/// FeverPAIN 4 or 5: consider an immediate antibiotic (a pharmacist under Pharmacy First) (NICE NG84,
/// 2018; clinical-reference §7).
pub const FEVERPAIN_ANTIBIOTIC_AT_LEAST: u32 = 4;
/// FeverPAIN 2 or 3: no antibiotic or a back-up prescription (NICE NG84; clinical-reference §7).
pub const FEVERPAIN_BACKUP_AT_LEAST: u32 = 2;
/// Centor 3 or 4: consider an antibiotic (NICE NG84; clinical-reference §7).
pub const CENTOR_ANTIBIOTIC_AT_LEAST: u32 = 3;
/// NEWS2: a single parameter scoring 3 (a "red score") (RCP NEWS2, 2017, Chart 4;
/// clinical-reference §2.2).
pub const NEWS2_SINGLE_RED: u8 = 3;
/// NEWS2 aggregate 5 or 6: medium clinical risk (RCP NEWS2 Chart 4; clinical-reference §2.2).
pub const NEWS2_MEDIUM_AT_LEAST: u8 = 5;
/// NEWS2 aggregate 7 or more: high clinical risk (RCP NEWS2 Chart 4; clinical-reference §2.2).
pub const NEWS2_HIGH_AT_LEAST: u8 = 7;
/// Pharmacy First is not for anyone pregnant under 16, on every pathway (NHS England Pharmacy First
/// service specification, 2024; clinical-reference §7).
pub const PHARMACY_FIRST_PREGNANT_UNDER_AGE: u32 = 16;
/// The oxygen saturation target for people at risk of hypercapnic respiratory failure: 88 to 92 %
/// (BTS oxygen guideline 2017, Table 3; clinical-reference §8a).
pub const OXYGEN_TARGET_HYPERCAPNIC_PERCENT: (f64, f64) = (88.0, 92.0);
/// The usual oxygen saturation target: 94 to 98 % (BTS oxygen guideline 2017; clinical-reference §8a).
pub const OXYGEN_TARGET_USUAL_PERCENT: (f64, f64) = (94.0, 98.0);
