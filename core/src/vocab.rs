//! The Record format's vocabularies: closed enums with their JSON spellings.
//!
//! Each enum has `ALL`, `as_str` and `parse`; an unknown spelling parses to `None` and the caller
//! reports it as an issue (never mapped to a default).

use serde::{Serialize, Serializer};

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The JSON spelling.
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $s),+ } }
            /// Parses a JSON spelling; `None` when unknown.
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$var),)+ _ => None } }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.as_str()) }
        }
        // In TypeScript, the union of its spellings (`hale types` declares it under this name).
        #[cfg(feature = "ts")]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            fn name() -> String { stringify!($name).into() }
            fn decl() -> String { format!("type {} = {};", stringify!($name), Self::inline()) }
            fn decl_concrete() -> String { Self::decl() }
            fn inline() -> String { [$(concat!("\"", $s, "\"")),+].join(" | ") }
            fn inline_flattened() -> String { Self::inline() }
        }
    };
}

vocab! {
    /// Sex recorded at birth (used by the risk equations).
    Sex {
        /// Female.
        Female = "female",
        /// Male.
        Male = "male",
    }
}

vocab! {
    /// Ethnic group, as QRISK3 groups it.
    Ethnicity {
        /// White.
        White = "white",
        /// Indian.
        Indian = "indian",
        /// Pakistani.
        Pakistani = "pakistani",
        /// Bangladeshi.
        Bangladeshi = "bangladeshi",
        /// Other Asian.
        OtherAsian = "other_asian",
        /// Black Caribbean.
        BlackCaribbean = "black_caribbean",
        /// Black African.
        BlackAfrican = "black_african",
        /// Chinese.
        Chinese = "chinese",
        /// Mixed.
        Mixed = "mixed",
        /// Other.
        Other = "other",
        /// Not stated.
        NotStated = "not_stated",
    }
}

vocab! {
    /// Long-term conditions (and pregnancy) that change rules, scores and advice.
    Condition {
        /// Asthma.
        Asthma = "asthma",
        /// Chronic obstructive pulmonary disease.
        Copd = "copd",
        /// Hypercapnic respiratory failure (NEWS2 SpO2 scale 2).
        HypercapnicRespiratoryFailure = "hypercapnic_respiratory_failure",
        /// Type 1 diabetes.
        Type1Diabetes = "type1_diabetes",
        /// Type 2 diabetes.
        Type2Diabetes = "type2_diabetes",
        /// Diagnosed high blood pressure.
        Hypertension = "hypertension",
        /// Atrial fibrillation.
        AtrialFibrillation = "atrial_fibrillation",
        /// Chronic kidney disease stage 3 to 5.
        Ckd3To5 = "ckd_3_5",
        /// Rheumatoid arthritis.
        RheumatoidArthritis = "rheumatoid_arthritis",
        /// Systemic lupus erythematosus.
        Sle = "sle",
        /// Migraine.
        Migraine = "migraine",
        /// Severe mental illness.
        SevereMentalIllness = "severe_mental_illness",
        /// Erectile dysfunction (QRISK3 counts it for men only).
        ErectileDysfunction = "erectile_dysfunction",
        /// Established cardiovascular disease.
        Cvd = "cvd",
        /// Currently pregnant.
        Pregnant = "pregnant",
    }
}

vocab! {
    /// Medicine classes.
    Medication {
        /// Blood-pressure tablets (QRISK3: treated hypertension).
        Antihypertensive = "antihypertensive",
        /// Statins and other lipid-lowering medicines.
        LipidLowering = "lipid_lowering",
        /// Atypical antipsychotics.
        AtypicalAntipsychotic = "atypical_antipsychotic",
        /// Regular oral corticosteroids.
        OralCorticosteroid = "oral_corticosteroid",
        /// Insulin.
        Insulin = "insulin",
        /// Sulfonylureas (for example gliclazide).
        Sulfonylurea = "sulfonylurea",
        /// SGLT2 inhibitors (for example dapagliflozin).
        Sglt2Inhibitor = "sglt2_inhibitor",
        /// Metformin.
        Metformin = "metformin",
        /// Anticoagulants (for example apixaban or warfarin): shown on summaries; no score uses it.
        Anticoagulant = "anticoagulant",
        /// One inhaler used both every day and as the reliever (MART or AIR): the asthma-attack
        /// steps differ (one puff every 1 to 3 minutes, up to 6).
        MaintenanceAndReliever = "maintenance_and_reliever",
    }
}

