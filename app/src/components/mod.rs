//! Reusable components, one per file.
pub mod error_summary;
pub mod flag_card;
pub mod footer;
pub mod header;
#[cfg(feature = "full")]
pub mod line_chart;
pub mod reading_form;
pub mod skip_link;
#[cfg(feature = "full")]
pub mod summary_view;
pub mod ui;
pub mod update_banner;
