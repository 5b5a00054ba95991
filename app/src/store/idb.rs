//! The IndexedDB store (via the `idb` crate), with numbered schema migrations.
//!
//! Schema 1: object store `observations` (keyPath `id`).
//! Schema 2: index `kind_at` on `observations` (`[kind, at]`); stores `symptoms`,
//! `questionnaires`, `profile`, `kept` and `meta` (keyPath `id`).

use idb::{Database, DatabaseEvent, Event, Factory, KeyPath, ObjectStoreParams, Request, TransactionMode};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use super::{Store, StoreError, Table};

/// The current schema version.
pub const SCHEMA_VERSION: u32 = 2;

/// The index on `observations`: its name and key path (app/js/store-schema.mjs has the same).
pub const KIND_AT: (&str, [&str; 2]) = ("kind_at", ["kind", "at"]);

/// IndexedDB-backed store.
#[derive(Debug)]
pub struct IdbStore {
    db: Database,
    /// The passphrase lock (full bundle: the lite one hands over when a lock is set).
    #[cfg(feature = "full")]
    lock: std::cell::RefCell<Lock>,
}

/// The passphrase lock as the store sees it (docs/security.md).
#[cfg(feature = "full")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Lock {
    /// No lock: rows are stored as they are.
    #[default]
    None,
    /// A lock is set and its key is not known: nothing is read or written but the clear rows.
    Locked,
    /// Unlocked: rows are sealed on the way in and opened on the way out with this key.
    Open(Vec<u8>),
}

/// The `meta` rows kept in clear under a lock: the lock itself (salt, rounds, check) and the
/// emergency information the person chose to show on the locked screen.
pub const CLEAR_META: [&str; 2] = ["lock", "emergency-info"];

#[cfg(feature = "full")]
fn kept_clear(table: Table, v: &Value) -> bool {
    table == Table::Meta && v["id"].as_str().is_some_and(|id| CLEAR_META.contains(&id))
}

/// The DOMException's `name` inside an idb error, read without formatting the error (formatting
/// JS values pulls float printing into the WebAssembly).
fn dom_name(e: &idb::Error) -> String {
    use idb::Error as E;
    let js = match e {
        E::AddFailed(v)
        | E::ClearFailed(v)
        | E::DeleteFailed(v)
        | E::GetAllFailed(v)
        | E::IndexedDbNotFound(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbDeleteFailed(v)
        | E::TransactionAbortError(v)
        | E::TransactionCommitError(v)
        | E::TransactionOpenFailed(v)
        | E::UpdateFailed(v) => v.clone(),
        E::DomException(d) => d.clone().into(),
        _ => JsValue::UNDEFINED,
    };
    js_sys::Reflect::get(&js, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

fn describe(e: &idb::Error) -> String {
    let name = dom_name(e);
    if name.is_empty() {
        "the browser's database refused the request".into()
    } else {
        format!("the browser's database said {name}")
    }
}

fn classify(e: idb::Error) -> StoreError {
    let text = describe(&e);
    if dom_name(&e) == "QuotaExceededError" {
        StoreError::Full(text)
    } else {
        StoreError::Failed(text)
    }
}

fn to_js(v: &Value) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(&v.to_string()).map_err(|_| StoreError::Failed("could not encode a value".into()))
}

fn from_js_array(v: &JsValue) -> Result<Vec<Value>, StoreError> {
    let text: String =
        js_sys::JSON::stringify(v).map_err(|_| StoreError::Failed("could not read stored values".into()))?.into();
    // Into a `Value` (which accepts any JSON), not `Vec<Value>`: serde's "invalid type" error path
    // would carry float printing into the WebAssembly.
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(a)) => Ok(a),
        _ => Err(StoreError::Failed("stored data could not be read".into())),
    }
}

/// A row sealed under `key` with a fresh nonce (a lock's own rows stay clear).
#[cfg(feature = "full")]
fn seal_with(key: &[u8], table: Table, v: &Value) -> Result<Value, StoreError> {
    if kept_clear(table, v) {
        return Ok(v.clone());
    }
    let nonce = crate::platform::secure_random(hale_core::lock::NONCE_BYTES)
        .ok_or_else(|| StoreError::Failed("this browser has no secure random source".into()))?;
    hale_core::lock::seal_row(key, &nonce, table.name(), v).map_err(|e| StoreError::Failed(e.message()))
}

/// Told how far `IdbStore::rekey` has got after each chunk (rows done, rows in all); answers
/// whether to go on.
#[cfg(feature = "full")]
pub type Progress<'a> = &'a dyn Fn(u32, u32) -> bool;

/// Rows re-sealed between waits for IndexedDB in `IdbStore::rekey`: a 10-year record (about
/// 50,000 rows) is done in chunks, so the page can draw between them (scripts/bench-start.mjs
/// reports the longest main-thread task).
#[cfg(feature = "full")]
const REKEY_CHUNK: u32 = 500;

