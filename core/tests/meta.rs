//! Meta-tests over the rules table: every rule has an id, a citation naming the clinical
//! reference, patient words, at least one trigger, a satisfiable band for every trigger, and an
//! explicit case in the design-derived conformance suite (`policy.rs`) and the personas.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use hale_core::red_flags::{Level, RULES};

const POLICY: &str = include_str!("policy.rs");
const DESIGN_IDS: [&str; 23] = [
    "bp.pregnancy",
    "pregnancy.symptoms",
    "symptoms.emergency",
    "symptoms.urgent",
    "bp.severe.symptomatic",
    "bp.severe",
    "bp.home.stage2",
    "bp.home.high",
    "bp.low.symptomatic",
    "spo2.low",
    "spo2.borderline",
    "vital.consciousness",
    "news2.high",
    "news2.medium",
    "vital.single_red",
    "asthma.pef.life_threatening",
    "asthma.pef.severe",
    "asthma.pef.moderate",
    "diabetes.dka",
    "diabetes.ketones.high",
    "diabetes.ketones.raised",
    "mood.phq9.item9",
    "mood.severe",
];

#[test]
fn the_table_has_every_rule_of_design_md_in_order() {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(&ids[..DESIGN_IDS.len()], &DESIGN_IDS[..]);
}

#[test]
fn every_rule_has_a_citation_words_and_triggers() {
    for r in RULES {
        // The source names the primary source in words a person can look up; the pointer into the
        // project's clinical reference is kept apart (for `hale rules` and the care team's details).
        assert!(!r.source.is_empty(), "{}: cite the primary source", r.id);
        assert!(
            !r.source.contains('\u{a7}') && !r.source.contains("clinical-reference"),
            "{}: the source shown to people names the primary source, not a section of a file",
            r.id
        );
        assert!(r.reference.starts_with('\u{a7}'), "{}: give the clinical-reference section", r.id);
        assert!(!r.condition.is_empty() && !r.title.is_empty() && !r.message.is_empty(), "{}", r.id);
        assert!(!r.actions.is_empty(), "{}: what to do", r.id);
        assert!(!r.triggers.is_empty(), "{}: no triggers", r.id);
        if r.level == Level::Emergency {
            assert!(r.actions[0].contains("999"), "{}: emergency words start with 999", r.id);
        }
        if let Some(n) = r.unverified {
            assert!(n.contains("UNVERIFIED"), "{}: say what is unverified", r.id);
        }
    }
}

#[test]
fn every_band_is_satisfiable() {
    for r in RULES {
        for t in r.triggers {
            let band: Vec<_> =
                r.triggers.iter().filter(|o| o.input == t.input && o.when == t.when && o.band == t.band).collect();
            let lo = band.iter().filter_map(|o| match o.test {
                hale_core::bands::Test::AtLeast(b) | hale_core::bands::Test::Above(b) => Some(b),
                _ => None,
            });
            let hi = band.iter().filter_map(|o| match o.test {
                hale_core::bands::Test::AtMost(b) | hale_core::bands::Test::Below(b) => Some(b),
                _ => None,
            });
            if let (Some(l), Some(h)) = (
                lo.fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b)))),
                hi.fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.min(b)))),
            ) {
                assert!(l < h, "{}: band {:?} on {:?} can never hold", r.id, band, t.input);
            }
        }
    }
}

#[test]
fn every_rule_has_an_explicit_conformance_case() {
    for r in RULES {
        assert!(POLICY.contains(&format!("\"{}\"", r.id)), "{} has no case in core/tests/policy.rs", r.id);
    }
}

/// The sections a rule's `reference` names exist in the project's own clinical reference.
#[test]
fn every_reference_section_exists_in_docs_clinical_reference() {
    const REFERENCE: &str = include_str!("../../docs/clinical-reference.md");
    let headings: Vec<String> = REFERENCE
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .filter_map(|l| l.split_whitespace().nth(1).map(|n| n.trim_end_matches('.').to_string()))
        .collect();
    for r in RULES {
        for part in r.reference.split(',') {
            let section = part.trim().trim_start_matches('\u{a7}');
            assert!(
                headings.iter().any(|h| h == section),
                "{}: \u{a7}{section} is not a heading of docs/clinical-reference.md",
                r.id
            );
        }
    }
}

