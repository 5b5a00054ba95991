//! Minor illness self-care: the seven NHS Pharmacy First pathways as guided questions (England,
//! 2024; clinical-reference §7.2) and the sore-throat scores (NICE NG84; §7.1). Data, evaluated by
//! one pure function: eligibility (age, sex, pregnancy), then red flags (emergency or urgent), then
//! exclusions (GP), then the pathway's own result (pharmacy or self-care).

use serde::Serialize;

use crate::red_flags::{Level, Service};
use crate::vocab::Sex;

/// A question of a pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable id.
    pub id: &'static str,
    /// The question, answered yes or no.
    pub text: &'static str,
    /// What a "yes" means.
    pub kind: QuestionKind,
}

/// What a "yes" means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A red flag: get help at this level.
    RedFlag {
        /// Level.
        level: Level,
        /// Service.
        service: Service,
    },
    /// Not suitable for Pharmacy First: see the GP practice.
    Exclusion,
    /// A point of the pathway's score (FeverPAIN items, UTI key symptoms).
    Point,
}

/// A pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Pathway {
    /// Stable id.
    pub id: &'static str,
    /// Name.
    pub title: &'static str,
    /// Youngest eligible age.
    pub min_age: u32,
    /// Oldest eligible age, if any.
    pub max_age: Option<u32>,
    /// Only for this sex, if any.
    pub sex: Option<Sex>,
    /// Not for anyone pregnant (otherwise: not for pregnant people under 16).
    pub excludes_pregnancy: bool,
    /// The questions, red flags first.
    pub questions: &'static [Question],
    /// Citation.
    pub source: &'static str,
    /// What the reference marks UNVERIFIED, if anything.
    pub unverified: Option<&'static str>,
}

const fn emergency(id: &'static str, text: &'static str) -> Question {
    Question { id, text, kind: QuestionKind::RedFlag { level: Level::Emergency, service: Service::Call999 } }
}
const fn urgent(id: &'static str, text: &'static str) -> Question {
    Question { id, text, kind: QuestionKind::RedFlag { level: Level::Urgent, service: Service::Nhs111 } }
}
const fn exclusion(id: &'static str, text: &'static str) -> Question {
    Question { id, text, kind: QuestionKind::Exclusion }
}
const fn point(id: &'static str, text: &'static str) -> Question {
    Question { id, text, kind: QuestionKind::Point }
}

const IMMUNO: Question = exclusion(
    "immunosuppressed",
    "Is your immune system weakened (for example by chemotherapy, steroid tablets or an illness)?",
);

