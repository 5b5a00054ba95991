// The care team's worklist (`hale worklist`) from a real FHIR server (helios-hfs, bearer tokens
// checked): three people enrol and send what their app would send (one with a peak flow at 45 %
// of their best, one with a home blood pressure above target, one silent for 15 days); the
// worklist places them in that category order; a review Task moves one, and a new flag after the
// review brings them back; the token comes only from HALE_TOKEN.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startFhirServer, freePort } from "../../scripts/fhir-server.mjs";
import { startIssuer } from "../../scripts/smart-issuer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const HALE = join(root, "target/native/hale");
const NOW = "2026-11-20T09:00:00Z";

let issuer;
let fhir;
let practice;

const at = (daysAgo, hour = 8) => new Date(Date.parse(NOW) - daysAgo * 86400000 + (hour - 9) * 3600000).toISOString().replace(".000Z", "Z");

const people = {
  // Peak flow 225 of a best of 500 (45 %) this morning: asthma.pef.severe (urgent).
  "P-asthma": { profile: { conditions: ["asthma"], peak_flow_best_l_min: 500 }, observations: [{ id: "pf1", kind: "peak_flow", at: at(0), l_min: 225 }] },
  // A week of home readings averaging above the 135/85 target: bp.home.high (routine).
  "P-bp": {
    profile: { birth_date: "1960-03-01", conditions: ["hypertension"] },
    observations: Array.from({ length: 7 }, (_, i) => ({ id: `bp${i}`, kind: "blood_pressure", at: at(6 - i), systolic_mmhg: 146, diastolic_mmhg: 88 })),
  },
  // Nothing for 15 days.
  "P-quiet": { profile: { conditions: ["type2_diabetes"] }, observations: [{ id: "w1", kind: "weight", at: at(15), kg: 90 }] },
};

