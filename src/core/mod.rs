//! The pure core of InnoMap.
//!
//! Everything here is plain Rust with no `leptos`, `web_sys`, `wasm_bindgen`, `js_sys` or `gloo`
//! import, so every rule of the map (projection, viewport maths, gestures, data validation) is
//! tested on the host with `cargo test`. Components call into these modules; they never repeat the
//! maths. `cargo xtask test` runs a purity check that fails when a browser crate appears here.

pub mod arcs;
pub mod basemap;
mod basemap_stream;
pub mod clip;
pub mod cluster;
pub mod dataset;
pub mod detail;
pub mod error;
pub mod export;
pub mod filter;
pub mod format;
pub mod geo;
pub mod geometry;
pub mod gesture;
pub mod i18n;
pub mod label_placement;
pub mod list_view;
pub mod map_labels;
pub mod map_picture;
pub mod marker_layer;
pub mod model;
pub mod projection;
pub mod reader;
pub mod scale;
pub mod search;
pub mod tiles;
pub mod url_state;
pub mod viewport;
