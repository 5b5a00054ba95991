//! The pure part of Hale's passphrase lock (docs/security.md): the person's stored rows sealed
//! with AES-256-GCM, the check that tells the right passphrase from a wrong one, and backups sealed
//! with a passphrase.
//!
//! The key is derived from the passphrase with Argon2id (`derive_key`: RustCrypto's `argon2`,
//! 19 MiB, 2 passes, 1 lane — OWASP's first configuration; a random `SALT_BYTES` salt from the
//! caller) and every nonce comes from the caller's random source: the core has none. A sealed row
//! is `{"id", "sealed"}`: its id is not the entry's own (which can carry what a reading is: an
//! imported reading's id is made from its kind, time and values) but `row_key`, a keyed hash of it,
//! so the database's keys say nothing either, and replacing or deleting an entry by its id still
//! finds the one row. The store's name and that key are bound in as associated data, and the
//! entry's own id inside must hash to it, so a row moved to another id or store, or changed at all,
//! does not open.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use serde_json::{json, Map, Value};

use crate::share::{b64url_decode, b64url_encode};

/// The key's length in bytes (AES-256).
pub const KEY_BYTES: usize = 32;
/// A nonce's length in bytes (96 bits, fresh for every seal).
pub const NONCE_BYTES: usize = 12;
/// The GCM tag's length in bytes.
pub const TAG_BYTES: usize = 16;
/// The salt's length in bytes (random, one per lock and one per sealed backup).
pub const SALT_BYTES: usize = 16;
/// The key derivation (Argon2id, version 0x13).
pub const KDF: &str = "Argon2id";
/// Argon2id's cost: OWASP's first configuration, 19 MiB of memory, 2 passes, 1 lane
/// (docs/security.md, with the figures measured in Chromium).
pub const KDF_PARAMS: KdfParams = KdfParams { memory_kib: 19_456, passes: 2, lanes: 1 };
/// The least a sealed backup or lock row may ask for (anything weaker is refused, so a crafted file
/// cannot make a weak key pass for a strong one).
pub const KDF_FLOOR: KdfParams = KdfParams { memory_kib: 7_168, passes: 1, lanes: 1 };
/// The most a sealed backup or lock row may ask for (a file cannot make the app take all the
/// device's memory or work for minutes).
pub const KDF_CEILING: KdfParams = KdfParams { memory_kib: 262_144, passes: 10, lanes: 4 };

/// Argon2id's cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub passes: u32,
    /// Lanes (parallelism).
    pub lanes: u32,
}

impl KdfParams {
    /// The parameters as a lock row or sealed backup names them (`memory_kib`, `passes`, `lanes`),
    /// if they are between the floor and the ceiling.
    pub fn from_value(v: &Value) -> Option<KdfParams> {
        let get = |k: &str| v.get(k)?.as_u64().and_then(|n| u32::try_from(n).ok());
        let p = KdfParams { memory_kib: get("memory_kib")?, passes: get("passes")?, lanes: get("lanes")? };
        let within = |x: u32, lo: u32, hi: u32| (lo..=hi).contains(&x);
        (v.get("kdf")?.as_str()? == KDF
            && within(p.memory_kib, KDF_FLOOR.memory_kib, KDF_CEILING.memory_kib)
            && within(p.passes, KDF_FLOOR.passes, KDF_CEILING.passes)
            && within(p.lanes, KDF_FLOOR.lanes, KDF_CEILING.lanes))
        .then_some(p)
    }

    /// Writes the parameters (and the derivation's name) into a JSON object.
    pub fn write_into(self, m: &mut Map<String, Value>) {
        m.insert("kdf".into(), json!(KDF));
        m.insert("memory_kib".into(), json!(self.memory_kib));
        m.insert("passes".into(), json!(self.passes));
        m.insert("lanes".into(), json!(self.lanes));
    }
}

/// The key for `passphrase` (UTF-8 as given: the caller normalises it to NFC) and `salt`.
pub fn derive_key(passphrase: &str, salt: &[u8], p: KdfParams) -> Result<Vec<u8>, LockError> {
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(p.memory_kib, p.passes, p.lanes, Some(KEY_BYTES)).map_err(|_| LockError::Malformed)?;
    let mut key = vec![0u8; KEY_BYTES];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|_| LockError::Malformed)?;
    Ok(key)
}
/// The field of a sealed row that holds its nonce and ciphertext.
pub const SEALED: &str = "sealed";
/// The format of a sealed backup file.
pub const BACKUP_FORMAT: &str = "hale.sealed-backup/1";

