#!/usr/bin/env bash
# Fuzzes the Record parser and the assessment (core/fuzz, target parse_record) for a bounded time
# (default 120 s; FUZZ_SECONDS=… to change) and prints libFuzzer's executions and any crash found.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the pinned stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/../core"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
seconds="${FUZZ_SECONDS:-120}"
mkdir -p fuzz/corpus/parse_record
# Seed the corpus with the persona fixtures' records.
for f in tests/fixtures/*.json; do
  python3 -c "import json,sys; print(json.dumps(json.load(open('$f'))['record']))" > "fuzz/corpus/parse_record/seed-$(basename "$f")"
done
# The whole log goes to target/fuzz.log; the summary lines are printed. A failing run fails the script.
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run parse_record -- -max_total_time="$seconds" -print_final_stats=1 >../target/fuzz.log 2>&1 || status=$?
grep -E "stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|crash-" ../target/fuzz.log || echo "fuzz: no summary lines in target/fuzz.log"
if [ "$status" -ne 0 ]; then
  echo "fuzz: cargo fuzz failed (exit $status); see target/fuzz.log"
  exit "$status"
fi
if ls fuzz/artifacts/parse_record/crash-* >/dev/null 2>&1; then
  echo "fuzz: crashes found in core/fuzz/artifacts/parse_record/"
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
