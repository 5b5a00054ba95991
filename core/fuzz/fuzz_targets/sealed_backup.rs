//! Fuzz target: a backup protected with a passphrase, and the rows of a locked database, as Hale
//! reads them (core/src/lock.rs). Any text as a sealed backup must never panic: it is recognised,
//! its key derivation read (and refused outside the floor and ceiling, so a file never makes the
//! app derive with a cost it did not accept) and opened with a fixed key, which fails with a reason
//! or gives text; any JSON as a stored row opens or fails the same way. And, so the fuzzer reaches
//! what lies behind the seal, any bytes sealed into a backup open back to themselves.
#![no_main]

use hale_core::lock::{
    backup_kdf, is_sealed_backup, open_backup, open_row, seal_backup, KdfParams, KDF_CEILING, KDF_FLOOR, KDF_PARAMS,
};
use libfuzzer_sys::fuzz_target;

const KEY: [u8; 32] = [7; 32];

fn within(p: KdfParams) -> bool {
    (KDF_FLOOR.memory_kib..=KDF_CEILING.memory_kib).contains(&p.memory_kib)
        && (KDF_FLOOR.passes..=KDF_CEILING.passes).contains(&p.passes)
        && (KDF_FLOOR.lanes..=KDF_CEILING.lanes).contains(&p.lanes)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = is_sealed_backup(text);
        if let Some((salt, p)) = backup_kdf(text) {
            assert!(within(p), "a file's cost is accepted only between the floor and the ceiling");
            assert_eq!(salt.len(), hale_core::lock::SALT_BYTES);
        }
        let _ = open_backup(&KEY, text);
        if let Ok(row) = serde_json::from_str::<serde_json::Value>(text) {
            let _ = open_row(&KEY, "observations", &row);
        }
        let Ok(file) = seal_backup(&KEY, &[3; 12], &[9; 16], KDF_PARAMS, text) else { return };
        assert_eq!(open_backup(&KEY, &file).ok().as_deref(), Some(text), "a sealed backup opens to its text");
    }
});
