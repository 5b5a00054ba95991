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
