//! The header's "Download" menu: the shown places as GeoJSON and as CSV
//! (`core::explore::export`), and the map as an SVG picture (`map_image.rs`). Everything is made
//! in the browser; nothing is sent anywhere. The menu sits beside "Copy link" so a visitor finds
//! it where sharing is, not at the foot of the filters.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use innomap_core::explore::export::{to_csv, to_geojson};

use super::map_image::MapImageButton;
use super::state::use_app_state;
use crate::platform::{close_disclosure, download};

/// What a header menu (a `<details>` disclosure) does with a key: Escape closes it, if open,
/// leaving focus on its summary, and goes no further (the open panel stays).
pub fn closes_on_escape(menu: NodeRef<leptos::html::Details>) -> impl Fn(KeyboardEvent) + Copy + 'static {
    move |ev: KeyboardEvent| {
        let Some(details) = menu.get_untracked().filter(|d| d.open()) else { return };
        if ev.key() == "Escape" {
            ev.stop_propagation();
            close_disclosure(&details);
        }
    }
}

/// The disclosure and its three downloads. Escape closes it and leaves focus on its button.
#[component]
pub fn Downloads() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let menu = NodeRef::<leptos::html::Details>::new();
    let export = move |geojson: bool| {
        let data = state.data();
        let language = state.language.get_untracked();
        state.filtered.with_untracked(|f| {
            if geojson {
                download("innomap-places.geojson", "application/geo+json", &to_geojson(data.sources(), f));
            } else {
                download("innomap-places.csv", "text/csv;charset=utf-8", &to_csv(data.sources(), f, language));
            }
        });
    };
    view! {
        <details class="downloads" node_ref=menu on:keydown=closes_on_escape(menu)>
            <summary>
                // An arrow onto a tray: the sign for "download" the visitor knows. Drawn, not a
                // character, so no font can lack it.
                <svg class="downloads__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <span class="downloads__label">{move || text().downloads()}</span>
            </summary>
            <div class="downloads__menu">
                <button type="button" class="downloads__item downloads__item--csv" on:click=move |_| export(false)>
                    {move || text().export_buttons().1}
                </button>
                <button type="button" class="downloads__item downloads__item--geojson" on:click=move |_| export(true)>
                    {move || text().export_buttons().0}
                </button>
                <MapImageButton />
            </div>
        </details>
    }
}
