#!/usr/bin/env bash
# Quick start: installs whatever is missing, builds the release app and serves it at
# http://127.0.0.1:8080 (PORT=… to change). Press Ctrl+C to stop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs --dir dist --port "${PORT:-8080}"
