//! Hooks, one per file.
pub mod use_app;
pub mod use_dashboard;
#[cfg(feature = "full")]
pub mod use_idle_lock;
pub mod use_reveal;
pub mod use_route;
pub use use_app::use_app;
pub use use_reveal::use_reveal;
pub use use_route::use_route;
