//! Fuzz target: what a practice's FHIR server answers — searchset Bundles for the care team's
//! worklist, and the answers to a batch the outbox sent — must never panic, and the worklist's
//! rows are always in the order a team looks at people.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Whatever the body, reading it as the answer to a batch never panics.
    let status = u16::from(data.first().copied().unwrap_or(0)) * 3;
    let _ = hale_core::fhir::transaction::read_response(status, text, data.len() % 30);
    let _ = hale_core::fhir::transaction::read_response(200, text, data.len() % 30);
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let bundles = match v {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    let (rows, _) = hale_core::worklist::rows(&bundles, now);
    for pair in rows.windows(2) {
        assert!(pair[0].category <= pair[1].category, "rows in category order");
    }
    for r in &rows {
        let _ = hale_core::worklist::row_json(r);
        let _ = hale_core::worklist::review_task(r, "fuzz", Some(text), now);
    }
    // The acknowledgements kept in IndexedDB, read back whatever they hold.
    if let Some(first) = bundles.first() {
        let _ = hale_core::fhir::outbox::sent_state(first);
    }
});
