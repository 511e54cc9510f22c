//! The camera: which part of the projected world the map element shows, and the pure maths of
//! moving it (pan, zoom about a point, fit bounds, limits).
//!
//! A [`Viewport`] is a small `Copy` value; every operation returns a new one, already clamped to
//! its [`ViewLimits`], so the map can never be lost and the caller never has to remember to clamp.
//! Pixel scale at zoom `z` is `TILE_SIZE * 2^z`, as in every slippy map.

use crate::geo::geometry::{ScreenOffset, ScreenPoint, ScreenRect, ScreenSize, WorldPoint};
use crate::geo::latlng::{LatLng, LatLngBounds};
use crate::geo::projection::project;

/// Pixels across the whole world at zoom 0 (the slippy-map convention).
pub const TILE_SIZE: f64 = 256.0;

/// A zoom level. Zoom `z` shows the world `TILE_SIZE * 2^z` pixels wide. Fractional values are
/// allowed (smooth wheel zoom); non-finite values are not representable.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Zoom(f64);

/// A zoom value that is not a finite number in `0..=Zoom::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("zoom level must be a finite number between 0 and 24, but got `{0}`")]
pub struct InvalidZoom(pub f64);

impl Zoom {
    /// The deepest zoom any map here supports.
    pub const MAX: f64 = 24.0;

    /// The nearest valid zoom to `value` (NaN becomes 0), for values known at compile time or
    /// computed from measurements.
    pub fn clamped(value: f64) -> Self {
        if value.is_nan() {
            Self(0.0)
        } else {
            Self(value.clamp(0.0, Self::MAX))
        }
    }

    /// The zoom level as a number.
    pub const fn value(self) -> f64 {
        self.0
    }

    /// CSS pixels across the whole world at this zoom.
    pub fn world_pixels(self) -> f64 {
        TILE_SIZE * self.0.exp2()
    }
}

impl TryFrom<f64> for Zoom {
    type Error = InvalidZoom;
    fn try_from(value: f64) -> Result<Self, InvalidZoom> {
        if value.is_finite() && (0.0..=Self::MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(InvalidZoom(value))
        }
    }
}

/// Where the camera may go: a zoom range and a box the view centre must stay inside, and
/// optionally a box the whole view must stay inside.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewLimits {
    /// Furthest out.
    pub min_zoom: Zoom,
    /// Furthest in.
    pub max_zoom: Zoom,
    /// The view centre never leaves this box (north-west and south-east corners).
    pub center_within: (WorldPoint, WorldPoint),
    /// No part of the view goes beyond this box (north-west and south-east corners), if set: the
    /// area the basemap covers. On a screen too big for it at `min_zoom`, the view zooms in
    /// until it fits.
    pub view_within: Option<(WorldPoint, WorldPoint)>,
}

/// The north-west and south-east corners of `area` in world coordinates.
pub fn world_corners(area: LatLngBounds) -> (WorldPoint, WorldPoint) {
    let north_west = project(LatLng::lat_lon(area.north_east.lat, area.south_west.lon));
    let south_east = project(LatLng::lat_lon(area.south_west.lat, area.north_east.lon));
    (north_west, south_east)
}

impl ViewLimits {
    /// Limits for a map of `area`: Europe when zoomed right out, a city region when zoomed in.
    pub fn for_area(area: LatLngBounds, min_zoom: Zoom, max_zoom: Zoom) -> Self {
        Self { min_zoom, max_zoom, center_within: world_corners(area), view_within: None }
    }

    /// These limits, with no part of the view beyond `area`.
    pub fn showing_only(self, area: LatLngBounds) -> Self {
        Self { view_within: Some(world_corners(area)), ..self }
    }

    /// The furthest out a map of `size` may zoom: `min_zoom`, or further in where a view at
    /// `min_zoom` would be bigger than the area it must stay inside.
    pub fn min_zoom_for(&self, size: ScreenSize) -> Zoom {
        let Some((nw, se)) = self.view_within else { return self.min_zoom };
        if size.is_empty() {
            return self.min_zoom;
        }
        let world_pixels = (size.width / (se.x - nw.x)).max(size.height / (se.y - nw.y));
        let fits = (world_pixels / TILE_SIZE).log2();
        Zoom(fits.clamp(self.min_zoom.0, self.max_zoom.0))
    }

    /// The nearest zoom to `zoom` a map of `size` may take: between [`min_zoom_for`]
    /// (Self::min_zoom_for) and `max_zoom`. Every change of zoom goes through this one rule, so
    /// that a position computed for a zoom is never moved by a second clamp to another zoom.
    fn clamp_zoom(&self, zoom: f64, size: ScreenSize) -> Zoom {
        // NaN would poison every later position; treat it as "no change requested" upstream and
        // as the minimum here, which keeps the whole area visible.
        let lowest = self.min_zoom_for(size).0;
        let z = if zoom.is_nan() { lowest } else { zoom };
        Zoom(z.clamp(lowest, self.max_zoom.0))
    }

