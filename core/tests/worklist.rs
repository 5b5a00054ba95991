//! The care team's worklist from the server (`worklist`): the searches that page it category by
//! category (and find everyone who belongs to a category now, whatever their summary said when it
//! was sent), what a row carries from the monitoring summary (conditions, key latest values with
//! their times, age), a review and its undoing, the search by name or NHS number, and the CSV.
#![cfg(feature = "extras")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use chrono::{DateTime, Utc};
use hale_core::monitoring::{Category, KEY_KINDS};
use hale_core::vocab::Condition;
use hale_core::worklist::{csv, patient_search, review_task, rows, searches, undo_review, Filter, PAGE_SIZE};
use serde_json::{json, Value};

fn now() -> DateTime<Utc> {
    hale_core::time::parse_rfc3339("2026-11-20T09:00:00Z").expect("time")
}

/// What a person's Hale sends at `now`, as a searchset the server would answer with (the
/// summary and the Patient, with a birth date and an NHS number).
fn searchset(record: &Value) -> Value {
    let options = json!({ "patient_id": "P-1", "base": "urn:hale:test", "server_patient": "srv-1" });
    let text = hale_core::api::fhir_transaction(&record.to_string(), "2026-11-20T09:00:00Z", &options.to_string())
        .expect("transaction");
    let bundle: Value = serde_json::from_str(&text).expect("JSON");
    let mut summary = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["resource"].clone())
        .find(|r| r["code"]["coding"][0]["code"] == "monitoring_summary")
        .expect("a summary");
    summary["id"] = json!("s-1");
    json!({ "resourceType": "Bundle", "type": "searchset", "entry": [
        { "resource": summary },
        { "resource": { "resourceType": "Patient", "id": "srv-1", "birthDate": "1960-03-01",
            "name": [{ "text": "=HYPERLINK(\"x\") Smith, \"Jo\"" }],
            "identifier": [{ "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919" }] } },
    ]})
}

fn record() -> Value {
    json!({
        "format": "hale.record/1",
        "profile": { "conditions": ["asthma", "hypertension"], "peak_flow_best_l_min": 500 },
        "observations": [
            { "id": "p1", "kind": "peak_flow", "at": "2026-11-20T07:00:00Z", "l_min": 225 },
            { "id": "b1", "kind": "blood_pressure", "at": "2026-11-19T07:00:00Z", "systolic_mmhg": 146, "diastolic_mmhg": 88 },
            { "id": "b2", "kind": "blood_pressure", "at": "2026-11-18T07:00:00Z", "systolic_mmhg": 120, "diastolic_mmhg": 70 },
            { "id": "later", "kind": "weight", "at": "2026-11-21T07:00:00Z", "kg": 80 }
        ],
        "symptoms": [],
        "questionnaires": [{ "id": "q1", "at": "2026-11-19T10:00:00Z", "instrument": "phq9", "items": [1, 1, 2, 0, 1, 1, 2, 1, 0] }]
    })
}

#[test]
fn a_row_carries_the_conditions_and_the_key_latest_values_with_their_times() {
    let (list, issues) = rows(&[searchset(&record())], now());
    assert!(issues.is_empty(), "{issues:?}");
    let r = &list[0];
    assert_eq!(r.category, Category::UrgentRecent, "peak flow at 45 % of best");
    assert_eq!(r.conditions, ["asthma", "hypertension"]);
    assert_eq!(r.age, Some(66));
    assert_eq!(r.nhs_number.as_deref(), Some("9434765919"));
    let latest: Vec<(&str, &str, String)> = r
        .latest
        .iter()
        .map(|l| (l.code.as_str(), l.text.as_str(), l.at.map(hale_core::time::fmt_instant).unwrap_or_default()))
        .collect();
    assert_eq!(
        latest,
        [
            ("blood_pressure", "146/88 mmHg", "2026-11-19T07:00:00Z".to_string()),
            ("peak_flow", "225 L/min (45% of best)", "2026-11-20T07:00:00Z".to_string()),
            ("phq9", "9 of 27", "2026-11-19T10:00:00Z".to_string()),
        ],
        "the latest of each key kind (nothing after now: the weight is tomorrow's)"
    );
    assert!(KEY_KINDS.contains(&hale_core::vocab::ObsKind::Weight));
    assert_eq!(r.last_data_at.map(hale_core::time::fmt_instant).as_deref(), Some("2026-11-20T07:00:00Z"));
}

