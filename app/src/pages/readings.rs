//! Every reading, newest first, each deletable; a reading brought in from a device or an app says
//! where it came from (which device was kept where two counted the same, and whether it is an
//! average of a watch's continuous readings).
use yew::prelude::*;

use crate::format::value_text;
use crate::i18n::{f, ff, F};
use crate::platform::human_time;
use crate::route::{Link, Route};
use crate::state::EntryList;

/// How many readings to list at once.
const PAGE: usize = 100;

/// Where a reading came from, in words (none for one typed into Hale).
fn source_words(o: &hale_core::record::Observation) -> Option<String> {
    let s = o.source.as_ref()?;
    let app = match (s.app.as_deref(), s.format.as_str()) {
        (Some(app), _) => app.to_string(),
        (None, "csv") => f(F::ReadingsFromCsv).to_string(),
        (None, format) if format.starts_with("ble_") => f(F::ReadingsFromBluetooth).to_string(),
        (None, format) => format.to_string(),
    };
    let what = match s.device.as_deref().filter(|d| *d != app) {
        Some(device) => format!("{app}, {device}"),
        None => app,
    };
    Some(ff(if s.continuous { F::ReadingsFromContinuous } else { F::ReadingsFrom }, &[("what", &what)]))
}

/// The page.
#[function_component]
pub fn Readings() -> Html {
    let shown = use_state(|| PAGE);
    let status = use_state(|| None::<String>);
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let obs = &ctx.state.record.observations;
    let rows = obs.iter().rev().take(*shown).map(|o| {
        let id = o.id.clone();
        let when = human_time(o.at);
        let ondelete = {
            let ctx = ctx.clone();
            let status = status.clone();
            Callback::from(move |_| {
                let (ctx, id, status) = (ctx.clone(), id.clone(), status.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    status.set(Some(match ctx.delete(EntryList::Observations, id).await {
                        Ok(()) => f(F::Deleted).into(),
                        Err(e) => e,
                    }));
                });
            })
        };
        html! {
            <tr>
                <td>
                    { hale_core::spec::kind_spec(o.kind()).label }
                    if let Some(from) = source_words(o) { <span class="hint reading-source">{ from }</span> }
                </td>
                <td>{ value_text(&o.value) }</td>
                <td>{ when.clone() }</td>
                <td>
                    <Link to={Route::EditReading { id: o.id.clone() }}><span aria-hidden="true">{f(F::ReadingsEdit)}</span><span class="visually-hidden">{ ff(F::ReadingsEditReadingFrom, &[("when", &when.to_string())]) }</span></Link>
                    <button type="button" class="button button--link" aria-label={ff(F::DeleteReading, &[("when", &when)])} onclick={ondelete}>{ f(F::Delete) }</button>
                </td>
            </tr>
        }
    });
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ f(F::ReadingsTitle) }</h1>
            <p role="status" class="status">{ (*status).clone().unwrap_or_default() }</p>
            if obs.is_empty() {
                <p>{ f(F::ReadingsEmpty) }</p>
                <p><Link classes={classes!("button")} to={Route::Log}>{ f(F::ReadingsLogOne) }</Link></p>
            } else {
                <table class="table">
                    <caption class="visually-hidden">{ f(F::ReadingsTitle) }</caption>
                    <thead><tr><th scope="col">{f(F::ReadingsReading)}</th><th scope="col">{f(F::ReadingsValue)}</th><th scope="col">{f(F::ReadingsWhen)}</th><th scope="col"><span class="visually-hidden">{f(F::ReadingsActions)}</span></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if obs.len() > *shown { <button type="button" class="button button--secondary" onclick={more}>{f(F::ReadingsShowMore)}</button> }
            }
        </>
    }
}
