//! Bluetooth readings from byte fixtures derived from the GATT layouts (core/src/ble.rs): SFLOAT and
//! its special values, a blood-pressure measurement with every optional field, in kPa, cut short,
//! a burst sent twice, the device's clock and its offset; a weight in kg and in pounds, and a scale
//! that could not measure; and readings a person could not have are refused as if typed.
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use chrono::{DateTime, Utc};
use hale_core::ble::{
    blood_pressure, blood_pressure_observation, pulse_observation, sfloat, weight, weight_observation, NotANumber,
};
use hale_core::record::ObsValue;

fn now() -> DateTime<Utc> {
    hale_core::time::parse_rfc3339("2026-11-20T09:00:00Z").expect("time")
}

#[test]
fn sfloat_reads_its_exponent_and_mantissa_and_its_special_values() {
    assert_eq!(sfloat(u16::from_le_bytes([0x78, 0x00])), Ok(120.0), "120 mmHg is the bytes 78 00");
    assert_eq!(sfloat(0xF4B0), Ok(120.0), "1200 × 10^-1");
    assert_eq!(sfloat(0x0FFF), Ok(-1.0), "a negative mantissa");
    assert_eq!(sfloat(0x2001), Ok(100.0), "1 × 10^2");
    assert_eq!(sfloat(0x07FF), Err(NotANumber::NaN));
    assert_eq!(sfloat(0x0800), Err(NotANumber::NRes));
    assert_eq!(sfloat(0x07FE), Err(NotANumber::PlusInfinity));
    assert_eq!(sfloat(0x0802), Err(NotANumber::MinusInfinity));
    assert_eq!(sfloat(0x0801), Err(NotANumber::Reserved));
}

/// 120/80 mmHg, mean 93, taken 2026-11-20 08:30:00 on the cuff's clock, pulse 72, user 1, status 0.
const FULL: [u8; 19] =
    [0x1E, 0x78, 0x00, 0x50, 0x00, 0x5D, 0x00, 0xEA, 0x07, 11, 20, 8, 30, 0, 0x48, 0x00, 0x01, 0x00, 0x00];

#[test]
fn a_blood_pressure_measurement_with_every_optional_field() {
    let m = blood_pressure(&FULL).expect("parsed");
    assert_eq!((m.systolic_mmhg, m.diastolic_mmhg, m.mean_mmhg), (Some(120.0), Some(80.0), Some(93.0)));
    assert_eq!((m.pulse_bpm, m.user, m.status, m.kpa), (Some(72.0), Some(1), Some(0), false));
    // The cuff's clock is UK winter time (UTC+0): the reading was at 08:30Z.
    let o = blood_pressure_observation(&m, Some("Cuff BP7000"), 0, now()).expect("a reading");
    assert_eq!(hale_core::time::fmt_instant(o.at), "2026-11-20T08:30:00Z");
    assert_eq!(o.value, ObsValue::BloodPressure { systolic_mmhg: 120.0, diastolic_mmhg: 80.0 });
    let src = o.source.as_ref().expect("a source");
    assert_eq!(
        (src.format.as_str(), src.device.as_deref(), src.continuous),
        ("ble_blood_pressure", Some("Cuff BP7000"), false)
    );
    assert!(o.is_spot_check(), "a cuff reading is a spot check: judged like a typed one");
    let pulse = pulse_observation(&m, None, 0, now()).expect("the pulse");
    assert_eq!(pulse.value, ObsValue::HeartRate { bpm: 72.0 });
    // A clock an hour ahead of UTC (summer time): the same local time is an hour earlier in UTC.
    let summer = blood_pressure_observation(&m, None, 60, now()).expect("a reading");
    assert_eq!(hale_core::time::fmt_instant(summer.at), "2026-11-20T07:30:00Z");
}

#[test]
fn a_burst_of_stored_readings_sent_again_makes_the_same_readings() {
    let first = blood_pressure_observation(&blood_pressure(&FULL).expect("p"), None, 0, now()).expect("r");
    let later = now() + chrono::TimeDelta::days(3);
    let again = blood_pressure_observation(&blood_pressure(&FULL).expect("p"), None, 0, later).expect("r");
    assert_eq!(first.id, again.id, "the same reading has the same id, so storing it again changes nothing");
}

#[test]
fn kpa_is_converted_and_a_measurement_cut_short_is_refused() {
    // 16.0 kPa / 10.7 kPa / 12.4 kPa, no optional fields.
    let kpa = [0x01, 0xA0, 0xF0, 0x6B, 0xF0, 0x7C, 0xF0];
    let m = blood_pressure(&kpa).expect("parsed");
    assert!(m.kpa);
    let o = blood_pressure_observation(&m, None, 0, now()).expect("a reading");
    assert_eq!(o.value, ObsValue::BloodPressure { systolic_mmhg: 120.0, diastolic_mmhg: 80.0 });
    assert_eq!(o.at, now(), "no time stamp: taken now");
    for cut in [0, 1, 4, 8, 15, 18] {
        assert!(blood_pressure(&FULL[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn a_cuff_that_could_not_measure_or_sends_what_a_person_cannot_have_adds_nothing() {
    let nan = [0x00, 0xFF, 0x07, 0x50, 0x00, 0x5D, 0x00];
    assert!(blood_pressure_observation(&blood_pressure(&nan).expect("p"), None, 0, now()).is_err());
    // 400/80 mmHg is outside what Hale accepts typed, so it is refused from a device too.
    let high = [0x00, 0x90, 0x01, 0x50, 0x00, 0x5D, 0x00];
    let why = blood_pressure_observation(&blood_pressure(&high).expect("p"), None, 0, now()).expect_err("refused");
    assert!(why.contains("systolic") || why.contains("Systolic"), "{why}");
    // A clock in the future (set wrong): taken now, never later than now.
    let mut future = FULL;
    future[7..9].copy_from_slice(&2030u16.to_le_bytes());
    let o = blood_pressure_observation(&blood_pressure(&future).expect("p"), None, 0, now()).expect("r");
    assert_eq!(o.at, now());
}

#[test]
fn a_weight_in_kilograms_and_in_pounds_and_a_scale_that_could_not_measure() {
    // 16000 × 0.005 kg = 80 kg.
    let kg = weight(&[0x00, 0x80, 0x3E]).expect("parsed");
    assert_eq!(kg.kg, Some(80.0));
    let o = weight_observation(&kg, Some("Scale"), 0, now()).expect("a reading");
    assert_eq!(o.value, ObsValue::Weight { kg: 80.0 });
    // 17637 × 0.01 lb = 176.37 lb = 80.0 kg, with a time stamp and a user.
    let lb = weight(&[0x07, 0xE5, 0x44, 0xEA, 0x07, 11, 19, 7, 0, 0, 2]).expect("parsed");
    assert!(lb.imperial);
    assert_eq!(lb.user, Some(2));
    let o = weight_observation(&lb, None, 0, now()).expect("a reading");
    assert_eq!(o.value, ObsValue::Weight { kg: 80.0 });
    assert_eq!(hale_core::time::fmt_instant(o.at), "2026-11-19T07:00:00Z");
    assert!(weight_observation(&weight(&[0x00, 0xFF, 0xFF]).expect("parsed"), None, 0, now()).is_err());
    assert!(weight(&[0x02, 0x80, 0x3E, 0xEA]).is_err(), "a time stamp cut short");
}
