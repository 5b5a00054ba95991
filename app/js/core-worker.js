// A module worker that runs Hale's core JS/WASM package off the page's thread. Copied to
// /pkg/worker.js by scripts/post-build.mjs, next to the package it imports.
//
// Messages in: {id, name, args}. `name` is a function of the package, or such a function's name
// followed by "Stored" ("assessStored", "summaryPreviewStored"): then the person's record is read
// from IndexedDB here (so the page never serialises a large record) and passed as its first
// argument, before args. Messages out: {id, ok: true, value} or {id, ok: false, error}.
import init, * as core from "./hale_core.js";
import { DB_NAME, RECORD_STORES, recordOf } from "./store-schema.js"; // app/js/store-schema.mjs

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });

/** Opens the app's database; never creates it (a missing database is an empty record). */
function openDb() {
  return new Promise((resolve) => {
    const req = indexedDB.open(DB_NAME);
    req.onupgradeneeded = () => req.transaction.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

function getAll(db, store) {
  return new Promise((resolve, reject) => {
    if (!db.objectStoreNames.contains(store)) return resolve([]);
    const req = db.transaction(store).objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The stored entries as a Record (`hale.record/1`), read as app/js/store-schema.mjs defines. */
async function storedRecord() {
  const db = await openDb();
  if (!db) return JSON.stringify(recordOf({}).record);
  try {
    const lists = await Promise.all(RECORD_STORES.map((s) => getAll(db, s)));
    const rows = Object.fromEntries(RECORD_STORES.map((s, i) => [s, lists[i]]));
    // Rows of another entry version are left out here as the app's own store leaves them out, so the
    // dashboard's score and the main assessment read the same record.
    return JSON.stringify(recordOf(rows).record);
  } finally {
    db.close();
  }
}

self.onmessage = async (event) => {
  const { id, name, args = [] } = event.data || {};
  try {
    await ready;
    let value;
    const base = name && name.endsWith("Stored") ? name.slice(0, -"Stored".length) : null;
    if (base && typeof core[base] === "function") {
      value = core[base](await storedRecord(), ...args);
    } else if (typeof core[name] === "function") {
      value = core[name](...args);
    } else {
      throw new Error(`hale-core has no function ${name}`);
    }
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: typeof err === "string" ? err : String((err && err.message) || err) });
  }
};
