//! App state: a pure reducer over a closed set of actions. Clinical work is delegated to
//! `hale_core::assessment::assess`; persistence happens in effects, never here.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use hale_core::assessment::{assess, Assessment};
use hale_core::issue::Issue;
use hale_core::record::{Profile, Record};
use yew::Reducible;

/// Where loading stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Opening the database.
    Loading,
    /// Data loaded (or storage unavailable, with the in-memory fallback).
    Ready,
    /// Locked with a passphrase: nothing is loaded until it is given (full bundle; the lite one
    /// hands over to it when it finds a lock).
    #[cfg(feature = "full")]
    Locked,
}

/// Whether data survives closing the tab.
#[derive(Clone, Debug, PartialEq)]
pub enum Persistence {
    /// Stored in IndexedDB.
    Stored,
    /// IndexedDB unavailable: kept in memory only; the message explains.
    MemoryOnly(String),
}

/// Everything the pages render from.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Loading phase.
    pub phase: Phase,
    /// The person's record.
    pub record: Rc<Record>,
    /// Issues found when loading stored data.
    pub load_issues: Vec<Issue>,
    /// The assessment of the record at `now`.
    pub assessment: Rc<Assessment>,
    /// The instant of the last assessment.
    pub now: DateTime<Utc>,
    /// Storage status.
    pub persistence: Persistence,
    /// A new version of the app is waiting.
    pub update_available: bool,
    /// Opened with `?embed=1`.
    pub embedded: bool,
    /// The entry just saved raised an emergency flag: show the emergency screen.
    pub new_emergency: bool,
    /// Unlocked with a passphrase: the minutes without use after which Hale locks again.
    #[cfg(feature = "full")]
    pub idle_lock: Option<u32>,
}

/// Cheap equality: the record and assessment are compared by identity (a new one is made on every
/// change), never element by element (a 10-year record has ~50 000 readings).
impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.record, &o.record)
            && Rc::ptr_eq(&self.assessment, &o.assessment)
            && self.phase == o.phase
            && self.now == o.now
            && self.persistence == o.persistence
            && self.update_available == o.update_available
            && self.embedded == o.embedded
            && self.new_emergency == o.new_emergency
            && self.idle_lock_eq(o)
            && self.load_issues.len() == o.load_issues.len()
    }
}

impl AppState {
    /// The state before anything is loaded.
    pub fn new(now: DateTime<Utc>, embedded: bool) -> Self {
        let record = Record::default();
        let assessment = assess(&record, now, &[]);
        AppState {
            phase: Phase::Loading,
            record: Rc::new(record),
            load_issues: Vec::new(),
            assessment: Rc::new(assessment),
            now,
            persistence: Persistence::Stored,
            update_available: false,
            embedded,
            new_emergency: false,
            #[cfg(feature = "full")]
            idle_lock: None,
        }
    }

    #[cfg(feature = "full")]
    fn idle_lock_eq(&self, o: &Self) -> bool {
        self.idle_lock == o.idle_lock
    }

    #[cfg(not(feature = "full"))]
    fn idle_lock_eq(&self, _: &Self) -> bool {
        true
    }

    fn reassess(&mut self, now: DateTime<Utc>) {
        self.now = now;
        self.assessment = Rc::new(assess(&self.record, now, &[]));
    }
}

pub use crate::entry::{Entry, EntryList};

