//! The app's routes: one typed `enum Route` with exhaustive `to_path`, `from_path` and page-title
//! functions (round trips tested for every route), a provider that follows `location.hash`, and
//! `Link`, the only way pages link to each other.
//!
//! Not yew-router: its router, history and route matcher cost about 34 KB of the 200 KB
//! first-load budget (compressed), mostly query-string machinery the app never uses. See
//! docs/decisions.md ("Why not yew-router?").

use std::fmt;
use std::str::FromStr;

use gloo::events::EventListener;
use hale_core::vocab::ObsKind;
use yew::prelude::*;

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

/// A questionnaire in a URL (`/check/phq9`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstrumentSlug(pub hale_core::vocab::Instrument);

impl FromStr for InstrumentSlug {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        hale_core::vocab::Instrument::parse(s).map(InstrumentSlug).ok_or(())
    }
}

impl fmt::Display for InstrumentSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Every page of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    /// Dashboard.
    Home,
    /// Choose what to log.
    Log,
    /// Log one kind of reading.
    LogKind {
        /// Which kind.
        kind: KindSlug,
    },
    /// Every reading.
    Readings,
    /// The health score and QRISK3.
    Score,
    /// Advice.
    Advice,
    /// The recheck plan.
    Plan,
    /// A questionnaire.
    Check {
        /// Which one.
        instrument: InstrumentSlug,
    },
    /// The asthma action plan.
    Asthma,
    /// The minor-illness checker.
    MinorIllness,
    /// One minor-illness pathway.
    MinorIllnessPathway {
        /// Pathway id.
        id: String,
    },
    /// Trends of every kind with readings.
    Trends,
    /// The trend of one kind.
    Trend {
        /// Which kind.
        kind: KindSlug,
    },
    /// Everything else.
    More,
    /// About you (profile and care plan).
    Profile,
    /// Your data: persistence, backup, restore, delete.
    Settings,
    /// The symptoms checklist.
    Symptoms,
    /// Full-screen emergency guidance.
    Emergency,
    /// Edit a reading.
    EditReading {
        /// Its id.
        id: String,
    },
    /// Urgent help: 999, 111, crisis routes.
    Urgent,
    /// Share a summary with the care team.
    Share,
    /// The care team's review of a shared summary (with the link's token, or to open one).
    Review {
        /// `v1.<payload>.<key>`, when opened from a link.
        token: Option<String>,
    },
    /// Sending readings to a practice: an invitation (`/connect/<link token>`), or the status of
    /// sharing and how to stop (`/connect`, also where signing in returns to).
    CareTeam {
        /// The invitation's token (`e1.<payload>.<check>`), when opened from a practice's link.
        token: Option<String>,
    },
    /// The care team's worklist (`/team`), or one person on it (`/team/<Patient id>`).
    Team {
        /// The practice's server id of the Patient to open.
        patient: Option<String>,
    },
    /// Bring in readings from a device app's file.
    Import,
    /// The rules table.
    Rules,
    /// About Hale, attributions.
    About,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The page title (without the app name).
    pub fn title(&self) -> String {
        match self {
            Route::Home => "Your health today".into(),
            Route::Log => "Log a reading".into(),
            Route::LogKind { kind } => {
                format!("Log {}", crate::format::in_sentence(hale_core::spec::kind_spec(kind.0).label))
            }
            Route::Symptoms => "Symptoms".into(),
            Route::Emergency => "Call 999 now".into(),
            Route::EditReading { .. } => "Edit a reading".into(),
            Route::Urgent => "Urgent help".into(),
            Route::NotFound => "Page not found".into(),
            // The pages only the full bundle draws: the lite bundle hands over to it, and the full
            // bundle sets their titles (so the first load does not carry them).
            #[cfg(feature = "full")]
            other => other.full_title(),
            #[cfg(not(feature = "full"))]
            _ => "Hale".into(),
        }
    }

    /// The title of a page only the full bundle draws.
    #[cfg(feature = "full")]
    fn full_title(&self) -> String {
        match self {
            Route::Readings => "Your readings".into(),
            Route::Score => "Your health score".into(),
            Route::Advice => "Your advice".into(),
            Route::Plan => "Your recheck plan".into(),
            Route::Check { instrument } => hale_core::questionnaires::questionnaire(instrument.0).title.into(),
            Route::Asthma => "Your asthma action plan".into(),
            Route::MinorIllness | Route::MinorIllnessPathway { .. } => "Minor illness".into(),
            Route::Trends => "Your trends".into(),
            Route::Trend { kind } => format!("{} trend", hale_core::spec::kind_spec(kind.0).label),
            Route::More => "More".into(),
            Route::Profile => "About you".into(),
            Route::Settings => "Your data".into(),
            Route::Share => "Share with your care team".into(),
            Route::Review { .. } => "Shared health summary".into(),
            Route::CareTeam { .. } => "Share with your practice".into(),
            Route::Import => "Bring in readings".into(),
            Route::Team { patient: None } => "Care team worklist".into(),
            Route::Team { patient: Some(_) } => "A person on the worklist".into(),
            Route::Rules => "How Hale checks your readings".into(),
            Route::About => "About Hale".into(),
            Route::Home
            | Route::Log
            | Route::LogKind { .. }
            | Route::Symptoms
            | Route::Emergency
            | Route::EditReading { .. }
            | Route::Urgent
            | Route::NotFound => self.title(),
        }
    }
}

