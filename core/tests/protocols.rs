//! Self-care protocols (issue 5): the worked scenario, each protocol for the records it covers and
//! not for others, the recheck plan, and that advice never contradicts a red flag.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::*;
use hale_core::protocols::PROTOCOLS;
use serde_json::{json, Value};

fn advice_ids(a: &Value) -> Vec<String> {
    a["advice"]
        .as_array()
        .map(|x| x.iter().filter_map(|i| i["id"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

fn advice<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["advice"].as_array().and_then(|x| x.iter().find(|i| i["id"] == id)).unwrap_or(&Value::Null)
}

fn week_of_home_bp(r: R, s: f64, d: f64) -> R {
    (1..8).fold(r, |r, day| r.bp(&ago_d(day), s, d))
}

#[test]
fn scenario_home_average_142_88_with_bmi_27() {
    // BMI 27 at 175 cm is 82.69 kg.
    let r = week_of_home_bp(
        R::new().age(56).sex("male").set("height_cm", json!(175)).obs(&ago_d(3), "weight", json!({"kg": 82.69})),
        142.0,
        88.0,
    );
    let a = r.assess();
    let bp = advice(&a, "bp.home.lifestyle");
    assert!(bp["why"].as_str().is_some_and(|w| w.contains("142/88")), "{bp}");
    let actions = bp["actions"].to_string();
    assert!(actions.contains("150 minutes"), "activity");
    assert!(actions.contains("lose about 2 kg"), "weight");
    assert!(actions.contains("6 g"), "salt");
    assert_eq!(bp["recheck_in_days"], json!(56));
    assert!(bp["source"].as_str().is_some_and(|s| s.contains("NICE NG136")));
    let plan = a["plan"].as_array().cloned().unwrap_or_default();
    let item = plan.iter().find(|p| p["advice_id"] == "bp.home.lifestyle").cloned().unwrap_or(Value::Null);
    let latest = ago_d(1);
    let due = chrono::NaiveDate::parse_from_str(&latest[..10], "%Y-%m-%d")
        .map(|d| d + chrono::Days::new(56))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    assert_eq!(item["due"], json!(due));
    assert_eq!(item["overdue"], json!(false));
}

#[test]
fn the_design_example_plan_date() {
    // docs/contract.md §3: bp.home.lifestyle, recheck 56 days, from a home average ending 2026-11-20 → due 2027-01-15.
    let mut obs = vec![];
    for (i, day) in (14..=20).enumerate() {
        obs.push(json!({"id": format!("b{i}"), "at": format!("2026-11-{day}T08:00:00Z"), "kind": "blood_pressure", "systolic_mmhg": 142, "diastolic_mmhg": 88}));
    }
    let a = assess_at(&json!({"format": "hale.record/1", "observations": obs}), "2026-11-20T09:00:00Z");
    assert_eq!(
        a["plan"][0],
        json!({"advice_id": "bp.home.lifestyle", "due": "2027-01-15", "overdue": false, "title": "Lower your blood pressure", "recheck": {"type": "reading", "code": "blood_pressure"}, "since": "2026-11-20T08:00:00Z"})
    );
    let later = assess_at(&json!({"format": "hale.record/1", "observations": obs}), "2027-01-16T09:00:00Z");
    assert!(
        later["plan"].as_array().is_some_and(|p| p.is_empty()),
        "the home average is stale by then: nothing to recheck from"
    );
}

#[test]
fn overdue_rechecks_are_marked_and_a_new_entry_completes_them() {
    let base = || R::new().age(40).q(&ago_d(20), "phq9", vec![2, 2, 1, 1, 1, 1, 1, 1, 0]);
    // Within 14 days no: the PHQ-9 is 20 days old, so mood advice does not apply (judged within 14 days).
    assert!(!advice_ids(&base().assess()).iter().any(|i| i.starts_with("mood.")));
    let recent = R::new().age(40).q(&ago_d(13), "phq9", vec![2, 2, 1, 1, 1, 1, 1, 1, 0]);
    let a = recent.assess();
    assert!(advice_ids(&a).contains(&"mood.talking_therapies".to_string()));
    let p = &a["plan"][0];
    assert_eq!(p["advice_id"], json!("mood.talking_therapies"));
    assert_eq!(p["overdue"], json!(false));
    // A BP how-to recheck (7 days) from a reading 10 days ago is overdue; a new reading moves it on.
    let old = R::new().bp(&ago_d(10), 128.0, 80.0).assess();
    let item = old["plan"]
        .as_array()
        .and_then(|p| p.iter().find(|i| i["advice_id"] == "bp.home.how_to").cloned())
        .unwrap_or(Value::Null);
    assert_eq!(item["overdue"], json!(true));
    let done = R::new().bp(&ago_d(10), 128.0, 80.0).bp(&ago_h(1), 126.0, 80.0).assess();
    let item = done["plan"]
        .as_array()
        .and_then(|p| p.iter().find(|i| i["advice_id"] == "bp.home.how_to").cloned())
        .unwrap_or(Value::Null);
    assert_eq!(item["overdue"], json!(false), "the new reading completed the recheck");
}

/// (protocol id, a record it covers, a record it does not).
fn cases() -> Vec<(&'static str, R, R)> {
    let home = |s: f64, d: f64, r: R| week_of_home_bp(r, s, d);
    vec![
        (
            "mood.crisis",
            R::new().q(&ago_d(1), "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 1]),
            R::new().q(&ago_d(1), "phq9", vec![3, 3, 3, 0, 0, 0, 0, 0, 0]),
        ),
        ("bp.home.lifestyle", home(136.0, 80.0, R::new().age(50)), home(134.0, 84.0, R::new().age(50))),
        ("bp.home.how_to", R::new().bp(&ago_d(1), 130.0, 80.0), home(120.0, 80.0, R::new())),
        (
            "bp.home.on_target",
            home(130.0, 80.0, R::new().age(60).cond("hypertension")),
            home(130.0, 80.0, R::new().age(60)),
        ),
        (
            "diabetes.hba1c.above_target",
            R::new().cond("type2_diabetes").obs(&ago_d(30), "hba1c", json!({"mmol_mol": 49})),
            R::new().cond("type2_diabetes").set("medications", json!(["insulin"])).obs(
                &ago_d(30),
                "hba1c",
                json!({"mmol_mol": 53}),
            ),
        ),
        (
            "diabetes.hba1c.on_target",
            R::new().cond("type1_diabetes").obs(&ago_d(30), "hba1c", json!({"mmol_mol": 48})),
            R::new().cond("type1_diabetes").obs(&ago_d(30), "hba1c", json!({"mmol_mol": 49})),
        ),
        (
            "diabetes.hypo",
            R::new().obs(&ago_d(3), "glucose", json!({"mmol_l": 3.8})),
            R::new().cond("type2_diabetes").set("medications", json!(["metformin"])).obs(
                &ago_d(3),
                "glucose",
                json!({"mmol_l": 4.0}),
            ),
        ),
        ("diabetes.sick_day", R::new().cond("type2_diabetes"), R::new().cond("asthma")),
        ("diabetes.glucose_diary", R::new().cond("type1_diabetes"), R::new().cond("type2_diabetes")),
        (
            "asthma.action_plan",
            R::new().cond("asthma").set("peak_flow_best_l_min", json!(450)),
            R::new().cond("asthma"),
        ),
        (
            "asthma.review_after_attack",
            R::new().cond("asthma").set("peak_flow_best_l_min", json!(500)).obs(
                &ago_d(2),
                "peak_flow",
                json!({"l_min": 295}),
            ),
            R::new().cond("asthma").set("peak_flow_best_l_min", json!(500)).obs(
                &ago_d(2),
                "peak_flow",
                json!({"l_min": 300}),
            ),
        ),
        (
            "asthma.personal_best",
            R::new().cond("asthma"),
            R::new().cond("asthma").set("peak_flow_best_l_min", json!(450)),
        ),
        (
            "weight.bmi",
            R::new().set("height_cm", json!(200)).obs(&ago_d(1), "weight", json!({"kg": 100.0})),
            R::new().set("height_cm", json!(200)).obs(&ago_d(1), "weight", json!({"kg": 99.6})),
        ),
        (
            "weight.underweight",
            R::new().set("height_cm", json!(200)).obs(&ago_d(1), "weight", json!({"kg": 73.9})),
            R::new().set("height_cm", json!(200)).obs(&ago_d(1), "weight", json!({"kg": 74.0})),
        ),
        (
            "weight.waist",
            R::new().set("height_cm", json!(170)).obs(&ago_d(1), "waist", json!({"cm": 85})),
            R::new().set("height_cm", json!(170)).obs(&ago_d(1), "waist", json!({"cm": 84.5})),
        ),
        (
            "activity.more",
            R::new().obs(&ago_d(1), "activity", json!({"moderate_min_per_week": 100, "vigorous_min_per_week": 20})),
            R::new().obs(&ago_d(1), "activity", json!({"moderate_min_per_week": 110, "vigorous_min_per_week": 20})),
        ),
        (
            "sleep.hours",
            R::new().obs(&ago_d(1), "sleep", json!({"hours": 6.5})),
            R::new().obs(&ago_d(1), "sleep", json!({"hours": 7.0})),
        ),
        (
            "alcohol.cut_down",
            R::new().obs(&ago_d(1), "alcohol", json!({"units_per_week": 15})),
            R::new().obs(&ago_d(1), "alcohol", json!({"units_per_week": 14})),
        ),
        (
            "smoking.stop",
            R::new().set("smoking", json!({"status": "current"})),
            R::new().set("smoking", json!({"status": "former", "quit_date": "2020-01-01"})),
        ),
        (
            "diet.mepa",
            R::new().q(&ago_d(1), "mepa", vec![1; 15].into_iter().chain([0]).collect()),
            R::new().q(&ago_d(1), "mepa", vec![1; 16]),
        ),
        (
            "sore_throat.score",
            R::new().q(&ago_d(1), "feverpain", vec![1, 1, 1, 1, 0]),
            R::new().q(&ago_d(20), "feverpain", vec![1, 1, 1, 1, 0]),
        ),
        (
            "mood.talking_therapies",
            R::new().q(&ago_d(1), "gad7", vec![2, 2, 2, 2, 2, 0, 0]),
            R::new().q(&ago_d(1), "gad7", vec![2, 2, 2, 2, 1, 0, 0]),
        ),
        (
            "mood.self_help",
            R::new().q(&ago_d(1), "phq9", vec![1, 1, 1, 1, 1, 0, 0, 0, 0]),
            R::new().q(&ago_d(1), "phq9", vec![1, 1, 1, 1, 0, 0, 0, 0, 0]),
        ),
    ]
}

#[test]
fn each_protocol_applies_to_the_records_it_covers_and_not_to_others() {
    let cases = cases();
    for p in PROTOCOLS {
        assert!(cases.iter().any(|(id, _, _)| *id == p.id), "{} has no case", p.id);
    }
    for (id, yes, no) in cases {
        let a = yes.assess();
        assert!(advice_ids(&a).iter().any(|x| x == id), "{id} should apply: {:?}", advice_ids(&a));
        let item = advice(&a, id);
        assert!(!item["actions"].as_array().is_some_and(|x| x.is_empty()), "{id} has actions");
        assert!(item["why"].as_str().is_some_and(|w| !w.is_empty()), "{id} says why");
        let b = no.assess();
        assert!(!advice_ids(&b).iter().any(|x| x == id), "{id} should not apply: {:?}", advice_ids(&b));
    }
}

#[test]
fn personal_numbers_appear_in_the_advice() {
    let a = R::new().cond("asthma").set("peak_flow_best_l_min", json!(500)).assess();
    let text = advice(&a, "asthma.action_plan")["actions"].to_string();
    for zone in ["400 L/min or more", "300 to 400 L/min", "below 300 L/min", "Below 165 L/min"] {
        assert!(text.contains(zone), "{zone} in {text}");
    }
    let diet = R::new().q(&ago_d(1), "mepa", vec![1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]).assess();
    assert!(advice(&diet, "diet.mepa")["actions"].to_string().contains("fish or seafood at least once a week"));
    let sad = R::new().cond("type2_diabetes").set("medications", json!(["metformin", "sglt2_inhibitor"])).assess();
    assert!(advice(&sad, "diabetes.sick_day")["actions"][0]
        .as_str()
        .is_some_and(|t| t.contains("metformin") && t.contains("SGLT2")));
    // South Asian background: BMI 24 is overweight by NICE while the score gives it 100.
    let sa = R::new()
        .set("ethnicity", json!("indian"))
        .set("height_cm", json!(200))
        .obs(&ago_d(1), "weight", json!({"kg": 96}))
        .assess();
    assert!(advice(&sa, "weight.bmi")["why"].as_str().is_some_and(|w| w.contains("23") && w.contains("disagree")));
}

#[test]
fn reassurance_never_sits_beside_an_urgent_flag_or_a_flag_in_its_area() {
    let on_target = || week_of_home_bp(R::new().age(60).cond("hypertension"), 130.0, 80.0);
    assert!(advice_ids(&on_target().assess()).contains(&"bp.home.on_target".to_string()));
    // An urgent flag elsewhere (SpO2 93) removes the reassurance.
    let urgent = on_target().obs(&ago_h(1), "spo2", json!({"percent": 93})).assess();
    assert_eq!(level(&urgent), "urgent");
    assert!(!advice_ids(&urgent).contains(&"bp.home.on_target".to_string()));
    // A blood-pressure flag of any level removes blood-pressure reassurance.
    let low = on_target().bp(&ago_min(5), 85.0, 50.0).sym(&ago_min(5), "dizzy_faint").assess();
    assert!(has(&low, "bp.low.symptomatic"));
    assert!(!advice_ids(&low).contains(&"bp.home.on_target".to_string()));
}

#[test]
fn every_protocol_cites_its_primary_source_and_has_a_unique_id() {
    let mut ids: Vec<&str> = PROTOCOLS.iter().map(|p| p.id).collect();
    for p in PROTOCOLS {
        assert!(!p.source.is_empty(), "{}", p.id);
        assert!(!p.actions.is_empty() && !p.applies_when.is_empty(), "{}", p.id);
        if p.recheck_in_days.is_some() {
            assert!(p.recheck.is_some(), "{}: a recheck says what completes it", p.id);
        }
        if let Some(n) = p.unverified {
            assert!(n.contains("UNVERIFIED"), "{}", p.id);
        }
    }
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate protocol id");
}

#[test]
fn an_asthma_attack_puts_a_practice_review_in_the_plan_within_two_working_days() {
    let rec = |pef: u32, day: &str| {
        json!({"format": "hale.record/1",
            "profile": {"conditions": ["asthma"], "peak_flow_best_l_min": 500},
            "observations": [{"id": "p1", "at": format!("{day}T08:00:00Z"), "kind": "peak_flow", "l_min": pef}]})
    };
    let review = |a: &Value| {
        a["plan"].as_array().and_then(|p| p.iter().find(|i| i["advice_id"] == "asthma.review_after_attack").cloned())
    };
    // Friday 4 Dec 2026, 55 % of best (asthma.pef.severe): due Tuesday 8 Dec (the weekend skipped).
    let a = assess_at(&rec(275, "2026-12-04"), "2026-12-04T09:00:00Z");
    let item = review(&a).unwrap_or(Value::Null);
    assert_eq!(item["due"], json!("2026-12-08"), "{a}");
    assert_eq!(item["recheck"], json!({"type": "practice_review"}));
    assert_eq!(item["overdue"], json!(false));
    // Below a third (life-threatening) on a Wednesday: due Friday.
    let a = assess_at(&rec(150, "2026-12-02"), "2026-12-02T09:00:00Z");
    assert_eq!(review(&a).map(|i| i["due"].clone()), Some(json!("2026-12-04")));
    // Once the flag no longer stands (days later), the review stays, overdue, until 14 days have passed.
    let a = assess_at(&rec(275, "2026-12-04"), "2026-12-10T09:00:00Z");
    assert!(a["red_flags"].as_array().is_some_and(|f| f.is_empty()), "{a}");
    assert_eq!(review(&a).map(|i| i["overdue"].clone()), Some(json!(true)));
    let a = assess_at(&rec(275, "2026-12-04"), "2026-12-19T09:00:00Z");
    assert_eq!(review(&a), None, "gone after 14 days");
    // At 60 % (getting worse, not an attack) there is no review; without asthma neither.
    assert_eq!(review(&assess_at(&rec(300, "2026-12-04"), "2026-12-04T09:00:00Z")), None);
    let mut no_asthma = rec(150, "2026-12-04");
    no_asthma["profile"]["conditions"] = json!([]);
    assert_eq!(review(&assess_at(&no_asthma, "2026-12-04T09:00:00Z")), None);
}

#[test]
fn working_days_skip_weekends() {
    use hale_core::protocols::add_working_days;
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    assert_eq!(add_working_days(d("2026-12-04"), 2), d("2026-12-08")); // Fri → Tue
    assert_eq!(add_working_days(d("2026-12-05"), 2), d("2026-12-08")); // Sat → Tue
    assert_eq!(add_working_days(d("2026-12-06"), 2), d("2026-12-08")); // Sun → Tue
    assert_eq!(add_working_days(d("2026-12-07"), 2), d("2026-12-09")); // Mon → Wed
    assert_eq!(add_working_days(d("2026-12-03"), 2), d("2026-12-07")); // Thu → Mon
    assert_eq!(add_working_days(d("2026-12-03"), 0), d("2026-12-03"));
}

#[test]
fn a_saved_reading_is_compared_with_the_persons_target_never_with_one_hale_does_not_have() {
    use hale_core::trends::{after_save, NO_GLUCOSE_TARGET};
    let words = |profile: serde_json::Value, obs: Vec<serde_json::Value>| {
        let record = json!({"format": "hale.record/1", "profile": profile, "observations": obs});
        let parsed = hale_core::parse::parse_record_value(&record).unwrap_or_else(|e| panic!("{e:?}"));
        let now = hale_core::time::parse_rfc3339("2026-11-21T12:00:00Z").unwrap_or_default();
        let view = hale_core::view::View::new(&parsed.record, now);
        let home = hale_core::assessment::assess(&parsed.record, now, &[]).home_blood_pressure;
        let last = parsed.record.observations.last().cloned();
        last.and_then(|o| after_save(&view, home.as_ref(), &o)).unwrap_or_default()
    };
    let g = |v: f64, ctx: &str| {
        vec![json!({"id": "g", "at": "2026-11-21T08:00:00Z", "kind": "glucose", "mmol_l": v, "context": ctx})]
    };
    let t1 = json!({"conditions": ["type1_diabetes"]});
    // Type 1 diabetes on waking: 5 to 7 (NICE NG17), at each edge.
    assert!(words(t1.clone(), g(7.0, "fasting")).contains("within your target of 5 to 7 mmol/L on waking"));
    assert!(words(t1.clone(), g(7.1, "fasting")).contains("above your target of 5 to 7"));
    assert!(words(t1.clone(), g(5.0, "fasting")).contains("within"));
    assert!(words(t1.clone(), g(4.9, "fasting")).contains("below your target"));
    assert!(words(t1.clone(), g(7.1, "before_meal")).contains("above your target of 4 to 7 mmol/L before meals"));
    assert!(words(t1.clone(), g(9.0, "after_meal")).contains("within your target of 5 to 9"));
    assert!(words(t1, g(9.0, "random")).contains("say when a reading was taken"));
    // Type 2 diabetes: Hale has no number, and says so (never "nothing needs action").
    let t2 = words(json!({"conditions": ["type2_diabetes"]}), g(9.2, "fasting"));
    assert!(t2.starts_with(NO_GLUCOSE_TARGET) && t2.contains("add it on the About you page"), "{t2}");
    // A range the care team set is used where the reference has none, at each edge.
    let set = json!({"conditions": ["type2_diabetes"], "glucose_target_mmol_l": {"low": 4, "high": 8}});
    assert!(words(set.clone(), g(9.2, "fasting")).contains("above the range your care team set, 4 to 8 mmol/L"));
    assert!(words(set.clone(), g(8.0, "fasting")).contains("within"));
    assert!(words(set.clone(), g(4.0, "fasting")).contains("within"));
    assert!(words(set, g(3.9, "fasting")).contains("below"));
    assert_eq!(words(json!({}), g(9.2, "fasting")), "", "no diabetes: the rules speak, no target line");
    // Blood pressure: one reading is not judged against a target; an average is.
    let bp = |day: u32, s: u32, d: u32| json!({"id": format!("b{day}"), "at": format!("2026-11-{day:02}T08:00:00Z"), "kind": "blood_pressure", "systolic_mmhg": s, "diastolic_mmhg": d});
    let htn = json!({"birth_date": "1956-01-01", "conditions": ["hypertension"]});
    assert!(words(htn.clone(), vec![bp(21, 142, 88)])
        .contains("One reading is not enough to judge: your home target is below 135/85 mmHg"));
    let week: Vec<_> = (15..=21).map(|d| bp(d, 142, 88)).collect();
    let w = words(htn, week.clone());
    assert!(
        w.contains(
            "Your home average is 142/88 mmHg over 7 days, at or above the line; your home target is below 135/85"
        ),
        "{w}"
    );
    let old = json!({"birth_date": "1940-01-01", "conditions": ["hypertension"]});
    let lower: Vec<_> = (15..=21).map(|d| bp(d, 142, 80)).collect();
    assert!(words(old, lower).contains("below the line; your home target is below 145/85"), "80 or over");
    assert!(words(json!({}), week).contains("a home average of 135/85 mmHg or more is high"));
}

#[test]
fn insulin_advice_is_left_out_only_when_the_record_says_no_insulin() {
    let actions = |profile: Value| {
        let a = assess_at(&json!({"format": "hale.record/1", "profile": profile}), "2026-11-21T12:00:00Z");
        advice(&a, "diabetes.sick_day")["actions"].to_string()
    };
    assert!(actions(json!({"conditions": ["type1_diabetes"]})).contains("Never stop your insulin"));
    assert!(
        actions(json!({"conditions": ["type2_diabetes"]})).contains("Never stop your insulin"),
        "medicines unknown"
    );
    assert!(actions(json!({"conditions": ["type2_diabetes"], "medications": ["insulin"]}))
        .contains("Never stop your insulin"));
    let metformin = actions(json!({"conditions": ["type2_diabetes"], "medications": ["metformin"]}));
    assert!(!metformin.contains("insulin"), "{metformin}");
    assert!(!metformin.contains("SADMANS"), "no unexplained abbreviation");
}
