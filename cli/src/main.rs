//! `hale`: the command-line tool over hale-core (assess, rules).
//!
//! Exit codes: 0 with output on stdout; 2 with issues as JSON on stderr when the input cannot be
//! read or an argument is bad.

use std::io::{Read, Write};
use std::process::ExitCode;

mod worklist;

use hale_core::api::{
    assess_json, pathways_json, plan_ics, protocols_json, rules_json, rules_markdown, to_json, triage_json,
};
use hale_core::issue::{Issue, IssueCode};

const USAGE: &str = "hale: Hale's clinical core on the command line

Usage:
  hale assess [--now RFC3339] FILE|-   print an Assessment (hale.assessment/1) for a Record or a
                                       FHIR R4 Bundle
  hale rules [--markdown]              list every red-flag rule (JSON, or a Markdown table)
  hale ics [--now RFC3339] FILE|-      the recheck plan of a Record as an iCalendar file
  hale fhir export [--now RFC3339] FILE|-
                                       a Record as a FHIR R4 patient-summary document Bundle
  hale fhir import FILE|-              a FHIR R4 Bundle as a Record, with what was left out
  hale protocols                       list every self-care protocol (JSON)
  hale pathways                        list the minor-illness pathways (JSON)
  hale types                           TypeScript declarations of the Record and the Assessment
  hale triage FILE|-                   evaluate a minor-illness pathway request (JSON)
  hale import [--now RFC3339] [--offset-minutes N] FILE|-
                                       readings from a device app's export (OMRON connect,
                                       Withings, Samsung Health CSV; Fitbit JSON) as a
                                       Record, with what was found and left out on stderr
  hale backup open FILE|-              the Record inside a backup the app protected with a
                                       passphrase (the passphrase from the environment
                                       variable HALE_PASSPHRASE)
  hale worklist --base URL [--now RFC3339]
                                       the care team's worklist from a FHIR server (JSON; the
                                       token, if any, from the environment variable HALE_TOKEN)
  hale help [COMMAND]                  show help

Exit status: 0 on success; 2 when the file is missing, is not JSON, has no or an unsupported
format, or an argument is bad (the issues are printed as JSON on stderr).";

const ASSESS_HELP: &str = "hale assess [--now RFC3339] FILE|-

Reads a Record (\"format\": \"hale.record/1\") from FILE, or from standard input with -, and prints
its Assessment as JSON. Readings that are malformed or implausible are left out and reported in
\"issues\"; the rest is still assessed.

Options:
  --now RFC3339   the instant to assess at (default: the current time), e.g. 2026-11-21T09:00:00Z
  -h, --help      show this help";

const RULES_HELP: &str = "hale rules [--markdown]

Lists every red-flag rule: id, level, service, condition, source and whether its numbers are
unverified.

Options:
  --markdown   print the Markdown table kept in docs/rules.md
  -h, --help   show this help";

fn fail(code: IssueCode, field: &str, message: String) -> ExitCode {
    eprintln!("{}", to_json(&vec![Issue::error(code, field, message)]));
    ExitCode::from(2)
}

fn now_iso() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = i64::try_from(d.as_secs()).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0).map(hale_core::time::fmt_instant).unwrap_or_default()
}

/// Reads FILE or standard input (`-`).
fn read_input(file: &str) -> Result<String, ExitCode> {
    if file == "-" {
        let mut s = String::new();
        return match std::io::stdin().read_to_string(&mut s) {
            Ok(_) => Ok(s),
            Err(e) => Err(fail(IssueCode::FileNotReadable, "-", format!("Could not read standard input: {e}."))),
        };
    }
    match std::fs::read(file) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| fail(IssueCode::NotJson, file, format!("{file} is not UTF-8 text, so it is not JSON."))),
        Err(e) => Err(fail(IssueCode::FileNotReadable, file, format!("Could not read {file}: {e}."))),
    }
}

/// Parses `[--now RFC3339] FILE|-`.
fn now_and_file(args: &[String], help: &str) -> Result<(String, String), ExitCode> {
    let mut now: Option<String> = None;
    let mut file: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-h" | "--help" => {
                println!("{help}");
                return Err(ExitCode::SUCCESS);
            }
            "--now" => {
                let Some(v) = args.get(i + 1) else {
                    return Err(fail(
                        IssueCode::BadArgument,
                        "--now",
                        "--now needs a value like 2026-11-21T09:00:00Z.".into(),
                    ));
                };
                now = Some(v.clone());
                i += 1;
            }
            a if a.starts_with("--now=") => now = Some(a["--now=".len()..].to_string()),
            a if a.starts_with('-') && a != "-" => {
                return Err(fail(IssueCode::BadArgument, a, format!("Unknown option {a}.")));
            }
            a => {
                if file.is_some() {
                    return Err(fail(IssueCode::BadArgument, a, "Give one FILE (or - for standard input).".into()));
                }
                file = Some(a.to_string());
            }
        }
        i += 1;
    }
    let Some(file) = file else {
        return Err(fail(IssueCode::BadArgument, "FILE", "Give a FILE (or - for standard input).".into()));
    };
    Ok((now.unwrap_or_else(now_iso), file))
}

