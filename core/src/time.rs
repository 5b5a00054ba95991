//! Time helpers. The core never reads a clock: every function takes `now` from the caller.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};

/// Seconds in a day (a rolling 24 h window).
pub const DAY_SECS: i64 = 86_400;
/// Seconds in a year (365 days, docs/contract.md §3, "Windows").
pub const YEAR_SECS: i64 = 365 * DAY_SECS;

/// Whole years from `birth` to the UTC date of `now`; `None` when `birth` is after `now`.
pub fn age_years(birth: NaiveDate, now: DateTime<Utc>) -> Option<u32> {
    let today = now.date_naive();
    if birth > today {
        return None;
    }
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Whether `t` lies in the window of `secs` seconds ending at `end` (both ends included).
pub fn within(t: DateTime<Utc>, end: DateTime<Utc>, secs: i64) -> bool {
    t <= end && (end - t) <= chrono::TimeDelta::seconds(secs)
}

/// Formats an instant as RFC 3339 in UTC with a `Z` suffix (fractional seconds only when present,
/// in groups of 3, 6 or 9 digits).
pub fn fmt_instant(t: DateTime<Utc>) -> String {
    let mut s =
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second());
    let nanos = t.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        let keep = if nanos.is_multiple_of(1_000_000) {
            3
        } else if nanos.is_multiple_of(1_000) {
            6
        } else {
            9
        };
        s.push('.');
        s.push_str(&digits[..keep]);
    }
    s.push('Z');
    s
}

/// Formats a date as `YYYY-MM-DD`.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A date as people read it: "4 Dec 2026" (the one date format of every page and message).
pub fn human_date(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(u32::from(d - b'0')))
}

/// Parses a calendar date `YYYY-MM-DD` (strict).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = i32::try_from(digits(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(y, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// Parses an RFC 3339 date-time (`2026-11-20T08:00:00Z`, `…T08:00:00.5+01:00`; `t`/`z` and a space
/// separator are accepted as RFC 3339 allows). Leap seconds (`:60`) are not accepted.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_date(s.get(..10)?)?;
    let (h, m, sec) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let frac = &b[start..i];
        if frac.is_empty() {
            return None;
        }
        for (k, d) in frac.iter().take(9).enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - k as u32);
        }
    }
    let offset_secs: i64 = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), oh1, oh2, b':', om1, om2] => {
            let oh = i64::from(digits(&[*oh1, *oh2])?);
            let om = i64::from(digits(&[*om1, *om2])?);
            if oh > 23 || om > 59 {
                return None;
            }
            let v = oh * 3600 + om * 60;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(h, m, sec, nanos)?;
    if sec > 59 {
        return None;
    }
    let local = NaiveDateTime::new(date, time);
    let utc = local.checked_sub_signed(TimeDelta::seconds(offset_secs))?;
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// Parses an RFC 3339 instant given by a caller (CLI `--now`, JS `nowIso`).
pub fn parse_now(s: &str) -> Option<DateTime<Utc>> {
    parse_rfc3339(s.trim())
}

/// Years between two instants in 365-day years (the quit time of docs/score.md).
pub fn years_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / YEAR_SECS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        parse_now(s).unwrap_or_default()
    }

    #[test]
    fn age_counts_whole_years_at_now() {
        let b = NaiveDate::from_ymd_opt(1981, 3, 14).unwrap_or_default();
        assert_eq!(age_years(b, t("2026-03-13T23:59:59Z")), Some(44));
        assert_eq!(age_years(b, t("2026-03-14T00:00:00Z")), Some(45));
        assert_eq!(age_years(b, t("1981-03-13T00:00:00Z")), None);
    }

    #[test]
    fn rfc3339_round_trips_and_rejects() {
        assert_eq!(fmt_instant(t("2026-11-20T08:00:00Z")), "2026-11-20T08:00:00Z");
        assert_eq!(fmt_instant(t("2026-11-20T09:00:00+01:00")), "2026-11-20T08:00:00Z");
        assert_eq!(fmt_instant(t("2026-11-20T03:30:00-04:30")), "2026-11-20T08:00:00Z");
        assert_eq!(fmt_instant(t("2026-11-20t08:00:00.5z")), "2026-11-20T08:00:00.500Z");
        assert_eq!(fmt_instant(t("2026-11-20 08:00:00.123456Z")), "2026-11-20T08:00:00.123456Z");
        for bad in [
            "2026-11-20",
            "2026-11-20T08:00Z",
            "2026-13-20T08:00:00Z",
            "2026-02-30T08:00:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T08:00:60Z",
            "2026-11-20T08:00:00",
            "2026-11-20T08:00:00+0100",
            "2026-11-20T08:00:00.Z",
            "+2026-11-20T08:00:00Z",
            "2026-11-20T08:00:00Zjunk",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(parse_date("1981-03-14").map(fmt_date), Some("1981-03-14".to_string()));
        assert_eq!(parse_date("1981-3-14"), None);
    }

    #[test]
    fn windows_include_both_ends() {
        let end = t("2026-11-21T12:00:00Z");
        assert!(within(t("2026-11-20T12:00:00Z"), end, DAY_SECS));
        assert!(within(end, end, DAY_SECS));
        assert!(!within(t("2026-11-20T11:59:59Z"), end, DAY_SECS));
        assert!(!within(t("2026-11-21T12:00:01Z"), end, DAY_SECS));
    }
}
