//! The `hale` command line: exit codes, stdin, options, help, rules (native only).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hale(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hale"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("hale runs");
    if let Some(text) = stdin {
        // A command refused on its arguments may exit before reading its input: a closed pipe
        // then is expected, and the exit code and stderr are what the test checks.
        if let Err(e) = child.stdin.take().expect("stdin").write_all(text.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write: {e}");
        }
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("output")
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

const RECORD: &str = r#"{"format": "hale.record/1", "observations": [
  {"id": "o1", "at": "2026-11-20T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 182, "diastolic_mmhg": 96},
  {"id": "o2", "at": "2026-11-20T08:01:00Z", "kind": "blood_pressure", "systolic_mmhg": 185.5, "diastolic_mmhg": 96}]}"#;

#[test]
fn assess_from_stdin_with_now() {
    let out = hale(&["assess", "--now", "2026-11-20T09:00:00Z", "-"], Some(RECORD));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let a = json(&out.stdout);
    assert_eq!(a["format"], "hale.assessment/1");
    assert_eq!(a["disposition"]["because"], serde_json::json!(["bp.severe"]));
    assert_eq!(a["issues"][0]["field"], "observations[1].systolic_mmhg");
}

#[test]
fn assess_a_file_and_now_defaults_to_the_clock() {
    let dir = std::env::temp_dir().join(format!("hale-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("r.json");
    std::fs::write(&file, RECORD).expect("write");
    let out = hale(&["assess", file.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(0));
    // Without --now the clock is today: readings from 2026-11-20 may be old, but it still assesses.
    assert_eq!(json(&out.stdout)["format"], "hale.assessment/1");
    let eq = hale(&["assess", "--now=2026-11-20T09:00:00Z", file.to_str().expect("path")], None);
    assert_eq!(json(&eq.stdout)["disposition"]["level"], "urgent");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn exit_2_with_issues_on_stderr() {
    let cases: [(&[&str], Option<&str>, &str); 8] = [
        (&["assess", "/nonexistent/record.json"], None, "file_not_readable"),
        (&["assess", "-"], Some("not json"), "not_json"),
        (&["assess", "-"], Some("{}"), "missing_required"),
        (&["assess", "-"], Some(r#"{"format": "hale.record/9"}"#), "unsupported_format"),
        (&["assess", "-"], Some(r#"{"resourceType": "Patient", "id": "p"}"#), "unsupported_format"),
        (&["assess", "--now", "tomorrow", "-"], Some(r#"{"format": "hale.record/1"}"#), "bad_argument"),
        (&["assess", "--bogus", "-"], Some("{}"), "bad_argument"),
        (&["assess"], None, "bad_argument"),
    ];
    for (args, stdin, code) in cases {
        let out = hale(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        let issues = json(&out.stderr);
        assert_eq!(issues[0]["code"], code, "{args:?}");
        assert!(issues[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[test]
fn rules_json_markdown_and_help() {
    let out = hale(&["rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let rules = json(&out.stdout);
    let list = rules.as_array().expect("array");
    assert!(list.len() >= 22);
    for r in list {
        for k in ["id", "level", "service", "condition", "source", "reference"] {
            assert!(r[k].is_string(), "{k} in {r}");
        }
    }
    assert!(list.iter().any(|r| r["id"] == "bp.severe" && r["unverified"] == true));
    assert!(list.iter().any(|r| r["id"] == "bp.home.high" && r["unverified"] == false), "NG136 1.4.22 is verified");
    let md = hale(&["rules", "--markdown"], None);
    assert!(String::from_utf8_lossy(&md.stdout).starts_with("# Hale red-flag rules"));
    for args in [&["--help"][..], &["assess", "--help"], &["rules", "--help"], &["help", "assess"]] {
        let h = hale(args, None);
        assert_eq!(h.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&h.stdout).contains("hale"), "{args:?}");
    }
    assert_eq!(hale(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn fhir_transaction_prints_the_conditional_bundle_and_refuses_without_a_patient_id() {
    let out = hale(&["fhir", "transaction", "--patient-id", "P-7", "--now", "2026-11-20T09:00:00Z", "-"], Some(RECORD));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let b = json(&out.stdout);
    assert_eq!(b["type"], "transaction");
    assert_eq!(b["entry"][0]["request"]["ifNoneExist"], "identifier=urn:hale:id:patient|P-7");
    let flag = b["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Flag")
        .expect("a Flag");
    assert_eq!(flag["resource"]["status"], "active");
    let out = hale(&["fhir", "transaction", "-"], Some(RECORD));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--patient-id"));
    let out = hale(&["fhir", "transaction", "--patient-id", "P-7", "--base", "ftp://x", "-"], Some(RECORD));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_prints_a_record_and_what_was_found_and_a_two_year_old_high_reading_raises_nothing() {
    let omron = "Date,Time,Systolic (mmHg),Diastolic (mmHg),Pulse (bpm),Symptoms,Consumed,TruRead,Notes\n\
Nov 20 2024,07:05,200,125,64,,,Off,\n\
Nov 20 2026,08:00,200,125,64,,,Off,\n\
Nov 20 2026,08:00,200,125,64,,,Off,\n";
    let out = hale(&["import", "--now", "2026-11-20T09:00:00Z", "-"], Some(omron));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let record = json(&out.stdout);
    assert_eq!(record["format"], "hale.record/1");
    assert_eq!(
        record["observations"].as_array().expect("readings").len(),
        4,
        "two readings and their pulses, once each"
    );
    assert_eq!(record["observations"][0]["source"]["format"], "omron_csv");
    let found = json(&out.stderr);
    assert_eq!(found["kinds"][0]["count"], 2);
    assert_eq!(found["left_out"][0]["count"], 2, "the repeated row's reading and pulse");
    // Assessed: only today's reading is judged.
    let mut old_only = record.clone();
    old_only["observations"] = serde_json::json!([record["observations"][0].clone()]);
    let a = hale(&["assess", "--now", "2026-11-20T09:00:00Z", "-"], Some(&old_only.to_string()));
    assert_eq!(json(&a.stdout)["red_flags"], serde_json::json!([]), "two years ago: history, not a flag");
    let a = hale(&["assess", "--now", "2026-11-20T09:00:00Z", "-"], Some(&record.to_string()));
    assert_eq!(json(&a.stdout)["disposition"]["because"], serde_json::json!(["bp.severe"]));
    // Not a file Hale knows; a bad offset.
    let out = hale(&["import", "-"], Some("a,b\n1,2\n"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out.stderr)[0]["code"], "unsupported_format");
    let out = hale(&["import", "--offset-minutes", "east", "-"], Some(omron));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_streams_an_apple_health_export_from_standard_input() {
    // A small export: a correlation and its top-level copies, a watch's samples, a record cut
    // short at the end of the input (refused: not a whole export).
    let at = "2026-11-19 07:05:11 +0000";
    let member = |ty: &str, v: u32| {
        format!("<Record type=\"HKQuantityTypeIdentifierBloodPressure{ty}\" sourceName=\"OMRON connect\" unit=\"mmHg\" startDate=\"{at}\" endDate=\"{at}\" value=\"{v}\"/>\n")
    };
    let pair = member("Systolic", 150) + &member("Diastolic", 92);
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ATTLIST ExportDate value CDATA #REQUIRED\n]>\n<HealthData locale=\"en_GB\">\n");
    xml += &pair;
    for minute in 0..30 {
        xml += &format!("<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Apple Watch\" unit=\"count/min\" startDate=\"2026-11-19 10:{minute:02}:00 +0000\" endDate=\"2026-11-19 10:{minute:02}:00 +0000\" value=\"150\"/>\n");
    }
    xml += &format!("<Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\" sourceName=\"OMRON connect\" startDate=\"{at}\" endDate=\"{at}\">\n{pair}</Correlation>\n</HealthData>\n");
    let out = hale(&["import", "--now", "2026-11-20T09:00:00Z", "-"], Some(&xml));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let record = json(&out.stdout);
    let obs = record["observations"].as_array().expect("readings");
    assert_eq!(obs.len(), 2, "the blood pressure once, and one hour's mean of the watch's samples: {obs:#?}");
    assert!(obs.iter().all(|o| o["source"]["format"] == "apple_health"));
    let found = json(&out.stderr);
    assert_eq!(found["format"], "apple_health");
    assert_eq!(found["left_out"][0]["why"], "the same reading twice");
    assert!(found["notes"][0]
        .as_str()
        .expect("a note")
        .contains("30 samples, kept as 1 hourly average (the last 90 days)"));
    let out = hale(&["import", "-"], Some(&xml[..xml.len() / 2]));
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out.stderr)[0]["message"].as_str().expect("words").contains("ended before the export did"));
}

fn hale_with_passphrase(args: &[&str], stdin: &str, passphrase: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hale"))
        .args(args)
        .env("HALE_PASSPHRASE", passphrase)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hale runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write");
    child.wait_with_output().expect("output")
}

#[test]
fn a_protected_backup_opens_with_its_passphrase_only() {
    use hale_core::lock::{derive_key, seal_backup, KdfParams, KDF_FLOOR};
    // The cheapest cost Hale accepts, so the test is quick; the app writes KDF_PARAMS.
    let cost = KdfParams { memory_kib: KDF_FLOOR.memory_kib, passes: 1, lanes: 1 };
    let salt = [5u8; 16];
    let key = derive_key("correct horse battery", &salt, cost).expect("key");
    let file = seal_backup(&key, &[1; 12], &salt, cost, RECORD).expect("sealed");
    let out = hale_with_passphrase(&["backup", "open", "-"], &file, "correct horse battery");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), RECORD);
    let wrong = hale_with_passphrase(&["backup", "open", "-"], &file, "correct horse batterY");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(wrong.stdout.is_empty());
    assert_eq!(json(&wrong.stderr)[0]["field"], "passphrase");
    let plain = hale_with_passphrase(&["backup", "open", "-"], RECORD, "correct horse battery");
    assert_eq!(plain.status.code(), Some(2), "a plain Record is not a protected backup");
}
