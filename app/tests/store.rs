//! Browser tests for the IndexedDB store: each test uses a fresh database name and deletes it.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_app::store::{load_record, observation_dto, IdbStore, MemoryStore, Store, Table};
use hale_core::record::{ObsValue, Observation};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name(tag: &str) -> String {
    format!("hale-test-{tag}-{}", hale_app::platform::new_id("db"))
}

fn bp(id: &str, at: &str, s: f64, d: f64) -> Observation {
    Observation {
        id: id.into(),
        at: hale_core::time::parse_rfc3339(at).unwrap_or_default(),
        value: ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d },
        note: None,
        source: None,
    }
}

#[wasm_bindgen_test]
async fn stores_and_reads_a_reading() {
    let name = fresh_name("rw");
    let store = IdbStore::open(&name).await.expect("open");
    let o = bp("o1", "2026-11-20T08:00:00Z", 182.0, 100.0);
    store.put(Table::Observations, &observation_dto(&o)).await.expect("put");
    let (record, issues) = load_record(&store).await.expect("load");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(record.observations, vec![o]);
    store.delete(Table::Observations, "o1").await.expect("delete");
    assert!(store.all(Table::Observations).await.expect("all").is_empty());
    store.close();
    IdbStore::delete_database(&name).await.expect("delete db");
}

#[wasm_bindgen_test]
async fn upgrading_from_schema_1_keeps_every_reading() {
    let name = fresh_name("migrate");
    let v1 = IdbStore::open_at(&name, 1).await.expect("open v1");
    assert_eq!(v1.store_names(), vec!["observations".to_string()]);
    let readings = [bp("a", "2026-11-18T08:00:00Z", 130.0, 85.0), bp("b", "2026-11-19T08:00:00Z", 141.0, 92.0)];
    for o in &readings {
        v1.put(Table::Observations, &observation_dto(o)).await.expect("put v1");
    }
    v1.close();

    let v2 = IdbStore::open(&name).await.expect("open current");
    let mut names = v2.store_names();
    names.sort();
    assert_eq!(names, vec!["kept", "meta", "observations", "profile", "questionnaires", "symptoms"]);
    assert_eq!(v2.index_names(Table::Observations), vec!["kind_at".to_string()]);
    let (record, issues) = load_record(&v2).await.expect("load");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(record.observations, readings.to_vec());
    let by_index = v2
        .observations_of_kind("blood_pressure", "2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z")
        .await
        .expect("index query");
    assert_eq!(by_index.len(), 1);
    assert_eq!(by_index[0]["id"], json!("b"));
    v2.close();
    IdbStore::delete_database(&name).await.expect("delete db");
}

#[wasm_bindgen_test]
async fn a_stored_entry_from_a_newer_version_is_reported_not_dropped_silently() {
    let store = MemoryStore::default();
    store.put(Table::Observations, &json!({"v": 2, "id": "x", "kind": "blood_pressure"})).await.expect("put");
    let (record, issues) = load_record(&store).await.expect("load");
    assert!(record.observations.is_empty());
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.contains("newer version"));
    assert!(issues[0].message.starts_with("1 stored entries"));
}

/// In a portal's frame the store opens the IndexedDB the Storage Access API gave (the boot script
/// puts it at `window.haleIdb`): every open and delete goes through that factory.
#[wasm_bindgen_test]
async fn opens_and_deletes_through_the_factory_it_is_given() {
    use wasm_bindgen::JsValue;
    let window = web_sys::window().expect("window");
    let real = window.indexed_db().expect("indexedDB").expect("indexedDB present");
    // A recording factory: the window's own IndexedDB behind a proxy that notes each call's name.
    let calls = js_sys::Array::new();
    let get = js_sys::Function::new_with_args(
        "target, prop",
        "const v = target[prop]; if (typeof v !== 'function') return v; \
         return (...a) => { this.calls.push(prop + ' ' + a[0]); return v.apply(target, a); };",
    );
    let handler = js_sys::Object::new();
    js_sys::Reflect::set(&handler, &"calls".into(), &calls).expect("set");
    js_sys::Reflect::set(&handler, &"get".into(), &get).expect("set");
    let given = js_sys::Proxy::new(&real, &handler);
    js_sys::Reflect::set(&window, &"haleIdb".into(), &given).expect("set");

    let name = fresh_name("given");
    let store = IdbStore::open(&name).await.expect("open through the given factory");
    store
        .put(Table::Observations, &observation_dto(&bp("g1", "2026-11-20T08:00:00Z", 120.0, 80.0)))
        .await
        .expect("put");
    assert_eq!(store.all(Table::Observations).await.expect("all").len(), 1);
    store.close();
    IdbStore::delete_database(&name).await.expect("delete db");
    let seen: Vec<String> = calls.iter().filter_map(|c| c.as_string()).collect();
    js_sys::Reflect::delete_property(&window, &"haleIdb".into()).expect("unset");
    assert_eq!(seen, vec![format!("open {name}"), format!("deleteDatabase {name}")]);

    // None given (null): the window's own IndexedDB.
    js_sys::Reflect::set(&window, &"haleIdb".into(), &JsValue::NULL).expect("set");
    let name = fresh_name("own");
    let store = IdbStore::open(&name).await.expect("open the window's own");
    store.close();
    IdbStore::delete_database(&name).await.expect("delete db");
    js_sys::Reflect::delete_property(&window, &"haleIdb".into()).expect("unset");
    assert_eq!(calls.length(), 2, "nothing more went through the given factory");
}

