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
