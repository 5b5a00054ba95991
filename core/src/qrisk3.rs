//! QRISK3-2017 10-year cardiovascular risk (Hippisley-Cox J, Coupland C, Brindle P. BMJ
//! 2017;357:j2099; clinical-reference.md §10). The coefficients and centring constants are loaded
//! from `core/data/qrisk3-2017.json` (a copy of the published figures), never retyped.
//!
//! The algorithm is published by ClinRisk Ltd (qrisk.org) under the GNU LGPL v3. ClinRisk's
//! disclaimer: whoever uses a port is responsible for checking that it reproduces the results of
//! the original code at qrisk.org. This implementation is checked against ClinRisk's supplied batch
//! processor output and published test tables (core/tests/qrisk3.rs).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::issue::{Issue, IssueCode};
use crate::record::ObsValue;
use crate::time::{within, YEAR_SECS};
use crate::view::View;
use crate::vocab::{Condition, Ethnicity, Medication, ObsKind, Sex, SmokingStatus};

/// Where the algorithm comes from, for the assessment and the app.
pub const SOURCE: &str = "QRISK3-2017 (Hippisley-Cox, Coupland, Brindle. BMJ 2017;357:j2099), algorithm published by ClinRisk Ltd under the GNU LGPL v3; clinical-reference \u{a7}10";

const DATA: &str = include_str!("../data/qrisk3-2017.json");

#[derive(Debug, Deserialize)]
struct Centre {
    age1: f64,
    age2: f64,
    bmi1: f64,
    bmi2: f64,
    rati: f64,
    sbp: f64,
    sbps5: f64,
    town: f64,
}

#[derive(Debug, Deserialize)]
struct Equation {
    s10: f64,
    age_powers: [f64; 2],
    centre: Centre,
    ethnicity: Vec<f64>,
    smoking: Vec<f64>,
    main: HashMap<String, f64>,
    by_age1: HashMap<String, f64>,
    by_age2: HashMap<String, f64>,
}

#[derive(Debug, Deserialize)]
struct Model {
    female: Equation,
    male: Equation,
}

fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| serde_json::from_str(DATA).ok()).as_ref()
}

/// The QRISK3 inputs, coded as the algorithm codes them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inputs {
    /// Female or male equation.
    pub sex: Sex,
    /// Age in whole years (25–84).
    pub age: u32,
    /// 1 white or not stated … 9 other.
    pub ethrisk: u8,
    /// 0 non-smoker, 1 ex, 2 light, 3 moderate, 4 heavy.
    pub smoke_cat: u8,
    /// Total cholesterol / HDL.
    pub rati: f64,
    /// Systolic blood pressure, mmHg.
    pub sbp: f64,
    /// Standard deviation of recent systolic readings.
    pub sbps5: f64,
    /// Body mass index.
    pub bmi: f64,
    /// Townsend deprivation score.
    pub town: f64,
    /// Binary terms set to 1 (`af`, `renal`, `type2`, …; `impotence` only for men).
    pub flags: Vec<&'static str>,
}

/// The 10-year risk in percent, or `None` if the coefficient data cannot be read.
pub fn risk_percent(i: &Inputs) -> Option<f64> {
    let m = model()?;
    let eq = match i.sex {
        Sex::Female => &m.female,
        Sex::Male => &m.male,
    };
    let a = f64::from(i.age) / 10.0;
    let fp = |p: f64| if p == 0.0 { a.ln() } else { a.powf(p) };
    let age1 = fp(eq.age_powers[0]) - eq.centre.age1;
    let age2 = fp(eq.age_powers[1]) - eq.centre.age2;
    let b = i.bmi / 10.0;
    let bmi1 = b.powi(-2) - eq.centre.bmi1;
    let bmi2 = b.powi(-2) * b.ln() - eq.centre.bmi2;
    let mut term: HashMap<&str, f64> = HashMap::new();
    term.insert("age1", age1);
    term.insert("age2", age2);
    term.insert("bmi1", bmi1);
    term.insert("bmi2", bmi2);
    term.insert("rati", i.rati - eq.centre.rati);
    term.insert("sbp", i.sbp - eq.centre.sbp);
    term.insert("sbps5", i.sbps5 - eq.centre.sbps5);
    term.insert("town", i.town - eq.centre.town);
    for f in &i.flags {
        if *f != "impotence" || i.sex == Sex::Male {
            term.insert(f, 1.0);
        }
    }
    for k in 1..=4u8 {
        if i.smoke_cat == k {
            term.insert(["smoke1", "smoke2", "smoke3", "smoke4"][usize::from(k - 1)], 1.0);
        }
    }
    let sum = |coefs: &HashMap<String, f64>| -> f64 {
        coefs.iter().map(|(k, c)| c * term.get(k.as_str()).copied().unwrap_or(0.0)).sum()
    };
    let eta = eq.ethnicity.get(usize::from(i.ethrisk)).copied()?
        + eq.smoking.get(usize::from(i.smoke_cat)).copied()?
        + sum(&eq.main)
        + age1 * sum(&eq.by_age1)
        + age2 * sum(&eq.by_age2);
    Some(100.0 * (1.0 - eq.s10.powf(eta.exp())))
}

