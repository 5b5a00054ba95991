//! Unit conversions at the edge: people enter the units they use (stones and pounds, feet and
//! inches, mg/dL, %), the Record stores its own. Each conversion is exact or cites its constant.

/// Kilograms in a pound (exact, by definition).
pub const KG_PER_LB: f64 = 0.453_592_37;
/// Centimetres in an inch (exact, by definition).
pub const CM_PER_IN: f64 = 2.54;
/// mmHg in a kilopascal (1 mmHg = 133.322 387 415 Pa, by definition; a Bluetooth cuff may report kPa).
pub const MMHG_PER_KPA: f64 = 1000.0 / 133.322_387_415;
/// mg/dL per mmol/L of glucose (molar mass 180.16; clinical-reference §5.4).
pub const GLUCOSE_MGDL_PER_MMOLL: f64 = 18.016;
/// mg/dL per mmol/L of cholesterol (clinical-reference §5.4, UNVERIFIED as a standard constant).
pub const CHOLESTEROL_MGDL_PER_MMOLL: f64 = 38.67;

/// Stones and pounds to kilograms.
pub fn st_lb_to_kg(stones: f64, pounds: f64) -> f64 {
    (stones * 14.0 + pounds) * KG_PER_LB
}

/// Kilograms to (stones, pounds).
pub fn kg_to_st_lb(kg: f64) -> (f64, f64) {
    let lb = kg / KG_PER_LB;
    let st = (lb / 14.0).floor();
    (st, lb - st * 14.0)
}

/// Feet and inches to centimetres.
pub fn ft_in_to_cm(feet: f64, inches: f64) -> f64 {
    (feet * 12.0 + inches) * CM_PER_IN
}

/// Centimetres to (feet, inches).
pub fn cm_to_ft_in(cm: f64) -> (f64, f64) {
    let inches = cm / CM_PER_IN;
    let ft = (inches / 12.0).floor();
    (ft, inches - ft * 12.0)
}

/// Glucose mg/dL to mmol/L.
pub fn glucose_mgdl_to_mmoll(mgdl: f64) -> f64 {
    mgdl / GLUCOSE_MGDL_PER_MMOLL
}

/// Glucose mmol/L to mg/dL.
pub fn glucose_mmoll_to_mgdl(mmoll: f64) -> f64 {
    mmoll * GLUCOSE_MGDL_PER_MMOLL
}

/// HbA1c DCCT % to IFCC mmol/mol: (% − 2.15) × 10.929 (IFCC–NGSP master equation, §5.4).
pub fn hba1c_percent_to_mmolmol(percent: f64) -> f64 {
    (percent - 2.15) * 10.929
}

/// HbA1c IFCC mmol/mol to DCCT %.
pub fn hba1c_mmolmol_to_percent(mmolmol: f64) -> f64 {
    mmolmol / 10.929 + 2.15
}

/// Cholesterol mg/dL to mmol/L.
pub fn cholesterol_mgdl_to_mmoll(mgdl: f64) -> f64 {
    mgdl / CHOLESTEROL_MGDL_PER_MMOLL
}

/// Cholesterol mmol/L to mg/dL.
pub fn cholesterol_mmoll_to_mgdl(mmoll: f64) -> f64 {
    mmoll * CHOLESTEROL_MGDL_PER_MMOLL
}

/// Fahrenheit to Celsius (exact).
pub fn fahrenheit_to_celsius(f: f64) -> f64 {
    (f - 32.0) * 5.0 / 9.0
}

