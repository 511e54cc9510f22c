//! The map: the basemap drawn as SVG, the place markers as real buttons on top, zoom buttons,
//! and the input that moves the camera. Every calculation is a `core` call; this file only wires
//! DOM events to it and writes the results into attributes.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::basemap_layer::BasemapLayer;
use crate::core::dataset::MapData;
use crate::core::gesture::{key_command, wheel_zoom_change, DragStep, DragTracker, KeyCommand, WheelDeltaMode};
use crate::core::i18n::{Language, UiText};
use crate::core::model::{MapMarker, RecordId};
use crate::core::viewport::Viewport;
use crate::platform::{
    element_size, is_event_on, listen_wheel, local_point, mark_performance, observe_size, on_next_frame,
};

/// Applies `change` to the view, if the map has been measured yet.
fn update_view(viewport: RwSignal<Option<Viewport>>, change: impl FnOnce(&Viewport) -> Viewport) {
    viewport.update(|v| {
        if let Some(current) = v {
            *current = change(current);
        }
    });
}

/// The interactive map filling its container.
#[component]
pub fn MapView(data: Arc<MapData>, selected: RwSignal<Option<RecordId>>, language: Signal<Language>) -> impl IntoView {
    let map_ref = NodeRef::<Div>::new();
    let viewport = RwSignal::new(None::<Viewport>);
    let drag = StoredValue::new(DragTracker::default());
    let dragging = RwSignal::new(false);

    // Once the element exists: measure it, start at the home view, and attach the listeners that
    // Leptos cannot add itself (a non-passive wheel listener, a ResizeObserver).
    let setup_data = data.clone();
    Effect::new(move |_| {
        let Some(element) = map_ref.get() else { return };
        viewport.set(Some(setup_data.home_view(element_size(&element))));
        on_next_frame(|| mark_performance("map-ready"));
        let resize = observe_size(&element, move |size| update_view(viewport, |v| v.resized(size)));
        let wheel_target = element.clone();
        let wheel = listen_wheel(&element, move |ev: WheelEvent| {
            ev.prevent_default();
            let anchor = local_point(&wheel_target, f64::from(ev.client_x()), f64::from(ev.client_y()));
            let levels = wheel_zoom_change(ev.delta_y(), WheelDeltaMode::from_dom(ev.delta_mode()));
            update_view(viewport, |v| v.zoomed_by(anchor, levels));
        });
        on_cleanup(move || drop((resize, wheel)));
    });

    let pointer_at = move |ev: &MouseEvent| {
        map_ref.get_untracked().map(|el| local_point(&el, f64::from(ev.client_x()), f64::from(ev.client_y())))
    };
    let on_pointer_down = move |ev: PointerEvent| {
        // Only the primary button (or a touch or pen contact) drags; right-click keeps its menu.
        if ev.button() != 0 {
            return;
        }
        if let Some(at) = pointer_at(&ev) {
            drag.update_value(|t| t.press(ev.pointer_id(), at));
        }
    };
    let on_pointer_move = move |ev: PointerEvent| {
        // No button held: the release happened outside the map (before capture), so end the press
        // instead of dragging a map nobody holds.
        if ev.buttons() == 0 {
            if drag.try_update_value(|t| t.release(ev.pointer_id())).unwrap_or(false) {
                dragging.set(false);
            }
            return;
        }
        let Some(at) = pointer_at(&ev) else { return };
        let step = drag.try_update_value(|t| t.move_to(ev.pointer_id(), at)).unwrap_or(DragStep::Ignored);
        match step {
            DragStep::Started(offset) => {
                // Capture only once it is a drag, so a plain click still reaches the marker.
                if let Some(el) = map_ref.get_untracked() {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
                dragging.set(true);
                update_view(viewport, |v| v.panned_by(offset));
            }
            DragStep::Moved(offset) => update_view(viewport, |v| v.panned_by(offset)),
            DragStep::Ignored | DragStep::Undecided => {}
        }
    };
    let on_pointer_end = move |ev: PointerEvent| {
        if drag.try_update_value(|t| t.release(ev.pointer_id())).unwrap_or(false) {
            dragging.set(false);
        }
    };
    let on_double_click = move |ev: MouseEvent| {
        if let Some(anchor) = pointer_at(&ev) {
            let levels = if ev.shift_key() { -1.0 } else { 1.0 };
            update_view(viewport, |v| v.zoomed_by(anchor, levels));
        }
    };
    let home_data = data.clone();
    let on_key_down = move |ev: KeyboardEvent| {
        // Keys on a focused marker keep their button meaning; the map handles keys aimed at itself.
        let Some(el) = map_ref.get_untracked() else { return };
        if !is_event_on(&ev, &el) {
            return;
        }
        let Some(command) = key_command(&ev.key()) else { return };
        ev.prevent_default();
        match command {
            KeyCommand::Pan(offset) => update_view(viewport, |v| v.panned_by(offset)),
            KeyCommand::Zoom(levels) => update_view(viewport, |v| v.zoomed_by(v.size().center(), levels)),
            KeyCommand::Home => update_view(viewport, |v| home_data.everything_view(v.size())),
        }
    };
    let zoom_by = move |levels: f64| update_view(viewport, |v| v.zoomed_by(v.size().center(), levels));

    let text = move || UiText(language.get());
    let markers = data
        .markers
        .iter()
        .map(|marker| view! { <Marker marker=marker.clone() viewport=viewport selected=selected language=language /> })
        .collect_view();

    view! {
        <div
            class="map"
            class=("is-dragging", move || dragging.get())
            node_ref=map_ref
            tabindex="0"
            role="region"
            aria-label=move || text().map_label()
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_end
            on:pointercancel=on_pointer_end
            on:lostpointercapture=on_pointer_end
            on:dblclick=on_double_click
            on:keydown=on_key_down
        >
            <BasemapLayer basemap=data.basemap.clone() viewport=viewport language=language />
            <div class="markers">{markers}</div>
        </div>
        <div class="zoom-control">
            <button type="button" class="zoom-control__button" aria-label=move || text().zoom_in() on:click=move |_| zoom_by(1.0)>
                <span aria-hidden="true">"+"</span>
            </button>
            <button type="button" class="zoom-control__button" aria-label=move || text().zoom_out() on:click=move |_| zoom_by(-1.0)>
                <span aria-hidden="true">"−"</span>
            </button>
        </div>
        <p class="attribution">{move || text().basemap_credit()}</p>
    }
}

/// One place or organisation as a focusable button at its position on the map.
#[component]
fn Marker(
    marker: MapMarker,
    viewport: RwSignal<Option<Viewport>>,
    selected: RwSignal<Option<RecordId>>,
    language: Signal<Language>,
) -> impl IntoView {
    let world = marker.world;
    let transform = move || {
        viewport.with(|v| v.map(|v| v.world_to_screen(world))).map(|p| format!("translate({:.1}px, {:.1}px)", p.x, p.y))
    };
    let is_selected = {
        let id = marker.id.clone();
        move || selected.with(|s| s.as_ref() == Some(&id))
    };
    let select = {
        let id = marker.id.clone();
        move |_| selected.set(Some(id.clone()))
    };
    let kind_class = format!("marker marker--{}", marker.kind.code());
    let id_attr = marker.id.as_str().to_owned();
    let label = move || marker.label(language.get());
    view! {
        <button
            type="button"
            class=kind_class
            class=("is-selected", is_selected)
            data-place-id=id_attr
            aria-label=label
            style:transform=transform
            on:click=select
            on:dblclick=|ev: MouseEvent| ev.stop_propagation()
        >
            <span class="marker__shape" aria-hidden="true"></span>
        </button>
    }
}
