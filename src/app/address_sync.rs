//! The page address follows the shareable state, and Back and Forward bring a state back.
//!
//! Every change of the state is written to the address (`core::explore::url_state`): a new
//! selection as a new history step, anything else in place of the current one, so Back does not
//! replay every pan. Parameters the app does not know are kept.

use leptos::prelude::*;

use innomap_core::explore::panel_history::Arrival;
use innomap_core::explore::url_state::UrlState;

use super::state::AppState;
use crate::platform::{address_query, after_next_paint, write_address_query};

/// Keeps the address and `state` in step for as long as the app lives.
pub fn sync_address(state: AppState) {
    // The first write only completes the address the page was opened with, so it replaces it,
    // and it waits until the first view has been painted: a same-document navigation costs the
    // browser 10-20 ms of a cold load's main thread here, and the first view does not need it.
    let address_live = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        let next = state.url_state.get();
        if !address_live.get_value() {
            if previous.is_none() {
                after_next_paint(move || {
                    // The app may have gone meanwhile (a failed load's "Try again").
                    let (Some(latest), Some(other)) =
                        (state.url_state.try_get_untracked(), state.other_parameters.try_get_value())
                    else {
                        return;
                    };
                    address_live.try_set_value(true);
                    write_address_query(&latest.to_query(&other), false);
                });
            }
            return;
        }
        let current = UrlState::parse(&address_query()).state;
        // An embed's steps would go into the history of the page around it, and its Back
        // button would walk through the map before it left the page.
        let new_step = !state.is_embed() && current.is_new_step(&next);
        write_address_query(&next.to_query(&state.other_parameters.get_value()), new_step);
    });
    // Back and Forward restore the state of that step.
    let history = window_event_listener(leptos::ev::popstate, move |_| {
        let step = UrlState::parse(&address_query());
        if state.selected.with_untracked(|open| *open != step.state.selected) {
            state.arrival.set_value(Arrival::History);
        }
        state.selected.set(step.state.selected);
        state.shown_project.set(step.state.project);
        if let Some(chosen) = step.state.language {
            state.language.set(chosen);
        }
        if step.state.position.is_some() {
            state.requested_position.set(step.state.position);
        }
        state.filters.set(step.state.filters);
        state.list_mode.set(step.state.list);
        state.other_parameters.set_value(step.other);
    });
    on_cleanup(move || history.remove());
}
