//! Files home-device apps export (core/src/device_files.rs), from small fixtures written here
//! (never real people's data): OMRON connect, Withings bp.csv and weight.csv, Samsung Health blood
//! pressure; found by content; readings checked as typed ones are; each once, however often the
//! file (or an overlapping later export) is read; the phone's local time and its offset.
#![cfg(feature = "extras")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use chrono::{DateTime, Utc};
use hale_core::device_files::{csv_rows, preview, read, Format, LeftOut};
use hale_core::record::ObsValue;

fn now() -> DateTime<Utc> {
    hale_core::time::parse_rfc3339("2026-11-20T09:00:00Z").expect("time")
}

const OMRON: &str =
    "\u{feff}Date,Time,Systolic (mmHg),Diastolic (mmHg),Pulse (bpm),Symptoms,Consumed,TruRead,Notes\r\n\
Jan 12 2025,07:05,146,88,64,,,Off,\r\n\
Jan 12 2025,07:05,146,88,64,,,Off,\r\n\
Jan 13 2025,7:10 PM,132,84,,,,Off,\"after a walk, felt fine\"\r\n\
Jan 14 2025,07:00,400,88,64,,,Off,\r\n\
Jan 15 2025,noon,120,80,60,,,Off,\r\n";

#[test]
fn omron_readings_each_once_checked_with_where_they_came_from() {
    let got = read(OMRON.as_bytes(), 0, now()).expect("an OMRON file");
    assert_eq!(got.format, Format::OmronCsv);
    let values: Vec<(String, ObsValue)> =
        got.observations.iter().map(|o| (hale_core::time::fmt_instant(o.at), o.value)).collect();
    assert_eq!(
        values,
        [
            (
                "2025-01-12T07:05:00Z".to_string(),
                ObsValue::BloodPressure { systolic_mmhg: 146.0, diastolic_mmhg: 88.0 }
            ),
            ("2025-01-12T07:05:00Z".to_string(), ObsValue::HeartRate { bpm: 64.0 }),
            (
                "2025-01-13T19:10:00Z".to_string(),
                ObsValue::BloodPressure { systolic_mmhg: 132.0, diastolic_mmhg: 84.0 }
            ),
        ]
    );
    let src = got.observations[0].source.as_ref().expect("a source");
    assert_eq!((src.format.as_str(), src.app.as_deref(), src.continuous), ("omron_csv", Some("OMRON connect"), false));
    assert_eq!(
        got.left_out,
        [(LeftOut::Implausible, 1), (LeftOut::Duplicate, 2), (LeftOut::Unreadable, 1)],
        "the repeated row (a reading and its pulse), 400 mmHg, a time Hale cannot read"
    );
    assert!(got.issues.iter().any(|i| i.field == "line 5" && i.message.contains("Line 5")), "{:?}", got.issues);
    let p = preview(&got);
    assert_eq!(p["kinds"][0]["kind"], "blood_pressure");
    assert_eq!(p["kinds"][0]["count"], 2);
    assert_eq!(p["kinds"][0]["from"], "2025-01-12T07:05:00Z");
}

#[test]
fn importing_again_or_an_overlapping_later_export_gives_the_same_ids() {
    let first = read(OMRON.as_bytes(), 0, now()).expect("read");
    let later = format!("{OMRON}Jan 16 2025,07:00,128,82,61,,,Off,\r\n");
    let second = read(later.as_bytes(), 0, now() + chrono::TimeDelta::days(30)).expect("read");
    let ids = |x: &hale_core::device_files::Imported| x.observations.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&second)[..3], ids(&first)[..], "the readings already imported keep their ids");
    assert_eq!(second.observations.len(), 5, "one new reading and its pulse");
}

#[test]
fn the_phones_local_time_is_moved_to_utc_by_its_offset() {
    let summer = read(OMRON.as_bytes(), 60, now()).expect("read");
    assert_eq!(hale_core::time::fmt_instant(summer.observations[0].at), "2025-01-12T06:05:00Z");
}