/// Celsius to Fahrenheit (exact).
pub fn celsius_to_fahrenheit(c: f64) -> f64 {
    c * 9.0 / 5.0 + 32.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn round_trips() {
        for kg in [20.0, 63.5, 80.7, 150.25, 399.9] {
            let (st, lb) = kg_to_st_lb(kg);
            assert!(close(st_lb_to_kg(st, lb), kg), "{kg}");
        }
        for cm in [50.0, 165.0, 182.88, 249.9] {
            let (ft, inch) = cm_to_ft_in(cm);
            assert!(close(ft_in_to_cm(ft, inch), cm), "{cm}");
        }
        for x in [0.5, 5.55, 7.0, 33.3] {
            assert!(close(glucose_mgdl_to_mmoll(glucose_mmoll_to_mgdl(x)), x));
            assert!(close(cholesterol_mgdl_to_mmoll(cholesterol_mmoll_to_mgdl(x)), x));
        }
        for x in [39.0, 48.0, 53.0, 86.0] {
            assert!(close(hba1c_percent_to_mmolmol(hba1c_mmolmol_to_percent(x)), x));
        }
        for c in [35.0, 36.8, 39.1] {
            assert!(close(fahrenheit_to_celsius(celsius_to_fahrenheit(c)), c));
        }
    }

    #[test]
    fn known_values() {
        assert!(close(st_lb_to_kg(12.0, 10.0), 80.739_441_86));
        assert!(close(ft_in_to_cm(5.0, 5.0), 165.1));
        // clinical-reference §5.4: 100 mg/dL = 5.55 mmol/L; 126 mg/dL = 6.99 mmol/L.
        assert_eq!((glucose_mgdl_to_mmoll(100.0) * 100.0).floor() / 100.0, 5.55);
        assert_eq!((glucose_mgdl_to_mmoll(126.0) * 100.0).floor() / 100.0, 6.99);
        // §5.4 table: 6.5 % -> 47.5 mmol/mol (reported 48); 7.0 % -> 53.0.
        assert!((hba1c_percent_to_mmolmol(6.5) - 47.54).abs() < 0.01);
        assert!((hba1c_percent_to_mmolmol(7.0) - 53.01).abs() < 0.01);
    }
}

/// Input units offered for a reading field, and the conversion to the Record's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputUnit {
    /// The Record's own unit.
    Record,
    /// Stones and pounds (weight).
    StonesPounds,
    /// mg/dL (glucose).
    GlucoseMgDl,
    /// mg/dL (cholesterol).
    CholesterolMgDl,
    /// % DCCT (HbA1c).
    Hba1cPercent,
    /// Fahrenheit (temperature).
    Fahrenheit,
    /// Inches (waist).
    Inches,
}

impl InputUnit {
    /// The alternative offered for a kind of reading, if any.
    pub fn alternative(kind: crate::vocab::ObsKind) -> Option<(InputUnit, &'static str)> {
        use crate::vocab::ObsKind as K;
        Some(match kind {
            K::Weight => (InputUnit::StonesPounds, "stones and pounds"),
            K::Glucose => (InputUnit::GlucoseMgDl, "mg/dL"),
            K::Cholesterol => (InputUnit::CholesterolMgDl, "mg/dL"),
            K::Hba1c => (InputUnit::Hba1cPercent, "%"),
            K::Temperature => (InputUnit::Fahrenheit, "\u{b0}F"),
            K::Waist => (InputUnit::Inches, "inches"),
            _ => return None,
        })
    }

    /// Converts a value entered in this unit to the Record's unit (`second` is pounds with
    /// stones and pounds, else unused).
    pub fn to_record(self, value: f64, second: f64) -> f64 {
        match self {
            InputUnit::Record => value,
            InputUnit::StonesPounds => st_lb_to_kg(value, second),
            InputUnit::GlucoseMgDl => glucose_mgdl_to_mmoll(value),
            InputUnit::CholesterolMgDl => cholesterol_mgdl_to_mmoll(value),
            InputUnit::Hba1cPercent => hba1c_percent_to_mmolmol(value),
            InputUnit::Fahrenheit => fahrenheit_to_celsius(value),
            InputUnit::Inches => value * CM_PER_IN,
        }
    }
}

/// When a typed number is unlikely in the unit chosen but likely in the other, so the form asks
/// "did you mean …?" before anything is stored. Product choices (docs/record-format.md, "Units"):
/// each row is (kind, unit chosen, the typed number is above (`true`) or below (`false`) the limit,
/// limit, unit probably meant). Only numbers a person plausibly typed in the other unit are caught.
pub const SLIPS: &[(crate::vocab::ObsKind, InputUnit, bool, f64, InputUnit)] = {
    use crate::vocab::ObsKind as K;
    use InputUnit as U;
    &[
        (K::Glucose, U::Record, true, 35.0, U::GlucoseMgDl),
        (K::Glucose, U::GlucoseMgDl, false, 20.0, U::Record),
        (K::Weight, U::Record, false, 20.0, U::StonesPounds),
        (K::Weight, U::StonesPounds, true, 35.0, U::Record),
        (K::Temperature, U::Record, true, 45.0, U::Fahrenheit),
        (K::Temperature, U::Fahrenheit, false, 45.0, U::Record),
        (K::Hba1c, U::Record, false, 15.0, U::Hba1cPercent),
        (K::Hba1c, U::Hba1cPercent, true, 20.0, U::Record),
        (K::Cholesterol, U::Record, true, 25.0, U::CholesterolMgDl),
        (K::Cholesterol, U::CholesterolMgDl, false, 25.0, U::Record),
        (K::Waist, U::Record, false, 50.0, U::Inches),
        (K::Waist, U::Inches, true, 70.0, U::Record),
    ]
};

