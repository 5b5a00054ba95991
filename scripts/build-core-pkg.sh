#!/usr/bin/env bash
# Builds the JS/WASM package of hale-core (feature `js`) into core/pkg/ (or $1): an ES module with
# TypeScript declarations, usable from browsers and Node. Built for speed (profile wasm-speed,
# wasm-opt -O3): it is loaded on demand, not in the app's first load. Not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/wasm-flags.sh
# Default: core/pkg; scripts/build.sh passes dist/pkg (served as /pkg/).
out="${1:-core/pkg}"
cargo rustc -p hale-core --lib --features js --target wasm32-unknown-unknown --profile wasm-speed --locked --crate-type cdylib -q
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name hale_core target/wasm32-unknown-unknown/wasm-speed/hale_core.wasm
wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$out/hale_core_bg.wasm" -o "$out/hale_core_bg.wasm"
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
cat > "$out/package.json" <<JSON
{
  "name": "hale-core",
  "version": "$version",
  "description": "Hale's clinical core as WebAssembly: assess(recordJson, nowIso), rules(), ParsedRecord.",
  "license": "LGPL-3.0-or-later",
  "type": "module",
  "main": "hale_core.js",
  "types": "hale_core.d.ts",
  "files": ["hale_core.js", "hale_core.d.ts", "hale_core_bg.wasm", "hale_core_bg.wasm.d.ts"]
}
JSON
rm -f "$out/.gitignore"
echo "core package: $out ($(stat -c%s "$out/hale_core_bg.wasm") bytes of wasm)"