/// Words people read (the rules page shows the condition; flags show title, message and actions)
/// never carry a rule id in place of words.
#[test]
fn no_rule_words_carry_a_rule_id() {
    for r in RULES {
        let mut words: Vec<&str> = vec![r.condition, r.title, r.message, r.source];
        words.extend(r.actions.iter().copied());
        words.extend(r.notes.iter().map(|n| n.text));
        for w in words {
            for other in RULES {
                assert!(!w.contains(other.id), "{}: \"{w}\" names the rule id {}", r.id, other.id);
            }
        }
    }
}

/// Issue 12: sources and unverified notes people read (advice, questionnaires, minor-illness
/// pathways, the score and QRISK3 pages) name the primary source, never a section of a file.
#[test]
fn words_people_read_carry_no_file_sections() {
    let clean = |w: &str| !w.contains('\u{a7}') && !w.contains("clinical-reference");
    for p in hale_core::protocols::PROTOCOLS {
        assert!(clean(p.source) && p.unverified.is_none_or(clean), "{}", p.id);
        assert!(p.actions.iter().all(|a| clean(a)), "{}", p.id);
    }
    for q in hale_core::questionnaires::QUESTIONNAIRES {
        assert!(clean(q.source), "{}", q.source);
    }
    #[cfg(feature = "extras")]
    for p in hale_core::minor_illness::PATHWAYS {
        assert!(clean(p.source) && p.unverified.is_none_or(clean), "{}", p.id);
    }
    #[cfg(feature = "score")]
    assert!(clean(hale_core::score::SOURCE) && clean(hale_core::qrisk3::SOURCE));
    for r in RULES {
        assert!(r.unverified.is_none_or(clean), "{}", r.id);
    }
}

#[test]
fn examples_in_hints_and_errors_are_ordinary_healthy_values() {
    use hale_core::spec::{FieldType, KINDS};
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").map(|t| t.to_utc()).unwrap_or_default();
    for k in KINDS {
        let mut fields = serde_json::Map::new();
        for f in k.fields {
            match f.ty {
                FieldType::Whole { min, max } | FieldType::Real { min, max } => {
                    assert!((min..=max).contains(&f.example), "{}: {} is outside {min}–{max}", f.name, f.example);
                    fields.insert(f.name.into(), serde_json::json!(f.example));
                }
                FieldType::Choice(options) => {
                    fields.insert(f.name.into(), serde_json::json!(options[0]));
                }
                FieldType::Bool => {}
            }
        }
        fields.insert("id".into(), serde_json::json!("o1"));
        fields.insert("at".into(), serde_json::json!("2026-11-21T11:00:00Z"));
        fields.insert("kind".into(), serde_json::json!(k.kind.as_str()));
        let record = serde_json::json!({"format": "hale.record/1", "profile": {"birth_date": "1980-01-01"}, "observations": [fields]});
        let parsed = hale_core::parse::parse_record_value(&record).unwrap_or_else(|e| panic!("{e:?}"));
        let a = hale_core::assessment::assess(&parsed.record, now, &[]);
        let raised: Vec<&str> = a.red_flags.iter().map(|f| f.id).collect();
        assert!(raised.is_empty(), "{}'s examples raise {raised:?}", k.kind.as_str());
    }
}

