//! Readings from the files home-device apps export (bytes in, readings and reasons out; the CLI's
//! `hale import` and the app's import page read files, this reads their bytes): CSV from OMRON
//! connect, Withings (`bp.csv`, `weight.csv`) and Samsung Health (blood pressure). The format is
//! found by the file's content, never its name.
//!
//! Each reading is checked as a typed one is (plausible ranges; diastolic below systolic) and
//! carries where it came from (`source`). Its id is made from what it is (format, kind, time,
//! values), so importing the same file again, or a later export that overlaps, adds nothing twice.
//! Times: OMRON and Withings write the phone's local time without a zone (the caller gives the
//! offset from UTC); Samsung writes `start_time` in UTC with the local offset beside it
//! (docs/imports.md says what was assumed where a format is not documented).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::issue::{Issue, IssueCode};
use crate::record::{Observation, Source};

/// A file format Hale reads readings from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OMRON connect's CSV export.
    OmronCsv,
    /// Withings' `bp.csv`.
    WithingsBloodPressure,
    /// Withings' `weight.csv`.
    WithingsWeight,
    /// Samsung Health's blood-pressure CSV.
    SamsungBloodPressure,
    /// Fitbit (Google Takeout) `weight-*.json`.
    FitbitWeight,
    /// Fitbit (Google Takeout) `heart_rate-*.json`: a watch's continuous samples.
    FitbitHeartRate,
    /// Apple Health's `export.zip` or `export.xml` (read by `crate::apple_health`).
    AppleHealth,
    /// Any other CSV file, read with the columns the person chose (`read_mapped`).
    Csv,
}

impl Format {
    /// Its code in a reading's `source.format`.
    pub fn code(self) -> &'static str {
        match self {
            Format::OmronCsv => "omron_csv",
            Format::WithingsBloodPressure => "withings_bp_csv",
            Format::WithingsWeight => "withings_weight_csv",
            Format::SamsungBloodPressure => "samsung_health_csv",
            Format::FitbitWeight => "fitbit_weight_json",
            Format::FitbitHeartRate => "fitbit_heart_rate_json",
            Format::AppleHealth => "apple_health",
            Format::Csv => "csv",
        }
    }

    /// The app that exports it.
    pub fn app(self) -> &'static str {
        match self {
            Format::OmronCsv => "OMRON connect",
            Format::WithingsBloodPressure | Format::WithingsWeight => "Withings Health Mate",
            Format::SamsungBloodPressure => "Samsung Health",
            Format::FitbitWeight | Format::FitbitHeartRate => "Fitbit",
            Format::AppleHealth => "Apple Health",
            Format::Csv => "CSV",
        }
    }
}

/// Why a row of a file was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// A value no person could have, or one the Record does not accept.
    Implausible,
    /// The same reading twice in the file.
    Duplicate,
    /// A row with no reading in it (an app's empty row, 0/0).
    Empty,
    /// A row Hale could not read (a date or number it does not understand).
    Unreadable,
    /// A kind of data Hale does not keep (distance, energy burned, …).
    Unsupported,
}

impl LeftOut {
    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            LeftOut::Implausible => "values no one could have, or outside what Hale accepts",
            LeftOut::Duplicate => "the same reading twice",
            LeftOut::Empty => "rows with no reading",
            LeftOut::Unreadable => "rows Hale could not read",
            LeftOut::Unsupported => "kinds of data Hale does not keep",
        }
    }
}

/// What a file brought in.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The format found.
    pub format: Format,
    /// The readings, in file order, each once.
    pub observations: Vec<Observation>,
    /// What was left out, and why (one issue per row, at most `MAX_ROW_ISSUES`).
    pub issues: Vec<Issue>,
    /// How many rows were left out, by reason.
    pub left_out: Vec<(LeftOut, usize)>,
    /// How dense data was kept and which device was chosen where two overlapped, in words.
    pub notes: Vec<String>,
}

/// At most this many rows are reported one by one; the rest are counted.
pub const MAX_ROW_ISSUES: usize = 50;

/// A CSV file's rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF; a byte-order mark is
/// skipped).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn norm(h: &str) -> String {
    h.trim().to_ascii_lowercase()
}

