//! Fuzz target: a share link, as the care team opens it. Any text as a token must never panic;
//! and, so the fuzzer reaches what lies behind the seal, any bytes sealed with a fixed key (as a
//! crafted link would carry them) are opened, inflated and decoded as a summary and shown (the
//! review view), which either fails as a whole with a reason or gives the view; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hale_core::api::open_summary(text, now);
    }
    let random = [7u8; 44];
    let Ok(token) = hale_core::share::seal(data, &random) else { return };
    assert_eq!(hale_core::share::open(&token).ok().as_deref(), Some(data), "a sealed link opens to its bytes");
    if let Err(issues) = hale_core::api::open_summary(&token, now) {
        assert!(!issues.is_empty(), "a refusal says why");
    }
});
