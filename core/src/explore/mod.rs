//! What the explorer shows around the map: the detail panels, filters, search, the list view,
//! the downloads, and the page address that holds the shareable state.

pub mod detail;
pub mod export;
pub mod filter;
pub mod list_view;
pub mod search;
pub mod url_state;