/// The format of a file's rows, and the index of its header row.
fn detect(rows: &[Vec<String>]) -> Option<(Format, usize)> {
    for (i, row) in rows.iter().enumerate().take(2) {
        let h: Vec<String> = row.iter().map(|c| norm(c)).collect();
        let has = |name: &str| h.iter().any(|c| c == name);
        if has("date") && has("time") && has("systolic (mmhg)") && has("diastolic (mmhg)") {
            return Some((Format::OmronCsv, i));
        }
        if has("date") && has("systolic") && has("diastolic") && has("heart rate") {
            return Some((Format::WithingsBloodPressure, i));
        }
        if has("date") && has("weight (kg)") {
            return Some((Format::WithingsWeight, i));
        }
        if h.iter().any(|c| c.ends_with("blood_pressure.systolic")) && h.iter().any(|c| c.ends_with(".start_time")) {
            return Some((Format::SamsungBloodPressure, i));
        }
    }
    None
}

/// A number as an app writes it (a comma as the decimal point is read too); blank is none.
fn number(s: &str) -> Result<Option<f64>, ()> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.replace(',', ".").parse::<f64>().map(Some).map_err(|_| ())
}

/// OMRON's date (`Jan 12 2025`, also `2025-01-12` and `12/01/2025` day first) and time (`07:05`,
/// `7:05 AM`).
fn omron_time(date: &str, time: &str) -> Option<NaiveDateTime> {
    let d = date.trim();
    let day = NaiveDate::parse_from_str(d, "%b %d %Y")
        .or_else(|_| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(d, "%d/%m/%Y"))
        .ok()?;
    let t = time.trim();
    let at = NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .or_else(|_| NaiveTime::parse_from_str(&t.to_ascii_uppercase(), "%I:%M %p"))
        .ok()?;
    Some(day.and_time(at))
}

/// Withings' date (`2025-01-12 07:05:11`, `2025-01-12 07:05`).
fn withings_time(s: &str) -> Option<NaiveDateTime> {
    let t = s.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
        .ok()
}

/// Samsung's `start_time` (`2025-01-12 07:05:11.000`, UTC).
fn samsung_time(s: &str) -> Option<NaiveDateTime> {
    let t = s.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f").ok()
}

/// One row's readings as Record-format values (kind and fields), before checking.
type RowReadings = Vec<(NaiveDateTime, bool, Value)>;

/// The readings of one row: (when, whether the time is UTC, the Record-format fields), or why not.
fn row_readings(format: Format, col: &dyn Fn(&str) -> String) -> Result<RowReadings, LeftOut> {
    let num = |name: &str| number(&col(name)).map_err(|_| LeftOut::Unreadable);
    let bp = |at: NaiveDateTime, utc: bool, s: Option<f64>, d: Option<f64>, pulse: Option<f64>| {
        let mut out = Vec::new();
        match (s, d) {
            (Some(s), Some(d)) if s > 0.0 || d > 0.0 => {
                out.push((
                    at,
                    utc,
                    json!({ "kind": "blood_pressure", "systolic_mmhg": s.round(), "diastolic_mmhg": d.round() }),
                ));
            }
            _ => {}
        }
        if let Some(p) = pulse.filter(|p| *p > 0.0) {
            out.push((at, utc, json!({ "kind": "heart_rate", "bpm": p.round() })));
        }
        if out.is_empty() {
            Err(LeftOut::Empty)
        } else {
            Ok(out)
        }
    };
    match format {
        Format::OmronCsv => {
            let at = omron_time(&col("date"), &col("time")).ok_or(LeftOut::Unreadable)?;
            bp(at, false, num("systolic (mmhg)")?, num("diastolic (mmhg)")?, num("pulse (bpm)")?)
        }
        Format::WithingsBloodPressure => {
            let at = withings_time(&col("date")).ok_or(LeftOut::Unreadable)?;
            bp(at, false, num("systolic")?, num("diastolic")?, num("heart rate")?)
        }
        Format::WithingsWeight => {
            let at = withings_time(&col("date")).ok_or(LeftOut::Unreadable)?;
            match num("weight (kg)")? {
                Some(kg) if kg > 0.0 => {
                    Ok(vec![(at, false, json!({ "kind": "weight", "kg": (kg * 10.0).round() / 10.0 }))])
                }
                _ => Err(LeftOut::Empty),
            }
        }
        Format::SamsungBloodPressure => {
            let at = samsung_time(&col("start_time")).ok_or(LeftOut::Unreadable)?;
            bp(at, true, num("systolic")?, num("diastolic")?, num("pulse")?)
        }
        // JSON files are read whole (read_fitbit), Apple's XML by crate::apple_health.
        Format::FitbitWeight | Format::FitbitHeartRate | Format::AppleHealth | Format::Csv => Err(LeftOut::Unreadable),
    }
}

