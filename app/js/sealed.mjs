// The passphrase lock for Hale's JavaScript readers and writers of IndexedDB (the core worker, its
// outbox, the import worker; copied beside them into /pkg as sealed.js by scripts/build.sh). Rows
// are sealed and opened by the core's own functions (hale_core::lock through the package's
// `lockSealRows` and `lockOpenRows`), the same code the app's WebAssembly uses, with the key the
// unlocked page gave (base64url). Without a key nothing sealed is read: a sealed row throws
// `LOCKED`, never passes as data.

/** The meta rows kept in clear under a lock (app/src/store/idb.rs CLEAR_META has the same). */
export const CLEAR_META = ["lock", "emergency-info"];
/** What a reader throws when it meets a sealed row and has no key. */
export const LOCKED = "Hale is locked. Unlock it with your passphrase first.";
const NONCE_BYTES = 12;

const bytesOf = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
export const isSealed = (row) => !!row && typeof row.sealed === "string";

/**
 * The lock's seal and open for one key (`keyText` base64url; empty: no key). `seal(store, rows)`
 * seals rows when there is a key (a lock's own meta rows stay clear) and returns them as they are
 * otherwise; `open(store, rows)` opens sealed rows with the key and throws LOCKED without one.
 */
export function crypt(core, keyText) {
  const key = keyText ? bytesOf(keyText) : null;
  const clear = (store, row) => store === "meta" && CLEAR_META.includes(row.id);
  return {
    key,
    /** The IndexedDB key of the entry `id` in `store`: its sealed row's id under a key. */
    idOf(store, id) {
      return key && !clear(store, { id }) ? core.lockRowKey(key, store, id) : id;
    },
    seal(store, rows) {
      if (!key) return rows;
      const out = rows.slice();
      const idx = rows.flatMap((r, i) => (clear(store, r) ? [] : [i]));
      if (!idx.length) return out;
      const nonces = crypto.getRandomValues(new Uint8Array(idx.length * NONCE_BYTES));
      const sealed = JSON.parse(core.lockSealRows(key, nonces, store, JSON.stringify(idx.map((i) => rows[i]))));
      idx.forEach((i, n) => (out[i] = sealed[n]));
      return out;
    },
    open(store, rows) {
      if (!rows.some(isSealed)) return rows;
      if (!key) throw new Error(LOCKED);
      return JSON.parse(core.lockOpenRows(key, store, JSON.stringify(rows)));
    },
  };
}