/// Thresholds that more than one part of Hale compares against are written once, in
/// `core/src/thresholds.rs`: the comparisons below may not be typed as literals again.
#[test]
fn shared_thresholds_are_not_retyped_as_literals() {
    let banned = [
        ("Glucose, Below(4", "the hypo limit"),
        ("Glucose, Below(3", "the level 2 hypo limit"),
        ("Glucose, AtLeast(3", "the level 2 hypo limit"),
        ("mmol_l < 4", "the hypo limit"),
        ("h >= 48", "the HbA1c target / diabetes range"),
        ("53.0", "the HbA1c target with hypo risk"),
        ("48.0", "the HbA1c target"),
        ("ratio >= 0.5", "the waist-to-height ratio"),
        ("b >= 35", "the BMI limit of waist-to-height"),
    ];
    // Compiled in, so the scan runs on every target and cannot skip a file it failed to read.
    let sources = [
        ("red_flags/table.rs", include_str!("../src/red_flags/table.rs")),
        ("red_flags/mod.rs", include_str!("../src/red_flags/mod.rs")),
        ("protocols.rs", include_str!("../src/protocols.rs")),
        ("trends.rs", include_str!("../src/trends.rs")),
        ("typescript.rs", include_str!("../src/typescript.rs")),
        ("score.rs", include_str!("../src/score.rs")),
        ("qrisk3.rs", include_str!("../src/qrisk3.rs")),
    ];
    for (file, text) in sources {
        // Test modules may spell numbers out.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (needle, what) in banned {
            assert!(!code.contains(needle), "core/src/{file} types {what} as `{needle}`: use core::thresholds");
        }
    }
}

/// Every source file of the core, compiled in (so the scan runs on every target).
const CORE_SOURCES: &[(&str, &str)] = &[
    ("api.rs", include_str!("../src/api.rs")),
    ("assessment.rs", include_str!("../src/assessment.rs")),
    ("bands.rs", include_str!("../src/bands.rs")),
    ("fhir/mod.rs", include_str!("../src/fhir/mod.rs")),
    ("fhir/transaction.rs", include_str!("../src/fhir/transaction.rs")),
    ("fhir/outbox.rs", include_str!("../src/fhir/outbox.rs")),
    ("enrol.rs", include_str!("../src/enrol.rs")),
    ("fhir/export.rs", include_str!("../src/fhir/export.rs")),
    ("fhir/import.rs", include_str!("../src/fhir/import.rs")),
    ("fields.rs", include_str!("../src/fields.rs")),
    ("history.rs", include_str!("../src/history.rs")),
    ("ics.rs", include_str!("../src/ics.rs")),
    ("input.rs", include_str!("../src/input.rs")),
    ("issue.rs", include_str!("../src/issue.rs")),
    ("js.rs", include_str!("../src/js.rs")),
    ("lib.rs", include_str!("../src/lib.rs")),
    ("minor_illness.rs", include_str!("../src/minor_illness.rs")),
    ("monitoring.rs", include_str!("../src/monitoring.rs")),
    ("worklist.rs", include_str!("../src/worklist.rs")),
    ("ble.rs", include_str!("../src/ble.rs")),
    ("apple_health.rs", include_str!("../src/apple_health.rs")),
    ("device_files.rs", include_str!("../src/device_files.rs")),
    ("news2.rs", include_str!("../src/news2.rs")),
    ("parse.rs", include_str!("../src/parse.rs")),
    ("peak_flow.rs", include_str!("../src/peak_flow.rs")),
    ("protocols.rs", include_str!("../src/protocols.rs")),
    ("qrisk3.rs", include_str!("../src/qrisk3.rs")),
    ("questionnaires.rs", include_str!("../src/questionnaires.rs")),
    ("record.rs", include_str!("../src/record.rs")),
    ("red_flags/mod.rs", include_str!("../src/red_flags/mod.rs")),
    ("red_flags/table.rs", include_str!("../src/red_flags/table.rs")),
    ("score.rs", include_str!("../src/score.rs")),
    ("share.rs", include_str!("../src/share.rs")),
    ("lock.rs", include_str!("../src/lock.rs")),
    ("spec.rs", include_str!("../src/spec.rs")),
    ("summary/mod.rs", include_str!("../src/summary/mod.rs")),
    ("summary/encoding.rs", include_str!("../src/summary/encoding.rs")),
    ("summary/qr.rs", include_str!("../src/summary/qr.rs")),
    ("summary/view.rs", include_str!("../src/summary/view.rs")),
    ("thresholds.rs", include_str!("../src/thresholds.rs")),
    ("time.rs", include_str!("../src/time.rs")),
    ("trends.rs", include_str!("../src/trends.rs")),
    ("typescript.rs", include_str!("../src/typescript.rs")),
    ("units.rs", include_str!("../src/units.rs")),
    ("view.rs", include_str!("../src/view.rs")),
    ("vocab.rs", include_str!("../src/vocab.rs")),
    ("write.rs", include_str!("../src/write.rs")),
];

