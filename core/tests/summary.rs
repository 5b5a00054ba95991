//! Share summaries end to end through the API: link sizes for 30 and 90 days of daily readings
//! (printed, and the 30-day link must fit a QR code), expiry, tampering, other versions, and FHIR
//! files opened as summaries with the same numbers as the person saw.
#![cfg(feature = "extras")]

use hale_core::api::{
    assess_json, fhir_export, qr_svg, summary_from_file, summary_open, summary_preview, summary_seal,
};
use serde_json::{json, Value};

const NOW: &str = "2026-11-21T12:00:00Z";
const ORIGIN: &str = "https://hale.example.org";

/// A person managing blood pressure and diabetes who takes a blood pressure, pulse and glucose
/// reading every morning and weighs themselves weekly, for `days` days.
fn daily_record(days: i64) -> String {
    let now = hale_core::time::parse_rfc3339(NOW).unwrap_or_default();
    let mut obs = Vec::new();
    // Readings vary as real ones do: a pseudo-random number generator (fixed seed) for the
    // minute they were taken and the values, so DEFLATE gets no unfairly regular data.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for d in 0..days {
        let at = now - chrono::TimeDelta::days(d) - chrono::TimeDelta::seconds(3 * 3600 + next(3 * 3600) as i64);
        let t = hale_core::time::fmt_instant(at);
        let wobble = next(15) as f64;
        obs.push(json!({"id": format!("bp{d}"), "at": t, "kind": "blood_pressure", "systolic_mmhg": 128.0 + wobble, "diastolic_mmhg": 79.0 + (wobble / 2.0).round()}));
        obs.push(json!({"id": format!("hr{d}"), "at": t, "kind": "heart_rate", "bpm": 58.0 + next(20) as f64}));
        obs.push(json!({"id": format!("g{d}"), "at": t, "kind": "glucose", "mmol_l": 5.2 + next(30) as f64 / 10.0, "context": "fasting"}));
        if d % 7 == 0 {
            obs.push(json!({"id": format!("w{d}"), "at": t, "kind": "weight", "kg": 82.4 - next(20) as f64 / 10.0}));
        }
    }
    json!({
        "format": "hale.record/1",
        "profile": {"name": "Sarah Jones", "birth_date": "1968-03-02", "sex": "female", "height_cm": 165,
                    "conditions": ["hypertension", "type2_diabetes"], "medications": ["antihypertensive", "metformin"],
                    "smoking": {"status": "never"}},
        "observations": obs,
    })
    .to_string()
}

fn random() -> Vec<u8> {
    (0u8..44).map(|i| i.wrapping_mul(97).wrapping_add(13)).collect()
}

fn seal(record: &str, options: Value) -> (String, Value) {
    let out = summary_seal(record, &options.to_string(), &random()).unwrap_or_else(|e| panic!("{e}"));
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    (v["token"].as_str().unwrap_or_default().to_string(), v["view"].clone())
}

fn link(token: &str) -> String {
    format!("{ORIGIN}/#/review/{token}")
}

#[test]
fn link_sizes_for_30_and_90_days_of_daily_readings() {
    let mut sizes = Vec::new();
    for days in [30i64, 90] {
        let record = daily_record(days);
        let from = (chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
            - chrono::TimeDelta::days(days - 1))
        .to_string();
        let options = json!({"now": NOW, "from": from, "notes": false, "identity": true});
        let preview: Value = serde_json::from_str(&summary_preview(&record, &options.to_string()).unwrap_or_default())
            .unwrap_or_default();
        let (token, view) = seal(&record, options);
        let readings = view["record"]["observations"].as_array().map_or(0, Vec::len);
        assert!(readings >= 3 * days as usize, "{days} days: {readings} readings");
        let url = link(&token);
        let qr = qr_svg(&url).is_ok();
        eprintln!(
            "{days}-day summary: {readings} readings, {} bytes encoded, link {} characters, QR code: {}",
            preview["bytes"],
            url.len(),
            if qr { "yes" } else { "no (too long)" }
        );
        sizes.push((days, url.len(), qr));
    }
    // The 30-day link must fit a QR code a phone can read (version 25, low error correction).
    assert!(sizes[0].2, "the 30-day link does not fit a QR code: {} characters", sizes[0].1);
    assert!(sizes[0].1 < sizes[1].1);
}

