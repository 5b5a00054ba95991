#!/usr/bin/env bash
# Release build of the app into dist/, as visible steps (each named as it runs, any failure stops
# the build). Assumes scripts/setup.sh has run.
#   1. the lite bundle and the page shell (Trunk);
#   2. the core's JS/WASM package, for the core worker (dist/pkg/);
#   3. the full bundle (dist/full/);
#   4. the worker and the stored-record schema it reads, beside the package;
#   5. the boot script, the service worker and the brotli copies (scripts/post-build.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/wasm-flags.sh
step() {
  echo "build: $1"
  shift
  "$@"
}
# The lite bundle's panics keep their message but not their source location (file, line, column):
# about 3 KB less first load, brotli, so ordinary changes fit the 200 KB budget (docs/decisions.md).
# -Zlocation-detail is a rustc flag not yet stable; RUSTC_BOOTSTRAP lets the pinned stable toolchain
# accept it (as scripts/fuzz.sh does for cargo-fuzz). The full bundle keeps its locations.
step "1/5 lite bundle (trunk build --release)" env RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -Zlocation-detail=none" \
  trunk build --release --locked
step "2/5 core package for the worker" bash scripts/build-core-pkg.sh dist/pkg
step "3/5 full bundle" bash scripts/build-full.sh dist/full
step "4/5 core worker and embedding script" cp app/js/core-worker.js dist/pkg/worker.js
cp app/js/store-schema.mjs dist/pkg/store-schema.js
cp app/js/outbox.mjs dist/pkg/outbox.js
# The passphrase lock's seal and open for those readers and writers (app/js/sealed.mjs).
cp app/js/sealed.mjs dist/pkg/sealed.js
# The import page's worker for large exports (app/js/import-worker.js), beside the package it imports.
cp app/js/import-worker.js dist/pkg/import-worker.js
# The host contract, loaded by the boot script only when Hale is framed (docs/embedding.md).
cp app/js/embed.js dist/embed.js
# The bridge to the NHS App's JavaScript API, loaded only in the NHS App (app/js/boot-first.js).
cp app/js/nhsapp.js dist/nhsapp.js
# The package's npm metadata and type declarations are for hosts, not for the app's server.
rm -f dist/pkg/package.json dist/pkg/hale_core.d.ts dist/pkg/hale_core_bg.wasm.d.ts
step "5/5 boot script, service worker, brotli" node scripts/post-build.mjs dist
