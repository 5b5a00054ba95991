// The last step of scripts/build.sh, on the built directory (argument; default dist/):
//  1. moves Trunk's inline start-up script into a hashed external file (the CSP allows no inline
//     script), together with app/js/boot.js (service-worker registration and update prompt);
//  2. writes sw.js from scripts/sw.template.js with the precache list and cache name computed from
//     the built files (never hand-typed);
//  3. writes a brotli copy (.br) of every compressible file for the local server and the budget audit.
// It fails (exit 1) when a file it needs is missing: nothing is half-written silently.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stage = process.argv[2] ?? join(root, "dist");
for (const needed of ["index.html", "pkg/hale_core.js", "pkg/worker.js", "pkg/store-schema.js", "pkg/outbox.js", "pkg/sealed.js", "pkg/import-worker.js", "full/hale-app-full.js"]) {
  if (!existsSync(join(stage, needed))) {
    console.error(`post-build: ${join(stage, needed)} is missing (run scripts/build.sh)`);
    process.exit(1);
  }
}

const sha = (data, n = 16) => createHash("sha256").update(data).digest("hex").slice(0, n);
const sri = (data) => "sha384-" + createHash("sha384").update(data).digest("base64");

// 1. External boot script.
const indexPath = join(stage, "index.html");
let html = readFileSync(indexPath, "utf8");
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) {
  console.error("post-build: Trunk's inline module script was not found in index.html");
  process.exit(1);
}
// Whole-line comments are for the repository's readers, not worth sending on every first load.
const stripComments = (js) =>
  js
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .join("\n");
// app/js/boot-first.js runs before the app starts (module imports are hoisted, so it can sit
// above Trunk's import line); app/js/boot.js after.
const boot =
  stripComments(readFileSync(join(root, "app/js/boot-first.js"), "utf8")) +
  "\n" +
  m[1].trim() +
  "\n\n" +
  stripComments(readFileSync(join(root, "app/js/boot.js"), "utf8"));
const bootName = `boot-${sha(boot)}.js`;
writeFileSync(join(stage, bootName), boot);
html = html.replace(inline, `<script type="module" src="/${bootName}" integrity="${sri(boot)}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error("post-build: an inline script is still present in index.html");
  process.exit(1);
}
// Trunk preloads every snippet wasm-bindgen emits, also those the first load's glue never imports
// (app/js/share.js, used only by the full bundle's pages): preload only what the glue imports.
const glueRef = html.match(/<link rel="modulepreload" href="(\/hale-app-[0-9a-f]+\.js)"/);
if (!glueRef) {
  console.error("post-build: the app's glue script is not preloaded in index.html");
  process.exit(1);
}
const glue = readFileSync(join(stage, glueRef[1]), "utf8");
html = html.replace(/<link rel="modulepreload" href="\/(snippets\/[^"]+)"[^>]*>/g, (tag, path) => {
  if (!glue.includes(path)) return "";
  // The snippets are the app's own JS (app/js/): drop their comment lines, and the integrity
  // hash Trunk computed for them follows the new content.
  const text = stripComments(readFileSync(join(stage, path), "utf8"));
  writeFileSync(join(stage, path), text);
  return tag.replace(/integrity="[^"]*"/, `integrity="${sri(text)}"`);
});
// The glue wasm-bindgen wrote for the first load, without its comment lines (and, as it holds no
// template literal that could span lines, without indentation); its integrity hash follows.
{
  let text = stripComments(glue);
  if (!text.includes("`")) text = text.split("\n").map((line) => line.trimStart()).join("\n");
  writeFileSync(join(stage, glueRef[1]), text);
  html = html.replace(
    new RegExp(`(<link rel="modulepreload" href="${glueRef[1].replace(/[.]/g, "\\.")}"[^>]*integrity=")[^"]*(")`),
    `$1${sri(text)}$2`,
  );
  if (!html.includes(sri(text))) {
    console.error("post-build: the glue's integrity hash could not be updated");
    process.exit(1);
  }
}

// The first load's stylesheet, minified (comments and spaces are for the repository's readers):
// its integrity hash follows. Its quoted strings (font names) hold nothing this changes.
html = html.replace(/<link rel="stylesheet" href="\/(hale-[0-9a-f]+\.css)"[^>]*>/, (tag, path) => {
  const css = readFileSync(join(stage, path), "utf8");
  if ((css.match(/"[^"]*"|'[^']*'/g) ?? []).some((q) => /[{};,>]|\s\s|\n/.test(q))) {
    console.error(`post-build: a quoted string in ${path} would change if minified`);
    process.exit(1);
  }
  const min = css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
  writeFileSync(join(stage, path), min);
  return tag.replace(/integrity="[^"]*"/, `integrity="${sri(min)}"`);
});

// The app's version, for the embedding script's hale:ready.
const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)?.[1] ?? "";
html = html.replace(/<html\b/, `<html data-hale-version="${version}"`);
writeFileSync(indexPath, html);

// 2. Service worker.
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
for (const f of walk(stage)) if (f.endsWith(".br") || f.endsWith("/sw.js")) unlinkSync(f);
const files = walk(stage)
  .map((p) => "/" + relative(stage, p).split("\\").join("/"))
  .filter((p) => !p.endsWith(".br") && p !== "/sw.js")
  .sort();
const digest = createHash("sha256");
for (const f of files) digest.update(f).update(readFileSync(join(stage, f)));
const cacheName = "hale-" + digest.digest("hex").slice(0, 16);
const precache = ["/", ...files];
const sw = readFileSync(join(root, "scripts/sw.template.js"), "utf8")
  .replace("__CACHE_NAME__", JSON.stringify(cacheName))
  .replace("__PRECACHE__", JSON.stringify(precache, null, 2));
writeFileSync(join(stage, "sw.js"), sw);

// 3. Brotli copies.
let total = 0;
for (const f of walk(stage)) {
  if (!/\.(js|wasm|css|html|webmanifest|json|svg)$/.test(f)) continue;
  const br = brotliCompressSync(readFileSync(f), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: statSync(f).size },
  });
  writeFileSync(f + ".br", br);
  total += br.length;
}
console.log(`post-build: ${bootName}, sw.js (${cacheName}, ${precache.length} files), brotli ${total} bytes`);
