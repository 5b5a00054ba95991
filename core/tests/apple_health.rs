//! Apple Health's export read as a stream (`hale_core::apple_health`), from fixtures these tests
//! write themselves (never a real person's data): every kind Hale keeps with its units, blood
//! pressure once although Apple lists it twice, a watch's samples summarised and never judged,
//! overlapping devices chosen, the quirks of real exports tolerated, the same answer whatever the
//! chunk sizes, a ZIP with data descriptors and a localised XML name, re-import adding nothing,
//! old readings raising nothing, and memory bounded by one tag, not the file.
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use hale_core::apple_health::{self, Reader};
use hale_core::device_files::{Imported, LeftOut};
use serde_json::{json, Value};

const NOW: &str = "2026-11-20T09:00:00Z";

fn now() -> chrono::DateTime<chrono::Utc> {
    hale_core::time::parse_rfc3339(NOW).expect("now")
}

/// The prologue real exports have, with the malformed DOCTYPE some iOS versions write (an
/// internal subset that is never closed properly) and a stray control character.
const PROLOGUE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>\n<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n<!ATTLIST ExportDate value CDATA #REQUIRED\n<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>\n]>\n<HealthData locale=\"en_GB\">\n <ExportDate value=\"2026-11-20 08:59:00 +0000\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1960-01-01\" HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexFemale\"/>\n";

const WATCH: &str = "Jane’s Apple&#160;Watch";
const WATCH_DEVICE: &str = "&lt;&lt;HKDevice: 0x2834&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.0&gt;";

fn rec(ty: &str, source: &str, unit: &str, start: &str, end: &str, value: &str, extra: &str) -> String {
    let unit = if unit.is_empty() { String::new() } else { format!(" unit=\"{unit}\"") };
    if extra.is_empty() {
        format!(" <Record type=\"{ty}\" sourceName=\"{source}\" sourceVersion=\"17.1\"{unit} creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"{value}\"/>\n")
    } else {
        format!(" <Record type=\"{ty}\" sourceName=\"{source}\" sourceVersion=\"17.1\"{unit} creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"{value}\">\n{extra} </Record>\n")
    }
}

fn watch_hr(at: &str, bpm: u32) -> String {
    format!(" <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"{WATCH}\" sourceVersion=\"9.0\" device=\"{WATCH_DEVICE}\" unit=\"count/min\" creationDate=\"{at}\" startDate=\"{at}\" endDate=\"{at}\" value=\"{bpm}\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n")
}

fn bp(at: &str, s: u32, d: u32) -> (String, String) {
    let app = "OMRON connect";
    let member = |ty: &str, v: u32| rec(ty, app, "mmHg", at, at, &v.to_string(), "");
    let top = member("HKQuantityTypeIdentifierBloodPressureSystolic", s)
        + &member("HKQuantityTypeIdentifierBloodPressureDiastolic", d);
    let corr = format!(
        " <Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\" sourceName=\"{app}\" sourceVersion=\"1\" creationDate=\"{at}\" startDate=\"{at}\" endDate=\"{at}\">\n  <MetadataEntry key=\"HKWasUserEntered\" value=\"0\"/>\n{} </Correlation>\n",
        top
    );
    (top, corr)
}

