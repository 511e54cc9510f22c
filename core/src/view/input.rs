//! The map's input pipeline: raw input events in, camera changes out.
//!
//! Modelled on galileo's control pipeline: the browser edge turns each DOM event into a
//! [`RawInput`] (positions already in the map element's own pixels), [`MapInput::handle`]
//! decides what it means with the help of the trackers of `view::gesture` (when a press becomes
//! a drag, when two fingers make a pinch, how far a throw glides), and answers with the
//! [`MapChange`]s to apply and whether the page's own reaction to the event must be stopped.
//! The edge applies the changes to the camera; it decides nothing itself.
//!
//! How the wheel and touch are shared with the page around the map is an [`InputPolicy`], set
//! in this one place: [`InputPolicy::GREEDY`] (the map takes every wheel turn and drag, as a
//! full-page map should) or [`InputPolicy::COOPERATIVE`] (a map embedded in a longer page lets
//! the plain wheel and one finger scroll the page, zooms with Ctrl or Cmd and the wheel, pans
//! and zooms with two fingers, and asks for a hint when a visitor tries otherwise).

use crate::geo::geometry::{ScreenOffset, ScreenPoint};
use crate::view::gesture::{
    key_command, wheel_zoom_change, DragStep, DragTracker, Glide, KeyCommand, Momentum, PinchTracker, WheelDeltaMode,
};

/// What kind of device a pointer is (`PointerEvent.pointerType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse or trackpad pointer.
    Mouse,
    /// A finger on a touch screen.
    Touch,
    /// A pen or stylus.
    Pen,
}

impl PointerKind {
    /// Reads `PointerEvent.pointerType`; anything unknown is taken as a mouse.
    pub fn from_dom(pointer_type: &str) -> Self {
        match pointer_type {
            "touch" => Self::Touch,
            "pen" => Self::Pen,
            _ => Self::Mouse,
        }
    }
}

/// One pointer at one moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointerSample {
    /// `PointerEvent.pointerId`.
    pub id: i32,
    /// What kind of pointer it is.
    pub kind: PointerKind,
    /// Where it is, in the map element's pixels.
    pub at: ScreenPoint,
    /// The event's time stamp, in ms.
    pub time_ms: f64,
}

/// An input event as the browser reported it, in the map's own pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RawInput<'k> {
    /// A pointer went down on the map; `primary` is false for the right or middle mouse button.
    PointerDown {
        /// The pointer.
        pointer: PointerSample,
        /// Whether it is the primary button (or a touch or pen contact).
        primary: bool,
    },
    /// A pointer moved over the map; `pressed` is false when no button is held (the release
    /// happened outside the map, before the map captured the pointer).
    PointerMove {
        /// The pointer.
        pointer: PointerSample,
        /// Whether any button is held.
        pressed: bool,
    },
    /// A pointer went up, was cancelled or lost its capture. `reduced_motion` is whether the
    /// visitor's system asks for less motion now (a thrown map then stops where it is let go).
    PointerUp {
        /// The pointer.
        pointer: PointerSample,
        /// Whether the system asks for reduced motion.
        reduced_motion: bool,
    },
    /// A wheel or trackpad scroll over the map.
    Wheel {
        /// Where the pointer is.
        at: ScreenPoint,
        /// `WheelEvent.deltaY`.
        delta_y: f64,
        /// The unit of `delta_y`.
        mode: WheelDeltaMode,
        /// Whether Ctrl or Cmd is held (also set by a trackpad's pinch).
        zoom_modifier: bool,
    },
    /// A double click at `at`; `zoom_out` when Shift is held.
    DoubleClick {
        /// Where.
        at: ScreenPoint,
        /// Whether Shift is held.
        zoom_out: bool,
    },
    /// A key pressed while the map itself has focus (`KeyboardEvent.key`).
    Key(&'k str),
}

