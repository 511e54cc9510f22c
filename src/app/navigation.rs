//! Opening a record's panel from anywhere: a link in a panel, the list, search. One small handle,
//! passed to components as a prop (never a global), so every way in follows the same rule
//! (`core::url_state::UrlState::with_opened`) and every in-app link has a real address that can
//! be opened in a new tab or copied.

use leptos::prelude::*;

use crate::core::detail::Target;
use crate::core::model::{RecordId, RecordType};
use crate::core::url_state::UrlState;

/// The signals that opening a panel changes, and the address state links are written from.
#[derive(Clone, Copy)]
pub struct Navigator {
    /// The record whose panel is open.
    pub selected: RwSignal<Option<RecordId>>,
    /// The project whose links are drawn.
    pub shown_project: RwSignal<Option<RecordId>>,
    /// A place or organisation for the map to fly to.
    pub reveal: RwSignal<Option<RecordId>>,
    /// The whole shareable state, as the address holds it.
    pub state: Memo<UrlState>,
    /// Address parameters that are not ours, kept in every link.
    pub other_parameters: StoredValue<Vec<String>>,
}

impl Navigator {
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
        let next = self.state.with_untracked(|s| s.with_opened(target.id.clone(), target.record));
        self.shown_project.set(next.project);
        self.selected.set(next.selected);
    }

    /// The address that opens `target`'s panel in the current state (for `href`, so a link can
    /// be opened in a new tab).
    pub fn href(self, target: &Target) -> String {
        let query = self
            .state
            .with(|s| s.with_opened(target.id.clone(), target.record))
            .to_query(&self.other_parameters.get_value());
        if query.is_empty() {
            "?".to_owned()
        } else {
            query
        }
    }
}