/// An export with every kind Hale keeps, in the order real exports list them (records by type,
/// then correlations, then workouts and activity summaries).
fn export_xml() -> String {
    let mut x = String::from(PROLOGUE);
    // Blood pressure: top-level copies first, then one reading of its own with no correlation.
    let (top1, corr1) = bp("2026-11-19 07:05:11 -0500", 142, 88);
    let (top2, corr2) = bp("2024-03-02 08:00:00 +0000", 182, 95);
    x += &top1;
    x += &top2;
    let (loose, _) = bp("2026-11-18 07:00:00 +0000", 128, 79);
    x += &loose;
    // A watch's heart rate: three samples in one recent hour, two on one old day.
    x += &watch_hr("2026-11-19 10:01:00 +0000", 70);
    x += &watch_hr("2026-11-19 10:21:00 +0000", 80);
    x += &watch_hr("2026-11-19 10:41:00 +0000", 90);
    x += &watch_hr("2025-01-10 09:00:00 +0000", 60);
    x += &watch_hr("2025-01-10 15:00:00 +0000", 64);
    // A very fast watch sample an hour ago (a run): continuous, never judged.
    x += &watch_hr("2026-11-20 08:10:00 +0000", 175);
    // A pulse from the cuff's app: a spot check.
    x += &rec(
        "HKQuantityTypeIdentifierHeartRate",
        "OMRON connect",
        "count/min",
        "2026-11-19 07:05:11 -0500",
        "2026-11-19 07:05:11 -0500",
        "66",
        "",
    );
    // SpO2 as a fraction, typed in.
    x += &rec(
        "HKQuantityTypeIdentifierOxygenSaturation",
        "Health",
        "%",
        "2026-11-19 09:00:00 +0000",
        "2026-11-19 09:00:00 +0000",
        "0.97",
        "  <MetadataEntry key=\"HKWasUserEntered\" value=\"1\"/>\n",
    );
    // Weight in pounds and in kilograms.
    x += &rec(
        "HKQuantityTypeIdentifierBodyMass",
        "Withings",
        "lb",
        "2026-11-01 07:00:00 +0000",
        "2026-11-01 07:00:00 +0000",
        "154.3",
        "",
    );
    x += &rec(
        "HKQuantityTypeIdentifierBodyMass",
        "Withings",
        "kg",
        "2026-11-15 07:00:00 +0000",
        "2026-11-15 07:00:00 +0000",
        "69.8",
        "",
    );
    // Glucose in mg/dL before a meal, and in Apple's mmol unit.
    x += &rec(
        "HKQuantityTypeIdentifierBloodGlucose",
        "Contour",
        "mg/dL",
        "2026-11-18 07:30:00 +0000",
        "2026-11-18 07:30:00 +0000",
        "108",
        "  <MetadataEntry key=\"HKBloodGlucoseMealTime\" value=\"1\"/>\n",
    );
    x += &rec(
        "HKQuantityTypeIdentifierBloodGlucose",
        "Contour",
        "mmol&lt;180.1558800000541&gt;/L",
        "2026-11-18 12:30:00 +0000",
        "2026-11-18 12:30:00 +0000",
        "7.2",
        "",
    );
    // Temperature in Fahrenheit; a breathing rate typed in.
    x += &rec(
        "HKQuantityTypeIdentifierBodyTemperature",
        "Health",
        "degF",
        "2026-11-17 20:00:00 +0000",
        "2026-11-17 20:00:00 +0000",
        "98.6",
        "",
    );
    x += &rec(
        "HKQuantityTypeIdentifierRespiratoryRate",
        "Health",
        "count/min",
        "2026-11-17 20:00:00 +0000",
        "2026-11-17 20:00:00 +0000",
        "16",
        "  <MetadataEntry key=\"HKWasUserEntered\" value=\"1\"/>\n",
    );
    // Steps on one day from both the phone and the watch (overlapping), and the phone alone another day.
    for (src, start, end, n) in [
        ("iPhone", "2026-11-18 08:00:00 +0000", "2026-11-18 09:00:00 +0000", "3000"),
        ("iPhone", "2026-11-18 17:00:00 +0000", "2026-11-18 18:00:00 +0000", "2000"),
        (WATCH, "2026-11-18 08:00:00 +0000", "2026-11-18 09:00:00 +0000", "3500"),
        (WATCH, "2026-11-18 17:00:00 +0000", "2026-11-18 18:00:00 +0000", "2600"),
        ("iPhone", "2026-11-17 10:00:00 +0000", "2026-11-17 11:00:00 +0000", "4200"),
    ] {
        x += &rec("HKQuantityTypeIdentifierStepCount", src, "count", start, end, n, "");
    }
    // A night: in bed 22:30–06:30, asleep in stages 23:00–06:00 with 30 minutes awake.
    for (start, end, value) in [
        ("2026-11-17 22:30:00 +0000", "2026-11-18 06:30:00 +0000", "HKCategoryValueSleepAnalysisInBed"),
        ("2026-11-17 23:00:00 +0000", "2026-11-18 01:00:00 +0000", "HKCategoryValueSleepAnalysisAsleepCore"),
        ("2026-11-18 01:00:00 +0000", "2026-11-18 02:00:00 +0000", "HKCategoryValueSleepAnalysisAsleepDeep"),
        ("2026-11-18 02:00:00 +0000", "2026-11-18 02:30:00 +0000", "HKCategoryValueSleepAnalysisAwake"),
        ("2026-11-18 02:30:00 +0000", "2026-11-18 04:00:00 +0000", "HKCategoryValueSleepAnalysisAsleepREM"),
        ("2026-11-18 04:00:00 +0000", "2026-11-18 06:00:00 +0000", "HKCategoryValueSleepAnalysisAsleepCore"),
    ] {
        x += &rec("HKCategoryTypeIdentifierSleepAnalysis", WATCH, "", start, end, value, "");
    }
    // Exercise minutes: a finished week (Mon 9 – Sun 15 Nov 2026) and the week in progress.
    for (at, min) in
        [("2026-11-10 18:00:00 +0000", "30"), ("2026-11-12 18:00:00 +0000", "45"), ("2026-11-18 18:00:00 +0000", "20")]
    {
        x += &rec("HKQuantityTypeIdentifierAppleExerciseTime", WATCH, "min", at, at, min, "");
    }
    // Kinds Hale does not keep, a reading dated in the future and one no one could have.
    x += &rec(
        "HKQuantityTypeIdentifierActiveEnergyBurned",
        WATCH,
        "kcal",
        "2026-11-18 08:00:00 +0000",
        "2026-11-18 09:00:00 +0000",
        "120",
        "",
    );
    x += &rec(
        "HKQuantityTypeIdentifierDistanceWalkingRunning",
        "iPhone",
        "km",
        "2026-11-18 08:00:00 +0000",
        "2026-11-18 09:00:00 +0000",
        "2.1",
        "",
    );
    x += &rec(
        "HKQuantityTypeIdentifierBodyMass",
        "Withings",
        "kg",
        "2027-01-01 07:00:00 +0000",
        "2027-01-01 07:00:00 +0000",
        "70",
        "",
    );
    x += &rec(
        "HKQuantityTypeIdentifierBodyMass",
        "Withings",
        "kg",
        "2026-11-16 07:00:00 +0000",
        "2026-11-16 07:00:00 +0000",
        "7000",
        "",
    );
    x += "\u{0b}\n";
    x += &corr1;
    x += &corr2;
    x += " <Workout workoutActivityType=\"HKWorkoutActivityTypeWalking\" duration=\"30\" durationUnit=\"min\" sourceName=\"Watch\" startDate=\"2026-11-18 08:00:00 +0000\" endDate=\"2026-11-18 08:30:00 +0000\">\n  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2026-11-18 08:10:00 +0000\"/>\n </Workout>\n";
    x += " <ActivitySummary dateComponents=\"2026-11-18\" activeEnergyBurned=\"300\" appleExerciseTime=\"20\"/>\n";
    x += "</HealthData>\n";
    x
}

