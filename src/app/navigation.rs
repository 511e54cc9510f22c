//! Opening a record's panel from anywhere: a link in a panel, the list, search. Every way in
//! follows the same rule (`core::explore::url_state::UrlState::with_opened`) and every in-app
//! link has a real address that can be opened in a new tab or copied.

use leptos::prelude::*;

use innomap_core::data::model::RecordType;
use innomap_core::explore::detail::Target;

use super::state::AppState;

impl AppState {
    /// Opens the panel of `target`, and shows it on the map: a place or organisation is flown
    /// to, a project's links are drawn (which fits the map to them).
    pub fn open(self, target: &Target) {
        self.open_in_place(target);
        if matches!(target.record, RecordType::Place | RecordType::Organisation) {
            self.reveal.set(Some(target.id.clone()));
        }
    }

    /// Opens the panel of `target` without moving the map (from the list, which hides the map
    /// and gives it back where the visitor left it).
    pub fn open_in_place(self, target: &Target) {
        let next = self.url_state.with_untracked(|s| s.with_opened(target.id.clone(), target.record));
        self.shown_project.set(next.project);
        self.selected.set(next.selected);
    }

    /// The address that opens `target`'s panel in the current state (for `href`, so a link can
    /// be opened in a new tab).
    pub fn href(self, target: &Target) -> String {
        let query = self
            .url_state
            .with(|s| s.with_opened(target.id.clone(), target.record))
            .to_query(&self.other_parameters.get_value());
        if query.is_empty() {
            "?".to_owned()
        } else {
            query
        }
    }
}
