#!/usr/bin/env bash
# The long fuzzing run (not part of the test command; hours on 2 cores, so run it in the background):
# 10 million executions of each parser that reads other people's input — a backup or Record file
# (parse_record), enrolment links (enrol_link), a practice server's answers (server_answers), device
# apps' files (device_files), Apple Health exports (apple_health), share links and the summaries
# behind them (share_link), FHIR bundles (fhir_import), backups protected with a passphrase (sealed_backup) — and 1 million of the rest (Bluetooth bytes,
# ble), each with -rss_limit_mb=2048 and -timeout=10 (scripts/fuzz.sh), stopping at the first crash.
# Figures (executions, time, peak memory) are added to target/fuzz-long.txt (one run's figures are
# kept when the next run does other targets); a crash found becomes a named
# regression test in the test of that parser (core/tests/…).
# Built without a sanitizer (FUZZ_SANITIZER=none unless set): the core forbids unsafe code, so
# AddressSanitizer could only catch memory errors inside dependencies, and it made runs about 8 times
# slower (device_files: ~1,000 against ~7,900 a second), mostly in its allocator. Panics, memory
# over the limit and hangs are caught either way; the test command's short runs keep the sanitizer.
#   bash scripts/fuzz-long.sh [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/fuzz-long.txt
mkdir -p target
echo "fuzz-long started $(date -u +%FT%TZ): ${*:-all targets}" >> "$out"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parse_record enrol_link server_answers device_files apple_health share_link fhir_import sealed_backup ble)
for t in "${targets[@]}"; do
  runs=10000000
  [ "$t" = ble ] && runs=1000000
  start=$(date +%s)
  FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}" FUZZ_TARGETS="$t" FUZZ_LIMIT="-runs=$runs" bash scripts/fuzz.sh | tee -a "$out"
  echo "fuzz-long $t: $runs runs asked, $(( $(date +%s) - start )) s, $(date -u +%FT%TZ)" | tee -a "$out"
done
