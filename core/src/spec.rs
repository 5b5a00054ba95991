//! The observation kinds as data: each kind's fields, their types, units and plausible ranges
//! (docs/contract.md §1, "Validation"; docs/record-format.md). The parser validates against this table and the app builds its
//! entry forms from it, so a range lives in exactly one place.

use crate::vocab::ObsKind;

/// The type and plausible range of a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldType {
    /// A whole number (`185` or `185.0`; `185.5` is malformed) within `min..=max`.
    Whole {
        /// Lowest plausible value (inclusive).
        min: f64,
        /// Highest plausible value (inclusive).
        max: f64,
    },
    /// A real number within `min..=max`.
    Real {
        /// Lowest plausible value (inclusive).
        min: f64,
        /// Highest plausible value (inclusive).
        max: f64,
    },
    /// `true` or `false`.
    Bool,
    /// One of a fixed set of strings.
    Choice(&'static [&'static str]),
}

/// What happens when a field is absent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Absent {
    /// The reading is left out with a `missing_required` issue.
    Required,
    /// This number is used (the documented default, docs/record-format.md).
    Number(f64),
    /// This boolean is used (the documented default, docs/record-format.md).
    Bool(bool),
    /// This choice is used (the documented default, docs/record-format.md).
    Choice(&'static str),
}

/// One field of an observation kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// JSON field name (unit-suffixed).
    pub name: &'static str,
    /// Plain-English label.
    pub label: &'static str,
    /// Unit as shown to people (empty for none).
    pub unit: &'static str,
    /// Type and range.
    pub ty: FieldType,
    /// What happens when absent.
    pub absent: Absent,
    /// A sensible step for entry forms and boundary tests.
    pub step: f64,
    /// An ordinary, healthy value, for examples in hints and errors (never an alarming one).
    pub example: f64,
}

/// One observation kind and its fields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindSpec {
    /// The kind.
    pub kind: ObsKind,
    /// Plain-English name.
    pub label: &'static str,
    /// Its fields.
    pub fields: &'static [FieldSpec],
}

const fn whole(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    example: f64,
) -> FieldSpec {
    FieldSpec { name, label, unit, ty: FieldType::Whole { min, max }, absent: Absent::Required, step: 1.0, example }
}

const fn real(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    step: f64,
    example: f64,
) -> FieldSpec {
    FieldSpec { name, label, unit, ty: FieldType::Real { min, max }, absent: Absent::Required, step, example }
}

/// ACVPU spellings.
pub const ACVPU_VALUES: &[&str] = &["A", "C", "V", "P", "U"];
/// Glucose context spellings.
pub const GLUCOSE_CONTEXTS: &[&str] = &["fasting", "before_meal", "after_meal", "random"];

