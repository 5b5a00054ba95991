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
