//! The care team's worklist (`#/team`, full bundle): a member of the practice's team signs in with
//! SMART App Launch (`user/` scopes) and sees, from the practice's own FHIR server and never from a
//! copy, everyone who enrolled, placed by the core in the first triage category they match
//! (`hale_core::worklist`): who to call first and why, who has gone quiet, and what colleagues
//! already reviewed. Filters (category, condition, a name or NHS number) are kept on this computer
//! for the next visit; the server pages and sorts; "Mark reviewed" writes a `Task` (undo marks it
//! entered in error); the list downloads as CSV; "Open" shows the person's summary built from the
//! server's resources (`#/team/<Patient id>`).
//!
//! The team member's token lives only in this tab's sessionStorage (gone when the tab closes) and
//! goes nowhere but the practice's FHIR server. Everything a person wrote is shown as text.

use std::rc::Rc;

use hale_core::monitoring::{Category, CATEGORIES};
use hale_core::vocab::Condition;
use hale_core::worklist::{self, Filter, Row, Search};
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::summary_view::SummaryView;
use crate::components::ui::page_title;
use crate::i18n::{f, ff, F};
use crate::platform;
use crate::route::Link;

/// The sessionStorage key of the team member's sign-in.
const SESSION: &str = "hale-team-session";
/// The localStorage key of the filters (kept for the next visit).
const FILTERS: &str = "hale-team-filter";
/// The localStorage key of the name reviews are signed with.
const REVIEWER: &str = "hale-team-reviewer";
/// The most pages of one search fetched at once (a loop of `next` links ends here).
const MAX_PAGES: usize = 40;
/// How many Patients one search for reviews names.
const REVIEW_BATCH: usize = 50;

/// What the worklist asks the practice's sign-in service for: to read the people it lists and their
/// resources, to record reviews, and to tag people (on the practice's Patient).
pub const SCOPE: &str = "openid fhirUser user/Patient.rus user/Observation.rs user/Condition.rs \
     user/MedicationStatement.rs user/QuestionnaireResponse.rs user/CarePlan.rs user/Flag.rs \
     user/Task.crus";

fn local(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

fn set_local(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

fn session_store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The signed-in session: the practice, its FHIR base, the token and the origins it may reach.
#[derive(Clone, Debug, PartialEq)]
struct Session {
    practice: String,
    fhir: String,
    token: String,
    permitted: Vec<String>,
}

impl Session {
    fn load() -> Option<Session> {
        let v: Value = serde_json::from_str(&session_store()?.get_item(SESSION).ok()??).ok()?;
        Some(Session {
            practice: v["practice"].as_str()?.to_string(),
            fhir: v["fhir"].as_str()?.trim_end_matches('/').to_string(),
            token: v["token"].as_str()?.to_string(),
            permitted: serde_json::from_value(v["permitted"].clone()).ok()?,
        })
    }

    fn keep(&self) {
        if let Some(s) = session_store() {
            let v = json!({ "practice": self.practice, "fhir": self.fhir, "token": self.token, "permitted": self.permitted });
            let _ = s.set_item(SESSION, &v.to_string());
        }
    }

    fn forget() {
        if let Some(s) = session_store() {
            let _ = s.remove_item(SESSION);
        }
    }

    fn url(&self, relative: &str) -> String {
        if relative.starts_with("http://") || relative.starts_with("https://") {
            relative.to_string()
        } else {
            format!("{}/{}", self.fhir, relative)
        }
    }

    /// A request, its failure in words.
    async fn call(&self, method: &str, relative: &str, body: Option<String>) -> Result<Value, Problem> {
        let url = self.url(relative);
        let (status, answer) = crate::bindings::team_fetch(method, &url, &self.token, body, &self.permitted).await;
        let practice = self.practice.as_str();
        match status {
            200 | 201 => Ok(answer),
            0 => Err(Problem::Other(ff(F::TmOffline, &[("practice", practice)]))),
            401 => Err(Problem::SignIn),
            403 => {
                let said = answer["issue"][0]["details"]["text"]
                    .as_str()
                    .or(answer["issue"][0]["diagnostics"].as_str())
                    .unwrap_or("forbidden");
                Err(Problem::Other(ff(F::TmRefused, &[("practice", practice), ("said", said)])))
            }
            s => Err(Problem::Other(ff(F::TmServerSaid, &[("practice", practice), ("status", &s.to_string())]))),
        }
    }

    /// A search and its `next` link.
    async fn page(&self, relative: &str) -> Result<(Value, Option<String>), Problem> {
        let b = self.call("GET", relative, None).await?;
        let next = b["link"]
            .as_array()
            .and_then(|l| l.iter().find(|x| x["relation"] == "next"))
            .and_then(|x| x["url"].as_str())
            .map(str::to_string);
        Ok((b, next))
    }

    /// Every page of a search.
    async fn whole(&self, relative: &str) -> Result<Vec<Value>, Problem> {
        let mut out = Vec::new();
        let mut url = Some(relative.to_string());
        for _ in 0..MAX_PAGES {
            let Some(u) = url.take() else { break };
            let (b, next) = self.page(&u).await?;
            out.push(b);
            url = next;
        }
        Ok(out)
    }
}

/// Why the worklist could not be read.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    /// The sign-in has run out.
    SignIn,
    /// Anything else, in words.
    Other(String),
}

/// The filters, as kept between visits.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    category: Option<Category>,
    condition: Option<Condition>,
    search: String,
    tag: String,
}

