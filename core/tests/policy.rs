//! The clinical policy (docs/contract.md §3, docs/rules.md), case by case, with the numbers written out here from the
//! design (not read from the rules table), so a wrong threshold in the table fails a test.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::*;
use serde_json::json;

fn fires(r: &R, id: &str) -> bool {
    has(&r.assess(), id)
}

// ---- Table rows, at each threshold ----------------------------------------------------------

#[test]
fn bp_pregnancy_140_90_and_wording_at_160_110() {
    let p = || R::new().age(30).cond("pregnant");
    assert!(!fires(&p().bp(&ago_h(1), 139.0, 89.0), "bp.pregnancy"));
    assert!(fires(&p().bp(&ago_h(1), 140.0, 80.0), "bp.pregnancy"));
    assert!(fires(&p().bp(&ago_h(1), 130.0, 90.0), "bp.pregnancy"));
    assert!(!fires(&R::new().age(30).bp(&ago_h(1), 150.0, 95.0), "bp.pregnancy"), "not pregnant");
    let mild = p().bp(&ago_h(1), 150.0, 95.0).assess();
    assert_eq!(mild["disposition"], json!({"level": "urgent", "service": "maternity", "because": ["bp.pregnancy"]}));
    let words = |a: &serde_json::Value| a["red_flags"][0]["actions"].to_string();
    assert!(!words(&mild).contains("maternity unit now"));
    assert!(words(&p().bp(&ago_h(1), 160.0, 95.0).assess()).contains("maternity unit now"));
    assert!(words(&p().bp(&ago_h(1), 150.0, 110.0).assess()).contains("maternity unit now"));
    assert!(words(&p().bp(&ago_h(1), 145.0, 92.0).sym(&ago_h(1), "severe_headache_vision").assess())
        .contains("maternity unit now"));
}

#[test]
fn symptoms_emergency_each_code() {
    for code in [
        "chest_pain",
        "stroke_face",
        "stroke_arm",
        "stroke_speech",
        "anaphylaxis_swelling",
        "sepsis_mottled_skin",
        "non_blanching_rash",
        "new_confusion",
        "cannot_complete_sentences",
        "reliever_not_helping",
        "unconscious_or_seizure",
        "suicidal_plan_or_intent",
        "self_harm_serious",
        "thunderclap_headache",
        "blue_lips_or_skin",
    ] {
        let a = R::new().sym(&ago_h(1), code).assess();
        assert_eq!(
            a["disposition"],
            json!({"level": "emergency", "service": "999", "because": ["symptoms.emergency"]}),
            "{code}"
        );
        assert_eq!(a["red_flags"][0]["actions"][0], "Call 999 now.", "{code}: Call 999 first");
    }
    for code in [
        "vomiting",
        "dizzy_faint",
        "headache",
        "cough",
        "severe_headache_vision",
        "coughing_blood",
        "palpitations",
        "severe_pain_below_ribs",
        "sudden_swelling_face_hands_feet",
    ] {
        assert!(!fires(&R::new().sym(&ago_h(1), code), "symptoms.emergency"), "{code}");
    }
}

#[test]
fn symptoms_urgent_and_resolved_chest_pain() {
    // Each code alone (NHS.UK "Shortness of breath" and "Headaches": 111 or an urgent GP).
    for code in
        ["breathless_at_rest", "severe_headache_vision", "coughing_blood", "one_leg_pain_swelling", "palpitations"]
    {
        let a = R::new().sym(&ago_h(1), code).assess();
        assert_eq!(
            a["disposition"],
            json!({"level": "urgent", "service": "nhs_111", "because": ["symptoms.urgent"]}),
            "{code}"
        );
        // Passed: a non-emergency symptom that has passed raises nothing.
        let passed = R::new().sym_resolved(&ago_h(3), code, &ago_h(2)).assess();
        assert!(flags(&passed).is_empty(), "{code} passed: {:?}", flags(&passed));
        // Older than 24 h: not judged.
        assert!(flags(&R::new().sym(&ago_h(25), code).assess()).is_empty(), "{code} 25 h ago");
    }
    let passed = R::new().sym_resolved(&ago_h(3), "chest_pain", &ago_h(2)).assess();
    assert_eq!(flags(&passed), vec!["symptoms.urgent"]);
    assert_eq!(level(&passed), "urgent");
    // Resolved after now: still present.
    let later = R::new().sym_resolved(&ago_h(3), "chest_pain", "2026-11-21T13:00:00Z").assess();
    assert_eq!(level(&later), "emergency");
}

#[test]
fn issue_11_a_sudden_extremely_painful_headache_is_999_without_any_change_in_vision() {
    let a = R::new().sym(&ago_h(1), "thunderclap_headache").assess();
    assert_eq!(flags(&a), vec!["symptoms.emergency"]);
    assert_eq!(a["red_flags"][0]["actions"][0], "Call 999 now.");
    // It has passed: still 999 within 24 h of entry, like the other emergency signs.
    let passed = R::new().sym_resolved(&ago_h(5), "thunderclap_headache", &ago_h(4)).assess();
    assert_eq!(level(&passed), "emergency");
    let passed = R::new().sym_resolved(&ago_h(5), "blue_lips_or_skin", &ago_h(4)).assess();
    assert_eq!(level(&passed), "emergency");
    // A severe headache with blurred or double vision is NHS 111, not 999.
    assert_eq!(level(&R::new().sym(&ago_h(1), "severe_headache_vision").assess()), "urgent");
}

