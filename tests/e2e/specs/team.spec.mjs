// The care team's worklist (#/team) on a real FHIR server (helios-hfs, bearer tokens checked): three
// people enrol with Riverside Surgery in their own browsers and their Hale sends what they logged
// (one with a peak flow at 45 % of their best, one with a week of home blood pressure above target,
// one silent for 15 days); a practice nurse signs in (SMART App Launch, user/ scopes) and sees them in
// that category order, with the reasons in words; marks one reviewed (a Task on the server; the row
// moves; undo); filters by condition (kept when she comes back), searches by name and by NHS
// number, downloads the list as CSV, opens a person's summary built from the server's resources;
// a patient's name that looks like markup stays text; axe on every state; the list at 320 px; a
// colleague without the scopes is refused in plain words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../../scripts/serve.mjs";
import { startFhirServer, freePort } from "../../../scripts/fhir-server.mjs";
import { startIssuer } from "../../../scripts/smart-issuer.mjs";
import { openBrowser, expectNoAxeViolations, appReady, seedRecord, daysAgo, testNow } from "../lib/harness.mjs";
import { until, untilText } from "../lib/wait.mjs";

const HALE_CLI = join(dirname(fileURLToPath(import.meta.url)), "../../../target/native/hale");
const XSS = "<img src=x onerror=alert(1)>";

