// The deploy-time configuration (deploy/hale.config.json) and everything made from it: the
// security headers every server of Hale sends (with `Content-Security-Policy: frame-ancestors`,
// which a meta tag cannot set, and `connect-src` naming the care-team origins a person may enrol
// with), the same policy in index.html's meta tag, and the public part the app reads
// (/hale-config.json).
// The one place deploy-time origins and security headers live.
//   node scripts/deploy-config.mjs --nginx            print nginx add_header lines
//   node scripts/deploy-config.mjs --write dist       write dist/_headers (Netlify/Cloudflare
//                                                     style) and dist/hale-config.json
//   [--config path]                                   another configuration file
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_CONFIG = join(root, "deploy/hale.config.json");

/** Reads and checks a configuration; throws with the reason when it is wrong. */
export function loadConfig(path = DEFAULT_CONFIG) {
  const raw = JSON.parse(readFileSync(path, "utf8"));
  return checkConfig(raw, path);
}

/** A list of exact https (or loopback http) origins, checked. */
function origins(raw, key, where, example) {
  const list = raw[key] ?? [];
  if (!Array.isArray(list)) throw new Error(`${where}: "${key}" must be a list of origins`);
  for (const h of list) {
    let u;
    try {
      u = new URL(h);
    } catch {
      throw new Error(`${where}: "${h}" is not an origin like ${example}`);
    }
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
    if (u.origin !== h || !(u.protocol === "https:" || (loopback && u.protocol === "http:"))) {
      throw new Error(`${where}: "${h}" must be an origin alone (scheme, host, port), https unless on this machine`);
    }
  }
  return list;
}

/**
 * Checks a configuration object: `host_origins` (the portals that may frame Hale),
 * `care_team_origins` (the FHIR and sign-in servers of the practices a person may enrol with: the
 * only origins Hale may contact besides its own), both exact https (or loopback http) origins;
 * `care_team_worklists` (the practices whose teams sign in to the worklist, `#/team`: practice,
 * fhir, auth, client_id, on those origins).
 */
export function checkConfig(raw, where = "the configuration") {
  const hosts = origins(raw, "host_origins", where, "https://portal.example");
  const careTeams = origins(raw, "care_team_origins", where, "https://fhir.practice.example");
  if (raw.reveal_rule_ids !== undefined && typeof raw.reveal_rule_ids !== "boolean") {
    throw new Error(`${where}: "reveal_rule_ids" must be true or false`);
  }
  const worklists = raw.care_team_worklists ?? [];
  if (!Array.isArray(worklists)) throw new Error(`${where}: "care_team_worklists" must be a list`);
  for (const w of worklists) {
    for (const k of ["practice", "fhir", "auth", "client_id"]) {
      if (typeof w?.[k] !== "string" || !w[k]) throw new Error(`${where}: each of "care_team_worklists" needs "${k}"`);
    }
    for (const k of ["fhir", "auth"]) {
      if (!careTeams.includes(new URL(w[k]).origin)) throw new Error(`${where}: the worklist's ${k} "${w[k]}" is not on an origin in "care_team_origins"`);
    }
  }
  return { host_origins: hosts, care_team_origins: careTeams, care_team_worklists: worklists, reveal_rule_ids: raw.reveal_rule_ids === true };
}

/** The NHS App's JavaScript API (v2): the one script from another origin, loaded only in the NHS App. */
export const NHS_APP_API = "https://www.nhsapp.service.nhs.uk/js/v2/nhsapp.js";

/**
 * The Content-Security-Policy every page of Hale is served with: nothing but its own origin, the
 * NHS App's script, and — for `connect-src` only — the care-team origins the deployment permits.
 */
export function csp(config) {
  const ancestors = config.host_origins.length ? config.host_origins.join(" ") : "'none'";
  return `${metaCsp(config)}; frame-ancestors ${ancestors}`;
}

/** The same policy as a `<meta>` tag can carry it (a meta tag cannot set frame-ancestors). */
export function metaCsp(config) {
  const connect = ["'self'", ...(config.care_team_origins || [])].join(" ");
  return (
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${NHS_APP_API}; style-src 'self'; img-src 'self' data: blob:; ` +
    `connect-src ${connect}; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; ` +
    "form-action 'none'; frame-src 'none'; require-trusted-types-for 'script'; trusted-types default"
  );
}

/**
 * index.html with its meta CSP set to this configuration's (both the header and the meta tag
 * apply, so the meta tag must allow the care-team origins too).
 */
export function withMetaCsp(html, config) {
  return html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${metaCsp(config)}">`,
  );
}

/**
 * What the page may use: nothing but what Hale uses — writing to the clipboard (a share link), and,
 * left at their defaults (this origin only), Web Bluetooth (a cuff or scale on the import page),
 * Web Share and the Storage Access API a framed Hale asks for — and, for every other powerful
 * feature Chromium knows, nothing, here or in any frame. Only names Chromium recognises: an unknown
 * one is a console warning (Debian's Chromium knows neither `bluetooth` nor `web-share` here).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "local-fonts=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "browsing-topics=()",
  "clipboard-read=()",
  "compute-pressure=()",
  "gamepad=()",
  "identity-credentials-get=()",
  "keyboard-map=()",
  "local-network-access=()",
  "otp-credentials=()",
  "publickey-credentials-create=()",
  "sync-xhr=()",
  "window-management=()",
  "clipboard-write=(self)",
].join(", ");

/** The security headers (name → value). */
export function securityHeaders(config) {
  return {
    "Content-Security-Policy": csp(config),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // A framed Hale must not sever its opener relationship with the host's window; unframed it
    // keeps its own browsing context group.
    "Cross-Origin-Opener-Policy": config.host_origins.length ? "unsafe-none" : "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
}

/** What the embedded app reads at /hale-config.json (no secrets: origins and one switch). */
export function publicConfig(config) {
  return {
    host_origins: config.host_origins,
    care_team_origins: config.care_team_origins,
    care_team_worklists: config.care_team_worklists,
    reveal_rule_ids: config.reveal_rule_ids,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const config = loadConfig(at("--config") ?? DEFAULT_CONFIG);
  const headers = securityHeaders(config);
  if (args.includes("--nginx")) {
    for (const [k, v] of Object.entries(headers)) console.log(`add_header ${k} "${v}" always;`);
  } else if (at("--write")) {
    const dir = at("--write");
    const lines = ["/*", ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)];
    writeFileSync(join(dir, "_headers"), lines.join("\n") + "\n");
    writeFileSync(join(dir, "hale-config.json"), JSON.stringify(publicConfig(config), null, 2) + "\n");
    const index = join(dir, "index.html");
    writeFileSync(index, withMetaCsp(readFileSync(index, "utf8"), config));
    rmSync(index + ".br", { force: true }); // the precompressed copy would carry the old policy
    console.log(`deploy-config: wrote ${join(dir, "_headers")}, ${join(dir, "hale-config.json")} and the CSP in ${index}`);
  } else {
    console.log(JSON.stringify({ config, headers }, null, 2));
  }
}
