//! The view of a summary the review page, the share page's preview, the printout and the JS API
//! read: the summary's choices and results with titles and sources from this build's tables.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::Summary;
use crate::score::{Category, COMPONENTS};
use crate::time::{age_years, fmt_date, fmt_instant, DAY_SECS};

/// The summary as the review page (and the JS API) reads it: the chosen range and when it was
/// made, whether it has expired at `now`, the record (Record JSON, for latest readings and trends),
/// and the results with titles and sources from this build's tables.
pub fn view(s: &Summary, now: DateTime<Utc>) -> Value {
    let score = s.results.components.map(|c| {
        let total =
            c.iter().all(Option::is_some).then(|| c.iter().map(|x| f64::from(x.unwrap_or(0))).sum::<f64>() / 8.0);
        json!({
            "total": total,
            "category": total.map(Category::of),
            "components": COMPONENTS.iter().zip(c).map(|(k, p)| json!({
                "id": k, "label": crate::score::label(k), "points": p,
            })).collect::<Vec<_>>(),
        })
    });
    let flags: Vec<Value> = s
        .results
        .flags
        .iter()
        .map(|f| {
            let rule = crate::red_flags::rule(&f.id);
            json!({
                "id": f.id,
                "level": f.level.as_str(),
                "title": rule.map_or(f.id.as_str(), |r| r.title),
                "source": rule.map(|r| r.source),
                "unverified": rule.is_some_and(|r| r.unverified.is_some()),
                "from": fmt_instant(f.from),
                "last_seen": fmt_instant(f.last_seen),
                "active": f.active,
            })
        })
        .collect();
    let plan: Vec<Value> = s
        .results
        .plan
        .iter()
        .map(|p| {
            let pr = crate::protocols::PROTOCOLS.iter().find(|x| x.id == p.advice_id);
            json!({
                "advice_id": p.advice_id,
                "title": pr.map_or(p.advice_id.as_str(), |x| x.title),
                "source": pr.map(|x| x.source),
                "due": fmt_date(p.due),
                "overdue": p.overdue,
            })
        })
        .collect();
    let questionnaires: Vec<Value> = s
        .record
        .questionnaires
        .iter()
        .map(|q| {
            let total = q.total();
            json!({
                "instrument": q.instrument.as_str(),
                "name": crate::questionnaires::questionnaire(q.instrument).title,
                "at": fmt_instant(q.at),
                "total": total,
                "band": crate::questionnaires::band(q.instrument, total),
            })
        })
        .collect();
    json!({
        "format": "hale.summary/1",
        "created": fmt_instant(s.created),
        "expires": s.expires.map(fmt_instant),
        "expired": s.expires.is_some_and(|e| now > e),
        "age_days": (now - s.created).num_seconds().max(0) / DAY_SECS,
        "from": fmt_date(s.from),
        "to": fmt_date(s.to),
        "kinds": s.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "notes": s.notes,
        "age_years": s.age_years.or_else(|| s.record.profile.birth_date.and_then(|b| age_years(b, s.created))),
        "record": crate::write::record_to_value(&s.record),
        "score": score,
        "qrisk3": s.results.qrisk3_percent.map(|p| json!({"risk_percent": p})),
        "flags": flags,
        "flag_window_entries": s.results.flag_window_entries,
        "plan": plan,
        "questionnaires": questionnaires,
    })
}
