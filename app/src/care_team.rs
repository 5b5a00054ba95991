//! Sharing with a practice (full bundle): the enrolment kept in IndexedDB (`meta`, row `care-team`:
//! the invitation, what the person agreed to share about who they are, the tokens, when it last
//! sent), and asking the outbox (app/js/outbox.mjs, in the core worker) to send or to say what is
//! waiting. The outbox sends what the practice's server has not acknowledged
//! (`hale_core::fhir::outbox`), each entry written to its stable id, so sending again never
//! duplicates and an interrupted send loses nothing.
//!
//! The access and refresh tokens live only here and in IndexedDB; they go nowhere but the practice's
//! own FHIR and sign-in servers.

use serde_json::{json, Value};

use crate::i18n::{f, F};
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

/// The `meta` row that holds what the practice's server has acknowledged (app/js/outbox.mjs).
pub const OUTBOX_ROW: &str = "care-team-outbox";

/// Forgets the enrolment, its tokens and what was acknowledged.
pub async fn forget(store: &AnyStore) -> Result<(), String> {
    store.delete(Table::Meta, ROW).await.map_err(|e| e.message())?;
    store.delete(Table::Meta, OUTBOX_ROW).await.map_err(|e| e.message())
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
    /// Everything waiting is on the practice's server.
    pub stored: bool,
    /// The person needs to sign in again (the refresh token did not work).
    pub sign_in: bool,
    /// What to tell the person.
    pub words: String,
}

impl Outcome {
    /// Read from the outbox's answer (app/js/outbox.mjs `flush` and `outboxStatus`).
    pub fn from_outbox(v: &Value) -> Outcome {
        Outcome {
            stored: v["enrolled"] == true && v["kind"].is_null() && v["waiting"]["resources"].as_u64() == Some(0),
            sign_in: v["kind"] == "sign_in",
            words: v["words"].as_str().unwrap_or_default().to_string(),
        }
    }
}

/// Sends what is waiting now, through the outbox in the core worker (which also refreshes the
/// access token once when it has run out, and keeps the acknowledgements and the time of sending).
pub async fn send() -> Outcome {
    match crate::bindings::outbox(true).await {
        Some(v) => Outcome::from_outbox(&v),
        None => Outcome { stored: false, sign_in: false, words: f(F::CtWorkerFailed).to_string() },
    }
}

/// What is waiting and when Hale last sent, in words, without sending.
pub async fn status() -> Option<Outcome> {
    crate::bindings::outbox(false).await.filter(|v| v["enrolled"] == true).map(|v| Outcome::from_outbox(&v))
}
