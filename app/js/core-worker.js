// A module worker that runs Hale's core JS/WASM package off the page's thread. Copied to
// /pkg/worker.js by scripts/post-build.mjs, next to the package it imports.
//
// Messages in: {id, name, args}. `name` is a function of the package, or such a function's name
// followed by "Stored" ("assessStored", "summaryPreviewStored"): then the person's record is read
// from IndexedDB here (so the page never serialises a large record) and passed as its first
// argument, before args — unless the message carries `record` (JSON text): a framed Hale using
// the IndexedDB the Storage Access API gave its page (app/js/embed.js), which a worker cannot reach,
// reads the record on the page and sends it. Messages out: {id, ok: true, value} or {id, ok: false, error}.
import init, * as core from "./hale_core.js";
import { readRecord } from "./store-schema.js"; // app/js/store-schema.mjs

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });

self.onmessage = async (event) => {
  const { id, name, args = [], record } = event.data || {};
  try {
    await ready;
    let value;
    const base = name && name.endsWith("Stored") ? name.slice(0, -"Stored".length) : null;
    if (base && typeof core[base] === "function") {
      value = core[base](record ?? (await readRecord(indexedDB)), ...args);
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
