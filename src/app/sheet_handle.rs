//! The handle of the phone's bottom sheet: drag it to resize the sheet or swipe it away; press
//! it (a tap, Enter or Space) to go one height up. Where a drag lets the sheet go is the core's
//! rule (`core::explore::sheet`); this component only follows the finger. Hidden on wider
//! screens, where the panel is a side card (style.css).

use leptos::prelude::*;
use web_sys::PointerEvent;

use innomap_core::explore::sheet::{height_while_dragged, release, SheetRelease, SheetStop};

use super::state::use_app_state;
use crate::platform::{capture_pointer, size_of};

/// A drag of the handle under way: where it started and its last two samples (time, y).
#[derive(Clone, Copy)]
struct HandleDrag {
    pointer: i32,
    /// The map area's height, measured once when the drag starts.
    map_height: f64,
    start_y: f64,
    last: (f64, f64),
    before_last: (f64, f64),
}

impl HandleDrag {
    /// CSS pixels per millisecond downwards over the last step.
    fn velocity(&self) -> f64 {
        let dt = self.last.0 - self.before_last.0;
        if dt > 0.0 {
            (self.last.1 - self.before_last.1) / dt
        } else {
            0.0
        }
    }
}

/// The sheet's height: where it rests, and while its handle is dragged, its height in CSS pixels.
#[derive(Clone, Copy)]
pub struct SheetState {
    /// Where the sheet rests (kept from one record to the next).
    pub stop: RwSignal<SheetStop>,
    /// Its height while dragged.
    pub live_height: RwSignal<Option<f64>>,
}

impl SheetState {
    /// A sheet where it opens for the window's height (`SheetStop::opening`), not dragged.
    pub fn new() -> Self {
        let height = size_of(".app").map_or(f64::NAN, |s| s.height);
        Self { stop: RwSignal::new(SheetStop::opening(height)), live_height: RwSignal::new(None) }
    }
}

/// The handle of `sheet`; `on_close` closes the panel when the sheet is swiped away.
#[component]
pub fn SheetHandle(sheet: SheetState, on_close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_app_state();
    let SheetState { stop, live_height } = sheet;
    let drag = StoredValue::new(None::<HandleDrag>);
    // A drag ends with a click on the handle too: only a press that did not move resizes.
    let was_dragged = StoredValue::new(false);
    // The sheet is a share of the map area's height (the whole app on a phone).
    let map_height = || size_of(".app").map_or(0.0, |s| s.height);
    let on_down = move |ev: PointerEvent| {
        if !ev.is_primary() {
            return;
        }
        let (time, y) = (ev.time_stamp(), f64::from(ev.client_y()));
        if let Some(target) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok()) {
            capture_pointer(&target, ev.pointer_id());
        }
        drag.set_value(Some(HandleDrag {
            pointer: ev.pointer_id(),
            map_height: map_height(),
            start_y: y,
            last: (time, y),
            before_last: (time, y),
        }));
    };
    let on_move = move |ev: PointerEvent| {
        let Some(mut now) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else { return };
        now.before_last = now.last;
        now.last = (ev.time_stamp(), f64::from(ev.client_y()));
        drag.set_value(Some(now));
        let dragged = now.last.1 - now.start_y;
        // A press that has not moved is a tap, left to the click.
        if dragged.abs() >= 4.0 || live_height.get_untracked().is_some() {
            ev.prevent_default();
            live_height.set(Some(height_while_dragged(stop.get_untracked(), dragged, now.map_height)));
        }
    };
    let on_up = move |ev: PointerEvent| {
        let Some(done) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else { return };
        drag.set_value(None);
        if live_height.get_untracked().is_none() {
            return;
        }
        live_height.set(None);
        was_dragged.set_value(true);
        match release(stop.get_untracked(), done.last.1 - done.start_y, done.velocity(), done.map_height) {
            SheetRelease::Rest(rest) => stop.set(rest),
            SheetRelease::Close => on_close(),
        }
    };
    let on_cancel = move |_: PointerEvent| {
        drag.set_value(None);
        live_height.set(None);
    };
    view! {
        <button
            type="button"
            class="panel__grip"
            aria-label=move || state.text().sheet_handle(stop.get().handle_action())
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
            on:click=move |_| {
                if !std::mem::take(&mut *was_dragged.write_value()) {
                    stop.update(|s| *s = s.next());
                }
            }
        >
            <span class="panel__grip-bar" aria-hidden="true"></span>
        </button>
    }
}
