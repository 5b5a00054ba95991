//! Architecture invariants, checked so they cannot rot (native only: they read the repository).
//! - `hale-core`'s normal build has no web dependency and chrono has no clock;
//! - `core/src` (outside the `hale` binary and the `js` feature module) performs no I/O, reads no
//!   clock and no random source;
//! - every path ARCHITECTURE.md names exists.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn core_has_no_web_dependency_and_no_clock() {
    let out = Command::new(env!("CARGO"))
        .current_dir(repo())
        .args(["tree", "-p", "hale-core", "-e", "normal", "-e", "features", "--prefix", "none", "--offline"])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    for banned in [
        "yew",
        "web-sys",
        "gloo",
        "js-sys",
        "wasm-bindgen ",
        "getrandom",
        "rand ",
        "chrono feature \"clock\"",
        "chrono feature \"wasmbind\"",
        "chrono feature \"now\"",
    ] {
        assert!(!tree.contains(banned), "hale-core's normal build pulls in {banned}:\n{tree}");
    }
}

#[test]
fn core_source_performs_no_io_and_reads_no_clock() {
    let dir = repo().join("core/src");
    let banned = [
        "std::fs",
        "std::net",
        "std::io",
        "std::env",
        "SystemTime",
        "Instant::now",
        "Utc::now",
        "Local::now",
        "thread_rng",
        "getrandom",
        "println!",
        "eprintln!",
    ];
    // Every folder below core/src, except the `hale` binary (which reads files and the clock for
    // the core) and the wasm-bindgen module.
    fn rust_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("bin") {
                    rust_files(&path, out);
                }
            } else if path.extension().and_then(|e| e.to_str()) == Some("rs") && !path.ends_with("js.rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        for b in banned {
            assert!(!text.contains(b), "{} uses {b}", path.display());
        }
    }
    assert!(files.iter().any(|f| f.ends_with("fhir/import.rs")), "subfolders are scanned");
    assert!(files.len() > 10, "only {} files checked", files.len());
}

#[test]
fn every_path_architecture_md_names_exists() {
    let text = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut named = 0;
    for (i, part) in text.split('`').enumerate() {
        // Odd parts are inside backticks. A path has a slash or a file extension and no spaces.
        if i % 2 == 0 || part.contains(' ') || part.contains("::") {
            continue;
        }
        let looks_like_path = part.contains('/')
            || [".rs", ".md", ".toml", ".mjs", ".js", ".sh", ".css", ".html", ".json", ".webmanifest"]
                .iter()
                .any(|e| part.ends_with(e));
        if !looks_like_path
            || part.starts_with("#/")
            || part.starts_with("http")
            || part.starts_with("hale.")
            || part.starts_with("dist/")
            || part.contains('*')
            || part.contains('<')
        {
            continue;
        }
        assert!(!part.starts_with("../"), "ARCHITECTURE.md points outside the repository: `{part}`");
        let p = repo().join(part.trim_end_matches('/'));
        assert!(p.exists(), "ARCHITECTURE.md names `{part}`, which does not exist");
        named += 1;
    }
    assert!(named >= 20, "ARCHITECTURE.md names only {named} paths");
}

#[test]
fn docs_rules_md_is_generated_from_the_rules_table() {
    let on_disk = std::fs::read_to_string(repo().join("docs/rules.md")).expect("docs/rules.md");
    assert!(
        on_disk == hale_core::api::rules_markdown(),
        "docs/rules.md is out of date: run `cargo run --bin hale -- rules --markdown > docs/rules.md`"
    );
}

/// The repository stands on its own: nothing a newcomer reads or runs points into the team's
/// reference outside it.
#[test]
fn nothing_points_outside_the_repository() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() {
                if !matches!(name, "target" | "node_modules" | "dist" | "pkg" | ".git" | ".venv" | "screenshots") {
                    walk(&p, out);
                }
            } else if [".rs", ".md", ".mjs", ".js", ".sh", ".py", ".toml", ".html", ".css"]
                .iter()
                .any(|x| name.ends_with(x))
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for d in ["core", "app", "docs", "scripts", "tests", ".ci", "public"] {
        walk(&repo().join(d), &mut files);
    }
    files.extend(["README.md", "ARCHITECTURE.md", "index.html", "Trunk.toml"].iter().map(|f| repo().join(f)));
    let needle = ["..", "/shared"].concat();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(!text.contains(&needle), "{} points into the team's reference outside the repository", f.display());
    }
}

/// The contract names every issue code and every rule id the code has, so neither can appear
/// without being written down.
#[test]
fn the_contract_lists_every_issue_code_and_the_rules_table() {
    let contract = std::fs::read_to_string(repo().join("docs/contract.md")).unwrap_or_default();
    for code in [
        "malformed",
        "out_of_range",
        "in_future",
        "unknown_field",
        "unknown_value",
        "missing_required",
        "stale",
        "defaulted",
        "not_applicable",
        "duplicate_id",
        "not_json",
        "unsupported_format",
        "needs_review",
        "missing_data",
        "bad_argument",
        "file_not_readable",
    ] {
        assert!(contract.contains(&format!("`{code}`")), "docs/contract.md does not list the issue code {code}");
    }
    let rules = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap_or_default();
    for r in hale_core::red_flags::RULES {
        assert!(rules.contains(&format!("`{}`", r.id)), "docs/rules.md lacks {}", r.id);
    }
}

