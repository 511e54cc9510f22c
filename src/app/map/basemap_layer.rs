//! The basemap under the markers: land, lakes and borders as SVG paths in projected path units, drawn
//! for a settled view and moved as one picture in between (see [`Viewport::offset_from`] and
//! `settled_view`); optional raster tiles
//! over them; country and sea names (those not crowded out by places, see
//! `core::layers::marker_layer`); the scale bar; and the toggle for the tiles.
//!
//! Which level of detail to draw is `core::layers::basemap`'s decision; this component only fetches the
//! detailed level the first time the view asks for it, so the first load stays small.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use innomap_core::data::envelope::decode_text;
use innomap_core::language::Language;
use innomap_core::layers::basemap::{parse_basemap, Basemap, Detail, CLIP_BEYOND_PX, LINE_WIDTH_PX};
use innomap_core::layers::map_labels::{LabelKind, MapLabel, LABELS};
use innomap_core::layers::tiles::TileHealth;
use innomap_core::map_data::BASEMAP_DETAIL_URL;
use innomap_core::text::ui_text::UiText;
use innomap_core::view::viewport::Viewport;

use super::scale_bar::ScaleBar;
use super::settled_view::settled_view;
use super::tile_layer::{TileFailureNotice, TileLayer};
use super::MapParts;
use crate::platform::fetch_bytes;

