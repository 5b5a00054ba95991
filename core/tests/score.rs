//! Life's Essential 8 (clinical-reference §1) and QRISK3's reading of the record (docs/score.md). Numbers written out from the reference.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::*;
use serde_json::{json, Value};

fn comp(a: &Value, k: &str) -> Value {
    a["score"]["components"][k].clone()
}

/// MEPA items giving `n` points (first n items met).
fn mepa(n: usize) -> Vec<u8> {
    (0..16).map(|i| u8::from(i < n)).collect()
}

/// A record with every component present (the §1.3 worked example, adapted to UK units).
fn example() -> R {
    // Female, 55. BMI 27.5 at 165 cm: 74.86875 kg. Non-HDL 145 mg/dL = 3.75 mmol/L.
    R::new()
        .age(55)
        .sex("female")
        .set("height_cm", json!(165.0))
        .set(
            "smoking",
            json!({"status": "former", "quit_date": "2020-11-01", "vapes": false, "home_indoor_smoker": false}),
        )
        .q(&ago_d(3), "mepa", mepa(14))
        .obs(&ago_d(2), "activity", json!({"moderate_min_per_week": 90, "vigorous_min_per_week": 0}))
        .obs(&ago_d(1), "sleep", json!({"hours": 7.5}))
        .obs(&ago_d(1), "weight", json!({"kg": 27.5 * 1.65 * 1.65}))
        .obs(&ago_d(30), "cholesterol", json!({"total_mmol_l": 5.15, "hdl_mmol_l": 1.4}))
        .obs(&ago_d(30), "glucose", json!({"mmol_l": 95.0 / 18.016, "context": "fasting"}))
        .bp(&ago_d(1), 128.0, 78.0)
}

#[test]
fn worked_example_scores_80_high() {
    let a = example().assess();
    let s = &a["score"];
    assert_eq!(
        s["components"],
        json!({"diet": 80, "physical_activity": 80, "nicotine": 75, "sleep": 100, "bmi": 70, "blood_lipids": 60, "blood_glucose": 100, "blood_pressure": 75})
    );
    assert_eq!(s["total"], json!(80.0));
    assert_eq!(s["category"], json!("high"), "80.0 is the exact High boundary");
    assert_eq!(s["complete"], json!(true));
    assert_eq!(s["missing"], json!([]));
}

#[test]
fn unit_vectors() {
    let bp = |s: f64, d: f64, treated: bool| {
        let mut r = R::new().age(50).bp(&ago_d(1), s, d);
        if treated {
            r = r.set("medications", json!(["antihypertensive"]));
        }
        comp(&r.assess(), "blood_pressure")
    };
    assert_eq!(bp(118.0, 76.0, true), json!(80));
    assert_eq!(bp(165.0, 85.0, true), json!(0));
    let nic = |smoking: Value| comp(&R::new().age(50).set("smoking", smoking).assess(), "nicotine");
    assert_eq!(nic(json!({"status": "never", "home_indoor_smoker": true})), json!(80));
    assert_eq!(nic(json!({"status": "never", "vapes": true, "home_indoor_smoker": true})), json!(5));
    assert_eq!(nic(json!({"status": "current", "home_indoor_smoker": true})), json!(0));
    let sleep = |h: f64| comp(&R::new().age(50).obs(&ago_d(1), "sleep", json!({"hours": h})).assess(), "sleep");
    assert_eq!(sleep(9.0), json!(90));
    assert_eq!(sleep(10.0), json!(40));
    let dm = R::new().age(50).cond("type2_diabetes").obs(&ago_d(10), "hba1c", json!({"mmol_mol": 57})).assess();
    assert_eq!(comp(&dm, "blood_glucose"), json!(30));
}

