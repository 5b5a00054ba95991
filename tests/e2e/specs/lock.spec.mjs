// The passphrase lock (issue 18): set in Settings, the record is unreadable in IndexedDB (keyed hashes of ids
// and the lock's own rows in clear: the salt, the check, and the emergency information the person
// chose); the dashboard's worker and the forms keep working while unlocked; a reload and the idle
// time lock it; the locked screen keeps Call 999, urgent help and the chosen emergency information,
// says a wrong passphrase is wrong and changes nothing; the passphrase can be changed (the old one no
// longer opens it) and the lock removed (every row readable again). axe and a 390 px screenshot of
// the locked screen; no request leaves the origin; no console errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, expectNoAxeViolations, appReady, storedRows, seedRecord, swControls, readableAtRest, NOW } from "../lib/harness.mjs";
import { readingForm } from "../lib/pages.mjs";

const STORES = ["observations", "symptoms", "questionnaires", "profile", "kept", "meta"];
const PASS = "correct horse battery";
const NEW_PASS = "staple paper clouds";

/** Puts one row into a store of the app's database, as it stands (the test's own writes). */
async function putRow(page, store, row) {
  await page.evaluate(
    ({ store, row }) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("hale");
        req.onsuccess = () => {
          const tx = req.result.transaction(store, "readwrite");
          tx.objectStore(store).put(row);
          tx.oncomplete = () => (req.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
    { store, row },
  );
}

async function everyRow(page) {
  const all = {};
  for (const s of STORES) all[s] = await storedRows(page, s);
  return all;
}

/** The answer the page gave after an action: in the viewport and focused (or an alert). */
async function answered(page, locator) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `the answer is on screen: ${JSON.stringify(box)}`);
  const role = await locator.getAttribute("role");
  const focused = await locator.evaluate((el) => document.activeElement === el);
  assert.ok(focused || role === "alert", `the answer is focused or an alert (${role})`);
}

