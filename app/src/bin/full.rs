//! The full bundle's entry point, run when the lite bundle's hand-over initialises this module
//! (see `app/js/bridge.js`): it asks the lite app to unmount, then mounts the full app.
fn main() {
    hale_app::start_full();
}
