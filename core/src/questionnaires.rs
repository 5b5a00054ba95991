//! The questionnaires as data: items, answer options, scoring, bands and the attribution their
//! licences ask for (clinical-reference §1.1 MEPA, §6 PHQ-9 and GAD-7, §7.1 FeverPAIN and Centor).

use serde::Serialize;

use crate::vocab::Instrument;

/// An answer option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerOption {
    /// Score.
    pub score: u8,
    /// Words.
    pub label: &'static str,
}

/// A band of totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    /// Lowest total in the band.
    pub from: u32,
    /// Name of the band.
    pub label: &'static str,
}

/// A questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    /// Instrument.
    pub instrument: Instrument,
    /// Name.
    pub title: &'static str,
    /// The question stem.
    pub stem: &'static str,
    /// Items, in order.
    pub items: &'static [&'static str],
    /// Answer options (the same for every item).
    pub options: &'static [AnswerOption],
    /// Bands of the total, from the lowest.
    pub bands: &'static [Band],
    /// Attribution and licence notice.
    pub attribution: &'static str,
    /// Citation.
    pub source: &'static str,
}

const FREQ: &[AnswerOption] = &[
    AnswerOption { score: 0, label: "Not at all" },
    AnswerOption { score: 1, label: "Several days" },
    AnswerOption { score: 2, label: "More than half the days" },
    AnswerOption { score: 3, label: "Nearly every day" },
];
const YES_NO: &[AnswerOption] = &[AnswerOption { score: 0, label: "No" }, AnswerOption { score: 1, label: "Yes" }];
const PFIZER: &str = "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

/// Every questionnaire.
pub const QUESTIONNAIRES: &[Questionnaire] = &[
    Questionnaire {
        instrument: Instrument::Phq9,
        title: "PHQ-9: how your mood has been",
        stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        items: &[
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the opposite \u{2014} being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ],
        options: FREQ,
        bands: &[
            Band { from: 0, label: "minimal" },
            Band { from: 5, label: "mild" },
            Band { from: 10, label: "moderate" },
            Band { from: 15, label: "moderately severe" },
            Band { from: 20, label: "severe" },
        ],
        attribution: PFIZER,
        source: "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606\u{2013}613",
    },
    Questionnaire {
        instrument: Instrument::Gad7,
        title: "GAD-7: how anxious you have felt",
        stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        items: &[
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen",
        ],
        options: FREQ,
        bands: &[
            Band { from: 0, label: "minimal" },
            Band { from: 5, label: "mild" },
            Band { from: 10, label: "moderate" },
            Band { from: 15, label: "severe" },
        ],
        attribution: PFIZER,
        source: "Spitzer RL et al. Arch Intern Med 2006;166:1092\u{2013}7",
    },
    Questionnaire {
        instrument: Instrument::Mepa,
        title: "MEPA: your usual diet",
        stem: "In a usual week, do you\u{2026}",
        items: &[
            "use olive oil as your main fat, 2 or more servings a day?",
            "eat green leafy vegetables about every day (7 or more servings a week)?",
            "eat other vegetables 2 or more times a day?",
            "eat berries 2 or more times a week?",
            "eat other fruit at least once a day?",
            "eat red meat, burgers, bacon or sausages 3 times a week or fewer?",
            "eat fish or seafood at least once a week?",
            "eat chicken 5 times a week or fewer?",
            "eat full-fat cheese or cream cheese 4 times a week or fewer?",
            "eat butter or cream 5 times a week or fewer?",
            "eat beans or pulses 3 or more times a week?",
            "eat whole grains 3 or more times a day?",
            "eat shop-bought sweets or pastries 4 times a week or fewer?",
            "eat nuts 4 or more times a week?",
            "eat a fast-food meal once a week or less?",
            "drink no alcohol, or no more than 1 drink a day (women) or 2 (men)?",
        ],
        options: YES_NO,
        bands: &[
            Band { from: 0, label: "0 to 3" },
            Band { from: 4, label: "4 to 7" },
            Band { from: 8, label: "8 to 11" },
            Band { from: 12, label: "12 to 14" },
            Band { from: 15, label: "15 to 16" },
        ],
        attribution: "Mediterranean Eating Pattern for Americans (MEPA) screener, as used by the AHA's Life's Essential 8. Hale counts not drinking as meeting the alcohol goal: the score should never reward starting to drink.",
        source: "LE8 Supplemental Appendix 1, Tables A and C",
    },
    Questionnaire {
        instrument: Instrument::Feverpain,
        title: "FeverPAIN: sore throat",
        stem: "About your sore throat:",
        items: &[
            "Have you had a fever in the past 24 hours?",
            "Is there pus on your tonsils?",
            "Did you come for help within 3 days of it starting?",
            "Are your tonsils very red and swollen?",
            "Do you have no cough and no cold symptoms (no runny or blocked nose)?",
        ],
        options: YES_NO,
        bands: &[Band { from: 0, label: "0 to 1" }, Band { from: 2, label: "2 to 3" }, Band { from: 4, label: "4 to 5" }],
        attribution: "FeverPAIN score (Little P et al., University of Southampton), as used in NICE NG84.",
        source: "NICE NG84 sore throat (acute)",
    },
    Questionnaire {
        instrument: Instrument::Centor,
        title: "Centor: sore throat",
        stem: "About your sore throat:",
        items: &[
            "Is there white or yellow pus (exudate) on your tonsils?",
            "Are the glands at the front of your neck tender or swollen?",
            "Have you had a temperature over 38 \u{b0}C?",
            "Do you have no cough?",
        ],
        options: YES_NO,
        bands: &[Band { from: 0, label: "0 to 2" }, Band { from: 3, label: "3 to 4" }],
        attribution: "Centor criteria (Centor RM et al.), as used in NICE NG84.",
        source: "NICE NG84 sore throat (acute)",
    },
];

/// The definition of an instrument.
pub fn questionnaire(i: Instrument) -> &'static Questionnaire {
    QUESTIONNAIRES.iter().find(|q| q.instrument == i).unwrap_or(&QUESTIONNAIRES[0])
}

/// The band a total falls in.
pub fn band(i: Instrument, total: u32) -> &'static str {
    questionnaire(i).bands.iter().rev().find(|b| total >= b.from).map(|b| b.label).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_match_the_record_format_shapes() {
        for q in QUESTIONNAIRES {
            let (count, max) = q.instrument.shape();
            assert_eq!(q.items.len(), count, "{}", q.title);
            assert_eq!(q.options.iter().map(|o| o.score).max(), Some(max), "{}", q.title);
        }
        assert_eq!(QUESTIONNAIRES.len(), Instrument::ALL.len());
    }

    #[test]
    fn bands_from_the_reference() {
        use Instrument::{Gad7, Phq9};
        for (t, b) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "moderately severe"),
            (19, "moderately severe"),
            (20, "severe"),
            (27, "severe"),
        ] {
            assert_eq!(band(Phq9, t), b, "PHQ-9 {t}");
        }
        for (t, b) in [
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "severe"),
            (21, "severe"),
        ] {
            assert_eq!(band(Gad7, t), b, "GAD-7 {t}");
        }
    }
}