fn print_result(r: Result<String, String>) -> ExitCode {
    match r {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(issues) => {
            eprintln!("{issues}");
            ExitCode::from(2)
        }
    }
}

fn assess(args: &[String]) -> ExitCode {
    let (now, file) = match now_and_file(args, ASSESS_HELP) {
        Ok(x) => x,
        Err(code) => return code,
    };
    match read_input(&file) {
        Ok(text) => print_result(assess_json(&text, &now)),
        Err(code) => code,
    }
}

fn ics(args: &[String]) -> ExitCode {
    let (now, file) = match now_and_file(args, "hale ics [--now RFC3339] FILE|-\n\nPrints the recheck plan of a Record as an iCalendar (.ics) file: one event per recheck, with a reminder.") {
        Ok(x) => x,
        Err(code) => return code,
    };
    match read_input(&file) {
        Ok(text) => match plan_ics(&text, &now) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(issues) => {
                eprintln!("{issues}");
                ExitCode::from(2)
            }
        },
        Err(code) => code,
    }
}

fn fhir(args: &[String]) -> ExitCode {
    const HELP: &str = "hale fhir export [--now RFC3339] FILE|-\nhale fhir import FILE|-\nhale fhir transaction --patient-id ID [--patient-ref Patient/SERVER-ID] [--base URN-OR-URL] [--with-name] [--with-birth-date] [--with-nhs-number] [--earlier-flag RULE@START]... [--now RFC3339] FILE|-\n\nexport prints a Record as a FHIR R4 patient-summary document Bundle (JSON): Patient, Conditions,\nMedicationStatements, Observations (LOINC and UCUM), QuestionnaireResponses, with a Composition\n(LOINC 60591-5) listing problems, medications, allergies, vital signs, results, plan of care and\nalerts. import reads a FHIR R4 Bundle into a Record and prints {\"record\", \"issues\"}.\ntransaction prints the FHIR R4 transaction Bundle Hale would send a care team for the whole Record:\nevery entry conditional on its identifier (systems under --base, default urn:hale:id), the Patient\nidentified by ID (its name, birth date and NHS number only with --with-name, --with-birth-date,
--with-nhs-number), or, with\n--patient-ref, the Patient the server already holds (no Patient entry). A flag sent before\n(--earlier-flag) that the record no longer raises is sent as inactive. Post it to any FHIR server:\nsending it twice creates nothing twice.";
    match args.first().map(String::as_str) {
        Some("export") => {
            let (now, file) = match now_and_file(&args[1..], HELP) {
                Ok(x) => x,
                Err(code) => return code,
            };
            match read_input(&file) {
                Ok(text) => print_result(hale_core::api::fhir_export(&text, &now)),
                Err(code) => code,
            }
        }
        Some("transaction") => fhir_transaction(&args[1..], HELP),
        Some("import") => match args.get(1).map(String::as_str) {
            Some("-h" | "--help") => {
                println!("{HELP}");
                ExitCode::SUCCESS
            }
            Some(file) => match read_input(file) {
                Ok(text) => print_result(hale_core::api::fhir_import(&text)),
                Err(code) => code,
            },
            None => fail(IssueCode::BadArgument, "FILE", "Give a FILE (or - for standard input).".into()),
        },
        Some("-h" | "--help") | None => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(a) => fail(IssueCode::BadArgument, a, format!("Unknown fhir command {a}. See `hale fhir --help`.")),
    }
}