    fn clamp_center(&self, c: WorldPoint, zoom: Zoom, size: ScreenSize) -> WorldPoint {
        let (nw, se) = self.center_within;
        let middle = WorldPoint { x: (nw.x + se.x) / 2.0, y: (nw.y + se.y) / 2.0 };
        // Near the widest zoom the centre is drawn to the middle of its box: zooming out ends
        // over the area the map is about, the same view wherever the cursor was, and a drag at
        // the widest zoom has nothing to move. The reach doubles with each level, so a level or
        // two in it no longer binds.
        // A hidden map (no size) has no widest view and keeps its centre for when it shows again.
        let widest = self.min_zoom_for(size);
        let above_widest = (zoom.0 - widest.0).max(0.0);
        let widest_view = size.width.max(size.height) / widest.world_pixels();
        let reach = if size.is_empty() {
            f64::INFINITY
        } else {
            (above_widest.exp2() - 1.0) * SETTLE_VIEWS_PER_LEVEL * widest_view
        };
        let keep = |c: f64, low: f64, high: f64, mid: f64| {
            if c.is_nan() {
                mid
            } else {
                c.clamp(low.max(mid - reach), high.min(mid + reach))
            }
        };
        WorldPoint { x: keep(c.x, nw.x, se.x, middle.x), y: keep(c.y, nw.y, se.y, middle.y) }
    }
}

/// How to draw world-space geometry that was prepared in [`path_units`](Viewport::path_units):
/// `screen = path_point * scale + translate`. This is the SVG `matrix(scale 0 0 scale tx ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathTransform {
    /// Uniform scale from path units to CSS pixels.
    pub scale: f64,
    /// Horizontal offset in CSS pixels.
    pub translate_x: f64,
    /// Vertical offset in CSS pixels.
    pub translate_y: f64,
}

/// Space to keep free at each edge of the map when fitting a view, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Padding {
    /// At the top.
    pub top: f64,
    /// At the right.
    pub right: f64,
    /// At the bottom.
    pub bottom: f64,
    /// At the left.
    pub left: f64,
}

impl From<f64> for Padding {
    fn from(all: f64) -> Self {
        Self { top: all, right: all, bottom: all, left: all }
    }
}

/// How far a marker's centre must be from the map's edges and from what covers the map for the
/// marker to count as in sight: a group's disc and rings, half a 44 px touch target.
const SIGHT_MARGIN_PX: f64 = 22.0;

/// How far from the middle of its box the view centre may be, in sizes of the widest view, one
/// level above the widest zoom: at the widest zoom it is at the middle; the reach doubles with
/// every level further in.
const SETTLE_VIEWS_PER_LEVEL: f64 = 1.0;

/// At most this many covers are kept clear of (the choice of edges grows as 4^n).
const MAX_COVERS: usize = 4;

impl Padding {
    /// The middle of the area this padding leaves free on a map of `size`: where a place the
    /// visitor opened is brought, so that the panel and header beside it leave it in sight.
    pub fn free_centre(&self, size: ScreenSize) -> ScreenPoint {
        ScreenPoint::new(
            self.left + (size.width - self.left - self.right) / 2.0,
            self.top + (size.height - self.top - self.bottom) / 2.0,
        )
    }

    /// This padding with `extra` more on every side.
    pub fn grown_by(self, extra: f64) -> Self {
        Self { top: self.top + extra, right: self.right + extra, bottom: self.bottom + extra, left: self.left + extra }
    }

    /// The padding that keeps a fitted view clear of `covers` (panels and headers floating over
    /// a map of `size`), plus `base` on every side. Each cover is avoided by giving up a strip
    /// along one of the map's edges; of all the ways to choose those edges, the one that leaves
    /// the largest free area wins (a side panel takes the right edge, a bottom sheet the bottom,
    /// a header in a corner the top). If that leaves less than a quarter of the map free in
    /// either direction, the covers are ignored, so a view never fits into a sliver. Where the
    /// free area is small (a phone's strip between its header and a bottom sheet), `base`
    /// shrinks so that it takes at most an eighth of the free width and height from each side.
    pub fn clear_of(covers: &[ScreenRect], size: ScreenSize, base: f64) -> Self {
        // For each cover on the map, the strip each edge would have to give up: left, right,
        // top, bottom.
        let needs: Vec<[f64; 4]> = covers
            .iter()
            .filter_map(|cover| {
                let (left, top) = (cover.left.max(0.0), cover.top.max(0.0));
                let (right, bottom) = (cover.right.min(size.width), cover.bottom.min(size.height));
                (right > left && bottom > top).then_some([right, size.width - left, bottom, size.height - top])
            })
            .take(MAX_COVERS)
            .collect();
        let strips_for = |mut choice: usize| {
            let mut strips = [0.0_f64; 4];
            for need in &needs {
                let edge = choice % 4;
                choice /= 4;
                strips[edge] = strips[edge].max(need[edge]);
            }
            strips
        };
        let free_area = |s: [f64; 4]| (size.width - s[0] - s[1]).max(0.0) * (size.height - s[2] - s[3]).max(0.0);
        let best = (0..4_usize.pow(needs.len() as u32))
            .map(strips_for)
            .max_by(|a, b| free_area(*a).total_cmp(&free_area(*b)))
            .unwrap_or([0.0; 4]);
        let strips = Padding { left: best[0], right: best[1], top: best[2], bottom: best[3] };
        let free_w = size.width - strips.left - strips.right;
        let free_h = size.height - strips.top - strips.bottom;
        let roomy = free_w >= size.width / 4.0 && free_h >= size.height / 4.0;
        if !roomy {
            return Padding::from(base);
        }
        let base = base.min(free_w / 8.0).min(free_h / 8.0);
        Padding {
            top: strips.top + base,
            right: strips.right + base,
            bottom: strips.bottom + base,
            left: strips.left + base,
        }
    }
}

/// The camera over the projected world.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    center: WorldPoint,
    zoom: Zoom,
    size: ScreenSize,
    limits: ViewLimits,
}

