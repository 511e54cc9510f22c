//! Turning raw pointer and wheel input into view changes, independent of the DOM.
//!
//! The browser edge translates DOM events into calls here; this module decides what they mean:
//! when a press becomes a drag (so a click on a marker is still a click), and how much a wheel
//! step zooms whatever unit the device reports in.

use super::geometry::{ScreenOffset, ScreenPoint};

/// How far a pointer must move while pressed before it counts as a drag rather than a click.
/// Small enough to feel immediate, large enough to forgive a shaky tap.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;

/// Wheel delta units, as `WheelEvent.deltaMode` reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WheelDeltaMode {
    /// Pixels (trackpads, and mouse wheels in most browsers).
    Pixel,
    /// Lines (Firefox mouse wheels).
    Line,
    /// Pages (rare; some accessibility settings).
    Page,
}

impl WheelDeltaMode {
    /// Reads the DOM `deltaMode` number; unknown values are taken as pixels.
    pub fn from_dom(mode: u32) -> Self {
        match mode {
            1 => Self::Line,
            2 => Self::Page,
            _ => Self::Pixel,
        }
    }

    fn pixels_per_unit(self) -> f64 {
        match self {
            Self::Pixel => 1.0,
            Self::Line => 20.0,
            Self::Page => 400.0,
        }
    }
}

/// Wheel pixels that make about one zoom level on a single mouse-wheel notch (100 px in Chromium).
const WHEEL_PIXELS_PER_LEVEL: f64 = 100.0;

/// Zoom levels to change for one wheel event (positive zooms in).
///
/// The curve is linear for the small steps trackpads send (so trackpad zoom is smooth) and
/// saturates for large ones, so a fast-spinning wheel or a page-mode step never jumps more than
/// two levels at once.
pub fn wheel_zoom_change(delta_y: f64, mode: WheelDeltaMode) -> f64 {
    if !delta_y.is_finite() {
        return 0.0;
    }
    let levels = -delta_y * mode.pixels_per_unit() / WHEEL_PIXELS_PER_LEVEL;
    2.0 * (levels / 2.0).tanh()
}

/// What a pointer move means for the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DragStep {
    /// Not our pointer, or no press in progress.
    Ignored,
    /// Pressed, but still within the click threshold.
    Undecided,
    /// The press just became a drag; pan by the whole movement since the press.
    Started(ScreenOffset),
    /// An ongoing drag moved; pan by this much.
    Moved(ScreenOffset),
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Press {
    pointer_id: i32,
    start: ScreenPoint,
    last: ScreenPoint,
    dragging: bool,
}

/// Follows one pressed pointer and reports drag steps.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DragTracker {
    press: Option<Press>,
}

impl DragTracker {
    /// A pointer went down at `at`. A second pointer does not steal an ongoing drag, but the same
    /// pointer pressing again replaces its old press (its release happened outside the map).
    pub fn press(&mut self, pointer_id: i32, at: ScreenPoint) {
        if self.press.is_none_or(|p| p.pointer_id == pointer_id) {
            self.press = Some(Press { pointer_id, start: at, last: at, dragging: false });
        }
    }

    /// A pointer moved to `at`.
    pub fn move_to(&mut self, pointer_id: i32, at: ScreenPoint) -> DragStep {
        let Some(press) = self.press.as_mut().filter(|p| p.pointer_id == pointer_id) else {
            return DragStep::Ignored;
        };
        if press.dragging {
            let step = at - press.last;
            press.last = at;
            return DragStep::Moved(step);
        }
        if at.distance_to(press.start) < DRAG_THRESHOLD_PX {
            return DragStep::Undecided;
        }
        press.dragging = true;
        press.last = at;
        DragStep::Started(at - press.start)
    }

    /// A pointer went up or was cancelled. Returns whether it had been dragging, so the caller can
    /// swallow the click that follows a drag.
    pub fn release(&mut self, pointer_id: i32) -> bool {
        match self.press {
            Some(p) if p.pointer_id == pointer_id => {
                self.press = None;
                p.dragging
            }
            _ => false,
        }
    }

    /// Whether a drag is in progress.
    pub fn is_dragging(&self) -> bool {
        self.press.is_some_and(|p| p.dragging)
    }

    /// Forgets the press, e.g. when a second finger turns the gesture into a pinch; the finger
    /// left after the pinch then does not jump the map.
    pub fn cancel(&mut self) {
        self.press = None;
    }
}

/// The two contact points of a pinch, before and after one pointer moved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinchStep {
    /// Both points before the move.
    pub before: (ScreenPoint, ScreenPoint),
    /// Both points after it.
    pub after: (ScreenPoint, ScreenPoint),
}

/// Follows up to two pressed pointers; with two, their movement is a pinch (zoom about the point
/// between the fingers, pan with it).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PinchTracker {
    points: [Option<(i32, ScreenPoint)>; 2],
}

