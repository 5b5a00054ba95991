// Nothing the person was told was saved is lost: a burst of readings saved through the form while
// the page is closed, while the renderer is crashed (chrome://crash) and, in another burst, while
// the whole browser process is killed (SIGKILL); an import being brought in when the browser is
// killed; and a passphrase lock being set on 20,000 readings when the browser is killed. The
// browser is opened again on the same profile: every reading reported "Reading saved" is there,
// whole; an import is there whole or not at all; the lock is set on every row or on none; the app
// opens without errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser, appReady, storedReadings, storedRows, seedRecord, NOW } from "../lib/harness.mjs";
import { startServer } from "../../../scripts/serve.mjs";
import { readingForm } from "../lib/pages.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The browser process (not its renderers) running on `profile`, found by its command line. */
function browserPid(profile) {
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.includes("--type=")) return Number(p);
    } catch {}
  }
  return null;
}

/**
 * Opens the log form and saves readings 120/80, 121/80, … as fast as the person could, noting in
 * Node (so the note survives the crash) each systolic the page answered "Reading saved" for; after
 * `before` answers, the next Save is clicked and `crash()` runs at once, mid-write.
 */
async function burst(b, origin, first, before, crash) {
  const { page } = b;
  const saved = [];
  await page.exposeFunction("haleTestSaved", (systolic) => saved.push(Number(systolic)));
  await page.goto(origin + "/#/log/blood_pressure");
  await appReady(page);
  await page.evaluate(() => {
    let typed = "";
    document.addEventListener("input", (e) => {
      if (e.target?.labels?.[0]?.textContent?.startsWith("Systolic")) typed = e.target.value;
    });
    document.addEventListener("focusin", (e) => {
      if (e.target?.id === "save-result" && /Reading saved/.test(e.target.textContent)) self.haleTestSaved(typed);
    });
  });
  const form = readingForm(page);
  for (let i = 0; ; i++) {
    const systolic = first + i;
    await form.systolic.fill(String(systolic));
    await form.diastolic.fill("80");
    await form.saveButton.click();
    if (i === before) {
      await crash();
      return saved;
    }
    // The answer for this reading before the next one (as a person waits for "Reading saved").
    const t0 = Date.now();
    while (saved.length < i + 1 && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 20));
    assert.equal(saved.length, i + 1, `reading ${systolic} was answered`);
  }
}

async function reopen(origin, profile) {
  const b = await openBrowser(origin, { userDataDir: profile });
  await b.page.goto(origin + "/");
  await appReady(b.page);
  return b;
}

