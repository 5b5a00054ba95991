//! The care team's worklist, read from what the practice's FHIR server holds: each enrolled
//! person's monitoring summary (`fhir::transaction`), their `Patient` and the team's reviews
//! (`Task`s), placed again at the team's `now` (`monitoring::place`: silence grows while nothing is
//! sent, a flag ages out of its window, a review takes a flag out until a new one stands) and put
//! in the order a team looks at people: category, then the most urgent, then the most recent.
//!
//! Bytes in, rows out: the fetching is the caller's (the `hale worklist` command, the team's page).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::fhir::transaction::{
    FLAG_EXTENSION, HALE_LATEST, HALE_RESULT, HALE_RULE, NHS_NUMBER_SYSTEM, TAKEN_AT_EXTENSION,
};
use crate::fhir::HALE_CONDITION;
use crate::issue::{Issue, IssueCode};
use crate::monitoring::{place, Category, Facts, FlagFact, CATEGORIES};
use crate::time::{fmt_instant, parse_rfc3339};

/// The words for a flag this version of Hale does not know (a newer Hale raised it).
const UNKNOWN_FLAG: &str = "A flag this version of Hale does not know (treated as urgent)";

/// The code system of the team's tasks; a review is `review`.
pub const TASK_SYSTEM: &str = "urn:hale:task";

/// The tag system of the team's own labels for people (`Patient.meta.tag`, on the practice's
/// Patient, which the person's Hale never writes).
pub const TEAM_TAG_SYSTEM: &str = "urn:hale:team-tag";

/// The most people a filter by tag (or by name) lists.
pub const LISTED_LIMIT: usize = 500;

/// The longest tag, in characters.
pub const TAG_MAX_CHARS: usize = 40;

/// A review the team recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Who reviewed.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Their note.
    pub note: Option<String>,
}

/// A flag as the worklist shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowFlag {
    /// Rule id.
    pub rule: String,
    /// Its title.
    pub title: String,
    /// Its level.
    pub level: String,
    /// When it last stood.
    pub at: DateTime<Utc>,
    /// The Flag on the server (`Flag/<id>`), when the summary names it.
    pub reference: Option<String>,
}

/// One person on the worklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The Patient's id on the server.
    pub patient_id: String,
    /// The identifier the enrolment gave the person.
    pub identifier: Option<String>,
    /// Their name, when they gave it.
    pub name: Option<String>,
    /// Their NHS number, when they gave it.
    pub nhs_number: Option<String>,
    /// Their date of birth, when they gave it.
    pub birth_date: Option<String>,
    /// Where they are placed at `now`.
    pub category: Category,
    /// Within the category, lower first.
    pub rank: usize,
    /// Within the same rank, later first.
    pub at: Option<DateTime<Utc>>,
    /// Why, in words.
    pub reason: String,
    /// The time of their latest reading (taken, not sent).
    pub last_data_at: Option<DateTime<Utc>>,
    /// Their flags of the last 7 days, as of their last send.
    pub flags: Vec<RowFlag>,
    /// The team's latest review.
    pub reviewed: Option<Review>,
    /// The monitoring summary (`Observation/<id>`).
    pub summary: String,
    /// Their age at `now`, when they gave a date of birth.
    pub age: Option<u32>,
    /// Their conditions (codes of `urn:hale:condition`), as of their last send.
    pub conditions: Vec<String>,
    /// Key latest values, as of their last send.
    pub latest: Vec<Latest>,
    /// The team's tags on the person.
    pub tags: Vec<String>,
}

/// A key latest value as the worklist shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    /// What (`blood_pressure`, `phq9`).
    pub code: String,
    /// Its name.
    pub label: String,
    /// The value in words.
    pub text: String,
    /// When it was taken.
    pub at: Option<DateTime<Utc>>,
}

fn reference_id<'a>(v: &'a Value, rtype: &str) -> Option<&'a str> {
    v["reference"].as_str()?.strip_prefix(rtype)?.strip_prefix('/')
}

fn coded(v: &Value, system: &str) -> Option<String> {
    v["coding"].as_array()?.iter().find(|c| c["system"] == system)?["code"].as_str().map(str::to_string)
}

fn resources(bundles: &[Value]) -> Vec<&Value> {
    bundles
        .iter()
        .flat_map(|b| b["entry"].as_array().map(Vec::as_slice).unwrap_or_default())
        .map(|e| &e["resource"])
        .collect()
}