#[test]
fn pregnancy_symptoms_each_sign_pregnant_and_not() {
    let p = || R::new().age(30).cond("pregnant");
    for code in ["severe_headache_vision", "severe_pain_below_ribs", "sudden_swelling_face_hands_feet"] {
        let a = p().sym(&ago_h(1), code).assess();
        assert!(has(&a, "pregnancy.symptoms"), "{code}: {:?}", flags(&a));
        assert_eq!(a["disposition"]["level"], "urgent", "{code}");
        assert_eq!(a["disposition"]["service"], "maternity", "{code}: maternity first");
        assert_eq!(a["red_flags"][0]["id"], "pregnancy.symptoms", "{code}");
        assert!(a["red_flags"][0]["actions"][0].as_str().unwrap_or("").contains("maternity unit or midwife now"));
        // Not pregnant: the two pregnancy-only signs raise nothing; the headache is NHS 111.
        let np = R::new().age(30).sym(&ago_h(1), code).assess();
        assert!(!has(&np, "pregnancy.symptoms"), "{code} not pregnant");
        // Passed: nothing.
        let passed = p().sym_resolved(&ago_h(3), code, &ago_h(2)).assess();
        assert!(!has(&passed, "pregnancy.symptoms"), "{code} passed");
    }
    assert!(flags(&R::new().age(30).sym(&ago_h(1), "severe_pain_below_ribs").assess()).is_empty());
    assert!(flags(&R::new().age(30).sym(&ago_h(1), "sudden_swelling_face_hands_feet").assess()).is_empty());
    // Pregnant with a severe headache with vision changes: both flags, the maternity service first.
    let both = p().sym(&ago_h(1), "severe_headache_vision").assess();
    assert_eq!(flags(&both), vec!["pregnancy.symptoms", "symptoms.urgent"]);
    assert_eq!(
        both["disposition"],
        json!({"level": "urgent", "service": "maternity", "because": ["pregnancy.symptoms", "symptoms.urgent"]})
    );
    // With a high reading as well, bp.pregnancy comes first (table order) and says "now".
    let bp = p().bp(&ago_h(1), 145.0, 92.0).sym(&ago_h(1), "severe_headache_vision").assess();
    assert_eq!(flags(&bp)[..2], ["bp.pregnancy".to_string(), "pregnancy.symptoms".to_string()]);
    // An emergency sign still outranks it.
    let fit = p().sym(&ago_h(1), "sudden_swelling_face_hands_feet").sym(&ago_h(1), "unconscious_or_seizure").assess();
    assert_eq!(fit["disposition"]["service"], "999");
}

#[test]
fn resolved_emergency_symptoms_still_count_for_24_hours_but_others_do_not() {
    for code in ["stroke_face", "anaphylaxis_swelling", "suicidal_plan_or_intent"] {
        let a = R::new().sym_resolved(&ago_h(5), code, &ago_h(4)).assess();
        assert_eq!(level(&a), "emergency", "{code}");
    }
    let a = R::new().sym_resolved(&ago_h(5), "breathless_at_rest", &ago_h(4)).assess();
    assert_eq!(level(&a), "self_care");
    // After 24 h from entry, nothing.
    let old = R::new().sym_resolved(&ago_min(24 * 60 + 1), "stroke_arm", &ago_h(20)).assess();
    assert_eq!(level(&old), "self_care");
    let edge = R::new().sym(&ago_h(24), "stroke_arm").assess();
    assert_eq!(level(&edge), "emergency", "the 24 h window includes both ends");
}

#[test]
fn bp_severe_symptomatic_needs_a_listed_symptom() {
    let base = || R::new().age(50).bp(&ago_h(1), 185.0, 100.0);
    for code in [
        "chest_pain",
        "breathless_at_rest",
        "new_confusion",
        "severe_headache_vision",
        "stroke_face",
        "stroke_arm",
        "stroke_speech",
    ] {
        let a = base().sym(&ago_h(1), code).assess();
        assert!(has(&a, "bp.severe.symptomatic"), "{code}");
        assert_eq!(level(&a), "emergency");
    }
    assert!(!fires(&base().sym(&ago_h(1), "dizzy_faint"), "bp.severe.symptomatic"));
    assert!(!fires(
        &R::new().age(50).bp(&ago_h(1), 179.0, 119.0).sym(&ago_h(1), "chest_pain"),
        "bp.severe.symptomatic"
    ));
    assert!(fires(
        &R::new().age(50).bp(&ago_h(1), 150.0, 120.0).sym(&ago_h(1), "breathless_at_rest"),
        "bp.severe.symptomatic"
    ));
}

#[test]
fn bp_severe_symptomatic_counts_a_sudden_extremely_painful_headache() {
    let a = R::new().age(50).bp(&ago_h(1), 185.0, 100.0).sym(&ago_h(1), "thunderclap_headache").assess();
    assert!(has(&a, "bp.severe.symptomatic"), "{:?}", flags(&a));
    let b = R::new().age(50).bp(&ago_h(1), 179.0, 100.0).sym(&ago_h(1), "thunderclap_headache").assess();
    assert!(!has(&b, "bp.severe.symptomatic"));
    for code in ["coughing_blood", "palpitations", "one_leg_pain_swelling"] {
        let c = R::new().age(50).bp(&ago_h(1), 185.0, 100.0).sym(&ago_h(1), code).assess();
        assert!(!has(&c, "bp.severe.symptomatic"), "{code} is not a listed symptom");
    }
}