/// The pathways.
pub const PATHWAYS: &[Pathway] = &[
    Pathway {
        id: "sore_throat",
        title: "Sore throat",
        min_age: 5,
        max_age: None,
        sex: None,
        excludes_pregnancy: false,
        questions: &[
            emergency("airway", "Are you drooling, unable to swallow your own saliva, or is your voice muffled or your breathing noisy?"),
            emergency("breathing", "Are you finding it hard to breathe?"),
            emergency("sepsis", "Do you feel very unwell, confused, or is your skin mottled, blue or grey?"),
            emergency("worsening", "Is it getting worse very quickly, or are you unable to drink enough (very dark or no urine)?"),
            IMMUNO,
            exclusion("other_cause", "Has a doctor said it could be scarlet fever, glandular fever or quinsy (a swelling at the back of the throat)?"),
            point("fever", "Have you had a fever in the past 24 hours?"),
            point("purulence", "Is there pus on your tonsils?"),
            point("attend_rapidly", "Did it start 3 days ago or less?"),
            point("inflamed", "Are your tonsils very red and swollen?"),
            point("no_cough", "Do you have no cough and no cold symptoms?"),
        ],
        source: "NHS Pharmacy First acute sore throat pathway and FeverPAIN (NICE NG84)",
        unverified: Some("the self-care waits and the FeverPAIN-based supply rule come from a low-quality source and are UNVERIFIED in Hale's clinical reference"),
    },
    Pathway {
        id: "sinusitis",
        title: "Sinusitis",
        min_age: 12,
        max_age: None,
        sex: None,
        excludes_pregnancy: false,
        questions: &[
            emergency("intracranial", "Do you have a severe headache at the front of your head with swelling over the forehead, a stiff neck, or new weakness, numbness or confusion?"),
            urgent("orbital", "Do you have problems with your vision, double vision, or redness or swelling around your eye?"),
            IMMUNO,
            exclusion("chronic", "Have you had these symptoms for 12 weeks or more?"),
        ],
        source: "NHS Pharmacy First acute sinusitis pathway",
        unverified: None,
    },
    Pathway {
        id: "otitis_media",
        title: "Earache (middle-ear infection)",
        min_age: 1,
        max_age: Some(17),
        sex: None,
        excludes_pregnancy: false,
        questions: &[
            emergency("meningitis", "Is there a stiff neck, dislike of bright light, or blotchy skin or a rash that does not fade?"),
            emergency("mastoid", "Is there pain, redness or swelling behind the ear, or is the ear pushed forward?"),
            emergency("facial", "Is one side of the face drooping or weak?"),
            exclusion("recurrent", "Has there been 3 or more ear infections in the last 6 months, or 4 or more in a year?"),
        ],
        source: "NHS Pharmacy First acute otitis media pathway",
        unverified: None,
    },
    Pathway {
        id: "insect_bite",
        title: "Infected insect bite",
        min_age: 1,
        max_age: None,
        sex: None,
        excludes_pregnancy: false,
        questions: &[
            emergency("anaphylaxis", "Are your lips, mouth, throat or tongue swelling, or are you struggling to breathe?"),
            emergency("sepsis", "Do you feel very unwell, confused, or is your skin mottled, blue or grey?"),
            urgent("spreading", "Is the redness spreading quickly, or is the bite near your eye?"),
            exclusion("animal", "Was it an animal or human bite rather than an insect?"),
            exclusion("tick", "Was it a tick bite with a spreading circular rash (possible Lyme disease)?"),
        ],
        source: "NHS Pharmacy First infected insect bite pathway",
        unverified: Some("the insect-bite red flags are UNVERIFIED in Hale's clinical reference"),
    },
    Pathway {
        id: "impetigo",
        title: "Impetigo",
        min_age: 1,
        max_age: None,
        sex: None,
        excludes_pregnancy: false,
        questions: &[
            urgent("deep", "Is the skin around it hot, swollen and painful, or do you feel unwell with a fever?"),
            exclusion("bullous", "Are there large fluid-filled blisters?"),
            exclusion("recurrent", "Have you had impetigo twice or more in the last year?"),
            IMMUNO,
        ],
        source: "NHS Pharmacy First impetigo pathway",
        unverified: Some("the treatment split by extent is UNVERIFIED in Hale's clinical reference"),
    },
    Pathway {
        id: "shingles",
        title: "Shingles",
        min_age: 18,
        max_age: None,
        sex: None,
        excludes_pregnancy: true,
        questions: &[
            urgent("eye", "Is the rash on your forehead, near your eye, or on the tip of your nose, or is your eye red or painful?"),
            urgent("immuno_severe", "Is your immune system severely weakened (for example by chemotherapy or a transplant)?"),
        ],
        source: "NHS Pharmacy First shingles pathway",
        unverified: Some("the shingles red flags and the 72-hour treatment window are UNVERIFIED in Hale's clinical reference"),
    },
    Pathway {
        id: "uti",
        title: "Urinary tract infection (women 16 to 64)",
        min_age: 16,
        max_age: Some(64),
        sex: Some(Sex::Female),
        excludes_pregnancy: true,
        questions: &[
            urgent("kidney", "Do you have pain in your back or side under the ribs, shivering, a temperature of 37.9 \u{b0}C or more, or are you feeling or being sick?"),
            urgent("other", "Is there blood in your urine (without other symptoms), are you confused, or have you passed no urine all day?"),
            exclusion("catheter", "Do you have a urinary catheter?"),
            exclusion("recurrent", "Have you had 2 urine infections in the last 6 months, or 3 in the last year?"),
            IMMUNO,
            point("dysuria", "Does it burn or hurt when you pass urine?"),
            point("nocturia", "Are you getting up at night to pass urine more than usual (new)?"),
            point("cloudy", "Does your urine look cloudy?"),
        ],
        source: "NHS Pharmacy First uncomplicated UTI pathway, v1.6",
        unverified: None,
    },
];

/// The answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers<'a> {
    /// Age in years; `None` when not known (then eligibility is not guessed).
    pub age: Option<u32>,
    /// Sex recorded at birth, if given.
    pub sex: Option<Sex>,
    /// Pregnant.
    pub pregnant: bool,
    /// Ids of the questions answered yes.
    pub yes: &'a [&'a str],
}

