//! A time-series chart (SVG) of one kind of reading: a line per field, the target band shaded,
//! a title and description for screen readers, and a table of the same points as the alternative.
//! The geometry (scales, ticks) is plain functions, tested natively.

use chrono::{DateTime, Datelike, Utc};
use hale_core::trends::{Point, Series};
use yew::prelude::*;

use crate::format::one_dp;
use crate::i18n::{f, ff, F};

/// The chart's drawing area in SVG units (scaled to the screen's width; about 1:1 on a phone, so
/// the labels stay readable).
pub const WIDTH: f64 = 360.0;
/// Height.
pub const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 32.0;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A linear map from data to drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    /// From `[d0, d1]` to `[r0, r1]` (a zero-width domain maps to the middle).
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        Scale { d0, d1, r0, r1 }
    }
    /// Maps a value.
    pub fn at(&self, x: f64) -> f64 {
        if (self.d1 - self.d0).abs() < f64::EPSILON {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (x - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// "Nice" tick values (1, 2 or 5 times a power of ten apart) covering `[lo, hi]`, about `n` of them.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() || n == 0 {
        return Vec::new();
    }
    let (lo, hi) = if hi - lo < 1e-9 { (lo - 1.0, hi + 1.0) } else { (lo, hi) };
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= hi + step * 0.5 && ticks.len() < 50 {
        ticks.push((t / step).round() * step);
        t += step;
    }
    ticks
}

/// Date ticks for a time span (Unix seconds): days, weeks, months or years, with labels.
pub fn time_ticks(start: i64, end: i64) -> Vec<(i64, String)> {
    let day = 86_400;
    let span = (end - start).max(1);
    let to_date = |t: i64| DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default().date_naive();
    let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).map(|x| x.and_utc().timestamp()).unwrap_or(0);
    let mut ticks = Vec::new();
    if span <= 10 * day {
        let mut d = to_date(start);
        while midnight(d) <= end {
            let t = midnight(d);
            if t >= start {
                ticks.push((t, format!("{} {}", d.day(), MONTHS[d.month0() as usize])));
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
    } else if span <= 100 * day {
        let step = if span <= 40 * day { 7 } else { 14 };
        let mut d = to_date(start);
        while midnight(d) < start {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return ticks,
            }
        }
        while midnight(d) <= end {
            ticks.push((midnight(d), format!("{} {}", d.day(), MONTHS[d.month0() as usize])));
            match d.checked_add_days(chrono::Days::new(step)) {
                Some(next) => d = next,
                None => break,
            }
        }
    } else if span <= 800 * day {
        let step = if span <= 400 * day { 2 } else { 4 };
        let first = to_date(start);
        let (mut y, mut m) = (first.year(), first.month0() + 1);
        loop {
            if m == 12 {
                y += 1;
                m = 0;
            }
            let Some(d) = chrono::NaiveDate::from_ymd_opt(y, m + 1, 1) else { break };
            if midnight(d) > end {
                break;
            }
            if m % step == 0 {
                ticks.push((midnight(d), format!("{} {}", MONTHS[m as usize], y)));
            }
            m += 1;
        }
    } else {
        let years = span / (365 * day);
        let step = (years / 6 + 1) as i32;
        let mut y = to_date(start).year() + 1;
        while let Some(d) = chrono::NaiveDate::from_ymd_opt(y, 1, 1) {
            if midnight(d) > end {
                break;
            }
            ticks.push((midnight(d), y.to_string()));
            y += step;
        }
    }
    ticks
}

/// The y range to draw: the readings' lowest and highest, the target band's edges, padded.
pub fn y_domain(s: &Series) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for p in &s.points {
        for v in p.min.iter().chain(p.max.iter()).filter(|v| v.is_finite()) {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    for t in &s.targets {
        for v in [t.low, t.high].into_iter().flatten() {
            // A band edge far from the readings would squash them: include edges within reach.
            if !lo.is_finite() || (v >= lo - (hi - lo).max(1.0) && v <= hi + (hi - lo).max(1.0)) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    padded(lo, hi)
}

/// The readings' range with 8 % either side; one reading (or all alike) opens the axis around it,
/// so its ticks are distinct numbers.
fn padded(mut lo: f64, mut hi: f64) -> (f64, f64) {
    if hi - lo < 1e-9 {
        let half = (lo.abs() * 0.1).max(0.5);
        lo -= half;
        hi += half;
    }
    let pad = (hi - lo) * 0.08;
    (lo - pad, hi + pad)
}

fn day_text(t: i64) -> String {
    let d = DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default().date_naive();
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// When a point was taken, in words ("3 Nov 2026", or "3 Nov 2026 to 9 Nov 2026").
pub fn point_when(p: &Point) -> String {
    let (a, b) = (day_text(p.from), day_text(p.to));
    if a == b {
        a
    } else {
        ff(F::LineChartTo, &[("a", &a.to_string()), ("b", &b.to_string())])
    }
}

/// Props.
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// The series.
    pub series: Series,
    /// The chart's title (also its accessible name).
    pub title: AttrValue,
    /// Ids are derived from this.
    pub id: AttrValue,
}

/// The chart.
#[function_component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let s = &props.series;
    let (y0, y1) = y_domain(s);
    let x = Scale::new(s.start as f64, s.end as f64, LEFT, WIDTH - RIGHT);
    let y = Scale::new(y0, y1, HEIGHT - BOTTOM, TOP);
    let ticks = nice_ticks(y0, y1, 6).into_iter().filter(|t| *t >= y0 && *t <= y1).collect::<Vec<_>>();
    let xt = time_ticks(s.start, s.end);
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let mut desc = vec![ff(
        F::LineChartReadingsFromTo,
        &[
            ("n", &s.readings.to_string()),
            ("s", if s.readings == 1 { "" } else { "s" }),
            ("from", &day_text(s.start)),
            ("to", &day_text(s.end)),
        ],
    )];
    for (i, f) in s.fields.iter().enumerate() {
        let lo = s.points.iter().map(|p| p.min[i]).fold(f64::INFINITY, f64::min);
        let hi = s.points.iter().map(|p| p.max[i]).fold(f64::NEG_INFINITY, f64::max);
        if let Some(last) = s.points.last() {
            desc.push(ff(
                F::LineChartLowestHighestLatest,
                &[
                    ("label", f.label),
                    ("lo", &one_dp(lo)),
                    ("hi", &one_dp(hi)),
                    ("latest", &one_dp(last.mean[i])),
                    ("unit", f.unit),
                ],
            ));
        }
    }
    for t in &s.targets {
        desc.push(ff(F::LineChartTarget, &[("0", &(t.words).to_string())]));
    }
    let x_of = |p: &Point| x.at((p.from + p.to) as f64 / 2.0);
    html! {
        <svg class="chart chart--line" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
            <title id={title_id}>{ props.title.clone() }</title>
            <desc id={desc_id}>{ desc.join(" ") }</desc>
            { for s.targets.iter().enumerate().map(|(i, t)| {
                let top = t.high.map_or(TOP, |h| y.at(h.min(y1))).max(TOP);
                let bottom = t.low.map_or(HEIGHT - BOTTOM, |l| y.at(l.max(y0))).min(HEIGHT - BOTTOM);
                let class = if i == 0 { "chart__band" } else { "chart__band chart__band--second" };
                // A target with no edges is words only (Hale has no number to shade).
                if bottom > top && (t.low.is_some() || t.high.is_some()) {
                    html! { <rect class={class} x={LEFT.to_string()} y={top.to_string()} width={(WIDTH - LEFT - RIGHT).to_string()} height={(bottom - top).to_string()} /> }
                } else {
                    html! {}
                }
            }) }
            { for ticks.iter().map(|t| {
                let py = y.at(*t);
                html! {
                    <g>
                        <line class="chart__grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={py.to_string()} y2={py.to_string()} />
                        <text class="chart__tick" x={(LEFT - 6.0).to_string()} y={(py + 4.0).to_string()} text-anchor="end">{ hale_core::fields::fmt_num((*t * 100.0).round() / 100.0) }</text>
                    </g>
                }
            }) }
            { for xt.iter().map(|(t, label)| {
                let px = x.at(*t as f64);
                html! {
                    <g>
                        <line class="chart__grid chart__grid--x" x1={px.to_string()} x2={px.to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                        <text class="chart__tick" x={px.to_string()} y={(HEIGHT - 10.0).to_string()} text-anchor="middle">{ label.clone() }</text>
                    </g>
                }
            }) }
            { for s.fields.iter().enumerate().map(|(i, _)| {
                let class = if i == 0 { "chart__series" } else { "chart__series chart__series--second" };
                let line: Vec<String> = s.points.iter().map(|p| format!("{:.1},{:.1}", x_of(p), y.at(p.mean[i]))).collect();
                html! {
                    <g class={class}>
                        if s.summarised {
                            { for s.points.iter().filter(|p| p.count > 1).map(|p| {
                                let px = x_of(p);
                                html! { <line class="chart__range" x1={format!("{px:.1}")} x2={format!("{px:.1}")} y1={format!("{:.1}", y.at(p.min[i]))} y2={format!("{:.1}", y.at(p.max[i]))} /> }
                            }) }
                        }
                        if s.points.len() > 1 { <polyline class="chart__line" points={line.join(" ")} /> }
                        if s.points.len() <= 60 {
                            { for s.points.iter().map(|p| html! {
                                <circle class="chart__dot" cx={format!("{:.1}", x_of(p))} cy={format!("{:.1}", y.at(p.mean[i]))} r="3" />
                            }) }
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

/// The same points as a table (the chart's text alternative), newest first.
pub fn table(s: &Series, caption: &str) -> Html {
    html! {
        <table class="table">
            <caption class="table__caption">{ caption.to_string() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ if s.summarised { f(F::LineChartDates) } else { f(F::ScoreDate) } }</th>
                    { for s.fields.iter().map(|f| html! { <th scope="col">{ format!("{} ({})", f.label, f.unit) }</th> }) }
                    if s.summarised { <th scope="col">{f(F::NavReadings)}</th> }
                </tr>
            </thead>
            <tbody>
                { for s.points.iter().rev().map(|p| html! {
                    <tr>
                        <td>{ point_when(p) }</td>
                        { for (0..s.fields.len()).map(|i| html! {
                            <td>{ if p.count > 1 { ff(F::LineChartAverageTo, &[("0", &(one_dp(p.mean[i])).to_string()), ("1", &(one_dp(p.min[i])).to_string()), ("2", &(one_dp(p.max[i])).to_string())]) } else { one_dp(p.mean[i]) } }</td>
                        }) }
                        if s.summarised { <td>{ p.count }</td> }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        for (lo, hi) in [(63.2, 171.9), (3.1, 14.8), (0.0, 0.6), (52.0, 58.0)] {
            let t = nice_ticks(lo, hi, 5);
            assert!(t.len() >= 3 && t.len() <= 9, "{lo}..{hi}: {t:?}");
            assert!(t[0] <= lo && *t.last().unwrap_or(&0.0) >= hi - (t[1] - t[0]) / 2.0, "{lo}..{hi}: {t:?}");
            let step = t[1] - t[0];
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!([1.0, 2.0, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-6), "step {step}");
        }
        assert_eq!(nice_ticks(4.0, 4.0, 4).len(), 5, "a flat series still gets an axis");
        // One reading: the axis opens around it and every tick label differs.
        for v in [142.0, 0.3, 7.0, 0.0] {
            let (y0, y1) = padded(v, v);
            let labels: Vec<String> = nice_ticks(y0, y1, 6)
                .into_iter()
                .filter(|t| *t >= y0 && *t <= y1)
                .map(|t| hale_core::fields::fmt_num((t * 100.0).round() / 100.0))
                .collect();
            let mut unique = labels.clone();
            unique.dedup();
            assert!(labels.len() >= 3 && unique.len() == labels.len(), "{v}: {labels:?}");
        }
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
    }

    #[test]
    fn scales_map_ends_to_ends() {
        let s = Scale::new(10.0, 20.0, 100.0, 0.0);
        assert_eq!((s.at(10.0), s.at(20.0), s.at(15.0)), (100.0, 0.0, 50.0));
        assert_eq!(Scale::new(5.0, 5.0, 0.0, 10.0).at(5.0), 5.0);
    }

    #[test]
    fn time_ticks_suit_the_span() {
        let end = hale_core::time::parse_rfc3339("2026-11-21T09:00:00Z").map(|t| t.timestamp()).unwrap_or_default();
        let day = 86_400;
        let week = time_ticks(end - 7 * day, end);
        assert_eq!(week.len(), 7);
        assert_eq!(week.last().map(|(_, l)| l.as_str()), Some("21 Nov"));
        let month = time_ticks(end - 30 * day, end);
        assert!(month.len() >= 4 && month.len() <= 5, "{month:?}");
        let year = time_ticks(end - 365 * day, end);
        assert!(year.len() >= 5 && year.len() <= 7, "{year:?}");
        assert!(year.iter().all(|(_, l)| l.contains(' ')));
        let decade = time_ticks(end - 3650 * day, end);
        assert!(decade.len() >= 5 && decade.len() <= 10, "{decade:?}");
        for (ticks, lo, hi) in [(week, end - 7 * day, end), (decade, end - 3650 * day, end)] {
            assert!(ticks.iter().all(|(t, _)| *t >= lo && *t <= hi));
        }
    }
}
