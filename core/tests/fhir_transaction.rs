//! The transaction Bundle Hale sends a care team (`hale fhir transaction`): every entry conditional
//! on a stable identifier scoped to the person, every reference resolving inside the Bundle, the
//! red flags of the last 90 days as Flags (active or inactive) with DetectedIssues pointing at
//! the readings that raised them, everything tagged patient-generated, and the Patient's name and
//! birth date only with consent.
#![cfg(feature = "extras")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use std::collections::HashSet;

use hale_core::api::fhir_transaction;
use hale_core::fhir::transaction::{stable_id, Consent, PROVENANCE};
use serde_json::{json, Value};

const NOW: &str = "2026-11-20T09:00:00Z";

/// A person with a severe reading this morning (bp.severe stands), an asthma attack that settled a
/// week ago (asthma.pef.severe then, inactive now), a questionnaire and a care plan.
fn record() -> Value {
    json!({
        "format": "hale.record/1",
        "profile": {
            "name": "Sam Patel", "birth_date": "1961-04-12", "sex": "male", "nhs_number": "9434765919",
            "conditions": ["hypertension", "asthma"], "medications": ["antihypertensive"],
            "peak_flow_best_l_min": 500, "oxygen_target": "94_98",
            "care_plan": { "medicines": [{ "name": "Amlodipine", "dose": "5 mg" }] }
        },
        "observations": [
            { "id": "o-pef-low", "kind": "peak_flow", "at": "2026-11-12T08:00:00Z", "l_min": 160 },
            { "id": "o-pef-ok", "kind": "peak_flow", "at": "2026-11-14T08:00:00Z", "l_min": 480 },
            { "id": "o-bp", "kind": "blood_pressure", "at": "2026-11-20T08:00:00Z", "systolic_mmhg": 186, "diastolic_mmhg": 112 }
        ],
        "symptoms": [{ "id": "s1", "code": "wheeze", "at": "2026-11-12T07:00:00Z", "resolved_at": "2026-11-13T07:00:00Z" }],
        "questionnaires": [{ "id": "q1", "instrument": "phq9", "at": "2026-11-18T10:00:00Z", "items": [1, 0, 1, 0, 0, 1, 0, 0, 0] }]
    })
}

fn options(patient: &str, consent: Consent) -> Value {
    json!({ "patient_id": patient, "base": "urn:hale:test", "with_name": consent.name, "with_birth_date": consent.birth_date, "with_nhs_number": consent.nhs_number })
}

fn bundle(record: &Value, patient: &str, consent: Consent) -> Value {
    let text =
        fhir_transaction(&record.to_string(), NOW, &options(patient, consent).to_string()).expect("a transaction");
    serde_json::from_str(&text).expect("JSON")
}

fn of_type<'a>(b: &'a Value, t: &str) -> Vec<&'a Value> {
    b["entry"].as_array().into_iter().flatten().filter(|e| e["resource"]["resourceType"] == t).collect()
}

#[test]
fn every_entry_is_written_to_its_stable_id_and_every_reference_resolves() {
    let b = bundle(&record(), "P-1", Consent::default());
    assert_eq!(b["type"], "transaction");
    let entries = b["entry"].as_array().expect("entries");
    let full_urls: HashSet<&str> = entries.iter().filter_map(|e| e["fullUrl"].as_str()).collect();
    assert_eq!(full_urls.len(), entries.len(), "full URLs are unique");
    let targets: HashSet<String> = entries
        .iter()
        .filter_map(|e| Some(format!("{}/{}", e["resource"]["resourceType"].as_str()?, e["resource"]["id"].as_str()?)))
        .collect();
    let mut identifiers = HashSet::new();
    for e in entries {
        let r = &e["resource"];
        let id = &r["identifier"][0];
        let (system, value) = (id["system"].as_str().expect("system"), id["value"].as_str().expect("value"));
        assert!(identifiers.insert(format!("{system}|{value}")), "identifier {system}|{value} used twice");
        let request = &e["request"];
        let rtype = r["resourceType"].as_str().expect("type");
        match request["method"].as_str() {
            Some("PUT") => {
                assert_eq!(
                    r["id"].as_str(),
                    Some(stable_id(system, value).as_str()),
                    "the id follows from the identifier"
                );
                assert_eq!(request["url"].as_str().expect("url"), format!("{rtype}/{}", stable_id(system, value)));
            }
            Some("POST") => {
                assert_eq!(rtype, "Patient");
                assert_eq!(
                    request["ifNoneExist"].as_str().expect("ifNoneExist"),
                    format!("identifier={system}|{value}")
                );
            }
            other => panic!("unexpected method {other:?}"),
        }
        assert_eq!(r["meta"]["tag"][0]["system"], PROVENANCE);
        assert_eq!(r["meta"]["tag"][0]["code"], "patient-generated");
        // Every reference points at an entry of this Bundle (by full URL or by Type/id).
        let text = r.to_string();
        for part in text.split("\"reference\":\"").skip(1) {
            let target = part.split('"').next().unwrap_or_default();
            assert!(
                full_urls.contains(target) || targets.contains(target),
                "{rtype} refers to {target}, which is not in the Bundle"
            );
        }
        if rtype != "Patient" {
            assert!(value.starts_with("P-1/"), "{value}");
        }
    }
}

