// The care team's worklist at a neighbourhood's scale: N enrolled people's monitoring summaries
// (each made by the core from a record of one of five kinds: an urgent flag today, a routine flag
// this week, quiet for 20 days, no readings yet, settled) and their Patients on helios-hfs with
// bearer tokens checked, then the first page of the worklist as #/team fetches it (the core's
// searches in order until a page of people is listed, with their reviews), measured two ways: the
// server queries alone (p50/p95 of each, and of the whole first page), and in Chromium from
// opening #/team to the list drawn ("N people shown"). A benchmark, not a test: it prints figures.
//   node scripts/bench-worklist.mjs [--people 10000] [--db postgres|sqlite] [--runs 20]
// PostgreSQL is Debian's (started here on 127.0.0.1, stopped at the end when this script started it).
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { startFhirServer, freePort, postgresDatabase } from "./fhir-server.mjs";
import { startIssuer } from "./smart-issuer.mjs";
import { startServer } from "./serve.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const PEOPLE = Number(opt("--people", "10000"));
const DB = opt("--db", "postgres");
const RUNS = Number(opt("--runs", "20"));
const BATCH = 100; // people per upload transaction

const pkg = await import(join(root, "dist/pkg/hale_core.js"));
pkg.initSync({ module: readFileSync(join(root, "dist/pkg/hale_core_bg.wasm")) });

const NOW = Date.now();
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const ago = (days, hours = 0) => iso(NOW - days * 86400e3 - hours * 3600e3);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Person p's record: 1 % an urgent flag today, 4 % a routine flag this week, 15 % quiet, 2 % nothing yet, the rest settled. */
function recordOf(p) {
  const k = p % 100;
  const base = { format: "hale.record/1", symptoms: [], questionnaires: [] };
  if (k === 0) return { ...base, profile: { conditions: ["asthma"], peak_flow_best_l_min: 500 }, observations: [{ id: "pf", kind: "peak_flow", at: ago(0, 1), l_min: 225 }] };
  if (k <= 4) {
    return { ...base, profile: { conditions: ["hypertension"] }, observations: Array.from({ length: 7 }, (_, i) => ({ id: `bp${i}`, kind: "blood_pressure", at: ago(6 - i, 2), systolic_mmhg: 146, diastolic_mmhg: 88 })) };
  }
  if (k <= 19) return { ...base, profile: { conditions: ["type2_diabetes"] }, observations: [{ id: "w", kind: "weight", at: ago(20 + (p % 30)), kg: 90 }] };
  if (k <= 21) return { ...base, profile: { conditions: ["copd"] }, observations: [] };
  return { ...base, profile: { conditions: ["hypertension"] }, observations: [{ id: "bp", kind: "blood_pressure", at: ago(p % 10, 3), systolic_mmhg: 124, diastolic_mmhg: 78 }] };
}


