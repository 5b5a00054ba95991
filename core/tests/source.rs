//! Where a reading came from (`source`): read, written and read back; a `source` that cannot be
//! read leaves the reading out; and the safety of imports — a continuous sample is never judged by
//! the single-entry red-flag rules, and an old reading imported today raises nothing.
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_core::parse::parse_record_str;
use serde_json::{json, Value};

const NOW: &str = "2026-11-20T09:00:00Z";

fn flags(observations: Value) -> Vec<String> {
    let record =
        json!({ "format": "hale.record/1", "observations": observations, "symptoms": [], "questionnaires": [] });
    let text = hale_core::api::assess_json(&record.to_string(), NOW).expect("an assessment");
    let a: Value = serde_json::from_str(&text).expect("JSON");
    a["red_flags"].as_array().expect("flags").iter().map(|f| f["id"].as_str().unwrap_or_default().to_string()).collect()
}

fn source(continuous: bool) -> Value {
    json!({ "format": "apple_health", "app": "Health", "device": "Watch", "user_entered": false, "continuous": continuous, "imported_at": NOW })
}

#[test]
fn a_source_is_read_written_and_read_back() {
    let record = json!({ "format": "hale.record/1", "observations": [
        { "id": "h1", "kind": "heart_rate", "at": "2026-11-20T08:00:00Z", "bpm": 72, "source": source(true) },
        { "id": "b1", "kind": "blood_pressure", "at": "2026-11-20T08:00:00Z", "systolic_mmhg": 120, "diastolic_mmhg": 80,
          "source": { "format": "omron_csv", "imported_at": NOW } }
    ]});
    let parsed = parse_record_str(&record.to_string()).expect("a record");
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let src = parsed.record.observations[0].source.as_ref().expect("a source");
    assert!(src.continuous && src.device.as_deref() == Some("Watch") && src.user_entered == Some(false));
    assert!(!parsed.record.observations[0].is_spot_check());
    assert!(parsed.record.observations[1].is_spot_check(), "not said continuous: a spot check");
    let written = hale_core::write::observation_to_value(&parsed.record.observations[0]);
    assert_eq!(written["source"], source(true));
    assert_eq!(hale_core::write::read_back::observation(&written).as_ref(), Some(&parsed.record.observations[0]));
    let plain = hale_core::write::observation_to_value(&parsed.record.observations[1]);
    assert_eq!(plain["source"], json!({ "format": "omron_csv", "imported_at": NOW }), "only what is known is written");
}

#[test]
fn a_source_that_cannot_be_read_leaves_the_reading_out() {
    for bad in [
        json!("apple"),
        json!({ "imported_at": NOW }),
        json!({ "format": "x" }),
        json!({ "format": "x", "imported_at": NOW, "continuous": "yes" }),
    ] {
        let record = json!({ "format": "hale.record/1", "observations": [
            { "id": "h1", "kind": "heart_rate", "at": "2026-11-20T08:00:00Z", "bpm": 72, "source": bad }
        ]});
        let parsed = parse_record_str(&record.to_string()).expect("a record");
        assert!(parsed.record.observations.is_empty(), "{bad}");
        assert!(
            parsed.issues.iter().any(|i| i.field.starts_with("observations[0].source")),
            "{bad}: {:?}",
            parsed.issues
        );
    }
}

#[test]
fn a_continuous_sample_is_never_judged_but_the_same_value_as_a_spot_check_is() {
    let spo2 = |src: Option<Value>| {
        let mut o =
            json!({ "id": "s1", "kind": "spo2", "at": "2026-11-20T08:30:00Z", "percent": 85, "on_oxygen": false });
        if let Some(s) = src {
            o["source"] = s;
        }
        flags(json!([o]))
    };
    assert!(!spo2(None).is_empty(), "typed into Hale: judged");
    assert!(!spo2(Some(source(false))).is_empty(), "an imported spot check: judged");
    assert!(spo2(Some(source(true))).is_empty(), "a wrist SpO₂ at night: never judged");
    // A continuous sample does not hide an earlier spot check either.
    let both = flags(json!([
        { "id": "spot", "kind": "spo2", "at": "2026-11-20T07:00:00Z", "percent": 85, "on_oxygen": false },
        { "id": "cont", "kind": "spo2", "at": "2026-11-20T08:30:00Z", "percent": 97, "on_oxygen": false, "source": source(true) }
    ]));
    assert!(!both.is_empty(), "the spot check is still judged: {both:?}");
}

