//! What Hale sends to a care team's FHIR server: a whole Record, with what the assessment made of
//! it, as one R4 `transaction` Bundle in which every entry is conditional on a stable identifier,
//! so sending the same thing twice never creates anything twice.
//!
//! - The `Patient`: when its id on the server is known (the SMART sign-in names it), every entry
//!   refers to `Patient/<id>` and the Bundle carries no Patient. Otherwise the Patient carries the
//!   identifier the enrolment gave the person (and their name or birth date only when they agreed
//!   to each); it is created once (`ifNoneExist`) and every other entry refers to it by its
//!   `urn:uuid:` full URL, which the server resolves.
//! - Readings, symptoms, conditions, medicines, questionnaire responses and their scores, the
//!   personal values the team needs (peak-flow best, oxygen and glucose targets), each red flag of
//!   the last 90 days as a `Flag` (active while it stands, `inactive` once it has settled) with a
//!   `DetectedIssue` whose `evidence` points at the readings that raised it, QRISK3 as a
//!   `RiskAssessment`, the health score as an `Observation` (Hale's code), the recheck plan as a
//!   `CarePlan`, and the person's monitoring summary (an `Observation`, one per person: the care
//!   team's triage category as its value, `crate::monitoring`, with its rank and reason and the times
//!   of the latest reading and flag as components): each written to an id derived from its identifier (`PUT Type/<stable id>`,
//!   update-as-create with a client-assigned id), so an edited reading is updated in place and a
//!   flag that settles turns `inactive`. (Not a conditional update on the identifier: a server that
//!   confines a person's token to their compartment may refuse conditional writes, as helios-hfs
//!   does; writing to a known id is allowed there and everywhere client ids are.)
//! - Everything is patient-generated: the Patient is the performer or author, and every resource
//!   carries the tag `patient-generated` (system `urn:hale:provenance`).
//!
//! Identifier systems are `<base>:<type>` for a `urn:` base and `<base>/<type>` for a URL base (the
//! deployment's configured base; docs/care-team.md lists them); every value but the Patient's is
//! `<patient id>/<entry id or code>`, so two people's entries never share an identifier.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::export::{
    category, coding, condition_codings, observation, quantity, questionnaire_response, questionnaire_total, uuid,
};
use super::*;
use crate::assessment::Assessment;
use crate::record::Record;
use crate::red_flags::Level;
use crate::time::{fmt_date, fmt_instant};

/// Hale's rule ids as codes (the rules table, docs/rules.md).
pub const HALE_RULE: &str = "urn:hale:rule";
/// Hale's codes for its own results (the health score, the monitoring summary).
pub const HALE_RESULT: &str = "urn:hale:result";
/// The NHS number's identifier system (NHS England's FHIR identifiers).
pub const NHS_NUMBER_SYSTEM: &str = "https://fhir.nhs.uk/Id/nhs-number";
/// The extension on a monitoring summary's flag component that refers to the Flag.
pub const FLAG_EXTENSION: &str = "urn:hale:fhir:flag";
/// The code system of the monitoring summary's key latest values (codes: the kind or questionnaire).
pub const HALE_LATEST: &str = "urn:hale:latest";
/// The extension on a key latest value: when it was taken.
pub const TAKEN_AT_EXTENSION: &str = "urn:hale:fhir:taken-at";
/// The tag every resource Hale sends carries.
pub const PROVENANCE: &str = "urn:hale:provenance";

/// What the person agreed the practice may see about who they are (each asked at enrolment).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Consent {
    /// Their name.
    pub name: bool,
    /// Their date of birth (and sex).
    pub birth_date: bool,
    /// Their NHS number.
    pub nhs_number: bool,
}

/// The identifier system for `kind` under `base`.
pub fn system(base: &str, kind: &str) -> String {
    if base.starts_with("urn:") {
        format!("{base}:{kind}")
    } else {
        format!("{}/{kind}", base.trim_end_matches('/'))
    }
}

struct Builder<'a> {
    base: &'a str,
    patient_id: &'a str,
    patient_url: String,
    entries: Vec<Value>,
}

