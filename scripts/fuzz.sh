#!/usr/bin/env bash
# Fuzzes, each for a bounded time (default 120 s; FUZZ_SECONDS=… to change), the Record parser and
# the assessment (core/fuzz, target parse_record), the enrolment-link parser (target enrol_link),
# what a practice's FHIR server answers (target server_answers: the worklist's searchsets and the
# answers to the outbox's batches), device apps' export files (target device_files), Apple Health
# exports (target apple_health: ZIP and XML, in chunks), the bytes of Bluetooth cuffs and scales
# (target ble), share links as the care team opens them (target share_link: past the seal too) and
# FHIR bundles a person opens or imports (target fhir_import), backups protected with a passphrase
# and a locked database's rows (target sealed_backup), and prints libFuzzer's executions and any crash found.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the pinned stable toolchain accept them.
# Built with AddressSanitizer (cargo-fuzz's default) unless FUZZ_SANITIZER names another (`none`:
# scripts/fuzz-long.sh, about 8 times faster).
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
mkdir -p fuzz/corpus/enrol_link
printf '%s' "e1.eyJwcmFjdGljZSI6IlJpdmVyc2lkZSBTdXJnZXJ5In0.AAAAAAAAAAA" > fuzz/corpus/enrol_link/seed-short
printf '%s' "https://hale.example/#/connect/e1.e30.AAAAAAAAAAA" > fuzz/corpus/enrol_link/seed-link
mkdir -p fuzz/corpus/server_answers
printf '%s' '[{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation","id":"s","code":{"coding":[{"system":"urn:hale:result","code":"monitoring_summary"}]},"subject":{"reference":"Patient/p"},"component":[{"code":{"coding":[{"system":"urn:hale:result","code":"latest_reading_at"}]},"valueDateTime":"2026-11-30T08:00:00Z"},{"code":{"coding":[{"system":"urn:hale:rule","code":"bp.severe"}]},"valueDateTime":"2026-11-30T08:00:00Z"}]}},{"resource":{"resourceType":"Task","status":"completed","code":{"coding":[{"system":"urn:hale:task","code":"review"}]},"for":{"reference":"Patient/p"},"authoredOn":"2026-11-30T09:00:00Z"}}]}]' > fuzz/corpus/server_answers/seed-worklist
printf '%s' '{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created"}}]}' > fuzz/corpus/server_answers/seed-answer
mkdir -p fuzz/corpus/device_files fuzz/corpus/ble fuzz/corpus/apple_health
printf '\x40<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ATTLIST ExportDate value CDATA #REQUIRED\n]>\n<HealthData locale="en_GB">\n<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="2026-11-19 10:01:00 +0000" endDate="2026-11-19 10:01:00 +0000" value="72"><MetadataEntry key="HKWasUserEntered" value="0"/></Record>\n<Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2026-11-19 10:01:00 +0000" endDate="2026-11-19 11:01:00 +0000" value="900"/>\n<Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="OMRON" startDate="2026-11-19 07:05:11 -0500" endDate="2026-11-19 07:05:11 -0500"><Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="OMRON" unit="mmHg" startDate="2026-11-19 07:05:11 -0500" endDate="2026-11-19 07:05:11 -0500" value="142"/><Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="OMRON" unit="mmHg" startDate="2026-11-19 07:05:11 -0500" endDate="2026-11-19 07:05:11 -0500" value="88"/></Correlation>\n</HealthData>\n' > fuzz/corpus/apple_health/seed-xml
# A small export.zip (deflated, data descriptors), made by the project's generator.
# A small ZIP of that XML (the export's path inside; deflated): the fuzzer's inputs are kept to 4 KB
# (-max_len below), where a ZIP still has its headers, a deflate stream and the central directory;
# the 25 KB exports used before spent each run inflating (21 runs a second, against about 4,000).
python3 - <<'PY'
import io, zipfile
xml = open("fuzz/corpus/apple_health/seed-xml", "rb").read()[1:]
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("apple_health_export/export.xml", (2026, 11, 19, 10, 0, 0)), xml, zipfile.ZIP_DEFLATED)
open("fuzz/corpus/apple_health/seed-zip-small", "wb").write(b"\x80" + out.getvalue())
PY
rm -f fuzz/corpus/apple_health/seed-zip
printf 'Date,Time,Systolic (mmHg),Diastolic (mmHg),Pulse (bpm),Symptoms,Consumed,TruRead,Notes\nJan 12 2025,07:05,146,88,64,,,Off,\n' > fuzz/corpus/device_files/seed-omron
printf 'Date,Heart rate,Systolic,Diastolic,Comments\n2025-01-12 07:05:11,64,146,88,\n' > fuzz/corpus/device_files/seed-withings
printf 'com.samsung.shealth.blood_pressure,6310001,3\ncom.samsung.health.blood_pressure.start_time,com.samsung.health.blood_pressure.systolic,com.samsung.health.blood_pressure.diastolic\n2025-01-12 06:05:11.000,146,88\n' > fuzz/corpus/device_files/seed-samsung
printf '[{"logId":1,"weight":176.37,"date":"01/15/25","time":"07:12:44"}]' > fuzz/corpus/device_files/seed-fitbit-weight
printf '[{"dateTime":"01/15/25 07:12:44","value":{"bpm":72,"confidence":2}}]' > fuzz/corpus/device_files/seed-fitbit-hr
printf '\x1e\x78\x00\x50\x00\x5d\x00\xea\x07\x0b\x14\x08\x1e\x00\x48\x00\x01\x00\x00' > fuzz/corpus/ble/seed-bp
printf '\x07\xe5\x44\xea\x07\x0b\x13\x07\x00\x00\x02' > fuzz/corpus/ble/seed-weight
mkdir -p fuzz/corpus/share_link fuzz/corpus/fhir_import
printf '%s' 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' > fuzz/corpus/share_link/seed-token
printf '%s' '{"resourceType":"Bundle","type":"document","entry":[{"resource":{"resourceType":"Patient","birthDate":"1960-01-01","gender":"female"}},{"resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2026-11-20T08:00:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":142,"unit":"mmHg"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":91,"unit":"mmHg"}}]}}]}' > fuzz/corpus/fhir_import/seed-bundle
# The whole log of each goes to target/fuzz-<target>.log; the summary lines are printed. A failing
# run fails the script.
mkdir -p fuzz/corpus/sealed_backup
printf '%s' '{"format":"hale.sealed-backup/1","kdf":"Argon2id","memory_kib":19456,"passes":2,"lanes":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA","sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}' > fuzz/corpus/sealed_backup/seed-backup
printf '%s' '{"id":"o1","sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}' > fuzz/corpus/sealed_backup/seed-row
for target in ${FUZZ_TARGETS:-parse_record enrol_link server_answers device_files apple_health ble share_link fhir_import sealed_backup}; do
  status=0
  # No unbounded allocation (-rss_limit_mb) and no hang (-timeout, seconds per input): either is a
  # crash. FUZZ_LIMIT replaces the time bound (scripts/fuzz-long.sh gives -runs=N).
  extra=""
  [ "$target" = apple_health ] && extra="-max_len=4096"
  RUSTC_BOOTSTRAP=1 cargo fuzz run ${FUZZ_SANITIZER:+-s "$FUZZ_SANITIZER"} "$target" -- ${FUZZ_LIMIT:--max_total_time=$seconds} -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 $extra >"../target/fuzz-$target.log" 2>&1 || status=$?
  echo "fuzz $target:"
  grep -E "stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|crash-" "../target/fuzz-$target.log" || echo "fuzz: no summary lines in target/fuzz-$target.log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: cargo fuzz $target failed (exit $status); see target/fuzz-$target.log"
    exit "$status"
  fi
  if ls "fuzz/artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "fuzz: crashes found in core/fuzz/artifacts/$target/"
    exit 1
  fi
done
echo "fuzz: no crash in ${seconds}s per target"