#[test]
fn withings_blood_pressure_and_weight() {
    let bp = "Date,Heart rate,Systolic,Diastolic,Comments\n2025-01-12 07:05:11,64,146,88,\n2025-01-13 07:00:00,,0,0,\n";
    let got = read(bp.as_bytes(), 0, now()).expect("Withings bp.csv");
    assert_eq!(got.format, Format::WithingsBloodPressure);
    assert_eq!(got.observations.len(), 2, "the reading and its pulse");
    assert_eq!(got.left_out, [(LeftOut::Empty, 1)], "a 0/0 row is empty");
    let weight = "Date,Weight (kg),Fat mass (kg),Bone mass (kg),Muscle mass (kg),Hydration (kg),Comments\n\"2025-01-12 07:05:11\",\"80,25\",,,,,\n2025-01-13 07:05:11,2000,,,,,\n";
    let got = read(weight.as_bytes(), 0, now()).expect("Withings weight.csv");
    assert_eq!(got.format, Format::WithingsWeight);
    assert_eq!(got.observations.iter().map(|o| o.value).collect::<Vec<_>>(), [ObsValue::Weight { kg: 80.3 }]);
    assert_eq!(got.left_out, [(LeftOut::Implausible, 1)]);
}

#[test]
fn samsung_health_with_its_metadata_line_and_prefixed_columns_in_utc() {
    let file = "com.samsung.shealth.blood_pressure,6310001,3\n\
com.samsung.health.blood_pressure.start_time,com.samsung.health.blood_pressure.systolic,com.samsung.health.blood_pressure.diastolic,com.samsung.health.blood_pressure.pulse,com.samsung.health.blood_pressure.time_offset\n\
2025-01-12 06:05:11.000,146,88,64,UTC+0100\n\
2025-01-13 06:05:11.000,0,0,0,UTC+0100\n";
    let got = read(file.as_bytes(), 60, now()).expect("Samsung");
    assert_eq!(got.format, Format::SamsungBloodPressure);
    assert_eq!(
        hale_core::time::fmt_instant(got.observations[0].at),
        "2025-01-12T06:05:11Z",
        "start_time is UTC already"
    );
    assert_eq!(got.observations.len(), 2);
    assert_eq!(got.left_out, [(LeftOut::Empty, 1)]);
}

#[test]
fn a_file_hale_does_not_know_is_refused_in_words_and_csv_quoting_is_read() {
    let err = read(b"name,score\nx,1\n", 0, now()).expect_err("refused");
    assert!(err[0].message.contains("OMRON connect"), "{}", err[0].message);
    assert!(read(&[0xff, 0xfe, 0x00], 0, now()).is_err());
    assert_eq!(
        csv_rows("a,\"b,\"\"c\"\"\"\r\n\r\nd\n"),
        [vec!["a".to_string(), "b,\"c\"".to_string()], vec!["d".to_string()]]
    );
}

#[test]
fn a_reading_dated_after_now_is_left_out() {
    let file = "Date,Time,Systolic (mmHg),Diastolic (mmHg),Pulse (bpm)\nDec 25 2026,07:00,120,80,\n";
    let got = read(file.as_bytes(), 0, now()).expect("read");
    assert!(got.observations.is_empty());
    assert_eq!(got.left_out, [(LeftOut::Implausible, 1)]);
}

