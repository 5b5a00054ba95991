// The passphrase lock in the workers (app/js/sealed.mjs over the core package's lockSealRows and
// lockOpenRows): rows sealed with a key open with it only; without a key a sealed row is never read
// as data; the lock's own meta rows stay clear; a reader given no lock refuses sealed rows.
// Run: node --test tests/js/  (after building core/pkg with scripts/build-core-pkg.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { crypt, LOCKED, CLEAR_META } from "../../app/js/sealed.mjs";
import { readableAtRest } from "../e2e/lib/at-rest.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const core = await import(join(root, "core/pkg/hale_core.js"));
await core.default({ module_or_path: readFileSync(join(root, "core/pkg/hale_core_bg.wasm")) });

const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
const KEY = b64(new Uint8Array(32).fill(7));
const OTHER = b64(new Uint8Array(32).fill(9));
const rows = [
  { id: "o1", kind: "blood_pressure", at: "2026-11-20T08:00:00Z", systolic_mmhg: 182, diastolic_mmhg: 95, v: 1 },
  { id: "o2", kind: "weight", at: "2026-11-21T08:00:00Z", kg: 80.5, v: 1 },
];

test("rows sealed with a key keep nothing in clear, are found by their id, and open with that key only", () => {
  const sealed = crypt(core, KEY).seal("observations", rows);
  for (const [i, r] of sealed.entries()) {
    assert.deepEqual(Object.keys(r).sort(), ["id", "sealed"]);
    assert.equal(r.id, core.lockRowKey(Buffer.from(KEY, "base64url"), "observations", rows[i].id), "stored under a keyed hash of its id");
    assert.equal(r.id, crypt(core, KEY).idOf("observations", rows[i].id));
    assert.ok(!readableAtRest([r], "182"));
  }
  assert.notEqual(sealed[0].sealed.slice(0, 16), crypt(core, KEY).seal("observations", rows)[0].sealed.slice(0, 16), "a fresh nonce each time");
  assert.deepEqual(crypt(core, KEY).open("observations", sealed), rows);
  assert.throws(() => crypt(core, OTHER).open("observations", sealed), /passphrase is not the right one/);
  assert.throws(() => crypt(core, KEY).open("symptoms", sealed), "bound to its store");
  assert.throws(() => crypt(core, "").open("observations", sealed), new RegExp(LOCKED.slice(0, 14)));
  assert.deepEqual(crypt(core, "").open("observations", rows), rows, "clear rows need no key");
});

test("the lock's own rows stay clear; a care-team row with its tokens is sealed", () => {
  const meta = [{ id: CLEAR_META[0], salt: "s" }, { id: CLEAR_META[1], contacts: [] }, { id: "care-team", access_token: "t0ken" }];
  const sealed = crypt(core, KEY).seal("meta", meta);
  assert.deepEqual(sealed.slice(0, 2), meta.slice(0, 2));
  assert.ok(!readableAtRest([sealed[2]], "t0ken"));
  assert.deepEqual(crypt(core, KEY).open("meta", sealed), meta);
});