/// Sealed rows opened between chances for the page to draw when a table is read.
#[cfg(feature = "full")]
const OPEN_CHUNK: usize = 2_000;

/// Applies migration `version` inside an upgrade.
fn migrate(db: &Database, tx: Option<&idb::Transaction>, version: u32) -> Result<(), idb::Error> {
    let params = || {
        let mut p = ObjectStoreParams::new();
        p.key_path(Some(KeyPath::new_single("id")));
        p
    };
    match version {
        1 => {
            db.create_object_store(Table::Observations.name(), params())?;
        }
        2 => {
            if let Some(tx) = tx {
                let obs = tx.object_store(Table::Observations.name())?;
                obs.create_index(KIND_AT.0, KeyPath::new_array(KIND_AT.1), None)?;
            }
            for t in [Table::Symptoms, Table::Questionnaires, Table::Profile, Table::Kept, Table::Meta] {
                db.create_object_store(t.name(), params())?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The IndexedDB the store uses: in a host portal's frame, the one the Storage Access API gave (the
/// data the person keeps in Hale itself, once they have let Hale use it there), which the boot
/// script puts at `window.haleIdb` before the app starts (app/js/boot-first.js); else the window's own.
pub fn factory() -> Result<Factory, StoreError> {
    let given = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("haleIdb")).ok())
        .filter(JsValue::is_object);
    match given {
        Some(f) => Ok(Factory::from(f.unchecked_into::<web_sys::IdbFactory>())),
        None => Factory::new().map_err(|e| StoreError::Unavailable(describe(&e))),
    }
}

impl IdbStore {
    /// Opens (creating or upgrading) the database at the current schema.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        Self::open_at(name, SCHEMA_VERSION).await
    }

    /// Opens the database at a given schema version (tests open an old schema on purpose).
    pub async fn open_at(name: &str, version: u32) -> Result<Self, StoreError> {
        let factory = factory()?;
        let mut request = factory.open(name, Some(version)).map_err(|e| StoreError::Unavailable(describe(&e)))?;
        request.on_upgrade_needed(move |event| {
            let Ok(db) = event.database() else { return };
            let old = event.old_version().unwrap_or(0);
            let new = event.new_version().ok().flatten().unwrap_or(version);
            let tx = event.target().ok().and_then(|r| r.transaction());
            for v in (old + 1)..=new {
                if migrate(&db, tx.as_ref(), v).is_err() {
                    if let Some(tx) = tx {
                        let _ = tx.abort();
                    }
                    return;
                }
            }
        });
        // A database of a higher version (a newer Hale wrote it): the browser refuses to open it at
        // ours and changes nothing; that is said as such, never retried at another version.
        let db = request.await.map_err(|e| {
            if dom_name(&e) == "VersionError" {
                StoreError::Newer(describe(&e))
            } else {
                StoreError::Unavailable(describe(&e))
            }
        })?;
        Ok(IdbStore {
            db,
            #[cfg(feature = "full")]
            lock: Default::default(),
        })
    }

    /// The lock as the store applies it.
    #[cfg(feature = "full")]
    pub fn lock(&self) -> Lock {
        self.lock.borrow().clone()
    }

    /// Sets how the store applies the lock (at start: `Locked` when a lock row is found; on
    /// unlocking: `Open` with the key).
    #[cfg(feature = "full")]
    pub fn set_lock(&self, lock: Lock) {
        *self.lock.borrow_mut() = lock;
    }

    /// Rows as they go into the database under the lock: sealed with fresh nonces (a lock's own
    /// rows stay clear); refused while locked.
    #[cfg(feature = "full")]
    fn seal(&self, table: Table, values: &[Value]) -> Result<Vec<Value>, StoreError> {
        match &*self.lock.borrow() {
            Lock::None => Ok(values.to_vec()),
            Lock::Locked => Err(StoreError::Locked),
            Lock::Open(key) => values.iter().map(|v| seal_with(key, table, v)).collect(),
        }
    }

    /// Rows as they come out: opened with the key; one that does not open is passed on sealed (the
    /// reader counts it as unreadable, never guesses), and while locked only clear rows come out.
    #[cfg(feature = "full")]
    async fn open_rows(&self, table: Table, values: Vec<Value>) -> Vec<Value> {
        use hale_core::lock::{is_sealed, open_row};
        // The key is copied out: the lock may change while this waits for the browser.
        let key = match &*self.lock.borrow() {
            Lock::None => return values,
            Lock::Locked => return values.into_iter().filter(|v| !is_sealed(v)).collect(),
            Lock::Open(key) => key.clone(),
        };
        let mut out = Vec::with_capacity(values.len());
        for chunk in values.chunks(OPEN_CHUNK) {
            // Opening a 10-year record takes most of a second: the page draws between chunks.
            if !out.is_empty() {
                crate::platform::yield_to_browser().await;
            }
            out.extend(chunk.iter().map(|v| open_row(&key, table.name(), v).unwrap_or_else(|_| v.clone())));
        }
        out
    }

    /// Seals, in one transaction, any row written in clear while a lock was set (by a tab opened
    /// before the lock and not reloaded since); returns how many. Run on unlocking.
    #[cfg(feature = "full")]
    pub async fn seal_stragglers(&self) -> Result<usize, StoreError> {
        let Lock::Open(key) = self.lock() else { return Ok(0) };
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite).map_err(classify)?;
        let mut sealed = 0;
        for table in Table::ALL {
            let store = tx.object_store(table.name()).map_err(classify)?;
            let values = store.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
            let arr: js_sys::Array = values.into_iter().collect();
            for row in from_js_array(&arr)? {
                if kept_clear(table, &row) || hale_core::lock::is_sealed(&row) {
                    continue;
                }
                if let Some(id) = row["id"].as_str() {
                    store.delete(JsValue::from_str(id)).map_err(classify)?;
                }
                store.put(&to_js(&seal_with(&key, table, &row)?)?, None).map_err(classify)?;
                sealed += 1;
            }
        }
        if tx.await.map_err(classify)?.is_committed() {
            Ok(sealed)
        } else {
            Err(StoreError::Failed("the change was cancelled".into()))
        }
    }

    /// Seals, re-seals or opens every row of every table in one transaction (setting, changing or
    /// removing the passphrase): each row is opened with `old` (none: rows are clear) and sealed
    /// with `new` (none: left clear), then `meta_put` rows are written and `meta_delete` rows
    /// removed. All or nothing: a row that does not open with `old` aborts the transaction, so
    /// nothing written before it stays; so does `progress` answering `false` (the person stopped
    /// it: `StoreError::Stopped`). Afterwards the store applies `new`.
    #[cfg(feature = "full")]
    pub async fn rekey(
        &self,
        old: Option<&[u8]>,
        new: Option<&[u8]>,
        meta_put: &[Value],
        meta_delete: &[&str],
        progress: Progress<'_>,
    ) -> Result<(), StoreError> {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite).map_err(classify)?;
        // Each table read whole, then opened with `old`, sealed with `new` and written back a
        // chunk at a time: waiting for a chunk's last write keeps the transaction alive (its
        // requests are still coming) and lets the page draw.
        let work = async {
            use hale_core::lock::open_row;
            let mut total = 0u32;
            for table in Table::ALL {
                let store = tx.object_store(table.name()).map_err(classify)?;
                total = total.saturating_add(store.count(None).map_err(classify)?.await.map_err(classify)?);
            }
            let mut done = 0u32;
            for table in Table::ALL {
                let store = tx.object_store(table.name()).map_err(classify)?;
                let values = store.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
                let arr: js_sys::Array = values.into_iter().collect();
                let mut from = 0;
                while from < arr.length() {
                    let mut last = None;
                    for row in from_js_array(&arr.slice(from, from.saturating_add(REKEY_CHUNK)))? {
                        if kept_clear(table, &row) {
                            continue;
                        }
                        let stored_id = row["id"].as_str().map(String::from);
                        let clear = match old {
                            Some(key) => {
                                open_row(key, table.name(), &row).map_err(|e| StoreError::Failed(e.message()))?
                            }
                            None => row,
                        };
                        let out = match new {
                            Some(key) => seal_with(key, table, &clear)?,
                            None => clear,
                        };
                        // A sealed row's id is a hash under its key: under another key (or
                        // none) the row moves to another id, and the old one goes.
                        if let Some(id) = stored_id.filter(|id| Some(id.as_str()) != out["id"].as_str()) {
                            store.delete(JsValue::from_str(&id)).map_err(classify)?;
                        }
                        last = Some(store.put(&to_js(&out)?, None).map_err(classify)?);
                    }
                    if let Some(request) = last {
                        request.await.map_err(classify)?;
                    }
                    done = done.saturating_add(arr.length().saturating_sub(from).min(REKEY_CHUNK));
                    if !progress(done, total) {
                        return Err(StoreError::Stopped);
                    }
                    from = from.saturating_add(REKEY_CHUNK);
                }
            }
            let meta = tx.object_store(Table::Meta.name()).map_err(classify)?;
            for v in meta_put {
                meta.put(&to_js(v)?, None).map_err(classify)?;
            }
            for id in meta_delete {
                meta.delete(JsValue::from_str(id)).map_err(classify)?;
            }
            Ok(())
        };
        if let Err(e) = work.await {
            // Some chunks may already be written: nothing of them stays.
            let _ = tx.abort();
            return Err(e);
        }
        if !tx.await.map_err(classify)?.is_committed() {
            return Err(StoreError::Failed("the change was cancelled".into()));
        }
        self.set_lock(new.map_or(Lock::None, |k| Lock::Open(k.to_vec())));
        Ok(())
    }

    /// Closes the connection.
    pub fn close(&self) {
        self.db.close();
    }

    /// The names of the object stores.
    pub fn store_names(&self) -> Vec<String> {
        self.db.store_names()
    }

    /// The index names of a table.
    pub fn index_names(&self, table: Table) -> Vec<String> {
        self.db
            .transaction(&[table.name()], TransactionMode::ReadOnly)
            .and_then(|tx| tx.object_store(table.name()))
            .map(|s| s.index_names())
            .unwrap_or_default()
    }

    /// Deletes a whole database (tests, and "delete all my data").
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        factory()?.delete(name).map_err(classify)?.await.map_err(classify)
    }

    /// Readings of one kind between two RFC 3339 instants, via the `kind_at` index.
    pub async fn observations_of_kind(&self, kind: &str, from: &str, to: &str) -> Result<Vec<Value>, StoreError> {
        let tx = self.db.transaction(&[Table::Observations.name()], TransactionMode::ReadOnly).map_err(classify)?;
        let store = tx.object_store(Table::Observations.name()).map_err(classify)?;
        let index = store.index(KIND_AT.0).map_err(classify)?;
        let lower = js_sys::Array::of2(&JsValue::from_str(kind), &JsValue::from_str(from));
        let upper = js_sys::Array::of2(&JsValue::from_str(kind), &JsValue::from_str(to));
        let range = idb::KeyRange::bound(&lower, &upper, None, None).map_err(classify)?;
        let values =
            index.get_all(Some(idb::Query::KeyRange(range)), None).map_err(classify)?.await.map_err(classify)?;
        let arr: js_sys::Array = values.into_iter().collect();
        from_js_array(&arr)
    }
}

