//! Optional raster tiles under the basemap labels, as plain `<img>` elements placed by
//! `core::layers::tiles`. A tile that fails to load hides itself, so the vector basemap under it shows
//! through instead of a broken-image icon.

use leptos::prelude::*;

use innomap_core::layers::tiles::{place_tile, TileId, TileSource};
use innomap_core::view::viewport::Viewport;

/// The tiles covering the view, from `source`.
#[component]
pub fn TileLayer(source: TileSource, viewport: RwSignal<Option<Viewport>>) -> impl IntoView {
    let wanted = {
        let source = source.clone();
        move || -> Vec<TileId> {
            viewport.with(|v| v.map(|v| source.tiles_for(&v).into_iter().map(|t| t.id).collect()).unwrap_or_default())
        }
    };
    let tile = move |id: TileId| view! { <Tile id=id url=source.url(id) viewport=viewport /> };
    view! {
        <div class="tiles" aria-hidden="true">
            <For
                each=wanted
                key=|id| *id
                children=tile
            />
        </div>
    }
}

/// One tile image; it follows the view until it is no longer needed.
#[component]
fn Tile(id: TileId, url: String, viewport: RwSignal<Option<Viewport>>) -> impl IntoView {
    let failed = RwSignal::new(false);
    let placed = move || viewport.with(|v| v.map(|v| place_tile(&v, id)));
    view! {
        <img
            class="tile"
            class=("is-failed", move || failed.get())
            src=url
            alt=""
            referrerpolicy="no-referrer"
            draggable="false"
            style:transform=move || placed().map(|t| format!("translate({}px, {}px)", t.left, t.top))
            style:width=move || placed().map(|t| format!("{}px", t.width))
            style:height=move || placed().map(|t| format!("{}px", t.height))
            on:error=move |_| failed.set(true)
        />
    }
}
