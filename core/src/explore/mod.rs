//! What the explorer shows around the map: the detail panels (and where each was scrolled to),
//! filters, search, the list view, the downloads, and the page address that holds the shareable
//! state.

pub mod detail;
pub mod export;
pub mod filter;
pub mod list_view;
pub mod panel_history;
pub mod search;
pub mod sheet;
pub mod url_state;