const port = await freePort();
const fhirUrl = `http://127.0.0.1:${port}`;
const issuer = await startIssuer({ audience: fhirUrl, lifetimeSeconds: 7200 });
let db;
if (DB === "postgres") db = await postgresDatabase("hale_worklist");
else {
  const dir = mkdtempSync(join(tmpdir(), "hale-worklist-"));
  db = { url: join(dir, "hfs.db"), drop: () => rmSync(dir, { recursive: true, force: true }) };
}
const hale = await startServer({
  dir: "dist",
  config: { care_team_origins: [fhirUrl, issuer.url], care_team_worklists: [{ practice: "Bench Surgery", fhir: fhirUrl, auth: issuer.url, client_id: "hale-team" }] },
});
const fhir = await startFhirServer({ issuer, port, databaseUrl: db.url, corsOrigins: [hale.url] });
const practice = issuer.token({ sub: "practice", scope: "system/*.cruds" });
const nurse = issuer.token({ sub: "nurse", scope: "openid fhirUser user/Patient.rs user/Observation.rs user/Task.crus" });
const get = async (url) => {
  const s = performance.now();
  const r = await fetch(url.startsWith("http") ? url : `${fhirUrl}/${url}`, { headers: { Authorization: `Bearer ${nurse}`, Accept: "application/fhir+json" } });
  const body = await r.json();
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { body, ms: performance.now() - s };
};
let browser = null;
try {
  // Upload: each person's Patient (with an id of the practice's choosing) and the monitoring
  // summary the core makes from their record, 100 people to a transaction.
  const t0 = performance.now();
  for (let start = 0; start < PEOPLE; start += BATCH) {
    const entry = [];
    for (let p = start; p < Math.min(PEOPLE, start + BATCH); p++) {
      const id = `pat-${p}`;
      entry.push({ resource: { resourceType: "Patient", id, identifier: [{ system: "urn:hale:id:patient", value: `P-${p}` }], name: [{ text: `Person ${p}` }], birthDate: `19${40 + (p % 60)}-01-01` }, request: { method: "PUT", url: `Patient/${id}` } });
      const b = JSON.parse(pkg.fhirTransaction(JSON.stringify(recordOf(p)), iso(NOW), JSON.stringify({ patient_id: `P-${p}`, server_patient: id, base: "urn:hale:id" })));
      const summary = b.entry.find((e) => e.resource.code?.coding?.[0]?.code === "monitoring_summary");
      entry.push({ resource: { ...summary.resource, id: `sum-${p}` }, request: { method: "PUT", url: `Observation/sum-${p}` } });
    }
    const r = await fetch(fhirUrl, { method: "POST", headers: { Authorization: `Bearer ${practice}`, "Content-Type": "application/fhir+json" }, body: JSON.stringify({ resourceType: "Bundle", type: "transaction", entry }) });
    if (r.status !== 200) throw new Error(`upload: ${r.status} ${(await r.text()).slice(0, 300)}`);
  }
  const uploadS = (performance.now() - t0) / 1000;
  console.log(`uploaded ${PEOPLE} people (${PEOPLE * 2} resources) to ${DB} in ${uploadS.toFixed(0)} s (${((PEOPLE * 2) / uploadS).toFixed(0)} resources/s)`);

  // The first page as the page fetches it (app/src/pages/team.rs `load`).
  const searches = JSON.parse(pkg.worklistSearches(iso(NOW), "{}"));
  const perQuery = new Map();
  const firstPage = [];
  let shown = 0;
  let requests = 0;
  for (let run = 0; run < RUNS; run++) {
    const s = performance.now();
    const bundles = [];
    requests = 0;
    for (const search of searches) {
      let url = search.query;
      while (url) {
        const { body, ms } = await get(url);
        requests += 1;
        const key = search.query.replace(/ge\d{4}[^&]*|lt\d{4}[^&]*/g, "…").replace(/^Observation\?code=[^&]*&_include=Observation:subject&/, "");
        perQuery.set(key, [...(perQuery.get(key) || []), ms]);
        bundles.push(body);
        url = search.whole ? body.link?.find((l) => l.relation === "next")?.url : null;
      }
      if (JSON.parse(pkg.worklistRows(JSON.stringify(bundles), iso(NOW))).length >= 50) break;
    }
    const ids = [...new Set(bundles.flatMap((b) => (b.entry || []).map((e) => e.resource).filter((r) => r.resourceType === "Patient").map((r) => r.id)))];
    for (let i = 0; i < ids.length; i += 50) {
      const q = `Task?code=urn:hale:task%7Creview&status=completed&patient=${ids.slice(i, i + 50).map((x) => `Patient/${x}`).join(",")}&_count=200`;
      const { body, ms } = await get(q);
      requests += 1;
      perQuery.set("Task (reviews of those listed)", [...(perQuery.get("Task (reviews of those listed)") || []), ms]);
      bundles.push(body);
    }
    shown = JSON.parse(pkg.worklistRows(JSON.stringify(bundles), iso(NOW))).length;
    firstPage.push(performance.now() - s);
  }
  console.log(`\nserver queries of the first page (${RUNS} runs, ${requests} requests, ${shown} people listed):`);
  for (const [k, ms] of perQuery) console.log(`  ${k.slice(0, 110).padEnd(110)} p50 ${pct(ms, 50).toFixed(0)} ms  p95 ${pct(ms, 95).toFixed(0)} ms`);
  console.log(`  whole first page (queries + placement in the core)  p50 ${pct(firstPage, 50).toFixed(0)} ms  p95 ${pct(firstPage, 95).toFixed(0)} ms`);

  // Each search's first page on its own (what "Show more" and the filters ask for), and the first
  // page filtered by a condition.
  console.log(`\neach search's first page on its own (${RUNS} runs):`);
  const timeOf = async (q) => {
    const ms = [];
    let n = 0;
    for (let run = 0; run < RUNS; run++) {
      const r = await get(q);
      ms.push(r.ms);
      n = (r.body.entry || []).filter((e) => e.search?.mode === "match").length;
    }
    return { ms, n };
  };
  const filtered = JSON.parse(pkg.worklistSearches(iso(NOW), JSON.stringify({ condition: "type2_diabetes" })));
  for (const search of [...searches, filtered[2]]) {
    const { ms, n } = await timeOf(search.query);
    const key = search.query.replace(/^Observation\?code=[^&]*&_include=Observation:subject&/, "");
    console.log(`  ${key.slice(0, 110).padEnd(110)} ${String(n).padStart(3)} people  p50 ${pct(ms, 50).toFixed(0)} ms  p95 ${pct(ms, 95).toFixed(0)} ms`);
  }
  const byName = await timeOf("Patient?name=Person%20977&_count=50");
  console.log(`  ${"Patient?name=Person 977 (the search by name)".padEnd(110)} ${String(byName.n).padStart(3)} people  p50 ${pct(byName.ms, 50).toFixed(0)} ms  p95 ${pct(byName.ms, 95).toFixed(0)} ms`);

  // In the browser: from opening #/team (the app already loaded, as a nurse moving between pages;
  // and a fresh load) to the list drawn.
  // Chromium on the real clock (the data is dated from now).
  const { chromium } = await import(join(root, "tests/e2e/node_modules/playwright-core/index.mjs"));
  const { CHROMIUM, CHROMIUM_ARGS } = await import("../tests/e2e/lib/harness.mjs");
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${hale.url}/#/`);
  await page.waitForSelector("main h1", { timeout: 30000 });
  await page.evaluate(
    ([fhir, token, permitted]) => sessionStorage.setItem("hale-team-session", JSON.stringify({ practice: "Bench Surgery", fhir, token, permitted })),
    [fhirUrl, nurse, [fhirUrl, issuer.url]],
  );
  const opened = [];
  for (let run = 0; run < RUNS + 1; run++) {
    await page.goto(`${hale.url}/#/more`);
    await page.waitForSelector("main h1");
    const s = performance.now();
    await page.evaluate(() => (location.hash = "#/team"));
    await page.locator("#team-status").filter({ hasText: /people shown\.$/ }).waitFor({ timeout: 30000 });
    opened.push(performance.now() - s);
  }
  const rows = await page.locator("li.team-row").count();
  // The first opening also starts the page's code (the full bundle): reported on its own.
  const [first, ...rest] = opened;
  console.log(`\nin Chromium, opening #/team to the list drawn (${rows} rows): the first ${first.toFixed(0)} ms; then ${rest.length} runs p50 ${pct(rest, 50).toFixed(0)} ms  p95 ${pct(rest, 95).toFixed(0)} ms  max ${Math.max(...rest).toFixed(0)} ms`);
} finally {
  await browser?.close();
  await fhir.stop();
  await hale.close();
  await issuer.close();
  db.drop();
}
