//! The "download the map as an image" button: an SVG file of the map as it is now (the view, the
//! filtered markers, the open record, a fanned-out stack, the drawn project links) in the page's current colours,
//! made in the browser by `core::map_picture` with nothing sent anywhere.

use std::sync::Arc;

use leptos::prelude::*;

use super::navigation::Navigator;
use crate::core::basemap::Basemap;
use crate::core::dataset::{map_limits, MapData, MarkerSet};
use crate::core::geometry::ScreenSize;
use crate::core::i18n::{Language, UiText};
use crate::core::map_picture::{picture_of_view, PictureColours, ShownState};
use crate::core::url_state::MapPosition;
use crate::platform::{download, resolved_colours, size_of};

/// The size of the picture while the list hides the map (the map itself has no size then).
const SIZE_WITHOUT_MAP: ScreenSize = ScreenSize { width: 1200.0, height: 800.0 };

/// The button; disabled until the map has a view.
#[component]
pub fn MapImageButton(
    data: Arc<MapData>,
    shown: Memo<Arc<MarkerSet>>,
    position: RwSignal<Option<MapPosition>>,
    /// The stacked group the map shows fanned out.
    fanned: RwSignal<Option<String>>,
    /// Every basemap level the map has, once it has fetched the detail.
    loaded_basemap: RwSignal<Option<Arc<Basemap>>>,
    navigator: Navigator,
    language: Signal<Language>,
) -> impl IntoView {
    let data = StoredValue::new(data);
    let save = move |_| {
        let Some(position) = position.get_untracked() else { return };
        let size = size_of(".map").filter(|s| s.width > 0.0 && s.height > 0.0).unwrap_or(SIZE_WITHOUT_MAP);
        let view = position.view(size, map_limits());
        let colours = PictureColours::from_page(&resolved_colours(&PictureColours::PROPERTIES));
        let selected = navigator.selected.get_untracked();
        let project = navigator.shown_project.get_untracked();
        let fanned = fanned.get_untracked();
        let loaded = loaded_basemap.get_untracked();
        let svg = data.with_value(|data| {
            // The levels the map has: the picture is as detailed as the map it shows.
            let basemap = loaded.as_deref().unwrap_or(&data.basemap);
            shown.with_untracked(|set| {
                let state =
                    ShownState { selected: selected.as_ref(), project: project.as_ref(), fanned: fanned.as_deref() };
                picture_of_view(data, basemap, set, &view, language.get_untracked(), state, &colours)
            })
        });
        download("innomap-map.svg", "image/svg+xml", &svg);
    };
    view! {
        <button
            type="button"
            class="filters__export filters__export--image"
            disabled=move || position.with(Option::is_none)
            on:click=save
        >
            {move || UiText(language.get()).export_image()}
        </button>
    }
}