test("a closed page, a crashed renderer, a killed browser, an import and a lock cut off lose nothing the person was told was saved", async () => {
  const server = await startServer({ dir: "dist" });
  const origin = server.url;
  const profile = mkdtempSync(join(tmpdir(), "hale-durable-"));
  const dir = mkdtempSync(join(tmpdir(), "hale-durable-files-"));
  let b = null;
  try {
    // 0. The page is closed in the middle of a burst (the person swipes the app away).
    b = await openBrowser(origin, { userDataDir: profile });
    const savedClosed = await burst(b, origin, 100, 5, () => b.page.close({ runBeforeUnload: false }));
    await b.close();
    b = await reopen(origin, profile);
    let stored = await storedReadings(b.page);
    for (const s of savedClosed) {
      assert.ok(stored.some((o) => o.systolic_mmhg === s && o.diastolic_mmhg === 80), `${s}/80 survived the closed page`);
    }
    assert.ok(savedClosed.length >= 5, `${savedClosed.length} reported saved`);
    await b.close();

    // 1. The renderer crashes in the middle of a burst.
    b = await openBrowser(origin, { userDataDir: profile });
    const savedA = await burst(b, origin, 120, 8, () => b.page.goto("chrome://crash").catch(() => {}));
    await b.close();
    b = await reopen(origin, profile);
    stored = await storedReadings(b.page);
    for (const s of savedA) {
      const r = stored.find((o) => o.systolic_mmhg === s);
      assert.ok(r && r.diastolic_mmhg === 80 && r.kind === "blood_pressure", `${s}/80 was reported saved and is there, whole`);
    }
    assert.ok(stored.every((o) => o.systolic_mmhg >= 100 && o.diastolic_mmhg === 80), "nothing half-written");
    assert.ok(savedA.length >= 8, `${savedA.length} reported saved`);
    assert.deepEqual(b.consoleErrors, [], "the app opens without errors");

    // 2. The whole browser is killed in the middle of another burst.
    const savedB = await burst(b, origin, 140, 6, () => {
      process.kill(browserPid(profile), "SIGKILL");
    });
    await b.close();
    b = await reopen(origin, profile);
    stored = await storedReadings(b.page);
    for (const s of [...savedA, ...savedB]) {
      assert.ok(stored.some((o) => o.systolic_mmhg === s && o.diastolic_mmhg === 80), `${s}/80 survived the killed browser`);
    }
    assert.ok(savedB.length >= 6, `${savedB.length} reported saved`);
    assert.deepEqual(b.consoleErrors, []);

    // 3. The browser is killed as an export's readings are being brought in: all or none.
    const zip = join(dir, "export.zip");
    execFileSync(process.execPath, [join(root, "scripts/gen-apple-health.mjs"), "--out", zip, "--now", NOW.toISOString(), "--years", "1"]);
    await b.page.goto(origin + "/#/import");
    await b.page.getByLabel("Choose a file, or drop it here").setInputFiles(zip);
    const button = b.page.getByRole("button", { name: /^Bring in \d+ readings$/ });
    await button.waitFor({ timeout: 60000 });
    const n = Number((await button.innerText()).match(/\d+/)[0]);
    await button.click();
    await new Promise((r) => setTimeout(r, 50));
    process.kill(browserPid(profile), "SIGKILL");
    await b.close();
    b = await reopen(origin, profile);
    stored = await storedReadings(b.page);
    const imported = stored.filter((o) => o.source?.format === "apple_health").length;
    assert.ok(imported === 0 || imported === n, `the import is there whole or not at all: ${imported} of ${n}`);
    for (const s of [...savedA, ...savedB]) assert.ok(stored.some((o) => o.systolic_mmhg === s), `${s} still there`);
    assert.deepEqual(b.consoleErrors, []);

    // 4. The browser is killed while a passphrase lock is being set on 20,000 more readings (every
    // row sealed in one transaction, a few seconds' work): on reopening, every row is sealed and
    // the lock is set, or nothing is (and the person was not told it was locked).
    const many = Array.from({ length: 20000 }, (_, i) => ({
      id: `bulk-${i}`,
      kind: "weight",
      at: new Date(NOW.getTime() - (i + 1) * 3600e3).toISOString().replace(/\.\d+Z$/, "Z"),
      kg: 70 + (i % 50) / 10,
    }));
    await seedRecord(b.page, { observations: many });
    const before = await storedReadings(b.page);
    await b.page.goto(origin + "/#/settings");
    await b.page.reload();
    await b.page.getByRole("heading", { level: 2, name: "Lock Hale with a passphrase" }).waitFor({ timeout: 30000 });
    const PASS = "correct horse battery";
    await b.page.getByLabel("New passphrase", { exact: true }).fill(PASS);
    await b.page.getByLabel("The new passphrase again").fill(PASS);
    await b.page.getByRole("button", { name: "Lock Hale", exact: true }).click();
    await b.page.getByText(/^Locking your data/).waitFor();
    await new Promise((r) => setTimeout(r, 800));
    const toldLocked = await b.page.getByText("Hale is now locked with your passphrase").count();
    process.kill(browserPid(profile), "SIGKILL");
    await b.close();
    b = await reopen(origin, profile);
    const meta = await storedRows(b.page, "meta");
    const rows = await storedReadings(b.page);
    assert.equal(rows.length, before.length, "no row lost or doubled");
    const sealed = rows.filter((r) => typeof r.sealed === "string").length;
    if (meta.some((r) => r.id === "lock")) {
      assert.equal(sealed, rows.length, "the lock is set: every row sealed");
      await b.page.getByRole("heading", { level: 1, name: "Hale is locked" }).waitFor();
    } else {
      assert.equal(toldLocked, 0, "the person was not told it was locked");
      assert.equal(sealed, 0, "no lock: no row sealed");
      assert.deepEqual(rows.map((r) => r.id).sort(), before.map((r) => r.id).sort(), "every row where it was");
    }
    console.log(`killed while locking 20,000 readings: ${sealed ? "the lock had been set" : "nothing had changed"}`);
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    if (b) await b.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a full quota (simulated: the browser refuses the write with QuotaExceededError): the person is told in plain words, and nothing stored is lost", async () => {
  const server = await startServer({ dir: "dist" });
  const b = await openBrowser(server.url);
  try {
    const { page } = b;
    await page.goto(server.url + "/#/log/blood_pressure");
    await appReady(page);
    const form = readingForm(page);
    for (const s of [121, 122]) {
      await form.logBloodPressure(s, 80);
      await form.result.filter({ hasText: "Reading saved" }).waitFor();
    }
    // Chromium's quota override (DevTools Storage.overrideQuotaForOrigin) does not stop small
    // IndexedDB writes, so the refusal is simulated where the browser gives it: every put throws
    // the DOMException a full disk or quota raises.
    await page.evaluate(() => {
      self.haleRealPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await form.logBloodPressure(123, 80);
    const said = page.getByText("Your device is out of space for Hale's data, so this was not saved.");
    await said.waitFor();
    assert.equal(await said.evaluate((el) => el.closest("[role=alert]") !== null), true, "said as an alert");
    assert.equal(await page.getByText("Reading saved").count(), 0, "never said saved");
    await page.screenshot({ path: "/tmp/quota-full.png" });
    await page.evaluate(() => (IDBObjectStore.prototype.put = self.haleRealPut));
    const stored = await storedReadings(page);
    assert.deepEqual(stored.map((o) => o.systolic_mmhg).sort(), [121, 122], "nothing stored is lost, nothing half-written");
    // Space again: the same reading saves.
    await form.saveButton.click();
    await form.result.filter({ hasText: "Reading saved" }).waitFor();
    assert.equal((await storedReadings(page)).length, 3);
    assert.deepEqual(b.foreign, []);
  } finally {
    await b.close();
    await server.close();
  }
});