/// The app's layers point down: pages and components reach the state through `app/src/context.rs`,
/// never through the root shell that imports them.
#[test]
fn no_page_or_component_imports_the_root_shell() {
    for dir in ["app/src/pages", "app/src/components", "app/src/hooks", "app/src/store"] {
        for e in std::fs::read_dir(repo().join(dir)).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            assert!(!text.contains("crate::app::"), "{} imports the root shell (crate::app)", e.path().display());
            if dir == "app/src/store" {
                assert!(
                    !text.contains("crate::state"),
                    "{} imports the state: share types through app/src/entry.rs",
                    e.path().display()
                );
            }
        }
    }
}

/// Tool versions agree wherever they are named: the wasm-bindgen crate in Cargo.lock, the CLI
/// Trunk runs (Trunk.toml) and the one scripts/setup.sh installs; wasm-opt likewise.
#[test]
fn tool_versions_are_pinned_once_and_agree() {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap_or_default();
    let trunk = std::fs::read_to_string(repo().join("Trunk.toml")).unwrap_or_default();
    let setup = std::fs::read_to_string(repo().join("scripts/setup.sh")).unwrap_or_default();
    let crate_version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .unwrap_or_default();
    assert!(!crate_version.is_empty(), "wasm-bindgen is in Cargo.lock");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{crate_version}\"")),
        "Trunk.toml names wasm-bindgen {crate_version}"
    );
    assert!(setup.contains("WBG_VERSION=$(awk"), "setup.sh reads wasm-bindgen's version from Cargo.lock");
    let binaryen = setup
        .lines()
        .find_map(|l| l.strip_prefix("BINARYEN_VERSION="))
        .and_then(|v| v.split('.').next())
        .unwrap_or_default()
        .to_string();
    assert!(!binaryen.is_empty(), "setup.sh pins binaryen");
    assert!(trunk.contains(&format!("wasm_opt = \"version_{binaryen}\"")), "Trunk.toml names wasm-opt {binaryen}");
}

/// Every app source file under `dir` (recursively), with its text.
fn app_sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(p: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join(dir), &mut out);
    out
}

/// All JavaScript bindings of the app sit in one module (`app/src/bindings.rs`), the full bundle
/// calls the core's Rust API (no page asks the JS package for a function by name), and hooks live
/// in `app/src/hooks/`.
#[test]
fn js_bindings_sit_in_one_module_and_hooks_in_hooks() {
    let files = app_sources("app/src");
    assert!(files.len() > 30, "the app's sources were found ({} files)", files.len());
    for (path, text) in &files {
        let name = path.strip_prefix(repo()).unwrap_or(path).display().to_string();
        if name != "app/src/bindings.rs" {
            assert!(
                !text.contains("extern \"C\""),
                "{name} declares JavaScript bindings: put them in app/src/bindings.rs"
            );
            assert!(!text.contains("wasm_bindgen(module"), "{name} binds a JS module: use app/src/bindings.rs");
        }
        if !name.starts_with("app/src/hooks/") {
            assert!(!text.contains("#[hook]"), "{name} defines a hook: hooks live in app/src/hooks/");
        }
    }
    let bindings = std::fs::read_to_string(repo().join("app/src/bindings.rs")).unwrap_or_default();
    assert!(!bindings.contains("haleCall"), "the app calls the core's Rust API, not the JS package by name");
    let bridge = std::fs::read_to_string(repo().join("app/js/bridge.js")).unwrap_or_default();
    assert!(!bridge.contains("/pkg/hale_core.js"), "only the worker loads the core's JS package");
}

/// Window events the app's JavaScript dispatches are listened for by someone (no internal event
/// nothing hears).
#[test]
fn every_dispatched_event_has_a_listener() {
    let mut sources: Vec<String> = app_sources("app/src").into_iter().map(|(_, t)| t).collect();
    for js in ["app/js/boot.js", "app/js/bridge.js"] {
        sources.push(std::fs::read_to_string(repo().join(js)).unwrap_or_default());
    }
    let all = sources.join("\n");
    let mut events = Vec::new();
    for part in all.split("new CustomEvent(\"").skip(1).chain(all.split("dispatch_window_event(\"").skip(1)) {
        if let Some(name) = part.split('"').next() {
            events.push(name.to_string());
        }
    }
    assert!(events.len() >= 3, "dispatched events were found: {events:?}");
    for e in events {
        let heard = all.contains(&format!("addEventListener(\"{e}\"")) || all.contains(&format!("(&w, \"{e}\""));
        assert!(heard, "the event {e} is dispatched but nothing listens for it");
    }
}
