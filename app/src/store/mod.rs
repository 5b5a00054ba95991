//! Persistence: the `Store` trait, its IndexedDB (`idb`) and in-memory (`memory`)
//! implementations, and the versioned DTOs converted to and from core types at one boundary.
//!
//! Stored values are Record-format JSON objects (the same shape as `hale.record/1` entries) plus a
//! DTO version `"v": 1`. Loading goes through the core's light reader (`hale_core::write::read_back`),
//! which reads only what Hale itself wrote and counts anything it cannot read; imported files go
//! through the validating parser first.

pub mod idb;
pub mod memory;

use hale_core::issue::Issue;
use hale_core::record::{Observation, Profile, Record};

use crate::entry::{Entry, EntryList};
use serde_json::{json, Value};

pub use self::idb::IdbStore;
pub use self::memory::MemoryStore;

/// The IndexedDB database name.
pub const DB_NAME: &str = "hale";
/// Version of the stored DTOs.
pub const DTO_VERSION: u64 = 1;
/// Id of the one profile entry.
pub const PROFILE_ID: &str = "me";

/// The object stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// Readings (keyPath `id`, index `kind_at` on `[kind, at]`).
    Observations,
    /// Symptoms.
    Symptoms,
    /// Questionnaires.
    Questionnaires,
    /// The profile (one entry, id `me`).
    Profile,
    /// Summaries a reviewer chose to keep.
    Kept,
    /// Settings and other app state.
    Meta,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 6] =
        [Table::Observations, Table::Symptoms, Table::Questionnaires, Table::Profile, Table::Kept, Table::Meta];
    /// Object store name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Observations => "observations",
            Table::Symptoms => "symptoms",
            Table::Questionnaires => "questionnaires",
            Table::Profile => "profile",
            Table::Kept => "kept",
            Table::Meta => "meta",
        }
    }
}

/// What went wrong with storage, modelled on what the person can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser offers no usable IndexedDB (private mode, disabled storage).
    Unavailable(String),
    /// The device or the browser's quota is full.
    Full(String),
    /// The database was written by a newer version of Hale (a higher schema version): left exactly
    /// as it is, never "repaired" or downgraded.
    Newer(String),
    /// Hale is locked with a passphrase and has not been unlocked: nothing is read or written.
    Locked,
    /// The person stopped a long change (re-sealing every row) before it finished: nothing changed.
    Stopped,
    /// Anything else; retrying may help.
    Failed(String),
}

impl StoreError {
    /// A plain-English message for the person.
    pub fn message(&self) -> String {
        match self {
            StoreError::Unavailable(_) => "Your browser is not letting Hale store data on this device (this can happen in private browsing). Anything you enter will be lost when you close this tab.".into(),
            StoreError::Full(_) => "Your device is out of space for Hale's data, so this was not saved. Free some space (or export a backup and delete old data), then try again.".into(),
            StoreError::Newer(_) => "The Hale data on this device was saved by a newer version of Hale, which this version cannot read. It has been left exactly as it is. Reload the page to get the newer version; until then, anything you enter here will not be saved.".into(),
            StoreError::Locked => "Hale is locked. Unlock it with your passphrase, then try again.".into(),
            StoreError::Stopped => "Stopped before it finished: nothing was changed.".into(),
            StoreError::Failed(d) => format!("Hale could not save or read your data ({d}). Please try again."),
        }
    }
}

/// Storage of JSON values by id in named tables.
#[allow(async_fn_in_trait, reason = "the app is single-threaded wasm; no Send bound is wanted")]
pub trait Store {
    /// Adds or replaces a value (it must have a string `id`).
    async fn put(&self, table: Table, value: &Value) -> Result<(), StoreError>;
    /// Adds or replaces many values in one transaction.
    async fn put_many(&self, table: Table, values: &[Value]) -> Result<(), StoreError>;
    /// Removes a value by id (no error if absent).
    async fn delete(&self, table: Table, id: &str) -> Result<(), StoreError>;
    /// Every value of a table.
    async fn all(&self, table: Table) -> Result<Vec<Value>, StoreError>;
    /// Removes every value of a table.
    async fn clear(&self, table: Table) -> Result<(), StoreError>;
}

