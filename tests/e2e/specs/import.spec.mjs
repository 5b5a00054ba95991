// Bringing in readings from a device app's file (#/import): an OMRON connect export with a reading
// from two years ago far above target, one from this morning, a repeated row and one no one could
// have; the preview says what was found, what is already here and what will be left out before
// anything is stored; the readings come in with where they came from; the old high reading raises
// nothing; the same file again adds nothing; a file Hale does not know stores nothing. axe on every
// state; the answer is focused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setup, expectNoAxeViolations, appReady, storedReadings, NOW, testNow } from "../lib/harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

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

    // A file that is not a table Hale can read: said in words, nothing stored.
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(file("notes.txt", "just some words\n"));
    const alert = page.locator("#import-result[role=alert]");
    await alert.filter({ hasText: "Hale does not recognise this file." }).waitFor();
    assert.match(await alert.innerText(), /Nothing was stored\./);
    assert.equal((await storedReadings(page)).length, 4);
    await expectNoAxeViolations(page, "refused");

    // A table no known app wrote: the person says which column holds what.
    const generic = "When,Top,Bottom,Notes\n12/11/2026 08:00,131,84,\n13/11/2026 08:00,129,82,after tea\n";
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(file("my-readings.csv", generic));
    await result.getByRole("heading", { name: "Which column holds what?" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "import-result", "the question holds focus");
    assert.equal(await page.getByLabel("Top").inputValue(), "systolic", "guessed from the header");
    assert.equal(await page.getByLabel("Bottom").inputValue(), "diastolic");
    assert.equal(await page.getByLabel("When").inputValue(), "ignore", "not guessed: the person chooses");
    assert.ok(await page.getByLabel("Day first (31/01/2025)").isChecked(), "day first unless the dates say otherwise");
    await expectNoAxeViolations(page, "import mapping");
    await page.screenshot({ path: "/tmp/import-mapping.png", fullPage: true });
    await page.getByRole("button", { name: "Read the file with these columns" }).click();
    const refusal = page.locator("#import-map-refused");
    await refusal.filter({ hasText: "Choose the column that holds the date of each reading." }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "import-map-refused", "the reason holds focus");
    await page.getByLabel("When").selectOption("date");
    await page.getByRole("button", { name: "Read the file with these columns" }).click();
    await result.getByRole("heading", { name: "Found in this CSV file" }).waitFor();
    assert.match(await result.innerText(), /Blood pressure: 2 from 12 Nov 2026 to 13 Nov 2026/);
    await page.getByRole("button", { name: "Bring in 2 readings" }).click();
    await result.filter({ hasText: "2 readings brought in." }).waitFor();
    const all = await storedReadings(page);
    assert.equal(all.length, 6);
    assert.equal(all.filter((o) => o.source?.format === "csv").length, 2);
    assert.deepEqual(h.foreign, [], "nothing left the device");
  } finally {
    await h.close();
  }
});

test("a Bluetooth cuff (a stubbed navigator.bluetooth: headless Chromium has no adapter): each reading saved as it arrives, a burst sent twice saved once, with the device as its source", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    const now = testNow();
    const at = new Date(now.getTime() - 3600e3); // taken an hour ago on the cuff's clock (UTC here)
    // Blood Pressure Measurement: flags (time stamp, pulse), 128/82 mmHg, mean 97, the time, pulse 61.
    const bytes = [0x06, 128, 0x00, 82, 0x00, 97, 0x00, at.getUTCFullYear() & 0xff, at.getUTCFullYear() >> 8, at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), 0, 61, 0x00];
    await page.addInitScript((data) => {
      const listeners = [];
      const characteristic = {
        addEventListener: (type, fn) => listeners.push(fn),
        // A cuff that sends its stored reading again each time: the same bytes twice.
        startNotifications: async () => setTimeout(() => {
          for (let i = 0; i < 2; i++) for (const fn of listeners) fn({ target: { value: new DataView(new Uint8Array(data).buffer) } });
        }, 200),
      };
      const device = { name: "Cuff BP7000", gatt: { connect: async () => ({ getPrimaryService: async () => ({ getCharacteristic: async () => characteristic }) }) } };
      Object.defineProperty(navigator, "bluetooth", { value: { requestDevice: async (options) => ((window.__bleAsked = options), device) } });
    }, bytes);
    await page.goto(origin + "/#/import");
    await appReady(page);
    await page.getByRole("heading", { level: 2, name: "Connect a monitor or scale" }).waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "import with Bluetooth");
    await page.getByRole("button", { name: "Connect a blood pressure monitor" }).click();
    const said = page.locator("#ble-result");
    await said.filter({ hasText: /^Saved from Cuff BP7000: 128\/82 mmHg, / }).waitFor({ timeout: 20000 });
    assert.deepEqual(await page.evaluate(() => window.__bleAsked), { filters: [{ services: [0x1810] }] }, "asked for the Blood Pressure Service only");
    const stored = await storedReadings(page);
    assert.deepEqual(stored.map((o) => o.kind).sort(), ["blood_pressure", "heart_rate"], "the reading and its pulse, once each");
    assert.ok(stored.every((o) => o.source?.format === "ble_blood_pressure" && o.source?.device === "Cuff BP7000"), JSON.stringify(stored));
    const bp = stored.find((o) => o.kind === "blood_pressure");
    assert.equal(bp.at, at.toISOString().replace(/:\d\d\.\d+Z$/, ":00Z"), "taken when the cuff says");
    await expectNoAxeViolations(page, "a Bluetooth reading saved");
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

