//! The care team's triage categories (`monitoring`): the first category that matches, at each
//! window's boundary; a review takes a flag out until a new one stands; the order within a
//! category; and the monitoring summary Observation that carries the placement.
#![cfg(feature = "extras")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use chrono::{DateTime, TimeDelta, Utc};
use hale_core::monitoring::{
    facts, place, Category, Facts, FlagFact, CATEGORIES, FLAG_WINDOW_DAYS, SILENT_DAYS, URGENT_WINDOW_HOURS,
};
use hale_core::red_flags::Level;
use serde_json::json;

fn now() -> DateTime<Utc> {
    hale_core::time::parse_rfc3339("2026-11-20T09:00:00Z").expect("time")
}

fn flag(level: Level, ago: TimeDelta) -> FlagFact {
    FlagFact { rule: "test.rule", key: None, title: "Test flag", level, at: now() - ago }
}

fn with(flags: Vec<FlagFact>, reading_ago: Option<TimeDelta>) -> Facts {
    Facts { latest_reading: reading_ago.map(|d| now() - d), flags }
}

const SECOND: TimeDelta = TimeDelta::seconds(1);

#[test]
fn an_urgent_flag_counts_for_24_hours_then_as_any_other_flag() {
    let day = TimeDelta::hours(URGENT_WINDOW_HOURS);
    for level in [Level::Emergency, Level::Urgent] {
        let at_edge = place(&with(vec![flag(level, day)], Some(day)), now(), None);
        assert_eq!(at_edge.category, Category::UrgentRecent, "{level:?} at exactly 24 hours");
        let past = place(&with(vec![flag(level, day + SECOND)], Some(day)), now(), None);
        assert_eq!(past.category, Category::FlagRecent, "{level:?} just over 24 hours");
    }
    let soon = place(&with(vec![flag(Level::Soon, TimeDelta::hours(1))], Some(TimeDelta::hours(1))), now(), None);
    assert_eq!(soon.category, Category::FlagRecent, "a flag for the GP within days is never in the urgent category");
}

#[test]
fn any_flag_counts_for_7_days_then_the_readings_decide() {
    let week = TimeDelta::days(FLAG_WINDOW_DAYS);
    let at_edge = place(&with(vec![flag(Level::Routine, week)], Some(TimeDelta::days(1))), now(), None);
    assert_eq!(at_edge.category, Category::FlagRecent);
    let past = place(&with(vec![flag(Level::Routine, week + SECOND)], Some(TimeDelta::days(1))), now(), None);
    assert_eq!(past.category, Category::Settled);
}

#[test]
fn silence_is_14_days_without_a_reading_by_the_readings_own_times() {
    let quiet = TimeDelta::days(SILENT_DAYS);
    assert_eq!(place(&with(vec![], Some(quiet)), now(), None).category, Category::Settled, "exactly 14 days");
    let silent = place(&with(vec![], Some(quiet + SECOND)), now(), None);
    assert_eq!(silent.category, Category::Silent);
    assert_eq!(silent.reason, "No readings for 14 days");
    let never = place(&with(vec![], None), now(), None);
    assert_eq!((never.category, never.reason.as_str()), (Category::Silent, "No readings yet"));
}

#[test]
fn a_review_takes_a_flag_out_until_a_new_one_stands() {
    let f = with(vec![flag(Level::Urgent, TimeDelta::hours(3))], Some(TimeDelta::hours(3)));
    let reviewed = now() - TimeDelta::hours(1);
    assert_eq!(place(&f, now(), Some(reviewed)).category, Category::Settled);
    let again = with(
        vec![flag(Level::Urgent, TimeDelta::hours(3)), flag(Level::Soon, TimeDelta::minutes(30))],
        Some(TimeDelta::minutes(30)),
    );
    let back = place(&again, now(), Some(reviewed));
    assert_eq!(back.category, Category::FlagRecent, "the new flag brings the person back");
    assert_eq!(back.rank, 2, "at its own level (soon)");
}

