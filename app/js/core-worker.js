// A module worker that runs Hale's core JS/WASM package off the page's thread. Copied to
// /pkg/worker.js by scripts/post-build.mjs, next to the package it imports.
//
// Messages in: {id, name, args}. `name` is a function of the package, or such a function's name
// followed by "Stored" ("assessStored", "summaryPreviewStored"): then the person's record is read
// from IndexedDB here (so the page never serialises a large record) and passed as its first
// argument, before args — unless the message carries `record` (JSON text): a framed Hale using
// the IndexedDB the Storage Access API gave its page (app/js/embed.js), which a worker cannot reach,
// reads the record on the page and sends it. Messages out: {id, ok: true, value} or {id, ok: false, error}.
//
// The outbox (app/js/outbox.mjs) runs here too: "outboxFlush" (after every change the app stores,
// with the page's clock: sends what is waiting; an urgent flag goes first, and the page never
// waits for it) and "outboxStatus" (what the person reads about sharing). A send that could not
// go through for now (offline, a busy server) is tried again with backoff (30 s doubling to 30
// min) and as soon as the browser is back online (the page says so: app/js/bridge.js); "assessStored" answers carry the status line
// for the dashboard as `hale_outbox` when the person shares with a practice.
import init, * as core from "./hale_core.js";
import { DB_NAME, readRecord } from "./store-schema.js"; // app/js/store-schema.mjs
import { flush, outboxStatus, backoffMs } from "./outbox.js"; // app/js/outbox.mjs
import { crypt } from "./sealed.js"; // app/js/sealed.mjs

const ready = init({ module_or_path: new URL("./hale_core_bg.wasm", import.meta.url) });

// The page's clock (tests fix it) as an offset from this worker's, learnt from each message.
let offset = 0;
// Milliseconds kept: a reading saved this second must not look later than "now".
const clock = () => new Date(Date.now() + offset).toISOString();
const learn = (at) => {
  const t = Date.parse(at);
  if (!Number.isNaN(t)) offset = t - Date.now();
};

// The passphrase lock's key (base64url), given by the unlocked page ("lockKey"); empty while
// locked or when there is no lock. Sealed rows are read and written with it; without it, nothing
// sealed is read and nothing is sent.
let lockKey = "";
const lock = () => crypt(core, lockKey);

// Where the outbox finds the enrolment and the record (a record sent by the page comes first).
const place = (record) => ({ factory: indexedDB, name: DB_NAME, lock: lock(), record: record ?? (() => readRecord(indexedDB, lock())) });

let retry = null;
let sending = null;
async function send(record) {
  await ready;
  clearTimeout(retry);
  retry = null;
  const run = flush(core, place(record), clock());
  sending = run.catch(() => null);
  const result = await run;
  if (result.kind === "later") {
    retry = setTimeout(() => send().catch(() => {}), backoffMs(result.attempts ?? 1));
  }
  return result;
}

self.onmessage = async (event) => {
  const { id, name, args = [], record } = event.data || {};
  try {
    await ready;
    let value;
    const base = name && name.endsWith("Stored") ? name.slice(0, -"Stored".length) : null;
    if (name === "outboxFlush" || name === "outboxStatus" || name === "assessStored") learn(args[0]);
    if (name === "lockKey") {
      lockKey = args[0] || "";
      if (!lockKey) clearTimeout(retry);
      value = "ok";
    } else if (name === "outboxFlush" || name === "outboxStatus") {
      value = JSON.stringify(name === "outboxFlush" ? await send(record) : await outboxStatus(core, place(record), clock()));
    } else if (base && typeof core[base] === "function") {
      const text = record ?? (await readRecord(indexedDB, lock()));
      value = core[base](text, ...args);
      if (name === "assessStored") {
        // The dashboard's line about sharing, once a send just started has had a moment to finish.
        await Promise.race([sending, new Promise((done) => setTimeout(done, 1500))]);
        const status = await outboxStatus(core, place(text), clock()).catch(() => null);
        if (status?.enrolled) value = `${value.slice(0, -1)},"hale_outbox":${JSON.stringify(status.words)}}`;
      }
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
