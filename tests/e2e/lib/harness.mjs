// Shared end-to-end harness: a server on 127.0.0.1 (random port), Debian's Chromium through
// playwright-core (never a downloaded browser), a guard that no request leaves the app's origin,
// and axe-core checks.
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { DB_NAME, rowsOf } from "../../../app/js/store-schema.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../../scripts/serve.mjs";

export { readableAtRest } from "./at-rest.mjs";
export const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";

/**
 * The tests' clock: every browser starts at this instant (a Wednesday mid-morning, UTC) plus the
 * real time since the tests started, so the browsers share one timeline and every result is the
 * same on any day, at any hour. Records are seeded relative to it (`daysAgo`).
 */
export const NOW = new Date("2026-11-18T10:30:00Z");
const started = Date.now();

/** The tests' "now": NOW plus the real time elapsed since the tests started. */
export function testNow() {
  return new Date(NOW.getTime() + (Date.now() - started));
}
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Chromium's third-party storage as it ships: a framed site on another site stores into a partition
 * of that site. Playwright turns partitioning off (in a list of --disable-features), and then this
 * Chromium refuses a cross-site frame any storage; a later --disable-features replaces that list.
 */
export const PARTITIONED_STORAGE_ARGS = [...CHROMIUM_ARGS, "--disable-features=HttpsUpgrades,MediaRouter,OptimizationHints"];

/**
 * A browser with its own empty profile, watched: requests that leave `origin` are collected in
 * `foreign`, console errors and uncaught exceptions in `consoleErrors`. Call `close()` at the end.
 * Used by `setup()`, and on its own for a second person's browser on the same server, or (with
 * `userDataDir`) the same person's browser opened again after it was killed.
 */
export async function openBrowser(origin, { viewport = { width: 390, height: 844 }, userDataDir: given = null, ...ctxOptions } = {}) {
  // A profile the caller gives (to open the same browser again after killing it) is kept on close.
  const userDataDir = given ?? mkdtempSync(join(tmpdir(), "hale-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    serviceWorkers: "allow",
    ...ctxOptions,
  });
  // Every page of this browser runs on the tests' clock (time flows from there).
  await context.clock.install({ time: testNow() });
  const foreign = [];
  const consoleErrors = [];
  const watch = (page) => {
    page.on("request", (r) => {
      const u = r.url();
      if (!(u.startsWith(origin + "/") || u === origin || u.startsWith("data:") || u.startsWith("blob:"))) foreign.push(u);
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
  };
  context.on("page", watch);
  const page = context.pages()[0] || (await context.newPage());
  watch(page);
  return {
    context,
    page,
    foreign,
    consoleErrors,
    async close() {
      await context.close().catch(() => {});
      if (!given) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the server and a browser. Returns helpers; call `close()` at the end. */
export async function setup({ transform = null, ...browserOptions } = {}) {
  const server = await startServer({ dir: "dist", transform });
  const origin = server.url;
  const browser = await openBrowser(origin, browserOptions);
  return {
    ...browser,
    server,
    origin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA) on the page; throws listing every violation. */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  if (results.violations.length > 0) {
    const lines = results.violations.map(
      (v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`,
    );
    throw new Error(`axe found ${results.violations.length} violation(s) on ${label}:\n${lines.join("\n")}`);
  }
  return results.passes.length;
}

/** Waits until the app has loaded (the loading message is gone and a heading is shown). */
export async function appReady(page) {
  await page.waitForSelector("main h1", { timeout: 20000 });
}

/** Waits until a service worker controls the page. */
export async function swControls(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 20000,
  });
}

/** Every row of one IndexedDB object store of the app (none when the store does not exist yet). */
export async function storedRows(page, store) {
  return page.evaluate(
    ({ name, store }) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open(name);
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            return ok([]);
          }
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            db.close();
            ok(all.result);
          };
          all.onerror = () => fail(all.error);
        };
      }),
    { name: DB_NAME, store },
  );
}

/** The readings stored in IndexedDB. */
export async function storedReadings(page) {
  return storedRows(page, "observations");
}

/**
 * Seeds IndexedDB with a Record (`hale.record/1`) the way the app stores it (Record-format entries
 * plus "v": 1), after the app has created its database. Reload the page afterwards.
 */
export async function seedRecord(page, record) {
  await page.evaluate(
    ({ db: name, rows }) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open(name);
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(Object.keys(rows), "readwrite");
          for (const [store, list] of Object.entries(rows)) for (const row of list) tx.objectStore(store).put(row);
          tx.oncomplete = () => {
            db.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { db: DB_NAME, rows: rowsOf(record) },
  );
}

/** An RFC 3339 instant `days` days before the tests' NOW, at `hour` UTC. */
export function daysAgo(days, hour = 8) {
  const d = new Date(NOW.getTime() - days * 86400000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(".000Z", "Z");
}
