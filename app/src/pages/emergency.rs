//! The emergency screen: "Call 999" first, the reasons in plain words, what to do while waiting.
use hale_core::red_flags::Level;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::ui::{bullets, page_title};
use crate::i18n::{t, T};
use crate::route::{Link, Route};

/// The page.
#[function_component]
pub fn Emergency() -> Html {
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
    let flags: Vec<_> =
        ctx.state.assessment.red_flags.iter().filter(|f| f.level == Level::Emergency).cloned().collect();
    if flags.is_empty() {
        return html! {
            <>
                { page_title(t(T::EmergencyNoEmergencyRightNow)) }
                <p>{t(T::EmergencyNoneOfYourRecentEntries)}</p>
                <a class="button button--emergency" href="tel:999">{t(T::Call999)}</a>
                <p><Link to={Route::Urgent}>{t(T::EmergencyOtherUrgentHelp)}</Link></p>
            </>
        };
    }
    html! {
        <div class="emergency">
            <a class="button button--emergency button--huge" href="tel:999">{t(T::EmergencyCall999Now)}</a>
            { page_title(t(T::EmergencyThisIsAnEmergency)) }
            { for flags.iter().map(|f| html! {
                <section class="flag flag--emergency" aria-labelledby={format!("em-{}", f.id)}>
                    <h2 id={format!("em-{}", f.id)}>{ f.title }</h2>
                    { crate::components::flag_card::because(&ctx.state.record, f) }
                    <p>{ f.message }</p>
                    <h3>{t(T::EmergencyWhileYouWait)}</h3>
                    { bullets(&f.actions.iter().skip(1).collect::<Vec<_>>()) }
                    <details class="flag__details">
                        <summary>{t(T::EmergencyWhyHaleSaysThis)}</summary>
                        <p>{ f.source }</p>
                        <p>{t(T::EmergencyRule)}<code>{ f.id }</code></p>
                    </details>
                </section>
            }) }
            <p>{t(T::EmergencyIfYouCannotCallAsk)}</p>
        </div>
    }
}
