//! Log one kind of reading.
use hale_core::spec::kind_spec;
use hale_core::vocab::ObsKind;
use yew::prelude::*;

use crate::components::reading_form::ReadingForm;
use crate::i18n::{tf, T};

/// Props.
#[derive(Properties, PartialEq)]
pub struct LogKindProps {
    /// Which kind.
    pub kind: ObsKind,
}

/// The page.
#[function_component]
pub fn LogKind(props: &LogKindProps) -> Html {
    let label = kind_spec(props.kind).label.to_ascii_lowercase();
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ tf(T::LogKindTitle, &[("kind", &label)]) }</h1>
            <ReadingForm kind={props.kind} />
        </>
    }
}
