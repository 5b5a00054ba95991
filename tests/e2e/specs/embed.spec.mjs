// Embedding in a portal (docs/embedding.md): Hale on 127.0.0.1:A framed by a portal on
// localhost:B (another site) with the host helper <hale-frame>; a third site's frame on the same
// portal page tries to reconfigure Hale; a portal not in the deploy configuration is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startServer } from "../../../scripts/serve.mjs";
import { openBrowser, expectNoAxeViolations, PARTITIONED_STORAGE_ARGS, daysAgo } from "../lib/harness.mjs";
import { readingForm } from "../lib/pages.mjs";

/** A tiny site on localhost (a different site from 127.0.0.1) serving `pages` by path. */
function site(pages) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/favicon.ico") return res.writeHead(204).end();
    const body = pages[path];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () =>
      ok({ origin: `http://localhost:${server.address().port}`, close: () => new Promise((d) => server.close(d)) }),
    ),
  );
}

const portal = (hale, third) => `<!doctype html><html lang="en"><head><title>Portal</title></head><body>
<main aria-label="My portal"><h1>My portal</h1>
<script src="${hale}/hale-frame.js"></script>
<hale-frame src="${hale}/?embed=1" theme-primary="#7c2855" text-size="125" title="Hale: your health"></hale-frame>
${third ? `<iframe src="${third}/evil.html" title="Advert"></iframe>` : ""}
</main>
<script>
  window.got = [];
  const f = document.querySelector("hale-frame");
  for (const t of ["hale:ready", "hale:resize", "hale:navigate", "hale:red-flag"]) f.addEventListener(t, (e) => got.push(e.detail));
</script></body></html>`;

// A third site's frame on the portal page posts a config to every frame, as an attacker would.
const evil = `<!doctype html><html lang="en"><head><title>Advert</title></head><body><p>Advert</p><script>
setInterval(() => { for (let i = 0; i < parent.frames.length; i++) parent.frames[i].postMessage({ version: 1, type: "hale:config", theme: { primary: "#000000" } }, "*"); }, 200);
</script></body></html>`;