/// A ZIP archive of `(name, bytes)` entries, deflated, written as the Health app writes them:
/// sizes in a data descriptor after each entry's data, then the central directory.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = 0u32; // readers that stream never check it before the data ends; Hale does not.
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&8u16.to_le_bytes()); // flags: data descriptor
            h.extend_from_slice(&8u16.to_le_bytes()); // deflate
            h.extend_from_slice(&[0, 0, 0x21, 0]);
            let sizes = if central { (crc, packed.len() as u32, data.len() as u32) } else { (0, 0, 0) };
            h.extend_from_slice(&sizes.0.to_le_bytes());
            h.extend_from_slice(&sizes.1.to_le_bytes());
            h.extend_from_slice(&sizes.2.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                h.extend_from_slice(&[0; 8]);
                h.extend_from_slice(&0u32.to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&packed);
        out.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    let len = central.len() as u32;
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn find<'a>(got: &'a Imported, id: &str) -> &'a hale_core::record::Observation {
    got.observations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("{id} in {:#?}", ids(got)))
}

fn ids(got: &Imported) -> Vec<String> {
    got.observations.iter().map(|o| o.id.clone()).collect()
}

fn value(o: &hale_core::record::Observation) -> Value {
    hale_core::write::observation_to_value(o)
}

fn left(got: &Imported, why: LeftOut) -> usize {
    got.left_out.iter().find(|(w, _)| *w == why).map_or(0, |(_, n)| *n)
}

