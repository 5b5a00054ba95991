// The published JS/WASM package (scripts/pack-core.sh → target/npm/hale-core-<version>.tgz),
// installed as a stranger would: a fresh Node project installs the tarball (offline: it has no
// dependencies) and runs the README's example; TypeScript (tsc, strict) checks the Record and
// Assessment declarations against real records and real assessments; and a fresh browser page,
// served on another port, imports the installed package and assesses a record.
// Run: bash scripts/pack-core.sh && node --test tests/npm/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { openBrowser } from "../e2e/lib/harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tarball = readdirSync(join(root, "target/npm"))
  .filter((f) => /^hale-core-.*\.tgz$/.test(f))
  .map((f) => join(root, "target/npm", f))
  .at(-1);
const HALE = join(root, "target/native/hale");
const project = mkdtempSync(join(tmpdir(), "hale-npm-"));
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh", private: true, type: "module" }));
execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: project, stdio: "pipe" });
test.after(() => rmSync(project, { recursive: true, force: true }));

test("a fresh Node project installs the tarball and runs the README's example", () => {
  const readme = readFileSync(join(project, "node_modules/hale-core/README.md"), "utf8");
  const example = readme.match(/```js\n([\s\S]*?)```/)[1];
  writeFileSync(join(project, "example.mjs"), example);
  const out = execFileSync("node", ["example.mjs"], { cwd: project, encoding: "utf8" });
  assert.match(out, /^urgent Your blood pressure reading is 180\/120 or higher/);
});

test("the declarations type-check against real records and the assessments Hale makes of them", async () => {
  // Records as Hale reads them (the package's own normalize: what it could not read is left out).
  const pkg = await import(join(project, "node_modules/hale-core/hale_core.js"));
  pkg.initSync({ module: readFileSync(join(project, "node_modules/hale-core/hale_core_bg.wasm")) });
  const fixtures = readdirSync(join(root, "core/tests/fixtures")).filter((f) => f.endsWith(".json"));
  let ts = 'import type { HaleRecord, HaleAssessment } from "hale-core";\nimport { assess } from "hale-core";\n';
  fixtures.forEach((f, i) => {
    const fx = JSON.parse(readFileSync(join(root, "core/tests/fixtures", f), "utf8"));
    const a = execFileSync(HALE, ["assess", "--now", fx.scenarios[0].now, "-"], { input: JSON.stringify(fx.record), encoding: "utf8" });
    const read = JSON.parse(pkg.normalize(JSON.stringify(fx.record))).record;
    ts += `export const record${i}: HaleRecord = ${JSON.stringify(read)};\n`;
    ts += `export const assessment${i}: HaleAssessment = ${a.trim()};\n`;
  });
  // The contract's own example Record, as written there (not normalised): it type-checks, and the
  // core reads it without an issue.
  const contract = readFileSync(join(root, "docs/contract.md"), "utf8");
  const example = contract.match(/```json\n(\{\n  "format": "hale\.record\/1"[\s\S]*?)```/)[1];
  assert.deepEqual(JSON.parse(pkg.normalize(example)).issues, [], "the contract's example reads without an issue");
  ts += `export const contractExample: HaleRecord = ${example.trim()};\n`;
  ts += "export const level: string = (JSON.parse(assess(JSON.stringify(record0), '2026-11-21T09:00:00Z')) as HaleAssessment).disposition.level;\n";
  // A wrong record must not type-check: the test can fail.
  writeFileSync(join(project, "check.ts"), ts);
  writeFileSync(join(project, "wrong.ts"), 'import type { HaleRecord } from "hale-core";\nexport const r: HaleRecord = { format: "hale.record/1", observations: [{ id: "a", at: "x", kind: "blood_pressure", systolic: 120 }] };\n');
  const tsc = join(root, "tests/e2e/node_modules/typescript/bin/tsc");
  // wasm-bindgen's declarations use Symbol.dispose (lib esnext.disposable).
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom,esnext.disposable"];
  try {
    execFileSync("node", [tsc, ...args, "check.ts"], { cwd: project, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc refused real records or assessments:\n${String(e.stdout).slice(0, 3000)}`);
  }
  let refused = false;
  try {
    execFileSync("node", [tsc, ...args, "wrong.ts"], { cwd: project, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    refused = /systolic/.test(String(e.stdout));
  }
  assert.ok(refused, "a reading with a misspelt field is refused by the declarations");
});

test("a fresh browser page on another port imports the installed package and assesses a record", async () => {
  writeFileSync(
    join(project, "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>…</title><script type="module" src="main.js"></script></head><body></body></html>',
  );
  writeFileSync(
    join(project, "main.js"),
    `import init, { assess } from "./node_modules/hale-core/hale_core.js";
await init();
const r = { format: "hale.record/1", symptoms: [{ id: "s", at: "2026-11-21T08:00:00Z", code: "chest_pain" }] };
const a = JSON.parse(assess(JSON.stringify(r), "2026-11-21T09:00:00Z"));
document.title = a.disposition.level + " " + a.disposition.service;
`,
  );
  const server = await startServer({ dir: project });
  const b = await openBrowser(server.url);
  try {
    await b.page.goto(server.url + "/");
    await b.page.waitForFunction(() => document.title !== "…", null, { timeout: 20000 });
    assert.equal(await b.page.title(), "emergency 999");
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.close();
    await server.close();
  }
});
