#!/usr/bin/env node
// Apple Health import, side by side with the tool people use today (docs/imports.md has the
// figures). Builds a seeded synthetic export (scripts/gen-apple-health.mjs: ≈500 MB of XML by
// default: 8.75 years of a watch, a phone, a cuff and a scale; the real mix of record types, DST
// changes, blood pressure with its duplicates, zipped
// with data descriptors) in two variants — as real exports are (the malformed DOCTYPE, a stray
// control character) and well-formed (healthkit-to-sqlite stops at those quirks) — then, in one run:
//
//   1. `hale import` (native, release) on both: wall time and peak memory (max RSS);
//   2. `healthkit-to-sqlite` (PyPI, in a virtual environment under target/) on the well-formed one,
//      and on the real-world one to show whether it stops: wall time and max RSS; the ratio;
//   3. the same import in Chromium, in the import worker (dist/ must be built): time from choosing
//      the file to the preview, the worker's WebAssembly memory at its largest, the page's JS heap
//      (DevTools protocol Performance.getMetrics), the renderer processes' resident memory sampled
//      every 100 ms (it includes the worker's own JS heap, which Chromium does not report), the
//      longest task on the page's thread (PerformanceObserver longtask); then bringing the
//      readings in (the worker stores them) and its longest task.
//
//   node scripts/bench-import.mjs [--years 8.75] [--keep DIR] [--skip-peer] [--skip-browser]
//
// Needs ~1.5 GB free in the temporary directory. Run after scripts/build.sh.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
// About 57 MB of XML a year of this mix: 8.75 years is ≈500 MB.
const YEARS = opt("years", "8.75");
const NOW = "2026-11-20T09:00:00Z";
const keep = opt("keep", null);
const dir = keep ?? mkdtempSync(join(tmpdir(), "hale-bench-import-"));
mkdirSync(dir, { recursive: true });
const hale = join(root, "target/native/hale");

// Wall time and peak RSS of a command, from /usr/bin/time -v (GNU time).
function measure(cmd, cmdArgs) {
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...cmdArgs], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 28 });
  const s = (performance.now() - started) / 1000;
  const err = String(r.stderr || "");
  const ok = r.status === 0;
  return { ok, s, rssMb: rss(err), error: ok ? "" : (err.split("\n").find((l) => /Error|error:/.test(l)) ?? err.slice(0, 200)) };
}
const rss = (text) => Number((text.match(/Maximum resident set size \(kbytes\): (\d+)/) || [])[1] || 0) / 1024;

function generate(name, extra) {
  const out = join(dir, name);
  if (!existsSync(out)) {
    const s = performance.now();
    const info = JSON.parse(
      execFileSync(process.execPath, [join(root, "scripts/gen-apple-health.mjs"), "--out", out, "--years", YEARS, "--now", NOW, ...extra]).toString(),
    );
    console.log(`  ${name}: ${(info.bytes / 1e6).toFixed(0)} MB zipped, ${(info.xml_bytes / 1e6).toFixed(0)} MB of XML (written in ${((performance.now() - s) / 1000).toFixed(0)} s)`);
  }
  return out;
}

function peerTool() {
  const venv = join(root, "target/bench-venv");
  const bin = join(venv, "bin/healthkit-to-sqlite");
  if (!existsSync(bin)) {
    execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
    execFileSync(join(venv, "bin/pip"), ["install", "--quiet", "healthkit-to-sqlite==1.0.1"], { stdio: "inherit" });
  }
  return bin;
}

console.log(`bench-import: a synthetic Apple Health export, ${YEARS} years, in ${dir}`);
if (!existsSync(hale)) execFileSync("cargo", ["build", "--profile", "native", "--bin", "hale"], { cwd: root, stdio: "inherit" });
const real = generate("export.zip", []);
const clean = generate("export-well-formed.zip", ["--well-formed"]);

const results = {};
for (const [label, file] of [["real-world", real], ["well-formed", clean]]) {
  const r = measure(hale, ["import", "--now", NOW, file]);
  results[`hale ${label}`] = r;
  console.log(`  hale import (${label}): ${r.s.toFixed(2)} s, peak ${r.rssMb.toFixed(0)} MB RSS`);
}
const summary = JSON.parse(String(spawnSync(hale, ["import", "--now", NOW, real], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 28 }).stderr));
console.log(`  what it brought in: ${summary.kinds.map((k) => `${k.kind} ${k.count}`).join(", ")}; left out: ${summary.left_out.map((l) => `${l.count} ${l.why}`).join(", ")}`);

