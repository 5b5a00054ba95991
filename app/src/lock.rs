//! The passphrase lock (full bundle; docs/security.md): setting, changing and removing it, unlocking,
//! locking again after the chosen idle time, and the emergency information kept in clear for the
//! locked screen.
//!
//! The key is derived from the passphrase by Argon2id (`hale_core::lock::derive_key`, 19 MiB, 2
//! passes, 1 lane, a random salt) and kept in memory only: in the store (`IdbStore`, which
//! seals every row on the way in and opens it on the way out with `hale_core::lock`) and in the core
//! worker (the dashboard's assessment and the outbox). A reload forgets it, so reloading locks.
//! The `meta` row `lock` keeps the salt, the cost, the check that tells a right passphrase from a
//! wrong one, and the person's choices; the row `emergency-info` what they chose to show while
//! locked. Both are in clear; nothing else is.

use hale_core::lock::{check, key_fits, KdfParams, KDF_PARAMS, NONCE_BYTES, SALT_BYTES};
use hale_core::record::Profile;
use hale_core::share::b64url_encode;
use serde_json::{json, Value};

use crate::store::idb::{Lock, Progress, CLEAR_META};
use crate::store::{AnyStore, IdbStore, Store, Table};

/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The idle times offered, in minutes.
pub const IDLE_CHOICES: [u32; 4] = [1, 5, 15, 60];
/// The idle time chosen unless the person chooses another.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

/// The `meta` row of the lock and of the emergency information.
pub const LOCK_ROW: &str = CLEAR_META[0];
/// The `meta` row of the emergency information shown while locked.
pub const EMERGENCY_ROW: &str = CLEAR_META[1];

/// What the locked screen shows, as the person chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Show {
    /// Long-term conditions.
    pub conditions: bool,
    /// Medicines and allergies.
    pub medicines: bool,
    /// Contacts from the care plan.
    pub contacts: bool,
}

/// The person's choices for the lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    /// Minutes without use before Hale locks itself.
    pub idle_minutes: u32,
    /// What the locked screen shows.
    pub show: Show,
}

impl Default for Choices {
    fn default() -> Self {
        Choices { idle_minutes: DEFAULT_IDLE_MINUTES, show: Show::default() }
    }
}

/// Why the passphrase did not unlock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockFailure {
    /// It is not the passphrase the lock was set with: nothing changed.
    Wrong,
    /// Anything else, in words: nothing changed.
    Failed(String),
    /// The person stopped it before it finished: nothing changed.
    Stopped,
}

impl From<crate::store::StoreError> for LockFailure {
    fn from(e: crate::store::StoreError) -> LockFailure {
        match e {
            crate::store::StoreError::Stopped => LockFailure::Stopped,
            e => LockFailure::Failed(e.message()),
        }
    }
}

/// The IndexedDB store, when the data is stored (a lock needs storage).
pub fn idb(store: &AnyStore) -> Option<&IdbStore> {
    match store {
        AnyStore::Idb(s) => Some(s),
        AnyStore::Memory(_) => None,
    }
}

/// The person's choices kept in the lock row.
pub fn choices(row: &Value) -> Choices {
    let show = &row["show"];
    Choices {
        idle_minutes: row["idle_minutes"]
            .as_u64()
            .and_then(|m| u32::try_from(m).ok())
            .filter(|m| IDLE_CHOICES.contains(m))
            .unwrap_or(DEFAULT_IDLE_MINUTES),
        show: Show {
            conditions: show["conditions"].as_bool().unwrap_or(false),
            medicines: show["medicines"].as_bool().unwrap_or(false),
            contacts: show["contacts"].as_bool().unwrap_or(false),
        },
    }
}

fn lock_row(salt: &[u8], check: &str, c: Choices) -> Value {
    let mut row = json!({
        "id": LOCK_ROW,
        "salt": b64url_encode(salt),
        "check": check,
        "idle_minutes": c.idle_minutes,
        "show": { "conditions": c.show.conditions, "medicines": c.show.medicines, "contacts": c.show.contacts },
    });
    if let Value::Object(m) = &mut row {
        KDF_PARAMS.write_into(m);
    }
    row
}

/// The emergency information kept in clear: only what the person chose to show.
pub fn emergency_row(p: &Profile, show: Show) -> Value {
    let conditions: Vec<&str> = if show.conditions {
        p.conditions.iter().map(|c| crate::i18n::vocab_label(c.as_str())).collect()
    } else {
        Vec::new()
    };
    let plan = p.care_plan.clone().unwrap_or_default();
    let (medicines, allergies): (Vec<Value>, Vec<Value>) = if show.medicines {
        (
            plan.medicines.iter().map(|m| json!({ "name": m.name, "dose": m.dose })).collect(),
            plan.allergies.iter().map(|a| json!({ "substance": a.substance, "reaction": a.reaction })).collect(),
        )
    } else {
        Default::default()
    };
    let contacts: Vec<Value> = if show.contacts {
        plan.contacts
            .iter()
            .map(|c| json!({ "name": c.name, "relationship": c.relationship, "phone": c.phone }))
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "id": EMERGENCY_ROW,
        "conditions": conditions,
        "medicines": medicines,
        "allergies": allergies,
        "no_known_allergies": show.medicines && plan.no_known_allergies,
        "contacts": contacts,
    })
}

fn random(n: usize) -> Result<Vec<u8>, LockFailure> {
    crate::platform::secure_random(n)
        .ok_or_else(|| LockFailure::Failed("this browser has no secure random source".into()))
}