/// The store the app uses: IndexedDB, or memory when IndexedDB is unavailable.
#[derive(Debug)]
pub enum AnyStore {
    /// IndexedDB.
    Idb(IdbStore),
    /// In memory (nothing survives the tab).
    Memory(MemoryStore),
}

impl AnyStore {
    /// Whether data survives closing the tab.
    pub fn is_persistent(&self) -> bool {
        matches!(self, AnyStore::Idb(_))
    }

    /// Whether the core worker can read the stored record itself. Not in memory; and not in a
    /// portal's frame whose store is sealed by the passphrase lock: there the page reads the record
    /// for the worker from the Storage Access API's IndexedDB (app/js/embed.js) without the key, so
    /// the page sends the record it holds instead.
    pub fn worker_can_read(&self) -> bool {
        match self {
            AnyStore::Memory(_) => false,
            #[cfg(feature = "full")]
            AnyStore::Idb(s) if matches!(s.lock(), self::idb::Lock::Open(_)) => !crate::platform::reads_for_worker(),
            AnyStore::Idb(_) => true,
        }
    }
}

impl Store for AnyStore {
    async fn put(&self, table: Table, value: &Value) -> Result<(), StoreError> {
        match self {
            AnyStore::Idb(s) => s.put(table, value).await,
            AnyStore::Memory(s) => s.put(table, value).await,
        }
    }
    async fn put_many(&self, table: Table, values: &[Value]) -> Result<(), StoreError> {
        match self {
            AnyStore::Idb(s) => s.put_many(table, values).await,
            AnyStore::Memory(s) => s.put_many(table, values).await,
        }
    }
    async fn delete(&self, table: Table, id: &str) -> Result<(), StoreError> {
        match self {
            AnyStore::Idb(s) => s.delete(table, id).await,
            AnyStore::Memory(s) => s.delete(table, id).await,
        }
    }
    async fn all(&self, table: Table) -> Result<Vec<Value>, StoreError> {
        match self {
            AnyStore::Idb(s) => s.all(table).await,
            AnyStore::Memory(s) => s.all(table).await,
        }
    }
    async fn clear(&self, table: Table) -> Result<(), StoreError> {
        match self {
            AnyStore::Idb(s) => s.clear(table).await,
            AnyStore::Memory(s) => s.clear(table).await,
        }
    }
}

/// Whether the person has locked Hale with a passphrase (a `meta` row `lock`, kept in clear).
pub async fn lock_row(store: &impl Store) -> Option<Value> {
    store.all(Table::Meta).await.ok()?.into_iter().find(|r| r["id"] == self::idb::CLEAR_META[0])
}

/// A Record-format entry as a stored DTO (adds `"v": 1`).
pub fn to_dto(mut entry: Value) -> Value {
    if let Value::Object(m) = &mut entry {
        m.insert("v".into(), json!(DTO_VERSION));
    }
    entry
}

/// An observation as its stored DTO.
pub fn observation_dto(o: &Observation) -> Value {
    to_dto(hale_core::write::observation_to_value(o))
}

/// Strips the DTO version; `None` for a DTO of a version this build does not know.
pub fn from_dto(mut dto: Value) -> Option<Value> {
    let m = dto.as_object_mut()?;
    if m.remove("v").and_then(|v| v.as_u64()) != Some(DTO_VERSION) {
        return None;
    }
    Some(dto)
}