vocab! {
    /// The oxygen saturation range a clinician has set for the person (an oxygen alert card, a COPD
    /// plan). It decides which SpO2 thresholds and which NEWS2 SpO2 scale apply.
    OxygenTarget {
        /// 88 to 92 %: people at risk of hypercapnic respiratory failure (NEWS2 scale 2).
        From88To92 = "88_92",
        /// 94 to 98 %: the usual range.
        From94To98 = "94_98",
    }
}

impl OxygenTarget {
    /// The range, low and high, in % (from `thresholds`).
    pub fn range(self) -> (f64, f64) {
        match self {
            OxygenTarget::From88To92 => crate::thresholds::OXYGEN_TARGET_HYPERCAPNIC_PERCENT,
            OxygenTarget::From94To98 => crate::thresholds::OXYGEN_TARGET_USUAL_PERCENT,
        }
    }

    /// The target whose range is exactly `low` to `high` %, if any.
    pub fn from_range(low: f64, high: f64) -> Option<OxygenTarget> {
        [OxygenTarget::From88To92, OxygenTarget::From94To98].into_iter().find(|t| t.range() == (low, high))
    }
}

vocab! {
    /// A care-plan contact's role.
    ContactRole {
        /// Looks after the person (paid or unpaid).
        Carer = "carer",
        /// Next of kin.
        NextOfKin = "next_of_kin",
        /// The person's GP practice.
        GpPractice = "gp_practice",
        /// Anyone else.
        Other = "other",
    }
}

vocab! {
    /// Smoking status.
    SmokingStatus {
        /// Never smoked.
        Never = "never",
        /// Used to smoke.
        Former = "former",
        /// Smokes now.
        Current = "current",
    }
}

vocab! {
    /// ACVPU level of consciousness.
    Acvpu {
        /// Alert.
        A = "A",
        /// New confusion.
        C = "C",
        /// Responds to voice only.
        V = "V",
        /// Responds to pain only.
        P = "P",
        /// Unresponsive.
        U = "U",
    }
}

vocab! {
    /// When a glucose reading was taken.
    GlucoseContext {
        /// Fasting (before breakfast, nothing to eat for 8 hours).
        Fasting = "fasting",
        /// Before a meal.
        BeforeMeal = "before_meal",
        /// After a meal.
        AfterMeal = "after_meal",
        /// Any other time.
        Random = "random",
    }
}

vocab! {
    /// Observation kinds of the Record format.
    ObsKind {
        /// Blood pressure.
        BloodPressure = "blood_pressure",
        /// Pulse.
        HeartRate = "heart_rate",
        /// Oxygen saturation.
        Spo2 = "spo2",
        /// Breathing rate.
        RespiratoryRate = "respiratory_rate",
        /// Body temperature.
        Temperature = "temperature",
        /// Level of consciousness (ACVPU).
        Consciousness = "consciousness",
        /// Body weight.
        Weight = "weight",
        /// Waist circumference.
        Waist = "waist",
        /// Blood glucose.
        Glucose = "glucose",
        /// HbA1c.
        Hba1c = "hba1c",
        /// Cholesterol (total and HDL).
        Cholesterol = "cholesterol",
        /// Peak expiratory flow.
        PeakFlow = "peak_flow",
        /// Blood ketones.
        Ketones = "ketones",
        /// Steps in a day.
        Steps = "steps",
        /// Hours of sleep.
        Sleep = "sleep",
        /// Physical activity per week.
        Activity = "activity",
        /// Alcohol per week.
        Alcohol = "alcohol",
    }
}

