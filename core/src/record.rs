//! The domain model of a person's record: profile, observations, symptoms, questionnaires.
//!
//! These are plain domain types. Reading them from JSON (with validation) is `parse`; writing them
//! back is `write`. Quantities carry their unit in the field name, in the Record format's units.

use chrono::{DateTime, NaiveDate, Utc};

use crate::vocab::{
    Acvpu, Condition, ContactRole, Ethnicity, GlucoseContext, Instrument, Medication, ObsKind, OxygenTarget, Sex,
    SmokingStatus, SymptomCode,
};

/// A whole record: who the person is and everything they logged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// About the person.
    pub profile: Profile,
    /// Readings, in input order (order breaks ties between readings with the same time).
    pub observations: Vec<Observation>,
    /// Symptoms entered.
    pub symptoms: Vec<Symptom>,
    /// Completed questionnaires that passed validation.
    pub questionnaires: Vec<QuestionnaireEntry>,
    /// PHQ-9 entries left out for a wrong item count or a bad item whose item 9 was still valid
    /// and 1 or more: they still raise the PHQ-9 item 9 safety flag.
    pub phq9_item9_only: Vec<Item9Entry>,
}

/// About the person. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Name to show on shared summaries, if the person chose to give one.
    pub name: Option<String>,
    /// Date of birth.
    pub birth_date: Option<NaiveDate>,
    /// Sex recorded at birth.
    pub sex: Option<Sex>,
    /// Ethnic group.
    pub ethnicity: Option<Ethnicity>,
    /// Height in centimetres.
    pub height_cm: Option<f64>,
    /// Long-term conditions (and pregnancy).
    pub conditions: Vec<Condition>,
    /// Medicine classes taken.
    pub medications: Vec<Medication>,
    /// Angina or heart attack in a parent, brother or sister before 60.
    pub family_history_premature_chd: Option<bool>,
    /// Townsend deprivation score.
    pub townsend: Option<f64>,
    /// Smoking history.
    pub smoking: Option<Smoking>,
    /// Personal best peak flow in L/min (plausible 60-1000; other values are left out).
    pub peak_flow_best_l_min: Option<f64>,
    /// The oxygen saturation range a clinician has set (an oxygen alert card, a COPD plan).
    pub oxygen_target: Option<OxygenTarget>,
    /// The person's NHS number: 10 digits passing its check digit (`nhs_number_valid`). Shared or
    /// sent only when the person chooses.
    pub nhs_number: Option<String>,
    /// The person's care plan (what matters to them, contacts).
    pub care_plan: Option<CarePlan>,
    /// The glucose range the care team set, in mmol/L (low, high), where the clinical reference has
    /// no number for the person (type 2 diabetes).
    pub glucose_target_mmol_l: Option<(f64, f64)>,
}

/// The NHS number's length.
pub const NHS_NUMBER_DIGITS: usize = 10;
/// The modulus of its check digit (NHS Data Dictionary, "NHS Number": Modulus 11).
const NHS_CHECK_MODULUS: u32 = 11;
/// The weights of the first nine digits.
const NHS_WEIGHTS: [u32; 9] = [10, 9, 8, 7, 6, 5, 4, 3, 2];
/// A check digit the algorithm can give but no NHS number has.
const NHS_NO_VALID_CHECK: u32 = 10;

/// Whether `s` is an NHS number: exactly 10 digits whose last is the Modulus 11 check digit of the
/// first nine (weights 10 down to 2; 11 minus the remainder, 11 read as 0, 10 never valid).
pub fn nhs_number_valid(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != NHS_NUMBER_DIGITS || s.chars().count() != NHS_NUMBER_DIGITS {
        return false;
    }
    // Weights 10, 9, … 2 for the first nine digits.
    let sum: u32 = digits.iter().zip(NHS_WEIGHTS).map(|(d, w)| d * w).sum();
    let check = (NHS_CHECK_MODULUS - sum % NHS_CHECK_MODULUS) % NHS_CHECK_MODULUS;
    check != NHS_NO_VALID_CHECK && Some(&check) == digits.last()
}