fn fhir_transaction(args: &[String], help: &str) -> ExitCode {
    let mut options = serde_json::json!({ "base": "urn:hale:id", "earlier_flags": [] });
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            flag @ ("--patient-id" | "--base" | "--patient-ref" | "--earlier-flag") => {
                let Some(v) = args.get(i + 1) else {
                    return fail(IssueCode::BadArgument, flag, format!("{flag} needs a value."));
                };
                match flag {
                    "--base" => options["base"] = v.clone().into(),
                    "--patient-ref" => options["server_patient"] = v.trim_start_matches("Patient/").into(),
                    "--earlier-flag" => {
                        if let Some(list) = options["earlier_flags"].as_array_mut() {
                            list.push(v.clone().into());
                        }
                    }
                    _ => options["patient_id"] = v.clone().into(),
                }
                i += 1;
            }
            "--with-name" => options["with_name"] = true.into(),
            "--with-birth-date" => options["with_birth_date"] = true.into(),
            "--with-nhs-number" => options["with_nhs_number"] = true.into(),
            a => rest.push(a.to_string()),
        }
        i += 1;
    }
    let (now, file) = match now_and_file(&rest, help) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if options["patient_id"].is_null() {
        return fail(
            IssueCode::BadArgument,
            "--patient-id",
            "Give --patient-id ID (the id the enrolment gave the person).".into(),
        );
    }
    match read_input(&file) {
        Ok(text) => print_result(hale_core::api::fhir_transaction(&text, &now, &options.to_string())),
        Err(code) => code,
    }
}

