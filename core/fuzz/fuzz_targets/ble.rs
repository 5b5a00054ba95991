//! Fuzz target: any bytes a Bluetooth cuff or scale sends must never panic, and a reading made from
//! them is one the Record accepts, never dated after now.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(now) = hale_core::time::parse_rfc3339("2026-12-01T00:00:00Z") else { return };
    if let Ok(m) = hale_core::ble::blood_pressure(data) {
        if let Ok(o) = hale_core::ble::blood_pressure_observation(&m, Some("cuff"), -300, now) {
            assert!(o.at <= now);
            assert!(hale_core::write::read_back::observation(&hale_core::write::observation_to_value(&o)).is_some());
        }
        let _ = hale_core::ble::pulse_observation(&m, None, 840, now);
    }
    if let Ok(m) = hale_core::ble::weight(data) {
        if let Ok(o) = hale_core::ble::weight_observation(&m, None, 0, now) {
            assert!(o.at <= now);
        }
    }
});
