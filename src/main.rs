//! Start-up: install the panic hook so a bug shows in the console, then start the app.

fn main() {
    console_error_panic_hook::set_once();
    innomap::platform::mark_performance("wasm-start");
    innomap::app::start();
}