#[test]
fn fitbit_weight_in_pounds_and_heart_rate_kept_as_hourly_continuous_readings() {
    let weight = r#"[{"logId":1,"weight":176.37,"bmi":24.4,"date":"01/15/25","time":"07:12:44","source":"Aria"},
                     {"logId":2,"weight":176.37,"bmi":24.4,"date":"01/15/25","time":"07:12:44","source":"Aria"}]"#;
    let got = read(weight.as_bytes(), 60, now()).expect("Fitbit weight");
    assert_eq!(got.format, Format::FitbitWeight);
    assert_eq!(got.observations.len(), 1, "the same weight twice is once");
    assert_eq!(got.observations[0].value, ObsValue::Weight { kg: 80.0 });
    assert_eq!(
        hale_core::time::fmt_instant(got.observations[0].at),
        "2025-01-15T07:12:44Z",
        "UTC, whatever the offset"
    );
    assert!(got.observations[0].is_spot_check());

    // A run this morning: 140–160 a minute for an hour, on the watch.
    let samples: Vec<String> = (0..60)
        .map(|m| {
            format!(r#"{{"dateTime":"11/20/26 07:{m:02}:05","value":{{"bpm":{},"confidence":2}}}}"#, 140 + (m % 3) * 10)
        })
        .chain(std::iter::once(r#"{"dateTime":"11/20/26 08:00:05","value":{"bpm":72,"confidence":3}}"#.to_string()))
        .collect();
    let hr = format!("[{}]", samples.join(","));
    let got = read(hr.as_bytes(), 0, now()).expect("Fitbit heart rate");
    assert_eq!(got.format, Format::FitbitHeartRate);
    let values: Vec<(String, ObsValue, bool)> =
        got.observations.iter().map(|o| (hale_core::time::fmt_instant(o.at), o.value, o.is_spot_check())).collect();
    assert_eq!(
        values,
        [
            ("2026-11-20T07:00:00Z".to_string(), ObsValue::HeartRate { bpm: 150.0 }, false),
            ("2026-11-20T08:00:00Z".to_string(), ObsValue::HeartRate { bpm: 72.0 }, false),
        ],
        "one reading an hour, the mean, continuous"
    );
    // A watch's run raises no flag, though 150 a minute typed in would be looked at.
    let record = serde_json::json!({ "format": "hale.record/1", "symptoms": [], "questionnaires": [],
        "observations": got.observations.iter().map(hale_core::write::observation_to_value).collect::<Vec<_>>() });
    let a: serde_json::Value =
        serde_json::from_str(&hale_core::api::assess_json(&record.to_string(), "2026-11-20T09:00:00Z").expect("a"))
            .expect("JSON");
    assert_eq!(a["red_flags"], serde_json::json!([]));
    // The hour at 150 a minute typed in (the latest reading of the kind) is judged.
    let mut typed = record.clone();
    let mut hour = typed["observations"][0].clone();
    hour.as_object_mut().expect("an object").remove("source");
    typed["observations"] = serde_json::json!([hour]);
    let a: serde_json::Value =
        serde_json::from_str(&hale_core::api::assess_json(&typed.to_string(), "2026-11-20T09:00:00Z").expect("a"))
            .expect("JSON");
    assert_eq!(a["red_flags"][0]["id"], "vital.single_red", "the same value typed in is judged");
    // And as a watch's only reading of the morning, continuous, it is not.
    let mut watch = typed.clone();
    watch["observations"][0] = record["observations"][0].clone();
    let a: serde_json::Value =
        serde_json::from_str(&hale_core::api::assess_json(&watch.to_string(), "2026-11-20T09:00:00Z").expect("a"))
            .expect("JSON");
    assert_eq!(a["red_flags"], serde_json::json!([]));
}

/// A CSV file no known app wrote: the person says what each column holds.
const GENERIC: &str = "Date,Time,SYS,DIA,Pulse,Weight (lb),Notes\n\
12/01/2025,07:05,146,88,64,154.3,ok\n\
13/01/2025,7:10 PM,132,84,,,\n\
14/01/2025,07:00,400,88,64,,typo\n\
31/02/2025,07:00,120,80,60,,\n\
15/01/2025,07:00,abc,80,60,,\n\
12/01/2025,07:05,146,88,64,154.3,again\n";

#[test]
fn any_csv_with_the_columns_the_person_chose() {
    use hale_core::device_files::{guess_columns, read_mapped, table_preview, Column, DateOrder};
    let (header, first) = table_preview(GENERIC.as_bytes()).expect("a table");
    assert_eq!(header.len(), 7);
    assert_eq!(first.len(), 3, "the first rows, to show beside the choices");
    let columns = guess_columns(&header);
    assert_eq!(
        columns,
        vec![
            Column::Date,
            Column::Time,
            Column::Systolic,
            Column::Diastolic,
            Column::Pulse,
            Column::WeightLb,
            Column::Ignore
        ]
    );
    // Day first (the UK's order), at the phone's offset of 60 minutes.
    let got = read_mapped(GENERIC.as_bytes(), &columns, DateOrder::DayMonthYear, 60, now()).expect("read");
    assert_eq!(got.format, Format::Csv);
    let values: Vec<(String, ObsValue)> =
        got.observations.iter().map(|o| (hale_core::time::fmt_instant(o.at), o.value)).collect();
    assert_eq!(
        values,
        vec![
            (
                "2025-01-12T06:05:00Z".to_string(),
                ObsValue::BloodPressure { systolic_mmhg: 146.0, diastolic_mmhg: 88.0 }
            ),
            ("2025-01-12T06:05:00Z".to_string(), ObsValue::HeartRate { bpm: 64.0 }),
            ("2025-01-12T06:05:00Z".to_string(), ObsValue::Weight { kg: 70.0 }),
            (
                "2025-01-13T18:10:00Z".to_string(),
                ObsValue::BloodPressure { systolic_mmhg: 132.0, diastolic_mmhg: 84.0 }
            ),
        ]
    );
    assert!(got.observations.iter().all(|o| o.source.as_ref().is_some_and(|s| s.format == "csv" && !s.continuous)));
    let left = |why: LeftOut| got.left_out.iter().find(|(w, _)| *w == why).map_or(0, |(_, n)| *n);
    assert_eq!(left(LeftOut::Implausible), 1, "400 mmHg: the row left out whole, its pulse too");
    assert_eq!(left(LeftOut::Unreadable), 2, "31 February; abc");
    assert_eq!(left(LeftOut::Duplicate), 3, "the repeated row's three readings");
    // The same choices again: the same ids, so nothing is added twice.
    let again = read_mapped(GENERIC.as_bytes(), &columns, DateOrder::DayMonthYear, 60, now()).expect("read");
    assert_eq!(
        again.observations.iter().map(|o| &o.id).collect::<Vec<_>>(),
        got.observations.iter().map(|o| &o.id).collect::<Vec<_>>()
    );
    // Month first reads 12/01 as 1 December and 13/01 not at all.
    let us = read_mapped(GENERIC.as_bytes(), &columns, DateOrder::MonthDayYear, 0, now()).expect("read");
    assert_eq!(hale_core::time::fmt_instant(us.observations[0].at), "2025-12-01T07:05:00Z");
    // Choices that cannot make a reading are refused in words.
    let mut no_date = columns.clone();
    no_date[0] = Column::Ignore;
    let mut twice = columns.clone();
    twice[6] = Column::Pulse;
    let mut half_bp = columns.clone();
    half_bp[3] = Column::Ignore;
    let nothing = vec![
        Column::Date,
        Column::Time,
        Column::Ignore,
        Column::Ignore,
        Column::Ignore,
        Column::Ignore,
        Column::Ignore,
    ];
    for (bad, words) in [
        (no_date, "the date"),
        (twice, "chosen for two columns"),
        (half_bp, "both numbers"),
        (nothing, "at least one column"),
    ] {
        let err = read_mapped(GENERIC.as_bytes(), &bad, DateOrder::DayMonthYear, 0, now()).expect_err("refused");
        assert!(err[0].message.contains(words), "{}", err[0].message);
    }
    assert!(table_preview(b"just one line").is_err());
    assert_eq!(Column::parse("weight_lb"), Some(Column::WeightLb));
    assert_eq!(DateOrder::parse("dmy"), Some(DateOrder::DayMonthYear));
}