#[test]
fn every_kind_is_read_in_the_records_units_and_blood_pressure_once() {
    let got = apple_health::read(export_xml().as_bytes(), now()).expect("an export");
    // Blood pressure: the correlations, and the reading only listed at the top level; each once.
    let bps: Vec<Value> =
        got.observations.iter().filter(|o| o.kind().as_str() == "blood_pressure").map(value).collect();
    assert_eq!(bps.len(), 3, "{bps:#?}");
    let recent = find(&got, "imp-apple_health-blood_pressure-20261119T120511-142.0-88.0");
    assert_eq!(value(recent)["source"]["device"], "OMRON connect");
    assert_eq!(value(recent)["source"]["user_entered"], false);
    find(&got, "imp-apple_health-blood_pressure-20261118T070000-128.0-79.0");
    assert_eq!(left(&got, LeftOut::Duplicate), 2, "the two top-level copies of correlations");
    // A watch's heart rate: one recent hour's mean, one old day's mean, the run's hour; all continuous.
    let hour = value(find(&got, "imp-apple_health-heart_rate-hour-20261119T10"));
    assert_eq!((hour["bpm"].as_f64(), hour["at"].as_str()), (Some(80.0), Some("2026-11-19T10:00:00Z")));
    assert_eq!(hour["source"]["continuous"], true);
    assert_eq!(hour["source"]["device"], "Apple Watch");
    let day = value(find(&got, "imp-apple_health-heart_rate-day-20250110"));
    assert_eq!((day["bpm"].as_f64(), day["at"].as_str()), (Some(62.0), Some("2025-01-10T12:00:00Z")));
    assert_eq!(day["source"]["continuous"], true);
    // The cuff's pulse is a spot check; SpO2 0.97 is 97 % and typed in.
    let pulse = value(find(&got, "imp-apple_health-heart_rate-20261119T120511-66.0"));
    assert!(pulse["source"].get("continuous").is_none_or(|c| c == false));
    let spo2 = value(find(&got, "imp-apple_health-spo2-20261119T090000-97.0"));
    assert_eq!(spo2["source"]["user_entered"], true);
    // Weight: pounds converted; glucose: mg/dL converted (before a meal), Apple's mmol unit as is.
    assert_eq!(value(find(&got, "imp-apple_health-weight-20261101T070000-70.0"))["kg"].as_f64(), Some(70.0));
    find(&got, "imp-apple_health-weight-20261115T070000-69.8");
    let g = value(find(&got, "imp-apple_health-glucose-20261118T073000-\"before_meal\"-6.0"));
    assert_eq!(g["mmol_l"].as_f64(), Some(6.0));
    find(&got, "imp-apple_health-glucose-20261118T123000-\"random\"-7.2");
    assert_eq!(value(find(&got, "imp-apple_health-temperature-20261117T200000-37.0"))["celsius"].as_f64(), Some(37.0));
    find(&got, "imp-apple_health-respiratory_rate-20261117T200000-16.0");
    // Steps: the watch counted more on the 18th (6,100 against 5,000): kept, not added (11,100).
    let steps = value(find(&got, "imp-apple_health-steps-20261118"));
    assert_eq!(steps["count"].as_f64(), Some(6100.0));
    assert_eq!(steps["source"]["device"], "Jane’s Apple\u{a0}Watch");
    assert_eq!(value(find(&got, "imp-apple_health-steps-20261117"))["count"].as_f64(), Some(4200.0));
    // Sleep: 6.5 h asleep (stages only; not in bed, not awake), on the night's end date.
    let sleep = value(find(&got, "imp-apple_health-sleep-20261118"));
    assert_eq!((sleep["hours"].as_f64(), sleep["at"].as_str()), (Some(6.5), Some("2026-11-18T06:00:00Z")));
    // Exercise: the finished week's 75 minutes; the week in progress not yet.
    let week = value(find(&got, "imp-apple_health-activity-20261109"));
    assert_eq!(week["moderate_min_per_week"].as_f64(), Some(75.0));
    assert!(!ids(&got).iter().any(|i| i.starts_with("imp-apple_health-activity-20261116")));
    // Left out, with reasons: two kinds not kept, a future reading, a weight no one could have.
    assert_eq!(left(&got, LeftOut::Unsupported), 2);
    assert_eq!(left(&got, LeftOut::Implausible), 2, "{:?}", got.issues);
    assert!(got.notes.iter().any(|n| n.contains("hourly averages")), "{:?}", got.notes);
    assert!(got.notes.iter().any(|n| n.starts_with("Steps") && n.contains("more than one device")), "{:?}", got.notes);
    assert!(got.notes.iter().any(|n| n.contains("week still in progress")), "{:?}", got.notes);
    // Every reading is one the Record accepts, written and read back the same.
    for o in &got.observations {
        assert_eq!(hale_core::write::read_back::observation(&value(o)).as_ref(), Some(o));
    }
}

