//! Your data: keep it safe from being cleared, export a backup, import one, delete everything.
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::ui::{bullets, page_title, status};
use crate::i18n::{f, ff, F};
use crate::platform;
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

fn input(id: &str) -> Option<HtmlInputElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

fn input_value(id: &str) -> String {
    input(id).map(|i| i.value()).unwrap_or_default()
}

/// A backup sealed with a key from `pass` (a fresh salt and nonce; Argon2id).
async fn seal_backup(pass: &str, json: &str) -> Option<String> {
    use hale_core::lock::{KDF_PARAMS, NONCE_BYTES, SALT_BYTES};
    let salt = platform::secure_random(SALT_BYTES)?;
    let key = crate::lock::derive(pass, &salt, KDF_PARAMS).await.ok()?;
    let nonce = platform::secure_random(NONCE_BYTES)?;
    hale_core::lock::seal_backup(&key, &nonce, &salt, KDF_PARAMS, json).ok()
}

/// The text inside a sealed backup, or why not in words (nothing is restored).
async fn open_backup(pass: &str, file: &str) -> Result<String, String> {
    let Some((salt, cost)) = hale_core::lock::backup_kdf(file) else {
        return Err(f(F::SettingsSealedBackupUnreadable).into());
    };
    let key = crate::lock::derive(pass, &salt, cost).await.map_err(|_| f(F::LockFailedPlain).to_string())?;
    hale_core::lock::open_backup(&key, file).map_err(|e| match e {
        hale_core::lock::LockError::WrongKey => f(F::SettingsSealedBackupWrong).into(),
        _ => f(F::SettingsSealedBackupUnreadable).into(),
    })
}

/// Restores a backup's text (a Record, or a FHIR R4 Bundle), saying what was stored and what was
/// left out; a document that cannot be read stores nothing.
async fn restore_text(
    ctx: &crate::context::AppContext,
    text: &str,
    message: &UseStateHandle<Option<String>>,
    report: &UseStateHandle<Vec<String>>,
) {
    // Read and checked by the core: what cannot be read is reported and left out.
    let parsed = match hale_core::api::read_document_str(text) {
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
            if p {
                crate::lock::profile_changed(&store, &parsed.record.profile).await;
            }
            ctx.reload().await;
        }
        Err(e) => message.set(Some(ff(F::SettingsNothingMoreWasImported, &[("e", &e.to_string())]))),
    }
}

