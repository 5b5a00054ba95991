//! FHIR R4: a Record (and its Assessment) as a patient-summary document `Bundle` (`export`), and a
//! Bundle back into a Record (`import`). This module holds the code systems and the code tables
//! both directions share.
//!
//! In the export, the first entry is a `Composition` (LOINC 60591-5, patient summary) with sections
//! for problems, medications, allergies, vital signs, results, plan of care and alerts (red flags
//! raised in the last 90 days, with dates). Observations carry LOINC and UCUM
//! where clinical-reference §11 gives them, plus Hale's own kind code so nothing is lost; blood
//! pressure is one panel with systolic and diastolic components. Every reference resolves inside the
//! bundle (`urn:uuid:` full URLs). Ids are derived from the record, so the same record and `now`
//! always give the same document (no random source in the core).
//!
//! Codes marked UNVERIFIED in clinical-reference §11 are listed in docs/fhir.md.

mod export;
mod import;
pub mod outbox;
pub mod transaction;

pub use export::summary_bundle;
pub use import::bundle_to_record;

use crate::vocab::{Condition, ObsKind};

pub(crate) const LOINC: &str = "http://loinc.org";

pub(crate) const UCUM: &str = "http://unitsofmeasure.org";

pub(crate) const SNOMED: &str = "http://snomed.info/sct";

pub(crate) const OBS_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Hale's own code systems (URNs: no server is implied).
pub const HALE_KIND: &str = "urn:hale:observation-kind";

/// Hale's condition codes.
pub const HALE_CONDITION: &str = "urn:hale:condition";

/// Hale's medicine classes.
pub const HALE_MEDICATION: &str = "urn:hale:medication-class";

/// Hale's questionnaire codes.
pub const HALE_QUESTIONNAIRE: &str = "urn:hale:questionnaire";

/// Hale's symptom codes.
pub const HALE_SYMPTOM: &str = "urn:hale:symptom";

/// The identifier system carrying a Hale entry's own id.
pub const HALE_ENTRY_ID: &str = "urn:hale:entry-id";

/// Extension URLs for what FHIR has no element for.
pub const EXT: &str = "urn:hale:extension";

/// Code system for a care-plan contact's role (`carer`, `next_of_kin`, `gp_practice`, `other`).
pub const HALE_CONTACT_ROLE: &str = "urn:hale:contact-role";

/// SNOMED CT 716186003 |No known allergy (situation)|.
pub(crate) const NO_KNOWN_ALLERGY: (&str, &str) = ("716186003", "No known allergy");

/// LOINC code, display, UCUM unit and category of each single-valued kind (clinical-reference §11).
pub(crate) fn loinc(kind: ObsKind) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    use ObsKind as K;
    Some(match kind {
        K::HeartRate => ("8867-4", "Heart rate", "/min", "vital-signs"),
        K::RespiratoryRate => ("9279-1", "Respiratory rate", "/min", "vital-signs"),
        K::Spo2 => ("2708-6", "Oxygen saturation in Arterial blood", "%", "vital-signs"),
        K::Temperature => ("8310-5", "Body temperature", "Cel", "vital-signs"),
        K::Weight => ("29463-7", "Body weight", "kg", "vital-signs"),
        K::Glucose => ("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer", "mmol/L", "laboratory"),
        K::Hba1c => ("59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", "mmol/mol", "laboratory"),
        K::PeakFlow => (
            "19935-6",
            "Maximum expiratory gas flow Respiratory system airway by Peak flow meter",
            "L/min",
            "vital-signs",
        ),
        K::Steps => ("41950-7", "Number of steps in 24 hour Measured", "/(24.h)", "activity"),
        K::Sleep => ("93832-4", "Sleep duration", "h", "activity"),
        _ => return None,
    })
}

/// Category and UCUM unit for the kinds without a LOINC code in the reference (Hale's code only).
pub(crate) fn local_unit(kind: ObsKind) -> (&'static str, &'static str) {
    use ObsKind as K;
    match kind {
        K::Waist => ("exam", "cm"),
        K::Ketones => ("laboratory", "mmol/L"),
        K::Activity => ("activity", "min/wk"),
        K::Alcohol => ("social-history", "{unit}/wk"),
        K::Consciousness => ("exam", ""),
        _ => ("exam", ""),
    }
}

/// SNOMED CT codes for conditions (clinical-reference gives none; these are UNVERIFIED and listed
/// in docs/fhir.md). Hale's own code always comes with them.
pub(crate) fn snomed(c: Condition) -> Option<(&'static str, &'static str)> {
    Some(match c {
        Condition::Asthma => ("195967001", "Asthma"),
        Condition::Copd => ("13645005", "Chronic obstructive lung disease"),
        Condition::Type1Diabetes => ("46635009", "Diabetes mellitus type 1"),
        Condition::Type2Diabetes => ("44054006", "Diabetes mellitus type 2"),
        Condition::Hypertension => ("38341003", "Hypertensive disorder"),
        Condition::AtrialFibrillation => ("49436004", "Atrial fibrillation"),
        _ => return None,
    })
}