/// QRISK3 as the Assessment reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Qrisk3 {
    /// 10-year risk of a heart attack or stroke, percent (unrounded).
    pub risk_percent: f64,
    /// Heart age (not worked out: Hale does not implement the JBS3 method).
    pub heart_age: Option<u32>,
    /// Inputs that were missing and took their documented default.
    pub defaulted: Vec<&'static str>,
    /// The inputs used, coded as QRISK3 codes them.
    pub inputs: Inputs,
    /// Ids of the readings used.
    pub evidence: Vec<String>,
    /// Citation and licence.
    pub source: &'static str,
}

/// Maps the Record's ethnicity to QRISK3's `ethrisk` (design.md).
pub fn ethrisk(e: Ethnicity) -> u8 {
    match e {
        Ethnicity::White | Ethnicity::NotStated => 1,
        Ethnicity::Indian => 2,
        Ethnicity::Pakistani => 3,
        Ethnicity::Bangladeshi => 4,
        Ethnicity::OtherAsian => 5,
        Ethnicity::BlackCaribbean => 6,
        Ethnicity::BlackAfrican => 7,
        Ethnicity::Chinese => 8,
        Ethnicity::Mixed | Ethnicity::Other => 9,
    }
}

/// Sample standard deviation (n − 1).
fn sample_sd(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

/// What to add (or why it does not apply) when QRISK3 is `null`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prompt {
    /// The field to add.
    pub field: &'static str,
    /// Plain-English message.
    pub message: &'static str,
}

