#!/usr/bin/env bash
# Benchmarks (docs/contract.md §6, "Budgets"), printed with the budget beside each figure:
#  1. `assess` on a synthetic 10-year record natively (JSON parsing reported separately);
#  2. the same in WebAssembly under Node;
#  3. app start to dashboard with that record in IndexedDB, and `assess` in WebAssembly inside
#     Chromium (release build served on 127.0.0.1; built first when dist/ is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo bench -p hale-core --bench assess --locked -q | grep -E "^native"
bash scripts/build-core-pkg.sh >/dev/null
node scripts/bench-wasm.mjs
[ -f dist/index.html ] || bash scripts/build.sh >/dev/null
node scripts/bench-start.mjs