async function call(path, { method = "GET", token = practice, body } = {}) {
  const r = await fetch(fhir.url + path, {
    method,
    headers: { Accept: "application/fhir+json", "Content-Type": "application/fhir+json", Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: await r.json().catch(() => null) };
}

const ids = {};

/** What the person's app sends at `now`, posted whole as a transaction with the practice's token. */
async function send(identifier, record, now = NOW) {
  const bundle = execFileSync(HALE, ["fhir", "transaction", "--patient-id", identifier, "--patient-ref", `Patient/${ids[identifier]}`, "--now", now, "-"], {
    input: JSON.stringify({ format: "hale.record/1", symptoms: [], questionnaires: [], ...record }),
    encoding: "utf8",
  });
  const r = await call("", { method: "POST", body: JSON.parse(bundle) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
}

function worklist(env = { HALE_TOKEN: practice }, now = NOW) {
  const r = spawnSync(HALE, ["worklist", "--base", fhir.url, "--now", now], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
  return { code: r.status, rows: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

before(async () => {
  const port = await freePort();
  issuer = await startIssuer({ audience: `http://127.0.0.1:${port}` });
  fhir = await startFhirServer({ issuer, port });
  practice = issuer.token({ sub: "practice", scope: "system/*.cruds" });
  for (const [identifier, record] of Object.entries(people)) {
    const p = await call("/Patient", { method: "POST", body: { resourceType: "Patient", identifier: [{ system: "urn:hale:id:patient", value: identifier }], name: [{ text: `<img src=x onerror=alert(1)> ${identifier}` }] } });
    assert.equal(p.status, 201);
    ids[identifier] = p.json.id;
    await send(identifier, record);
  }
});

after(async () => {
  await fhir?.stop();
  await issuer?.close();
});

test("the worklist places each person in the first category they match, in the order to look at them", () => {
  const { code, rows, stderr } = worklist();
  assert.equal(code, 0, stderr);
  assert.deepEqual(
    rows.map((r) => [r.identifier, r.category, r.patient_id]),
    [
      ["P-asthma", "urgent-24h", ids["P-asthma"]],
      ["P-bp", "flag-7d", ids["P-bp"]],
      ["P-quiet", "silent-14d", ids["P-quiet"]],
    ],
  );
  const [asthma, bp, quiet] = rows;
  assert.deepEqual(asthma.flags.map((f) => [f.rule, f.level]), [["asthma.pef.severe", "urgent"]]);
  assert.match(asthma.flags[0].reference, /^Flag\/h[0-9a-f]{32}$/);
  assert.ok(/urgent flag\)$/.test(asthma.reason), asthma.reason);
  assert.equal(asthma.last_data_at, at(0));
  assert.deepEqual(bp.flags.map((f) => f.rule), ["bp.home.high"]);
  assert.equal(bp.last_data_at, at(0));
  assert.equal(quiet.reason, "No readings for 15 days");
  assert.equal(quiet.last_data_at, at(15));
  // A name is data, never markup: carried as the exact text.
  assert.equal(asthma.name, `<img src=x onerror=alert(1)> P-asthma`);
  assert.ok(rows.every((r) => r.reviewed === null));
});

test("placed again at the team's own time: silence grows, a flag ages out of its window", () => {
  const later = new Date(Date.parse(NOW) + 8 * 86400000).toISOString().replace(".000Z", "Z");
  const { rows } = worklist(undefined, later);
  assert.deepEqual(rows[0], { ...rows[0], identifier: "P-quiet", category: "silent-14d", reason: "No readings for 23 days" });
  assert.deepEqual(Object.fromEntries(rows.slice(1).map((r) => [r.identifier, r.category])), { "P-asthma": "settled", "P-bp": "settled" });
});

test("a review Task moves the person down; a new flag after it brings them back", async () => {
  const before = worklist().rows.find((r) => r.identifier === "P-bp");
  const task = {
    resourceType: "Task",
    status: "completed",
    intent: "order",
    code: { coding: [{ system: "urn:hale:task", code: "review" }] },
    for: { reference: `Patient/${ids["P-bp"]}` },
    focus: { reference: before.flags[0].reference },
    authoredOn: "2026-11-20T09:30:00Z",
    executionPeriod: { end: "2026-11-20T09:30:00Z" },
    owner: { display: "J Patel" },
    note: [{ text: "Called; home readings reviewed, plan unchanged." }],
  };
  assert.equal((await call("/Task", { method: "POST", body: task })).status, 201);
  const reviewedAt = "2026-11-20T10:00:00Z";
  let rows = worklist(undefined, reviewedAt).rows;
  const bp = rows.find((r) => r.identifier === "P-bp");
  assert.equal(bp.category, "settled");
  assert.deepEqual(bp.reviewed, { by: "J Patel", at: "2026-11-20T09:30:00Z", note: "Called; home readings reviewed, plan unchanged." });
  assert.deepEqual(rows.map((r) => r.identifier), ["P-asthma", "P-quiet", "P-bp"]);
  // Two days later a very high reading: a new flag stands after the review.
  const next = "2026-11-22T09:00:00Z";
  await send("P-bp", { ...people["P-bp"], observations: [...people["P-bp"].observations, { id: "bp-hi", kind: "blood_pressure", at: "2026-11-22T08:00:00Z", systolic_mmhg: 184, diastolic_mmhg: 100 }] }, next);
  rows = worklist(undefined, next).rows;
  const back = rows.find((r) => r.identifier === "P-bp");
  assert.equal(back.category, "urgent-24h");
  assert.ok(back.flags.some((f) => f.rule === "bp.severe"));
});

test("the token comes only from HALE_TOKEN, and a refusal is said in words", () => {
  const none = worklist({});
  assert.equal(none.code, 2);
  assert.match(JSON.parse(none.stderr)[0].message, /401.*HALE_TOKEN/);
  const asArg = spawnSync(HALE, ["worklist", "--base", fhir.url, "--token", practice], { encoding: "utf8" });
  assert.equal(asArg.status, 2);
  assert.match(asArg.stderr, /environment variable HALE_TOKEN/);
  const noBase = spawnSync(HALE, ["worklist"], { encoding: "utf8" });
  assert.equal(noBase.status, 2);
});
