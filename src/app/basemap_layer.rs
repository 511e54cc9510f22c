//! The basemap under the markers: land and borders as SVG paths in projected path units, moved
//! by one transform per view change (see [`Viewport::path_transform`]).

use leptos::prelude::*;

use crate::core::basemap::Basemap;
use crate::core::i18n::Language;
use crate::core::viewport::Viewport;

/// The vector basemap for the current view.
#[component]
pub fn BasemapLayer(
    basemap: Basemap,
    viewport: RwSignal<Option<Viewport>>,
    language: Signal<Language>,
) -> impl IntoView {
    // Reserved for the labels of countries and seas, which follow the active language.
    let _ = language;
    let path_transform = move || {
        viewport.with(|v| {
            v.map(|v| {
                let t = v.path_transform();
                format!("matrix({} 0 0 {} {} {})", t.scale, t.scale, t.translate_x, t.translate_y)
            })
        })
    };
    view! {
        <svg class="basemap" aria-hidden="true" focusable="false">
            <g transform=path_transform>
                <path class="basemap__land" d=basemap.land></path>
                <path class="basemap__border" d=basemap.borders></path>
            </g>
        </svg>
    }
}