vocab! {
    /// Symptom codes. New codes are added at the end (shared summaries encode a code by its
    /// position). `headache`, `cough`, `sore_throat`, `fever`, `swollen_ankles`, `wheeze` and
    /// `fall` are recorded and shown but raise no flag of their own; every other code is named by a
    /// rule.
    SymptomCode {
        /// Chest pain.
        ChestPain = "chest_pain",
        /// Breathless at rest.
        BreathlessAtRest = "breathless_at_rest",
        /// Stroke sign: face dropped on one side.
        StrokeFace = "stroke_face",
        /// Stroke sign: cannot lift both arms.
        StrokeArm = "stroke_arm",
        /// Stroke sign: slurred or strange speech.
        StrokeSpeech = "stroke_speech",
        /// New confusion.
        NewConfusion = "new_confusion",
        /// Swollen lips, mouth, throat or tongue (anaphylaxis).
        AnaphylaxisSwelling = "anaphylaxis_swelling",
        /// Mottled, blue, grey or pale skin (sepsis).
        SepsisMottledSkin = "sepsis_mottled_skin",
        /// A rash that does not fade under a glass.
        NonBlanchingRash = "non_blanching_rash",
        /// A severe headache with blurred or double vision.
        SevereHeadacheVision = "severe_headache_vision",
        /// Asthma reliever inhaler not helping.
        RelieverNotHelping = "reliever_not_helping",
        /// Too breathless to finish sentences.
        CannotCompleteSentences = "cannot_complete_sentences",
        /// Vomiting.
        Vomiting = "vomiting",
        /// Unconscious or having a seizure.
        UnconsciousOrSeizure = "unconscious_or_seizure",
        /// A plan or intent to end one's life.
        SuicidalPlanOrIntent = "suicidal_plan_or_intent",
        /// Serious self-harm.
        SelfHarmSerious = "self_harm_serious",
        /// Dizzy or fainting.
        DizzyFaint = "dizzy_faint",
        /// Headache.
        Headache = "headache",
        /// Cough.
        Cough = "cough",
        /// Sore throat.
        SoreThroat = "sore_throat",
        /// Feeling hot or shivery.
        Fever = "fever",
        /// Ankles or legs more swollen than usual.
        SwollenAnkles = "swollen_ankles",
        /// Wheezing.
        Wheeze = "wheeze",
        /// A fall.
        Fall = "fall",
        /// A headache that came on suddenly and is extremely painful (with or without changes in vision).
        ThunderclapHeadache = "thunderclap_headache",
        /// Very pale, blue or grey lips or skin.
        BlueLipsOrSkin = "blue_lips_or_skin",
        /// Coughing up blood.
        CoughingBlood = "coughing_blood",
        /// Pain or swelling in one leg.
        OneLegPainSwelling = "one_leg_pain_swelling",
        /// Palpitations: a heartbeat that feels fast, strong or irregular.
        Palpitations = "palpitations",
        /// Severe pain just below the ribs (a sign of pre-eclampsia in pregnancy).
        SeverePainBelowRibs = "severe_pain_below_ribs",
        /// Sudden swelling of the face, hands or feet (a sign of pre-eclampsia in pregnancy).
        SuddenSwellingFaceHandsFeet = "sudden_swelling_face_hands_feet",
    }
}

vocab! {
    /// Questionnaire instruments.
    Instrument {
        /// PHQ-9 depression questionnaire (9 items 0-3).
        Phq9 = "phq9",
        /// GAD-7 anxiety questionnaire (7 items 0-3).
        Gad7 = "gad7",
        /// MEPA diet screener (16 items 0/1).
        Mepa = "mepa",
        /// FeverPAIN sore-throat score (5 items 0/1).
        Feverpain = "feverpain",
        /// Centor sore-throat score (4 items 0/1).
        Centor = "centor",
    }
}

impl Instrument {
    /// Number of items and the highest score an item may have.
    pub fn shape(self) -> (usize, u8) {
        match self {
            Instrument::Phq9 => (9, 3),
            Instrument::Gad7 => (7, 3),
            Instrument::Mepa => (16, 1),
            Instrument::Feverpain => (5, 1),
            Instrument::Centor => (4, 1),
        }
    }
}