#[test]
fn red_flags_are_flags_active_while_they_stand_with_what_raised_them() {
    let b = bundle(&record(), "P-1", Consent::default());
    let flags = of_type(&b, "Flag");
    let status = |rule: &str| -> Vec<String> {
        flags
            .iter()
            .filter(|f| f["resource"]["code"]["coding"][0]["code"] == rule)
            .map(|f| f["resource"]["status"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(status("bp.severe"), vec!["active"]);
    let settled: Vec<&&Value> = flags.iter().filter(|f| f["resource"]["status"] == "inactive").collect();
    assert!(!settled.is_empty(), "the settled asthma flag is sent as inactive");
    assert!(settled.iter().all(|f| f["resource"]["period"]["end"].is_string()));
    // Its DetectedIssue points at the reading that raised it.
    let bp_url = of_type(&b, "Observation")
        .into_iter()
        .find(|e| e["resource"]["identifier"][0]["value"] == "P-1/o-bp")
        .and_then(|e| e["resource"]["id"].as_str())
        .map(|id| format!("Observation/{id}"))
        .expect("the reading");
    let issue = of_type(&b, "DetectedIssue")
        .into_iter()
        .find(|e| e["resource"]["code"]["coding"][0]["code"] == "bp.severe")
        .expect("a DetectedIssue for bp.severe");
    assert_eq!(issue["resource"]["evidence"][0]["detail"][0]["reference"], bp_url);
    assert_eq!(issue["resource"]["severity"], "high");
    // Level, service and primary source travel with the Flag.
    let flag = flags.iter().find(|f| f["resource"]["code"]["coding"][0]["code"] == "bp.severe").expect("flag");
    let exts: Vec<&str> =
        flag["resource"]["extension"].as_array().expect("ext").iter().filter_map(|x| x["url"].as_str()).collect();
    assert_eq!(exts, ["urn:hale:extension:level", "urn:hale:extension:service", "urn:hale:extension:source"]);
}

#[test]
fn readings_keep_their_codes_and_the_plan_and_personal_values_go_too() {
    let b = bundle(&record(), "P-1", Consent::default());
    let bp = of_type(&b, "Observation")
        .into_iter()
        .find(|e| e["resource"]["identifier"][0]["value"] == "P-1/o-bp")
        .expect("the reading");
    assert_eq!(bp["resource"]["code"]["coding"][0]["code"], "85354-9");
    assert_eq!(bp["resource"]["component"][0]["valueQuantity"]["code"], "mm[Hg]");
    assert_eq!(bp["resource"]["performer"][0]["reference"], bp["resource"]["subject"]["reference"]);
    let personal: Vec<&Value> = of_type(&b, "Observation")
        .into_iter()
        .filter(|e| e["resource"]["identifier"][0]["system"] == "urn:hale:test:personal-value")
        .collect();
    assert_eq!(personal.len(), 2, "peak-flow best and oxygen target");
    assert_eq!(of_type(&b, "QuestionnaireResponse").len(), 1);
    assert_eq!(of_type(&b, "CarePlan").len(), 1);
    assert_eq!(of_type(&b, "MedicationStatement").len(), 2);
}

#[test]
fn who_the_person_is_goes_only_as_far_as_they_agreed() {
    let none = bundle(&record(), "P-1", Consent::default());
    let p = &of_type(&none, "Patient")[0]["resource"];
    assert!(p.get("name").is_none() && p.get("birthDate").is_none() && p.get("gender").is_none());
    assert_eq!(p["identifier"].as_array().map(Vec::len), Some(1), "the enrolment's identifier only");
    let all = bundle(&record(), "P-1", Consent { name: true, birth_date: true, nhs_number: true });
    let p = &of_type(&all, "Patient")[0]["resource"];
    assert_eq!(p["name"][0]["text"], "Sam Patel");
    assert_eq!(p["birthDate"], "1961-04-12");
    assert_eq!(p["identifier"][1], json!({ "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919" }));
    let name_only = bundle(&record(), "P-1", Consent { name: true, birth_date: false, nhs_number: false });
    assert!(of_type(&name_only, "Patient")[0]["resource"].get("birthDate").is_none());
}

#[test]
fn the_same_record_gives_the_same_bundle_and_two_people_share_no_identifier() {
    assert_eq!(bundle(&record(), "P-1", Consent::default()), bundle(&record(), "P-1", Consent::default()));
    let ids = |b: &Value| -> HashSet<String> {
        b["entry"].as_array().into_iter().flatten().map(|e| e["resource"]["identifier"][0].to_string()).collect()
    };
    assert!(ids(&bundle(&record(), "P-1", Consent::default())).is_disjoint(&ids(&bundle(
        &record(),
        "P-2",
        Consent::default()
    ))));
}

#[test]
fn a_bad_patient_id_is_refused_with_a_reason() {
    for bad in ["", "a|b", &"x".repeat(65)] {
        let err =
            fhir_transaction(&record().to_string(), NOW, &options(bad, Consent::default()).to_string()).expect_err(bad);
        assert!(err.contains("patient_id"), "{err}");
    }
}

#[test]
fn with_the_patient_known_on_the_server_there_is_no_patient_entry_and_everything_refers_to_it() {
    let o = json!({ "patient_id": "P-1", "server_patient": "abc-123", "base": "urn:hale:test" });
    let text = fhir_transaction(&record().to_string(), NOW, &o.to_string()).expect("a transaction");
    let b: Value = serde_json::from_str(&text).expect("JSON");
    assert!(of_type(&b, "Patient").is_empty());
    let bp = of_type(&b, "Observation")
        .into_iter()
        .find(|e| e["resource"]["identifier"][0]["value"] == "P-1/o-bp")
        .expect("the reading");
    assert_eq!(bp["resource"]["subject"]["reference"], "Patient/abc-123");
    let o = json!({ "patient_id": "P-1", "server_patient": "a/b", "base": "urn:hale:test" });
    assert!(fhir_transaction(&record().to_string(), NOW, &o.to_string()).is_err());
}

#[test]
fn a_flag_sent_before_that_the_record_no_longer_raises_is_sent_as_inactive() {
    let first = bundle(&record(), "P-1", Consent::default());
    let keys = hale_core::fhir::transaction::flag_keys(&first, "P-1");
    assert!(keys.iter().any(|k| k.starts_with("bp.severe@")), "{keys:?}");
    // The severe reading is edited to a normal one.
    let mut edited = record();
    edited["observations"][2]["systolic_mmhg"] = json!(128);
    edited["observations"][2]["diastolic_mmhg"] = json!(82);
    let mut o = options("P-1", Consent::default());
    o["earlier_flags"] = json!(keys);
    let text = fhir_transaction(&edited.to_string(), NOW, &o.to_string()).expect("a transaction");
    let b: Value = serde_json::from_str(&text).expect("JSON");
    let bp = of_type(&b, "Flag")
        .into_iter()
        .find(|f| f["resource"]["code"]["coding"][0]["code"] == "bp.severe")
        .expect("the flag is sent again");
    assert_eq!(bp["resource"]["status"], "inactive");
    assert_eq!(bp["resource"]["period"]["end"], NOW);
    // Same identifier, same id: the server's Flag is updated, not duplicated.
    let before = of_type(&first, "Flag")
        .into_iter()
        .find(|f| f["resource"]["code"]["coding"][0]["code"] == "bp.severe")
        .expect("flag");
    assert_eq!(bp["resource"]["id"], before["resource"]["id"]);
}
