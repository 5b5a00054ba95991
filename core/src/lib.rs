//! # hale-core
//!
//! Hale's clinical core: pure Rust with no I/O, no clock and no random source, compiled natively
//! (for the `hale` command-line tool and tests) and to WebAssembly (for the app and the JS API).
//!
//! The main types:
//! - [`record::Record`]: a person's profile, observations, symptoms and questionnaires, read from
//!   the Record format (`hale.record/1`) by [`parse::parse_record_str`] with validation
//!   ([`issue::Issue`] values, never panics);
//! - [`assessment::Assessment`]: what [`assessment::assess`] says about a record at a given `now`:
//!   the disposition, [`red_flags::RedFlag`]s from the rules table [`red_flags::RULES`], NEWS2,
//!   the health score, QRISK3, advice and the recheck plan;
//! - [`api`]: JSON in, JSON out, shared by the CLI and the JS/WASM API so both agree byte for byte.
//!
//! Callers pass `now` (and, for sharing, random bytes) in: that is what lets the same rules run
//! in the browser, on the command line and in tests with time pinned.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api;
#[cfg(feature = "extras")]
pub mod apple_health;
pub mod assessment;
pub mod bands;
pub mod ble;
#[cfg(feature = "extras")]
pub mod device_files;
#[cfg(feature = "extras")]
pub mod enrol;
#[cfg(feature = "extras")]
pub mod fhir;
pub mod fields;
pub mod history;
#[cfg(feature = "extras")]
pub mod ics;
pub mod input;
pub mod issue;
#[cfg(feature = "extras")]
pub mod lock;
#[cfg(feature = "extras")]
pub mod minor_illness;
#[cfg(feature = "extras")]
pub mod monitoring;
pub mod news2;
pub mod parse;
pub mod peak_flow;
pub mod protocols;
pub mod qrisk3;
pub mod questionnaires;
pub mod record;
pub mod red_flags;
pub mod score;
#[cfg(feature = "extras")]
pub mod share;
pub mod spec;
#[cfg(feature = "extras")]
pub mod summary;
pub mod thresholds;
pub mod time;
pub mod trends;
#[cfg(all(feature = "extras", feature = "ts"))]
pub mod typescript;
pub mod units;
pub mod view;
pub mod vocab;
#[cfg(feature = "extras")]
pub mod worklist;
pub mod write;

#[cfg(feature = "js")]
pub mod js;
