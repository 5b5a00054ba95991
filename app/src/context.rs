//! What every page and component can reach: the state handle and the store, with the actions that
//! change stored data (save, delete, save the profile). It sits below the pages and the root shell
//! (`app.rs` provides it; pages and components use it), so no page imports the shell.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::platform;
use crate::state::{Action, AppState};
use crate::store::AnyStore;

/// What every component can reach: the state handle and the store.
#[derive(Clone)]
pub struct AppContext {
    /// State and dispatch.
    pub state: UseReducerHandle<AppState>,
    /// The store (absent while loading).
    pub store: Option<Rc<AnyStore>>,
}

impl AppContext {
    /// Stores entries one by one, updating the state after each (every check re-runs); the first
    /// storage failure is returned in words and the rest are not saved.
    pub async fn save(&self, entries: Vec<crate::state::Entry>) -> Result<(), String> {
        let Some(store) = self.store.clone() else { return Err(t(T::SymptomsStillLoading).into()) };
        for entry in entries {
            crate::store::save_entry(&*store, &entry).await.map_err(|e| e.message())?;
            self.state.dispatch(Action::Saved { entry, now: platform::now() });
        }
        Ok(())
    }

    /// Deletes an entry from storage, then from the state.
    pub async fn delete(&self, list: crate::state::EntryList, id: String) -> Result<(), String> {
        use crate::store::Store;
        let Some(store) = self.store.clone() else { return Err(t(T::SymptomsStillLoading).into()) };
        store.delete(crate::store::table_of(list), &id).await.map_err(|e| e.message())?;
        self.state.dispatch(Action::Deleted { list, id, now: platform::now() });
        Ok(())
    }

    /// Reads the whole record from storage again into the state (after many entries were stored at
    /// once: a restored backup, readings brought in from a file).
    #[cfg(feature = "full")]
    pub async fn reload(&self) {
        let Some(store) = self.store.clone() else { return };
        if let Ok((record, issues)) = crate::store::load_record(&*store).await {
            self.state.dispatch(Action::Loaded {
                record: Box::new(record),
                issues,
                persistence: crate::state::Persistence::Stored,
                now: platform::now(),
            });
        }
    }

    /// Deletes everything stored on this device (every table, the passphrase lock with it), then
    /// empties the state; the first storage failure is returned in words.
    #[cfg(feature = "full")]
    pub async fn delete_everything(&self) -> Result<(), String> {
        use crate::store::{Store, Table};
        let Some(store) = self.store.clone() else { return Err(t(T::Loading).into()) };
        for table in Table::ALL {
            store.clear(table).await.map_err(|e| e.message())?;
        }
        crate::lock::forget(&store).await;
        self.state.dispatch(Action::LockSet { idle_minutes: None });
        self.state.dispatch(Action::Loaded {
            record: Box::default(),
            issues: Vec::new(),
            persistence: crate::state::Persistence::Stored,
            now: platform::now(),
        });
        Ok(())
    }

    /// Stores the profile, then updates the state (every check re-runs) and says `done` in
    /// `message`; a storage failure is said there instead. Shared by the profile and asthma pages.
    #[cfg(feature = "full")]
    pub fn save_profile(
        &self,
        p: hale_core::record::Profile,
        message: UseStateHandle<Option<String>>,
        done: &'static str,
    ) {
        let Some(store) = self.store.clone() else {
            message.set(Some(t(T::Loading).into()));
            return;
        };
        let state = self.state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match crate::store::save_profile(&*store, &p).await {
                Ok(()) => {
                    crate::lock::profile_changed(&store, &p).await;
                    state.dispatch(Action::ProfileSaved { profile: Box::new(p), now: platform::now() });
                    message.set(Some(done.into()));
                }
                Err(e) => message.set(Some(e.message())),
            }
        });
    }
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && match (&self.store, &other.store) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl std::fmt::Debug for AppContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppContext").finish_non_exhaustive()
    }
}
