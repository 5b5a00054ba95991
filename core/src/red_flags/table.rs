//! The rules table: every rule as data (id, level, service, the condition in plain words, typed
//! triggers with explicit bounds, the patient's words, the primary source and the sections of the
//! clinical reference behind it), and the symptom lists and thresholds the app shows beside them.
//! `super` evaluates it.

use super::*;
use crate::thresholds::{HYPO_BELOW_MMOL_L, HYPO_LEVEL2_BELOW_MMOL_L};

const fn with(c: &'static [Condition]) -> When {
    When { with_any: c, ..ALWAYS }
}
const fn without(c: &'static [Condition]) -> When {
    When { without: c, ..ALWAYS }
}

const fn t(input: Input, test: Test) -> Trigger {
    Trigger { input, test, when: ALWAYS, band: 0 }
}
const fn tw(input: Input, test: Test, when: When) -> Trigger {
    Trigger { input, test, when, band: 0 }
}
const fn sym(code: SymptomCode) -> Trigger {
    t(Input::Symptom(code), Test::Present)
}

use Input as I;
use SymptomCode as S;
use Test::{Above, AtLeast, AtMost, Below, Present};

const DIABETES: &[Condition] = &[Condition::Type1Diabetes, Condition::Type2Diabetes];
const PREG: &[Condition] = &[Condition::Pregnant];
const HTN: &[Condition] = &[Condition::Hypertension];
const ASTHMA: &[Condition] = &[Condition::Asthma];
const MART: &[Medication] = &[Medication::MaintenanceAndReliever];
/// Symptoms that, with a reading of 180/120 or more, raise `bp.severe.symptomatic`.
pub const BP_SEVERE_SYMPTOMS: &[SymptomCode] = &[
    S::ChestPain,
    S::BreathlessAtRest,
    S::NewConfusion,
    S::SevereHeadacheVision,
    S::ThunderclapHeadache,
    S::StrokeFace,
    S::StrokeArm,
    S::StrokeSpeech,
];

/// Symptoms that raise `symptoms.emergency` (call 999).
pub const EMERGENCY_SYMPTOMS: &[SymptomCode] = &[
    S::ChestPain,
    S::StrokeFace,
    S::StrokeArm,
    S::StrokeSpeech,
    S::AnaphylaxisSwelling,
    S::SepsisMottledSkin,
    S::NonBlanchingRash,
    S::NewConfusion,
    S::CannotCompleteSentences,
    S::RelieverNotHelping,
    S::UnconsciousOrSeizure,
    S::SuicidalPlanOrIntent,
    S::SelfHarmSerious,
    S::ThunderclapHeadache,
    S::BlueLipsOrSkin,
];

/// Symptoms that raise `symptoms.urgent` (NHS 111 or a same-day GP appointment).
pub const URGENT_SYMPTOMS: &[SymptomCode] =
    &[S::BreathlessAtRest, S::SevereHeadacheVision, S::CoughingBlood, S::OneLegPainSwelling, S::Palpitations];

/// Signs of pre-eclampsia that raise `pregnancy.symptoms` for a pregnant person.
pub const PREGNANCY_SYMPTOMS: &[SymptomCode] =
    &[S::SevereHeadacheVision, S::SeverePainBelowRibs, S::SuddenSwellingFaceHandsFeet];

const fn usual_o2() -> When {
    When { oxygen: Oxygen::UsualTarget, ..ALWAYS }
}
const fn low_o2() -> When {
    When { oxygen: Oxygen::LowTarget, ..ALWAYS }
}
/// Asthma, with or without a maintenance-and-reliever inhaler (the attack steps differ).
const fn asthma_reliever() -> When {
    When { with_any: ASTHMA, takes_none: MART, ..ALWAYS }
}
const fn asthma_mart() -> When {
    When { with_any: ASTHMA, takes_any: MART, ..ALWAYS }
}

/// Peak flow at or below this % of best: the asthma-attack steps (BTS/SIGN 158 acute severe 33–50 %).
pub const PEF_ATTACK_AT_MOST: f64 = 50.0;

/// The asthma-attack steps with a separate reliever inhaler (Asthma + Lung UK; NHS.UK).
const ATTACK_STEPS_RELIEVER: &str = "This is an asthma attack. Sit up straight and try to keep calm. Take one puff of your reliever inhaler every 30 to 60 seconds, up to 10 puffs.";
/// The same with a maintenance-and-reliever (MART or AIR) inhaler (NHS.UK).
const ATTACK_STEPS_MART: &str = "This is an asthma attack. Sit up straight and try to keep calm. Take one puff of your maintenance and reliever inhaler every 1 to 3 minutes, up to 6 puffs.";
const ATTACK_999_RELIEVER: &str =
    "Call 999 if you do not feel better after 10 puffs, if you feel worse at any point, or if you are worried.";