/// Files the threshold scan does not read, and why.
const NOT_SCANNED: &[(&str, &str)] = &[
    ("thresholds.rs", "the one place shared clinical numbers are written, each with its source"),
    ("red_flags/table.rs", "the rules table: every bound sits in its rule beside the rule's primary source"),
    ("qrisk3.rs", "the published QRISK3 equation; its coefficients are loaded as data (data/qrisk3-2017.json)"),
    ("time.rs", "date and time formats (RFC 3339 field limits), not clinical"),
    ("share.rs", "key, nonce and tag lengths of the link's encryption, not clinical"),
    ("ics.rs", "RFC 5545 line folding, not clinical"),
    ("summary/encoding.rs", "bit flags of the share-link encoding, not clinical"),
    ("summary/qr.rs", "QR code geometry, not clinical"),
    ("fhir/export.rs", "FHIR id length limit, not clinical"),
];

/// Comparisons with a number kept beside the code that reads them, and why (published band
/// tables, read as tables).
const ALLOWED_LITERALS: &[(&str, &str, &str)] = &[
    ("score.rs", "total >= 80.0", "Life's Essential 8 overall bands: high 80 or more (Lloyd-Jones 2022)"),
    ("score.rs", "total >= 50.0", "Life's Essential 8 overall bands: moderate 50 to 79 (Lloyd-Jones 2022)"),
    ("score.rs", "- 1e-9", "Life's Essential 8 sleep points table (Lloyd-Jones 2022, Table 1)"),
    ("score.rs", "points == 60", "the Life's Essential 8 glucose points (60), not a threshold"),
    ("score.rs", "100.0 / GLUCOSE_MGDL_PER_MMOLL", "Life's Essential 8 fasting glucose band, 100 mg/dL, converted"),
    ("score.rs", "y >= 5.0", "Life's Essential 8 nicotine table: quit 5 years or more (Lloyd-Jones 2022)"),
    ("score.rs", "y < 5.0", "Life's Essential 8 nicotine table: quit 1 to 5 years (Lloyd-Jones 2022)"),
    ("news2.rs", "AtLeast(93.0)", "NEWS2 Chart 1, SpO2 scale 2 on oxygen (RCP 2017), part of the chart"),
];

/// The numbers a comparison in `line` is made against (`x >= 4`, `Below(35.1)`, `(2..=3).contains`),
/// leaving out 0 and 1 (counts and emptiness, not thresholds).
fn compared_literals(line: &str) -> Vec<f64> {
    let b = line.as_bytes();
    let number_at = |mut i: usize| -> Option<f64> {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i < b.len() && b[i] == b'-' {
            i += 1;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))) {
            i += 1;
        }
        if i == start || b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
            return None;
        }
        line[start..i].parse().ok()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let two = &b[i..(i + 2).min(b.len())];
        let after = if [b"<=", b">=", b"=="].iter().any(|op| op.as_slice() == two) && !b"<>=!".contains(&prev) {
            Some(i + 2)
        } else if (b[i] == b'<' || b[i] == b'>')
            && !b"<>=!-".contains(&prev)
            && !b.get(i + 1).is_some_and(|c| *c == b'=' || *c == b'>' || *c == b'<')
        {
            Some(i + 1)
        } else {
            None
        };
        if let Some(x) = after.and_then(number_at) {
            out.push(x);
        }
        for test in ["AtLeast(", "AtMost(", "Below(", "Above("] {
            if b[i..].starts_with(test.as_bytes()) {
                if let Some(x) = number_at(i + test.len()) {
                    out.push(x);
                }
            }
        }
        if b[i] == b'(' {
            if let Some(x) = number_at(i + 1) {
                let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if b[i + 1 + digits..].starts_with(b"..") {
                    out.push(x);
                }
            }
        }
        i += 1;
    }
    out.retain(|x| *x != 0.0 && *x != 1.0);
    out
}

