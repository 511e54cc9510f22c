//! The browser end of the map's input pipeline: DOM events become the core's raw input
//! (`core::view::input`), and the changes it answers with are applied to the camera and the
//! map element. Nothing is decided here; which gestures the map takes from the page is the
//! core's `InputPolicy`.

use leptos::prelude::*;
use web_sys::{Element, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use innomap_core::view::gesture::WheelDeltaMode;
use innomap_core::view::input::{MapChange, MapInput, PointerKind, PointerSample, RawInput, TouchPolicy};

use super::MapParts;
use crate::platform::embed::keep_two_finger_touches;
use crate::platform::{
    after_delay, capture_pointer, is_event_on, listen, local_point, prefers_reduced_motion, Subscription,
};

/// How long a gesture hint stays, in ms.
const HINT_MS: i32 = 1500;

/// Listens for the map's input on `element` until the returned subscriptions are dropped.
pub fn listen_on(element: &Element, map: MapParts) -> Vec<Subscription> {
    // The address decides: cooperative in an embed, greedy on its own (one place: the core).
    let policy = map.state.start.with_value(|s| s.options.input_policy());
    let input = StoredValue::new(MapInput::new(policy));
    let dispatch = move |raw: RawInput<'_>, event: &web_sys::Event| {
        let Some(response) = input.try_update_value(|input| input.handle(raw)) else { return };
        if response.consumed {
            event.prevent_default();
        }
        for change in response.changes {
            apply(map, change);
        }
    };
    // Positions in the map element's own pixels.
    let at = move |ev: &MouseEvent| {
        map.element.get_untracked().map(|el| local_point(&el, f64::from(ev.client_x()), f64::from(ev.client_y())))
    };
    let sample = move |ev: &PointerEvent| {
        Some(PointerSample {
            id: ev.pointer_id(),
            kind: PointerKind::from_dom(&ev.pointer_type()),
            at: at(ev)?,
            time_ms: ev.time_stamp(),
        })
    };
    let pointer_up = move |ev: PointerEvent| {
        if let Some(pointer) = sample(&ev) {
            dispatch(RawInput::PointerUp { pointer, reduced_motion: prefers_reduced_motion() }, &ev);
        }
    };
    let mut listeners = vec![
        listen(element, "pointerdown", true, move |ev: PointerEvent| {
            if let Some(pointer) = sample(&ev) {
                dispatch(RawInput::PointerDown { pointer, primary: ev.button() == 0 }, &ev);
            }
        }),
        listen(element, "pointermove", true, move |ev: PointerEvent| {
            if let Some(pointer) = sample(&ev) {
                dispatch(RawInput::PointerMove { pointer, pressed: ev.buttons() != 0 }, &ev);
            }
        }),
        listen(element, "pointerup", true, pointer_up),
        listen(element, "pointercancel", true, pointer_up),
        listen(element, "lostpointercapture", true, pointer_up),
        // Not passive, so a wheel the map takes does not also scroll the page (or the page
        // around an iframe).
        listen(element, "wheel", false, move |ev: WheelEvent| {
            let Some(at) = at(&ev) else { return };
            let raw = RawInput::Wheel {
                at,
                delta_y: ev.delta_y(),
                mode: WheelDeltaMode::from_dom(ev.delta_mode()),
                zoom_modifier: ev.ctrl_key() || ev.meta_key(),
            };
            dispatch(raw, &ev);
        }),
        listen(element, "dblclick", true, move |ev: MouseEvent| {
            if let Some(at) = at(&ev) {
                dispatch(RawInput::DoubleClick { at, zoom_out: ev.shift_key() }, &ev);
            }
        }),
        listen(element, "keydown", false, move |ev: KeyboardEvent| {
            // Keys on a focused marker keep their button meaning; the map takes keys aimed at
            // itself.
            let on_map = map.element.get_untracked().is_some_and(|el| is_event_on(&ev, &el));
            if on_map {
                dispatch(RawInput::Key(&ev.key()), &ev);
            }
        }),
    ];
    if policy.touch == TouchPolicy::TwoFingersPan {
        // One finger is the page's (the stylesheet lets it scroll: `.map--page-scrolls`), two
        // are the map's.
        listeners.push(keep_two_finger_touches(element));
    }
    listeners
}

/// Applies one change the input pipeline asked for.
fn apply(map: MapParts, change: MapChange) {
    let camera = map.camera;
    match change {
        MapChange::StopMotion => camera.stop(),
        MapChange::PanBy(offset) => camera.update(|v| v.panned_by(offset)),
        MapChange::ZoomAbout { at, levels } => camera.update(|v| v.zoomed_by(at, levels)),
        MapChange::ZoomAtCentre(levels) => camera.update(|v| v.zoomed_by(v.size().center(), levels)),
        MapChange::Pinch { before, after } => camera.update(|v| v.pinched(before, after)),
        MapChange::Glide(glide) => camera.glide(glide),
        MapChange::ShowEverything => map.show_everything(),
        MapChange::CapturePointer(id) => {
            if let Some(el) = map.element.get_untracked() {
                capture_pointer(&el, id);
            }
        }
        MapChange::Dragging(dragging) => map.dragging.set(dragging),
        MapChange::Hint(hint) => {
            map.hint.set(Some(hint));
            after_delay(HINT_MS, move || {
                map.hint.try_update(|shown| shown.take_if(|h| *h == hint));
            });
        }
    }
}