if (!args.includes("--skip-peer")) {
  const bin = peerTool();
  for (const [label, file] of [["well-formed", clean], ["real-world", real]]) {
    const db = join(dir, `peer-${label}.db`);
    rmSync(db, { force: true });
    const r = measure(bin, [file, db]);
    results[`peer ${label}`] = r;
    console.log(`  healthkit-to-sqlite (${label}): ${r.ok ? "" : `stopped (${r.error.trim()}) after `}${r.s.toFixed(2)} s, peak ${r.rssMb.toFixed(0)} MB RSS`);
    rmSync(db, { force: true });
  }
  const ours = results["hale well-formed"];
  const peer = results["peer well-formed"];
  if (peer.ok) {
    console.log(`  ratio on the well-formed file: hale is ${(peer.s / ours.s).toFixed(1)}× faster, with ${(peer.rssMb / ours.rssMb).toFixed(1)}× less memory`);
  }
}

if (!args.includes("--skip-browser")) {
  const { chromium } = await import(join(root, "tests/e2e/node_modules/playwright-core/index.mjs"));
  const { CHROMIUM, CHROMIUM_ARGS } = await import("../tests/e2e/lib/harness.mjs");
  const { startServer } = await import("./serve.mjs");
  const server = await startServer({ dir: join(root, "dist") });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.addInitScript(() => {
      self.haleLongest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) self.haleLongest = Math.max(self.haleLongest, e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(`${server.url}/#/import`);
    await page.getByRole("heading", { level: 1, name: "Bring in readings" }).waitFor({ timeout: 30000 });
    await page.evaluate(() => (self.haleLongest = 0));
    // The renderer processes' resident memory, sampled while the import runs.
    const renderers = () =>
      readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p))
        .map((p) => {
          try {
            const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
            if (!cmd.includes("--type=renderer")) return 0;
            return Number(readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) / 1024;
          } catch {
            return 0;
          }
        })
        .reduce((a, b) => a + b, 0);
    const before = renderers();
    let peakRss = before;
    let peakHeap = 0;
    const sampler = setInterval(async () => {
      peakRss = Math.max(peakRss, renderers());
      try {
        const { metrics } = await cdp.send("Performance.getMetrics");
        peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0);
      } catch {}
    }, 100);
    const s = performance.now();
    await page.getByLabel("Choose a file, or drop it here").setInputFiles(real);
    await page.locator("#import-result").getByRole("heading", { name: "Found in this Apple Health file" }).waitFor({ timeout: 900000 });
    const ms = performance.now() - s;
    clearInterval(sampler);
    const wasm = await page.evaluate(() => self.haleImportMemory || 0);
    const longest = await page.evaluate(() => self.haleLongest);
    // Bringing the readings in: parsed on the page, stored in one transaction, the record reloaded.
    await page.evaluate(() => (self.haleLongest = 0));
    const button = page.getByRole("button", { name: /^Bring in \d+ readings$/ });
    const n = Number((await button.innerText()).match(/\d+/)[0]);
    const b = performance.now();
    await button.click();
    await page.locator("#import-result").filter({ hasText: `${n} readings brought in.` }).waitFor({ timeout: 300000 });
    const storeMs = performance.now() - b;
    const storeLongest = await page.evaluate(() => self.haleLongest);
    const bytes = statSync(real).size;
    console.log(
      `  Chromium, import worker: ${(ms / 1000).toFixed(1)} s from choosing the ${(bytes / 1e6).toFixed(0)} MB zip to the preview; ` +
        `peak memory: WebAssembly ${(wasm / 2 ** 20).toFixed(0)} MB + the page's JS heap ${(peakHeap / 2 ** 20).toFixed(0)} MB = ${((wasm + peakHeap) / 2 ** 20).toFixed(0)} MB ` +
        `(Chromium reports no JS heap for a worker; the renderer's resident memory includes it) ` +
        `(renderer processes' RSS ${before.toFixed(0)} MB before, ${peakRss.toFixed(0)} MB at most); longest main-thread task while reading ${longest.toFixed(0)} ms`,
    );
    console.log(`  Chromium, bringing the ${n} readings in (parse, one transaction, reload): ${(storeMs / 1000).toFixed(1)} s; longest main-thread task ${storeLongest.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}
if (!keep) rmSync(dir, { recursive: true, force: true });