const ROW_AAD: &str = "hale.sealed-row/1";
const CHECK_AAD: &[u8] = b"hale.lock-check/1";
const CHECK_TEXT: &[u8] = b"Hale";

/// Why something could not be sealed or opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockError {
    /// Not a sealed row or backup this version reads.
    Malformed,
    /// The key does not open it: the wrong passphrase, or it was changed.
    WrongKey,
    /// The caller gave a key or nonce of the wrong length.
    BadRandom,
}

impl LockError {
    /// In plain words.
    pub fn message(&self) -> String {
        match self {
            LockError::Malformed => "This is not something Hale sealed, or it is damaged.".into(),
            LockError::WrongKey => {
                "That passphrase is not the right one (or the data was changed), so nothing was opened.".into()
            }
            LockError::BadRandom => format!("Sealing needs a {KEY_BYTES}-byte key and a {NONCE_BYTES}-byte nonce."),
        }
    }
}

fn cipher(key: &[u8]) -> Result<Aes256Gcm, LockError> {
    if key.len() != KEY_BYTES {
        return Err(LockError::BadRandom);
    }
    Ok(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)))
}

fn seal_bytes(key: &[u8], nonce: &[u8], aad: &[u8], plain: &[u8]) -> Result<String, LockError> {
    if nonce.len() != NONCE_BYTES {
        return Err(LockError::BadRandom);
    }
    let sealed = cipher(key)?
        .encrypt(Nonce::from_slice(nonce), Payload { msg: plain, aad })
        .map_err(|_| LockError::BadRandom)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(b64url_encode(&out))
}

fn open_bytes(key: &[u8], aad: &[u8], text: &str) -> Result<Vec<u8>, LockError> {
    let bytes = b64url_decode(text).ok_or(LockError::Malformed)?;
    if bytes.len() < NONCE_BYTES + TAG_BYTES {
        return Err(LockError::Malformed);
    }
    let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
    cipher(key)?.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad }).map_err(|_| LockError::WrongKey)
}

fn row_aad(store: &str, row_key: &str) -> Vec<u8> {
    format!("{ROW_AAD}|{store}|{row_key}").into_bytes()
}

/// The length of a sealed row's key hash, in bytes (128 bits: no two entries collide).
const ROW_KEY_BYTES: usize = 16;
/// What starts a sealed row's id (no id Hale makes starts so).
pub const ROW_KEY_PREFIX: &str = "h.";

/// The id a sealed row is stored under: a keyed BLAKE2b hash of the store and the entry's own id
/// (`h.` and 22 base64url characters). The same entry always gets the same key under one passphrase,
/// so writing it again replaces it; without the key, nothing of the entry's id can be learnt.
pub fn row_key(key: &[u8], store: &str, id: &str) -> String {
    use blake2::digest::{Update, VariableOutput};
    let mut out = [0u8; ROW_KEY_BYTES];
    if let Ok(mut h) = blake2::Blake2bVar::new(ROW_KEY_BYTES) {
        h.update(key);
        h.update(ROW_AAD.as_bytes());
        h.update(store.as_bytes());
        h.update(&[0]);
        h.update(id.as_bytes());
        let _ = h.finalize_variable(&mut out);
    }
    format!("{ROW_KEY_PREFIX}{}", b64url_encode(&out))
}

/// Whether a stored row is sealed.
pub fn is_sealed(row: &Value) -> bool {
    row.get(SEALED).is_some_and(Value::is_string)
}

/// Seals a stored row of `store` with a fresh `nonce`: `{"id": row_key(…), "sealed"}`, nothing
/// else in clear. A row with no string `id` is refused.
pub fn seal_row(key: &[u8], nonce: &[u8], store: &str, row: &Value) -> Result<Value, LockError> {
    let id = row.get("id").and_then(Value::as_str).ok_or(LockError::Malformed)?;
    let stored = row_key(key, store, id);
    let sealed = seal_bytes(key, nonce, &row_aad(store, &stored), row.to_string().as_bytes())?;
    Ok(json!({ "id": stored, SEALED: sealed }))
}

