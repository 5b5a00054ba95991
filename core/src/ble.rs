//! Readings from Bluetooth devices that speak the standard GATT services, parsed from the bytes a
//! characteristic sends (the page only relays them; bytes in, readings and reasons out):
//!
//! - **Blood Pressure Measurement** (service 0x1810, characteristic 0x2A35, sent by indication): a
//!   flags byte (bit 0 kPa, else mmHg; bit 1 a time stamp follows; bit 2 pulse rate; bit 3 a user
//!   id; bit 4 a measurement status), systolic, diastolic and mean arterial pressure as IEEE-11073
//!   16-bit SFLOATs, then the time stamp (7 bytes), pulse (SFLOAT), user id (u8) and status (u16),
//!   in that order, each when its flag says so.
//! - **Weight Measurement** (service 0x181D, characteristic 0x2A9D): a flags byte (bit 0 imperial;
//!   bit 1 a time stamp; bit 2 a user id; bit 3 BMI and height), the weight as a u16 in 0.005 kg
//!   (or 0.01 lb) steps, then the time stamp, user id, BMI and height.
//!
//! A device's time stamp is its own clock's local time (no zone): the caller says the offset from
//! UTC. A cuff that sends its stored readings in a burst sends the same reading again next time:
//! each reading's id is made from what it is (kind, time, values), so storing it twice changes
//! nothing.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::record::{ObsValue, Observation, Source};

/// The standard service and characteristic of a blood-pressure cuff.
pub const BLOOD_PRESSURE_SERVICE: u16 = 0x1810;
/// Its measurement characteristic (indications).
pub const BLOOD_PRESSURE_MEASUREMENT: u16 = 0x2A35;
/// The standard service of a weight scale.
pub const WEIGHT_SCALE_SERVICE: u16 = 0x181D;
/// Its measurement characteristic (indications).
pub const WEIGHT_MEASUREMENT: u16 = 0x2A9D;

/// Kilograms per step of a Weight Measurement in SI units.
const KG_PER_STEP: f64 = 0.005;
/// Pounds per step of a Weight Measurement in imperial units.
const LB_PER_STEP: f64 = 0.01;
/// A weight of all ones: the scale could not measure.
const WEIGHT_UNSUCCESSFUL: u16 = 0xFFFF;

/// Why a value of the bytes is not a number (IEEE-11073 SFLOAT special values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotANumber {
    /// 0x07FF.
    NaN,
    /// 0x0800: not at this resolution.
    NRes,
    /// 0x07FE.
    PlusInfinity,
    /// 0x0802.
    MinusInfinity,
    /// 0x0801: reserved for the future.
    Reserved,
}

/// An IEEE-11073 16-bit SFLOAT (the high 4 bits a signed exponent, the low 12 a signed mantissa).
pub fn sfloat(raw: u16) -> Result<f64, NotANumber> {
    let mantissa = raw & 0x0FFF;
    match mantissa {
        0x07FF => return Err(NotANumber::NaN),
        0x0800 => return Err(NotANumber::NRes),
        0x07FE => return Err(NotANumber::PlusInfinity),
        0x0802 => return Err(NotANumber::MinusInfinity),
        0x0801 => return Err(NotANumber::Reserved),
        _ => {}
    }
    let m = if mantissa & 0x0800 != 0 { i32::from(mantissa) - 0x1000 } else { i32::from(mantissa) };
    let e = i32::from((raw >> 12) as u8 & 0x0F);
    let e = if e & 0x08 != 0 { e - 0x10 } else { e };
    Ok(f64::from(m) * 10f64.powi(e))
}

/// Reads the bytes in order.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn u8(&mut self, what: &str) -> Result<u8, String> {
        let b = *self.data.get(self.at).ok_or_else(|| format!("The reading stopped before its {what}."))?;
        self.at += 1;
        Ok(b)
    }

    fn u16(&mut self, what: &str) -> Result<u16, String> {
        Ok(u16::from(self.u8(what)?) | (u16::from(self.u8(what)?) << 8))
    }

    fn sfloat(&mut self, what: &str) -> Result<Option<f64>, String> {
        Ok(sfloat(self.u16(what)?).ok())
    }

    /// A Date Time (year u16, month, day, hours, minutes, seconds): `None` when the device does
    /// not know it (year or month 0) or it is not a real time.
    fn time(&mut self) -> Result<Option<chrono::NaiveDateTime>, String> {
        let year = self.u16("time stamp")?;
        let [month, day, h, m, s] = [
            self.u8("time stamp")?,
            self.u8("time stamp")?,
            self.u8("time stamp")?,
            self.u8("time stamp")?,
            self.u8("time stamp")?,
        ];
        if year == 0 || month == 0 || day == 0 {
            return Ok(None);
        }
        Ok(NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
            .and_then(|d| d.and_hms_opt(u32::from(h), u32::from(m), u32::from(s))))
    }
}

/// A blood-pressure measurement as the cuff sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct BloodPressure {
    /// Systolic, mmHg (converted from kPa when the cuff used kPa).
    pub systolic_mmhg: Option<f64>,
    /// Diastolic, mmHg.
    pub diastolic_mmhg: Option<f64>,
    /// Mean arterial pressure, mmHg.
    pub mean_mmhg: Option<f64>,
    /// The cuff reported kPa.
    pub kpa: bool,
    /// The cuff's time stamp (its local time), when it sent one.
    pub time: Option<chrono::NaiveDateTime>,
    /// Pulse, beats a minute.
    pub pulse_bpm: Option<f64>,
    /// The cuff's user number.
    pub user: Option<u8>,
    /// The measurement status bits (body movement, cuff fit, irregular pulse, …).
    pub status: Option<u16>,
}

