//! Red flags over time: which flags were in effect during a window, as episodes.
//!
//! The assessment says what holds *now*. A person (and a care team reading a summary) also needs
//! to know what was raised earlier: "very high blood pressure on Monday, fine since Tuesday". The
//! rules are evaluated as the record stood at the start of the window and after each entry in it
//! (flags change only when an entry is added or time passes), and consecutive evaluations where a
//! rule stays raised are merged into one episode.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::record::Record;
use crate::red_flags::{evaluate, Level, Service};
use crate::time::fmt_instant;
use crate::view::View;

/// One stretch of time during which a rule stayed raised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Episode {
    /// Rule id.
    pub id: &'static str,
    /// Level.
    pub level: Level,
    /// Service.
    pub service: Service,
    /// Short title.
    pub title: &'static str,
    /// Citation.
    pub source: &'static str,
    /// When it was first raised: the time of the earliest entry that raised it (RFC 3339).
    pub from: String,
    /// The last evaluation at which it was still raised (RFC 3339).
    pub last_seen: String,
    /// Whether it is still raised at `now`.
    pub active: bool,
    /// Ids of every entry that raised it during the episode.
    pub evidence: Vec<String>,
    /// Whether the rule's numbers are marked UNVERIFIED in the clinical reference.
    pub unverified: bool,
}

fn entry_time(record: &Record, id: &str) -> Option<DateTime<Utc>> {
    record
        .observations
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.at)
        .or_else(|| record.symptoms.iter().find(|s| s.id == id).map(|s| s.at))
        .or_else(|| record.questionnaires.iter().find(|q| q.id == id).map(|q| q.at))
}

/// The instants to evaluate at: `since`, every entry time in `(since, now]` (and every time a
/// symptom was marked as passed), and `now`; sorted, without repeats.
fn instants(record: &Record, since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut ts: Vec<DateTime<Utc>> = vec![since.min(now), now];
    let inside = |t: DateTime<Utc>| t > since && t <= now;
    ts.extend(record.observations.iter().map(|o| o.at).filter(|t| inside(*t)));
    ts.extend(record.symptoms.iter().map(|s| s.at).filter(|t| inside(*t)));
    ts.extend(record.symptoms.iter().filter_map(|s| s.resolved_at).filter(|t| inside(*t)));
    ts.extend(record.questionnaires.iter().map(|q| q.at).filter(|t| inside(*t)));
    ts.sort_unstable();
    ts.dedup();
    ts
}

