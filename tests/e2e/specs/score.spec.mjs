// Issue 4: the health score page explains the score, the biggest win, missing parts and QRISK3
// in plain words, with an accessible chart and a table alternative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, seedRecord, daysAgo, NOW } from "../lib/harness.mjs";

const year = NOW.getUTCFullYear();
const complete = {
  profile: {
    birth_date: `${year - 56}-01-10`,
    sex: "female",
    ethnicity: "white",
    height_cm: 165,
    smoking: { status: "former", quit_date: `${year - 7}-01-01`, vapes: false, home_indoor_smoker: false },
    family_history_premature_chd: false,
    townsend: 0,
  },
  observations: [
    { id: "a", at: daysAgo(2), kind: "activity", moderate_min_per_week: 90, vigorous_min_per_week: 0 },
    { id: "b", at: daysAgo(1), kind: "sleep", hours: 7.5 },
    { id: "c", at: daysAgo(1), kind: "weight", kg: 74.87 },
    { id: "d", at: daysAgo(30), kind: "cholesterol", total_mmol_l: 5.15, hdl_mmol_l: 1.4 },
    { id: "e", at: daysAgo(30), kind: "glucose", mmol_l: 5.2, context: "fasting" },
    { id: "f", at: daysAgo(3), kind: "blood_pressure", systolic_mmhg: 126, diastolic_mmhg: 78 },
    { id: "g", at: daysAgo(1), kind: "blood_pressure", systolic_mmhg: 130, diastolic_mmhg: 78 },
  ],
  questionnaires: [{ id: "m", at: daysAgo(3), instrument: "mepa", items: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1] }],
};

test("a person with all eight parts sees their score, biggest win, chart, table and QRISK3 in plain words", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, complete);
    await page.goto(origin + "/#/score");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Your health score" }).waitFor();
    await page.locator(".score-total__of").waitFor();
    assert.match(await page.locator(".score-total").innerText(), /^80\b/);
    assert.match(await page.locator(".score-total").innerText(), /high/);
    const win = page.getByRole("region", { name: /Your biggest win/ });
    assert.match(await win.innerText(), /cholesterol/i);
    const chart = page.getByRole("img", { name: "Your eight health score components, out of 100" });
    assert.equal(await chart.count(), 1);
    const table = page.getByRole("table", { name: "Your score, part by part" });
    assert.equal(await table.getByRole("row").count(), 9);
    assert.match(await table.getByRole("row", { name: /Blood pressure/ }).innerText(), /75/);
    const q = page.getByRole("region", { name: "Heart attack and stroke risk (QRISK3)" });
    assert.match(await q.innerText(), /About \d+ in 100 people with your risk factors would have a heart attack or stroke in the next 10 years/);
    assert.match(await q.innerText(), /ClinRisk/);
    await expectNoAxeViolations(page, "score (complete)");
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

test("a new user is told what to add to complete the score, never given a guessed total", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/score");
    await appReady(page);
    assert.match(await page.locator(".score-total").innerText(), /Not complete/);
    assert.match(await page.locator(".score-total").innerText(), /Add 8 more things/);
    const table = page.getByRole("table", { name: "Your score, part by part" });
    assert.equal(await table.getByRole("link", { name: "Add a cholesterol result" }).count(), 1);
    // Each prompt says exactly which reading and why; without diabetes a fasting glucose counts.
    assert.equal(await table.getByRole("link", { name: "Log a fasting glucose" }).count(), 1);
    assert.match(await table.innerText(), /before breakfast, nothing to eat for 8 hours/);
    assert.equal(await table.getByRole("link", { name: "Answer the diet questions" }).count(), 1, "the diet questions are a link");
    assert.doesNotMatch(await table.innerText(), /\(bmi\)|SADMANS/);
    assert.match(await table.innerText(), /NHS Health Check/);
    await expectNoAxeViolations(page, "score (empty)");
  } finally {
    await h.close();
  }
});