impl Profile {
    /// Whether the profile lists this condition.
    pub fn has(&self, c: Condition) -> bool {
        self.conditions.contains(&c)
    }
    /// Whether the profile lists this medicine class.
    pub fn takes(&self, m: Medication) -> bool {
        self.medications.contains(&m)
    }
    /// Whether the person's oxygen target is 88–92 %: a valid `oxygen_target` decides; without
    /// one, `hypercapnic_respiratory_failure` means 88–92 %. `copd` alone does not (BTS oxygen
    /// guideline; RCP NEWS2 scale 1 "for most patients including patients with COPD").
    pub fn low_oxygen_target(&self) -> bool {
        match self.oxygen_target {
            Some(OxygenTarget::From88To92) => true,
            Some(OxygenTarget::From94To98) => false,
            None => self.has(Condition::HypercapnicRespiratoryFailure),
        }
    }
    /// Whether the person has type 1 or type 2 diabetes.
    pub fn has_diabetes(&self) -> bool {
        self.has(Condition::Type1Diabetes) || self.has(Condition::Type2Diabetes)
    }
}

/// Smoking history.
#[derive(Clone, Debug, PartialEq)]
pub struct Smoking {
    /// Never, former or current.
    pub status: SmokingStatus,
    /// When a former smoker stopped.
    pub quit_date: Option<NaiveDate>,
    /// Cigarettes a day for a current smoker.
    pub cigarettes_per_day: Option<f64>,
    /// Uses e-cigarettes or vapes.
    pub vapes: bool,
    /// Lives with someone who smokes indoors at home.
    pub home_indoor_smoker: bool,
}

/// A care plan that travels with the person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CarePlan {
    /// What matters to the person, in their words.
    pub what_matters: Option<String>,
    /// Advance care planning: e.g. where a ReSPECT or DNACPR form is kept.
    pub advance_care_plan: Option<String>,
    /// Notes about medicines, free text (kept from earlier records; `medicines` is the list).
    pub medicines_notes: Option<String>,
    /// Medicines by name and dose.
    pub medicines: Vec<Medicine>,
    /// Allergies (empty with `no_known_allergies` false: not recorded).
    pub allergies: Vec<Allergy>,
    /// The person has no known allergies (only meaningful with no `allergies`).
    pub no_known_allergies: bool,
    /// People and services to contact.
    pub contacts: Vec<Contact>,
}

impl CarePlan {
    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self.what_matters.is_none()
            && self.advance_care_plan.is_none()
            && self.medicines_notes.is_none()
            && self.medicines.is_empty()
            && self.allergies.is_empty()
            && !self.no_known_allergies
            && self.contacts.is_empty()
    }
}

/// A medicine in the care plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Medicine {
    /// Its name, as on the box ("apixaban").
    pub name: String,
    /// The dose and when ("5 mg twice a day"), when known.
    pub dose: Option<String>,
    /// Its class, when it is one Hale knows (scores and rules read `profile.medications`).
    pub class: Option<Medication>,
}

/// An allergy in the care plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Allergy {
    /// What the person is allergic to ("penicillin").
    pub substance: String,
    /// What happens ("rash"), when known.
    pub reaction: Option<String>,
}

/// A contact in the care plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    /// Who (a name or a service).
    pub name: String,
    /// Their relationship to the person ("son", "district nurse").
    pub relationship: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Their role.
    pub role: Option<ContactRole>,
}

/// One reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Stable id.
    pub id: String,
    /// When it was taken.
    pub at: DateTime<Utc>,
    /// What was measured.
    pub value: ObsValue,
    /// A note the person added.
    pub note: Option<String>,
    /// Where it came from, when it was imported or sent by a device (none: typed into Hale).
    pub source: Option<Source>,
}

/// Where an imported or device reading came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The file format or protocol (`apple_health`, `omron_csv`, `ble_blood_pressure`, …).
    pub format: String,
    /// The app that exported it.
    pub app: Option<String>,
    /// The device that measured it.
    pub device: Option<String>,
    /// Whether the person typed it into that app (rather than a device measuring it).
    pub user_entered: Option<bool>,
    /// A continuous sample (a watch's background heart rate, a wrist SpO₂ at night): feeds trends
    /// and scores, never judged by the single-entry red-flag rules.
    pub continuous: bool,
    /// When it came into Hale.
    pub imported_at: DateTime<Utc>,
}

impl Observation {
    /// Whether the single-entry red-flag rules may judge it (a spot check, not a continuous sample).
    pub fn is_spot_check(&self) -> bool {
        !self.source.as_ref().is_some_and(|s| s.continuous)
    }

    /// The observation's kind.
    pub fn kind(&self) -> ObsKind {
        self.value.kind()
    }
}