/// A hint the map shows when a visitor uses a gesture the policy leaves to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GestureHint {
    /// "Use Ctrl + scroll to zoom the map."
    WheelNeedsModifier,
    /// "Use two fingers to move the map."
    TouchNeedsTwoFingers,
}

/// What an input does to the map: the processed events the camera and the map element obey.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapChange {
    /// End any flight or glide under way: the visitor has taken over.
    StopMotion,
    /// Pan by this many pixels (the content moves with the offset).
    PanBy(ScreenOffset),
    /// Zoom by `levels` keeping the point `at` where it is.
    ZoomAbout {
        /// The fixed point.
        at: ScreenPoint,
        /// Zoom levels, positive inwards.
        levels: f64,
    },
    /// Zoom by `levels` about the middle of the map.
    ZoomAtCentre(f64),
    /// Two fingers moved: pan and zoom so the map follows them.
    Pinch {
        /// Both contact points before the move.
        before: (ScreenPoint, ScreenPoint),
        /// Both contact points after it.
        after: (ScreenPoint, ScreenPoint),
    },
    /// Let the map coast on after a throw.
    Glide(Glide),
    /// Show everything (the Home key).
    ShowEverything,
    /// Capture this pointer, so the gesture goes on when it leaves the map.
    CapturePointer(i32),
    /// Whether a drag or pinch is under way (the map's cursor and styling follow it).
    Dragging(bool),
    /// Show this hint for a moment.
    Hint(GestureHint),
}

/// What [`MapInput::handle`] decided for one event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputResponse {
    /// The changes to apply, in order.
    pub changes: Vec<MapChange>,
    /// Whether the page's own reaction to the event (scrolling, zooming the page, moving focus)
    /// must be prevented.
    pub consumed: bool,
}

impl InputResponse {
    fn consumed(changes: Vec<MapChange>) -> Self {
        Self { changes, consumed: true }
    }

    fn passed_on(changes: Vec<MapChange>) -> Self {
        Self { changes, consumed: false }
    }
}

/// Who gets the plain wheel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WheelPolicy {
    /// Every wheel turn zooms the map.
    Zoom,
    /// Only Ctrl or Cmd + wheel zooms; the plain wheel scrolls the page.
    ZoomWithModifier,
}

/// Who gets a single finger on a touch screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TouchPolicy {
    /// One finger pans the map.
    OneFingerPans,
    /// One finger scrolls the page; two fingers pan and zoom the map.
    TwoFingersPan,
}

/// How the map shares the wheel and touch with the page around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputPolicy {
    /// The wheel.
    pub wheel: WheelPolicy,
    /// Touch.
    pub touch: TouchPolicy,
}

impl InputPolicy {
    /// The map takes every gesture: the full-page app.
    pub const GREEDY: Self = Self { wheel: WheelPolicy::Zoom, touch: TouchPolicy::OneFingerPans };
    /// The page keeps the plain wheel and one finger: a map embedded in a longer page.
    pub const COOPERATIVE: Self = Self { wheel: WheelPolicy::ZoomWithModifier, touch: TouchPolicy::TwoFingersPan };
}

impl Default for InputPolicy {
    fn default() -> Self {
        Self::GREEDY
    }
}

/// The state of the map's input between events: the press being tracked, the fingers of a
/// pinch, the recent path of a drag, and the policy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapInput {
    policy: InputPolicy,
    drag: DragTracker,
    pinch: PinchTracker,
    momentum: Momentum,
    /// Whether the one-finger hint was given for the current touch (once per touch).
    hinted: bool,
}

impl MapInput {
    /// Input handled with `policy`.
    pub fn new(policy: InputPolicy) -> Self {
        Self { policy, ..Self::default() }
    }

    /// The policy in force.
    pub fn policy(&self) -> InputPolicy {
        self.policy
    }