impl Filters {
    fn load() -> Filters {
        let v: Value = local(FILTERS).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        Filters {
            category: v["category"].as_str().and_then(|c| CATEGORIES.iter().find(|d| d.code == c)).map(|d| d.category),
            condition: v["condition"].as_str().and_then(Condition::parse),
            search: v["search"].as_str().unwrap_or_default().to_string(),
            tag: v["tag"].as_str().unwrap_or_default().to_string(),
        }
    }

    fn keep(&self) {
        let v = json!({
            "category": self.category.map(|c| c.def().code),
            "condition": self.condition.map(Condition::as_str),
            "search": self.search,
            "tag": self.tag,
        });
        set_local(FILTERS, &v.to_string());
    }
}

/// What the server gave for the current filters.
#[derive(Clone, Debug, Default, PartialEq)]
struct Loaded {
    /// Every Bundle fetched (summaries with Patients, reviews), plus reviews made here.
    bundles: Vec<Value>,
    /// The searches, each with its next page (None: fetched to the end).
    searches: Vec<(Search, Option<String>)>,
    /// The categories shown.
    categories: Vec<Category>,
    /// A search by name or NHS number found no one.
    nobody: bool,
}

impl Loaded {
    fn rows(&self) -> Vec<Row> {
        let (rows, _) = worklist::rows(&self.bundles, platform::now());
        rows.into_iter().filter(|r| self.categories.contains(&r.category)).collect()
    }

    fn more(&self) -> bool {
        self.searches.iter().any(|(_, n)| n.is_some())
    }
}

/// The reviews of these Patients, in Bundles.
async fn reviews(s: &Session, ids: &[String]) -> Result<Vec<Value>, Problem> {
    let mut out = Vec::new();
    for chunk in ids.chunks(REVIEW_BATCH) {
        out.extend(s.whole(&worklist::reviews_search(chunk)).await?);
    }
    Ok(out)
}