/// The worklist at `now` from searchset Bundles holding the summaries (with their Patients) and
/// the review Tasks, in page order; what could not be read is reported, never guessed at.
pub fn rows(bundles: &[Value], now: DateTime<Utc>) -> (Vec<Row>, Vec<Issue>) {
    let all = resources(bundles);
    let mut issues = Vec::new();
    let patients: Vec<&Value> = all.iter().copied().filter(|r| r["resourceType"] == "Patient").collect();
    let reviews: Vec<(&str, Review)> = all
        .iter()
        .filter(|r| r["resourceType"] == "Task" && coded(&r["code"], TASK_SYSTEM).as_deref() == Some("review"))
        .filter(|r| r["status"] == "completed")
        .filter_map(|r| {
            let who = reference_id(&r["for"], "Patient")?;
            let at = r["executionPeriod"]["end"].as_str().or(r["authoredOn"].as_str()).and_then(parse_rfc3339)?;
            let by = r["owner"]["display"].as_str().or(r["requester"]["display"].as_str()).unwrap_or("someone");
            let note = r["note"][0]["text"].as_str().map(str::to_string);
            Some((who, Review { by: by.to_string(), at, note }))
        })
        .collect();
    let mut out: Vec<Row> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in all.iter().filter(|r| {
        r["resourceType"] == "Observation" && coded(&r["code"], HALE_RESULT).as_deref() == Some("monitoring_summary")
    }) {
        // The same summary on two pages (a list fetched again) is one person.
        if !seen.insert(s["id"].as_str().unwrap_or_default().to_string()) {
            continue;
        }
        let Some(patient_id) = reference_id(&s["subject"], "Patient") else {
            issues.push(Issue::error(
                IssueCode::Malformed,
                "Observation.subject",
                format!(
                    "A monitoring summary ({}) names no Patient; it was left out.",
                    s["id"].as_str().unwrap_or("?")
                ),
            ));
            continue;
        };
        let components = s["component"].as_array().map(Vec::as_slice).unwrap_or_default();
        let time_of = |code: &str| {
            components
                .iter()
                .find(|c| coded(&c["code"], HALE_RESULT).as_deref() == Some(code))
                .and_then(|c| c["valueDateTime"].as_str())
                .and_then(parse_rfc3339)
        };
        let flags: Vec<RowFlag> = components
            .iter()
            .filter_map(|c| {
                let rule_id = coded(&c["code"], HALE_RULE)?;
                let at = c["valueDateTime"].as_str().and_then(parse_rfc3339)?;
                // A flag this version does not know (a newer Hale raised it) is never read as
                // nothing: it counts as urgent.
                let (title, level) = crate::red_flags::rule(&rule_id)
                    .map_or((UNKNOWN_FLAG, crate::red_flags::Level::Urgent), |r| (r.title, r.level));
                let reference = c["extension"]
                    .as_array()
                    .and_then(|x| x.iter().find(|e| e["url"] == FLAG_EXTENSION))
                    .and_then(|e| e["valueReference"]["reference"].as_str())
                    .map(str::to_string);
                Some(RowFlag {
                    rule: rule_id,
                    title: title.to_string(),
                    level: level.as_str().to_string(),
                    at,
                    reference,
                })
            })
            .collect();
        let facts = Facts {
            latest_reading: time_of("latest_reading_at"),
            flags: flags
                .iter()
                .map(|f| match crate::red_flags::rule(&f.rule) {
                    Some(r) => FlagFact { rule: r.id, key: None, title: r.title, level: r.level, at: f.at },
                    None => FlagFact {
                        rule: "unknown",
                        key: None,
                        title: UNKNOWN_FLAG,
                        level: crate::red_flags::Level::Urgent,
                        at: f.at,
                    },
                })
                .collect(),
        };
        let reviewed =
            reviews.iter().filter(|(who, _)| *who == patient_id).map(|(_, r)| r).max_by_key(|r| r.at).cloned();
        let placed = place(&facts, now, reviewed.as_ref().map(|r| r.at));
        let patient = patients.iter().find(|p| p["id"] == patient_id);
        let name = patient.and_then(|p| {
            p["name"][0]["text"].as_str().map(str::to_string).or_else(|| {
                let given: Vec<&str> = p["name"][0]["given"].as_array()?.iter().filter_map(Value::as_str).collect();
                Some(
                    format!("{} {}", given.join(" "), p["name"][0]["family"].as_str().unwrap_or_default())
                        .trim()
                        .to_string(),
                )
            })
        });
        let nhs_number = patient.and_then(|p| {
            p["identifier"].as_array()?.iter().find(|i| i["system"] == NHS_NUMBER_SYSTEM)?["value"]
                .as_str()
                .map(str::to_string)
        });
        out.push(Row {
            patient_id: patient_id.to_string(),
            identifier: s["identifier"][0]["value"]
                .as_str()
                .and_then(|v| v.strip_suffix("/current"))
                .map(str::to_string),
            name: name.filter(|n| !n.is_empty()),
            nhs_number,
            birth_date: patient.and_then(|p| p["birthDate"].as_str()).map(str::to_string),
            category: placed.category,
            rank: placed.rank,
            at: placed.at,
            reason: placed.reason,
            last_data_at: facts.latest_reading,
            flags,
            reviewed,
            summary: format!("Observation/{}", s["id"].as_str().unwrap_or_default()),
            age: patient
                .and_then(|p| p["birthDate"].as_str())
                .and_then(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
                .and_then(|b| crate::time::age_years(b, now)),
            conditions: components.iter().filter_map(|c| coded(&c["code"], HALE_CONDITION)).collect(),
            tags: patient.map(|p| tags_of(p)).unwrap_or_default(),
            latest: components
                .iter()
                .filter_map(|c| {
                    Some(Latest {
                        code: coded(&c["code"], HALE_LATEST)?,
                        label: c["code"]["text"].as_str().unwrap_or_default().to_string(),
                        text: c["valueString"].as_str()?.to_string(),
                        at: c["extension"]
                            .as_array()
                            .and_then(|x| x.iter().find(|e| e["url"] == TAKEN_AT_EXTENSION))
                            .and_then(|e| e["valueDateTime"].as_str())
                            .and_then(parse_rfc3339),
                    })
                })
                .collect(),
        });
    }
    out.sort_by(|a, b| {
        (a.category, a.rank, std::cmp::Reverse(a.at), &a.patient_id).cmp(&(
            b.category,
            b.rank,
            std::cmp::Reverse(b.at),
            &b.patient_id,
        ))
    });
    (out, issues)
}

/// A row as JSON (what `hale worklist` prints).
pub fn row_json(r: &Row) -> Value {
    let def = r.category.def();
    json!({
        "patient_id": r.patient_id,
        "identifier": r.identifier,
        "name": r.name,
        "nhs_number": r.nhs_number,
        "birth_date": r.birth_date,
        "category": def.code,
        "category_title": def.title,
        "rank": r.rank,
        "reason": r.reason,
        "last_data_at": r.last_data_at.map(fmt_instant),
        "flags": r.flags.iter().map(|f| json!({
            "rule": f.rule, "title": f.title, "level": f.level, "at": fmt_instant(f.at), "reference": f.reference,
        })).collect::<Vec<_>>(),
        "reviewed": r.reviewed.as_ref().map(|v| json!({ "by": v.by, "at": fmt_instant(v.at), "note": v.note })),
        "summary": r.summary,
        "age": r.age,
        "conditions": r.conditions,
        "tags": r.tags,
        "latest": r.latest.iter().map(|l| json!({
            "code": l.code, "label": l.label, "text": l.text, "at": l.at.map(fmt_instant),
        })).collect::<Vec<_>>(),
    })
}

/// The review Task a team member records (`by`, with an optional note) for a row at `now`: focus
/// the most urgent flag (else the summary), for the Patient, completed.
pub fn review_task(row: &Row, by: &str, note: Option<&str>, now: DateTime<Utc>) -> Value {
    let focus = row
        .flags
        .iter()
        .filter(|f| f.reference.is_some())
        .min_by_key(|f| {
            (crate::red_flags::Level::ALL.iter().position(|l| l.as_str() == f.level), std::cmp::Reverse(f.at))
        })
        .and_then(|f| f.reference.clone())
        .unwrap_or_else(|| row.summary.clone());
    let mut t = json!({
        "resourceType": "Task",
        "status": "completed",
        "intent": "order",
        "code": { "coding": [{ "system": TASK_SYSTEM, "code": "review", "display": "Reviewed by the care team" }], "text": "Reviewed" },
        "for": { "reference": format!("Patient/{}", row.patient_id) },
        "focus": { "reference": focus },
        "authoredOn": fmt_instant(now),
        "executionPeriod": { "end": fmt_instant(now) },
        "owner": { "display": by },
    });
    if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
        t["note"] = json!([{ "text": n }]);
    }
    t
}