impl Builder<'_> {
    /// Adds `resource` identified by (`kind`, `value`) and written to its stable id; returns the
    /// reference other entries use (`Type/id`). The identifier's value starts with the person's id
    /// (`ID/value`): entry ids and codes are only unique within one person's record, and a server
    /// holds many people.
    fn put(&mut self, kind: &str, value: &str, mut resource: Value) -> String {
        let system = system(self.base, kind);
        let value = &format!("{}/{value}", self.patient_id);
        let rtype = resource["resourceType"].as_str().unwrap_or_default().to_string();
        let id = stable_id(&system, value);
        resource["id"] = json!(id);
        resource["identifier"] = json!([{ "system": system, "value": value }]);
        resource["meta"] = json!({ "tag": [{ "system": PROVENANCE, "code": "patient-generated", "display": "Recorded by the person (Hale)" }] });
        self.entries.push(json!({
            "fullUrl": format!("urn:uuid:{}", uuid(&[&system, value])),
            "resource": resource,
            "request": { "method": "PUT", "url": format!("{rtype}/{id}") },
        }));
        format!("{rtype}/{id}")
    }
}

/// The id a resource always has on the server: derived from its identifier (system and value), so
/// writing it again is an update of the same resource ("update as create", FHIR's client-assigned
/// ids), never a second copy. `h` and 32 hexadecimal digits: a valid FHIR id that always has a letter.
pub fn stable_id(system: &str, value: &str) -> String {
    format!("h{}", uuid(&[system, value]).replace('-', ""))
}

/// Percent-encodes what a search parameter's value needs (`|` stays: it separates system and value).
fn query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'|' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn tag_level(level: Level) -> &'static str {
    match level {
        Level::Emergency | Level::Urgent => "high",
        Level::Soon => "moderate",
        _ => "low",
    }
}

/// Whom a transaction is for, and what was sent before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The identifier the enrolment gave the person (scopes every identifier value).
    pub patient_id: String,
    /// The Patient's id on the server, when known (the SMART sign-in names it): entries then refer
    /// to `Patient/<id>` and the Bundle carries no Patient (a patient-scoped token may not create
    /// one). Otherwise the Patient is created once, by its identifier.
    pub server_patient: Option<String>,
    /// The identifier systems' base (`urn:hale:id`, or the deployment's URL).
    pub base: String,
    /// What the person agreed the practice may see about who they are.
    pub consent: Consent,
    /// The flags sent before (`rule@start`, as in their identifiers): one no longer raised in the
    /// record (its reading edited or deleted) is sent again as `inactive`.
    pub earlier_flags: Vec<String>,
}

impl Options {
    /// Reads options JSON (`{"patient_id", "server_patient", "base", "with_name",
    /// "with_birth_date", "with_nhs_number", "earlier_flags"}`), checking the ids.
    pub fn from_json(v: &Value) -> Result<Options, Vec<crate::issue::Issue>> {
        use crate::issue::{Issue, IssueCode};
        let bad = |field: &str, m: &str| vec![Issue::error(IssueCode::BadArgument, field, m)];
        let patient_id = v["patient_id"].as_str().unwrap_or_default().to_string();
        if patient_id.trim().is_empty()
            || patient_id.chars().count() > crate::enrol::MAX_ID_CHARS
            || patient_id.contains(['|', ',', '$'])
        {
            return Err(bad("patient_id", "The patient id must be 1 to 64 characters without |, comma or $."));
        }
        let server_patient = v["server_patient"].as_str().filter(|s| !s.is_empty()).map(str::to_string);
        if server_patient.as_deref().is_some_and(|id| {
            id.chars().count() > crate::enrol::MAX_ID_CHARS
                || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        }) {
            return Err(bad(
                "server_patient",
                "The Patient's id on the server must be 1 to 64 letters, digits, - or . (a FHIR id).",
            ));
        }
        let base = v["base"].as_str().unwrap_or("urn:hale:id").to_string();
        if !(base.starts_with("urn:") || base.starts_with("https://") || base.starts_with("http://")) {
            return Err(bad("base", "The identifier base must be a urn: or an http(s) URL."));
        }
        Ok(Options {
            patient_id,
            server_patient,
            base,
            consent: Consent {
                name: v["with_name"].as_bool().unwrap_or(false),
                birth_date: v["with_birth_date"].as_bool().unwrap_or(false),
                nhs_number: v["with_nhs_number"].as_bool().unwrap_or(false),
            },
            earlier_flags: v["earlier_flags"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
        })
    }
}

/// The keys (`rule@start`) of the Flags in a transaction Bundle, to keep as `earlier_flags`.
pub fn flag_keys(bundle: &Value, patient_id: &str) -> Vec<String> {
    let prefix = format!("{patient_id}/");
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["resource"]["resourceType"] == "Flag")
        .filter_map(|e| e["resource"]["identifier"][0]["value"].as_str()?.strip_prefix(&prefix).map(str::to_string))
        .collect()
}

