//! The foundation slice (issue 2): blood-pressure validation bounds and the `bp.severe` rule at
//! its thresholds. Runs natively and on wasm32 (under Node).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use hale_core::api::assess_json;
use serde_json::{json, Value};

const NOW: &str = "2026-11-21T09:00:00Z";

fn assess(observations: Value) -> Value {
    let record = json!({"format": "hale.record/1", "observations": observations});
    let out = assess_json(&record.to_string(), NOW).unwrap_or_else(|e| panic!("exit 2: {e}"));
    serde_json::from_str(&out).unwrap_or(Value::Null)
}

fn bp(s: Value, d: Value) -> Value {
    assess(
        json!([{"id": "o1", "at": "2026-11-21T08:30:00Z", "kind": "blood_pressure", "systolic_mmhg": s, "diastolic_mmhg": d}]),
    )
}

fn ids(a: &Value) -> Vec<String> {
    a["red_flags"]
        .as_array()
        .map(|f| f.iter().map(|x| x["id"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn bp_severe_at_its_systolic_threshold() {
    assert_eq!(ids(&bp(json!(179), json!(100))), Vec::<String>::new());
    let a = bp(json!(180), json!(100));
    assert_eq!(ids(&a), vec!["bp.severe"]);
    assert_eq!(a["disposition"], json!({"level": "urgent", "service": "nhs_111", "because": ["bp.severe"]}));
    assert_eq!(a["red_flags"][0]["evidence"], json!(["o1"]));
    let source = a["red_flags"][0]["source"].as_str().unwrap_or("");
    assert!(source.contains("NICE NG136") && source.contains("1.5"), "{source}");
    assert_eq!(ids(&bp(json!(181), json!(100))), vec!["bp.severe"]);
}

#[test]
fn bp_severe_at_its_diastolic_threshold() {
    assert_eq!(ids(&bp(json!(170), json!(119))), Vec::<String>::new());
    assert_eq!(ids(&bp(json!(170), json!(120))), vec!["bp.severe"]);
    assert_eq!(ids(&bp(json!(170), json!(121))), vec!["bp.severe"]);
}

#[test]
fn validation_bounds_leave_the_reading_out_with_an_issue() {
    let cases = [
        (json!(50), json!(30), true),
        (json!(49), json!(30), false),
        (json!(300), json!(200), true),
        (json!(301), json!(100), false),
        (json!(120), json!(29), false),
        (json!(250), json!(201), false),
        (json!(120), json!(120), false),
        (json!(185.5), json!(100), false),
        (json!("185"), json!(100), false),
        (json!(185.0), json!(100), true),
    ];
    for (s, d, valid) in cases {
        let a = bp(s.clone(), d.clone());
        let issues = a["issues"].as_array().cloned().unwrap_or_default();
        if valid {
            assert!(issues.is_empty(), "{s}/{d}: {issues:?}");
        } else {
            assert!(!issues.is_empty(), "{s}/{d} should be left out");
            assert!(issues.iter().all(|i| i["severity"] == "error"), "{s}/{d}");
            assert!(
                issues.iter().all(|i| i["field"].as_str().is_some_and(|f| f.starts_with("observations[0]."))),
                "{s}/{d}: {issues:?}"
            );
            assert_eq!(a["disposition"]["level"], "self_care", "{s}/{d}: a left-out reading raises nothing");
        }
    }
}

#[test]
fn a_reading_after_now_is_ignored_and_reported() {
    let a = assess(
        json!([{"id": "f", "at": "2026-11-21T09:00:01Z", "kind": "blood_pressure", "systolic_mmhg": 200, "diastolic_mmhg": 100}]),
    );
    assert_eq!(a["disposition"]["level"], "self_care");
    assert_eq!(a["issues"][0]["code"], "in_future");
    assert_eq!(a["issues"][0]["field"], "observations[0].at");
}

#[test]
fn unreadable_documents_are_errors_not_assessments() {
    for bad in ["", "not json", "[]", "{}", r#"{"format": "hale.record/2"}"#, r#"{"format": 1}"#] {
        let r = assess_json(bad, NOW);
        assert!(r.is_err(), "{bad:?} should not assess");
    }
    assert!(assess_json(r#"{"format": "hale.record/1"}"#, "yesterday").is_err());
}
