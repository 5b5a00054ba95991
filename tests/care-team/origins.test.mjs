// The care-team origins of the deploy configuration: the only origins besides its own that Hale may
// contact, in the CSP header and in the page's meta tag (both apply), checked when read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { checkConfig, csp, metaCsp, loadConfig } from "../../scripts/deploy-config.mjs";
import { startServer } from "../../scripts/serve.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

test("index.html carries the default configuration's policy: its own origin only", () => {
  const html = readFileSync(join(root, "index.html"), "utf8");
  assert.ok(html.includes(`content="${metaCsp(loadConfig())}"`), "index.html's meta CSP is metaCsp(the default configuration)");
  assert.match(metaCsp(loadConfig()), /connect-src 'self';/);
  // Trusted Types: only the default policy of the boot script (app/js/boot-first.js) may exist.
  assert.match(metaCsp(loadConfig()), /require-trusted-types-for 'script'; trusted-types default$/);
});

test("care-team origins open connect-src, and nothing else; a bad origin is refused when read", () => {
  const config = checkConfig({ care_team_origins: ["https://fhir.riverside.example", "https://auth.riverside.example"] });
  const policy = csp(config);
  assert.match(policy, /connect-src 'self' https:\/\/fhir\.riverside\.example https:\/\/auth\.riverside\.example;/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' https:\/\/www\.nhsapp\.service\.nhs\.uk\/js\/v2\/nhsapp\.js;/);
  assert.match(policy, /frame-ancestors 'none'$/);
  for (const bad of ["http://fhir.riverside.example", "https://fhir.riverside.example/r4", "fhir.riverside.example", 42]) {
    assert.throws(() => checkConfig({ care_team_origins: [bad] }), /origin/, String(bad));
  }
});

test("a worklist's servers must be among the care-team origins, and each needs its four fields", () => {
  const origins = ["https://fhir.riverside.example", "https://auth.riverside.example"];
  const worklist = { practice: "Riverside Surgery", fhir: "https://fhir.riverside.example/r4", auth: "https://auth.riverside.example", client_id: "hale-team" };
  assert.deepEqual(checkConfig({ care_team_origins: origins, care_team_worklists: [worklist] }).care_team_worklists, [worklist]);
  assert.throws(() => checkConfig({ care_team_origins: origins.slice(1), care_team_worklists: [worklist] }), /not on an origin in "care_team_origins"/);
  assert.throws(() => checkConfig({ care_team_origins: origins, care_team_worklists: [{ ...worklist, client_id: "" }] }), /needs "client_id"/);
  assert.throws(() => checkConfig({ care_team_origins: origins, care_team_worklists: {} }), /must be a list/);
  assert.deepEqual(checkConfig({}).care_team_worklists, []);
});

test("the server sends the policy in its header and in the page's meta tag", async () => {
  // The page as the repository has it (this runs before the release build).
  const dir = mkdtempSync(join(tmpdir(), "hale-origins-"));
  copyFileSync(join(root, "index.html"), join(dir, "index.html"));
  const s = await startServer({ dir, config: { care_team_origins: ["http://127.0.0.1:9"] } });
  try {
    const r = await fetch(s.url + "/", { headers: { "Accept-Encoding": "br" } });
    const html = await r.text();
    assert.match(r.headers.get("content-security-policy"), /connect-src 'self' http:\/\/127\.0\.0\.1:9;/);
    assert.ok(html.includes("connect-src 'self' http://127.0.0.1:9;"), "the meta tag allows it too");
    // The other security headers (docs/security.md).
    assert.equal(r.headers.get("referrer-policy"), "no-referrer");
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.equal(r.headers.get("cross-origin-opener-policy"), "same-origin", "no portal may frame this deployment");
    const allowed = Object.fromEntries(r.headers.get("permissions-policy").split(", ").map((p) => p.split("=")));
    for (const denied of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "browsing-topics", "display-capture"]) {
      assert.equal(allowed[denied], "()", `${denied} is denied`);
    }
    assert.equal(allowed["clipboard-write"], "(self)", "a share link can be copied");
    assert.ok(!("storage-access" in allowed) && !("bluetooth" in allowed), "left at their defaults (this origin), which Hale uses");
    const pub = await (await fetch(s.url + "/hale-config.json")).json();
    assert.deepEqual(pub.care_team_origins, ["http://127.0.0.1:9"]);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
