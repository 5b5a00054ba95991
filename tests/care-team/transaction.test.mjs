// Hale's transaction Bundle (`hale fhir transaction`) against a real FHIR server (helios-hfs, with
// its bearer-token checking on) and a SMART authorisation server the tests own
// (scripts/smart-issuer.mjs), sent as the app sends it (app/js/outbox.mjs `sendEntries`: each
// entry to its single-resource endpoint, conditional on its identifier). What the server holds is
// checked by searching it, never by what Hale believes it sent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startFhirServer, freePort } from "../../scripts/fhir-server.mjs";
import { startIssuer } from "../../scripts/smart-issuer.mjs";
import { sendEntries } from "../../app/js/outbox.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const HALE = join(root, "target/native/hale");
const SYSTEM = "urn:hale:test";
const NOW = "2026-11-20T09:00:00Z";
// The scopes Hale asks for (app/src/care_team.rs SCOPE): the resources it writes, read and
// searched only to update them.
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

let issuer;
let fhir;
let practice; // the practice's own token (system scopes)
let patientId; // the Patient's id on the server (the practice registered the person)
let otherId; // another person's

/** The CLI's transaction, referring to the Patient the sign-in named (what Hale sends). */
function transaction(rec, serverPatient = patientId, identifier = "P-1", earlierFlags = []) {
  const earlier = earlierFlags.flatMap((k) => ["--earlier-flag", k]);
  const out = execFileSync(HALE, ["fhir", "transaction", "--patient-id", identifier, "--patient-ref", `Patient/${serverPatient}`, ...earlier, "--base", SYSTEM, "--now", NOW, "-"], {
    input: JSON.stringify(rec),
    encoding: "utf8",
  });
  return JSON.parse(out);
}

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
  const redirect = "http://127.0.0.1:9/";
  const q = new URLSearchParams({ response_type: "code", client_id: "hale", redirect_uri: redirect, scope, state: "s1", aud: fhir.url, code_challenge: challenge, code_challenge_method: "S256" });
  const a = await fetch(`${issuer.url}/authorize?${q}`, { redirect: "manual" });
  const back = new URL(a.headers.get("location"));
  assert.equal(back.searchParams.get("state"), "s1");
  const code = back.searchParams.get("code");
  assert.ok(code, `no code: ${back}`);
  const exchange = (v) =>
    fetch(`${issuer.url}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, code_verifier: v, redirect_uri: redirect, client_id: "hale" }),
    });
  const t = await exchange(verifier);
  assert.equal(t.status, 200);
  const token = await t.json();
  assert.equal(token.patient, patientId, "the sign-in names the person's Patient");
  assert.ok(token.refresh_token, "and gives a refresh token");
  assert.equal((await exchange(verifier)).status, 400, "a code works once");
  return token;
}

/** The person's Flags as the server holds them: rule id → status (R4 has no Flag status search). */
async function flagStatuses(id = patientId) {
  const r = await call(`/Flag?subject=Patient/${id}&_count=100`, { token: practice });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  return Object.fromEntries((r.json.entry || []).map((e) => [e.resource.code.coding[0].code, e.resource.status]));
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
  // The practice registers the people (as it would before giving them the enrolment link).
  for (const id of ["P-1", "P-2"]) {
    const created = await call("/Patient", { method: "POST", token: practice, body: { resourceType: "Patient", identifier: [{ system: `${SYSTEM}:patient`, value: id }] } });
    assert.equal(created.status, 201, created.text);
    if (id === "P-1") patientId = created.json.id;
    else otherId = created.json.id;
  }
  issuer.state.grant.patient = patientId;
});

after(async () => {
  await fhir?.stop();
  await issuer?.close();
});

test("without a token, or with a forged one, the server refuses", async () => {
  assert.equal((await call("/Observation")).status, 401);
  const forged = issuer.token({ sub: "x", scope: "system/*.cruds" }).replace(/\.[^.]+$/, ".AAAA");
  assert.equal((await call("/Observation", { token: forged })).status, 401);
});

test("what the person sends lands once: readings, flags and scores, labelled patient-generated; sending again creates nothing; an edit updates", async () => {
  const token = (await signIn()).access_token;
  const bundle = transaction(record([186, 112]));
  const first = await sendEntries(fhir.url, token, bundle);
  assert.equal(first.status, 200, first.body.slice(0, 2000));
  const answers = JSON.parse(first.body).entry;
  assert.equal(answers.length, bundle.entry.length);
  assert.ok(answers.every((a) => a.response.status.startsWith("201")), "everything was new");
  const subject = `subject=Patient/${patientId}`;
  const before = { observations: await count(`Observation?${subject}`), flags: await count(`Flag?${subject}`) };
  // 4 readings, the PHQ-9 score and the peak-flow best at least.
  assert.ok(before.observations >= 6, `observations ${before.observations}`);
  assert.equal(await count(`Observation?${subject}&code=http://loinc.org|85354-9`), 1, "blood pressure as the LOINC panel");
  assert.equal(await count(`Observation?${subject}&code=http://loinc.org|29463-7&date=ge2026-11-19&date=lt2026-11-20`), 1, "weight on its day");
  assert.deepEqual(await flagStatuses(), { "bp.severe": "active", "asthma.pef.life_threatening": "inactive" }, "the severe reading's flag stands; the attack a week ago has settled");
  assert.ok((await count(`DetectedIssue?patient=Patient/${patientId}`)) >= 2);
  assert.equal(await count(`Observation?${subject}&_tag=urn:hale:provenance|patient-generated`), before.observations, "every Observation is tagged");
  // The DetectedIssue's evidence points at the reading as the server holds it.
  const issue = await call(`/DetectedIssue?patient=Patient/${patientId}&code=urn:hale:rule|bp.severe`, { token: practice });
  const evidence = issue.json.entry[0].resource.evidence[0].detail[0].reference;
  const bp = await call(`/Observation?identifier=${SYSTEM}:observation|P-1/o-bp`, { token: practice });
  assert.equal(evidence, `Observation/${bp.json.entry[0].resource.id}`);

  // The same send again (a retry after a lost answer): nothing new.
  const again = await sendEntries(fhir.url, token, bundle);
  assert.equal(again.status, 200, again.body.slice(0, 2000));
  assert.ok(JSON.parse(again.body).entry.every((a) => a.response.status.startsWith("200")), "everything was already there");
  assert.equal(await count(`Observation?${subject}`), before.observations);
  assert.equal(await count(`Flag?${subject}`), before.flags);

  // An edited reading is updated in place; the flag it raised, sent before, is sent as inactive.
  const sentFlags = bundle.entry.filter((e) => e.resource.resourceType === "Flag").map((e) => e.resource.identifier[0].value.replace(/^P-1\//, ""));
  const edited = await sendEntries(fhir.url, token, transaction(record([128, 82]), patientId, "P-1", sentFlags));
  assert.equal(edited.status, 200, edited.body.slice(0, 2000));
  assert.equal(await count(`Observation?${subject}`), before.observations);
  const after = await call(`/Observation?identifier=${SYSTEM}:observation|P-1/o-bp`, { token: practice });
  assert.equal(after.json.entry.length, 1);
  assert.equal(after.json.entry[0].resource.component[0].valueQuantity.value, 128);
  assert.deepEqual(await flagStatuses(), { "bp.severe": "inactive", "asthma.pef.life_threatening": "inactive" }, "no flag stands after the edit");
});

test("the CLI's Bundle is a valid transaction (the practice's own token posts it whole); a person's token may not write in a Bundle on this server", async () => {
  const token = (await signIn()).access_token;
  const bundle = transaction(record([150, 95]));
  const whole = await call("/", { method: "POST", token: practice, body: bundle });
  assert.equal(whole.status, 200, whole.text.slice(0, 2000));
  assert.equal(whole.json.type, "transaction-response");
  // helios-hfs confines a patient/ token to the person's compartment only on single-resource
  // endpoints, so it refuses writes inside a Bundle: Hale sends entries one by one.
  const refused = await call("/", { method: "POST", token, body: bundle });
  assert.equal(refused.status, 403, refused.text.slice(0, 300));
});

test("a token without the scopes Hale writes with is refused, and nothing is stored", async () => {
  const token = (await signIn("patient/Observation.rs launch/patient")).access_token;
  const n = await count(`Observation?subject=Patient/${patientId}`);
  const r = await sendEntries(fhir.url, token, transaction(record([140, 90])));
  assert.equal(r.status, 403, r.body.slice(0, 300));
  assert.equal(await count(`Observation?subject=Patient/${patientId}`), n);
});

test("a person's token cannot write to another person's record", async () => {
  const token = (await signIn()).access_token; // launch patient: P-1
  const r = await sendEntries(fhir.url, token, transaction(record([140, 90]), otherId, "P-2"));
  assert.ok([403, 404].includes(r.status), `status ${r.status}: ${r.body.slice(0, 300)}`);
  assert.equal(await count(`Observation?subject=Patient/${otherId}`), 0, "nothing was written for P-2");
});
