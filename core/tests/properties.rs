//! Property tests (native only: proptest needs a random source).
//!
//! - reading and assessing arbitrary JSON never panics;
//! - worsening any single reading never lowers the level ("worse" is one step further from normal
//!   in the direction the rules measure danger: blood pressure up (or down for a lone reading with
//!   systolic below 111), SpO2 down, breathing rate, pulse and temperature away from the middle of
//!   their NEWS2 zero band, glucose away from 7.5, ketones up, peak flow down, alertness A→C,
//!   a questionnaire item up). People with hypercapnic respiratory failure are left out: on oxygen,
//!   a higher SpO2 scores higher on NEWS2 scale 2, so "worse" has no single direction;
//! - adding a normal reading never raises the level, except where it changes which readings make
//!   a NEWS2 set or the home average (the NICE protocol discards the first day, so moving the
//!   7-day window can raise the average: days −8 100, −7 100, −6..−4 160 average 145; adding a
//!   normal reading today discards day −7 instead and the average becomes 152.5);
//! - entries older than every window never raise a flag;
//! - the disposition is always the most urgent flag, `because` lists every flag at that level and
//!   the flags are ordered most urgent first, then in table order.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, TimeDelta, Utc};
use hale_core::assessment::{assess, Assessment};
use hale_core::parse::parse_record_str;
use hale_core::record::{ObsValue, Observation, Profile, QuestionnaireEntry, Record, Symptom};
use hale_core::red_flags::{Level, RULES};
use hale_core::vocab::{Acvpu, Condition, GlucoseContext, Instrument, Sex, SmokingStatus, SymptomCode};
use proptest::prelude::*;
use serde_json::Value;

fn now() -> DateTime<Utc> {
    hale_core::time::parse_rfc3339("2026-11-21T12:00:00Z").unwrap_or_default()
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::String),
        Just(Value::String("2026-11-21T11:00:00Z".into())),
        Just(Value::String("hale.record/1".into())),
        prop::sample::select(vec!["blood_pressure", "spo2", "phq9", "chest_pain", "asthma", "A", "female"])
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "format",
                        "profile",
                        "observations",
                        "symptoms",
                        "questionnaires",
                        "id",
                        "at",
                        "kind",
                        "code",
                        "items",
                        "instrument",
                        "systolic_mmhg",
                        "diastolic_mmhg",
                        "percent",
                        "conditions",
                        "birth_date",
                        "resolved_at",
                        "smoking",
                        "status",
                        "peak_flow_best_l_min",
                        "l_min",
                        "mmol_l",
                        "x",
                    ]),
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

fn arb_time(max_minutes_ago: i64) -> impl Strategy<Value = DateTime<Utc>> {
    (0..=max_minutes_ago).prop_map(|m| now() - TimeDelta::minutes(m))
}

fn arb_value(allow_low_bp: bool) -> impl Strategy<Value = ObsValue> {
    let bp_low = if allow_low_bp { 60.0 } else { 111.0 };
    prop_oneof![
        (bp_low..230.0f64, 40.0..130.0f64).prop_map(|(s, d): (f64, f64)| ObsValue::BloodPressure {
            systolic_mmhg: s.round(),
            diastolic_mmhg: d.round().min(s.round() - 5.0)
        }),
        (30.0..180.0f64).prop_map(|x: f64| ObsValue::HeartRate { bpm: x.round() }),
        (80.0..100.0f64, any::<bool>())
            .prop_map(|(x, o): (f64, bool)| ObsValue::Spo2 { percent: x.round(), on_oxygen: o }),
        (5.0..35.0f64).prop_map(|x: f64| ObsValue::RespiratoryRate { per_min: x.round() }),
        (34.0..41.0f64).prop_map(|x: f64| ObsValue::Temperature { celsius: (x * 10.0).round() / 10.0 }),
        prop::sample::select(vec![Acvpu::A, Acvpu::A, Acvpu::C, Acvpu::V])
            .prop_map(|a| ObsValue::Consciousness { acvpu: a }),
        (1.0..35.0f64).prop_map(|x: f64| ObsValue::Glucose {
            mmol_l: (x * 10.0).round() / 10.0,
            context: GlucoseContext::Random
        }),
        (0.0..4.0f64).prop_map(|x: f64| ObsValue::Ketones { mmol_l: (x * 10.0).round() / 10.0 }),
        (60.0..600.0f64).prop_map(|x: f64| ObsValue::PeakFlow { l_min: x.round() }),
        (40.0..150.0f64).prop_map(|x: f64| ObsValue::Weight { kg: x }),
    ]
}

