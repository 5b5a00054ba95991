//! Apple Health's export (`export.zip`, or the `export.xml` inside it), read as a stream: bytes
//! go in a chunk at a time (`Reader::push`), and what is kept is only what the import brings in —
//! never the file, the XML or every record. Real exports are 0.5–4 GB of XML; the reader holds one
//! XML tag and one compressed block at a time, and the readings it keeps are summaries wherever
//! the data is dense (docs/imports.md):
//!
//! - spot checks (blood pressure, weight, glucose, temperature; heart rate, SpO₂ and breathing rate
//!   from anything but a watch, or typed in) are kept one by one;
//! - a watch's heart rate, SpO₂ and breathing rate are continuous samples: the mean of each hour for
//!   the last `HOURLY_DAYS` days before the import, the mean of each day before that, all marked
//!   `continuous` (never judged by the red-flag rules);
//! - steps become one reading a day, sleep one a night (the date it ends: only time asleep, never
//!   "in bed" and its stages added together), exercise minutes one `activity` reading a finished
//!   week. Where two devices counted the same day or night (iPhone and watch), the one that counted
//!   more is kept, not both, and its name is the reading's `source.device`.
//!
//! Blood pressure is a `Correlation` holding its two values; the same values also appear as
//! top-level records, which are paired again only where no correlation carried them, so nothing
//! is counted twice. The XML file is found by its content (`<HealthData`), not its name, which
//! changes with the phone's language; a malformed DOCTYPE and stray control characters (some iOS
//! versions write both) are passed over. Pure: no I/O, no clock.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use serde_json::{json, Value};

use crate::device_files::{Format, Imported, LeftOut, MAX_ROW_ISSUES};
use crate::input::thousands;
use crate::issue::{Issue, IssueCode};
use crate::record::{Observation, Source};
use crate::vocab::ObsKind;

/// Continuous samples this many days before the import are kept as hourly means; older ones as
/// daily means (a product choice: detail where the trends look closely, bounded storage beyond).
pub const HOURLY_DAYS: i64 = 90;
/// The longest XML tag read (bytes); a longer one means the file is not an Apple Health export.
const MAX_TAG: usize = 1 << 20;
/// How far into the XML `<HealthData` must appear (the DOCTYPE before it is about 10 KB).
const SNIFF: usize = 1 << 16;
/// `YYYY-MM-DD HH:MM:SS`, the part of an Apple timestamp before its offset.
const DATE_LEN: usize = 19;
/// The longest character reference read (`&#x10FFFF;`).
const MAX_ENTITY: usize = 10;
/// A ZIP signature; a local file header's fixed part; a ZIP64 extra field's two sizes.
const SIG: usize = 4;
const HEADER: usize = 30;
const ZIP64_SIZES: usize = 16;
/// Kinds of data not kept that are told apart (the rest are counted only).
const MAX_TYPES: usize = 1000;
/// Inflated bytes handed on at a time.
const OUT_BLOCK: usize = 1 << 16;

/// Whether bytes that begin a file look like an Apple Health export (a ZIP archive, or XML).
pub fn looks_like(first: &[u8]) -> bool {
    let t = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let t = &t[t.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(t.len())..];
    t.starts_with(b"PK\x03\x04") || t.starts_with(b"<")
}

/// The Apple Health data types Hale keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Type {
    Systolic,
    Diastolic,
    HeartRate,
    Spo2,
    RespiratoryRate,
    BodyMass,
    Glucose,
    Temperature,
    Steps,
    Exercise,
    Sleep,
}

impl Type {
    fn of(t: &[u8]) -> Option<Type> {
        Some(match t {
            b"HKQuantityTypeIdentifierBloodPressureSystolic" => Type::Systolic,
            b"HKQuantityTypeIdentifierBloodPressureDiastolic" => Type::Diastolic,
            b"HKQuantityTypeIdentifierHeartRate" => Type::HeartRate,
            b"HKQuantityTypeIdentifierOxygenSaturation" => Type::Spo2,
            b"HKQuantityTypeIdentifierRespiratoryRate" => Type::RespiratoryRate,
            b"HKQuantityTypeIdentifierBodyMass" => Type::BodyMass,
            b"HKQuantityTypeIdentifierBloodGlucose" => Type::Glucose,
            b"HKQuantityTypeIdentifierBodyTemperature" => Type::Temperature,
            b"HKQuantityTypeIdentifierStepCount" => Type::Steps,
            b"HKQuantityTypeIdentifierAppleExerciseTime" => Type::Exercise,
            b"HKCategoryTypeIdentifierSleepAnalysis" => Type::Sleep,
            _ => return None,
        })
    }

    fn kind(self) -> ObsKind {
        match self {
            Type::Systolic | Type::Diastolic => ObsKind::BloodPressure,
            Type::HeartRate => ObsKind::HeartRate,
            Type::Spo2 => ObsKind::Spo2,
            Type::RespiratoryRate => ObsKind::RespiratoryRate,
            Type::BodyMass => ObsKind::Weight,
            Type::Glucose => ObsKind::Glucose,
            Type::Temperature => ObsKind::Temperature,
            Type::Steps => ObsKind::Steps,
            Type::Exercise => ObsKind::Activity,
            Type::Sleep => ObsKind::Sleep,
        }
    }
}