/// The Patient ids of the summaries in these Bundles.
fn patients_in(bundles: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = bundles
        .iter()
        .flat_map(|b| b["entry"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["resource"]["resourceType"] == "Observation")
        .filter_map(|e| e["resource"]["subject"]["reference"].as_str()?.strip_prefix("Patient/").map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Loads the first page of the worklist for these filters: the searches in order (the core's),
/// until a page of people is listed.
async fn load(s: &Session, filters: &Filters) -> Result<Loaded, Problem> {
    let mut filter = Filter { category: filters.category, condition: filters.condition, patients: None };
    // A name or NHS number, and a tag: the Patients that match both.
    let mut wanted: Option<Vec<String>> = None;
    if let Some(q) = worklist::patient_search(&filters.search) {
        wanted = Some(patients_in_search(&s.whole(&q).await?));
    }
    if let Ok(tag) = worklist::tag_text(&filters.tag) {
        let tagged = patients_in_search(&s.whole(&worklist::tag_search(&tag)).await?);
        wanted = Some(match wanted {
            Some(w) => w.into_iter().filter(|id| tagged.contains(id)).collect(),
            None => tagged,
        });
    }
    if let Some(ids) = wanted {
        if ids.is_empty() {
            return Ok(Loaded { nobody: true, ..Loaded::default() });
        }
        filter.patients = Some(ids);
    }
    let mut loaded = Loaded::default();
    for search in worklist::searches(platform::now(), &filter) {
        loaded.categories.extend(search.categories.iter().copied());
        let first = search.query.clone();
        loaded.searches.push((search, Some(first)));
    }
    loaded.categories.sort();
    loaded.categories.dedup();
    loaded.categories.retain(|c| filters.category.is_none_or(|f| f == *c));
    more(s, loaded).await
}
fn patients_in_search(bundles: &[Value]) -> Vec<String> {
    bundles
        .iter()
        .flat_map(|b| b["entry"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["resource"]["resourceType"] == "Patient")
        .filter_map(|e| e["resource"]["id"].as_str().map(str::to_string))
        .collect()
}

/// The next page: from the first search with more to fetch (a whole search all at once), and on
/// through the searches until a page of people more is listed; with the reviews of those people.
async fn more(s: &Session, mut loaded: Loaded) -> Result<Loaded, Problem> {
    let before = loaded.rows().len();
    let mut fetched = Vec::new();
    while let Some(slot) = loaded.searches.iter_mut().find(|(_, n)| n.is_some()) {
        let url = slot.1.take().unwrap_or_default();
        if slot.0.whole {
            fetched.extend(s.whole(&url).await?);
        } else {
            let (b, next) = s.page(&url).await?;
            slot.1 = next;
            fetched.push(b);
        }
        let mut probe = loaded.clone();
        probe.bundles.extend(fetched.iter().cloned());
        if probe.rows().len() >= before + worklist::PAGE_SIZE {
            break;
        }
    }
    let ids = patients_in(&fetched);
    loaded.bundles.extend(fetched);
    loaded.bundles.extend(reviews(s, &ids).await?);
    Ok(loaded)
}

fn display_name(r: &Row) -> String {
    r.name
        .clone()
        .unwrap_or_else(|| ff(F::TmNameNotGiven, &[("id", r.identifier.as_deref().unwrap_or(r.patient_id.as_str()))]))
}

fn nhs_spaced(n: &str) -> String {
    if n.len() == 10 {
        format!("{} {} {}", &n[..3], &n[3..6], &n[6..])
    } else {
        n.to_string()
    }
}

/// A review in progress: whose, and the last words shown about reviews.
#[derive(Clone, Debug, PartialEq)]
enum Said {
    Nothing,
    Reviewed { name: String, task: Value },
    Words(String, bool),
}

/// The worklist page (`#/team`) or one person's summary (`#/team/<id>`).
#[derive(Properties, PartialEq)]
pub struct TeamProps {
    /// The Patient to open, when one was chosen.
    #[prop_or_default]
    pub patient: Option<String>,
}

/// The page.
#[function_component]
pub fn Team(props: &TeamProps) -> Html {
    let session = use_state(Session::load);
    let worklists = use_state(Vec::<Value>::new);
    let origins = use_state(Vec::<String>::new);
    let problem = use_state(|| None::<Problem>);
    {
        // Back from the sign-in: keep the token for this tab; otherwise read what can be signed in to.
        let session = session.clone();
        let worklists = worklists.clone();
        let origins = origins.clone();
        let problem = problem.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let permitted = crate::bindings::care_team_origins().await;
                if let Some(done) = crate::bindings::smart_finish().await {
                    if done["ok"] == true && done["invitation"]["back"] == "#/team" {
                        let s = Session {
                            practice: done["invitation"]["practice"].as_str().unwrap_or_default().to_string(),
                            fhir: done["invitation"]["fhir"]
                                .as_str()
                                .unwrap_or_default()
                                .trim_end_matches('/')
                                .to_string(),
                            token: done["token"]["access_token"].as_str().unwrap_or_default().to_string(),
                            permitted: permitted.clone(),
                        };
                        s.keep();
                        session.set(Some(s));
                    } else {
                        let why = done["error"].as_str().unwrap_or("no answer").to_string();
                        problem.set(Some(Problem::Other(ff(F::TmSignInFailed, &[("why", &why)]))));
                    }
                }
                origins.set(permitted);
                worklists.set(crate::bindings::team_worklists().await);
            });
        });
    }
    let on_sign_out = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            Session::forget();
            session.set(None);
        })
    };
    let signed_in = (*session).clone().filter(|_| !matches!(*problem, Some(Problem::SignIn)));
    let body = match signed_in {
        None => sign_in_view(&worklists, &origins, &problem),
        Some(s) => match &props.patient {
            Some(id) => html! { <Person session={Rc::new(s)} patient={id.clone()} /> },
            None => html! { <List session={Rc::new(s)} on_expired={ {
                let problem = problem.clone();
                Callback::from(move |_| problem.set(Some(Problem::SignIn)))
            } } /> },
        },
    };
    let practice = (*session).as_ref().map(|s| s.practice.clone());
    html! {
        <div class="team">
            { page_title(if props.patient.is_some() { f(F::TmPersonTitle) } else { f(F::TmTitle) }) }
            if let (Some(p), false) = (practice, matches!(*problem, Some(Problem::SignIn))) {
                <p class="team__who">{ ff(F::TmSignedIn, &[("practice", &p)]) }{" "}
                    <button type="button" class="button button--secondary button--small" onclick={on_sign_out}>{ f(F::TmSignOut) }</button>
                </p>
            }
            { body }
        </div>
    }
}

