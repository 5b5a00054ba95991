// The passphrase lock's key derivation (app/src/bindings.rs is its only caller; only the full
// bundle, which is what runs when a lock is set, imports it): PBKDF2-SHA-256 through the browser's
// WebCrypto, as docs/security.md explains. The key comes back as bytes to the app's WebAssembly,
// which seals and opens rows with it (hale_core::lock) and keeps it in memory only.

const b64urlBytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

// Resolves the 32-byte key for `passphrase` with the lock's salt (base64url) and rounds, or null
// when this browser cannot derive it (no WebCrypto: an insecure origin).
export async function haleDeriveKey(passphrase, salt, iterations) {
  if (!self.crypto || !crypto.subtle) return null;
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: b64urlBytes(salt), iterations }, material, 256);
  return new Uint8Array(bits);
}