/// Everything that can happen to the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// Stored data was loaded.
    Loaded {
        /// The record.
        record: Box<Record>,
        /// Issues found while loading.
        issues: Vec<Issue>,
        /// Whether it came from IndexedDB or memory.
        persistence: Persistence,
        /// Now.
        now: DateTime<Utc>,
    },
    /// An entry was saved (added, or replaced by id).
    Saved {
        /// The entry.
        entry: Entry,
        /// Now.
        now: DateTime<Utc>,
    },
    /// An entry was deleted.
    Deleted {
        /// Which list.
        list: EntryList,
        /// Its id.
        id: String,
        /// Now.
        now: DateTime<Utc>,
    },
    /// The profile was saved.
    ProfileSaved {
        /// The profile.
        profile: Box<Profile>,
        /// Now.
        now: DateTime<Utc>,
    },
    /// Time passed: reassess.
    Tick(DateTime<Utc>),
    /// A new version is waiting.
    UpdateAvailable,
    /// The emergency screen has been shown.
    EmergencyShown,
    /// A passphrase lock was found and its key is not known: the locked screen.
    #[cfg(feature = "full")]
    Locked,
    /// The lock was set, changed or given (with its idle time) or removed (`None`).
    #[cfg(feature = "full")]
    LockSet {
        /// Minutes without use before locking again.
        idle_minutes: Option<u32>,
    },
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Loaded { record, issues, persistence, now } => {
                s.record = Rc::new(*record);
                s.load_issues = issues;
                s.persistence = persistence;
                s.phase = Phase::Ready;
                s.reassess(now);
            }
            Action::Saved { entry, now } => {
                let id = entry.id().to_string();
                let r = Rc::make_mut(&mut s.record);
                match entry {
                    Entry::Observation(o) => {
                        r.observations.retain(|x| x.id != o.id);
                        // Keep time order; a reading saved now goes after others at the same time.
                        let pos = r.observations.partition_point(|x| x.at <= o.at);
                        r.observations.insert(pos, o);
                    }
                    Entry::Symptom(x) => {
                        r.symptoms.retain(|y| y.id != x.id);
                        r.symptoms.push(x);
                    }
                    Entry::Questionnaire(x) => {
                        r.questionnaires.retain(|y| y.id != x.id);
                        r.questionnaires.push(x);
                    }
                }
                s.reassess(now);
                s.new_emergency = s
                    .assessment
                    .red_flags
                    .iter()
                    .any(|f| f.level == hale_core::red_flags::Level::Emergency && f.evidence.contains(&id));
            }
            Action::Deleted { list, id, now } => {
                let r = Rc::make_mut(&mut s.record);
                match list {
                    EntryList::Observations => r.observations.retain(|o| o.id != id),
                    EntryList::Symptoms => r.symptoms.retain(|o| o.id != id),
                    EntryList::Questionnaires => r.questionnaires.retain(|o| o.id != id),
                }
                s.reassess(now);
            }
            Action::ProfileSaved { profile, now } => {
                Rc::make_mut(&mut s.record).profile = *profile;
                s.reassess(now);
            }
            Action::Tick(now) => s.reassess(now),
            Action::UpdateAvailable => s.update_available = true,
            Action::EmergencyShown => s.new_emergency = false,
            #[cfg(feature = "full")]
            Action::Locked => s.phase = Phase::Locked,
            #[cfg(feature = "full")]
            Action::LockSet { idle_minutes } => s.idle_lock = idle_minutes,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hale_core::record::ObsValue;
    use hale_core::record::Observation;
    use hale_core::red_flags::Level;

    fn at(s: &str) -> DateTime<Utc> {
        hale_core::time::parse_now(s).unwrap_or_default()
    }

    #[test]
    fn saving_a_severe_reading_raises_the_urgent_flag_and_deleting_it_clears_it() {
        let now = at("2026-11-21T09:00:00Z");
        let s = Rc::new(AppState::new(now, false));
        let s =
            s.reduce(Action::Loaded { record: Box::default(), issues: vec![], persistence: Persistence::Stored, now });
        assert_eq!(s.assessment.disposition.level, Level::SelfCare);
        let o = Observation {
            id: "o1".into(),
            at: at("2026-11-21T08:59:00Z"),
            value: ObsValue::BloodPressure { systolic_mmhg: 182.0, diastolic_mmhg: 100.0 },
            note: None,
            source: None,
        };
        let s = s.reduce(Action::Saved { entry: Entry::Observation(o), now });
        assert_eq!(s.assessment.disposition.level, Level::Urgent);
        assert_eq!(s.assessment.disposition.because, vec!["bp.severe"]);
        let s = s.reduce(Action::Deleted { list: EntryList::Observations, id: "o1".into(), now });
        assert_eq!(s.assessment.disposition.level, Level::SelfCare);
        assert!(s.record.observations.is_empty());
    }
}
