//! FHIR R4 round trip: export a record as a document Bundle, read the Bundle back, and the
//! assessment is identical — for every persona scenario and for generated records. Also: a Bundle
//! from elsewhere (LOINC and SNOMED only, other units, other resources) is read as far as it can be,
//! with issues for what was left out.
#![cfg(feature = "extras")]

use hale_core::api::{assess_json, fhir_export, fhir_import};
use serde_json::Value;

fn scenarios() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for fixture in [include_str!("fixtures/sarah.json"), include_str!("fixtures/alice.json")] {
        let f: Value = serde_json::from_str(fixture).unwrap_or(Value::Null);
        for s in f["scenarios"].as_array().into_iter().flatten() {
            let mut record = f["record"].clone();
            if let Some(add) = s["add"].as_object() {
                for (list, entries) in add {
                    if let (Some(target), Some(more)) = (record[list.as_str()].as_array_mut(), entries.as_array()) {
                        target.extend(more.iter().cloned());
                    }
                }
            }
            out.push((
                s["name"].as_str().unwrap_or_default().to_string(),
                record.to_string(),
                s["now"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    out
}

#[test]
fn export_then_import_gives_the_identical_assessment_for_every_persona() {
    let all = scenarios();
    assert!(all.len() >= 10);
    for (name, record, now) in all {
        let direct = assess_json(&record, &now).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bundle = fhir_export(&record, &now).unwrap_or_else(|e| panic!("{name}: {e}"));
        let via_fhir = assess_json(&bundle, &now).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(via_fhir, direct, "{name}");
        // And through the imported Record document itself.
        let imported: Value = serde_json::from_str(&fhir_import(&bundle).unwrap_or_default()).unwrap_or(Value::Null);
        assert_eq!(imported["issues"], Value::Array(vec![]), "{name}");
        let again = assess_json(&imported["record"].to_string(), &now).unwrap_or_default();
        assert_eq!(again, direct, "{name}");
    }
}

#[test]
fn a_bundle_from_another_system_is_read_as_far_as_it_can_be() {
    let bundle = serde_json::json!({
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1950-06-01"}},
            {"resource": {"resourceType": "Condition", "id": "c1", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "195967001"}], "text": "Asthma"}}},
            {"resource": {"resourceType": "Condition", "id": "c2", "code": {"text": "Bunion"}}},
            {"resource": {"resourceType": "Observation", "id": "bp", "status": "final", "effectiveDateTime": "2026-11-21T08:00:00Z",
                "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
                "component": [
                    {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": 186, "code": "mm[Hg]"}},
                    {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]}, "valueQuantity": {"value": 104, "code": "mm[Hg]"}}
                ]}},
            {"resource": {"resourceType": "Observation", "id": "w", "status": "final", "effectiveDateTime": "2026-11-20T08:00:00Z",
                "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]}, "valueQuantity": {"value": 160, "code": "[lb_av]"}}},
            {"resource": {"resourceType": "Immunization", "id": "i"}}
        ]
    })
    .to_string();
    let out: Value = serde_json::from_str(&fhir_import(&bundle).unwrap_or_default()).unwrap_or(Value::Null);
    let r = &out["record"];
    assert_eq!(r["profile"]["sex"], "female");
    assert_eq!(r["profile"]["conditions"], serde_json::json!(["asthma"]));
    assert_eq!(r["observations"].as_array().map(Vec::len), Some(1), "the weight in pounds is left out: {r}");
    assert_eq!(r["observations"][0]["systolic_mmhg"], 186.0);
    let messages: Vec<&str> =
        out["issues"].as_array().into_iter().flatten().filter_map(|i| i["message"].as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("Bunion")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("[lb_av]")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("Immunization")), "{messages:?}");
    let a: Value =
        serde_json::from_str(&assess_json(&bundle, "2026-11-21T09:00:00Z").unwrap_or_default()).unwrap_or(Value::Null);
    assert!(a["red_flags"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|f| f["id"].as_str().is_some_and(|id| id.starts_with("bp."))));
}

#[test]
fn other_fhir_resources_are_refused_clearly() {
    let e = assess_json(r#"{"resourceType": "Patient", "id": "x"}"#, "2026-11-21T09:00:00Z").err().unwrap_or_default();
    assert!(e.contains("not a Bundle"), "{e}");
    assert!(fhir_import("not json").is_err());
}