#[test]
fn bp_severe_judges_the_latest_reading_within_24_hours() {
    let a = R::new().bp(&ago_h(2), 190.0, 100.0).bp(&ago_h(1), 150.0, 90.0).assess();
    assert!(!has(&a, "bp.severe"), "a later normal-ish reading supersedes");
    let b = R::new().bp(&ago_min(24 * 60 + 1), 190.0, 100.0).assess();
    assert!(!has(&b, "bp.severe"), "older than 24 h");
    let tie = R::new().bp(&ago_h(1), 150.0, 90.0).bp(&ago_h(1), 190.0, 100.0).assess();
    assert!(has(&tie, "bp.severe"), "same time: the later in the array counts");
    let tie2 = R::new().bp(&ago_h(1), 190.0, 100.0).bp(&ago_h(1), 150.0, 90.0).assess();
    assert!(!has(&tie2, "bp.severe"));
    let text = R::new().bp(&ago_h(1), 182.0, 100.0).assess()["red_flags"][0]["actions"][0].clone();
    assert!(text.as_str().is_some_and(|t| t.contains("5 minutes")), "advise a repeat after 5 minutes");
}

/// Four or more days; the first day's readings discarded.
fn home(r: R, days: &[(i64, f64, f64)]) -> R {
    days.iter().fold(r, |r, (d, s, dia)| r.bp(&ago_d(*d), *s, *dia))
}

#[test]
fn home_average_discards_the_first_day_and_needs_four_days() {
    // Day 4 (earliest) is very high but discarded; days 3..0 average 140/80.
    let r = home(
        R::new().age(50),
        &[(4, 200.0, 110.0), (3, 140.0, 80.0), (2, 140.0, 80.0), (1, 140.0, 80.0), (0, 140.0, 80.0)],
    );
    let a = r.assess();
    assert_eq!(a["home_blood_pressure"]["systolic_mmhg"], json!(140.0));
    assert_eq!(a["home_blood_pressure"]["readings"], json!(4));
    assert_eq!(flags(&a), vec!["bp.home.high"]);
    // Only three distinct days: no home average.
    let three = home(R::new().age(50), &[(2, 160.0, 100.0), (1, 160.0, 100.0), (0, 160.0, 100.0)]).assess();
    assert!(three["home_blood_pressure"].is_null());
    assert!(!has(&three, "bp.home.stage2"));
    // The latest must be within 7 days of now.
    let stale = home(
        R::new().age(50),
        &[(12, 160.0, 100.0), (11, 160.0, 100.0), (10, 160.0, 100.0), (9, 160.0, 100.0), (8, 160.0, 100.0)],
    )
    .assess();
    assert!(stale["home_blood_pressure"].is_null());
    assert_eq!(level(&stale), "self_care");
}

#[test]
fn home_stage2_and_high_thresholds() {
    let avg = |s: f64, d: f64, htn: bool, age: i64| {
        let mut r = R::new().age(age);
        if htn {
            r = r.cond("hypertension");
        }
        home(r, &[(4, s, d), (3, s, d), (2, s, d), (1, s, d), (0, s, d)]).assess()
    };
    assert_eq!(flags(&avg(150.0, 80.0, false, 50)), vec!["bp.home.stage2"], "stage 2 suppresses high");
    assert_eq!(flags(&avg(130.0, 95.0, false, 50)), vec!["bp.home.stage2"]);
    assert_eq!(flags(&avg(149.0, 94.0, false, 50)), vec!["bp.home.high"]);
    assert_eq!(flags(&avg(135.0, 70.0, false, 50)), vec!["bp.home.high"]);
    assert_eq!(flags(&avg(120.0, 85.0, false, 50)), vec!["bp.home.high"]);
    assert!(flags(&avg(134.0, 84.0, false, 50)).is_empty());
    // With hypertension: no stage 2; target 135/85 under 80, 145/85 at 80 or over.
    assert_eq!(flags(&avg(160.0, 100.0, true, 50)), vec!["bp.home.high"]);
    assert_eq!(level(&avg(160.0, 100.0, true, 50)), "routine");
    assert!(flags(&avg(144.0, 84.0, true, 80)).is_empty());
    assert_eq!(flags(&avg(145.0, 70.0, true, 80)), vec!["bp.home.high"]);
    assert_eq!(flags(&avg(120.0, 85.0, true, 85)), vec!["bp.home.high"]);
    assert_eq!(flags(&avg(135.0, 70.0, true, 79)), vec!["bp.home.high"]);
    // Unknown age takes the cautious (under-80) target.
    let unknown = home(
        R::new().cond("hypertension"),
        &[(4, 140.0, 70.0), (3, 140.0, 70.0), (2, 140.0, 70.0), (1, 140.0, 70.0), (0, 140.0, 70.0)],
    )
    .assess();
    assert_eq!(flags(&unknown), vec!["bp.home.high"]);
}

#[test]
fn home_average_mean_on_a_boundary_counts_as_on_it() {
    // Readings averaging exactly 135 (derived value): 134, 136, 134.5… use whole numbers: 134+136+135+135.
    let r = home(
        R::new().age(50),
        &[(4, 100.0, 70.0), (3, 134.0, 70.0), (2, 136.0, 70.0), (1, 135.0, 70.0), (0, 135.0, 70.0)],
    );
    assert!(fires(&r, "bp.home.high"));
}

#[test]
fn bp_low_symptomatic() {
    assert!(fires(&R::new().bp(&ago_h(1), 89.0, 55.0).sym(&ago_h(1), "dizzy_faint"), "bp.low.symptomatic"));
    assert!(!fires(&R::new().bp(&ago_h(1), 90.0, 55.0).sym(&ago_h(1), "dizzy_faint"), "bp.low.symptomatic"));
    assert!(!fires(&R::new().bp(&ago_h(1), 85.0, 55.0), "bp.low.symptomatic"));
    assert!(!fires(
        &R::new().bp(&ago_h(1), 85.0, 55.0).sym_resolved(&ago_h(2), "dizzy_faint", &ago_h(1)),
        "bp.low.symptomatic"
    ));
}

