// A neighbourhood's worth of Hale outboxes against a real FHIR server (helios-hfs): N enrolled
// people × D days of a daily blood pressure, weight and glucose, each day's send exactly what the
// outbox sends (`fhirOutbox`: the record so far against what the server acknowledged — the day's
// readings, the monitoring summary, the day's health score and anything else that changed), sent
// as the app sends it (each entry to its stable id on its single-resource endpoint), by C people's
// outboxes at once, with bearer tokens checked. A benchmark, not a test: it prints figures.
//   node scripts/bench-fhir.mjs [--people 25,50] [--days 90] [--concurrency 4] [--db sqlite,postgres]
// Reports, for each database and N: ingest rate (resources/s), latency of one day's send p50/p95, server
// storage per person-year, and the time to fetch one person's last 90 days. PostgreSQL is Debian's
// (started here, on 127.0.0.1, and stopped at the end when this script started it).
import { readFileSync, statSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { startFhirServer, freePort, postgresDatabase } from "./fhir-server.mjs";
import { startIssuer } from "./smart-issuer.mjs";
import { sendEntries } from "../app/js/outbox.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const PEOPLE = opt("--people", "25,50").split(",").map(Number);
const DAYS = Number(opt("--days", "90"));
const CONCURRENCY = Number(opt("--concurrency", "4"));
const DBS = opt("--db", "sqlite,postgres").split(",");

const pkg = await import(join(root, "dist/pkg/hale_core.js"));
pkg.initSync({ module: readFileSync(join(root, "dist/pkg/hale_core_bg.wasm")) });

const day0 = Date.parse("2026-08-01T00:00:00Z");
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** One person's readings on day d (deterministic), as the day's Record. */
function dayReadings(person, d) {
  const at = (h) => iso(day0 + d * 86400e3 + h * 3600e3);
  const wobble = ((person * 7 + d * 13) % 11) - 5;
  return [
    { id: `bp-${d}`, kind: "blood_pressure", at: at(7), systolic_mmhg: 132 + wobble, diastolic_mmhg: 84 + (wobble >> 1) },
    { id: `wt-${d}`, kind: "weight", at: at(7.1), kg: 80 + wobble / 10 },
    { id: `gl-${d}`, kind: "glucose", at: at(7.2), mmol_l: 6 + wobble / 10, context: "fasting" },
  ];
}


async function run(dbKind, n) {
  const port = await freePort();
  const issuer = await startIssuer({ audience: `http://127.0.0.1:${port}`, lifetimeSeconds: 3600 });
  let db;
  let dir = null;
  if (dbKind === "postgres") {
    db = await postgresDatabase("hale_bench");
  } else {
    dir = mkdtempSync(join(tmpdir(), "hale-bench-sqlite-"));
    const file = join(dir, "hfs.db");
    db = {
      url: file,
      size: () => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0),
      drop: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  let fhir;
  try {
    fhir = await startFhirServer({ issuer, port, databaseUrl: db.url });
  } catch (e) {
    await issuer.close();
    db.drop();
    throw e;
  }
  const practice = issuer.token({ sub: "practice", scope: "system/*.cruds" });
  const post = async (path, body, token) => {
    const r = await fetch(fhir.url + path, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/fhir+json" }, body });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  try {
    // The practice registers everyone; each person's outbox has its own patient-scoped token.
    const people = [];
    for (let p = 0; p < n; p++) {
      const created = await post("/Patient", JSON.stringify({ resourceType: "Patient", identifier: [{ system: "urn:hale:id:patient", value: `P-${p}` }] }), practice);
      people.push({ p, id: created.id, token: issuer.token({ sub: `person-${p}`, scope: "patient/*.cruds", patient: created.id }), observations: [], sent: {} });
    }
    // Each person's outbox, day by day, worked out before the clock starts (on a phone each person
    // works out their own; here one Node thread would otherwise hold up every send): what the
    // outbox sends that day, given that every earlier day was acknowledged.
    for (const who of people) {
      who.plans = [];
      for (let d = 0; d < DAYS; d++) {
        who.observations.push(...dayReadings(who.p, d));
        const record = JSON.stringify({ format: "hale.record/1", observations: who.observations });
        const options = JSON.stringify({ patient_id: `P-${who.p}`, server_patient: who.id, base: "urn:hale:id" });
        const plan = JSON.parse(pkg.fhirOutbox(record, iso(day0 + d * 86400e3 + 8 * 3600e3), options, JSON.stringify(who.sent)));
        for (const batch of plan.batches) Object.assign(who.sent, batch.acknowledge);
        who.plans.push(plan);
      }
    }
    // What the empty server already holds (its own tables and definitions) is not the readings'.
    const baseline = db.size();
    const latencies = [];
    let resources = 0;
    const t0 = performance.now();
    for (let d = 0; d < DAYS; d++) {
      const queue = [...people];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let who = queue.shift(); who; who = queue.shift()) {
            const plan = who.plans[d];
            const s = performance.now();
            for (const batch of plan.batches) {
              // As the app sends it: each entry to its single-resource endpoint (a patient's token
              // may not write inside a Bundle on this server; docs/care-team.md).
              const sent = await sendEntries(fhir.url, who.token, batch.bundle);
              if (sent.status !== 200) throw new Error(`send: ${sent.status} ${sent.body.slice(0, 300)}`);
              resources += batch.bundle.entry.length;
            }
            latencies.push(performance.now() - s);
          }
        }),
      );
    }
    const seconds = (performance.now() - t0) / 1000;
    // One person's last 90 days (the care team opening their record).
    const fetches = [];
    const from = iso(day0 + (DAYS - 90) * 86400e3).slice(0, 10);
    let got = 0;
    for (let i = 0; i < 10; i++) {
      const who = people[i % people.length];
      const s = performance.now();
      const r = await fetch(`${fhir.url}/Observation?subject=Patient/${who.id}&date=ge${from}&_count=1000`, { headers: { Authorization: `Bearer ${practice}` } });
      const b = await r.json();
      fetches.push(performance.now() - s);
      got = (b.entry || []).length;
    }
    const personYears = (n * DAYS) / 365;
    return {
      db: dbKind,
      people: n,
      days: DAYS,
      transactions: latencies.length,
      resources,
      seconds: +seconds.toFixed(1),
      resources_per_second: +(resources / seconds).toFixed(1),
      p50_ms: +pct(latencies, 50).toFixed(1),
      p95_ms: +pct(latencies, 95).toFixed(1),
      storage_bytes: db.size() - baseline,
      bytes_per_person_year: Math.round((db.size() - baseline) / personYears),
      fetch_90_days_ms_p50: +pct(fetches, 50).toFixed(1),
      observations_in_90_days: got,
    };
  } finally {
    await fhir.stop();
    await issuer.close();
    db.drop();
  }
}

const results = [];
for (const dbKind of DBS) {
  for (const n of PEOPLE) {
    const r = await run(dbKind, n);
    results.push(r);
    console.log(JSON.stringify(r));
  }
}
// Extrapolation to 10,000 people × 90 days from the largest run of each database (ingest is
// sequential per day here; time grows with the number of transactions at the measured rate).
for (const dbKind of DBS) {
  const rs = results.filter((r) => r.db === dbKind);
  if (!rs.length) continue;
  const last = rs[rs.length - 1];
  const tx = 10000 * 90;
  console.log(
    `${dbKind}: 10,000 people × 90 days = ${tx.toLocaleString("en-GB")} transactions: about ${(tx / (last.transactions / last.seconds) / 3600).toFixed(1)} h at the measured rate ` +
      `(${(last.transactions / last.seconds).toFixed(1)} transactions/s with ${CONCURRENCY} outboxes at once), ` +
      `about ${((last.bytes_per_person_year * 10000 * 90) / 365 / 1e9).toFixed(1)} GB stored`,
  );
}