/// An Apple timestamp (`2024-10-25 07:05:11 -0500`): the instant and the phone's local time.
#[derive(Clone, Copy, Debug, PartialEq)]
struct When {
    utc: DateTime<Utc>,
    local: NaiveDateTime,
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// Reads `YYYY-MM-DD HH:MM:SS ±HHMM` (also `Z` or `±HH:MM` at the end).
fn when(b: &[u8]) -> Option<When> {
    let b = b.trim_ascii();
    if b.len() < DATE_LEN || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)?;
    let local = date.and_hms_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?)?;
    let zone = b[19..].trim_ascii();
    let seconds = match zone {
        b"" | b"Z" | b"+0000" => 0,
        z => {
            let sign = match z.first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let z: Vec<u8> = z[1..].iter().copied().filter(|c| *c != b':').collect();
            if z.len() != 4 {
                return None;
            }
            sign * (digits(&z[0..2])? * 3600 + digits(&z[2..4])? * 60) as i32
        }
    };
    let offset = FixedOffset::east_opt(seconds)?;
    let utc = offset.from_local_datetime(&local).single()?.with_timezone(&Utc);
    Some(When { utc, local })
}

/// An XML attribute value with the five named entities and numeric references decoded.
fn unescape(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    if !s.contains('&') {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = &*s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= MAX_ENTITY) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of a tag's bytes (after its name), as (name, raw value) pairs.
fn attributes<'a>(mut b: &'a [u8], mut each: impl FnMut(&'a [u8], &'a [u8])) {
    loop {
        let Some(eq) = b.iter().position(|c| *c == b'=') else { return };
        let name = b[..eq].trim_ascii();
        let rest = b[eq + 1..].trim_ascii_start();
        let Some(&quote) = rest.first().filter(|q| **q == b'"' || **q == b'\'') else { return };
        let Some(close) = rest[1..].iter().position(|c| *c == quote) else { return };
        each(name, &rest[1..1 + close]);
        b = &rest[close + 2..];
    }
}

/// The device's name from Apple's description (`<<HKDevice: 0x…>, name:Apple Watch, …>`).
fn device_name(d: &str) -> Option<String> {
    let at = d.find("name:")? + "name:".len();
    let rest = &d[at..];
    let end = rest.find([',', '>']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_string()).filter(|n| !n.is_empty())
}

/// One record being read (its metadata may follow as child elements).
#[derive(Clone, Debug)]
struct Rec {
    ty: Type,
    value: Option<f64>,
    category: Vec<u8>,
    unit: Vec<u8>,
    start: When,
    end: When,
    source: String,
    device: Option<String>,
    user_entered: bool,
    watch: bool,
    meal: Option<u8>,
}

/// How a continuous sample is summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Span {
    Hour,
    Day,
}

#[derive(Default)]
struct Mean {
    sum: f64,
    n: u64,
    offset: i32,
    source: String,
}

/// Per day, night or week and per source: the amount and the latest end.
#[derive(Default, Clone)]
struct Tally {
    amount: f64,
    fallback: f64,
    last: Option<DateTime<Utc>>,
    fallback_last: Option<DateTime<Utc>>,
}

/// A blood pressure's two values being gathered (a correlation's members, or top-level records).
#[derive(Default)]
struct Pair {
    at: Option<When>,
    source: String,
    systolic: Option<f64>,
    diastolic: Option<f64>,
    user_entered: bool,
}

/// Everything kept while the file is read (bounded by days × kinds, never by records).
#[derive(Default)]
struct Kept {
    spot: Vec<Observation>,
    seen: HashSet<String>,
    /// Top-level systolic and diastolic values, by (time, source), paired at the end.
    loose_bp: HashMap<(i64, String), Pair>,
    continuous: BTreeMap<(ObsKind, Span, i64), Mean>,
    samples: BTreeMap<ObsKind, u64>,
    steps: BTreeMap<(NaiveDate, String), Tally>,
    sleep: BTreeMap<(NaiveDate, String), Tally>,
    exercise: BTreeMap<(NaiveDate, String), Tally>,
    count: BTreeMap<LeftOut, usize>,
    issues: Vec<Issue>,
    unsupported_types: HashSet<Vec<u8>>,
    records: u64,
}

/// The XML stream: one tag at a time.
#[derive(Default)]
struct Xml {
    buf: Vec<u8>,
    pos: usize,
    /// `<HealthData` seen (everything before it, DOCTYPE included, is passed over).
    started: bool,
    /// `</HealthData>` seen.
    ended: bool,
    /// How many bytes were looked at for `<HealthData`.
    sniffed: usize,
    record: Option<Rec>,
    /// Inside a blood-pressure correlation: its time, source and values so far.
    correlation: Option<Pair>,
    depth_in_other_correlation: bool,
    /// A tag still open at `pos` when the last chunk ended: how much of it (after the `<`) was
    /// searched for its end, and whether that search ended inside quotes, so the next chunk
    /// resumes the search instead of starting again (tiny chunks would make it quadratic).
    open_tag_searched: usize,
    open_tag_quote: u8,
    /// Bytes looked at while searching for tags' ends (what `examined` reports).
    examined: u64,
}

enum Stage {
    /// The first bytes decide: ZIP or XML.
    Start,
    Xml,
    Zip(Box<Zip>),
    /// The export's XML has ended; anything after is not read.
    Done,
}

#[derive(Default)]
struct Zip {
    /// Compressed bytes not yet used.
    buf: Vec<u8>,
    state: ZipState,
    entry: Option<Entry>,
    /// The export's XML entry has been found and read to its end.
    found: bool,
    /// Where inflated bytes land (`OUT_BLOCK` bytes, made once per reader, not once per block).
    out: Vec<u8>,
}

#[derive(Default, PartialEq, Eq, Debug)]
enum ZipState {
    #[default]
    Header,
    Data,
    Descriptor,
    End,
}

struct Entry {
    deflated: bool,
    /// Compressed size when the header gives it.
    size: Option<u64>,
    used: u64,
    descriptor: bool,
    zip64: bool,
    /// A `.xml` entry that may be the export: `None` until its first bytes decide.
    export: Option<bool>,
    candidate: bool,
    sniff: Vec<u8>,
    inflater: Box<InflateState>,
}

