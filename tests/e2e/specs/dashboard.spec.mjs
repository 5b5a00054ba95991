// The dashboard and trends (issue 6): today's flags, the score and due rechecks (worked out by the
// core in a worker), flags from earlier in the week, and a chart per kind with the person's target,
// ranges from 7 days to all time, and a table as the chart's alternative. axe on every state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, seedRecord, daysAgo } from "../lib/harness.mjs";
import { H1, heading } from "../lib/pages.mjs";

/** A week of twice-daily blood pressure with one very high reading 3 days ago, and a year of weight. */
function sarahsWeek() {
  const observations = [];
  for (let d = 6; d >= 0; d--) {
    for (const hour of [7, 8]) {
      const high = d === 3 && hour === 7;
      observations.push({
        id: `bp-${d}-${hour}`,
        kind: "blood_pressure",
        at: daysAgo(d, hour),
        systolic_mmhg: high ? 184 : 128,
        diastolic_mmhg: high ? 102 : 80,
      });
    }
  }
  for (let d = 365; d >= 1; d -= 1) {
    observations.push({ id: `w-${d}`, kind: "weight", at: daysAgo(d, 6), kg: Math.round((82 - d * 0.01) * 10) / 10 });
  }
  return {
    profile: { birth_date: "1981-03-02", sex: "female", height_cm: 165, conditions: ["asthma", "type2_diabetes"], smoking: { status: "never" } },
    observations,
  };
}

test("the dashboard shows the score, rechecks due and a flag from earlier in the week that has since settled", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, sarahsWeek());
    await page.reload();
    await heading(page, H1.dashboard).waitFor();

    // Nothing is raised now: the latest readings are normal.
    await page.getByText("Nothing in your recent readings needs action").waitFor();
    const earlier = page.getByRole("region", { name: "Earlier in the last 7 days" });
    await earlier.waitFor();
    assert.match(await earlier.innerText(), /Very high blood pressure reading/);
    assert.match(await earlier.innerText(), /Get help today/);

    // The score comes from the core package in a worker; diet, activity, sleep and lipids are missing.
    const score = page.getByRole("region", { name: "Your health score" });
    await score.getByText(/Add \d more things to see your score/).waitFor({ timeout: 20000 });
    const rechecks = page.getByRole("region", { name: "Rechecks due this week" });
    await rechecks.waitFor();
    await expectNoAxeViolations(page, "dashboard (score, rechecks, earlier flags)");

    // Latest readings link to their trends.
    await page.getByRole("link", { name: "Weight", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Weight trend" }).waitFor({ timeout: 20000 });
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("trends: a chart per kind with the person's target band, every range, and a table alternative", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, sarahsWeek());
    await page.goto(origin + "/#/trends");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Your trends" }).waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "trends index");
    await page.getByRole("link", { name: "Blood pressure" }).click();
    await page.getByRole("heading", { level: 1, name: "Blood pressure trend" }).waitFor();

    const chart = page.getByRole("img", { name: "Blood pressure, the last 30 days" });
    await chart.waitFor();
    const desc = await page.locator("#trend-desc").textContent();
    assert.match(desc, /14 readings/);
    assert.match(desc, /Systolic \(top number\): lowest 128, highest 184/);
    assert.match(desc, /Target: Top number: 90 to below 135 at home/);
    assert.match(await page.locator("main").innerText(), /Bottom number: 60 to below 85 at home/);
    await page.getByText("Show the readings as a table").click();
    const rows = page.locator("main table tbody tr");
    assert.equal(await rows.count(), 14);
    await expectNoAxeViolations(page, "blood pressure trend (30 days, table open)");

    // Weight over a year: more readings than points, so each point summarises a stretch.
    await page.goto(origin + "/#/trends/weight");
    await page.getByRole("heading", { level: 1, name: "Weight trend" }).waitFor();
    await page.getByLabel("1 year").check();
    await page.getByRole("img", { name: "Weight, the last 1 year" }).waitFor();
    await page.getByText(/36[45] readings: each point is the average/).waitFor();
    assert.match(await page.locator("main").innerText(), /Healthy weight for your height: about 50.4 to below 68.1 kg/);
    await page.getByText("Show the readings as a table").click();
    const n = await page.locator("main table tbody tr").count();
    assert.ok(n > 0 && n <= 120, `${n} rows`);
    await expectNoAxeViolations(page, "weight trend (1 year, summarised)");
    for (const [label, name] of [["7 days", "the last 7 days"], ["90 days", "the last 90 days"], ["All", "all time"]]) {
      await page.getByLabel(label, { exact: true }).check();
      await page.getByRole("img", { name: `Weight, ${name}` }).waitFor();
    }
    await page.getByLabel("7 days", { exact: true }).check();
    assert.match(await page.locator("#trend-desc").textContent(), /^6 readings|^7 readings/);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});
