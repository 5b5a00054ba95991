//! Entry point: mounts the app. Everything else lives in the library (`hale_app`).
fn main() {
    hale_app::run();
}
