// The outbox's sending side, run by the core worker (app/js/core-worker.js; copied beside it into
// /pkg as outbox.js by scripts/build.sh). What is waiting is the core's to say
// (`fhirOutbox`: the record against what the practice's server has acknowledged, in batches, urgent
// flags first); this file does the I/O: reads the enrolment and the acknowledgements from IndexedDB
// (`meta` rows "care-team" and "care-team-outbox"), sends each batch, keeps its acknowledgements
// once the server has stored all of it, refreshes the access token once on a 401, and remembers
// what stopped a try so the person can read it. One send at a time across tabs (a Web Lock).
//
// The access and refresh tokens are read from and written to IndexedDB only; they go nowhere but
// the practice's own FHIR and sign-in servers.
//
// `place` says where the person's data is: {factory (an IndexedDB factory), name (the database's,
// DB_NAME in app/js/store-schema.mjs), record (the stored Record as JSON text, or an async
// function that reads it), lock (optional: a `crypt` of app/js/sealed.mjs when Hale is locked
// with a passphrase — the enrolment, its tokens and the acknowledgements are sealed rows; without
// the key they cannot be read, so nothing is sent while Hale is locked)}.

export const ENROLMENT = "care-team";
export const OUTBOX = "care-team-outbox";
/** The identifier systems' base (docs/care-team.md); app/src/care_team.rs has the same. */
export const ID_BASE = "urn:hale:id";

/** A form POST to a SMART token endpoint: {ok, token} or {ok: false, offline?, status?, error}. */
export async function tokenRequest(endpoint, form) {
  let r;
  try {
    r = await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" }, body: new URLSearchParams(form) });
  } catch {
    return { ok: false, offline: true, error: "You seem to be offline. Try again when you are connected." };
  }
  let body = null;
  try {
    body = await r.json();
  } catch {
    // not JSON
  }
  if (!r.ok || !body || typeof body.access_token !== "string") {
    return { ok: false, status: r.status, error: "Your practice's sign-in service did not sign you in. Try again, or ask your practice." };
  }
  return { ok: true, token: { access_token: body.access_token, refresh_token: body.refresh_token || null, patient: body.patient || null, scope: body.scope || "", expires_in: body.expires_in || null } };
}

/**
 * Sends a transaction Bundle's entries one by one, in order, each to its own single-resource
 * endpoint (`PUT Type/<stable id>`, or a create with `If-None-Exist`), and rewrites references to
 * earlier entries' full URLs into the ids the server gave them. Servers that confine a patient's
 * token to their compartment may refuse writes inside a Bundle (helios-hfs does); every entry is
 * written to its stable id, so a send cut short is simply sent again. Resolves {status, body}: on
 * success the server's own answers gathered as a `transaction-response` Bundle (one entry per
 * request, with its real status); otherwise the failing answer (status 0: never reached a server).
 */
export async function sendEntries(base, accessToken, bundle) {
  const ids = new Map(); // full URL → "Type/id"
  const answers = [];
  const rewrite = (v) =>
    typeof v === "string" ? (ids.get(v) ?? v) : Array.isArray(v) ? v.map(rewrite) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)])) : v;
  for (const entry of bundle.entry || []) {
    const { method, url, ifNoneExist } = entry.request;
    const headers = { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/fhir+json", Accept: "application/fhir+json" };
    if (ifNoneExist) headers["If-None-Exist"] = ifNoneExist;
    let r;
    try {
      r = await fetch(`${base}/${url}`, { method, headers, body: JSON.stringify(rewrite(entry.resource)) });
    } catch {
      return { status: 0, body: "" };
    }
    const text = await r.text();
    if (!r.ok) return { status: r.status, body: text.slice(0, 20000) };
    let saved = null;
    try {
      saved = JSON.parse(text);
    } catch {
      // not FHIR: judged below
    }
    if (!saved || saved.resourceType !== entry.resource.resourceType || !saved.id) {
      return { status: 200, body: text.slice(0, 20000) }; // not a FHIR answer to this request
    }
    if (entry.fullUrl) ids.set(entry.fullUrl, `${saved.resourceType}/${saved.id}`);
    answers.push({ response: { status: `${r.status} ${r.statusText}`.trim(), location: `${saved.resourceType}/${saved.id}` } });
  }
  return { status: 200, body: JSON.stringify({ resourceType: "Bundle", type: "transaction-response", entry: answers }) };
}

