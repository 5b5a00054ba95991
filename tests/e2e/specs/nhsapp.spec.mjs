// Hale in the NHS App (docs/embedding.md, "The NHS App"): the user agent ends "nhsapp-android/3.0.0"
// and the NHS App's JavaScript API is a stub (served in place of the real script, no network) that
// records every call. Embedded mode, no service worker, no print button; the backup goes through
// downloadFromBytes, the recheck plan through addEventToCalendar, a link leaving Hale through
// openBrowserOverlay, and the app's Back through setBackAction (Hale's first page, then the NHS
// App's home).
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, expectNoAxeViolations, appReady, seedRecord, daysAgo } from "../lib/harness.mjs";

const API = "https://www.nhsapp.service.nhs.uk/js/v2/nhsapp.js";
const STUB = `window.__nhsCalls = [];
const rec = (name) => (...args) => { window.__nhsCalls.push({ name, args: args.map((a) => typeof a === "function" ? "fn" : a) }); if (name === "setBackAction") window.__nhsBack = args[0]; };
window.nhsapp = {
  tools: { isOpenInNHSApp: () => true, getAppPlatform: () => "android" },
  navigation: { setBackAction: rec("setBackAction"), clearBackAction: rec("clearBackAction"), goToHomePage: rec("goToHomePage"),
    goToPage: rec("goToPage"), openBrowserOverlay: rec("openBrowserOverlay"), openExternalBrowser: rec("openExternalBrowser"), AppPage: { HOME_PAGE: "HOME_PAGE" } },
  storage: { addEventToCalendar: rec("addEventToCalendar"), downloadFromBytes: rec("downloadFromBytes") },
};`;

const calls = (page, name) => page.evaluate((n) => (window.__nhsCalls || []).filter((c) => c.name === n), name);

test("in the NHS App: embedded, no service worker or printing, files, calendar, links and Back through the app", async () => {
  const h = await setup({ userAgent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36 nhsapp-android/3.0.0" });
  try {
    const { page, origin, context } = h;
    await context.route(API, (route) => route.fulfill({ contentType: "text/javascript", body: STUB }));
    await page.goto(origin + "/");
    await appReady(page);
    await page.waitForFunction(() => window.haleNhsApp !== undefined, null, { timeout: 20000 });
    assert.match(page.url(), /\?embed=1/);
    assert.equal(await page.locator("footer").count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("nhsapp")), true);
    assert.equal((await calls(page, "setBackAction")).length, 1);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, "no service worker");
    await expectNoAxeViolations(page, "home in the NHS App");

    // A blood pressure above target gives a recheck plan; it goes into the phone's calendar.
    await seedRecord(page, {
      format: "hale.record/1",
      profile: { birth_date: "1970-01-01", sex: "female" },
      observations: [0, 1, 2, 3, 4].map((d) => ({ id: `b${d}`, at: daysAgo(d), kind: "blood_pressure", systolic_mmhg: 142, diastolic_mmhg: 88 })),
    });
    await page.goto(origin + "/?embed=1#/plan");
    await page.getByRole("button", { name: /Add to calendar/ }).click();
    await page.getByText("Your rechecks are in your phone's calendar.").waitFor();
    const events = await calls(page, "addEventToCalendar");
    assert.ok(events.length >= 1, "at least one recheck added");
    const [subject, , , start, end] = events[0].args;
    assert.ok(subject.length > 0 && end - start === 1800, JSON.stringify(events[0]));

    // The backup goes through the app's downloader, as base64 of the Record.
    await page.goto(origin + "/?embed=1#/settings");
    await page.getByRole("button", { name: "Export a backup" }).click();
    const downloads = await calls(page, "downloadFromBytes");
    assert.equal(downloads.length, 1);
    const [data, name, mime] = downloads[0].args;
    assert.match(name, /^hale-backup-\d{4}-\d{2}-\d{2}\.json$/);
    assert.equal(mime, "application/json");
    assert.equal(JSON.parse(Buffer.from(data, "base64").toString("utf8")).format, "hale.record/1");

    // No print button on the share page (the web view cannot print).
    await page.goto(origin + "/?embed=1#/share");
    await page.locator("main h1").waitFor();
    assert.equal(await page.getByRole("button", { name: /Print/ }).count(), 0);

    // A link that leaves Hale opens in the app's overlay, and Hale stays where it is.
    await page.evaluate(() => {
      const a = document.createElement("a");
      a.href = "https://www.nhs.uk/conditions/high-blood-pressure/";
      a.textContent = "NHS: high blood pressure";
      a.id = "external";
      document.querySelector("main").append(a);
    });
    await page.locator("#external").click();
    assert.deepEqual((await calls(page, "openBrowserOverlay")).map((c) => c.args[0]), ["https://www.nhs.uk/conditions/high-blood-pressure/"]);
    assert.match(page.url(), new RegExp("^" + origin));

    // Back: to Hale's first page, and from there to the NHS App's home.
    await page.evaluate(() => window.__nhsBack());
    await page.waitForFunction(() => location.hash === "#/");
    await page.evaluate(() => window.__nhsBack());
    assert.equal((await calls(page, "goToHomePage")).length, 1);

    assert.deepEqual(h.foreign, [API]);
    assert.deepEqual(h.consoleErrors, []);
  } finally {
    await h.close();
  }
});
