// Hale's transaction Bundle (`hale fhir transaction`) against a real FHIR server (helios-hfs, with
// its bearer-token checking on) and a SMART authorisation server the tests own
// (scripts/smart-issuer.mjs). What the server holds is checked by searching it, never by what
// Hale believes it sent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startFhirServer, freePort } from "../../scripts/fhir-server.mjs";
import { startIssuer } from "../../scripts/smart-issuer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const HALE = join(root, "target/native/hale");
const SYSTEM = "urn:hale:test";
const NOW = "2026-11-20T09:00:00Z";
// The scopes Hale asks for: the resources it writes, read and searched only to update them.
const SCOPES = ["Patient.rs", "Observation.crus", "Condition.crus", "MedicationStatement.crus", "QuestionnaireResponse.crus", "Flag.crus", "DetectedIssue.crus", "RiskAssessment.crus", "CarePlan.crus"]
  .map((s) => `patient/${s}`)
  .concat(["launch/patient", "offline_access"])
  .join(" ");

const record = (bp) => ({
  format: "hale.record/1",
  profile: { name: "Sam Patel", birth_date: "1961-04-12", sex: "male", conditions: ["hypertension", "asthma"], peak_flow_best_l_min: 500 },
  observations: [
    { id: "o-pef-low", kind: "peak_flow", at: "2026-11-12T08:00:00Z", l_min: 160 },
    { id: "o-pef-ok", kind: "peak_flow", at: "2026-11-14T08:00:00Z", l_min: 480 },
    { id: "o-bp", kind: "blood_pressure", at: "2026-11-20T08:00:00Z", systolic_mmhg: bp[0], diastolic_mmhg: bp[1] },
    { id: "o-wt", kind: "weight", at: "2026-11-19T07:00:00Z", kg: 82.5 },
  ],
  symptoms: [],
  questionnaires: [{ id: "q1", instrument: "phq9", at: "2026-11-18T10:00:00Z", items: [1, 0, 1, 0, 0, 1, 0, 0, 0] }],
});

function transaction(rec, patientId = "P-1") {
  const out = execFileSync(HALE, ["fhir", "transaction", "--patient-id", patientId, "--base", SYSTEM, "--now", NOW, "-"], { input: JSON.stringify(rec), encoding: "utf8" });
  return JSON.parse(out);
}

let issuer;
let fhir;
let practice; // the practice's own token (system scopes)
let patientId; // the Patient's id on the server (the practice registered the person)