fn arb_record(max_minutes_ago: i64, allow_low_bp: bool) -> impl Strategy<Value = Record> {
    let conditions = prop::collection::vec(
        prop::sample::select(vec![
            Condition::Asthma,
            Condition::Copd,
            Condition::Type1Diabetes,
            Condition::Type2Diabetes,
            Condition::Hypertension,
            Condition::Pregnant,
            Condition::HypercapnicRespiratoryFailure,
        ]),
        0..3,
    );
    let profile_extra =
        (prop::option::of(prop::sample::select(hale_core::vocab::OxygenTarget::ALL.to_vec())), any::<bool>());
    let obs = prop::collection::vec((arb_time(max_minutes_ago), arb_value(allow_low_bp)), 0..25);
    let syms = prop::collection::vec(
        (arb_time(max_minutes_ago), prop::sample::select(SymptomCode::ALL.to_vec()), any::<bool>()),
        0..3,
    );
    let qs = prop::collection::vec((arb_time(max_minutes_ago), any::<bool>(), prop::collection::vec(0u8..=3, 9)), 0..2);
    (conditions, prop::option::of(10u32..95), prop::option::of(200.0..600.0f64), obs, syms, qs, profile_extra).prop_map(
        |(mut conditions, age, best, obs, syms, qs, (oxygen_target, mart))| {
            conditions.sort();
            conditions.dedup();
            let mut r = Record {
                profile: Profile {
                    birth_date: age.and_then(|a| chrono::NaiveDate::from_ymd_opt(2026 - a as i32, 1, 15)),
                    sex: Some(Sex::Female),
                    height_cm: Some(165.0),
                    conditions,
                    peak_flow_best_l_min: best.map(f64::round),
                    oxygen_target,
                    medications: if mart {
                        vec![hale_core::vocab::Medication::MaintenanceAndReliever]
                    } else {
                        Vec::new()
                    },
                    ..Profile::default()
                },
                ..Record::default()
            };
            for (i, (at, value)) in obs.into_iter().enumerate() {
                r.observations.push(Observation { id: format!("o{i}"), at, value, note: None, source: None });
            }
            for (i, (at, code, resolved)) in syms.into_iter().enumerate() {
                let resolved_at = resolved.then(|| at + TimeDelta::minutes(5)).filter(|t| *t <= now());
                r.symptoms.push(Symptom { id: format!("s{i}"), at, code, resolved_at, note: None });
            }
            for (i, (at, gad, items)) in qs.into_iter().enumerate() {
                let (instrument, items) =
                    if gad { (Instrument::Gad7, items[..7].to_vec()) } else { (Instrument::Phq9, items) };
                r.questionnaires.push(QuestionnaireEntry { id: format!("q{i}"), at, instrument, items });
            }
            r
        },
    )
}

fn rank(a: &Assessment) -> Level {
    a.disposition.level
}

