// Embedding in a portal (docs/embedding.md): Hale on 127.0.0.1:A framed by a portal on
// localhost:B (another site) with the host helper <hale-frame>; a third site's frame on the same
// portal page tries to reconfigure Hale; a portal not in the deploy configuration is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startServer } from "../../../scripts/serve.mjs";
import { openBrowser, expectNoAxeViolations } from "../lib/harness.mjs";

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
  const b = await openBrowser(hale.url);
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
    // The person is told where their data lives: kept for this portal only (with how to keep a
    // copy) when the browser lets a framed Hale store, or that it will be lost when the tab closes
    // when it does not (this headless Chromium blocks a cross-site frame's storage). One, never none.
    await page.waitForTimeout(300);
    const partitioned = frame.getByRole("complementary", { name: "Where your data is kept" });
    const notStored = frame.getByRole("alert").filter({ hasText: "Hale cannot save your data on this device" });
    const told = [await partitioned.count(), await notStored.count()];
    assert.equal(told[0] + told[1], 1, `exactly one storage message, got ${told}`);
    if (told[0] === 1) {
      assert.match(await partitioned.textContent(), /kept in this browser for localhost only/);
      assert.equal(await partitioned.getByRole("link", { name: "Back up your data" }).getAttribute("href"), "#/settings");
    }
    await expectNoAxeViolations(page, "the portal with Hale framed");

    // Ticking chest pain: the portal hears "emergency, 999" and nothing else.
    await frame.goto(hale.url + "/?embed=1#/symptoms");
    // A 999 sign acts when ticked (no Save needed).
    await frame.getByLabel("Chest pain, pressure or tightness").first().click();
    await page.waitForFunction(() => window.got.some((m) => m.type === "hale:red-flag"), null, { timeout: 20000 });
    const flags = await page.evaluate(() => window.got.filter((m) => m.type === "hale:red-flag"));
    assert.deepEqual(flags[0], { source: "hale", version: 1, type: "hale:red-flag", level: "emergency", service: "999" });
    const navigations = await page.evaluate(() => window.got.filter((m) => m.type === "hale:navigate").map((m) => m.route));
    assert.ok(navigations.includes("emergency"), `navigations ${navigations}`);
    // One Back link at the top, to Hale's first page (never the frame's history, which the portal shares).
    const back = frame.getByRole("link", { name: "Back", exact: true });
    assert.equal(await back.count(), 1);
    assert.equal(await back.getAttribute("href"), "#/");
    for (const m of await page.evaluate(() => window.got)) {
      assert.equal(m.source, "hale");
      assert.ok(!JSON.stringify(m).includes("chest"), `no symptom in ${JSON.stringify(m)}`);
    }

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