/// A stable id for a reading: what it is, never where it sits in the file.
fn stable_id(format: Format, at: DateTime<Utc>, v: &Value) -> String {
    let kind = v["kind"].as_str().unwrap_or_default();
    let mut values: Vec<String> =
        v.as_object().into_iter().flatten().filter(|(k, _)| k.as_str() != "kind").map(|(_, x)| x.to_string()).collect();
    values.sort();
    format!("imp-{}-{kind}-{}-{}", format.code(), at.format("%Y%m%dT%H%M%S"), values.join("-"))
}

/// Checks one row's readings as typed ones are, each with its id, time and source: all of them,
/// or why the row is left out whole (one value no one could have puts the whole row in doubt, its
/// pulse too; so does a time after now).
fn check_row(
    format: Format,
    readings: Vec<(DateTime<Utc>, Value)>,
    source: &Source,
    line: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Observation>, String> {
    let mut checked = Vec::new();
    for (at, mut v) in readings {
        v["id"] = json!(stable_id(format, at, &v));
        v["at"] = json!(crate::time::fmt_instant(at));
        v["source"] = crate::write::source_to_value(source);
        let mut issues = Vec::new();
        match crate::parse::parse_observation(&v, &format!("line {line}"), &mut issues) {
            Some(o) if o.at <= now => checked.push(o),
            Some(_) => return Err(format!("Line {line} is dated after now; it was left out.")),
            None => {
                let words = issues.iter().map(|x| x.message.as_str()).collect::<Vec<_>>().join(" ");
                return Err(format!("Line {line}: {words}"));
            }
        }
    }
    Ok(checked)
}

/// A table's rows as they are read: the readings kept, each once, and what was left out, why and
/// where (the first `MAX_ROW_ISSUES` rows one by one).
struct Rows {
    out: Imported,
    seen: std::collections::HashSet<String>,
    count: std::collections::BTreeMap<LeftOut, usize>,
}

impl Rows {
    fn new(format: Format) -> Rows {
        let out =
            Imported { format, observations: Vec::new(), issues: Vec::new(), left_out: Vec::new(), notes: Vec::new() };
        Rows { out, seen: std::collections::HashSet::new(), count: std::collections::BTreeMap::new() }
    }

    /// A row left out without a word (an empty row).
    fn count(&mut self, why: LeftOut) {
        *self.count.entry(why).or_default() += 1;
    }

    /// A row left out, and why.
    fn leave(&mut self, line: usize, why: LeftOut, message: String) {
        self.count(why);
        if self.out.issues.len() < MAX_ROW_ISSUES {
            self.out.issues.push(Issue::warning(IssueCode::Malformed, format!("line {line}"), message));
        }
    }

    /// One row's readings: checked (`check_row`), then kept unless already in the file.
    fn row(
        &mut self,
        format: Format,
        readings: Vec<(DateTime<Utc>, Value)>,
        source: &Source,
        line: usize,
        now: DateTime<Utc>,
    ) {
        match check_row(format, readings, source, line, now) {
            Err(message) => self.leave(line, LeftOut::Implausible, message),
            Ok(checked) => {
                for o in checked {
                    if self.seen.insert(o.id.clone()) {
                        self.out.observations.push(o);
                    } else {
                        self.leave(
                            line,
                            LeftOut::Duplicate,
                            format!("Line {line} repeats a reading already in the file."),
                        );
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Imported {
        self.out.left_out = self.count.into_iter().collect();
        self.out
    }
}

/// Reads a file's bytes: the readings it holds, checked, each once, with where they came from;
/// `Err` when it is not a file Hale knows. `offset_minutes` is the offset from UTC of the phone
/// that wrote local times (the person's own: Europe/London is 0 in winter and 60 in summer).
pub fn read(bytes: &[u8], offset_minutes: i32, now: DateTime<Utc>) -> Result<Imported, Vec<Issue>> {
    let text = String::from_utf8_lossy(bytes);
    if text.trim_start().starts_with('[') {
        if let Some(got) = read_fitbit(&text, now) {
            return Ok(got);
        }
    }
    let rows = csv_rows(&text);
    let Some((format, header_at)) = detect(&rows) else {
        return Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "file",
            "Hale does not recognise this file. It reads CSV exports from OMRON connect, Withings (bp.csv, weight.csv) and Samsung Health (blood pressure), and Fitbit's weight and heart-rate JSON files.",
        )]);
    };
    let header: Vec<String> = rows[header_at]
        .iter()
        .map(|h| {
            let h = norm(h);
            // Samsung prefixes every column with its data type.
            h.strip_prefix("com.samsung.health.blood_pressure.").map(str::to_string).unwrap_or(h)
        })
        .collect();
    let source = Source {
        format: format.code().to_string(),
        app: Some(format.app().to_string()),
        device: None,
        user_entered: None,
        continuous: false,
        imported_at: now,
    };
    let mut out = Rows::new(format);
    for (i, row) in rows.iter().enumerate().skip(header_at + 1) {
        let line = i + 1;
        let col =
            |name: &str| header.iter().position(|h| h == name).and_then(|p| row.get(p)).cloned().unwrap_or_default();
        let readings = match row_readings(format, &col) {
            Ok(r) => r,
            Err(LeftOut::Empty) => {
                out.count(LeftOut::Empty);
                continue;
            }
            Err(why) => {
                out.leave(line, why, format!("Line {line} was left out: {}.", why.words()));
                continue;
            }
        };
        let readings = readings.into_iter().map(|(local, utc, v)| {
            let at =
                if utc { local.and_utc() } else { local.and_utc() - TimeDelta::minutes(i64::from(offset_minutes)) };
            (at, v)
        });
        out.row(format, readings.collect(), &source, line, now);
    }
    Ok(out.finish())
}

/// Fitbit's `MM/DD/YY HH:MM:SS` (UTC, no offset) from `dateTime`, or `date` and `time`.
fn fitbit_time(v: &Value) -> Option<DateTime<Utc>> {
    let text = match v["dateTime"].as_str() {
        Some(t) => t.to_string(),
        None => format!("{} {}", v["date"].as_str()?, v["time"].as_str().unwrap_or("00:00:00")),
    };
    NaiveDateTime::parse_from_str(text.trim(), "%m/%d/%y %H:%M:%S").ok().map(|t| t.and_utc())
}

/// Fitbit's JSON exports (Google Takeout): weight in pounds (each a spot check), and heart rate
/// every few seconds (continuous samples, kept as one reading an hour: the mean of that hour's
/// samples, never judged by the single-entry red-flag rules). `None` when it is not one of them.
fn read_fitbit(text: &str, now: DateTime<Utc>) -> Option<Imported> {
    let list: Vec<Value> = serde_json::from_str(text).ok()?;
    let first = list.first()?;
    let format = if first.get("weight").is_some() {
        Format::FitbitWeight
    } else if first["value"].get("bpm").is_some() {
        Format::FitbitHeartRate
    } else {
        return None;
    };
    let continuous = format == Format::FitbitHeartRate;
    let source = Source {
        format: format.code().to_string(),
        app: Some(format.app().to_string()),
        device: None,
        user_entered: None,
        continuous,
        imported_at: now,
    };
    let mut out =
        Imported { format, observations: Vec::new(), issues: Vec::new(), left_out: Vec::new(), notes: Vec::new() };
    let mut count = std::collections::BTreeMap::<LeftOut, usize>::new();
    // (when, Record-format fields) before checking; heart rate summed by the hour first.
    let mut readings: Vec<(DateTime<Utc>, Value)> = Vec::new();
    let mut hours = std::collections::BTreeMap::<DateTime<Utc>, (f64, u32)>::new();
    for item in &list {
        let Some(at) = fitbit_time(item) else {
            *count.entry(LeftOut::Unreadable).or_default() += 1;
            continue;
        };
        if continuous {
            let Some(bpm) = item["value"]["bpm"].as_f64() else {
                *count.entry(LeftOut::Unreadable).or_default() += 1;
                continue;
            };
            let hour = at - TimeDelta::seconds(at.timestamp().rem_euclid(3600));
            let e = hours.entry(hour).or_default();
            e.0 += bpm;
            e.1 += 1;
        } else {
            match item["weight"].as_f64() {
                Some(lb) => readings.push((
                    at,
                    json!({ "kind": "weight", "kg": (lb * crate::units::KG_PER_LB * 10.0).round() / 10.0 }),
                )),
                None => *count.entry(LeftOut::Unreadable).or_default() += 1,
            }
        }
    }
    for (hour, (sum, n)) in hours {
        readings.push((hour, json!({ "kind": "heart_rate", "bpm": (sum / f64::from(n)).round() })));
    }
    let mut seen = std::collections::HashSet::new();
    for (at, mut v) in readings {
        let id = stable_id(format, at, &v);
        if !seen.insert(id.clone()) {
            *count.entry(LeftOut::Duplicate).or_default() += 1;
            continue;
        }
        v["id"] = json!(id);
        v["at"] = json!(crate::time::fmt_instant(at));
        v["source"] = crate::write::source_to_value(&source);
        let mut issues = Vec::new();
        match crate::parse::parse_observation(&v, "reading", &mut issues) {
            Some(o) if o.at <= now => out.observations.push(o),
            _ => *count.entry(LeftOut::Implausible).or_default() += 1,
        }
    }
    out.left_out = count.into_iter().collect();
    Some(out)
}

/// What an import would bring in, per kind: how many readings and their first and last times.
pub fn preview(imported: &Imported) -> Value {
    let mut kinds: Vec<Value> = Vec::new();
    for kind in crate::vocab::ObsKind::ALL {
        let of: Vec<&Observation> = imported.observations.iter().filter(|o| o.kind() == *kind).collect();
        if of.is_empty() {
            continue;
        }
        kinds.push(json!({
            "kind": kind.as_str(),
            "count": of.len(),
            "from": of.iter().map(|o| o.at).min().map(crate::time::fmt_instant),
            "to": of.iter().map(|o| o.at).max().map(crate::time::fmt_instant),
        }));
    }
    json!({
        "format": imported.format.code(),
        "app": imported.format.app(),
        "kinds": kinds,
        "left_out": imported.left_out.iter().map(|(why, n)| json!({ "why": why.words(), "count": n })).collect::<Vec<_>>(),
        "notes": imported.notes,
    })
}

/// The readings as a Record (`hale.record/1`, observations only) and the preview with the rows
/// left out: what `hale import` prints and the app's import worker answers.
pub fn as_record_and_preview(imported: &Imported) -> (Value, Value) {
    let record = json!({
        "format": "hale.record/1",
        "observations": imported.observations.iter().map(crate::write::observation_to_value).collect::<Vec<_>>(),
    });
    (record, preview_with_issues(imported))
}

/// The preview with the rows left out, one by one (`issues`).
pub fn preview_with_issues(imported: &Imported) -> Value {
    let mut p = preview(imported);
    p["issues"] = serde_json::to_value(&imported.issues).unwrap_or_default();
    p
}

/// What a column of a CSV file holds, for files no known app wrote (the person says, column by
/// column; `guess_columns` proposes from the header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// Not used.
    Ignore,
    /// The date (and perhaps the time) of the reading.
    Date,
    /// The time of day, when it has a column of its own.
    Time,
    /// Blood pressure, top number (mmHg).
    Systolic,
    /// Blood pressure, bottom number (mmHg).
    Diastolic,
    /// Pulse (beats a minute).
    Pulse,
    /// Weight in kilograms.
    WeightKg,
    /// Weight in pounds.
    WeightLb,
    /// Blood glucose in mmol/L.
    GlucoseMmol,
    /// Blood glucose in mg/dL.
    GlucoseMgdl,
    /// Temperature in °C.
    TemperatureC,
    /// Temperature in °F.
    TemperatureF,
    /// Oxygen saturation (%).
    Spo2,
    /// Peak flow (L/min).
    PeakFlow,
    /// Steps in a day.
    Steps,
}

impl Column {
    /// Every choice, in the order a person is offered them.
    pub const ALL: &'static [Column] = &[
        Column::Ignore,
        Column::Date,
        Column::Time,
        Column::Systolic,
        Column::Diastolic,
        Column::Pulse,
        Column::WeightKg,
        Column::WeightLb,
        Column::GlucoseMmol,
        Column::GlucoseMgdl,
        Column::TemperatureC,
        Column::TemperatureF,
        Column::Spo2,
        Column::PeakFlow,
        Column::Steps,
    ];

    /// Its code (in the app's form and the CLI's `--columns`).
    pub fn code(self) -> &'static str {
        match self {
            Column::Ignore => "ignore",
            Column::Date => "date",
            Column::Time => "time",
            Column::Systolic => "systolic",
            Column::Diastolic => "diastolic",
            Column::Pulse => "pulse",
            Column::WeightKg => "weight_kg",
            Column::WeightLb => "weight_lb",
            Column::GlucoseMmol => "glucose_mmol_l",
            Column::GlucoseMgdl => "glucose_mg_dl",
            Column::TemperatureC => "temperature_c",
            Column::TemperatureF => "temperature_f",
            Column::Spo2 => "spo2",
            Column::PeakFlow => "peak_flow",
            Column::Steps => "steps",
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Column::Ignore => "Not used",
            Column::Date => "Date (or date and time)",
            Column::Time => "Time",
            Column::Systolic => "Blood pressure, top number (mmHg)",
            Column::Diastolic => "Blood pressure, bottom number (mmHg)",
            Column::Pulse => "Pulse (beats a minute)",
            Column::WeightKg => "Weight in kg",
            Column::WeightLb => "Weight in pounds",
            Column::GlucoseMmol => "Blood glucose in mmol/L",
            Column::GlucoseMgdl => "Blood glucose in mg/dL",
            Column::TemperatureC => "Temperature in \u{b0}C",
            Column::TemperatureF => "Temperature in \u{b0}F",
            Column::Spo2 => "Oxygen level (%)",
            Column::PeakFlow => "Peak flow (L/min)",
            Column::Steps => "Steps in a day",
        }
    }

    /// From its code.
    pub fn parse(code: &str) -> Option<Column> {
        Column::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// How a file writes its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// `2025-01-12` (also with `/` or `.`).
    YearMonthDay,
    /// `12/01/2025` (the UK's order).
    DayMonthYear,
    /// `01/12/2025` (the US's order).
    MonthDayYear,
}

impl DateOrder {
    /// Its code: `ymd`, `dmy`, `mdy`.
    pub fn parse(code: &str) -> Option<DateOrder> {
        match code {
            "ymd" => Some(DateOrder::YearMonthDay),
            "dmy" => Some(DateOrder::DayMonthYear),
            "mdy" => Some(DateOrder::MonthDayYear),
            _ => None,
        }
    }
}

/// A CSV file's header and its first rows.
pub type Table = (Vec<String>, Vec<Vec<String>>);

/// A CSV file's header and its first rows (what the person sees to say what each column holds),
/// or why it cannot be read as a table.
pub fn table_preview(bytes: &[u8]) -> Result<Table, Vec<Issue>> {
    let rows = csv_rows(&String::from_utf8_lossy(bytes));
    match rows.split_first() {
        Some((header, rest)) if header.len() > 1 && !rest.is_empty() => {
            Ok((header.iter().map(|h| h.trim().to_string()).collect(), rest.iter().take(3).cloned().collect()))
        }
        _ => Err(vec![Issue::error(
            IssueCode::UnsupportedFormat,
            "file",
            "This file is not a table Hale can read: it needs a header row naming at least two columns, then one row per reading.",
        )]),
    }
}

/// What each column probably holds, from its name (a proposal the person checks).
pub fn guess_columns(header: &[String]) -> Vec<Column> {
    let mut out: Vec<Column> = header
        .iter()
        .map(|h| {
            let h = norm(h);
            let has = |w: &str| h.contains(w);
            if has("date") || h == "day" || has("timestamp") {
                Column::Date
            } else if h == "time" || has("time of") {
                Column::Time
            } else if has("sys") || has("upper") || has("top") {
                Column::Systolic
            } else if has("dia") || has("lower") || has("bottom") {
                Column::Diastolic
            } else if has("pulse") || has("heart") || has("bpm") {
                Column::Pulse
            } else if has("weight") && (has("lb") || has("pound")) {
                Column::WeightLb
            } else if has("weight") {
                Column::WeightKg
            } else if (has("glucose") || has("sugar")) && has("mg") {
                Column::GlucoseMgdl
            } else if has("glucose") || has("sugar") {
                Column::GlucoseMmol
            } else if has("temp") && has("f") && !has("c)") {
                Column::TemperatureF
            } else if has("temp") {
                Column::TemperatureC
            } else if has("spo2") || has("oxygen") || has("saturation") {
                Column::Spo2
            } else if has("peak") || has("pef") {
                Column::PeakFlow
            } else if has("step") {
                Column::Steps
            } else {
                Column::Ignore
            }
        })
        .collect();
    // One date column and one of each value: later guesses of the same are left unused.
    for i in 0..out.len() {
        if out[i] != Column::Ignore && out[..i].contains(&out[i]) {
            out[i] = Column::Ignore;
        }
    }
    out
}

/// A date (and perhaps a time) in the order given: `-`, `/` or `.` between the parts, a two-digit
/// year as 20xx; a time after a space or `T` (`07:05`, `07:05:11`, `7:05 PM`).
fn mapped_time(date: &str, time: Option<&str>, order: DateOrder) -> Option<NaiveDateTime> {
    let date = date.trim();
    let (d, rest) = match date.find([' ', 'T']) {
        Some(i) => (&date[..i], Some(date[i + 1..].trim())),
        None => (date, None),
    };
    let parts: Vec<&str> = d.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let (y, m, day) = match order {
        DateOrder::YearMonthDay => (a, b, c),
        DateOrder::DayMonthYear => (c, b, a),
        DateOrder::MonthDayYear => (c, a, b),
    };
    const CENTURY: i32 = 2000;
    const SHORT_YEAR: usize = 2;
    let mut year: i32 = y.trim().parse().ok()?;
    if y.trim().len() == SHORT_YEAR {
        year += CENTURY;
    }
    let day = NaiveDate::from_ymd_opt(year, m.trim().parse().ok()?, day.trim().parse().ok()?)?;
    let t = time.map(str::trim).filter(|t| !t.is_empty()).or(rest.filter(|t| !t.is_empty()));
    let at = match t {
        None => NaiveTime::MIN,
        Some(t) => {
            let t = t.trim_end_matches('Z');
            NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S%.f"))
                .or_else(|_| NaiveTime::parse_from_str(&t.to_ascii_uppercase(), "%I:%M %p"))
                .or_else(|_| NaiveTime::parse_from_str(&t.to_ascii_uppercase(), "%I:%M:%S %p"))
                .ok()?
        }
    };
    Some(day.and_time(at))
}

/// Reads a CSV file with the columns the person said (`columns[i]` for the header's column `i`),
/// dates in `order`, local times at `offset_minutes` from UTC. Every reading is checked as a typed
/// one is and carries `source.format` `csv`; a row with one value no one could have is left out
/// whole. `Err` when the choices cannot make a reading (no date column; no value column; a value
/// chosen twice).
pub fn read_mapped(
    bytes: &[u8],
    columns: &[Column],
    order: DateOrder,
    offset_minutes: i32,
    now: DateTime<Utc>,
) -> Result<Imported, Vec<Issue>> {
    let refuse = |m: &str| Err(vec![Issue::error(IssueCode::BadArgument, "columns", m)]);
    let (_, _) = table_preview(bytes)?;
    let at_col = |c: Column| columns.iter().position(|x| *x == c);
    let Some(date_col) = at_col(Column::Date) else {
        return refuse("Choose the column that holds the date of each reading.");
    };
    for c in Column::ALL.iter().filter(|c| **c != Column::Ignore) {
        if columns.iter().filter(|x| *x == c).count() > 1 {
            return refuse(&format!("\u{201c}{}\u{201d} is chosen for two columns; choose it for one.", c.words()));
        }
    }
    let values: Vec<(usize, Column)> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !matches!(c, Column::Ignore | Column::Date | Column::Time))
        .map(|(i, c)| (i, *c))
        .collect();
    if values.is_empty() {
        return refuse("Choose at least one column that holds readings (blood pressure, pulse, weight, …).");
    }
    if at_col(Column::Systolic).is_some() != at_col(Column::Diastolic).is_some() {
        return refuse("Blood pressure needs both numbers: choose the top-number and the bottom-number columns.");
    }
    let rows = csv_rows(&String::from_utf8_lossy(bytes));
    let source = Source {
        format: "csv".to_string(),
        app: None,
        device: None,
        user_entered: None,
        continuous: false,
        imported_at: now,
    };
    let mut out = Rows::new(Format::Csv);
    for (i, row) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or_default();
        let Some(local) = mapped_time(cell(date_col), at_col(Column::Time).map(cell), order) else {
            out.leave(line, LeftOut::Unreadable, format!("Line {line} was left out: its date could not be read."));
            continue;
        };
        let at = local.and_utc() - TimeDelta::minutes(i64::from(offset_minutes));
        let mut nums = std::collections::HashMap::new();
        let mut unreadable = false;
        for (c, col) in &values {
            match number(cell(*c)) {
                Ok(Some(v)) => {
                    nums.insert(*col, v);
                }
                Ok(None) => {}
                Err(()) => unreadable = true,
            }
        }
        if unreadable {
            let message = format!("Line {line} was left out: a value could not be read as a number.");
            out.leave(line, LeftOut::Unreadable, message);
            continue;
        }
        let mut readings = Vec::new();
        if let (Some(s), Some(d)) = (nums.get(&Column::Systolic), nums.get(&Column::Diastolic)) {
            readings.push(json!({ "kind": "blood_pressure", "systolic_mmhg": s.round(), "diastolic_mmhg": d.round() }));
        }
        let one = |c: Column, v: f64| -> Value {
            match c {
                Column::Pulse => json!({ "kind": "heart_rate", "bpm": v.round() }),
                Column::WeightKg => json!({ "kind": "weight", "kg": (v * 10.0).round() / 10.0 }),
                Column::WeightLb => {
                    json!({ "kind": "weight", "kg": (v * crate::units::KG_PER_LB * 10.0).round() / 10.0 })
                }
                Column::GlucoseMmol => json!({ "kind": "glucose", "mmol_l": (v * 10.0).round() / 10.0 }),
                Column::GlucoseMgdl => {
                    json!({ "kind": "glucose", "mmol_l": (crate::units::glucose_mgdl_to_mmoll(v) * 10.0).round() / 10.0 })
                }
                Column::TemperatureC => json!({ "kind": "temperature", "celsius": (v * 10.0).round() / 10.0 }),
                Column::TemperatureF => {
                    json!({ "kind": "temperature", "celsius": (crate::units::fahrenheit_to_celsius(v) * 10.0).round() / 10.0 })
                }
                Column::Spo2 => json!({ "kind": "spo2", "percent": v.round() }),
                Column::PeakFlow => json!({ "kind": "peak_flow", "l_min": v.round() }),
                _ => json!({ "kind": "steps", "count": v.round() }),
            }
        };
        for (_, c) in &values {
            if matches!(c, Column::Systolic | Column::Diastolic) {
                continue;
            }
            if let Some(v) = nums.get(c) {
                readings.push(one(*c, *v));
            }
        }
        if readings.is_empty() {
            out.count(LeftOut::Empty);
            continue;
        }
        out.row(Format::Csv, readings.into_iter().map(|v| (at, v)).collect(), &source, line, now);
    }
    Ok(out.finish())
}

/// How a file probably writes its dates, from its first rows' date column: a four-digit first
/// part is year first; a first part above 12 is day first; a second part above 12 is month first;
/// otherwise day first (the UK's order), for the person to check.
pub fn guess_date_order(rows: &[Vec<String>], date_col: usize) -> DateOrder {
    const MONTHS: u32 = 12;
    const LONG_YEAR: usize = 4;
    let mut order = DateOrder::DayMonthYear;
    for row in rows {
        let Some(d) = row.get(date_col) else { continue };
        let d = d.trim().split([' ', 'T']).next().unwrap_or_default();
        let parts: Vec<&str> = d.split(['-', '/', '.']).collect();
        let n = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<u32>().ok()).unwrap_or(0);
        if parts.first().is_some_and(|p| p.trim().len() == LONG_YEAR) {
            return DateOrder::YearMonthDay;
        }
        if n(0) > MONTHS {
            return DateOrder::DayMonthYear;
        }
        if n(1) > MONTHS {
            order = DateOrder::MonthDayYear;
        }
    }
    order
}
