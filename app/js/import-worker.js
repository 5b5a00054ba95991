// A module worker for one import of an Apple Health export (app/src/pages/import.rs through
// app/js/import.js). Copied to /pkg/import-worker.js by scripts/build.sh, next to the core package.
//
// In: {file, now, known} (`known`: the ids of the readings already stored). The file is read in
// slices and pushed through the core's streaming reader (hale_core::apple_health), so neither the
// file nor its XML is ever held. Out: any number of {progress: {done, total, records, memory}}
// (bytes read; records read; the WebAssembly memory in bytes), then {ok: true, preview, total,
// fresh, memory} (the preview as JSON text, how many readings, how many of them are not stored
// yet) or {ok: false, error}. The page parses nothing large.
//
// Then, when the person brings the readings in: {store: true} → the readings are written here, in
// one IndexedDB transaction (all or none), and {stored: n} or {ok: false, error} comes back once it
// has committed. With `key` (base64url: Hale is locked with a passphrase and the page is unlocked)
// each row is sealed with it first (hale_core::lock, through app/js/sealed.mjs); a locked database
// with no key given stores nothing. {store: false, record: true} → {record} (the Record as JSON text), for a framed
// Hale whose storage this worker cannot reach (app/js/embed.js). Cancel is the page terminating
// this worker: nothing has been stored by then.
import init, * as core from "./hale_core.js";
import { DB_NAME, rowsOf } from "./store-schema.js"; // app/js/store-schema.mjs
import { crypt } from "./sealed.js"; // app/js/sealed.mjs

const { AppleHealthImport } = core;

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });
// Bytes read at a time: small enough to keep memory flat, large enough to keep the reader busy.
const SLICE = 4 << 20;
// The Record read, kept here until the person brings it in or leaves.
let read = null;

// Writes the readings into the app's database in one transaction; resolves once it has committed.
function store(observations, key) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME);
    // The app creates its database before anyone can import: a missing one is not made here.
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => reject(open.error || new Error("Hale's storage could not be opened."));
    open.onsuccess = () => {
      const db = open.result;
      try {
        const tx = db.transaction(["observations", "meta"], "readwrite");
        const lock = crypt(core, key);
        let refused = false;
        const rows = lock.seal("observations", rowsOf({ observations }).observations);
        const os = tx.objectStore("observations");
        // Under a lock, nothing is stored without its key (the check is in this transaction).
        const locked = tx.objectStore("meta").getKey("lock");
        locked.onsuccess = () => {
          if (locked.result !== undefined && !lock.key) {
            refused = true;
            tx.abort();
            return;
          }
          for (const row of rows) os.put(row);
        };
        tx.oncomplete = () => {
          db.close();
          resolve(rows.length);
        };
        tx.onabort = tx.onerror = () => {
          db.close();
          reject(refused ? new Error("Hale is locked. Unlock it, then bring the readings in again.") : tx.error || new Error("The browser did not store the readings."));
        };
      } catch (e) {
        db.close();
        reject(e);
      }
    };
  });
}

self.onmessage = async (event) => {
  const message = event.data || {};
  try {
    if ("store" in message) {
      if (!read) throw new Error("Nothing has been read to bring in.");
      if (message.record) return self.postMessage({ record: JSON.stringify(read) });
      return self.postMessage({ stored: await store(read.observations, message.key) });
    }
    const { file, now, known = [] } = message;
    const wasm = await ready;
    const reader = new AppleHealthImport(now);
    let at = 0;
    while (at < file.size) {
      const bytes = new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer());
      at += bytes.length;
      const done = reader.push(bytes);
      self.postMessage({ progress: { done: at, total: file.size, records: reader.records(), memory: wasm.memory.buffer.byteLength } });
      if (done) break;
    }
    const { record, preview } = JSON.parse(reader.finish());
    read = record;
    const stored = new Set(known);
    const fresh = record.observations.filter((o) => !stored.has(o.id)).length;
    self.postMessage({ ok: true, preview: JSON.stringify(preview), total: record.observations.length, fresh, memory: wasm.memory.buffer.byteLength });
  } catch (err) {
    self.postMessage({ ok: false, error: typeof err === "string" ? err : String((err && err.message) || err) });
  }
};