#[test]
fn spo2_thresholds_by_oxygen_target() {
    // (conditions, oxygen_target, uses the 88-92 % thresholds)
    let people: [(&[&str], Option<&str>, bool); 8] = [
        (&[], None, false),
        (&["copd"], None, false),
        (&["copd"], Some("94_98"), false),
        (&["copd"], Some("88_92"), true),
        (&[], Some("88_92"), true),
        (&["hypercapnic_respiratory_failure"], None, true),
        (&["hypercapnic_respiratory_failure"], Some("94_98"), false),
        (&["copd", "hypercapnic_respiratory_failure"], Some("88_92"), true),
    ];
    for (conds, target, low) in people {
        let s = |p: f64| {
            let mut r = R::new().age(60);
            for c in conds {
                r = r.cond(c);
            }
            if let Some(t) = target {
                r = r.set("oxygen_target", json!(t));
            }
            r.obs(&ago_h(1), "spo2", json!({"percent": p})).assess()
        };
        let who = format!("{conds:?} target {target:?}");
        let expect: [(f64, &[&str]); 8] = if low {
            [
                (83.0, &["spo2.low"]),
                (84.0, &["spo2.borderline"]),
                (87.0, &["spo2.borderline"]),
                (88.0, &[]),
                (92.0, &[]),
                (93.0, &[]),
                (94.0, &[]),
                (95.0, &[]),
            ]
        } else {
            [
                (83.0, &["spo2.low"]),
                (84.0, &["spo2.low"]),
                (87.0, &["spo2.low"]),
                (88.0, &["spo2.low"]),
                (92.0, &["spo2.low"]),
                (93.0, &["spo2.borderline"]),
                (94.0, &["spo2.borderline"]),
                (95.0, &[]),
            ]
        };
        for (p, ids) in expect {
            assert_eq!(flags(&s(p)), ids, "{who} at {p} %");
        }
    }
    let on_o2 = R::new().obs(&ago_h(1), "spo2", json!({"percent": 91, "on_oxygen": true})).assess();
    assert!(has(&on_o2, "spo2.low"), "on oxygen too");
    assert_eq!(level(&R::new().obs(&ago_h(1), "spo2", json!({"percent": 92})).assess()), "emergency");
}

#[test]
fn issue_11_copd_alone_is_sent_to_999_at_91_and_the_88_92_target_raises_nothing() {
    let copd = || R::new().age(70).cond("copd");
    let a = copd().obs(&ago_h(1), "spo2", json!({"percent": 91})).assess();
    assert_eq!(a["disposition"], json!({"level": "emergency", "service": "999", "because": ["spo2.low"]}));
    let b = copd().set("oxygen_target", json!("88_92")).obs(&ago_h(1), "spo2", json!({"percent": 91})).assess();
    assert!(flags(&b).is_empty(), "{:?}", flags(&b));
    assert_eq!(level(&b), "self_care");
}

#[test]
fn an_oxygen_target_other_than_the_two_ranges_is_malformed_and_not_used() {
    for bad in [json!("90_94"), json!("88-92"), json!(92), json!(true), json!(["88_92"])] {
        let r = R::new().age(70).cond("copd").set("oxygen_target", bad.clone());
        let a = r.obs(&ago_h(1), "spo2", json!({"percent": 90})).assess();
        let issue =
            a["issues"].as_array().and_then(|i| i.iter().find(|x| x["field"] == "profile.oxygen_target")).cloned();
        assert_eq!(issue.as_ref().map(|i| i["code"].clone()), Some(json!("malformed")), "{bad}");
        assert_eq!(flags(&a), vec!["spo2.low"], "{bad}: the usual thresholds apply");
        // With hypercapnic respiratory failure, the condition decides when the target is unusable.
        let h = R::new().age(70).cond("hypercapnic_respiratory_failure").set("oxygen_target", bad.clone());
        assert!(flags(&h.obs(&ago_h(1), "spo2", json!({"percent": 90})).assess()).is_empty(), "{bad}");
    }
}

#[test]
fn news2_scale_2_is_chosen_by_the_oxygen_target() {
    // SpO2 90 % on air: scale 1 scores 3, scale 2 scores 0 (RCP NEWS2 Chart 1).
    let set = |conds: &[&str], target: Option<&str>| {
        let mut r = R::new().age(60);
        for c in conds {
            r = r.cond(c);
        }
        if let Some(t) = target {
            r = r.set("oxygen_target", json!(t));
        }
        r.vitals(16.0, 90.0, false, 120.0, 70.0, "A", 37.0).assess()
    };
    for (conds, target, scale, spo2) in [
        (&[][..], None, 1, 3),
        (&["copd"][..], None, 1, 3),
        (&["copd"][..], Some("88_92"), 2, 0),
        (&["hypercapnic_respiratory_failure"][..], None, 2, 0),
        (&["hypercapnic_respiratory_failure"][..], Some("94_98"), 1, 3),
        (&[][..], Some("94_98"), 1, 3),
    ] {
        let a = set(conds, target);
        assert_eq!(a["news2"]["spo2_scale"], json!(scale), "{conds:?} {target:?}");
        assert_eq!(a["news2"]["parameters"]["spo2"], json!(spo2), "{conds:?} {target:?}");
    }
    // Scale 2 on oxygen: 93 scores 1, 97 scores 3 (the clinical reference's vectors).
    let o2 = |p: f64| {
        R::new().age(60).set("oxygen_target", json!("88_92")).vitals(16.0, p, true, 120.0, 70.0, "A", 37.0).assess()
    };
    assert_eq!(o2(93.0)["news2"]["parameters"]["spo2"], json!(1));
    assert_eq!(o2(97.0)["news2"]["parameters"]["spo2"], json!(3));
}

