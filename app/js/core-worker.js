// A module worker that runs Hale's core JS/WASM package off the page's thread. Copied to
// /pkg/worker.js by scripts/post-build.mjs, next to the package it imports.
//
// Messages in: {id, name, args}. `name` is a function of the package, or such a function's name
// followed by "Stored" ("assessStored", "summaryPreviewStored"): then the person's record is read
// from IndexedDB here (so the page never serialises a large record) and passed as its first
// argument, before args. Messages out: {id, ok: true, value} or {id, ok: false, error}.
import init, * as core from "./hale_core.js";

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });

const STORES = ["profile", "observations", "symptoms", "questionnaires"];

/** Opens the app's database; never creates it (a missing database is an empty record). */
function openDb() {
  return new Promise((resolve) => {
    const req = indexedDB.open("hale");
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

/** The stored entries as a Record (`hale.record/1`): each stored row is a Record entry plus "v". */
async function storedRecord() {
  const db = await openDb();
  const record = { format: "hale.record/1", profile: {}, observations: [], symptoms: [], questionnaires: [] };
  if (!db) return JSON.stringify(record);
  try {
    const [profile, observations, symptoms, questionnaires] = await Promise.all(STORES.map((s) => getAll(db, s)));
    const strip = ({ v, ...rest }) => rest;
    const me = profile.find((p) => p.id === "me");
    if (me) {
      const { id, v, ...rest } = me;
      record.profile = rest;
    }
    record.observations = observations.map(strip);
    record.symptoms = symptoms.map(strip);
    record.questionnaires = questionnaires.map(strip);
  } finally {
    db.close();
  }
  return JSON.stringify(record);
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
