//! A view that follows the map's view lazily, for layers that are costly to redraw.
//!
//! The basemap picture and the marker layout are each drawn for a *settled* view and, while the
//! view moves, shifted as one piece by a CSS transform (see [`Viewport::offset_from`]). The settled
//! view catches up at once when the shifted drawing no longer fits the view (the layer's own rule,
//! from `core`), and otherwise once the view has rested for a moment, so what is finally shown is
//! exactly what a fresh drawing for that view would be.

use leptos::prelude::*;

use crate::platform::after_delay;
use innomap_core::view::viewport::Viewport;

/// How long the view must rest before the settled view catches up with it.
const REST_MS: i32 = 120;

/// The settled view for a layer whose drawing for `settled` still serves the view `now` as long
/// as `still_fits(now, settled)`.
pub fn settled_view(
    viewport: RwSignal<Option<Viewport>>,
    still_fits: fn(&Viewport, &Viewport) -> bool,
) -> RwSignal<Option<Viewport>> {
    let settled = RwSignal::new(None::<Viewport>);
    let changes = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(now) = viewport.get() else { return };
        changes.update_value(|n| *n += 1);
        let this_change = changes.get_value();
        let (fits, same) = settled.with_untracked(|s| match s {
            Some(s) => (still_fits(&now, s), s == &now),
            None => (false, false),
        });
        if !fits {
            settled.set(Some(now));
        } else if !same {
            after_delay(REST_MS, move || {
                if changes.try_get_value() == Some(this_change) {
                    settled.try_set(Some(now));
                }
            });
        }
    });
    settled
}
