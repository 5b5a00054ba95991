//! Browser tests of the passphrase lock in the IndexedDB store (full bundle): rows sealed at rest,
//! opened with the key only, refused while locked, re-sealed and opened in one transaction.
#![cfg(all(target_arch = "wasm32", feature = "full"))]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_app::store::idb::{Lock, CLEAR_META};
use hale_app::store::{load_record, observation_dto, save_profile, IdbStore, Store, StoreError, Table};
use hale_core::record::{ObsValue, Observation, Profile};
use hale_core::vocab::Condition;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: [u8; 32] = [7; 32];
const OTHER: [u8; 32] = [9; 32];

fn bp(id: &str, at: &str, s: f64, d: f64) -> Observation {
    Observation {
        id: id.into(),
        at: hale_core::time::parse_rfc3339(at).unwrap_or_default(),
        value: ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d },
        note: Some("after the stairs".into()),
        source: None,
    }
}

/// Every row as IndexedDB holds it, read by a second connection that knows no lock.
async fn raw(name: &str) -> Vec<(Table, Value)> {
    let plain = IdbStore::open(name).await.expect("open raw");
    let mut rows = Vec::new();
    for t in Table::ALL {
        rows.extend(plain.all(t).await.expect("all").into_iter().map(|r| (t, r)));
    }
    plain.close();
    rows
}

/// Deletes a row by its stored id through a connection that knows no lock.
async fn plain_delete(name: &str, id: &str) {
    let plain = IdbStore::open(name).await.expect("open plain");
    plain.delete(Table::Observations, id).await.expect("delete");
    plain.close();
}

/// Whether `secret` can be read in stored rows: in what a row keeps in clear (its hashed id and
/// sealed text set aside, their forms are checked apart) or in the bytes its sealed text decodes
/// to. The base64 text itself is not searched: it is random, so a short string turns up in it by
/// chance (this test once failed so on "o1"). Secrets are at least 3 bytes long, so the chance
/// that random bytes hold one is about 1 in 10,000 for these rows.
fn readable(rows: &[(Table, Value)], secret: &str) -> bool {
    assert!(secret.len() >= 3, "a short secret would be found in random bytes");
    rows.iter().any(|(_, r)| {
        let mut clear = r.clone();
        let mut sealed_bytes = Vec::new();
        if let Some(sealed) = clear.get_mut("sealed") {
            sealed_bytes = hale_core::share::b64url_decode(sealed.as_str().expect("text")).expect("base64url");
            *sealed = Value::Null;
            clear["id"] = Value::Null;
        }
        clear.to_string().contains(secret) || sealed_bytes.windows(secret.len()).any(|w| w == secret.as_bytes())
    })
}

#[wasm_bindgen_test]
async fn a_lock_seals_every_row_opens_with_its_key_only_and_comes_off_whole() {
    let name = format!("hale-test-lock-{}", hale_app::platform::new_id("db"));
    let store = IdbStore::open(&name).await.expect("open");
    let readings =
        [bp("reading-1", "2026-11-20T08:00:00Z", 182.0, 100.0), bp("reading-2", "2026-11-21T08:00:00Z", 141.0, 88.0)];
    for o in &readings {
        store.put(Table::Observations, &observation_dto(o)).await.expect("put");
    }
    let profile = Profile { conditions: vec![Condition::Hypertension], ..Profile::default() };
    save_profile(&store, &profile).await.expect("profile");
    store.put(Table::Meta, &json!({"id": "care-team", "access_token": "secret-token"})).await.expect("meta");
    let (before, _) = load_record(&store).await.expect("load");

    // Set: every row sealed in one transaction, the lock's own rows in clear.
    let lock = json!({"id": CLEAR_META[0], "salt": "s", "check": "c"});
    store.rekey(None, Some(&KEY), std::slice::from_ref(&lock), &[], &|_, _| true).await.expect("set");
    let rows = raw(&name).await;
    for (t, r) in &rows {
        if *t == Table::Meta && r["id"] == CLEAR_META[0] {
            assert_eq!(r, &lock);
            continue;
        }
        let keys: Vec<&String> = r.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["id", "sealed"], "{t:?} {r}");
        assert!(r["id"].as_str().is_some_and(|id| id.starts_with(hale_core::lock::ROW_KEY_PREFIX)), "{r}");
    }
    for secret in ["182", "stairs", "hypertension", "secret-token", "blood_pressure", "reading-1", "care-team", "2026"]
    {
        assert!(!readable(&rows, secret), "{secret} is readable at rest");
    }
    // Unlocked, the record reads as before; a new entry is sealed on its way in.
    let (after, issues) = load_record(&store).await.expect("load");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(after, before);
    store
        .put(Table::Observations, &observation_dto(&bp("reading-3", "2026-11-22T08:00:00Z", 150.0, 90.0)))
        .await
        .expect("put");
    assert!(raw(&name).await.iter().all(|(t, r)| r.get("sealed").is_some() || *t == Table::Meta));

    // A row written in clear by a tab that knew no lock is read, then sealed on unlocking.
    let plain = IdbStore::open(&name).await.expect("open plain");
    plain.put(Table::Symptoms, &json!({"id": "s-straggler", "code": "cough", "v": 1})).await.expect("put");
    plain.close();
    assert_eq!(store.all(Table::Symptoms).await.expect("all")[0]["code"], "cough");
    assert_eq!(store.seal_stragglers().await.expect("seal"), 1);
    assert!(raw(&name).await.iter().all(|(t, r)| r.get("sealed").is_some() || *t == Table::Meta));
    assert_eq!(store.seal_stragglers().await.expect("seal"), 0);
    store.delete(Table::Symptoms, "s-straggler").await.expect("delete");

    // Locked: nothing sealed is read, nothing is written or deleted.
    store.set_lock(Lock::Locked);
    assert!(store.all(Table::Observations).await.expect("all").is_empty());
    assert_eq!(store.all(Table::Meta).await.expect("all"), vec![lock.clone()]);
    assert_eq!(store.put(Table::Observations, &json!({"id": "x"})).await, Err(StoreError::Locked));
    assert_eq!(store.delete(Table::Observations, "reading-1").await, Err(StoreError::Locked));

    // The wrong key opens nothing (entries are counted as unreadable, never guessed at).
    store.set_lock(Lock::Open(OTHER.to_vec()));
    let (wrong, issues) = load_record(&store).await.expect("load");
    assert!(wrong.observations.is_empty() && !issues.is_empty());
    // Re-sealing with the wrong key as the old one changes nothing.
    assert!(store.rekey(Some(&OTHER), Some(&KEY), &[], &[], &|_, _| true).await.is_err());

    // Change: opened with the old key, sealed with the new, in one transaction.
    store.set_lock(Lock::Open(KEY.to_vec()));
    store.rekey(Some(&KEY), Some(&OTHER), &[], &[], &|_, _| true).await.expect("change");
    let (changed, _) = load_record(&store).await.expect("load");
    assert_eq!(changed.observations.len(), 3);
    store.set_lock(Lock::Open(KEY.to_vec()));
    assert!(load_record(&store).await.expect("load").0.observations.is_empty(), "the old key no longer opens it");

    // Remove: every row opened, the lock's rows deleted.
    store.set_lock(Lock::Open(OTHER.to_vec()));
    store.rekey(Some(&OTHER), None, &[], &CLEAR_META, &|_, _| true).await.expect("remove");
    assert_eq!(store.lock(), Lock::None);
    let rows = raw(&name).await;
    assert!(rows.iter().all(|(_, r)| r.get("sealed").is_none()));
    assert!(!rows.iter().any(|(_, r)| r["id"] == CLEAR_META[0]));
    let plain = IdbStore::open(&name).await.expect("open");
    let (last, issues) = load_record(&plain).await.expect("load");
    assert!(issues.is_empty());
    assert_eq!(last.observations.len(), 3);
    assert_eq!(last.profile, before.profile);
    assert_eq!(plain.all(Table::Meta).await.expect("meta")[0]["access_token"], "secret-token");
    plain.close();
    store.close();
    IdbStore::delete_database(&name).await.expect("delete db");
}

