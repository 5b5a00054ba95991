//! Sending to a practice (full bundle): the enrolment kept in IndexedDB (`meta`, row `care-team`:
//! the invitation, what the person agreed to share about who they are, the tokens, when it last
//! sent), and sending the whole record as one transaction Bundle whose every entry is conditional
//! on its identifier (`hale_core::fhir::transaction`), so sending again never duplicates and an
//! interrupted send loses nothing: the next send carries everything again.
//!
//! The access and refresh tokens live only here and in IndexedDB; they go nowhere but the practice's
//! own FHIR and sign-in servers.

use serde_json::{json, Value};

use crate::i18n::{ff, F};
use crate::store::{AnyStore, Store, Table};

/// The `meta` row that holds the enrolment.
pub const ROW: &str = "care-team";

/// The identifier systems' base (docs/care-team.md): the practice registers the person's Patient
/// with the identifier `urn:hale:id:patient|<their id>`.
pub const ID_BASE: &str = "urn:hale:id";

/// What Hale asks the practice's sign-in service for: the resources it writes (read and searched
/// only to update them), the person as the launch context, and a refresh token.
pub const SCOPE: &str = "launch/patient openid fhirUser offline_access patient/Patient.rs \
     patient/Observation.crus patient/Condition.crus patient/MedicationStatement.crus \
     patient/QuestionnaireResponse.crus patient/Flag.crus patient/DetectedIssue.crus \
     patient/RiskAssessment.crus patient/CarePlan.crus";

/// The stored enrolment, if the person is sharing with a practice.
pub async fn load(store: &AnyStore) -> Option<Value> {
    store.all(Table::Meta).await.ok()?.into_iter().find(|r| r["id"] == ROW)
}

/// Keeps the enrolment.
pub async fn keep(store: &AnyStore, enrolment: &Value) -> Result<(), String> {
    let mut row = enrolment.clone();
    row["id"] = json!(ROW);
    store.put(Table::Meta, &row).await.map_err(|e| e.message())
}

/// Forgets the enrolment and its tokens.
pub async fn forget(store: &AnyStore) -> Result<(), String> {
    store.delete(Table::Meta, ROW).await.map_err(|e| e.message())
}

/// The invitation an enrolment came from (to sign in again with the same practice).
pub fn invitation_of(enrolment: &Value) -> Value {
    json!({
        "practice": enrolment["practice"], "fhir": enrolment["fhir"], "auth": enrolment["auth"],
        "client_id": enrolment["client_id"], "patient": enrolment["patient"],
    })
}

/// The enrolment made from a finished sign-in (see app/js/care-team.js `haleSmartFinish`). Signing
/// in again with the same practice keeps what the earlier enrolment knew: since when, when it last
/// sent, and which flags it has sent (so one that stops standing is still sent as inactive).
pub fn from_sign_in(finished: &Value, now: chrono::DateTime<chrono::Utc>, earlier: Option<&Value>) -> Value {
    let inv = &finished["invitation"];
    let token = &finished["token"];
    let same = earlier.filter(|e| e["fhir"] == inv["fhir"] && e["patient"] == inv["patient"]);
    let keep =
        |k: &str, default: Value| same.map_or(default.clone(), |e| if e[k].is_null() { default } else { e[k].clone() });
    json!({
        "id": ROW,
        "practice": inv["practice"],
        "fhir": inv["fhir"],
        "auth": inv["auth"],
        "client_id": inv["client_id"],
        "patient": inv["patient"],
        "consent": finished["consent"],
        "token_endpoint": finished["token_endpoint"],
        "server_patient": token["patient"],
        "access_token": token["access_token"],
        "refresh_token": token["refresh_token"],
        "since": keep("since", json!(hale_core::time::fmt_instant(now))),
        "last_sent": keep("last_sent", Value::Null),
        "sent_flags": keep("sent_flags", json!([])),
    })
}

/// What came of a send, in words, and whether it was stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Stored on the practice's server.
    pub stored: bool,
    /// The person needs to sign in again (the refresh token did not work).
    pub sign_in: bool,
    /// What to tell the person.
    pub words: String,
}

/// Sends the whole record (with what the assessment makes of it) to the practice, refreshing the
/// access token once when it has run out; keeps new tokens and the time of a successful send.
pub async fn send(store: &AnyStore, enrolment: &mut Value, record: &hale_core::record::Record) -> Outcome {
    use hale_core::fhir::transaction::{flag_keys, read_response, transaction, Consent, Options, Sent};
    let now = crate::platform::now();
    let practice = enrolment["practice"].as_str().unwrap_or_default().to_string();
    let options = Options {
        patient_id: enrolment["patient"].as_str().unwrap_or_default().to_string(),
        server_patient: enrolment["server_patient"].as_str().map(str::to_string),
        base: ID_BASE.to_string(),
        consent: Consent {
            name: enrolment["consent"]["name"].as_bool().unwrap_or(false),
            birth_date: enrolment["consent"]["birth_date"].as_bool().unwrap_or(false),
        },
        earlier_flags: enrolment["sent_flags"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default(),
    };
    let assessment = hale_core::assessment::assess(record, now, &[]);
    let bundle = transaction(record, &assessment, &options, now);
    let entries = bundle["entry"].as_array().map_or(0, Vec::len);
    let body = bundle.to_string();
    let base = enrolment["fhir"].as_str().unwrap_or_default().to_string();
    let mut refreshed = false;
    loop {
        let token = enrolment["access_token"].as_str().unwrap_or_default().to_string();
        let (status, answer) = crate::bindings::fhir_send(&base, &token, &body).await;
        match read_response(status, &answer, entries) {
            Sent::Stored { .. } => {
                enrolment["last_sent"] = json!(hale_core::time::fmt_instant(now));
                // Every flag sent so far, so one the record stops raising is sent as inactive.
                let mut sent = options.earlier_flags.clone();
                for k in flag_keys(&bundle, &options.patient_id) {
                    if !sent.contains(&k) {
                        sent.push(k);
                    }
                }
                enrolment["sent_flags"] = json!(sent);
                let _ = keep(store, enrolment).await;
                let words = ff(F::CtSentAt, &[("practice", &practice), ("time", &crate::platform::human_time(now))]);
                return Outcome { stored: true, sign_in: false, words };
            }
            Sent::SignIn(words) => {
                let refresh = enrolment["refresh_token"].as_str().unwrap_or_default().to_string();
                if refreshed || refresh.is_empty() {
                    return Outcome { stored: false, sign_in: true, words };
                }
                refreshed = true;
                let endpoint = enrolment["token_endpoint"].as_str().unwrap_or_default().to_string();
                let client = enrolment["client_id"].as_str().unwrap_or_default().to_string();
                let t = crate::bindings::smart_refresh(&endpoint, &client, &refresh).await;
                if t["ok"] != true {
                    return Outcome { stored: false, sign_in: true, words };
                }
                enrolment["access_token"] = t["token"]["access_token"].clone();
                if t["token"]["refresh_token"].is_string() {
                    enrolment["refresh_token"] = t["token"]["refresh_token"].clone();
                }
                let _ = keep(store, enrolment).await;
            }
            Sent::Later(words) | Sent::Refused(words) => return Outcome { stored: false, sign_in: false, words },
        }
    }
}
