//! The dashboard: today's disposition and flags, the score, due rechecks, latest readings, flags
//! from the last 7 days; a friendly empty state for a new user.
//!
//! The lite bundle carries the red-flag rules but not the score or the protocols: it asks the
//! core package, in a worker, to assess the stored record for those two, and shows the rest at
//! once. The full bundle has them in its own assessment.
use hale_core::history::Episode;
use hale_core::vocab::ObsKind;
use yew::prelude::*;

use crate::components::flag_card::{level_style, FlagCard};
use crate::format::{human_day, one_dp, value_text};
use crate::hooks::use_dashboard::{use_dashboard_extra, Extra};
use crate::i18n::{t, tf, T};
use crate::platform::human_time;
use crate::route::Link;
use crate::route::{KindSlug, Route};

fn score_section(extra: &Option<Result<Extra, String>>) -> Html {
    let body = match extra {
        None => html! { <p class="hint">{ t(T::DashWorkingOut) }</p> },
        Some(Err(_)) => html! { <p>{ t(T::DashScoreUnavailable) }</p> },
        Some(Ok(e)) => match e.total {
            Some(total) => html! {
                <p><strong class="dash__number">{ one_dp(total) }</strong>{ t(T::DashOutOf100) }</p>
            },
            None => match e.missing {
                Some(n) => {
                    html! { <p>{ tf(T::DashScoreMissing, &[("n", &n.to_string()), ("s", if n == 1 { "" } else { "s" })]) }</p> }
                }
                None => html! { <p>{ t(T::DashScoreAdults) }</p> },
            },
        },
    };
    html! {
        <section class="dash__card" aria-labelledby="dash-score">
            <h2 id="dash-score">{ t(T::DashScoreTitle) }</h2>
            { body }
            <p><Link to={Route::Score}>{ t(T::DashScoreLink) }</Link></p>
        </section>
    }
}

fn rechecks_section(extra: &Option<Result<Extra, String>>) -> Html {
    let Some(Ok(e)) = extra else { return html! {} };
    html! {
        <section class="dash__card" aria-labelledby="dash-rechecks">
            <h2 id="dash-rechecks">{ t(T::DashRechecksTitle) }</h2>
            if e.due.is_empty() {
                <p>{ t(T::DashNoRechecks) }</p>
            } else {
                <ul class="plan">
                    { for e.due.iter().map(|(title, due, overdue)| html! {
                        <li class={classes!("plan__item", overdue.then_some("plan__item--overdue"))}>
                            <strong>{ title.clone() }</strong>
                            <span class="plan__due">{ if *overdue { tf(T::DashOverdue, &[("date", &human_day(due))]) } else { tf(T::DashDue, &[("date", &human_day(due))]) } }</span>
                        </li>
                    }) }
                </ul>
            }
            <p><Link to={Route::Plan}>{ t(T::DashPlanLink) }</Link></p>
        </section>
    }
}

fn earlier_section(episodes: &[Episode]) -> Html {
    let ended: Vec<&Episode> = episodes.iter().filter(|e| !e.active).collect();
    if ended.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby="dash-earlier">
            <h2 id="dash-earlier">{ t(T::DashEarlierTitle) }</h2>
            <p>{ t(T::DashEarlierIntro) }</p>
            <ul class="history">
                { for ended.into_iter().map(|e| {
                    let (class, level) = level_style(e.level);
                    let from = hale_core::time::parse_rfc3339(&e.from).map(human_time).unwrap_or_default();
                    html! {
                        <li class={classes!("history__item", class)}>
                            <strong>{ e.title }</strong>
                            <span class="history__when">{ tf(T::DashRaised, &[("when", &from), ("level", level)]) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The home page.
#[function_component]
pub fn Home() -> Html {
    let ctx = crate::hooks::use_app();
    let extra = use_dashboard_extra(&ctx);
    use_effect_with((), |_| crate::platform::mark("hale:dashboard"));
    let episodes = {
        let key = ctx.as_ref().map(|c| (std::rc::Rc::as_ptr(&c.state.record) as usize, c.state.now));
        let record = ctx.as_ref().map(|c| c.state.record.clone());
        use_memo(key, move |key| match (key, record) {
            (Some((_, now)), Some(record)) => {
                hale_core::history::episodes(&record, *now - chrono::TimeDelta::days(7), *now)
            }
            _ => Vec::new(),
        })
    };
    let Some(ctx) = ctx else { return html! {} };
    let s = &ctx.state;
    let record = &s.record;
    if record.observations.is_empty() && record.symptoms.is_empty() && record.questionnaires.is_empty() {
        return html! {
            <>
                <h1 id="page-title" tabindex="-1">{ t(T::HomeEmptyTitle) }</h1>
                <p class="lede">{ t(T::HomeEmptyBody) }</p>
                <Link classes={classes!("button")} to={Route::LogKind { kind: KindSlug(ObsKind::BloodPressure) }}>
                    { t(T::HomeStart) }
                </Link>
                <p><Link to={Route::Log}>{ t(T::HomeSeeAll) }</Link></p>
                <p><Link to={Route::Profile}>{ t(T::HomeTellUs) }</Link></p>
            </>
        };
    }
    let a = &s.assessment;
    let latest: Vec<Html> = ObsKind::ALL
        .iter()
        .filter_map(|k| {
            let o = record.observations.iter().filter(|o| o.kind() == *k).max_by_key(|o| o.at)?;
            Some(html! {
                <div class="summary-list__row">
                    <dt class="summary-list__key"><Link to={Route::Trend { kind: KindSlug(*k) }}>{ hale_core::spec::kind_spec(*k).label }</Link></dt>
                    <dd class="summary-list__value">{ value_text(&o.value) }<span class="summary-list__when">{ human_time(o.at) }</span></dd>
                </div>
            })
        })
        .collect();
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ t(T::HomeTitle) }</h1>
            if a.red_flags.is_empty() {
                <div class="notice notice--success"><p>{ t(T::HomeNoFlags) }</p></div>
            } else {
                { for a.red_flags.iter().map(|f| html! { <FlagCard flag={f.clone()} /> }) }
            }
            <div class="dash">
                { score_section(&extra) }
                { rechecks_section(&extra) }
            </div>
            if let Some(Ok(Extra { sharing: Some(words), .. })) = &extra {
                <p id="dash-sharing"><Link to={Route::CareTeam { token: None }}>{ words.clone() }</Link></p>
            }
            <h2>{ t(T::LatestReadings) }</h2>
            if latest.is_empty() {
                <p>{ t(T::HomeNoReadings) }</p>
            } else {
                <dl class="summary-list">{ for latest }</dl>
            }
            <p><Link to={Route::Readings}>{ t(T::HomeAllReadings) }</Link></p>
            <Link classes={classes!("button")} to={Route::Log}>{ t(T::LogAReading) }</Link>
            { earlier_section(&episodes) }
        </>
    }
}