    /// Decides what `input` does to the map.
    pub fn handle(&mut self, input: RawInput<'_>) -> InputResponse {
        match input {
            RawInput::PointerDown { pointer, primary } => self.pointer_down(pointer, primary),
            RawInput::PointerMove { pointer, pressed } => self.pointer_move(pointer, pressed),
            RawInput::PointerUp { pointer, reduced_motion } => self.pointer_up(pointer, reduced_motion),
            RawInput::Wheel { at, delta_y, mode, zoom_modifier } => self.wheel(at, delta_y, mode, zoom_modifier),
            RawInput::DoubleClick { at, zoom_out } => InputResponse::passed_on(vec![
                MapChange::StopMotion,
                MapChange::ZoomAbout { at, levels: if zoom_out { -1.0 } else { 1.0 } },
            ]),
            RawInput::Key(key) => match key_command(key) {
                Some(command) => InputResponse::consumed(vec![MapChange::StopMotion, key_change(command)]),
                None => InputResponse::default(),
            },
        }
    }

    /// Whether a single pointer of this kind pans the map under the policy.
    fn lone_pointer_pans(&self, kind: PointerKind) -> bool {
        kind != PointerKind::Touch || self.policy.touch == TouchPolicy::OneFingerPans
    }

    fn pointer_down(&mut self, pointer: PointerSample, primary: bool) -> InputResponse {
        // Only the primary button (or a touch or pen contact) moves the map; right-click keeps
        // its menu.
        if !primary {
            return InputResponse::default();
        }
        self.momentum.clear();
        let mut changes = vec![MapChange::StopMotion];
        if self.pinch.press(pointer.id, pointer.at) {
            // A second finger: from now on this is a pinch, not a drag.
            self.drag.cancel();
            changes.extend([MapChange::CapturePointer(pointer.id), MapChange::Dragging(true)]);
        } else {
            self.hinted = false;
            if self.lone_pointer_pans(pointer.kind) {
                self.drag.press(pointer.id, pointer.at);
            }
        }
        InputResponse::passed_on(changes)
    }

    fn pointer_move(&mut self, pointer: PointerSample, pressed: bool) -> InputResponse {
        if !pressed {
            // The release happened outside the map: end the press instead of dragging a map
            // nobody holds.
            self.pinch.release(pointer.id);
            let was_dragging = self.drag.release(pointer.id);
            return InputResponse::passed_on(if was_dragging { vec![MapChange::Dragging(false)] } else { vec![] });
        }
        if let Some(step) = self.pinch.move_to(pointer.id, pointer.at) {
            return InputResponse::passed_on(vec![MapChange::Pinch { before: step.before, after: step.after }]);
        }
        match self.drag.move_to(pointer.id, pointer.at) {
            DragStep::Started(offset) => {
                self.momentum.record(pointer.time_ms, pointer.at);
                // Captured only once it is a drag, so a plain click still reaches a marker.
                InputResponse::passed_on(vec![
                    MapChange::CapturePointer(pointer.id),
                    MapChange::Dragging(true),
                    MapChange::PanBy(offset),
                ])
            }
            DragStep::Moved(offset) => {
                self.momentum.record(pointer.time_ms, pointer.at);
                InputResponse::passed_on(vec![MapChange::PanBy(offset)])
            }
            DragStep::Ignored if pointer.kind == PointerKind::Touch && !self.lone_pointer_pans(pointer.kind) => {
                // One finger on a map that leaves one finger to the page: say how to move it,
                // once per touch.
                let first = !std::mem::replace(&mut self.hinted, true);
                InputResponse::passed_on(if first {
                    vec![MapChange::Hint(GestureHint::TouchNeedsTwoFingers)]
                } else {
                    vec![]
                })
            }
            DragStep::Ignored | DragStep::Undecided => InputResponse::default(),
        }
    }

