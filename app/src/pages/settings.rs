//! Your data: keep it safe from being cleared, export a backup, import one, delete everything.
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::components::ui::{bullets, page_title, status};
use crate::platform;
use crate::state::{Action, Persistence};
use crate::store::{load_record, save_profile, to_dto, Store, Table};

async fn persisted() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let v = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?).await.ok()?;
    v.as_bool()
}

async fn persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let v = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?).await.ok()?;
    v.as_bool()
}

/// Stores the entries of a normalised Record; returns what was stored, by list.
async fn import(store: &impl Store, record: &Value) -> Result<(usize, usize, usize, bool), String> {
    let mut counts = (0, 0, 0, false);
    for (key, table) in [
        ("observations", Table::Observations),
        ("symptoms", Table::Symptoms),
        ("questionnaires", Table::Questionnaires),
    ] {
        let entries: Vec<Value> = record[key].as_array().cloned().unwrap_or_default().into_iter().map(to_dto).collect();
        store.put_many(table, &entries).await.map_err(|e| e.message())?;
        match key {
            "observations" => counts.0 = entries.len(),
            "symptoms" => counts.1 = entries.len(),
            _ => counts.2 = entries.len(),
        }
    }
    let profile = hale_core::write::read_back::profile(&record["profile"]);
    if profile != hale_core::record::Profile::default() {
        save_profile(store, &profile).await.map_err(|e| e.message())?;
        counts.3 = true;
    }
    Ok(counts)
}