test("a portal frames Hale: handshake, theme, size, navigation and a red flag with no personal data; other sites are ignored or refused", async () => {
  const third = await site({ "/evil.html": evil });
  let hostPages = {};
  const host = await site(new Proxy({}, { get: (_, p) => hostPages[p] }));
  const hale = await startServer({ dir: "dist", config: { host_origins: [host.origin] } });
  const closed = await startServer({ dir: "dist" }); // the default: nobody may frame Hale
  hostPages = { "/": portal(hale.url, third.origin), "/closed": portal(closed.url, null) };
  const b = await openBrowser(hale.url, { args: PARTITIONED_STORAGE_ARGS });
  try {
    const { page } = b;
    await page.goto(host.origin + "/");
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:ready"), null, { timeout: 20000 });
    const frame = page.frames().find((f) => f.url().startsWith(hale.url));
    assert.ok(frame, "Hale's frame is on the page");
    await frame.waitForSelector("main h1", { timeout: 20000 });
    const ready = await page.evaluate(() => window.got.find((m) => m.type === "hale:ready"));
    assert.equal(ready.source, "hale");
    assert.equal(ready.version, 1);
    assert.match(ready.hale_version, /^\d+\.\d+\.\d+/);
    assert.ok(ready.features.includes("red-flag"));
    // Theme and text size from the portal; the third site's black theme is never applied.
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--blue").trim() === "#7c2855");
    await page.waitForTimeout(600);
    assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--blue").trim()), "#7c2855");
    assert.equal(await frame.evaluate(() => document.documentElement.style.fontSize), "125%");
    // The frame is as tall as Hale's content says.
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:resize"));
    const [reported, shown] = await page.evaluate(() => [
      window.got.filter((m) => m.type === "hale:resize").at(-1).height,
      parseInt(document.querySelector("hale-frame iframe").style.height, 10),
    ]);
    assert.equal(shown, reported);
    assert.ok(reported > 300, `height ${reported}`);
    // Embedded: no own header or footer, the Urgent help link stays.
    assert.equal(await frame.locator("footer").count(), 0);
    assert.equal(await frame.getByRole("link", { name: "Back", exact: true }).count(), 0, "no Back link on Hale's first page");
    assert.ok(await frame.getByRole("link", { name: /Urgent help/ }).count() >= 1);
    // The person is told where their data lives: kept for this portal only, with how to keep a
    // copy, and the offer to use the data they keep in Hale itself (this Chromium has the Storage
    // Access API). The app's own "cannot save" alert is not shown: it can store here.
    const notice = frame.getByRole("complementary", { name: "Where your data is kept" });
    await notice.waitFor({ timeout: 10000 });
    assert.match(await notice.textContent(), /kept in this browser for localhost only/);
    assert.equal(await notice.getByRole("link", { name: "Back up your data" }).getAttribute("href"), "#/settings");
    assert.equal(await notice.getByRole("button", { name: "Use my Hale data here" }).count(), 1);
    assert.equal(await frame.getByText("Hale cannot save your data on this device").count(), 0);
    await expectNoAxeViolations(page, "the portal with Hale framed");

    // Offline (the portal's page already loaded), Hale reloaded in its frame still greets the
    // portal and takes its theme: its service worker keeps the deployment's configuration.
    await frame.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
      }
    });
    await page.evaluate(() => (window.got = []));
    await b.context.setOffline(true);
    await frame.evaluate(() => location.reload());
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:ready"), null, { timeout: 20000 });
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--blue").trim() === "#7c2855");
    await frame.locator("main h1").waitFor();
    await b.context.setOffline(false);

    // Ticking chest pain: the portal hears "emergency, 999" and nothing else.
    await frame.goto(hale.url + "/?embed=1#/symptoms");
    // A 999 sign acts when ticked (no Save needed).
    await frame.getByLabel("Chest pain, pressure or tightness").first().click();
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:red-flag"), null, { timeout: 20000 });
    const flags = await page.evaluate(() => window.got.filter((m) => m.type === "hale:red-flag"));
    assert.deepEqual(flags[0], { source: "hale", version: 1, type: "hale:red-flag", level: "emergency", service: "999" });
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:navigate" && m.route === "emergency"), null, { timeout: 10000 });
    // One Back link at the top, to Hale's first page (never the frame's history, which the portal shares).
    const back = frame.getByRole("link", { name: "Back", exact: true });
    assert.equal(await back.count(), 1);
    assert.equal(await back.getAttribute("href"), "#/");
    for (const m of await page.evaluate(() => window.got)) {
      assert.equal(m.source, "hale");
      assert.ok(!JSON.stringify(m).includes("chest"), `no symptom in ${JSON.stringify(m)}`);
    }
    await frame.getByRole("heading", { level: 1, name: "This is an emergency" }).waitFor();
    await expectNoAxeViolations(page, "the portal with Hale's emergency screen");
    // Nothing was requested from anywhere but Hale's origin and the two sites' own pages.
    assert.deepEqual(b.foreign.filter((u) => !u.startsWith(host.origin + "/") && !u.startsWith(third.origin + "/")), []);

    // A portal not in the deploy configuration gets a refused frame (frame-ancestors 'none').
    await page.goto(host.origin + "/closed");
    await page.waitForTimeout(1500);
    const blocked = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(blocked, "the portal made its frame");
    assert.ok(!blocked.url().startsWith(closed.url), `the browser refused the frame (it shows ${blocked.url()})`);
    const loaded = await blocked.locator("main h1").count().catch(() => 0);
    assert.equal(loaded, 0, "Hale did not load inside a portal it does not know");
    assert.equal(await page.evaluate(() => window.got.length), 0, "and said nothing to it");
    assert.deepEqual(b.consoleErrors.filter((e) => !/frame-ancestors|Refused to frame/.test(e)), []);
  } finally {
    await b.close();
    await hale.close();
    await closed.close();
    await host.close();
    await third.close();
  }
});