/// What a reading measured, in the Record format's units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ObsValue {
    /// Blood pressure in mmHg.
    BloodPressure {
        /// Systolic (top number), mmHg.
        systolic_mmhg: f64,
        /// Diastolic (bottom number), mmHg.
        diastolic_mmhg: f64,
    },
    /// Pulse, beats per minute.
    HeartRate {
        /// Beats per minute.
        bpm: f64,
    },
    /// Oxygen saturation.
    Spo2 {
        /// Percent.
        percent: f64,
        /// Taken while on supplemental oxygen.
        on_oxygen: bool,
    },
    /// Breaths per minute.
    RespiratoryRate {
        /// Breaths per minute.
        per_min: f64,
    },
    /// Body temperature.
    Temperature {
        /// Degrees Celsius.
        celsius: f64,
    },
    /// Level of consciousness.
    Consciousness {
        /// ACVPU.
        acvpu: Acvpu,
    },
    /// Body weight.
    Weight {
        /// Kilograms.
        kg: f64,
    },
    /// Waist circumference.
    Waist {
        /// Centimetres.
        cm: f64,
    },
    /// Blood glucose.
    Glucose {
        /// mmol/L.
        mmol_l: f64,
        /// When it was taken.
        context: GlucoseContext,
    },
    /// HbA1c.
    Hba1c {
        /// mmol/mol (IFCC).
        mmol_mol: f64,
    },
    /// Cholesterol.
    Cholesterol {
        /// Total cholesterol, mmol/L.
        total_mmol_l: f64,
        /// HDL cholesterol, mmol/L.
        hdl_mmol_l: f64,
    },
    /// Peak expiratory flow.
    PeakFlow {
        /// L/min (EU scale).
        l_min: f64,
    },
    /// Blood ketones.
    Ketones {
        /// mmol/L.
        mmol_l: f64,
    },
    /// Steps in a day.
    Steps {
        /// Number of steps.
        count: f64,
    },
    /// Sleep.
    Sleep {
        /// Hours slept.
        hours: f64,
    },
    /// Physical activity in a typical week.
    Activity {
        /// Moderate minutes per week.
        moderate_min_per_week: f64,
        /// Vigorous minutes per week.
        vigorous_min_per_week: f64,
    },
    /// Alcohol in a typical week.
    Alcohol {
        /// UK units per week.
        units_per_week: f64,
    },
}

impl ObsValue {
    /// The kind of this value.
    pub fn kind(&self) -> ObsKind {
        match self {
            ObsValue::BloodPressure { .. } => ObsKind::BloodPressure,
            ObsValue::HeartRate { .. } => ObsKind::HeartRate,
            ObsValue::Spo2 { .. } => ObsKind::Spo2,
            ObsValue::RespiratoryRate { .. } => ObsKind::RespiratoryRate,
            ObsValue::Temperature { .. } => ObsKind::Temperature,
            ObsValue::Consciousness { .. } => ObsKind::Consciousness,
            ObsValue::Weight { .. } => ObsKind::Weight,
            ObsValue::Waist { .. } => ObsKind::Waist,
            ObsValue::Glucose { .. } => ObsKind::Glucose,
            ObsValue::Hba1c { .. } => ObsKind::Hba1c,
            ObsValue::Cholesterol { .. } => ObsKind::Cholesterol,
            ObsValue::PeakFlow { .. } => ObsKind::PeakFlow,
            ObsValue::Ketones { .. } => ObsKind::Ketones,
            ObsValue::Steps { .. } => ObsKind::Steps,
            ObsValue::Sleep { .. } => ObsKind::Sleep,
            ObsValue::Activity { .. } => ObsKind::Activity,
            ObsValue::Alcohol { .. } => ObsKind::Alcohol,
        }
    }
}

/// A symptom the person entered.
#[derive(Clone, Debug, PartialEq)]
pub struct Symptom {
    /// Stable id.
    pub id: String,
    /// When it was entered.
    pub at: DateTime<Utc>,
    /// Which symptom.
    pub code: SymptomCode,
    /// When it passed, if it has.
    pub resolved_at: Option<DateTime<Utc>>,
    /// A note the person added.
    pub note: Option<String>,
}

/// A completed questionnaire whose items all passed validation.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionnaireEntry {
    /// Stable id.
    pub id: String,
    /// When it was completed.
    pub at: DateTime<Utc>,
    /// Which questionnaire.
    pub instrument: Instrument,
    /// Item scores, in order.
    pub items: Vec<u8>,
}

impl QuestionnaireEntry {
    /// Sum of the item scores.
    pub fn total(&self) -> u32 {
        self.items.iter().map(|&i| u32::from(i)).sum()
    }
}

/// A PHQ-9 entry that was left out but whose item 9 was valid and 1 or more.
#[derive(Clone, Debug, PartialEq)]
pub struct Item9Entry {
    /// Id of the left-out questionnaire.
    pub id: String,
    /// When it was completed.
    pub at: DateTime<Utc>,
    /// The item 9 score (1-3).
    pub item9: u8,
}