const ATTACK_999_MART: &str =
    "Call 999 if you do not feel better after 6 puffs, if you feel worse at any point, or if you are worried.";

/// Words only the rules page, the CLI and the docs show (when a rule fires, its unverified note, its
/// reference sections): without the `full-text` feature (the app's first-load bundle) they are empty.
#[cfg(feature = "full-text")]
macro_rules! rule_text {
    ($s:expr) => {
        $s
    };
}
#[cfg(not(feature = "full-text"))]
macro_rules! rule_text {
    ($s:expr) => {
        ""
    };
}

/// What to do for a glucose of `mmol_l` when it is a hypo: the words of the table's note for the
/// lowest glucose limit it is under (so a question about units can show the treatment at once).
pub fn hypo_words(mmol_l: f64) -> Option<&'static str> {
    RULES
        .iter()
        .flat_map(|r| r.notes)
        .filter_map(|n| {
            n.any.iter().find_map(|tr| match (tr.input, tr.test) {
                (Input::Glucose, Test::Below(limit)) if mmol_l < limit => Some((limit, n.text)),
                _ => None,
            })
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, text)| text)
}

/// The rules, in table order (the order of the policy table; ties in output follow it).
pub const RULES: &[Rule] = &[
    Rule {
        id: "bp.pregnancy",
        level: Level::Urgent,
        service: Service::Maternity,
        condition: rule_text!("pregnant, and the blood-pressure reading judged has systolic \u{2265}{0} or diastolic \u{2265}{1} (at \u{2265}160/110, or with a severe headache with vision changes: call the maternity unit now)"),
        title: "High blood pressure in pregnancy",
        message: "Your blood pressure is {0}/{1} or higher while you are pregnant. Your maternity team needs to check you today.",
        actions: &[
            "Contact your maternity unit or midwife today.",
            "Call your maternity unit straight away if you get a severe headache, problems with your vision, pain just below your ribs, or sudden swelling of your face, hands or feet.",
        ],
        source: "NICE NG133 (2019, updated 2023) and QS35 statement 4: hypertension in pregnancy \u{2265}140/90, severe \u{2265}160/110",
        reference: rule_text!("\u{a7}8a"),
        unverified: Some(rule_text!("NICE does not say \"same-day\": the same-day wording is Hale's and UNVERIFIED")),
        scope: Scope::Adults,
        triggers: &[tw(I::Systolic, AtLeast(140.0), with(PREG)), tw(I::Diastolic, AtLeast(90.0), with(PREG))],
        unless: &[],
        needs_no_news2: false,
        notes: &[Note {
            any: &[t(I::Systolic, AtLeast(160.0)), t(I::Diastolic, AtLeast(110.0)), sym(S::SevereHeadacheVision)],
            text: "Call your maternity unit now: your blood pressure is 160/110 or higher, or you have a severe headache or changes in your vision.",
        }],
    },
    Rule {
        id: "pregnancy.symptoms",
        level: Level::Urgent,
        service: Service::Maternity,
        condition: rule_text!("pregnant, and a symptom entered in the last 24 h: a severe headache or blurred or flashing vision, severe pain just below the ribs, or sudden swelling of the face, hands or feet (signs of pre-eclampsia)"),
        title: "Signs of pre-eclampsia",
        message: "A severe headache, changes in your vision, severe pain just below your ribs or sudden swelling of your face, hands or feet can be signs of pre-eclampsia, which needs checking straight away when you are pregnant.",
        actions: &[
            "Contact your maternity unit or midwife now.",
            "If you cannot reach them, call NHS 111.",
            "Call 999 if you have a fit (seizure), chest pain, or are very short of breath.",
        ],
        source: "NICE NG133 (2019, updated 2023) 1.1.1: symptoms of pre-eclampsia, see a healthcare professional immediately",
        reference: rule_text!("\u{a7}8a"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            tw(I::Symptom(S::SevereHeadacheVision), Present, with(PREG)),
            tw(I::Symptom(S::SeverePainBelowRibs), Present, with(PREG)),
            tw(I::Symptom(S::SuddenSwellingFaceHandsFeet), Present, with(PREG)),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "symptoms.emergency",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("a symptom entered in the last 24 h: chest pain, a stroke sign (face, arm, speech), swelling of lips, mouth or throat, mottled skin, a rash that does not fade, new confusion, too breathless to complete sentences, reliever not helping, unconscious or a seizure, a plan or intent to end one's life, serious self-harm, a sudden extremely painful headache, or very pale, blue or grey lips or skin (each still counts for 24 h after it passes, except chest pain, which once passed needs checking the same day instead)"),
        title: "Call 999 now",
        message: "You have a symptom that needs emergency help now.",
        actions: &[
            "Call 999 now.",
            "Do not drive yourself to hospital.",
            "If you can, unlock the door and keep your medicines and phone with you.",
        ],
        source: "NHS.UK emergency advice: heart attack, stroke (FAST), sepsis (NICE NG253, 2025), anaphylaxis, suicidal thoughts and self-harm, \"Headaches\" (a sudden, extremely painful headache) and \"Shortness of breath\" (blue or grey lips or skin); asthma attack (Asthma + Lung UK; BTS/SIGN 158, 2019)",
        reference: rule_text!("\u{a7}8, \u{a7}8a"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            sym(S::ChestPain),
            sym(S::StrokeFace),
            sym(S::StrokeArm),
            sym(S::StrokeSpeech),
            sym(S::AnaphylaxisSwelling),
            sym(S::SepsisMottledSkin),
            sym(S::NonBlanchingRash),
            sym(S::NewConfusion),
            sym(S::CannotCompleteSentences),
            sym(S::RelieverNotHelping),
            sym(S::UnconsciousOrSeizure),
            sym(S::SuicidalPlanOrIntent),
            sym(S::SelfHarmSerious),
            sym(S::ThunderclapHeadache),
            sym(S::BlueLipsOrSkin),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[
            Note {
                any: &[sym(S::StrokeFace), sym(S::StrokeArm), sym(S::StrokeSpeech)],
                text: "Stroke signs need 999 even if they have passed. Note the time they started.",
            },
            Note {
                any: &[sym(S::AnaphylaxisSwelling)],
                text: "Use your adrenaline auto-injector if you have one, then call 999. Lie down with your legs raised (sit up if it is hard to breathe). If you are no better after 5 minutes, use a second one.",
            },
            Note {
                any: &[sym(S::ChestPain)],
                text: "Sit down and rest while you wait for the ambulance.",
            },
            Note {
                any: &[sym(S::ThunderclapHeadache)],
                text: "A headache that comes on suddenly and is extremely painful needs checking in hospital straight away, even if it starts to ease.",
            },
            Note {
                any: &[sym(S::RelieverNotHelping), sym(S::CannotCompleteSentences)],
                text: "Sit up straight and keep taking your reliever inhaler as your asthma action plan says while you wait.",
            },
            Note {
                any: &[sym(S::SuicidalPlanOrIntent), sym(S::SelfHarmSerious)],
                text: "If you can, ask someone to stay with you. You can also go straight to A&E.",
            },
        ],
    },
    Rule {
        id: "symptoms.urgent",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("a symptom entered in the last 24 h: breathless at rest, a severe headache with blurred or double vision, coughing up blood, pain or swelling in one leg, or palpitations; or chest pain that has passed"),
        title: "Get medical help today",
        message: "You have a symptom that needs to be checked today.",
        actions: &[
            "Call NHS 111 or go to 111.nhs.uk, or get a same-day appointment with your GP practice.",
            "Call 999 if it gets worse, you are so breathless you cannot finish a sentence, or you get chest pain.",
        ],
        source: "NHS.UK \"Shortness of breath\" and \"Headaches\" (see a GP urgently or call 111); chest pain that has passed (NHS.UK, BHF)",
        reference: rule_text!("\u{a7}8, \u{a7}8a"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            sym(S::BreathlessAtRest),
            sym(S::SevereHeadacheVision),
            sym(S::CoughingBlood),
            sym(S::OneLegPainSwelling),
            sym(S::Palpitations),
            t(I::SymptomPassed(S::ChestPain), Present),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[Note {
            any: &[t(I::SymptomPassed(S::ChestPain), Present)],
            text: "Chest pain that has passed still needs checking today, even if you feel well now. If it comes back, call 999.",
        }],
    },
    Rule {
        id: "bp.severe.symptomatic",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("the blood-pressure reading judged has systolic \u{2265}{0} or diastolic \u{2265}{1}, with chest pain, breathlessness at rest, new confusion, a severe headache with vision changes, a sudden extremely painful headache, or a stroke sign"),
        title: "Very high blood pressure with serious symptoms",
        message: "Your blood pressure is {0}/{1} or higher and you have symptoms that can mean damage to your heart, brain or eyes.",
        actions: &["Call 999 now.", "Sit down and rest while you wait."],
        source: "NICE NG136 (2019, updated 2023) 1.5: same-day referral for \u{2265}180/120 with life-threatening symptoms; NHS patient advice for a single home reading",
        reference: rule_text!("\u{a7}3.4"),
        unverified: Some(rule_text!("no national NHS rule exists for a single home reading \u{2265}180/120: Hale's advice is UNVERIFIED and needs clinical sign-off")),
        scope: Scope::Adults,
        triggers: &[
            tw(I::Systolic, AtLeast(180.0), When { with_symptom: BP_SEVERE_SYMPTOMS, ..ALWAYS }),
            tw(I::Diastolic, AtLeast(120.0), When { with_symptom: BP_SEVERE_SYMPTOMS, ..ALWAYS }),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "bp.severe",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("the blood-pressure reading judged has systolic \u{2265}{0} or diastolic \u{2265}{1} (advise a repeat reading after 5 minutes)"),
        title: "Very high blood pressure reading",
        message: "Your blood pressure reading is {0}/{1} or higher. This is very high and needs advice today.",
        actions: &[
            "Sit quietly for 5 minutes, then measure again.",
            "If it is still 180/120 or higher, get advice today: call NHS 111 or your GP practice.",
            "Call 999 if you get chest pain, breathlessness, confusion, a severe or sudden headache, changes in your vision, or signs of a stroke.",
        ],
        source: "NICE NG136 (2019, updated 2023) 1.5: severe hypertension \u{2265}180/120; NHS patient advice to repeat after 5 minutes",
        reference: rule_text!("\u{a7}3.1, \u{a7}3.4"),
        unverified: Some(rule_text!("no national NHS rule exists for a single home reading \u{2265}180/120: Hale's advice is UNVERIFIED and needs clinical sign-off")),
        scope: Scope::Adults,
        triggers: &[t(I::Systolic, AtLeast(180.0)), t(I::Diastolic, AtLeast(120.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "bp.home.stage2",
        level: Level::Soon,
        service: Service::Gp,
        condition: rule_text!("home average systolic \u{2265}{0} or diastolic \u{2265}{1}, and hypertension not among the conditions"),
        title: "Home blood pressure average is high",
        message: "Your home blood pressure average is {0}/{1} or higher. NICE calls this stage 2 high blood pressure, which needs to be seen by your GP practice.",
        actions: &[
            "Contact your GP practice in the next few days and tell them your home average.",
            "Keep taking home readings: 2 seated readings a minute apart, morning and evening.",
        ],
        source: "NICE NG136 (2019, updated 2023) 1.2: stage 2 hypertension, home average \u{2265}150/95",
        reference: rule_text!("\u{a7}3.1"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[tw(I::HomeSystolic, AtLeast(150.0), without(HTN)), tw(I::HomeDiastolic, AtLeast(95.0), without(HTN))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "bp.home.high",
        level: Level::Routine,
        service: Service::Gp,
        condition: rule_text!("no stage 2 flag (a home average of 150/95 or more without hypertension), and: without hypertension, home average systolic \u{2265}{0} or diastolic \u{2265}{1}; with hypertension, home average at or above the target (age under {2@} or unknown: {2}/{4}; {3@} or over: {3}/{4})"),
        title: "Home blood pressure average is above target",
        message: "Your home blood pressure average is at or above the level NICE uses for home readings ({2}/{4}, or {3}/{4} if you are {3@} or over and treated for high blood pressure).",
        actions: &[
            "Raise it at your next GP or pharmacy review, or book a review if you have none planned.",
            "See your advice page for steps that lower blood pressure.",
        ],
        source: "NICE NG136 (2019, updated 2023) 1.2 (stage 1: home average \u{2265}135/85) and 1.4.22 (home targets: under 80, below 135/85; 80 or over, below 145/85)",
        reference: rule_text!("\u{a7}3.1, \u{a7}3.3"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[
            tw(I::HomeSystolic, AtLeast(135.0), without(HTN)),
            tw(I::HomeDiastolic, AtLeast(85.0), without(HTN)),
            tw(I::HomeSystolic, AtLeast(135.0), When { with_any: HTN, age: AgeWhen::UnderOrUnknown(80), ..ALWAYS }),
            tw(I::HomeSystolic, AtLeast(145.0), When { with_any: HTN, age: AgeWhen::AtLeast(80), ..ALWAYS }),
            tw(I::HomeDiastolic, AtLeast(85.0), with(HTN)),
        ],
        unless: &["bp.home.stage2"],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "bp.low.symptomatic",
        level: Level::Soon,
        service: Service::Gp,
        condition: rule_text!("the blood-pressure reading judged has systolic <{0}, with symptom dizzy or faint"),
        title: "Low blood pressure with dizziness",
        message: "Your top blood pressure number is below {0} and you feel dizzy or faint.",
        actions: &[
            "Sit or lie down until you feel better, and stand up slowly.",
            "Contact your GP practice in the next few days, sooner if it keeps happening.",
            "Call 999 if you faint and cannot be woken, or have chest pain.",
        ],
        source: "NHS.UK low blood pressure: below 90/60; see a GP if dizziness or fainting keep happening",
        reference: rule_text!("\u{a7}3.4"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[tw(I::Systolic, Below(90.0), When { with_symptom: &[S::DizzyFaint], ..ALWAYS })],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "spo2.low",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("the SpO\u{2082} reading judged is \u{2264}{0} % (with an oxygen target of 88\u{2013}92 %, set by the care team or because of hypercapnic respiratory failure: \u{2264}{1} %), on air or on oxygen"),
        title: "Very low oxygen level",
        message: "Your oxygen level is dangerously low.",
        actions: &[
            "Call 999 now.",
            "Do not wait to check it again before calling.",
        ],
        source: "BTS/SIGN 158 (2019) life-threatening asthma: SpO\u{2082} <92 %; NICE NG253 (2025) adult sepsis (SpO\u{2082} >92 % target, read from NG51); 88\u{2013}92 % target: BTS oxygen guideline (2017, Thorax Table 3) and RCP NEWS2 (2017) SpO\u{2082} scale 2",
        reference: rule_text!("\u{a7}2.1, \u{a7}4.1, \u{a7}8, \u{a7}8a"),
        unverified: Some(rule_text!("the sepsis SpO\u{2082} number comes from NICE NG51; NICE NG253's own thresholds are UNVERIFIED")),
        scope: Scope::All,
        triggers: &[tw(I::Spo2, AtMost(92.0), usual_o2()), tw(I::Spo2, AtMost(83.0), low_o2())],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "spo2.borderline",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("the SpO\u{2082} reading judged is {0}\u{2013}{1} % (with an oxygen target of 88\u{2013}92 %: {2}\u{2013}{3} %)"),
        title: "Low oxygen level",
        message: "Your oxygen level is lower than it should be.",
        actions: &[
            "Get advice today: call NHS 111 or your GP practice.",
            "Rest for a few minutes with a warm hand, then measure again.",
            "Call 999 if you get more breathless, your lips or skin look blue or grey, or you feel confused.",
        ],
        source: "RCP NEWS2 (2017) Chart 1: SpO\u{2082} scale 1 (93 scores 2, 94 scores 1) and scale 2 (84\u{2013}87 score 1 or 2); scale 2 only with a prescribed 88\u{2013}92 % target (BTS oxygen guideline, 2017)",
        reference: rule_text!("\u{a7}2.1, \u{a7}8a"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            tw(I::Spo2, AtLeast(93.0), usual_o2()),
            tw(I::Spo2, AtMost(94.0), usual_o2()),
            tw(I::Spo2, AtLeast(84.0), low_o2()),
            tw(I::Spo2, AtMost(87.0), low_o2()),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "vital.consciousness",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("the consciousness reading judged is not Alert (new confusion, responds only to voice or pain, unresponsive), or the respiratory rate judged is \u{2264}{1}"),
        title: "Not fully alert, or breathing very slowly",
        message: "New confusion, responding only to voice or pain, being unresponsive, or breathing {1} times a minute or fewer needs emergency help.",
        actions: &[
            "Call 999 now.",
            "If the person is unresponsive but breathing, lay them on their side in the recovery position.",
        ],
        source: "RCP NEWS2 (2017) Chart 1: ACVPU C, V, P or U scores 3; respiration rate \u{2264}8 scores 3",
        reference: rule_text!("\u{a7}2.1"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[t(I::NotAlert, Present), t(I::RespiratoryRate, AtMost(8.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "news2.high",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("NEWS2 total \u{2265}{0}"),
        title: "Your vital signs show you may be seriously ill",
        message: "Together, your breathing rate, oxygen level, blood pressure, pulse, alertness and temperature give a NEWS2 score of {0} or more. This needs emergency assessment.",
        actions: &["Call 999 now."],
        source: "RCP NEWS2 (2017) Chart 4: aggregate \u{2265}7, emergency response threshold",
        reference: rule_text!("\u{a7}2.2"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[t(I::News2Total, AtLeast(7.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "news2.medium",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("NEWS2 total {0}\u{2013}{1}, or a single NEWS2 parameter scoring 3"),
        title: "Your vital signs need an urgent check",
        message: "Together, your vital signs give a NEWS2 score of {0} or {1}, or one of them is far from normal. This needs an urgent check today.",
        actions: &[
            "Get urgent advice now: call NHS 111 or your GP practice.",
            "Think sepsis: call 999 if you feel very unwell, confused, or your skin is mottled, blue or grey.",
        ],
        source: "RCP NEWS2 (2017) Chart 4: aggregate 5\u{2013}6 (urgent response threshold) and a single red score of 3",
        reference: rule_text!("\u{a7}2.2"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[
            t(I::News2Total, AtLeast(5.0)),
            t(I::News2Total, AtMost(6.0)),
            t(I::News2RedScore, Present),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "vital.single_red",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("no NEWS2 score (no full set, or NEWS2 not applicable), and the reading judged shows a respiratory rate \u{2265}{0}, a pulse \u{2264}{1} or \u{2265}{2}, or a temperature \u{2264}{3-} \u{b0}C"),
        title: "A vital sign is far from normal",
        message: "One of your readings is far from the normal range: breathing {0} or more times a minute, a pulse of {1} or lower or {2} or higher, or a temperature of {3-} \u{b0}C or lower.",
        actions: &[
            "Measure it again carefully.",
            "Get advice today: call NHS 111 or your GP practice.",
            "Call 999 if you feel very unwell.",
        ],
        source: "RCP NEWS2 (2017) Chart 1: single-parameter red scores",
        reference: rule_text!("\u{a7}2.1"),
        unverified: None,
        scope: Scope::Adults,
        triggers: &[
            t(I::RespiratoryRate, AtLeast(25.0)),
            t(I::Pulse, AtMost(40.0)),
            t(I::Pulse, AtLeast(131.0)).or_band(1),
            t(I::Temperature, Below(35.1)),
        ],
        unless: &[],
        needs_no_news2: true,
        notes: &[],
    },
    Rule {
        id: "asthma.pef.life_threatening",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("asthma, and the peak flow judged is <{0} % of best (or of predicted when no best is recorded)"),
        title: "Peak flow shows a life-threatening asthma attack",
        message: "Your peak flow is less than a third of your best. This is a life-threatening asthma attack.",
        actions: &["Call 999 now.", "Do not wait to see if it gets better."],
        source: "BTS/SIGN 158 (2019, retained 2024) acute asthma, life-threatening: PEF <33 % of best or predicted; asthma-attack steps (Asthma + Lung UK; NHS.UK)",
        reference: rule_text!("\u{a7}4.1, \u{a7}8a, \u{a7}13"),
        unverified: None,
        scope: Scope::All,
        triggers: &[tw(I::PeakFlowPercent, Below(33.0), with(ASTHMA))],
        unless: &[],
        needs_no_news2: false,
        notes: &[
            Note {
                any: &[tw(I::PeakFlowPercent, Below(33.0), asthma_reliever())],
                text: "While you wait, sit up straight and take one puff of your reliever inhaler every 30 to 60 seconds, up to 10 puffs.",
            },
            Note {
                any: &[tw(I::PeakFlowPercent, Below(33.0), asthma_mart())],
                text: "While you wait, sit up straight and take one puff of your maintenance and reliever inhaler every 1 to 3 minutes, up to 6 puffs.",
            },
        ],
    },
    Rule {
        id: "asthma.pef.severe",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("asthma, and the peak flow judged is {0} % to below {1} % of best (at or below 50 %: the asthma-attack steps, with 999 if not better, worse at any point, or worried; above 50 %: the asthma is getting worse, start the rescue steroids the action plan gives and get same-day advice)"),
        title: "Your asthma needs help today",
        message: "Your peak flow is below {1} % of your best.",
        actions: &["Even if you feel better, see a GP or call NHS 111 today."],
        source: "BTS/SIGN 158 (2019, retained 2024) acute severe asthma: PEF 33\u{2013}50 %; action point PEF <60 % of best, oral steroids and seek advice (ERS Breathe 2015;11(2):98 Table 2); asthma-attack steps (Asthma + Lung UK; NHS.UK)",
        reference: rule_text!("\u{a7}4.1, \u{a7}4.2, \u{a7}8a, \u{a7}13"),
        unverified: None,
        scope: Scope::All,
        triggers: &[tw(I::PeakFlowPercent, AtLeast(33.0), with(ASTHMA)), tw(I::PeakFlowPercent, Below(60.0), with(ASTHMA))],
        unless: &[],
        needs_no_news2: false,
        notes: &[
            Note { any: &[tw(I::PeakFlowPercent, AtMost(PEF_ATTACK_AT_MOST), asthma_reliever())], text: ATTACK_STEPS_RELIEVER },
            Note { any: &[tw(I::PeakFlowPercent, AtMost(PEF_ATTACK_AT_MOST), asthma_reliever())], text: ATTACK_999_RELIEVER },
            Note { any: &[tw(I::PeakFlowPercent, AtMost(PEF_ATTACK_AT_MOST), asthma_mart())], text: ATTACK_STEPS_MART },
            Note { any: &[tw(I::PeakFlowPercent, AtMost(PEF_ATTACK_AT_MOST), asthma_mart())], text: ATTACK_999_MART },
            Note {
                any: &[tw(I::PeakFlowPercent, Above(PEF_ATTACK_AT_MOST), with(ASTHMA))],
                text: "Your asthma is getting worse. Take your reliever inhaler, and start the rescue steroid tablets your asthma action plan gives, if you have them.",
            },
            Note {
                any: &[tw(I::PeakFlowPercent, Above(PEF_ATTACK_AT_MOST), with(ASTHMA))],
                text: "Call 999 if your reliever is not helping, or you are too breathless to speak, eat or sleep.",
            },
        ],
    },
    Rule {
        id: "asthma.pef.moderate",
        level: Level::Soon,
        service: Service::Gp,
        condition: rule_text!("asthma, and the peak flow judged is {0} % to below {1} % of best"),
        title: "Your asthma is getting worse",
        message: "Your peak flow is between {0} % and {1} % of your best.",
        actions: &[
            "Follow the \"getting worse\" part of your asthma action plan.",
            "Contact your GP practice or asthma nurse in the next few days; within 24 hours if you keep getting worse.",
            "Call 999 if your reliever is not helping.",
        ],
        source: "Asthma action-plan convention: PEF <80 % of best, getting worse (ERS Breathe 2015;11(2):98 Table 2; Asthma + Lung UK example plans)",
        reference: rule_text!("\u{a7}4.2"),
        unverified: None,
        scope: Scope::All,
        triggers: &[tw(I::PeakFlowPercent, AtLeast(60.0), with(ASTHMA)), tw(I::PeakFlowPercent, Below(80.0), with(ASTHMA))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "diabetes.dka",
        level: Level::Emergency,
        service: Service::Call999,
        condition: rule_text!("the ketone reading judged is \u{2265}{0.1} mmol/L (an emergency on its own)"),
        title: "Very high ketones: possible diabetic ketoacidosis",
        message: "Your blood ketones are {0.1} mmol/L or higher. This can mean diabetic ketoacidosis (DKA), which is an emergency.",
        actions: &["Call 999 or go to A&E now.", "Do not stop taking your insulin."],
        source: "NHS.UK diabetic ketoacidosis: blood ketones over 3 mmol/L, go to A&E or call 999; JBDS DKA criteria",
        reference: rule_text!("\u{a7}5.2, \u{a7}8, \u{a7}13"),
        unverified: None,
        scope: Scope::All,
        triggers: &[t(I::Ketones, AtLeast(3.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "diabetes.ketones.high",
        level: Level::Urgent,
        service: Service::Nhs111,
        condition: rule_text!("ketones \u{2265}{0.1} and <{1.1} mmol/L; or glucose <{2.1} mmol/L (treat now: 15\u{2013}20 g fast-acting sugar, recheck in 15 minutes, 999 if not improving or drowsy); or glucose >{3} mmol/L; or type 1 or type 2 diabetes with vomiting (sick-day rules)"),
        title: "Your diabetes needs urgent advice today",
        message: "One of your diabetes readings or symptoms needs urgent advice today.",
        actions: &["Call your diabetes team or NHS 111 today."],
        source: "NHS.UK blood ketones 1.6\u{2013}3 mmol/L: speak to the diabetes team; level 2 hypoglycaemia <3.0 mmol/L and hypo treatment (nidirect; JBDS hypoglycaemia algorithm); glucose >30 mmol/L (HHS); sick-day rules (TREND-UK)",
        reference: rule_text!("\u{a7}5.1, \u{a7}5.2, \u{a7}8a"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            t(I::Ketones, AtLeast(1.6)),
            t(I::Ketones, Below(3.0)),
            t(I::Glucose, Below(HYPO_LEVEL2_BELOW_MMOL_L)),
            t(I::Glucose, Above(30.0)).or_band(1),
            tw(I::Symptom(S::Vomiting), Present, with(DIABETES)),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[
            Note {
                any: &[t(I::Glucose, Below(HYPO_LEVEL2_BELOW_MMOL_L))],
                text: "Your glucose is below 3.0 mmol/L. Treat it now: have 15\u{2013}20 g of fast-acting sugar (such as glucose tablets or a sugary drink; check the label), then check again in 15 minutes. Call 999 if it is not improving, or if you become drowsy or cannot swallow.",
            },
            Note {
                any: &[t(I::Ketones, AtLeast(1.6))],
                text: "Your ketones are 1.6 mmol/L or higher: there is a risk of diabetic ketoacidosis. Contact your diabetes team or NHS 111 now and follow your sick-day plan. If your ketones reach 3.0 mmol/L or more, call 999 or go to A&E.",
            },
            Note {
                any: &[t(I::Glucose, Above(30.0))],
                text: "Your glucose is above 30 mmol/L. Get advice today. Call 999 if you become confused or drowsy.",
            },
            Note {
                any: &[tw(I::Symptom(S::Vomiting), Present, with(DIABETES))],
                text: "Vomiting with diabetes: follow your sick-day rules. Keep sipping fluids, check your glucose every 2\u{2013}4 hours, check ketones if you can, and get advice today. Ketones of 3.0 mmol/L or more mean call 999.",
            },
        ],
    },
    Rule {
        id: "diabetes.ketones.raised",
        level: Level::Soon,
        service: Service::Gp,
        condition: rule_text!("ketones \u{2265}{0.1} and <{1.1} mmol/L; or glucose \u{2265}{2.1} and <{3.1} mmol/L (treat the hypo now)"),
        title: "A diabetes reading needs attention",
        message: "Your ketones are raised, or your glucose is low.",
        actions: &["Contact your GP practice or diabetes team in the next few days, sooner if this keeps happening."],
        source: "NHS.UK blood ketones 0.6\u{2013}1.5 mmol/L: test again in 2 hours; hypo below 4.0 mmol/L, treat it (nidirect; JBDS hypoglycaemia algorithm)",
        reference: rule_text!("\u{a7}5.1, \u{a7}5.2, \u{a7}8a, \u{a7}13"),
        unverified: None,
        scope: Scope::All,
        triggers: &[
            t(I::Ketones, AtLeast(0.6)),
            t(I::Ketones, Below(1.6)),
            t(I::Glucose, AtLeast(HYPO_LEVEL2_BELOW_MMOL_L)),
            t(I::Glucose, Below(HYPO_BELOW_MMOL_L)),
        ],
        unless: &[],
        needs_no_news2: false,
        notes: &[
            Note {
                any: &[t(I::Glucose, Below(HYPO_BELOW_MMOL_L))],
                text: "Your glucose is below 4.0 mmol/L (a hypo). Treat it now with 15\u{2013}20 g of fast-acting sugar, then check again in 15 minutes. Call 999 if it is not improving, or if you become drowsy or cannot swallow.",
            },
            Note {
                any: &[t(I::Ketones, AtLeast(0.6))],
                text: "Your ketones are raised. Drink extra water, follow your plan for extra insulin if you have one, and check again in about 2 hours. If they reach 3.0 mmol/L or more, call 999 or go to A&E.",
            },
        ],
    },
    Rule {
        id: "mood.phq9.item9",
        level: Level::Urgent,
        service: Service::MentalHealthCrisis,
        condition: rule_text!("PHQ-9 item 9 \u{2265}{0} (thoughts of being better off dead or of self-harm): show crisis routes at once (999/A&E if in danger, NHS 111, Samaritans 116 123)"),
        title: "Help is available now",
        message: "You said you have had thoughts that you would be better off dead, or of hurting yourself. Thank you for answering honestly. You do not have to cope with these thoughts alone.",
        actions: &[
            "If you are in danger now or have seriously hurt yourself, call 999 or go to A&E.",
            "Call NHS 111 and choose the mental health option, or your local NHS urgent mental health helpline, today.",
            "Call Samaritans free on 116 123, any time, day or night.",
            "Tell someone you trust how you are feeling.",
        ],
        source: "PHQ-9 item 9 safety step (Kroenke, Spitzer, Williams 2001); crisis routes: NHS.UK, NHS 111 mental health option, Samaritans 116 123",
        reference: rule_text!("\u{a7}6, \u{a7}8, \u{a7}13"),
        unverified: None,
        scope: Scope::All,
        triggers: &[t(I::Phq9Item9, AtLeast(1.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
    Rule {
        id: "mood.severe",
        level: Level::Soon,
        service: Service::Gp,
        condition: rule_text!("PHQ-9 total \u{2265}{0} or GAD-7 total \u{2265}{1} (latest within 14 days)"),
        title: "Your answers suggest severe low mood or anxiety",
        message: "Your PHQ-9 score is {0} or more, or your GAD-7 score is {1} or more. That is in the severe range, and support can help.",
        actions: &[
            "Contact your GP practice in the next few days to talk about how you feel.",
            "You can also refer yourself to NHS Talking Therapies.",
            "If you feel you might act on thoughts of harming yourself, call 999, NHS 111, or Samaritans on 116 123.",
        ],
        source: "PHQ-9 severe 20\u{2013}27 (Kroenke 2001); GAD-7 severe 15\u{2013}21 (Spitzer 2006)",
        reference: rule_text!("\u{a7}6"),
        unverified: None,
        scope: Scope::All,
        triggers: &[t(I::Phq9Total, AtLeast(20.0)), t(I::Gad7Total, AtLeast(15.0))],
        unless: &[],
        needs_no_news2: false,
        notes: &[],
    },
];