#[test]
fn the_searches_find_everyone_who_belongs_to_a_category_now_and_page_the_rest() {
    let all = searches(now(), &Filter::default());
    let q: Vec<&str> = all.iter().map(|s| s.query.as_str()).collect();
    assert_eq!(q.len(), 5);
    assert!(q
        .iter()
        .all(|s| s.starts_with("Observation?code=urn:hale:result%7Cmonitoring_summary&_include=Observation:subject&")));
    // An urgent flag: summaries that said so, stored in the last 24 hours, fetched whole.
    assert!(
        q[0].contains("&value-concept=urn:hale:triage%7Curgent-24h&_lastUpdated=ge2026-11-19T09%3A00%3A00Z&"),
        "{}",
        q[0]
    );
    assert!(all[0].whole);
    // Any flag: stored in the last 7 days, the latest first.
    assert!(q[1].contains("&value-concept=urn:hale:triage%7Curgent-24h,urn:hale:triage%7Cflag-7d&_lastUpdated=ge2026-11-13T09%3A00%3A00Z&_sort=-_lastUpdated&"), "{}", q[1]);
    // No readings for 14 days, by the readings' own time, whatever the summary said; then none at all.
    assert!(q[2].ends_with(&format!("&date=lt2026-11-06T09%3A00%3A00Z&_sort=-date&_count={PAGE_SIZE}")), "{}", q[2]);
    assert!(q[3].ends_with(&format!("&date:missing=true&_count={PAGE_SIZE}")), "{}", q[3]);
    assert!(q[4].ends_with(&format!("&date=ge2026-11-06T09%3A00%3A00Z&_sort=-date&_count={PAGE_SIZE}")), "{}", q[4]);
    assert!(all[1..].iter().all(|s| !s.whole), "the rest come a page at a time");
    assert_eq!(all[4].categories, [Category::Settled]);

    let quiet = searches(now(), &Filter { category: Some(Category::Silent), ..Filter::default() });
    assert_eq!(quiet.len(), 4, "the flagged (who may be quiet now) and the two quiet searches");
    assert_eq!(quiet[0].categories, [Category::Silent]);
    let asthma = searches(now(), &Filter { condition: Some(Condition::Asthma), ..Filter::default() });
    assert!(asthma.iter().all(|s| s.query.contains("&component-code=urn:hale:condition%7Casthma")));
    let found = searches(now(), &Filter { patients: Some(vec!["a".into(), "b".into()]), ..Filter::default() });
    assert_eq!(found.len(), 1);
    assert!(found[0].whole && found[0].query.contains("&subject=Patient/a,Patient/b&"), "{}", found[0].query);
}

#[test]
fn a_summary_found_by_two_searches_is_one_person() {
    let page = searchset(&record());
    assert_eq!(rows(&[page.clone(), page], now()).0.len(), 1);
}

#[test]
fn the_team_searches_by_nhs_number_or_by_name() {
    assert_eq!(
        patient_search(" 943 476 5919 ").as_deref(),
        Some("Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765919&_count=50")
    );
    assert_eq!(patient_search("Jo O'Brien&x=1").as_deref(), Some("Patient?name=Jo%20O%27Brien%26x%3D1&_count=50"));
    assert_eq!(patient_search("   "), None);
}