/// A height typed as centimetres below this is probably feet (5.7 "cm"); a product choice, like
/// [`SLIPS`].
pub const HEIGHT_CM_LIKELY_FEET_BELOW: f64 = 10.0;
/// A height typed as feet above this is probably centimetres (170 "feet"); a product choice.
pub const HEIGHT_FEET_LIKELY_CM_ABOVE: f64 = 9.0;

/// The unit the person probably meant when `typed` (a positive number, in `unit`) is unlikely in
/// `unit` but likely in the other, per [`SLIPS`].
pub fn likely_slip(kind: crate::vocab::ObsKind, unit: InputUnit, typed: f64) -> Option<InputUnit> {
    SLIPS
        .iter()
        .find(|(k, u, above, limit, _)| {
            *k == kind && *u == unit && typed > 0.0 && if *above { typed > *limit } else { typed < *limit }
        })
        .map(|s| s.4)
}

#[cfg(test)]
mod slip_tests {
    use super::*;
    use crate::vocab::ObsKind as K;

    #[test]
    fn slips_at_their_limits() {
        assert_eq!(likely_slip(K::Glucose, InputUnit::Record, 35.0), None);
        assert_eq!(likely_slip(K::Glucose, InputUnit::Record, 35.1), Some(InputUnit::GlucoseMgDl));
        assert_eq!(likely_slip(K::Glucose, InputUnit::GlucoseMgDl, 20.0), None);
        assert_eq!(likely_slip(K::Glucose, InputUnit::GlucoseMgDl, 9.2), Some(InputUnit::Record));
        assert_eq!(likely_slip(K::Temperature, InputUnit::Record, 98.6), Some(InputUnit::Fahrenheit));
        assert_eq!(likely_slip(K::Temperature, InputUnit::Fahrenheit, 37.2), Some(InputUnit::Record));
        assert_eq!(likely_slip(K::Weight, InputUnit::Record, 11.0), Some(InputUnit::StonesPounds));
        assert_eq!(likely_slip(K::Weight, InputUnit::StonesPounds, 70.0), Some(InputUnit::Record));
        assert_eq!(likely_slip(K::Weight, InputUnit::Record, 70.0), None);
        assert_eq!(likely_slip(K::BloodPressure, InputUnit::Record, 300.0), None);
        assert_eq!(likely_slip(K::Glucose, InputUnit::GlucoseMgDl, 0.0), None);
        // Every slip's likely value is within the Record's plausible range at a typical number.
        for (kind, _, _, _, to) in SLIPS {
            let typical = match (kind, to) {
                (K::Glucose, InputUnit::GlucoseMgDl) => 100.0,
                (K::Glucose, _) => 6.0,
                (K::Weight, InputUnit::StonesPounds) => 11.0,
                (K::Weight, _) => 70.0,
                (K::Temperature, InputUnit::Fahrenheit) => 98.6,
                (K::Temperature, _) => 37.0,
                (K::Hba1c, InputUnit::Hba1cPercent) => 6.5,
                (K::Hba1c, _) => 48.0,
                (K::Cholesterol, InputUnit::CholesterolMgDl) => 190.0,
                (K::Cholesterol, _) => 5.0,
                (K::Waist, InputUnit::Inches) => 34.0,
                _ => 90.0,
            };
            let v = to.to_record(typical, 0.0);
            let f = crate::spec::kind_spec(*kind).fields[0];
            let crate::spec::FieldType::Real { min, max } = f.ty else { panic!("{kind:?} is a number") };
            assert!((min..=max).contains(&v), "{kind:?} {typical} in {to:?} is {v}");
        }
    }
}
