//! The outbox: what of a person's record the practice's server does not hold yet, in the order and
//! the batches Hale sends it.
//!
//! The queue is the difference between two things Hale keeps in IndexedDB: the record itself, and
//! what the server has acknowledged (`SentState`: for each resource written, `Type/id`, a hash of
//! what was sent). Each change to the record — a reading added or edited, a symptom, a flag raised
//! or settled, a score moved — makes the transaction Bundle (`transaction::transaction`) differ
//! from what was acknowledged, and only those entries are waiting. Nothing is lost when a tab
//! closes or the device is offline for a week (the record and the acknowledgements are both kept),
//! and nothing is duplicated when a batch is cut short (every entry is written to its stable id, so
//! sending it again updates the same resource). A batch is acknowledged only after the server
//! stored all of it.
//!
//! - **Deleted entries.** A resource that stood for an entry of the record (a reading, a symptom, a
//!   questionnaire and its score, a condition, a medicine, a personal value) that the record no
//!   longer has is sent as `entered-in-error`, once. What that needs (the identifier and the code)
//!   is kept with its acknowledgement. Derived resources of earlier days (a day's health score,
//!   QRISK3) stay as they were; a flag sent before that no longer stands is sent `inactive` by the
//!   transaction itself.
//! - **Send times are not changes.** Resources stamped with the moment of sending (the personal
//!   values, the recheck plan) are compared without that moment, so an unchanged record has
//!   nothing waiting.
//! - **Urgent first.** An emergency or urgent flag waiting to be sent goes in the first batch, with
//!   the readings that raised it and its `DetectedIssue`; the rest follow in the Bundle's order.
//! - When the server's id for the Patient is not known, the Patient entry (created once, by its
//!   identifier) leads every batch, since the other entries refer to it by its full URL.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::transaction::{patient_url, system, Options, PROVENANCE};

/// Entries per batch: acknowledged together, so a batch cut short sends at most this many again.
pub const BATCH: usize = 25;

/// What the server has acknowledged: `Type/id` → `[hash]`, or `[hash, kind, identifier value,
/// code]` for a resource that stands for an entry of the record (what marking it
/// `entered-in-error` needs once that entry is deleted).
pub type SentState = BTreeMap<String, Value>;

/// The identifier kinds (`<base>:<kind>`) whose resources stand for entries of the record.
const ENTRY_KINDS: [&str; 8] = [
    "observation",
    "questionnaire-response",
    "questionnaire-score",
    "symptom",
    "condition",
    "medication-class",
    "care-plan-medicine",
    "personal-value",
];

/// The kinds that count as the person's readings and entries in "waiting to send".
const COUNTED_KINDS: [&str; 3] = ["observation", "questionnaire-response", "symptom"];

/// The key the Patient entry's acknowledgement is kept under (it has no id of Hale's making).
const PATIENT_KEY: &str = "Patient?identifier";

/// One batch: a transaction Bundle and what to record once the server has stored all of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// The transaction Bundle.
    pub bundle: Value,
    /// `Type/id` → its new acknowledgement (`None`: forget it, it was marked entered-in-error).
    pub acknowledge: BTreeMap<String, Option<Value>>,
    /// The flags in this batch (`rule@start`), to keep as the enrolment's sent flags.
    pub flags: Vec<String>,
    /// What this batch carries of what is waiting.
    pub waiting: Waiting,
}

/// What is waiting, for the person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    /// The person's readings, symptoms and questionnaires waiting (added, edited or deleted).
    pub entries: usize,
    /// How many of those are readings.
    pub readings: usize,
    /// Every resource waiting, derived ones included.
    pub resources: usize,
    /// An emergency or urgent flag is waiting.
    pub urgent: bool,
}

/// What to send, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outbox {
    /// The batches, in the order to send them.
    pub batches: Vec<Batch>,
    /// What is waiting.
    pub waiting: Waiting,
}

