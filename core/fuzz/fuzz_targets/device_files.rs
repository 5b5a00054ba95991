//! Fuzz target: any bytes read as a device app's export must never panic, and every reading it
//! accepts is one the Record itself accepts (written and read back the same), dated no later than
//! now, once.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "imported.rs"]
mod imported;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    if let Ok(got) = hale_core::device_files::read(data, 60, now) {
        imported::check(&got, now);
    }
});
