//! The care plan (issue 12): what matters, advance care plan, medicines by name and dose,
//! allergies or "no known allergies", contacts with their role. Read and written in the Record
//! format (earlier free-text roles become the relationship), carried by a share link (summary
//! format 2, while format-1 links made before still open), and by the FHIR export and import.
#![cfg(feature = "extras")]

use hale_core::api::{fhir_export, fhir_import, normalize_json, summary_open, summary_seal};
use serde_json::{json, Value};

const NOW: &str = "2026-11-21T12:00:00Z";

fn alice() -> Value {
    json!({"format": "hale.record/1",
        "profile": {"name": "Alice Barton", "birth_date": "1930-05-01", "sex": "female",
            "conditions": ["hypertension", "atrial_fibrillation"], "medications": ["antihypertensive", "anticoagulant"],
            "care_plan": {
                "what_matters": "Staying in my own home with my cat.",
                "advance_care_plan": "DNACPR form is in the red folder on the kitchen table.",
                "medicines": [
                    {"name": "Apixaban", "dose": "2.5 mg twice a day", "class": "anticoagulant"},
                    {"name": "Amlodipine", "dose": "5 mg in the morning", "class": "antihypertensive"},
                    {"name": "Paracetamol", "dose": "1 g up to four times a day when needed"}
                ],
                "allergies": [{"substance": "Penicillin", "reaction": "Rash"}],
                "contacts": [
                    {"name": "Tom Barton", "relationship": "Son", "phone": "07700 900123", "role": "next_of_kin"},
                    {"name": "Riverside Surgery", "phone": "01632 960000", "role": "gp_practice"}
                ]}},
        "observations": [{"id": "b1", "at": "2026-11-20T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 142, "diastolic_mmhg": 80}]})
}

fn parsed(v: &str) -> Value {
    serde_json::from_str(v).unwrap_or_default()
}

fn random() -> Vec<u8> {
    (0u8..44).map(|i| i.wrapping_mul(97).wrapping_add(13)).collect()
}

#[test]
fn the_care_plan_is_read_and_written_whole() {
    let out = parsed(&normalize_json(&alice().to_string()).unwrap_or_default());
    assert_eq!(out["issues"], json!([]), "{out}");
    assert_eq!(out["record"]["profile"]["care_plan"], alice()["profile"]["care_plan"]);
}

#[test]
fn bad_care_plan_entries_are_reported_and_the_rest_kept() {
    let mut r = alice();
    r["profile"]["care_plan"]["medicines"] =
        json!([{"dose": "5 mg"}, {"name": "Aspirin", "class": "blood_thinner"}, 3]);
    r["profile"]["care_plan"]["no_known_allergies"] = json!(true);
    r["profile"]["care_plan"]["contacts"] = json!([{"name": "Tom", "role": "son"}, {"name": "  "}]);
    let out = parsed(&normalize_json(&r.to_string()).unwrap_or_default());
    let paths: Vec<&str> = out["issues"].as_array().into_iter().flatten().filter_map(|i| i["field"].as_str()).collect();
    for p in [
        "profile.care_plan.medicines[0].name",
        "profile.care_plan.medicines[1].class",
        "profile.care_plan.medicines[2]",
        "profile.care_plan.no_known_allergies",
        "profile.care_plan.contacts[1].name",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
    let cp = &out["record"]["profile"]["care_plan"];
    assert_eq!(cp["medicines"], json!([{"name": "Aspirin"}]));
    assert_eq!(cp["allergies"], json!([{"substance": "Penicillin", "reaction": "Rash"}]), "allergies listed win");
    assert_eq!(cp.get("no_known_allergies"), None);
    // A role written as free text before roles were a list is the relationship.
    assert_eq!(cp["contacts"], json!([{"name": "Tom", "relationship": "son", "role": "other"}]));
}

#[test]
fn a_share_link_carries_the_care_plan_only_when_chosen() {
    let open = |opts: Value| {
        let out = parsed(&summary_seal(&alice().to_string(), &opts.to_string(), &random()).unwrap_or_default());
        let token = out["token"].as_str().unwrap_or_default().to_string();
        parsed(&summary_open(&token, NOW).unwrap_or_else(|e| panic!("{e}")))
    };
    let v = open(json!({"now": NOW, "to": "2026-11-21"}));
    assert_eq!(v["record"]["profile"]["care_plan"], alice()["profile"]["care_plan"]);
    let v = open(json!({"now": NOW, "to": "2026-11-21", "care_plan": false}));
    assert_eq!(v["record"]["profile"].get("care_plan"), None);
}

#[test]
fn a_link_made_before_the_care_plan_still_opens() {
    // Sealed by the build before summary format 2 (identity shared, 365 days, one reading).
    let token = include_str!("fixtures/summary-format1.token").trim();
    let v = parsed(&summary_open(token, NOW).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(v["record"]["profile"]["name"], json!("Alice Barton"));
    assert_eq!(v["record"]["observations"][0]["systolic_mmhg"], json!(142));
    assert_eq!(v["record"]["profile"].get("care_plan"), None);
}

#[test]
fn the_health_score_is_shared_by_default_only_when_complete() {
    let open = |opts: Value| {
        let out = parsed(&summary_seal(&alice().to_string(), &opts.to_string(), &random()).unwrap_or_default());
        out["view"]["score"].clone()
    };
    // Alice's score lacks most of its parts: not shared unless asked for.
    assert_eq!(open(json!({"now": NOW})), Value::Null);
    assert!(open(json!({"now": NOW, "score": true})).is_object());
}

#[test]
fn the_fhir_export_carries_the_care_plan_and_the_import_reads_it_back() {
    let bundle = parsed(&fhir_export(&alice().to_string(), NOW).unwrap_or_default());
    let resources: Vec<&Value> = bundle["entry"].as_array().into_iter().flatten().map(|e| &e["resource"]).collect();
    let allergy = resources.iter().find(|r| r["resourceType"] == "AllergyIntolerance").copied().unwrap_or(&Value::Null);
    assert_eq!(allergy["code"]["text"], json!("Penicillin"));
    assert_eq!(allergy["reaction"][0]["manifestation"][0]["text"], json!("Rash"));
    let named: Vec<&Value> = resources
        .iter()
        .filter(|r| r["resourceType"] == "MedicationStatement" && r["dosage"].is_array())
        .copied()
        .collect();
    assert_eq!(named.len(), 3);
    assert_eq!(named[0]["medicationCodeableConcept"]["text"], json!("Apixaban"));
    assert_eq!(named[0]["dosage"][0]["text"], json!("2.5 mg twice a day"));
    let patient = resources.iter().find(|r| r["resourceType"] == "Patient").copied().unwrap_or(&Value::Null);
    assert!(patient["contact"][0]["relationship"].to_string().contains("v2-0131"), "next of kin coded");
    let back = parsed(&fhir_import(&bundle.to_string()).unwrap_or_default());
    assert_eq!(back["record"]["profile"]["care_plan"], alice()["profile"]["care_plan"], "{}", back["issues"]);
    assert_eq!(back["record"]["profile"]["medications"], alice()["profile"]["medications"]);

    // No known allergies travels as SNOMED CT 716186003.
    let mut nka = alice();
    nka["profile"]["care_plan"]["allergies"] = json!([]);
    nka["profile"]["care_plan"]["no_known_allergies"] = json!(true);
    let bundle = fhir_export(&nka.to_string(), NOW).unwrap_or_default();
    assert!(bundle.contains("716186003"));
    let back = parsed(&fhir_import(&bundle).unwrap_or_default());
    assert_eq!(back["record"]["profile"]["care_plan"]["no_known_allergies"], json!(true));
}

#[test]
fn a_glucose_target_from_the_care_team_is_read_written_and_checked() {
    let rec = |t: Value| json!({"format": "hale.record/1", "profile": {"conditions": ["type2_diabetes"], "glucose_target_mmol_l": t}});
    let out = parsed(&normalize_json(&rec(json!({"low": 4, "high": 8.5})).to_string()).unwrap_or_default());
    assert_eq!(out["issues"], json!([]));
    assert_eq!(out["record"]["profile"]["glucose_target_mmol_l"], json!({"low": 4.0, "high": 8.5}));
    for bad in [
        json!({"low": 8, "high": 4}),
        json!({"low": 1, "high": 8}),
        json!({"low": 4}),
        json!("4-8"),
        json!({"low": 4, "high": 21}),
    ] {
        let out = parsed(&normalize_json(&rec(bad.clone()).to_string()).unwrap_or_default());
        assert_eq!(out["issues"][0]["field"], json!("profile.glucose_target_mmol_l"), "{bad}");
        assert_eq!(out["record"]["profile"].get("glucose_target_mmol_l"), None, "{bad} is not used");
    }
}

#[test]
fn the_glucose_target_travels_in_fhir() {
    let r = json!({"format": "hale.record/1", "profile": {"conditions": ["type2_diabetes"], "glucose_target_mmol_l": {"low": 4, "high": 8.5}}});
    let bundle = fhir_export(&r.to_string(), NOW).unwrap_or_default();
    assert!(bundle.contains("glucose_target"));
    let back = parsed(&fhir_import(&bundle).unwrap_or_default());
    assert_eq!(
        back["record"]["profile"]["glucose_target_mmol_l"],
        json!({"low": 4.0, "high": 8.5}),
        "{}",
        back["issues"]
    );
}

#[test]
fn the_light_reader_names_what_it_does_not_know() {
    use hale_core::write::read_back::{profile, unknown_in_profile};
    let stored = json!({"conditions": ["asthma", "long_covid"], "medications": ["insulin", "glp1_agonist"]});
    assert_eq!(unknown_in_profile(&stored), vec!["long_covid".to_string(), "glp1_agonist".to_string()]);
    let p = profile(&stored);
    assert_eq!(p.conditions.len(), 1);
    assert_eq!(p.medications.len(), 1);
}

#[test]
fn a_share_link_carries_the_targets_the_care_team_set() {
    let mut r = alice();
    r["profile"]["oxygen_target"] = json!("88_92");
    r["profile"]["conditions"] = json!(["copd", "type2_diabetes"]);
    r["profile"]["glucose_target_mmol_l"] = json!({"low": 4, "high": 8.5});
    let out = parsed(&summary_seal(&r.to_string(), &json!({"now": NOW}).to_string(), &random()).unwrap_or_default());
    let token = out["token"].as_str().unwrap_or_default().to_string();
    let v = parsed(&summary_open(&token, NOW).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(v["record"]["profile"]["oxygen_target"], json!("88_92"));
    assert_eq!(v["record"]["profile"]["glucose_target_mmol_l"], json!({"low": 4.0, "high": 8.5}));
}
