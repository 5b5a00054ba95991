//! The recheck plan as an iCalendar file (RFC 5545): one all-day event per recheck, each with a
//! reminder at 09:00 on the day. Lines end in CRLF, are folded at 75 octets, and text is escaped.

use chrono::{DateTime, Utc};

use crate::protocols::PlanItem;

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 sequence) (RFC 5545 §3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    crate::time::fmt_instant(t)
        .replace(['-', ':'], "")
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches('Z')
        .to_string()
        + "Z"
}

/// The plan as an iCalendar document. `now` is the DTSTAMP.
pub fn plan_to_ics(plan: &[PlanItem], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hale//Recheck plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        fold(line, &mut out);
    }
    for item in plan {
        let day = item.due.replace('-', "");
        let next = crate::time::parse_date(&item.due)
            .and_then(|d| d.succ_opt())
            .map(|d| crate::time::fmt_date(d).replace('-', ""))
            .unwrap_or_else(|| day.clone());
        let what = match item.recheck {
            Some(crate::protocols::Recheck::Reading(k)) => {
                format!("Log a new {} reading in Hale.", crate::spec::kind_spec(k).label.to_ascii_lowercase())
            }
            Some(crate::protocols::Recheck::Questionnaire(_)) => "Fill in the questionnaire again in Hale.".to_string(),
            Some(crate::protocols::Recheck::PracticeReview) => {
                "Have your review with your GP practice or asthma nurse by today (weekends are skipped; bank holidays are not).".to_string()
            }
            None => "Check in with Hale.".to_string(),
        };
        let lines = [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}-{}@hale.local", item.advice_id, day),
            format!("DTSTAMP:{}", stamp(now)),
            format!("DTSTART;VALUE=DATE:{day}"),
            format!("DTEND;VALUE=DATE:{next}"),
            format!("SUMMARY:{}", escape(&format!("Hale recheck: {}", item.title))),
            format!(
                "DESCRIPTION:{}",
                escape(&format!("{what} This recheck comes from your advice \"{}\".", item.title))
            ),
            "TRANSP:TRANSPARENT".to_string(),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!("DESCRIPTION:{}", escape(&format!("Hale recheck due: {}", item.title))),
            "TRIGGER;RELATED=START:PT9H".to_string(),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ];
        for l in lines {
            fold(&l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_escaping() {
        let mut out = String::new();
        fold(&"x".repeat(160), &mut out);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1].starts_with(' ') && lines[1].len() == 75);
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut multi = String::new();
        fold(&"é".repeat(50), &mut multi);
        assert!(multi.split("\r\n").all(|l| l.len() <= 75));
    }
}
