// Entering and looking after your own data (issues 2 and 6): symptoms go straight to the emergency
// screen when they need 999; readings in the units people use; editing a reading; the optional
// profile; back up, delete everything and restore, with nothing duplicated and nothing lost on a
// bad file. axe on every screen; no request leaves the origin; no console errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, expectNoAxeViolations, appReady, storedReadings, storedRows, seedRecord, daysAgo, NOW } from "../lib/harness.mjs";
import { H1, heading, profileForm, readingForm, symptomsForm } from "../lib/pages.mjs";

test("ticking chest pain goes straight to the emergency screen with Call 999 first; marking it passed clears it", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/log");
    await appReady(page);
    await page.getByRole("link", { name: "Symptoms: how are you feeling?" }).click();
    await heading(page, H1.symptoms).waitFor();
    await expectNoAxeViolations(page, "symptoms");

    // Nothing ticked: told what to do, nothing stored.
    await symptomsForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: "Tick at least one symptom" }).waitFor();
    assert.equal((await storedRows(page, "symptoms")).length, 0);

    // A 999 sign acts when ticked, without the Save button.
    await page.getByLabel("Chest pain, pressure or tightness").click();
    await heading(page, H1.emergency).waitFor();
    assert.match(page.url(), /#\/emergency$/);
    const call = page.getByRole("link", { name: "Call 999 now" });
    assert.equal(await call.getAttribute("href"), "tel:999");
    // "Call 999" comes before everything else in the main content.
    const firstInteractive = await page.evaluate(() => document.querySelector("main a, main button")?.textContent);
    assert.equal(firstInteractive, "Call 999 now");
    assert.match(await page.locator("main").innerText(), /While you wait/);
    await expectNoAxeViolations(page, "emergency screen");
    const symptoms = await storedRows(page, "symptoms");
    assert.equal(symptoms.length, 1);
    assert.equal(symptoms[0].code, "chest_pain");

    await page.goto(origin + "/#/symptoms");
    await page.getByRole("heading", { level: 2, name: "Your symptoms in the last 7 days" }).waitFor();
    await page.getByRole("button", { name: 'Mark "Chest pain, pressure or tightness" as passed' }).click();
    await page.getByRole("status").filter({ hasText: "Marked as passed." }).waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "status-message");
    const after = await storedRows(page, "symptoms");
    assert.equal(after.length, 1, "marking as passed updates the same entry");
    assert.ok(after[0].resolved_at, "resolved_at is stored");

    await page.goto(origin + "/#/emergency");
    await heading(page, H1.noEmergency).waitFor();
    assert.equal(await page.getByRole("link", { name: "Call 999" }).getAttribute("href"), "tel:999");
    await expectNoAxeViolations(page, "emergency screen (nothing current)");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("weight in stones and pounds and glucose in mg/dL are stored in the Record's units, and the choice is remembered", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/log/weight");
    await appReady(page);
    await page.getByLabel("stones and pounds").check();
    await page.getByLabel("Stones (st)").fill("11");
    await page.getByLabel("Pounds (lb)").fill("4");
    await expectNoAxeViolations(page, "log weight (stones and pounds)");
    await readingForm(page).saveButton.click();
    await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();
    let stored = await storedReadings(page);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].kind, "weight");
    assert.equal(stored[0].kg, 71.668, "11 st 4 lb = 158 lb = 71.668 kg");

    // A bad pounds value: an inline error, linked from the summary, nothing stored.
    await page.getByLabel("Stones (st)").fill("11");
    await page.getByLabel("Pounds (lb)").fill("four");
    await readingForm(page).saveButton.click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    assert.equal(await summary.getByRole("link").first().getAttribute("href"), "#field-st");
    await expectNoAxeViolations(page, "log weight (error)");
    assert.equal((await storedReadings(page)).length, 1);

    await page.goto(origin + "/#/log/glucose");
    await page.getByRole("heading", { level: 1, name: "Log blood glucose" }).waitFor();
    await page.getByLabel("mg/dL", { exact: true }).check();
    await page.getByLabel("Glucose (mg/dL)").fill("180");
    await readingForm(page).saveButton.click();
    await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();
    stored = await storedReadings(page);
    const glucose = stored.find((o) => o.kind === "glucose");
    assert.equal(glucose.mmol_l, 9.991, "180 mg/dL / 18.016 = 9.991 mmol/L");

    // Moving straight to another kind starts a fresh form in that kind's remembered unit.
    await page.goto(origin + "/#/log/weight");
    await page.getByRole("heading", { level: 1, name: "Log weight" }).waitFor();
    assert.equal(await page.getByLabel("stones and pounds").isChecked(), true);
    assert.equal(await page.getByLabel("Stones (st)").inputValue(), "");

    // The unit is remembered on this device.
    await page.reload();
    await appReady(page);
    await page.goto(origin + "/#/log/weight");
    await page.getByRole("heading", { level: 1, name: "Log weight" }).waitFor();
    assert.equal(await page.getByLabel("stones and pounds").isChecked(), true);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("a form left open overnight dates the morning's reading to the morning, and the next reading on it to its own time", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/log/weight");
    await heading(page, "Log weight").waitFor({ timeout: 20000 });
    const opened = await page.evaluate(() => Date.now());
    // The page stays open for ten hours before anything is typed (the phone kept the tab).
    await page.clock.fastForward("10:00:00");
    await page.getByLabel("Weight (kg)").fill("81.2");
    await page.getByRole("button", { name: "Save reading" }).click();
    await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();
    // Two hours later, another on the same form, still never reloaded.
    await page.clock.fastForward("02:00:00");
    await page.getByLabel("Weight (kg)").fill("81.0");
    await page.getByRole("button", { name: "Save reading" }).click();
    let stored = [];
    for (let i = 0; i < 100 && stored.length < 2; i++) {
      await page.waitForTimeout(100);
      stored = (await storedReadings(page)).sort((a, b) => a.at.localeCompare(b.at));
    }
    assert.equal(stored.length, 2);
    const hoursAfterOpening = stored.map((o) => (Date.parse(o.at) - opened) / 3600e3);
    assert.ok(hoursAfterOpening[0] > 9.9 && hoursAfterOpening[0] < 10.2, `the first is dated when it was saved: ${hoursAfterOpening}`);
    assert.ok(hoursAfterOpening[1] > 11.9 && hoursAfterOpening[1] < 12.2, `the second too: ${hoursAfterOpening}`);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("editing a reading saves it under the same id, and the checks follow the new value", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      // Two hours ago: recent enough for the very-high rule whatever the time of day the test runs.
      observations: [{ id: "o-seed-1", kind: "blood_pressure", at: new Date(NOW.getTime() - 2 * 3600e3).toISOString().replace(/\.\d+Z$/, "Z"), systolic_mmhg: 128, diastolic_mmhg: 82 }],
    });
    await page.goto(origin + "/#/readings");
    await page.reload();
    await appReady(page);
    await page.getByRole("cell", { name: "128/82 mmHg" }).waitFor();
    await expectNoAxeViolations(page, "readings");
    await page.getByRole("link", { name: /^Edit reading from / }).click();
    await page.getByRole("heading", { level: 1, name: "Edit blood pressure" }).waitFor();
    const sys = readingForm(page).systolic;
    assert.equal(await sys.inputValue(), "128");
    await sys.fill("182");
    await readingForm(page).diastolic.fill("100");
    await readingForm(page).saveButton.click();
    await page.getByRole("region", { name: "Very high blood pressure reading" }).waitFor();
    await expectNoAxeViolations(page, "edit reading (flag shown)");
    const stored = await storedReadings(page);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].id, "o-seed-1");
    assert.equal(stored[0].systolic_mmhg, 182);

    await page.goto(origin + "/#/readings/o-missing");
    await page.getByRole("heading", { level: 1, name: "Reading not found" }).waitFor();
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("the optional profile saves, survives a reload, and explains a bad height without saving", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await page.getByRole("link", { name: /Tell Hale about you/ }).click();
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "profile (empty)");

    await profileForm(page).height.fill("tall");
    await profileForm(page).saveButton.click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await expectNoAxeViolations(page, "profile (error)");
    assert.equal((await storedRows(page, "profile")).length, 0);
    // 5.5 typed as centimetres is probably feet: asked, and nothing saved.
    await profileForm(page).height.fill("5.5");
    await profileForm(page).saveButton.click();
    await page.locator(".error-message", { hasText: "Did you mean 5.5 feet?" }).waitFor();
    assert.equal((await storedRows(page, "profile")).length, 0);

    // An NHS number with a wrong check digit: said at the field, nothing saved.
    await profileForm(page).height.fill("");
    await page.getByLabel("NHS number").fill("943 476 5918");
    await profileForm(page).saveButton.click();
    await page.locator(".error-message", { hasText: "one of the digits is not right" }).waitFor();
    assert.equal(await page.getByLabel("NHS number").getAttribute("aria-invalid"), "true");
    assert.equal((await storedRows(page, "profile")).length, 0);
    await page.getByLabel("NHS number").fill("943 476 5919"); // as printed on a letter

    await profileForm(page).dateOfBirth.fill("1961-04-12");
    await page.getByLabel("Female").check();
    await page.getByLabel("Feet and inches").check();
    await page.getByLabel("Height: feet").fill("5");
    await page.getByLabel("Height: inches").fill("5");
    await page.getByLabel("Asthma").check();
    await profileForm(page).peakFlowBest.fill("420");
    await page.getByLabel("I have never smoked").check();
    await profileForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const [profile] = await storedRows(page, "profile");
    assert.equal(profile.birth_date, "1961-04-12");
    assert.equal(profile.sex, "female");
    assert.ok(Math.abs(profile.height_cm - 165.1) < 0.01, `5 ft 5 in = 165.1 cm, got ${profile.height_cm}`);
    assert.deepEqual(profile.conditions, ["asthma"]);
    assert.equal(profile.peak_flow_best_l_min, 420);
    assert.equal(profile.nhs_number, "9434765919", "kept as the Record's 10 digits");

    await page.reload();
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    assert.equal(await profileForm(page).dateOfBirth.inputValue(), "1961-04-12");
    assert.equal(await page.getByLabel("Asthma").isChecked(), true);
    assert.equal(await profileForm(page).peakFlowBest.inputValue(), "420");

    // The asthma plan now has zones from that personal best.
    await page.goto(origin + "/#/asthma");
    await page.getByText("336", { exact: false }).first().waitFor();
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("back up, delete everything (after confirming), restore twice without duplicates, and reject a bad file", async () => {
  const h = await setup();
  const dir = mkdtempSync(join(tmpdir(), "hale-backup-"));
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      profile: { birth_date: "1970-01-01", sex: "male" },
      observations: [
        { id: "o-a", kind: "blood_pressure", at: daysAgo(2), systolic_mmhg: 131, diastolic_mmhg: 84 },
        { id: "o-b", kind: "weight", at: daysAgo(1), kg: 80 },
      ],
      symptoms: [{ id: "s-a", at: daysAgo(1), code: "cough" }],
    });
    await page.goto(origin + "/#/settings");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Your data" }).waitFor({ timeout: 20000 });
    await page.getByText("On this device only: 2 readings, 1 symptoms, 0 questionnaires.").waitFor();
    await expectNoAxeViolations(page, "settings");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export a backup" }).click()]);
    assert.match(download.suggestedFilename(), /^hale-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backupPath = join(dir, "backup.json");
    await download.saveAs(backupPath);
    const backup = JSON.parse(readFileSync(backupPath, "utf8"));
    assert.equal(backup.format, "hale.record/1");
    assert.equal(backup.observations.length, 2);
    assert.equal(backup.symptoms.length, 1);
    assert.equal(backup.profile.sex, "male");
    assert.ok(!("v" in backup.observations[0]), "storage details do not leak into the export");

    // Delete asks first; Cancel keeps everything.
    await page.getByRole("button", { name: "Delete all my data" }).click();
    const warning = page.getByRole("alert").filter({ hasText: "cannot be undone" });
    await warning.waitFor();
    await expectNoAxeViolations(page, "settings (confirm delete)");
    await page.getByRole("button", { name: "Cancel" }).click();
    assert.equal((await storedReadings(page)).length, 2);
    await page.getByRole("button", { name: "Delete all my data" }).click();
    await page.getByRole("button", { name: "Yes, delete everything" }).click();
    await page.getByRole("status").filter({ hasText: "Everything has been deleted" }).waitFor();
    assert.equal((await storedReadings(page)).length, 0);
    assert.equal((await storedRows(page, "symptoms")).length, 0);
    assert.equal((await storedRows(page, "profile")).length, 0);

    // Restore, twice: the same ids replace, so nothing doubles.
    for (let i = 0; i < 2; i++) {
      await page.getByLabel("Import a backup file").setInputFiles(backupPath);
      await page.getByRole("status").filter({ hasText: "Imported 2 readings, 1 symptoms and 0 questionnaires, and your profile. 0 left out." }).waitFor();
      assert.equal((await storedReadings(page)).length, 2);
      assert.equal((await storedRows(page, "symptoms")).length, 1);
    }
    await page.getByText("On this device only: 2 readings, 1 symptoms, 0 questionnaires.").waitFor();

    // A file that is not a backup: a clear message, nothing stored, nothing lost.
    const bad = join(dir, "notes.json");
    writeFileSync(bad, "this is not JSON");
    await page.getByLabel("Import a backup file").setInputFiles(bad);
    await page.getByRole("status").filter({ hasText: "Nothing was imported: this is not a Hale backup." }).waitFor();
    await page.getByRole("region", { name: "What was left out" }).waitFor();
    await expectNoAxeViolations(page, "settings (bad import)");
    assert.equal((await storedReadings(page)).length, 2);

    // Restored data is what the app shows after a reload.
    await page.goto(origin + "/#/readings");
    await page.reload();
    await appReady(page);
    await page.getByRole("cell", { name: "131/84 mmHg" }).waitFor();
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