/// Every observation kind of the Record format, with its fields and plausible ranges.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: ObsKind::BloodPressure,
        label: "Blood pressure",
        fields: &[
            whole("systolic_mmhg", "Systolic (top number)", "mmHg", 50.0, 300.0, 120.0),
            whole("diastolic_mmhg", "Diastolic (bottom number)", "mmHg", 30.0, 200.0, 80.0),
        ],
    },
    KindSpec {
        kind: ObsKind::HeartRate,
        label: "Pulse",
        fields: &[whole("bpm", "Pulse", "beats a minute", 20.0, 250.0, 70.0)],
    },
    KindSpec {
        kind: ObsKind::Spo2,
        label: "Oxygen level (SpO\u{2082})",
        fields: &[
            whole("percent", "Oxygen saturation", "%", 50.0, 100.0, 97.0),
            FieldSpec {
                name: "on_oxygen",
                label: "Taken while on oxygen",
                unit: "",
                ty: FieldType::Bool,
                absent: Absent::Bool(false),
                step: 1.0,
                example: 0.0,
            },
        ],
    },
    KindSpec {
        kind: ObsKind::RespiratoryRate,
        label: "Breathing rate",
        fields: &[whole("per_min", "Breaths", "a minute", 2.0, 80.0, 16.0)],
    },
    KindSpec {
        kind: ObsKind::Temperature,
        label: "Temperature",
        fields: &[real("celsius", "Temperature", "\u{b0}C", 25.0, 45.0, 0.1, 36.8)],
    },
    KindSpec {
        kind: ObsKind::Consciousness,
        label: "Alertness (ACVPU)",
        fields: &[FieldSpec {
            name: "acvpu",
            label: "Alertness",
            unit: "",
            ty: FieldType::Choice(ACVPU_VALUES),
            absent: Absent::Required,
            step: 1.0,
            example: 0.0,
        }],
    },
    KindSpec { kind: ObsKind::Weight, label: "Weight", fields: &[real("kg", "Weight", "kg", 20.0, 400.0, 0.1, 70.0)] },
    KindSpec { kind: ObsKind::Waist, label: "Waist", fields: &[real("cm", "Waist", "cm", 30.0, 250.0, 0.5, 85.0)] },
    KindSpec {
        kind: ObsKind::Glucose,
        label: "Blood glucose",
        fields: &[
            real("mmol_l", "Glucose", "mmol/L", 0.5, 60.0, 0.1, 5.5),
            FieldSpec {
                name: "context",
                label: "When taken",
                unit: "",
                ty: FieldType::Choice(GLUCOSE_CONTEXTS),
                absent: Absent::Choice("random"),
                step: 1.0,
                example: 0.0,
            },
        ],
    },
    KindSpec {
        kind: ObsKind::Hba1c,
        label: "HbA1c",
        fields: &[real("mmol_mol", "HbA1c", "mmol/mol", 15.0, 200.0, 1.0, 40.0)],
    },
    KindSpec {
        kind: ObsKind::Cholesterol,
        label: "Cholesterol",
        fields: &[
            real("total_mmol_l", "Total cholesterol", "mmol/L", 1.0, 20.0, 0.1, 4.5),
            real("hdl_mmol_l", "HDL (good) cholesterol", "mmol/L", 0.1, 5.0, 0.1, 1.4),
        ],
    },
    KindSpec {
        kind: ObsKind::PeakFlow,
        label: "Peak flow",
        fields: &[real("l_min", "Peak flow", "L/min", 30.0, 1000.0, 10.0, 450.0)],
    },
    KindSpec {
        kind: ObsKind::Ketones,
        label: "Blood ketones",
        fields: &[real("mmol_l", "Ketones", "mmol/L", 0.0, 15.0, 0.1, 0.3)],
    },
    KindSpec {
        kind: ObsKind::Steps,
        label: "Steps",
        fields: &[whole("count", "Steps", "steps", 0.0, 100_000.0, 8000.0)],
    },
    KindSpec { kind: ObsKind::Sleep, label: "Sleep", fields: &[real("hours", "Sleep", "hours", 0.0, 24.0, 0.5, 7.5)] },
    KindSpec {
        kind: ObsKind::Activity,
        label: "Physical activity",
        fields: &[
            FieldSpec {
                absent: Absent::Number(0.0),
                step: 10.0,
                ..real("moderate_min_per_week", "Moderate activity", "minutes a week", 0.0, 5000.0, 10.0, 150.0)
            },
            FieldSpec {
                absent: Absent::Number(0.0),
                step: 10.0,
                ..real("vigorous_min_per_week", "Vigorous activity", "minutes a week", 0.0, 5000.0, 10.0, 75.0)
            },
        ],
    },
    KindSpec {
        kind: ObsKind::Alcohol,
        label: "Alcohol",
        fields: &[real("units_per_week", "Alcohol", "units a week", 0.0, 300.0, 1.0, 6.0)],
    },
];

/// The spec of one kind.
pub fn kind_spec(kind: ObsKind) -> &'static KindSpec {
    // KINDS lists every ObsKind (a test checks this); fall back to the first entry only to stay total.
    KINDS.iter().find(|k| k.kind == kind).unwrap_or(&KINDS[0])
}

/// Personal best peak flow: plausible range in L/min (docs/contract.md §3, "Peak flow %").
pub const PEAK_FLOW_BEST_RANGE: (f64, f64) = (60.0, 1000.0);
/// A glucose target range the care team set: each end plausible from 2 to 20 mmol/L (a product
/// choice: outside it, a typing slip is likelier than a target), the low end below the high.
pub const GLUCOSE_TARGET_RANGE: (f64, f64) = (2.0, 20.0);
/// Height: plausible range in cm.
pub const HEIGHT_RANGE: (f64, f64) = (50.0, 250.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_spec() {
        for k in ObsKind::ALL {
            assert_eq!(kind_spec(*k).kind, *k);
        }
        assert_eq!(KINDS.len(), ObsKind::ALL.len());
    }
}