/// The vector basemap for the current view, with its labels, scale bar and tile toggle.
#[component]
pub fn BasemapLayer(map: MapParts) -> impl IntoView {
    let (state, viewport) = (map.state, map.camera.view);
    let language = state.language_signal();
    let loaded = state.loaded_basemap;
    let basemap = state.data().basemap.clone();
    // Names (indices into `LABELS`) left out because they would cover a place or its name.
    let crowded_labels =
        Memo::new(move |_| map.layout.with(|l| l.as_ref().map(|l| l.crowded_map_labels.clone()).unwrap_or_default()));
    // Where the optional map images come from: nothing is requested from it until the visitor
    // turns the images on.
    let tile_source = state.tile_source();
    let levels = RwSignal::new(loaded.get_untracked().unwrap_or_else(|| Arc::new(basemap)));
    let detail_requested = StoredValue::new(false);
    let wanted = Memo::new(move |_| viewport.with(|v| v.map(|v| Detail::for_zoom(v.zoom()))));

    // The detailed level lives in its own file: fetch it the first time a zoom wants it. Until it
    // arrives (or if it cannot be had) the medium level stays drawn; a failed fetch is tried again
    // the next time the view zooms in past the threshold.
    Effect::new(move |_| {
        if wanted.get() != Some(Detail::Detailed) || detail_requested.get_value() {
            return;
        }
        if levels.with_untracked(|b| b.has(Detail::Detailed)) {
            return;
        }
        detail_requested.set_value(true);
        spawn_local(async move {
            let fetched =
                fetch_bytes(BASEMAP_DETAIL_URL).await.ok().and_then(|bytes| parse_basemap(&decode_text(&bytes).0).ok());
            match fetched {
                Some(fetched) => {
                    // Merged in place (this signal holds the only reference until it is shared
                    // below), so the levels are never copied.
                    levels.try_update(|b| {
                        let own = Arc::try_unwrap(std::mem::take(b)).unwrap_or_else(|shared| Basemap::clone(&shared));
                        *b = Arc::new(own.merged(fetched));
                    });
                    loaded.try_set(levels.try_get_untracked());
                }
                None => {
                    detail_requested.try_update_value(|r| *r = false);
                }
            }
        });
    });

    // Redrawing the paths is the costly part of a frame, so during a gesture the basemap is drawn
    // for a settled view (`drawn_for`) and only moved as one composited picture. The picture
    // extends half a view beyond each edge (see `.basemap` in style.css), so a pan never uncovers
    // an empty edge.
    let drawn_for = settled_view(viewport, Viewport::is_covered_by_picture_of);
    let path_transform = move || {
        drawn_for.with(|v| {
            v.map(|v| {
                let t = v.path_transform();
                // The picture's origin is half a view up and left of the map's.
                let (dx, dy) = (v.size().width / 2.0, v.size().height / 2.0);
                format!("matrix({} 0 0 {} {} {})", t.scale, t.scale, t.translate_x + dx, t.translate_y + dy)
            })
        })
    };
    let stroke_width =
        move || drawn_for.with(|v| v.map(|v| format!("{:.4}", LINE_WIDTH_PX / v.path_transform().scale)));
    let picture_offset = move || {
        let now = viewport.get()?;
        let base = drawn_for.get()?;
        let t = now.offset_from(&base);
        Some(format!("translate({:.2}px, {:.2}px) scale({:.6})", t.translate_x, t.translate_y, t.scale))
    };
    // The paths hold only what the picture shows (see core::geo::clip), cut a few pixels beyond its
    // edges so that land cut there is not outlined where it could be seen.
    let paths = Memo::new(move |_| {
        let view = drawn_for.get()?;
        Some(levels.with(|b| {
            let (detail, area) = (b.drawn_detail(view.zoom()), view.picture_area(CLIP_BEYOND_PX));
            let (land, borders) = b.paths_within(detail, area);
            (land, b.lakes_within(detail, area), borders)
        }))
    });
    let land = move || paths.with(|p| p.as_ref().map(|(land, _, _)| land.clone()).unwrap_or_default());
    let lakes = move || paths.with(|p| p.as_ref().map(|(_, lakes, _)| lakes.clone()).unwrap_or_default());
    let borders = move || paths.with(|p| p.as_ref().map(|(_, _, borders)| borders.clone()).unwrap_or_default());

    let tiles_on = state.map_images;
    let toggle_label = {
        let name = tile_source.name.clone();
        move || UiText(language.get()).tiles_toggle(&name)
    };
    let tile_attribution = tile_source.attribution.clone();
    let tile_health = RwSignal::new(TileHealth::default());
    let notice_source = tile_source.clone();
    let labels = LABELS
        .iter()
        .enumerate()
        .map(|(index, label)| {
            let crowded = Signal::derive(move || crowded_labels.with(|c| c.contains(&index)));
            view! { <BasemapLabel label=*label viewport=viewport language=language crowded=crowded /> }
        })
        .collect_view();

    view! {
        <svg class="basemap" aria-hidden="true" focusable="false" style:transform=picture_offset>
            <g transform=path_transform stroke-width=stroke_width>
                <path class="basemap__land" d=land></path>
                <path class="basemap__lake" d=lakes></path>
                <path class="basemap__border" d=borders></path>
            </g>
        </svg>
        <Show when=move || tiles_on.get()>
            <TileLayer source=tile_source.clone() viewport=viewport health=tile_health />
        </Show>
        <svg class="basemap-labels" aria-hidden="true" focusable="false">
            {labels}
        </svg>
        <ScaleBar viewport=viewport language=language />
        <div class="basemap-controls">
            <button
                type="button"
                class="basemap-controls__tiles"
                aria-pressed=move || if tiles_on.get() { "true" } else { "false" }
                on:click=move |_| tiles_on.update(|on| *on = !*on)
                on:dblclick=|ev| ev.stop_propagation()
            >
                {toggle_label}
            </button>
        </div>
        <Show when=move || tiles_on.get()>
            <p class="basemap-tiles-credit">{tile_attribution.clone()}</p>
            <TileFailureNotice source=notice_source.clone() health=tile_health />
        </Show>
    }
}

/// One country or sea name, placed at its anchor and shown in its zoom range.
#[component]
fn BasemapLabel(
    label: MapLabel,
    viewport: RwSignal<Option<Viewport>>,
    language: Signal<Language>,
    crowded: Signal<bool>,
) -> impl IntoView {
    let class = match label.kind {
        LabelKind::Country => "basemap-label basemap-label--country",
        LabelKind::Water => "basemap-label basemap-label--water",
    };
    let shown = Memo::new(move |_| !crowded.get() && viewport.with(|v| v.is_some_and(|v| label.shows_at(v.zoom()))));
    // Only a shown name follows the view, with one attribute: most names are hidden at any zoom,
    // and moving them all cost two attribute writes each per frame of every pan and zoom.
    let place = move || {
        if !shown.get() {
            return None;
        }
        viewport.with(|v| {
            v.map(|v| {
                let at = label.screen_position(&v);
                format!("translate({:.1} {:.1})", at.x, at.y)
            })
        })
    };
    view! {
        <text class=class transform=place display=move || if shown.get() { None } else { Some("none") }>
            {move || label.name(language.get())}
        </text>
    }
}
