//! The camera: the view the map shows, the view input has asked for since the last frame, and
//! the animated moves between views (eased flights, the glide after a throw).
//!
//! Pointer moves and wheel ticks can arrive several times a frame. Each only updates the
//! pending view; the view is set once, in the next animation frame, so the marker layout and the
//! DOM are recomputed once per frame rather than once per event (and event handlers never
//! measure the DOM while it is being changed). Every move counts as one motion; a newer motion
//! (a flight, a glide, any input) ends the one under way.

use leptos::prelude::*;

use innomap_core::view::gesture::Glide;
use innomap_core::view::viewport::Viewport;

use crate::platform::{animate, on_next_frame, prefers_reduced_motion};

/// The map's camera. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Camera {
    /// The view shown (none until the map has been measured).
    pub view: RwSignal<Option<Viewport>>,
    pending: StoredValue<Option<Viewport>>,
    /// Counts motions; an animation stops as soon as the count moves on.
    motion: StoredValue<u64>,
}

/// A moment in the camera's motions, to tell later whether anything has moved it since.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct MotionMark(u64);

impl Camera {
    /// A camera with no view yet.
    pub fn new() -> Self {
        Self { view: RwSignal::new(None), pending: StoredValue::new(None), motion: StoredValue::new(0) }
    }

    /// The newest view: the one waiting for the next frame, if any.
    pub fn latest(self) -> Option<Viewport> {
        self.pending.get_value().or_else(|| self.view.get_untracked())
    }

    /// Applies `change` to the newest view (once the map has been measured), shown next frame.
    pub fn update(self, change: impl FnOnce(&Viewport) -> Viewport) {
        let Some(base) = self.latest() else { return };
        let frame_requested = self.pending.with_value(Option::is_some);
        self.pending.set_value(Some(change(&base)));
        if !frame_requested {
            on_next_frame(move || {
                if let Some(next) = self.pending.try_update_value(Option::take).flatten() {
                    self.view.try_set(Some(next));
                }
            });
        }
    }

    /// Shows `view` now, dropping any input still waiting (the first view, a step of a flight).
    pub fn jump(self, view: Viewport) {
        self.pending.set_value(None);
        self.view.set(Some(view));
    }

    /// Ends the flight or glide under way: the visitor has taken over.
    pub fn stop(self) {
        self.motion.update_value(|n| *n += 1);
    }

    /// Where the camera's motions stand now.
    pub fn mark(self) -> MotionMark {
        MotionMark(self.motion.get_value())
    }

    /// Whether a flight, glide or input has moved the camera since `mark`.
    pub fn moved_since(self, mark: MotionMark) -> bool {
        self.motion.try_get_value() != Some(mark.0)
    }

    /// Moves to `target`: an eased flight, or a jump for visitors who prefer reduced motion.
    pub fn fly_to(self, target: Viewport) {
        self.fly_then(target, || {});
    }

    /// Moves to `target` as [`fly_to`](Self::fly_to) does, then calls `arrived` if no other
    /// motion ended the flight first.
    pub fn fly_then(self, target: Viewport, arrived: impl FnOnce() + 'static) {
        let Some(from) = self.latest() else { return };
        self.stop();
        let this_flight = self.mark();
        if prefers_reduced_motion() {
            self.jump(target);
            arrived();
            return;
        }
        let mut arrived = Some(arrived);
        animate(from.flight_duration_ms(&target), move |progress| {
            if self.moved_since(this_flight) {
                return false;
            }
            self.jump(from.flight_towards(&target, progress));
            if progress >= 1.0 {
                if let Some(arrived) = arrived.take() {
                    arrived();
                }
            }
            true
        });
    }

    /// Lets the map coast after a thrown drag; like a flight, any new motion stops it.
    pub fn glide(self, glide: Glide) {
        self.stop();
        let this_glide = self.mark();
        let mut elapsed_ms = 0.0;
        animate(glide.duration_ms(), move |progress| {
            if self.moved_since(this_glide) {
                return false;
            }
            let now_ms = progress * glide.duration_ms();
            let step = glide.moved_between(elapsed_ms, now_ms);
            elapsed_ms = now_ms;
            self.update(|v| v.panned_by(step));
            true
        });
    }
}