#[test]
fn a_review_is_a_task_on_the_most_urgent_flag_and_undoing_it_marks_it_entered_in_error() {
    let (list, _) = rows(&[searchset(&record())], now());
    let t = review_task(&list[0], "J Patel", Some("Called; inhaler technique checked."), now());
    assert_eq!(t["status"], "completed");
    assert_eq!(t["for"]["reference"], "Patient/srv-1");
    assert!(t["focus"]["reference"].as_str().expect("focus").starts_with("Flag/"), "{t}");
    assert_eq!(t["owner"]["display"], "J Patel");
    let mut stored = t.clone();
    stored["id"] = json!("t-1");
    let reviewed = json!({ "resourceType": "Bundle", "entry": [{ "resource": stored }] });
    let (after, _) =
        rows(&[searchset(&record()), reviewed], hale_core::time::parse_rfc3339("2026-11-20T09:30:00Z").expect("t"));
    assert_eq!(after[0].category, Category::Settled);
    let undone = json!({ "resourceType": "Bundle", "entry": [{ "resource": undo_review(&stored) }] });
    let (back, _) = rows(&[searchset(&record()), undone], now());
    assert_eq!(back[0].category, Category::UrgentRecent, "an undone review no longer counts");
}

#[test]
fn the_csv_has_one_line_a_row_and_nothing_a_spreadsheet_would_run() {
    let (list, _) = rows(&[searchset(&record())], now());
    let text = csv(&list);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header, one row, the final line break");
    assert!(lines[0].starts_with("Category,Reason,Name,NHS number,Age,Conditions,Latest values,Last reading,"));
    assert!(lines[1].starts_with("Urgent flag in the last 24 hours,"), "{}", lines[1]);
    assert!(
        lines[1].contains(",\"'=HYPERLINK(\"\"x\"\") Smith, \"\"Jo\"\"\",9434765919,66,asthma; hypertension,"),
        "{}",
        lines[1]
    );
}

#[test]
fn the_team_tags_people_on_their_patient_and_lists_a_tag_in_searches_of_fifty() {
    use hale_core::worklist::{tag_search, tag_text, tags_of, with_tag, LISTED_LIMIT, TAG_MAX_CHARS};
    assert_eq!(tag_text("  Housebound   Visits ").as_deref(), Ok("housebound visits"));
    assert!(tag_text("   ").is_err());
    assert!(tag_text(&"x".repeat(TAG_MAX_CHARS + 1)).is_err());
    assert!(tag_text("a|b").is_err());
    let patient = json!({ "resourceType": "Patient", "id": "srv-1", "meta": { "tag": [{ "system": "urn:other", "code": "keep" }] } });
    let tagged = with_tag(&patient, "housebound", true);
    assert_eq!(tags_of(&tagged), ["housebound"]);
    assert_eq!(tags_of(&with_tag(&tagged, "housebound", true)), ["housebound"], "once");
    let untagged = with_tag(&tagged, "housebound", false);
    assert!(tags_of(&untagged).is_empty());
    assert_eq!(
        untagged["meta"]["tag"],
        json!([{ "system": "urn:other", "code": "keep" }]),
        "another system's tag is kept"
    );
    assert_eq!(
        tag_search("housebound visits"),
        "Patient?_tag=urn:hale:team-tag%7Chousebound%20visits&_elements=id&_count=100"
    );

    let mut page = searchset(&record());
    page["entry"][1]["resource"] = with_tag(&page["entry"][1]["resource"], "housebound", true);
    let (list, _) = rows(&[page], now());
    assert_eq!(list[0].tags, ["housebound"]);
    assert!(csv(&list).split("\r\n").nth(1).expect("a row").contains(",housebound,srv-1,P-1"));

    let many: Vec<String> = (0..LISTED_LIMIT + 20).map(|i| format!("p{i}")).collect();
    let found = searches(now(), &Filter { patients: Some(many), ..Filter::default() });
    assert_eq!(found.len(), LISTED_LIMIT / 50, "50 to a search, at most {LISTED_LIMIT} people");
    assert!(found.iter().all(|s| s.whole));
}
