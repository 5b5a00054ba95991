//! About Hale: what it is, attributions, and "this is not a diagnosis".
use yew::prelude::*;

use crate::i18n::{t, T};

/// The page.
#[function_component]
pub fn About() -> Html {
    html! {
        <>
            <h1 id="page-title" tabindex="-1">{ t(T::AboutTitle) }</h1>
            <p>{"Hale is a health companion that runs entirely in your browser. Your readings are stored only on this device. Nothing is sent anywhere unless you choose to share it."}</p>
            <div class="notice notice--warning"><p><strong>{"This is not a diagnosis. "}</strong>{ t(T::FooterNotDiagnosis) }</p></div>
            <h2>{"Where Hale's rules come from"}</h2>
            <ul>
                <li>{"NEWS2: Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS. London: RCP, 2017. Used with acknowledgement of the RCP."}</li>
                <li>{"Blood pressure: NICE guideline NG136, Hypertension in adults: diagnosis and management."}</li>
                <li>{"Asthma: BTS/SIGN British guideline on the management of asthma (SIGN 158) and NICE NG245."}</li>
                <li>{"Health score: American Heart Association, Life's Essential 8 (Lloyd-Jones et al., Circulation 2022)."}</li>
                <li>{"QRISK3-2017: Hippisley-Cox, Coupland, Brindle, BMJ 2017. The algorithm is published by ClinRisk Ltd under the GNU Lesser General Public License v3; Hale is LGPL too and its source is available. ClinRisk asks that anyone using a port checks it reproduces the results at qrisk.org: Hale's is tested against ClinRisk's published outputs. QRISK is a registered trademark."}</li>
                <li>{"PHQ-9 and GAD-7: developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."}</li>
            </ul>
            <p>{"Scores such as NEWS2 were designed for use by clinicians. Hale uses them to help you decide when to get help, not to replace that help."}</p>
        </>
    }
}