/// How many people a page of the worklist asks the server for.
pub const PAGE_SIZE: usize = 50;

/// The most rows a search by name or NHS number lists.
pub const SEARCH_LIMIT: usize = 50;

/// The search every worklist query starts from: the monitoring summaries, each with its Patient.
const SUMMARIES: &str = "Observation?code=urn:hale:result%7Cmonitoring_summary&_include=Observation:subject";

/// What the team chose to see.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// One category only.
    pub category: Option<Category>,
    /// People with this condition (a code of `urn:hale:condition`).
    pub condition: Option<crate::vocab::Condition>,
    /// These Patients only (server ids: what a search by name or NHS number found).
    pub patients: Option<Vec<String>>,
}

/// One search of the worklist, relative to the server's base.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    /// The query (`Observation?…`).
    pub query: String,
    /// Fetched whole (every page at once) rather than a page at a time.
    pub whole: bool,
    /// The categories its people are placed in at `now` (the rows shown from it).
    pub categories: Vec<Category>,
}

fn stamp(t: DateTime<Utc>) -> String {
    fmt_instant(t).replace(':', "%3A")
}

/// The searches that make the worklist at `now`, in the order to fetch them, each an ordinary FHIR
/// search the server pages and sorts (`_count`, `_sort`); a page of the worklist fetches them in
/// order until it has a page of people.
///
/// A summary holds the category the person's Hale placed them in when it last sent; time moves on
/// without a send (a flag ages out, silence grows), so the searches go by times as well as by the
/// stored category, to find everyone who belongs to a category *now*, and the core places each
/// person again:
/// 1. an urgent flag: summaries that said so, stored in the last 24 hours (a flag is never later
///    than the send that carried it), fetched whole — the few to call first;
/// 2. any flag: summaries that said a flag, stored in the last 7 days, the latest first;
/// 3. no readings for 14 days: summaries whose latest reading is older (whatever they said), the
///    latest first, then those with no reading at all;
/// 4. the rest: a reading in the last 14 days, the latest first.
///
/// A person found by two searches is listed once (`rows` keeps the first of each summary).
pub fn searches(now: DateTime<Utc>, filter: &Filter) -> Vec<Search> {
    let mut base = SUMMARIES.to_string();
    if let Some(c) = filter.condition {
        base.push_str(&format!("&component-code={}%7C{}", crate::fhir::HALE_CONDITION, c.as_str()));
    }
    let all = || CATEGORIES.iter().map(|d| d.category).collect::<Vec<_>>();
    if let Some(ids) = &filter.patients {
        // The people a search by name or a tag found, 50 to a search, at most `LISTED_LIMIT`.
        let listed: Vec<&String> = ids.iter().take(LISTED_LIMIT).collect();
        return listed
            .chunks(SEARCH_LIMIT)
            .map(|chunk| Search {
                query: format!(
                    "{base}&subject={}&_count={SEARCH_LIMIT}",
                    chunk.iter().map(|i| format!("Patient/{i}")).collect::<Vec<_>>().join(",")
                ),
                whole: true,
                categories: filter.category.map_or_else(all, |c| vec![c]),
            })
            .collect();
    }
    let triage = |codes: &[&str]| {
        codes.iter().map(|c| format!("{}%7C{c}", crate::monitoring::TRIAGE_SYSTEM)).collect::<Vec<_>>().join(",")
    };
    let wanted = |c: Category| filter.category.is_none_or(|f| f == c);
    let quiet_since = stamp(now - chrono::TimeDelta::days(crate::monitoring::SILENT_DAYS));
    let mut out = vec![
        Search {
            query: format!(
                "{base}&value-concept={}&_lastUpdated=ge{}&_count=100",
                triage(&["urgent-24h"]),
                stamp(now - chrono::TimeDelta::hours(crate::monitoring::URGENT_WINDOW_HOURS))
            ),
            whole: true,
            categories: all().into_iter().filter(|c| wanted(*c)).collect(),
        },
        Search {
            query: format!(
                "{base}&value-concept={}&_lastUpdated=ge{}&_sort=-_lastUpdated&_count={PAGE_SIZE}",
                triage(&["urgent-24h", "flag-7d"]),
                stamp(now - chrono::TimeDelta::days(crate::monitoring::FLAG_WINDOW_DAYS))
            ),
            whole: false,
            categories: all().into_iter().filter(|c| wanted(*c)).collect(),
        },
    ];
    if wanted(Category::Silent) {
        out.push(Search {
            query: format!("{base}&date=lt{quiet_since}&_sort=-date&_count={PAGE_SIZE}"),
            whole: false,
            categories: vec![Category::Silent],
        });
        out.push(Search {
            query: format!("{base}&date:missing=true&_count={PAGE_SIZE}"),
            whole: false,
            categories: vec![Category::Silent],
        });
    }
    if wanted(Category::Settled) {
        out.push(Search {
            query: format!("{base}&date=ge{quiet_since}&_sort=-date&_count={PAGE_SIZE}"),
            whole: false,
            categories: vec![Category::Settled],
        });
    }
    out
}