#[test]
fn vital_consciousness_and_respiratory_rate_8() {
    for a in ["C", "V", "P", "U"] {
        assert!(fires(&R::new().obs(&ago_h(1), "consciousness", json!({"acvpu": a})), "vital.consciousness"), "{a}");
    }
    assert!(!fires(&R::new().obs(&ago_h(1), "consciousness", json!({"acvpu": "A"})), "vital.consciousness"));
    assert!(fires(&R::new().obs(&ago_h(1), "respiratory_rate", json!({"per_min": 8})), "vital.consciousness"));
    assert!(!fires(&R::new().obs(&ago_h(1), "respiratory_rate", json!({"per_min": 9})), "vital.consciousness"));
}

#[test]
fn news2_vectors_from_the_clinical_reference() {
    // clinical-reference §2.3: RR, SpO2, O2, SBP, HR, ACVPU, T → total, max single.
    let cases = [
        ((18.0, 98.0, false, 120.0, 72.0, "A", 36.8), 0, 0),
        ((12.0, 96.0, false, 111.0, 51.0, "A", 36.1), 0, 0),
        ((20.0, 95.0, false, 110.0, 90.0, "A", 38.0), 2, 1),
        ((21.0, 94.0, true, 101.0, 91.0, "A", 38.1), 8, 2),
        ((8.0, 91.0, false, 90.0, 40.0, "A", 35.0), 15, 3),
        ((25.0, 96.0, false, 220.0, 131.0, "C", 39.1), 14, 3),
    ];
    for ((rr, sp, o2, sbp, hr, c, t), total, max) in cases {
        let a = R::new().age(50).vitals(rr, sp, o2, sbp, hr, c, t).assess();
        assert_eq!(a["news2"]["total"], json!(total), "{rr} {sp} {o2} {sbp} {hr} {c} {t}");
        let p = a["news2"]["parameters"].as_object().cloned().unwrap_or_default();
        assert_eq!(p.len(), 7);
        assert_eq!(p.values().filter_map(|v| v.as_u64()).max(), Some(max));
        let band = match (total, max) {
            (t, _) if t >= 7 => "high",
            (t, _) if t >= 5 => "medium",
            (_, 3) => "low_medium",
            _ => "low",
        };
        assert_eq!(a["news2"]["band"], json!(band));
    }
    // Scale 2 SpO2 sub-scores: 93 on O2 → 1; 97 on air → 0; 97 on O2 → 3.
    for (sp, o2, sub) in [(93.0, true, 1), (97.0, false, 0), (97.0, true, 3)] {
        let a = R::new()
            .age(50)
            .cond("hypercapnic_respiratory_failure")
            .vitals(16.0, sp, o2, 120.0, 70.0, "A", 37.0)
            .assess();
        assert_eq!(a["news2"]["parameters"]["spo2"], json!(sub), "scale 2 {sp} {o2}");
        assert_eq!(a["news2"]["spo2_scale"], json!(2));
    }
    // COPD alone keeps scale 1.
    let copd = R::new().age(50).cond("copd").vitals(16.0, 90.0, false, 120.0, 70.0, "A", 37.0).assess();
    assert_eq!(copd["news2"]["parameters"]["spo2"], json!(3));
}

#[test]
fn news2_temperature_bands_run_up_to_the_next_lower_bound() {
    let t = |c: f64| {
        R::new().age(50).vitals(16.0, 97.0, false, 120.0, 70.0, "A", c).assess()["news2"]["parameters"]["temperature"]
            .clone()
    };
    assert_eq!(t(38.05), json!(0));
    assert_eq!(t(38.1), json!(1));
    assert_eq!(t(35.05), json!(3));
    assert_eq!(t(35.1), json!(1));
    assert_eq!(t(36.05), json!(1));
    assert_eq!(t(39.05), json!(1));
    assert_eq!(t(39.1), json!(2));
}

#[test]
fn news2_flags_and_bands() {
    let high = R::new().age(50).vitals(21.0, 94.0, true, 101.0, 91.0, "A", 38.1).assess();
    assert!(has(&high, "news2.high"));
    assert_eq!(level(&high), "emergency");
    let five = R::new().age(50).vitals(21.0, 92.0, false, 105.0, 70.0, "A", 37.0).assess();
    assert_eq!(five["news2"]["total"], json!(5));
    assert!(has(&five, "news2.medium") && !has(&five, "news2.high"));
    let four = R::new().age(50).vitals(21.0, 92.0, false, 120.0, 70.0, "A", 37.0).assess();
    assert_eq!(four["news2"]["total"], json!(4));
    assert!(!has(&four, "news2.medium"));
    let red = R::new().age(50).vitals(16.0, 97.0, false, 120.0, 131.0, "A", 37.0).assess();
    assert_eq!(red["news2"]["total"], json!(3));
    assert_eq!(red["news2"]["band"], json!("low_medium"));
    assert!(has(&red, "news2.medium"));
    assert!(!has(&red, "vital.single_red"), "a NEWS2 score exists");
}

#[test]
fn news2_set_must_be_within_60_minutes_and_24_hours() {
    let set = |spread_min: i64, newest_h: i64| {
        let newest = ago_h(newest_h);
        let oldest = ago_min(newest_h * 60 + spread_min);
        R::new()
            .age(50)
            .obs(&oldest, "respiratory_rate", json!({"per_min": 16}))
            .obs(&newest, "spo2", json!({"percent": 97}))
            .bp(&newest, 120.0, 80.0)
            .obs(&newest, "heart_rate", json!({"bpm": 70}))
            .obs(&newest, "consciousness", json!({"acvpu": "A"}))
            .obs(&newest, "temperature", json!({"celsius": 37.0}))
            .assess()
    };
    assert!(!set(60, 1)["news2"].is_null());
    assert!(set(61, 1)["news2"].is_null());
    assert!(!set(0, 24)["news2"].is_null());
    assert!(set(0, 25)["news2"].is_null());
}

