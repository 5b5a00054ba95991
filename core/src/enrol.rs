//! Enrolment links: how a practice invites a person to send Hale's readings to its FHIR server
//! (`#/connect/<token>`, or the whole link). Bytes in, an `Enrolment` or the reasons it was
//! refused out; the caller passes `now` and the care-team origins its deployment permits.
//!
//! The token is `e1.<payload>.<check>`: the payload is base64url JSON
//! `{"practice", "fhir", "auth", "client_id", "patient", "expires", "ask"}` and the check is the
//! base64url of the first 8 bytes of a 64-bit FNV-1a hash of the payload's text, so a link altered
//! or cut short in copying is refused. The check is not a signature: what keeps a forged link from
//! sending anything elsewhere is that both servers must be among the deployment's permitted
//! care-team origins, and HTTPS (plain HTTP only on this computer, for tests).

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::issue::{Issue, IssueCode};
use crate::share::{b64url_decode, b64url_encode};

/// The longest identifier Hale accepts for a person or a client (characters).
pub const MAX_ID_CHARS: usize = 64;

/// A practice's invitation, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolment {
    /// The practice's name, as the person knows it ("Riverside Surgery").
    pub practice: String,
    /// The FHIR R4 base URL readings are sent to.
    pub fhir_base: String,
    /// The SMART authorisation server (its `/.well-known/smart-configuration` is under the FHIR base).
    pub auth_base: String,
    /// The client id Hale is registered under there.
    pub client_id: String,
    /// The identifier the practice gave the person (the Patient's identifier value).
    pub patient_id: String,
    /// When the invitation stops working.
    pub expires: DateTime<Utc>,
    /// What the practice asks to see about who the person is (each still the person's choice).
    pub asks_name: bool,
    /// Whether it asks for the date of birth (and sex).
    pub asks_birth_date: bool,
}

pub(crate) fn fnv64(bytes: &[u8]) -> [u8; 8] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h.to_be_bytes()
}

impl Enrolment {
    /// The invitation as JSON (the link's payload, and what `hale enrol check` prints).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "practice": self.practice,
            "fhir": self.fhir_base,
            "auth": self.auth_base,
            "client_id": self.client_id,
            "patient": self.patient_id,
            "expires": crate::time::fmt_instant(self.expires),
            "ask": { "name": self.asks_name, "birth_date": self.asks_birth_date },
        })
    }
}

/// Makes a link token (for practices' tools and tests): `e1.<payload>.<check>`.
pub fn make_token(e: &Enrolment) -> String {
    let payload = e.to_json().to_string();
    let p = b64url_encode(payload.as_bytes());
    let check = b64url_encode(&fnv64(p.as_bytes()));
    format!("e1.{p}.{check}")
}

fn bad(field: &str, message: impl Into<String>) -> Vec<Issue> {
    vec![Issue::error(IssueCode::Malformed, field, message)]
}

/// The origin (`scheme://host[:port]`) of an absolute http(s) URL, if it is one Hale may contact:
/// HTTPS, or plain HTTP to this computer (localhost, 127.0.0.1) for tests.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() || authority.contains(['@', ' ', '\\']) || !authority.is_ascii() {
        return None;
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty() {
            h
        } else {
            authority
        }
    });
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
        return None;
    }
    if scheme == "http" && host != "localhost" && host != "127.0.0.1" {
        return None;
    }
    if url.chars().any(|c| c.is_control() || c == ' ') {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

fn text(v: &Value, field: &str, max: usize) -> Result<String, Vec<Issue>> {
    match v[field].as_str() {
        Some(s) if !s.trim().is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control) => {
            Ok(s.trim().to_string())
        }
        Some(_) => Err(bad(field, format!("The invitation's {field} is empty, too long or not plain text."))),
        None => Err(bad(field, format!("The invitation has no {field}."))),
    }
}

