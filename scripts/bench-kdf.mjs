#!/usr/bin/env node
// The passphrase lock's key derivation, measured in Chromium (docs/security.md, "Why Argon2id"):
// Argon2id as Hale uses it beside PBKDF2-HMAC-SHA-256 at 600,000 rounds through WebCrypto, the same
// PBKDF2 compiled to WebAssembly, and Argon2id (RustCrypto's `argon2` crate, 19 MiB, 2 passes,
// 1 lane) compiled to WebAssembly — each without throttling and with DevTools' 4× CPU throttling
// as a stand-in for a phone. DevTools throttles the page's main thread; WebCrypto's PBKDF2 runs in
// the browser's own native code, which the throttling may not reach, so the WebAssembly PBKDF2 on the
// throttled thread is reported beside it as the phone-like figure for the same work. Also the
// Argon2id module's size (brotli): what the lock screen would have to download.
//
//   node scripts/bench-kdf.mjs [--runs 5]
//
// Builds scripts/bench-kdf (a crate outside the workspace) for wasm32 and binds it with the
// wasm-bindgen CLI setup.sh installs.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 5) || 5;
const target = join(root, "target/bench-kdf");
const site = join(target, "site");
const env = { ...process.env, CARGO_TARGET_DIR: target, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
execFileSync("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--quiet"], { cwd: join(root, "scripts/bench-kdf"), env, stdio: "inherit" });
mkdirSync(site, { recursive: true });
execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", site, join(target, "wasm32-unknown-unknown/release/hale_bench_kdf.wasm")], { env, stdio: "inherit" });
writeFileSync(join(site, "index.html"), "<!doctype html><title>kdf</title><p>kdf</p>");
const wasmBr = brotliCompressSync(readFileSync(join(site, "hale_bench_kdf_bg.wasm")), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const { chromium } = await import(join(root, "tests/e2e/node_modules/playwright-core/index.mjs"));
const { CHROMIUM, CHROMIUM_ARGS } = await import("../tests/e2e/lib/harness.mjs");
const { startServer } = await import("./serve.mjs");
const server = await startServer({ dir: site });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  const cdp = await page.context().newCDPSession(page);
  const results = [];
  for (const rate of [1, 4]) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const times = await page.evaluate(async (runs) => {
      const m = await import("/hale_bench_kdf.js");
      await m.default();
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const pass = "correct horse battery staple";
      const time = async (f) => {
        const out = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await f();
          out.push(performance.now() - t);
        }
        return out;
      };
      const webcrypto = await time(async () => {
        const k = await crypto.subtle.importKey("raw", new TextEncoder().encode(pass), "PBKDF2", false, ["deriveBits"]);
        await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 600000 }, k, 256);
      });
      const pbkdf2Wasm = await time(async () => m.pbkdf2_sha256(pass, salt, 600000));
      const argon2 = await time(async () => m.argon2id(pass, salt, 19456, 2, 1));
      return { webcrypto, pbkdf2Wasm, argon2 };
    }, runs);
    results.push({ rate, ...times });
  }
  console.log(`Key derivation in Chromium (${runs} runs each, median ms; Argon2id module ${wasmBr} B brotli):`);
  console.log("  throttle  PBKDF2-600k WebCrypto  PBKDF2-600k wasm  Argon2id 19MiB/t2/p1 wasm");
  for (const r of results) {
    console.log(`  ${String(r.rate + "×").padEnd(8)}  ${median(r.webcrypto).toFixed(0).padStart(20)}  ${median(r.pbkdf2Wasm).toFixed(0).padStart(16)}  ${median(r.argon2).toFixed(0).padStart(25)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
