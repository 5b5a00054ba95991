//! Issues: what validation and assessment report about the input, as values (never panics).

use serde::Serialize;

/// How serious an issue is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The entry or document named by `field` was left out of the assessment.
    Error,
    /// Something was ignored, defaulted or is out of date; the rest was still used.
    Warning,
    /// For information only (for example a score that does not apply at this age).
    Info,
}

/// What kind of issue it is. The first eight codes are part of the Assessment contract.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// Wrong type or shape (a string where a number belongs, 185.5 for a whole number).
    Malformed,
    /// A value outside the plausible range.
    OutOfRange,
    /// An entry timed after `now`.
    InFuture,
    /// A field Hale does not know; it was ignored.
    UnknownField,
    /// A required field is absent.
    MissingRequired,
    /// Data too old to be used for this purpose.
    Stale,
    /// An input was missing and a documented default was used.
    Defaulted,
    /// A score or rule does not apply to this person.
    NotApplicable,
    /// A vocabulary value Hale does not know (a condition, a medicine class, a symptom code).
    UnknownValue,
    /// Two entries share an id.
    DuplicateId,
    /// The document is not JSON.
    NotJson,
    /// The document's `format` is not one Hale supports.
    UnsupportedFormat,
    /// A result that Hale will not score and that a GP should review.
    NeedsReview,
    /// Data Hale needs for a check is missing (for example a personal best peak flow).
    MissingData,
    /// A command-line argument or API parameter is not usable.
    BadArgument,
    /// A file could not be read.
    FileNotReadable,
}

impl IssueCode {
    /// The code as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Malformed => "malformed",
            IssueCode::OutOfRange => "out_of_range",
            IssueCode::InFuture => "in_future",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::MissingRequired => "missing_required",
            IssueCode::Stale => "stale",
            IssueCode::Defaulted => "defaulted",
            IssueCode::NotApplicable => "not_applicable",
            IssueCode::UnknownValue => "unknown_value",
            IssueCode::DuplicateId => "duplicate_id",
            IssueCode::NotJson => "not_json",
            IssueCode::UnsupportedFormat => "unsupported_format",
            IssueCode::NeedsReview => "needs_review",
            IssueCode::MissingData => "missing_data",
            IssueCode::BadArgument => "bad_argument",
            IssueCode::FileNotReadable => "file_not_readable",
        }
    }
}

/// One finding about the input: severity, code, the field path (`observations[3].systolic_mmhg`)
/// and a plain-English message for the person.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of issue it is.
    pub code: IssueCode,
    /// The JSON path of the field concerned (empty for the whole document).
    pub field: String,
    /// Plain-English explanation.
    pub message: String,
}

impl Issue {
    /// An error: the entry at `field` was left out.
    pub fn error(code: IssueCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { severity: Severity::Error, code, field: field.into(), message: message.into() }
    }
    /// A warning: something ignored or defaulted.
    pub fn warning(code: IssueCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { severity: Severity::Warning, code, field: field.into(), message: message.into() }
    }
    /// Information only.
    pub fn info(code: IssueCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { severity: Severity::Info, code, field: field.into(), message: message.into() }
    }
}