impl Route {
    /// Every route with a fixed path (for tests and the sitemap of the app).
    pub const FIXED: &'static [Route] = &[
        Route::Home,
        Route::Log,
        Route::Readings,
        Route::Symptoms,
        Route::Emergency,
        Route::Score,
        Route::Advice,
        Route::Plan,
        Route::Asthma,
        Route::MinorIllness,
        Route::Trends,
        Route::More,
        Route::Profile,
        Route::Settings,
        Route::Urgent,
        Route::Share,
        Route::Review { token: None },
        Route::CareTeam { token: None },
        Route::Team { patient: None },
        Route::Import,
        Route::Rules,
        Route::About,
        Route::NotFound,
    ];

    /// The path of the route (`/log/blood_pressure`).
    pub fn to_path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Log => "/log".into(),
            Route::LogKind { kind } => format!("/log/{kind}"),
            Route::Readings => "/readings".into(),
            Route::Symptoms => "/symptoms".into(),
            Route::Emergency => "/emergency".into(),
            Route::EditReading { id } => format!("/readings/{id}"),
            Route::Score => "/score".into(),
            Route::Advice => "/advice".into(),
            Route::Plan => "/plan".into(),
            Route::Check { instrument } => format!("/check/{instrument}"),
            Route::Asthma => "/asthma".into(),
            Route::MinorIllness => "/minor-illness".into(),
            Route::MinorIllnessPathway { id } => format!("/minor-illness/{id}"),
            Route::Trends => "/trends".into(),
            Route::Trend { kind } => format!("/trends/{kind}"),
            Route::More => "/more".into(),
            Route::Profile => "/profile".into(),
            Route::Settings => "/settings".into(),
            Route::Urgent => "/urgent".into(),
            Route::Share => "/share".into(),
            Route::Review { token: None } => "/review".into(),
            Route::Review { token: Some(t) } => format!("/review/{t}"),
            Route::CareTeam { token: None } => "/connect".into(),
            Route::CareTeam { token: Some(t) } => format!("/connect/{t}"),
            Route::Import => "/import".into(),
            Route::Team { patient: None } => "/team".into(),
            Route::Team { patient: Some(p) } => format!("/team/{p}"),
            Route::Rules => "/rules".into(),
            Route::About => "/about".into(),
            Route::NotFound => "/not-found".into(),
        }
    }

    /// The route of a path; `None` when no route matches.
    pub fn from_path(path: &str) -> Option<Route> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        Some(match segments.as_slice() {
            [] => Route::Home,
            ["log"] => Route::Log,
            ["log", kind] => Route::LogKind { kind: kind.parse().ok()? },
            ["readings"] => Route::Readings,
            ["readings", id] => Route::EditReading { id: (*id).to_string() },
            ["symptoms"] => Route::Symptoms,
            ["emergency"] => Route::Emergency,
            ["score"] => Route::Score,
            ["advice"] => Route::Advice,
            ["plan"] => Route::Plan,
            ["check", i] => Route::Check { instrument: i.parse().ok()? },
            ["asthma"] => Route::Asthma,
            ["minor-illness"] => Route::MinorIllness,
            ["minor-illness", id] => Route::MinorIllnessPathway { id: (*id).to_string() },
            ["trends"] => Route::Trends,
            ["trends", kind] => Route::Trend { kind: kind.parse().ok()? },
            ["more"] => Route::More,
            ["profile"] => Route::Profile,
            ["settings"] => Route::Settings,
            ["urgent"] => Route::Urgent,
            ["share"] => Route::Share,
            ["review"] => Route::Review { token: None },
            ["review", t] => Route::Review { token: Some((*t).to_string()) },
            ["connect"] => Route::CareTeam { token: None },
            ["connect", t] => Route::CareTeam { token: Some((*t).to_string()) },
            ["import"] => Route::Import,
            ["team"] => Route::Team { patient: None },
            ["team", p] => Route::Team { patient: Some((*p).to_string()) },
            ["rules"] => Route::Rules,
            ["about"] => Route::About,
            ["not-found"] => Route::NotFound,
            _ => return None,
        })
    }

    /// The route for a `location.hash` value (`#/log/blood_pressure`), not found when unknown.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = if path.is_empty() { "/" } else { path };
        Route::from_path(path.split('?').next().unwrap_or(path)).unwrap_or(Route::NotFound)
    }

    /// The `href` of the route (`#/log`).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }
}