#[test]
fn any_chunk_sizes_and_a_zip_with_data_descriptors_give_the_same_readings() {
    let xml = export_xml();
    let whole = apple_health::read(xml.as_bytes(), now()).expect("an export");
    // The XML file's name is the phone's language's; another XML file comes first.
    let cda = format!("<?xml version=\"1.0\"?><ClinicalDocument>{}</ClinicalDocument>", "x".repeat(100_000));
    let archive = zip(&[
        ("apple_health_export/export_cda.xml", cda.as_bytes()),
        ("apple_health_export/exportar.xml", xml.as_bytes()),
        ("apple_health_export/workout-routes/route_2026-11-18.gpx", b"<gpx/>"),
    ]);
    for bytes in [xml.as_bytes(), archive.as_slice()] {
        for size in [1usize, 7, 64, 4096, 1 << 20] {
            let mut r = Reader::new(now());
            for chunk in bytes.chunks(size) {
                r.push(chunk);
            }
            assert!(r.done(), "chunks of {size}");
            let got = r.finish().expect("an export");
            assert_eq!(ids(&got), ids(&whole), "chunks of {size}");
            assert_eq!(got.observations, whole.observations, "chunks of {size}");
            assert_eq!(got.left_out, whole.left_out, "chunks of {size}");
        }
    }
}

#[test]
fn reading_again_or_an_overlapping_later_export_adds_nothing_twice() {
    let first = apple_health::read(export_xml().as_bytes(), now()).expect("an export");
    let again = apple_health::read(export_xml().as_bytes(), now()).expect("an export");
    assert_eq!(ids(&first), ids(&again));
    // A later export holds the same readings and one more.
    let later = export_xml().replace(
        "</HealthData>",
        &rec(
            "HKQuantityTypeIdentifierBodyMass",
            "Withings",
            "kg",
            "2026-11-20 07:00:00 +0000",
            "2026-11-20 07:00:00 +0000",
            "69.5",
            "",
        )
        .replace("</HealthData>", ""),
    ) + "</HealthData>\n";
    let then = apple_health::read(later.as_bytes(), now()).expect("an export");
    let mut store: std::collections::BTreeMap<String, Value> = std::collections::BTreeMap::new();
    for o in first.observations.iter().chain(&then.observations) {
        store.insert(o.id.clone(), value(o));
    }
    assert_eq!(store.len(), first.observations.len() + 1, "only the new weight is new");
}