#[test]
fn blood_pressure_bands() {
    let bp = |s: f64, d: f64| comp(&R::new().age(50).bp(&ago_d(1), s, d).assess(), "blood_pressure");
    for (s, want) in
        [(119.0, 100), (120.0, 75), (129.0, 75), (130.0, 50), (139.0, 50), (140.0, 25), (159.0, 25), (160.0, 0)]
    {
        assert_eq!(bp(s, 70.0), json!(want), "systolic {s}");
    }
    for (d, want) in [(79.0, 100), (80.0, 50), (89.0, 50), (90.0, 25), (99.0, 25), (100.0, 0)] {
        assert_eq!(bp(115.0, d), json!(want), "diastolic {d}");
    }
    assert_eq!(bp(125.0, 92.0), json!(25), "the lower of the two");
    // The mean of the 30 days ending at the latest (earlier readings excluded), unrounded.
    let r = R::new().age(50).bp(&ago_d(40), 200.0, 110.0).bp(&ago_d(20), 120.0, 70.0).bp(&ago_d(1), 139.0, 70.0);
    let a = r.assess();
    assert_eq!(comp(&a, "blood_pressure"), json!(75)); // mean 129.5 (the 200/110 is outside 30 days): the 120–129 band runs to 130
    let r2 = R::new().age(50).bp(&ago_d(2), 129.0, 70.0).bp(&ago_d(1), 130.0, 70.0);
    assert_eq!(comp(&r2.assess(), "blood_pressure"), json!(75), "129.5 is below 130");
}

#[test]
fn sleep_activity_diet_bands() {
    let sleep = |h: f64| comp(&R::new().age(50).obs(&ago_d(1), "sleep", json!({"hours": h})).assess(), "sleep");
    for (h, want) in [
        (3.9, 0),
        (4.0, 20),
        (4.9, 20),
        (5.0, 40),
        (5.9, 40),
        (6.0, 70),
        (6.9, 70),
        (7.0, 100),
        (8.9, 100),
        (9.0, 90),
        (9.9, 90),
        (10.0, 40),
        (12.0, 40),
    ] {
        assert_eq!(sleep(h), json!(want), "sleep {h}");
    }
    let act = |m: f64, v: f64| {
        comp(
            &R::new()
                .age(50)
                .obs(&ago_d(1), "activity", json!({"moderate_min_per_week": m, "vigorous_min_per_week": v}))
                .assess(),
            "physical_activity",
        )
    };
    for (m, want) in [
        (0.0, 0),
        (1.0, 20),
        (29.0, 20),
        (30.0, 40),
        (59.0, 40),
        (60.0, 60),
        (89.0, 60),
        (90.0, 80),
        (119.0, 80),
        (120.0, 90),
        (149.0, 90),
        (150.0, 100),
    ] {
        assert_eq!(act(m, 0.0), json!(want), "activity {m}");
    }
    assert_eq!(act(0.0, 75.0), json!(100), "75 vigorous minutes count double");
    assert_eq!(act(50.0, 50.0), json!(100));
    let diet = |n: usize| comp(&R::new().age(50).q(&ago_d(1), "mepa", mepa(n)).assess(), "diet");
    for (n, want) in [(0, 0), (3, 0), (4, 25), (7, 25), (8, 50), (11, 50), (12, 80), (14, 80), (15, 100), (16, 100)] {
        assert_eq!(diet(n), json!(want), "MEPA {n}");
    }
}

#[test]
fn bmi_bands_and_below_18_5() {
    // Height 200 cm: BMI = kg / 4.
    let bmi = |b: f64| {
        let a = R::new().age(50).set("height_cm", json!(200)).obs(&ago_d(1), "weight", json!({"kg": b * 4.0})).assess();
        (comp(&a, "bmi"), a)
    };
    for (b, want) in [
        (18.5, 100),
        (24.9, 100),
        (25.0, 70),
        (29.9, 70),
        (30.0, 30),
        (34.9, 30),
        (35.0, 15),
        (39.9, 15),
        (40.0, 0),
        (55.0, 0),
    ] {
        assert_eq!(bmi(b).0, json!(want), "BMI {b}");
    }
    let (c, a) = bmi(18.4);
    assert_eq!(c, Value::Null, "BMI below 18.5 is not scored");
    assert!(a["score"]["missing"].as_array().is_some_and(|m| m.contains(&json!("bmi"))));
    assert!(a["issues"]
        .as_array()
        .is_some_and(|i| i.iter().any(|x| x["code"] == "needs_review" && x["field"] == "score.bmi")));
    let no_height = R::new().age(50).obs(&ago_d(1), "weight", json!({"kg": 70})).assess();
    assert_eq!(comp(&no_height, "bmi"), Value::Null);
}

