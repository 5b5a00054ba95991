//! Advice: each item says why it applies (the readings behind it), what to do, the source and
//! the recheck date.
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::ui::{bullets, page_title, source};
use crate::route::{Link, Route};

/// The page.
#[function_component]
pub fn Advice() -> Html {
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
    let a = &ctx.state.assessment;
    html! {
        <>
            { page_title("Your advice") }
            if a.advice.is_empty() {
                <p>{"No advice yet. As you log readings, Hale gives advice that fits them, with what to do and when to check again."}</p>
                <p><Link to={Route::Log}>{"Log a reading"}</Link></p>
            }
            { for a.advice.iter().map(|x| {
                let due = a.plan.iter().find(|p| p.advice_id == x.id).map(|p| p.due.clone());
                html! {
                    <section class="flag flag--routine" aria-labelledby={format!("advice-{}", x.id)}>
                        <h2 id={format!("advice-{}", x.id)}>{ x.title }</h2>
                        <p>{ x.why.clone() }</p>
                        <h3>{"What to do"}</h3>
                        { bullets(&x.actions) }
                        if let Some(d) = due { <p><strong>{"Recheck by: "}</strong>{ d }{" "}<Link to={Route::Plan}>{"See your plan"}</Link></p> }
                        { source(x.source, x.unverified) }
                    </section>
                }
            }) }
        </>
    }
}
