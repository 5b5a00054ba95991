//! Trends: a chart per kind of reading over 7 days to all time, with the person's target band,
//! and a table of the same points.
use std::rc::Rc;

use hale_core::spec::kind_spec;
use hale_core::trends::{series, Range};
use hale_core::vocab::ObsKind;
use yew::prelude::*;

use crate::components::line_chart::{self, LineChart};
use crate::components::ui::{page_title, source};
use crate::format::value_text;
use crate::i18n::{f, ff, t, F, T};
use crate::platform::human_time;
use crate::route::{KindSlug, Link, Route};

/// Points drawn at most: about one per 3 px of a phone-width chart.
const MAX_POINTS: usize = 120;

/// Every kind with readings, each linking to its trend.
#[function_component]
pub fn TrendsIndex() -> Html {
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let record = &ctx.state.record;
    let kinds: Vec<(ObsKind, usize, Option<&hale_core::record::Observation>)> = ObsKind::ALL
        .iter()
        .filter(|k| !hale_core::trends::fields(**k).is_empty())
        .map(|k| {
            let of: Vec<&hale_core::record::Observation> =
                record.observations.iter().filter(|o| o.kind() == *k).collect();
            (*k, of.len(), of.into_iter().max_by_key(|o| o.at))
        })
        .filter(|(_, n, _)| *n > 0)
        .collect();
    html! {
        <>
            { page_title(f(F::TrendsYourTrends)) }
            if kinds.is_empty() {
                <p>{f(F::TrendsTrendsAppearHereOnceYou)}</p>
                <Link classes={classes!("button")} to={Route::Log}>{t(T::LogTitle)}</Link>
            } else {
                <p>{f(F::TrendsChooseAKindOfReading)}</p>
                <ul class="link-list link-list--cards">
                    { for kinds.into_iter().map(|(k, n, latest)| html! {
                        <li>
                            <Link to={Route::Trend { kind: KindSlug(k) }}>{ kind_spec(k).label }</Link>
                            <span class="summary-list__when">
                                { ff(F::TrendsNReadings, &[("n", &n.to_string()), ("s", if n == 1 { "" } else { "s" })]) }
                                { latest.map(|o| ff(F::TrendsLatestOn, &[("0", &(value_text(&o.value)).to_string()), ("1", &(human_time(o.at)).to_string())])).unwrap_or_default() }
                            </span>
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}

/// The targets' sources, each once.
fn sources(s: &hale_core::trends::Series) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in &s.targets {
        if !out.contains(&t.source) {
            out.push(t.source);
        }
    }
    out.join("; ")
}

/// Props.
#[derive(Properties, PartialEq)]
pub struct TrendProps {
    /// Which kind.
    pub kind: ObsKind,
}

/// One kind's trend.
#[function_component]
pub fn Trend(props: &TrendProps) -> Html {
    let range = use_state(|| Range::Month);
    let ctx = crate::hooks::use_app();
    let kind = props.kind;
    let data = {
        let record = ctx.as_ref().map(|c| c.state.record.clone());
        let now = ctx.as_ref().map(|c| c.state.now).unwrap_or_default();
        let key = (record.as_ref().map(|r| Rc::as_ptr(r) as usize), *range, now.timestamp() / 60);
        let r = *range;
        use_memo(key, move |_| record.map(|rec| series(&rec, kind, r, now, MAX_POINTS)))
    };
    let Some(s) = (*data).clone() else { return html! {} };
    let spec = kind_spec(kind);
    let label = spec.label;
    let choices = html! {
        <div class="form-group">
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{f(F::TrendsShow)}</legend>
                <div class="radios radios--inline">
                    { for Range::ALL.iter().map(|r| {
                        let r = *r;
                        let handle = range.clone();
                        let id = format!("range-{}", r.key());
                        html! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="range" id={id.clone()} checked={*range == r}
                                    onchange={Callback::from(move |_: Event| handle.set(r))} />
                                <label class="label radios__label" for={id}>{ r.label() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    };
    let range_words = match range.days() {
        Some(_) => ff(F::TrendsTheLast, &[("range", range.label())]),
        None => f(F::TrendsAllTime).to_string(),
    };
    html! {
        <>
            { page_title(&ff(F::TrendsTrend, &[("label", label)])) }
            { choices }
            if s.fields.is_empty() {
                <p>{ ff(F::TrendsIsNotANumberSo, &[("label", label)]) }</p>
                <p><Link to={Route::Readings}>{t(T::HomeAllReadings)}</Link></p>
            } else if s.readings == 0 {
                <p>{ ff(F::TrendsNoReadingsIn, &[("0", &crate::format::in_sentence(label)), ("range_words", &range_words.to_string())]) }</p>
            } else {
                <LineChart series={s.clone()} id="trend" title={ff(F::TrendsChartTitle, &[("label", label), ("range", &range_words)])} />
                if s.fields.len() > 1 {
                    <ul class="chart-key">
                        { for s.fields.iter().enumerate().map(|(i, f)| html! {
                            <li class={if i == 0 { "chart-key__item" } else { "chart-key__item chart-key__item--second" }}>{ f.label }</li>
                        }) }
                    </ul>
                }
                if s.summarised {
                    <p class="hint">{ ff(F::TrendsReadingsEachPointIsThe, &[("0", &(s.readings).to_string())]) }</p>
                }
            }
            if !s.targets.is_empty() {
                <h2>{f(F::TrendsYourTarget)}</h2>
                <ul>{ for s.targets.iter().map(|t| html! { <li>{ t.words.clone() }</li> }) }</ul>
                { source(&sources(&s), s.targets.iter().any(|t| t.unverified)) }
            }
            if s.readings > 0 {
                <details class="details">
                    <summary>{f(F::TrendsShowTheReadingsAsA)}</summary>
                    { line_chart::table(&s, &ff(F::TrendsChartTitle, &[("label", label), ("range", &range_words)])) }
                </details>
            }
            <p><Link classes={classes!("button", "button--secondary")} to={Route::LogKind { kind: KindSlug(kind) }}>{ ff(F::TrendsLog, &[("0", &crate::format::in_sentence(label))]) }</Link></p>
            <p><Link to={Route::Trends}>{f(F::TrendsAllYourTrends)}</Link></p>
        </>
    }
}