/// Parses a Blood Pressure Measurement (0x2A35).
pub fn blood_pressure(bytes: &[u8]) -> Result<BloodPressure, String> {
    let mut b = Bytes { data: bytes, at: 0 };
    let flags = b.u8("flags")?;
    let kpa = flags & 0x01 != 0;
    let scale = |v: Option<f64>| v.map(|x| if kpa { x * crate::units::MMHG_PER_KPA } else { x });
    let systolic_mmhg = scale(b.sfloat("systolic")?);
    let diastolic_mmhg = scale(b.sfloat("diastolic")?);
    let mean_mmhg = scale(b.sfloat("mean arterial pressure")?);
    let time = if flags & 0x02 != 0 { b.time()? } else { None };
    let pulse_bpm = if flags & 0x04 != 0 { b.sfloat("pulse")? } else { None };
    let user = if flags & 0x08 != 0 { Some(b.u8("user")?) } else { None };
    let status = if flags & 0x10 != 0 { Some(b.u16("status")?) } else { None };
    Ok(BloodPressure { systolic_mmhg, diastolic_mmhg, mean_mmhg, kpa, time, pulse_bpm, user, status })
}

/// A weight measurement as the scale sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Weight {
    /// Kilograms (converted from pounds when the scale used pounds); `None` when it could not measure.
    pub kg: Option<f64>,
    /// The scale reported pounds.
    pub imperial: bool,
    /// The scale's time stamp (its local time).
    pub time: Option<chrono::NaiveDateTime>,
    /// The scale's user number.
    pub user: Option<u8>,
}

/// Parses a Weight Measurement (0x2A9D).
pub fn weight(bytes: &[u8]) -> Result<Weight, String> {
    let mut b = Bytes { data: bytes, at: 0 };
    let flags = b.u8("flags")?;
    let imperial = flags & 0x01 != 0;
    let raw = b.u16("weight")?;
    let kg = (raw != WEIGHT_UNSUCCESSFUL).then(|| {
        if imperial {
            f64::from(raw) * LB_PER_STEP * crate::units::KG_PER_LB
        } else {
            f64::from(raw) * KG_PER_STEP
        }
    });
    let time = if flags & 0x02 != 0 { b.time()? } else { None };
    let user = if flags & 0x04 != 0 { Some(b.u8("user")?) } else { None };
    Ok(Weight { kg, imperial, time, user })
}

/// When a device's reading was taken: its time stamp at the given offset from UTC, else `now`; a
/// time stamp after `now` (a clock set wrong) is taken as `now`.
fn taken_at(time: Option<chrono::NaiveDateTime>, offset_minutes: i32, now: DateTime<Utc>) -> DateTime<Utc> {
    time.map(|t| t.and_utc() - TimeDelta::minutes(i64::from(offset_minutes))).filter(|t| *t <= now).unwrap_or(now)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A reading checked as the Record checks every reading (plausible ranges, diastolic below
/// systolic): what a device sends is never trusted more than what a person types.
fn checked(o: Observation) -> Result<Observation, String> {
    let mut issues = Vec::new();
    crate::parse::parse_observation(&crate::write::observation_to_value(&o), "reading", &mut issues)
        .ok_or_else(|| issues.iter().map(|i| i.message.clone()).collect::<Vec<_>>().join(" "))
}

/// Where a device's reading came from: measured by it, a spot check.
fn measured_by(format: &str, device: Option<&str>, now: DateTime<Utc>) -> Option<Source> {
    Some(Source {
        format: format.to_string(),
        app: None,
        device: device.map(str::to_string),
        user_entered: Some(false),
        continuous: false,
        imported_at: now,
    })
}

/// The reading a cuff's measurement makes (a spot check, measured by the device), or why none.
pub fn blood_pressure_observation(
    m: &BloodPressure,
    device: Option<&str>,
    offset_minutes: i32,
    now: DateTime<Utc>,
) -> Result<Observation, String> {
    let (Some(s), Some(d)) = (m.systolic_mmhg, m.diastolic_mmhg) else {
        return Err("The cuff could not measure this time (no numbers came). Try again.".to_string());
    };
    let (s, d) = (s.round(), d.round());
    let at = taken_at(m.time, offset_minutes, now);
    checked(Observation {
        id: format!("ble-bp-{}-{s}-{d}", at.format("%Y%m%dT%H%M%S")),
        at,
        value: ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d },
        note: None,
        source: measured_by("ble_blood_pressure", device, now),
    })
}

/// The pulse a cuff's measurement carries, as its own reading, when it sent one.
pub fn pulse_observation(
    m: &BloodPressure,
    device: Option<&str>,
    offset_minutes: i32,
    now: DateTime<Utc>,
) -> Option<Observation> {
    let bpm = m.pulse_bpm?.round();
    let at = taken_at(m.time, offset_minutes, now);
    checked(Observation {
        id: format!("ble-hr-{}-{bpm}", at.format("%Y%m%dT%H%M%S")),
        at,
        value: ObsValue::HeartRate { bpm },
        note: None,
        source: measured_by("ble_blood_pressure", device, now),
    })
    .ok()
}

/// The reading a scale's measurement makes, or why none.
pub fn weight_observation(
    m: &Weight,
    device: Option<&str>,
    offset_minutes: i32,
    now: DateTime<Utc>,
) -> Result<Observation, String> {
    let Some(kg) = m.kg else {
        return Err("The scale could not measure this time. Step on again.".to_string());
    };
    let kg = round1(kg);
    let at = taken_at(m.time, offset_minutes, now);
    checked(Observation {
        id: format!("ble-wt-{}-{kg}", at.format("%Y%m%dT%H%M%S")),
        at,
        value: ObsValue::Weight { kg },
        note: None,
        source: measured_by("ble_weight", device, now),
    })
}