/// One step further from normal, or `None` for a value with no danger direction.
fn worsen(v: &ObsValue, lone_bp: bool) -> Option<ObsValue> {
    Some(match *v {
        ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d } if s >= 111.0 => {
            if s + 5.0 > 300.0 || d + 5.0 > 200.0 {
                return None;
            }
            ObsValue::BloodPressure { systolic_mmhg: s + 5.0, diastolic_mmhg: d + 5.0 }
        }
        ObsValue::BloodPressure { systolic_mmhg: s, diastolic_mmhg: d } if lone_bp => {
            if s - 5.0 < 50.0 {
                return None;
            }
            ObsValue::BloodPressure { systolic_mmhg: s - 5.0, diastolic_mmhg: d.min(s - 6.0).max(30.0) }
        }
        ObsValue::BloodPressure { .. } => return None,
        ObsValue::HeartRate { bpm } => ObsValue::HeartRate { bpm: if bpm >= 70.0 { bpm + 3.0 } else { bpm - 3.0 } },
        ObsValue::Spo2 { percent, on_oxygen } => ObsValue::Spo2 { percent: percent - 1.0, on_oxygen },
        ObsValue::RespiratoryRate { per_min } => ObsValue::RespiratoryRate {
            per_min: if per_min >= 16.0 { per_min + 1.0 } else { (per_min - 1.0).max(2.0) },
        },
        ObsValue::Temperature { celsius } => {
            ObsValue::Temperature { celsius: if celsius >= 37.05 { celsius + 0.2 } else { celsius - 0.2 } }
        }
        ObsValue::Consciousness { acvpu: Acvpu::A } => ObsValue::Consciousness { acvpu: Acvpu::C },
        ObsValue::Consciousness { .. } => return None,
        ObsValue::Glucose { mmol_l, context } => {
            let x = if mmol_l >= 7.5 { mmol_l + 0.3 } else { (mmol_l - 0.3).max(0.5) };
            ObsValue::Glucose { mmol_l: x, context }
        }
        ObsValue::Ketones { mmol_l } => ObsValue::Ketones { mmol_l: mmol_l + 0.3 },
        ObsValue::PeakFlow { l_min } => ObsValue::PeakFlow { l_min: (l_min - 15.0).max(30.0) },
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        let text = v.to_string();
        if let Ok(p) = parse_record_str(&text) {
            let _ = assess(&p.record, now(), &p.issues);
        }
        let _ = hale_core::api::assess_json(&text, "2026-11-21T12:00:00Z");
    }

    #[test]
    fn record_shaped_json_with_wrong_values_never_panics(r in arb_record(3 * 24 * 60, true), field in 0usize..40, junk in arb_json()) {
        let mut v = hale_core::write::record_to_value(&r);
        // Replace one field somewhere with junk.
        if let Some(obs) = v.get_mut("observations").and_then(Value::as_array_mut) {
            let n = obs.len().max(1);
            if let Some(o) = obs.get_mut(field % n).and_then(Value::as_object_mut) {
                let keys: Vec<String> = o.keys().cloned().collect();
                if let Some(k) = keys.get(field % keys.len().max(1)) {
                    o.insert(k.clone(), junk.clone());
                }
            }
        }
        if let Some(p) = v.get_mut("profile").and_then(Value::as_object_mut) {
            p.insert(["birth_date", "conditions", "smoking", "peak_flow_best_l_min", "height_cm"][field % 5].into(), junk);
        }
        let _ = hale_core::api::assess_json(&v.to_string(), "2026-11-21T12:00:00Z");
    }

    #[test]
    fn written_records_read_back_identically(r in arb_record(30 * 24 * 60, true)) {
        let text = hale_core::write::record_to_value(&r).to_string();
        let back = parse_record_str(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(back.issues.is_empty(), "{:?}", back.issues);
        prop_assert_eq!(back.record, r);
    }

    #[test]
    fn worsening_a_single_reading_never_lowers_the_level(r in arb_record(2 * 24 * 60, false), pick in any::<prop::sample::Index>()) {
        prop_assume!(!r.observations.is_empty());
        let i = pick.index(r.observations.len());
        let before = assess(&r, now(), &[]);
        if let Some(w) = worsen(&r.observations[i].value, false) {
            let mut r2 = r.clone();
            r2.observations[i].value = w;
            let after = assess(&r2, now(), &[]);
            prop_assert!(rank(&after) <= rank(&before), "{:?} -> {:?}: {:?} became {:?}", r.observations[i].value, w, rank(&before), rank(&after));
        }
    }

    #[test]
    fn lowering_a_lone_low_blood_pressure_never_lowers_the_level(r in arb_record(2 * 24 * 60, true), s in 60.0..111.0f64) {
        let mut r = r;
        r.observations.retain(|o| !matches!(o.value, ObsValue::BloodPressure { .. }));
        r.observations.push(Observation { id: "bp".into(), at: now() - TimeDelta::minutes(30), value: ObsValue::BloodPressure { systolic_mmhg: s.round(), diastolic_mmhg: 45.0 }, note: None, source: None });
        let i = r.observations.len() - 1;
        let before = assess(&r, now(), &[]);
        if let Some(w) = worsen(&r.observations[i].value, true) {
            let mut r2 = r.clone();
            r2.observations[i].value = w;
            prop_assert!(rank(&assess(&r2, now(), &[])) <= rank(&before));
        }
    }

    /// Issue 11: adding a symptom (any code, passed or not) never lowers the level.
    #[test]
    fn adding_a_symptom_never_lowers_the_level(
        r in arb_record(2 * 24 * 60, true),
        at in arb_time(2 * 24 * 60),
        code in prop::sample::select(SymptomCode::ALL.to_vec()),
        resolved in any::<bool>(),
    ) {
        let before = rank(&assess(&r, now(), &[]));
        let mut r2 = r.clone();
        let resolved_at = resolved.then(|| at + TimeDelta::minutes(5)).filter(|t| *t <= now());
        r2.symptoms.push(Symptom { id: "added".into(), at, code, resolved_at, note: None });
        let after = rank(&assess(&r2, now(), &[]));
        prop_assert!(after <= before, "{} made it {:?} from {:?}", code, after, before);
    }

    #[test]
    fn adding_a_normal_reading_never_raises_the_level(r in arb_record(3 * 24 * 60, true), at in arb_time(3 * 24 * 60), k in 0usize..8) {
        let normal = [
            ObsValue::BloodPressure { systolic_mmhg: 120.0, diastolic_mmhg: 75.0 },
            ObsValue::HeartRate { bpm: 70.0 },
            ObsValue::Spo2 { percent: 97.0, on_oxygen: false },
            ObsValue::RespiratoryRate { per_min: 16.0 },
            ObsValue::Temperature { celsius: 37.0 },
            ObsValue::Consciousness { acvpu: Acvpu::A },
            ObsValue::Glucose { mmol_l: 6.0, context: GlucoseContext::Random },
            ObsValue::Ketones { mmol_l: 0.2 },
        ][k];
        let before = assess(&r, now(), &[]);
        let mut r2 = r.clone();
        r2.observations.push(Observation { id: "new".into(), at, value: normal, note: None, source: None });
        let after = assess(&r2, now(), &[]);
        let news2_changed = before.news2.as_ref().map(|n| &n.evidence) != after.news2.as_ref().map(|n| &n.evidence);
        let home_changed = before.home_blood_pressure.as_ref().map(|h| &h.evidence) != after.home_blood_pressure.as_ref().map(|h| &h.evidence);
        if !news2_changed && !home_changed {
            prop_assert!(rank(&after) >= rank(&before), "adding {:?} at {} raised {:?} to {:?}", normal, at, rank(&before), rank(&after));
        }
    }

    #[test]
    fn entries_older_than_every_window_never_raise_a_flag(r in arb_record(60 * 24 * 60, true)) {
        let mut r = r;
        let cutoff = now() - TimeDelta::days(14) - TimeDelta::seconds(1);
        for o in &mut r.observations { if o.at > cutoff { o.at = cutoff - (now() - o.at); } }
        for s in &mut r.symptoms { if s.at > cutoff { s.at = cutoff; s.resolved_at = None; } }
        for q in &mut r.questionnaires { if q.at > cutoff { q.at = cutoff; } }
        let a = assess(&r, now(), &[]);
        prop_assert!(a.red_flags.is_empty(), "{:?}", a.red_flags.iter().map(|f| f.id).collect::<Vec<_>>());
        prop_assert_eq!(a.disposition.level, Level::SelfCare);
    }

    #[test]
    fn disposition_is_the_most_urgent_flag_and_flags_are_ordered(r in arb_record(2 * 24 * 60, true)) {
        let a = assess(&r, now(), &[]);
        let order = |id: &str| RULES.iter().position(|x| x.id == id).unwrap_or(usize::MAX);
        for w in a.red_flags.windows(2) {
            prop_assert!((w[0].level, order(w[0].id)) < (w[1].level, order(w[1].id)));
        }
        match a.red_flags.first() {
            None => prop_assert_eq!(a.disposition.level, Level::SelfCare),
            Some(f) => {
                prop_assert_eq!(a.disposition.level, f.level);
                prop_assert_eq!(a.disposition.service, f.service);
                let at_level: Vec<&str> = a.red_flags.iter().filter(|x| x.level == f.level).map(|x| x.id).collect();
                prop_assert_eq!(a.disposition.because.clone(), at_level);
            }
        }
    }
}

#[allow(clippy::too_many_arguments, reason = "one argument per LE8 input")]
fn le8_record(bp: (f64, f64), sleep: f64, act: f64, kg: f64, non_hdl: f64, a1c: f64, mepa: usize, dm: bool) -> Record {
    let at = now() - TimeDelta::days(1);
    let o = |id: &str, value| Observation { id: id.into(), at, value, note: None, source: None };
    let mut conditions = vec![];
    if dm {
        conditions.push(Condition::Type2Diabetes);
    }
    Record {
        profile: Profile {
            birth_date: chrono::NaiveDate::from_ymd_opt(1970, 1, 1),
            height_cm: Some(170.0),
            conditions,
            smoking: Some(hale_core::record::Smoking {
                status: SmokingStatus::Never,
                quit_date: None,
                cigarettes_per_day: None,
                vapes: false,
                home_indoor_smoker: false,
            }),
            ..Profile::default()
        },
        observations: vec![
            o("bp", ObsValue::BloodPressure { systolic_mmhg: bp.0, diastolic_mmhg: bp.1 }),
            o("sl", ObsValue::Sleep { hours: sleep }),
            o("ac", ObsValue::Activity { moderate_min_per_week: act, vigorous_min_per_week: 0.0 }),
            o("wt", ObsValue::Weight { kg }),
            o("ch", ObsValue::Cholesterol { total_mmol_l: non_hdl + 1.2, hdl_mmol_l: 1.2 }),
            o("a1", ObsValue::Hba1c { mmol_mol: a1c }),
        ],
        questionnaires: vec![QuestionnaireEntry {
            id: "m".into(),
            at,
            instrument: Instrument::Mepa,
            items: (0..16).map(|i| u8::from(i < mepa)).collect(),
        }],
        ..Record::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn score_total_stays_in_0_to_100(s in 90.0..200.0f64, d in 50.0..89.0f64, sleep in 0.0..14.0f64, act in 0.0..400.0f64,
                                     kg in 54.0..150.0f64, nh in 1.0..8.0f64, a1c in 20.0..120.0f64, mepa in 0usize..=16, dm in any::<bool>()) {
        let a = assess(&le8_record((s.round(), d.round()), sleep, act, kg, nh, a1c, mepa, dm), now(), &[]);
        let sc = a.score.ok_or_else(|| TestCaseError::fail("no score"))?;
        for k in hale_core::score::COMPONENTS {
            let e = sc.explanations.iter().find(|x| x.component == k).ok_or_else(|| TestCaseError::fail("component"))?;
            if let Some(p) = e.points { prop_assert!(p <= 100); }
        }
        if let Some(t) = sc.total { prop_assert!((0.0..=100.0).contains(&t)); }
    }

    #[test]
    fn improving_one_input_never_lowers_its_component(s in 100.0..200.0f64, d in 55.0..89.0f64, sleep in 0.0..14.0f64, act in 0.0..400.0f64,
                                                       kg in 54.0..150.0f64, nh in 1.0..8.0f64, a1c in 20.0..47.0f64, mepa in 0usize..16, which in 0usize..7) {
        let base = le8_record((s.round(), d.round()), sleep, act, kg, nh, a1c, mepa, false);
        // One step better for one input (towards the best band).
        let better_sleep = if sleep < 7.0 { (sleep + 0.5).min(8.0) } else if sleep >= 9.0 { sleep - 0.5 } else { sleep };
        let better = match which {
            0 => le8_record((s.round() - 5.0, d.round() - 5.0), sleep, act, kg, nh, a1c, mepa, false),
            1 => le8_record((s.round(), d.round()), better_sleep, act, kg, nh, a1c, mepa, false),
            2 => le8_record((s.round(), d.round()), sleep, act + 15.0, kg, nh, a1c, mepa, false),
            3 => le8_record((s.round(), d.round()), sleep, act, (kg - 3.0).max(54.0), nh, a1c, mepa, false),
            4 => le8_record((s.round(), d.round()), sleep, act, kg, (nh - 0.3).max(0.5), a1c, mepa, false),
            5 => le8_record((s.round(), d.round()), sleep, act, kg, nh, (a1c - 2.0).max(15.0), mepa, false),
            _ => le8_record((s.round(), d.round()), sleep, act, kg, nh, a1c, mepa + 1, false),
        };
        let key = ["blood_pressure", "sleep", "physical_activity", "bmi", "blood_lipids", "blood_glucose", "diet"][which];
        let pts = |r: &Record| assess(r, now(), &[]).score.and_then(|s| s.explanations.into_iter().find(|e| e.component == key)).and_then(|e| e.points);
        let (before, after) = (pts(&base), pts(&better));
        prop_assert!(after >= before, "{key}: {before:?} -> {after:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// Advice never contradicts a red flag: no reassuring ("keep going") advice beside an urgent or
    /// emergency flag, or beside any flag in its own area.
    #[test]
    fn advice_never_contradicts_a_red_flag(r in arb_record(10 * 24 * 60, true), htn in any::<bool>()) {
        let mut r = r;
        if htn && !r.profile.conditions.contains(&Condition::Hypertension) {
            r.profile.conditions.push(Condition::Hypertension);
        }
        let a = assess(&r, now(), &[]);
        let urgent = a.red_flags.iter().any(|f| matches!(f.level, Level::Emergency | Level::Urgent));
        for adv in &a.advice {
            let p = hale_core::protocols::PROTOCOLS.iter().find(|p| p.id == adv.id).ok_or_else(|| TestCaseError::fail("unknown advice"))?;
            if p.reassuring {
                prop_assert!(!urgent, "{} beside an urgent flag", adv.id);
                let area = match adv.domain {
                    hale_core::protocols::Domain::BloodPressure => "bp.",
                    hale_core::protocols::Domain::Diabetes => "diabetes.",
                    _ => "\u{0}",
                };
                prop_assert!(!a.red_flags.iter().any(|f| f.id.starts_with(area)), "{} beside a flag in its area", adv.id);
            }
        }
        // Every plan item belongs to advice given, with a due date after the entry it counts from.
        for item in &a.plan {
            prop_assert!(a.advice.iter().any(|x| x.id == item.advice_id));
            prop_assert!(item.due.as_str() >= &item.since[..10]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// What `write` produces, `write::read_back` reads back identically (the app's storage path).
    #[test]
    fn storage_dtos_read_back_identically(r in arb_record(30 * 24 * 60, true)) {
        use hale_core::write::{self, read_back};
        for o in &r.observations {
            prop_assert_eq!(read_back::observation(&write::observation_to_value(o)), Some(o.clone()));
        }
        for s in &r.symptoms {
            prop_assert_eq!(read_back::symptom(&write::symptom_to_value(s)), Some(s.clone()));
        }
        for q in &r.questionnaires {
            prop_assert_eq!(read_back::questionnaire(&write::questionnaire_to_value(q)), Some(q.clone()));
        }
        prop_assert_eq!(read_back::profile(&write::profile_to_value(&r.profile)), r.profile.clone());
        // Junk is refused, never guessed.
        prop_assert_eq!(read_back::observation(&serde_json::json!({"id": "x", "at": "2026-11-21T00:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 400, "diastolic_mmhg": 80})), None);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// The flag history agrees with the assessment: the active episodes are exactly the flags
    /// raised now, every flag raised at an entry's time inside the window appears as an episode,
    /// and episodes never start after they were last seen.
    #[test]
    fn flag_history_agrees_with_the_assessment(r in arb_record(10 * 24 * 60, true)) {
        let since = now() - TimeDelta::days(7);
        let eps = hale_core::history::episodes(&r, since, now());
        let mut active: Vec<&str> = eps.iter().filter(|e| e.active).map(|e| e.id).collect();
        let mut raised: Vec<&str> = assess(&r, now(), &[]).red_flags.iter().map(|f| f.id).collect();
        active.sort_unstable();
        raised.sort_unstable();
        prop_assert_eq!(active, raised);
        for o in r.observations.iter().filter(|o| o.at > since) {
            for f in assess(&r, o.at, &[]).red_flags {
                prop_assert!(
                    eps.iter().any(|e| e.id == f.id && e.from.as_str() <= hale_core::time::fmt_instant(o.at).as_str()
                        && e.last_seen.as_str() >= hale_core::time::fmt_instant(o.at).as_str()),
                    "{} raised at {} is missing", f.id, o.at
                );
            }
        }
        for e in &eps {
            prop_assert!(e.from <= e.last_seen, "{:?}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    /// FHIR round trip: exporting a record as a FHIR document Bundle and reading it back gives the
    /// identical assessment.
    #[test]
    fn fhir_export_then_import_keeps_the_assessment(r in arb_record(10 * 24 * 60, true)) {
        let json = hale_core::write::record_to_value(&r).to_string();
        let now = hale_core::time::fmt_instant(now());
        let direct = hale_core::api::assess_json(&json, &now);
        let bundle = hale_core::api::fhir_export(&json, &now);
        prop_assert!(bundle.is_ok());
        let via = hale_core::api::assess_json(&bundle.unwrap_or_default(), &now);
        prop_assert_eq!(via, direct);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Share links: seal then open returns the input; changing any one character of the link (to
    /// any other base64url character or a dot) is refused.
    #[test]
    fn share_links_open_to_what_was_sealed_and_any_change_is_refused(
        plain in prop::collection::vec(any::<u8>(), 0..600),
        random in prop::collection::vec(any::<u8>(), 44),
        at in any::<prop::sample::Index>(),
        to in prop::sample::select(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".to_vec()),
    ) {
        use hale_core::share::{open, seal};
        let token = seal(&plain, &random).map_err(|e| TestCaseError::fail(e.message()))?;
        prop_assert_eq!(open(&token).ok(), Some(plain.clone()));
        let mut bytes = token.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != to);
        bytes[i] = to;
        let changed = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(open(&changed).is_err(), "a changed link opened: {} -> {}", token, changed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    /// Share summaries: decoding the encoding gives back exactly the summary built (whatever the
    /// person chose), the summary carries the assessment's numbers, and a sealed link opens to the
    /// same view as the preview.
    #[cfg(feature = "extras")]
    #[test]
    fn summaries_round_trip_and_carry_the_same_numbers(
        r in arb_record(120 * 24 * 60, true),
        back in 0i64..120,
        len in 0i64..120,
        kinds in prop::collection::vec(prop::sample::select(hale_core::vocab::ObsKind::ALL.to_vec()), 0..6),
        notes in any::<bool>(),
        identity in any::<bool>(),
        care_plan in any::<bool>(),
        random in prop::collection::vec(any::<u8>(), 44),
    ) {
        use hale_core::summary::{build, decode, encode, Options};
        let mut r = r;
        for (i, o) in r.observations.iter_mut().enumerate() {
            o.note = (i % 3 == 0).then(|| format!("note {i} – café"));
        }
        r.profile.name = Some("Sarah O'Neill".into());
        r.profile.care_plan = Some(hale_core::record::CarePlan {
            what_matters: Some("Seeing my grandchildren – and my garden".into()),
            medicines: vec![hale_core::record::Medicine {
                name: "Apixaban".into(),
                dose: Some("2.5 mg twice a day".into()),
                class: Some(hale_core::vocab::Medication::Anticoagulant),
            }],
            no_known_allergies: true,
            contacts: vec![hale_core::record::Contact {
                name: "Tom".into(),
                relationship: Some("Son".into()),
                phone: None,
                role: Some(hale_core::vocab::ContactRole::NextOfKin),
            }],
            ..Default::default()
        });
        let to = now().date_naive() - TimeDelta::days(back / 4);
        let o = Options {
            from: to - TimeDelta::days(len),
            to,
            kinds: if kinds.is_empty() { hale_core::vocab::ObsKind::ALL.to_vec() } else { kinds },
            notes,
            identity,
            expires_days: Some(30),
            care_plan,
            score: Some(true),
        };
        let a = assess(&r, now(), &[]);
        let s = build(&r, &a, &o, now());
        let bytes = encode(&s);
        prop_assert_eq!(decode(&bytes), Ok(s.clone()));
        prop_assert_eq!(s.record.profile.name.is_some(), identity);
        prop_assert_eq!(s.record.profile.care_plan.is_some(), care_plan);
        prop_assert!(s.record.observations.iter().all(|ob| o.kinds.contains(&ob.kind()) && (ob.note.is_none() || notes)));
        let components = a.score.as_ref().map(|sc| hale_core::score::COMPONENTS.map(|k| sc.components.get(k)));
        prop_assert_eq!(s.results.components, components);
        prop_assert_eq!(s.results.qrisk3_percent, a.qrisk3.as_ref().map(|q| (q.risk_percent * 100.0).round() / 100.0));
        let active: Vec<&str> = s.results.flags.iter().filter(|f| f.active).map(|f| f.id.as_str()).collect();
        let mut now_ids: Vec<&str> = a.red_flags.iter().map(|f| f.id).collect();
        let mut active_sorted = active.clone();
        now_ids.sort_unstable();
        active_sorted.sort_unstable();
        prop_assert_eq!(active_sorted, now_ids);

        let json = hale_core::write::record_to_value(&r).to_string();
        let options = serde_json::json!({
            "now": hale_core::time::fmt_instant(now()),
            "from": hale_core::time::fmt_date(o.from),
            "to": hale_core::time::fmt_date(o.to),
            "kinds": o.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "notes": notes,
            "identity": identity,
            "care_plan": care_plan,
        }).to_string();
        let sealed: Value = serde_json::from_str(&hale_core::api::summary_seal(&json, &options, &random).unwrap_or_default()).unwrap_or_default();
        let token = sealed["token"].as_str().unwrap_or_default();
        let opened: Value = serde_json::from_str(&hale_core::api::summary_open(token, &hale_core::time::fmt_instant(now())).unwrap_or_default()).unwrap_or_default();
        prop_assert_eq!(&opened, &sealed["view"]);
        prop_assert!(opened["record"].is_object());
    }

    /// Arbitrary bytes never panic the summary decoder.
    #[cfg(feature = "extras")]
    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut b = bytes;
        if let Some(first) = b.first_mut() {
            *first = hale_core::summary::FORMAT;
        }
        let _ = hale_core::summary::decode(&b);
    }
}

/// Free text as a person writes it (letters first and last, so nothing is trimmed away).
fn arb_text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.'’&<>-]{0,28}[A-Za-z]"
}

fn arb_source() -> impl Strategy<Value = Option<hale_core::record::Source>> {
    prop::option::of((
        prop::sample::select(vec!["apple_health", "omron_csv", "csv", "ble_blood_pressure"]),
        prop::option::of(arb_text()),
        prop::option::of(arb_text()),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        arb_time(400 * 24 * 60),
    ))
    .prop_map(|s| {
        s.map(|(format, app, device, user_entered, continuous, imported_at)| hale_core::record::Source {
            format: format.to_string(),
            app,
            device,
            user_entered,
            continuous,
            imported_at,
        })
    })
}

fn arb_care_plan() -> impl Strategy<Value = Option<hale_core::record::CarePlan>> {
    use hale_core::record::{Allergy, CarePlan, Contact, Medicine};
    let medicines = prop::collection::vec(
        (
            arb_text(),
            prop::option::of(arb_text()),
            prop::option::of(prop::sample::select(hale_core::vocab::Medication::ALL.to_vec())),
        )
            .prop_map(|(name, dose, class)| Medicine { name, dose, class }),
        0..3,
    );
    let allergies = prop::collection::vec(
        (arb_text(), prop::option::of(arb_text())).prop_map(|(substance, reaction)| Allergy { substance, reaction }),
        0..3,
    );
    let contacts = prop::collection::vec(
        (
            arb_text(),
            prop::option::of(arb_text()),
            prop::option::of("0[0-9]{10}"),
            prop::option::of(prop::sample::select(hale_core::vocab::ContactRole::ALL.to_vec())),
        )
            .prop_map(|(name, relationship, phone, role)| Contact { name, relationship, phone, role }),
        0..3,
    );
    prop::option::of(
        (prop::option::of(arb_text()), prop::option::of(arb_text()), medicines, allergies, any::<bool>(), contacts)
            .prop_map(|(what_matters, advance_care_plan, medicines, allergies, nka, contacts)| CarePlan {
                what_matters,
                advance_care_plan,
                medicines_notes: None,
                no_known_allergies: nka && allergies.is_empty(),
                medicines,
                allergies,
                contacts,
            })
            .prop_filter("an empty care plan is no care plan", |p| !p.is_empty()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A backup (the Record written as JSON) read back is the same record — every field, the
    /// readings' provenance and notes and the care plan included — and reading the backup of the
    /// backup changes nothing (so restoring twice adds nothing: every entry keeps its id).
    #[test]
    fn a_backup_reads_back_whole_with_provenance_and_care_plan(
        r in arb_record(30 * 24 * 60, true),
        sources in prop::collection::vec((arb_source(), prop::option::of(arb_text())), 25),
        plan in arb_care_plan(),
    ) {
        let mut r = r;
        for (o, (source, note)) in r.observations.iter_mut().zip(sources) {
            o.source = source;
            o.note = note;
        }
        r.profile.care_plan = plan;
        let text = hale_core::write::record_to_value(&r).to_string();
        let back = parse_record_str(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(back.issues.is_empty(), "{:?}", back.issues);
        prop_assert_eq!(&back.record, &r);
        let again = parse_record_str(&hale_core::write::record_to_value(&back.record).to_string())
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(again.record, r);
    }
}