impl Store for IdbStore {
    async fn put(&self, table: Table, value: &Value) -> Result<(), StoreError> {
        self.put_many(table, std::slice::from_ref(value)).await
    }

    async fn put_many(&self, table: Table, values: &[Value]) -> Result<(), StoreError> {
        #[cfg(feature = "full")]
        let sealed = self.seal(table, values)?;
        #[cfg(feature = "full")]
        let values = &sealed[..];
        let tx = self.db.transaction(&[table.name()], TransactionMode::ReadWrite).map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        for v in values {
            let js = to_js(v)?;
            store.put(&js, None).map_err(classify)?;
        }
        let result = tx.await.map_err(classify)?;
        if result.is_committed() {
            return Ok(());
        }
        // A full disk or quota reaches a write as its transaction aborting with
        // QuotaExceededError (often only when it commits): said as "out of space", not as a retry.
        match store.transaction().error().map(|e| e.name()).as_deref() {
            Some("QuotaExceededError") => {
                Err(StoreError::Full("the browser's database said QuotaExceededError".into()))
            }
            _ => Err(StoreError::Failed("the save was cancelled".into())),
        }
    }

    async fn delete(&self, table: Table, id: &str) -> Result<(), StoreError> {
        #[cfg(feature = "full")]
        let sealed_id = match self.lock() {
            Lock::Locked => return Err(StoreError::Locked),
            Lock::Open(key) => Some(hale_core::lock::row_key(&key, table.name(), id)),
            Lock::None => None,
        };
        let tx = self.db.transaction(&[table.name()], TransactionMode::ReadWrite).map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        // Under a lock the entry is stored under its sealed id (and, written by a tab that knew
        // no lock, perhaps under its own): both go.
        #[cfg(feature = "full")]
        if let Some(sealed_id) = sealed_id {
            store.delete(JsValue::from_str(&sealed_id)).map_err(classify)?;
        }
        store.delete(JsValue::from_str(id)).map_err(classify)?;
        tx.await.map_err(classify)?;
        Ok(())
    }

    async fn all(&self, table: Table) -> Result<Vec<Value>, StoreError> {
        let tx = self.db.transaction(&[table.name()], TransactionMode::ReadOnly).map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        let values = store.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
        let arr: js_sys::Array = values.into_iter().collect();
        #[cfg(feature = "full")]
        return Ok(self.open_rows(table, from_js_array(&arr)?).await);
        #[cfg(not(feature = "full"))]
        from_js_array(&arr)
    }

    async fn clear(&self, table: Table) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[table.name()], TransactionMode::ReadWrite).map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        store.clear().map_err(classify)?;
        tx.await.map_err(classify)?;
        Ok(())
    }
}
