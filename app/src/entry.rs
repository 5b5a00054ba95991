//! What a person enters (a reading, a symptom, a questionnaire) and the lists they go in: the
//! vocabulary the state and the store share, below both, so neither imports the other's types.

use hale_core::record::{Observation, QuestionnaireEntry, Symptom};

/// Something the person entered.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// A reading.
    Observation(Observation),
    /// A symptom.
    Symptom(Symptom),
    /// A questionnaire.
    Questionnaire(QuestionnaireEntry),
}

impl Entry {
    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Entry::Observation(o) => &o.id,
            Entry::Symptom(s) => &s.id,
            Entry::Questionnaire(q) => &q.id,
        }
    }
}

/// The lists of entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryList {
    /// Readings.
    Observations,
    /// Symptoms.
    Symptoms,
    /// Questionnaires.
    Questionnaires,
}