impl PinchTracker {
    /// A pointer went down. Returns whether two pointers are now down (a pinch starts). A third
    /// pointer is ignored.
    pub fn press(&mut self, pointer_id: i32, at: ScreenPoint) -> bool {
        if let Some(slot) = self.points.iter_mut().find(|p| p.is_some_and(|(id, _)| id == pointer_id)) {
            *slot = Some((pointer_id, at));
        } else if let Some(slot) = self.points.iter_mut().find(|p| p.is_none()) {
            *slot = Some((pointer_id, at));
        }
        self.is_pinching()
    }

    /// A pointer moved; during a pinch, returns the step to apply.
    pub fn move_to(&mut self, pointer_id: i32, at: ScreenPoint) -> Option<PinchStep> {
        let before = self.pair();
        // A lone pointer's position is kept too, so a pinch starts from where it really is.
        let slot = self.points.iter_mut().flatten().find(|(id, _)| *id == pointer_id)?;
        slot.1 = at;
        Some(PinchStep { before: before?, after: self.pair()? })
    }

    /// A pointer went up or was cancelled.
    pub fn release(&mut self, pointer_id: i32) {
        for slot in &mut self.points {
            if slot.is_some_and(|(id, _)| id == pointer_id) {
                *slot = None;
            }
        }
    }

    /// Whether two pointers are down.
    pub fn is_pinching(&self) -> bool {
        self.points.iter().all(Option::is_some)
    }

    fn pair(&self) -> Option<(ScreenPoint, ScreenPoint)> {
        match self.points {
            [Some((_, a)), Some((_, b))] => Some((a, b)),
            _ => None,
        }
    }
}

/// Pixels the arrow keys pan by: a noticeable step that keeps most of the view in place.
pub const KEY_PAN_PX: f64 = 100.0;

/// What a key pressed on the focused map asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyCommand {
    /// Move the view (content moves opposite to the arrow: the camera goes that way).
    Pan(ScreenOffset),
    /// Zoom about the centre by this many levels.
    Zoom(f64),
    /// Show all the data.
    Home,
}

/// The command for a `KeyboardEvent.key` value, or `None` when the map does not handle the key
/// (so the page keeps its own behaviour for it).
pub fn key_command(key: &str) -> Option<KeyCommand> {
    let pan = |dx: f64, dy: f64| Some(KeyCommand::Pan(ScreenOffset { dx, dy }));
    match key {
        "ArrowLeft" => pan(KEY_PAN_PX, 0.0),
        "ArrowRight" => pan(-KEY_PAN_PX, 0.0),
        "ArrowUp" => pan(0.0, KEY_PAN_PX),
        "ArrowDown" => pan(0.0, -KEY_PAN_PX),
        "+" | "=" => Some(KeyCommand::Zoom(1.0)),
        "-" | "_" => Some(KeyCommand::Zoom(-1.0)),
        "Home" => Some(KeyCommand::Home),
        _ => None,
    }
}

