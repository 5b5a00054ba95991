// User stories of issue 6, end to end: Sarah sets up and logs BP, glucose and peak flow and sees
// her flags and advice; the same journey by keyboard alone; Alice's son logs for her with the
// browser at 200 % zoom; a week offline then back; every page at 320 px wide (screenshots kept in
// target/screenshots/320 for inspection). axe on every page and state; no request leaves the origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setup, expectNoAxeViolations, appReady, swControls, storedReadings, storedRows, seedRecord, daysAgo, testNow } from "../lib/harness.mjs";
import { H1, heading, mainHeading, profileForm, readingForm, summaryView, symptomsForm } from "../lib/pages.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

async function noHorizontalScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} px wide in a ${width} px window)`);
}

async function log(page, kind, values, extra = async () => {}) {
  await page.goto(page.url().split("#")[0] + `#/log/${kind}`);
  await mainHeading(page).waitFor();
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label).fill(value);
  await extra();
  await readingForm(page).saveButton.click();
  await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();
}

test("Sarah sets up, logs blood pressure, glucose and peak flow, and sees her flags and advice", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await page.getByRole("link", { name: /Tell Hale about you/ }).click();
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    await profileForm(page).dateOfBirth.fill("1981-03-02");
    await page.getByLabel("Female").check();
    await profileForm(page).height.fill("165");
    await page.getByLabel("Asthma").check();
    await page.getByLabel("Type 2 diabetes").check();
    await profileForm(page).peakFlowBest.fill("450");
    await profileForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await log(page, "blood_pressure", { "Systolic (top number) (mmHg)": "150", "Diastolic (bottom number) (mmHg)": "95" });
    await log(page, "glucose", { "Glucose (mmol/L)": "3.2" }, () => page.getByLabel("Before a meal").check());
    const hypo = page.getByRole("region", { name: "A diabetes reading needs attention" });
    await hypo.waitFor();
    assert.match(await hypo.innerText(), /Treat it now with 15.20 g of fast-acting sugar/);
    await expectNoAxeViolations(page, "glucose logged (hypo flag)");
    await log(page, "peak_flow", { "Peak flow (L/min)": "320" });
    await page.getByRole("region", { name: "Your asthma is getting worse" }).waitFor();

    await page.getByRole("link", { name: "Home", exact: true }).click();
    await heading(page, H1.dashboard).waitFor();
    await page.getByRole("region", { name: "Your asthma is getting worse" }).waitFor();
    await page.getByRole("region", { name: "A diabetes reading needs attention" }).waitFor();
    await expectNoAxeViolations(page, "dashboard (Sarah)");

    await page.getByRole("link", { name: "Advice", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your advice" }).waitFor({ timeout: 20000 });
    const advice = await page.locator("main").innerText();
    assert.match(advice, /If your glucose goes below 4.0 \(a hypo\)/);
    assert.match(advice, /Your asthma action plan zones/);
    await expectNoAxeViolations(page, "advice (Sarah)");
    assert.equal((await storedReadings(page)).length, 3);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

/** Presses Tab until the focused element's text or label matches, failing after `max` presses. */
async function tabTo(page, pattern, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return "";
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : "";
      return (label || el.getAttribute("aria-label") || el.textContent || "").trim();
    });
    if (pattern.test(name)) return name;
  }
  throw new Error(`Tab never reached ${pattern}`);
}

