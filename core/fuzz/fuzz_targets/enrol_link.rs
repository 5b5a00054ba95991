//! Fuzz target: reading any bytes as an enrolment link must never panic, and a link it accepts
//! names only permitted, secure servers and a future expiry.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
        let permitted = vec!["https://fhir.riverside.example".to_string(), "https://auth.riverside.example".to_string()];
        if let Ok(e) = hale_core::enrol::parse_link(text, now, &permitted) {
            assert!(e.expires > now);
            for url in [&e.fhir_base, &e.auth_base] {
                let origin = hale_core::enrol::origin_of(url).expect("an accepted server has an origin");
                assert!(permitted.contains(&origin));
            }
        }
        // A well-formed token around the fuzzer's text as the practice's name: never panics.
        let _ = hale_core::enrol::origin_of(text);
    }
});