/// The hash an entry's resource is compared by: FNV-1a over its JSON with the send time (`now`, as
/// written in the Bundle) left out.
fn hash(resource: &Value, now: &str) -> String {
    let text = resource.to_string().replace(now, "");
    crate::enrol::fnv64(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The identifier kind of a resource Hale wrote (`<base>:<kind>` or `<base>/<kind>`).
fn kind_of(resource: &Value) -> &str {
    let system = resource["identifier"][0]["system"].as_str().unwrap_or_default();
    system.rsplit([':', '/']).next().unwrap_or_default()
}

/// The `entered-in-error` version of a resource acknowledged as `[hash, kind, value, code]`.
fn tombstone(url: &str, ack: &Value, o: &Options, subject: &Value) -> Option<Value> {
    let (rtype, id) = url.split_once('/')?;
    let kind = ack[1].as_str()?;
    let mut r = json!({
        "resourceType": rtype,
        "id": id,
        "identifier": [{ "system": system(&o.base, kind), "value": ack[2] }],
        "meta": { "tag": [{ "system": PROVENANCE, "code": "patient-generated", "display": "Recorded by the person (Hale)" }] },
    });
    let code = ack[3].clone();
    match rtype {
        "Observation" => {
            r["status"] = json!("entered-in-error");
            r["code"] = code;
            r["subject"] = subject.clone();
        }
        "Condition" => {
            r["verificationStatus"] = json!({ "coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "code": "entered-in-error", "display": "Entered in Error" }] });
            r["code"] = code;
            r["subject"] = subject.clone();
        }
        "MedicationStatement" => {
            r["status"] = json!("entered-in-error");
            r["medicationCodeableConcept"] = code;
            r["subject"] = subject.clone();
        }
        "QuestionnaireResponse" => {
            r["status"] = json!("entered-in-error");
            r["subject"] = subject.clone();
        }
        _ => return None,
    }
    Some(r)
}

/// The acknowledgement to keep once `resource` is stored.
fn acknowledgement(resource: &Value, now: &str) -> Value {
    let h = hash(resource, now);
    let kind = kind_of(resource);
    if ENTRY_KINDS.contains(&kind) {
        let code = resource.get("code").or_else(|| resource.get("medicationCodeableConcept")).cloned();
        json!([h, kind, resource["identifier"][0]["value"], code.unwrap_or(Value::Null)])
    } else {
        json!([h])
    }
}

fn is_urgent_flag(r: &Value) -> bool {
    r["resourceType"] == "Flag"
        && r["status"] == "active"
        && r["extension"].as_array().into_iter().flatten().any(|e| {
            e["url"].as_str().is_some_and(|u| u.ends_with("level"))
                && matches!(e["valueCode"].as_str(), Some("emergency" | "urgent"))
        })
}

/// What of `bundle` (the whole record's transaction at `now`, written as in the Bundle) the server
/// has not acknowledged in `sent`, with deleted entries marked `entered-in-error`, urgent flags
/// first, in batches of at most `batch` entries (not counting a leading Patient entry).
pub fn outbox(bundle: &Value, sent: &SentState, o: &Options, now: &str, batch: usize) -> Outbox {
    let entries = bundle["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
    let subject = json!({ "reference": patient_url(o) });
    let mut patient: Option<(Value, Value)> = None;
    let mut pending: Vec<(String, Value, Option<Value>)> = Vec::new(); // (url, entry, acknowledgement)
    let mut present: Vec<&str> = Vec::new();
    for e in entries {
        let r = &e["resource"];
        if e["request"]["method"] == "POST" {
            let ack = acknowledgement(r, now);
            patient = Some((e.clone(), ack));
            continue;
        }
        let Some(url) = e["request"]["url"].as_str() else { continue };
        present.push(url);
        let ack = acknowledgement(r, now);
        if sent.get(url).map(|a| &a[0]) != Some(&ack[0]) {
            pending.push((url.to_string(), e.clone(), Some(ack)));
        }
    }
    // Entries of the record the server holds but the record no longer has.
    for (url, ack) in sent {
        if url == PATIENT_KEY || present.contains(&url.as_str()) || ack.get(1).is_none() {
            continue;
        }
        if let Some(r) = tombstone(url, ack, o, &subject) {
            let entry = json!({ "resource": r, "request": { "method": "PUT", "url": url } });
            pending.push((url.clone(), entry, None));
        }
    }
    // Urgent flags first, each after the readings that raised it and before its DetectedIssue.
    let urgent: Vec<usize> = (0..pending.len()).filter(|&i| is_urgent_flag(&pending[i].1["resource"])).collect();
    let mut order: Vec<usize> = Vec::new();
    for &f in &urgent {
        let flag_value = &pending[f].1["resource"]["identifier"][0]["value"];
        let issue = pending.iter().position(|(_, e, _)| {
            e["resource"]["resourceType"] == "DetectedIssue" && &e["resource"]["identifier"][0]["value"] == flag_value
        });
        let evidence: Vec<String> = issue
            .map(|i| &pending[i].1["resource"]["evidence"][0]["detail"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|d| d["reference"].as_str().map(str::to_string))
            .collect();
        for (i, (url, _, _)) in pending.iter().enumerate() {
            if evidence.contains(url) && !order.contains(&i) {
                order.push(i);
            }
        }
        order.push(f);
        if let Some(i) = issue.filter(|i| !order.contains(i)) {
            order.push(i);
        }
    }
    let rest: Vec<usize> = (0..pending.len()).filter(|i| !order.contains(i)).collect();
    order.extend(rest);

    let counted = |e: &Value, ack: &Option<Value>| {
        let kind = match ack {
            Some(_) => kind_of(&e["resource"]).to_string(),
            None => sent
                .get(e["request"]["url"].as_str().unwrap_or_default())
                .and_then(|a| a[1].as_str())
                .unwrap_or_default()
                .to_string(),
        };
        (COUNTED_KINDS.contains(&kind.as_str()), kind == "observation")
    };
    // The Patient entry: when it changed, or with any batch (the others refer to its full URL).
    let patient_changed =
        patient.as_ref().is_some_and(|(_, ack)| sent.get(PATIENT_KEY).map(|a| &a[0]) != Some(&ack[0]));
    let mut batches = Vec::new();
    let mut chunks: Vec<&[usize]> = order.chunks(batch.max(1)).collect();
    if chunks.is_empty() && patient_changed {
        chunks.push(&[]);
    }
    for chunk in chunks {
        let mut entry = Vec::new();
        let mut acknowledge = BTreeMap::new();
        if let Some((e, ack)) = &patient {
            entry.push(e.clone());
            acknowledge.insert(PATIENT_KEY.to_string(), Some(ack.clone()));
        }
        let mut flags = Vec::new();
        let prefix = format!("{}/", o.patient_id);
        let mut waiting = Waiting::default();
        for &i in chunk {
            let (url, e, ack) = &pending[i];
            let (counts, reading) = counted(e, ack);
            waiting.entries += usize::from(counts);
            waiting.readings += usize::from(reading);
            waiting.resources += 1;
            waiting.urgent |= urgent.contains(&i);
            if e["resource"]["resourceType"] == "Flag" {
                if let Some(k) = e["resource"]["identifier"][0]["value"].as_str().and_then(|v| v.strip_prefix(&prefix))
                {
                    flags.push(k.to_string());
                }
            }
            entry.push(e.clone());
            acknowledge.insert(url.clone(), ack.clone());
        }
        let bundle = json!({ "resourceType": "Bundle", "type": "transaction", "entry": entry });
        batches.push(Batch { bundle, acknowledge, flags, waiting });
    }
    let waiting = total(batches.iter().map(|b| &b.waiting));
    Outbox { batches, waiting }
}

/// What several batches carry together.
pub fn total<'a>(parts: impl Iterator<Item = &'a Waiting>) -> Waiting {
    parts.fold(Waiting::default(), |t, w| Waiting {
        entries: t.entries + w.entries,
        readings: t.readings + w.readings,
        resources: t.resources + w.resources,
        urgent: t.urgent || w.urgent,
    })
}

impl Waiting {
    /// As JSON (`{"entries", "readings", "resources", "urgent"}`).
    pub fn to_json(&self) -> Value {
        json!({ "entries": self.entries, "readings": self.readings, "resources": self.resources, "urgent": self.urgent })
    }

    /// Read back from its JSON (missing counts are zero).
    pub fn from_json(v: &Value) -> Waiting {
        let n = |k: &str| v[k].as_u64().map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
        Waiting {
            entries: n("entries"),
            readings: n("readings"),
            resources: n("resources"),
            urgent: v["urgent"] == true,
        }
    }
}

/// Applies a stored batch's acknowledgements to `sent`.
pub fn acknowledge(sent: &mut SentState, batch: &BTreeMap<String, Option<Value>>) {
    for (url, ack) in batch {
        match ack {
            Some(a) => {
                sent.insert(url.clone(), a.clone());
            }
            None => {
                sent.remove(url);
            }
        }
    }
}

/// Reads a sent state from JSON (an object; anything else is an empty state).
pub fn sent_state(v: &Value) -> SentState {
    v.as_object().cloned().unwrap_or_default().into_iter().filter(|(_, a)| a.is_array()).collect()
}

/// The JSON of an outbox: `{"batches": [{"bundle", "acknowledge", "flags", "waiting"}], "waiting"}`.
pub fn to_json(o: &Outbox) -> Value {
    let batches: Vec<Value> = o
        .batches
        .iter()
        .map(|b| json!({ "bundle": b.bundle, "acknowledge": b.acknowledge, "flags": b.flags, "waiting": b.waiting.to_json() }))
        .collect();
    json!({ "batches": batches, "waiting": o.waiting.to_json() })
}

/// What the person reads about sharing: sent (and when), or what is waiting. `last_sent` is the
/// time of the last send as the person reads times ("4 Dec 2026, 10:42"); `problem` what stopped
/// the last try, in words.
pub fn status_words(practice: &str, waiting: &Waiting, last_sent: Option<&str>, problem: Option<&str>) -> String {
    let mut words = if waiting.entries == 0 {
        match last_sent {
            Some(t) => format!("Sent to {practice} at {t}."),
            None => format!("Nothing is waiting to send to {practice}. What you save from now on goes to them."),
        }
    } else {
        let n = waiting.entries;
        let what = match (n == waiting.readings, n == 1) {
            (true, true) => "reading",
            (true, false) => "readings",
            (false, true) => "entry",
            (false, false) => "entries",
        };
        let mut w = format!("{n} {what} waiting to send to {practice}.");
        if let Some(t) = last_sent {
            w.push_str(&format!(" Last sent at {t}."));
        }
        w
    };
    if let Some(p) = problem.filter(|_| waiting.resources > 0) {
        words.push(' ');
        words.push_str(p);
    }
    words
}
