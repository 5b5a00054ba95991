// Bringing in readings from a device app's file (#/import): an OMRON connect export with a reading
// from two years ago far above target, one from this morning, a repeated row and one no one could
// have; the preview says what was found, what is already here and what will be left out before
// anything is stored; the readings come in with where they came from; the old high reading raises
// nothing; the same file again adds nothing; a file Hale does not know stores nothing. axe on every
// state; the answer is focused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, storedReadings, NOW } from "../lib/harness.mjs";

const month = (d) => d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
const day = (d) => `${month(d)} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
const today = new Date(NOW);
const twoYearsAgo = new Date(Date.UTC(NOW.getUTCFullYear() - 2, NOW.getUTCMonth(), NOW.getUTCDate()));
const OMRON = [
  "Date,Time,Systolic (mmHg),Diastolic (mmHg),Pulse (bpm),Symptoms,Consumed,TruRead,Notes",
  `${day(twoYearsAgo)},07:05,200,125,64,,,Off,`,
  `${day(today)},08:00,128,82,61,,,Off,`,
  `${day(today)},08:00,128,82,61,,,Off,`,
  `${day(today)},08:30,400,82,61,,,Off,`,
].join("\r\n");

const file = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

test("an OMRON export: previewed, brought in once with its source, old readings never alarm, the same file adds nothing", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/more");
    await appReady(page);
    await page.getByRole("link", { name: "Bring in readings" }).click();
    await page.getByRole("heading", { level: 1, name: "Bring in readings" }).waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "import, empty");

    await page.getByLabel("Choose a file, or drop it here").setInputFiles(file("omron.csv", OMRON));
    const result = page.locator("#import-result");
    await result.getByRole("heading", { name: "Found in this OMRON connect file" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "import-result", "the preview holds focus");
    const text = await result.innerText();
    assert.match(text, /Blood pressure: 2 from /);
    assert.match(text, /Pulse: 2 from |Heart rate: 2 from /);
    assert.match(text, /2 — the same reading twice/);
    assert.match(text, /1 — values no one could have/);
    assert.equal((await storedReadings(page)).length, 0, "nothing is stored before the person says so");
    await expectNoAxeViolations(page, "import preview");
    await page.screenshot({ path: "/tmp/import-preview.png", fullPage: true });

    await page.getByRole("button", { name: "Bring in 4 readings" }).click();
    await result.filter({ hasText: "4 readings brought in." }).waitFor();
    const stored = await storedReadings(page);
    assert.equal(stored.length, 4);
    assert.ok(stored.every((o) => o.source?.format === "omron_csv" && o.source?.app === "OMRON connect"), JSON.stringify(stored[0]));
    // The reading two years ago at 200/125 raises nothing today; this morning's is within target.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.haleFlags ?? ""), "");
    await expectNoAxeViolations(page, "imported");

    // The same file again: everything is already here, nothing to bring in.
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(file("omron.csv", OMRON));
    await result.filter({ hasText: "4 of them are already in Hale and will not be added again." }).waitFor();
    assert.equal(await page.getByRole("button", { name: /^Bring in/ }).count(), 0);
    assert.equal((await storedReadings(page)).length, 4);

    // A file Hale does not know: said in words, nothing stored.
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(file("notes.csv", "name,score\nx,1\n"));
    const alert = page.locator("#import-result[role=alert]");
    await alert.filter({ hasText: "Hale does not recognise this file." }).waitFor();
    assert.match(await alert.innerText(), /Nothing was stored\./);
    assert.equal((await storedReadings(page)).length, 4);
    await expectNoAxeViolations(page, "refused");
    assert.deepEqual(h.foreign, [], "nothing left the device");
  } finally {
    await h.close();
  }
});