impl Viewport {
    /// A viewport looking at `center`, clamped to `limits`.
    pub fn new(center: WorldPoint, zoom: Zoom, size: ScreenSize, limits: ViewLimits) -> Self {
        Self { center, zoom, size, limits }.clamped()
    }

    /// The world point at the middle of the map element.
    pub fn center(&self) -> WorldPoint {
        self.center
    }

    /// The current zoom level.
    pub fn zoom(&self) -> Zoom {
        self.zoom
    }

    /// The size of the map element.
    pub fn size(&self) -> ScreenSize {
        self.size
    }

    /// The limits this viewport keeps to.
    pub fn limits(&self) -> ViewLimits {
        self.limits
    }

    /// Where a world point appears on screen.
    pub fn world_to_screen(&self, w: WorldPoint) -> ScreenPoint {
        let scale = self.zoom.world_pixels();
        let mid = self.size.center();
        ScreenPoint::new((w.x - self.center.x) * scale + mid.x, (w.y - self.center.y) * scale + mid.y)
    }

    /// Which world point is under a screen point.
    pub fn screen_to_world(&self, p: ScreenPoint) -> WorldPoint {
        let scale = self.zoom.world_pixels();
        let mid = self.size.center();
        WorldPoint { x: self.center.x + (p.x - mid.x) / scale, y: self.center.y + (p.y - mid.y) / scale }
    }

    /// Where a geographic position appears on screen.
    pub fn lat_lng_to_screen(&self, p: LatLng) -> ScreenPoint {
        self.world_to_screen(project(p))
    }

    /// The view after the content was dragged by `offset` (the map follows the pointer).
    pub fn panned_by(&self, offset: ScreenOffset) -> Self {
        let scale = self.zoom.world_pixels();
        let center = WorldPoint { x: self.center.x - offset.dx / scale, y: self.center.y - offset.dy / scale };
        Self { center, ..*self }.clamped()
    }

    /// The view at zoom `target`, keeping the world point under `anchor` where it is on screen
    /// (zoom towards the cursor or between the fingers). Limits may override the anchor at the edges.
    pub fn zoomed_around(&self, anchor: ScreenPoint, target: f64) -> Self {
        let zoom = self.limits.clamp_zoom(target, self.size);
        if zoom == self.zoom {
            // At a limit, a further turn of the wheel leaves the view exactly where it is.
            return *self;
        }
        let fixed = self.screen_to_world(anchor);
        Self { zoom, ..*self }.with_point_at(fixed, anchor)
    }

    /// This view moved so that the world point `world` shows at `at` on screen (as near as the
    /// limits allow).
    pub fn with_point_at(&self, world: WorldPoint, at: ScreenPoint) -> Self {
        let scale = self.zoom.world_pixels();
        let mid = self.size.center();
        let center = WorldPoint { x: world.x - (at.x - mid.x) / scale, y: world.y - (at.y - mid.y) / scale };
        Self { center, ..*self }.clamped()
    }

    /// The view at this zoom that brings `world` to the middle of the area `padding` leaves
    /// free, or `None` while it is in sight: on the map and [`SIGHT_MARGIN_PX`] clear of its edges
    /// and of `covers`. For a place opened from its marker that the panel opening with it would
    /// hide (a phone's bottom sheet rises over the lower half, a side panel over the right).
    pub fn bringing_into_view(&self, world: WorldPoint, covers: &[ScreenRect], padding: Padding) -> Option<Self> {
        let size = self.size;
        let at = self.world_to_screen(world);
        let on_map = (SIGHT_MARGIN_PX..=size.width - SIGHT_MARGIN_PX).contains(&at.x)
            && (SIGHT_MARGIN_PX..=size.height - SIGHT_MARGIN_PX).contains(&at.y);
        let in_sight = on_map && !covers.iter().any(|cover| cover.comes_within(at, SIGHT_MARGIN_PX));
        (!in_sight).then(|| self.with_point_at(world, padding.free_centre(size)))
    }

    /// [`zoomed_around`](Self::zoomed_around) by a relative number of levels.
    pub fn zoomed_by(&self, anchor: ScreenPoint, levels: f64) -> Self {
        self.zoomed_around(anchor, self.zoom.0 + levels)
    }

    /// The view after a pinch step: zoomed by the change in distance between the two fingers,
    /// about the point between them, and moved with that point, so the map stays under the
    /// fingers.
    pub fn pinched(&self, before: (ScreenPoint, ScreenPoint), after: (ScreenPoint, ScreenPoint)) -> Self {
        let middle = |(a, b): (ScreenPoint, ScreenPoint)| ScreenPoint::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
        let (spread_before, spread_after) = (before.0.distance_to(before.1), after.0.distance_to(after.1));
        // Fingers closer than a pixel carry no usable scale.
        let levels =
            if spread_before >= 1.0 && spread_after >= 1.0 { (spread_after / spread_before).log2() } else { 0.0 };
        let (from, to) = (middle(before), middle(after));
        self.zoomed_by(from, levels).panned_by(to - from)
    }

    /// A step of an animated flight from this view to `target`, `progress` running from 0 to 1
    /// (eased, so the camera starts and stops gently). Zoom moves linearly in levels; the centre
    /// moves in world space.
    pub fn flight_towards(&self, target: &Viewport, progress: f64) -> Self {
        let t = progress.clamp(0.0, 1.0);
        let eased = if t < 0.5 { 4.0 * t * t * t } else { 1.0 - (-2.0 * t + 2.0).powi(3) / 2.0 };
        let lerp = |a: f64, b: f64| a + (b - a) * eased;
        let center = WorldPoint { x: lerp(self.center.x, target.center.x), y: lerp(self.center.y, target.center.y) };
        let zoom = Zoom(lerp(self.zoom.0, target.zoom.0));
        Self { center, zoom, ..*target }.clamped()
    }

