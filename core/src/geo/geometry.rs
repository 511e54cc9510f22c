//! Plane points: projected world coordinates and screen pixels, as distinct types so a world
//! coordinate can never be drawn as if it were a pixel.

use std::ops::{Add, Sub};

/// A Web Mercator position normalised to the unit square: `x` grows east from the antimeridian,
/// `y` grows south from the top of the projected world (about 85.05° N). Zoom-independent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldPoint {
    /// East, in `0..=1`.
    pub x: f64,
    /// South, in `0..=1`.
    pub y: f64,
}

/// A position in CSS pixels relative to the top-left corner of the map element.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScreenPoint {
    /// Right, in CSS pixels.
    pub x: f64,
    /// Down, in CSS pixels.
    pub y: f64,
}

impl ScreenPoint {
    /// A screen point from CSS pixel offsets.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Straight-line distance to `other`, in CSS pixels.
    pub fn distance_to(self, other: Self) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// A movement on screen, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScreenOffset {
    /// Right, in CSS pixels.
    pub dx: f64,
    /// Down, in CSS pixels.
    pub dy: f64,
}

impl Sub for ScreenPoint {
    type Output = ScreenOffset;
    fn sub(self, rhs: Self) -> ScreenOffset {
        ScreenOffset { dx: self.x - rhs.x, dy: self.y - rhs.y }
    }
}

impl Add<ScreenOffset> for ScreenPoint {
    type Output = ScreenPoint;
    fn add(self, rhs: ScreenOffset) -> ScreenPoint {
        ScreenPoint { x: self.x + rhs.dx, y: self.y + rhs.dy }
    }
}

/// The size of the map element in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScreenSize {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
}

impl ScreenSize {
    /// A size, with negative or non-finite values taken as zero (a hidden element measures so).
    pub fn new(width: f64, height: f64) -> Self {
        let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
        Self { width: clean(width), height: clean(height) }
    }

    /// Whether it has no area: the element is hidden (a list shown instead of the map) or not
    /// laid out yet, so there is nothing to fit a view into.
    pub fn is_empty(self) -> bool {
        !(self.width > 0.0 && self.height > 0.0)
    }

    /// The centre of the element.
    pub fn center(self) -> ScreenPoint {
        ScreenPoint::new(self.width / 2.0, self.height / 2.0)
    }
}

/// A box on screen, relative to the map element's top-left corner: a label, a marker, or a
/// panel or control floating over the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenRect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl ScreenRect {
    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &ScreenRect) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }

    /// The square of half-side `radius` around `center` (a marker's box).
    pub fn around(center: ScreenPoint, radius: f64) -> Self {
        Self { left: center.x - radius, top: center.y - radius, right: center.x + radius, bottom: center.y + radius }
    }

    /// Whether some point of the box is nearer than `distance` to `point`.
    pub fn comes_within(&self, point: ScreenPoint, distance: f64) -> bool {
        let nearest_x = point.x.clamp(self.left, self.right);
        let nearest_y = point.y.clamp(self.top, self.bottom);
        (nearest_x - point.x).hypot(nearest_y - point.y) < distance
    }

    /// Whether the box lies wholly on a map of `size`.
    pub fn within(&self, size: ScreenSize) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= size.width && self.bottom <= size.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_without_area_is_empty() {
        assert!(!ScreenSize::new(390.0, 844.0).is_empty());
        for (w, h) in [(0.0, 800.0), (1280.0, 0.0), (f64::NAN, 10.0), (-1.0, 5.0)] {
            assert!(ScreenSize::new(w, h).is_empty(), "{w} × {h}");
        }
    }

    #[test]
    fn offsets_add_and_subtract() {
        let a = ScreenPoint::new(10.0, 20.0);
        let b = ScreenPoint::new(13.0, 16.0);
        let d = b - a;
        assert_eq!(d, ScreenOffset { dx: 3.0, dy: -4.0 });
        assert_eq!(a + d, b);
        assert_eq!(a.distance_to(b), 5.0);
    }

    #[test]
    fn size_cleans_bad_measurements() {
        assert_eq!(ScreenSize::new(-3.0, f64::NAN), ScreenSize::new(0.0, 0.0));
        assert_eq!(ScreenSize::new(800.0, 600.0).center(), ScreenPoint::new(400.0, 300.0));
    }
}
