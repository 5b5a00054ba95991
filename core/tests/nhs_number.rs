//! `profile.nhs_number`: 10 digits passing the Modulus 11 check digit, or reported as malformed
//! and not used; kept through the app's storage and a backup.
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_core::issue::IssueCode;
use hale_core::parse::parse_record_str;
use hale_core::record::nhs_number_valid;
use serde_json::json;

fn profile_with(n: serde_json::Value) -> hale_core::parse::Parsed {
    let r = json!({ "format": "hale.record/1", "profile": { "nhs_number": n }, "observations": [] });
    parse_record_str(&r.to_string()).expect("a record")
}

#[test]
fn the_check_digit_decides() {
    assert!(nhs_number_valid("9434765919"), "the NHS's own example");
    assert!(nhs_number_valid("4000000020"), "a remainder of 0 gives the check digit 0");
    assert!(!nhs_number_valid("9434765918"), "the wrong check digit");
    // 100000001 gives 10, which no NHS number has, whatever the last digit.
    for last in 0..=9 {
        assert!(!nhs_number_valid(&format!("100000001{last}")));
    }
    for bad in ["943476591", "94347659190", "943 476 5919", "943476591x", "", "９４３４７６５９１９"] {
        assert!(!nhs_number_valid(bad), "{bad:?}");
    }
}

#[test]
fn a_valid_number_is_kept_and_anything_else_is_reported_and_not_used() {
    let ok = profile_with(json!("9434765919"));
    assert_eq!(ok.record.profile.nhs_number.as_deref(), Some("9434765919"));
    assert!(ok.issues.is_empty(), "{:?}", ok.issues);
    for bad in [json!("9434765918"), json!("943 476 5919"), json!(9434765919u64)] {
        let p = profile_with(bad.clone());
        assert_eq!(p.record.profile.nhs_number, None, "{bad}");
        let issue = p.issues.iter().find(|i| i.field == "profile.nhs_number").expect("an issue");
        assert_eq!(issue.code, IssueCode::Malformed);
        assert!(!issue.message.contains("profile."), "people read words, not field paths: {}", issue.message);
    }
    assert_eq!(profile_with(serde_json::Value::Null).record.profile.nhs_number, None);
}

#[test]
fn it_survives_storage_and_a_backup() {
    let p = profile_with(json!("9434765919")).record;
    let written = hale_core::write::record_to_value(&p);
    assert_eq!(written["profile"]["nhs_number"], "9434765919");
    let back = parse_record_str(&written.to_string()).expect("a record").record;
    assert_eq!(back.profile.nhs_number.as_deref(), Some("9434765919"));
}