    /// How long a flight to `target` should take, in milliseconds: longer for longer trips, within
    /// 250-1000 ms.
    pub fn flight_duration_ms(&self, target: &Viewport) -> f64 {
        let pixels = self.world_to_screen(target.center).distance_to(self.size.center());
        let levels = (target.zoom.0 - self.zoom.0).abs();
        (250.0 + pixels * 0.4 + levels * 120.0).min(1000.0)
    }

    /// The view with the element resized; the centre stays put, as users expect on rotation.
    pub fn resized(&self, size: ScreenSize) -> Self {
        Self { size, ..*self }.clamped()
    }

    /// The same view kept within `limits`: zoomed out, or moved, as far as they ask.
    pub fn with_limits(&self, limits: ViewLimits) -> Self {
        Self { limits, ..*self }.clamped()
    }

    /// The closest view that shows all of `bounds` with `padding` CSS pixels free on each side.
    pub fn fitted_to(&self, bounds: LatLngBounds, padding: impl Into<Padding>) -> Self {
        let (nw, se) = world_corners(bounds);
        self.fitted_to_box(nw, se, padding)
    }

    /// The closest view that shows every one of `points` with `padding` CSS pixels free on each
    /// side; `None` when there are none.
    pub fn fitted_to_points(
        &self,
        points: impl IntoIterator<Item = WorldPoint>,
        padding: impl Into<Padding>,
    ) -> Option<Self> {
        let mut points = points.into_iter();
        let first = points.next()?;
        let (nw, se) = points.fold((first, first), |(nw, se), p| {
            (WorldPoint { x: nw.x.min(p.x), y: nw.y.min(p.y) }, WorldPoint { x: se.x.max(p.x), y: se.y.max(p.y) })
        });
        Some(self.fitted_to_box(nw, se, padding))
    }

    fn fitted_to_box(&self, nw: WorldPoint, se: WorldPoint, padding: impl Into<Padding>) -> Self {
        let padding = padding.into();
        let usable_w = (self.size.width - padding.left - padding.right).max(1.0);
        let usable_h = (self.size.height - padding.top - padding.bottom).max(1.0);
        let span_w = (se.x - nw.x).max(f64::EPSILON);
        let span_h = (se.y - nw.y).max(f64::EPSILON);
        let world_pixels = (usable_w / span_w).min(usable_h / span_h);
        let zoom = self.limits.clamp_zoom((world_pixels / TILE_SIZE).log2(), self.size);
        // The box's centre goes to the centre of the free area.
        let middle = WorldPoint { x: (nw.x + se.x) / 2.0, y: (nw.y + se.y) / 2.0 };
        Self { zoom, ..*self }.with_point_at(middle, padding.free_centre(self.size))
    }

    /// How to draw geometry in path units (see [`path_units`](Self::path_units)) at this view.
    pub fn path_transform(&self) -> PathTransform {
        let scale = self.zoom.world_pixels() / Self::path_units();
        let origin = self.world_to_screen(WorldPoint { x: 0.0, y: 0.0 });
        PathTransform { scale, translate_x: origin.x, translate_y: origin.y }
    }

    /// How to move a picture drawn for `base` so that it lines up with this view:
    /// `screen = base_screen * scale + translate`. While a gesture runs, the basemap is moved
    /// this way as one composited image instead of being redrawn every frame.
    pub fn offset_from(&self, base: &Viewport) -> PathTransform {
        let scale = (self.zoom.0 - base.zoom.0).exp2();
        let origin = WorldPoint { x: 0.0, y: 0.0 };
        let (now, then) = (self.world_to_screen(origin), base.world_to_screen(origin));
        PathTransform { scale, translate_x: now.x - then.x * scale, translate_y: now.y - then.y * scale }
    }

    /// Whether a picture drawn for `drawn`, with half a view of margin on every side, still
    /// covers this whole view after [`offset_from`](Self::offset_from), without being scaled by
    /// more than a factor of two (which would look blurred or too small).
    pub fn is_covered_by_picture_of(&self, drawn: &Viewport) -> bool {
        let t = self.offset_from(drawn);
        let (w, h) = (drawn.size.width, drawn.size.height);
        self.size == drawn.size
            && (0.5..=2.0).contains(&t.scale)
            && -w / 2.0 * t.scale + t.translate_x <= 0.0
            && 1.5 * w * t.scale + t.translate_x >= self.size.width
            && -h / 2.0 * t.scale + t.translate_y <= 0.0
            && 1.5 * h * t.scale + t.translate_y >= self.size.height
    }

    /// The part of the world this view shows, widened by `extra_px` on every side, as
    /// north-west and south-east corners.
    pub fn visible_area(&self, extra_px: f64) -> (WorldPoint, WorldPoint) {
        let (w, h) = (self.size.width, self.size.height);
        (
            self.screen_to_world(ScreenPoint::new(-extra_px, -extra_px)),
            self.screen_to_world(ScreenPoint::new(w + extra_px, h + extra_px)),
        )
    }

