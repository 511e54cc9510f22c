//! The "download the map as an image" button: an SVG file of the map as it is now (the view, the
//! filtered markers, the open record, a fanned-out stack, the drawn project links) in the page's current colours,
//! made in the browser by `core::layers::map_picture` with nothing sent anywhere.

use leptos::prelude::*;

use innomap_core::geo::geometry::ScreenSize;
use innomap_core::layers::map_picture::{picture_of_view, PictureColours, ShownState};
use innomap_core::view::map_area::map_limits_for;

use super::state::use_app_state;
use crate::platform::{download, resolved_colours, size_of};

/// The size of the picture while the list hides the map (the map itself has no size then).
const SIZE_WITHOUT_MAP: ScreenSize = ScreenSize { width: 1200.0, height: 800.0 };

/// The button; disabled until the map has a view.
#[component]
pub fn MapImageButton() -> impl IntoView {
    let state = use_app_state();
    let save = move |_| {
        let Some(position) = state.position.get_untracked() else { return };
        let size = size_of(".map").filter(|s| s.width > 0.0 && s.height > 0.0).unwrap_or(SIZE_WITHOUT_MAP);
        let view = position.view(size, map_limits_for(state.map_images.get_untracked()));
        let colours = PictureColours::from_page(&resolved_colours(&PictureColours::PROPERTIES));
        let selected = state.selected.get_untracked();
        let project = state.shown_project.get_untracked();
        let fanned = state.fanned.get_untracked().map(|f| f.key);
        let data = state.data();
        let loaded = state.loaded_basemap.get_untracked();
        let basemap = loaded.as_deref().unwrap_or(&data.basemap);
        let language = state.language.get_untracked();
        let svg = state.shown.with_untracked(|set| {
            let shown =
                ShownState { selected: selected.as_ref(), project: project.as_ref(), fanned: fanned.as_deref() };
            picture_of_view(&data.dataset, basemap, set, &view, language, shown, &colours)
        });
        download("innomap-map.svg", "image/svg+xml", &svg);
    };
    view! {
        <button
            type="button"
            class="downloads__item downloads__item--image"
            disabled=move || state.position.with(Option::is_none)
            on:click=save
        >
            {move || state.text().export_image()}
        </button>
    }
}