// The Storage Access API, as a recording stand-in. This Chromium (156, headless) has
// document.requestStorageAccess, but asked for IndexedDB ({indexedDB: true}) it crashes the frame's
// renderer with partitioned storage on, and refuses the handle's IndexedDB with it off; so the
// browser's side is played here: the permission ("prompt" until granted after a tap, then
// "granted", kept for the tab), and the handle's IndexedDB — the person's Hale data — as a second
// set of databases (names prefixed "hale-own:") beside the frame's own partition.
// The grant is kept in window.name (which outlives a reload, as the browser's grant does).
function storageAccessStandIn({ haleOrigin, refuse }) {
  if (location.origin !== haleOrigin || window.parent === window) return;
  const state = () => (window.name === "storage-access-granted" ? "granted" : "prompt");
  window.storageAccessCalls = [];
  const query = navigator.permissions.query.bind(navigator.permissions);
  navigator.permissions.query = (d) => (d && d.name === "storage-access" ? Promise.resolve({ state: state() }) : query(d));
  const own = indexedDB;
  const handleIdb = new Proxy(own, {
    get(target, prop) {
      const v = target[prop];
      if (prop === "open" || prop === "deleteDatabase") return (name, ...rest) => v.call(target, "hale-own:" + name, ...rest);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  document.requestStorageAccess = (options) => {
    window.storageAccessCalls.push(JSON.stringify(options));
    if (refuse || (state() !== "granted" && !navigator.userActivation.isActive)) {
      return Promise.reject(new DOMException("Not allowed", "NotAllowedError"));
    }
    window.name = "storage-access-granted";
    return Promise.resolve({ indexedDB: handleIdb });
  };
}

test("in a portal, a person lets Hale use the data they keep in Hale itself: what they entered there moves with it, nothing is left behind, and a passphrase lock works there too", async () => {
  let hostPages = {};
  const host = await site(new Proxy({}, { get: (_, p) => hostPages[p] }));
  const hale = await startServer({ dir: "dist", config: { host_origins: [host.origin] } });
  hostPages = { "/": portal(hale.url, null) };
  const b = await openBrowser(hale.url, { args: PARTITIONED_STORAGE_ARGS });
  try {
    const { page, context } = b;
    await context.addInitScript(storageAccessStandIn, { haleOrigin: hale.url, refuse: false });
    await page.goto(host.origin + "/");
    const frame = () => page.frames().find((f) => f.url().startsWith(hale.url));
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:ready"), null, { timeout: 20000 });
    await frame().waitForSelector("main h1", { timeout: 20000 });

    // In the portal's partition, the person logs a reading.
    await frame().goto(hale.url + "/?embed=1#/log/blood_pressure");
    await readingForm(frame()).logBloodPressure(131, 84);
    await readingForm(frame()).result.waitFor();
    // What they keep in Hale itself (the handle's IndexedDB) already holds another reading.
    await frame().evaluate(async (at) => {
      const { createSchema, DB_NAME, SCHEMA_VERSION } = await import("/pkg/store-schema.js");
      await new Promise((ok, fail) => {
        const req = indexedDB.open("hale-own:" + DB_NAME, SCHEMA_VERSION);
        req.onupgradeneeded = () => createSchema(req.result);
        req.onsuccess = () => {
          const tx = req.result.transaction("observations", "readwrite");
          tx.objectStore("observations").put({ id: "o-own", kind: "blood_pressure", at, systolic_mmhg: 118, diastolic_mmhg: 76, v: 1 });
          tx.oncomplete = () => ok(req.result.close());
          tx.onerror = () => fail(tx.error);
        };
        req.onerror = () => fail(req.error);
      });
    }, daysAgo(1));

    // The offer, then the tap: the browser is asked for IndexedDB, and Hale starts again with it.
    await frame().goto(hale.url + "/?embed=1#/");
    const notice = frame().getByRole("complementary", { name: "Where your data is kept" });
    await notice.getByRole("button", { name: "Use my Hale data here" }).click();
    await page.waitForFunction(
      (url) => [...document.querySelectorAll("iframe")].some((f) => f.src.startsWith(url)),
      hale.url,
    );
    const after = frame().getByRole("complementary", { name: "Where your data is kept" });
    await after.filter({ hasText: "with the data you keep in Hale itself" }).waitFor({ timeout: 20000 });
    assert.match(await after.textContent(), /The entry you made here before is now with it\./);
    assert.deepEqual(await frame().evaluate(() => window.storageAccessCalls), ['{"indexedDB":true}']);
    await expectNoAxeViolations(page, "the portal with Hale using the person's own data");

    // Both readings are there, read through the handle; nothing is left in the portal's partition.
    await frame().goto(hale.url + "/?embed=1#/readings");
    await frame().getByRole("cell", { name: "131/84 mmHg" }).waitFor({ timeout: 20000 });
    await frame().getByRole("cell", { name: "118/76 mmHg" }).waitFor();
    const names = await frame().evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
    assert.deepEqual(names, ["hale-own:hale"]);
    // The dashboard's score comes from the core worker, which cannot reach the handle: the page
    // reads the record for it, so the dashboard sees both readings too.
    await frame().goto(hale.url + "/?embed=1#/");
    // (A record the worker read from the frame's own, now empty, storage would count no reading.)
    await frame().getByText("Add 7 more things to see your score.").waitFor({ timeout: 20000 });

    // Locked with a passphrase there too: the person's own data is sealed at rest; unlocked, the
    // dashboard still counts both readings (the page, which holds them opened, sends the worker
    // the record, since what it could read for the worker from the handle is sealed).
    await frame().goto(hale.url + "/?embed=1#/settings");
    await frame().getByLabel("New passphrase", { exact: true }).fill("correct horse battery");
    await frame().getByLabel("The new passphrase again").fill("correct horse battery");
    await frame().getByRole("button", { name: "Lock Hale", exact: true }).click();
    await frame().getByRole("status").filter({ hasText: "Hale is now locked" }).waitFor({ timeout: 20000 });
    const own = await frame().evaluate(
      () =>
        new Promise((ok, fail) => {
          const req = indexedDB.open("hale-own:hale");
          req.onsuccess = () => {
            const all = req.result.transaction("observations").objectStore("observations").getAll();
            all.onsuccess = () => ok((req.result.close(), all.result));
            all.onerror = () => fail(all.error);
          };
        }),
    );
    assert.equal(own.length, 2);
    assert.ok(own.every((r) => Object.keys(r).sort().join() === "id,sealed"), JSON.stringify(own));
    await frame().evaluate(() => {
      location.hash = "#/";
      location.reload();
    });
    await frame().getByRole("heading", { level: 1, name: "Hale is locked" }).waitFor({ timeout: 20000 });
    await frame().getByLabel("Passphrase").fill("correct horse battery");
    await frame().getByRole("button", { name: "Unlock" }).click();
    await frame().getByText("Add 7 more things to see your score.").waitFor({ timeout: 20000 });
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
    await hale.close();
    await host.close();
  }
});

test("in a portal where the browser blocks a framed site's storage, the person is told, is offered their own Hale data, and hears when the browser says no", async () => {
  let hostPages = {};
  const host = await site(new Proxy({}, { get: (_, p) => hostPages[p] }));
  const hale = await startServer({ dir: "dist", config: { host_origins: [host.origin] } });
  hostPages = { "/": portal(hale.url, null) };
  // Playwright's Chromium defaults: no partitioning, so a cross-site frame may not store at all.
  const b = await openBrowser(hale.url);
  try {
    const { page, context } = b;
    await context.addInitScript(storageAccessStandIn, { haleOrigin: hale.url, refuse: true });
    await page.goto(host.origin + "/");
    const frame = () => page.frames().find((f) => f.url().startsWith(hale.url));
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:ready"), null, { timeout: 20000 });
    await frame().waitForSelector("main h1", { timeout: 20000 });
    // The app's own alert (what is entered will be lost when the tab closes), and the offer.
    await frame().getByRole("alert").filter({ hasText: "Hale cannot save your data on this device" }).waitFor();
    const notice = frame().getByRole("complementary", { name: "Where your data is kept" });
    await notice.waitFor();
    assert.doesNotMatch(await notice.textContent(), /kept in this browser for/);
    await expectNoAxeViolations(page, "the portal with Hale unable to store");
    await notice.getByRole("button", { name: "Use my Hale data here" }).click();
    const status = notice.getByRole("status");
    await status.filter({ hasText: "Your browser did not allow it." }).waitFor();
    assert.doesNotMatch(await status.textContent(), /kept/, "nothing is kept here, so it says nothing of where");
    assert.deepEqual(await frame().evaluate(() => window.storageAccessCalls), ['{"indexedDB":true}']);
  } finally {
    await b.close();
    await hale.close();
    await host.close();
  }
});