    /// The part of the world a picture drawn for this view shows: the view with half a view of
    /// margin on every side (as [`is_covered_by_picture_of`](Self::is_covered_by_picture_of)
    /// assumes), widened by `extra_px` more, as north-west and south-east corners.
    pub fn picture_area(&self, extra_px: f64) -> (WorldPoint, WorldPoint) {
        let (w, h) = (self.size.width, self.size.height);
        (
            self.screen_to_world(ScreenPoint::new(-w / 2.0 - extra_px, -h / 2.0 - extra_px)),
            self.screen_to_world(ScreenPoint::new(1.5 * w + extra_px, 1.5 * h + extra_px)),
        )
    }

    /// Path units per world width: basemap paths are prepared once in these units (zoom-8 pixels),
    /// so that whole numbers with one decimal keep sub-pixel precision down to city level while
    /// staying well inside the single-precision floats browsers use for SVG.
    pub const fn path_units() -> f64 {
        TILE_SIZE * 256.0
    }

    fn clamped(self) -> Self {
        let limits = self.limits;
        let zoom = limits.clamp_zoom(self.zoom.0, self.size);
        let mut center = limits.clamp_center(self.center, zoom, self.size);
        if let Some((nw, se)) = limits.view_within {
            // Half the view, in world units; where the view is wider than the box (a screen
            // bigger than the whole area at the deepest zoom), it is centred on the box.
            let scale = zoom.world_pixels();
            let (half_w, half_h) = (self.size.width / 2.0 / scale, self.size.height / 2.0 / scale);
            let keep = |c: f64, low: f64, high: f64| if low <= high { c.clamp(low, high) } else { (low + high) / 2.0 };
            center = WorldPoint {
                x: keep(center.x, nw.x + half_w, se.x - half_w),
                y: keep(center.y, nw.y + half_h, se.y - half_h),
            };
        }
        Self { zoom, center, ..self }
    }
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;

    fn europe() -> LatLngBounds {
        LatLngBounds { south_west: LatLng::lat_lon(34.0, -26.0), north_east: LatLng::lat_lon(72.0, 45.0) }
    }

    fn zoom(z: f64) -> Zoom {
        Zoom::try_from(z).unwrap()
    }

    #[test]
    fn a_pinch_keeps_the_map_under_the_fingers_midpoint_and_zooms_by_their_spread() {
        let view = finland_view();
        let before = (ScreenPoint::new(500.0, 400.0), ScreenPoint::new(700.0, 400.0));
        let after = (ScreenPoint::new(450.0, 420.0), ScreenPoint::new(850.0, 420.0));
        let under_fingers = view.screen_to_world(ScreenPoint::new(600.0, 400.0));
        let pinched = view.pinched(before, after);
        assert_abs_diff_eq!(pinched.zoom().value(), view.zoom().value() + 1.0, epsilon = 1e-9);
        let now = pinched.world_to_screen(under_fingers);
        assert!(now.distance_to(ScreenPoint::new(650.0, 420.0)) < 0.5, "{now:?}");
        // Fingers on one spot change nothing but do not poison the view.
        let same = (ScreenPoint::new(5.0, 5.0), ScreenPoint::new(5.0, 5.0));
        assert_eq!(view.pinched(same, same), view);
    }

    #[test]
    fn a_flight_starts_here_ends_there_and_moves_monotonically() {
        let from = finland_view();
        let to = from.zoomed_by(ScreenPoint::new(100.0, 100.0), 3.0);
        assert_eq!(from.flight_towards(&to, 0.0), from);
        assert_eq!(from.flight_towards(&to, 1.0), to);
        assert_eq!(from.flight_towards(&to, 7.0), to);
        let mut last = from.zoom().value();
        for step in 1..=20 {
            let z = from.flight_towards(&to, f64::from(step) / 20.0).zoom().value();
            assert!(z >= last);
            last = z;
        }
        let duration = from.flight_duration_ms(&to);
        assert!((250.0..=1000.0).contains(&duration));
        assert_eq!(from.flight_duration_ms(&from), 250.0);
    }

    #[test]
    fn fitting_points_shows_them_all_inside_the_padding() {
        let view = finland_view();
        let points = [LatLng::lat_lon(60.17, 24.94), LatLng::lat_lon(51.22, 4.40), LatLng::lat_lon(65.01, 25.47)];
        let fitted = view.fitted_to_points(points.map(project), 48.0).unwrap();
        for p in points {
            let s = fitted.lat_lng_to_screen(p);
            assert!(
                s.x >= 48.0 - 1e-6 && s.x <= 1280.0 - 48.0 + 1e-6 && s.y >= 48.0 - 1e-6 && s.y <= 800.0 - 48.0 + 1e-6
            );
        }
        assert_eq!(view.fitted_to_points([], 48.0), None);
        // One point: the deepest zoom allowed, centred on it.
        let one = view.fitted_to_points([project(points[0])], 48.0).unwrap();
        assert_eq!(one.zoom().value(), 12.0);
    }