fn sign_in_view(worklists: &[Value], origins: &[String], problem: &UseStateHandle<Option<Problem>>) -> Html {
    let error = match &**problem {
        Some(Problem::SignIn) => Some(f(F::TmExpired).to_string()),
        Some(Problem::Other(w)) => Some(w.clone()),
        None => None,
    };
    html! {
        <>
            if let Some(e) = error {
                <p class="notice notice--warning" role="alert" id="team-error">{ e }</p>
            }
            if worklists.is_empty() {
                <p>{ f(F::TmNotSetUp) }</p>
            }
            { for worklists.iter().map(|w| {
                let practice = w["practice"].as_str().unwrap_or_default().to_string();
                let invitation = json!({
                    "practice": practice, "fhir": w["fhir"], "auth": w["auth"], "client_id": w["client_id"],
                    "back": "#/team",
                }).to_string();
                let origins = origins.to_vec();
                let problem = problem.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    let (invitation, origins, problem) = (invitation.clone(), origins.clone(), problem.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Err(why) = crate::bindings::smart_start(&invitation, "{}", SCOPE, &origins).await {
                            problem.set(Some(Problem::Other(ff(F::TmSignInFailed, &[("why", &why)]))));
                        }
                    });
                });
                html! {
                    <section class="team__sign-in">
                        <p>{ ff(F::TmSignInIntro, &[("practice", &practice)]) }</p>
                        <button type="button" class="button" {onclick}>{ ff(F::TmSignIn, &[("practice", &practice)]) }</button>
                    </section>
                }
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    session: Rc<Session>,
    on_expired: Callback<()>,
}

#[function_component]
fn List(props: &ListProps) -> Html {
    let filters = use_state(Filters::load);
    let loaded = use_state(|| None::<Loaded>);
    let busy = use_state(|| true);
    let error = use_state(|| None::<String>);
    let reviewing = use_state(|| None::<String>);
    let said = use_state(|| Said::Nothing);
    let reviewer = use_state(|| local(REVIEWER).unwrap_or_default());
    let search_ref = use_node_ref();
    let tag_ref = use_node_ref();
    let category_ref = use_node_ref();
    let condition_ref = use_node_ref();
    crate::hooks::use_reveal("team-result", (*said).clone(), !matches!(*said, Said::Nothing));
    crate::hooks::use_reveal("team-error", (*error).clone(), error.is_some());

    let fail = {
        let error = error.clone();
        let on_expired = props.on_expired.clone();
        move |p: Problem| match p {
            Problem::SignIn => on_expired.emit(()),
            Problem::Other(w) => error.set(Some(w)),
        }
    };
    {
        let session = props.session.clone();
        let loaded = loaded.clone();
        let busy = busy.clone();
        let error = error.clone();
        let fail = fail.clone();
        use_effect_with((*filters).clone(), move |fl| {
            let fl = fl.clone();
            fl.keep();
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match load(&session, &fl).await {
                    Ok(l) => loaded.set(Some(l)),
                    Err(p) => fail(p),
                }
                busy.set(false);
            });
        });
    }
    let on_filter = {
        let filters = filters.clone();
        let (search_ref, category_ref, condition_ref) =
            (search_ref.clone(), category_ref.clone(), condition_ref.clone());
        let tag_ref = tag_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let category = value(&category_ref);
            filters.set(Filters {
                category: CATEGORIES.iter().find(|d| d.code == category).map(|d| d.category),
                condition: Condition::parse(&value(&condition_ref)),
                search: search_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
                tag: tag_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
            });
        })
    };
    let on_clear = {
        let filters = filters.clone();
        let (search_ref, category_ref, condition_ref) =
            (search_ref.clone(), category_ref.clone(), condition_ref.clone());
        let tag_ref = tag_ref.clone();
        Callback::from(move |_: MouseEvent| {
            for r in [&search_ref, &tag_ref] {
                if let Some(i) = r.cast::<HtmlInputElement>() {
                    i.set_value("");
                }
            }
            for r in [&category_ref, &condition_ref] {
                if let Some(s) = r.cast::<HtmlSelectElement>() {
                    s.set_value("");
                }
            }
            filters.set(Filters::default());
        })
    };
    let on_more = {
        let session = props.session.clone();
        let loaded = loaded.clone();
        let busy = busy.clone();
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(l) = (*loaded).clone() else { return };
            let (session, loaded, busy, fail) = (session.clone(), loaded.clone(), busy.clone(), fail.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match more(&session, l).await {
                    Ok(l) => loaded.set(Some(l)),
                    Err(p) => fail(p),
                }
                busy.set(false);
            });
        })
    };
    let rows = (*loaded).as_ref().map(Loaded::rows).unwrap_or_default();
    let on_csv = {
        let rows = rows.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let day = hale_core::time::fmt_instant(platform::now()).chars().take(10).collect::<String>();
            if let Err(e) = platform::download(&format!("hale-worklist-{day}.csv"), "text/csv", &worklist::csv(&rows)) {
                error.set(Some(e));
            }
        })
    };
    let save_review = {
        let session = props.session.clone();
        let loaded = loaded.clone();
        let reviewing = reviewing.clone();
        let said = said.clone();
        let reviewer = reviewer.clone();
        let fail = fail.clone();
        Callback::from(move |(row, by, note): (Row, String, String)| {
            let (session, loaded, reviewing, said, fail) =
                (session.clone(), loaded.clone(), reviewing.clone(), said.clone(), fail.clone());
            set_local(REVIEWER, &by);
            reviewer.set(by.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let task = worklist::review_task(&row, &by, Some(note.as_str()), platform::now());
                match session.call("POST", "Task", Some(task.to_string())).await {
                    Ok(stored) => {
                        if let Some(mut l) = (*loaded).clone() {
                            l.bundles.push(json!({ "entry": [{ "resource": stored }] }));
                            loaded.set(Some(l));
                        }
                        reviewing.set(None);
                        said.set(Said::Reviewed { name: display_name(&row), task: stored });
                    }
                    Err(p) => fail(p),
                }
            });
        })
    };
    let on_undo = {
        let session = props.session.clone();
        let loaded = loaded.clone();
        let said = said.clone();
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            let Said::Reviewed { name, task } = (*said).clone() else { return };
            let (session, loaded, said, fail) = (session.clone(), loaded.clone(), said.clone(), fail.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let id = task["id"].as_str().unwrap_or_default().to_string();
                let undone = worklist::undo_review(&task);
                match session.call("PUT", &format!("Task/{id}"), Some(undone.to_string())).await {
                    Ok(_) => {
                        if let Some(mut l) = (*loaded).clone() {
                            // Every copy of the Task (made here or fetched) stops counting.
                            for b in &mut l.bundles {
                                if let Some(entries) = b["entry"].as_array_mut() {
                                    entries.retain(|e| {
                                        e["resource"]["resourceType"] != "Task" || e["resource"]["id"] != id.as_str()
                                    });
                                }
                            }
                            loaded.set(Some(l));
                        }
                        said.set(Said::Words(ff(F::TmUndone, &[("name", &name)]), false));
                    }
                    Err(p) => fail(p),
                }
            });
        })
    };

    let on_tag = {
        let session = props.session.clone();
        let loaded = loaded.clone();
        let said = said.clone();
        let fail = fail.clone();
        Callback::from(move |(id, name, tag, on): (String, String, String, bool)| {
            let (session, loaded, said, fail) = (session.clone(), loaded.clone(), said.clone(), fail.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("Patient/{id}");
                let stored = match session.call("GET", &path, None).await {
                    Ok(p) => session.call("PUT", &path, Some(worklist::with_tag(&p, &tag, on).to_string())).await,
                    Err(e) => Err(e),
                };
                match stored {
                    Ok(p) => {
                        if let Some(mut l) = (*loaded).clone() {
                            for b in &mut l.bundles {
                                for e in b["entry"].as_array_mut().into_iter().flatten() {
                                    if e["resource"]["resourceType"] == "Patient" && e["resource"]["id"] == id.as_str()
                                    {
                                        e["resource"] = p.clone();
                                    }
                                }
                            }
                            loaded.set(Some(l));
                        }
                        let key = if on { F::TmTagged } else { F::TmUntagged };
                        said.set(Said::Words(ff(key, &[("name", &name), ("tag", &tag)]), false));
                    }
                    Err(p) => fail(p),
                }
            });
        })
    };
    let f_now = (*filters).clone();
    let status = if *busy {
        f(F::TmLoading).to_string()
    } else if rows.len() == 1 {
        f(F::TmShownOne).to_string()
    } else {
        ff(F::TmShown, &[("n", &rows.len().to_string())])
    };
    let empty = !*busy && rows.is_empty() && loaded.is_some();
    let filtered = f_now != Filters::default();
    html! {
        <>
            <p>{ ff(F::TmIntro, &[("practice", &props.session.practice)]) }</p>
            <form class="team__filters" role="search" aria-label={f(F::TmFilters)} onsubmit={on_filter}>
                <div class="form-group">
                    <label class="label" for="team-category">{ f(F::TmCategory) }</label>
                    <select class="select" id="team-category" ref={category_ref}>
                        <option value="" selected={f_now.category.is_none()}>{ f(F::TmAll) }</option>
                        { for CATEGORIES.iter().map(|d| html! {
                            <option value={d.code} selected={f_now.category == Some(d.category)}>{ d.title }</option>
                        }) }
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="team-condition">{ f(F::TmCondition) }</label>
                    <select class="select" id="team-condition" ref={condition_ref}>
                        <option value="" selected={f_now.condition.is_none()}>{ f(F::TmAll) }</option>
                        { for Condition::ALL.iter().map(|c| html! {
                            <option value={c.as_str()} selected={f_now.condition == Some(*c)}>{ crate::i18n::vocab_label(c.as_str()) }</option>
                        }) }
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="team-tag">{ f(F::TmTag) }</label>
                    <input class="input" id="team-tag" type="text" ref={tag_ref} value={f_now.tag.clone()} autocomplete="off" />
                </div>
                <div class="form-group">
                    <label class="label" for="team-search">{ f(F::TmSearch) }</label>
                    <input class="input" id="team-search" type="search" ref={search_ref} value={f_now.search.clone()} autocomplete="off" />
                </div>
                <div class="actions">
                    <button type="submit" class="button">{ f(F::TmApply) }</button>
                    if filtered {
                        <button type="button" class="button button--secondary" onclick={on_clear}>{ f(F::TmClear) }</button>
                    }
                </div>
            </form>
            if let Some(e) = (*error).clone() {
                <p class="notice notice--warning" role="alert" id="team-error" tabindex="-1">{ e }</p>
            }
            <p role="status" class="status" id="team-status">{ status }</p>
            <div id="team-result" tabindex="-1" role="status" class="status">
                { match &*said {
                    Said::Nothing => html! {},
                    Said::Reviewed { name, .. } => html! {
                        <>
                            { ff(F::TmReviewSaved, &[("name", name)]) }{" "}
                            <button type="button" class="button button--secondary button--small" onclick={on_undo}>{ f(F::TmUndo) }</button>
                        </>
                    },
                    Said::Words(w, _) => html! { { w.clone() } },
                } }
            </div>
            if empty {
                <p class="team__empty">{ if filtered || (*loaded).as_ref().is_some_and(|l| l.nobody) { f(F::TmNoMatch) } else { f(F::TmNoOne) } }</p>
            }
            { for CATEGORIES.iter().map(|d| {
                let in_it: Vec<&Row> = rows.iter().filter(|r| r.category == d.category).collect();
                if in_it.is_empty() {
                    return html! {};
                }
                html! {
                    <section class="team__category" aria-labelledby={format!("cat-{}", d.code)}>
                        <h2 id={format!("cat-{}", d.code)}>{ format!("{} ({})", d.title, in_it.len()) }</h2>
                        <ul class="team__rows">
                            { for in_it.into_iter().map(|r| row_view(r, &reviewing, &reviewer, &save_review, &on_tag)) }
                        </ul>
                    </section>
                }
            }) }
            <div class="actions">
                if (*loaded).as_ref().is_some_and(Loaded::more) {
                    <button type="button" class="button button--secondary" onclick={on_more} disabled={*busy}>{ f(F::TmMore) }</button>
                }
                if !rows.is_empty() {
                    <button type="button" class="button button--secondary" id="team-csv" onclick={on_csv}>{ f(F::TmCsv) }</button>
                }
            </div>
        </>
    }
}