/// The key for a passphrase (normalised to NFC, so the same words typed on another keyboard give
/// the same key). Argon2id runs on this thread for a moment (about 0.2 s on a slow phone): the page
/// is let draw its "checking" words first.
pub async fn derive(passphrase: &str, salt: &[u8], p: KdfParams) -> Result<Vec<u8>, LockFailure> {
    crate::platform::yield_to_browser().await;
    let normal: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
    hale_core::lock::derive_key(&normal, salt, p).map_err(|e| LockFailure::Failed(e.message()))
}

/// The key the passphrase gives, if it is the lock's (the lock row's salt, cost and check).
pub async fn key_for(row: &Value, passphrase: &str) -> Result<Vec<u8>, LockFailure> {
    let (Some((salt, p)), Some(check)) = (hale_core::lock::kdf_of(row), row["check"].as_str()) else {
        return Err(LockFailure::Failed("the lock's details on this device are damaged".into()));
    };
    let key = derive(passphrase, &salt, p).await?;
    if key_fits(&key, check) {
        Ok(key)
    } else {
        Err(LockFailure::Wrong)
    }
}

/// Unlocks: the store and the core worker get the key. (The caller then reads the record, and
/// then seals anything a tab opened before the lock wrote in clear: `IdbStore::seal_stragglers`,
/// after the dashboard, since it reads every table again.)
pub async fn unlock(store: &IdbStore, passphrase: &str) -> Result<(), LockFailure> {
    let row = crate::store::lock_row(store).await.ok_or(LockFailure::Failed("no lock is set".into()))?;
    let key = key_for(&row, passphrase).await?;
    store.set_lock(Lock::Open(key.clone()));
    crate::bindings::worker_key(Some(&key)).await;
    Ok(())
}

/// A new salt, key and check for `passphrase`.
async fn new_key(passphrase: &str, c: Choices) -> Result<(Vec<u8>, Value), LockFailure> {
    let salt = random(SALT_BYTES)?;
    let key = derive(passphrase, &salt, KDF_PARAMS).await?;
    let check = check(&key, &random(NONCE_BYTES)?).map_err(|e| LockFailure::Failed(e.message()))?;
    Ok((key, lock_row(&salt, &check, c)))
}

/// Sets a lock (every row sealed in one transaction) or changes its passphrase (every row opened
/// with the old key and sealed with the new one, in one transaction); `progress` is told how far it
/// has got and can stop it (`IdbStore::rekey`).
pub async fn set(
    store: &IdbStore,
    passphrase: &str,
    c: Choices,
    profile: &Profile,
    progress: Progress<'_>,
) -> Result<(), LockFailure> {
    let old = match store.lock() {
        Lock::Open(k) => Some(k),
        Lock::None => None,
        Lock::Locked => return Err(LockFailure::Failed("Hale is locked".into())),
    };
    let (key, row) = new_key(passphrase, c).await?;
    store.rekey(old.as_deref(), Some(&key), &[row, emergency_row(profile, c.show)], &[], progress).await?;
    crate::bindings::worker_key(Some(&key)).await;
    Ok(())
}

/// Changes the passphrase, once the current one is given.
pub async fn change(
    store: &IdbStore,
    current: &str,
    new: &str,
    profile: &Profile,
    progress: Progress<'_>,
) -> Result<(), LockFailure> {
    let row = crate::store::lock_row(store).await.ok_or(LockFailure::Failed("no lock is set".into()))?;
    key_for(&row, current).await?;
    set(store, new, choices(&row), profile, progress).await
}

/// Removes the lock, once the passphrase is given: every row opened, in one transaction.
pub async fn remove(store: &IdbStore, current: &str, progress: Progress<'_>) -> Result<(), LockFailure> {
    let row = crate::store::lock_row(store).await.ok_or(LockFailure::Failed("no lock is set".into()))?;
    let key = key_for(&row, current).await?;
    store.rekey(Some(&key), None, &[], &CLEAR_META, progress).await?;
    crate::bindings::worker_key(None).await;
    Ok(())
}

/// Keeps new choices (idle time, what the locked screen shows) and the emergency information.
pub async fn keep_choices(store: &IdbStore, c: Choices, profile: &Profile) -> Result<(), String> {
    let mut row = crate::store::lock_row(store).await.ok_or("no lock is set")?;
    let fresh = lock_row(&[], "", c);
    row["idle_minutes"] = fresh["idle_minutes"].clone();
    row["show"] = fresh["show"].clone();
    store.put_many(Table::Meta, &[row, emergency_row(profile, c.show)]).await.map_err(|e| e.message())
}

/// After the profile changed: the emergency information follows it (when a lock is set).
pub async fn profile_changed(store: &AnyStore, profile: &Profile) {
    let Some(s) = idb(store) else { return };
    if !matches!(s.lock(), Lock::Open(_)) {
        return;
    }
    if let Some(row) = crate::store::lock_row(s).await {
        let _ = s.put(Table::Meta, &emergency_row(profile, choices(&row).show)).await;
    }
}

/// Locks now: the page reloads, which forgets the key and every opened row.
pub fn lock_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The lock's key while unlocked (for the import worker, which seals what it stores).
pub fn key(store: &AnyStore) -> Option<Vec<u8>> {
    match idb(store)?.lock() {
        Lock::Open(k) => Some(k),
        _ => None,
    }
}

/// After everything was deleted (the lock row with it): the store and the worker forget the key.
pub async fn forget(store: &AnyStore) {
    if let Some(s) = idb(store) {
        s.set_lock(Lock::None);
    }
    crate::bindings::worker_key(None).await;
}