/// Reads an Apple Health export a chunk at a time.
pub struct Reader {
    now: DateTime<Utc>,
    stage: Stage,
    xml: Xml,
    kept: Kept,
    bytes: u64,
    failed: Option<String>,
}

const NOT_EXPORT: &str = "Hale does not recognise this file as an Apple Health export: it has no <HealthData> element. Export from the Health app (your picture → Export All Health Data) and choose export.zip, or the export.xml inside it.";

impl Reader {
    /// A reader for an import at `now` (readings after it are left out).
    pub fn new(now: DateTime<Utc>) -> Reader {
        Reader { now, stage: Stage::Start, xml: Xml::default(), kept: Kept::default(), bytes: 0, failed: None }
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Bytes of XML looked at while finding where tags end: about the XML's length however the
    /// file is cut into chunks (a tag left open by a chunk is not searched again from its start).
    pub fn examined(&self) -> u64 {
        self.xml.examined
    }

    /// Records read so far.
    pub fn records(&self) -> u64 {
        self.kept.records
    }

    /// Bytes the reader holds between chunks (a tag, a compressed block, the first bytes of an
    /// entry): bounded whatever the file's size.
    pub fn buffered(&self) -> usize {
        let zip = match &self.stage {
            Stage::Zip(z) => z.buf.len() + z.entry.as_ref().map_or(0, |e| e.sniff.len()),
            _ => 0,
        };
        self.xml.buf.len() + zip
    }

    /// Whether the export's XML has ended (the rest of the file need not be read).
    pub fn done(&self) -> bool {
        matches!(self.stage, Stage::Done) || self.failed.is_some()
    }

    /// The next chunk of the file. After an error, nothing more is read and `finish` gives it.
    pub fn push(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.push_inner(chunk) {
            self.failed = Some(e);
        }
    }

    fn push_inner(&mut self, chunk: &[u8]) -> Result<(), String> {
        if let Stage::Start = self.stage {
            if chunk.is_empty() {
                return Ok(());
            }
            self.stage = if chunk[0] == b'P' { Stage::Zip(Box::default()) } else { Stage::Xml };
        }
        match &mut self.stage {
            Stage::Start | Stage::Done => Ok(()),
            Stage::Xml => {
                self.xml.feed(chunk, &mut self.kept, self.now)?;
                if self.xml.ended {
                    self.stage = Stage::Done;
                }
                Ok(())
            }
            Stage::Zip(zip) => {
                zip.buf.extend_from_slice(chunk);
                zip.run(&mut self.xml, &mut self.kept, self.now)?;
                if zip.found || self.xml.ended {
                    self.stage = Stage::Done;
                }
                Ok(())
            }
        }
    }

    /// The end of the file: what the import brings in, or why nothing.
    pub fn finish(mut self) -> Result<Imported, Vec<Issue>> {
        let refuse = |m: String| Err(vec![Issue::error(IssueCode::UnsupportedFormat, "file", m)]);
        if let Some(e) = self.failed.take() {
            return refuse(e);
        }
        if !self.xml.started {
            return refuse(NOT_EXPORT.to_string());
        }
        if !self.xml.ended {
            return refuse("The file ended before the export did (it may not have been copied whole). Export again and choose the new file.".to_string());
        }
        Ok(self.kept.finish(self.now))
    }
}

impl Zip {
    fn run(&mut self, xml: &mut Xml, kept: &mut Kept, now: DateTime<Utc>) -> Result<(), String> {
        let mut at = 0usize;
        let result = loop {
            match self.state {
                ZipState::End => break Ok(()),
                ZipState::Header => {
                    let b = &self.buf[at..];
                    if b.len() < SIG {
                        break Ok(());
                    }
                    if b[..4] != *b"PK\x03\x04" {
                        // The central directory (or anything else): no more entries.
                        self.state = ZipState::End;
                        continue;
                    }
                    if b.len() < HEADER {
                        break Ok(());
                    }
                    let u16_at = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
                    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
                    let (flags, method, csize) = (u16_at(6), u16_at(8), u32_at(18));
                    let (name_len, extra_len) = (u16_at(26) as usize, u16_at(28) as usize);
                    if b.len() < HEADER + name_len + extra_len {
                        break Ok(());
                    }
                    let name = String::from_utf8_lossy(&b[30..30 + name_len]).to_ascii_lowercase();
                    let extra = &b[30 + name_len..30 + name_len + extra_len];
                    let (mut zip64, mut zip64_size) = (false, None);
                    let mut e = extra;
                    while e.len() >= SIG {
                        let (id, len) =
                            (u16::from_le_bytes([e[0], e[1]]), usize::from(u16::from_le_bytes([e[2], e[3]])));
                        let body = &e[4..(4 + len).min(e.len())];
                        zip64 |= id == 1;
                        if id == 1 && body.len() >= ZIP64_SIZES {
                            let mut s = [0u8; 8];
                            s.copy_from_slice(&body[8..16]);
                            zip64_size = Some(u64::from_le_bytes(s));
                        }
                        e = &e[(4 + len).min(e.len())..];
                    }
                    let descriptor = flags & 8 != 0;
                    let deflated = match method {
                        8 => true,
                        0 => false,
                        _ => break Err(format!("This ZIP file uses a compression Hale cannot read (method {method}). Export again from the Health app.")),
                    };
                    // With a data descriptor the sizes come after the data: a deflate stream ends itself.
                    let size = match (descriptor && deflated, zip64_size) {
                        (true, _) => None,
                        (false, Some(s)) => Some(s),
                        (false, None) => Some(csize),
                    };
                    if descriptor && !deflated {
                        break Err("This ZIP file stores an entry without its size. Export again from the Health app."
                            .to_string());
                    }
                    let candidate = name.ends_with(".xml") && !name.contains("__macosx") && !name.contains("/._");
                    self.entry = Some(Entry {
                        deflated,
                        size,
                        used: 0,
                        descriptor,
                        zip64,
                        export: None,
                        candidate,
                        sniff: Vec::new(),
                        inflater: InflateState::new_boxed(DataFormat::Raw),
                    });
                    at += 30 + name_len + extra_len;
                    self.state = ZipState::Data;
                }
                ZipState::Data => {
                    let Some(entry) = self.entry.as_mut() else {
                        self.state = ZipState::Header;
                        continue;
                    };
                    let avail = &self.buf[at..];
                    let left = entry.size.map_or(u64::MAX, |s| s.saturating_sub(entry.used));
                    let input = &avail[..avail.len().min(usize::try_from(left).unwrap_or(usize::MAX))];
                    let wanted = entry.candidate && entry.export != Some(false);
                    let (used, produced, ended) = if !wanted && (!entry.deflated || entry.size.is_some()) {
                        // Not the export, and its size is known: skip its bytes without inflating them.
                        (input.len(), 0, entry.size.is_some_and(|s| entry.used + input.len() as u64 >= s))
                    } else if entry.deflated {
                        if self.out.len() != OUT_BLOCK {
                            self.out = vec![0u8; OUT_BLOCK];
                        }
                        let r = inflate(&mut entry.inflater, input, &mut self.out, MZFlush::None);
                        if wanted {
                            entry.take(&self.out[..r.bytes_written], xml, kept, now)?;
                        }
                        match r.status {
                            Ok(MZStatus::StreamEnd) => (r.bytes_consumed, r.bytes_written, true),
                            Ok(_) | Err(MZError::Buf) => (r.bytes_consumed, r.bytes_written, false),
                            Err(_) => break Err("The ZIP file is damaged (its compressed data cannot be read). Export again from the Health app.".to_string()),
                        }
                    } else {
                        entry.take(input, xml, kept, now)?;
                        (input.len(), input.len(), entry.size.is_some_and(|s| entry.used + input.len() as u64 >= s))
                    };
                    entry.used += used as u64;
                    at += used;
                    if ended {
                        if entry.export == Some(true) {
                            self.found = true;
                            self.state = ZipState::End;
                            continue;
                        }
                        if entry.size.is_some_and(|s| entry.used < s) {
                            // Bytes after the compressed stream within the entry's size: skipped.
                            entry.candidate = false;
                            continue;
                        }
                        self.state = if entry.descriptor { ZipState::Descriptor } else { ZipState::Header };
                        continue;
                    }
                    if used == 0 && produced == 0 {
                        break Ok(());
                    }
                }
                ZipState::Descriptor => {
                    let zip64 = self.entry.as_ref().is_some_and(|e| e.zip64);
                    let b = &self.buf[at..];
                    let signed = b.len() >= SIG && b[..SIG] == *b"PK\x07\x08";
                    let len = usize::from(signed) * 4 + 4 + if zip64 { 16 } else { 8 };
                    if b.len() < len {
                        break Ok(());
                    }
                    at += len;
                    self.state = ZipState::Header;
                }
            }
        };
        self.buf.drain(..at);
        result
    }
}

impl Entry {
    /// Inflated bytes of a `.xml` entry: the first decide whether it is the export.
    fn take(&mut self, bytes: &[u8], xml: &mut Xml, kept: &mut Kept, now: DateTime<Utc>) -> Result<(), String> {
        match self.export {
            Some(true) => xml.feed(bytes, kept, now),
            Some(false) => Ok(()),
            None => {
                self.sniff.extend_from_slice(bytes);
                if find(&self.sniff, b"<HealthData").is_some() {
                    self.export = Some(true);
                    let first = std::mem::take(&mut self.sniff);
                    xml.feed(&first, kept, now)
                } else {
                    if self.sniff.len() > SNIFF {
                        self.export = Some(false);
                        self.sniff = Vec::new();
                    }
                    Ok(())
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Xml {
    fn feed(&mut self, data: &[u8], kept: &mut Kept, now: DateTime<Utc>) -> Result<(), String> {
        if self.ended {
            return Ok(());
        }
        self.buf.extend_from_slice(data);
        loop {
            if !self.started {
                match find(&self.buf[self.pos..], b"<HealthData") {
                    Some(i) => {
                        self.pos += i;
                        self.started = true;
                    }
                    None => {
                        let keep = self.buf.len().saturating_sub(self.pos).min(b"<HealthData".len());
                        self.sniffed += self.buf.len() - self.pos - keep;
                        self.pos = self.buf.len() - keep;
                        if self.sniffed > SNIFF {
                            return Err(NOT_EXPORT.to_string());
                        }
                        break;
                    }
                }
            }
            let rest = &self.buf[self.pos..];
            let Some(lt) = rest.iter().position(|c| *c == b'<') else {
                self.pos = self.buf.len();
                break;
            };
            let tag_start = self.pos + lt;
            let body = &self.buf[tag_start + 1..];
            // The same open tag as when the last chunk ended: resume where its search stopped.
            let (from, mut quote) = if lt == 0 { (self.open_tag_searched, self.open_tag_quote) } else { (0, 0) };
            let comment = body.starts_with(b"!--");
            let close = if comment {
                // "-->" may straddle where the last search stopped.
                let back = from.saturating_sub(2);
                self.examined += (body.len() - back) as u64;
                find(&body[back..], b"-->").map(|i| back + i + 2)
            } else {
                self.examined += (body.len() - from) as u64;
                body[from..]
                    .iter()
                    .position(|&c| {
                        if quote != 0 {
                            if c == quote {
                                quote = 0;
                            }
                            false
                        } else if c == b'"' || c == b'\'' {
                            quote = c;
                            false
                        } else {
                            c == b'>'
                        }
                    })
                    .map(|i| from + i)
            };
            let Some(close) = close else {
                if body.len() > MAX_TAG {
                    return Err("This file has an XML tag longer than any Apple Health export writes; it is not one Hale can read.".to_string());
                }
                // A tag's first bytes may not yet say whether it is a comment: searched again then.
                let decided = body.len() >= b"!--".len();
                self.open_tag_searched = if decided { body.len() } else { 0 };
                self.open_tag_quote = if decided && !comment { quote } else { 0 };
                self.pos = tag_start;
                break;
            };
            self.open_tag_searched = 0;
            self.open_tag_quote = 0;
            let tag_end = tag_start + 1 + close;
            let tag = self.buf[tag_start + 1..tag_end].to_vec();
            self.pos = tag_end + 1;
            self.tag(&tag, kept, now);
            if self.ended {
                break;
            }
        }
        if self.pos > 0 && (self.pos == self.buf.len() || self.pos > self.buf.len() / 2) {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        Ok(())
    }

    /// One tag's bytes between `<` and `>`.
    fn tag(&mut self, tag: &[u8], kept: &mut Kept, now: DateTime<Utc>) {
        let closing = tag.first() == Some(&b'/');
        let t = if closing { &tag[1..] } else { tag };
        let name_end = t.iter().position(|c| c.is_ascii_whitespace() || *c == b'/').unwrap_or(t.len());
        let name = &t[..name_end];
        let self_closing = tag.last() == Some(&b'/');
        if closing {
            match name {
                b"Record" => {
                    if let Some(r) = self.record.take() {
                        self.finish_record(r, kept, now);
                    }
                }
                b"Correlation" => {
                    if self.depth_in_other_correlation {
                        self.depth_in_other_correlation = false;
                    } else if let Some(pair) = self.correlation.take() {
                        kept.pair(pair, now);
                    }
                }
                b"HealthData" => self.ended = true,
                _ => {}
            }
            return;
        }
        match name {
            b"Record" => {
                // A record left open (malformed) is finished before the next one starts.
                if let Some(r) = self.record.take() {
                    self.finish_record(r, kept, now);
                }
                kept.records += 1;
                let Some(r) = record(&t[name_end..], kept) else { return };
                if self_closing {
                    self.finish_record(r, kept, now);
                } else {
                    self.record = Some(r);
                }
            }
            b"MetadataEntry" => {
                let (mut key, mut value) = (Vec::new(), Vec::new());
                attributes(&t[name_end..], |k, v| match k {
                    b"key" => key = v.to_vec(),
                    b"value" => value = v.to_vec(),
                    _ => {}
                });
                let yes = value.trim_ascii() == b"1";
                if let Some(r) = self.record.as_mut() {
                    match key.as_slice() {
                        b"HKWasUserEntered" => r.user_entered = yes,
                        b"HKMetadataKeyHeartRateMotionContext" => r.watch = true,
                        b"HKBloodGlucoseMealTime" => {
                            r.meal = digits(value.trim_ascii()).and_then(|m| u8::try_from(m).ok())
                        }
                        _ => {}
                    }
                } else if let Some(c) = self.correlation.as_mut() {
                    if key == b"HKWasUserEntered" {
                        c.user_entered = yes;
                    }
                }
            }
            b"Correlation" => {
                let mut blood_pressure = false;
                let (mut at, mut source) = (None, String::new());
                attributes(&t[name_end..], |k, v| match k {
                    b"type" => blood_pressure = v == b"HKCorrelationTypeIdentifierBloodPressure",
                    b"startDate" => at = when(v),
                    b"sourceName" => source = unescape(v),
                    _ => {}
                });
                if self_closing {
                    return;
                }
                if blood_pressure {
                    self.correlation = Some(Pair { at, source, ..Pair::default() });
                } else {
                    self.depth_in_other_correlation = true;
                }
            }
            _ => {}
        }
    }

    fn finish_record(&mut self, r: Rec, kept: &mut Kept, now: DateTime<Utc>) {
        if let (Some(c), Type::Systolic | Type::Diastolic) = (self.correlation.as_mut(), r.ty) {
            if r.ty == Type::Systolic {
                c.systolic = r.value;
            } else {
                c.diastolic = r.value;
            }
            c.user_entered |= r.user_entered;
            c.at = c.at.or(Some(r.start));
            return;
        }
        if self.correlation.is_some() || self.depth_in_other_correlation {
            // Members of other correlations (food) are not kept; top-level copies are read instead.
            return;
        }
        kept.record(r, now);
    }
}

/// A `<Record …>` tag's attributes, or `None` (counted) when it is not a kind Hale keeps or
/// cannot be read.
fn record(attrs: &[u8], kept: &mut Kept) -> Option<Rec> {
    let mut ty = None;
    let mut raw_type: &[u8] = b"";
    let (mut value, mut unit, mut start, mut end, mut source, mut device) = (None, &b""[..], None, None, None, None);
    attributes(attrs, |k, v| match k {
        b"type" => {
            raw_type = v;
            ty = Type::of(v);
        }
        b"value" => value = Some(v),
        b"unit" => unit = v,
        b"startDate" => start = Some(v),
        b"endDate" => end = Some(v),
        b"sourceName" => source = Some(v),
        b"device" => device = Some(v),
        _ => {}
    });
    let Some(ty) = ty else {
        *kept.count.entry(LeftOut::Unsupported).or_default() += 1;
        if kept.unsupported_types.len() < MAX_TYPES && !raw_type.is_empty() {
            kept.unsupported_types.insert(raw_type.to_vec());
        }
        return None;
    };
    let (Some(start), Some(end)) = (start.and_then(when), end.and_then(when)) else {
        kept.leave(LeftOut::Unreadable, "A record with a date Hale could not read was left out.".to_string());
        return None;
    };
    let number = value.and_then(|v| std::str::from_utf8(v).ok()).and_then(|v| v.trim().parse::<f64>().ok());
    if ty != Type::Sleep && !number.is_some_and(f64::is_finite) {
        kept.leave(LeftOut::Unreadable, "A record with a value Hale could not read was left out.".to_string());
        return None;
    }
    let source = source.map(unescape).unwrap_or_default();
    let device = device.map(unescape).and_then(|d| device_name(&d));
    let watch = source.contains("Watch") || device.as_deref().is_some_and(|d| d.contains("Watch"));
    Some(Rec {
        ty,
        value: number,
        category: value.unwrap_or_default().to_vec(),
        unit: unit.to_vec(),
        start,
        end,
        source,
        device,
        user_entered: false,
        watch,
        meal: None,
    })
}

impl Kept {
    fn leave(&mut self, why: LeftOut, message: String) {
        *self.count.entry(why).or_default() += 1;
        if self.issues.len() < MAX_ROW_ISSUES {
            self.issues.push(Issue::warning(IssueCode::Malformed, "record", message));
        }
    }

    fn source(&self, device: Option<String>, user_entered: bool, continuous: bool, now: DateTime<Utc>) -> Source {
        Source {
            format: Format::AppleHealth.code().to_string(),
            app: Some(Format::AppleHealth.app().to_string()),
            device: device.filter(|d| !d.is_empty()),
            user_entered: Some(user_entered),
            continuous,
            imported_at: now,
        }
    }

    /// Checks a reading as a typed one is and keeps it once; `false` when it was not kept.
    fn keep(&mut self, id: String, at: DateTime<Utc>, mut v: Value, source: &Source, now: DateTime<Utc>) -> bool {
        if at > now {
            self.leave(
                LeftOut::Implausible,
                format!("A reading dated {} is after now; it was left out.", crate::time::fmt_instant(at)),
            );
            return false;
        }
        if self.seen.contains(&id) {
            *self.count.entry(LeftOut::Duplicate).or_default() += 1;
            return false;
        }
        v["id"] = json!(id);
        v["at"] = json!(crate::time::fmt_instant(at));
        v["source"] = crate::write::source_to_value(source);
        let mut issues = Vec::new();
        match crate::parse::parse_observation(&v, "reading", &mut issues) {
            Some(o) => {
                self.seen.insert(o.id.clone());
                self.spot.push(o);
                true
            }
            None => {
                let words = issues.iter().map(|x| x.message.as_str()).collect::<Vec<_>>().join(" ");
                self.leave(
                    LeftOut::Implausible,
                    format!("A reading of {} was left out: {words}", crate::time::fmt_instant(at)),
                );
                false
            }
        }
    }

    fn spot_id(kind: ObsKind, at: DateTime<Utc>, v: &Value) -> String {
        let mut values: Vec<String> = v
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| k.as_str() != "kind")
            .map(|(_, x)| x.to_string())
            .collect();
        values.sort();
        format!("imp-apple_health-{}-{}-{}", kind.as_str(), at.format("%Y%m%dT%H%M%S"), values.join("-"))
    }

    fn blood_pressure(
        &mut self,
        at: When,
        s: f64,
        d: f64,
        device: Option<String>,
        user: bool,
        now: DateTime<Utc>,
    ) -> bool {
        let v = json!({ "kind": "blood_pressure", "systolic_mmhg": s.round(), "diastolic_mmhg": d.round() });
        let id = Self::spot_id(ObsKind::BloodPressure, at.utc, &v);
        let source = self.source(device, user, false, now);
        self.keep(id, at.utc, v, &source, now)
    }

    fn pair(&mut self, p: Pair, now: DateTime<Utc>) {
        match (p.at, p.systolic, p.diastolic) {
            (Some(at), Some(s), Some(d)) => {
                self.blood_pressure(at, s, d, Some(p.source), p.user_entered, now);
            }
            _ => self.leave(LeftOut::Unreadable, "A blood pressure without both its numbers was left out.".to_string()),
        }
    }

    fn record(&mut self, r: Rec, now: DateTime<Utc>) {
        let unit = String::from_utf8_lossy(&r.unit).to_string();
        let value = r.value.unwrap_or_default();
        match r.ty {
            Type::Systolic | Type::Diastolic => {
                let key = (r.start.utc.timestamp(), r.source.clone());
                let e = self.loose_bp.entry(key).or_default();
                if r.ty == Type::Systolic {
                    e.systolic = Some(value);
                } else {
                    e.diastolic = Some(value);
                }
                e.at = Some(r.start);
                e.user_entered |= r.user_entered;
                e.source = r.device.unwrap_or(r.source);
            }
            Type::HeartRate | Type::Spo2 | Type::RespiratoryRate => {
                let percent = r.ty == Type::Spo2 && unit == "%";
                let v = if percent { value * 100.0 } else { value };
                let kind = r.ty.kind();
                if r.watch && !r.user_entered {
                    *self.samples.entry(kind).or_default() += 1;
                    if r.start.utc > now {
                        self.leave(LeftOut::Implausible, "A sample dated after now was left out.".to_string());
                        return;
                    }
                    let recent = now - r.start.utc < TimeDelta::days(HOURLY_DAYS);
                    let (span, key) = if recent {
                        (Span::Hour, r.start.utc.timestamp().div_euclid(3600))
                    } else {
                        (Span::Day, i64::from(r.start.local.date().num_days_from_ce()))
                    };
                    let m = self.continuous.entry((kind, span, key)).or_default();
                    if m.n == 0 {
                        m.offset = (r.start.local - r.start.utc.naive_utc()).num_seconds() as i32;
                        m.source = r.device.clone().unwrap_or(r.source.clone());
                    }
                    m.sum += v;
                    m.n += 1;
                    return;
                }
                let field = match r.ty {
                    Type::HeartRate => "bpm",
                    Type::Spo2 => "percent",
                    _ => "per_min",
                };
                let mut fields = json!({ "kind": kind.as_str() });
                fields[field] = json!(v.round());
                let id = Self::spot_id(kind, r.start.utc, &fields);
                let source = self.source(r.device.or(Some(r.source)), r.user_entered, false, now);
                self.keep(id, r.start.utc, fields, &source, now);
            }
            Type::BodyMass | Type::Glucose | Type::Temperature => {
                let kind = r.ty.kind();
                let fields = match r.ty {
                    Type::BodyMass => {
                        let kg = match unit.as_str() {
                            "kg" => value,
                            "lb" => value * crate::units::KG_PER_LB,
                            "g" => value / 1000.0,
                            "st" => value * 14.0 * crate::units::KG_PER_LB,
                            _ => return self.leave(LeftOut::Unreadable, format!("A weight in {unit} was left out.")),
                        };
                        json!({ "kind": "weight", "kg": (kg * 10.0).round() / 10.0 })
                    }
                    Type::Glucose => {
                        let mmol = if unit.starts_with("mmol") {
                            value
                        } else if unit == "mg/dL" {
                            crate::units::glucose_mgdl_to_mmoll(value)
                        } else {
                            return self
                                .leave(LeftOut::Unreadable, format!("A glucose reading in {unit} was left out."));
                        };
                        let context = match r.meal {
                            Some(1) => "before_meal",
                            Some(2) => "after_meal",
                            _ => "random",
                        };
                        json!({ "kind": "glucose", "mmol_l": (mmol * 10.0).round() / 10.0, "context": context })
                    }
                    _ => {
                        let c = match unit.as_str() {
                            "degC" => value,
                            "degF" => crate::units::fahrenheit_to_celsius(value),
                            _ => {
                                return self
                                    .leave(LeftOut::Unreadable, format!("A temperature in {unit} was left out."))
                            }
                        };
                        json!({ "kind": "temperature", "celsius": (c * 10.0).round() / 10.0 })
                    }
                };
                let id = Self::spot_id(kind, r.start.utc, &fields);
                let source = self.source(r.device.or(Some(r.source)), r.user_entered, false, now);
                self.keep(id, r.start.utc, fields, &source, now);
            }
            Type::Steps => {
                let t = self.steps.entry((r.start.local.date(), r.device.clone().unwrap_or(r.source))).or_default();
                t.amount += value;
                t.last = t.last.max(Some(r.end.utc));
            }
            Type::Exercise => {
                let d = r.start.local.date();
                let monday = d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday()));
                let minutes = match unit.as_str() {
                    "min" => value,
                    "s" => value / 60.0,
                    "hr" => value * 60.0,
                    _ => return self.leave(LeftOut::Unreadable, format!("Exercise time in {unit} was left out.")),
                };
                let t = self.exercise.entry((monday, r.device.clone().unwrap_or(r.source))).or_default();
                t.amount += minutes;
                t.last = t.last.max(Some(r.end.utc));
            }
            Type::Sleep => {
                let seconds = (r.end.utc - r.start.utc).num_seconds().max(0) as f64;
                let category = r.category.as_slice();
                let asleep = category.starts_with(b"HKCategoryValueSleepAnalysisAsleep");
                let in_bed = category == b"HKCategoryValueSleepAnalysisInBed";
                if !asleep && !in_bed {
                    // Awake, and anything newer Hale does not know.
                    return;
                }
                let t = self.sleep.entry((r.end.local.date(), r.device.clone().unwrap_or(r.source))).or_default();
                if asleep {
                    t.amount += seconds;
                    t.last = t.last.max(Some(r.end.utc));
                } else {
                    t.fallback += seconds;
                    t.fallback_last = t.fallback_last.max(Some(r.end.utc));
                }
            }
        }
    }

    /// The readings: spot checks as they were, summaries made, overlapping sources chosen.
    fn finish(mut self, now: DateTime<Utc>) -> Imported {
        let mut notes = Vec::new();
        // Top-level blood pressures no correlation carried.
        let loose = std::mem::take(&mut self.loose_bp);
        let mut loose: Vec<_> = loose.into_iter().collect();
        loose.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, pair) in loose {
            self.pair(pair, now);
        }
        // Continuous samples: one mean an hour (recent) or a day (older).
        let continuous = std::mem::take(&mut self.continuous);
        let mut made = BTreeMap::<ObsKind, (usize, usize)>::new();
        for ((kind, span, key), m) in continuous {
            let mean = (m.sum / m.n as f64).round();
            let (at, label) = match span {
                Span::Hour => {
                    let Some(at) = DateTime::from_timestamp(key * 3600, 0) else { continue };
                    (at, format!("hour-{}", at.format("%Y%m%dT%H")))
                }
                Span::Day => {
                    let Some(day) = NaiveDate::from_num_days_from_ce_opt(key as i32) else { continue };
                    let Some(noon) = day.and_hms_opt(12, 0, 0) else { continue };
                    let at = noon.and_utc() - TimeDelta::seconds(i64::from(m.offset));
                    (at.min(now), format!("day-{}", day.format("%Y%m%d")))
                }
            };
            let field = match kind {
                ObsKind::HeartRate => "bpm",
                ObsKind::Spo2 => "percent",
                _ => "per_min",
            };
            let mut v = json!({ "kind": kind.as_str() });
            v[field] = json!(mean);
            let source = self.source(Some(m.source), false, true, now);
            let id = format!("imp-apple_health-{}-{label}", kind.as_str());
            if self.keep(id, at, v, &source, now) {
                let e = made.entry(kind).or_default();
                if span == Span::Hour {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        for (kind, (hours, days)) in &made {
            let samples = self.samples.get(kind).copied().unwrap_or_default();
            let label = crate::spec::kind_spec(*kind).label;
            notes.push(format!(
                "{label} from a watch: {} samples, kept as {} (the last {HOURLY_DAYS} days) and {} (before that). They show in your trends and never raise an alert on their own.",
                thousands(samples),
                counted(*hours, "hourly average", "hourly averages"),
                counted(*days, "daily average", "daily averages"),
            ));
        }
        // Steps, sleep and exercise: one source a day, night or week.
        let steps = choose(std::mem::take(&mut self.steps));
        let sleep = choose(std::mem::take(&mut self.sleep));
        let exercise = choose(std::mem::take(&mut self.exercise));
        let mut chosen = BTreeMap::<(ObsKind, String), usize>::new();
        let mut overlapped = BTreeMap::<ObsKind, usize>::new();
        for (day, (source, t, others)) in steps {
            let Some(at) = t.last else { continue };
            let v = json!({ "kind": "steps", "count": t.amount.round() });
            let src = self.source(Some(source.clone()), false, false, now);
            if self.keep(format!("imp-apple_health-steps-{}", day.format("%Y%m%d")), at.min(now), v, &src, now) {
                *chosen.entry((ObsKind::Steps, source)).or_default() += 1;
                *overlapped.entry(ObsKind::Steps).or_default() += usize::from(others > 0);
            }
        }
        for (night, (source, t, others)) in sleep {
            let (seconds, last) = if t.amount > 0.0 { (t.amount, t.last) } else { (t.fallback, t.fallback_last) };
            let Some(at) = last else { continue };
            let hours = (seconds / 3600.0 * 10.0).round() / 10.0;
            let v = json!({ "kind": "sleep", "hours": hours });
            let src = self.source(Some(source.clone()), false, false, now);
            if self.keep(format!("imp-apple_health-sleep-{}", night.format("%Y%m%d")), at.min(now), v, &src, now) {
                *chosen.entry((ObsKind::Sleep, source)).or_default() += 1;
                *overlapped.entry(ObsKind::Sleep).or_default() += usize::from(others > 0);
            }
        }
        let mut week_in_progress = false;
        for (monday, (source, t, others)) in exercise {
            let Some(sunday_end) = (monday + TimeDelta::days(7)).and_hms_opt(0, 0, 0) else { continue };
            let Some(last) = t.last else { continue };
            // The week has ended everywhere once its Monday midnight has passed at UTC−12 (with margin).
            if now < sunday_end.and_utc() + TimeDelta::hours(14) || last > now {
                week_in_progress = true;
                continue;
            }
            let v = json!({ "kind": "activity", "moderate_min_per_week": t.amount.round() });
            let src = self.source(Some(source.clone()), false, false, now);
            if self.keep(format!("imp-apple_health-activity-{}", monday.format("%Y%m%d")), last, v, &src, now) {
                *chosen.entry((ObsKind::Activity, source)).or_default() += 1;
                *overlapped.entry(ObsKind::Activity).or_default() += usize::from(others > 0);
            }
        }
        for kind in [ObsKind::Steps, ObsKind::Sleep, ObsKind::Activity] {
            let from: Vec<String> = chosen
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, s), n)| {
                    let unit = if kind == ObsKind::Activity { ("week", "weeks") } else { ("day", "days") };
                    format!("{s} ({})", counted(*n, unit.0, unit.1))
                })
                .collect();
            if from.is_empty() {
                continue;
            }
            let label = crate::spec::kind_spec(kind).label;
            let what = match kind {
                ObsKind::Steps => "one total a day",
                ObsKind::Sleep => "time asleep each night, on the date the night ended (time in bed is used only where nothing recorded sleep)",
                _ => "exercise minutes added up for each finished week, as moderate activity",
            };
            let mut line = format!("{label}: {what}, from {}.", from.join(", "));
            if let Some(n) = overlapped.get(&kind).filter(|n| **n > 0) {
                line.push_str(&format!(
                    " On {} of them more than one device counted; Hale kept the one that counted more, not both added together.",
                    thousands(*n as u64)
                ));
            }
            notes.push(line);
        }
        if week_in_progress {
            notes.push("Exercise minutes for the week still in progress are not brought in until it ends.".to_string());
        }
        if !self.unsupported_types.is_empty() {
            notes.push(format!(
                "{} other kinds of data (such as distance and energy burned) are not kept by Hale.",
                self.unsupported_types.len()
            ));
        }
        let mut observations = self.spot;
        observations.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Imported {
            format: Format::AppleHealth,
            observations,
            issues: self.issues,
            left_out: self.count.into_iter().collect(),
            notes,
        }
    }
}

/// `1 hourly average`, `1,437 hourly averages`.
fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n as u64))
    }
}

/// For each day (night, week), the source that counted most, its tally, and how many other
/// sources counted the same period.
fn choose(tallies: BTreeMap<(NaiveDate, String), Tally>) -> BTreeMap<NaiveDate, (String, Tally, usize)> {
    let mut out: BTreeMap<NaiveDate, (String, Tally, usize)> = BTreeMap::new();
    for ((day, source), t) in tallies {
        let score = |t: &Tally| if t.amount > 0.0 { (1, t.amount) } else { (0, t.fallback) };
        match out.get_mut(&day) {
            None => {
                out.insert(day, (source, t, 0));
            }
            Some(e) => {
                e.2 += 1;
                if score(&t) > score(&e.1) {
                    e.0 = source;
                    e.1 = t;
                }
            }
        }
    }
    out
}

/// Reads a whole export held in memory (tests, small files): `push` once, then `finish`.
pub fn read(bytes: &[u8], now: DateTime<Utc>) -> Result<Imported, Vec<Issue>> {
    let mut r = Reader::new(now);
    r.push(bytes);
    r.finish()
}
