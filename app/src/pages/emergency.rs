//! The emergency screen: "Call 999" first, the reasons in plain words, what to do while waiting.
use hale_core::red_flags::Level;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::ui::{bullets, page_title};
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
                { page_title("No emergency right now") }
                <p>{"None of your recent entries needs 999. If you or someone else is seriously ill or injured, call 999 anyway."}</p>
                <a class="button button--emergency" href="tel:999">{"Call 999"}</a>
                <p><Link to={Route::Urgent}>{"Other urgent help"}</Link></p>
            </>
        };
    }
    html! {
        <div class="emergency">
            <a class="button button--emergency button--huge" href="tel:999">{"Call 999 now"}</a>
            { page_title("This is an emergency") }
            { for flags.iter().map(|f| html! {
                <section class="flag flag--emergency" aria-labelledby={format!("em-{}", f.id)}>
                    <h2 id={format!("em-{}", f.id)}>{ f.title }</h2>
                    <p>{ f.message }</p>
                    <h3>{"While you wait"}</h3>
                    { bullets(&f.actions.iter().skip(1).collect::<Vec<_>>()) }
                    <details class="flag__details">
                        <summary>{"Why Hale says this"}</summary>
                        <p>{ f.source }</p>
                        <p>{"Rule: "}<code>{ f.id }</code></p>
                    </details>
                </section>
            }) }
            <p>{"If you cannot call, ask someone near you to call 999 for you."}</p>
        </div>
    }
}
