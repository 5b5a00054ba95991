// A person enrols with their practice and Hale sends to the practice's FHIR server: the invitation
// in plain words, the SMART sign-in (a test authorisation server, PKCE S256), a first send at once,
// a reading logged and sent, what the server holds (searched), nothing sent anywhere else, and
// stopping. A real FHIR server (helios-hfs, bearer tokens checked).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../../scripts/serve.mjs";
import { startFhirServer, freePort } from "../../../scripts/fhir-server.mjs";
import { startIssuer } from "../../../scripts/smart-issuer.mjs";
import { openBrowser, expectNoAxeViolations, storedRows } from "../lib/harness.mjs";
import { readingForm } from "../lib/pages.mjs";

const HALE_CLI = join(dirname(fileURLToPath(import.meta.url)), "../../../target/native/hale");

test("a person enrols with Riverside Surgery, agrees, and their readings reach its FHIR server once, and nowhere else", async () => {
  const port = await freePort();
  const fhirUrl = `http://127.0.0.1:${port}`;
  const issuer = await startIssuer({ audience: fhirUrl });
  const hale = await startServer({ dir: "dist", config: { care_team_origins: [fhirUrl, issuer.url] } });
  const fhir = await startFhirServer({ issuer, port, corsOrigins: [hale.url] });
  const practice = issuer.token({ sub: "practice", scope: "system/*.cruds" });
  const search = async (q) => {
    // A fresh practice token each time (the test rotates the issuer's key).
    const token = issuer.token({ sub: "practice", scope: "system/*.cruds" });
    const r = await fetch(`${fhirUrl}/${q}`, { headers: { Authorization: `Bearer ${token}`, Accept: "application/fhir+json" } });
    assert.equal(r.status, 200, await r.clone().text());
    return r.json();
  };
  const count = async (q) => {
    const b = await search(q);
    return b.total ?? (b.entry || []).length;
  };
  const b = await openBrowser(hale.url);
  try {
    // The practice registers the person and gives them a link.
    const created = await fetch(`${fhirUrl}/Patient`, {
      method: "POST",
      headers: { Authorization: `Bearer ${practice}`, "Content-Type": "application/fhir+json" },
      body: JSON.stringify({ resourceType: "Patient", identifier: [{ system: "urn:hale:id:patient", value: "P-1" }] }),
    });
    assert.equal(created.status, 201);
    const patientId = (await created.json()).id;
    issuer.state.grant.patient = patientId;
    const invitation = { practice: "Riverside Surgery", fhir: fhirUrl, auth: issuer.url, client_id: "hale", patient: "P-1", expires: "2027-06-30T00:00:00Z", ask: { name: true, birth_date: false } };
    const token = execFileSync(HALE_CLI, ["enrol", "make", "-"], { input: JSON.stringify(invitation), encoding: "utf8" }).trim();

    const { page } = b;
    await page.goto(`${hale.url}/#/connect/${token}`);
    await page.getByRole("heading", { level: 1, name: "Share your readings with Riverside Surgery?" }).waitFor({ timeout: 30000 });
    await page.getByText("never wait for your practice").first().waitFor();
    await page.getByText("What was already sent stays with Riverside Surgery.").waitFor();
    await expectNoAxeViolations(page, "the invitation");
    await page.screenshot({ path: "/tmp/care-team-invitation.png", fullPage: true });
    assert.deepEqual(b.foreign, [], "nothing has left Hale before the person agrees");

    assert.match(await page.locator("main").textContent(), /Hale does not send your name, date of birth or address\./);
    await page.getByRole("button", { name: "Agree and sign in with Riverside Surgery" }).click();
    // Signed in (the test server approves), back in Hale, and the first send happens at once.
    await page.getByRole("heading", { level: 1, name: "Sharing with Riverside Surgery" }).waitFor({ timeout: 30000 });
    const result = page.locator("#care-team-result");
    await result.filter({ hasText: /Sent to Riverside Surgery at/ }).waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "care-team-result", "the answer holds focus");
    assert.ok(!page.url().includes("code="), `the sign-in's code is not left in the address: ${page.url()}`);
    await expectNoAxeViolations(page, "sharing");
    await page.screenshot({ path: "/tmp/care-team-sharing.png", fullPage: true });

    // A reading, then Send now: the server holds it once, labelled patient-generated.
    await page.goto(`${hale.url}/#/log/blood_pressure`);
    await readingForm(page).logBloodPressure(186, 112);
    await readingForm(page).result.waitFor();
    await page.goto(`${hale.url}/#/connect`);
    await page.getByRole("button", { name: "Send now" }).click();
    await result.filter({ hasText: /Sent to Riverside Surgery at/ }).waitFor({ timeout: 30000 });
    await page.getByRole("button", { name: "Send now" }).click(); // again: nothing doubles
    await result.filter({ hasText: /Sent to Riverside Surgery at/ }).waitFor({ timeout: 30000 });
    const panels = await search(`Observation?subject=Patient/${patientId}&code=http://loinc.org|85354-9`);
    assert.equal(panels.total ?? panels.entry?.length, 1, "the blood pressure is there once");
    const bp = panels.entry[0].resource;
    assert.deepEqual(bp.component.map((c) => c.valueQuantity.value), [186, 112]);
    assert.equal(bp.meta.tag.find((t) => t.system === "urn:hale:provenance")?.code, "patient-generated");
    assert.equal(bp.performer[0].reference, `Patient/${patientId}`);
    const flags = await search(`Flag?subject=Patient/${patientId}`); // R4 has no Flag status search
    assert.deepEqual(flags.entry.map((e) => [e.resource.code.coding[0].code, e.resource.status]), [["bp.severe", "active"]], "the very high reading's flag");

    // Nothing went anywhere but the practice's two servers.
    const elsewhere = b.foreign.filter((u) => !u.startsWith(fhirUrl + "/") && !u.startsWith(issuer.url + "/"));
    assert.deepEqual(elsewhere, []);
    // The tokens are kept only in IndexedDB, never in the address or session storage.
    const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
    assert.ok(!session.includes("access_token") && !session.includes("refresh_token"), session);

    // The access token stops working (the issuer's key changes, and the server learns the new one
    // from the next request signed with it): Hale refreshes it by itself and the send goes through.
    const refreshesBefore = issuer.state.seen.filter((r) => r.path === "/token").length;
    issuer.rotateKey();
    await count(`Patient?_id=${patientId}`);
    await page.getByRole("button", { name: "Send now" }).click();
    await result.filter({ hasText: /Sent to Riverside Surgery at/ }).waitFor({ timeout: 30000 });
    assert.equal(await page.getByRole("button", { name: "Sign in again with Riverside Surgery" }).count(), 0);
    assert.equal(issuer.state.seen.filter((r) => r.path === "/token").length, refreshesBefore + 1, "one refresh");
    // The sign-in itself runs out (no refresh): the person is told, and signs in again in one tap.
    issuer.rotateKey();
    await count(`Patient?_id=${patientId}`);
    issuer.state.refuseRefresh = true;
    await page.getByRole("button", { name: "Send now" }).click();
    const alert = page.locator("#care-team-result[role=alert]");
    await alert.filter({ hasText: "Your sign-in with your practice has run out" }).waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "care-team-result");
    issuer.state.refuseRefresh = false;
    await page.getByRole("button", { name: "Sign in again with Riverside Surgery" }).click();
    await page.getByRole("heading", { level: 1, name: "Sharing with Riverside Surgery" }).waitFor({ timeout: 30000 });
    await result.filter({ hasText: /Sent to Riverside Surgery at/ }).waitFor({ timeout: 30000 });
    assert.equal(await count(`Observation?subject=Patient/${patientId}&code=http://loinc.org|85354-9`), 1, "still once");

    // Stopping: forgotten at once; what was sent stays with the practice.
    await page.getByRole("button", { name: "Stop sharing with Riverside Surgery" }).click();
    await result.filter({ hasText: "You have stopped sharing with Riverside Surgery" }).waitFor();
    assert.match(await result.textContent(), /What was already sent stays with Riverside Surgery\./);
    const meta = await storedRows(page, "meta");
    assert.ok(!meta.some((r) => r.id === "care-team"), "the enrolment and its tokens are gone");
    // The browser logs the deliberate failures above (two 401s from the server, the refused refresh).
    const unexpected = b.consoleErrors.filter((e) => !/status of (401 \(Unauthorized\)|400 \(Bad Request\))/.test(e));
    assert.deepEqual(unexpected, []);
    assert.equal(b.consoleErrors.length, 3, b.consoleErrors.join("\n"));
  } finally {
    await b.close();
    await fhir.stop();
    await hale.close();
    await issuer.close();
  }
});
