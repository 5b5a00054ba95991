//! The outbox (`fhir::outbox`, `api::fhir_outbox`): only what the server has not acknowledged is
//! waiting; urgent flags go first with the readings that raised them; a batch cut short is sent
//! again and nothing else; a deleted entry is sent once as entered-in-error; the moment of sending
//! is not a change; and the words the person reads.
#![cfg(feature = "extras")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_core::api::fhir_outbox;
use hale_core::fhir::outbox::{acknowledge, sent_state, status_words, SentState, Waiting, BATCH};
use serde_json::{json, Value};

const NOW: &str = "2026-11-20T09:00:00Z";

fn record(readings: usize) -> Value {
    let mut observations = vec![
        json!({ "id": "o-bp", "kind": "blood_pressure", "at": "2026-11-20T08:00:00Z", "systolic_mmhg": 186, "diastolic_mmhg": 112 }),
    ];
    for i in 0..readings {
        let at = format!("2026-10-{:02}T07:30:00Z", 1 + i % 28);
        observations.push(json!({ "id": format!("w{i}"), "kind": "weight", "at": at, "kg": 80.0 + (i % 5) as f64 }));
    }
    json!({
        "format": "hale.record/1",
        "profile": { "birth_date": "1961-04-12", "sex": "male", "conditions": ["hypertension"], "peak_flow_best_l_min": 500 },
        "observations": observations,
        "symptoms": [{ "id": "s1", "code": "wheeze", "at": "2026-11-12T07:00:00Z" }],
        "questionnaires": []
    })
}

fn options(server_patient: Option<&str>) -> Value {
    json!({ "patient_id": "P-1", "base": "urn:hale:test", "server_patient": server_patient })
}

fn outbox(record: &Value, now: &str, server_patient: Option<&str>, sent: &SentState) -> Value {
    let text = fhir_outbox(&record.to_string(), now, &options(server_patient).to_string(), &json!(sent).to_string())
        .expect("an outbox");
    serde_json::from_str(&text).expect("JSON")
}

fn batches(o: &Value) -> &Vec<Value> {
    o["batches"].as_array().expect("batches")
}

/// Acknowledges the first `n` batches, as the app does once the server stored each.
fn acknowledge_batches(o: &Value, n: usize, sent: &mut SentState) {
    for b in batches(o).iter().take(n) {
        let acks = b["acknowledge"]
            .as_object()
            .expect("acknowledgements")
            .iter()
            .map(|(k, v)| (k.clone(), (!v.is_null()).then(|| v.clone())))
            .collect();
        acknowledge(sent, &acks);
    }
}

