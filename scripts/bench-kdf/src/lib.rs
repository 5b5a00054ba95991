//! Argon2id (RustCrypto's `argon2` crate) for the key-derivation benchmark: 19 MiB, 2 passes,
//! 1 lane, a 32-byte key (OWASP's first Argon2id configuration); and PBKDF2-HMAC-SHA-256.
use argon2::{Algorithm, Argon2, Params, Version};
use wasm_bindgen::prelude::*;

/// The key for `passphrase` and `salt` with `m_kib` KiB, `t` passes and `p` lanes.
#[wasm_bindgen]
pub fn argon2id(passphrase: &str, salt: &[u8], m_kib: u32, t: u32, p: u32) -> Result<Vec<u8>, JsValue> {
    let params = Params::new(m_kib, t, p, Some(32)).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut out = vec![0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(out)
}

/// PBKDF2-HMAC-SHA-256 in WebAssembly (the same derivation WebCrypto runs natively), a 32-byte key.
#[wasm_bindgen]
pub fn pbkdf2_sha256(passphrase: &str, salt: &[u8], rounds: u32) -> Vec<u8> {
    let mut out = vec![0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, rounds, &mut out);
    out
}
