#!/usr/bin/env node
// Writes a synthetic Apple Health export (never a real person's data), seeded, for the import's
// end-to-end test and its benchmark (scripts/bench-import.mjs):
//
//   node scripts/gen-apple-health.mjs --out export.zip [--mb 500] [--years 5] [--seed 1]
//        [--well-formed] [--now 2026-11-20T09:00:00Z]
//
// The real mix of record types, day by day, grouped by type as the Health app writes them: a
// watch's heart rate every few minutes, steps from the phone and the watch (overlapping), energy
// and distance (kinds Hale does not keep), exercise minutes, sleep stages inside "in bed", a
// wrist SpO2 and breathing rate at night, a cuff's blood pressure as top-level records and again as
// correlations with its pulse, a weekly weight in pounds, glucose in mg/dL; dates in Europe/London
// local time with its summer-time changes (`+0000` / `+0100`). By default the malformed DOCTYPE
// and a stray control character some iOS versions write are included; --well-formed leaves them
// out (healthkit-to-sqlite stops at them). `.zip` output is deflated with data descriptors after
// each entry (as the phone writes it), the XML entry named in Spanish (`exportar.xml`: found by its
// content) after an export_cda.xml; `.xml` writes the XML alone. --mb is the XML's size (the
// years repeat with new dates until it is reached, or --years bounds it when --mb is 0).
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import zlib from "node:zlib";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = opt("out", "export.zip");
const targetMb = Number(opt("mb", "0"));
const years = Number(opt("years", "5"));
const wellFormed = args.includes("--well-formed");
const now = new Date(opt("now", "2026-11-20T09:00:00Z"));
let seed = Number(opt("seed", "1")) >>> 0 || 1;
const rand = () => {
  // xorshift32: the same file for the same seed.
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 4294967296;
};
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// Europe/London: summer time from 01:00 UTC on the last Sunday of March to the last Sunday of October.
const lastSunday = (y, m) => {
  const d = new Date(Date.UTC(y, m + 1, 0, 1));
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.getTime();
};
const offsetHours = (t) => {
  const y = new Date(t).getUTCFullYear();
  return t >= lastSunday(y, 2) && t < lastSunday(y, 9) ? 1 : 0;
};
const pad = (n) => String(n).padStart(2, "0");
const stamp = (t) => {
  const h = offsetHours(t);
  const d = new Date(t + h * 3600e3);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0${h}00`;
};

const WATCH = "Alex’s Apple Watch";
const WATCH_DEVICE = "&lt;&lt;HKDevice: 0x283a4c1e0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;";
const PHONE = "Alex’s iPhone";
const PHONE_DEVICE = "&lt;&lt;HKDevice: 0x283a4c2a0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.1&gt;";
const record = (type, source, device, unit, start, end, value, inner = "") => {
  const u = unit ? ` unit="${unit}"` : "";
  const d = device ? ` device="${device}"` : "";
  const head = ` <Record type="${type}" sourceName="${source}" sourceVersion="10.1"${d}${u} creationDate="${stamp(end)}" startDate="${stamp(start)}" endDate="${stamp(end)}" value="${value}"`;
  return inner ? `${head}>\n${inner} </Record>\n` : `${head}/>\n`;
};

const DAY = 86400e3;
const end = Math.floor(now.getTime() / DAY) * DAY;
// The days of one pass: `years` back from now (a second pass for a larger --mb goes further back).
const days = (pass) => {
  const list = [];
  const n = Math.round(years * 365.25);
  for (let i = n * (pass + 1); i > n * pass; i--) list.push(end - i * DAY);
  return list;
};

// One type's records over the days, as text pieces.
function* heartRate(ds) {
  for (const day of ds) {
    for (let t = day + 7 * 3600e3; t < day + 23 * 3600e3; t += int(3, 7) * 60e3) {
      if (t > now.getTime()) return;
      yield record("HKQuantityTypeIdentifierHeartRate", WATCH, WATCH_DEVICE, "count/min", t, t, int(58, 96),
        `  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="${int(0, 2)}"/>\n`);
    }
  }
}
function* stepsAndMore(ds) {
  for (const [type, unit, lo, hi, perDay] of [
    ["HKQuantityTypeIdentifierStepCount", "count", 20, 900, 40],
    ["HKQuantityTypeIdentifierActiveEnergyBurned", "kcal", 1, 40, 60],
    ["HKQuantityTypeIdentifierDistanceWalkingRunning", "km", 0.01, 0.8, 40],
  ]) {
    for (const day of ds) {
      for (const [source, device] of [[PHONE, PHONE_DEVICE], [WATCH, WATCH_DEVICE]]) {
        for (let i = 0; i < perDay / 2; i++) {
          const t = day + 7 * 3600e3 + i * (15 * 3600e3 / (perDay / 2));
          if (t + 600e3 > now.getTime()) break;
          const v = unit === "km" ? (lo + rand() * (hi - lo)).toFixed(4) : int(lo, hi);
          yield record(type, source, device, unit, t, t + 600e3, v);
        }
      }
    }
  }
}
function* exercise(ds) {
  for (const day of ds) {
    for (let i = 0; i < int(0, 40); i++) {
      const t = day + 17 * 3600e3 + i * 60e3;
      if (t > now.getTime()) return;
      yield record("HKQuantityTypeIdentifierAppleExerciseTime", WATCH, WATCH_DEVICE, "min", t, t + 60e3, 1);
    }
  }
}
function* night(ds) {
  for (const day of ds) {
    const bed = day - 1.5 * 3600e3;
    const rise = day + 6.5 * 3600e3;
    if (rise > now.getTime()) return;
    yield record("HKCategoryTypeIdentifierSleepAnalysis", PHONE, "", "", bed, rise, "HKCategoryValueSleepAnalysisInBed");
    let t = bed + 20 * 60e3;
    const stages = ["AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM", "Awake"];
    while (t < rise - 30 * 60e3) {
      const len = int(15, 70) * 60e3;
      yield record("HKCategoryTypeIdentifierSleepAnalysis", WATCH, WATCH_DEVICE, "", t, Math.min(t + len, rise), `HKCategoryValueSleepAnalysis${stages[int(0, 4)]}`);
      t += len;
    }
    for (let i = 0; i < 6; i++) {
      const s = bed + (i + 1) * 3600e3;
      yield record("HKQuantityTypeIdentifierOxygenSaturation", WATCH, WATCH_DEVICE, "%", s, s, (int(93, 99) / 100).toFixed(2));
      yield record("HKQuantityTypeIdentifierRespiratoryRate", WATCH, WATCH_DEVICE, "count/min", s, s, (12 + rand() * 6).toFixed(1));
    }
  }
}
function* cuff(ds, correlations) {
  // The last two years: a morning reading most days, with its pulse.
  for (const day of ds.slice(-730)) {
    if (rand() < 0.3) continue;
    const t = day + 7 * 3600e3 + int(0, 3600) * 1000;
    if (t > now.getTime()) return;
    const s = int(118, 158);
    const d = int(70, Math.min(98, s - 30));
    const sys = record("HKQuantityTypeIdentifierBloodPressureSystolic", "OMRON connect", "", "mmHg", t, t, s);
    const dia = record("HKQuantityTypeIdentifierBloodPressureDiastolic", "OMRON connect", "", "mmHg", t, t, d);
    yield sys + dia;
    yield record("HKQuantityTypeIdentifierHeartRate", "OMRON connect", "", "count/min", t, t, int(55, 90));
    correlations.push(` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="OMRON connect" sourceVersion="1" creationDate="${stamp(t)}" startDate="${stamp(t)}" endDate="${stamp(t)}">\n  <MetadataEntry key="HKWasUserEntered" value="0"/>\n${sys}${dia} </Correlation>\n`);
  }
}
function* scaleAndMeter(ds) {
  for (const day of ds) {
    const t = day + 7.5 * 3600e3;
    if (t > now.getTime()) return;
    if (new Date(day).getUTCDay() === 1) {
      yield record("HKQuantityTypeIdentifierBodyMass", "Withings", "", "lb", t, t, (150 + rand() * 10).toFixed(1));
    }
    if (rand() < 0.2) {
      yield record("HKQuantityTypeIdentifierBloodGlucose", "Contour", "", "mg/dL", t, t, int(85, 130),
        `  <MetadataEntry key="HKBloodGlucoseMealTime" value="1"/>\n`);
    }
  }
}

const PROLOGUE_BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
]>
`;
const PROLOGUE_OK = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData ANY>
]>
`;

async function main() {
  const zip = out.endsWith(".zip");
  const file = createWriteStream(out);
  let written = 0; // compressed (or plain) bytes in the file
  let xmlBytes = 0;
  const put = async (buf) => {
    written += buf.length;
    if (!file.write(buf)) await once(file, "drain");
  };
  const central = [];
  // One entry: deflated with a data descriptor (zip) or written as is (xml).
  async function entry(name, pieces) {
    if (!zip) {
      for await (const p of pieces) {
        const b = Buffer.from(p);
        xmlBytes += b.length;
        await put(b);
      }
      return;
    }
    const offset = written;
    const nameBuf = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 6); // sizes in a data descriptor
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(0x6000, 10);
    h.writeUInt16LE(0x5974, 12);
    h.writeUInt16LE(nameBuf.length, 26);
    await put(Buffer.concat([h, nameBuf]));
    const deflate = zlib.createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let packed = 0;
    const drained = (async () => {
      for await (const c of deflate) {
        packed += c.length;
        await put(c);
      }
    })();
    let batch = [];
    let batchLen = 0;
    const flush = async () => {
      const b = Buffer.from(batch.join(""));
      batch = [];
      batchLen = 0;
      crc = zlib.crc32(b, crc);
      size += b.length;
      if (!deflate.write(b)) await once(deflate, "drain");
    };
    for await (const p of pieces) {
      batch.push(p);
      batchLen += p.length;
      if (batchLen > 1 << 20) await flush();
    }
    await flush();
    deflate.end();
    await drained;
    if (size >= 2 ** 32 || packed >= 2 ** 32) throw new Error("entries of 4 GB or more need ZIP64, which this generator does not write");
    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(crc >>> 0, 4);
    dd.writeUInt32LE(packed, 8);
    dd.writeUInt32LE(size, 12);
    await put(dd);
    if (name.endsWith("exportar.xml")) xmlBytes = size;
    central.push({ nameBuf, crc, packed, size, offset });
  }

  async function* xml() {
    yield wellFormed ? PROLOGUE_OK : PROLOGUE_BROKEN;
    yield `<HealthData locale="es_ES">\n <ExportDate value="${stamp(now.getTime())}"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth="1961-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexMale"/>\n`;
    let size = 0;
    const target = targetMb * 1e6;
    for (let pass = 0; pass === 0 || size < target; pass++) {
      const ds = days(pass);
      const correlations = [];
      for (const gen of [heartRate(ds), cuff(ds, correlations), stepsAndMore(ds), exercise(ds), night(ds), scaleAndMeter(ds)]) {
        for (const piece of gen) {
          size += piece.length;
          yield piece;
          if (target && size >= target && pass > 0) break;
        }
        if (!wellFormed && pass === 0) yield "\u000b\n";
      }
      for (const c of correlations) {
        size += c.length;
        yield c;
      }
      if (!targetMb) break;
    }
    yield ` <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="31.5" durationUnit="min" sourceName="${WATCH}" startDate="${stamp(end - DAY)}" endDate="${stamp(end - DAY + 1890e3)}"/>\n`;
    yield "</HealthData>\n";
  }
  async function* cda() {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n`;
    for (let i = 0; i < 2000; i++) yield `<entry><observation><code code="8867-4"/><value value="${int(55, 95)}" unit="/min"/></observation></entry>\n`;
    yield "</ClinicalDocument>\n";
  }
  if (zip) {
    await entry("apple_health_export/export_cda.xml", cda());
    await entry("apple_health_export/exportar.xml", xml());
    await entry("apple_health_export/workout-routes/route_2026-11-19_6.41pm.gpx", (async function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1"><trk><trkseg/></trk></gpx>\n`;
    })());
    const at = written;
    for (const e of central) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(8, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(0x6000, 12);
      c.writeUInt16LE(0x5974, 14);
      c.writeUInt32LE(e.crc >>> 0, 16);
      c.writeUInt32LE(e.packed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.nameBuf.length, 28);
      c.writeUInt32LE(e.offset, 42);
      await put(Buffer.concat([c, e.nameBuf]));
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(central.length, 8);
    eocd.writeUInt16LE(central.length, 10);
    eocd.writeUInt32LE(written - at, 12);
    eocd.writeUInt32LE(at, 16);
    await put(eocd);
  } else {
    await entry("export.xml", xml());
  }
  file.end();
  await once(file, "finish");
  console.log(JSON.stringify({ out, bytes: written, xml_bytes: xmlBytes }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
