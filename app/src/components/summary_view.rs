//! A shared summary as the care team sees it (and as the person previews it before sharing): who
//! and when, flags from the last 90 days, latest readings, small trend charts, the score and its
//! components, QRISK3, questionnaires, the plan and notes. It reads the review view JSON the core
//! makes (`summaryOpen`, `summaryPreview`, `summaryFromFile`); the trends are drawn from the
//! summary's readings with the core's `trends::series`. Laid out to print on one A4 page.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use hale_core::red_flags::Level;
use hale_core::trends::{series, Range};
use hale_core::vocab::ObsKind;
use serde_json::Value;
use yew::prelude::*;

use crate::components::flag_card::level_style;
use crate::components::line_chart::LineChart;
use crate::format::{human_day, one_dp, value_text};
use crate::i18n::{f, ff, vocab_label, F};
use crate::platform::{human_date, human_time};

/// Props.
#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    /// The review view JSON.
    pub view: Rc<Value>,
    /// Whether this is the person's own preview (wording differs slightly).
    #[prop_or_default]
    pub preview: bool,
    /// Read just now from this practice's server (the care team's worklist), not a shared copy.
    #[prop_or_default]
    pub live: Option<String>,
}

/// A flag's level from its JSON spelling. A spelling this build does not know (a newer Hale) is
/// never read as "nothing to escalate": it shows as "contact the GP practice".
fn level_of(s: &str) -> Level {
    Level::ALL.iter().copied().find(|l| l.as_str() == s).unwrap_or(Level::Soon)
}