#[test]
fn the_most_urgent_then_the_most_recent_flag_places_the_person() {
    let f = with(
        vec![
            flag(Level::Urgent, TimeDelta::hours(2)),
            flag(Level::Emergency, TimeDelta::hours(5)),
            flag(Level::Emergency, TimeDelta::hours(4)),
        ],
        Some(TimeDelta::hours(2)),
    );
    let p = place(&f, now(), None);
    assert_eq!((p.category, p.rank), (Category::UrgentRecent, 0));
    assert_eq!(p.at, Some(now() - TimeDelta::hours(4)));
    assert_eq!(p.reason, "Test flag (emergency flag)");
    // The categories are data, in the order a team looks at them, each with words.
    let order: Vec<Category> = CATEGORIES.iter().map(|d| d.category).collect();
    assert_eq!(order, [Category::UrgentRecent, Category::FlagRecent, Category::Silent, Category::Settled]);
    assert!(CATEGORIES.iter().all(|d| !d.title.is_empty() && !d.rule.is_empty() && !d.code.is_empty()));
}

#[test]
fn a_records_facts_and_the_summary_observation_it_sends() {
    let record = json!({
        "format": "hale.record/1",
        "profile": { "conditions": ["asthma"], "peak_flow_best_l_min": 500 },
        "observations": [
            { "id": "p1", "kind": "peak_flow", "at": "2026-11-20T07:00:00Z", "l_min": 160 },
            { "id": "w1", "kind": "weight", "at": "2026-11-25T07:00:00Z", "kg": 80 }
        ],
        "symptoms": [], "questionnaires": []
    });
    let parsed = hale_core::parse::parse_record_str(&record.to_string()).expect("a record");
    let f = facts(&parsed.record, now());
    assert_eq!(
        f.latest_reading,
        hale_core::time::parse_rfc3339("2026-11-20T07:00:00Z"),
        "a reading after now is not counted"
    );
    // 160 of 500 L/min (32 %): still standing at now.
    assert_eq!(f.flags.iter().map(|x| (x.rule, x.at)).collect::<Vec<_>>(), [("asthma.pef.life_threatening", now())]);

    let options = json!({ "patient_id": "P-1", "base": "urn:hale:test", "server_patient": "srv-1" });
    let text = hale_core::api::fhir_transaction(&record.to_string(), "2026-11-20T09:00:00Z", &options.to_string())
        .expect("transaction");
    let bundle: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let summaries: Vec<&serde_json::Value> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["code"]["coding"][0]["code"] == "monitoring_summary")
        .collect();
    assert_eq!(summaries.len(), 1, "one per person");
    let s = summaries[0];
    assert_eq!(
        s["valueCodeableConcept"]["coding"][0],
        json!({ "system": "urn:hale:triage", "code": "urgent-24h", "display": "Urgent flag in the last 24 hours" })
    );
    assert_eq!(s["identifier"][0]["value"], "P-1/current");
    assert_eq!(s["effectiveDateTime"], "2026-11-20T07:00:00Z", "searched by the latest reading's own time");
    let component = |code: &str| {
        s["component"].as_array().expect("components").iter().find(|c| c["code"]["coding"][0]["code"] == code).cloned()
    };
    assert_eq!(component("triage_rank").expect("rank")["valueInteger"], 0);
    assert_eq!(component("latest_reading_at").expect("latest reading")["valueDateTime"], "2026-11-20T07:00:00Z");
    assert!(component("triage_reason").expect("reason")["valueString"]
        .as_str()
        .is_some_and(|r| r.contains("emergency flag")));
}

#[test]
fn a_flag_this_version_does_not_know_is_never_read_as_nothing() {
    let summary = json!({
        "resourceType": "Observation", "id": "s1",
        "code": { "coding": [{ "system": "urn:hale:result", "code": "monitoring_summary" }] },
        "subject": { "reference": "Patient/p1" },
        "component": [
            { "code": { "coding": [{ "system": "urn:hale:result", "code": "latest_reading_at" }] }, "valueDateTime": "2026-11-20T08:00:00Z" },
            { "code": { "coding": [{ "system": "urn:hale:rule", "code": "future.rule" }] }, "valueDateTime": "2026-11-20T08:00:00Z" }
        ]
    });
    let bundle = json!({ "resourceType": "Bundle", "type": "searchset", "entry": [{ "resource": summary }] });
    let (rows, _) = hale_core::worklist::rows(&[bundle], now());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].category, Category::UrgentRecent, "{:?}", rows[0]);
    assert_eq!(rows[0].flags[0].level, "urgent");
}
