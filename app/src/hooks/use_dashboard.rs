//! `use_dashboard_extra`: the score and the recheck plan for the dashboard. The lite bundle carries
//! the red-flag rules but not the score or the protocols, so it asks the core package, in a
//! worker, to assess the stored record for those two after the first paint; the full bundle has
//! them in its own assessment.
use serde_json::Value;
use yew::prelude::*;

use crate::context::AppContext;

/// What the dashboard shows of the score and the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Extra {
    /// The score's total, when complete.
    pub total: Option<f64>,
    /// How many parts are missing (`None`: no score at all, as under 20).
    pub missing: Option<usize>,
    /// Rechecks overdue or due within a week: (title, due date, overdue).
    pub due: Vec<(String, String, bool)>,
    /// When the person shares with a practice: what is waiting to send, or when Hale last sent.
    pub sharing: Option<String>,
}

/// Reads the score and the plan out of an Assessment (JSON), as the contract names them.
fn extra_from(assessment: &Value, today: &str, week: &str) -> Extra {
    let score = &assessment["score"];
    let due = assessment["plan"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| {
                    let due = p["due"].as_str()?;
                    let overdue = p["overdue"].as_bool().unwrap_or(due < today);
                    (overdue || due <= week)
                        .then(|| (p["title"].as_str().unwrap_or_default().to_string(), due.to_string(), overdue))
                })
                .collect()
        })
        .unwrap_or_default();
    // The worker adds the outbox's words to the assessment it answers with (app/js/core-worker.js).
    let sharing = assessment["hale_outbox"].as_str().map(str::to_string);
    Extra { total: score["total"].as_f64(), missing: score["missing"].as_array().map(Vec::len), due, sharing }
}

fn today_and_week(now: chrono::DateTime<chrono::Utc>) -> (String, String) {
    let today = now.date_naive();
    (hale_core::time::fmt_date(today), hale_core::time::fmt_date(today + chrono::Days::new(7)))
}

/// The score and plan in the full bundle: from its own assessment; what is waiting to send from
/// the outbox (in the worker), after each change.
#[cfg(feature = "full")]
#[hook]
pub fn use_dashboard_extra(ctx: &Option<AppContext>) -> Option<Result<Extra, String>> {
    let sharing = use_state(|| None::<String>);
    {
        let sharing = sharing.clone();
        let key = ctx.as_ref().map(|c| std::rc::Rc::as_ptr(&c.state.record) as usize);
        use_effect_with(key, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                sharing.set(crate::care_team::status().await.map(|o| o.words));
            });
        });
    }
    let ctx = ctx.as_ref()?;
    let a = &ctx.state.assessment;
    let (today, week) = today_and_week(ctx.state.now);
    let v = serde_json::json!({ "score": a.score, "plan": a.plan, "hale_outbox": *sharing });
    Some(Ok(extra_from(&v, &today, &week)))
}

/// The score and plan in the lite bundle: from the core package in a worker, after the first paint.
#[cfg(not(feature = "full"))]
#[hook]
pub fn use_dashboard_extra(ctx: &Option<AppContext>) -> Option<Result<Extra, String>> {
    let extra = use_state(|| None::<Result<Extra, String>>);
    // A new record (any save, delete or import) or a new day asks again.
    let key = ctx.as_ref().map(|c| (std::rc::Rc::as_ptr(&c.state.record) as usize, c.state.now.date_naive()));
    {
        let extra = extra.clone();
        let now = ctx.as_ref().map(|c| c.state.now);
        // With nothing stored (IndexedDB unavailable), or stored where the worker cannot open it,
        // the worker cannot read the record itself.
        let in_memory = ctx
            .as_ref()
            .filter(|c| {
                c.state.persistence != crate::state::Persistence::Stored
                    || !c.store.as_ref().is_some_and(|s| s.worker_can_read())
            })
            .map(|c| c.state.record.clone());
        use_effect_with(key, move |key| {
            if let (Some(_), Some(now)) = (key, now) {
                wasm_bindgen_futures::spawn_local(async move {
                    let (today, week) = today_and_week(now);
                    let at = hale_core::time::fmt_instant(now);
                    let result = crate::bindings::on_record("assess", in_memory.as_deref(), &at)
                        .await
                        .and_then(|json| {
                            // Not the parser's own message: its text (and std's I/O error words)
                            // would weigh on the first load for an error no one can act on.
                            serde_json::from_str::<Value>(&json).map_err(|_| "the score could not be read".to_string())
                        })
                        .map(|v| extra_from(&v, &today, &week));
                    crate::platform::mark("hale:dashboard-score");
                    extra.set(Some(result));
                });
            }
        });
    }
    (*extra).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_score_and_rechecks_due_this_week() {
        let a = serde_json::json!({
            "score": {"total": 62.5, "missing": []},
            "plan": [
                {"title": "Recheck BP", "due": "2026-11-19", "overdue": true},
                {"title": "Glucose", "due": "2026-11-25", "overdue": false},
                {"title": "Weight", "due": "2026-12-20", "overdue": false}
            ]
        });
        let e = extra_from(&a, "2026-11-21", "2026-11-28");
        assert_eq!(e.total, Some(62.5));
        assert_eq!(e.missing, Some(0));
        assert_eq!(
            e.due,
            vec![("Recheck BP".into(), "2026-11-19".into(), true), ("Glucose".into(), "2026-11-25".into(), false)]
        );
    }

    #[test]
    fn a_missing_score_counts_what_is_missing() {
        let a = serde_json::json!({"score": {"total": null, "missing": ["sleep", "diet"]}, "plan": []});
        let e = extra_from(&a, "2026-11-21", "2026-11-28");
        assert_eq!((e.total, e.missing), (None, Some(2)));
        let none = extra_from(&serde_json::json!({"score": null, "plan": []}), "2026-11-21", "2026-11-28");
        assert_eq!((none.total, none.missing), (None, None));
    }
}
