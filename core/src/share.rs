//! The envelope of a share link (docs/sharing.md): `v1.<payload>.<key>`, both parts base64url
//! without padding. The payload is the nonce followed by the AES-256-GCM ciphertext of the
//! DEFLATE-compressed summary; the version string is bound in as associated data, so a changed
//! version, nonce, ciphertext or key is detected and reported, never opened. The key and nonce come
//! from the caller (the browser's `crypto.getRandomValues`): the core has no random source.
//!
//! The link goes after `#/review/` in the URL fragment, which browsers never send to a server.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};

/// The envelope version this build writes and reads.
pub const VERSION: &str = "v1";
/// Random bytes a seal needs: a 32-byte key and a 12-byte nonce.
pub const RANDOM_BYTES: usize = 44;
/// The largest summary a link may open to (protects the reader from a decompression bomb).
pub const MAX_OPENED: usize = 4 << 20;

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not three dot-separated parts of base64url, or the wrong lengths.
    Malformed,
    /// A version this build does not read.
    UnknownVersion(String),
    /// The payload or key was changed, or the key is not the one it was sealed with.
    Tampered,
    /// It opens to something too large or not compressed as expected.
    Corrupt,
    /// The caller gave the wrong number of random bytes.
    BadRandom,
}

impl ShareError {
    /// In plain words, for the person opening the link.
    pub fn message(&self) -> String {
        match self {
            ShareError::Malformed => "This is not a complete Hale share link. Ask for the link again, and copy all of it.".into(),
            ShareError::UnknownVersion(v) => {
                format!("This link was made by a different version of Hale (\"{v}\"), so it cannot be opened here.")
            }
            ShareError::Tampered => {
                "This link has been changed or damaged since it was shared, so nothing in it is shown. Ask for it again.".into()
            }
            ShareError::Corrupt => "This link opened to something that is not a Hale summary, so nothing is shown.".into(),
            ShareError::BadRandom => format!("Sealing needs {RANDOM_BYTES} random bytes."),
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
pub fn b64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url without padding; `None` for any other character or an impossible length.
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let val = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= val(*c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        for i in 0..produced {
            out.push(((n >> (16 - 8 * i)) & 0xff) as u8);
        }
        // Bits past the last byte must be zero (one encoding per byte string).
        let used = produced * 8;
        if n & ((1u32 << (24 - used)) - 1) != 0 {
            return None;
        }
    }
    Some(out)
}

/// Seals `plain` into a link token with the caller's 44 random bytes (key, then nonce).
pub fn seal(plain: &[u8], random: &[u8]) -> Result<String, ShareError> {
    if random.len() != RANDOM_BYTES {
        return Err(ShareError::BadRandom);
    }
    let (key, nonce) = random.split_at(32);
    let compressed = miniz_oxide::deflate::compress_to_vec(plain, 9);
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    let sealed = cipher
        .encrypt(Nonce::from_slice(nonce), Payload { msg: &compressed, aad: VERSION.as_bytes() })
        .map_err(|_| ShareError::BadRandom)?;
    let mut payload = nonce.to_vec();
    payload.extend_from_slice(&sealed);
    Ok(format!("{VERSION}.{}.{}", b64url_encode(&payload), b64url_encode(key)))
}

/// Opens a link token (the part after `#/review/`): the summary bytes, or why not.
pub fn open(token: &str) -> Result<Vec<u8>, ShareError> {
    let mut parts = token.trim().split('.');
    let (Some(version), Some(payload), Some(key), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ShareError::Malformed);
    };
    if version != VERSION {
        return Err(ShareError::UnknownVersion(version.chars().take(16).collect()));
    }
    let payload = b64url_decode(payload).ok_or(ShareError::Malformed)?;
    let key = b64url_decode(key).ok_or(ShareError::Malformed)?;
    if key.len() != 32 || payload.len() < 12 + 16 {
        return Err(ShareError::Malformed);
    }
    let (nonce, sealed) = payload.split_at(12);
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
    let compressed = cipher
        .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad: VERSION.as_bytes() })
        .map_err(|_| ShareError::Tampered)?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_OPENED).map_err(|_| ShareError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random(seed: u8) -> Vec<u8> {
        (0..RANDOM_BYTES as u8).map(|i| i.wrapping_mul(31).wrapping_add(seed)).collect()
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(b64url_encode(plain.as_bytes()), enc);
            assert_eq!(b64url_decode(enc).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(b64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(b64url_decode("Zm9v+"), None, "standard base64 characters are refused");
        assert_eq!(b64url_decode("Z"), None);
        assert_eq!(b64url_decode("Zh"), None, "non-zero trailing bits");
    }

    #[test]
    fn seal_then_open_gives_the_input_and_the_link_is_url_safe() {
        let text = "{\"summary\": \"blood pressure 142/88, 14 readings\"}".repeat(20);
        let token = seal(text.as_bytes(), &random(7)).unwrap_or_default();
        assert!(token.starts_with("v1."));
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'));
        assert_eq!(open(&token), Ok(text.into_bytes()));
        assert!(token.len() < 400, "compressed: {}", token.len());
    }

    #[test]
    fn changes_wrong_keys_and_other_versions_are_refused() {
        let token = seal(b"hello", &random(1)).unwrap_or_default();
        let other = seal(b"hello", &random(2)).unwrap_or_default();
        let parts: Vec<&str> = token.split('.').collect();
        let wrong_key = format!("{}.{}.{}", parts[0], parts[1], other.split('.').nth(2).unwrap_or(""));
        assert_eq!(open(&wrong_key), Err(ShareError::Tampered));
        assert_eq!(open(&format!("v2.{}.{}", parts[1], parts[2])), Err(ShareError::UnknownVersion("v2".into())));
        assert_eq!(open("v1.abc"), Err(ShareError::Malformed));
        assert_eq!(open(""), Err(ShareError::Malformed));
        assert_eq!(seal(b"x", &[0; 10]), Err(ShareError::BadRandom));
        for e in
            [ShareError::Malformed, ShareError::Tampered, ShareError::Corrupt, ShareError::UnknownVersion("v9".into())]
        {
            assert!(!e.message().is_empty());
        }
    }
}
