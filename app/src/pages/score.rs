//! The health score page: Life's Essential 8 explained, QRISK3 in plain words, score history.
use std::rc::Rc;

use hale_core::assessment::assess;
use hale_core::score::{Category, Explanation, Score, Status};
use yew::prelude::*;

use hale_core::fields::fmt_num;

use crate::app::AppContext;
use crate::format::one_dp;
use crate::i18n::{t, T};
use crate::route::{KindSlug, Link, Route};

fn category_words(c: Option<Category>) -> &'static str {
    match c {
        Some(Category::High) => "high (80 or more)",
        Some(Category::Moderate) => "moderate (50 to 79)",
        Some(Category::Low) => "low (below 50)",
        None => "not complete yet",
    }
}

/// Where to add the data a missing component needs.
fn add_link(component: &str) -> Option<Route> {
    use hale_core::vocab::ObsKind as K;
    let kind = match component {
        "physical_activity" => K::Activity,
        "sleep" => K::Sleep,
        "bmi" => K::Weight,
        "blood_lipids" => K::Cholesterol,
        "blood_glucose" => K::Hba1c,
        "blood_pressure" => K::BloodPressure,
        _ => return None,
    };
    Some(Route::LogKind { kind: KindSlug(kind) })
}

/// An accessible bar chart of the eight components (a table follows as the alternative).
fn chart(s: &Score) -> Html {
    let row_h = 30;
    let h = row_h * 8 + 10;
    let desc: Vec<String> = s
        .explanations
        .iter()
        .map(|e| match e.points {
            Some(p) => format!("{} {p}", e.label),
            None => format!("{} missing", e.label),
        })
        .collect();
    html! {
        <svg class="chart" viewBox={format!("0 0 400 {h}")} role="img" aria-labelledby="score-chart-title score-chart-desc">
            <title id="score-chart-title">{"Your eight health score components, out of 100"}</title>
            <desc id="score-chart-desc">{ desc.join("; ") }</desc>
            { for s.explanations.iter().enumerate().map(|(i, e)| {
                let y = 5 + i as i32 * row_h;
                let w = i32::from(e.points.unwrap_or(0)) * 22 / 10;
                html! {
                    <g>
                        <text x="0" y={(y + 19).to_string()} class="chart__label">{ e.label }</text>
                        <rect x="170" y={y.to_string()} width="220" height="22" class="chart__track" />
                        if let Some(p) = e.points {
                            <rect x="170" y={y.to_string()} width={w.to_string()} height="22" class="chart__bar" />
                            <text x={(174 + w.min(190)).to_string()} y={(y + 16).to_string()} class="chart__value">{ p }</text>
                        } else {
                            <text x="176" y={(y + 16).to_string()} class="chart__missing">{"missing"}</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

fn component_row(e: &Explanation) -> Html {
    let points = match e.points {
        Some(p) => html! { <strong>{ p }</strong> },
        None => {
            html! { <span>{ match e.status { Status::Stale => "Out of date", Status::NeedsReview => "Not scored", _ => "Missing" } }</span> }
        }
    };
    let next = e.next.clone().or_else(|| e.prompt.clone()).unwrap_or_else(|| "This is the best band.".into());
    html! {
        <tr role="row">
            <th scope="row" role="rowheader">{ e.label }</th>
            <td role="cell" data-label="Points">{ points }</td>
            <td role="cell" data-label="Based on">{ e.value.clone().unwrap_or_else(|| "No data yet".into()) }
                if let Some(b) = &e.band { <span class="summary-list__when">{ b.clone() }</span> }</td>
            <td role="cell" data-label="Next step">{ next }
                if e.points.is_none() {
                    if let Some(r) = add_link(e.component) { {" "}<Link to={r}>{ format!("Add {}", e.label.to_ascii_lowercase()) }</Link> }
                }
            </td>
        </tr>
    }
}

/// The page.
#[function_component]
pub fn ScorePage() -> Html {
    let ctx = use_context::<AppContext>();
    let record = ctx.as_ref().map(|c| c.state.record.clone());
    let now = ctx.as_ref().map(|c| c.state.now).unwrap_or_default();
    // History: the score at the end of each of the last 12 months (only complete scores).
    let history = use_memo((record.clone().map(|r| Rc::as_ptr(&r) as usize), now.timestamp() / 86_400), move |_| {
        let Some(r) = record else { return Vec::new() };
        (0..12)
            .rev()
            .filter_map(|m| {
                let at = now - chrono::TimeDelta::days(30 * m);
                let a = assess(&r, at, &[]);
                a.score.and_then(|s| s.total).map(|t| (at, t))
            })
            .collect::<Vec<_>>()
    });
    let Some(ctx) = ctx else { return html! {} };
    let a = &ctx.state.assessment;
    let Some(s) = &a.score else {
        return html! {
            <>
                <h1 id="page-title" tabindex="-1">{"Your health score"}</h1>
                <p>{"The health score (Life's Essential 8) is for adults aged 20 and over."}</p>
            </>
        };
    };
    let total = s.total.map(one_dp);
    let win = s.biggest_win.and_then(|k| s.explanations.iter().find(|e| e.component == k));
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{"Your health score"}</h1>
            <p>{"Your score combines eight things that protect your heart and brain: diet, activity, smoking, sleep, weight, cholesterol, blood sugar and blood pressure. Each is scored out of 100, and the score is their average."}</p>
            <div class="score-total">
                if let Some(t) = total {
                    <p class="score-total__number">{ t }<span class="score-total__of">{" out of 100"}</span></p>
                    <p>{"That is "}<strong>{ category_words(s.category) }</strong>{"."}</p>
                } else {
                    <p class="score-total__number">{"Not complete"}</p>
                    <p>{ format!("Add {} more thing{} to see your score. Hale never guesses a missing part.", s.missing.len(), if s.missing.len() == 1 { "" } else { "s" }) }</p>
                }
            </div>
            if let Some(e) = win {
                <section class="flag flag--routine" aria-labelledby="win-title">
                    <h2 id="win-title">{ format!("Your biggest win: {}", e.label.to_ascii_lowercase()) }</h2>
                    <p>{ e.next.clone().unwrap_or_default() }</p>
                    <p>{"This change would raise your score the most."}</p>
                </section>
            }
            <h2>{"The eight parts"}</h2>
            { chart(s) }
            <table class="table table--stack" role="table">
                <caption>{"Your score, part by part"}</caption>
                <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">{"Part"}</th><th scope="col" role="columnheader">{"Points"}</th><th scope="col" role="columnheader">{"Based on"}</th><th scope="col" role="columnheader">{"Next step"}</th></tr></thead>
                <tbody role="rowgroup">{ for s.explanations.iter().map(component_row) }</tbody>
            </table>
            <p class="hint">{ s.source }</p>
            <h2>{"How your score has changed"}</h2>
            if history.is_empty() {
                <p>{"Your score's history appears once all eight parts have data."}</p>
            } else {
                <table class="table">
                    <caption class="visually-hidden">{"Your score at the end of each month"}</caption>
                    <thead><tr><th scope="col">{"Date"}</th><th scope="col">{"Score"}</th></tr></thead>
                    <tbody>{ for history.iter().map(|(at, t)| html! {
                        <tr><td>{ crate::platform::human_date(*at) }</td><td>{ one_dp(*t) }</td></tr>
                    }) }</tbody>
                </table>
            }
            { qrisk(a) }
        </>
    }
}

fn qrisk(a: &hale_core::assessment::Assessment) -> Html {
    let Some(q) = &a.qrisk3 else {
        return html! {
            <section aria-labelledby="qrisk-title">
                <h2 id="qrisk-title">{"Heart attack and stroke risk (QRISK3)"}</h2>
                <ul>{ for a.qrisk3_prompts.iter().map(|p| html! { <li>{ p.message }</li> }) }</ul>
            </section>
        };
    };
    let n = (q.risk_percent * 10.0).round() / 10.0;
    let per_100 = fmt_num(n.round().max(if n > 0.0 { 1.0 } else { 0.0 }));
    let i = &q.inputs;
    html! {
        <section aria-labelledby="qrisk-title">
            <h2 id="qrisk-title">{"Heart attack and stroke risk (QRISK3)"}</h2>
            <p class="score-total__number">{ format!("{}%", one_dp(n)) }</p>
            <p>{ format!("About {per_100} in 100 people with your risk factors would have a heart attack or stroke in the next 10 years.") }</p>
            <p>{"This is an estimate for a group of people like you, not a prediction for you. It is not a diagnosis."}</p>
            <h3>{"What it used"}</h3>
            <ul>
                <li>{ format!("Age {}, {}", i.age, match i.sex { hale_core::vocab::Sex::Female => "female", hale_core::vocab::Sex::Male => "male" }) }</li>
                <li>{ format!("Systolic blood pressure {} mmHg (average of your recent readings)", one_dp(i.sbp)) }</li>
                <li>{ format!("Cholesterol ratio {}", fmt_num((i.rati * 100.0).round() / 100.0)) }</li>
                <li>{ format!("BMI {}", one_dp(i.bmi)) }</li>
                <li>{ ["Non-smoker", "Ex-smoker", "Light smoker", "Moderate smoker", "Heavy smoker"][usize::from(i.smoke_cat.min(4))] }</li>
                if !i.flags.is_empty() { <li>{ format!("Conditions and treatments counted: {}", i.flags.join(", ").replace('_', " ")) }</li> }
            </ul>
            if !q.defaulted.is_empty() {
                <p>{ format!("Filled in with QRISK3's defaults because they were not given: {}.", q.defaulted.join(", ").replace('_', " ")) }</p>
            }
            if !q.what_if.is_empty() {
                <h3>{"What would change it"}</h3>
                <ul>{ for q.what_if.iter().map(|w| html! { <li>{ format!("{}: about {}%", w.change, one_dp(w.risk_percent)) }</li> }) }</ul>
            }
            <p class="hint">{ q.source }{". ClinRisk asks that anyone using a port of QRISK3 checks it reproduces qrisk.org's results; Hale's is checked against ClinRisk's published test outputs. "}{ t(T::FooterNotDiagnosis) }</p>
        </section>
    }
}
