//! Boundary tests generated from the rules table: for every numeric trigger of every rule, a record
//! where only that input varies is assessed at the bound and one step either side, and the rule
//! must fire exactly when the table declares the trigger's band holds (the expectation is read from
//! the bound's kind here, never from the evaluator's own comparison), at the rule's declared level; `Present` triggers are tested present and
//! absent; and each rule is tested with its context but no data (it must not fire).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::*;
use hale_core::bands::Test;
use hale_core::red_flags::{AgeWhen, Input, Oxygen, Rule, Trigger, RULES};
use serde_json::json;

/// The step for each input (one unit of the precision people enter).
fn step(input: Input) -> f64 {
    match input {
        Input::Temperature | Input::Ketones | Input::Glucose => 0.1,
        _ => 1.0,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A record in the trigger's context (conditions, age, symptoms) with `input` at `x`
/// (`None`: the input's data is absent).
fn record(tr: &Trigger, x: Option<f64>) -> R {
    let age = match tr.when.age {
        AgeWhen::Any => 40,
        AgeWhen::UnderOrUnknown(a) => i64::from(a) - 30,
        AgeWhen::AtLeast(a) => i64::from(a) + 5,
    };
    let mut r = R::new().age(age).sex("female");
    if let Some(c) = tr.when.with_any.first() {
        r = r.cond(c.as_str());
    }
    if let Some(s) = tr.when.with_symptom.first() {
        r = r.sym(&ago_h(1), s.as_str());
    }
    if let Some(m) = tr.when.takes_any.first() {
        r = r.med(m.as_str());
    }
    match tr.when.oxygen {
        Oxygen::Any | Oxygen::UsualTarget => {}
        Oxygen::LowTarget => r = r.set("oxygen_target", json!("88_92")),
    }
    let Some(x) = x else { return r };
    let at = ago_h(1);
    match tr.input {
        Input::Systolic => r.bp(&at, x, (x - 10.0).min(70.0)),
        Input::Diastolic => r.bp(&at, x + 20.0, x),
        Input::HomeSystolic | Input::HomeDiastolic => {
            let (s, d) = if tr.input == Input::HomeSystolic { (x, 70.0) } else { (x + 20.0, x) };
            (0..5).fold(r, |r, day| r.bp(&ago_d(day), s, d))
        }
        Input::Spo2 => r.obs(&at, "spo2", json!({"percent": x})),
        Input::RespiratoryRate => r.obs(&at, "respiratory_rate", json!({"per_min": x})),
        Input::Pulse => r.obs(&at, "heart_rate", json!({"bpm": x})),
        Input::Temperature => r.obs(&at, "temperature", json!({"celsius": x})),
        Input::NotAlert => r.obs(&at, "consciousness", json!({"acvpu": if x > 0.0 { "C" } else { "A" }})),
        Input::PeakFlowPercent => {
            r.set("peak_flow_best_l_min", json!(500)).obs(&at, "peak_flow", json!({"l_min": x * 5.0}))
        }
        Input::Ketones => r.obs(&at, "ketones", json!({"mmol_l": x})),
        Input::Glucose => r.obs(&at, "glucose", json!({"mmol_l": x})),
        Input::Phq9Total | Input::Gad7Total => {
            let (inst, n) = if tr.input == Input::Phq9Total { ("phq9", 9) } else { ("gad7", 7) };
            // Spread the total over the items, item 9 of the PHQ-9 kept at 0.
            let mut left = x as u8;
            let items: Vec<u8> = (0..n)
                .map(|i| {
                    if inst == "phq9" && i == 8 {
                        return 0;
                    }
                    let v = left.min(3);
                    left -= v;
                    v
                })
                .collect();
            assert_eq!(left, 0, "total {x} does not fit");
            r.q(&ago_d(1), inst, items)
        }
        Input::Phq9Item9 => r.q(&ago_d(1), "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, x as u8]),
        Input::News2Total => {
            // Parameters scoring 2 (then one scoring 1), never 3, to reach the total.
            let t = x as u8;
            let twos = (t / 2) as usize;
            let one = t % 2 == 1;
            // (normal, scores 2, scores 1) for RR, SpO2, SBP, pulse, temperature; then oxygen (2 only).
            let p = [
                (16.0, 21.0, 10.0),
                (97.0, 92.0, 94.0),
                (120.0, 95.0, 105.0),
                (70.0, 115.0, 95.0),
                (37.0, 39.5, 38.5),
                (0.0, 1.0, 0.0),
            ];
            let mut v: Vec<f64> = p.iter().map(|t| t.0).collect();
            for (i, slot) in v.iter_mut().enumerate().take(twos) {
                *slot = p[i].1;
            }
            if one {
                v[twos] = p[twos].2;
            }
            r.vitals(v[0], v[1], v[5] > 0.0, v[2], v[3], "A", v[4])
        }
        Input::News2RedScore => r.vitals(16.0, 97.0, false, 120.0, if x > 0.0 { 131.0 } else { 115.0 }, "A", 37.0),
        Input::Symptom(c) => {
            if x > 0.0 {
                r.sym(&at, c.as_str())
            } else {
                r
            }
        }
        Input::SymptomPassed(c) => {
            if x > 0.0 {
                r.sym_resolved(&ago_h(3), c.as_str(), &ago_h(2))
            } else {
                r.sym(&ago_h(3), c.as_str())
            }
        }
    }
}

/// What the table declares of a bound at `x`, read from the bound's name (written here, not by
/// calling the evaluator's comparison): "at least 180" holds at 180, "below 35.1" does not.
fn declared(test: Test, x: f64) -> bool {
    match test {
        Test::AtLeast(b) => x >= b,
        Test::AtMost(b) => x <= b,
        Test::Below(b) => x < b,
        Test::Above(b) => x > b,
        Test::Present => x > 0.0,
    }
}

/// Whether the trigger's band (all triggers of the rule in the same group) holds at x, as declared.
fn band_holds(rule: &Rule, tr: &Trigger, x: f64) -> bool {
    rule.triggers
        .iter()
        .filter(|o| o.input == tr.input && o.when == tr.when && o.band == tr.band)
        .all(|o| declared(o.test, x))
}

#[test]
fn every_numeric_threshold_at_the_bound_and_one_step_either_side() {
    let mut checked = 0;
    for rule in RULES {
        for tr in rule.triggers {
            let Some(b) = tr.test.bound() else { continue };
            let s = step(tr.input);
            for x in [round1(b - s), b, round1(b + s)] {
                let a = record(tr, Some(x)).assess();
                let expected = band_holds(rule, tr, x);
                assert_eq!(
                    has(&a, rule.id),
                    expected,
                    "{}: {} at {x} (trigger {:?} {:?}) should {}fire; flags {:?}",
                    rule.id,
                    tr.input.words(),
                    tr.test,
                    tr.when.with_any,
                    if expected { "" } else { "not " },
                    flags(&a)
                );
                // When it fires, it fires at the level and service the table declares.
                let fired = a["red_flags"].as_array().and_then(|l| l.iter().find(|f| f["id"] == rule.id)).cloned();
                if let Some(f) = fired {
                    assert_eq!(f["level"], json!(rule.level), "{} at {x}: level", rule.id);
                    assert_eq!(f["service"], json!(rule.service), "{} at {x}: service", rule.id);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} boundary cases");
}

#[test]
fn every_present_trigger_present_and_absent() {
    let mut checked = 0;
    for rule in RULES {
        for tr in rule.triggers.iter().filter(|t| t.test == Test::Present) {
            let yes = record(tr, Some(1.0)).assess();
            assert!(has(&yes, rule.id), "{}: {} present should fire; {:?}", rule.id, tr.input.words(), flags(&yes));
            let no = record(tr, Some(0.0)).assess();
            assert!(!has(&no, rule.id), "{}: {} absent should not fire; {:?}", rule.id, tr.input.words(), flags(&no));
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} presence cases");
}

#[test]
fn every_rule_with_its_context_but_no_data_does_not_fire() {
    for rule in RULES {
        for tr in rule.triggers {
            if matches!(tr.input, Input::Symptom(_) | Input::SymptomPassed(_)) && tr.when.with_symptom.is_empty() {
                continue; // for a symptom trigger, "no data" is the absent case above
            }
            let a = record(tr, None).assess();
            assert!(!has(&a, rule.id), "{} fired with no {} data: {:?}", rule.id, tr.input.words(), flags(&a));
        }
    }
}

#[test]
fn hypo_words_come_from_the_table_at_each_limit() {
    use hale_core::red_flags::hypo_words;
    assert_eq!(hypo_words(4.0), None);
    assert!(hypo_words(3.9).is_some_and(|w| w.contains("below 4.0 mmol/L")));
    assert!(hypo_words(3.0).is_some_and(|w| w.contains("below 4.0 mmol/L")));
    assert!(hypo_words(2.9).is_some_and(|w| w.contains("below 3.0 mmol/L")));
    assert!(hypo_words(0.5).is_some_and(|w| w.contains("Treat it now")));
}