#[test]
fn lipid_bands_in_uk_units_and_treatment() {
    let lip = |non_hdl: f64, treated: bool| {
        let mut r =
            R::new().age(50).obs(&ago_d(10), "cholesterol", json!({"total_mmol_l": non_hdl + 1.0, "hdl_mmol_l": 1.0}));
        if treated {
            r = r.set("medications", json!(["lipid_lowering"]));
        }
        comp(&r.assess(), "blood_lipids")
    };
    // clinical-reference §1.1 "Effective band for UK 1-dp lab values".
    for (x, want) in [(3.3, 100), (3.4, 60), (4.1, 60), (4.2, 40), (4.9, 40), (5.0, 20), (5.6, 20), (5.7, 0), (8.0, 0)]
    {
        assert_eq!(lip(x, false), json!(want), "non-HDL {x}");
    }
    assert_eq!(lip(3.3, true), json!(80));
    assert_eq!(lip(5.0, true), json!(0), "floored at 0");
    assert_eq!(lip(5.7, true), json!(0));
}

#[test]
fn glucose_bands_with_and_without_diabetes() {
    let a1c = |h: f64, dm: bool| {
        let mut r = R::new().age(50).obs(&ago_d(10), "hba1c", json!({"mmol_mol": h}));
        if dm {
            r = r.cond("type1_diabetes");
        }
        r.assess()
    };
    for (h, want) in [(38.0, 100), (39.0, 60), (47.0, 60)] {
        assert_eq!(comp(&a1c(h, false), "blood_glucose"), json!(want), "HbA1c {h}");
    }
    let dr = a1c(48.0, false);
    assert_eq!(comp(&dr, "blood_glucose"), Value::Null, "diabetes range without a diagnosis is not scored");
    assert!(dr["issues"].as_array().is_some_and(|i| i.iter().any(|x| x["code"] == "needs_review")));
    for (h, want) in [(53.0, 40), (54.0, 30), (63.0, 30), (64.0, 20), (74.0, 20), (75.0, 10), (85.0, 10), (86.0, 0)] {
        assert_eq!(comp(&a1c(h, true), "blood_glucose"), json!(want), "diabetes HbA1c {h}");
    }
    let fpg = |g: f64, ctx: &str| {
        comp(
            &R::new().age(50).obs(&ago_d(10), "glucose", json!({"mmol_l": g, "context": ctx})).assess(),
            "blood_glucose",
        )
    };
    assert_eq!(fpg(5.5, "fasting"), json!(100));
    assert_eq!(fpg(5.6, "fasting"), json!(60));
    assert_eq!(fpg(6.9, "fasting"), json!(60));
    assert_eq!(fpg(7.0, "fasting"), Value::Null);
    assert_eq!(fpg(5.0, "random"), Value::Null, "only fasting glucose counts");
    // Diabetes without an HbA1c: missing, even with a fasting glucose.
    let dm_fpg = R::new()
        .age(50)
        .cond("type2_diabetes")
        .obs(&ago_d(1), "glucose", json!({"mmol_l": 6.0, "context": "fasting"}))
        .assess();
    assert_eq!(comp(&dm_fpg, "blood_glucose"), Value::Null);
    // A stale HbA1c falls back to a fresh fasting glucose.
    let fallback = R::new()
        .age(50)
        .obs(&ago_d(800), "hba1c", json!({"mmol_mol": 45}))
        .obs(&ago_d(5), "glucose", json!({"mmol_l": 5.0, "context": "fasting"}))
        .assess();
    assert_eq!(comp(&fallback, "blood_glucose"), json!(100));
}

