//! Benchmark: `assess` on a parsed synthetic 10-year record (~50 000 observations of mixed kinds),
//! natively; JSON parsing reported separately. Writes the record to
//! `target/bench/record-10y.json` for the WebAssembly benchmark (scripts/bench-wasm.mjs).
//! Run: `cargo bench -p hale-core --bench assess` (or scripts/bench.sh for both).

use std::time::Instant;

use chrono::TimeDelta;
use hale_core::assessment::assess;
use hale_core::parse::parse_record_str;
use hale_core::record::{ObsValue, Observation, Profile, QuestionnaireEntry, Record, Smoking};
use hale_core::vocab::{Condition, Ethnicity, GlucoseContext, Instrument, Medication, Sex, SmokingStatus};

const NOW: &str = "2026-11-21T09:00:00Z";

/// A deterministic pseudo-random sequence (no random source needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn around(&mut self, mid: f64, spread: f64) -> f64 {
        mid + (self.next() - 0.5) * 2.0 * spread
    }
}

/// Ten years of daily life: blood pressure twice a day, pulse, glucose three times, weight, steps,
/// sleep, peak flow twice, SpO2, weekly temperature, ketones, activity, alcohol; quarterly HbA1c,
/// yearly cholesterol; a PHQ-9 and GAD-7 a month.
pub fn ten_years() -> Record {
    let now = hale_core::time::parse_rfc3339(NOW).unwrap_or_default();
    let mut rng = Lcg(42);
    let mut obs = Vec::new();
    let mut n = 0usize;
    let mut push = |obs: &mut Vec<Observation>, at, value| {
        n += 1;
        obs.push(Observation { id: format!("o{n}"), at, value, note: None, source: None });
    };
    for day in (0..3650).rev() {
        let d = now - TimeDelta::days(day) - TimeDelta::hours(1);
        let am = d - TimeDelta::hours(12);
        for t in [am, d] {
            let s = rng.around(138.0, 12.0).round();
            push(
                &mut obs,
                t,
                ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: (s - rng.around(52.0, 8.0)).round() },
            );
            push(&mut obs, t, ObsValue::HeartRate { bpm: rng.around(74.0, 10.0).round() });
            push(&mut obs, t, ObsValue::PeakFlow { l_min: rng.around(400.0, 40.0).round() });
        }
        for h in [3, 8, 13] {
            push(
                &mut obs,
                d - TimeDelta::hours(h),
                ObsValue::Glucose {
                    mmol_l: (rng.around(7.5, 2.5) * 10.0).round() / 10.0,
                    context: GlucoseContext::Random,
                },
            );
        }
        push(&mut obs, am, ObsValue::Weight { kg: rng.around(74.0, 2.0) });
        push(&mut obs, d, ObsValue::Steps { count: rng.around(7000.0, 3000.0).round() });
        push(&mut obs, am, ObsValue::Sleep { hours: rng.around(7.0, 1.5) });
        push(&mut obs, d, ObsValue::Spo2 { percent: rng.around(97.0, 1.5).round(), on_oxygen: false });
        if day % 7 == 0 {
            push(&mut obs, d, ObsValue::Temperature { celsius: (rng.around(36.8, 0.4) * 10.0).round() / 10.0 });
            push(&mut obs, d, ObsValue::Ketones { mmol_l: 0.2 });
            push(
                &mut obs,
                d,
                ObsValue::Activity {
                    moderate_min_per_week: rng.around(120.0, 60.0).round(),
                    vigorous_min_per_week: 20.0,
                },
            );
            push(&mut obs, d, ObsValue::Alcohol { units_per_week: rng.around(8.0, 6.0).round() });
        }
        if day % 91 == 0 {
            push(&mut obs, d, ObsValue::Hba1c { mmol_mol: rng.around(52.0, 6.0).round() });
        }
        if day % 365 == 0 {
            push(&mut obs, d, ObsValue::Cholesterol { total_mmol_l: 5.2, hdl_mmol_l: 1.4 });
        }
    }
    let mut questionnaires = Vec::new();
    for month in (0..120).rev() {
        let at = now - TimeDelta::days(month * 30 + 2);
        questionnaires.push(QuestionnaireEntry {
            id: format!("p{month}"),
            at,
            instrument: Instrument::Phq9,
            items: vec![1, 1, 0, 1, 0, 1, 0, 0, 0],
        });
        questionnaires.push(QuestionnaireEntry {
            id: format!("g{month}"),
            at,
            instrument: Instrument::Gad7,
            items: vec![1, 0, 1, 0, 1, 0, 0],
        });
    }
    Record {
        profile: Profile {
            birth_date: chrono::NaiveDate::from_ymd_opt(1972, 4, 3),
            sex: Some(Sex::Female),
            ethnicity: Some(Ethnicity::White),
            height_cm: Some(165.0),
            conditions: vec![Condition::Asthma, Condition::Type2Diabetes, Condition::Hypertension],
            medications: vec![Medication::Antihypertensive, Medication::Metformin],
            smoking: Some(Smoking {
                status: SmokingStatus::Former,
                quit_date: chrono::NaiveDate::from_ymd_opt(2015, 1, 1),
                cigarettes_per_day: None,
                vapes: false,
                home_indoor_smoker: false,
            }),
            peak_flow_best_l_min: Some(450.0),
            ..Profile::default()
        },
        observations: obs,
        questionnaires,
        ..Record::default()
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() {
    let record = ten_years();
    let json = hale_core::write::record_to_value(&record).to_string();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("record-10y.json"), &json);
    let now = hale_core::time::parse_rfc3339(NOW).unwrap_or_default();

    let mut parse_ms = Vec::new();
    let mut parsed = None;
    for _ in 0..7 {
        let t = Instant::now();
        let p = parse_record_str(&json);
        parse_ms.push(t.elapsed().as_secs_f64() * 1e3);
        parsed = p.ok();
    }
    let Some(parsed) = parsed else {
        eprintln!("the synthetic record did not parse");
        std::process::exit(1);
    };
    let mut assess_ms = Vec::new();
    let mut level = None;
    for _ in 0..51 {
        let t = Instant::now();
        let a = assess(&parsed.record, now, &parsed.issues);
        assess_ms.push(t.elapsed().as_secs_f64() * 1e3);
        level = Some(a.disposition.level);
    }
    let mut json_ms = Vec::new();
    for _ in 0..51 {
        let t = Instant::now();
        let a = assess(&parsed.record, now, &parsed.issues);
        let out = hale_core::api::to_json(&a);
        json_ms.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(out);
    }
    println!(
        "native: {} observations ({} bytes of JSON); parse median {:.1} ms; assess median {:.3} ms, min {:.3} ms (budget 5 ms); assess + JSON output median {:.3} ms; level {:?}",
        parsed.record.observations.len(),
        json.len(),
        median(parse_ms),
        median(assess_ms.clone()),
        assess_ms.iter().cloned().fold(f64::INFINITY, f64::min),
        median(json_ms),
        level
    );

    // Share summaries of this record (what the share page makes): assess, 90 days of flag history,
    // encode and seal; the link's size for 30 and 90 days of every kind.
    for days in [30i64, 90] {
        let o = hale_core::summary::Options {
            from: now.date_naive() - TimeDelta::days(days - 1),
            ..hale_core::summary::Options::defaults(now)
        };
        let random = [7u8; 44];
        let mut ms = Vec::new();
        let mut link = String::new();
        let mut readings = 0;
        for _ in 0..7 {
            let t = Instant::now();
            let a = assess(&parsed.record, now, &parsed.issues);
            let s = hale_core::summary::build(&parsed.record, &a, &o, now);
            readings = s.record.observations.len();
            link = hale_core::share::seal(&hale_core::summary::encode(&s), &random).unwrap_or_default();
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "native: {days}-day share summary of the 10-year record ({readings} readings): build + encode + seal median {:.1} ms; link token {} characters; QR code: {}",
            median(ms),
            link.len(),
            if hale_core::summary::qr_svg(&format!("https://hale.example.org/#/review/{link}")).is_some() { "yes" } else { "no" }
        );
    }
}