#[test]
fn a_two_year_old_reading_imported_today_raises_nothing() {
    let bp = |at: &str| {
        flags(json!([{ "id": "b", "kind": "blood_pressure", "at": at, "systolic_mmhg": 200, "diastolic_mmhg": 125,
            "source": { "format": "omron_csv", "imported_at": NOW } }]))
    };
    assert!(bp("2026-11-20T08:00:00Z").contains(&"bp.severe".to_string()), "today: judged");
    assert!(bp("2024-11-20T08:00:00Z").is_empty(), "two years ago: history, never a flag today");
}

#[cfg(feature = "extras")]
#[test]
fn a_source_travels_through_fhir_and_a_continuous_sample_stays_one() {
    let record = json!({ "format": "hale.record/1", "observations": [
        { "id": "s1", "kind": "spo2", "at": "2026-11-20T08:30:00Z", "percent": 85, "on_oxygen": false, "source": source(true) }
    ], "symptoms": [], "questionnaires": [] });
    let bundle = hale_core::api::fhir_export(&record.to_string(), NOW).expect("export");
    let b: Value = serde_json::from_str(&bundle).expect("JSON");
    let obs = b["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "Observation")
        .expect("the reading");
    assert_eq!(obs["device"]["display"], "Watch");
    let back = hale_core::api::fhir_import(&bundle).expect("import");
    let v: Value = serde_json::from_str(&back).expect("JSON");
    assert_eq!(v["record"]["observations"][0]["source"], source(true), "{back}");
    assert!(flags(v["record"]["observations"].clone()).is_empty(), "still never judged after the round trip");
}

#[test]
fn a_continuous_sample_never_takes_a_spot_checks_place_in_a_news2_set() {
    // A full set of vital signs typed at 08:00 scoring NEWS2 5 (respiratory rate 21: 2, SpO₂ 95: 1,
    // systolic 105: 1, pulse 95: 1, temperature 37.0: 0, alert: 0) needs an urgent check.
    let set = |extra: Option<Value>| {
        let mut o = vec![
            json!({ "id": "rr", "kind": "respiratory_rate", "at": "2026-11-20T08:00:00Z", "per_min": 21 }),
            json!({ "id": "sp", "kind": "spo2", "at": "2026-11-20T08:00:00Z", "percent": 95, "on_oxygen": false }),
            json!({ "id": "bp", "kind": "blood_pressure", "at": "2026-11-20T08:00:00Z", "systolic_mmhg": 105, "diastolic_mmhg": 70 }),
            json!({ "id": "hr", "kind": "heart_rate", "at": "2026-11-20T08:00:00Z", "bpm": 95 }),
            json!({ "id": "tp", "kind": "temperature", "at": "2026-11-20T08:00:00Z", "celsius": 37.0 }),
            json!({ "id": "cs", "kind": "consciousness", "at": "2026-11-20T08:00:00Z", "acvpu": "A" }),
        ];
        o.extend(extra);
        flags(Value::Array(o))
    };
    let typed = set(None);
    assert!(typed.iter().any(|f| f.starts_with("news2")), "{typed:?}");
    // A watch's heart rate of 72 half an hour later (continuous) does not replace the typed pulse.
    let with_watch = set(Some(
        json!({ "id": "w", "kind": "heart_rate", "at": "2026-11-20T08:30:00Z", "bpm": 72, "source": source(true) }),
    ));
    assert_eq!(with_watch, typed);
}