#[test]
fn news2_not_used_in_pregnancy_or_under_16() {
    let preg = R::new().age(30).cond("pregnant").vitals(25.0, 97.0, false, 120.0, 70.0, "A", 37.0).assess();
    assert!(preg["news2"].is_null());
    assert!(preg["issues"]
        .as_array()
        .is_some_and(|i| i.iter().any(|x| x["code"] == "not_applicable" && x["field"] == "news2")));
    assert!(has(&preg, "vital.single_red"), "single vitals judged instead");
    let child = R::new().age(15).vitals(25.0, 97.0, false, 120.0, 70.0, "A", 37.0).assess();
    assert!(child["news2"].is_null());
    assert!(!has(&child, "vital.single_red"), "vital rules do not run under 16");
    assert!(child["issues"].as_array().is_some_and(|i| i.iter().any(|x| x["code"] == "not_applicable")));
}

#[test]
fn under_16_runs_symptom_spo2_asthma_diabetes_and_mood_rules_only() {
    let r = R::new()
        .age(12)
        .cond("asthma")
        .set("peak_flow_best_l_min", json!(300))
        .bp(&ago_h(1), 185.0, 125.0)
        .obs(&ago_h(1), "consciousness", json!({"acvpu": "V"}))
        .obs(&ago_h(1), "spo2", json!({"percent": 93}))
        .obs(&ago_h(1), "peak_flow", json!({"l_min": 150}))
        .obs(&ago_h(1), "ketones", json!({"mmol_l": 1.0}))
        .sym(&ago_h(1), "breathless_at_rest")
        .q(&ago_d(1), "gad7", vec![3, 3, 3, 3, 3, 0, 0]);
    let a = r.assess();
    let f = flags(&a);
    for id in ["spo2.borderline", "asthma.pef.severe", "diabetes.ketones.raised", "symptoms.urgent", "mood.severe"] {
        assert!(f.iter().any(|x| x == id), "{id} missing from {f:?}");
    }
    for id in ["bp.severe", "vital.consciousness"] {
        assert!(!f.iter().any(|x| x == id), "{id} ran for a 12-year-old");
    }
}

#[test]
fn vital_single_red_thresholds_when_there_is_no_news2() {
    let one = |kind: &str, f: serde_json::Value| R::new().age(50).obs(&ago_h(1), kind, f).assess();
    assert!(has(&one("respiratory_rate", json!({"per_min": 25})), "vital.single_red"));
    assert!(!has(&one("respiratory_rate", json!({"per_min": 24})), "vital.single_red"));
    assert!(has(&one("heart_rate", json!({"bpm": 40})), "vital.single_red"));
    assert!(!has(&one("heart_rate", json!({"bpm": 41})), "vital.single_red"));
    assert!(has(&one("heart_rate", json!({"bpm": 131})), "vital.single_red"));
    assert!(!has(&one("heart_rate", json!({"bpm": 130})), "vital.single_red"));
    assert!(has(&one("temperature", json!({"celsius": 35.0})), "vital.single_red"));
    assert!(has(&one("temperature", json!({"celsius": 35.05})), "vital.single_red"), "≤35.0 means below 35.1");
    assert!(!has(&one("temperature", json!({"celsius": 35.1})), "vital.single_red"));
    assert!(
        !has(&one("temperature", json!({"celsius": 39.5})), "vital.single_red"),
        "fever is not one of exactly these"
    );
}

#[test]
fn asthma_peak_flow_bands_of_personal_best() {
    let pf = |l: f64| {
        R::new()
            .age(40)
            .cond("asthma")
            .set("peak_flow_best_l_min", json!(400))
            .obs(&ago_h(1), "peak_flow", json!({"l_min": l}))
            .assess()
    };
    assert_eq!(flags(&pf(131.0)), vec!["asthma.pef.life_threatening"]); // 32.75 %
    assert_eq!(flags(&pf(132.0)), vec!["asthma.pef.severe"]); // 33 %
    assert_eq!(flags(&pf(239.0)), vec!["asthma.pef.severe"]);
    assert_eq!(flags(&pf(240.0)), vec!["asthma.pef.moderate"]); // 60 %
    assert_eq!(flags(&pf(319.0)), vec!["asthma.pef.moderate"]);
    assert!(flags(&pf(320.0)).is_empty()); // 80 %
    assert_eq!(level(&pf(100.0)), "emergency");
    assert_eq!(level(&pf(200.0)), "urgent");
    assert_eq!(level(&pf(300.0)), "soon");
    // At or below 50 % of best: the asthma-attack steps; above 50 %: getting worse, rescue steroids.
    let words = |a: &serde_json::Value| a["red_flags"][0]["actions"].to_string();
    for l in [132.0, 160.0, 200.0] {
        let w = words(&pf(l));
        assert!(w.contains("asthma attack") && w.contains("every 30 to 60 seconds, up to 10 puffs"), "{l}: {w}");
        assert!(w.contains("Call 999 if you do not feel better after 10 puffs, if you feel worse at any point, or if you are worried"), "{l}");
        assert!(w.contains("see a GP or call NHS 111 today"), "{l}");
        assert!(!w.contains("rescue steroid"), "{l}");
    }
    for l in [201.0, 239.0] {
        let w = words(&pf(l));
        assert!(w.contains("getting worse") && w.contains("rescue steroid"), "{l}: {w}");
        assert!(!w.contains("asthma attack") && !w.contains("puffs"), "{l}: {w}");
    }
    // With a maintenance-and-reliever inhaler (MART/AIR): one puff every 1 to 3 minutes, up to 6.
    let mart = R::new()
        .age(40)
        .cond("asthma")
        .med("maintenance_and_reliever")
        .set("peak_flow_best_l_min", json!(400))
        .obs(&ago_h(1), "peak_flow", json!({"l_min": 180}))
        .assess();
    let w = words(&mart);
    assert!(w.contains("every 1 to 3 minutes, up to 6 puffs") && w.contains("after 6 puffs"), "{w}");
    assert!(!w.contains("10 puffs"), "{w}");
    assert_eq!(level(&mart), "urgent", "the words change, the level does not");
    let mart_lt = R::new()
        .age(40)
        .cond("asthma")
        .med("maintenance_and_reliever")
        .set("peak_flow_best_l_min", json!(400))
        .obs(&ago_h(1), "peak_flow", json!({"l_min": 100}))
        .assess();
    assert_eq!(mart_lt["red_flags"][0]["actions"][0], "Call 999 now.");
    assert!(words(&mart_lt).contains("every 1 to 3 minutes"));
    // Without asthma, no asthma flag.
    let no =
        R::new().set("peak_flow_best_l_min", json!(400)).obs(&ago_h(1), "peak_flow", json!({"l_min": 100})).assess();
    assert!(flags(&no).is_empty());
}

