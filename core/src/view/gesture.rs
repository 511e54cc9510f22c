//! Turning raw pointer and wheel input into view changes, independent of the DOM.
//!
//! The browser edge translates DOM events into calls here; this module decides what they mean:
//! when a press becomes a drag (so a click on a marker is still a click), how far a thrown map
//! glides on after release, and how much a wheel step zooms whatever unit the device reports in.

use crate::geo::geometry::{ScreenOffset, ScreenPoint};

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

/// Pointer samples this recent (ms) give the speed of a release.
const MOMENTUM_WINDOW_MS: f64 = 100.0;
/// A release this long (ms) after the last move is a stop, not a throw.
const MOMENTUM_STALE_MS: f64 = 50.0;
/// Released slower than this (px/ms), the map stays where it was let go.
const MIN_GLIDE_SPEED: f64 = 0.3;
/// Faster throws glide as if thrown at this speed (px/ms), so a flick cannot send the map away.
const MAX_GLIDE_SPEED: f64 = 2.5;
/// How fast a glide slows down (px/ms², Leaflet's 3400 px/s²).
const GLIDE_DECELERATION: f64 = 0.0034;

/// The recent path of a drag, to carry its speed on after release (inertia).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Momentum {
    samples: Vec<(f64, ScreenPoint)>,
}

impl Momentum {
    /// The dragging pointer was at `at` at `time_ms` (an event's time stamp).
    pub fn record(&mut self, time_ms: f64, at: ScreenPoint) {
        self.samples.retain(|(t, _)| time_ms - t <= MOMENTUM_WINDOW_MS);
        self.samples.push((time_ms, at));
    }

    /// Forgets the path (a new press).
    pub fn clear(&mut self) {
        self.samples.clear();
    }

    /// The glide that follows a release at `release_ms`, if the pointer was still moving fast.
    pub fn glide(&self, release_ms: f64) -> Option<Glide> {
        let (&(first_ms, first), &(last_ms, last)) = (self.samples.first()?, self.samples.last()?);
        let span = last_ms - first_ms;
        let fresh = release_ms - last_ms <= MOMENTUM_STALE_MS;
        if span.is_nan() || span <= 0.0 || !fresh {
            return None;
        }
        let (vx, vy) = ((last.x - first.x) / span, (last.y - first.y) / span);
        let speed = vx.hypot(vy);
        if speed.is_nan() || speed < MIN_GLIDE_SPEED {
            return None;
        }
        let capped = speed.min(MAX_GLIDE_SPEED);
        Some(Glide { direction: (vx / speed, vy / speed), speed: capped })
    }
}

/// The map's coasting after a thrown drag: it keeps moving the way it was thrown, slowing down
/// evenly until it stops.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    direction: (f64, f64),
    speed: f64,
}

impl Glide {
    /// How long it lasts, in ms.
    pub fn duration_ms(&self) -> f64 {
        self.speed / GLIDE_DECELERATION
    }

    /// How far the map has moved `elapsed_ms` after the release (the same direction as the drag).
    pub fn travelled(&self, elapsed_ms: f64) -> ScreenOffset {
        let t = elapsed_ms.clamp(0.0, self.duration_ms());
        let distance = self.speed * t - GLIDE_DECELERATION * t * t / 2.0;
        ScreenOffset { dx: self.direction.0 * distance, dy: self.direction.1 * distance }
    }

    /// How far the map moves between `from_ms` and `to_ms` after the release: one frame's step.
    pub fn moved_between(&self, from_ms: f64, to_ms: f64) -> ScreenOffset {
        let (from, to) = (self.travelled(from_ms), self.travelled(to_ms));
        ScreenOffset { dx: to.dx - from.dx, dy: to.dy - from.dy }
    }
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