/// How every entry refers to the person: `Patient/<id>` when the server's id is known, otherwise
/// the `urn:uuid:` full URL of the Patient entry the Bundle then carries.
pub fn patient_url(o: &Options) -> String {
    match &o.server_patient {
        Some(id) => format!("Patient/{id}"),
        None => format!("urn:uuid:{}", uuid(&["patient", &system(&o.base, "patient"), &o.patient_id])),
    }
}

/// The transaction Bundle for a whole Record at `now`: see the module documentation.
pub fn transaction(record: &Record, assessment: &Assessment, o: &Options, now: DateTime<Utc>) -> Value {
    let (patient_id, server_patient, base, consent) =
        (o.patient_id.as_str(), o.server_patient.as_deref(), o.base.as_str(), o.consent);
    let p = &record.profile;
    let patient_system = system(base, "patient");
    let patient_url = patient_url(o);
    let mut patient = json!({
        "resourceType": "Patient",
        "identifier": [{ "system": patient_system, "value": patient_id }],
        "meta": { "tag": [{ "system": PROVENANCE, "code": "patient-generated", "display": "Recorded by the person (Hale)" }] },
    });
    if consent.name {
        if let Some(n) = &p.name {
            patient["name"] = json!([{ "text": n }]);
        }
    }
    if consent.nhs_number {
        if let Some(n) = &p.nhs_number {
            patient["identifier"]
                .as_array_mut()
                .map(|ids| ids.push(json!({ "system": NHS_NUMBER_SYSTEM, "value": n })))
                .unwrap_or_default();
        }
    }
    if consent.birth_date {
        if let Some(b) = p.birth_date {
            patient["birthDate"] = json!(fmt_date(b));
        }
        if let Some(s) = p.sex {
            patient["gender"] = json!(s.as_str());
        }
    }
    let mut b = Builder { base, patient_id, patient_url: patient_url.clone(), entries: Vec::new() };
    if server_patient.is_none() {
        b.entries.push(json!({
            "fullUrl": patient_url,
            "resource": patient,
            "request": {
                "method": "POST",
                "url": "Patient",
                "ifNoneExist": format!("identifier={}", query(&format!("{patient_system}|{patient_id}"))),
            },
        }));
    }
    let subject = json!({ "reference": b.patient_url });

    for c in &p.conditions {
        let (codings, label) = condition_codings(*c);
        let r = json!({
            "resourceType": "Condition",
            "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")] },
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")] }],
            "code": { "coding": codings, "text": label },
            "subject": subject,
            "recorder": subject,
        });
        b.put("condition", c.as_str(), r);
    }
    for m in &p.medications {
        let label = m.as_str().replace('_', " ");
        let r = json!({
            "resourceType": "MedicationStatement",
            "status": "active",
            "medicationCodeableConcept": { "coding": [coding(HALE_MEDICATION, m.as_str(), &label)], "text": label },
            "subject": subject,
            "informationSource": subject,
        });
        b.put("medication-class", m.as_str(), r);
    }
    if let Some(plan) = &p.care_plan {
        for m in &plan.medicines {
            let mut concept = json!({ "text": m.name });
            if let Some(c) = m.class {
                concept["coding"] = json!([coding(HALE_MEDICATION, c.as_str(), &c.as_str().replace('_', " "))]);
            }
            let mut r = json!({
                "resourceType": "MedicationStatement",
                "status": "active",
                "medicationCodeableConcept": concept,
                "subject": subject,
                "informationSource": subject,
            });
            if let Some(d) = &m.dose {
                r["dosage"] = json!([{ "text": d }]);
            }
            b.put("care-plan-medicine", &m.name, r);
        }
    }
    for sy in &record.symptoms {
        let label = sy.code.as_str().replace('_', " ");
        let (status, display) = if sy.resolved_at.is_some() { ("resolved", "Resolved") } else { ("active", "Active") };
        let mut r = json!({
            "resourceType": "Condition",
            "clinicalStatus": { "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-clinical", status, display)] },
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")] }],
            "code": { "coding": [coding(HALE_SYMPTOM, sy.code.as_str(), &label)], "text": label },
            "subject": subject,
            "recorder": subject,
            "onsetDateTime": fmt_instant(sy.at),
        });
        if let Some(end) = sy.resolved_at {
            r["abatementDateTime"] = json!(fmt_instant(end));
        }
        b.put("symptom", &sy.id, r);
    }
    // The personal values the team needs to read the numbers.
    let personal = |code: &str, display: &str| {
        json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("vital-signs"),
            "code": { "coding": [coding(HALE_KIND, code, display)], "text": display },
            "subject": subject,
            "performer": [subject],
            "effectiveDateTime": fmt_instant(now),
        })
    };
    if let Some(best) = p.peak_flow_best_l_min {
        let mut r = personal("peak_flow_best", "Personal best peak flow");
        r["valueQuantity"] = quantity(best, "L/min", "L/min");
        b.put("personal-value", "peak_flow_best", r);
    }
    if let Some(t) = p.oxygen_target {
        let (low, high) = t.range();
        let mut r = personal("oxygen_target", "Oxygen saturation target range");
        r["valueRange"] = json!({ "low": quantity(low, "%", "%"), "high": quantity(high, "%", "%") });
        b.put("personal-value", "oxygen_target", r);
    }
    if let Some((low, high)) = p.glucose_target_mmol_l {
        let mut r = personal("glucose_target", "Glucose target range");
        r["valueRange"] =
            json!({ "low": quantity(low, "mmol/L", "mmol/L"), "high": quantity(high, "mmol/L", "mmol/L") });
        b.put("personal-value", "glucose_target", r);
    }
    // Readings, by id.
    let mut reading_urls = std::collections::BTreeMap::new();
    for o in &record.observations {
        let (r, _) = observation(o, &b.patient_url);
        reading_urls.insert(o.id.as_str(), b.put("observation", &o.id, r));
    }
    for q in &record.questionnaires {
        let r = questionnaire_response(q, &b.patient_url);
        let url = b.put("questionnaire-response", &q.id, r);
        let mut total = questionnaire_total(q, &b.patient_url);
        total["derivedFrom"] = json!([{ "reference": url }]);
        total["performer"] = json!([subject]);
        reading_urls.insert(q.id.as_str(), url);
        b.put("questionnaire-score", &q.id, total);
    }
    // The red flags of the last 90 days: a Flag while it stands (inactive once settled) and the
    // DetectedIssue that says what raised it.
    let since = now - chrono::TimeDelta::days(90);
    let mut sent_now: Vec<String> = Vec::new();
    let mut flag_urls: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for e in crate::history::episodes(record, since, now) {
        let key = format!("{}@{}", e.id, e.from);
        let code = json!({ "coding": [coding(HALE_RULE, e.id, e.title)], "text": e.title });
        let mut flag = json!({
            "resourceType": "Flag",
            "status": if e.active { "active" } else { "inactive" },
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")] }],
            "code": code,
            "subject": subject,
            "period": { "start": e.from },
            "author": subject,
            "extension": [
                super::export::ext("level", "valueCode", json!(e.level.as_str())),
                super::export::ext("service", "valueCode", json!(e.service.as_str())),
                super::export::ext("source", "valueString", json!(e.source)),
            ],
        });
        if !e.active {
            flag["period"]["end"] = json!(e.last_seen);
        }
        flag_urls.insert(key.clone(), b.put("flag", &key, flag));
        let evidence: Vec<Value> = e
            .evidence
            .iter()
            .filter_map(|id| reading_urls.get(id.as_str()))
            .map(|u| json!({ "reference": u }))
            .collect();
        let mut issue = json!({
            "resourceType": "DetectedIssue",
            "status": "final",
            "code": code,
            "severity": tag_level(e.level),
            "patient": subject,
            "identifiedDateTime": e.from,
            "author": subject,
            "detail": format!("{} ({}; {})", e.title, e.level.as_str().replace('_', " "), e.source),
        });
        if !evidence.is_empty() {
            issue["evidence"] = json!([{ "detail": evidence }]);
        }
        b.put("detected-issue", &key, issue);
        sent_now.push(key);
    }
    // A flag sent before that the record no longer raises (its reading was edited or deleted):
    // no longer standing.
    for key in o.earlier_flags.iter().filter(|k| !sent_now.contains(k)) {
        let Some((rule_id, from)) = key.split_once('@') else { continue };
        let Some(rule) = crate::red_flags::rule(rule_id) else { continue };
        let flag = json!({
            "resourceType": "Flag",
            "status": "inactive",
            "category": [{ "coding": [coding("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")] }],
            "code": { "coding": [coding(HALE_RULE, rule.id, rule.title)], "text": rule.title },
            "subject": subject,
            "period": { "start": from, "end": fmt_instant(now) },
            "author": subject,
            "extension": [
                super::export::ext("level", "valueCode", json!(rule.level.as_str())),
                super::export::ext("service", "valueCode", json!(rule.service.as_str())),
                super::export::ext("source", "valueString", json!(rule.source)),
            ],
        });
        b.put("flag", key, flag);
    }
    let day = fmt_date(now.date_naive());
    if let Some(score) = &assessment.score {
        if let Some(total) = score.total {
            let r = json!({
                "resourceType": "Observation",
                "status": "final",
                "category": category("survey"),
                "code": { "coding": [coding(HALE_RESULT, "health_score", "Hale health score (Life's Essential 8)")], "text": "Health score" },
                "subject": subject,
                "performer": [subject],
                "effectiveDateTime": fmt_instant(now),
                "valueQuantity": { "value": total, "unit": "score", "system": UCUM, "code": "{score}" },
            });
            b.put("health-score", &day, r);
        }
    }
    if let Some(q) = &assessment.qrisk3 {
        let r = json!({
            "resourceType": "RiskAssessment",
            "status": "final",
            "code": { "coding": [coding(HALE_RESULT, "qrisk3", "QRISK3 10-year cardiovascular risk")], "text": "QRISK3" },
            "subject": subject,
            "performer": subject,
            "occurrenceDateTime": fmt_instant(now),
            "method": { "text": q.source },
            "prediction": [{
                "outcome": { "text": "Heart attack or stroke within 10 years" },
                "probabilityDecimal": (q.risk_percent / 100.0 * 10000.0).round() / 10000.0,
                "whenRange": { "high": { "value": 10, "unit": "a", "system": UCUM, "code": "a" } },
            }],
        });
        b.put("qrisk3", &day, r);
    }
    // The person's monitoring summary (one per person, kept current): where the care team's
    // worklist places them (crate::monitoring), and the times it orders by.
    {
        let facts = crate::monitoring::facts(record, now);
        let placed = crate::monitoring::place(&facts, now, None);
        let def = placed.category.def();
        let component = |code: &str, display: &str, value: (&str, Value)| {
            let mut c = json!({ "code": { "coding": [coding(HALE_RESULT, code, display)], "text": display } });
            c[value.0] = value.1;
            c
        };
        let mut parts = vec![
            component("triage_rank", "Rank within the category (0 most urgent)", ("valueInteger", json!(placed.rank))),
            component("triage_reason", "Why", ("valueString", json!(placed.reason))),
        ];
        if let Some(t) = facts.latest_reading {
            parts.push(component(
                "latest_reading_at",
                "Latest reading taken",
                ("valueDateTime", json!(fmt_instant(t))),
            ));
        }
        if let Some(t) = facts.flags.iter().map(|f| f.at).max() {
            parts.push(component("latest_flag_at", "Latest flag standing", ("valueDateTime", json!(fmt_instant(t)))));
        }
        // Each flag of the last 7 days: its rule as the code, when it last stood as the value, and
        // the Flag itself (a review's focus) in an extension.
        for f in &facts.flags {
            let mut c = json!({
                "code": { "coding": [coding(HALE_RULE, f.rule, f.title)], "text": f.title },
                "valueDateTime": fmt_instant(f.at),
            });
            if let Some(url) = f.key.as_ref().and_then(|k| flag_urls.get(k)) {
                c["extension"] = json!([{ "url": FLAG_EXTENSION, "valueReference": { "reference": url } }]);
            }
            parts.push(c);
        }
        // The person's conditions (the worklist filters on them with `component-code`) and the
        // key latest values with the times they were taken.
        for c in &p.conditions {
            let (codings, label) = condition_codings(*c);
            parts.push(json!({ "code": { "coding": codings, "text": label }, "valueBoolean": true }));
        }
        for k in crate::monitoring::key_values(record, now) {
            parts.push(json!({
                "code": { "coding": [coding(HALE_LATEST, k.code, k.label)], "text": k.label },
                "valueString": k.text,
                "extension": [{ "url": TAKEN_AT_EXTENSION, "valueDateTime": fmt_instant(k.at) }],
            }));
        }
        let mut r = json!({
            "resourceType": "Observation",
            "status": "final",
            "category": category("survey"),
            "code": { "coding": [coding(HALE_RESULT, "monitoring_summary", "Hale monitoring summary")], "text": "Monitoring summary" },
            "subject": subject,
            "performer": [subject],
            "valueCodeableConcept": {
                "coding": [coding(crate::monitoring::TRIAGE_SYSTEM, def.code, def.title)],
                "text": def.title,
            },
            "component": parts,
        });
        // The time the worklist searches and sorts by: the latest reading's own time (not when it
        // was sent), so "no readings for 14 days" is a date search; none when there is no reading.
        if let Some(t) = facts.latest_reading {
            r["effectiveDateTime"] = json!(fmt_instant(t));
        }
        b.put("monitoring-summary", "current", r);
    }
    if !assessment.plan.is_empty() {
        let activity: Vec<Value> = assessment
            .plan
            .iter()
            .map(|i| {
                json!({ "detail": {
                    "status": if i.overdue { "not-started" } else { "scheduled" },
                    "description": i.title,
                    "scheduledString": format!("due {}", i.due),
                }})
            })
            .collect();
        let r = json!({
            "resourceType": "CarePlan",
            "status": "active",
            "intent": "plan",
            "title": "Rechecks (Hale)",
            "subject": subject,
            "author": subject,
            "created": fmt_instant(now),
            "activity": activity,
        });
        b.put("recheck-plan", "current", r);
    }
    json!({ "resourceType": "Bundle", "type": "transaction", "entry": b.entries })
}

