// A small SMART App Launch authorisation server for tests and local trials (never for real use):
// it signs RS256 access tokens with a key made when it starts, publishes the key as a JWKS, and
// implements the standalone launch's authorisation-code flow with PKCE (S256 only) and refresh
// tokens. It approves every request itself (there is no person to ask); `grant` says which patient
// and scopes it grants, `approve` can refuse (the person declining), `refuseRefresh` refuses refresh
// tokens, and `rotateKey()` makes every token issued so far stop working.
//
// Endpoints (on 127.0.0.1): GET /jwks, GET /authorize, POST /token (authorization_code and
// refresh_token grants), and GET /.well-known/smart-configuration.
import { createServer } from "node:http";
import { createHash, generateKeyPairSync, randomBytes, createSign } from "node:crypto";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

/**
 * Starts the issuer. `audience` is the FHIR server's base URL (the `aud` every token carries).
 * Returns { url, jwksUrl, token(claims), grant, close() }.
 */
export async function startIssuer({ audience, lifetimeSeconds = 300 } = {}) {
  let privateKey;
  let kid;
  let jwk;
  /** A new signing key: tokens signed with the old one stop working (the JWKS lists only the new). */
  function rotateKey() {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    privateKey = pair.privateKey;
    kid = b64url(randomBytes(8));
    jwk = { ...pair.publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  }
  rotateKey();
  const codes = new Map(); // code → {client_id, redirect_uri, challenge, scope, patient}
  const refreshTokens = new Map(); // refresh token → {client_id, scope, patient}
  const state = {
    /** What the issuer grants at /authorize: the patient's server id, and the scopes asked for
     * unless `scope` says otherwise (a team member granted less than the worklist needs). */
    grant: { patient: null, scope: undefined },
    /** Set to false to decline (the person said no). */
    approve: true,
    /** Set to true to refuse refresh tokens (the sign-in has run out: sign in again). */
    refuseRefresh: false,
    /** Every request, for tests that check what was asked (never a token). */
    seen: [],
  };
  let base = "";

  function sign(claims) {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", kid };
    const body = { iss: base, aud: audience, iat: now, exp: now + lifetimeSeconds, jti: b64url(randomBytes(12)), ...claims };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
    const sig = createSign("RSA-SHA256").update(input).sign(privateKey);
    return `${input}.${b64url(sig)}`;
  }

  function tokenResponse(res, { client_id, scope, patient }) {
    const refresh = b64url(randomBytes(24));
    refreshTokens.set(refresh, { client_id, scope, patient });
    const body = { access_token: sign({ sub: `client:${client_id}`, scope, patient, client_id }), token_type: "Bearer", expires_in: lifetimeSeconds, scope, refresh_token: refresh };
    if (patient) body.patient = patient;
    json(res, 200, body);
  }

  const json = (res, status, body) =>
    res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" }).end(JSON.stringify(body));

  const server = createServer(async (req, res) => {
    // No kept-alive connections: the FHIR server fetches the key set again only when the key
    // changes, by which time Node has closed an idle connection, and a client that reuses one
    // being closed gets "error sending request" (seen in CI). One connection per request.
    res.setHeader("Connection", "close");
    const url = new URL(req.url, base);
    state.seen.push({ method: req.method, path: url.pathname });
    if (req.method === "OPTIONS") {
      return res.writeHead(204, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Allow-Methods": "GET, POST" }).end();
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/.well-known/smart-configuration") {
      return json(res, 200, {
        issuer: base,
        jwks_uri: `${base}/jwks`,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        grant_types_supported: ["authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        capabilities: ["launch-standalone", "client-public", "permission-patient", "permission-v2", "context-standalone-patient"],
      });
    }
    if (url.pathname === "/authorize" && req.method === "GET") {
      const q = Object.fromEntries(url.searchParams);
      const redirect = q.redirect_uri ? new URL(q.redirect_uri) : null;
      if (!redirect) return json(res, 400, { error: "invalid_request", error_description: "redirect_uri is required" });
      const back = (params) => {
        for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
        if (q.state) redirect.searchParams.set("state", q.state);
        res.writeHead(302, { Location: redirect.toString() }).end();
      };
      if (q.response_type !== "code") return back({ error: "unsupported_response_type" });
      if (q.code_challenge_method !== "S256" || !q.code_challenge) return back({ error: "invalid_request", error_description: "PKCE with S256 is required" });
      if (q.aud !== audience) return back({ error: "invalid_request", error_description: "aud is not this server's FHIR base" });
      if (!state.approve) return back({ error: "access_denied", error_description: "The person declined." });
      const code = b64url(randomBytes(18));
      codes.set(code, { client_id: q.client_id, redirect_uri: q.redirect_uri, challenge: q.code_challenge, scope: state.grant.scope ?? (q.scope || ""), patient: state.grant.patient });
      return back({ code });
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const f = Object.fromEntries(new URLSearchParams(raw));
      if (f.grant_type === "authorization_code") {
        const c = codes.get(f.code);
        codes.delete(f.code); // a code works once
        if (!c || c.client_id !== f.client_id || c.redirect_uri !== f.redirect_uri) return json(res, 400, { error: "invalid_grant" });
        const expected = b64url(createHash("sha256").update(f.code_verifier || "").digest());
        if (expected !== c.challenge) return json(res, 400, { error: "invalid_grant", error_description: "PKCE verifier does not match" });
        return tokenResponse(res, c);
      }
      if (f.grant_type === "refresh_token") {
        const r = refreshTokens.get(f.refresh_token);
        refreshTokens.delete(f.refresh_token); // rotated
        if (!r || r.client_id !== f.client_id || state.refuseRefresh) return json(res, 400, { error: "invalid_grant" });
        return tokenResponse(res, r);
      }
      return json(res, 400, { error: "unsupported_grant_type" });
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    jwksUrl: `${base}/jwks`,
    state,
    /** A token with these claims (for a practice's own system/ token in tests). */
    token: (claims) => sign(claims),
    rotateKey,
    close: () => new Promise((done) => server.close(done)),
  };
}
