//! The health score page: Life's Essential 8 explained, QRISK3 in plain words, score history.
use std::rc::Rc;

use hale_core::assessment::assess;
use hale_core::score::{Category, Explanation, Score, Status};
use yew::prelude::*;

use hale_core::fields::fmt_num;

use crate::format::one_dp;
use crate::i18n::{f, ff, t, F, T};
use crate::route::{KindSlug, Link, Route};

fn category_words(c: Option<Category>) -> &'static str {
    match c {
        Some(Category::High) => f(F::ScoreHigh80OrMore),
        Some(Category::Moderate) => f(F::ScoreModerate50To79),
        Some(Category::Low) => f(F::ScoreLowBelow50),
        None => f(F::ScoreNotCompleteYet),
    }
}

/// Where to add the data a missing component needs.
fn add_link(component: &str, diabetes: bool) -> Option<(Route, &'static str)> {
    use hale_core::vocab::ObsKind as K;
    let log = |k: K| Route::LogKind { kind: KindSlug(k) };
    Some(match component {
        "physical_activity" => (log(K::Activity), f(F::ScoreLogActivity)),
        "sleep" => (log(K::Sleep), f(F::ScoreLogSleep)),
        "bmi" => (log(K::Weight), f(F::ScoreLogWeight)),
        "blood_lipids" => (log(K::Cholesterol), f(F::ScoreLogCholesterol)),
        // With diabetes only an HbA1c counts; without, a fasting glucose does too.
        "blood_glucose" if diabetes => (log(K::Hba1c), f(F::ScoreLogHba1c)),
        "blood_glucose" => (log(K::Glucose), f(F::ScoreLogFastingGlucose)),
        "blood_pressure" => (log(K::BloodPressure), f(F::ScoreLogBp)),
        "diet" => (
            Route::Check { instrument: crate::route::InstrumentSlug(hale_core::vocab::Instrument::Mepa) },
            f(F::ScoreAnswerDiet),
        ),
        _ => return None,
    })
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
            None => ff(F::ScoreMissing2, &[("0", (e.label))]),
        })
        .collect();
    html! {
        <svg class="chart" viewBox={format!("0 0 400 {h}")} role="img" aria-labelledby="score-chart-title score-chart-desc">
            <title id="score-chart-title">{f(F::ScoreYourEightHealthScoreComponents)}</title>
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
                            <text x="176" y={(y + 16).to_string()} class="chart__missing">{ f(F::ScoreMissingLower) }</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

fn component_row(e: &Explanation, diabetes: bool) -> Html {
    let points = match e.points {
        Some(p) => html! { <strong>{ p }</strong> },
        None => {
            html! { <span>{ match e.status { Status::Stale => f(F::ScoreOutOfDate), Status::NeedsReview => f(F::ScoreNotScored), _ => f(F::ScoreMissing) } }</span> }
        }
    };
    let next = e.next.clone().or_else(|| e.prompt.clone()).unwrap_or_else(|| f(F::ScoreThisIsTheBestBand).into());
    html! {
        <tr role="row">
            <th scope="row" role="rowheader">{ e.label }</th>
            <td role="cell" data-label={f(F::ScorePoints)}>{ points }</td>
            <td role="cell" data-label={f(F::Evidence)}>{ e.value.clone().unwrap_or_else(|| f(F::ScoreNoDataYet).into()) }
                if let Some(b) = &e.band { <span class="summary-list__when">{ b.clone() }</span> }</td>
            <td role="cell" data-label={f(F::ScoreNextStep)}>{ next }
                if e.points.is_none() {
                    if let Some((r, words)) = add_link(e.component, diabetes) { {" "}<Link to={r}>{ words }</Link> }
                }
            </td>
        </tr>
    }
}

/// The page.
#[function_component]
pub fn ScorePage() -> Html {
    let ctx = crate::hooks::use_app();
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
                <h1 id="page-title" tabindex="-1">{t(T::DashScoreTitle)}</h1>
                <p>{f(F::ScoreTheHealthScoreLifeS)}</p>
            </>
        };
    };
    let total = s.total.map(one_dp);
    let win = s.biggest_win.and_then(|k| s.explanations.iter().find(|e| e.component == k));
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{t(T::DashScoreTitle)}</h1>
            <p>{f(F::ScoreYourScoreCombinesEightThings)}</p>
            <div class="score-total">
                if let Some(t) = total {
                    <p class="score-total__number">{ t }<span class="score-total__of">{crate::i18n::t(T::DashOutOf100)}</span></p>
                    <p>{f(F::ScoreThatIs)}<strong>{ category_words(s.category) }</strong>{"."}</p>
                } else {
                    <p class="score-total__number">{f(F::ScoreNotComplete)}</p>
                    <p>{ ff(F::ScoreAddMoreThingToSee, &[("0", &(s.missing.len()).to_string()), ("1", (if s.missing.len() == 1 { "" } else { "s" }))]) }</p>
                }
            </div>
            if let Some(e) = win {
                <section class="flag flag--routine" aria-labelledby="win-title">
                    <h2 id="win-title">{ ff(F::ScoreYourBiggestWin, &[("0", &crate::format::in_sentence(e.label))]) }</h2>
                    <p>{ e.next.clone().unwrap_or_default() }</p>
                    <p>{f(F::ScoreThisChangeWouldRaiseYour)}</p>
                </section>
            }
            <h2>{f(F::ScoreTheEightParts)}</h2>
            { chart(s) }
            <table class="table table--stack" role="table">
                <caption>{f(F::ScoreYourScorePartByPart)}</caption>
                <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">{f(F::ScorePart)}</th><th scope="col" role="columnheader">{f(F::ScorePoints)}</th><th scope="col" role="columnheader">{f(F::Evidence)}</th><th scope="col" role="columnheader">{f(F::ScoreNextStep)}</th></tr></thead>
                <tbody role="rowgroup">{ for s.explanations.iter().map(|e| component_row(e, ctx.state.record.profile.has_diabetes())) }</tbody>
            </table>
            <p class="hint">{ s.source }</p>
            <h2>{f(F::ScoreHowYourScoreHasChanged)}</h2>
            if history.is_empty() {
                <p>{f(F::ScoreYourScoreSHistoryAppears)}</p>
            } else {
                <table class="table">
                    <caption class="visually-hidden">{f(F::ScoreYourScoreAtTheEnd)}</caption>
                    <thead><tr><th scope="col">{f(F::ScoreDate)}</th><th scope="col">{t(T::NavScore)}</th></tr></thead>
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
                <h2 id="qrisk-title">{f(F::ScoreHeartAttackAndStrokeRisk)}</h2>
                <ul>{ for a.qrisk3_prompts.iter().map(|p| html! { <li>{ p.message }</li> }) }</ul>
            </section>
        };
    };
    let n = (q.risk_percent * 10.0).round() / 10.0;
    let per_100 = fmt_num(n.round().max(if n > 0.0 { 1.0 } else { 0.0 }));
    let i = &q.inputs;
    html! {
        <section aria-labelledby="qrisk-title">
            <h2 id="qrisk-title">{f(F::ScoreHeartAttackAndStrokeRisk)}</h2>
            <p class="score-total__number">{ format!("{}%", one_dp(n)) }</p>
            <p>{ ff(F::ScoreAboutInPeopleWithYour, &[("per_100", &per_100.to_string())]) }</p>
            <p>{f(F::ScoreThisIsAnEstimateFor)}</p>
            <h3>{f(F::ScoreWhatItUsed)}</h3>
            <ul>
                <li>{ ff(F::ScoreAge, &[("0", &(i.age).to_string()), ("1", (match i.sex { hale_core::vocab::Sex::Female => "female", hale_core::vocab::Sex::Male => "male" }))]) }</li>
                <li>{ ff(F::ScoreSystolicBloodPressureMmhgAverage, &[("0", &(one_dp(i.sbp)).to_string())]) }</li>
                <li>{ ff(F::ScoreCholesterolRatio, &[("0", &(fmt_num((i.rati * 100.0).round() / 100.0)).to_string())]) }</li>
                <li>{ ff(F::ScoreBmi, &[("0", &(one_dp(i.bmi)).to_string())]) }</li>
                <li>{ [f(F::ScoreNonSmoker), f(F::ScoreExSmoker), f(F::ScoreLightSmoker), f(F::ScoreModerateSmoker), f(F::ScoreHeavySmoker)][usize::from(i.smoke_cat.min(4))] }</li>
                if !i.flags.is_empty() { <li>{ ff(F::ScoreConditionsAndTreatmentsCounted, &[("0", &(i.flags.join(", ").replace('_', " ")).to_string())]) }</li> }
            </ul>
            if !q.defaulted.is_empty() {
                <p>{ ff(F::ScoreFilledInWithQriskS, &[("0", &(q.defaulted.join(", ").replace('_', " ")).to_string())]) }</p>
            }
            if !q.what_if.is_empty() {
                <h3>{f(F::ScoreWhatWouldChangeIt)}</h3>
                <ul>{ for q.what_if.iter().map(|w| html! { <li>{ ff(F::ScoreAbout, &[("0", (w.change)), ("1", &(one_dp(w.risk_percent)).to_string())]) }</li> }) }</ul>
            }
            <p class="hint">{ q.source }{f(F::ScoreClinriskAsksThatAnyoneUsing)}{ t(T::FooterNotDiagnosis) }</p>
        </section>
    }
}
