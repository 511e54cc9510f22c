//! The area and zoom range InnoMap keeps to, and the views that fit something into it.
//!
//! The view centre stays over Europe, the view itself inside the area the basemap covers, and
//! the zoom between a view of Europe on a phone and the deepest zoom the vector basemap is still
//! truthful at (see [`map_limits`]).

use crate::geo::geometry::ScreenSize;
use crate::geo::latlng::{LatLng, LatLngBounds};
use crate::geo::projection::project;
use crate::view::viewport::{Padding, ViewLimits, Viewport, Zoom};

/// The area the view centre stays in: Europe, from Iceland and the Canaries' latitude to the
/// Urals' longitude and North Cape.
pub const MAP_AREA: LatLngBounds =
    LatLngBounds { south_west: LatLng::lat_lon(34.0, -26.0), north_east: LatLng::lat_lon(72.0, 45.0) };

/// The area the zoomed-out basemap covers (`EXTENT` in xtask/src/basemap.rs): Europe with its
/// surroundings, from the Great Lakes to Lake Baikal. The view never reaches beyond it, so no
/// zoomed-out view on a wide screen shows land cut off by a straight edge.
pub const BASEMAP_AREA: LatLngBounds =
    LatLngBounds { south_west: LatLng::lat_lon(20.0, -75.0), north_east: LatLng::lat_lon(84.0, 90.0) };

/// Zoom 3 shows all of Europe on a phone.
pub const MIN_ZOOM: f64 = 3.0;

/// The deepest zoom while the map draws only its own vector basemap: the basemap's detailed
/// level is simplified to one pixel at zoom 9 (`LEVELS` in xtask/src/basemap.rs), from Natural
/// Earth's 1:10m coast. Deeper, its coast turns into straight lines a kilometre off the truth,
/// and a harbour's industrial park stands in the sea.
pub const VECTOR_MAX_ZOOM: f64 = 9.0;

/// The deepest zoom while map images (raster tiles) are on: a city district.
pub const IMAGES_MAX_ZOOM: f64 = 12.0;

/// Space kept free around the data when the map fits it, in CSS pixels.
pub const FIT_PADDING_PX: f64 = 48.0;

/// The view of `size` that fits `bounds` keeping `padding` free, or the whole map area when
/// there is nothing to fit.
pub fn view_of(bounds: Option<LatLngBounds>, size: ScreenSize, padding: Padding) -> Viewport {
    let limits = map_limits();
    let start = Viewport::new(project(LatLng::lat_lon(64.0, 26.0)), limits.min_zoom, size, limits);
    start.fitted_to(bounds.unwrap_or(MAP_AREA), padding)
}

/// The zoom range and pan box of the InnoMap map with its own basemap.
pub fn map_limits() -> ViewLimits {
    map_limits_for(false)
}

/// The zoom range and pan box of the map, with map images on or off: the images are drawn
/// truthfully deeper than the vector basemap.
pub fn map_limits_for(images: bool) -> ViewLimits {
    let max = if images { IMAGES_MAX_ZOOM } else { VECTOR_MAX_ZOOM };
    ViewLimits::for_area(MAP_AREA, Zoom::clamped(MIN_ZOOM), Zoom::clamped(max)).showing_only(BASEMAP_AREA)
}
