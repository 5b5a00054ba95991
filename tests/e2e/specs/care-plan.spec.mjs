// The handover that carries the care plan (issue 12): Alice's son enters what matters to her, where
// her DNACPR form is kept, her medicines by name and dose, her allergy and his own contact on the
// profile page; the share page asks "Put your name on it?" with no answer chosen; the printed
// summary (read back with pdftotext) carries the care plan and her name, no link text without a
// link, no empty headings, and fits two A4 pages; a district nurse opening the link sees the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, expectNoAxeViolations, appReady, seedRecord, daysAgo, openBrowser } from "../lib/harness.mjs";
import { H1, heading, profileForm, summaryView } from "../lib/pages.mjs";

function pdfText(pdf, dir) {
  const file = join(dir, "summary.pdf");
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const pages = Number(execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1]);
  return { text, pages };
}

test("Alice's care plan is entered on the profile, travels on paper and by link, and her name only when chosen", async () => {
  const h = await setup();
  let nurse = null;
  const work = mkdtempSync(join(tmpdir(), "hale-care-"));
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      profile: { name: "Alice Barton", birth_date: "1930-05-01", sex: "female", conditions: ["hypertension", "copd"], medications: ["antihypertensive"], oxygen_target: "88_92" },
      observations: [{ id: "b1", at: daysAgo(2, 9), kind: "blood_pressure", systolic_mmhg: 138, diastolic_mmhg: 76 }],
    });
    await page.goto(origin + "/#/profile");
    await page.reload();
    await heading(page, H1.profile).waitFor({ timeout: 20000 });

    await page.getByLabel("What matters to you").fill("Staying in my own home with my cat, Biscuit.");
    await page.getByLabel(/Advance care plan/).fill("My DNACPR form is in the red folder on the kitchen table.");
    // Medicines by name and dose; the new row's first field takes focus.
    await profileForm(page).addMedicine.click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "p-med-0-name");
    await page.keyboard.type("Apixaban");
    await page.locator("#p-med-0-dose").fill("2.5 mg twice a day");
    await page.locator("#p-med-0-class").selectOption("anticoagulant");
    await profileForm(page).addMedicine.click();
    await page.locator("#p-med-1-name").fill("Amlodipine");
    await page.locator("#p-med-1-dose").fill("5 mg in the morning");
    // A row with a dose but no name is refused with a reason, and nothing is saved.
    await profileForm(page).addMedicine.click();
    await page.locator("#p-med-2-dose").fill("1 tablet");
    await page.getByRole("button", { name: "Add an allergy" }).click();
    await page.locator("#p-allergy-0-substance").fill("Penicillin");
    await page.locator("#p-allergy-0-reaction").fill("Rash");
    await page.getByRole("button", { name: "Add a contact" }).click();
    await page.locator("#p-contact-0-name").fill("Tom Barton");
    await page.locator("#p-contact-0-relationship").fill("Son");
    await page.locator("#p-contact-0-phone").fill("07700 900123");
    await page.locator("#p-contact-0-role").selectOption("next_of_kin");
    await profileForm(page).saveButton.click();
    await page.locator(".error-message", { hasText: "Give the medicine's name, or remove this medicine." }).waitFor();
    await page.getByRole("button", { name: "Remove Medicine 3" }).click();
    await profileForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: /Saved/ }).waitFor();
    await expectNoAxeViolations(page, "profile with a care plan");

    // Sharing: "Put your name on it?" has no answer chosen for her.
    await page.goto(origin + "/#/share");
    await summaryView(page).waitFor({ timeout: 20000 });
    const yes = page.getByRole("group", { name: "Put your name on it?" }).getByLabel("Yes");
    const no = page.getByRole("group", { name: "Put your name on it?" }).getByLabel("No");
    assert.equal(await yes.isChecked(), false);
    assert.equal(await no.isChecked(), false);
    await page.getByRole("button", { name: "Print or save as PDF" }).click();
    await page.getByRole("status").filter({ hasText: "Put your name on it?" }).waitFor();
    await yes.check();
    const preview = page.locator("article.summary", { hasText: "Alice Barton" });
    await preview.waitFor();
    const shown = await preview.innerText();
    for (const want of ["What matters to me", "Biscuit", "red folder on the kitchen table", "Apixaban, 2.5 mg twice a day", "Amlodipine, 5 mg in the morning", "Penicillin: Rash", "Tom Barton (Son, Next of kin): 07700 900123"]) {
      assert.ok(shown.includes(want), `the preview shows ${want}`);
    }
    await expectNoAxeViolations(page, "share page with a care plan");

    // On paper: the care plan and her name, nothing about a link before there is one, no empty
    // heading (one reading draws no trend), no incomplete health score, at most two A4 pages.
    const paper = pdfText(await page.pdf({ format: "A4", printBackground: true }), work);
    assert.ok(paper.pages >= 1 && paper.pages <= 2, `the printout is ${paper.pages} pages`);
    for (const want of ["Alice Barton", "What matters to me", "Staying in my own home", "DNACPR form is in the red folder", "Apixaban, 2.5 mg twice a day", "Penicillin: Rash", "Tom Barton", "07700 900123"]) {
      assert.ok(paper.text.includes(want), `the printout carries ${want}`);
    }
    assert.doesNotMatch(paper.text, /link opens until/i);
    assert.doesNotMatch(paper.text, /^\s*Trends\s*$/m);
    assert.doesNotMatch(paper.text, /Health score/);
    // Without her name, the printout says only her age.
    await no.check();
    await summaryView(page).filter({ hasNotText: "Alice Barton" }).waitFor();
    const anonymous = pdfText(await page.pdf({ format: "A4", printBackground: true }), work);
    assert.doesNotMatch(anonymous.text, /Alice Barton/);
    assert.match(anonymous.text, /age 96/);

    // By link: the district nurse sees the same care plan.
    await yes.check();
    await page.locator("article.summary", { hasText: "Alice Barton" }).waitFor();
    await page.getByRole("button", { name: "Make a link" }).click();
    const link = await page.getByLabel("Link", { exact: true }).inputValue();
    nurse = await openBrowser(origin);
    await nurse.page.goto(link);
    const theirs = nurse.page.locator("article.summary", { hasText: "Alice Barton" });
    await theirs.waitFor({ timeout: 30000 });
    const text = await theirs.innerText();
    for (const want of ["DNACPR form is in the red folder", "Apixaban, 2.5 mg twice a day", "Tom Barton (Son, Next of kin)", "Oxygen saturation target set by the care team: 88\u201392 %"]) {
      assert.ok(text.includes(want), `the nurse sees ${want}`);
    }
    // On a phone, the review leads with the person and their care, not the patient's own tabs.
    assert.equal(await nurse.page.locator("header nav, footer").count(), 0, "none of the patient's own links on the review page");
    const care = await nurse.page.locator("#sv-care").boundingBox();
    assert.ok(care && care.y < 844 * 2, `the care plan starts within two screens (at ${care && care.y})`);
    await expectNoAxeViolations(nurse.page, "review page with a care plan");
    for (const b of [h, nurse]) {
      assert.deepEqual(b.foreign, []);
      assert.deepEqual(b.consoleErrors, []);
    }
  } finally {
    if (nurse) await nurse.close();
    await h.close();
    rmSync(work, { recursive: true, force: true });
  }
});