/// Restores a dump (`schema_version`, `schema`: store → key path and indexes, `stores`: store →
/// rows) through IndexedDB at that version, as an older Hale left it; resolves when committed.
async fn restore(name: &str, dump: &serde_json::Value) {
    let restore = js_sys::Function::new_with_args(
        "name, dump",
        "const d = JSON.parse(dump); return new Promise((resolve, reject) => { \
           const req = indexedDB.open(name, d.schema_version); \
           req.onupgradeneeded = () => { const db = req.result; \
             for (const [store, s] of Object.entries(d.schema)) { \
               const os = db.createObjectStore(store, { keyPath: s.key_path }); \
               for (const [index, path] of Object.entries(s.indexes || {})) os.createIndex(index, path); } }; \
           req.onerror = () => reject(String(req.error)); \
           req.onsuccess = () => { const db = req.result; \
             const names = Object.keys(d.stores); \
             if (!names.length) { db.close(); return resolve(); } \
             const tx = db.transaction(names, 'readwrite'); \
             for (const n of names) for (const row of d.stores[n]) tx.objectStore(n).put(row); \
             tx.oncomplete = () => { db.close(); resolve(); }; tx.onerror = () => reject(String(tx.error)); }; })",
    );
    let promise =
        restore.call2(&wasm_bindgen::JsValue::NULL, &name.into(), &dump.to_string().into()).expect("restore runs");
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await.expect("restored");
}

/// A database's version and its stores' row counts, read without upgrading it.
async fn raw_state(name: &str) -> serde_json::Value {
    let read = js_sys::Function::new_with_args(
        "name",
        "return new Promise((resolve, reject) => { const req = indexedDB.open(name); \
           req.onerror = () => reject(String(req.error)); \
           req.onsuccess = async () => { const db = req.result; const out = { version: db.version, stores: {} }; \
             for (const n of db.objectStoreNames) out.stores[n] = await new Promise((ok) => { \
               const g = db.transaction(n).objectStore(n).getAll(); g.onsuccess = () => ok(g.result); }); \
             db.close(); resolve(JSON.stringify(out)); }; })",
    );
    let promise = read.call1(&wasm_bindgen::JsValue::NULL, &name.into()).expect("read runs");
    let text = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await.expect("read");
    serde_json::from_str(&text.as_string().unwrap_or_default()).expect("JSON")
}

/// Every entry of a dump's observations store, as the Record's observations (entry version off).
fn dumped_observations(dump: &serde_json::Value) -> Vec<Observation> {
    let mut out: Vec<Observation> = dump["stores"]["observations"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let mut v = row.clone();
            v.as_object_mut().expect("object").remove("v");
            hale_core::write::read_back::observation(&v).unwrap_or_else(|| panic!("a Record observation: {v}"))
        })
        .collect();
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Every earlier schema's fixture opens in today's app with no entry lost or changed, and its rows
/// are not rewritten by the upgrade.
#[wasm_bindgen_test]
async fn every_earlier_schema_opens_with_nothing_lost_or_changed() {
    for fixture in [include_str!("fixtures/db-v1.json")] {
        let dump: serde_json::Value = serde_json::from_str(fixture).expect("a dump");
        let name = fresh_name("fixture");
        restore(&name, &dump).await;
        let store = IdbStore::open(&name).await.expect("opens at today's schema");
        let (mut record, issues) = load_record(&store).await.expect("load");
        assert!(issues.is_empty(), "{issues:?}");
        record.observations.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        assert_eq!(record.observations, dumped_observations(&dump), "schema {}", dump["schema_version"]);
        store.close();
        let after = raw_state(&name).await;
        assert_eq!(after["version"], json!(hale_app::store::idb::SCHEMA_VERSION));
        let mut rows = after["stores"]["observations"].as_array().expect("rows").clone();
        let mut before = dump["stores"]["observations"].as_array().expect("rows").clone();
        let id = |v: &serde_json::Value| v["id"].as_str().unwrap_or_default().to_string();
        rows.sort_by_key(id);
        before.sort_by_key(id);
        assert_eq!(rows, before, "the upgrade rewrote no row");
        IdbStore::delete_database(&name).await.expect("delete db");
    }
}