fn enrol(args: &[String]) -> ExitCode {
    const HELP: &str = "hale enrol check [--now RFC3339] [--permit ORIGIN]... LINK\nhale enrol make FILE|-\n\ncheck reads a practice's enrolment link (the whole link, its #/connect/ fragment or the token) and\nprints the invitation, or why it is refused: changed or cut short, expired, a server that is not\nhttps (http only to this computer) or not among the permitted care-team origins.\nmake turns an invitation ({\"practice\", \"fhir\", \"auth\", \"client_id\", \"patient\", \"expires\", \"ask\"})\ninto a link token.";
    match args.first().map(String::as_str) {
        Some("check") => {
            let mut permitted = Vec::new();
            let mut rest = Vec::new();
            let mut i = 1;
            while i < args.len() {
                if args[i] == "--permit" {
                    let Some(v) = args.get(i + 1) else {
                        return fail(IssueCode::BadArgument, "--permit", "--permit needs an origin.".into());
                    };
                    permitted.push(v.clone());
                    i += 1;
                } else {
                    rest.push(args[i].clone());
                }
                i += 1;
            }
            let (now, link) = match now_and_file(&rest, HELP) {
                Ok(x) => x,
                Err(code) => return code,
            };
            let link = if link == "-" {
                match read_input(&link) {
                    Ok(text) => text,
                    Err(code) => return code,
                }
            } else {
                link
            };
            print_result(hale_core::api::enrol_check(&link, &now, &permitted))
        }
        Some("make") => match args.get(1) {
            Some(file) => match read_input(file) {
                Ok(text) => match hale_core::api::enrol_make(&text) {
                    Ok(token) => {
                        println!("{token}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => print_result(Err(e)),
                },
                Err(code) => code,
            },
            None => fail(IssueCode::BadArgument, "FILE", "Give a FILE (or - for standard input).".into()),
        },
        Some("-h" | "--help") | None => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(a) => fail(IssueCode::BadArgument, a, format!("Unknown enrol command {a}. See `hale enrol --help`.")),
    }
}

fn triage(args: &[String]) -> ExitCode {
    let Some(file) = args.first() else {
        return fail(IssueCode::BadArgument, "FILE", "Give a FILE (or - for standard input).".into());
    };
    if file == "-h" || file == "--help" {
        println!("hale triage FILE|-\n\nEvaluates a minor-illness pathway request, e.g. {{\"pathway\": \"uti\", \"age\": 30, \"sex\": \"female\", \"pregnant\": false, \"yes\": [\"dysuria\"]}}.");
        return ExitCode::SUCCESS;
    }
    match read_input(file) {
        Ok(text) => print_result(triage_json(&text)),
        Err(code) => code,
    }
}

const WORKLIST_HELP: &str = "hale worklist --base URL [--now RFC3339]

Prints the care team's worklist from the FHIR server at URL as JSON: an array, one object per
enrolled person in the order to look at them (the first triage category they match, then the most
urgent, then the most recent), each with patient_id (the server's), identifier (the value the
enrolment gave), name, nhs_number and birth_date (when the person gave them), category,
category_title, rank, reason, last_data_at (their latest reading, by when it was taken), flags and
reviewed (who, when and the note, or null). The token, if the server needs one, is read from the
environment variable HALE_TOKEN, never from an argument.

Options:
  --base URL      the FHIR server's base URL
  --now RFC3339   the instant to place people at (default: the current time)
  -h, --help      show this help";

const IMPORT_HELP: &str = "hale import [--now RFC3339] [--offset-minutes N] FILE|-

Reads a file a home-device app exported (Apple Health's export.zip or export.xml, streamed;
OMRON connect's CSV, Withings' bp.csv or weight.csv, Samsung Health's blood-pressure CSV, Fitbit's
weight or heart-rate JSON; found by its content, not its name) and prints the readings as
a Record (\"format\": \"hale.record/1\"), each with where it came from (\"source\") and an id made
from what it is, so importing the same file again adds nothing twice. What was found per kind and
what was left out, and why, is printed as JSON on stderr.

Options:
  --now RFC3339          the instant of the import (default: the current time); readings after
                         it are left out
  --offset-minutes N     the phone's offset from UTC for files with local times (default 0;
                         Europe/London in summer is 60)
  -h, --help             show this help";

fn import(args: &[String]) -> ExitCode {
    let mut now = None;
    let mut offset = 0i32;
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-h" | "--help" => {
                println!("{IMPORT_HELP}");
                return ExitCode::SUCCESS;
            }
            "--now" | "--offset-minutes" => {
                let Some(v) = args.get(i + 1) else {
                    return fail(IssueCode::BadArgument, &args[i], format!("{} needs a value.", args[i]));
                };
                if args[i] == "--now" {
                    now = Some(v.clone());
                } else {
                    match v.parse::<i32>() {
                        Ok(m) if (-14 * 60..=14 * 60).contains(&m) => offset = m,
                        _ => {
                            return fail(
                                IssueCode::BadArgument,
                                "--offset-minutes",
                                format!("--offset-minutes must be whole minutes from -840 to 840, not {v}."),
                            )
                        }
                    }
                }
                i += 2;
            }
            a if file.is_none() && (a == "-" || !a.starts_with('-')) => {
                file = Some(a.to_string());
                i += 1;
            }
            a => return fail(IssueCode::BadArgument, a, format!("Unknown option {a}. See `hale import --help`.")),
        }
    }
    let Some(file) = file else {
        return fail(IssueCode::BadArgument, "FILE", "Give the file to import (or - for standard input).".into());
    };
    let now = now.unwrap_or_else(now_iso);
    let Some(at) = hale_core::time::parse_rfc3339(&now) else {
        return fail(IssueCode::BadArgument, "--now", format!("--now must be an RFC 3339 instant, not {now}."));
    };
    let mut input: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(&file) {
            Ok(f) => Box::new(f),
            Err(e) => return fail(IssueCode::FileNotReadable, &file, format!("Could not read {file}: {e}.")),
        }
    };
    // Read a megabyte at a time: an Apple Health export (ZIP or XML, often gigabytes) is streamed
    // through the core's reader and never held; any other file is small and read whole.
    let mut chunk = vec![0u8; 1 << 20];
    let mut bytes = Vec::new();
    let mut apple: Option<hale_core::apple_health::Reader> = None;
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return fail(IssueCode::FileNotReadable, &file, format!("Could not read {file}: {e}.")),
        };
        if apple.is_none() && bytes.is_empty() && hale_core::apple_health::looks_like(&chunk[..n]) {
            apple = Some(hale_core::apple_health::Reader::new(at));
        }
        match apple.as_mut() {
            Some(reader) => {
                reader.push(&chunk[..n]);
                if reader.done() {
                    break;
                }
            }
            None => bytes.extend_from_slice(&chunk[..n]),
        }
    }
    let read = match apple {
        Some(reader) => reader.finish(),
        None => hale_core::device_files::read(&bytes, offset, at),
    };
    match read {
        Ok(got) => {
            // Written a reading at a time: a large export's Record is never built whole in memory.
            let preview = hale_core::device_files::preview_with_issues(&got);
            let out = std::io::stdout();
            let mut out = std::io::BufWriter::new(out.lock());
            let written = (|| -> std::io::Result<()> {
                writeln!(out, "{{\n  \"format\": \"hale.record/1\",\n  \"observations\": [")?;
                for (i, o) in got.observations.iter().enumerate() {
                    let v = hale_core::write::observation_to_value(o);
                    write!(
                        out,
                        "{}    {}",
                        if i == 0 { "" } else { ",\n" },
                        serde_json::to_string(&v).unwrap_or_default()
                    )?;
                }
                writeln!(out, "\n  ]\n}}")?;
                out.flush()
            })();
            if let Err(e) = written {
                return fail(IssueCode::FileNotReadable, "-", format!("Could not write the Record: {e}."));
            }
            eprintln!("{}", serde_json::to_string_pretty(&preview).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(issues) => {
            eprintln!("{}", to_json(&issues));
            ExitCode::from(2)
        }
    }
}

fn worklist(args: &[String]) -> ExitCode {
    let mut base = None;
    let mut now = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-h" | "--help" => {
                println!("{WORKLIST_HELP}");
                return ExitCode::SUCCESS;
            }
            "--base" | "--now" => {
                let Some(v) = args.get(i + 1) else {
                    return fail(IssueCode::BadArgument, &args[i], format!("{} needs a value.", args[i]));
                };
                if args[i] == "--base" {
                    base = Some(v.clone());
                } else {
                    now = Some(v.clone());
                }
                i += 2;
            }
            "--token" => {
                return fail(
                    IssueCode::BadArgument,
                    "--token",
                    "Give the token in the environment variable HALE_TOKEN, not as an argument (arguments show in process lists).".into(),
                )
            }
            a => return fail(IssueCode::BadArgument, a, format!("Unknown option {a}. See `hale worklist --help`.")),
        }
    }
    let Some(base) = base.filter(|b| b.starts_with("https://") || b.starts_with("http://")) else {
        return fail(
            IssueCode::BadArgument,
            "--base",
            "Give the FHIR server's base URL with --base (http:// or https://).".into(),
        );
    };
    let now = now.unwrap_or_else(now_iso);
    if hale_core::time::parse_rfc3339(&now).is_none() {
        return fail(IssueCode::BadArgument, "--now", format!("--now must be an RFC 3339 instant, not {now}."));
    }
    let token = std::env::var("HALE_TOKEN").ok().filter(|t| !t.trim().is_empty());
    match worklist::fetch(&base, token.as_deref()) {
        Ok(pages) => print_result(hale_core::api::worklist_json(&serde_json::Value::from(pages).to_string(), &now)),
        Err(words) => fail(IssueCode::FileNotReadable, "--base", words),
    }
}

