#!/usr/bin/env bash
# Installs whatever is missing, then runs every test layer. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)
timings=()
step() {
  local name="$1"; shift
  echo
  echo "==> $name"
  local t0; t0=$(date +%s)
  "$@"
  timings+=("$(printf '%5ss  %s' $(( $(date +%s) - t0 )) "$name")")
}

step "set-up" bash scripts/setup.sh
step "format" cargo fmt --all -- --check
step "clippy, host" cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
step "clippy, wasm32 (lite app)" cargo clippy --workspace --exclude hale-cli --all-targets --target wasm32-unknown-unknown --locked -- -D warnings
step "clippy, wasm32 (full app, core JS API)" cargo clippy --workspace --exclude hale-cli --all-targets --all-features --target wasm32-unknown-unknown --locked -- -D warnings
step "clippy, core without its optional features" cargo clippy -p hale-core --lib --no-default-features --target wasm32-unknown-unknown --locked -- -D warnings
step "core and app tests, native" cargo test --workspace --all-features --locked
step "core tests, wasm32 (Node)" cargo test -p hale-core --target wasm32-unknown-unknown --locked
step "app browser tests: store and components, lite (headless Chromium)" cargo test -p hale-app --target wasm32-unknown-unknown --locked
step "app component tests, full bundle (headless Chromium)" cargo test -p hale-app --features full --target wasm32-unknown-unknown --locked --test components --test lock
step "JS/WASM API package, same output as the CLI" bash -c "bash scripts/build-core-pkg.sh && cargo build --profile native --bin hale --locked -q && node --test tests/js/"
step "care team: transactions on a real FHIR server (helios-hfs, bearer tokens) and the deploy origins" bash -c "cargo build --profile native --bin hale --locked -q && node --test tests/care-team/"
step "published npm package (npm pack; fresh Node project, tsc, fresh browser page)" bash -c "bash scripts/pack-core.sh >/dev/null && node --test tests/npm/"
step "independent parsers (Python: icalendar, fhir.resources)" bash -c "cargo build --profile native --bin hale --locked -q && .venv/bin/python -m pytest -q tests/py"
step "fuzz the parsers, 10 s each (Record, enrolment links, server answers, device files, Apple Health exports, Bluetooth bytes, share links, FHIR bundles, sealed backups)" env FUZZ_SECONDS=10 bash scripts/fuzz.sh
step "release build" bash scripts/build.sh
step "size budget" node scripts/audit-size.mjs
step "end-to-end (Playwright + axe)" bash -c "cd tests/e2e && node run.mjs"
step "Lighthouse (mobile)" bash -c "cd tests/e2e && node lighthouse.mjs"

echo
echo "All test layers passed in $(( $(date +%s) - start ))s:"
printf '%s\n' "${timings[@]}"