/// Opens a stored row of `store` (its entry, with the entry's own id); a row that is not sealed
/// comes back as it is.
pub fn open_row(key: &[u8], store: &str, row: &Value) -> Result<Value, LockError> {
    if !is_sealed(row) {
        return Ok(row.clone());
    }
    let stored = row.get("id").and_then(Value::as_str).ok_or(LockError::Malformed)?;
    let text = row.get(SEALED).and_then(Value::as_str).ok_or(LockError::Malformed)?;
    let plain = open_bytes(key, &row_aad(store, stored), text)?;
    match serde_json::from_slice::<Value>(&plain) {
        Ok(v) if v.get("id").and_then(Value::as_str).is_some_and(|id| row_key(key, store, id) == stored) => Ok(v),
        _ => Err(LockError::Malformed),
    }
}

/// The check kept beside the lock (its salt and rounds): a short text sealed under the key, so a
/// passphrase can be tested without opening any of the person's data.
pub fn check(key: &[u8], nonce: &[u8]) -> Result<String, LockError> {
    seal_bytes(key, nonce, CHECK_AAD, CHECK_TEXT)
}

/// Whether `key` (from the passphrase typed) is the lock's key.
pub fn key_fits(key: &[u8], check: &str) -> bool {
    open_bytes(key, CHECK_AAD, check).is_ok_and(|t| t == CHECK_TEXT)
}

/// A backup (any text, normally a Record) sealed with a key from a passphrase: a small JSON file
/// that names its format, the key derivation, its cost and salt, and holds the sealed text.
pub fn seal_backup(key: &[u8], nonce: &[u8], salt: &[u8], p: KdfParams, text: &str) -> Result<String, LockError> {
    let sealed = seal_bytes(key, nonce, BACKUP_FORMAT.as_bytes(), text.as_bytes())?;
    let mut m = Map::new();
    m.insert("format".into(), json!(BACKUP_FORMAT));
    p.write_into(&mut m);
    m.insert("salt".into(), json!(b64url_encode(salt)));
    m.insert(SEALED.into(), json!(sealed));
    Ok(Value::Object(m).to_string())
}

/// The salt and cost a lock row or sealed backup names, when they are ones this version accepts.
pub fn kdf_of(v: &Value) -> Option<(Vec<u8>, KdfParams)> {
    let p = KdfParams::from_value(v)?;
    let salt = b64url_decode(v.get("salt")?.as_str()?)?;
    (salt.len() == SALT_BYTES).then_some((salt, p))
}

/// A sealed backup's key derivation: `Some((salt, cost))` when `text` is a sealed backup this
/// version reads (so the caller asks for its passphrase), `None` for anything else.
pub fn backup_kdf(text: &str) -> Option<(Vec<u8>, KdfParams)> {
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("format")?.as_str()? != BACKUP_FORMAT {
        return None;
    }
    kdf_of(&v)
}

/// Whether `text` looks like a sealed backup at all (its format named), readable or not.
pub fn is_sealed_backup(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .ok()
        .is_some_and(|v| v.get("format").and_then(Value::as_str) == Some(BACKUP_FORMAT))
}

