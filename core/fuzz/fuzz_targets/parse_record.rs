//! Fuzz target: reading any bytes as a Record and assessing it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(parsed) = hale_core::parse::parse_record_str(text) {
            if let Some(now) = hale_core::time::parse_rfc3339("2026-11-21T12:00:00Z") {
                let a = hale_core::assessment::assess(&parsed.record, now, &parsed.issues);
                let _ = hale_core::api::to_json(&a);
            }
        }
        let _ = hale_core::time::parse_rfc3339(text);
    }
});