/// One string of every entry in a batch: `f` picks it.
fn each(b: &Value, f: impl Fn(&Value) -> &Value) -> Vec<String> {
    b["bundle"]["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| f(e).as_str().unwrap_or_default().to_string())
        .collect()
}

fn urls(b: &Value) -> Vec<String> {
    each(b, |e| &e["request"]["url"])
}

fn types(b: &Value) -> Vec<String> {
    each(b, |e| &e["resource"]["resourceType"])
}

#[test]
fn everything_waits_at_first_in_batches_and_nothing_once_acknowledged() {
    let r = record(60);
    let mut sent = SentState::new();
    let o = outbox(&r, NOW, Some("srv-1"), &sent);
    let all: usize = batches(&o).iter().map(|b| urls(b).len()).sum();
    assert_eq!(o["waiting"]["resources"], all);
    assert_eq!(o["waiting"]["readings"], 61, "the 61 readings");
    assert_eq!(o["waiting"]["entries"], 62, "and the symptom");
    assert!(batches(&o).len() >= 3 && batches(&o).iter().all(|b| urls(b).len() <= BATCH));
    acknowledge_batches(&o, usize::MAX, &mut sent);
    let again = outbox(&r, NOW, Some("srv-1"), &sent);
    assert!(batches(&again).is_empty(), "nothing is sent twice: {again}");
    assert_eq!(again["waiting"]["resources"], 0);
    // An hour later nothing has changed: the moment of sending is not a change.
    let later = outbox(&r, "2026-11-20T10:00:00Z", Some("srv-1"), &sent);
    assert!(batches(&later).is_empty(), "{later}");
}

#[test]
fn an_urgent_flag_goes_first_after_the_reading_that_raised_it() {
    let o = outbox(&record(60), NOW, Some("srv-1"), &SentState::new());
    assert_eq!(o["waiting"]["urgent"], true);
    let first = &batches(&o)[0];
    let t = types(first);
    assert_eq!(&t[..3], ["Observation", "Flag", "DetectedIssue"], "{t:?}");
    let entries = first["bundle"]["entry"].as_array().expect("entries");
    assert_eq!(entries[1]["resource"]["code"]["coding"][0]["code"], "bp.severe");
    assert_eq!(entries[0]["resource"]["code"]["coding"][0]["code"], "85354-9", "the reading that raised it");
    assert_eq!(first["flags"], json!(["bp.severe@2026-11-20T08:00:00Z"]));
    assert_eq!(first["waiting"]["urgent"], true);
    assert!(batches(&o)[1..].iter().all(|b| b["waiting"]["urgent"] == false));
}

#[test]
fn a_batch_cut_short_leaves_exactly_the_rest_waiting() {
    let r = record(60);
    let mut sent = SentState::new();
    let o = outbox(&r, NOW, Some("srv-1"), &sent);
    acknowledge_batches(&o, 1, &mut sent);
    let rest = outbox(&r, NOW, Some("srv-1"), &sent);
    let expected: Vec<String> = batches(&o)[1..].iter().flat_map(urls).collect();
    let now: Vec<String> = batches(&rest).iter().flat_map(urls).collect();
    assert_eq!(now, expected);
}

#[test]
fn a_new_an_edited_and_a_deleted_reading_are_each_sent_once() {
    let mut r = record(3);
    let mut sent = SentState::new();
    acknowledge_batches(&outbox(&r, NOW, Some("srv-1"), &sent), usize::MAX, &mut sent);

    // A new reading: it alone of the person's entries is waiting.
    r["observations"].as_array_mut().expect("list").push(
        json!({ "id": "g1", "kind": "glucose", "at": "2026-11-20T08:30:00Z", "mmol_l": 6.1, "context": "fasting" }),
    );
    let o = outbox(&r, NOW, Some("srv-1"), &sent);
    assert_eq!((o["waiting"]["readings"].as_u64(), o["waiting"]["entries"].as_u64()), (Some(1), Some(1)));
    acknowledge_batches(&o, usize::MAX, &mut sent);

    // Edited: the same resource again.
    r["observations"][1]["kg"] = json!(79.5);
    let o = outbox(&r, NOW, Some("srv-1"), &sent);
    let edited: Vec<Value> = batches(&o)
        .iter()
        .flat_map(|b| b["bundle"]["entry"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["resource"]["resourceType"] == "Observation" && e["resource"]["valueQuantity"]["value"] == 79.5)
        .collect();
    assert_eq!(edited.len(), 1);
    assert_eq!(o["waiting"]["readings"], 1);
    acknowledge_batches(&o, usize::MAX, &mut sent);

    // Deleted: marked entered-in-error with its identifier and code, then forgotten.
    let gone = r["observations"].as_array_mut().expect("list").remove(1);
    assert_eq!(gone["id"], "w0");
    let o = outbox(&r, NOW, Some("srv-1"), &sent);
    assert_eq!(o["waiting"]["readings"], 1, "{o}");
    let tomb: Vec<Value> = batches(&o)
        .iter()
        .flat_map(|b| b["bundle"]["entry"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["resource"]["status"] == "entered-in-error")
        .collect();
    assert_eq!(tomb.len(), 1, "{o}");
    let t = &tomb[0]["resource"];
    assert_eq!(t["resourceType"], "Observation");
    assert_eq!(t["identifier"][0], json!({ "system": "urn:hale:test:observation", "value": "P-1/w0" }));
    assert_eq!(t["code"]["coding"][0]["code"], "29463-7", "body weight, as it was sent");
    assert_eq!(t["subject"]["reference"], "Patient/srv-1");
    assert_eq!(tomb[0]["request"]["url"], format!("Observation/{}", t["id"].as_str().expect("id")));
    acknowledge_batches(&o, usize::MAX, &mut sent);
    assert!(batches(&outbox(&r, NOW, Some("srv-1"), &sent)).is_empty(), "sent once");
}

#[test]
fn a_deleted_symptom_is_a_condition_entered_in_error_and_earlier_days_results_stay() {
    let mut r = record(0);
    let mut sent = SentState::new();
    acknowledge_batches(&outbox(&r, NOW, Some("srv-1"), &sent), usize::MAX, &mut sent);
    r["symptoms"] = json!([]);
    // The next day: the day's health score is new, yesterday's is not marked anything.
    let o = outbox(&r, "2026-11-21T09:00:00Z", Some("srv-1"), &sent);
    let entries: Vec<Value> =
        batches(&o).iter().flat_map(|b| b["bundle"]["entry"].as_array().cloned().unwrap_or_default()).collect();
    let removed: Vec<&Value> = entries.iter().filter(|e| e["resource"].get("verificationStatus").is_some()).collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["resource"]["verificationStatus"]["coding"][0]["code"], "entered-in-error");
    assert!(removed[0]["resource"].get("clinicalStatus").is_none(), "FHIR: no clinical status when entered in error");
    assert!(entries
        .iter()
        .all(|e| e["resource"]["resourceType"] == "Condition" || e["resource"]["status"] != "entered-in-error"));
    assert_eq!(o["waiting"]["entries"], 1);
    assert_eq!(o["waiting"]["readings"], 0);
}

#[test]
fn without_the_servers_patient_id_the_patient_leads_every_batch() {
    let o = outbox(&record(60), NOW, None, &SentState::new());
    for b in batches(&o) {
        let e = &b["bundle"]["entry"][0];
        assert_eq!(e["request"]["method"], "POST");
        assert_eq!(e["resource"]["resourceType"], "Patient");
        assert!(b["acknowledge"]["Patient?identifier"].is_array());
    }
}

#[test]
fn a_sent_state_that_is_not_an_object_is_empty() {
    assert!(sent_state(&json!([1, 2])).is_empty());
    assert!(sent_state(&json!({ "Observation/x": "not an acknowledgement" })).is_empty());
    assert!(fhir_outbox(&record(0).to_string(), NOW, &options(None).to_string(), "not json").is_err());
}

#[test]
fn the_person_reads_what_is_waiting_or_when_it_was_sent() {
    let none = Waiting::default();
    assert_eq!(
        status_words("Riverside Surgery", &none, None, None),
        "Nothing is waiting to send to Riverside Surgery. What you save from now on goes to them."
    );
    assert_eq!(
        status_words("Riverside Surgery", &none, Some("4 Dec 2026, 10:42"), None),
        "Sent to Riverside Surgery at 4 Dec 2026, 10:42."
    );
    let three = Waiting { entries: 3, readings: 3, resources: 7, urgent: false };
    assert_eq!(
        status_words("Riverside Surgery", &three, Some("4 Dec 2026, 10:42"), Some("You seem to be offline.")),
        "3 readings waiting to send to Riverside Surgery. Last sent at 4 Dec 2026, 10:42. You seem to be offline."
    );
    let one = Waiting { entries: 1, readings: 0, resources: 2, urgent: false };
    assert_eq!(status_words("X", &one, None, None), "1 entry waiting to send to X.");
    // A problem with nothing waiting is not news.
    assert_eq!(status_words("X", &none, Some("t"), Some("Offline.")), "Sent to X at t.");
}