/// Loads everything into a Record. Stored entries were validated when they were entered (or
/// imported); they are read back with the core's light reader (`hale_core::write::read_back`),
/// which never guesses: an entry it cannot read (for example one written by a newer version) is
/// counted and reported, never silently dropped.
pub async fn load_record(store: &impl Store) -> Result<(Record, Vec<Issue>), StoreError> {
    use hale_core::write::read_back;
    let mut skipped = 0usize;
    let mut record = Record::default();
    let mut unknown = Vec::new();
    if let Some(p) = store.all(Table::Profile).await?.into_iter().find_map(from_dto) {
        record.profile = read_back::profile(&p);
        unknown = read_back::unknown_in_profile(&p);
    }
    for v in store.all(Table::Observations).await? {
        match from_dto(v).as_ref().and_then(read_back::observation) {
            Some(o) => record.observations.push(o),
            None => skipped += 1,
        }
    }
    for v in store.all(Table::Symptoms).await? {
        match from_dto(v).as_ref().and_then(read_back::symptom) {
            Some(x) => record.symptoms.push(x),
            None => skipped += 1,
        }
    }
    for v in store.all(Table::Questionnaires).await? {
        match from_dto(v).as_ref().and_then(read_back::questionnaire) {
            Some(x) => record.questionnaires.push(x),
            None => skipped += 1,
        }
    }
    let mut issues = Vec::new();
    if skipped > 0 {
        issues.push(Issue::warning(
            hale_core::issue::IssueCode::Malformed,
            "",
            format!("{skipped} stored entries could not be read (perhaps written by a newer version of Hale) and were left out."),
        ));
    }
    if !unknown.is_empty() {
        issues.push(Issue::warning(
            hale_core::issue::IssueCode::UnknownValue,
            "profile",
            format!(
                "Your profile lists {} that this version of Hale does not know, so its checks leave them out.",
                unknown.join(", ")
            ),
        ));
    }
    sort_by_time(&mut record);
    Ok((record, issues))
}

/// Orders readings by time (oldest first; ids, which start with the creation time, break ties),
/// the order the Record's tie rule expects for readings saved one after another. Symptoms and
/// questionnaires keep their stored order (the core does not depend on it).
pub fn sort_by_time(r: &mut Record) {
    r.observations.sort_unstable_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
}

/// The table of a list of entries.
pub fn table_of(list: EntryList) -> Table {
    match list {
        EntryList::Observations => Table::Observations,
        EntryList::Symptoms => Table::Symptoms,
        EntryList::Questionnaires => Table::Questionnaires,
    }
}

/// Saves an entry as its DTO.
pub async fn save_entry(store: &impl Store, entry: &Entry) -> Result<(), StoreError> {
    use hale_core::write;
    match entry {
        Entry::Observation(o) => store.put(Table::Observations, &observation_dto(o)).await,
        Entry::Symptom(s) => store.put(Table::Symptoms, &to_dto(write::symptom_to_value(s))).await,
        Entry::Questionnaire(q) => store.put(Table::Questionnaires, &to_dto(write::questionnaire_to_value(q))).await,
    }
}

/// Saves the profile (one entry, id `me`).
pub async fn save_profile(store: &impl Store, p: &Profile) -> Result<(), StoreError> {
    let mut v = to_dto(hale_core::write::profile_to_value(p));
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), json!(PROFILE_ID));
    }
    store.put(Table::Profile, &v).await
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// The JavaScript side's one definition of the layout (worker, end-to-end harness, benchmark).
    const SCHEMA_JS: &str = include_str!("../../js/store-schema.mjs");

    fn constant(name: &str) -> Value {
        let line = SCHEMA_JS
            .lines()
            .find(|l| l.starts_with(&format!("export const {name} = ")))
            .unwrap_or_else(|| panic!("store-schema.mjs has no {name}"));
        let value = line.trim_start_matches(&format!("export const {name} = ")).trim_end_matches(';');
        serde_json::from_str(value).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn the_rust_store_and_the_javascript_schema_agree() {
        assert_eq!(constant("DB_NAME"), json!(DB_NAME));
        assert_eq!(constant("SCHEMA_VERSION"), json!(idb::SCHEMA_VERSION));
        assert_eq!(constant("ENTRY_VERSION"), json!(DTO_VERSION));
        assert_eq!(constant("PROFILE_ID"), json!(PROFILE_ID));
        assert_eq!(constant("STORES"), json!(Table::ALL.map(Table::name)));
        assert_eq!(constant("INDEXES"), json!({ Table::Observations.name(): { idb::KIND_AT.0: idb::KIND_AT.1 } }));
        assert_eq!(
            constant("RECORD_STORES"),
            json!([Table::Profile, Table::Observations, Table::Symptoms, Table::Questionnaires].map(Table::name))
        );
    }
}
