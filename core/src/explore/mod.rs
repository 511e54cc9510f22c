//! What the explorer shows around the map: the detail panels (and where each was scrolled to),
//! filters, search, the list view, the downloads, the page address that holds the shareable
//! state, and what an embedded map says to and hears from its host page (and which data file it
//! may load).

pub mod data_source;
pub mod detail;
pub mod embed_snippet;
pub mod export;
pub mod filter;
pub mod host_message;
pub mod list_view;
pub mod panel_history;
pub mod search;
pub mod sheet;
pub mod url_state;
