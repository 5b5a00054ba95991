//! The dashboard: today's disposition, flags, latest readings; a friendly empty state.
use hale_core::vocab::ObsKind;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::flag_card::FlagCard;
use crate::format::value_text;
use crate::i18n::{t, T};
use crate::platform::human_time;
use crate::route::Link;
use crate::route::{KindSlug, Route};

/// The home page.
#[function_component]
pub fn Home() -> Html {
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
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
                <p><Link to={Route::Log}>{ "See everything you can log" }</Link></p>
                <p><Link to={Route::Profile}>{ "Tell Hale about you (optional): it unlocks more checks and your score" }</Link></p>
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
                    <dt class="summary-list__key">{ hale_core::spec::kind_spec(*k).label }</dt>
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
            <h2>{ t(T::LatestReadings) }</h2>
            <dl class="summary-list">{ for latest }</dl>
            <p><Link to={Route::Readings}>{"See all your readings"}</Link></p>
            <Link classes={classes!("button")} to={Route::Log}>{ t(T::LogAReading) }</Link>
        </>
    }
}