    fn pointer_up(&mut self, pointer: PointerSample, reduced_motion: bool) -> InputResponse {
        let was_pinching = self.pinch.is_pinching();
        self.pinch.release(pointer.id);
        let was_dragging = self.drag.release(pointer.id);
        let mut changes = Vec::new();
        if was_dragging || was_pinching {
            changes.push(MapChange::Dragging(false));
        }
        // A thrown map glides on (inertia), unless the visitor prefers less motion.
        if was_dragging && !was_pinching && !reduced_motion {
            if let Some(glide) = self.momentum.glide(pointer.time_ms) {
                changes.push(MapChange::Glide(glide));
            }
        }
        self.momentum.clear();
        InputResponse::passed_on(changes)
    }

    fn wheel(&mut self, at: ScreenPoint, delta_y: f64, mode: WheelDeltaMode, zoom_modifier: bool) -> InputResponse {
        if self.policy.wheel == WheelPolicy::ZoomWithModifier && !zoom_modifier {
            return InputResponse::passed_on(vec![MapChange::Hint(GestureHint::WheelNeedsModifier)]);
        }
        // Consumed either way: the page must not scroll (or zoom, with Ctrl) under the map.
        InputResponse::consumed(vec![
            MapChange::StopMotion,
            MapChange::ZoomAbout { at, levels: wheel_zoom_change(delta_y, mode) },
        ])
    }
}

