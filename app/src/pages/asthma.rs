//! The asthma action plan: record a personal best, see the zones in L/min.
use hale_core::peak_flow::{reference, zones};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::ui::{page_title, status};
use crate::platform;
use crate::route::{KindSlug, Link, Route};
use crate::state::Action;
use crate::store::save_profile;

/// The page.
#[function_component]
pub fn Asthma() -> Html {
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
    let profile = ctx.state.record.profile.clone();
    let age = profile.birth_date.and_then(|b| hale_core::time::age_years(b, ctx.state.now));
    let z = reference(&profile, age)
        .map(|r| (zones(r.l_min()), matches!(r, hale_core::peak_flow::Reference::PersonalBest(_))));
    let onsubmit = {
        let (text, error, message, ctx) = (text.clone(), error.clone(), message.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (lo, hi) = hale_core::spec::PEAK_FLOW_BEST_RANGE;
            let Some(best) = hale_core::input::parse_number(&text, true).filter(|x| (lo..=hi).contains(x)) else {
                error.set(Some(format!("Enter your personal best as a whole number of L/min between {lo} and {hi}")));
                return;
            };
            error.set(None);
            let mut p = ctx.state.record.profile.clone();
            p.peak_flow_best_l_min = Some(best);
            let Some(store) = ctx.store.clone() else { return };
            let (state, message) = (ctx.state.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match save_profile(&*store, &p).await {
                    Ok(()) => {
                        state.dispatch(Action::ProfileSaved { profile: Box::new(p), now: platform::now() });
                        message.set(Some("Personal best saved. Your zones are below.".into()));
                    }
                    Err(e) => message.set(Some(e.message())),
                }
            });
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <>
            { page_title("Your asthma action plan") }
            <p>{"Your zones come from your personal best peak flow: the highest reading you reach when your asthma is well controlled."}</p>
            { status(&message) }
            if let Some((z, best)) = z {
                <table class="table zones">
                    <caption>{ format!("Your zones, from {} of {} L/min", if best { "your personal best" } else { "your predicted peak flow (a rough guide)" }, z.reference) }</caption>
                    <thead><tr><th scope="col">{"Zone"}</th><th scope="col">{"Peak flow"}</th><th scope="col">{"What to do"}</th></tr></thead>
                    <tbody>
                        <tr class="zones__green"><th scope="row">{"Green: well"}</th><td>{ format!("{} L/min or more", z.green_from) }</td><td>{"Keep taking your preventer as prescribed."}</td></tr>
                        <tr class="zones__amber"><th scope="row">{"Amber: getting worse"}</th><td>{ format!("{} to {} L/min", z.amber_from, z.green_from) }</td><td>{"Follow the getting-worse part of your action plan; see your GP or nurse within 24 hours if not improving."}</td></tr>
                        <tr class="zones__red"><th scope="row">{"Red: asthma attack"}</th><td>{ format!("below {} L/min", z.amber_from) }</td><td>{"Take your reliever and rescue steroids as your plan says, and get help today (NHS 111 or your GP)."}</td></tr>
                        <tr class="zones__emergency"><th scope="row">{"Emergency"}</th><td>{ format!("below {} L/min", z.emergency_below) }</td><td>{"Call 999. Also call 999 if your reliever is not helping."}</td></tr>
                    </tbody>
                </table>
                <p><Link to={Route::LogKind { kind: KindSlug(hale_core::vocab::ObsKind::PeakFlow) }}>{"Log a peak flow reading"}</Link></p>
            }
            <form class="form" novalidate=true {onsubmit}>
                <div class={classes!("form-group", error.is_some().then_some("form-group--error"))}>
                    <label class="label" for="best">{"Personal best peak flow (L/min)"}</label>
                    if let Some(m) = (*error).clone() { <p class="error-message" id="best-error">{ m }</p> }
                    <input class="input input--width-5" id="best" type="text" inputmode="numeric"
                        aria-describedby={error.is_some().then_some("best-error")} value={(*text).clone()} {oninput} />
                </div>
                <button class="button" type="submit">{"Save personal best"}</button>
            </form>
            <p class="hint">{"Zones: 80 % and 60 % of your best (action-plan convention), and below 33 % (life-threatening, BTS/SIGN)."}</p>
        </>
    }
}
