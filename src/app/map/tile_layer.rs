//! Optional raster tiles under the basemap labels, as plain `<img>` elements placed by
//! `core::layers::tiles`. A tile that fails to load hides itself, so the vector basemap under it shows
//! through instead of a broken-image icon; when every image fails, [`TileFailureNotice`] says so
//! and why.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use innomap_core::layers::tiles::{place_tile, TileHealth, TileId, TileSource};
use innomap_core::view::viewport::Viewport;

use crate::app::state::use_app_state;
use crate::platform::on_refused_by_policy;

/// The tiles covering the view, from `source`; each notes in `health` whether it came.
#[component]
pub fn TileLayer(
    source: TileSource,
    viewport: RwSignal<Option<Viewport>>,
    health: RwSignal<TileHealth>,
) -> impl IntoView {
    let wanted = {
        let source = source.clone();
        move || -> Vec<TileId> {
            viewport.with(|v| v.map(|v| source.tiles_for(&v).into_iter().map(|t| t.id).collect()).unwrap_or_default())
        }
    };
    let tile = move |id: TileId| view! { <Tile id=id url=source.url(id) viewport=viewport health=health /> };
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

/// Says so when every map image failed, and why; while the images are on, it watches for the
/// page's security policy refusing their server.
#[component]
pub fn TileFailureNotice(source: TileSource, health: RwSignal<TileHealth>) -> impl IntoView {
    let state = use_app_state();
    health.set(TileHealth::default());
    let refusals = on_refused_by_policy(source.csp_origin().to_owned(), move || {
        health.try_update(|h| h.refused_by_policy = true);
    });
    let refusals = SendWrapper::new(refusals);
    on_cleanup(move || drop(refusals));
    move || {
        let failure = health.with(TileHealth::failure)?;
        Some(view! { <p class="tiles-notice" role="status">{failure.explained(&source.name, state.text())}</p> })
    }
}

/// One tile image; it follows the view until it is no longer needed.
#[component]
fn Tile(id: TileId, url: String, viewport: RwSignal<Option<Viewport>>, health: RwSignal<TileHealth>) -> impl IntoView {
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
            on:load=move |_| health.update(|h| h.loaded += 1)
            on:error=move |_| {
                failed.set(true);
                health.update(|h| h.failed += 1);
            }
        />
    }
}