#[test]
fn nicotine_bands() {
    let nic = |smoking: Value| comp(&R::new().age(50).set("smoking", smoking).assess(), "nicotine");
    assert_eq!(nic(json!({"status": "never"})), json!(100));
    assert_eq!(nic(json!({"status": "current", "cigarettes_per_day": 5})), json!(0));
    // Quit time in 365-day years to now (2026-11-21T12:00Z).
    assert_eq!(
        nic(json!({"status": "former", "quit_date": "2021-11-22"})),
        json!(75),
        "5 years of 365 days is 2021-11-22"
    );
    assert_eq!(nic(json!({"status": "former", "quit_date": "2021-11-23"})), json!(50));
    assert_eq!(nic(json!({"status": "former", "quit_date": "2025-11-21"})), json!(50));
    assert_eq!(nic(json!({"status": "former", "quit_date": "2025-11-22"})), json!(25));
    assert_eq!(nic(json!({"status": "former"})), Value::Null, "no quit date: missing");
    assert_eq!(
        nic(json!({"status": "former", "quit_date": "2010-01-01", "vapes": true})),
        json!(25),
        "vaping caps at 25"
    );
    assert_eq!(nic(json!({"status": "former", "quit_date": "2010-01-01", "home_indoor_smoker": true})), json!(55));
    assert_eq!(comp(&R::new().age(50).assess(), "nicotine"), Value::Null);
}

