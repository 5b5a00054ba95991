//! Fuzz target: any bytes read as an Apple Health export (ZIP or XML), pushed in chunks whose size
//! the input's first byte chooses, must never panic; every reading it accepts is one the Record
//! itself accepts (written and read back the same), dated no later than now, once; and the
//! reader's buffers stay bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "imported.rs"]
mod imported;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    let Some((&first, rest)) = data.split_first() else { return };
    let size = usize::from(first).max(1);
    let mut r = hale_core::apple_health::Reader::new(now);
    for chunk in rest.chunks(size) {
        r.push(chunk);
        assert!(r.buffered() <= (1 << 21) + rest.len().min(1 << 21), "buffers bounded");
    }
    if let Ok(got) = r.finish() {
        imported::check(&got, now);
    }
});
