// The JS/WASM API (core/pkg, built by scripts/build-core-pkg.sh) gives byte-identical JSON to the
// `hale` CLI for the same input and now, including the errors (thrown JSON = the CLI's stderr).
// Run: node --test tests/js/  (after building core/pkg and `cargo build --profile native --bin hale`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = await import(join(root, "core/pkg/hale_core.js"));
await pkg.default({ module_or_path: readFileSync(join(root, "core/pkg/hale_core_bg.wasm")) });
const HALE = join(root, "target/native/hale");

function cli(args, input) {
  const r = spawnSync(HALE, args, { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cases() {
  const out = [];
  const dir = join(root, "core/tests/fixtures");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const fx = JSON.parse(readFileSync(join(dir, f), "utf8"));
    for (const s of fx.scenarios) {
      const record = structuredClone(fx.record);
      for (const [list, entries] of Object.entries(s.add || {})) record[list].push(...entries);
      out.push({ name: `${f}: ${s.name}`, json: JSON.stringify(record, null, 1), now: s.now });
    }
  }
  out.push({
    name: "malformed readings become issues",
    json: '{"format":"hale.record/1","observations":[{"id":"a","at":"2026-11-20T08:00:00Z","kind":"blood_pressure","systolic_mmhg":185.5,"diastolic_mmhg":"x"},{"id":"b","at":"2026-11-21T08:00:00Z","kind":"spo2","percent":91}],"profile":{"colour":"blue"}}',
    now: "2026-11-21T09:00:00Z",
  });
  return out;
}

test("assess() is byte-identical to `hale assess` for every fixture", () => {
  const all = cases();
  assert.ok(all.length >= 12);
  for (const c of all) {
    const fromCli = cli(["assess", "--now", c.now, "-"], c.json);
    assert.equal(fromCli.code, 0, c.name);
    const fromJs = pkg.assess(c.json, c.now);
    assert.equal(fromJs + "\n", fromCli.stdout, c.name);
    const parsed = new pkg.ParsedRecord(c.json);
    assert.equal(parsed.assess(c.now), fromJs, `${c.name} (ParsedRecord)`);
    parsed.free();
  }
});

test("errors are thrown as the same JSON the CLI prints on stderr with exit code 2", () => {
  for (const [json, now] of [
    ["not json", "2026-11-21T09:00:00Z"],
    ["{}", "2026-11-21T09:00:00Z"],
    ['{"format":"hale.record/2"}', "2026-11-21T09:00:00Z"],
    ['{"resourceType":"Patient"}', "2026-11-21T09:00:00Z"],
    ['{"format":"hale.record/1"}', "not a time"],
  ]) {
    const fromCli = cli(["assess", "--now", now, "-"], json);
    assert.equal(fromCli.code, 2, json);
    assert.throws(() => pkg.assess(json, now), (e) => {
      assert.equal(e + "\n", fromCli.stderr, json);
      return true;
    });
  }
});

test("rules() is byte-identical to `hale rules`", () => {
  assert.equal(pkg.rules() + "\n", execFileSync(HALE, ["rules"], { encoding: "utf8" }));
  const rules = JSON.parse(pkg.rules());
  assert.ok(rules.some((r) => r.id === "asthma.pef.life_threatening" && r.level === "emergency" && r.service === "999"));
});

test("fhirExport() is byte-identical to `hale fhir export` for every fixture", () => {
  for (const c of cases()) {
    const fromCli = cli(["fhir", "export", "--now", c.now, "-"], c.json);
    assert.equal(fromCli.code, 0, c.name);
    assert.equal(pkg.fhirExport(c.json, c.now) + "\n", fromCli.stdout, c.name);
    assert.equal(JSON.parse(fromCli.stdout).resourceType, "Bundle");
  }
  const bad = cli(["fhir", "export", "--now", "2026-11-21T09:00:00Z", "-"], "not json");
  assert.equal(bad.code, 2);
  assert.throws(() => pkg.fhirExport("not json", "2026-11-21T09:00:00Z"), (e) => e + "\n" === bad.stderr);
});

test("fhirTransaction() is byte-identical to `hale fhir transaction` for every fixture", () => {
  for (const c of cases()) {
    const fromCli = cli(["fhir", "transaction", "--patient-id", "P-9", "--with-name", "--now", c.now, "-"], c.json);
    assert.equal(fromCli.code, 0, c.name);
    assert.equal(pkg.fhirTransaction(c.json, c.now, JSON.stringify({ patient_id: "P-9", base: "urn:hale:id", with_name: true })) + "\n", fromCli.stdout, c.name);
    assert.equal(JSON.parse(fromCli.stdout).type, "transaction");
  }
});

test("fhirOutbox() waits with every entry of the transaction at first, and with nothing once each batch is acknowledged", () => {
  const options = JSON.stringify({ patient_id: "P-9", base: "urn:hale:id", server_patient: "srv-9" });
  for (const c of cases()) {
    const whole = JSON.parse(pkg.fhirTransaction(c.json, c.now, options)).entry.map((e) => e.request.url).sort();
    const first = JSON.parse(pkg.fhirOutbox(c.json, c.now, options, "{}"));
    assert.deepEqual(first.batches.flatMap((b) => b.bundle.entry.map((e) => e.request.url)).sort(), whole, c.name);
    assert.equal(first.waiting.resources, whole.length, c.name);
    const sent = {};
    for (const b of first.batches) Object.assign(sent, b.acknowledge);
    const after = JSON.parse(pkg.fhirOutbox(c.json, c.now, options, JSON.stringify(sent)));
    assert.deepEqual(after.batches, [], c.name);
    assert.equal(pkg.fhirOutboxWords("Riverside Surgery", JSON.stringify(after.waiting), "4 Dec 2026, 10:42", null), "Sent to Riverside Surgery at 4 Dec 2026, 10:42.");
  }
  assert.deepEqual(JSON.parse(pkg.fhirAnswer(0, "", 1)), { result: "later", words: "You seem to be offline. Hale will send when you are back online." });
  assert.equal(JSON.parse(pkg.fhirAnswer(401, "", 1)).result, "sign_in");
  assert.throws(() => pkg.fhirOutbox("{}", "2026-11-21T09:00:00Z", options, "not json"));
});

test("worklistRows() places the people whose summaries a server answered with", () => {
  const summaryOf = (id, record, now) => {
    const b = JSON.parse(pkg.fhirTransaction(JSON.stringify(record), now, JSON.stringify({ patient_id: id, server_patient: `srv-${id}`, base: "urn:hale:id" })));
    return b.entry.map((e) => e.resource).find((r) => r.code?.coding?.[0]?.code === "monitoring_summary");
  };
  const now = "2026-11-20T09:00:00Z";
  const urgent = summaryOf("A", { format: "hale.record/1", profile: { conditions: ["asthma"], peak_flow_best_l_min: 500 }, observations: [{ id: "p", kind: "peak_flow", at: "2026-11-20T08:00:00Z", l_min: 225 }] }, now);
  const quiet = summaryOf("B", { format: "hale.record/1", observations: [{ id: "w", kind: "weight", at: "2026-11-01T08:00:00Z", kg: 80 }] }, now);
  const bundle = { resourceType: "Bundle", type: "searchset", entry: [quiet, urgent, { resourceType: "Patient", id: "srv-B", name: [{ text: "Bea" }] }].map((resource) => ({ resource })) };
  const rows = JSON.parse(pkg.worklistRows(JSON.stringify([bundle]), now));
  assert.deepEqual(rows.map((r) => [r.identifier, r.category, r.name]), [["A", "urgent-24h", null], ["B", "silent-14d", "Bea"]]);
  assert.throws(() => pkg.worklistRows("{}", now));
});

test("worklistSearches() gives the searches that page the worklist, in order, and refuses an unknown filter", () => {
  const all = JSON.parse(pkg.worklistSearches("2026-11-20T09:00:00Z", "{}"));
  assert.deepEqual(all.map((s) => s.whole), [true, false, false, false, false]);
  assert.match(all[0].query, /value-concept=urn:hale:triage%7Curgent-24h&_lastUpdated=ge2026-11-19T09%3A00%3A00Z/);
  assert.deepEqual(all.at(-1).categories, ["settled"]);
  const asthma = JSON.parse(pkg.worklistSearches("2026-11-20T09:00:00Z", JSON.stringify({ category: "silent-14d", condition: "asthma" })));
  assert.ok(asthma.every((s) => s.query.includes("component-code=urn:hale:condition%7Casthma")));
  assert.ok(!asthma.some((s) => s.categories.includes("settled")));
  assert.throws(() => pkg.worklistSearches("2026-11-20T09:00:00Z", JSON.stringify({ category: "soon" })));
});

test("fhirImport() is byte-identical to `hale fhir import`, and assess() reads the bundle", () => {
  for (const c of cases()) {
    const bundle = pkg.fhirExport(c.json, c.now);
    const fromCli = cli(["fhir", "import", "-"], bundle);
    assert.equal(fromCli.code, 0, c.name);
    assert.equal(pkg.fhirImport(bundle) + "\n", fromCli.stdout, c.name);
    // The same flags and disposition (a record's own parse issues, such as unknown fields, are not
    // carried into the bundle, so the issue lists may differ).
    const [viaFhir, direct] = [JSON.parse(pkg.assess(bundle, c.now)), JSON.parse(pkg.assess(c.json, c.now))];
    assert.deepEqual(viaFhir.disposition, direct.disposition, c.name);
    assert.deepEqual(viaFhir.red_flags, direct.red_flags, c.name);
  }
});

test("shareSeal()/shareOpen(): a link opens to what was sealed; a changed link or wrong key is refused", () => {
  const text = JSON.stringify({ summary: "14 blood pressure readings, average 142/88" });
  const random = new Uint8Array(44);
  globalThis.crypto.getRandomValues(random);
  const token = pkg.shareSeal(text, random);
  assert.match(token, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  assert.equal(pkg.shareOpen(token), text);
  const i = token.indexOf(".") + 5;
  const changed = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
  assert.throws(() => pkg.shareOpen(changed), (e) => /changed or damaged/.test(JSON.parse(e)[0].message));
  const other = pkg.shareSeal(text, globalThis.crypto.getRandomValues(new Uint8Array(44)));
  const swapped = token.split(".").slice(0, 2).concat(other.split(".")[2]).join(".");
  assert.throws(() => pkg.shareOpen(swapped), (e) => /changed or damaged/.test(JSON.parse(e)[0].message));
  assert.throws(() => pkg.shareOpen("v9." + token.slice(3)), (e) => /different version/.test(JSON.parse(e)[0].message));
  assert.throws(() => pkg.shareSeal(text, new Uint8Array(8)));
});

test("summarySeal()/summaryOpen(): the link opens to the preview's view; expiry enforced; qrSvg; summaryFhir and summaryFromFile", () => {
  const c = cases()[0];
  const options = JSON.stringify({ now: c.now, identity: true, notes: true, score: true, expires_days: 7 });
  const preview = JSON.parse(pkg.summaryPreview(c.json, options));
  assert.ok(preview.bytes > 0);
  const random = globalThis.crypto.getRandomValues(new Uint8Array(44));
  const sealed = JSON.parse(pkg.summarySeal(c.json, options, random));
  const { bytes, ...view } = preview;
  assert.deepEqual(sealed.view, view);
  const opened = JSON.parse(pkg.summaryOpen(sealed.token, c.now));
  assert.deepEqual(opened, view);
  const late = new Date(Date.parse(c.now) + 8 * 86400000).toISOString();
  assert.throws(() => pkg.summaryOpen(sealed.token, late), (e) => /stopped opening/.test(JSON.parse(e)[0].message));
  const svg = pkg.qrSvg("https://hale.example/#/review/" + sealed.token);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  assert.throws(() => pkg.qrSvg("x".repeat(4000)));
  const bundle = pkg.summaryFhir(c.json, options);
  const fromFile = JSON.parse(pkg.summaryFromFile(bundle, c.now));
  for (const k of ["score", "qrisk3", "flags", "plan"]) assert.deepEqual(fromFile[k], view[k], k);
});
