//! Named personas as fixtures (`core/tests/fixtures/*.json`): each has a record and scenarios that
//! add entries and assess at a given `now`, with the expected level, flags and key values.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::{assess_at, flags};
use serde_json::Value;

fn run(fixture: &str) -> usize {
    let f: Value = serde_json::from_str(fixture).unwrap_or(Value::Null);
    let scenarios = f["scenarios"].as_array().cloned().unwrap_or_default();
    assert!(!scenarios.is_empty());
    for s in &scenarios {
        let mut record = f["record"].clone();
        if let Some(add) = s["add"].as_object() {
            for (list, entries) in add {
                if let (Some(target), Some(more)) = (record[list.as_str()].as_array_mut(), entries.as_array()) {
                    target.extend(more.iter().cloned());
                }
            }
        }
        let now = s["now"].as_str().unwrap_or_default();
        let a = assess_at(&record, now);
        let name = s["name"].as_str().unwrap_or_default();
        let e = &s["expect"];
        assert_eq!(a["disposition"]["level"], e["level"], "{name}: {:?}", flags(&a));
        let want: Vec<String> =
            e["flags"].as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect();
        assert_eq!(flags(&a), want, "{name}");
        if let Some(svc) = e.get("service") {
            assert_eq!(&a["disposition"]["service"], svc, "{name}");
        }
        if let Some(h) = e.get("home_systolic_mmhg") {
            assert_eq!(&a["home_blood_pressure"]["systolic_mmhg"], h, "{name}");
        }
        if let Some(n) = e.get("news2_total") {
            assert_eq!(&a["news2"]["total"], n, "{name}");
        }
        let errors: Vec<&Value> =
            a["issues"].as_array().into_iter().flatten().filter(|i| i["severity"] == "error").collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    scenarios.len()
}

#[test]
fn sarah() {
    assert_eq!(run(include_str!("fixtures/sarah.json")), 7);
}

#[test]
fn alice() {
    assert_eq!(run(include_str!("fixtures/alice.json")), 4);
}