    #[test]
    fn a_side_panel_a_bottom_sheet_and_a_header_each_take_their_own_edge() {
        let size = ScreenSize::new(1280.0, 800.0);
        let panel = ScreenRect { left: 928.0, top: 12.0, right: 1268.0, bottom: 788.0 };
        let header = ScreenRect { left: 12.0, top: 12.0, right: 452.0, bottom: 256.0 };
        let padding = Padding::clear_of(&[panel, header], size, 48.0);
        assert_eq!(padding, Padding { top: 256.0 + 48.0, right: 352.0 + 48.0, bottom: 48.0, left: 48.0 });
        let phone = ScreenSize::new(390.0, 844.0);
        let sheet = ScreenRect { left: 0.0, top: 422.0, right: 390.0, bottom: 844.0 };
        assert_eq!(Padding::clear_of(&[sheet], phone, 24.0).bottom, 422.0 + 24.0);
        // A phone's header and bottom sheet leave a strip of 266 px: the view fits into it, with
        // the margin cut down to an eighth of the strip.
        let phone_header = ScreenRect { left: 8.0, top: 8.0, right: 382.0, bottom: 156.0 };
        let strip = Padding::clear_of(&[phone_header, sheet], phone, 48.0);
        assert_eq!(strip, Padding { top: 156.0 + 33.25, right: 33.25, bottom: 422.0 + 33.25, left: 33.25 });
        // Less than a quarter of the height left: the covers are ignored rather than squeezed into.
        let tall_sheet = ScreenRect { left: 0.0, top: 300.0, right: 390.0, bottom: 844.0 };
        assert_eq!(Padding::clear_of(&[phone_header, tall_sheet], phone, 48.0), Padding::from(48.0));
        // Covers outside the map, empty or too big to avoid change nothing.
        let outside = ScreenRect { left: 1300.0, top: 0.0, right: 1400.0, bottom: 100.0 };
        let everything = ScreenRect { left: 0.0, top: 0.0, right: 1280.0, bottom: 800.0 };
        assert_eq!(Padding::clear_of(&[outside], size, 48.0), Padding::from(48.0));
        assert_eq!(Padding::clear_of(&[everything], size, 48.0), Padding::from(48.0));
        assert_eq!(Padding::clear_of(&[], size, 10.0), Padding::from(10.0));
        assert_eq!(Padding::from(10.0).grown_by(5.0), Padding::from(15.0));
    }

    #[test]
    fn no_view_reaches_beyond_the_area_it_must_show_only() {
        let drawn = LatLngBounds { south_west: LatLng::lat_lon(20.0, -75.0), north_east: LatLng::lat_lon(84.0, 90.0) };
        let limits = ViewLimits::for_area(europe(), zoom(3.0), zoom(12.0)).showing_only(drawn);
        let (nw, se) = (project(LatLng::lat_lon(84.0, -75.0)), project(LatLng::lat_lon(20.0, 90.0)));
        for size in [ScreenSize::new(390.0, 844.0), ScreenSize::new(1280.0, 800.0), ScreenSize::new(2560.0, 1440.0)] {
            let start = Viewport::new(project(LatLng::lat_lon(60.0, 20.0)), zoom(3.0), size, limits);
            // Zoomed right out, then dragged far each way, then zoomed in at a corner.
            let far = 20_000.0;
            let views = [
                start,
                start.panned_by(ScreenOffset { dx: far, dy: far }),
                start.panned_by(ScreenOffset { dx: -far, dy: -far }),
                start.panned_by(ScreenOffset { dx: far, dy: -far }).zoomed_by(ScreenPoint::new(0.0, 0.0), 1.5),
                start.zoomed_by(size.center(), -5.0).panned_by(ScreenOffset { dx: -far, dy: far }),
            ];
            for view in views {
                let (a, b) = (
                    view.screen_to_world(ScreenPoint::new(0.0, 0.0)),
                    view.screen_to_world(ScreenPoint::new(size.width, size.height)),
                );
                let inside = a.x >= nw.x - 1e-12 && a.y >= nw.y - 1e-12 && b.x <= se.x + 1e-12 && b.y <= se.y + 1e-12;
                assert!(inside, "{size:?} at zoom {:?}: {a:?}..{b:?}", view.zoom());
            }
            // A screen that the area fills at the minimum zoom keeps that minimum.
            let least = limits.min_zoom_for(size).value();
            assert_abs_diff_eq!(start.zoom().value(), least);
            if size.width <= 1280.0 {
                assert!(least < 3.5, "{size:?} may zoom out to {least}");
            } else {
                assert!(least > 4.0, "a 2560 px screen stops at {least}");
            }
        }
        // Without the area, the minimum is the minimum.
        let free = ViewLimits::for_area(europe(), zoom(3.0), zoom(12.0));
        assert_eq!(free.min_zoom_for(ScreenSize::new(2560.0, 1440.0)), zoom(3.0));
    }

    #[test]
    fn an_opened_place_under_a_panel_is_brought_to_the_middle_of_the_free_area() {
        // Over the middle of Europe, so the limits leave the view free to move.
        let view = finland_view().with_point_at(project(LatLng::lat_lon(52.0, 10.0)), ScreenPoint::new(640.0, 400.0));
        let size = view.size();
        let panel = ScreenRect { left: 928.0, top: 12.0, right: 1268.0, bottom: 788.0 };
        let padding = Padding::clear_of(&[panel], size, 48.0);
        let middle = padding.free_centre(size);
        assert_eq!(middle, ScreenPoint::new((48.0 + 1280.0 - 400.0) / 2.0, 400.0));
        // Under the panel, or so near its edge that the marker is half hidden: moved, at the same
        // zoom, to the middle of what the panel leaves.
        for covered_at in [ScreenPoint::new(1000.0, 300.0), ScreenPoint::new(915.0, 300.0)] {
            let covered = view.screen_to_world(covered_at);
            let moved = view.bringing_into_view(covered, &[panel], padding).expect("a covered place moves");
            assert_eq!(moved.zoom(), view.zoom());
            let now = moved.world_to_screen(covered);
            assert!(now.distance_to(middle) < 1e-6, "{now:?}");
        }
        // Off the map, or at its very edge: moved too.
        for outside in [ScreenPoint::new(-30.0, 300.0), ScreenPoint::new(400.0, 790.0)] {
            assert!(view.bringing_into_view(view.screen_to_world(outside), &[panel], padding).is_some(), "{outside:?}");
        }
        // In sight, even near the panel or in the margin a fit would keep: the map stays.
        for seen in [ScreenPoint::new(900.0, 700.0), ScreenPoint::new(30.0, 30.0)] {
            assert_eq!(view.bringing_into_view(view.screen_to_world(seen), &[panel], padding), None, "{seen:?}");
        }
        // Placing a point round-trips wherever the limits allow.
        let (covered, at) = (view.screen_to_world(ScreenPoint::new(1000.0, 300.0)), ScreenPoint::new(760.0, 450.0));
        assert!(view.with_point_at(covered, at).world_to_screen(covered).distance_to(at) < 1e-6);
    }