/** The three people: who the practice registered, and what each logged before enrolling. */
const PEOPLE = [
  {
    id: "P-asthma",
    patient: { name: [{ text: `${XSS} Ada Asthma` }], birthDate: "1990-05-01", identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9434765919" }] },
    record: { profile: { conditions: ["asthma"], peak_flow_best_l_min: 500 }, observations: [{ id: "pf1", kind: "peak_flow", at: daysAgo(0, 8), l_min: 225 }] },
  },
  {
    id: "P-bp",
    patient: { name: [{ text: "Ben Pressure" }], birthDate: "1960-03-01" },
    record: {
      profile: { conditions: ["hypertension"] },
      observations: Array.from({ length: 7 }, (_, i) => ({ id: `bp${i}`, kind: "blood_pressure", at: daysAgo(7 - i, 8), systolic_mmhg: 146, diastolic_mmhg: 88 })),
    },
  },
  {
    id: "P-quiet",
    patient: { name: [{ text: "Quinn Quiet" }], birthDate: "1975-07-07" },
    record: { profile: { conditions: ["type2_diabetes"] }, observations: [{ id: "w1", kind: "weight", at: daysAgo(15, 8), kg: 90 }] },
  },
];

async function practice() {
  const port = await freePort();
  const fhirUrl = `http://127.0.0.1:${port}`;
  const issuer = await startIssuer({ audience: fhirUrl });
  const hale = await startServer({
    dir: "dist",
    config: {
      care_team_origins: [fhirUrl, issuer.url],
      care_team_worklists: [{ practice: "Riverside Surgery", fhir: fhirUrl, auth: issuer.url, client_id: "hale-team" }],
    },
  });
  const fhir = await startFhirServer({ issuer, port, corsOrigins: [hale.url] });
  const call = async (path, { method = "GET", body } = {}) => {
    for (let attempt = 0; ; attempt++) {
      const token = issuer.token({ sub: "practice", scope: "system/*.cruds" });
      const r = await fetch(`${fhirUrl}/${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: "application/fhir+json", "Content-Type": "application/fhir+json" },
        body: body ? JSON.stringify(body) : undefined,
      });
      // A transient answer (the in-memory SQLite briefly locked while Hale writes): a search is asked again.
      if (r.status >= 500 && method === "GET" && attempt < 5) {
        await new Promise((done) => setTimeout(done, 200));
        continue;
      }
      return { status: r.status, json: await r.json().catch(() => null) };
    }
  };
  return { fhirUrl, issuer, hale, fhir, call };
}

/** A person: registered by the practice, logs in their own browser, enrols; their Hale sends. */
async function enrol(p, person) {
  const { hale, issuer, fhirUrl, call } = p;
  const identifier = [{ system: "urn:hale:id:patient", value: person.id }, ...(person.patient.identifier || [])];
  const created = await call("Patient", { method: "POST", body: { resourceType: "Patient", ...person.patient, identifier } });
  assert.equal(created.status, 201);
  const patientId = created.json.id;
  const invitation = { practice: "Riverside Surgery", fhir: fhirUrl, auth: issuer.url, client_id: "hale", patient: person.id, expires: "2027-06-30T00:00:00Z", ask: { name: false, birth_date: false } };
  const token = execFileSync(HALE_CLI, ["enrol", "make", "-"], { input: JSON.stringify(invitation), encoding: "utf8" }).trim();
  const b = await openBrowser(hale.url);
  try {
    const { page } = b;
    await page.goto(`${hale.url}/#/`);
    await appReady(page);
    await seedRecord(page, { format: "hale.record/1", symptoms: [], questionnaires: [], ...person.record });
    issuer.state.grant.patient = patientId;
    await page.goto(`${hale.url}/#/connect/${token}`);
    await page.reload();
    await page.getByRole("button", { name: "Agree and sign in with Riverside Surgery" }).click({ timeout: 30000 });
    await page.getByRole("heading", { level: 1, name: "Sharing with Riverside Surgery" }).waitFor({ timeout: 30000 });
    await untilText(page.locator("#care-team-result"), /^Sent to Riverside Surgery at /);
  } finally {
    await b.close();
  }
  return patientId;
}

/** The rows of the worklist as the nurse reads them: [category, name] in page order. */
const listed = (page) =>
  page.locator("li.team-row").evaluateAll((rows) => rows.map((r) => [r.dataset.category, r.querySelector("h3").textContent]));

test("a practice nurse sees who needs attention first, reviews one, filters, searches, exports, and opens a person", async () => {
  const p = await practice();
  const nurse = await openBrowser(p.hale.url);
  try {
    const ids = {};
    for (const person of PEOPLE) ids[person.id] = await enrol(p, person);
    // Their summaries are on the server, placed by each person's own Hale.
    const held = await p.call("Observation?code=urn:hale:result|monitoring_summary");
    assert.equal(held.json.entry.length, 3);

    const { page } = nurse;
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    await page.goto(`${p.hale.url}/#/team`);
    await page.getByRole("heading", { level: 1, name: "Care team worklist" }).waitFor({ timeout: 30000 });
    await expectNoAxeViolations(page, "the worklist's sign-in");
    p.issuer.state.grant.patient = null;
    await page.getByRole("button", { name: "Sign in to Riverside Surgery" }).click();
    await page.getByText("Signed in to Riverside Surgery.").waitFor({ timeout: 30000 });
    const asked = p.issuer.state.seen.find((r) => r.path === "/authorize");
    assert.ok(asked, "the sign-in went through the practice's authorisation server");
    await untilText(page.locator("#team-status"), /^3 people shown\.$/);

    // Who to call first, and why: the category order, the reasons in words, the latest values.
    assert.deepEqual(await listed(page), [
      ["urgent-24h", `${XSS} Ada Asthma`],
      ["flag-7d", "Ben Pressure"],
      ["silent-14d", "Quinn Quiet"],
    ]);
    const row = (name) => page.locator("li.team-row").filter({ has: page.getByRole("heading", { level: 3, name }) });
    const ada = row(`${XSS} Ada Asthma`);
    assert.match(await ada.locator(".team-row__reason").textContent(), /urgent flag\)$/);
    assert.match(await ada.locator(".team-row__who").textContent(), /NHS number 943 476 5919 · 3\d years · Asthma/i);
    assert.match(await ada.locator(".team-row__latest").textContent(), /Peak flow: 225 L\/min \(45% of best\)/);
    assert.match(await row("Quinn Quiet").locator(".team-row__reason").textContent(), /^No readings for 15 days$/);
    assert.match(await row("Quinn Quiet").locator(".team-row__who").textContent(), /Type 2 diabetes/);
    assert.match(await row("Ben Pressure").locator(".team-row__latest").textContent(), /146\/88 mmHg/);
    // The name is text: no image element was made from it, and nothing ran.
    assert.equal(await page.locator("main img[src=x]").count(), 0);
    assert.equal(dialogs, 0);
    await expectNoAxeViolations(page, "the worklist");
    await page.screenshot({ path: "/tmp/team-worklist.png", fullPage: true });

    // Mark Ben reviewed: a Task on the server, the row moves, the answer holds focus.
    await row("Ben Pressure").getByRole("button", { name: /^Mark reviewed/ }).click();
    await page.getByLabel("Note (optional)").fill("Called; home readings reviewed, plan unchanged.");
    await page.getByLabel("Your name, as colleagues will see it").fill("J Patel");
    await expectNoAxeViolations(page, "the review form");
    await page.getByRole("button", { name: "Save review" }).click();
    const result = page.locator("#team-result");
    await untilText(result, /^Ben Pressure marked reviewed\./);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "team-result");
    assert.deepEqual((await listed(page)).map((r) => r[0]), ["urgent-24h", "silent-14d", "settled"]);
    assert.match(await row("Ben Pressure").locator(".team-row__reviewed").textContent(), /^Reviewed by J Patel, .*: Called; home readings reviewed, plan unchanged\.$/);
    const tasks = await p.call(`Task?patient=Patient/${ids["P-bp"]}`);
    assert.equal(tasks.json.entry.length, 1);
    const task = tasks.json.entry[0].resource;
    assert.deepEqual([task.status, task.owner.display, task.note[0].text], ["completed", "J Patel", "Called; home readings reviewed, plan unchanged."]);
    assert.match(task.focus.reference, /^Flag\//, "the review's focus is the flag");
    await expectNoAxeViolations(page, "a review saved");
    // Undo: the Task stops counting, and Ben is back.
    await page.getByRole("button", { name: "Undo" }).click();
    await untilText(result, /^The review of Ben Pressure was undone\.$/);
    assert.deepEqual((await listed(page)).map((r) => r[0]), ["urgent-24h", "flag-7d", "silent-14d"]);
    assert.equal((await p.call(`Task/${task.id}`)).json.status, "entered-in-error");
    // A colleague opening the worklist afresh sees the same (the server's, never a copy).
    await page.reload();
    await untilText(page.locator("#team-status"), /^3 people shown\.$/);
    assert.deepEqual((await listed(page)).map((r) => r[0]), ["urgent-24h", "flag-7d", "silent-14d"]);

    // Filters: asthma only, kept when she comes back; then search by name and by NHS number.
    await page.getByLabel("Condition").selectOption("asthma");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await untilText(page.locator("#team-status"), /^1 person shown\.$/);
    assert.deepEqual(await listed(page), [["urgent-24h", `${XSS} Ada Asthma`]]);
    await page.goto(`${p.hale.url}/#/`);
    await page.goto(`${p.hale.url}/#/team`);
    await untilText(page.locator("#team-status"), /^1 person shown\.$/);
    assert.equal(await page.getByLabel("Condition").inputValue(), "asthma", "the filter is kept");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await untilText(page.locator("#team-status"), /^3 people shown\.$/);
    await page.getByLabel("Name or NHS number").fill("quinn");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await untilText(page.locator("#team-status"), /^1 person shown\.$/);
    assert.deepEqual(await listed(page), [["silent-14d", "Quinn Quiet"]]);
    await page.getByLabel("Name or NHS number").fill("943 476 5919");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await untilText(page.locator("#team-status"), /^1 person shown\.$/);
    assert.deepEqual(await listed(page), [["urgent-24h", `${XSS} Ada Asthma`]]);
    await page.getByLabel("Name or NHS number").fill("nobody here");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await untilText(page.locator("#team-status"), /^0 people shown\.$/);
    await page.getByText("No one matches these filters.").waitFor();
    await expectNoAxeViolations(page, "no one matches");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await untilText(page.locator("#team-status"), /^3 people shown\.$/);

    // Tags: the team labels Quinn (on the practice's Patient), filters by the tag, takes it off.
    await page.getByLabel("Add a tag: Quinn Quiet").fill("  Housebound ");
    await row("Quinn Quiet").getByRole("button", { name: "Add", exact: true }).click();
    await untilText(result, /^Quinn Quiet tagged “housebound”\.$/);
    assert.deepEqual((await p.call(`Patient/${ids["P-quiet"]}`)).json.meta.tag.filter((t) => t.system === "urn:hale:team-tag").map((t) => t.code), ["housebound"]);
    await page.getByLabel("Tag", { exact: true }).fill("housebound");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await untilText(page.locator("#team-status"), /^1 person shown\.$/);
    assert.deepEqual(await listed(page), [["silent-14d", "Quinn Quiet"]]);
    await expectNoAxeViolations(page, "filtered by a tag");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await untilText(page.locator("#team-status"), /^3 people shown\.$/);
    // An empty tag is refused at the field, nothing written.
    await row("Ben Pressure").getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText("Type a tag first.").waitFor();

    // The list as CSV, in the same order; the markup-looking name is a plain field.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download this list (CSV)" }).click()]);
    assert.match(download.suggestedFilename(), /^hale-worklist-\d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), "utf8").split("\r\n");
    assert.equal(lines.length, 5, "a header, three people, the last line break");
    assert.match(lines[0], /^Category,Reason,Name,NHS number,/);
    assert.ok(lines[1].startsWith(`Urgent flag in the last 24 hours,`) && lines[1].includes(`,${XSS} Ada Asthma,9434765919,`), lines[1]);
    assert.ok(lines[3].startsWith("No readings for 14 days,No readings for 15 days,Quinn Quiet,"), lines[3]);
    assert.ok(lines[3].includes(",housebound,"), `the tag in the CSV: ${lines[3]}`);

    // At 320 px the list fits without sideways scrolling.
    await page.setViewportSize({ width: 320, height: 700 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), "no sideways scrolling at 320 px");
    await page.screenshot({ path: "/tmp/team-worklist-320.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });

    // Open Ada: her summary from the server's resources, flags first.
    await page.getByRole("link", { name: `Open ${XSS} Ada Asthma's summary` }).click();
    await page.getByRole("heading", { level: 1, name: "A person on the worklist" }).waitFor();
    const person = page.locator("#team-person");
    await untilText(person, /Peak flow/);
    assert.match(await person.textContent(), /45 % of best/);
    assert.match(await person.textContent(), /Read from Riverside Surgery's server at /, "read now, not a shared copy");
    assert.doesNotMatch(await person.textContent(), /does not update/);
    assert.equal(await page.locator("main img[src=x]").count(), 0);
    await expectNoAxeViolations(page, "a person's summary");
    await page.screenshot({ path: "/tmp/team-person.png", fullPage: true });
    assert.equal(dialogs, 0, "nothing a patient wrote ran as script");
    // Nothing went anywhere but the practice's two servers.
    assert.deepEqual(nurse.foreign.filter((u) => !u.startsWith(p.fhirUrl + "/") && !u.startsWith(p.issuer.url + "/")), []);
  } finally {
    await nurse.close();
    await p.fhir.stop();
    await p.hale.close();
    await p.issuer.close();
  }
});

test("a colleague whose sign-in lacks the worklist's scopes is refused in plain words", async () => {
  const p = await practice();
  const b = await openBrowser(p.hale.url);
  try {
    const { page } = b;
    p.issuer.state.grant.scope = "openid fhirUser user/Patient.rs";
    await page.goto(`${p.hale.url}/#/team`);
    await page.getByRole("button", { name: "Sign in to Riverside Surgery" }).click({ timeout: 30000 });
    const error = page.locator("#team-error[role=alert]");
    await untilText(error, /^Your account may not read the worklist on Riverside Surgery's server\./);
    assert.match(await error.textContent(), /Ask your practice's system administrator\./);
    assert.equal(await page.locator("li.team-row").count(), 0);
    await expectNoAxeViolations(page, "refused");
  } finally {
    await b.close();
    await p.fhir.stop();
    await p.hale.close();
    await p.issuer.close();
  }
});

test("a page at a time: the server pages the list, and Show more people brings the next page", async () => {
  const p = await practice();
  const nurse = await openBrowser(p.hale.url);
  try {
    // 61 people the practice registered, each with what their Hale would have sent: one with an
    // urgent flag this morning, sixty settled.
    const now = testNow().toISOString().replace(/\.\d+Z$/, "Z");
    for (let i = 0; i < 61; i++) {
      const created = await p.call("Patient", { method: "POST", body: { resourceType: "Patient", identifier: [{ system: "urn:hale:id:patient", value: `P-${i}` }], name: [{ text: `Person ${String(i).padStart(2, "0")}` }] } });
      assert.equal(created.status, 201);
      const observations = i === 0
        ? [{ id: "pf", kind: "peak_flow", at: daysAgo(0, 7), l_min: 225 }]
        : [{ id: "bp", kind: "blood_pressure", at: daysAgo(1 + (i % 10), 8), systolic_mmhg: 124, diastolic_mmhg: 78 }];
      const record = { format: "hale.record/1", profile: i === 0 ? { conditions: ["asthma"], peak_flow_best_l_min: 500 } : {}, observations, symptoms: [], questionnaires: [] };
      const bundle = execFileSync(HALE_CLI, ["fhir", "transaction", "--patient-id", `P-${i}`, "--patient-ref", `Patient/${created.json.id}`, "--now", now, "-"], { input: JSON.stringify(record), encoding: "utf8" });
      assert.equal((await p.call("", { method: "POST", body: JSON.parse(bundle) })).status, 200);
    }
    const { page } = nurse;
    await page.goto(`${p.hale.url}/#/team`);
    await page.getByRole("button", { name: "Sign in to Riverside Surgery" }).click({ timeout: 30000 });
    // The urgent person first, then the first page of the settled: a page of people, not everyone.
    await untilText(page.locator("#team-status"), /^50 people shown\.$/);
    assert.equal((await listed(page))[0][0], "urgent-24h");
    await page.getByRole("button", { name: "Show more people" }).click();
    await untilText(page.locator("#team-status"), /^61 people shown\.$/);
    assert.equal(await page.getByRole("button", { name: "Show more people" }).count(), 0, "nothing more to fetch");
    const names = (await listed(page)).map((r) => r[1]);
    assert.equal(new Set(names).size, 61, "each person once");
    await expectNoAxeViolations(page, "two pages");
  } finally {
    await nurse.close();
    await p.fhir.stop();
    await p.hale.close();
    await p.issuer.close();
  }
});
