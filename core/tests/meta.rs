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

/// A rule's words and its typed bounds cannot drift apart: every numeric bound of a trigger appears
/// in the rule's condition as written, or (for a one-decimal chart band such as "35.0 or below",
/// typed `Below(35.1)`) as the last value inside it.
#[test]
fn every_bound_is_in_the_rules_words() {
    use hale_core::bands::Test;
    let num = |x: f64| hale_core::fields::fmt_num((x * 100.0).round() / 100.0);
    let mut missing = Vec::new();
    for r in RULES {
        let words = r.condition.replace('\u{2265}', ">=").replace('\u{2264}', "<=");
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
