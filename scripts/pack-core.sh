#!/usr/bin/env bash
# The published JS/WASM package: builds the core package (scripts/build-core-pkg.sh), adds the
# Record and Assessment declarations (`hale types`), the README and the licence, and packs it with
# `npm pack` into target/npm/hale-core-<version>.tgz. Prints the tarball's path.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=target/npm/package
bash scripts/build-core-pkg.sh "$out" >&2
cargo run --profile native --bin hale --locked -q -- types >> "$out/hale_core.d.ts"
cp core/npm/README.md COPYING COPYING.LESSER "$out/"
node -e '
const fs = require("fs"), p = process.argv[1] + "/package.json";
const pkg = JSON.parse(fs.readFileSync(p, "utf8"));
pkg.files = [...pkg.files, "README.md", "COPYING", "COPYING.LESSER"];
pkg.exports = { ".": { types: "./hale_core.d.ts", default: "./hale_core.js" }, "./hale_core_bg.wasm": "./hale_core_bg.wasm" };
pkg.sideEffects = ["./snippets/*"];
fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
' "$out"
(cd target/npm && npm pack ./package --pack-destination . --silent)
ls -1 "$PWD"/target/npm/hale-core-*.tgz | tail -1