async function call(path, { method = "GET", token, body } = {}) {
  const r = await fetch(fhir.url + path, {
    method,
    headers: { Accept: "application/fhir+json", ...(body ? { "Content-Type": "application/fhir+json" } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, json, text };
}

/** The standalone launch as Hale does it: authorise with PKCE (S256), then exchange the code. */
async function signIn(scope = SCOPES) {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const redirect = "http://127.0.0.1:9/#/connected";
  const q = new URLSearchParams({ response_type: "code", client_id: "hale", redirect_uri: redirect, scope, state: "s1", aud: fhir.url, code_challenge: challenge, code_challenge_method: "S256" });
  const a = await fetch(`${issuer.url}/authorize?${q}`, { redirect: "manual" });
  const back = new URL(a.headers.get("location"));
  assert.equal(back.searchParams.get("state"), "s1");
  const code = back.searchParams.get("code");
  assert.ok(code, `no code: ${back}`);
  const t = await fetch(`${issuer.url}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirect, client_id: "hale" }),
  });
  assert.equal(t.status, 200);
  return t.json();
}

const count = async (query) => {
  const r = await call(`/${query}${query.includes("?") ? "&" : "?"}_summary=count`, { token: practice });
  assert.equal(r.status, 200, `${query}: ${r.text.slice(0, 300)}`);
  return r.json.total;
};

before(async () => {
  const port = await freePort();
  issuer = await startIssuer({ audience: `http://127.0.0.1:${port}` });
  fhir = await startFhirServer({ issuer, port });
  practice = issuer.token({ sub: "practice", scope: "system/*.cruds" });
  // The practice registers the person (as it would before giving them the enrolment link).
  const created = await call("/Patient", { method: "POST", token: practice, body: { resourceType: "Patient", identifier: [{ system: `${SYSTEM}:patient`, value: "P-1" }] } });
  assert.equal(created.status, 201, created.text);
  patientId = created.json.id;
  issuer.state.grant.patient = patientId;
});

after(async () => {
  await fhir?.stop();
  await issuer?.close();
});

test("without a token, or with a token from elsewhere, the server refuses", async () => {
  assert.equal((await call("/Observation")).status, 401);
  const forged = issuer.token({ sub: "x", scope: "system/*.cruds" }).replace(/\.[^.]+$/, ".AAAA");
  assert.equal((await call("/Observation", { token: forged })).status, 401);
});

test("the person's transaction lands once: readings, flags and scores, labelled patient-generated, and a second send creates nothing", async () => {
  const token = (await signIn()).access_token;
  const bundle = transaction(record([186, 112]));
  const first = await call("/", { method: "POST", token, body: bundle });
  assert.equal(first.status, 200, first.text.slice(0, 2000));
  const statuses = first.json.entry.map((e) => e.response.status.slice(0, 3));
  assert.ok(statuses.every((s) => s === "201" || s === "200"), `statuses ${statuses}`);
  const subject = `subject=Patient/${patientId}`;
  const before = {
    observations: await count(`Observation?${subject}`),
    flags: await count(`Flag?${subject}`),
    patients: await count(`Patient?identifier=${SYSTEM}:patient|P-1`),
  };
  assert.equal(before.patients, 1, "the practice's Patient is the one Hale's entries refer to");
  // 4 readings, the PHQ-9 score, the peak-flow best, the health score if any: at least 6.
  assert.ok(before.observations >= 6, `observations ${before.observations}`);
  assert.equal(await count(`Observation?${subject}&code=http://loinc.org|85354-9`), 1, "blood pressure as the LOINC panel");
  assert.equal(await count(`Observation?${subject}&code=http://loinc.org|29463-7&date=ge2026-11-19&date=lt2026-11-20`), 1, "weight on its day");
  assert.equal(await count(`Flag?${subject}&status=active`), 1, "the severe reading's flag stands");
  assert.ok((await count(`Flag?${subject}&status=inactive`)) >= 1, "the settled asthma flag is inactive");
  assert.ok((await count(`DetectedIssue?patient=Patient/${patientId}`)) >= 2);
  const tagged = await call(`/Observation?${subject}&_tag=urn:hale:provenance|patient-generated&_summary=count`, { token: practice });
  assert.equal(tagged.json.total, before.observations, "every Observation is tagged patient-generated");

  // The same send again (a retry after a lost answer): nothing new.
  const again = await call("/", { method: "POST", token, body: bundle });
  assert.equal(again.status, 200, again.text.slice(0, 2000));
  assert.equal(await count(`Observation?${subject}`), before.observations);
  assert.equal(await count(`Flag?${subject}`), before.flags);
  assert.equal(await count(`Patient?identifier=${SYSTEM}:patient|P-1`), 1);

  // An edited reading is updated in place; the flag it raised settles.
  const edited = await call("/", { method: "POST", token, body: transaction(record([128, 82])) });
  assert.equal(edited.status, 200, edited.text.slice(0, 2000));
  assert.equal(await count(`Observation?${subject}`), before.observations);
  const bp = await call(`/Observation?identifier=${SYSTEM}:observation|P-1/o-bp`, { token: practice });
  assert.equal(bp.json.entry.length, 1);
  assert.equal(bp.json.entry[0].resource.component[0].valueQuantity.value, 128);
  assert.equal(await count(`Flag?${subject}&status=active`), 0, "no flag stands after the edit");
});

test("a token without the scopes Hale writes with is refused, and nothing is stored", async () => {
  const token = (await signIn("patient/Observation.rs launch/patient")).access_token;
  const subject = `subject=Patient/${patientId}`;
  const n = await count(`Observation?${subject}`);
  const r = await call("/", { method: "POST", token, body: transaction(record([140, 90])) });
  assert.ok(r.status === 403 || r.status === 401, `status ${r.status}: ${r.text.slice(0, 300)}`);
  assert.equal(await count(`Observation?${subject}`), n);
});

test("a person's token cannot write another person's record", async () => {
  const token = (await signIn()).access_token; // launch patient: P-1's Patient
  const r = await call("/", { method: "POST", token, body: transaction(record([140, 90]), "P-2") });
  assert.ok(r.status === 403 || r.status === 400 || r.status === 422, `status ${r.status}: ${r.text.slice(0, 300)}`);
  assert.equal(await count(`Patient?identifier=${SYSTEM}:patient|P-2`), 0, "no Patient was made for P-2");
  assert.equal(await count(`Observation?identifier=${SYSTEM}:observation|P-2/o-bp`), 0);
});