/// The marker an arrow key moves focus to from the one at `from`: the nearest among `others`
/// within 45 degrees of the arrow's direction, nearer to the straight line counting for more.
/// `None` for other keys or when nothing lies that way.
pub fn marker_in_direction(key: &str, from: ScreenPoint, others: &[ScreenPoint]) -> Option<usize> {
    let (ux, uy) = match key {
        "ArrowRight" => (1.0, 0.0),
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowDown" => (0.0, 1.0),
        "ArrowUp" => (0.0, -1.0),
        _ => return None,
    };
    others
        .iter()
        .enumerate()
        .filter_map(|(index, p)| {
            let (dx, dy) = (p.x - from.x, p.y - from.y);
            let along = dx * ux + dy * uy;
            let across = (dx * uy - dy * ux).abs();
            (along > 0.0 && across <= along).then_some((index, along + 2.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;

    #[test]
    fn arrow_keys_move_to_the_nearest_marker_that_way() {
        let from = ScreenPoint::new(100.0, 100.0);
        let others = [
            ScreenPoint::new(200.0, 100.0), // 0: right, far
            ScreenPoint::new(150.0, 120.0), // 1: right-ish, nearer though a little off the line
            ScreenPoint::new(100.0, 40.0),  // 2: up
            ScreenPoint::new(20.0, 180.0),  // 3: diagonal down-left
            ScreenPoint::new(100.0, 100.0), // 4: the same spot: never a target
        ];
        assert_eq!(marker_in_direction("ArrowRight", from, &others), Some(1));
        assert_eq!(marker_in_direction("ArrowUp", from, &others), Some(2));
        assert_eq!(marker_in_direction("ArrowLeft", from, &others), Some(3));
        assert_eq!(marker_in_direction("ArrowDown", from, &others), Some(3));
        // Marker 1 lies more right than down, so down finds nothing once 3 is gone.
        assert_eq!(marker_in_direction("ArrowDown", from, &others[..3]), None);
        assert_eq!(marker_in_direction("ArrowRight", from, &[others[0], ScreenPoint::new(150.0, 140.0)]), Some(0));
        assert_eq!(marker_in_direction("Enter", from, &others), None);
        assert_eq!(marker_in_direction("ArrowLeft", from, &others[..3]), None);
    }

    #[test]
    fn two_pointers_make_a_pinch_and_a_third_is_ignored() {
        let mut t = PinchTracker::default();
        assert!(!t.press(1, ScreenPoint::new(100.0, 100.0)));
        assert_eq!(t.move_to(1, ScreenPoint::new(90.0, 100.0)), None);
        assert!(t.press(2, ScreenPoint::new(200.0, 100.0)));
        assert!(t.press(3, ScreenPoint::new(300.0, 300.0)));
        let step = t.move_to(2, ScreenPoint::new(220.0, 110.0)).unwrap();
        assert_eq!(step.before, (ScreenPoint::new(90.0, 100.0), ScreenPoint::new(200.0, 100.0)));
        assert_eq!(step.after, (ScreenPoint::new(90.0, 100.0), ScreenPoint::new(220.0, 110.0)));
        assert_eq!(t.move_to(3, ScreenPoint::new(0.0, 0.0)), None);
        t.release(1);
        assert!(!t.is_pinching());
        assert_eq!(t.move_to(2, ScreenPoint::new(230.0, 110.0)), None);
    }

    #[test]
    fn a_small_wobble_is_still_a_click() {
        let mut t = DragTracker::default();
        t.press(1, ScreenPoint::new(100.0, 100.0));
        assert_eq!(t.move_to(1, ScreenPoint::new(102.0, 101.0)), DragStep::Undecided);
        assert!(!t.release(1));
    }

    #[test]
    fn a_drag_pans_by_the_whole_movement_without_losing_the_threshold() {
        let mut t = DragTracker::default();
        t.press(7, ScreenPoint::new(100.0, 100.0));
        assert_eq!(t.move_to(7, ScreenPoint::new(102.0, 100.0)), DragStep::Undecided);
        assert_eq!(t.move_to(7, ScreenPoint::new(110.0, 95.0)), DragStep::Started(ScreenOffset { dx: 10.0, dy: -5.0 }));
        assert_eq!(t.move_to(7, ScreenPoint::new(111.0, 96.0)), DragStep::Moved(ScreenOffset { dx: 1.0, dy: 1.0 }));
        assert!(t.is_dragging());
        assert!(t.release(7));
        assert!(!t.is_dragging());
    }

    #[test]
    fn a_press_whose_release_was_missed_is_replaced() {
        let mut t = DragTracker::default();
        t.press(1, ScreenPoint::new(0.0, 0.0));
        // The release happened outside the map; the next press starts afresh from its own point.
        t.press(1, ScreenPoint::new(500.0, 500.0));
        assert_eq!(t.move_to(1, ScreenPoint::new(510.0, 500.0)), DragStep::Started(ScreenOffset { dx: 10.0, dy: 0.0 }));
    }

    #[test]
    fn other_pointers_are_ignored() {
        let mut t = DragTracker::default();
        t.press(1, ScreenPoint::new(0.0, 0.0));
        t.press(2, ScreenPoint::new(50.0, 50.0));
        assert_eq!(t.move_to(2, ScreenPoint::new(90.0, 90.0)), DragStep::Ignored);
        assert!(!t.release(2));
        assert_eq!(DragTracker::default().move_to(1, ScreenPoint::new(9.0, 9.0)), DragStep::Ignored);
    }

    #[test]
    fn one_mouse_notch_is_about_one_level_and_direction_is_right() {
        let notch = wheel_zoom_change(100.0, WheelDeltaMode::Pixel);
        assert!(notch < -0.9 && notch > -1.0, "{notch}");
        assert!(wheel_zoom_change(-100.0, WheelDeltaMode::Pixel) > 0.9);
    }

    #[test]
    fn trackpad_steps_are_smooth_and_proportional() {
        let small = wheel_zoom_change(-4.0, WheelDeltaMode::Pixel);
        assert_abs_diff_eq!(small, 0.04, epsilon = 1e-3);
    }

    #[test]
    fn line_and_page_modes_are_scaled_and_saturate() {
        assert!(wheel_zoom_change(3.0, WheelDeltaMode::Line) < -0.4);
        let page = wheel_zoom_change(-1.0, WheelDeltaMode::Page);
        assert!(page > 1.5 && page < 2.0, "{page}");
        assert_eq!(wheel_zoom_change(f64::NAN, WheelDeltaMode::Pixel), 0.0);
        assert_eq!(WheelDeltaMode::from_dom(1), WheelDeltaMode::Line);
        assert_eq!(WheelDeltaMode::from_dom(9), WheelDeltaMode::Pixel);
    }

    #[test]
    fn arrow_keys_move_the_camera_the_way_they_point() {
        // ArrowRight shows what is east: the content moves left.
        assert_eq!(key_command("ArrowRight"), Some(KeyCommand::Pan(ScreenOffset { dx: -KEY_PAN_PX, dy: 0.0 })));
        assert_eq!(key_command("ArrowUp"), Some(KeyCommand::Pan(ScreenOffset { dx: 0.0, dy: KEY_PAN_PX })));
        assert_eq!(key_command("+"), Some(KeyCommand::Zoom(1.0)));
        assert_eq!(key_command("-"), Some(KeyCommand::Zoom(-1.0)));
        assert_eq!(key_command("Home"), Some(KeyCommand::Home));
        assert_eq!(key_command("Tab"), None);
    }
}