    #[test]
    fn a_thrown_map_glides_on_the_way_it_was_thrown_and_slows_to_a_stop() {
        let mut momentum = Momentum::default();
        // 1 px/ms to the right and 0.5 px/ms down, sampled every 16 ms for 300 ms.
        for i in 0..=18 {
            let t = f64::from(i) * 16.0;
            momentum.record(t, ScreenPoint::new(100.0 + t, 50.0 + t / 2.0));
        }
        let glide = momentum.glide(18.0 * 16.0 + 5.0).unwrap();
        let speed = 1.25_f64.sqrt();
        assert!((glide.duration_ms() - speed / GLIDE_DECELERATION).abs() < 1e-9);
        let end = glide.travelled(glide.duration_ms());
        let expected = speed * speed / (2.0 * GLIDE_DECELERATION);
        assert!((end.dx.hypot(end.dy) - expected).abs() < 1e-6);
        assert!((end.dy / end.dx - 0.5).abs() < 1e-9, "same direction as the drag");
        assert_eq!(glide.travelled(glide.duration_ms() * 3.0), end, "it stops");
        assert_eq!(glide.travelled(-5.0), ScreenOffset { dx: 0.0, dy: 0.0 });
        let half = glide.travelled(glide.duration_ms() / 2.0);
        assert!(half.dx > end.dx / 2.0, "it slows down: the first half of the time covers more");
    }

    #[test]
    fn frame_steps_of_a_glide_add_up_to_the_whole_glide() {
        let mut momentum = Momentum::default();
        momentum.record(0.0, ScreenPoint::new(0.0, 0.0));
        momentum.record(40.0, ScreenPoint::new(60.0, -20.0));
        let glide = momentum.glide(45.0).unwrap();
        let frames: Vec<f64> = (0..=60).map(|i| f64::from(i) * 16.7).collect();
        let (dx, dy) = frames
            .windows(2)
            .map(|w| glide.moved_between(w[0], w[1]))
            .fold((0.0, 0.0), |(x, y), s| (x + s.dx, y + s.dy));
        let whole = glide.travelled(glide.duration_ms());
        assert!((dx - whole.dx).abs() < 1e-9 && (dy - whole.dy).abs() < 1e-9);
    }

    #[test]
    fn a_slow_drag_a_pause_before_release_or_a_click_do_not_glide() {
        let mut slow = Momentum::default();
        slow.record(0.0, ScreenPoint::new(0.0, 0.0));
        slow.record(100.0, ScreenPoint::new(10.0, 0.0));
        assert_eq!(slow.glide(100.0), None, "0.1 px/ms is a placing, not a throw");
        let mut paused = Momentum::default();
        paused.record(0.0, ScreenPoint::new(0.0, 0.0));
        paused.record(50.0, ScreenPoint::new(100.0, 0.0));
        assert!(paused.glide(60.0).is_some());
        assert_eq!(paused.glide(200.0), None, "held still before letting go");
        let mut click = Momentum::default();
        click.record(0.0, ScreenPoint::new(5.0, 5.0));
        assert_eq!(click.glide(1.0), None);
        assert_eq!(Momentum::default().glide(0.0), None);
        // Only the last 100 ms count: an early fast stretch followed by a slow one does not throw.
        let mut late_slow = Momentum::default();
        late_slow.record(0.0, ScreenPoint::new(0.0, 0.0));
        late_slow.record(10.0, ScreenPoint::new(200.0, 0.0));
        late_slow.record(150.0, ScreenPoint::new(205.0, 0.0));
        late_slow.record(250.0, ScreenPoint::new(210.0, 0.0));
        assert_eq!(late_slow.glide(250.0), None);
        late_slow.clear();
        assert_eq!(late_slow, Momentum::default());
    }

    #[test]
    fn a_flick_glides_no_further_than_the_fastest_throw() {
        let mut flick = Momentum::default();
        flick.record(0.0, ScreenPoint::new(0.0, 0.0));
        flick.record(10.0, ScreenPoint::new(1000.0, 0.0));
        let glide = flick.glide(10.0).unwrap();
        let longest = MAX_GLIDE_SPEED * MAX_GLIDE_SPEED / (2.0 * GLIDE_DECELERATION);
        assert!((glide.travelled(f64::INFINITY).dx - longest).abs() < 1e-6);
    }
}
