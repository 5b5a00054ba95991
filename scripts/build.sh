#!/usr/bin/env bash
# Release build of the app into dist/ (Trunk; the post-build hook writes the service worker and
# brotli copies). Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release --locked