fn flags(observations: Vec<Value>) -> Vec<String> {
    let record =
        json!({ "format": "hale.record/1", "observations": observations, "symptoms": [], "questionnaires": [] });
    let text = hale_core::api::assess_json(&record.to_string(), NOW).expect("an assessment");
    let a: Value = serde_json::from_str(&text).expect("JSON");
    a["red_flags"].as_array().expect("flags").iter().map(|f| f["id"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn old_readings_and_a_watchs_samples_raise_no_alarm_but_a_recent_spot_check_does() {
    // The export holds 182/95 from 2024 and a watch's 175 a minute an hour ago: neither is judged.
    let got = apple_health::read(export_xml().as_bytes(), now()).expect("an export");
    let flagged = flags(got.observations.iter().map(value).collect());
    assert!(flagged.is_empty(), "{flagged:?}");
    // The same 175 from the cuff's app (a spot check) an hour ago is judged.
    let spot = export_xml().replace(
        "</HealthData>",
        &rec(
            "HKQuantityTypeIdentifierHeartRate",
            "OMRON connect",
            "count/min",
            "2026-11-20 08:10:00 +0000",
            "2026-11-20 08:10:00 +0000",
            "175",
            "",
        ),
    ) + "</HealthData>\n";
    let got = apple_health::read(spot.as_bytes(), now()).expect("an export");
    let flagged = flags(got.observations.iter().map(value).collect());
    assert!(flagged.iter().any(|f| f == "vital.single_red"), "{flagged:?}");
}

#[test]
fn files_that_are_not_a_whole_export_are_refused_with_a_reason() {
    for (bytes, words) in [
        (b"<?xml version=\"1.0\"?><ClinicalDocument/>".to_vec(), "not recognise"),
        (export_xml().as_bytes()[..export_xml().len() / 2].to_vec(), "ended before"),
        (zip(&[("export_cda.xml", b"<ClinicalDocument/>")]), "not recognise"),
        (b"PK\x03\x04garbage that is not a zip at all................".to_vec(), ""),
    ] {
        let err = apple_health::read(&bytes, now()).expect_err("refused");
        assert!(err[0].message.contains(words), "{}", err[0].message);
    }
    assert!(apple_health::looks_like(b"\xEF\xBB\xBF  <?xml"));
    assert!(apple_health::looks_like(b"PK\x03\x04"));
    assert!(!apple_health::looks_like(b"Date,Time,Systolic (mmHg)"));
}

#[test]
fn memory_holds_a_tag_and_a_block_never_the_file() {
    // 20 MB of a watch's samples pushed 64 KB at a time, plain and zipped: the reader's own buffers
    // stay within a few blocks, and what it keeps is one mean an hour or a day.
    let mut xml = String::from(PROLOGUE);
    let start = hale_core::time::parse_rfc3339("2025-06-01T00:00:00Z").expect("t");
    let mut i = 0i64;
    while xml.len() < 20 << 20 {
        let at = (start + chrono::TimeDelta::minutes(5 * i)).format("%Y-%m-%d %H:%M:%S +0000").to_string();
        xml += &watch_hr(&at, 60 + (i % 40) as u32);
        i += 1;
    }
    xml += "</HealthData>\n";
    let archive = zip(&[("apple_health_export/export.xml", xml.as_bytes())]);
    for bytes in [xml.as_bytes(), archive.as_slice()] {
        let mut r = Reader::new(now());
        let mut most = 0;
        for chunk in bytes.chunks(64 << 10) {
            r.push(chunk);
            most = most.max(r.buffered());
        }
        assert!(most < 512 << 10, "buffered at most {most} bytes");
        let got = r.finish().expect("an export");
        assert_eq!(r_records(&got), 0);
        let days = (now() - start).num_days() as usize;
        assert!(got.observations.len() <= days + 90 * 24, "{} readings", got.observations.len());
        assert!(got.observations.iter().all(|o| !o.is_spot_check()));
    }
}

fn r_records(got: &Imported) -> usize {
    left(got, LeftOut::Unreadable) + left(got, LeftOut::Implausible)
}

/// The long fuzzing run's slow input (core/fuzz/regressions/apple_health-timeout-b866ea77: 20 KB
/// pushed a byte at a time took 12.6 s): a tag or comment left open by a chunk was searched again
/// from its start on every push. The work (bytes looked at) now stays proportional to the input
/// however it is cut, and the outcome is the same as reading it whole.
#[test]
fn a_tag_left_open_by_tiny_chunks_is_not_searched_again_from_its_start() {
    let found = include_bytes!("../fuzz/regressions/apple_health-timeout-b866ea77");
    let long_comment = format!("<HealthData locale=\"en_GB\"><!--{}", "-".repeat(200_000));
    let long_tag = format!("<HealthData locale=\"en_GB\"><Record type=\"{}\"", "x>".repeat(100_000));
    for bytes in [&found[1..], long_comment.as_bytes(), long_tag.as_bytes()] {
        let mut whole = Reader::new(now());
        whole.push(bytes);
        let mut tiny = Reader::new(now());
        for chunk in bytes.chunks(1) {
            tiny.push(chunk);
        }
        assert!(
            tiny.examined() <= 4 * bytes.len() as u64 + 64,
            "{} bytes looked at for {}",
            tiny.examined(),
            bytes.len()
        );
        assert_eq!(tiny.done(), whole.done());
        let (a, b) = (tiny.finish(), whole.finish());
        assert_eq!(a.as_ref().map(|i| i.observations.len()), b.as_ref().map(|i| i.observations.len()));
        assert_eq!(a.err(), b.err());
    }
}
