//! About Hale: what it is, attributions, and "this is not a diagnosis".
use yew::prelude::*;

use crate::i18n::{f, t, F, T};

/// The page.
#[function_component]
pub fn About() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ f(F::AboutTitle) }</h1>
            <p>{f(F::AboutHaleIsAHealthCompanion)}</p>
            <div class="notice notice--warning"><p><strong>{f(F::AboutThisIsNotADiagnosis)}</strong>{ t(T::FooterNotDiagnosis) }</p></div>
            <h2>{f(F::AboutWhereHaleSRulesCome)}</h2>
            <ul>
                <li>{f(F::AboutNews2RoyalCollegeOfPhysicians)}</li>
                <li>{f(F::AboutBloodPressureNiceGuidelineNg136)}</li>
                <li>{f(F::AboutAsthmaBtsSignBritishGuideline)}</li>
                <li>{f(F::AboutHealthScoreAmericanHeartAssociation)}</li>
                <li>{f(F::AboutQrisk32017HippisleyCoxCoupland)}</li>
                <li>{f(F::AboutPhq9AndGad7)}</li>
            </ul>
            <p>{f(F::AboutScoresSuchAsNews2Were)}</p>
        </>
    }
}