/// Random records (seeded) stored at schema 1 come through the upgrade to today's schema whole.
#[wasm_bindgen_test]
async fn random_records_round_trip_through_every_upgrade_path() {
    let mut seed = 0x2545_f491_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for round in 0..5 {
        let mut rows = Vec::new();
        for i in 0..(20 + next(40)) {
            let at = format!("2025-{:02}-{:02}T{:02}:{:02}:00Z", 1 + next(12), 1 + next(28), next(24), next(60));
            let row = match next(5) {
                0 => {
                    json!({ "kind": "blood_pressure", "systolic_mmhg": 90 + next(110), "diastolic_mmhg": 50 + next(39) })
                }
                1 => json!({ "kind": "heart_rate", "bpm": 40 + next(150) }),
                2 => json!({ "kind": "weight", "kg": (400 + next(1600)) as f64 / 10.0 }),
                3 => {
                    let context = ["fasting", "before_meal", "after_meal", "random"][next(4) as usize];
                    json!({ "kind": "glucose", "mmol_l": (20 + next(300)) as f64 / 10.0, "context": context })
                }
                _ => json!({ "kind": "spo2", "percent": 80 + next(21), "on_oxygen": next(2) == 1 }),
            };
            let mut row = row;
            row["id"] = json!(format!("r{round}-{i}"));
            row["at"] = json!(at);
            if next(4) == 0 {
                row["note"] = json!(format!("note {i} — “quoted” & <b>not markup</b>"));
            }
            row["v"] = json!(1);
            rows.push(row);
        }
        let dump = json!({
            "schema_version": 1,
            "schema": { "observations": { "key_path": "id", "indexes": {} } },
            "stores": { "observations": rows },
        });
        let name = fresh_name("random");
        restore(&name, &dump).await;
        let store = IdbStore::open(&name).await.expect("opens");
        let (mut record, issues) = load_record(&store).await.expect("load");
        assert!(issues.is_empty(), "round {round}: {issues:?}");
        record.observations.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        assert_eq!(record.observations, dumped_observations(&dump), "round {round}");
        store.close();
        IdbStore::delete_database(&name).await.expect("delete db");
    }
}

/// A database a newer Hale wrote (a higher schema version, a store this version does not know) is
/// refused with a message and left exactly as it was: never downgraded, repaired or emptied.
#[wasm_bindgen_test]
async fn a_database_from_a_newer_version_is_left_untouched_with_a_message() {
    let name = fresh_name("newer");
    let dump = json!({
        "schema_version": hale_app::store::idb::SCHEMA_VERSION + 1,
        "schema": {
            "observations": { "key_path": "id", "indexes": { "kind_at": ["kind", "at"] } },
            "meta": { "key_path": "id", "indexes": {} },
            "from_the_future": { "key_path": "id", "indexes": {} },
        },
        "stores": {
            "observations": [{ "v": 2, "id": "n1", "kind": "blood_pressure", "at": "2027-01-01T08:00:00Z", "systolic_mmhg": 120, "diastolic_mmhg": 80 }],
            "from_the_future": [{ "id": "x", "what": "something new" }],
        },
    });
    restore(&name, &dump).await;
    let before = raw_state(&name).await;
    match IdbStore::open(&name).await {
        Err(e @ hale_app::store::StoreError::Newer(_)) => {
            assert!(e.message().contains("newer version of Hale"), "{}", e.message())
        }
        Err(e) => panic!("another error: {}", e.message()),
        Ok(_) => panic!("a newer database was opened"),
    }
    assert_eq!(raw_state(&name).await, before, "left exactly as it was");
    IdbStore::delete_database(&name).await.expect("delete db");
}
