//! Every user-facing string of the app, in one catalogue ready for translation.
//!
//! `t(T::Key)` gives the English text; `tf(T::Key, &[("name", value)])` fills `{name}` holes.
//! The strings of pages only the full bundle carries are in a second table of the same catalogue,
//! `F` (`f`, `ff`), compiled only into that bundle, so the first load does not carry them.
//! Clinical wording (rule titles, advice) comes from `hale-core`'s tables, keyed by rule id.
//! What stays out: ids, CSS classes, storage keys, MIME types and file names, and dates' month
//! abbreviations (formatting, not wording).

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

/// The same, for a table with another enum name.
#[cfg(feature = "full")]
macro_rules! catalogue_named {
    ($name:ident, $($key:ident => $en:expr,)*) => {
        /// A catalogue key (full bundle).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $(#[allow(missing_docs)] $key,)* }
        impl $name {
            /// The English text.
            pub fn en(self) -> &'static str {
                match self { $($name::$key => $en,)* }
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
    HandoverLoading => "Loading\u{2026}",
    LogKindEdit => "Edit {label}",
    ReadingsEditReadingFrom => "Edit reading from {when}",
    SymptomsUSince => " \u{2014} since {when}",
    SymptomsMarkAsPassed => "Mark \"{label}\" as passed",
    EmergencyNoEmergencyRightNow => "No emergency right now",
    EmergencyNoneOfYourRecentEntries => "None of your recent entries needs 999. If you or someone else is seriously ill or injured, call 999 anyway.",
    EmergencyOtherUrgentHelp => "Other urgent help",
    EmergencyCall999Now => "Call 999 now",
    EmergencyThisIsAnEmergency => "This is an emergency",
    EmergencyWhileYouWait => "While you wait",
    EmergencyWhyHaleSaysThis => "Why Hale says this",
    EmergencyRule => "Rule: ",
    EmergencyIfYouCannotCallAsk => "If you cannot call, ask someone near you to call 999 for you.",
    HandoverThisPageCouldNotOpen => "This page could not open",
    HandoverHaleCouldNotLoadThis => "Hale could not load this part of itself. If you are offline, connect once and try again: after that it works offline.",
    LogSymptomsHowAreYouFeeling => "Symptoms: how are you feeling?",
    LogKindReadingNotFound => "Reading not found",
    LogKindThisReadingMayHaveBeen => "This reading may have been deleted.",
    ReadingsEdit => "Edit",
    ReadingsReading => "Reading",
    ReadingsValue => "Value",
    ReadingsWhen => "When",
    ReadingsActions => "Actions",
    ReadingsShowMore => "Show more",
    SymptomsStillLoading => "Still loading",
    SymptomsTickAtLeastOneSymptom => "Tick at least one symptom, or go back.",
    SymptomsSymptomsSaved => "Symptoms saved.",
    SymptomsHowAreYouFeeling => "How are you feeling?",
    SymptomsTickAnythingYouHaveNow => "Tick anything you have now. Hale checks it at once and tells you what to do.",
    SymptomsEmergencySigns => "Emergency signs",
    SymptomsAnyOfTheseNeeds999 => "Any of these needs 999.",
    SymptomsNeedsHelpToday => "Needs help today",
    SymptomsTheseNeedNhs111Or => "These need NHS 111 or your GP practice today.",
    SymptomsOtherSymptoms => "Other symptoms",
    SymptomsRecordingTheseHelpsYouAnd => "Recording these helps you and your care team see patterns.",
    SymptomsSaveSymptoms => "Save symptoms",
    SymptomsYourSymptomsInTheLast => "Your symptoms in the last 7 days",
    SymptomsMarkedAsPassed => "Marked as passed.",
    SymptomsItHasPassed => "It has passed",
    UrgentEmergency2 => "Emergency",
    UrgentUrgentButNotAnEmergency => "Urgent, but not an emergency",
    UrgentIfYouFeelYouCannot => "If you feel you cannot keep yourself safe",
    UrgentCallSamaritans116123 => "Call Samaritans: 116 123",
    UrgentPregnancy => "Pregnancy",
    ReadingFormEnterTheDateAndTime => "Enter the date and time you took the reading",
    ReadingFormTheTimeCannotBeIn => "The time cannot be in the future",
    ReadingFormUnits => "Units",
    ReadingFormError => "Error: ",
    ReadingFormStonesSt => "Stones (st)",
    ReadingFormPoundsLb => "Pounds (lb)",
    UiWhereThisComesFrom => "Where this comes from",
}

/// The English text of a key.
pub fn t(k: T) -> &'static str {
    k.en()
}

/// The pages only the full bundle carries have their own table, so the first load does not carry
/// their strings (the 200 KB budget); it is the same catalogue, split by bundle.
#[cfg(feature = "full")]
pub mod full {
    catalogue_named! {
        F,
        AboutHaleIsAHealthCompanion => "Hale is a health companion that runs entirely in your browser. Your readings are stored only on this device. Nothing is sent anywhere unless you choose to share it.",
        AboutThisIsNotADiagnosis => "This is not a diagnosis. ",
        AboutWhereHaleSRulesCome => "Where Hale's rules come from",
        AboutNews2RoyalCollegeOfPhysicians => "NEWS2: Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS. London: RCP, 2017. Used with acknowledgement of the RCP.",
        AboutBloodPressureNiceGuidelineNg136 => "Blood pressure: NICE guideline NG136, Hypertension in adults: diagnosis and management.",
        AboutAsthmaBtsSignBritishGuideline => "Asthma: BTS/SIGN British guideline on the management of asthma (SIGN 158) and NICE NG245.",
        AboutHealthScoreAmericanHeartAssociation => "Health score: American Heart Association, Life's Essential 8 (Lloyd-Jones et al., Circulation 2022).",
        AboutQrisk32017HippisleyCoxCoupland => "QRISK3-2017: Hippisley-Cox, Coupland, Brindle, BMJ 2017. The algorithm is published by ClinRisk Ltd under the GNU Lesser General Public License v3; Hale is LGPL too and its source is available. ClinRisk asks that anyone using a port checks it reproduces the results at qrisk.org: Hale's is tested against ClinRisk's published outputs. QRISK is a registered trademark.",
        AboutPhq9AndGad7 => "PHQ-9 and GAD-7: developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
        AboutScoresSuchAsNews2Were => "Scores such as NEWS2 were designed for use by clinicians. Hale uses them to help you decide when to get help, not to replace that help.",
        AdviceYourAdvice => "Your advice",
        AdviceNoAdviceYetAsYou => "No advice yet. As you log readings, Hale gives advice that fits them, with what to do and when to check again.",
        AdviceRecheckBy => "Recheck by: ",
        AdviceSeeYourPlan => "See your plan",
        AsthmaPersonalBestSavedYourZones => "Personal best saved. Your zones are below.",
        AsthmaYourAsthmaActionPlan => "Your asthma action plan",
        AsthmaYourZonesComeFromYour => "Your zones come from your personal best peak flow: the highest reading you reach when your asthma is well controlled.",
        AsthmaYourPersonalBest => "your personal best",
        AsthmaYourPredictedPeakFlowA => "your predicted peak flow (a rough guide)",
        AsthmaZone => "Zone",
        AsthmaPeakFlow => "Peak flow",
        AsthmaGreenWell => "Green: well",
        AsthmaKeepTakingYourPreventerAs => "Keep taking your preventer as prescribed.",
        AsthmaAmberGettingWorse => "Amber: getting worse",
        AsthmaFollowTheGettingWorsePart => "Follow the getting-worse part of your action plan; see your GP or nurse within 24 hours if not improving.",
        AsthmaRedAsthmaAttack => "Red: asthma attack",
        AsthmaTakeYourRelieverAndRescue => "Take your reliever and rescue steroids as your plan says, and get help today (NHS 111 or your GP).",
        AsthmaEmergency => "Emergency",
        AsthmaCall999AlsoCall999 => "Call 999. Also call 999 if your reliever is not helping.",
        AsthmaLogAPeakFlowReading => "Log a peak flow reading",
        AsthmaPersonalBestPeakFlowL => "Personal best peak flow (L/min)",
        AsthmaSavePersonalBest => "Save personal best",
        AsthmaZones80And60Of => "Zones: 80 % and 60 % of your best (action-plan convention), and below 33 % (life-threatening, BTS/SIGN).",
        CheckSeeYourAdviceForWhat => "See your advice for what it means and what to do next.",
        CheckSaveAnswers => "Save answers",
        MinorIllnessUnreadable => "Unreadable",
        MinorIllnessMinorIllness => "Minor illness",
        MinorIllnessMinorIllnessCheckWhatTo => "Minor illness: check what to do",
        MinorIllnessAnswerAFewQuestionsAbout => "Answer a few questions about a common illness. Hale tells you whether a pharmacist can help (NHS Pharmacy First), whether to look after yourself at home, or whether you need your GP, NHS 111 or 999.",
        MinorIllnessThisIllnessIsNotIn => "This illness is not in the checker.",
        MinorIllnessAddYourDateOfBirth => "Add your date of birth in your profile so Hale can check the age limits of each service.",
        MinorIllnessTickEveryStatementThatIs => "Tick every statement that is true, then press Check.",
        MinorIllnessCheck => "Check",
        MoreYourHealth => "Your health",
        MoreAboutYouAndYourCare => "About you (and your care plan)",
        MoreYourDataBackUpRestore => "Your data: back up, restore, delete",
        MoreYourRecheckPlan => "Your recheck plan",
        MoreAllYourReadings => "All your readings",
        MoreYourTrendsCharts => "Your trends (charts)",
        MoreAsthmaActionPlan => "Asthma action plan",
        MoreQuestionnaires => "Questionnaires",
        MoreMoodPhq9 => "Mood (PHQ-9)",
        MoreAnxietyGad7 => "Anxiety (GAD-7)",
        MoreDietMepa => "Diet (MEPA)",
        MoreSoreThroatFeverpain => "Sore throat (FeverPAIN)",
        MoreSoreThroatCentor => "Sore throat (Centor)",
        PlanCalendarFileSavedOpenIt => "Calendar file saved: open it to add your rechecks, each with a reminder.",
        PlanNothingToRecheckYetWhen => "Nothing to recheck yet. When advice comes with a recheck date, it appears here.",
        PlanDoItNow => "Do it now",
        PlanAddToCalendarIcs => "Add to calendar (.ics)",
        ProfileEnterADateOfBirth => "Enter a date of birth in the past",
        ProfileEnterYourHeightAsFeet => "Enter your height as feet and inches, like 5 and 6",
        ProfileEnterYourHeightInCentimetres => "Enter your height in centimetres, like 165",
        ProfileTheDateYouStoppedSmoking => "The date you stopped smoking must be in the past",
        ProfileSavedYourChecksScoreAnd => "Saved. Your checks, score and advice now use this.",
        ProfileAboutYou => "About you",
        ProfileEverythingHereIsOptionalAnd => "Everything here is optional and stays on this device. Each part says what it unlocks.",
        ProfileYou => "You",
        ProfileDateOfBirth => "Date of birth",
        ProfileUnlocksAgeBasedChecksYour => "Unlocks age-based checks, your health score's age rules, QRISK3 and predicted peak flow.",
        ProfileSexRecordedAtBirth => "Sex recorded at birth",
        ProfileUsedByTheHeartRisk => "Used by the heart-risk and peak-flow equations.",
        ProfileFemale => "Female",
        ProfileMale => "Male",
        ProfileEthnicBackground => "Ethnic background",
        ProfileUsedByQrisk3AndBy => "Used by QRISK3 and by NICE's weight advice, which uses lower BMI thresholds for some backgrounds.",
        ProfileNotGiven => "Not given",
        ProfileHeightUnits => "Height units",
        ProfileCentimetres => "Centimetres",
        ProfileFeetAndInches => "Feet and inches",
        ProfileHeightFeet => "Height: feet",
        ProfileUnlocksBmiWithYourWeight => "Unlocks BMI (with your weight), QRISK3 and predicted peak flow.",
        ProfileHeightInches => "Height: inches",
        ProfileHeightCm => "Height (cm)",
        ProfileYourNameOptional => "Your name (optional)",
        ProfileOnlyShownOnSummariesYou => "Only shown on summaries you choose to share.",
        ProfileConditions => "Conditions",
        ProfileHaleSChecksAndAdvice => "Hale's checks and advice change with these (for example asthma zones, diabetes targets, blood pressure targets).",
        ProfileMedicines => "Medicines",
        ProfileSomeChecksAndScoresChange => "Some checks and scores change with treatment (for example blood pressure and cholesterol tablets).",
        ProfileHasAParentBrotherOr => "Has a parent, brother or sister had angina or a heart attack before 60?",
        ProfileUsedByQrisk3 => "Used by QRISK3.",
        ProfileYes => "Yes",
        ProfileNo => "No",
        ProfileNotSure => "Not sure",
        ProfileSmoking => "Smoking",
        ProfileDoYouSmoke => "Do you smoke?",
        ProfileUsedByYourHealthScore => "Used by your health score and QRISK3.",
        ProfileIHaveNeverSmoked => "I have never smoked",
        ProfileIUsedToSmoke => "I used to smoke",
        ProfileISmokeNow => "I smoke now",
        ProfileWhenDidYouStop => "When did you stop?",
        ProfileCigarettesADay => "Cigarettes a day",
        ProfileIVapeOrUseE => "I vape or use e-cigarettes",
        ProfileSomeoneSmokesIndoorsWhereI => "Someone smokes indoors where I live",
        ProfilePersonalBests => "Personal bests",
        ProfileUnlocksYourAsthmaZonesThe => "Unlocks your asthma zones: the highest reading when your asthma is well.",
        ProfileYourCarePlan => "Your care plan",
        ProfileWhatMattersToYou => "What matters to you",
        ProfileYourMedicinesNamesAndDoses => "Your medicines (names and doses, as you know them)",
        ProfileSomeoneToContactName => "Someone to contact: name",
        ProfileWhoTheyAreForExample => "Who they are (for example son, GP practice)",
        ProfileTheirPhoneNumber => "Their phone number",
        ProfileSave => "Save",
        RulesWhen => "When: ",
        RulesAdults16AndOver => " (adults 16 and over)",
        RulesUnverified => "Unverified: ",
        ScoreHigh80OrMore => "high (80 or more)",
        ScoreModerate50To79 => "moderate (50 to 79)",
        ScoreLowBelow50 => "low (below 50)",
        ScoreNotCompleteYet => "not complete yet",
        ScoreYourEightHealthScoreComponents => "Your eight health score components, out of 100",
        ScoreOutOfDate => "Out of date",
        ScoreNotScored => "Not scored",
        ScoreMissing => "Missing",
        ScoreThisIsTheBestBand => "This is the best band.",
        ScorePoints => "Points",
        ScoreNoDataYet => "No data yet",
        ScoreNextStep => "Next step",
        ScoreTheHealthScoreLifeS => "The health score (Life's Essential 8) is for adults aged 20 and over.",
        ScoreYourScoreCombinesEightThings => "Your score combines eight things that protect your heart and brain: diet, activity, smoking, sleep, weight, cholesterol, blood sugar and blood pressure. Each is scored out of 100, and the score is their average.",
        ScoreThatIs => "That is ",
        ScoreNotComplete => "Not complete",
        ScoreThisChangeWouldRaiseYour => "This change would raise your score the most.",
        ScoreTheEightParts => "The eight parts",
        ScoreYourScorePartByPart => "Your score, part by part",
        ScorePart => "Part",
        ScoreHowYourScoreHasChanged => "How your score has changed",
        ScoreYourScoreSHistoryAppears => "Your score's history appears once all eight parts have data.",
        ScoreYourScoreAtTheEnd => "Your score at the end of each month",
        ScoreDate => "Date",
        ScoreHeartAttackAndStrokeRisk => "Heart attack and stroke risk (QRISK3)",
        ScoreThisIsAnEstimateFor => "This is an estimate for a group of people like you, not a prediction for you. It is not a diagnosis.",
        ScoreWhatItUsed => "What it used",
        ScoreNonSmoker => "Non-smoker",
        ScoreExSmoker => "Ex-smoker",
        ScoreLightSmoker => "Light smoker",
        ScoreModerateSmoker => "Moderate smoker",
        ScoreHeavySmoker => "Heavy smoker",
        ScoreWhatWouldChangeIt => "What would change it",
        ScoreClinriskAsksThatAnyoneUsing => ". ClinRisk asks that anyone using a port of QRISK3 checks it reproduces qrisk.org's results; Hale's is checked against ClinRisk's published test outputs. ",
        SettingsYourBrowserWillKeepHale => "Your browser will keep Hale's data unless you delete it.",
        SettingsYourBrowserDidNotAgree => "Your browser did not agree to keep the data permanently. It usually will once Hale is installed or used often. Export a backup to be safe.",
        SettingsThatFileCouldNotBe => "That file could not be read.",
        SettingsNothingWasImportedThisIs => "Nothing was imported: this is not a Hale backup.",
        SettingsAndYourProfile => ", and your profile",
        SettingsBecause => ", because:",
        SettingsEverythingHasBeenDeletedFrom => "Everything has been deleted from this device.",
        SettingsYourData => "Your data",
        SettingsWhatWasLeftOut => "What was left out",
        SettingsWhereItIsKept => "Where it is kept",
        SettingsYourBrowserWillKeepThis => "Your browser will keep this data unless you delete it.",
        SettingsYourBrowserMayClearThis => "Your browser may clear this data if the device runs short of space.",
        SettingsYourBrowserDoesNotSay => "Your browser does not say whether it will keep this data.",
        SettingsAskTheBrowserToKeep => "Ask the browser to keep my data",
        SettingsBackUp => "Back up",
        SettingsSaveEverythingAsAFile => "Save everything as a file (Hale's record format). You can import it on another device.",
        SettingsExportABackup => "Export a backup",
        SettingsRestore => "Restore",
        SettingsImportABackupFile => "Import a backup file",
        SettingsEntriesAlreadyHereAreKept => "Entries already here are kept; an entry with the same id is replaced, so importing the same file twice adds nothing twice.",
        SettingsDeleteEverything => "Delete everything",
        SettingsThisDeletesAllYourReadings => "This deletes all your readings, symptoms, questionnaires and profile from this device. It cannot be undone.",
        SettingsYesDeleteEverything => "Yes, delete everything",
        SettingsCancel => "Cancel",
        SettingsDeleteAllMyData => "Delete all my data",
        TrendsYourTrends => "Your trends",
        TrendsTrendsAppearHereOnceYou => "Trends appear here once you have logged some readings.",
        TrendsChooseAKindOfReading => "Choose a kind of reading to see how it has changed, against the target that applies to you.",
        TrendsShow => "Show",
        TrendsAllTime => "all time",
        TrendsYourTarget => "Your target",
        TrendsShowTheReadingsAsA => "Show the readings as a table",
        TrendsAllYourTrends => "All your trends",
        LineChartDates => "Dates",
        LineChartTo => "{a} to {b}",
        LineChartTarget => "Target: {0}.",
        LineChartAverageTo => "{0} (average; {1} to {2})",
        AsthmaEnterYourPersonalBestAs => "Enter your personal best as a whole number of L/min between {lo} and {hi}",
        AsthmaYourZonesFromOfL => "Your zones, from {0} of {1} L/min",
        AsthmaLMinOrMore => "{0} L/min or more",
        AsthmaToLMin => "{0} to {1} L/min",
        AsthmaBelowLMin => "below {0} L/min",
        AsthmaBelowLMin2 => "below {0} L/min",
        CheckAnswerQuestion => "Answer question {0}",
        CheckSavedYourScoreIs => "Saved. Your score is {total}",
        ProfileHeightMustBeBetweenAnd => "Height must be between {lo} and {hi} cm",
        ProfilePersonalBestPeakFlowMust => "Personal best peak flow must be a whole number from {plo} to {phi} L/min",
        ScoreMissing2 => "{0} missing",
        ScoreAdd => "Add {0}",
        ScoreAddMoreThingToSee => "Add {0} more thing{1} to see your score. Hale never guesses a missing part.",
        ScoreYourBiggestWin => "Your biggest win: {0}",
        ScoreAboutInPeopleWithYour => "About {per_100} in 100 people with your risk factors would have a heart attack or stroke in the next 10 years.",
        ScoreAge => "Age {0}, {1}",
        ScoreSystolicBloodPressureMmhgAverage => "Systolic blood pressure {0} mmHg (average of your recent readings)",
        ScoreCholesterolRatio => "Cholesterol ratio {0}",
        ScoreBmi => "BMI {0}",
        ScoreConditionsAndTreatmentsCounted => "Conditions and treatments counted: {0}",
        ScoreFilledInWithQriskS => "Filled in with QRISK3's defaults because they were not given: {0}.",
        ScoreAbout => "{0}: about {1}%",
        SettingsBackupSavedAsKeepIt => "Backup saved as {name}. Keep it somewhere safe: it holds your health data.",
        SettingsNothingMoreWasImported => "Nothing more was imported: {e}",
        SettingsOnThisDeviceOnlyReadings => "On this device only: {0} readings, {1} symptoms, {2} questionnaires.",
        TrendsLatestOn => "; latest {0} on {1}",
        TrendsTrend => "{label} trend",
        TrendsIsNotANumberSo => "{label} is not a number, so it has no chart. Your readings list shows every entry.",
        TrendsNoReadingsIn => "No {0} readings in {range_words}.",
        TrendsReadingsEachPointIsThe => "{0} readings: each point is the average of the readings around it; the vertical lines show the lowest and highest.",
        TrendsLog => "Log {0}",
        LineChartReadingsFromTo => "{n} reading{s} from {from} to {to}.",
        LineChartLowestHighestLatest => "{label}: lowest {lo}, highest {hi}, latest {latest} {unit}.",
        TrendsNReadings => "{n} reading{s}",
        TrendsTheLast => "the last {range}",
        TrendsChartTitle => "{label}, {range}",
        ScoreMissingLower => "missing",
        MinorIllnessLoadingTheQuestions => "Loading the questions\u{2026}",
        PlanPreparingYourCalendarFile => "Preparing your calendar file\u{2026}",
        SettingsReadingYourBackup => "Reading your backup\u{2026}",
        MoreOpenShared => "Open a summary someone shared with you (for care teams)",
        ReviewCannotOpen => "This summary cannot be opened",
        ReviewDelete => "Delete",
        ReviewDeleteKeptLabel => "Delete {item}",
        ReviewDeleted => "Deleted from this browser.",
        ReviewDropHint => "Or drag the file here. It is read in this browser and sent nowhere.",
        ReviewFileLabel => "Open a FHIR file (.json) the person gave you",
        ReviewFileRefused => "That file could not be opened as a summary: {reason}",
        ReviewFileUnreadable => "That file could not be read.",
        ReviewHeading => "Shared health summary",
        ReviewIntro => "A summary someone chose to share with you. It opens here, in this browser, even offline: nothing is sent to a server, and nothing is kept unless you choose to keep it.",
        ReviewIsKept => "Kept in this browser.",
        ReviewKeep => "Keep this summary",
        ReviewKept => "Kept in this browser. It is listed below; delete it when you no longer need it.",
        ReviewKeptHeading => "Summaries you kept",
        ReviewKeptItem => "{who}, shared {made}",
        ReviewMayBeOutOfDate => "This is a copy made when it was shared. It does not update, so it may be out of date: check with the person.",
        ReviewNoneKept => "None. Summaries you keep stay in this browser only.",
        ReviewNotASummary => "This did not open to a Hale summary, so nothing is shown.",
        ReviewOpenAnother => "Open a summary",
        ReviewOpenKept => "Open",
        ReviewOpenKeptLabel => "Open {item}",
        ReviewOpenLink => "Open link",
        ReviewOpening => "Opening the summary\u{2026}",
        ReviewPasteLabel => "Paste a share link",
        ReviewSomeone => "Someone",
        ReviewStoreNotReady => "This browser is not ready to keep it yet. Try again in a moment.",
        ShareCancelled => "Not shared.",
        ShareCopied => "Link copied. Paste it into a message to your care team.",
        ShareCopy => "Copy link",
        ShareCopyFailed => "This browser would not copy it. Select the link above and copy it yourself.",
        ShareDays => "{n} days",
        ShareDownloadFhir => "Download FHIR file",
        ShareExpiry => "The link stops opening after",
        ShareFileSaved => "Saved as {name}. Send it to your care team, or open it in their systems.",
        ShareHeading => "Share with your care team",
        ShareHideQr => "Hide QR code",
        ShareIdentity => "Include my name and date of birth (otherwise just my age)",
        ShareIntro => "Choose what to share. The summary is sealed in this browser: the link carries it, locked with a key that is also in the link, so only people you give the link to can open it. No server ever sees it.",
        ShareKinds => "Readings to include",
        ShareLastDays => "The last {n} days",
        ShareLinkFacts => "{n} characters. Anyone with this link can open it for {days} days, so send it only to your care team.",
        ShareLinkLabel => "Link",
        ShareLinkReady => "Your link is ready.",
        ShareLoadingPreview => "Preparing the preview\u{2026}",
        ShareMakeLink => "Make a link",
        ShareNoSecureRandom => "This browser cannot make a secure key, so no link was made. Download the file instead.",
        ShareNotes => "Include my notes",
        ShareNothingYet => "You have not logged any readings yet. You can still share your score and details, or log a reading first.",
        SharePreview => "What they will see",
        SharePreviewHint => "This is exactly what the link, the file and the printout show ({n} bytes before compression).",
        SharePrint => "Print or save as PDF",
        ShareQrCaption => "Let your nurse or GP scan this with their phone's camera.",
        ShareQrLabel => "QR code of your share link",
        ShareRange => "Readings from",
        ShareSealing => "Sealing your summary\u{2026}",
        ShareShareFile => "Share FHIR file",
        ShareShareLink => "Share link",
        ShareShared => "Shared.",
        ShareShowQr => "Show QR code",
        ShareTitle => "My health summary",
        ShareTooLongForQr => "This link is too long for a QR code: choose fewer days or fewer kinds of reading, or send the link or the file.",
        ShareUnsupported => "This browser cannot share directly. Copy the link, or download the file, instead.",
        ShareWhatTheyGet => "Your score, risk, flags and plan always come from your whole record, as you see them in Hale. The FHIR file holds all your readings, for clinical systems.",
        ShareYourLink => "Your link",
        SvAge => "age {n}",
        SvBorn => "born {date}",
        SvChartTitle => "{label}",
        SvComponent => "Component",
        SvConditionsAndMedicines => "Conditions and medicines",
        SvCopyDaysAgo => "Shared {n} day{s} ago. It does not update, so it may be out of date.",
        SvCopyToday => "Shared today. It does not update, so it may be out of date.",
        SvCount => "Readings",
        SvDue => "due {date}",
        SvFemale => "female",
        SvFlagActive => " Raised since {from}, still raised when shared.",
        SvFlagOnce => " Raised {from}.",
        SvFlagPast => " Raised {from} to {to}.",
        SvFlags90 => "Red flags in the last 90 days",
        SvFoot => "Made by Hale from readings the person took at home. Not a diagnosis: check readings that matter.",
        SvLatestReadings => "Latest readings",
        SvLinkOpensUntil => "The link opens until {date}.",
        SvMadeCovers => "Shared {made}; readings from {from} to {to}.",
        SvMale => "male",
        SvMedicines => "Medicines: {list}",
        SvMissing => "missing",
        SvNoConditions => "No long-term conditions recorded.",
        SvNoDetails => "Details not shared",
        SvNoFlags => "None raised.",
        SvNoMedicines => "No medicines recorded.",
        SvNoPlan => "No rechecks planned.",
        SvNoQrisk => "QRISK3: not worked out (it needs age 25 to 84, cholesterol and blood pressure).",
        SvNoQuestionnaires => "None in this range.",
        SvNoReadings => "No readings in this range.",
        SvNoScore => "Health score: not worked out (adults aged 20 and over).",
        SvNotes => "Notes",
        SvOverdue => "overdue since {date}",
        SvPlan => "Plan and rechecks",
        SvPoints => "Points",
        SvQrisk => "QRISK3 10-year risk of a heart attack or stroke: {n}%",
        SvQuestionnaire => "{name}: {total} ({band}), {when}",
        SvQuestionnaires => "Questionnaires",
        SvReading => "Reading",
        SvScoreAndRisk => "Health score and risk",
        SvScoreIncomplete => "Health score: not complete (parts missing).",
        SvScoreTotal => "Health score (Life's Essential 8): {n} out of 100",
        SvSource => "Source: {source}",
        SvSummaryLabel => "Health summary",
        SvTrends => "Trends",
        SvUnverified => " (threshold not yet verified)",
        SvValue => "Latest",
        SvWhen => "When",
    }

    /// The English text of a key of the full bundle's table.
    pub fn f(k: F) -> &'static str {
        k.en()
    }

    /// The English text with `{name}` holes filled.
    pub fn ff(k: F, args: &[(&str, &str)]) -> String {
        super::fill(k.en(), args)
    }
}
#[cfg(feature = "full")]
pub use full::{f, ff, F};

/// The English text with `{name}` holes filled.
pub fn tf(k: T, args: &[(&str, &str)]) -> String {
    fill(k.en(), args)
}

/// Fills `{name}` holes.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut s = text.to_string();
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

    /// A guard for the catalogue: no page or component writes English text straight into its
    /// markup (a text node like `{"Save"}`); it goes through `t`/`f`.
    #[test]
    fn pages_and_components_take_their_text_from_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        for dir in ["pages", "components"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { panic!("no {dir}") };
            for entry in entries.flatten() {
                let path = entry.path();
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for (n, line) in code.lines().enumerate() {
                    let mut rest = line;
                    while let Some(i) = rest.find("{\"") {
                        let after = &rest[i + 2..];
                        let closes_as_text_node = after.find('"').is_some_and(|j| after[j + 1..].starts_with('}'));
                        if after.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && closes_as_text_node {
                            offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                        }
                        rest = after;
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "inline text (move it to the catalogue):\n{}", offenders.join("\n"));
    }

    #[test]
    fn fills_holes() {
        assert_eq!(tf(T::LogKindTitle, &[("kind", "blood pressure")]), "Log blood pressure");
    }
}
