//! Log one kind of reading.
use hale_core::spec::kind_spec;
use hale_core::vocab::ObsKind;
use yew::prelude::*;

use crate::components::reading_form::ReadingForm;
use crate::i18n::{t, tf, T};

/// Props.
#[derive(Properties, PartialEq)]
pub struct LogKindProps {
    /// Which kind.
    pub kind: ObsKind,
}

/// The page.
#[function_component]
pub fn LogKind(props: &LogKindProps) -> Html {
    let label = crate::format::in_sentence(kind_spec(props.kind).label);
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ tf(T::LogKindTitle, &[("kind", &label)]) }</h1>
            <ReadingForm kind={props.kind} />
        </>
    }
}

/// Props of the edit page.
#[derive(Properties, PartialEq)]
pub struct EditReadingProps {
    /// The reading's id.
    pub id: String,
}

/// Edit a reading: the same form, filled in, saving under the same id.
#[function_component]
pub fn EditReading(props: &EditReadingProps) -> Html {
    let Some(ctx) = crate::hooks::use_app() else { return html! {} };
    let Some(o) = ctx.state.record.observations.iter().find(|o| o.id == props.id).cloned() else {
        return html! {
            <>
                <h1 id="page-title" tabindex="-1">{t(T::LogKindReadingNotFound)}</h1>
                <p>{t(T::LogKindThisReadingMayHaveBeen)}</p>
            </>
        };
    };
    let label = crate::format::in_sentence(kind_spec(o.kind()).label);
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ tf(T::LogKindEdit, &[("label", &label.to_string())]) }</h1>
            <ReadingForm kind={o.kind()} editing={Some(o)} />
        </>
    }
}
