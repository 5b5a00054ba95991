// Issue 5: advice that says why and what to do, a recheck plan that goes into the calendar,
// questionnaires as accessible forms (PHQ-9 item 9 shows crisis routes at once), the asthma action
// plan in L/min, and the minor-illness checker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setup, expectNoAxeViolations, appReady, seedRecord, daysAgo, NOW } from "../lib/harness.mjs";
import { profileForm, readingForm } from "../lib/pages.mjs";

const year = NOW.getUTCFullYear();
const weekOfBp = Array.from({ length: 7 }, (_, i) => ({
  id: `b${i}`,
  at: daysAgo(7 - i),
  kind: "blood_pressure",
  systolic_mmhg: 142,
  diastolic_mmhg: 88,
}));

test("advice explains why, lists actions with the source, and the plan exports to a calendar", async () => {
  const h = await setup({ acceptDownloads: true });
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      profile: { birth_date: `${year - 50}-03-01`, sex: "male", height_cm: 175 },
      observations: [...weekOfBp, { id: "w", at: daysAgo(2), kind: "weight", kg: 82.69 }],
    });
    await page.goto(origin + "/#/advice");
    await page.reload();
    const bp = page.getByRole("region", { name: "Lower your blood pressure" });
    await bp.waitFor();
    const text = await bp.innerText();
    assert.match(text, /averages 142\/88 mmHg/);
    assert.match(text, /150 minutes/);
    assert.match(text, /about 2 kg/);
    assert.match(text, /6 g/);
    assert.match(text, /Recheck by:/);
    await bp.getByText("Where this comes from").click();
    assert.match(await bp.innerText(), /NICE NG136/);
    await expectNoAxeViolations(page, "advice");

    await page.getByRole("link", { name: "See your plan" }).click();
    await page.getByRole("heading", { level: 1, name: "Your recheck plan" }).waitFor();
    assert.match(await page.locator(".plan").innerText(), /Lower your blood pressure/);
    await expectNoAxeViolations(page, "plan");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Add to calendar (.ics)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "hale-rechecks.ics");
    const ics = readFileSync(await download.path(), "utf8");
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /SUMMARY:Hale recheck: Lower your blood pressure/);
    assert.match(ics, /BEGIN:VALARM/);
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

test("PHQ-9 as an accessible form; item 9 shows crisis routes at once", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/check/phq9");
    await page.getByRole("heading", { level: 1, name: "PHQ-9: how your mood has been" }).waitFor();
    await expectNoAxeViolations(page, "PHQ-9 (empty)");
    await page.getByRole("button", { name: "Save answers" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await expectNoAxeViolations(page, "PHQ-9 (errors)");
    const groups = page.getByRole("group");
    assert.equal(await groups.count(), 9);
    for (let i = 0; i < 9; i++) {
      await groups.nth(i).getByLabel(i === 8 ? "Several days" : i < 4 ? "More than half the days" : "Not at all").check();
    }
    await page.getByRole("button", { name: "Save answers" }).click();
    const crisis = page.getByRole("region", { name: "Help is available now" });
    await crisis.waitFor();
    // Issue 12: the crisis routes are the first thing seen and heard, not drawn above the screen.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "save-result");
    assert.equal(await readingForm(page).result.getAttribute("role"), "alert");
    const top = await crisis.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 400, `the crisis routes start inside the viewport (top ${top})`);
    assert.match(await crisis.innerText(), /116 123/);
    assert.match(await crisis.innerText(), /999/);
    assert.match(await readingForm(page).result.filter({ hasText: "Saved" }).innerText(), /Your score is 9/);
    await expectNoAxeViolations(page, "PHQ-9 (crisis routes)");
  } finally {
    await h.close();
  }
});

test("the asthma action plan shows zones in L/min from a personal best", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/asthma");
    await page.getByRole("heading", { level: 1, name: "Your asthma action plan" }).waitFor();
    await profileForm(page).peakFlowBest.fill("450");
    await page.getByRole("button", { name: "Save personal best" }).click();
    const table = page.getByRole("table", { name: /from your personal best of 450 L\/min/ });
    await table.waitFor();
    const rows = await table.innerText();
    assert.match(rows, /360 L\/min or more/);
    assert.match(rows, /270 to 360 L\/min/);
    assert.match(rows, /below 149 L\/min/);
    await expectNoAxeViolations(page, "asthma plan");
    // Coming back, the saved best is in the box, not an empty one.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Your asthma action plan" }).waitFor({ timeout: 20000 });
    await page.getByRole("table", { name: /from your personal best of 450 L\/min/ }).waitFor();
    assert.equal(await profileForm(page).peakFlowBest.inputValue(), "450");
  } finally {
    await h.close();
  }
});

test("the minor-illness checker routes a red flag to 999 and a simple UTI to the pharmacy", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, { profile: { birth_date: `${year - 30}-02-01`, sex: "female" } });
    await page.goto(origin + "/#/minor-illness");
    await page.reload();
    await page.getByRole("link", { name: "Urinary tract infection (women 16 to 64)" }).click();
    await page.getByLabel(/burn or hurt when you pass urine/).check();
    await page.getByLabel(/urine look cloudy/).check();
    await page.getByRole("button", { name: "Check" }).click();
    const outcome = page.getByRole("alert").filter({ hasText: "What to do" });
    await outcome.waitFor();
    assert.match(await outcome.innerText(), /pharmacist/);
    // The answer is drawn above the questions: it is brought into view and focused.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "outcome");
    const box = await outcome.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 844, `outcome in view at y=${box && box.y}`);
    await expectNoAxeViolations(page, "minor illness (pharmacy)");
    await page.getByLabel(/pain in your back or side/).check();
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByRole("alert").filter({ hasText: "NHS 111" }).waitFor();
    await page.goto(origin + "/#/minor-illness/sore_throat");
    await page.getByLabel(/hard to breathe/).check();
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByRole("alert").filter({ hasText: "Call 999" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Call 999" }).getAttribute("href"), "tel:999");
    // Without a date of birth, whether Pharmacy First fits is not guessed.
    await seedRecord(page, { profile: { sex: "female" } });
    await page.goto(origin + "/#/minor-illness/uti");
    await page.reload();
    await page.getByLabel(/burn or hurt when you pass urine/).check();
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByRole("alert").filter({ hasText: "Hale needs your age" }).waitFor();
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});
