// JavaScript bindings of the care-team page (app/src/pages/care_team.rs, full bundle only;
// app/src/bindings.rs is their only caller): the deployment's permitted care-team origins, the
// SMART App Launch standalone sign-in (authorisation code with PKCE S256). Sending is the core
// worker's (app/js/outbox.mjs), which also refreshes the access token. Every answer is JSON text;
// tokens are handed to the page's Rust, which keeps them in IndexedDB only — never in a URL, a
// log, or a message to a host page.
//
// The sign-in leaves Hale and comes back to "/" with ?code=…&state=… (app/js/boot-first.js
// moves that query into sessionStorage and the address to #/connect before the app starts).
const PENDING = "hale-smart-pending"; // the sign-in in progress: state, PKCE verifier, endpoints
const RETURN = "hale-smart-return"; // the query the sign-in came back with

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

/** A list from /hale-config.json (JSON text; "[]" when unreadable). */
async function configList(key) {
  try {
    const r = await fetch("/hale-config.json", { cache: "no-cache" });
    if (!r.ok) return "[]";
    const c = await r.json();
    return JSON.stringify(Array.isArray(c[key]) ? c[key] : []);
  } catch {
    return "[]";
  }
}

/** The care-team origins this deployment permits (JSON list), from /hale-config.json. */
export const haleCareTeamOrigins = () => configList("care_team_origins");

/** The practices whose teams may sign in to the worklist here (JSON list of {practice, fhir, auth, client_id}). */
export const haleTeamWorklists = () => configList("care_team_worklists");

/**
 * A request of the team's worklist to the practice's FHIR server, with the team member's token,
 * only to a permitted origin. JSON: {status, body} (body: the answer's JSON, or null), status 0
 * with `error` when it could not be made.
 */
export async function haleTeamFetch(method, url, token, body, permittedJson) {
  try {
    if (!JSON.parse(permittedJson).includes(new URL(url).origin)) return JSON.stringify({ status: 0, error: "not a permitted origin" });
    const headers = { Accept: "application/fhir+json", Authorization: `Bearer ${token}` };
    if (body) headers["Content-Type"] = "application/fhir+json";
    const r = await fetch(url, { method, headers, body: body || undefined, cache: "no-store" });
    const json = await r.json().catch(() => null);
    return JSON.stringify({ status: r.status, body: json });
  } catch (e) {
    return JSON.stringify({ status: 0, error: String((e && e.message) || e) });
  }
}

/** The practice's SMART endpoints: from its FHIR server's discovery document, else its sign-in server's. */
async function discover(fhir, auth, permitted) {
  for (const base of [fhir, auth]) {
    try {
      const r = await fetch(`${base}/.well-known/smart-configuration`, { headers: { Accept: "application/json" } });
      if (!r.ok) continue;
      const c = await r.json();
      const ok = (u) => typeof u === "string" && permitted.includes(new URL(u).origin);
      if (ok(c.authorization_endpoint) && ok(c.token_endpoint)) return c;
    } catch {
      // try the next
    }
  }
  throw new Error("Hale could not reach your practice's sign-in service. Check you are online, then try again.");
}

/**
 * Starts the sign-in: discovers the endpoints, makes the PKCE verifier and state, keeps them for
 * the return, and leaves for the practice's sign-in page. Resolves with an error message only when
 * it could not start.
 */
export async function haleSmartStart(invitationJson, consentJson, scope, permittedJson) {
  try {
    const inv = JSON.parse(invitationJson);
    const c = await discover(inv.fhir, inv.auth, JSON.parse(permittedJson));
    const verifier = random(32);
    const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const state = random(16);
    const redirect = location.origin + "/";
    // Where the sign-in comes back to: the care-team page, or the team's worklist (`back`).
    const back = inv.back === "#/team" ? "#/team" : "#/connect";
    sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, redirect, back, token_endpoint: c.token_endpoint, invitation: inv, consent: JSON.parse(consentJson) }));
    const q = new URLSearchParams({ response_type: "code", client_id: inv.client_id, redirect_uri: redirect, scope, state, aud: inv.fhir, code_challenge: challenge, code_challenge_method: "S256" });
    location.assign(`${c.authorization_endpoint}?${q}`);
    return "";
  } catch (e) {
    return String((e && e.message) || e);
  }
}

// The token request is the outbox's (it refreshes tokens in the worker): /pkg/outbox.js.
const tokenRequest = async (endpoint, form) => (await import("/pkg/outbox.js")).tokenRequest(endpoint, form);

/**
 * Finishes a sign-in that has just come back: checks the state, exchanges the code (with the PKCE
 * verifier) for tokens. JSON: "" when no sign-in is waiting; {ok, token, invitation, consent,
 * token_endpoint} or {ok: false, declined?, error}.
 */
export async function haleSmartFinish() {
  const back = sessionStorage.getItem(RETURN);
  const pending = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(RETURN);
  sessionStorage.removeItem(PENDING);
  if (!back || !pending) return "";
  const p = JSON.parse(pending);
  const q = new URLSearchParams(back);
  if (q.get("state") !== p.state) return JSON.stringify({ ok: false, error: "This sign-in did not come from Hale, so it was not used. Start again from your practice's link." });
  if (q.get("error")) {
    return JSON.stringify({ ok: false, declined: q.get("error") === "access_denied", error: "You did not agree, so nothing will be sent." });
  }
  const t = await tokenRequest(p.token_endpoint, { grant_type: "authorization_code", code: q.get("code") || "", redirect_uri: p.redirect, client_id: p.invitation.client_id, code_verifier: p.verifier });
  return JSON.stringify({ ...t, invitation: p.invitation, consent: p.consent, token_endpoint: p.token_endpoint });
}