#[test]
fn the_literal_scan_finds_what_it_should() {
    assert_eq!(compared_literals("if t >= 4 {"), vec![4.0]);
    assert_eq!(compared_literals("(b < 18.5).then("), vec![18.5]);
    assert_eq!(compared_literals("t(I::Temperature, Below(35.1)),"), vec![35.1]);
    assert_eq!(compared_literals("(2..=3).contains(&t)"), vec![2.0]);
    assert!(compared_literals("fn f(x: Vec<u8>) -> Option<u32> { Some(3) }").is_empty());
    assert!(compared_literals("Acvpu::C => 3,").is_empty());
    assert!(compared_literals("if n == 0 || n > 1 {").is_empty());
    assert!(compared_literals("a >= crate::thresholds::NEWS2_HIGH_AT_LEAST").is_empty());
}

/// A clinical threshold is written once, in `core/src/thresholds.rs` (or in the rules table beside
/// its source): no other comparison in the core is made against a number, apart from the listed
/// published band tables. Every source file is either scanned or listed with its reason.
#[test]
fn no_clinical_threshold_literal_outside_its_place() {
    let mut found = Vec::new();
    for (file, text) in CORE_SOURCES {
        if NOT_SCANNED.iter().any(|(f, _)| f == file) {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            if ALLOWED_LITERALS.iter().any(|(f, snippet, _)| f == file && line.contains(snippet)) {
                continue;
            }
            let nums = compared_literals(line);
            if !nums.is_empty() {
                found.push(format!("core/src/{file}:{}: {} ({nums:?})", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "clinical numbers outside core/src/thresholds.rs: {found:#?}");
}

/// The scan's list of files is the core's whole source tree, so a new file cannot escape it.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_scan_lists_every_core_source_file() {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p.strip_prefix(root).unwrap_or(&p).display().to_string());
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    assert!(files.len() > 20, "core/src was read ({} files)", files.len());
    for f in files {
        assert!(CORE_SOURCES.iter().any(|(n, _)| *n == f), "core/src/{f} is not in the threshold scan's list");
    }
}

/// A rule's condition and message are templates whose thresholds are filled from its typed
/// triggers (`Rule::words`): every placeholder resolves (none is left in braces), and the
/// templates carry the bounds as placeholders rather than typed numbers.
#[test]
fn rule_words_are_generated_from_the_typed_bounds() {
    let mut filled = 0;
    for r in RULES {
        for template in [r.condition, r.message] {
            let words = r.words(template);
            assert!(
                !words.contains('{') && !words.contains('}'),
                "{}: a placeholder did not resolve in {words:?}",
                r.id
            );
            filled += template.matches('{').count();
        }
    }
    assert!(filled >= 50, "only {filled} thresholds are placeholders");
    let rule = |id: &str| hale_core::red_flags::rule(id).unwrap_or_else(|| panic!("{id} is in the table"));
    let severe = rule("bp.severe");
    assert!(severe.message.contains("{0}/{1}"), "the message's numbers are placeholders");
    assert_eq!(severe.words("{0}/{1}"), "180/120");
    let red = rule("vital.single_red");
    assert_eq!(red.words("{3-} and {3} and {3.1}"), "35.0 and 35.1 and 35.1");
    let home = rule("bp.home.high");
    assert_eq!(home.words("{3@}; {9}; {x}"), "80; {9}; {x}");
}

/// The other direction: every number in the words a person reads when a rule fires (its title,
/// message and actions) is one of the rule's own typed bounds (or the last value inside one, or an
/// age the rule is limited to) — or one of the few numbers that are not thresholds, listed here. So
/// when a bound changes in the table, a message still showing the old number fails this test.
#[test]
fn every_number_a_person_reads_in_a_rule_is_one_of_its_bounds() {
    use hale_core::bands::Test;
    use hale_core::red_flags::AgeWhen;
    // Phone numbers, and counts and times that are instructions rather than thresholds.
    const NOT_THRESHOLDS: &[(&str, &str)] = &[
        ("999", "the emergency number"),
        ("111", "NHS 111"),
        ("116", "Samaritans 116 123"),
        ("123", "Samaritans 116 123"),
        ("24", "within 24 hours (how soon to act)"),
        ("5", "sit quietly for 5 minutes before measuring again"),
        ("2", "2 seated readings a minute apart (the home-monitoring method)"),
    ];
    let mut wrong = Vec::new();
    for r in RULES {
        let mut allowed: Vec<f64> = Vec::new();
        for t in r.triggers {
            match t.test {
                Test::AtLeast(b) | Test::AtMost(b) => allowed.push(b),
                Test::Below(b) => allowed.extend([b, ((b - 0.1) * 10.0).round() / 10.0]),
                Test::Above(b) => allowed.extend([b, ((b + 0.1) * 10.0).round() / 10.0]),
                Test::Present => {}
            }
            match t.when.age {
                AgeWhen::Any => {}
                AgeWhen::UnderOrUnknown(a) | AgeWhen::AtLeast(a) => allowed.push(f64::from(a)),
            }
        }
        let message = r.words(r.message);
        let texts = [r.title, message.as_str()].into_iter().chain(r.actions.iter().copied());
        for text in texts {
            let mut rest = text;
            let mut before = ' ';
            while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
                let prev = rest[..start].chars().last().unwrap_or(before);
                let tail = &rest[start..];
                let len = tail.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(tail.len());
                let word = tail[..len].trim_end_matches('.');
                before = tail[..len].chars().last().unwrap_or(before);
                rest = &tail[len..];
                // Part of a name ("PHQ-9", "GAD-7", "NEWS2"), not a number.
                if prev == '-' || prev.is_ascii_alphabetic() {
                    continue;
                }
                if NOT_THRESHOLDS.iter().any(|(n, _)| *n == word) {
                    continue;
                }
                let Ok(x) = word.parse::<f64>() else { continue };
                if !allowed.iter().any(|b| (b - x).abs() < 1e-9) {
                    wrong.push(format!("{}: \"{word}\" in \"{text}\" is not one of its bounds {allowed:?}", r.id));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "numbers people read that are not the rule's bounds: {wrong:#?}");
}

/// A rule's words and its typed bounds cannot drift apart: every numeric bound of a trigger appears
/// in the rule's condition as written, or (for a one-decimal chart band such as "35.0 or below",
/// typed `Below(35.1)`) as the last value inside it.
#[test]
fn every_bound_is_in_the_rules_words() {
    use hale_core::bands::Test;
    let num = |x: f64| hale_core::fields::fmt_num((x * 100.0).round() / 100.0);
    let mut missing = Vec::new();
    for r in RULES {
        let words = r.words(r.condition).replace('\u{2265}', ">=").replace('\u{2264}', "<=");
        for t in r.triggers {
            let (bound, inside) = match t.test {
                Test::AtLeast(b) | Test::AtMost(b) => (b, b),
                Test::Below(b) => (b, b - 0.1),
                Test::Above(b) => (b, b + 0.1),
                Test::Present => continue,
            };
            let found = |x: f64| {
                // "3" or "3.0", as a whole token: "180" must not match inside "1800".
                [num(x), format!("{x:.1}")].iter().any(|n| {
                    words.match_indices(n.as_str()).any(|(i, _)| {
                        let before = words[..i].chars().last();
                        let after = words[i + n.len()..].chars().next();
                        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                            && !after.is_some_and(|c| {
                                c.is_ascii_digit()
                                    || (c == '.' && words[i + n.len() + 1..].starts_with(|d: char| d.is_ascii_digit()))
                            })
                    })
                })
            };
            if !found(bound) && !found(inside) {
                missing.push(format!("{}: {} {:?}", r.id, t.input.words(), t.test));
            }
        }
    }
    assert!(missing.is_empty(), "bounds not in the rule's words: {missing:#?}");
}