fn key_change(command: KeyCommand) -> MapChange {
    match command {
        KeyCommand::Pan(offset) => MapChange::PanBy(offset),
        KeyCommand::Zoom(levels) => MapChange::ZoomAtCentre(levels),
        KeyCommand::Home => MapChange::ShowEverything,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(id: i32, kind: PointerKind, x: f64, y: f64, time_ms: f64) -> PointerSample {
        PointerSample { id, kind, at: ScreenPoint::new(x, y), time_ms }
    }

    fn mouse(x: f64, y: f64, time_ms: f64) -> PointerSample {
        sample(1, PointerKind::Mouse, x, y, time_ms)
    }

    fn down(pointer: PointerSample) -> RawInput<'static> {
        RawInput::PointerDown { pointer, primary: true }
    }

    fn moved(pointer: PointerSample) -> RawInput<'static> {
        RawInput::PointerMove { pointer, pressed: true }
    }

    fn up(pointer: PointerSample) -> RawInput<'static> {
        RawInput::PointerUp { pointer, reduced_motion: false }
    }

    fn pans(response: &InputResponse) -> Vec<ScreenOffset> {
        response
            .changes
            .iter()
            .filter_map(|c| match c {
                MapChange::PanBy(offset) => Some(*offset),
                _ => None,
            })
            .collect()
    }

    fn glides(response: &InputResponse) -> bool {
        response.changes.iter().any(|c| matches!(c, MapChange::Glide(_)))
    }

    #[test]
    fn a_click_moves_nothing_and_captures_nothing() {
        let mut input = MapInput::default();
        assert_eq!(input.handle(down(mouse(100.0, 100.0, 0.0))).changes, vec![MapChange::StopMotion]);
        let shaky = input.handle(moved(mouse(102.0, 101.0, 10.0)));
        assert_eq!(shaky, InputResponse::default(), "within the click threshold");
        let released = input.handle(up(mouse(102.0, 101.0, 20.0)));
        assert!(released.changes.is_empty(), "{released:?}");
        assert!(!released.consumed, "the click reaches the marker under the pointer");
    }

    #[test]
    fn a_press_becomes_a_drag_past_the_threshold_then_pans_step_by_step() {
        let mut input = MapInput::default();
        input.handle(down(mouse(100.0, 100.0, 0.0)));
        let started = input.handle(moved(mouse(110.0, 100.0, 16.0)));
        assert_eq!(
            started.changes,
            vec![
                MapChange::CapturePointer(1),
                MapChange::Dragging(true),
                MapChange::PanBy(ScreenOffset { dx: 10.0, dy: 0.0 }),
            ],
            "the whole movement since the press"
        );
        let next = input.handle(moved(mouse(115.0, 90.0, 32.0)));
        assert_eq!(pans(&next), vec![ScreenOffset { dx: 5.0, dy: -10.0 }]);
        assert!(!next.consumed);
    }

    #[test]
    fn a_thrown_map_glides_unless_the_visitor_prefers_less_motion() {
        for reduced_motion in [false, true] {
            let mut input = MapInput::default();
            input.handle(down(mouse(100.0, 100.0, 0.0)));
            for step in 1..=6 {
                let t = f64::from(step) * 16.0;
                input.handle(moved(mouse(100.0 + 20.0 * f64::from(step), 100.0, t)));
            }
            let released = input.handle(RawInput::PointerUp { pointer: mouse(220.0, 100.0, 100.0), reduced_motion });
            assert!(released.changes.contains(&MapChange::Dragging(false)));
            assert_eq!(glides(&released), !reduced_motion, "reduced motion {reduced_motion}");
        }
    }

    #[test]
    fn a_drag_held_still_before_release_does_not_glide() {
        let mut input = MapInput::default();
        input.handle(down(mouse(100.0, 100.0, 0.0)));
        input.handle(moved(mouse(200.0, 100.0, 50.0)));
        let released = input.handle(up(mouse(200.0, 100.0, 400.0)));
        assert!(!glides(&released));
    }

    #[test]
    fn the_right_button_leaves_the_map_alone() {
        let mut input = MapInput::default();
        let response = input.handle(RawInput::PointerDown { pointer: mouse(100.0, 100.0, 0.0), primary: false });
        assert_eq!(response, InputResponse::default());
        assert!(pans(&input.handle(moved(mouse(200.0, 100.0, 16.0)))).is_empty());
    }

    #[test]
    fn a_release_outside_the_map_ends_the_drag() {
        let mut input = MapInput::default();
        input.handle(down(mouse(100.0, 100.0, 0.0)));
        input.handle(moved(mouse(150.0, 100.0, 16.0)));
        let back = input.handle(RawInput::PointerMove { pointer: mouse(160.0, 100.0, 500.0), pressed: false });
        assert_eq!(back.changes, vec![MapChange::Dragging(false)]);
        assert!(pans(&input.handle(moved(mouse(300.0, 100.0, 516.0)))).is_empty(), "nobody holds the map");
    }

    #[test]
    fn a_second_finger_turns_the_drag_into_a_pinch_without_a_glide_after_it() {
        let mut input = MapInput::default();
        let finger = |id, x, t| sample(id, PointerKind::Touch, x, 300.0, t);
        input.handle(down(finger(1, 100.0, 0.0)));
        input.handle(moved(finger(1, 120.0, 16.0)));
        let second = input.handle(down(finger(2, 300.0, 20.0)));
        assert!(
            second.changes.contains(&MapChange::CapturePointer(2))
                && second.changes.contains(&MapChange::Dragging(true))
        );
        let spread = input.handle(moved(finger(2, 340.0, 36.0)));
        assert_eq!(
            spread.changes,
            vec![MapChange::Pinch {
                before: (ScreenPoint::new(120.0, 300.0), ScreenPoint::new(300.0, 300.0)),
                after: (ScreenPoint::new(120.0, 300.0), ScreenPoint::new(340.0, 300.0)),
            }]
        );
        let lifted = input.handle(up(finger(2, 340.0, 40.0)));
        assert_eq!(lifted.changes, vec![MapChange::Dragging(false)], "no glide after a pinch");
        // The finger left does not jump the map: its press was cancelled by the pinch.
        assert!(pans(&input.handle(moved(finger(1, 200.0, 60.0)))).is_empty());
    }

    #[test]
    fn the_wheel_zooms_about_the_pointer_and_keeps_the_page_still() {
        let mut input = MapInput::default();
        let at = ScreenPoint::new(300.0, 200.0);
        let response =
            input.handle(RawInput::Wheel { at, delta_y: -100.0, mode: WheelDeltaMode::Pixel, zoom_modifier: false });
        assert!(response.consumed);
        assert_eq!(response.changes[0], MapChange::StopMotion);
        match response.changes[1] {
            MapChange::ZoomAbout { at: about, levels } => {
                assert_eq!(about, at);
                assert!(levels > 0.5 && levels < 1.0, "{levels}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_cooperative_map_leaves_the_plain_wheel_to_the_page_and_hints() {
        let mut input = MapInput::new(InputPolicy::COOPERATIVE);
        let at = ScreenPoint::new(300.0, 200.0);
        let plain =
            input.handle(RawInput::Wheel { at, delta_y: 100.0, mode: WheelDeltaMode::Pixel, zoom_modifier: false });
        assert!(!plain.consumed, "the page scrolls");
        assert_eq!(plain.changes, vec![MapChange::Hint(GestureHint::WheelNeedsModifier)]);
        let with_ctrl =
            input.handle(RawInput::Wheel { at, delta_y: 100.0, mode: WheelDeltaMode::Pixel, zoom_modifier: true });
        assert!(with_ctrl.consumed);
        assert!(matches!(with_ctrl.changes[1], MapChange::ZoomAbout { levels, .. } if levels < 0.0));
    }

    #[test]
    fn a_cooperative_map_leaves_one_finger_to_the_page_and_pans_with_two() {
        let mut input = MapInput::new(InputPolicy::COOPERATIVE);
        let finger = |id, x, t| sample(id, PointerKind::Touch, x, 300.0, t);
        input.handle(down(finger(1, 100.0, 0.0)));
        let one = input.handle(moved(finger(1, 150.0, 16.0)));
        assert_eq!(one.changes, vec![MapChange::Hint(GestureHint::TouchNeedsTwoFingers)]);
        assert!(input.handle(moved(finger(1, 200.0, 32.0))).changes.is_empty(), "hinted once per touch");
        input.handle(down(finger(2, 300.0, 40.0)));
        let two = input.handle(moved(finger(2, 320.0, 56.0)));
        assert!(matches!(two.changes[..], [MapChange::Pinch { .. }]));
        // A mouse still drags as usual.
        let mut input = MapInput::new(InputPolicy::COOPERATIVE);
        input.handle(down(mouse(100.0, 100.0, 0.0)));
        assert_eq!(pans(&input.handle(moved(mouse(120.0, 100.0, 16.0)))).len(), 1);
    }

    #[test]
    fn keys_on_the_map_pan_zoom_and_go_home_and_others_are_left_alone() {
        let mut input = MapInput::default();
        let left = input.handle(RawInput::Key("ArrowLeft"));
        assert!(left.consumed);
        assert_eq!(left.changes, vec![MapChange::StopMotion, MapChange::PanBy(ScreenOffset { dx: 100.0, dy: 0.0 })]);
        assert_eq!(input.handle(RawInput::Key("+")).changes[1], MapChange::ZoomAtCentre(1.0));
        assert_eq!(input.handle(RawInput::Key("Home")).changes[1], MapChange::ShowEverything);
        assert_eq!(input.handle(RawInput::Key("Tab")), InputResponse::default(), "Tab keeps moving focus");
    }

    #[test]
    fn a_double_click_zooms_in_about_the_pointer_and_shift_zooms_out() {
        let mut input = MapInput::default();
        let at = ScreenPoint::new(10.0, 20.0);
        let zoom_in = input.handle(RawInput::DoubleClick { at, zoom_out: false });
        assert_eq!(zoom_in.changes, vec![MapChange::StopMotion, MapChange::ZoomAbout { at, levels: 1.0 }]);
        let zoom_out = input.handle(RawInput::DoubleClick { at, zoom_out: true });
        assert_eq!(zoom_out.changes[1], MapChange::ZoomAbout { at, levels: -1.0 });
    }
}
