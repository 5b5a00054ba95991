#!/usr/bin/env bash
# Builds the app's full bundle (every page, the whole core) into $1 (default dist/full): the lite
# bundle loads it on the first visit to a page it does not carry. Step 3 of scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/wasm-flags.sh
out="${1:-dist/full}"
cargo build -p hale-app --bin hale-app-full --features full --release --target wasm32-unknown-unknown --locked -q
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name hale-app-full --no-typescript \
  target/wasm32-unknown-unknown/release/hale-app-full.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
  "$out/hale-app-full_bg.wasm" -o "$out/hale-app-full_bg.wasm"
# The styles only its pages use (loaded with it, so the first load does not carry them).
cp app/style/hale-full.css "$out/hale-full.css"
echo "full bundle: $out ($(stat -c%s "$out/hale-app-full_bg.wasm") bytes of wasm)"
