//! The recheck plan: due and overdue rechecks, each with a link to log it, and "Add to calendar".
use hale_core::protocols::Recheck;
use yew::prelude::*;

use crate::components::ui::{page_title, status};
use crate::format::human_day;
use crate::i18n::{f, tf, F, T};
use crate::platform;
use crate::route::{InstrumentSlug, KindSlug, Link, Route};

/// Where to go to complete a recheck.
pub fn recheck_route(r: Option<Recheck>) -> Option<Route> {
    match r? {
        Recheck::Reading(k) => Some(Route::LogKind { kind: KindSlug(k) }),
        Recheck::Questionnaire(i) => Some(Route::Check { instrument: InstrumentSlug(i) }),
        Recheck::PracticeReview => None,
    }
}

/// Whether a recheck is due today or overdue (the only time "Do it now" fits beside its date).
fn due_now(due: &str) -> bool {
    hale_core::time::parse_date(due).is_some_and(|d| d <= platform::now().date_naive())
}

/// The page.
#[function_component]
pub fn Plan() -> Html {
    let message = use_state(|| None::<String>);
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let a = &ctx.state.assessment;
    let onics = {
        let (ctx, message) = (ctx.clone(), message.clone());
        Callback::from(move |_| {
            // In the NHS App: each recheck straight into the phone's calendar, at 9am UTC on the day.
            let events: Vec<serde_json::Value> = ctx
                .state
                .assessment
                .plan
                .iter()
                .filter_map(|p| {
                    let day = hale_core::time::parse_date(&p.due)?;
                    let start = day.and_hms_opt(9, 0, 0)?.and_utc().timestamp();
                    Some(serde_json::json!({"subject": p.title, "body": "Hale recheck", "start": start, "end": start + 1800}))
                })
                .collect();
            if !events.is_empty() && crate::bindings::nhs_app_calendar(&serde_json::Value::from(events)) {
                return message.set(Some(f(F::PlanAddedToCalendar).into()));
            }
            // The plan on the page is the one exported: the same assessment, at the same instant.
            let ics = hale_core::ics::plan_to_ics(&ctx.state.assessment.plan, ctx.state.now);
            message.set(Some(match platform::download("hale-rechecks.ics", "text/calendar", &ics) {
                Ok(()) => f(F::PlanCalendarFileSavedOpenIt).into(),
                Err(e) => e,
            }));
        })
    };
    html! {
        <>
            { page_title(f(F::MoreYourRecheckPlan)) }
            if a.plan.is_empty() {
                <p>{f(F::PlanNothingToRecheckYetWhen)}</p>
            } else {
                <ul class="plan">
                    { for a.plan.iter().map(|p| html! {
                        <li class={classes!("plan__item", p.overdue.then_some("plan__item--overdue"))}>
                            <p><strong>{ p.title }</strong></p>
                            <p>{ if p.overdue { tf(T::DashOverdue, &[("date", &human_day(&p.due))]) } else { tf(T::DashDue, &[("date", &human_day(&p.due))]) } }</p>
                            if p.recheck == Some(Recheck::PracticeReview) { <p>{f(F::PlanWorkingDays)}</p> }
                            if let Some(r) = recheck_route(p.recheck) {
                                <Link to={r}>{ if due_now(&p.due) { f(F::PlanDoItNow) } else { f(F::PlanOpenTheForm) } }</Link>
                            }
                        </li>
                    }) }
                </ul>
                <button type="button" class="button button--secondary" onclick={onics}>{f(F::PlanAddToCalendarIcs)}</button>
            }
            { status(&message) }
        </>
    }
}
