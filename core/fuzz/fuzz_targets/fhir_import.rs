//! Fuzz target: any text read as a FHIR R4 Bundle (a file a person opens or imports) must never
//! panic, and a Record it gives is one the Record parser accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(out) = hale_core::api::fhir_import(text) {
        let v: serde_json::Value = serde_json::from_str(&out).expect("the import's answer is JSON");
        let record = v["record"].to_string();
        assert!(hale_core::parse::parse_record_str(&record).is_ok(), "an imported Record reads back");
    }
    let _ = hale_core::api::read_document_str(text);
});
