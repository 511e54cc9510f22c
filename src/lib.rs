//! InnoMap: an interactive map of the Finnish InnoCities and their partner regions.
//!
//! This crate is the app in the browser; every rule of the map is in the `innomap_core` crate
//! (`core/`), which uses no browser crate and is tested on the host. Here:
//! - [`app`] holds thin Leptos components: they read the app's state, call the core, and render;
//! - [`platform`] is the browser edge: fetching, measuring the DOM, listeners and observers, the
//!   page address and the clipboard.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod platform;