#[test]
fn missing_and_stale_components_are_never_imputed() {
    let a = R::new().age(50).bp(&ago_d(1), 118.0, 70.0).assess();
    let s = &a["score"];
    assert_eq!(s["total"], Value::Null);
    assert_eq!(s["category"], Value::Null);
    assert_eq!(s["complete"], json!(false));
    assert_eq!(
        s["missing"],
        json!(["diet", "physical_activity", "nicotine", "sleep", "bmi", "blood_lipids", "blood_glucose"])
    );
    assert_eq!(s["components"].as_object().map(|m| m.len()), Some(8));
    // Self-measured older than a year, lab older than two: stale.
    let stale = example().bp(&ago_d(1), 128.0, 78.0);
    let mut r = stale.clone();
    r.observations.retain(|o| o["kind"] != "sleep" && o["kind"] != "cholesterol");
    let r = r.obs(&ago_d(366), "sleep", json!({"hours": 8})).obs(
        &ago_d(731),
        "cholesterol",
        json!({"total_mmol_l": 5, "hdl_mmol_l": 1.5}),
    );
    let a = r.assess();
    assert_eq!(a["score"]["missing"], json!(["sleep", "blood_lipids"]));
    let stale_fields: Vec<Value> = a["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["code"] == "stale")
        .map(|i| i["field"].clone())
        .collect();
    assert_eq!(stale_fields, vec![json!("score.sleep"), json!("score.blood_lipids")]);
    // Exactly one year old is still fresh.
    let mut r = example();
    r.observations.retain(|o| o["kind"] != "sleep");
    assert_eq!(comp(&r.obs(&ago_d(365), "sleep", json!({"hours": 8})).assess(), "sleep"), json!(100));
}

#[test]
fn under_20_has_no_score_and_age_unknown_does() {
    let young = R::new().age(19).bp(&ago_d(1), 118.0, 70.0).assess();
    assert_eq!(young["score"], Value::Null);
    assert!(young["issues"]
        .as_array()
        .is_some_and(|i| i.iter().any(|x| x["code"] == "not_applicable" && x["field"] == "score")));
    let unknown = R::new().bp(&ago_d(1), 118.0, 70.0).assess();
    assert!(unknown["score"].is_object());
    assert_eq!(R::new().age(20).assess()["score"]["complete"], json!(false));
}

#[test]
fn biggest_win_is_the_largest_next_band_gain_with_the_documented_tie_order() {
    let a = example().assess();
    // Gains: diet 80→100 (20), activity 80→90 (10), nicotine none (75 is a former smoker's best),
    // sleep none, bmi 70→100 (30), lipids 60→100 (40), glucose none, BP 75→100 (25).
    assert_eq!(a["score"]["biggest_win"], json!("blood_lipids"));
    let ex = &a["score"]["explanations"];
    let lipids =
        ex.as_array().and_then(|e| e.iter().find(|x| x["component"] == "blood_lipids")).cloned().unwrap_or(Value::Null);
    assert_eq!(lipids["next_points"], json!(100));
    assert!(lipids["next"].as_str().is_some_and(|t| t.contains("3.36")), "{lipids}");
    // Tie: BP 25→50 (25) and activity 0→20 … make BP and diet tie at +25: BP wins (listed first).
    let tie = R::new().age(50).bp(&ago_d(1), 150.0, 70.0).q(&ago_d(1), "mepa", mepa(5)).assess();
    assert_eq!(tie["score"]["biggest_win"], json!("blood_pressure"));
    // Nothing can improve: null.
    let best = R::new().age(50).set("smoking", json!({"status": "never"})).bp(&ago_d(1), 110.0, 70.0).assess();
    assert_eq!(best["score"]["biggest_win"], Value::Null);
}

#[test]
fn explanations_name_the_data_band_and_next_step() {
    let a = example().assess();
    let ex = a["score"]["explanations"].as_array().cloned().unwrap_or_default();
    assert_eq!(ex.len(), 8);
    let bp = ex.iter().find(|x| x["component"] == "blood_pressure").cloned().unwrap_or(Value::Null);
    assert_eq!(bp["evidence"], json!(["o7"]));
    assert!(bp["value"].as_str().is_some_and(|v| v.starts_with("128/78 mmHg")));
    assert!(bp["next"].as_str().is_some_and(|v| v.contains("120/80")));
    let bmi = ex.iter().find(|x| x["component"] == "bmi").cloned().unwrap_or(Value::Null);
    assert!(bmi["next"].as_str().is_some_and(|v| v.contains("kg")), "{bmi}");
    let missing = R::new().age(50).assess();
    let lipids = missing["score"]["explanations"]
        .as_array()
        .and_then(|e| e.iter().find(|x| x["component"] == "blood_lipids").cloned())
        .unwrap_or(Value::Null);
    assert!(lipids["prompt"].as_str().is_some_and(|p| p.contains("NHS Health Check")));
}

#[test]
fn qrisk3_reads_the_record_as_design_says() {
    // Female 45, white, non-smoker, BMI 29.1, ratio 4.1, town −4.2, SBP 140: ClinRisk batch row 3
    // gives 1.278531 with SD 3.0.
    // Readings are whole numbers: 138 and 142 give mean 140 and SD 2.83 (ClinRisk's row used 3.0).
    let h = 1.60f64;
    let r = R::new()
        .age(45)
        .sex("female")
        .set("ethnicity", json!("white"))
        .set("height_cm", json!(160))
        .set("townsend", json!(-4.2))
        .set("family_history_premature_chd", json!(false))
        .set("smoking", json!({"status": "never"}))
        .obs(&ago_d(30), "cholesterol", json!({"total_mmol_l": 4.1, "hdl_mmol_l": 1.0}))
        .obs(&ago_d(1), "weight", json!({"kg": 29.1 * h * h}))
        .bp(&ago_d(3), 138.0, 80.0)
        .bp(&ago_d(2), 142.0, 80.0);
    let a = r.assess();
    let q = &a["qrisk3"];
    assert_eq!(q["inputs"]["sbp"], json!(140.0));
    assert!((q["inputs"]["sbps5"].as_f64().unwrap_or(0.0) - 8f64.sqrt()).abs() < 1e-12, "sample SD of 138 and 142");
    assert!((q["inputs"]["bmi"].as_f64().unwrap_or(0.0) - 29.1).abs() < 1e-9);
    assert_eq!(q["inputs"]["ethrisk"], json!(1));
    assert_eq!(q["defaulted"], json!([]));
    let risk = q["risk_percent"].as_f64().unwrap_or(0.0);
    assert!(risk > 1.27 && risk < 1.30, "{risk}: near ClinRisk's 1.278531 for SD 3.0");
    // Only the 10 latest systolic readings within 5 years count.
    let mut many = R::new()
        .age(60)
        .sex("male")
        .set("height_cm", json!(175))
        .set("smoking", json!({"status": "current"}))
        .obs(&ago_d(30), "cholesterol", json!({"total_mmol_l": 5.0, "hdl_mmol_l": 1.0}))
        .obs(&ago_d(1), "weight", json!({"kg": 80}))
        .bp(&ago_d(2000), 200.0, 90.0);
    for d in 0..12 {
        many = many.bp(&ago_d(20 + d), if d < 10 { 130.0 } else { 190.0 }, 80.0);
    }
    let a = many.assess();
    assert_eq!(a["qrisk3"]["inputs"]["sbp"], json!(130.0));
    assert_eq!(a["qrisk3"]["inputs"]["sbps5"], json!(0.0));
    assert_eq!(a["qrisk3"]["inputs"]["smoke_cat"], json!(3), "current without a number: moderate, defaulted");
    assert_eq!(
        a["qrisk3"]["defaulted"],
        json!(["ethnicity", "cigarettes_per_day", "townsend", "family_history_premature_chd"])
    );
    assert!(a["issues"].as_array().is_some_and(|i| i.iter().filter(|x| x["code"] == "defaulted").count() == 4));
}

#[test]
fn qrisk3_is_null_out_of_scope_or_missing_an_input() {
    let full = || {
        R::new()
            .sex("male")
            .set("height_cm", json!(175))
            .set("smoking", json!({"status": "never"}))
            .obs(&ago_d(30), "cholesterol", json!({"total_mmol_l": 5.0, "hdl_mmol_l": 1.2}))
            .obs(&ago_d(1), "weight", json!({"kg": 80}))
            .bp(&ago_d(1), 130.0, 80.0)
    };
    assert!(full().age(25).assess()["qrisk3"].is_object());
    assert!(full().age(84).assess()["qrisk3"].is_object());
    assert!(full().age(24).assess()["qrisk3"].is_null());
    assert!(full().age(85).assess()["qrisk3"].is_null());
    assert!(full().assess()["qrisk3"].is_null(), "no age");
    assert!(full().age(50).cond("cvd").assess()["qrisk3"].is_null());
    let mut no_chol = full().age(50);
    no_chol.observations.retain(|o| o["kind"] != "cholesterol");
    let a = no_chol.assess();
    assert!(a["qrisk3"].is_null());
    assert!(a["qrisk3_prompts"].as_array().is_some_and(|p| p.iter().any(|x| x["field"] == "observations.cholesterol")));
    let old_chol = full().age(50).obs(&ago_d(800), "cholesterol", json!({"total_mmol_l": 5.0, "hdl_mmol_l": 1.2}));
    let mut old_only = old_chol.clone();
    old_only.observations.retain(|o| !(o["kind"] == "cholesterol" && o["at"] == json!(ago_d(30))));
    assert!(old_only.assess()["qrisk3"].is_null(), "cholesterol older than 2 years");
    let mut no_weight = full().age(50);
    no_weight.observations.retain(|o| o["kind"] != "weight");
    assert!(no_weight.assess()["qrisk3"].is_null());
    // Erectile dysfunction counts for men only.
    let ed =
        |sex: &str| full().age(50).sex(sex).cond("erectile_dysfunction").assess()["qrisk3"]["inputs"]["flags"].clone();
    assert_eq!(ed("male"), json!(["impotence"]));
    assert_eq!(ed("female"), json!([]));
}
