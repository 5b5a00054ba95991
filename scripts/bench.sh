#!/usr/bin/env bash
# Benchmarks `assess` on a synthetic 10-year record natively and in WebAssembly (Node); prints both.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo bench -p hale-core --bench assess --locked -q 2>/dev/null | grep -E "^native"
bash scripts/build-core-pkg.sh >/dev/null
node scripts/bench-wasm.mjs