fn rules(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        None => println!("{}", rules_json()),
        Some("--markdown") => print!("{}", rules_markdown()),
        Some("-h" | "--help") => println!("{RULES_HELP}"),
        Some(a) => return fail(IssueCode::BadArgument, a, format!("Unknown option {a}. See `hale rules --help`.")),
    }
    ExitCode::SUCCESS
}

fn backup(args: &[String]) -> ExitCode {
    const HELP: &str = "hale backup open FILE|-\n\nPrints the Record inside a backup Hale protected with a passphrase\n(hale.sealed-backup/1). The passphrase is read from the environment variable HALE_PASSPHRASE (never\nfrom the command line, where other users of the computer could see it). A wrong passphrase or a\nchanged file prints why on stderr and exits 2; nothing is written.";
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("open"), Some(file)) => {
            let Ok(passphrase) = std::env::var("HALE_PASSPHRASE") else {
                return fail(
                    IssueCode::BadArgument,
                    "HALE_PASSPHRASE",
                    "Set HALE_PASSPHRASE to the backup's passphrase.".into(),
                );
            };
            match read_input(file) {
                Ok(text) => print_result(hale_core::api::backup_open(&text, &passphrase)),
                Err(code) => code,
            }
        }
        (Some("-h" | "--help") | None, _) => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        _ => fail(IssueCode::BadArgument, "backup", format!("Unknown use of backup.\n\n{HELP}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("assess") => assess(&args[1..]),
        Some("rules") => rules(&args[1..]),
        Some("ics") => ics(&args[1..]),
        Some("triage") => triage(&args[1..]),
        Some("fhir") => fhir(&args[1..]),
        Some("enrol") => enrol(&args[1..]),
        Some("worklist") => worklist(&args[1..]),
        Some("import") => import(&args[1..]),
        Some("backup") => backup(&args[1..]),
        Some("protocols") => {
            println!("{}", protocols_json());
            ExitCode::SUCCESS
        }
        Some("types") => {
            print!("{}", hale_core::typescript::declarations());
            ExitCode::SUCCESS
        }
        Some("pathways") => {
            println!("{}", pathways_json());
            ExitCode::SUCCESS
        }
        Some("help" | "-h" | "--help") => {
            match args.get(1).map(String::as_str) {
                Some("assess") => println!("{ASSESS_HELP}"),
                Some("rules") => println!("{RULES_HELP}"),
                _ => println!("{USAGE}"),
            }
            ExitCode::SUCCESS
        }
        Some(other) => fail(IssueCode::BadArgument, other, format!("Unknown command {other}.\n\n{USAGE}")),
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