// Apple Health: an export.zip the project generates (scripts/gen-apple-health.mjs: a year of a
// watch, a phone, a cuff and a scale; the malformed DOCTYPE; blood pressure listed twice; the XML
// named in Spanish) is read in the import worker, previewed with how dense data was kept, and
// brought in once; a large export.xml shows its progress and Stop leaves nothing stored.
const gen = (out, ...args) =>
  execFileSync(process.execPath, [join(root, "scripts/gen-apple-health.mjs"), "--out", out, "--now", NOW.toISOString(), ...args]);

test("an Apple Health export.zip: read in a worker, previewed, brought in once; a large export shows progress and Stop stores nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hale-apple-"));
  const zip = join(dir, "export.zip");
  const big = join(dir, "export.xml");
  gen(zip, "--years", "1");
  gen(big, "--years", "3", "--seed", "7");
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/import");
    await page.getByRole("heading", { level: 1, name: "Bring in readings" }).waitFor({ timeout: 20000 });
    const input = page.getByLabel("Choose a file, or drop it here");

    // A large export: progress by bytes, focused, in words; Stop ends it with nothing stored.
    await input.setInputFiles(big);
    const progress = page.locator("#import-progress");
    await progress.getByRole("heading", { name: "Reading your Apple Health export" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "import-progress", "the progress holds focus");
    assert.match(await progress.innerText(), /\d+ MB of \d+ MB read\./);
    assert.equal(await progress.getByRole("progressbar", { name: "How much of the file has been read" }).count(), 1);
    await expectNoAxeViolations(page, "import progress");
    await page.screenshot({ path: "/tmp/import-progress.png" });
    await progress.getByRole("button", { name: "Stop reading" }).click();
    const result = page.locator("#import-result");
    await result.filter({ hasText: "Stopped. Nothing was read in or stored." }).waitFor();
    assert.equal((await storedReadings(page)).length, 0, "nothing stored after Stop");

    // The zip: the preview says what was found, how dense data was kept and what is left out.
    await input.setInputFiles(zip);
    await result.getByRole("heading", { name: "Found in this Apple Health file" }).waitFor({ timeout: 60000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "import-result", "the preview holds focus");
    const text = await result.innerText();
    assert.match(text, /Blood pressure: \d+ from /);
    assert.match(text, /Steps: 36\d from /);
    assert.match(text, /How it was kept/);
    assert.match(text, /hourly averages \(the last 90 days\)/);
    assert.match(text, /kept the one that counted more, not both added together/);
    assert.match(text, /\d+ — the same reading twice/);
    assert.match(text, /\d+ — kinds of data Hale does not keep/);
    assert.equal((await storedReadings(page)).length, 0, "nothing is stored before the person says so");
    await expectNoAxeViolations(page, "apple health preview");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/import-apple-preview.png", fullPage: true });

    const button = page.getByRole("button", { name: /^Bring in \d+ readings$/ });
    const n = Number((await button.innerText()).match(/\d+/)[0]);
    assert.ok(n > 1000, `${n} readings`);
    await button.click();
    await result.filter({ hasText: `${n} readings brought in.` }).waitFor({ timeout: 60000 });
    const stored = await storedReadings(page);
    assert.equal(stored.length, n);
    assert.ok(stored.every((o) => o.source?.format === "apple_health"), JSON.stringify(stored[0]));
    assert.ok(stored.some((o) => o.kind === "heart_rate" && o.source.continuous === true), "a watch's samples are marked continuous");
    // A year of history raises no alarm: no single old reading is judged, and the watch's samples
    // never are. The history does feed the home blood-pressure average (the cuff's readings average
    // above 135/85), which the policy flags for a routine GP review, as it should.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.haleFlags ?? ""), "routine/gp/bp.home.high");

    // The readings say where each came from, and a watch's summaries that they are averages.
    await page.goto(origin + "/#/readings");
    const table = page.locator("table.table");
    await table.waitFor();
    const listed = await table.innerText();
    assert.match(listed, /From Apple Health, Apple Watch: an average of a watch's continuous readings/);
    assert.match(listed, /From Apple Health, OMRON connect/);
    await page.goto(origin + "/#/import");
    await page.getByRole("heading", { level: 1, name: "Bring in readings" }).waitFor();

    // The same export again: nothing new.
    await input.setInputFiles(zip);
    await result.filter({ hasText: `${n} of them are already in Hale and will not be added again.` }).waitFor({ timeout: 60000 });
    assert.equal(await page.getByRole("button", { name: /^Bring in/ }).count(), 0);
    assert.equal((await storedReadings(page)).length, n);
    assert.deepEqual(h.foreign, [], "nothing left the device");
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