test("a passphrase lock: sealed at rest, locked on reload and when idle, urgent help and chosen emergency details while locked, change and remove", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    const at = new Date(NOW.getTime() - 3 * 3600e3).toISOString().replace(/\.\d+Z$/, "Z");
    await seedRecord(page, {
      profile: {
        conditions: ["hypertension"],
        care_plan: {
          medicines: [{ name: "Amlodipine", dose: "5 mg once a day" }],
          allergies: [{ substance: "Penicillin", reaction: "rash" }],
          contacts: [{ name: "Sam Jones", relationship: "son", phone: "07700 900123" }],
        },
      },
      observations: [{ id: "o-seed-1", kind: "blood_pressure", at, systolic_mmhg: 151, diastolic_mmhg: 93, note: "after the stairs" }],
    });
    // Sharing with a practice whose server is not there (so a send fails and is kept as a problem).
    await putRow(page, "meta", {
      id: "care-team", practice: "Riverside Surgery", fhir: `${origin}/no-fhir`, auth: `${origin}/no-auth`,
      token_endpoint: `${origin}/no-auth/token`, client_id: "hale", patient: "p-123",
      access_token: "t0ken-secret", refresh_token: null, consent: {}, since: at,
    });
    const practiceRequests = [];
    page.on("request", (r) => r.url().includes("/no-fhir") && practiceRequests.push(r.url()));
    await page.goto(origin + "/#/settings");
    await page.reload();
    await appReady(page);
    const lockHeading = page.getByRole("heading", { level: 2, name: "Lock Hale with a passphrase" });
    await lockHeading.waitFor();
    await lockHeading.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, "settings with the lock section");

    // Refused in words, nothing stored: too short, then two that differ.
    const setButton = page.getByRole("button", { name: "Lock Hale", exact: true });
    await page.getByLabel("New passphrase", { exact: true }).fill("short");
    await page.getByLabel("The new passphrase again").fill("short");
    await setButton.click();
    await answered(page, page.getByRole("alert").filter({ hasText: "at least 8 characters" }));
    await page.getByLabel("New passphrase", { exact: true }).fill(PASS);
    await page.getByLabel("The new passphrase again").fill(PASS + "x");
    await setButton.click();
    await answered(page, page.getByRole("alert").filter({ hasText: "not the same" }));
    assert.ok(!(await storedRows(page, "meta")).some((r) => r.id === "lock"), "no lock was set");

    // Set, with a 5-minute idle time, showing medicines and contacts (not conditions).
    await page.getByLabel("The new passphrase again").fill(PASS);
    await page.getByLabel("Lock Hale after this long without use").selectOption("5");
    await page.getByLabel("My medicines and allergies").check();
    await page.getByLabel("My contacts").check();
    await setButton.click();
    await answered(page, page.getByRole("status").filter({ hasText: "Hale is now locked with your passphrase" }));

    // At rest: nothing readable but ids and the lock's own rows.
    const rows = await everyRow(page);
    for (const [store, list] of Object.entries(rows)) {
      for (const row of list) {
        if (store === "meta" && (row.id === "lock" || row.id === "emergency-info")) continue;
        assert.deepEqual(Object.keys(row).sort(), ["id", "sealed"], `${store} ${JSON.stringify(row)}`);
        assert.match(row.id, /^h\.[A-Za-z0-9_-]{22}$/, "stored under a keyed hash, not the entry's own id");
      }
    }
    const lockRow = rows.meta.find((r) => r.id === "lock");
    assert.deepEqual([lockRow.kdf, lockRow.memory_kib, lockRow.passes, lockRow.lanes], ["Argon2id", 19456, 2, 1]);
    // (The lock row's own salt and check text are random base64url: not searched for words.)
    const clearText = JSON.stringify(Object.values(rows).flat().filter((r) => !r.sealed && r.id !== "lock"));
    const sealedRows = Object.values(rows).flat().filter((r) => r.sealed);
    for (const secret of ["151", "stairs", "hypertension", "Amlodipine", "Sam Jones", "blood_pressure", "t0ken-secret", "Riverside", "o-seed-1", "care-team"]) {
      assert.ok(!readableAtRest(sealedRows, secret), `${secret} is not readable in the sealed rows`);
    }
    assert.ok(clearText.includes("Amlodipine") && clearText.includes("07700 900123"), `the chosen emergency details are in clear: ${clearText}`);
    assert.ok(!clearText.includes("hypertension") && !clearText.includes("High blood pressure"), "conditions were not chosen");
    assert.ok(!clearText.includes("stairs") && !clearText.includes("151") && !clearText.includes("t0ken-secret"));

    // The outbox, in the core worker, reads the sealed enrolment with the key the page gave it:
    // it says what waits, sends (the server is not there), and keeps what happened, sealed.
    await page.goto(origin + "/#/connect");
    await page.getByRole("heading", { level: 1, name: "Sharing with Riverside Surgery" }).waitFor({ timeout: 20000 });
    await page.locator("#care-team-status").filter({ hasText: /\S/ }).waitFor({ timeout: 20000 });
    await page.getByRole("button", { name: "Send now" }).click();
    await page.getByRole("button", { name: "Send now" }).and(page.locator(":enabled")).waitFor({ timeout: 20000 });
    assert.ok(practiceRequests.length > 0, "the outbox tried the practice's server");
    // The enrolment and the outbox's row: both sealed, under keyed hashes of their ids.
    const sealedMeta = async () => (await storedRows(page, "meta")).filter((r) => r.id !== "lock" && r.id !== "emergency-info");
    let meta = [];
    for (let i = 0; i < 50 && meta.length < 2; i++) {
      meta = await sealedMeta();
      await page.waitForTimeout(200);
    }
    assert.equal(meta.length, 2, "the outbox kept what happened");
    assert.ok(meta.every((r) => Object.keys(r).sort().join() === "id,sealed" && r.id.startsWith("h.")), JSON.stringify(meta));

    // Unlocked, everything works: a new reading is saved (sealed), the dashboard's worker scores.
    await page.goto(origin + "/#/log/blood_pressure");
    const form = readingForm(page);
    await form.systolic.fill("138");
    await form.diastolic.fill("86");
    await form.saveButton.click();
    await page.locator("#save-result").filter({ hasText: "Reading saved" }).waitFor();
    const obs = await storedRows(page, "observations");
    assert.equal(obs.length, 2);
    assert.ok(obs.every((r) => typeof r.sealed === "string") && !readableAtRest(obs, "138"));
    await page.goto(origin + "/#/");
    await page.getByRole("region", { name: "Your health score" }).getByText(/score|Add \d more things/).first().waitFor({ timeout: 20000 });

    // An Apple Health export brought in while unlocked: the import worker seals what it stores.
    const dir = mkdtempSync(join(tmpdir(), "hale-lock-apple-"));
    const zip = join(dir, "export.zip");
    execFileSync(process.execPath, [join(import.meta.dirname, "../../../scripts/gen-apple-health.mjs"), "--out", zip, "--now", NOW.toISOString(), "--years", "0.05"]);
    await page.goto(origin + "/#/import");
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(zip);
    const bring = page.getByRole("button", { name: /^Bring in \d+ readings$/ });
    await bring.waitFor({ timeout: 60000 });
    const brought = Number((await bring.innerText()).match(/\d+/)[0]);
    await bring.click();
    await page.locator("#import-result").filter({ hasText: `${brought} readings brought in.` }).waitFor({ timeout: 60000 });
    rmSync(dir, { recursive: true, force: true });
    const afterImport = await storedRows(page, "observations");
    assert.equal(afterImport.length, 2 + brought);
    assert.ok(afterImport.every((r) => Object.keys(r).sort().join() === "id,sealed"), "every imported reading is sealed");
    // An imported reading's own id is made from its kind, time and values: never stored in clear.
    assert.ok(!readableAtRest(afterImport, "apple_health"));

    // A reload locks it: the locked screen, on any page but urgent help; nothing is sent.
    await page.goto(origin + "/#/readings");
    await page.reload();
    const locked = page.getByRole("heading", { level: 1, name: "Hale is locked" });
    await locked.waitFor({ timeout: 20000 });
    const triedBefore = practiceRequests.length;
    assert.equal(await page.getByRole("link", { name: "Call 999" }).getAttribute("href"), "tel:999");
    const info = page.getByRole("region", { name: "Emergency information" });
    await info.getByText("Amlodipine, 5 mg once a day").waitFor();
    await info.getByText("Penicillin (rash)").waitFor();
    assert.equal(await info.getByRole("link", { name: "07700 900123" }).getAttribute("href"), "tel:07700900123");
    assert.ok(!(await page.locator("main").innerText()).includes("High blood pressure"));
    assert.ok(!(await page.locator("main").innerText()).includes("151"));
    await expectNoAxeViolations(page, "the locked screen");
    mkdirSync("../../target/screenshots", { recursive: true });
    await page.screenshot({ path: "../../target/screenshots/lock-screen-390.png", fullPage: true });
    await page.locator("main").getByRole("link", { name: /^Urgent help: 111/ }).click();
    await page.getByRole("heading", { level: 1, name: "Get help now" }).waitFor();
    await page.goto(origin + "/#/readings");
    await locked.waitFor();
    // Offline, the locked screen comes from the service worker's cache.
    await swControls(page);
    await h.context.setOffline(true);
    await page.reload();
    await locked.waitFor({ timeout: 20000 });
    await h.context.setOffline(false);

    assert.equal(practiceRequests.length, triedBefore, "nothing is sent while locked");

    // A wrong passphrase: said, focused, nothing changed.
    const before = await everyRow(page);
    await page.getByLabel("Passphrase").fill("wrong horse battery");
    await page.getByRole("button", { name: "Unlock" }).click();
    await answered(page, page.getByRole("alert").filter({ hasText: "That passphrase is not right" }));
    assert.deepEqual(await everyRow(page), before);

    // A reading a tab opened before the lock wrote in clear (it knew no lock).
    await putRow(page, "observations", { id: "o-straggler", kind: "blood_pressure", at, systolic_mmhg: 149, diastolic_mmhg: 91, v: 1 });

    // The right one: the page asked for, with the readings.
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("cell", { name: "151/93 mmHg" }).waitFor({ timeout: 20000 });
    await page.getByRole("cell", { name: "138/86 mmHg" }).waitFor();
    // The clear reading is shown, then sealed with the rest once the page is up.
    await page.getByRole("cell", { name: "149/91 mmHg" }).waitFor();
    for (let i = 0; i < 50 && !(await storedRows(page, "observations")).every((r) => typeof r.sealed === "string"); i++) await page.waitForTimeout(100);
    const afterUnlock = await storedRows(page, "observations");
    assert.ok(afterUnlock.every((r) => typeof r.sealed === "string") && !readableAtRest(afterUnlock, "o-straggler"), "the clear reading is sealed");

    // Five minutes without use lock it again.
    await page.clock.fastForward("05:30");
    await locked.waitFor({ timeout: 20000 });

    // Change the passphrase: the current one is checked first.
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("cell", { name: "151/93 mmHg" }).waitFor({ timeout: 20000 });
    await page.goto(origin + "/#/settings");
    await page.getByRole("heading", { level: 2, name: "Passphrase lock" }).waitFor();
    await page.getByLabel("Your passphrase now").first().fill("not it at all");
    await page.getByLabel("New passphrase", { exact: true }).fill(NEW_PASS);
    await page.getByLabel("The new passphrase again").fill(NEW_PASS);
    await page.getByRole("button", { name: "Change the passphrase" }).click();
    await answered(page, page.getByRole("alert").filter({ hasText: "That passphrase is not right" }));
    await page.getByLabel("Your passphrase now").first().fill(PASS);
    await page.getByRole("button", { name: "Change the passphrase" }).click();
    await answered(page, page.getByRole("status").filter({ hasText: "Your passphrase has been changed" }));
    await page.reload();
    await locked.waitFor({ timeout: 20000 });
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("alert").filter({ hasText: "That passphrase is not right" }).waitFor();
    await page.getByLabel("Passphrase").fill(NEW_PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("heading", { level: 2, name: "Passphrase lock" }).waitFor({ timeout: 20000 });

    // Lock now: at once, from Settings.
    await page.getByRole("button", { name: "Lock now" }).click();
    await locked.waitFor({ timeout: 20000 });
    await page.getByLabel("Passphrase").fill(NEW_PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("heading", { level: 2, name: "Passphrase lock" }).waitFor({ timeout: 20000 });

    // Remove it: every row readable again, no locked screen.
    await page.getByLabel("Your passphrase now").nth(1).fill(NEW_PASS);
    await page.getByRole("button", { name: "Remove the lock" }).click();
    await answered(page, page.getByRole("status").filter({ hasText: "The lock has been removed" }));
    const open = await everyRow(page);
    assert.ok(Object.values(open).flat().every((r) => !r.sealed));
    assert.ok(!open.meta.some((r) => r.id === "lock" || r.id === "emergency-info"));
    assert.ok(JSON.stringify(open.observations).includes("stairs"));
    await page.goto(origin + "/#/readings");
    await page.reload();
    await page.getByRole("cell", { name: "138/86 mmHg" }).waitFor({ timeout: 20000 });

    assert.deepEqual(h.foreign, []);
    // The practice's server that is not there answers 404, which the browser logs.
    assert.deepEqual(h.consoleErrors.filter((e) => !/404/.test(e)), []);
  } finally {
    await h.close();
  }
});

