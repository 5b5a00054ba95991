// Foundation user stories (issue 2): log a blood-pressure reading, see the urgent flag; an invalid
// reading shows an inline error and stores nothing; offline reload keeps the app and the data; the
// manifest and a controlling service worker are present; a new deployment offers an update; axe on
// every page visited; no request leaves the origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, swControls, storedReadings, testNow } from "../lib/harness.mjs";
import { H1, heading, readingForm } from "../lib/pages.mjs";

test("a person logs 182/100 and is told in plain words to get help today, with the source", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    // The page runs on the tests' clock, not the machine's (results do not depend on the day).
    const pageNow = await page.evaluate(() => Date.now());
    assert.ok(Math.abs(pageNow - testNow().getTime()) < 60000, `page clock ${new Date(pageNow).toISOString()}`);
    await expectNoAxeViolations(page, "home (empty)");
    await page.getByRole("link", { name: "Log your first reading" }).click();
    await heading(page, H1.logBloodPressure).waitFor();
    await expectNoAxeViolations(page, "log blood pressure");
    await readingForm(page).logBloodPressure("182", "100");
    const flag = page.getByRole("region", { name: "Very high blood pressure reading" });
    await flag.waitFor();
    const text = await flag.innerText();
    assert.match(text, /Get help today/);
    assert.match(text, /180\/120 or higher/);
    assert.match(text, /NHS 111/);
    await flag.getByText("Details for your care team").click();
    assert.match(await flag.innerText(), /NICE NG136 .*1\.5/);
    await expectNoAxeViolations(page, "log blood pressure (urgent flag shown)");
    const stored = await storedReadings(page);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].systolic_mmhg, 182);
    assert.equal(stored[0].v, 1);

    // The dashboard shows the same flag.
    await page.getByRole("link", { name: "Home", exact: true }).click();
    await page.getByRole("region", { name: "Very high blood pressure reading" }).waitFor();
    await expectNoAxeViolations(page, "home (with flag)");
    assert.deepEqual(h.foreign, [], "requests left the origin");
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});

test("300/abc shows an inline error on the bad field and stores nothing", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    await page.goto(origin + "/#/log/blood_pressure");
    await appReady(page);
    await readingForm(page).logBloodPressure("300", "abc");
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    assert.match(await summary.innerText(), /Diastolic \(bottom number\) must be a number/);
    const field = readingForm(page).diastolic;
    assert.equal(await field.getAttribute("aria-describedby"), "field-diastolic_mmhg-error");
    assert.match(await page.locator("#field-diastolic_mmhg-error").innerText(), /must be a number/);
    await expectNoAxeViolations(page, "log blood pressure (errors)");
    assert.equal((await storedReadings(page)).length, 0);
    await page.goto(origin + "/#/readings");
    await page.getByText("You have not logged any readings yet.").waitFor();
    await expectNoAxeViolations(page, "readings (empty)");
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

test("installable and offline: manifest, controlling service worker, reload offline keeps the app and the data", async () => {
  const h = await setup();
  try {
    const { page, origin, context } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await swControls(page);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]').href;
      return (await fetch(href)).json();
    });
    assert.equal(manifest.display, "standalone");
    assert.ok(manifest.icons.some((i) => i.sizes === "512x512" && i.purpose === "maskable"));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors: errors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(errors, [], "installability errors");

    await page.goto(origin + "/#/log/blood_pressure");
    await appReady(page);
    await readingForm(page).logBloodPressure("128", "82");
    await readingForm(page).result.filter({ hasText: "Reading saved" }).waitFor();

    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.goto(origin + "/#/readings");
    await page.getByRole("cell", { name: "128/82 mmHg" }).waitFor();
    await expectNoAxeViolations(page, "readings (offline)");
    await context.setOffline(false);
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});

test("a new deployment offers 'Update available' and reloads into the new version", async () => {
  let version = 1;
  const h = await setup({
    transform: (path, buf) => (path === "/sw.js" && version > 1 ? Buffer.concat([buf, Buffer.from(`\n// deployment ${version}\n`)]) : null),
  });
  try {
    const { page, origin } = h;
    await page.goto(origin + "/");
    await appReady(page);
    await swControls(page);
    const first = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    version = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole("status").filter({ hasText: "Update available" });
    await banner.waitFor({ timeout: 20000 });
    await expectNoAxeViolations(page, "home (update banner)");
    await Promise.all([page.waitForEvent("load", { timeout: 20000 }), banner.getByRole("button", { name: "Reload to update" }).click()]);
    await appReady(page);
    await swControls(page);
    const swText = await page.evaluate(async () => (await fetch("/sw.js")).text());
    assert.match(swText, /deployment 2/);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), first);
    assert.equal(await page.getByText("Update available").count(), 0);
  } finally {
    await h.close();
  }
});

test("every static page passes axe and keeps the urgent-help link", async () => {
  const h = await setup();
  try {
    const { page, origin } = h;
    for (const [hash, heading] of [
      ["#/log", "Log a reading"],
      ["#/urgent", "Get help now"],
      ["#/rules", "How Hale checks your readings"],
      ["#/about", "About Hale"],
      ["#/no-such-page", "Page not found"],
    ]) {
      await page.goto(origin + "/" + hash);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Urgent help" }).count(), 1, hash);
      await expectNoAxeViolations(page, hash);
    }
    await page.goto(origin + "/#/urgent");
    assert.equal(await page.getByRole("link", { name: "Call 999" }).getAttribute("href"), "tel:999");
    assert.deepEqual(h.foreign, []);
  } finally {
    await h.close();
  }
});