/// Opens a sealed backup with the key from its passphrase: the text sealed in it.
pub fn open_backup(key: &[u8], text: &str) -> Result<String, LockError> {
    backup_kdf(text).ok_or(LockError::Malformed)?;
    let v: Value = serde_json::from_str(text).map_err(|_| LockError::Malformed)?;
    let sealed = v.get(SEALED).and_then(Value::as_str).ok_or(LockError::Malformed)?;
    let plain = open_bytes(key, BACKUP_FORMAT.as_bytes(), sealed)?;
    String::from_utf8(plain).map_err(|_| LockError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; KEY_BYTES] = [7; KEY_BYTES];
    const OTHER: [u8; KEY_BYTES] = [8; KEY_BYTES];
    const NONCE: [u8; NONCE_BYTES] = [3; NONCE_BYTES];

    #[test]
    fn a_sealed_row_keeps_nothing_in_clear_and_opens_to_the_same_row() {
        let row = json!({"id": "2026-11-20T08:00:00Z-a", "kind": "blood_pressure", "at": "2026-11-20T08:00:00Z", "value": {"systolic": 182, "diastolic": 95}, "v": 1});
        let sealed = seal_row(&KEY, &NONCE, "observations", &row).unwrap();
        let obj = sealed.as_object().unwrap();
        assert_eq!(obj.len(), 2, "{sealed}");
        assert_eq!(sealed["id"], row_key(&KEY, "observations", "2026-11-20T08:00:00Z-a"));
        assert!(sealed["id"].as_str().unwrap().starts_with(ROW_KEY_PREFIX));
        assert_ne!(row_key(&OTHER, "observations", "2026-11-20T08:00:00Z-a"), sealed["id"], "another key, another id");
        assert_ne!(row_key(&KEY, "symptoms", "2026-11-20T08:00:00Z-a"), sealed["id"], "another store, another id");
        for clear in ["blood_pressure", "182", "2026", "08:00"] {
            assert!(!sealed.to_string().contains(clear), "{clear} in {sealed}");
        }
        assert_eq!(open_row(&KEY, "observations", &sealed).unwrap(), row);
        assert_eq!(open_row(&OTHER, "observations", &sealed), Err(LockError::WrongKey));
        assert_eq!(open_row(&KEY, "symptoms", &sealed), Err(LockError::WrongKey), "another store");
        let mut moved = sealed.clone();
        moved["id"] = json!("other");
        assert_eq!(open_row(&KEY, "observations", &moved), Err(LockError::WrongKey), "another id");
        let clear = json!({"id": "x", "v": 1});
        assert_eq!(open_row(&KEY, "observations", &clear).unwrap(), clear, "a clear row comes back as it is");
        assert_eq!(seal_row(&KEY, &NONCE, "observations", &json!({"v": 1})), Err(LockError::Malformed));
        assert_eq!(seal_row(&KEY, &NONCE[1..], "observations", &row), Err(LockError::BadRandom));
        assert_eq!(seal_row(&KEY[1..], &NONCE, "observations", &row), Err(LockError::BadRandom));
    }

    #[test]
    fn the_check_tells_the_right_key_from_a_wrong_one() {
        let c = check(&KEY, &NONCE).unwrap();
        assert!(key_fits(&KEY, &c));
        assert!(!key_fits(&OTHER, &c));
        assert!(!key_fits(&KEY, "not base64 !"));
        assert!(!key_fits(&KEY[1..], &c));
    }

    #[test]
    fn a_sealed_backup_opens_with_its_key_only_and_names_its_derivation() {
        let salt = [9u8; SALT_BYTES];
        let text = r#"{"format":"hale.record/1","profile":{}}"#;
        let file = seal_backup(&KEY, &NONCE, &salt, KDF_PARAMS, text).unwrap();
        assert!(!file.contains("hale.record/1"));
        assert!(is_sealed_backup(&file));
        assert_eq!(backup_kdf(&file), Some((salt.to_vec(), KDF_PARAMS)));
        assert_eq!(open_backup(&KEY, &file).unwrap(), text);
        assert_eq!(open_backup(&OTHER, &file), Err(LockError::WrongKey));
        assert_eq!(backup_kdf(text), None);
        assert!(!is_sealed_backup(text));
        let weak = file.replace(&format!("\"memory_kib\":{}", KDF_PARAMS.memory_kib), "\"memory_kib\":64");
        assert_ne!(weak, file);
        assert_eq!(backup_kdf(&weak), None, "a file asking for little memory is refused");
        assert_eq!(open_backup(&KEY, &weak), Err(LockError::Malformed));
        let greedy = file.replace(&format!("\"memory_kib\":{}", KDF_PARAMS.memory_kib), "\"memory_kib\":4194304");
        assert_eq!(backup_kdf(&greedy), None, "a file asking for 4 GiB is refused");
    }

    #[test]
    fn argon2id_gives_the_reference_implementation_s_output() {
        // The reference implementation's own test (phc-winner-argon2, src/test.c): Argon2id
        // version 0x13, t = 2, m = 2^16 KiB, p = 1, "password", "somesalt".
        let p = KdfParams { memory_kib: 1 << 16, passes: 2, lanes: 1 };
        let key = derive_key("password", b"somesalt", p).unwrap();
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
        let q = KdfParams { memory_kib: KDF_FLOOR.memory_kib, passes: 1, lanes: 1 };
        let a = derive_key("correct horse", &[2; SALT_BYTES], q).unwrap();
        assert_ne!(a, derive_key("correct horse", &[3; SALT_BYTES], q).unwrap());
        assert_ne!(a, derive_key("correct horsf", &[2; SALT_BYTES], q).unwrap());
    }
}