    #[test]
    fn a_fit_with_uneven_padding_puts_the_points_in_the_free_area() {
        let view = finland_view();
        let points = [LatLng::lat_lon(60.17, 24.94), LatLng::lat_lon(63.84, 23.13), LatLng::lat_lon(65.01, 25.47)];
        let padding = Padding { top: 300.0, right: 400.0, bottom: 48.0, left: 48.0 };
        let fitted = view.fitted_to_points(points.map(project), padding).unwrap();
        let screen: Vec<ScreenPoint> = points.iter().map(|p| fitted.lat_lng_to_screen(*p)).collect();
        for s in &screen {
            assert!(s.x >= 48.0 - 1e-6 && s.x <= 1280.0 - 400.0 + 1e-6, "{s:?}");
            assert!(s.y >= 300.0 - 1e-6 && s.y <= 800.0 - 48.0 + 1e-6, "{s:?}");
        }
        // The box is centred in the free area: its middle is at the free area's middle.
        let (min_x, max_x) = screen.iter().fold((f64::MAX, f64::MIN), |(a, b), s| (a.min(s.x), b.max(s.x)));
        let (min_y, max_y) = screen.iter().fold((f64::MAX, f64::MIN), |(a, b), s| (a.min(s.y), b.max(s.y)));
        assert!(((min_x + max_x) / 2.0 - (48.0 + 880.0) / 2.0).abs() < 1e-6);
        assert!(((min_y + max_y) / 2.0 - (300.0 + 752.0) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn a_picture_drawn_for_one_view_lines_up_with_another_after_its_offset() {
        let base = finland_view();
        let now = base.zoomed_by(ScreenPoint::new(300.0, 200.0), 0.6).panned_by(ScreenOffset { dx: -80.0, dy: 35.0 });
        let t = now.offset_from(&base);
        for p in [LatLng::lat_lon(60.17, 24.94), LatLng::lat_lon(65.01, 25.47), LatLng::lat_lon(51.2, 4.4)] {
            let (drawn, wanted) = (base.lat_lng_to_screen(p), now.lat_lng_to_screen(p));
            let moved = ScreenPoint::new(drawn.x * t.scale + t.translate_x, drawn.y * t.scale + t.translate_y);
            assert!(moved.distance_to(wanted) < 1e-6, "{moved:?} {wanted:?}");
        }
        assert_eq!(base.offset_from(&base), PathTransform { scale: 1.0, translate_x: 0.0, translate_y: 0.0 });
        assert!(base.is_covered_by_picture_of(&base));
        assert!(now.is_covered_by_picture_of(&base));
        assert!(!base.panned_by(ScreenOffset { dx: 700.0, dy: 0.0 }).is_covered_by_picture_of(&base));
        assert!(!base.zoomed_by(ScreenPoint::new(640.0, 400.0), 1.5).is_covered_by_picture_of(&base));
        assert!(!base.zoomed_by(ScreenPoint::new(640.0, 400.0), -1.5).is_covered_by_picture_of(&base));
        assert!(!base.resized(ScreenSize::new(800.0, 800.0)).is_covered_by_picture_of(&base));
    }

    fn finland_view() -> Viewport {
        let limits = ViewLimits::for_area(europe(), zoom(3.0), zoom(12.0));
        Viewport::new(project(LatLng::lat_lon(63.0, 25.0)), zoom(5.0), ScreenSize::new(1280.0, 800.0), limits)
    }

    #[test]
    fn zoom_rejects_non_finite_and_out_of_range() {
        assert_eq!(Zoom::try_from(f64::NAN).map_err(|e| e.0.is_nan()), Err(true));
        assert_eq!(Zoom::try_from(-1.0), Err(InvalidZoom(-1.0)));
        assert_eq!(Zoom::try_from(25.0), Err(InvalidZoom(25.0)));
        assert_eq!(zoom(2.0).world_pixels(), 1024.0);
        assert!(InvalidZoom(-1.0).to_string().contains("`-1`"));
    }

    #[test]
    fn centre_of_the_view_is_the_centre_of_the_element() {
        let v = finland_view();
        let p = v.world_to_screen(v.center());
        assert_eq!(p, ScreenPoint::new(640.0, 400.0));
    }

    #[test]
    fn screen_world_round_trip() {
        let v = finland_view();
        for p in [ScreenPoint::new(0.0, 0.0), ScreenPoint::new(1279.0, 799.0), ScreenPoint::new(311.5, 77.25)] {
            let back = v.world_to_screen(v.screen_to_world(p));
            assert_abs_diff_eq!(back.x, p.x, epsilon = 1e-6);
            assert_abs_diff_eq!(back.y, p.y, epsilon = 1e-6);
        }
    }

    #[test]
    fn zooming_at_a_point_keeps_that_point_under_the_cursor() {
        let v = finland_view();
        let cursor = ScreenPoint::new(900.0, 250.0);
        let under_cursor = v.screen_to_world(cursor);
        for levels in [1.0, -1.0, 0.37, 2.5, -1.8] {
            let zoomed = v.zoomed_by(cursor, levels);
            let now = zoomed.world_to_screen(under_cursor);
            assert!(now.distance_to(cursor) < 0.5, "moved {} px at {levels}", now.distance_to(cursor));
            assert_abs_diff_eq!(zoomed.zoom().value(), 5.0 + levels, epsilon = 1e-12);
        }
    }

    #[test]
    fn pan_follows_the_pointer_and_round_trips() {
        let v = finland_view();
        let kokkola = LatLng::lat_lon(63.8385, 23.1307);
        let before = v.lat_lng_to_screen(kokkola);
        let drag = ScreenOffset { dx: 120.0, dy: -45.0 };
        let moved = v.panned_by(drag);
        let after = moved.lat_lng_to_screen(kokkola);
        assert_abs_diff_eq!(after.x - before.x, 120.0, epsilon = 1e-6);
        assert_abs_diff_eq!(after.y - before.y, -45.0, epsilon = 1e-6);
        let back = moved.panned_by(ScreenOffset { dx: -120.0, dy: 45.0 });
        assert_abs_diff_eq!(back.center().x, v.center().x, epsilon = 1e-12);
        assert_abs_diff_eq!(back.center().y, v.center().y, epsilon = 1e-12);
    }

    #[test]
    fn zoom_in_then_out_at_the_same_point_round_trips() {
        let v = finland_view();
        let cursor = ScreenPoint::new(100.0, 700.0);
        let back = v.zoomed_by(cursor, 1.5).zoomed_by(cursor, -1.5);
        assert_abs_diff_eq!(back.center().x, v.center().x, epsilon = 1e-12);
        assert_abs_diff_eq!(back.center().y, v.center().y, epsilon = 1e-12);
    }

    #[test]
    fn zoom_is_clamped_to_the_limits() {
        let v = finland_view();
        assert_eq!(v.zoomed_by(v.size().center(), 40.0).zoom(), zoom(12.0));
        assert_eq!(v.zoomed_by(v.size().center(), -40.0).zoom(), zoom(3.0));
        assert_eq!(v.zoomed_around(v.size().center(), f64::NAN).zoom(), zoom(3.0));
    }

    #[test]
    fn panning_can_never_lose_the_map() {
        let v = finland_view();
        let far = v.panned_by(ScreenOffset { dx: 1e9, dy: -1e9 });
        let (nw, se) = v.limits().center_within;
        assert_eq!(far.center(), WorldPoint { x: nw.x, y: se.y });
        let nan = v.panned_by(ScreenOffset { dx: f64::NAN, dy: 0.0 });
        assert!(nan.center().x.is_finite());
    }

    #[test]
    fn fitting_bounds_shows_them_inside_the_padding() {
        let v = finland_view();
        let finland = LatLngBounds { south_west: LatLng::lat_lon(59.8, 20.5), north_east: LatLng::lat_lon(70.1, 31.6) };
        let fitted = v.fitted_to(finland, 40.0);
        let nw = fitted.lat_lng_to_screen(LatLng::lat_lon(70.1, 20.5));
        let se = fitted.lat_lng_to_screen(LatLng::lat_lon(59.8, 31.6));
        assert!(nw.x >= 40.0 - 1e-6 && nw.y >= 40.0 - 1e-6, "{nw:?}");
        assert!(se.x <= 1240.0 + 1e-6 && se.y <= 760.0 + 1e-6, "{se:?}");
        // Tight on the binding axis (Finland is tall): the height is used exactly.
        assert_abs_diff_eq!(se.y - nw.y, 720.0, epsilon = 1e-6);
    }

    #[test]
    fn path_transform_matches_world_to_screen() {
        let v = finland_view().zoomed_by(ScreenPoint::new(10.0, 20.0), 1.3);
        let t = v.path_transform();
        let w = project(LatLng::lat_lon(61.06, 28.19));
        let via_path = ScreenPoint::new(
            w.x * Viewport::path_units() * t.scale + t.translate_x,
            w.y * Viewport::path_units() * t.scale + t.translate_y,
        );
        let direct = v.world_to_screen(w);
        assert!(via_path.distance_to(direct) < 1e-6);
    }

    #[test]
    fn resizing_keeps_the_centre() {
        let v = finland_view();
        let r = v.resized(ScreenSize::new(390.0, 844.0));
        assert_eq!(r.center(), v.center());
        assert_eq!(r.world_to_screen(r.center()), ScreenPoint::new(195.0, 422.0));
    }

    #[test]
    fn narrower_limits_zoom_a_deep_view_out_to_their_deepest() {
        let v = finland_view().zoomed_by(ScreenPoint::new(640.0, 400.0), 40.0);
        assert_eq!(v.zoom(), zoom(12.0));
        let shallower = ViewLimits { max_zoom: zoom(9.0), ..v.limits() };
        let kept = v.with_limits(shallower);
        assert_eq!(kept.zoom(), zoom(9.0));
        assert_eq!(kept.center(), v.center());
        assert_eq!(kept.limits(), shallower);
        assert_eq!(finland_view().with_limits(shallower).zoom(), finland_view().zoom(), "a view within them stays");
    }
}
