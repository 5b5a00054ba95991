//! `hale worklist --base URL [--now T]`: the care team's worklist from a FHIR server. Fetches every
//! monitoring summary (with its Patient) and every review Task, page by page, with the token in
//! the environment variable `HALE_TOKEN` (never an argument: arguments show in process lists and
//! shell histories); the core places and orders the people (`hale_core::worklist`).

use std::time::Duration;

/// What a fetch came to, in words, when it failed.
pub type Failure = String;

/// The searches, each followed through its `next` links.
pub const SEARCHES: [&str; 2] = [
    "Observation?code=urn:hale:result|monitoring_summary&_include=Observation:subject&_count=100",
    "Task?code=urn:hale:task|review&_count=100",
];

/// At most this many pages per search (a loop of `next` links ends here).
const MAX_PAGES: usize = 1000;

fn get(agent: &ureq::Agent, url: &str, token: Option<&str>) -> Result<serde_json::Value, Failure> {
    let mut req = agent.get(url).header("Accept", "application/fhir+json");
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.call().map_err(|e| format!("Could not reach {url}: {e}."))?;
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().map_err(|e| format!("Could not read the answer from {url}: {e}."))?;
    let json: Option<serde_json::Value> = serde_json::from_str(&body).ok();
    let said = json
        .as_ref()
        .filter(|j| j["resourceType"] == "OperationOutcome")
        .and_then(|j| j["issue"][0]["diagnostics"].as_str().or(j["issue"][0]["details"]["text"].as_str()))
        .map(|s| format!(" It said: {s}"))
        .unwrap_or_default();
    match status {
        200 => json
            .filter(|j| j["resourceType"] == "Bundle")
            .ok_or_else(|| format!("{url} did not answer with a FHIR Bundle.")),
        401 => {
            Err(format!("The server did not accept the token (401): set HALE_TOKEN to a current access token.{said}"))
        }
        403 => Err(format!("The server refused this search (403): the token lacks the scopes to read it.{said}")),
        s => Err(format!("The server answered {s} to {url}.{said}")),
    }
}

/// Every page of every search, as the Bundles the server answered with.
pub fn fetch(base: &str, token: Option<&str>) -> Result<Vec<serde_json::Value>, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let base = base.trim_end_matches('/');
    let mut pages = Vec::new();
    for search in SEARCHES {
        let mut url = format!("{base}/{search}");
        for _ in 0..MAX_PAGES {
            let page = get(&agent, &url, token)?;
            let next = page["link"]
                .as_array()
                .and_then(|l| l.iter().find(|x| x["relation"] == "next"))
                .and_then(|x| x["url"].as_str())
                .map(str::to_string);
            pages.push(page);
            match next {
                Some(n) => url = n,
                None => break,
            }
        }
    }
    Ok(pages)
}
