// The stored-record layout (app/js/store-schema.mjs) that the core worker, the end-to-end harness and
// the start-up benchmark share: rows round-trip to the same Record, and rows of another entry version
// are left out and counted, as the app's Rust store does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rowsOf, recordOf, ENTRY_VERSION, PROFILE_ID } from "../../app/js/store-schema.mjs";

const record = {
  format: "hale.record/1",
  profile: { sex: "female", conditions: ["asthma"] },
  observations: [{ id: "o1", at: "2026-11-20T08:00:00Z", kind: "peak_flow", l_min: 400 }],
  symptoms: [{ id: "s1", at: "2026-11-20T08:00:00Z", code: "cough" }],
  questionnaires: [],
};

test("a Record's rows read back to the same Record", () => {
  const rows = rowsOf(record);
  assert.equal(rows.profile[0].id, PROFILE_ID);
  assert.ok(Object.values(rows).flat().every((r) => r.v === ENTRY_VERSION));
  assert.deepEqual(recordOf(rows), { record, skipped: 0 });
});

test("rows written by another version are left out and counted, never guessed at", () => {
  const rows = rowsOf(record);
  rows.observations.push({ id: "o2", at: "2026-11-21T08:00:00Z", kind: "peak_flow", l_min: 300, v: ENTRY_VERSION + 1 });
  rows.symptoms[0].v = undefined;
  const { record: back, skipped } = recordOf(rows);
  assert.equal(skipped, 2);
  assert.deepEqual(back.observations, record.observations);
  assert.deepEqual(back.symptoms, []);
});