/// Reads an enrolment link (the whole link, its `#/connect/…` fragment, or the token alone) at
/// `now`, accepting only servers whose origins are in `permitted` (the deployment's care-team
/// origins). Every refusal says why, in words a person can act on.
pub fn parse_link(link: &str, now: DateTime<Utc>, permitted: &[String]) -> Result<Enrolment, Vec<Issue>> {
    let link = link.trim();
    let token = link.rsplit_once("#/connect/").map_or(link, |(_, t)| t);
    let token = token.split(['?', '&', '#']).next().unwrap_or_default();
    let mut parts = token.split('.');
    let (Some("e1"), Some(payload), Some(check), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("link", "This is not a Hale invitation link. Ask your practice to send it again."));
    };
    if b64url_decode(check).as_deref() != Some(&fnv64(payload.as_bytes())[..]) {
        return Err(bad(
            "link",
            "This invitation link has been changed or cut short. Ask your practice to send it again.",
        ));
    }
    let Some(v) =
        b64url_decode(payload).and_then(|b| serde_json::from_slice::<Value>(&b).ok()).filter(Value::is_object)
    else {
        return Err(bad("link", "This invitation link cannot be read. Ask your practice to send it again."));
    };
    let practice = text(&v, "practice", 100)?;
    let fhir_base = text(&v, "fhir", 2000)?;
    let auth_base = text(&v, "auth", 2000)?;
    let client_id = text(&v, "client_id", MAX_ID_CHARS)?;
    let patient_id = text(&v, "patient", MAX_ID_CHARS)?;
    if patient_id.contains(['|', ',', '$', '/']) {
        return Err(bad("patient", "The invitation's patient identifier has characters it cannot have."));
    }
    for (field, url) in [("fhir", &fhir_base), ("auth", &auth_base)] {
        let Some(origin) = origin_of(url) else {
            return Err(bad(
                field,
                format!("The invitation names a server that is not a secure (https) address: {url}"),
            ));
        };
        if !permitted.iter().any(|p| p.trim_end_matches('/').eq_ignore_ascii_case(&origin)) {
            return Err(vec![Issue::error(
                IssueCode::BadArgument,
                field,
                format!(
                    "This copy of Hale does not send data to {origin}. Ask your practice whether the link is right."
                ),
            )]);
        }
    }
    let Some(expires) = v["expires"].as_str().and_then(crate::time::parse_rfc3339) else {
        return Err(bad("expires", "The invitation has no valid expiry date."));
    };
    if expires <= now {
        return Err(vec![Issue::error(
            IssueCode::Stale,
            "expires",
            format!(
                "This invitation expired on {}. Ask your practice for a new one.",
                crate::time::human_date(expires.date_naive())
            ),
        )]);
    }
    Ok(Enrolment {
        practice,
        fhir_base: fhir_base.trim_end_matches('/').to_string(),
        auth_base: auth_base.trim_end_matches('/').to_string(),
        client_id,
        patient_id,
        expires,
        asks_name: v["ask"]["name"].as_bool().unwrap_or(false),
        asks_birth_date: v["ask"]["birth_date"].as_bool().unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        crate::time::parse_rfc3339(s).unwrap_or_default()
    }

    fn invite() -> Enrolment {
        Enrolment {
            practice: "Riverside Surgery".into(),
            fhir_base: "https://fhir.riverside.example/r4".into(),
            auth_base: "https://auth.riverside.example".into(),
            client_id: "hale".into(),
            patient_id: "P-123".into(),
            expires: at("2026-12-31T00:00:00Z"),
            asks_name: true,
            asks_birth_date: false,
        }
    }

    fn permitted() -> Vec<String> {
        vec!["https://fhir.riverside.example".into(), "https://auth.riverside.example".into()]
    }

    #[test]
    fn a_link_round_trips_as_a_whole_link_a_fragment_or_a_token() {
        let token = make_token(&invite());
        let now = at("2026-12-01T00:00:00Z");
        for link in [format!("https://hale.example/#/connect/{token}"), format!("#/connect/{token}"), token.clone()] {
            assert_eq!(parse_link(&link, now, &permitted()), Ok(invite()), "{link}");
        }
    }

    #[test]
    fn changed_expired_foreign_or_insecure_links_are_refused_with_a_reason() {
        let now = at("2026-12-01T00:00:00Z");
        let token = make_token(&invite());
        // One character changed in the payload.
        let mut altered: Vec<char> = token.chars().collect();
        altered[10] = if altered[10] == 'A' { 'B' } else { 'A' };
        let altered: String = altered.into_iter().collect();
        let e = parse_link(&altered, now, &permitted()).expect_err("altered");
        assert!(e[0].message.contains("changed or cut short"), "{e:?}");
        let e = parse_link(&token[..token.len() - 3], now, &permitted()).expect_err("cut");
        assert!(e[0].message.contains("changed or cut short") || e[0].message.contains("not a Hale"), "{e:?}");
        let e = parse_link(&token, at("2027-01-01T00:00:00Z"), &permitted()).expect_err("expired");
        assert!(e[0].message.contains("expired on 31 Dec 2026"), "{e:?}");
        let e = parse_link(&token, now, &["https://auth.riverside.example".into()]).expect_err("foreign");
        assert!(e[0].message.contains("does not send data to https://fhir.riverside.example"), "{e:?}");
        let mut http = invite();
        http.fhir_base = "http://fhir.riverside.example/r4".into();
        let e = parse_link(&make_token(&http), now, &["http://fhir.riverside.example".into()]).expect_err("http");
        assert!(e[0].message.contains("not a secure (https) address"), "{e:?}");
        for nonsense in ["", "e1", "e1..", "v1.abc.def", "e1.!!!.AAAA", "https://hale.example/#/connect/"] {
            assert!(parse_link(nonsense, now, &permitted()).is_err(), "{nonsense}");
        }
    }

    #[test]
    fn plain_http_only_to_this_computer() {
        assert_eq!(origin_of("http://127.0.0.1:8123/fhir").as_deref(), Some("http://127.0.0.1:8123"));
        assert_eq!(origin_of("http://localhost:80").as_deref(), Some("http://localhost:80"));
        assert_eq!(origin_of("http://example.org"), None);
        assert_eq!(origin_of("https://user@evil.example"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("https://Fhir.Example.org/r4").as_deref(), Some("https://fhir.example.org"));
    }
}
