// A small static server for the built app: 127.0.0.1 only, correct MIME types (wasm, webmanifest),
// precompressed brotli when the browser accepts it, long caching for hashed files, and the security
// headers of the deploy configuration (scripts/deploy-config.mjs: the CSP with frame-ancestors).
// It serves /hale-config.json, the public part of that configuration. Stop it with Ctrl+C.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--config deploy/hale.config.json] [--quiet]
// Tests import startServer() and get a random free port.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, checkConfig, securityHeaders, publicConfig, withMetaCsp } from "./deploy-config.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
/**
 * Starts the server. `transform(path, buffer)` may replace a file's bytes (tests use it to
 * simulate a new deployment); `config` is a deploy configuration object (default: the file).
 * Resolves to { url, port, close }.
 */
export function startServer({ dir = "dist", port = 0, quiet = true, transform = null, config = null } = {}) {
  const base = resolve(root, dir);
  const deploy = config ? checkConfig(config) : loadConfig();
  const security = securityHeaders(deploy);
  const publicJson = Buffer.from(JSON.stringify(publicConfig(deploy)));
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let path = decodeURIComponent(url.pathname);
      if (path === "/hale-config.json") {
        res.writeHead(200, { "Content-Type": TYPES[".json"], "Cache-Control": "no-cache", ...security });
        res.end(req.method === "HEAD" ? undefined : publicJson);
        return;
      }
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
        if (!quiet) console.log(`404 ${path}`);
        return;
      }
      const headers = {
        "Content-Type": TYPES[extname(file)] || "application/octet-stream",
        "Cache-Control": /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
        ...security,
        Vary: "Accept-Encoding",
      };
      let body;
      let custom = transform ? transform(path, await readFile(file)) : null;
      if (!custom && path === "/index.html" && deploy.care_team_origins.length) {
        // The page's meta CSP must allow the care-team origins too (scripts/deploy-config.mjs).
        custom = Buffer.from(withMetaCsp(await readFile(file, "utf8"), deploy));
      }
      if (custom) {
        body = custom;
      } else {
        const br = await stat(file + ".br").catch(() => null);
        if (br && /\bbr\b/.test(req.headers["accept-encoding"] || "")) {
          body = await readFile(file + ".br");
          headers["Content-Encoding"] = "br";
        } else {
          body = await readFile(file);
        }
      }
      headers["Content-Length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      if (!quiet) console.log(`200 ${path}${headers["Content-Encoding"] ? " (br)" : ""}`);
    } catch (e) {
      res.writeHead(500).end();
      console.error(e);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const p = server.address().port;
      ok({
        url: `http://127.0.0.1:${p}`,
        port: p,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : def;
  };
  const dir = opt("--dir", "dist");
  const config = args.includes("--config") ? loadConfig(resolve(opt("--config", ""))) : null;
  const s = await startServer({ dir, port: Number(opt("--port", process.env.PORT || "8080")), quiet: args.includes("--quiet"), config });
  console.log(`Hale is served at ${s.url}/ (from ${resolve(root, dir)}). Press Ctrl+C to stop.`);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => s.close().then(() => process.exit(0)));
}