/// The search for the team's reviews of these Patients (server ids).
pub fn reviews_search(patient_ids: &[String]) -> String {
    let subjects: Vec<String> = patient_ids.iter().map(|i| format!("Patient/{i}")).collect();
    format!("Task?code={TASK_SYSTEM}%7Creview&status=completed&patient={}&_count=200", subjects.join(","))
}

/// Searches for a Patient by what a team member typed: an NHS number (spaces allowed, check digit right)
/// by its identifier, anything else by name.
pub fn patient_search(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    Some(if crate::record::nhs_number_valid(&digits) {
        format!("Patient?identifier={}%7C{digits}&_count={SEARCH_LIMIT}", NHS_NUMBER_SYSTEM)
    } else {
        format!("Patient?name={}&_count={SEARCH_LIMIT}", query_value(t))
    })
}

fn query_value(t: &str) -> String {
    let mut q = String::new();
    for b in t.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            q.push(b as char);
        } else {
            q.push_str(&format!("%{b:02X}"));
        }
    }
    q
}

/// A tag as the team typed it, tidied (trimmed, inner spaces single, lower case), or why not.
pub fn tag_text(typed: &str) -> Result<String, String> {
    let t = typed.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if t.is_empty() {
        return Err("Type a tag first.".to_string());
    }
    if t.chars().count() > TAG_MAX_CHARS || t.contains(['|', ',', '$']) {
        return Err(format!("A tag is at most {TAG_MAX_CHARS} letters, numbers and spaces."));
    }
    Ok(t)
}