/// QRISK3 for the view; the issues report defaults used; the prompts say what is missing when it
/// is `null`.
pub fn assess(view: &View<'_>) -> (Option<Qrisk3>, Vec<Issue>, Vec<Prompt>) {
    let p = &view.record.profile;
    let mut issues = Vec::new();
    let mut prompts = Vec::new();
    let mut missing = |field: &'static str, message: &'static str| prompts.push(Prompt { field, message });
    if p.has(Condition::Cvd) {
        missing(
            "profile.conditions",
            "QRISK3 is for people who have not had heart disease or a stroke, so it was not worked out.",
        );
        return (None, issues, prompts);
    }
    let Some(age) = view.age else {
        missing("profile.birth_date", "Add your date of birth to see your QRISK3 heart and stroke risk.");
        return (None, issues, prompts);
    };
    if !(25..=84).contains(&age) {
        missing("profile.birth_date", "QRISK3 is worked out for people aged 25 to 84.");
        return (None, issues, prompts);
    }
    let mut evidence = Vec::new();
    let mut defaulted = Vec::new();
    let sex = p.sex;
    if sex.is_none() {
        missing("profile.sex", "Add your sex recorded at birth to see your QRISK3 risk.");
    }
    let smoking = p.smoking.as_ref();
    if smoking.is_none() {
        missing("profile.smoking", "Add whether you smoke to see your QRISK3 risk.");
    }
    let chol = view.latest_within(ObsKind::Cholesterol, 2 * YEAR_SECS);
    let rati = match chol.map(|o| o.value) {
        Some(ObsValue::Cholesterol { total_mmol_l, hdl_mmol_l }) => Some(total_mmol_l / hdl_mmol_l),
        _ => {
            missing(
                "observations.cholesterol",
                "Add a cholesterol result (total and HDL) from the last 2 years, for example from your NHS Health Check, to see your QRISK3 risk.",
            );
            None
        }
    };
    let five_years = 5 * YEAR_SECS;
    let mut bps: Vec<&crate::record::Observation> =
        view.of(ObsKind::BloodPressure).iter().copied().filter(|o| within(o.at, view.now, five_years)).collect();
    bps.sort_by_key(|o| std::cmp::Reverse(o.at));
    bps.truncate(10);
    let systolics: Vec<f64> = bps
        .iter()
        .filter_map(|o| match o.value {
            ObsValue::BloodPressure { systolic_mmhg, .. } => Some(systolic_mmhg),
            _ => None,
        })
        .collect();
    if systolics.is_empty() {
        missing("observations.blood_pressure", "Add a blood pressure reading to see your QRISK3 risk.");
    }
    let weight = view.latest_within(ObsKind::Weight, YEAR_SECS);
    let bmi = match (weight.map(|o| o.value), p.height_cm) {
        (Some(ObsValue::Weight { kg }), Some(h)) => Some(kg / (h / 100.0).powi(2)),
        _ => {
            missing("observations.weight", "Add your height and a weight from the last year to see your QRISK3 risk.");
            None
        }
    };
    let (Some(sex), Some(smoking), Some(rati), Some(bmi)) = (sex, smoking, rati, bmi) else {
        return (None, issues, prompts);
    };
    if systolics.is_empty() {
        return (None, issues, prompts);
    }
    if let Some(c) = chol {
        evidence.push(c.id.clone());
    }
    evidence.extend(bps.iter().map(|o| o.id.clone()));
    if let Some(w) = weight {
        evidence.push(w.id.clone());
    }
    let sbp = systolics.iter().sum::<f64>() / systolics.len() as f64;
    let sbps5 = if systolics.len() >= 2 {
        sample_sd(&systolics)
    } else {
        defaulted.push("sbps5");
        0.0
    };
    let ethnicity = p.ethnicity.unwrap_or_else(|| {
        defaulted.push("ethnicity");
        Ethnicity::NotStated
    });
    let smoke_cat = match smoking.status {
        SmokingStatus::Never => 0,
        SmokingStatus::Former => 1,
        SmokingStatus::Current => match smoking.cigarettes_per_day {
            Some(c) if c < 10.0 => 2,
            Some(c) if c < 20.0 => 3,
            Some(_) => 4,
            None => {
                defaulted.push("cigarettes_per_day");
                3
            }
        },
    };
    let town = p.townsend.unwrap_or_else(|| {
        defaulted.push("townsend");
        0.0
    });
    let fh = p.family_history_premature_chd.unwrap_or_else(|| {
        defaulted.push("family_history_premature_chd");
        false
    });
    let mut flags: Vec<&'static str> = Vec::new();
    let map: [(bool, &'static str); 13] = [
        (p.has(Condition::AtrialFibrillation), "af"),
        (p.takes(Medication::AtypicalAntipsychotic), "atypical_antipsychotic"),
        (p.takes(Medication::OralCorticosteroid), "corticosteroids"),
        (p.has(Condition::ErectileDysfunction) && sex == Sex::Male, "impotence"),
        (p.has(Condition::Migraine), "migraine"),
        (p.has(Condition::RheumatoidArthritis), "ra"),
        (p.has(Condition::Ckd3To5), "renal"),
        (p.has(Condition::SevereMentalIllness), "smi"),
        (p.has(Condition::Sle), "sle"),
        (p.takes(Medication::Antihypertensive), "treated_hypertension"),
        (p.has(Condition::Type1Diabetes), "type1"),
        (p.has(Condition::Type2Diabetes) && !p.has(Condition::Type1Diabetes), "type2"),
        (fh, "fh_cvd"),
    ];
    flags.extend(map.iter().filter(|(on, _)| *on).map(|(_, name)| *name));
    for d in &defaulted {
        issues.push(Issue::info(
            IssueCode::Defaulted,
            format!("qrisk3.{d}"),
            match *d {
                "townsend" => "QRISK3 used a Townsend deprivation score of 0 because none was given.",
                "ethnicity" => "QRISK3 used \"not stated\" for ethnicity because none was given.",
                "cigarettes_per_day" => "QRISK3 counted you as a moderate smoker (10 to 19 a day) because the number was not given.",
                "sbps5" => "QRISK3 used 0 for how much your blood pressure varies, because there is only one reading.",
                _ => "QRISK3 assumed no angina or heart attack in a parent, brother or sister under 60, because this was not answered.",
            },
        ));
    }
    let inputs = Inputs { sex, age, ethrisk: ethrisk(ethnicity), smoke_cat, rati, sbp, sbps5, bmi, town, flags };
    let Some(risk) = risk_percent(&inputs) else { return (None, issues, prompts) };
    (Some(Qrisk3 { risk_percent: risk, heart_age: None, defaulted, inputs, evidence, source: SOURCE }), issues, prompts)
}
