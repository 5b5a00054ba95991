// Budget audit: the first-load transfer of the app (every script, stylesheet, preloaded module and
// wasm that index.html loads), brotli-compressed at quality 11 as the server sends them.
// Prints a table and fails when the total is over the budget (docs/contract.md §6: 200 KB).
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET = 200 * 1000; // bytes (200 KB, decimal: the stricter reading)
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", process.argv[2] || "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const refs = new Set();
for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*>/g)) {
  if (/rel="(stylesheet|modulepreload|preload)"/.test(m[0])) refs.add(m[1]);
}
const rows = [];
let total = 0;
for (const ref of [...refs].sort()) {
  const file = join(dist, ref.replace(/^\//, ""));
  const raw = readFileSync(file);
  const br = existsSync(file + ".br")
    ? readFileSync(file + ".br").length
    : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push([ref, raw.length, br]);
  total += br;
}
const pad = (s, n) => String(s).padStart(n);
console.log("First-load transfer (brotli, quality 11):");
for (const [ref, raw, br] of rows) console.log(`  ${ref.padEnd(44)} ${pad(raw, 9)} raw ${pad(br, 8)} br`);
console.log(`  ${"total".padEnd(44)} ${pad("", 13)} ${pad(total, 8)} br  (budget ${BUDGET})`);
// For the record (not gated): the bundles loaded on demand.
for (const [label, dir] of [["full bundle (on demand)", "full"], ["core package (on demand)", "pkg"]]) {
  if (!existsSync(join(dist, dir))) {
    console.error(`${join(dist, dir)} is missing: the build did not finish (run scripts/build.sh).`);
    process.exit(1);
  }
  const files = readdirSync(join(dist, dir)).filter((f) => /\.(js|wasm)$/.test(f));
  const br = files.reduce((n, f) => n + (existsSync(join(dist, dir, f + ".br")) ? readFileSync(join(dist, dir, f + ".br")).length : 0), 0);
  console.log(`  ${label.padEnd(44)} ${pad("", 13)} ${pad(br, 8)} br`);
}
// With a passphrase lock set, the first load hands over at once to the full bundle, which draws the
// locked screen (and carries the key derivation's caller): reported, not gated.
{
  const brOf = (f) => (existsSync(f + ".br") ? readFileSync(f + ".br").length : brotliCompressSync(readFileSync(f), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  const full = readdirSync(join(dist, "full")).filter((f) => /\.(js|wasm|css)$/.test(f) && !f.endsWith(".br"));
  const locked = total + full.reduce((n, f) => n + brOf(join(dist, "full", f)), 0);
  console.log(`  ${"locked first load (the above + full bundle)".padEnd(44)} ${pad("", 13)} ${pad(locked, 8)} br  (not gated)`);
}
if (total > BUDGET) {
  console.error(`Over budget by ${total - BUDGET} bytes.`);
  process.exit(1);
}
