//! The asthma action plan: record a personal best, see the zones in L/min.
use hale_core::peak_flow::{reference, zones};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::flag_card::FlagCard;
use crate::components::ui::{page_title, status};
use crate::i18n::{f, ff, t, F, T};
use crate::route::{KindSlug, Link, Route};

/// The page.
#[function_component]
pub fn Asthma() -> Html {
    let ctx = crate::hooks::use_app();
    // The saved best fills the box (never an empty box beside a best that is saved).
    let text = use_state(|| {
        ctx.as_ref()
            .and_then(|c| c.state.record.profile.peak_flow_best_l_min)
            .map(hale_core::fields::fmt_num)
            .unwrap_or_default()
    });
    let error = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let Some(ctx) = ctx else { return html! {} };
    // What stands now comes first, as on every page.
    let standing: Vec<_> =
        ctx.state.assessment.red_flags.iter().filter(|f| f.id.starts_with("asthma.")).cloned().collect();
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
                error.set(Some(ff(
                    F::AsthmaEnterYourPersonalBestAs,
                    &[("lo", &lo.to_string()), ("hi", &hi.to_string())],
                )));
                return;
            };
            error.set(None);
            let mut p = ctx.state.record.profile.clone();
            p.peak_flow_best_l_min = Some(best);
            ctx.save_profile(p, message.clone(), f(F::AsthmaPersonalBestSavedYourZones));
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let mart = ctx.state.record.profile.takes(hale_core::vocab::Medication::MaintenanceAndReliever);
    html! {
        <>
            { page_title(f(F::AsthmaYourAsthmaActionPlan)) }
            { for standing.into_iter().map(|fl| html! { <FlagCard flag={fl} /> }) }
            <p>{f(F::AsthmaYourZonesComeFromYour)}</p>
            { status(&message) }
            if let Some((z, best)) = z {
                <table class="table zones">
                    <caption>{ ff(F::AsthmaYourZonesFromOfL, &[("0", (if best { f(F::AsthmaYourPersonalBest) } else { f(F::AsthmaYourPredictedPeakFlowA) })), ("1", &(z.reference).to_string())]) }</caption>
                    <thead><tr><th scope="col">{f(F::AsthmaZone)}</th><th scope="col">{f(F::AsthmaPeakFlow)}</th><th scope="col">{t(T::WhatToDo)}</th></tr></thead>
                    <tbody>
                        <tr class="zones__green"><th scope="row">{f(F::AsthmaGreenWell)}</th><td>{ ff(F::AsthmaLMinOrMore, &[("0", &(z.green_from).to_string())]) }</td><td>{f(F::AsthmaKeepTakingYourPreventerAs)}</td></tr>
                        <tr class="zones__amber"><th scope="row">{f(F::AsthmaAmberGettingWorse)}</th><td>{ ff(F::AsthmaToLMin, &[("0", &(z.amber_from).to_string()), ("1", &(z.green_from).to_string())]) }</td><td>{f(F::AsthmaFollowTheGettingWorsePart)}</td></tr>
                        <tr class="zones__red"><th scope="row">{f(F::AsthmaRedAsthmaAttack)}</th><td>{ ff(F::AsthmaBelowLMin, &[("0", &(z.amber_from).to_string())]) }</td><td>{f(F::AsthmaTakeYourRelieverAndRescue)}</td></tr>
                        <tr class="zones__red"><th scope="row">{f(F::AsthmaAttackZone)}</th><td>{ ff(F::AsthmaLMinOrBelow, &[("0", &(z.attack_at_most).to_string())]) }</td><td>{ if mart { f(F::AsthmaAttackStepsMart) } else { f(F::AsthmaAttackSteps) } }</td></tr>
                        <tr class="zones__emergency"><th scope="row">{f(F::AsthmaEmergency)}</th><td>{ ff(F::AsthmaBelowLMin2, &[("0", &(z.emergency_below).to_string())]) }</td><td>{f(F::AsthmaCall999AlsoCall999)}</td></tr>
                    </tbody>
                </table>
                <p><Link to={Route::LogKind { kind: KindSlug(hale_core::vocab::ObsKind::PeakFlow) }}>{f(F::AsthmaLogAPeakFlowReading)}</Link></p>
            }
            <form class="form" novalidate=true {onsubmit}>
                <div class={classes!("form-group", error.is_some().then_some("form-group--error"))}>
                    <label class="label" for="best">{f(F::AsthmaPersonalBestPeakFlowL)}</label>
                    if let Some(m) = (*error).clone() { <p class="error-message" id="best-error">{ m }</p> }
                    <input class="input input--width-5" id="best" type="text" inputmode="numeric"
                        aria-describedby={error.is_some().then_some("best-error")} aria-invalid={error.is_some().then_some("true")} value={(*text).clone()} {oninput} />
                </div>
                <button class="button" type="submit">{f(F::AsthmaSavePersonalBest)}</button>
            </form>
            <p class="hint">{f(F::AsthmaZones80And60Of)}</p>
        </>
    }
}