/// The current `location.hash`.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Goes to a route (adds a history entry, like following a link).
pub fn navigate(to: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&to.href());
    }
}

/// Props of the provider.
#[derive(Properties, PartialEq)]
pub struct RouterProps {
    /// The app.
    pub children: Html,
}

/// Provides the current `Route` to every component, following `hashchange`.
#[function_component]
pub fn Router(props: &RouterProps) -> Html {
    let route = use_state(|| Route::from_hash(&current_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "hashchange", move |_| route.set(Route::from_hash(&current_hash()))));
            move || drop(listener)
        });
    }
    html! { <ContextProvider<Route> context={(*route).clone()}>{ props.children.clone() }</ContextProvider<Route>> }
}

/// Props of a link.
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// Where it goes.
    pub to: Route,
    /// CSS classes.
    #[prop_or_default]
    pub classes: Classes,
    /// Content.
    pub children: Html,
}

/// A link to a route: a real `<a href="#/…">`, so it works with the keyboard, screen readers,
/// "open in new tab" and the back button. Marks the current page with `aria-current`.
#[function_component]
pub fn Link(props: &LinkProps) -> Html {
    let current = use_context::<Route>().unwrap_or(Route::NotFound) == props.to;
    html! {
        <a href={props.to.href()} class={props.classes.clone()} aria-current={current.then_some("page")}>
            { props.children.clone() }
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_path() {
        let mut all: Vec<Route> = Route::FIXED.to_vec();
        all.extend(ObsKind::ALL.iter().map(|k| Route::LogKind { kind: KindSlug(*k) }));
        all.extend(ObsKind::ALL.iter().map(|k| Route::Trend { kind: KindSlug(*k) }));
        all.extend(hale_core::vocab::Instrument::ALL.iter().map(|i| Route::Check { instrument: InstrumentSlug(*i) }));
        all.push(Route::MinorIllnessPathway { id: "uti".into() });
        all.push(Route::EditReading { id: "o-1a2b-c3d4".into() });
        all.push(Route::Review { token: Some("v1.AbC-_x.Ke_y-9".into()) });
        all.push(Route::Team { patient: Some("01a24123-1781-7281".into()) });
        for r in all {
            assert_eq!(Route::from_hash(&r.href()), r, "{}", r.href());
            assert!(!r.title().is_empty());
        }
        assert_eq!(Route::from_hash(""), Route::Home);
        assert_eq!(Route::from_hash("#/"), Route::Home);
        assert_eq!(Route::from_hash("#/log/telepathy"), Route::NotFound);
        assert_eq!(Route::from_hash("#/nope"), Route::NotFound);
        assert_eq!(Route::from_hash("#/log/"), Route::Log);
    }
}
