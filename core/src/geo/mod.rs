//! Positions and shapes, independent of any view: latitude and longitude, the Web Mercator
//! projection to the unit square, points and boxes on screen, and clipping lines and rings to
//! a rectangle. Leaflet's `geo/` and `geometry/` together.

pub mod clip;
pub mod geometry;
pub mod latlng;
pub mod projection;