test("a backup protected with a passphrase: unreadable without it, refused with a wrong one (nothing restored), restored with the right one", async () => {
  const h = await setup();
  const dir = mkdtempSync(join(tmpdir(), "hale-sealed-backup-"));
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    const at = new Date(NOW.getTime() - 3 * 3600e3).toISOString().replace(/\.\d+Z$/, "Z");
    await seedRecord(page, { observations: [{ id: "o-seed-1", kind: "blood_pressure", at, systolic_mmhg: 151, diastolic_mmhg: 93, note: "after the stairs" }] });
    await page.goto(origin + "/#/settings");
    await page.reload();
    await appReady(page);
    const protect = page.getByLabel("Protect the backup with a passphrase (optional)");
    await protect.fill("short");
    await page.getByRole("button", { name: "Export a backup" }).click();
    await page.getByRole("status").filter({ hasText: "at least 8 characters" }).waitFor();
    await protect.fill(PASS);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), page.getByRole("button", { name: "Export a backup" }).click()]);
    assert.match(download.suggestedFilename(), /^hale-backup-\d{4}-\d{2}-\d{2}-protected\.json$/);
    const file = join(dir, "backup.json");
    await download.saveAs(file);
    await page.getByRole("status").filter({ hasText: "protected with your passphrase" }).waitFor();
    const text = readFileSync(file, "utf8");
    const sealed = JSON.parse(text);
    assert.deepEqual([sealed.format, sealed.kdf, sealed.memory_kib, sealed.passes, sealed.lanes], ["hale.sealed-backup/1", "Argon2id", 19456, 2, 1]);
    assert.ok(["stairs", "151", "blood_pressure"].every((secret) => !readableAtRest([sealed], secret)), "nothing readable in the file");
    // The same file opens on a computer with the command-line tool (native Argon2id and AES-GCM).
    const hale = join(import.meta.dirname, "../../../target/native/hale");
    const opened = JSON.parse(execFileSync(hale, ["backup", "open", file], { env: { ...process.env, HALE_PASSPHRASE: PASS } }).toString());
    assert.equal(opened.observations[0].note, "after the stairs");

    await page.getByRole("button", { name: "Delete all my data" }).click();
    await page.getByRole("button", { name: "Yes, delete everything" }).click();
    await page.getByRole("status").filter({ hasText: "Everything has been deleted" }).waitFor();
    await page.getByLabel("Import a backup file").setInputFiles(file);
    // Asked for its passphrase: the field is on screen and focused, its hint saying why.
    const backupPass = page.getByLabel("The backup's passphrase");
    await answered(page, backupPass);
    assert.match(await backupPass.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")).textContent), /This backup is protected with a passphrase/);
    await expectNoAxeViolations(page, "settings asking for a backup's passphrase");
    mkdirSync("../../target/screenshots", { recursive: true });
    await page.screenshot({ path: "../../target/screenshots/backup-passphrase-390.png" });
    await backupPass.fill("not the passphrase");
    await backupPass.press("Enter");
    await answered(page, page.getByRole("alert").filter({ hasText: "That passphrase does not open this backup. Nothing was restored" }));
    assert.ok(await backupPass.evaluate((el) => document.activeElement === el && el.getAttribute("aria-invalid") === "true"), "the field again, marked wrong");
    assert.equal((await storedRows(page, "observations")).length, 0);
    await backupPass.fill(PASS);
    await page.getByRole("button", { name: "Open and restore the backup" }).click();
    await page.getByRole("status").filter({ hasText: "Imported 1 readings" }).waitFor({ timeout: 20000 });
    const rows = await storedRows(page, "observations");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].note, "after the stairs");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("locking years of readings says how far it has got and can be stopped (nothing changes), then finishes", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    const many = Array.from({ length: 20000 }, (_, i) => ({
      id: `bulk-${i}`,
      kind: "weight",
      at: new Date(NOW.getTime() - (i + 1) * 3600e3).toISOString().replace(/\.\d+Z$/, "Z"),
      kg: 70 + (i % 50) / 10,
    }));
    await seedRecord(page, { observations: many });
    await page.goto(origin + "/#/settings");
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Lock Hale with a passphrase" }).waitFor({ timeout: 30000 });
    const before = await everyRow(page);
    const setLock = async () => {
      await page.getByLabel("New passphrase", { exact: true }).fill(PASS);
      await page.getByLabel("The new passphrase again").fill(PASS);
      await page.getByRole("button", { name: "Lock Hale", exact: true }).click();
    };

    // While it works: the words, a progress bar with how many entries are done, and Stop, on screen.
    await setLock();
    const bar = page.getByRole("progressbar", { name: /of 20,00\d entries done/ });
    await bar.waitFor({ timeout: 20000 });
    const stop = page.getByRole("button", { name: "Stop" });
    const box = await stop.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `Stop is on screen: ${JSON.stringify(box)}`);
    await answered(page, page.getByRole("status").filter({ hasText: "Locking your data" }));
    mkdirSync("../../target/screenshots", { recursive: true });
    await page.screenshot({ path: "../../target/screenshots/lock-progress-390.png" });
    // (Stop is pressed at once: 20,000 entries take a few seconds even on a fast machine.)
    await stop.click();
    await answered(page, page.getByRole("alert").filter({ hasText: "Stopped before it finished. Nothing was changed." }));
    assert.deepEqual(await everyRow(page), before, "stopped: every row as it was, no lock");
    await page.getByRole("heading", { level: 2, name: "Lock Hale with a passphrase" }).waitFor();

    // Again, to the end (axe looks at the page while it works, or just after on a fast machine).
    await setLock();
    await bar.waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "settings while a lock is being set");
    await answered(page, page.getByRole("status").filter({ hasText: "Hale is now locked with your passphrase" }));
    const obs = await storedRows(page, "observations");
    assert.equal(obs.length, 20000);
    assert.ok(obs.every((r) => typeof r.sealed === "string"), "every row sealed");
    assert.equal(await page.getByRole("progressbar").count(), 0, "the bar is gone");
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});