/// Every episode of a raised flag between `since` and `now`, most recent first (active ones
/// first of all). A flag already raised at `since` counts: it was in effect during the window.
pub fn episodes(record: &Record, since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Episode> {
    let mut done: Vec<Episode> = Vec::new();
    let mut open: Vec<(Episode, DateTime<Utc>)> = Vec::new();
    let ts = instants(record, since, now);
    for t in &ts {
        let view = View::new(record, *t);
        let news2 = crate::news2::assess(&view);
        let (flags, _, _, _) = evaluate(&view, news2);
        // Close the episodes whose rule is no longer raised.
        let mut still = Vec::new();
        for (ep, first) in open.drain(..) {
            if flags.iter().any(|f| f.id == ep.id) {
                still.push((ep, first));
            } else {
                done.push(ep);
            }
        }
        open = still;
        for f in flags {
            let stamp = fmt_instant(*t);
            if let Some((ep, first)) = open.iter_mut().find(|(e, _)| e.id == f.id) {
                ep.last_seen = stamp;
                for id in f.evidence {
                    if !ep.evidence.contains(&id) {
                        if let Some(at) = entry_time(record, &id) {
                            *first = (*first).min(at);
                        }
                        ep.evidence.push(id);
                    }
                }
                ep.from = fmt_instant(*first);
            } else {
                let first = f.evidence.iter().filter_map(|id| entry_time(record, id)).min().unwrap_or(*t);
                open.push((
                    Episode {
                        id: f.id,
                        level: f.level,
                        service: f.service,
                        title: f.title,
                        source: f.source,
                        from: fmt_instant(first),
                        last_seen: stamp,
                        active: false,
                        evidence: f.evidence,
                        unverified: f.unverified,
                    },
                    first,
                ));
            }
        }
    }
    // Whatever is still open was raised at the last instant, which is `now`.
    done.extend(open.into_iter().map(|(mut ep, _)| {
        ep.active = true;
        ep
    }));
    done.sort_by(|a, b| {
        b.active.cmp(&a.active).then_with(|| b.last_seen.cmp(&a.last_seen)).then(a.level.cmp(&b.level))
    });
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ObsValue, Observation};
    use crate::time::parse_rfc3339;

    fn at(s: &str) -> DateTime<Utc> {
        parse_rfc3339(s).unwrap_or_default()
    }

    fn bp(id: &str, when: &str, s: f64, d: f64) -> Observation {
        Observation {
            id: id.into(),
            at: at(when),
            value: ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d },
            note: None,
            source: None,
        }
    }

    #[test]
    fn a_high_reading_followed_by_a_normal_one_is_an_ended_episode() {
        let record = Record {
            observations: vec![
                bp("a", "2026-11-16T08:00:00Z", 128.0, 80.0),
                bp("b", "2026-11-17T08:00:00Z", 182.0, 100.0),
                bp("c", "2026-11-18T08:00:00Z", 126.0, 78.0),
            ],
            ..Record::default()
        };
        let now = at("2026-11-21T09:00:00Z");
        let eps = episodes(&record, at("2026-11-14T09:00:00Z"), now);
        let high: Vec<&Episode> = eps.iter().filter(|e| e.evidence.contains(&"b".to_string())).collect();
        assert_eq!(high.len(), 1, "{eps:#?}");
        assert!(!high[0].active);
        assert_eq!(high[0].from, "2026-11-17T08:00:00Z");
        assert_eq!(high[0].last_seen, "2026-11-17T08:00:00Z");
        // Nothing is raised now.
        assert!(crate::assessment::assess(&record, now, &[]).red_flags.is_empty());
    }

    #[test]
    fn a_flag_still_raised_is_active_and_one_episode() {
        let record = Record {
            observations: vec![
                bp("a", "2026-11-20T08:00:00Z", 185.0, 100.0),
                bp("b", "2026-11-20T08:10:00Z", 186.0, 104.0),
            ],
            ..Record::default()
        };
        let now = at("2026-11-20T09:00:00Z");
        let eps = episodes(&record, at("2026-11-13T09:00:00Z"), now);
        let current = crate::assessment::assess(&record, now, &[]).red_flags;
        assert!(!current.is_empty());
        for f in &current {
            let e: Vec<&Episode> = eps.iter().filter(|e| e.id == f.id).collect();
            assert_eq!(e.len(), 1, "one episode per continuously raised rule: {eps:#?}");
            assert!(e[0].active);
            assert_eq!(e[0].last_seen, "2026-11-20T09:00:00Z");
        }
    }

    #[test]
    fn nothing_in_the_window_and_nothing_raised_gives_nothing() {
        let record = Record { observations: vec![bp("a", "2026-01-01T08:00:00Z", 120.0, 70.0)], ..Record::default() };
        assert!(episodes(&record, at("2026-11-14T00:00:00Z"), at("2026-11-21T00:00:00Z")).is_empty());
        assert!(episodes(&Record::default(), at("2026-11-14T00:00:00Z"), at("2026-11-21T00:00:00Z")).is_empty());
    }

    #[test]
    fn a_flag_raised_before_the_window_and_still_in_effect_counts_from_its_entry() {
        let record = Record { observations: vec![bp("a", "2026-11-13T20:00:00Z", 190.0, 125.0)], ..Record::default() };
        let now = at("2026-11-14T10:00:00Z");
        let at_now = crate::assessment::assess(&record, now, &[]).red_flags;
        assert!(!at_now.is_empty(), "a reading of 190/125 is still raised 14 hours later");
        let eps = episodes(&record, at("2026-11-14T09:00:00Z"), now);
        assert_eq!(eps.len(), at_now.len());
        for e in &eps {
            assert_eq!(e.from, "2026-11-13T20:00:00Z");
        }
    }
}