/// The result of a pathway.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// Pathway id.
    pub pathway: &'static str,
    /// Level.
    pub level: Level,
    /// Service.
    pub service: Service,
    /// What to do, in plain words.
    pub message: String,
    /// The answers that decided it.
    pub because: Vec<&'static str>,
    /// Citation.
    pub source: &'static str,
    /// Whether the reference marks part of it UNVERIFIED.
    pub unverified: bool,
}

/// Looks a pathway up.
pub fn pathway(id: &str) -> Option<&'static Pathway> {
    PATHWAYS.iter().find(|p| p.id == id)
}

/// Evaluates a pathway's answers.
pub fn triage(p: &'static Pathway, a: &Answers<'_>) -> Outcome {
    use crate::thresholds::{FEVERPAIN_ANTIBIOTIC_AT_LEAST, FEVERPAIN_BACKUP_AT_LEAST};
    let out = |level, service, message: String, because: Vec<&'static str>| Outcome {
        pathway: p.id,
        level,
        service,
        message,
        because,
        source: p.source,
        unverified: p.unverified.is_some(),
    };
    let yes = |q: &Question| a.yes.contains(&q.id);
    // Red flags first: the most urgent answered yes.
    let mut worst: Option<(Level, Service)> = None;
    let mut because = Vec::new();
    for q in p.questions.iter().filter(|q| yes(q)) {
        if let QuestionKind::RedFlag { level, service } = q.kind {
            because.push(q.id);
            if worst.is_none_or(|(l, _)| level < l) {
                worst = Some((level, service));
            }
        }
    }
    if let Some((level, service)) = worst {
        let message = match level {
            Level::Emergency => "Call 999 or go to A&E now.",
            _ => "Get medical help today: call NHS 111 or your GP practice.",
        };
        return out(level, service, message.into(), because);
    }
    // Without an age, eligibility is unknown: never assumed (red flags above need no age).
    let Some(age) = a.age else {
        return out(
            Level::Soon,
            Service::Pharmacy,
            "Hale needs your age to tell whether a pharmacist can treat this under NHS Pharmacy First: add your date of birth, or ask a pharmacist, who will check. Contact your GP practice or NHS 111 if you feel worse.".into(),
            Vec::new(),
        );
    };
    let too_young = age < p.min_age;
    let too_old = p.max_age.is_some_and(|m| age > m);
    let wrong_sex = p.sex.is_some_and(|s| a.sex != Some(s));
    let pregnancy = a.pregnant && (p.excludes_pregnancy || age < crate::thresholds::PHARMACY_FIRST_PREGNANT_UNDER_AGE);
    if too_young || too_old || wrong_sex || pregnancy {
        return out(
            Level::Soon,
            Service::Gp,
            "This NHS Pharmacy First service is not for you, so contact your GP practice (or NHS 111 if you feel worse).".into(),
            Vec::new(),
        );
    }
    let excluded: Vec<&'static str> =
        p.questions.iter().filter(|q| yes(q) && q.kind == QuestionKind::Exclusion).map(|q| q.id).collect();
    if !excluded.is_empty() {
        return out(
            Level::Soon,
            Service::Gp,
            "A pharmacist cannot treat this under Pharmacy First: contact your GP practice in the next few days, sooner if you feel worse.".into(),
            excluded,
        );
    }
    let points: Vec<&'static str> =
        p.questions.iter().filter(|q| yes(q) && q.kind == QuestionKind::Point).map(|q| q.id).collect();
    let n = points.len();
    match p.id {
        "sore_throat" if n >= FEVERPAIN_ANTIBIOTIC_AT_LEAST as usize => out(Level::Soon, Service::Pharmacy, format!("Your FeverPAIN score is {n}. See a pharmacist: under NHS Pharmacy First they can discuss whether an antibiotic would help."), points),
        "sore_throat" if n >= FEVERPAIN_BACKUP_AT_LEAST as usize => out(Level::SelfCare, Service::SelfCare, format!("Your FeverPAIN score is {n}. It will most likely get better on its own: rest, drink plenty and use pain relief. See a pharmacist if it is no better in 3 to 5 days."), points),
        "sore_throat" => out(Level::SelfCare, Service::SelfCare, format!("Your FeverPAIN score is {n}. It will most likely get better on its own within about a week: rest, drink plenty and use pain relief."), points),
        "uti" if n == 0 => out(Level::Soon, Service::Gp, "Your symptoms do not sound like a urine infection. If they carry on, contact your GP practice.".into(), points),
        "uti" => out(Level::Soon, Service::Pharmacy, format!("{} of the 3 key symptoms: see a pharmacist today or tomorrow under NHS Pharmacy First.", n), points),
        "shingles" => out(Level::Soon, Service::Pharmacy, "See a pharmacist soon under NHS Pharmacy First: treatment works best when it starts early after the rash appears.".into(), points),
        _ => out(Level::Soon, Service::Pharmacy, "A pharmacist can assess and treat this under NHS Pharmacy First: visit a pharmacy in the next day or two.".into(), points),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(id: &str, age: u32, sex: Option<Sex>, pregnant: bool, yes: &[&str]) -> Outcome {
        let p = pathway(id).unwrap_or(&PATHWAYS[0]);
        triage(p, &Answers { age: Some(age), sex, pregnant, yes })
    }

    #[test]
    fn an_unknown_age_is_never_guessed() {
        let p = pathway("uti").unwrap_or(&PATHWAYS[0]);
        let o = triage(p, &Answers { age: None, sex: Some(Sex::Female), pregnant: false, yes: &["dysuria"] });
        assert!(o.message.starts_with("Hale needs your age"), "{}", o.message);
        assert!(o.because.is_empty());
        // Red flags still act without an age.
        let o = triage(p, &Answers { age: None, sex: None, pregnant: false, yes: &["kidney"] });
        assert_eq!(o.level, Level::Urgent);
    }

    #[test]
    fn red_flags_come_first_and_pick_the_most_urgent() {
        let o = run("sinusitis", 30, None, false, &["orbital", "intracranial", "chronic"]);
        assert_eq!((o.level, o.service), (Level::Emergency, Service::Call999));
        assert_eq!(o.because, vec!["intracranial", "orbital"]);
        assert_eq!(
            run("uti", 70, Some(Sex::Male), false, &["kidney"]).level,
            Level::Urgent,
            "red flags even when not eligible"
        );
    }

    #[test]
    fn eligibility_by_age_sex_and_pregnancy() {
        assert_eq!(run("uti", 15, Some(Sex::Female), false, &["dysuria"]).service, Service::Gp);
        assert_eq!(run("uti", 16, Some(Sex::Female), false, &["dysuria"]).service, Service::Pharmacy);
        assert_eq!(run("uti", 64, Some(Sex::Female), false, &["dysuria"]).service, Service::Pharmacy);
        assert_eq!(run("uti", 65, Some(Sex::Female), false, &["dysuria"]).service, Service::Gp);
        assert_eq!(run("uti", 30, Some(Sex::Male), false, &["dysuria"]).service, Service::Gp);
        assert_eq!(run("uti", 30, Some(Sex::Female), true, &["dysuria"]).service, Service::Gp);
        assert_eq!(run("shingles", 17, None, false, &[]).service, Service::Gp);
        assert_eq!(run("shingles", 18, None, false, &[]).service, Service::Pharmacy);
        assert_eq!(run("otitis_media", 18, None, false, &[]).service, Service::Gp);
        assert_eq!(run("sore_throat", 4, None, false, &[]).service, Service::Gp);
        assert_eq!(run("sore_throat", 15, None, true, &[]).service, Service::Gp, "pregnant under 16");
        assert_eq!(
            run("sore_throat", 16, None, true, &[]).level,
            Level::SelfCare,
            "pregnant 16 and over may use this pathway"
        );
    }

    #[test]
    fn exclusions_and_scores() {
        assert_eq!(run("impetigo", 10, None, false, &["bullous"]).service, Service::Gp);
        for (n, svc) in [
            (0, Service::SelfCare),
            (1, Service::SelfCare),
            (2, Service::SelfCare),
            (3, Service::SelfCare),
            (4, Service::Pharmacy),
            (5, Service::Pharmacy),
        ] {
            let items = ["fever", "purulence", "attend_rapidly", "inflamed", "no_cough"];
            assert_eq!(run("sore_throat", 30, None, false, &items[..n]).service, svc, "FeverPAIN {n}");
        }
        assert_eq!(run("uti", 30, Some(Sex::Female), false, &[]).service, Service::Gp);
    }

    #[test]
    fn every_pathway_cites_its_pathway() {
        for p in PATHWAYS {
            assert!(p.source.contains("Pharmacy First"), "{}", p.id);
            assert!(!p.questions.is_empty());
        }
        assert_eq!(PATHWAYS.len(), 7);
    }
}
