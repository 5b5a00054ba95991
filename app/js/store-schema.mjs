// The one definition of how Hale keeps a person's record in IndexedDB, for every JavaScript reader
// and writer: the core worker (copied beside it into /pkg as store-schema.js by scripts/post-build.mjs), the
// end-to-end harness and the start-up benchmark. The Rust store (app/src/store) has the same
// constants, and a test there reads this file and fails if the two disagree.
//
// Each stored row is a Record-format entry (`hale.record/1`) plus `v`, the entry version; the
// profile is one row with id PROFILE_ID. A row of any other version is not read (it was written by
// another version of Hale): it is counted, never guessed at.

export const DB_NAME = "hale";
export const SCHEMA_VERSION = 2;
export const ENTRY_VERSION = 1;
export const PROFILE_ID = "me";
export const RECORD_STORES = ["profile", "observations", "symptoms", "questionnaires"];
export const STORES = ["observations", "symptoms", "questionnaires", "profile", "kept", "meta"];
// Every store's key path is "id"; the indexes, by store: name → key path.
export const INDEXES = {"observations": {"kind_at": ["kind", "at"]}};

/** A Record's entries as the rows each of RECORD_STORES holds. */
export function rowsOf(record) {
  const v = ENTRY_VERSION;
  return {
    profile: record.profile ? [{ ...record.profile, id: PROFILE_ID, v }] : [],
    observations: (record.observations || []).map((o) => ({ ...o, v })),
    symptoms: (record.symptoms || []).map((s) => ({ ...s, v })),
    questionnaires: (record.questionnaires || []).map((q) => ({ ...q, v })),
  };
}

/** Stored rows back into a Record, with how many rows of another version were left out. */
export function recordOf(rows) {
  let skipped = 0;
  const keep = (list) =>
    (list || []).flatMap(({ v, ...rest }) => {
      if (v !== ENTRY_VERSION) {
        skipped += 1;
        return [];
      }
      return [rest];
    });
  const [me] = keep((rows.profile || []).filter((p) => p.id === PROFILE_ID));
  const profile = me ? (({ id, ...rest }) => rest)(me) : {};
  return {
    record: {
      format: "hale.record/1",
      profile,
      observations: keep(rows.observations),
      symptoms: keep(rows.symptoms),
      questionnaires: keep(rows.questionnaires),
    },
    skipped,
  };
}

/**
 * Reads the stored Record (as JSON text) through an IndexedDB factory: the worker's own, or the one
 * a framed Hale was given through the Storage Access API (app/js/embed.js). Never creates the
 * database: a missing database is an empty record. Rows of another entry version are left out as
 * the app's own store leaves them out, so every reader sees the same record. `lock` (a `crypt` of
 * app/js/sealed.mjs) opens rows sealed by the passphrase lock; without it, or without its key, a
 * sealed row makes the read fail (nothing sealed is ever read as data).
 */
export async function readRecord(factory, lock) {
  const db = await new Promise((resolve) => {
    const req = factory.open(DB_NAME);
    req.onupgradeneeded = () => req.transaction.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  if (!db) return JSON.stringify(recordOf({}).record);
  const getAll = (store) =>
    new Promise((resolve, reject) => {
      if (!db.objectStoreNames.contains(store)) return resolve([]);
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  try {
    const lists = (await Promise.all(RECORD_STORES.map(getAll))).map((rows, i) => {
      if (lock) return lock.open(RECORD_STORES[i], rows);
      if (rows.some((r) => r && typeof r.sealed === "string")) throw new Error("Hale is locked.");
      return rows;
    });
    return JSON.stringify(recordOf(Object.fromEntries(RECORD_STORES.map((s, i) => [s, lists[i]]))).record);
  } finally {
    db.close();
  }
}

/** Creates the current schema in a new, empty database (inside its upgrade). */
export function createSchema(db) {
  for (const name of STORES) {
    const store = db.createObjectStore(name, { keyPath: "id" });
    for (const [index, keyPath] of Object.entries(INDEXES[name] || {})) store.createIndex(index, keyPath);
  }
}

const done = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * Moves what a framed Hale stored in its own (partitioned) IndexedDB `from` into the person's Hale
 * data `to` (the Storage Access API's IndexedDB), so nothing entered in the portal is left behind
 * when Hale starts using the person's own data there. Rows already in `to` (the same id) are kept
 * as they are; the moved copy is deleted only after the move has committed. Returns how many
 * entries were moved; throws when it could not (and then deletes nothing).
 */
export async function carryOver(from, to) {
  const src = await new Promise((resolve) => {
    const req = from.open(DB_NAME);
    req.onupgradeneeded = () => req.transaction.abort(); // nothing was stored there
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
  if (!src) return 0;
  const names = STORES.filter((s) => src.objectStoreNames.contains(s));
  const rows = {};
  try {
    if (names.length) {
      const tx = src.transaction(names);
      for (const s of names) rows[s] = await done(tx.objectStore(s).getAll());
    }
  } finally {
    src.close();
  }
  if (!Object.values(rows).some((r) => r.length)) return 0;
  const dst = await new Promise((resolve, reject) => {
    const req = to.open(DB_NAME, SCHEMA_VERSION);
    req.onupgradeneeded = (e) => {
      // A new database gets the current schema; an older one is left to the app to upgrade.
      if (e.oldVersion === 0) createSchema(req.result);
      else req.transaction.abort();
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error || new Error("could not open the Hale data"));
  });
  let moved = 0;
  try {
    const tx = dst.transaction(Object.keys(rows), "readwrite");
    for (const [s, list] of Object.entries(rows)) {
      const store = tx.objectStore(s);
      for (const row of list) {
        if ((await done(store.getKey(row.id))) === undefined) {
          store.put(row);
          if (RECORD_STORES.includes(s)) moved += 1;
        }
      }
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = tx.onerror = () => reject(tx.error || new Error("the move did not complete"));
    });
  } finally {
    dst.close();
  }
  // Deleted once nothing holds it open (the app opens the person's data instead, never this).
  from.deleteDatabase(DB_NAME);
  return moved;
}
