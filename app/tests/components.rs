//! Component tests in a browser (headless Chromium): the key components rendered on their own
//! into a page, driven through the DOM the way a person uses them, and read back as a screen
//! reader would find them. The reading form and the flag card run in the lite build; the line chart
//! and the summary view in the full one (`--features full`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "a test fails loudly on the first broken step")]

use std::rc::Rc;

use hale_app::components::flag_card::{FlagCard, FlagCardProps};
use hale_app::components::reading_form::{ReadingForm, ReadingFormProps};
use hale_app::context::AppContext;
use hale_app::state::AppState;
use hale_app::store::{AnyStore, MemoryStore, Store, Table};
use hale_core::vocab::ObsKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to render into.
fn root() -> Element {
    let doc = web_sys::window().and_then(|w| w.document()).expect("document");
    let el = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&el).expect("append");
    el
}

/// Lets the browser run queued work (Yew renders, effects, the store's promises).
async fn settle() {
    for _ in 0..5 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .expect("timeout");
        });
        wasm_bindgen_futures::JsFuture::from(p).await.expect("tick");
    }
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn find(el: &Element, selector: &str) -> Element {
    el.query_selector(selector).expect("selector").unwrap_or_else(|| panic!("{selector} is on the page"))
}

/// Types into an input as a person would (value, then an `input` event that bubbles).
fn type_into(el: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(el, selector).dyn_into().expect("an input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let e = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&e).expect("dispatch");
}

fn click(el: &Element, selector: &str) {
    let b: HtmlElement = find(el, selector).dyn_into().expect("an element");
    b.click();
}

/// The store a test hands to the component (the same one it reads back).
#[derive(Clone)]
struct Shared(Rc<AnyStore>);

impl PartialEq for Shared {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// The app's context around a component: a fresh state and an in-memory store.
#[derive(Properties, PartialEq)]
struct WithAppProps {
    store: Shared,
    children: Html,
}

#[function_component]
fn WithApp(props: &WithAppProps) -> Html {
    let now = hale_core::time::parse_rfc3339("2026-11-18T10:30:00Z").expect("instant");
    let state = use_reducer(|| AppState::new(now, false));
    let ctx = AppContext { state, store: Some(props.store.0.clone()) };
    html! { <ContextProvider<AppContext> context={ctx}>{ props.children.clone() }</ContextProvider<AppContext>> }
}

#[derive(Properties, PartialEq)]
struct FormHostProps {
    store: Shared,
    kind: ObsKind,
}

#[function_component]
fn FormHost(props: &FormHostProps) -> Html {
    let form = ReadingFormProps { kind: props.kind, editing: None };
    html! { <WithApp store={props.store.clone()}><ReadingForm ..form /></WithApp> }
}

/// Renders the blood-pressure form with an empty in-memory store, types the two numbers as a
/// person would and presses Save; returns the store and the rendered form.
async fn blood_pressure_saved(systolic: &str, diastolic: &str) -> (Rc<AnyStore>, Element) {
    let store = Rc::new(AnyStore::Memory(MemoryStore::default()));
    let el = root();
    yew::Renderer::<FormHost>::with_root_and_props(
        el.clone(),
        FormHostProps { store: Shared(store.clone()), kind: ObsKind::BloodPressure },
    )
    .render();
    settle().await;
    type_into(&el, "#field-systolic_mmhg", systolic);
    type_into(&el, "#field-diastolic_mmhg", diastolic);
    click(&el, "button[type=submit]");
    settle().await;
    (store, el)
}

#[wasm_bindgen_test]
async fn reading_form_saves_a_reading_and_shows_the_flag_in_the_result() {
    let (store, el) = blood_pressure_saved("182", "100").await;
    let rows = store.all(Table::Observations).await.expect("rows");
    assert_eq!(rows.len(), 1, "one reading stored");
    assert_eq!(rows[0]["systolic_mmhg"], 182.0);
    let result = find(&el, "#save-result");
    let words = text(&result);
    assert!(words.contains("Reading saved"), "{words}");
    // The flag the reading raised is in the result region, in words (the rule id only in Details).
    let flag = find(&result, "section.flag");
    assert!(text(&find(&flag, "h2")).to_lowercase().contains("blood pressure"), "{}", text(&flag));
}

#[wasm_bindgen_test]
async fn reading_form_refuses_a_bad_number_and_stores_nothing() {
    let (store, el) = blood_pressure_saved("300", "abc").await;
    assert!(store.all(Table::Observations).await.expect("rows").is_empty(), "nothing stored");
    let summary = find(&el, "#error-summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    // Each field's error is tied to its input, so a screen reader reads it with the field.
    let diastolic = find(&el, "#field-diastolic_mmhg");
    let described = diastolic.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.contains("field-diastolic_mmhg-error") || described.contains("error"), "{described}");
    assert_eq!(diastolic.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn flag_card_reads_as_a_titled_region_with_the_service_first_and_the_rule_in_details() {
    let now = hale_core::time::parse_rfc3339("2026-11-18T10:30:00Z").expect("instant");
    let record = hale_core::parse::parse_record_str(
        r#"{"format": "hale.record/1", "observations": [{"id": "a", "at": "2026-11-18T10:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 182, "diastolic_mmhg": 100}]}"#,
    )
    .expect("record")
    .record;
    let a = hale_core::assessment::assess(&record, now, &[]);
    let flag = a.red_flags.first().cloned().expect("182/100 raises a flag");
    let el = root();
    yew::Renderer::<FlagCard>::with_root_and_props(el.clone(), FlagCardProps { flag: flag.clone() }).render();
    settle().await;
    let section = find(&el, "section.flag");
    let title_id = section.get_attribute("aria-labelledby").expect("labelled");
    assert_eq!(text(&find(&el, &format!("#{}", title_id.replace('.', "\\.")))), flag.title);
    // The way to get help (a call button, when the service has one) comes before the explanation.
    let words = text(&section);
    if let Some(call) = section.query_selector("a.button").expect("selector") {
        let at = words.find(&text(&call)).expect("button text");
        assert!(at < words.find(flag.message.as_str()).expect("message"), "the call button comes first: {words}");
        assert!(call.get_attribute("href").is_some_and(|h| h.starts_with("tel:")));
    }
    let actions = section.query_selector_all(".flag__actions li").expect("actions");
    assert_eq!(actions.length() as usize, flag.actions.len());
    // The rule id appears only inside the closed Details disclosure, never in the words read first.
    let details = find(&section, "details");
    assert!(!details.has_attribute("open"));
    let outside = text(&section).replace(&text(&details), "");
    assert!(!outside.contains(flag.id), "the rule id is outside Details: {outside}");
    assert!(text(&details).contains(flag.source));
}

#[cfg(feature = "full")]
mod full {
    use super::*;
    use hale_app::components::line_chart::{LineChart, LineChartProps};
    use hale_app::components::summary_view::{SummaryView, SummaryViewProps};

    fn record() -> hale_core::record::Record {
        hale_core::parse::parse_record_str(
            r#"{"format": "hale.record/1",
                "profile": {"birth_date": "1941-02-03", "conditions": ["hypertension"],
                  "care_plan": {"what_matters": "Staying at home. My DNACPR form is in the kitchen drawer.",
                    "medicines": [{"name": "apixaban", "dose": "5 mg twice a day", "class": "anticoagulant"}],
                    "contacts": [{"name": "Tom", "relationship": "son", "phone": "07700 900123", "role": "next_of_kin"}]}},
                "observations": [
                  {"id": "a", "at": "2026-11-16T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 150, "diastolic_mmhg": 88},
                  {"id": "b", "at": "2026-11-17T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 146, "diastolic_mmhg": 86},
                  {"id": "c", "at": "2026-11-18T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 182, "diastolic_mmhg": 100}]}"#,
        )
        .expect("record")
        .record
    }

    fn now() -> chrono::DateTime<chrono::Utc> {
        hale_core::time::parse_rfc3339("2026-11-18T10:30:00Z").expect("instant")
    }

    #[wasm_bindgen_test]
    async fn line_chart_is_an_image_with_a_name_and_a_table_of_the_same_points() {
        let series =
            hale_core::trends::series(&record(), ObsKind::BloodPressure, hale_core::trends::Range::Week, now(), 120);
        assert_eq!(series.points.len(), 3);
        let el = root();
        yew::Renderer::<LineChart>::with_root_and_props(
            el.clone(),
            LineChartProps { series, title: "Blood pressure".into(), id: "bp".into() },
        )
        .render();
        settle().await;
        let svg = find(&el, "svg");
        assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
        let name = svg.get_attribute("aria-labelledby").expect("named by its title");
        assert!(name.split(' ').all(|id| el.query_selector(&format!("#{id}")).ok().flatten().is_some()));
        let words = text(&el);
        for v in ["182", "146", "150"] {
            assert!(words.contains(v), "{v} is on the chart or its table: {words}");
        }
    }

    #[wasm_bindgen_test]
    async fn summary_view_puts_flags_before_the_care_plan_and_leaves_out_empty_sections() {
        let now = now();
        let o = hale_core::summary::Options::defaults(now);
        let s = hale_core::api::summary_of_record(&record(), &[], &o, now);
        let view = Rc::new(hale_core::summary::view(&s, now));
        let el = root();
        yew::Renderer::<SummaryView>::with_root_and_props(
            el.clone(),
            SummaryViewProps { view, preview: false, live: None },
        )
        .render();
        settle().await;
        let words = text(&el);
        let flag_at = words.find("blood pressure").expect("the flag is shown");
        let plan_at = words.find("apixaban").expect("the medicines are shown");
        assert!(flag_at < plan_at, "flags come before the care plan");
        assert!(words.contains("kitchen drawer"), "what matters (where the DNACPR form is) is shown");
        assert!(words.contains("Tom") && words.contains("07700 900123"), "the contact is shown");
        // No heading without content after it.
        let headings = el.query_selector_all("h2, h3").expect("headings");
        for i in 0..headings.length() {
            let h: Element = headings.item(i).and_then(|n| n.dyn_into().ok()).expect("heading");
            let next = h.next_element_sibling();
            assert!(next.is_some(), "the heading \"{}\" has nothing under it", text(&h));
        }
    }
}
