# Sourced by every script that builds release WebAssembly (scripts/build.sh, build-core-pkg.sh,
# build-full.sh), so they all build with the same flags and nothing is rebuilt between them.
# The WebAssembly names its panics' source files; the dependencies' live under the machine's cargo
# home (`/root/.cargo/registry/src/index.crates.io-…/yew-0.23.0/src/…`). Shortening that prefix to
# `~` makes every bundle smaller (about 400 bytes of the first load, brotli) and the same on any
# machine.
remap=""
for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$d" ] && remap+=" --remap-path-prefix=${d%/}=~"
done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${remap# }"
