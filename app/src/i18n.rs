//! Every user-facing string of the app, in one catalogue ready for translation.
//!
//! `t(T::Key)` gives the English text; `tf(T::Key, &[("name", value)])` fills `{name}` holes.
//! Clinical wording (rule titles, advice) comes from `hale-core`'s tables, keyed by rule id.

macro_rules! catalogue {
    ($($key:ident => $en:expr,)*) => {
        /// A catalogue key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $(#[allow(missing_docs)] $key,)* }
        impl T {
            /// The English text.
            pub fn en(self) -> &'static str {
                match self { $(T::$key => $en,)* }
            }
        }
    };
}

catalogue! {
    AppName => "Hale",
    SkipToContent => "Skip to main content",
    UrgentHelp => "Urgent help",
    NavHome => "Home",
    NavLog => "Log",
    NavReadings => "Readings",
    NavScore => "Score",
    NavAdvice => "Advice",
    NavMore => "More",
    NavRules => "Rules",
    NavAbout => "About",
    NavMenu => "Main menu",
    FooterNotDiagnosis => "Hale gives information and self-care advice. It does not diagnose. If you are worried, contact your GP practice, NHS 111 or, in an emergency, 999.",
    FooterPrivacy => "Your data stays on this device unless you choose to share it.",
    UpdateAvailable => "Update available",
    UpdateReload => "Reload to update",
    Loading => "Loading your data…",
    StorageProblemTitle => "Hale cannot save your data on this device",
    StorageProblemBody => "Your browser is not letting Hale store data (this can happen in private browsing or when the device is full). You can still use Hale, but anything you enter will be lost when you close this tab.",
    HomeTitle => "Your health today",
    HomeEmptyTitle => "Welcome to Hale",
    HomeEmptyBody => "Hale helps you keep track of your readings, tells you what they mean for you, and when to get help. Everything you enter stays on this device.",
    HomeStart => "Log your first reading",
    HomeNoFlags => "Nothing in your recent readings needs action. Keep logging as your care team advises.",
    LatestReadings => "Latest readings",
    HomeSeeAll => "See everything you can log",
    HomeTellUs => "Tell Hale about you (optional): it unlocks more checks and your score",
    HomeNoReadings => "No readings yet: only symptoms or questionnaires so far.",
    HomeAllReadings => "See all your readings",
    DashWorkingOut => "Working out your score\u{2026}",
    DashScoreUnavailable => "Your score could not be worked out just now. It is on the score page.",
    DashOutOf100 => " out of 100",
    DashScoreMissing => "Add {n} more thing{s} to see your score. Hale never guesses a missing part.",
    DashScoreAdults => "The health score is for adults aged 20 and over.",
    DashScoreTitle => "Your health score",
    DashScoreLink => "See what makes up your score",
    DashRechecksTitle => "Rechecks due this week",
    DashNoRechecks => "Nothing due in the next 7 days.",
    DashOverdue => "Overdue: was due {date}",
    DashDue => "Due {date}",
    DashPlanLink => "See your whole recheck plan",
    DashEarlierTitle => "Earlier in the last 7 days",
    DashEarlierIntro => "These were raised by earlier entries and are no longer raised by your latest ones.",
    DashRaised => "Raised {when} ({level})",
    LogAReading => "Log a reading",
    LogTitle => "Log a reading",
    LogIntro => "Choose what you want to record.",
    LogKindTitle => "Log {kind}",
    WhenTaken => "When was it taken?",
    WhenHint => "Leave as it is if you took it just now.",
    Note => "Note (optional)",
    Save => "Save reading",
    Saved => "Reading saved",
    ErrorSummaryTitle => "There is a problem",
    SavedNothingStored => "Nothing was saved. Fix the problem and try again.",
    ReadingsTitle => "Your readings",
    ReadingsEmpty => "You have not logged any readings yet.",
    Delete => "Delete",
    DeleteReading => "Delete reading from {when}",
    Deleted => "Reading deleted",
    WhatThisMeans => "What this means",
    WhatToDo => "What to do",
    Source => "Source",
    Unverified => "Not yet checked against a primary source: needs clinical sign-off.",
    Evidence => "Based on",
    Call999 => "Call 999",
    Call111 => "Call 111",
    UrgentTitle => "Get help now",
    UrgentEmergency => "Call 999 now if someone is seriously ill or injured and their life is at risk: for example chest pain, signs of a stroke, severe difficulty breathing, a seizure, severe bleeding, or if they cannot be woken.",
    Urgent111 => "For urgent help that is not an emergency, call 111 or go to 111.nhs.uk. They can tell you where to get help today.",
    UrgentMental => "If you are thinking about ending your life or harming yourself: call 999 or go to A&E if you are in danger now. Otherwise call NHS 111 or your local NHS urgent mental health helpline, or Samaritans free on 116 123, any time.",
    UrgentMaternity => "If you are pregnant and worried about yourself or your baby, call your maternity unit or midwife now.",
    RulesTitle => "How Hale checks your readings",
    RulesIntro => "Every reading and symptom you enter is checked against these rules at once. Each rule says where its numbers come from.",
    AboutTitle => "About Hale",
    NotFoundTitle => "Page not found",
    NotFoundBody => "This page does not exist.",
    BackHome => "Go to the home page",
    LevelEmergency => "Emergency: call 999 now",
    LevelUrgent => "Get help today",
    LevelSoon => "Contact your GP practice in the next few days",
    LevelRoutine => "Raise at your next review",
    LevelSelfCare => "No action needed",
}