#[test]
fn peak_flow_uses_predicted_without_a_best_and_asks_for_one_without_either() {
    // Woman, 30, 163 cm: predicted 441 L/min (EU). 60 % of 441 = 264.6.
    let r = |l: f64| {
        R::new().age(30).sex("female").set("height_cm", json!(163)).cond("asthma").obs(
            &ago_h(1),
            "peak_flow",
            json!({"l_min": l}),
        )
    };
    let a = r(260.0).assess();
    assert_eq!(flags(&a), vec!["asthma.pef.severe"]);
    assert_eq!(a["peak_flow"]["reference"], json!("predicted"));
    assert!(flags(&r(270.0).assess()) == vec!["asthma.pef.moderate"]);
    let none = R::new().cond("asthma").obs(&ago_h(1), "peak_flow", json!({"l_min": 100})).assess();
    assert!(flags(&none).is_empty());
    assert!(none["issues"].as_array().is_some_and(|i| i
        .iter()
        .any(|x| x["field"] == "profile.peak_flow_best_l_min" && x["code"] == "missing_data")));
    // An implausible best is not used: an issue, then predicted or nothing.
    let bad = R::new()
        .cond("asthma")
        .set("peak_flow_best_l_min", json!(50))
        .obs(&ago_h(1), "peak_flow", json!({"l_min": 100}))
        .assess();
    assert!(flags(&bad).is_empty());
    assert!(bad["issues"].as_array().is_some_and(|i| i
        .iter()
        .any(|x| x["field"] == "profile.peak_flow_best_l_min" && x["code"] == "out_of_range")));
}

#[test]
fn diabetes_ketones_and_glucose() {
    let k = |x: f64| R::new().obs(&ago_h(1), "ketones", json!({"mmol_l": x})).assess();
    assert_eq!(flags(&k(0.5)), Vec::<String>::new());
    assert_eq!(flags(&k(0.6)), vec!["diabetes.ketones.raised"]);
    assert_eq!(flags(&k(1.5)), vec!["diabetes.ketones.raised"]);
    assert_eq!(flags(&k(1.6)), vec!["diabetes.ketones.high"]);
    assert_eq!(flags(&k(2.9)), vec!["diabetes.ketones.high"]);
    assert_eq!(flags(&k(3.0)), vec!["diabetes.dka"]);
    assert_eq!(level(&k(3.0)), "emergency");
    let g = |x: f64| R::new().obs(&ago_h(1), "glucose", json!({"mmol_l": x})).assess();
    assert_eq!(flags(&g(2.9)), vec!["diabetes.ketones.high"]);
    assert!(g(2.9)["red_flags"][0]["actions"].to_string().contains("15"), "treat now: 15-20 g");
    assert_eq!(flags(&g(3.0)), vec!["diabetes.ketones.raised"]);
    assert_eq!(flags(&g(3.9)), vec!["diabetes.ketones.raised"]);
    assert!(flags(&g(4.0)).is_empty());
    assert!(flags(&g(30.0)).is_empty());
    assert_eq!(flags(&g(30.1)), vec!["diabetes.ketones.high"]);
    let vom = |c: Option<&str>| {
        let mut r = R::new();
        if let Some(c) = c {
            r = r.cond(c);
        }
        r.sym(&ago_h(1), "vomiting").assess()
    };
    assert!(has(&vom(Some("type1_diabetes")), "diabetes.ketones.high"));
    assert!(has(&vom(Some("type2_diabetes")), "diabetes.ketones.high"));
    assert!(!has(&vom(None), "diabetes.ketones.high"));
}

#[test]
fn issue_11_every_flag_text_that_mentions_ketones_says_3_0_is_an_emergency() {
    let cases = [
        R::new().obs(&ago_h(1), "ketones", json!({"mmol_l": 0.8})).assess(),
        R::new().obs(&ago_h(1), "ketones", json!({"mmol_l": 2.0})).assess(),
        R::new().obs(&ago_h(1), "ketones", json!({"mmol_l": 3.0})).assess(),
        R::new().cond("type1_diabetes").sym(&ago_h(1), "vomiting").assess(),
    ];
    for a in cases {
        for f in a["red_flags"].as_array().into_iter().flatten() {
            let words = format!("{} {} {}", f["message"], f["actions"], f["title"]).to_lowercase();
            if words.contains("ketone") {
                assert!(words.contains("3.0") && words.contains("999"), "{}: {words}", f["id"]);
            }
        }
    }
    // The protocols' words too.
    for p in hale_core::protocols::PROTOCOLS {
        let words = p.actions.join(" ").to_lowercase();
        if words.contains("ketone") {
            assert!(words.contains("3.0") && words.contains("999"), "{}: {words}", p.id);
        }
    }
}

