//! Fuzz target: any bytes read as a device app's export must never panic, and every reading it
//! accepts is one the Record itself accepts (written and read back the same), dated no later than
//! now, once.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    if let Ok(got) = hale_core::device_files::read(data, 60, now) {
        let mut ids = std::collections::HashSet::new();
        for o in &got.observations {
            assert!(o.at <= now);
            assert!(ids.insert(o.id.clone()), "each reading once");
            let v = hale_core::write::observation_to_value(o);
            assert_eq!(hale_core::write::read_back::observation(&v).as_ref(), Some(o));
        }
        let _ = hale_core::device_files::preview(&got);
    }
});