fn time(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str().and_then(hale_core::time::parse_rfc3339)
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// A peak flow's share of the person's best: " (64 % of your best, 500 L/min)".
fn peak_flow_share(v: &hale_core::record::ObsValue, best: Option<f64>) -> String {
    match (v, best) {
        (hale_core::record::ObsValue::PeakFlow { l_min }, Some(b)) if b > 0.0 => ff(
            F::SvPeakOfBest,
            &[("pct", &format!("{:.0}", 100.0 * l_min / b)), ("best", &hale_core::fields::fmt_num(b))],
        ),
        (hale_core::record::ObsValue::PeakFlow { .. }, _) => f(F::SvPeakNoBest).to_string(),
        _ => String::new(),
    }
}

/// The care plan as it travels: what matters, the advance care plan, medicines by name and dose,
/// allergies, and whom to call. Nothing (not even a heading) when there is none.
fn care_plan(c: &Value) -> Html {
    if !c.is_object() {
        return html! {};
    }
    let list = |k: &str| c[k].as_array().cloned().unwrap_or_default();
    let (meds, allergies, contacts) = (list("medicines"), list("allergies"), list("contacts"));
    let with = |a: &Value, b: &Value, sep: &str| match b.as_str() {
        Some(x) => format!("{}{sep}{x}", text(a)),
        None => text(a),
    };
    html! {
        <section class="summary__part summary__care" aria-labelledby="sv-care">
            <h2 id="sv-care">{ f(F::SvCarePlan) }</h2>
            if let Some(w) = c["what_matters"].as_str() {
                <h3>{ f(F::SvWhatMatters) }</h3>
                <p class="summary__quote">{ w }</p>
            }
            if let Some(a) = c["advance_care_plan"].as_str() {
                <h3>{ f(F::SvAdvanceCarePlan) }</h3>
                <p>{ a }</p>
            }
            if !meds.is_empty() || c["medicines_notes"].is_string() {
                <h3>{ f(F::SvMedicinesTaken) }</h3>
                <ul>{ for meds.iter().map(|m| html! { <li>{ with(&m["name"], &m["dose"], ", ") }</li> }) }</ul>
                if let Some(n) = c["medicines_notes"].as_str() { <p>{ n }</p> }
            }
            if !allergies.is_empty() {
                <h3>{ f(F::SvAllergies) }</h3>
                <ul>{ for allergies.iter().map(|a| html! { <li>{ with(&a["substance"], &a["reaction"], ": ") }</li> }) }</ul>
            } else if c["no_known_allergies"].as_bool().unwrap_or(false) {
                <h3>{ f(F::SvAllergies) }</h3>
                <p>{ f(F::SvNoKnownAllergies) }</p>
            } else {
                <h3>{ f(F::SvAllergies) }</h3>
                <p>{ f(F::SvAllergiesNotRecorded) }</p>
            }
            if !contacts.is_empty() {
                <h3>{ f(F::SvContacts) }</h3>
                <ul>{ for contacts.iter().map(|k| {
                    let mut who = text(&k["name"]);
                    let role = k["role"].as_str().and_then(hale_core::vocab::ContactRole::parse).map(crate::i18n::role_label);
                    let about: Vec<String> = [k["relationship"].as_str().map(String::from), role.map(String::from)]
                        .into_iter()
                        .flatten()
                        .collect();
                    if !about.is_empty() {
                        who = format!("{who} ({})", about.join(", "));
                    }
                    html! {
                        <li>{ who }
                            if let Some(p) = k["phone"].as_str() {
                                {": "}<a href={format!("tel:{}", p.replace(' ', ""))}>{ p }</a>
                            }
                        </li>
                    }
                }) }</ul>
            }
        </section>
    }
}

/// Points for the charts: enough for a small chart.
const CHART_POINTS: usize = 40;

/// The summary.
#[function_component]
pub fn SummaryView(props: &SummaryViewProps) -> Html {
    let v = &*props.view;
    let parsed = use_memo(props.view.clone(), |view| hale_core::parse::parse_record_value(&view["record"]).ok());
    let record = parsed.as_ref().as_ref().map(|p| &p.record);
    let created = time(&v["created"]).unwrap_or_default();
    let profile = &v["record"]["profile"];

    let who = {
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = profile["name"].as_str() {
            parts.push(n.to_string());
        }
        if let Some(b) = profile["birth_date"].as_str() {
            parts.push(ff(F::SvBorn, &[("date", &human_day(b))]));
        }
        if let Some(a) = v["age_years"].as_u64() {
            parts.push(ff(F::SvAge, &[("n", &a.to_string())]));
        }
        if let Some(s) = profile["sex"].as_str() {
            parts.push(if s == "female" { f(F::SvFemale) } else { f(F::SvMale) }.to_string());
        }
        if parts.is_empty() {
            f(F::SvNoDetails).to_string()
        } else {
            parts.join(", ")
        }
    };
    let list_of = |key: &str| -> Vec<String> {
        profile[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|c| vocab_label(c).to_string())
            .collect()
    };
    let conditions = list_of("conditions");
    let medications = list_of("medications");

    // How old the copy is now (a kept summary is shown days or weeks later).
    let age_days = (crate::platform::now() - created).num_days().max(0);
    let header = html! {
        <header class="summary__head">
            <p class="print-only summary__title"><strong>{ f(F::SvPrintTitle) }</strong></p>
            <p class="summary__who"><strong>{ who }</strong></p>
            if let Some(practice) = &props.live {
                <p>{ ff(F::SvLiveCovers, &[("practice", practice), ("made", &human_time(created)), ("from", &human_day(&text(&v["from"]))), ("to", &human_day(&text(&v["to"])))]) }</p>
            } else {
                <p>{ ff(F::SvMadeCovers, &[("made", &human_time(created)), ("from", &human_day(&text(&v["from"]))), ("to", &human_day(&text(&v["to"])))]) }</p>
            }
            if !props.preview && props.live.is_none() {
                <p class="summary__stale">{ if age_days == 0 { f(F::SvCopyToday).to_string() } else { ff(F::SvCopyDaysAgo, &[("n", &age_days.to_string()), ("s", if age_days == 1 { "" } else { "s" })]) } }</p>
            }
            // A preview has no link yet: nothing about a link is said until there is one.
            if let (Some(e), false) = (time(&v["expires"]), props.preview) {
                <p>{ ff(F::SvLinkOpensUntil, &[("date", &human_date(e))]) }</p>
            }
        </header>
    };

    let care = &profile["care_plan"];
    let care_html = care_plan(care);

    let about = html! {
        <section class="summary__part" aria-labelledby="sv-about">
            <h2 id="sv-about">{ f(F::SvConditionsAndMedicines) }</h2>
            <p>{ if conditions.is_empty() { f(F::SvNoConditions).to_string() } else { conditions.join(", ") } }</p>
            <p>{ if medications.is_empty() { f(F::SvNoMedicines).to_string() } else { ff(F::SvMedicines, &[("list", &medications.join(", "))]) } }</p>
            // The targets the care team set change what a reading means: said beside the conditions.
            if let Some(t) = profile["oxygen_target"].as_str() {
                <p>{ ff(F::SvOxygenTarget, &[("range", &t.replace('_', "\u{2013}"))]) }</p>
            }
            if let (Some(lo), Some(hi)) = (profile["glucose_target_mmol_l"]["low"].as_f64(), profile["glucose_target_mmol_l"]["high"].as_f64()) {
                <p>{ ff(F::SvGlucoseTarget, &[("lo", &hale_core::fields::fmt_num(lo)), ("hi", &hale_core::fields::fmt_num(hi))]) }</p>
            }
        </section>
    };

    let flags: Vec<&Value> = v["flags"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let flags_html = html! {
        <section class="summary__part" aria-labelledby="sv-flags">
            <h2 id="sv-flags">{ f(F::SvFlags90) }</h2>
            if flags.is_empty() {
                <p>{ match v["flag_window_entries"].as_u64().unwrap_or(0) {
                    0 => f(F::SvNoFlagsNoEntries).to_string(),
                    n => ff(F::SvNoFlags, &[("n", &n.to_string()), ("s", if n == 1 { "y" } else { "ies" })]),
                } }</p>
            } else {
                <ul class="summary__flags">
                    { for flags.iter().map(|fl| {
                        let (class, level) = level_style(level_of(fl["level"].as_str().unwrap_or("")));
                        let from = time(&fl["from"]).map(human_time).unwrap_or_default();
                        let last = time(&fl["last_seen"]).map(human_time).unwrap_or_default();
                        html! {
                            <li class={classes!("summary__flag", class)}>
                                <strong>{ format!("{level}: ") }{ text(&fl["title"]) }</strong>
                                <span>{ if fl["active"].as_bool().unwrap_or(false) { ff(F::SvFlagActive, &[("from", &from)]) } else if from == last { ff(F::SvFlagOnce, &[("from", &from)]) } else { ff(F::SvFlagPast, &[("from", &from), ("to", &last)]) } }</span>
                                <span class="summary__source">{ ff(F::SvSource, &[("source", &text(&fl["source"]))]) }{ if fl["unverified"].as_bool().unwrap_or(false) { f(F::SvUnverified) } else { "" } }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    };

    let kinds: Vec<ObsKind> = record
        .map(|r| ObsKind::ALL.iter().copied().filter(|k| r.observations.iter().any(|o| o.kind() == *k)).collect())
        .unwrap_or_default();
    let latest = html! {
        <section class="summary__part" aria-labelledby="sv-latest">
            <h2 id="sv-latest">{ f(F::SvLatestReadings) }</h2>
            if kinds.is_empty() {
                <p>{ f(F::SvNoReadings) }</p>
            } else {
                <table class="table summary__table">
                    <thead><tr><th scope="col">{ f(F::SvReading) }</th><th scope="col">{ f(F::SvValue) }</th><th scope="col">{ f(F::SvWhen) }</th></tr></thead>
                    <tbody>
                        { for kinds.iter().filter_map(|k| {
                            let r = record?;
                            let of: Vec<_> = r.observations.iter().filter(|o| o.kind() == *k).collect();
                            let last = of.iter().max_by_key(|o| o.at)?;
                            Some(html! {
                                <tr>
                                    <th scope="row">{ hale_core::spec::kind_spec(*k).label }</th>
                                    <td>{ value_text(&last.value) }{ peak_flow_share(&last.value, profile["peak_flow_best_l_min"].as_f64()) }</td>
                                    <td>{ human_time(last.at) }<br />{ ff(F::SvCount, &[("n", &of.len().to_string()), ("s", if of.len() == 1 { "" } else { "s" })]) }</td>
                                </tr>
                            })
                        }) }
                    </tbody>
                </table>
            }
        </section>
    };

    let chart_list: Vec<Html> = kinds
        .iter()
        .filter_map(|k| {
            let r = record?;
            let s = series(r, *k, Range::All, created, CHART_POINTS);
            (s.points.len() >= 2 && !s.fields.is_empty()).then(|| {
                let label = hale_core::spec::kind_spec(*k).label;
                html! {
                    <div class="summary__chart">
                        <p class="summary__chart-label" aria-hidden="true">{ label }</p>
                        <LineChart series={s} id={format!("sv-{}", k.as_str())} title={ff(F::SvChartTitle, &[("label", label)])} />
                    </div>
                }
            })
        })
        .collect();
    // No heading without something under it.
    let charts = if chart_list.is_empty() {
        html! {}
    } else {
        html! {
            <section class="summary__part summary__charts" aria-labelledby="sv-trends">
                <h2 id="sv-trends">{ f(F::SvTrends) }</h2>
                { for chart_list }
            </section>
        }
    };

    let score = &v["score"];
    let qrisk = v["qrisk3"]["risk_percent"].as_f64();
    // The score is shown only when it was shared (by default, only when complete).
    let score_html = if score.is_null() && qrisk.is_none() {
        html! {}
    } else {
        html! {
            <section class="summary__part" aria-labelledby="sv-score">
                <h2 id="sv-score">{ f(F::SvScoreAndRisk) }</h2>
                if !score.is_null() {
                    <p>{ match score["total"].as_f64() {
                        Some(t) => ff(F::SvScoreTotal, &[("n", &one_dp(t))]),
                        None => f(F::SvScoreIncomplete).to_string(),
                    } }</p>
                    <table class="table summary__table">
                        <thead><tr><th scope="col">{ f(F::SvComponent) }</th><th scope="col">{ f(F::SvPoints) }</th></tr></thead>
                        <tbody>
                            { for score["components"].as_array().into_iter().flatten().map(|c| html! {
                                <tr><th scope="row">{ text(&c["label"]) }</th><td>{ c["points"].as_u64().map_or_else(|| f(F::SvMissing).to_string(), |p| p.to_string()) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                }
                if let Some(p) = qrisk { <p>{ ff(F::SvQrisk, &[("n", &one_dp(p))]) }</p> }
            </section>
        }
    };

    let qs: Vec<&Value> = v["questionnaires"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let qs_html = if qs.is_empty() {
        html! {}
    } else {
        html! {
            <section class="summary__part" aria-labelledby="sv-q">
                <h2 id="sv-q">{ f(F::SvQuestionnaires) }</h2>
                <ul>{ for qs.iter().map(|q| html! {
                    <li>{ ff(F::SvQuestionnaire, &[("name", &text(&q["name"])), ("total", &q["total"].to_string()), ("band", &text(&q["band"])), ("when", &time(&q["at"]).map(human_date).unwrap_or_default())]) }</li>
                }) }</ul>
            </section>
        }
    };

    let plan: Vec<&Value> = v["plan"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let plan_html = html! {
        <section class="summary__part" aria-labelledby="sv-plan">
            <h2 id="sv-plan">{ f(F::SvPlan) }</h2>
            if plan.is_empty() {
                <p>{ f(F::SvNoPlan) }</p>
            } else {
                <ul>{ for plan.iter().map(|p| html! {
                    <li>{ text(&p["title"]) }{ " \u{2013} " }{ if p["overdue"].as_bool().unwrap_or(false) { ff(F::SvOverdue, &[("date", &human_day(&text(&p["due"])))]) } else { ff(F::SvDue, &[("date", &human_day(&text(&p["due"])))]) } }</li>
                }) }</ul>
            }
        </section>
    };

    let notes: Vec<(DateTime<Utc>, String)> = record
        .map(|r| {
            let mut n: Vec<(DateTime<Utc>, String)> = r
                .observations
                .iter()
                .filter_map(|o| o.note.clone().map(|t| (o.at, format!("{}: {t}", value_text(&o.value)))))
                .chain(r.symptoms.iter().filter_map(|s| {
                    s.note.clone().map(|t| (s.at, format!("{}: {t}", crate::i18n::symptom_label(s.code))))
                }))
                .collect();
            n.sort_by_key(|x| std::cmp::Reverse(x.0));
            n
        })
        .unwrap_or_default();
    html! {
        <article class="summary" aria-label={f(F::SvSummaryLabel)}>
            { header }
            { flags_html }
            { care_html }
            { about }
            { latest }
            { score_html }
            { charts }
            { qs_html }
            { plan_html }
            if !notes.is_empty() {
                <section class="summary__part" aria-labelledby="sv-notes">
                    <h2 id="sv-notes">{ f(F::SvNotes) }</h2>
                    <ul>{ for notes.iter().map(|(at, t)| html! { <li>{ format!("{}, {t}", human_date(*at)) }</li> }) }</ul>
                </section>
            }
            <p class="summary__foot">{ f(F::SvFoot) }</p>
        </article>
    }
}