#[test]
fn mood_item9_and_severe() {
    let phq = |items: Vec<u8>, days: i64| R::new().q(&ago_d(days), "phq9", items).assess();
    let a = phq(vec![0, 0, 0, 0, 0, 0, 0, 0, 1], 1);
    assert_eq!(
        a["disposition"],
        json!({"level": "urgent", "service": "mental_health_crisis", "because": ["mood.phq9.item9"]})
    );
    assert!(a["red_flags"][0]["actions"].to_string().contains("116 123"));
    assert!(flags(&phq(vec![3, 3, 3, 3, 3, 3, 2, 0, 0], 1)) == vec!["mood.severe"]); // 20
    assert!(flags(&phq(vec![3, 3, 3, 3, 3, 3, 1, 0, 0], 1)).is_empty()); // 19
    assert!(flags(&phq(vec![0, 0, 0, 0, 0, 0, 0, 0, 2], 15)).is_empty(), "older than 14 days");
    assert!(!flags(&phq(vec![0, 0, 0, 0, 0, 0, 0, 0, 2], 14)).is_empty(), "14 days is within");
    let gad = |total: u8| {
        let items: Vec<u8> = (0..7).map(|i| total.saturating_sub(3 * i).min(3)).collect();
        R::new().q(&ago_d(1), "gad7", items).assess()
    };
    assert_eq!(flags(&gad(15)), vec!["mood.severe"]);
    assert!(flags(&gad(14)).is_empty());
}

#[test]
fn a_left_out_phq9_with_a_valid_item9_still_raises_the_safety_flag() {
    let wrong_count = R::new().q(&ago_d(1), "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 2, 0]).assess();
    assert!(has(&wrong_count, "mood.phq9.item9"));
    assert!(wrong_count["issues"].as_array().is_some_and(|i| !i.is_empty()));
    let bad_item = R::new().q(&ago_d(1), "phq9", vec![4, 0, 0, 0, 0, 0, 0, 0, 1]).assess();
    assert!(has(&bad_item, "mood.phq9.item9"));
    let bad_item9 = R::new().q(&ago_d(1), "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 5]).assess();
    assert!(!has(&bad_item9, "mood.phq9.item9"));
    let short = R::new().q(&ago_d(1), "phq9", vec![0, 0, 0]).assess();
    assert!(!has(&short, "mood.phq9.item9"));
}

// ---- Disposition, ordering, windows ----------------------------------------------------------

#[test]
fn no_flag_is_self_care() {
    let a = R::new().bp(&ago_h(1), 120.0, 80.0).assess();
    assert_eq!(a["disposition"], json!({"level": "self_care", "service": "self_care", "because": []}));
    assert_eq!(a["red_flags"], json!([]));
    assert_eq!(a["format"], json!("hale.assessment/1"));
    for key in ["news2", "score", "qrisk3", "advice", "plan", "issues"] {
        assert!(a.get(key).is_some(), "{key} present");
    }
}

#[test]
fn flags_most_urgent_first_then_table_order_and_because_lists_every_flag_at_that_level() {
    let a = R::new()
        .age(50)
        .bp(&ago_h(1), 185.0, 100.0)
        .obs(&ago_h(1), "spo2", json!({"percent": 93}))
        .obs(&ago_h(1), "ketones", json!({"mmol_l": 3.2}))
        .sym(&ago_h(1), "stroke_face")
        .assess();
    assert_eq!(
        flags(&a),
        vec!["symptoms.emergency", "bp.severe.symptomatic", "diabetes.dka", "bp.severe", "spo2.borderline"]
    );
    assert_eq!(a["disposition"]["because"], json!(["symptoms.emergency", "bp.severe.symptomatic", "diabetes.dka"]));
    assert_eq!(a["disposition"]["service"], json!("999"));
    assert_eq!(a["red_flags"][1]["evidence"], json!(["o1", "s4"]));
}

#[test]
fn entries_after_now_are_ignored_and_reported() {
    let a = R::new()
        .sym("2026-11-21T12:00:01Z", "chest_pain")
        .q("2026-11-22T00:00:00Z", "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 3])
        .assess();
    assert_eq!(level(&a), "self_care");
    let codes: Vec<_> = a["issues"].as_array().into_iter().flatten().map(|i| i["code"].clone()).collect();
    assert_eq!(codes, vec![json!("in_future"), json!("in_future")]);
}

#[test]
fn unknown_fields_warn_and_malformed_entries_are_left_out() {
    let mut r = R::new().set("favourite_colour", json!("blue")).bp(&ago_h(1), 185.0, 100.0);
    r.observations.push(json!({"id": "x", "at": ago_h(1), "kind": "heart_rate", "bpm": 72, "arm": "left"}));
    r.observations.push(json!({"id": "y", "at": ago_h(1), "kind": "glucose", "mmol_l": "high"}));
    r.observations.push(json!({"id": "z", "at": ago_h(1), "kind": "telepathy", "value": 1}));
    let a = r.assess();
    assert!(has(&a, "bp.severe"), "the rest of the record is still assessed");
    let issues = a["issues"].as_array().cloned().unwrap_or_default();
    let find = |field: &str| issues.iter().find(|i| i["field"] == field).cloned();
    assert_eq!(find("profile.favourite_colour").map(|i| i["code"].clone()), Some(json!("unknown_field")));
    assert_eq!(find("observations[1].arm").map(|i| i["severity"].clone()), Some(json!("warning")));
    assert_eq!(find("observations[2].mmol_l").map(|i| i["code"].clone()), Some(json!("malformed")));
    assert!(find("observations[3].kind").is_some());
}