/// The page.
#[function_component]
pub fn Settings() -> Html {
    let kept = use_state(|| None::<bool>);
    let message = use_state(|| None::<String>);
    let report = use_state(Vec::<String>::new);
    let confirm = use_state(|| false);
    {
        let kept = kept.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { kept.set(persisted().await) });
        });
    }
    let Some(ctx) = use_context::<AppContext>() else { return html! {} };
    let on_persist = {
        let (kept, message) = (kept.clone(), message.clone());
        Callback::from(move |_| {
            let (kept, message) = (kept.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = persist().await;
                kept.set(r);
                message.set(Some(match r {
                    Some(true) => "Your browser will keep Hale's data unless you delete it.".into(),
                    _ => "Your browser did not agree to keep the data permanently. It usually will once Hale is installed or used often. Export a backup to be safe.".into(),
                }));
            });
        })
    };
    let on_export = {
        let (ctx, message) = (ctx.clone(), message.clone());
        Callback::from(move |_| {
            let json =
                serde_json::to_string_pretty(&hale_core::write::record_to_value(&ctx.state.record)).unwrap_or_default();
            let name = format!("hale-backup-{}.json", hale_core::time::fmt_date(platform::now().date_naive()));
            message.set(Some(match platform::download(&name, "application/json", &json) {
                Ok(()) => format!("Backup saved as {name}. Keep it somewhere safe: it holds your health data."),
                Err(e) => e,
            }));
        })
    };
    let on_import = {
        let (ctx, message, report) = (ctx.clone(), message.clone(), report.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (ctx, message, report) = (ctx.clone(), message.clone(), report.clone());
            message.set(Some("Reading your backup\u{2026}".into()));
            wasm_bindgen_futures::spawn_local(async move {
                let text =
                    match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                        Some(t) => t,
                        None => return message.set(Some("That file could not be read.".into())),
                    };
                let normalized = match crate::core_pkg::call("normalize", &text, "").await {
                    Ok(n) => n,
                    Err(e) => {
                        let reasons: Vec<String> = serde_json::from_str::<Value>(&e)
                            .ok()
                            .and_then(|v| {
                                v.as_array()
                                    .map(|a| a.iter().filter_map(|i| i["message"].as_str().map(String::from)).collect())
                            })
                            .unwrap_or_else(|| vec![e.clone()]);
                        report.set(reasons);
                        return message.set(Some("Nothing was imported: this is not a Hale backup.".into()));
                    }
                };
                let v: Value = serde_json::from_str(&normalized).unwrap_or(Value::Null);
                let Some(store) = ctx.store.clone() else { return };
                match import(&*store, &v["record"]).await {
                    Ok((o, s, q, p)) => {
                        let skipped: Vec<String> = v["issues"]
                            .as_array()
                            .map(|a| {
                                a.iter()
                                    .filter(|i| i["severity"] == "error")
                                    .map(|i| {
                                        format!(
                                            "{}: {}",
                                            i["field"].as_str().unwrap_or(""),
                                            i["message"].as_str().unwrap_or("")
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        message.set(Some(format!(
                            "Imported {o} readings, {s} symptoms and {q} questionnaires{}. {} left out{}",
                            if p { ", and your profile" } else { "" },
                            skipped.len(),
                            if skipped.is_empty() { "." } else { ", because:" }
                        )));
                        report.set(skipped);
                        if let Ok((record, issues)) = load_record(&*store).await {
                            ctx.state.dispatch(Action::Loaded {
                                record: Box::new(record),
                                issues,
                                persistence: Persistence::Stored,
                                now: platform::now(),
                            });
                        }
                    }
                    Err(e) => message.set(Some(format!("Nothing more was imported: {e}"))),
                }
            });
        })
    };
    let on_delete = {
        let (ctx, message, confirm) = (ctx.clone(), message.clone(), confirm.clone());
        Callback::from(move |_| {
            if !*confirm {
                confirm.set(true);
                return;
            }
            confirm.set(false);
            let Some(store) = ctx.store.clone() else { return };
            let (state, message) = (ctx.state.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                for t in Table::ALL {
                    if let Err(e) = store.clear(t).await {
                        return message.set(Some(e.message()));
                    }
                }
                state.dispatch(Action::Loaded {
                    record: Box::default(),
                    issues: Vec::new(),
                    persistence: Persistence::Stored,
                    now: platform::now(),
                });
                message.set(Some("Everything has been deleted from this device.".into()));
            });
        })
    };
    let on_cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_| confirm.set(false))
    };
    let r = &ctx.state.record;
    html! {
        <>
            { page_title("Your data") }
            { status(&message) }
            if !report.is_empty() { <section aria-label="What was left out">{ bullets(&report) }</section> }
            <h2>{"Where it is kept"}</h2>
            <p>{ format!("On this device only: {} readings, {} symptoms, {} questionnaires.", r.observations.len(), r.symptoms.len(), r.questionnaires.len()) }</p>
            <p>{ match *kept {
                Some(true) => "Your browser will keep this data unless you delete it.",
                Some(false) => "Your browser may clear this data if the device runs short of space.",
                None => "Your browser does not say whether it will keep this data.",
            } }</p>
            if *kept != Some(true) {
                <button type="button" class="button button--secondary" onclick={on_persist}>{"Ask the browser to keep my data"}</button>
            }
            <h2>{"Back up"}</h2>
            <p>{"Save everything as a file (Hale's record format). You can import it on another device."}</p>
            <button type="button" class="button button--secondary" onclick={on_export}>{"Export a backup"}</button>
            <h2>{"Restore"}</h2>
            <div class="form-group">
                <label class="label" for="import">{"Import a backup file"}</label>
                <p class="hint" id="import-hint">{"Entries already here are kept; an entry with the same id is replaced, so importing the same file twice adds nothing twice."}</p>
                <input class="file-input" id="import" type="file" accept=".json,application/json" aria-describedby="import-hint" onchange={on_import} />
            </div>
            <h2>{"Delete everything"}</h2>
            if *confirm {
                <div class="notice notice--warning" role="alert">
                    <p><strong>{"This deletes all your readings, symptoms, questionnaires and profile from this device. It cannot be undone."}</strong></p>
                    <button type="button" class="button button--emergency" onclick={on_delete.clone()}>{"Yes, delete everything"}</button>
                    {" "}<button type="button" class="button button--secondary" onclick={on_cancel}>{"Cancel"}</button>
                </div>
            } else {
                <button type="button" class="button button--secondary" onclick={on_delete}>{"Delete all my data"}</button>
            }
        </>
    }
}