/// The team's tags on a Patient.
pub fn tags_of(patient: &Value) -> Vec<String> {
    patient["meta"]["tag"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["system"] == TEAM_TAG_SYSTEM)
        .filter_map(|t| t["code"].as_str().map(str::to_string))
        .collect()
}

/// The search for the Patients with a team tag.
pub fn tag_search(tag: &str) -> String {
    format!("Patient?_tag={TEAM_TAG_SYSTEM}%7C{}&_elements=id&_count=100", query_value(tag))
}

/// The Patient with a team tag added (once) or taken off; every other part of it as it was.
pub fn with_tag(patient: &Value, tag: &str, on: bool) -> Value {
    let mut p = patient.clone();
    let mut tags: Vec<Value> = p["meta"]["tag"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !(t["system"] == TEAM_TAG_SYSTEM && t["code"] == tag))
        .collect();
    if on {
        tags.push(json!({ "system": TEAM_TAG_SYSTEM, "code": tag, "display": tag }));
    }
    if !p["meta"].is_object() {
        p["meta"] = json!({});
    }
    p["meta"]["tag"] = json!(tags);
    p
}

/// An undone review: the same Task, marked entered in error (it no longer counts).
pub fn undo_review(task: &Value) -> Value {
    let mut t = task.clone();
    t["status"] = json!("entered-in-error");
    t
}

/// A CSV field: quoted when it needs to be, and never read as a formula by a spreadsheet (a
/// leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`).
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The worklist as CSV (RFC 4180, CRLF), one line per row in list order.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from(
        "Category,Reason,Name,NHS number,Age,Conditions,Latest values,Last reading,Reviewed by,Reviewed at,Review note,Tags,Patient id,Identifier\r\n",
    );
    for r in rows {
        let latest: Vec<String> = r
            .latest
            .iter()
            .map(|l| match l.at {
                Some(t) => format!("{}: {} ({})", l.label, l.text, fmt_instant(t)),
                None => format!("{}: {}", l.label, l.text),
            })
            .collect();
        let fields = [
            r.category.def().title.to_string(),
            r.reason.clone(),
            r.name.clone().unwrap_or_default(),
            r.nhs_number.clone().unwrap_or_default(),
            r.age.map(|a| a.to_string()).unwrap_or_default(),
            r.conditions.iter().map(|c| c.replace('_', " ")).collect::<Vec<_>>().join("; "),
            latest.join("; "),
            r.last_data_at.map(fmt_instant).unwrap_or_default(),
            r.reviewed.as_ref().map(|v| v.by.clone()).unwrap_or_default(),
            r.reviewed.as_ref().map(|v| fmt_instant(v.at)).unwrap_or_default(),
            r.reviewed.as_ref().and_then(|v| v.note.clone()).unwrap_or_default(),
            r.tags.join("; "),
            r.patient_id.clone(),
            r.identifier.clone().unwrap_or_default(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