/// The page.
#[function_component]
pub fn Settings() -> Html {
    let kept = use_state(|| None::<bool>);
    let message = use_state(|| None::<String>);
    crate::hooks::use_reveal("status-message", (*message).clone(), message.is_some());
    let report = use_state(Vec::<String>::new);
    // A backup protected with a passphrase, waiting for it.
    let sealed = use_state(|| None::<String>);
    // Why the passphrase did not open it (said beside the field), and whether it is being opened.
    let sealed_error = use_state(|| None::<String>);
    let opening = use_state(|| false);
    // Wrong passphrases given for this backup so far.
    let tries = use_state(|| 0u32);
    // Asked for a backup's passphrase: the form comes to the top of the screen and the field takes
    // focus (its hint says why); after a wrong one, the field again (the alert says what happened).
    // Pressing Open moves nothing.
    use_effect_with((sealed.is_some(), *tries), |(asking, tries)| {
        if *asking {
            if *tries == 0 {
                platform::reveal("backup-open");
            }
            platform::focus_id("backup-open-pass");
        }
    });
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
            let date = hale_core::time::fmt_date(platform::now().date_naive());
            let pass = input_value("backup-pass");
            if pass.is_empty() {
                let name = format!("hale-backup-{date}.json");
                return message.set(Some(match platform::download(&name, "application/json", &json) {
                    Ok(()) => ff(F::SettingsBackupSavedAsKeepIt, &[("name", &name.to_string())]),
                    Err(e) => e,
                }));
            }
            if pass.chars().count() < crate::lock::MIN_PASSPHRASE_CHARS {
                return message
                    .set(Some(ff(F::LockTooShort, &[("n", &crate::lock::MIN_PASSPHRASE_CHARS.to_string())])));
            }
            let message = message.clone();
            message.set(Some(f(F::SettingsSealingBackup).into()));
            wasm_bindgen_futures::spawn_local(async move {
                let name = format!("hale-backup-{date}-protected.json");
                let said = match seal_backup(&pass, &json).await {
                    Some(file) => match platform::download(&name, "application/json", &file) {
                        Ok(()) => ff(F::SettingsSealedBackupSaved, &[("name", &name)]),
                        Err(e) => e,
                    },
                    None => f(F::LockFailedPlain).into(),
                };
                if let Some(i) = input("backup-pass") {
                    i.set_value("");
                }
                message.set(Some(said));
            });
        })
    };
    let restore = {
        let (ctx, message, report, sealed) = (ctx.clone(), message.clone(), report.clone(), sealed.clone());
        let (sealed_error, tries) = (sealed_error.clone(), tries.clone());
        move |text: String| {
            let (ctx, message, report, sealed) = (ctx.clone(), message.clone(), report.clone(), sealed.clone());
            sealed_error.set(None);
            tries.set(0);
            sealed.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                // A backup protected with a passphrase: asked for first (nothing is read without it).
                if hale_core::lock::is_sealed_backup(&text) {
                    report.set(Vec::new());
                    return match hale_core::lock::backup_kdf(&text) {
                        Some(_) => {
                            sealed.set(Some(text));
                            message.set(None);
                        }
                        None => message.set(Some(f(F::SettingsSealedBackupUnreadable).into())),
                    };
                }
                restore_text(&ctx, &text, &message, &report).await;
            });
        }
    };
    let on_import = {
        let (message, restore) = (message.clone(), restore.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (message, restore) = (message.clone(), restore.clone());
            message.set(Some(f(F::SettingsReadingYourBackup).into()));
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                    Some(t) => restore(t),
                    None => message.set(Some(f(F::SettingsThatFileCouldNotBe).into())),
                }
            });
        })
    };
    let on_open_sealed = {
        let (ctx, message, report, sealed) = (ctx.clone(), message.clone(), report.clone(), sealed.clone());
        let (sealed_error, opening, tries) = (sealed_error.clone(), opening.clone(), tries.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(file) = (*sealed).clone() else { return };
            if *opening {
                return;
            }
            let pass = input_value("backup-open-pass");
            let (ctx, message, report, sealed) = (ctx.clone(), message.clone(), report.clone(), sealed.clone());
            let (sealed_error, opening, tries) = (sealed_error.clone(), opening.clone(), tries.clone());
            sealed_error.set(None);
            opening.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let opened = open_backup(&pass, &file).await;
                opening.set(false);
                match opened {
                    Ok(text) => {
                        sealed.set(None);
                        restore_text(&ctx, &text, &message, &report).await;
                    }
                    Err(words) => {
                        sealed_error.set(Some(words));
                        tries.set(*tries + 1);
                    }
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
            let (ctx, message) = (ctx.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                message.set(Some(match ctx.delete_everything().await {
                    Ok(()) => f(F::SettingsEverythingHasBeenDeletedFrom).into(),
                    Err(e) => e,
                }));
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
            <div class="form-group">
                <label class="label" for="backup-pass">{f(F::SettingsBackupPassphrase)}</label>
                <p class="hint" id="backup-pass-hint">{ ff(F::SettingsBackupPassphraseHint, &[("n", &crate::lock::MIN_PASSPHRASE_CHARS.to_string())]) }</p>
                <input class="input" id="backup-pass" type="password" autocomplete="new-password" aria-describedby="backup-pass-hint" />
            </div>
            <button type="button" class="button button--secondary" onclick={on_export}>{f(F::SettingsExportABackup)}</button>
            <h2>{f(F::SettingsRestore)}</h2>
            <div class="form-group">
                <label class="label" for="import">{f(F::SettingsImportABackupFile)}</label>
                <p class="hint" id="import-hint">{f(F::SettingsEntriesAlreadyHereAreKept)}</p>
                <input class="file-input" id="import" type="file" accept=".json,application/json" aria-describedby="import-hint" onchange={on_import} />
            </div>
            if sealed.is_some() {
                <form class="form" id="backup-open" tabindex="-1" onsubmit={on_open_sealed} novalidate=true>
                    <div class={classes!("form-group", sealed_error.is_some().then_some("form-group--error"))}>
                        <label class="label" for="backup-open-pass">{f(F::SettingsBackupOpenPassphrase)}</label>
                        <p class="hint" id="backup-open-hint">{f(F::SettingsSealedBackupAsk)}</p>
                        if let Some(e) = &*sealed_error {
                            <p class="error-message" id="backup-open-error" role="alert">{ e.clone() }</p>
                        }
                        <input class="input" id="backup-open-pass" type="password" autocomplete="current-password"
                            aria-invalid={sealed_error.is_some().then_some("true")}
                            aria-describedby={if sealed_error.is_some() { "backup-open-hint backup-open-error" } else { "backup-open-hint" }} />
                    </div>
                    <p role="status" class="status" id="backup-open-status">{ if *opening { f(F::SettingsOpeningBackup) } else { "" } }</p>
                    <button type="submit" class="button" disabled={*opening}>{f(F::SettingsOpenBackup)}</button>
                </form>
            }
            <crate::pages::lock::LockSettings />
            <h2>{f(F::SettingsDeleteEverything)}</h2>
            { crate::components::ui::delete_everything(*confirm, f(F::SettingsThisDeletesAllYourReadings), f(F::SettingsDeleteAllMyData), on_delete, on_cancel) }
        </>
    }
}
