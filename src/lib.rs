//! InnoMap: an interactive map of the Finnish InnoCities and their partner regions.
//!
//! The crate is split by what each part may touch:
//! - [`core`] is pure Rust (data model, parsing, projection, viewport and gesture maths). It never
//!   imports a browser crate, so all of it is tested with plain `cargo test` on the host; the
//!   `cargo xtask test` command fails if it does.
//! - [`app`] holds thin Leptos components: they read signals, call `core`, and render.
//! - [`platform`] is the browser edge: fetching, measuring the DOM and raw event listeners.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod core;
pub mod platform;
