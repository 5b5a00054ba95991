//! The Assessment (format `hale.assessment/1`): everything the core says about a record at `now`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::issue::{Issue, IssueCode};
use crate::news2::{self, News2};
use crate::peak_flow::Reference;
use crate::record::Record;
use crate::red_flags::{self, Disposition, RedFlag};
use crate::time::fmt_instant;
use crate::view::{HomeAverage, View};

/// The Assessment format this version writes.
pub const ASSESSMENT_FORMAT: &str = "hale.assessment/1";

/// Peak flow as judged, for explanations.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeakFlowSummary {
    /// The reading judged, L/min.
    pub l_min: f64,
    /// The reference used, L/min.
    pub reference_l_min: f64,
    /// `personal_best` or `predicted`.
    pub reference: &'static str,
    /// Reading as a percentage of the reference (unrounded).
    pub percent: f64,
    /// Id of the reading.
    pub evidence: String,
}

/// An assessment. Keys in the contract's order; keys after `issues` are extensions.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Always `hale.assessment/1`.
    #[cfg_attr(feature = "ts", ts(type = "\"hale.assessment/1\""))]
    pub format: &'static str,
    /// Overall disposition.
    pub disposition: Disposition,
    /// Flags raised, most urgent first, then in rules-table order.
    pub red_flags: Vec<RedFlag>,
    /// NEWS2, when a full set exists and NEWS2 applies.
    pub news2: Option<News2>,
    /// Life's Essential 8 health score (`null` under 20).
    pub score: Option<crate::score::Score>,
    /// QRISK3 10-year risk (`null` outside 25–84, with CVD, or when a required input is missing).
    pub qrisk3: Option<crate::qrisk3::Qrisk3>,
    /// Self-care advice.
    pub advice: Vec<crate::protocols::Advice>,
    /// Recheck plan: upcoming and overdue rechecks, soonest first.
    pub plan: Vec<crate::protocols::PlanItem>,
    /// Issues from reading and assessing the record.
    pub issues: Vec<Issue>,
    /// The instant assessed.
    pub assessed_at: String,
    /// The home blood-pressure average, when there is one.
    pub home_blood_pressure: Option<HomeAverage>,
    /// Peak flow as judged, when there is a reading and a reference.
    pub peak_flow: Option<PeakFlowSummary>,
    /// What to add to work out QRISK3 (when it is `null`).
    pub qrisk3_prompts: Vec<crate::qrisk3::Prompt>,
}

/// Assesses a record at `now`. `parse_issues` are the issues from reading it; they come first.
pub fn assess(record: &Record, now: DateTime<Utc>, parse_issues: &[Issue]) -> Assessment {
    let view = View::new(record, now);
    let mut issues: Vec<Issue> = parse_issues.to_vec();
    issues.extend(view.issues.iter().cloned());
    let news2 = news2::assess(&view);
    if let Some(reason) = news2::not_applicable_reason(&view) {
        if news2::full_set(&view).is_some() {
            issues.push(Issue::info(IssueCode::NotApplicable, "news2", reason));
        }
    }
    let (red_flags, disposition, flag_issues, inputs) = red_flags::evaluate(&view, news2.clone());
    issues.extend(flag_issues);
    let peak_flow = peak_flow_summary(&view, inputs.peak_flow_reference);
    // Without the `score` feature (the app's lite bundle) the score and QRISK3 are not worked out.
    #[cfg(feature = "score")]
    let (score, qrisk3, qrisk3_prompts) = {
        let (score, score_issues) = crate::score::assess(&view);
        issues.extend(score_issues);
        let (qrisk3, qrisk_issues, qrisk3_prompts) = crate::qrisk3::assess(&view);
        issues.extend(qrisk_issues);
        (score, qrisk3, qrisk3_prompts)
    };
    #[cfg(not(feature = "score"))]
    let (score, qrisk3, qrisk3_prompts) = (None, None, Vec::new());
    let home_blood_pressure = inputs.home.clone();
    #[cfg(feature = "advice")]
    let (advice, plan) = crate::protocols::advise(&view, home_blood_pressure.as_ref(), &red_flags);
    #[cfg(not(feature = "advice"))]
    let (advice, plan) = (Vec::new(), Vec::new());
    Assessment {
        format: ASSESSMENT_FORMAT,
        disposition,
        red_flags,
        news2,
        score,
        qrisk3,
        advice,
        plan,
        issues,
        assessed_at: fmt_instant(now),
        home_blood_pressure,
        peak_flow,
        qrisk3_prompts,
    }
}

fn peak_flow_summary(view: &View<'_>, reference: Option<Reference>) -> Option<PeakFlowSummary> {
    let reference = reference?;
    let o = view.judged(crate::vocab::ObsKind::PeakFlow)?;
    let crate::record::ObsValue::PeakFlow { l_min } = o.value else { return None };
    Some(PeakFlowSummary {
        l_min,
        reference_l_min: reference.l_min(),
        reference: match reference {
            Reference::PersonalBest(_) => "personal_best",
            Reference::Predicted(_) => "predicted",
        },
        percent: 100.0 * l_min / reference.l_min(),
        evidence: o.id.clone(),
    })
}
