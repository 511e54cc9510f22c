//! Where the camera goes by itself, following the rest of the app: the resting view is written
//! for the address, Back and Forward jump to theirs, a place chosen in search is flown to close
//! up, a project's links and the filtered places are fitted, the open place is kept beside its panel, and the zoom range
//! follows the map images. Each is a core call; the timing (after the panel that moves with it
//! is painted) is what this file adds.

use leptos::prelude::*;

use innomap_core::explore::url_state::MapPosition;
use innomap_core::layers::arcs::links_to_draw;
use innomap_core::view::map_area::map_limits_for;

use super::settled_view::settled_view;
use super::MapParts;
use crate::platform::after_next_paint;

/// Sets up every move of the camera that follows the app's state.
pub fn follow_the_app(map: MapParts) {
    write_resting_position(map);
    go_to_requested_positions(map);
    reveal_chosen_places(map);
    keep_the_open_place_in_sight(map);
    fit_shown_projects(map);
    fit_the_filtered_places(map);
    fit_areas_asked_for(map);
    follow_the_zoom_range(map);
}

/// The position written to the address follows the view once it rests.
fn write_resting_position(map: MapParts) {
    let resting = settled_view(map.camera.view, |_, _| true);
    Effect::new(move |_| {
        if let Some(view) = resting.get() {
            map.state.position.set(Some(MapPosition::of(&view)));
        }
    });
}

/// A requested position (Back, Forward) ends any flight and is shown at once.
fn go_to_requested_positions(map: MapParts) {
    Effect::new(move |_| {
        let Some(wanted) = map.state.requested_position.get() else { return };
        let Some(view) = map.camera.latest() else { return };
        map.camera.stop();
        map.camera.jump(wanted.view(view.size(), view.limits()));
    });
}

/// A place chosen in search or a panel is flown to, close up, beside the panel that opens with
/// it: measured once that panel has been painted.
fn reveal_chosen_places(map: MapParts) {
    Effect::new(move |_| {
        let Some(id) = map.state.reveal.get() else { return };
        map.state.reveal.set(None);
        after_next_paint(move || {
            let Some(view) = map.camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let padding = map.free_padding(&view);
            let target = map
                .state
                .shown
                .with_untracked(|set| set.close_up(&id, &view, padding))
                .or_else(|| map.state.data().all.close_up(&id, &view, padding));
            if let Some(target) = target {
                map.camera.fly_to(target);
            }
        });
    });
}

/// A place opened from its marker stays in sight: when the panel that opens covers it (a
/// phone's bottom sheet over the lower half), the map slides it beside the panel. Any flight
/// started meanwhile (a close-up from search) has the last word; a page opened at a position of
/// its own keeps it.
fn keep_the_open_place_in_sight(map: MapParts) {
    let opened_at_a_position = map.state.start.with_value(|s| s.position.is_some());
    Effect::new(move |previous: Option<()>| {
        let Some(id) = map.state.selected.get() else { return };
        if previous.is_none() && opened_at_a_position {
            return;
        }
        let before = map.camera.mark();
        after_next_paint(move || {
            if map.camera.moved_since(before) {
                return;
            }
            let Some(view) = map.camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let drawn =
                map.state.shown.with_untracked(|set| set.drawn_at(&[&id], view.zoom()).first().copied().flatten());
            let Some(drawn) = drawn else { return };
            let covers = map.overlays();
            if let Some(target) = view.bringing_into_view(drawn, &covers, MapParts::padding_clear_of(&covers, &view)) {
                map.camera.fly_to(target);
            }
        });
    });
}

/// Showing a project's links flies to fit its lead and partners, except when the page opens
/// with a position of its own in the address.
fn fit_shown_projects(map: MapParts) {
    let opened_at_a_position = map.state.start.with_value(|s| s.position.is_some());
    Effect::new(move |previous: Option<()>| {
        let Some(project) = map.state.shown_project.get() else { return };
        if previous.is_none() && opened_at_a_position {
            return;
        }
        let data = map.state.data();
        let (links, _) = links_to_draw(&data.dataset, Some(&project), None);
        if links.is_empty() {
            // A project without partners on the map: show its lead place.
            map.state.reveal.set(data.dataset.project(&project).map(|p| p.lead_place.clone()));
            return;
        }
        // Measured once the frame that opens the project's panel has been painted, so the fit
        // keeps clear of the panel. (When the page opens with a project, the panel is built in
        // a task queued after the first frame, before this one: see `app::App`.)
        after_next_paint(move || {
            let Some(view) = map.camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let points = links.iter().flat_map(|l| [l.from, l.to]);
            if let Some(target) = view.fitted_to_points(points, map.free_padding(&view)) {
                map.camera.fly_to(target);
            }
        });
    });
}

/// The filter card's "Show N results" flies to fit what the filters let through, measured once
/// the closed card has been painted, so the fit uses the room it leaves.
fn fit_the_filtered_places(map: MapParts) {
    Effect::new(move |previous: Option<()>| {
        map.state.fit_to_shown.track();
        if previous.is_some() {
            after_next_paint(move || map.show_everything());
        }
    });
}

/// An area the page around an embed asks for is fitted into the free map.
fn fit_areas_asked_for(map: MapParts) {
    Effect::new(move |_| {
        let Some(area) = map.state.fit_area.get() else { return };
        map.state.fit_area.set(None);
        let Some(view) = map.camera.latest().filter(|v| !v.size().is_empty()) else { return };
        let padding = map.free_padding(&view);
        map.camera.fly_to(view.fitted_to(area, padding));
    });
}

/// Map images are truthful deeper than the vector basemap: turning them on deepens the zoom
/// range, turning them off zooms back out to the basemap's deepest zoom if needed.
fn follow_the_zoom_range(map: MapParts) {
    Effect::new(move |previous: Option<()>| {
        let limits = map_limits_for(map.state.map_images.get());
        if previous.is_some() {
            map.camera.update(|v| v.with_limits(limits));
        }
    });
}
