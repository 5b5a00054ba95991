//! What every import's fuzz target checks of what a file brought in (included by `device_files`
//! and `apple_health`): each reading dated no later than now, once, and one the Record itself
//! accepts (written and read back the same); the preview never panics.

pub fn check(got: &hale_core::device_files::Imported, now: chrono::DateTime<chrono::Utc>) {
    let mut ids = std::collections::HashSet::new();
    for o in &got.observations {
        assert!(o.at <= now);
        assert!(ids.insert(o.id.clone()), "each reading once");
        let v = hale_core::write::observation_to_value(o);
        assert_eq!(hale_core::write::read_back::observation(&v).as_ref(), Some(o));
    }
    let _ = hale_core::device_files::preview(got);
}