#[test]
fn the_review_shows_the_numbers_the_person_saw() {
    let record = daily_record(40);
    let a: Value = serde_json::from_str(&assess_json(&record, NOW).unwrap_or_default()).unwrap_or_default();
    // The score is incomplete here, so it is shared only when chosen.
    let (token, _) = seal(&record, json!({"now": NOW, "score": true}));
    let v: Value =
        serde_json::from_str(&summary_open(&token, "2026-11-25T09:00:00Z").unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_default();
    assert_eq!(v["created"], NOW);
    assert_eq!(v["expires"], "2026-12-21T12:00:00Z");
    assert_eq!(v["expired"], false);
    assert_eq!(v["age_days"], 3);
    assert_eq!(v["from"], "2026-10-23");
    assert_eq!(v["to"], "2026-11-21");
    assert_eq!(v["age_years"], 58);
    assert!(v["record"]["profile"].get("name").is_none(), "name shared without being chosen");
    assert!(v["record"]["profile"].get("birth_date").is_none());
    for k in
        ["diet", "physical_activity", "nicotine", "sleep", "bmi", "blood_lipids", "blood_glucose", "blood_pressure"]
    {
        let shared = v["score"]["components"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["id"] == k)
            .map(|c| c["points"].clone());
        assert_eq!(shared, Some(a["score"]["components"][k].clone()), "{k}");
    }
    assert_eq!(v["plan"].as_array().map(Vec::len), a["plan"].as_array().map(Vec::len));
    assert_eq!(v["plan"][0]["due"], a["plan"][0]["due"]);
    // The newest 30 days only: readings from days 30..39 stay at home.
    assert_eq!(v["record"]["observations"].as_array().map(Vec::len), Some(30 * 3 + 5));
}

#[test]
fn expired_tampered_and_foreign_links_show_nothing_with_a_plain_reason() {
    let record = daily_record(7);
    let (token, _) = seal(&record, json!({"now": NOW, "expires_days": 7}));
    assert!(summary_open(&token, "2026-11-28T12:00:00Z").is_ok());
    let late = summary_open(&token, "2026-11-28T12:00:01Z").unwrap_err();
    assert!(late.contains("stopped opening on 28 Nov 2026"), "{late}");

    let mut chars: Vec<char> = token.chars().collect();
    let i = chars.len() / 3;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    let changed: String = chars.into_iter().collect();
    let e = summary_open(&changed, NOW).unwrap_err();
    assert!(e.contains("changed or damaged"), "{e}");

    let v2 = token.replacen("v1.", "v2.", 1);
    let e = summary_open(&v2, NOW).unwrap_err();
    assert!(e.contains("different version"), "{e}");

    let e = summary_open("v1.abc", NOW).unwrap_err();
    assert!(e.contains("not a complete Hale share link"), "{e}");

    // A sealed text that is not a summary (an older or foreign payload) is refused, not shown.
    let other = hale_core::share::seal(b"{\"hello\": 1}", &random()).unwrap_or_default();
    let e = summary_open(&other, NOW).unwrap_err();
    assert!(e.contains("not a Hale summary") || e.contains("different version"), "{e}");
}

#[test]
fn options_are_checked() {
    let record = daily_record(3);
    for (bad, words) in [
        (json!({"now": NOW, "from": "2026-11-22", "to": "2026-11-21"}), "on or before"),
        (json!({"now": NOW, "kinds": ["blood_pressure", "mood"]}), "not a kind of reading"),
        (json!({"now": NOW, "expires_days": 0}), "from 1 to 365"),
        (json!({"now": NOW, "notes": "yes"}), "true or false"),
        (json!({"from": "2026-11-01"}), "RFC 3339"),
    ] {
        let e = summary_preview(&record, &bad.to_string()).unwrap_err();
        assert!(e.contains(words), "{bad}: {e}");
    }
    let e = summary_seal(&record, &json!({"now": NOW}).to_string(), &[1, 2, 3]).unwrap_err();
    assert!(e.contains("44 random bytes"), "{e}");
}

#[test]
fn a_fhir_file_opens_as_a_summary_with_the_same_numbers() {
    let record = daily_record(20);
    let bundle = fhir_export(&record, NOW).unwrap_or_default();
    let from_file: Value =
        serde_json::from_str(&summary_from_file(&bundle, "2026-12-01T00:00:00Z").unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_default();
    let (token, _) = seal(&record, json!({"now": NOW, "from": "2026-11-02", "identity": true, "score": true}));
    let from_link: Value = serde_json::from_str(&summary_open(&token, NOW).unwrap_or_default()).unwrap_or_default();
    assert_eq!(from_file["created"], NOW);
    assert_eq!(from_file["expires"], Value::Null);
    assert_eq!(from_file["age_days"], 9);
    for k in ["score", "qrisk3", "flags", "plan", "questionnaires"] {
        assert_eq!(from_file[k], from_link[k], "{k}");
    }
    assert_eq!(from_file["record"]["observations"], from_link["record"]["observations"]);
    assert_eq!(from_file["record"]["profile"]["name"], "Sarah Jones");
    let shared = hale_core::api::summary_fhir(&record, &json!({"now": NOW}).to_string()).unwrap_or_default();
    assert!(!shared.contains("Sarah Jones"), "the name went into a file without being chosen");
    let from_shared: Value =
        serde_json::from_str(&summary_from_file(&shared, NOW).unwrap_or_default()).unwrap_or_default();
    assert_eq!(from_shared["score"], from_link["score"]);
    assert_eq!(from_shared["qrisk3"], from_link["qrisk3"]);
    let e = summary_from_file("{\"resourceType\": \"Patient\"}", NOW).unwrap_err();
    assert!(e.contains("Bundle"), "{e}");
}

#[test]
fn no_flags_from_no_entries_is_told_apart_from_no_flags() {
    // Readings only from 100 days ago: nothing in the 90-day flag window.
    let old = json!({
        "format": "hale.record/1",
        "observations": [{"id": "a", "at": "2026-08-13T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 190, "diastolic_mmhg": 95}],
    })
    .to_string();
    let (token, _) = seal(&old, json!({"now": NOW}));
    let v: Value = serde_json::from_str(&summary_open(&token, NOW).unwrap_or_default()).unwrap_or_default();
    assert_eq!(v["flags"], json!([]));
    assert_eq!(v["flag_window_entries"], 0);
    // Seven days of readings: 7 × 3 + 1 weekly weight entries in the window.
    let (token, _) = seal(&daily_record(7), json!({"now": NOW}));
    let v: Value = serde_json::from_str(&summary_open(&token, NOW).unwrap_or_default()).unwrap_or_default();
    assert_eq!(v["flag_window_entries"], 22);
}