fn row_view(
    r: &Row,
    reviewing: &UseStateHandle<Option<String>>,
    reviewer: &UseStateHandle<String>,
    save: &Callback<(Row, String, String)>,
    on_tag: &Callback<(String, String, String, bool)>,
) -> Html {
    let name = display_name(r);
    let mut who: Vec<String> = Vec::new();
    if let Some(n) = &r.nhs_number {
        who.push(ff(F::TmNhsNumber, &[("n", &nhs_spaced(n))]));
    }
    if let Some(a) = r.age {
        who.push(ff(F::TmAge, &[("n", &a.to_string())]));
    }
    who.extend(r.conditions.iter().map(|c| crate::i18n::vocab_label(c).to_string()));
    let open = reviewing.as_deref() == Some(r.patient_id.as_str());
    let on_review = {
        let reviewing = reviewing.clone();
        let id = r.patient_id.clone();
        Callback::from(move |_: MouseEvent| reviewing.set(Some(id.clone())))
    };
    let form_id = format!("review-{}", r.patient_id);
    html! {
        <li class="team-row" data-patient={r.patient_id.clone()} data-category={r.category.def().code}>
            <h3 class="team-row__name">{ name.clone() }</h3>
            if !who.is_empty() {
                <p class="team-row__who">{ who.join(" \u{b7} ") }</p>
            }
            <p class="team-row__reason"><strong>{ r.reason.clone() }</strong></p>
            if !r.latest.is_empty() {
                <ul class="team-row__latest">
                    { for r.latest.iter().map(|l| html! {
                        <li>{ format!("{}: {}", l.label, l.text) }
                            if let Some(t) = l.at { <span class="muted">{ format!(" ({})", platform::human_date(t)) }</span> }
                        </li>
                    }) }
                </ul>
            }
            <p class="team-row__last">{ match r.last_data_at {
                Some(t) => ff(F::TmLastReading, &[("when", &platform::human_time(t))]),
                None => f(F::TmNoReadings).to_string(),
            } }</p>
            <p class="team-row__reviewed">{ match &r.reviewed {
                Some(v) => {
                    let mut s = ff(F::TmReviewed, &[("by", &v.by), ("when", &platform::human_date(v.at))]);
                    if let Some(n) = &v.note { s.push_str(&format!(": {n}")); }
                    s
                }
                None => f(F::TmNotReviewed).to_string(),
            } }</p>
            <Tags id={r.patient_id.clone()} name={name.clone()} tags={r.tags.clone()} on_tag={on_tag.clone()} />
            if open {
                <ReviewForm row={r.clone()} reviewer={(**reviewer).clone()} save={save.clone()} cancel={ {
                    let reviewing = reviewing.clone();
                    Callback::from(move |_| reviewing.set(None))
                } } id={form_id} />
            } else {
                <div class="actions">
                    <button type="button" class="button button--small" onclick={on_review}>
                        { f(F::TmMarkReviewed) }<span class="visually-hidden">{ ff(F::TmOfWhom, &[("name", &name)]) }</span>
                    </button>
                    <Link to={crate::route::Route::Team { patient: Some(r.patient_id.clone()) }} classes={classes!("button", "button--secondary", "button--small")}>
                        { ff(F::TmOpen, &[("name", &name)]) }
                    </Link>
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ReviewFormProps {
    row: Row,
    reviewer: String,
    save: Callback<(Row, String, String)>,
    cancel: Callback<()>,
    id: String,
}

#[function_component]
fn ReviewForm(props: &ReviewFormProps) -> Html {
    let note = use_node_ref();
    let by = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let note = note.clone();
        use_effect_with((), move |_| {
            if let Some(n) = note.cast::<web_sys::HtmlElement>() {
                let _ = n.focus();
            }
        });
    }
    let onsubmit = {
        let (note, by, error, save, row) =
            (note.clone(), by.clone(), error.clone(), props.save.clone(), props.row.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let who = by.cast::<HtmlInputElement>().map(|i| i.value().trim().to_string()).unwrap_or_default();
            if who.is_empty() {
                error.set(Some(f(F::TmNameNeeded).to_string()));
                if let Some(i) = by.cast::<web_sys::HtmlElement>() {
                    let _ = i.focus();
                }
                return;
            }
            let text = note.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            save.emit((row.clone(), who, text));
        })
    };
    let cancel = {
        let c = props.cancel.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let note_id = format!("{}-note", props.id);
    let by_id = format!("{}-by", props.id);
    let err_id = format!("{}-error", props.id);
    html! {
        <form class="team-row__review" id={props.id.clone()} {onsubmit} aria-label={f(F::TmMarkReviewed)}>
            <div class="form-group">
                <label class="label" for={note_id.clone()}>{ f(F::TmNote) }</label>
                <textarea class="textarea" id={note_id} ref={note} rows="2" />
            </div>
            <div class="form-group">
                <label class="label" for={by_id.clone()}>{ f(F::TmYourName) }</label>
                if let Some(e) = (*error).clone() {
                    <p class="error-message" id={err_id.clone()} role="alert">{ e }</p>
                }
                <input class="input" id={by_id} ref={by} type="text" autocomplete="name" value={props.reviewer.clone()}
                    aria-describedby={error.is_some().then_some(err_id)} />
            </div>
            <div class="actions">
                <button type="submit" class="button">{ f(F::TmSaveReview) }</button>
                <button type="button" class="button button--secondary" onclick={cancel}>{ f(F::TmCancel) }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PersonProps {
    session: Rc<Session>,
    patient: String,
}

/// The searches that gather a person's resources for their summary.
const PERSON_SEARCHES: [&str; 5] =
    ["Observation", "Condition", "MedicationStatement", "QuestionnaireResponse", "CarePlan"];

/// One person's summary, built from the server's resources: the same view the review page shows.
#[function_component]
fn Person(props: &PersonProps) -> Html {
    let view = use_state(|| None::<Result<Rc<Value>, String>>);
    crate::hooks::use_reveal("team-person", view.is_some(), view.is_some());
    {
        let (session, id, view) = (props.session.clone(), props.patient.clone(), view.clone());
        use_effect_with(props.patient.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let mut entries: Vec<Value> = Vec::new();
                let mut problem = None;
                match session.call("GET", &format!("Patient/{id}"), None).await {
                    Ok(p) => entries.push(json!({ "resource": p })),
                    Err(p) => problem = Some(p),
                }
                for t in PERSON_SEARCHES {
                    if problem.is_some() {
                        break;
                    }
                    match session.whole(&format!("{t}?patient=Patient/{id}&_count=200")).await {
                        Ok(pages) => entries
                            .extend(pages.iter().flat_map(|b| b["entry"].as_array().cloned().unwrap_or_default())),
                        Err(p) => problem = Some(p),
                    }
                }
                let result = match problem {
                    Some(Problem::SignIn) => Err(f(F::TmExpired).to_string()),
                    Some(Problem::Other(w)) => Err(w),
                    None => {
                        let bundle = json!({ "resourceType": "Bundle", "type": "collection", "entry": entries });
                        hale_core::api::summary_of_file(&bundle.to_string(), platform::now())
                            .map(Rc::new)
                            .map_err(|_| f(F::TmPersonNone).to_string())
                    }
                };
                view.set(Some(result));
            });
        });
    }
    html! {
        <>
            <p><Link to={crate::route::Route::Team { patient: None }}>{ f(F::TmBack) }</Link></p>
            <div id="team-person" tabindex="-1">
                { match &*view {
                    None => html! { <p role="status" class="status">{ f(F::TmPersonLoading) }</p> },
                    Some(Err(w)) => html! { <p class="notice notice--warning" role="alert">{ w.clone() }</p> },
                    Some(Ok(v)) => html! { <SummaryView view={v.clone()} live={Some(props.session.practice.clone())} /> },
                } }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TagsProps {
    id: String,
    name: String,
    tags: Vec<String>,
    on_tag: Callback<(String, String, String, bool)>,
}

/// A person's tags: each with Remove, and a field to add one.
#[function_component]
fn Tags(props: &TagsProps) -> Html {
    let input = use_node_ref();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (input, error, on_tag, id, name) =
            (input.clone(), error.clone(), props.on_tag.clone(), props.id.clone(), props.name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else { return };
            match worklist::tag_text(&field.value()) {
                Ok(tag) => {
                    error.set(None);
                    field.set_value("");
                    on_tag.emit((id.clone(), name.clone(), tag, true));
                }
                Err(why) => {
                    error.set(Some(why));
                    let _ = field.focus();
                }
            }
        })
    };
    let field_id = format!("tag-{}", props.id);
    let err_id = format!("tag-{}-error", props.id);
    html! {
        <div class="team-row__tags">
            if !props.tags.is_empty() {
                <p>{ f(F::TmTags) }{" "}
                    { for props.tags.iter().map(|t| {
                        let (on_tag, id, name, tag) = (props.on_tag.clone(), props.id.clone(), props.name.clone(), t.clone());
                        let onclick = Callback::from(move |_: MouseEvent| on_tag.emit((id.clone(), name.clone(), tag.clone(), false)));
                        html! {
                            <span class="team-row__tag">{ t.clone() }{" "}
                                <button type="button" class="button--link" {onclick}>{ ff(F::TmRemoveTag, &[("tag", t)]) }</button>
                            </span>
                        }
                    }) }
                </p>
            }
            <form class="team-row__tag-form" {onsubmit}>
                <label class="label" for={field_id.clone()}>{ f(F::TmAddTag) }<span class="visually-hidden">{ ff(F::TmOfWhom, &[("name", &props.name)]) }</span></label>
                if let Some(e) = (*error).clone() {
                    <p class="error-message" id={err_id.clone()} role="alert">{ e }</p>
                }
                <input class="input input--width-10" id={field_id} ref={input} type="text" autocomplete="off"
                    aria-describedby={error.is_some().then_some(err_id)} />{" "}
                <button type="submit" class="button button--secondary button--small">{ f(F::TmAdd) }</button>
            </form>
        </div>
    }
}