test("keyboard only: skip link, log a reading, hear the result, reach urgent help", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    // The first Tab lands on the skip link; Enter moves focus to the main content.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to main content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");

    await tabTo(page, /^Log your first reading$/);
    await page.keyboard.press("Enter");
    await heading(page, H1.logBloodPressure).waitFor();
    // Focus moves to the new page's heading, so a screen reader announces it.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === "page-title");
    await tabTo(page, /^Systolic/);
    await page.keyboard.type("185");
    await tabTo(page, /^Diastolic/);
    await page.keyboard.type("110");
    await page.keyboard.press("Enter");
    const flag = page.getByRole("region", { name: "Very high blood pressure reading" });
    await flag.waitFor();
    // The "why" disclosure opens from the keyboard.
    await tabTo(page, /^Details for your care team$/);
    await page.keyboard.press("Enter");
    assert.match(await flag.innerText(), /NICE NG136/);
    assert.equal((await storedReadings(page)).length, 1);

    // Back to the top and on to urgent help.
    await page.keyboard.press("Home");
    await page.evaluate(() => document.activeElement.blur());
    await tabTo(page, /^Urgent help$/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Get help now" }).waitFor();
    await expectNoAxeViolations(page, "urgent help (reached by keyboard)");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("Alice's son logs for her with the browser at 200% zoom: nothing scrolls sideways, the care plan travels with her", async () => {
  // A 1280 × 800 screen at 200 % zoom is a 640 × 400 CSS-pixel window at twice the pixel density.
  const h = await setup({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await noHorizontalScroll(page, "home (empty)");
    await page.goto(origin + "/#/profile");
    await heading(page, H1.profile).waitFor({ timeout: 20000 });
    await noHorizontalScroll(page, "profile");
    await profileForm(page).dateOfBirth.fill("1930-05-14");
    await page.getByLabel("Female").check();
    await page.getByLabel("What matters to you").fill("Staying at home with my cat; seeing my grandchildren on Sundays.");
    await profileForm(page).addMedicine.click();
    await page.locator("#p-med-0-name").fill("Amlodipine");
    await page.locator("#p-med-0-dose").fill("5 mg in the morning");
    await page.getByRole("button", { name: "Add a contact" }).click();
    await page.locator("#p-contact-0-name").fill("David");
    await page.locator("#p-contact-0-relationship").fill("Son");
    await page.locator("#p-contact-0-phone").fill("07700 900123");
    await noHorizontalScroll(page, "profile with the care plan's lists");
    await profileForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await expectNoAxeViolations(page, "profile at 200%");

    await log(page, "blood_pressure", { "Systolic (top number) (mmHg)": "104", "Diastolic (bottom number) (mmHg)": "62" });
    await noHorizontalScroll(page, "log blood pressure");
    await page.goto(origin + "/#/symptoms");
    await heading(page, H1.symptoms).waitFor();
    await page.getByLabel("Had a fall").check();
    await symptomsForm(page).saveButton.click();
    await page.getByRole("status").filter({ hasText: "Symptoms saved." }).waitFor();
    await noHorizontalScroll(page, "symptoms");
    await expectNoAxeViolations(page, "symptoms at 200%");

    await page.goto(origin + "/#/");
    await heading(page, H1.dashboard).waitFor();
    await noHorizontalScroll(page, "dashboard");
    // The urgent-help link stays in view in the header.
    assert.ok(await page.getByRole("link", { name: "Urgent help" }).isVisible());
    await expectNoAxeViolations(page, "dashboard at 200%");
    const [profile] = await storedRows(page, "profile");
    assert.equal(profile.care_plan.contacts[0].name, "David");
    assert.equal(profile.care_plan.medicines[0].dose, "5 mg in the morning");
    assert.match(profile.care_plan.what_matters, /grandchildren/);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("a week offline: a reading a day with no connection, everything kept, then back online", async () => {
  const h = await setup();
  try {
    const { page, origin, context } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await swControls(page);
    await context.setOffline(true);
    const start = testNow().getTime();
    for (let day = 0; day < 7; day++) {
      // A new day: the person opens the app (a fresh load, from the service worker's cache).
      await page.clock.setSystemTime(new Date(start + day * 86400000));
      await page.goto(origin + "/#/log/blood_pressure");
      await page.reload();
      await heading(page, H1.logBloodPressure).waitFor({ timeout: 20000 });
      await readingForm(page).systolic.fill(String(124 + day));
      await readingForm(page).diastolic.fill("80");
      await readingForm(page).saveButton.click();
      await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();
    }
    await page.goto(origin + "/#/readings");
    await page.getByRole("cell", { name: "130/80 mmHg" }).waitFor();
    assert.equal((await storedReadings(page)).length, 7);
    // Pages from the full bundle work offline too.
    await page.goto(origin + "/#/trends/blood_pressure");
    await page.getByRole("heading", { level: 1, name: "Blood pressure trend" }).waitFor({ timeout: 20000 });
    await page.getByLabel("7 days", { exact: true }).check();
    await page.getByRole("img", { name: "Blood pressure, the last 7 days" }).waitFor();
    await expectNoAxeViolations(page, "trend (offline)");

    await context.setOffline(false);
    await page.goto(origin + "/#/readings");
    await page.reload();
    await page.getByRole("cell", { name: "124/80 mmHg" }).waitFor();
    assert.equal((await storedReadings(page)).length, 7);
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

test("every page fits a 320 px screen without sideways scrolling (screenshots kept for inspection)", async () => {
  const h = await setup({ viewport: { width: 320, height: 640 } });
  const out = join(root, "target/screenshots/320");
  mkdirSync(out, { recursive: true });
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      profile: { birth_date: "1960-02-01", sex: "male", height_cm: 178, conditions: ["asthma", "hypertension"], peak_flow_best_l_min: 520 },
      observations: [
        { id: "a", kind: "blood_pressure", at: daysAgo(1), systolic_mmhg: 152, diastolic_mmhg: 94 },
        { id: "b", kind: "blood_pressure", at: daysAgo(0, 0), systolic_mmhg: 148, diastolic_mmhg: 92 },
        { id: "c", kind: "peak_flow", at: daysAgo(1), l_min: 400 },
        { id: "d", kind: "weight", at: daysAgo(2), kg: 88.4 },
      ],
    });
    const pages = [
      "/", "/log", "/log/blood_pressure", "/log/weight", "/readings", "/symptoms", "/emergency", "/score", "/advice",
      "/plan", "/check/phq9", "/asthma", "/minor-illness", "/trends", "/trends/blood_pressure", "/more", "/profile",
      "/settings", "/urgent", "/rules", "/about", "/share", "/review",
    ];
    for (const p of pages) {
      await page.goto(origin + "/#" + p);
      await page.reload();
      await mainHeading(page).waitFor({ timeout: 20000 });
      if (p === "/share") await summaryView(page).waitFor({ timeout: 20000 });
      await noHorizontalScroll(page, p);
      await page.screenshot({ path: join(out, (p === "/" ? "home" : p.slice(1).replaceAll("/", "-")) + ".png"), fullPage: true });
    }
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("tap targets: on a 390 × 844 phone every button, checkbox, radio and standalone link on every page is at least 44 × 44 px", async () => {
  const h = await setup({ viewport: { width: 390, height: 844 } });
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await seedRecord(page, {
      profile: { birth_date: "1960-02-01", sex: "male", height_cm: 178, conditions: ["asthma", "hypertension"], peak_flow_best_l_min: 520,
        care_plan: { what_matters: "My garden", medicines: [{ name: "Amlodipine", dose: "5 mg" }], contacts: [{ name: "Ann", role: "carer" }] } },
      observations: [
        { id: "a", kind: "blood_pressure", at: daysAgo(1), systolic_mmhg: 152, diastolic_mmhg: 94 },
        { id: "c", kind: "peak_flow", at: daysAgo(1), l_min: 400 },
      ],
    });
    const pages = [
      "/", "/log", "/log/blood_pressure", "/log/glucose", "/readings", "/symptoms", "/emergency", "/score", "/advice", "/plan",
      "/check/phq9", "/asthma", "/minor-illness", "/trends", "/trends/blood_pressure", "/more", "/profile", "/settings",
      "/urgent", "/rules", "/about", "/share", "/review",
    ];
    const small = [];
    for (const p of pages) {
      await page.goto(origin + "/#" + p);
      await page.reload();
      await mainHeading(page).waitFor({ timeout: 20000 });
      if (p === "/share") await summaryView(page).waitFor({ timeout: 20000 });
      const found = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll("a[href], button, summary, input[type=checkbox], input[type=radio]")) {
          let r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || el.closest(".visually-hidden, .skip-link")) continue;
          // A checkbox or radio is tapped through its label as well: the target is both.
          if (el.tagName === "INPUT" && el.labels && el.labels[0]) {
            const l = el.labels[0].getBoundingClientRect();
            const left = Math.min(r.left, l.left), top = Math.min(r.top, l.top);
            r = { width: Math.max(r.right, l.right) - left, height: Math.max(r.bottom, l.bottom) - top };
          }
          // A link inside a sentence is exempt (WCAG 2.5.5 "inline"); a link on its own is not.
          const standalone = el.tagName !== "A" || el.parentElement.textContent.trim() === el.textContent.trim();
          if (standalone && (r.width < 44 || r.height < 44)) {
            out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.id).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
          }
        }
        return out;
      });
      for (const f of found) small.push(`${p}: ${f}`);
    }
    assert.deepEqual(small, [], "targets under 44 × 44 px");
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});
