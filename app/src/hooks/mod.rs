//! Hooks, one per file.
pub mod use_reveal;
pub use use_reveal::use_reveal;
