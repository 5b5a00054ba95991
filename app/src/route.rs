//! The app's routes: one typed enum, an exhaustive page-title function.

use std::fmt;
use std::str::FromStr;

use hale_core::vocab::ObsKind;
use yew_router::prelude::*;

/// An observation kind in a URL (`/log/blood_pressure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSlug(pub ObsKind);

impl FromStr for KindSlug {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ObsKind::parse(s).map(KindSlug).ok_or(())
    }
}

impl fmt::Display for KindSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Every page of the app.
#[derive(Clone, Debug, Routable, PartialEq)]
pub enum Route {
    /// Dashboard.
    #[at("/")]
    Home,
    /// Choose what to log.
    #[at("/log")]
    Log,
    /// Log one kind of reading.
    #[at("/log/:kind")]
    LogKind {
        /// Which kind.
        kind: KindSlug,
    },
    /// Every reading.
    #[at("/readings")]
    Readings,
    /// Urgent help: 999, 111, crisis routes.
    #[at("/urgent")]
    Urgent,
    /// The rules table.
    #[at("/rules")]
    Rules,
    /// About Hale, attributions.
    #[at("/about")]
    About,
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The page title (without the app name).
    pub fn title(&self) -> String {
        match self {
            Route::Home => "Your health today".into(),
            Route::Log => "Log a reading".into(),
            Route::LogKind { kind } => {
                format!("Log {}", hale_core::spec::kind_spec(kind.0).label.to_ascii_lowercase())
            }
            Route::Readings => "Your readings".into(),
            Route::Urgent => "Urgent help".into(),
            Route::Rules => "How Hale checks your readings".into(),
            Route::About => "About Hale".into(),
            Route::NotFound => "Page not found".into(),
        }
    }
}
