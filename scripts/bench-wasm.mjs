// WebAssembly benchmark (Node): the same synthetic 10-year record as the native benchmark
// (target/bench/record-10y.json, written by `cargo bench -p hale-core --bench assess`), read once
// with `new ParsedRecord(json)` and assessed repeatedly; parse and assess timed separately.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = await import(join(root, "core/pkg/hale_core.js"));
await pkg.default({ module_or_path: readFileSync(join(root, "core/pkg/hale_core_bg.wasm")) });
const json = readFileSync(join(root, "target/bench/record-10y.json"), "utf8");
const now = "2026-11-21T09:00:00Z";
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parseMs = [];
let parsed;
for (let i = 0; i < 7; i++) {
  if (parsed) parsed.free();
  const t = performance.now();
  parsed = new pkg.ParsedRecord(json);
  parseMs.push(performance.now() - t);
}
const assessMs = [];
let out;
for (let i = 0; i < 51; i++) {
  const t = performance.now();
  out = parsed.assess(now);
  assessMs.push(performance.now() - t);
}
const level = JSON.parse(out).disposition.level;
const dispMs = [];
for (let i = 0; i < 51; i++) {
  const t = performance.now();
  parsed.disposition(now);
  dispMs.push(performance.now() - t);
}
console.log(
  `wasm (Node ${process.version}): ${parsed.observations} observations; parse median ${median(parseMs).toFixed(1)} ms; ` +
    `assess median ${median(dispMs).toFixed(3)} ms, min ${Math.min(...dispMs).toFixed(3)} ms; ` +
    `assess + JSON output median ${median(assessMs).toFixed(3)} ms; level ${level}`,
);