const request = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function openDb({ factory, name }) {
  return new Promise((resolve) => {
    const req = factory.open(name);
    req.onupgradeneeded = () => req.transaction.abort(); // no database: nothing stored, no enrolment
    req.onsuccess = () => resolve(req.result.objectStoreNames.contains("meta") ? req.result : (req.result.close(), null));
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

const recordOf = async ({ record }) => (typeof record === "function" ? record() : record);

// Rows as they are (no lock) or opened and sealed with the lock's key.
const plain = { open: (store, rows) => rows, seal: (store, rows) => rows, idOf: (store, id) => id };
const opened = (lock, row) => (row ? (lock || plain).open("meta", [row])[0] : row);

// A sealed row is stored under a keyed hash of its id (app/js/sealed.mjs `idOf`).
const getRow = async (db, id, lock) =>
  opened(lock, await request(db.transaction("meta").objectStore("meta").get((lock || plain).idOf("meta", id))));

/** The same practice and person (an enrolment's acknowledgements belong to its server). */
const samePlace = (a, b) => !!a && !!b && a.fhir === b.fhir && a.patient === b.patient;

/**
 * Keeps what a batch changed, re-reading the enrolment in the same transaction: the page may have
 * stopped sharing (then nothing is kept) or signed in again (its new row is kept, with this send's
 * time and flags). Resolves false when sharing stopped.
 */
async function keep(db, enrolmentChanges, box, lock) {
  const tx = db.transaction("meta", "readwrite");
  const store = tx.objectStore("meta");
  // Opened and sealed by the core's WebAssembly, synchronously: the transaction stays open.
  const now = opened(lock, await request(store.get((lock || plain).idOf("meta", ENROLMENT))));
  if (!samePlace(now, box)) {
    tx.abort();
    return false;
  }
  const row = { ...now };
  for (const [k, v] of Object.entries(enrolmentChanges)) {
    if (k === "sent_flags") row.sent_flags = [...new Set([...(now.sent_flags || []), ...v])];
    else if (!(k === "access_token" || k === "refresh_token") || now.refresh_token === enrolmentChanges.replaced) row[k] = v;
  }
  delete row.replaced;
  for (const r of (lock || plain).seal("meta", [row, box])) store.put(r);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return true;
}

/** A time as the app writes it for people ("4 Dec 2026, 10:42", local time). */
export function humanTime(iso) {
  const d = new Date(iso);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function options(e) {
  return JSON.stringify({ patient_id: e.patient, server_patient: e.server_patient || null, base: ID_BASE, with_name: !!e.consent?.name, with_birth_date: !!e.consent?.birth_date, earlier_flags: e.sent_flags || [] });
}

/**
 * What the person reads about sharing, without sending: `{enrolled, words, waiting, problem, kind}`
 * (`enrolled` false: nothing to say). `now` is the page's clock (RFC 3339).
 */
export function outboxStatus(core, place, now) {
  return withOutbox(core, place, now, (db, e, box, plan) => describe(core, e, plan.waiting, box));
}

/**
 * Opens the person's data, reads the enrolment and its acknowledgements (none kept for another
 * server or person), works out what is waiting at `now`, and hands all four to `use`; resolves
 * {enrolled: false} when there is no enrolment.
 */
async function withOutbox(core, place, now, use) {
  const db = await openDb(place);
  if (!db) return { enrolled: false };
  try {
    const e = await getRow(db, ENROLMENT, place.lock);
    if (!e) return { enrolled: false };
    let box = await getRow(db, OUTBOX, place.lock);
    if (!samePlace(box, e)) box = { id: OUTBOX, fhir: e.fhir, patient: e.patient, sent: {} };
    const plan = JSON.parse(core.fhirOutbox(await recordOf(place), now, options(e), JSON.stringify(box.sent)));
    return await use(db, e, box, plan, place.lock);
  } finally {
    db.close();
  }
}

function describe(core, e, waiting, box) {
  const problem = box?.problem || null;
  const last = e.last_sent ? humanTime(e.last_sent) : null;
  return { enrolled: true, practice: e.practice, waiting, problem, kind: box?.kind || null, attempts: box?.attempts || 0, words: core.fhirOutboxWords(e.practice, JSON.stringify(waiting), last, problem) };
}

/**
 * Sends what is waiting, batch by batch; stops at the first batch not stored and says why.
 * Resolves {enrolled, words, waiting, problem, kind ("later" | "sign_in" | "refused" | null),
 * sent (batches stored)}. `now` is the page's clock (RFC 3339).
 */
export function flush(core, place, now) {
  const run = () => flushNow(core, place, now);
  return self.navigator?.locks?.request ? self.navigator.locks.request("hale-outbox", run) : run();
}

function flushNow(core, place, now) {
  return withOutbox(core, place, now, async (db, enrolment, acknowledged, plan, lock) => {
    let e = enrolment;
    let box = acknowledged;
    let left = plan.batches.length;
    let sent = 0;
    const rest = () => plan.batches.slice(plan.batches.length - left).reduce(
      (t, b) => ({ entries: t.entries + b.waiting.entries, readings: t.readings + b.waiting.readings, resources: t.resources + b.waiting.resources, urgent: t.urgent || b.waiting.urgent }),
      { entries: 0, readings: 0, resources: 0, urgent: false },
    );
    const send = async (batch) => {
      const { status, body } = await sendEntries(e.fhir, e.access_token, batch.bundle);
      return JSON.parse(core.fhirAnswer(status, body, batch.bundle.entry.length));
    };
    for (const batch of plan.batches) {
      let answer = await send(batch);
      const changes = {};
      if (answer.result === "sign_in" && e.refresh_token) {
        const t = await tokenRequest(e.token_endpoint, { grant_type: "refresh_token", refresh_token: e.refresh_token, client_id: e.client_id });
        if (t.ok) {
          changes.replaced = e.refresh_token;
          changes.access_token = t.token.access_token;
          if (t.token.refresh_token) changes.refresh_token = t.token.refresh_token;
          e = { ...e, access_token: changes.access_token, refresh_token: changes.refresh_token || e.refresh_token };
          answer = await send(batch);
        } else if (t.offline) {
          answer = { result: "later", words: "You seem to be offline. Hale will send when you are back online." };
        }
      }
      if (answer.result !== "stored") {
        box = { ...box, problem: answer.words, kind: answer.result, attempts: (box.attempts || 0) + 1 };
        if (!(await keep(db, changes, box, lock))) return { enrolled: false };
        return { ...describe(core, e, rest(), box), sent };
      }
      for (const [url, ack] of Object.entries(batch.acknowledge)) {
        if (ack === null) delete box.sent[url];
        else box.sent[url] = ack;
      }
      box = { ...box, problem: null, kind: null, attempts: 0 };
      Object.assign(changes, { last_sent: now, sent_flags: batch.flags });
      if (!(await keep(db, changes, box, lock))) return { enrolled: false };
      e = { ...e, last_sent: now };
      left -= 1;
      sent += 1;
    }
    return { ...describe(core, e, rest(), box), sent };
  });
}

/** How long to wait before trying again after `attempts` failed tries: 30 s doubling, at most 30 min. */
export const backoffMs = (attempts) => Math.min(30000 * 2 ** Math.max(0, attempts - 1), 30 * 60000);