/// The English text of a key.
pub fn t(k: T) -> &'static str {
    k.en()
}

/// The English text with `{name}` holes filled.
pub fn tf(k: T, args: &[(&str, &str)]) -> String {
    let mut s = k.en().to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// Plain-English label for a choice value of a reading field.
pub fn choice_label(field: &str, value: &str) -> &'static str {
    match (field, value) {
        ("acvpu", "A") => "Alert",
        ("acvpu", "C") => "New confusion",
        ("acvpu", "V") => "Responds only to voice",
        ("acvpu", "P") => "Responds only to pain",
        ("acvpu", "U") => "Unresponsive",
        ("context", "fasting") => "Fasting (before breakfast, nothing to eat for 8 hours)",
        ("context", "before_meal") => "Before a meal",
        ("context", "after_meal") => "After a meal",
        ("context", "random") => "Another time",
        _ => "Other",
    }
}

/// Plain-English words for a symptom code.
pub fn symptom_label(code: hale_core::vocab::SymptomCode) -> &'static str {
    use hale_core::vocab::SymptomCode as S;
    match code {
        S::ChestPain => "Chest pain, pressure or tightness",
        S::BreathlessAtRest => "Short of breath even when resting",
        S::StrokeFace => "Face has dropped on one side",
        S::StrokeArm => "Cannot lift both arms and keep them up",
        S::StrokeSpeech => "Speech is slurred or muddled",
        S::NewConfusion => "New confusion, or not making sense",
        S::AnaphylaxisSwelling => "Swollen lips, mouth, throat or tongue",
        S::SepsisMottledSkin => "Skin, lips or tongue blue, grey, pale or blotchy",
        S::NonBlanchingRash => "A rash that does not fade when a glass is pressed on it",
        S::SevereHeadacheVision => "Sudden severe headache, or a headache with changes in vision",
        S::RelieverNotHelping => "Asthma reliever inhaler is not helping",
        S::CannotCompleteSentences => "Too breathless to finish a sentence",
        S::Vomiting => "Being sick (vomiting)",
        S::UnconsciousOrSeizure => "Unconscious, or having a fit (seizure)",
        S::SuicidalPlanOrIntent => "Planning or intending to end my life",
        S::SelfHarmSerious => "Have seriously hurt myself",
        S::DizzyFaint => "Dizzy or fainting",
        S::Headache => "Headache",
        S::Cough => "Cough",
        S::SoreThroat => "Sore throat",
        S::Fever => "Feeling hot or shivery (fever)",
        S::SwollenAnkles => "Ankles or legs more swollen than usual",
        S::Wheeze => "Wheezing",
        S::Fall => "Had a fall",
    }
}

/// Plain-English names of the Record's vocabularies (conditions, medicine classes, ethnicity).
pub fn vocab_label(value: &str) -> &'static str {
    match value {
        "asthma" => "Asthma",
        "copd" => "COPD (chronic obstructive pulmonary disease)",
        "hypercapnic_respiratory_failure" => "Told to aim for oxygen of 88 to 92 % (hypercapnic respiratory failure)",
        "type1_diabetes" => "Type 1 diabetes",
        "type2_diabetes" => "Type 2 diabetes",
        "hypertension" => "High blood pressure (diagnosed)",
        "atrial_fibrillation" => "Atrial fibrillation",
        "ckd_3_5" => "Chronic kidney disease (stage 3, 4 or 5)",
        "rheumatoid_arthritis" => "Rheumatoid arthritis",
        "sle" => "Lupus (SLE)",
        "migraine" => "Migraine",
        "severe_mental_illness" => "Severe mental illness (for example schizophrenia or bipolar disorder)",
        "erectile_dysfunction" => "Erectile dysfunction",
        "cvd" => "Heart attack, angina, stroke or TIA in the past",
        "pregnant" => "Pregnant now",
        "antihypertensive" => "Blood pressure tablets",
        "lipid_lowering" => "Statins or other cholesterol tablets",
        "atypical_antipsychotic" => "Atypical antipsychotics",
        "oral_corticosteroid" => "Steroid tablets taken regularly",
        "insulin" => "Insulin",
        "sulfonylurea" => "Sulfonylureas (for example gliclazide)",
        "sglt2_inhibitor" => "SGLT2 inhibitors (for example dapagliflozin)",
        "metformin" => "Metformin",
        "white" => "White",
        "indian" => "Indian",
        "pakistani" => "Pakistani",
        "bangladeshi" => "Bangladeshi",
        "other_asian" => "Other Asian background",
        "black_caribbean" => "Black Caribbean",
        "black_african" => "Black African",
        "chinese" => "Chinese",
        "mixed" => "Mixed background",
        "other" => "Another background",
        "not_stated" => "Prefer not to say",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_holes() {
        assert_eq!(tf(T::LogKindTitle, &[("kind", "blood pressure")]), "Log blood pressure");
    }
}
