//! Hooks, one per file (none yet beyond Yew's own).
