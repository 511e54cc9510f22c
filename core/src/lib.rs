//! The pure core of InnoMap: every rule of the map, in plain Rust, tested on the host.
//!
//! This crate depends on no browser crate (no `leptos`, `web-sys`, `wasm-bindgen`, `js-sys` or
//! `gloo`), so the compiler keeps it pure: the app crate in `src/` renders what this crate
//! decides, and the data validator, the fuzz target and the benchmarks use it without building
//! the user interface. The folders are layers, each using only those listed before it:
//!
//! - [`language`] and [`order`]: the languages InnoMap speaks, and data text given in each of
//!   them; sorting, through one routine;
//! - [`geo`]: positions on the Earth, the projected plane and the screen, and clipping;
//! - [`data`]: the data model, its reader and validator, and the errors it reports;
//! - [`text`]: every word the user sees, in every language, and numbers and dates per language;
//! - [`view`]: the camera (viewport, zoom, limits, fits), input (pointer, wheel, keys) and the
//!   scale bar;
//! - [`layers`]: what the map draws: basemap, tiles, marker groups, labels, project arcs, and
//!   the whole map as an SVG picture;
//! - [`explore`]: what the explorer shows: panels, filters, search, the list, downloads and
//!   the page address;
//! - [`map_data`]: everything loaded, assembled once for the app;
//! - [`first_view`]: the opening view and reading list the release build writes into
//!   index.html, drawn from the map data by the live map's rules.
//!
//! A module never imports one that imports it back (`cargo xtask test` checks the core's
//! import graph).

pub mod data;
pub mod explore;
pub mod first_view;
pub mod geo;
pub mod language;
pub mod layers;
pub mod map_data;
pub mod order;
pub mod text;
pub mod view;