#[wasm_bindgen_test]
async fn re_sealing_a_large_record_goes_in_chunks_saying_how_far_and_a_late_failure_or_stop_changes_nothing() {
    let name = format!("hale-test-lock-big-{}", hale_app::platform::new_id("db"));
    let store = IdbStore::open(&name).await.expect("open");
    // More rows than one chunk of the re-sealing (500), so some are written before the odd one.
    let many: Vec<Value> = (0..1_200)
        .map(|i| {
            let at = format!("2026-{:02}-{:02}T08:00:00Z", 1 + i % 12, 1 + i % 28);
            observation_dto(&bp(&format!("reading-{i}"), &at, 120.0 + f64::from(i % 40), 80.0))
        })
        .collect();
    store.put_many(Table::Observations, &many).await.expect("put many");
    let told = std::cell::RefCell::new(Vec::new());
    store
        .rekey(None, Some(&KEY), &[], &[], &|done, total| {
            told.borrow_mut().push((done, total));
            true
        })
        .await
        .expect("set");
    assert_eq!(*told.borrow(), [(500, 1_200), (1_000, 1_200), (1_200, 1_200)], "told after each chunk");
    let sealed_before = raw(&name).await;
    assert_eq!(sealed_before.len(), 1_200);
    assert_eq!(load_record(&store).await.expect("load").0.observations.len(), 1_200, "every chunk written");

    // A row sealed under another key, stored under an id read after every other (`~` sorts last).
    let mut odd = hale_core::lock::seal_row(&OTHER, &[1; 12], "observations", &many[0]).expect("seal");
    odd["id"] = json!(format!("{}~odd", hale_core::lock::ROW_KEY_PREFIX));
    let plain = IdbStore::open(&name).await.expect("open plain");
    plain.put(Table::Observations, &odd).await.expect("put odd");
    plain.close();
    let before = raw(&name).await;

    // Changing the passphrase meets it in the last chunk: the transaction is aborted, so the
    // chunks already re-sealed are not kept.
    let failed = store.rekey(Some(&KEY), Some(&OTHER), &[], &[], &|_, _| true).await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(raw(&name).await, before, "nothing changed");
    assert_eq!(store.lock(), Lock::Open(KEY.to_vec()), "still the old key");

    // Stopped by the person after the first chunk: nothing changes either.
    plain_delete(&name, "h.~odd").await;
    let before = raw(&name).await;
    let stopped = store.rekey(Some(&KEY), None, &[], &CLEAR_META, &|done, _| done < 500).await;
    assert_eq!(stopped, Err(StoreError::Stopped));
    assert_eq!(raw(&name).await, before, "nothing changed");
    assert_eq!(store.lock(), Lock::Open(KEY.to_vec()));
    store.close();
    IdbStore::delete_database(&name).await.expect("delete db");
}
