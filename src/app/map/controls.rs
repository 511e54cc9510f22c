//! The controls over the map: zoom in and out and "show everything", the legend of shapes,
//! colours and arcs, and the short hint a gesture the map leaves to the page asks for.

use leptos::prelude::*;

use innomap_core::data::model::MarkerKind;
use innomap_core::view::input::GestureHint;

use super::MapParts;
use crate::app::embed::FullscreenButton;
use crate::app::state::use_app_state;

/// The zoom buttons and "show everything".
#[component]
pub fn MapControls(map: MapParts) -> impl IntoView {
    let text = move || map.state.text();
    let zoom_by = move |levels: f64| {
        map.camera.stop();
        map.camera.update(|v| v.zoomed_by(v.size().center(), levels));
    };
    view! {
        <div class="map-controls">
            <FullscreenButton />
            <button type="button" class="map-controls__button" aria-label=move || text().zoom_in() on:click=move |_| zoom_by(1.0)>
                <span aria-hidden="true">"+"</span>
            </button>
            <button type="button" class="map-controls__button" aria-label=move || text().zoom_out() on:click=move |_| zoom_by(-1.0)>
                <span aria-hidden="true">"−"</span>
            </button>
            <button type="button" class="map-controls__button map-controls__fit" aria-label=move || text().show_everything() on:click=move |_| map.show_everything()>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" stroke-width="2" />
                </svg>
            </button>
        </div>
    }
}

/// What the shapes, colours and arcs mean; collapsed to a button on small screens.
#[component]
pub fn Legend() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let kinds = [MarkerKind::InnoCity, MarkerKind::Partner, MarkerKind::Organisation];
    view! {
        <details class="legend">
            <summary>{move || text().legend()}</summary>
            <ul>
                {kinds.into_iter().map(|kind| view! {
                    <li>
                        <span class=format!("legend__symbol marker--{}", kind.code()) aria-hidden="true">
                            <span class="marker__shape"></span>
                        </span>
                        {move || text().marker_kind(kind)}
                    </li>
                }).collect_view()}
                <li>
                    <span class="legend__symbol marker--group marker--innocity" aria-hidden="true">
                        <span class="marker__shape">"3"</span>
                    </span>
                    {move || text().legend_group()}
                </li>
                <li>
                    <svg class="legend__arc" viewBox="0 0 32 16" aria-hidden="true" focusable="false">
                        <path d="M2 14Q16 0 28 10" class="arc arc--strong"></path>
                        <path d="M24 6L30 11L23 12z" class="arc__head"></path>
                    </svg>
                    {move || text().legend_arc()}
                </li>
            </ul>
        </details>
    }
}

/// The hint a gesture the map leaves to the page asks for ("use two fingers to move the map"),
/// announced politely and gone after a moment.
#[component]
pub fn GestureHintNote(map: MapParts) -> impl IntoView {
    let words = move || {
        let text = map.state.text();
        map.hint.get().map(|hint| match hint {
            GestureHint::WheelNeedsModifier => text.hint_wheel(),
            GestureHint::TouchNeedsTwoFingers => text.hint_two_fingers(),
        })
    };
    view! {
        <p class="map-hint" role="status" hidden=move || map.hint.with(Option::is_none)>{words}</p>
    }
}