/// What came of posting a transaction, read from the server's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    /// Stored: how many entries were created and how many were already there (updated or unchanged).
    Stored {
        /// New on the server.
        created: usize,
        /// Already there.
        kept: usize,
    },
    /// Not now (offline, busy, a conflict): nothing is lost; send again later.
    Later(String),
    /// The sign-in has run out: sign in again (a refresh token may do it without the person).
    SignIn(String),
    /// The server refused it, and sending the same again will not help: what it said.
    Refused(String),
}

/// The first diagnostics of an OperationOutcome, when the body is one.
fn outcome_words(body: &Value) -> Option<String> {
    if body["resourceType"] != "OperationOutcome" {
        return None;
    }
    body["issue"].as_array()?.iter().find_map(|i| {
        i["diagnostics"].as_str().or_else(|| i["details"]["text"].as_str()).map(|t| t.chars().take(300).collect())
    })
}

/// Reads the answer to a transaction (`status` 0 when the request never reached a server). A 200
/// must be a `transaction-response` Bundle with one entry per entry sent (`sent`), each 2xx;
/// anything else is not taken as stored.
pub fn read_response(status: u16, body: &str, sent: usize) -> Sent {
    let json: Option<Value> = serde_json::from_str(body).ok();
    let said = json.as_ref().and_then(outcome_words);
    match status {
        0 => Sent::Later("You seem to be offline. Hale will send when you are back online.".into()),
        200 => {
            let Some(b) = json.filter(|b| b["resourceType"] == "Bundle" && b["type"] == "transaction-response") else {
                return Sent::Refused("The practice's server answered with something that is not a FHIR answer to what Hale sent. Nothing is marked as sent.".into());
            };
            let entries = b["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
            let codes: Vec<&str> =
                entries.iter().map(|e| e["response"]["status"].as_str().unwrap_or_default()).collect();
            if codes.len() != sent || !codes.iter().all(|c| c.starts_with('2')) {
                return Sent::Refused(
                    "The practice's server did not store everything Hale sent. Nothing is marked as sent.".into(),
                );
            }
            let created = codes.iter().filter(|c| c.starts_with("201")).count();
            Sent::Stored { created, kept: codes.len() - created }
        }
        401 => Sent::SignIn("Your sign-in with your practice has run out. Sign in again to keep sending.".into()),
        403 => Sent::Refused(format!(
            "Your practice's server did not allow this{}. Ask your practice.",
            said.map(|s| format!(" (it said: {s})")).unwrap_or_default()
        )),
        404 => Sent::Refused("Your practice's server address is not right. Ask your practice for a new link.".into()),
        409 | 412 => Sent::Later("Your practice's server was busy with the same records. Hale will try again.".into()),
        422 | 400 => Sent::Refused(format!(
            "Your practice's server did not accept what Hale sent{}.",
            said.map(|s| format!(": {s}")).unwrap_or_default()
        )),
        429 | 500..=599 => {
            Sent::Later("Your practice's server is busy or not working just now. Hale will try again later.".into())
        }
        other => Sent::Refused(format!("Your practice's server answered with an error ({other}).")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systems_under_a_urn_or_a_url_base() {
        assert_eq!(system("urn:hale:test", "observation"), "urn:hale:test:observation");
        assert_eq!(system("https://hale.example.org/id/", "flag"), "https://hale.example.org/id/flag");
    }

    #[test]
    fn search_values_are_percent_encoded_except_the_separator() {
        assert_eq!(query("urn:x:flag|bp.severe@2026-11-20T08:00:00Z"), "urn:x:flag|bp.severe@2026-11-20T08:00:00Z");
        assert_eq!(query("urn:x|a b&c"), "urn:x|a%20b%26c");
    }

    #[test]
    fn every_answer_has_plain_words_and_only_a_full_fhir_answer_counts_as_stored() {
        let ok = r#"{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created"}},{"response":{"status":"200 OK"}}]}"#;
        assert_eq!(read_response(200, ok, 2), Sent::Stored { created: 1, kept: 1 });
        assert!(matches!(read_response(200, ok, 3), Sent::Refused(_)), "one entry missing");
        assert!(
            matches!(read_response(200, "<html>login</html>", 2), Sent::Refused(m) if m.contains("not a FHIR answer"))
        );
        assert!(matches!(read_response(0, "", 2), Sent::Later(m) if m.contains("offline")));
        assert!(matches!(read_response(401, "", 2), Sent::SignIn(_)));
        let oo = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":"Observation.status is required"}]}"#;
        assert!(matches!(read_response(422, oo, 2), Sent::Refused(m) if m.contains("Observation.status is required")));
        for s in [409, 412, 429, 500, 503] {
            assert!(matches!(read_response(s, "", 2), Sent::Later(_)), "{s}");
        }
        for s in [403, 404, 418] {
            assert!(matches!(read_response(s, "", 2), Sent::Refused(_)), "{s}");
        }
    }
}
