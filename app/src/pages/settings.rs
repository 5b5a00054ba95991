//! Your data: keep it safe from being cleared, export a backup, import one, delete everything.
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::ui::{bullets, page_title, status};
use crate::i18n::{f, ff, F};
use crate::platform;
use crate::state::{Action, Persistence};
use crate::store::{save_profile, to_dto, Store, Table};

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
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let report = use_state(Vec::<String>::new);
    let confirm = use_state(|| false);
    {
        let kept = kept.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { kept.set(persisted().await) });
        });
    }
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let on_persist = {
        let (kept, message) = (kept.clone(), message.clone());
        Callback::from(move |_| {
            let (kept, message) = (kept.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = persist().await;
                kept.set(r);
                message.set(Some(match r {
                    Some(true) => f(F::SettingsYourBrowserWillKeepHale).into(),
                    _ => f(F::SettingsYourBrowserDidNotAgree).into(),
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
                Ok(()) => ff(F::SettingsBackupSavedAsKeepIt, &[("name", &name.to_string())]),
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
            message.set(Some(f(F::SettingsReadingYourBackup).into()));
            wasm_bindgen_futures::spawn_local(async move {
                let text =
                    match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                        Some(t) => t,
                        None => return message.set(Some(f(F::SettingsThatFileCouldNotBe).into())),
                    };
                // Read and checked by the core (a Record, or a FHIR R4 Bundle): what cannot be
                // read is reported and left out; a document that cannot be read stores nothing.
                let parsed = match hale_core::api::read_document_str(&text) {
                    Ok(p) => p,
                    Err(issues) => {
                        report.set(issues.into_iter().map(|i| i.message).collect());
                        return message.set(Some(f(F::SettingsNothingWasImportedThisIs).into()));
                    }
                };
                let Some(store) = ctx.store.clone() else { return };
                match import(&*store, &hale_core::write::record_to_value(&parsed.record)).await {
                    Ok((o, s, q, p)) => {
                        let skipped: Vec<String> = parsed
                            .issues
                            .iter()
                            .filter(|i| i.severity == hale_core::issue::Severity::Error)
                            .map(|i| format!("{}: {}", i.field, i.message))
                            .collect();
                        message.set(Some(format!(
                            "Imported {o} readings, {s} symptoms and {q} questionnaires{}. {} left out{}",
                            if p { f(F::SettingsAndYourProfile) } else { "" },
                            skipped.len(),
                            if skipped.is_empty() { "." } else { f(F::SettingsBecause) }
                        )));
                        report.set(skipped);
                        ctx.reload().await;
                    }
                    Err(e) => message.set(Some(ff(F::SettingsNothingMoreWasImported, &[("e", &e.to_string())]))),
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
                // The lock went with everything else.
                crate::lock::forget(&store).await;
                state.dispatch(Action::LockSet { idle_minutes: None });
                state.dispatch(Action::Loaded {
                    record: Box::default(),
                    issues: Vec::new(),
                    persistence: Persistence::Stored,
                    now: platform::now(),
                });
                message.set(Some(f(F::SettingsEverythingHasBeenDeletedFrom).into()));
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
            { page_title(f(F::SettingsYourData)) }
            { status(&message) }
            if !report.is_empty() { <section aria-label={f(F::SettingsWhatWasLeftOut)}>{ bullets(&report) }</section> }
            <h2>{f(F::SettingsWhereItIsKept)}</h2>
            <p>{ ff(F::SettingsOnThisDeviceOnlyReadings, &[("0", &(r.observations.len()).to_string()), ("1", &(r.symptoms.len()).to_string()), ("2", &(r.questionnaires.len()).to_string())]) }</p>
            <p>{ match *kept {
                Some(true) => f(F::SettingsYourBrowserWillKeepThis),
                Some(false) => f(F::SettingsYourBrowserMayClearThis),
                None => f(F::SettingsYourBrowserDoesNotSay),
            } }</p>
            if *kept != Some(true) {
                <button type="button" class="button button--secondary" onclick={on_persist}>{f(F::SettingsAskTheBrowserToKeep)}</button>
            }
            <h2>{f(F::SettingsBackUp)}</h2>
            <p>{f(F::SettingsSaveEverythingAsAFile)}</p>
            <button type="button" class="button button--secondary" onclick={on_export}>{f(F::SettingsExportABackup)}</button>
            <h2>{f(F::SettingsRestore)}</h2>
            <div class="form-group">
                <label class="label" for="import">{f(F::SettingsImportABackupFile)}</label>
                <p class="hint" id="import-hint">{f(F::SettingsEntriesAlreadyHereAreKept)}</p>
                <input class="file-input" id="import" type="file" accept=".json,application/json" aria-describedby="import-hint" onchange={on_import} />
            </div>
            <crate::pages::lock::LockSettings />
            <h2>{f(F::SettingsDeleteEverything)}</h2>
            if *confirm {
                <div class="notice notice--warning" role="alert">
                    <p><strong>{f(F::SettingsThisDeletesAllYourReadings)}</strong></p>
                    <button type="button" class="button button--emergency" onclick={on_delete.clone()}>{f(F::SettingsYesDeleteEverything)}</button>
                    {" "}<button type="button" class="button button--secondary" onclick={on_cancel}>{f(F::SettingsCancel)}</button>
                </div>
            } else {
                <button type="button" class="button button--secondary" onclick={on_delete}>{f(F::SettingsDeleteAllMyData)}</button>
            }
        </>
    }
}
