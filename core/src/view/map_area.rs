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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geometry::{ScreenOffset, ScreenPoint};

    const DESKTOP: ScreenSize = ScreenSize { width: 1280.0, height: 800.0 };
    const PHONE: ScreenSize = ScreenSize { width: 390.0, height: 844.0 };
    const TAMPERE: LatLng = LatLng::lat_lon(61.4978, 23.761);

    /// Wheel turns out from a city view, at `anchor`, until the zoom stops changing, and then
    /// `extra` more.
    fn wheel_out(size: ScreenSize, anchor: ScreenPoint, extra: usize) -> (Viewport, Vec<Viewport>) {
        let limits = map_limits();
        let mut view = Viewport::new(project(TAMPERE), Zoom::clamped(8.0), size, limits);
        while view.zoomed_by(anchor, -0.5).zoom() != view.zoom() {
            view = view.zoomed_by(anchor, -0.5);
        }
        let widest = view;
        let after = (0..extra)
            .map(|_| {
                view = view.zoomed_by(anchor, -0.5);
                view
            })
            .collect();
        (widest, after)
    }

    #[test]
    fn turning_the_wheel_out_at_the_widest_view_leaves_the_view_where_it_is() {
        for size in [DESKTOP, PHONE] {
            let anchors = [
                ScreenPoint::new(size.width * 0.1, size.height * 0.9),
                ScreenPoint::new(size.width * 0.9, size.height * 0.1),
                size.center(),
            ];
            let settled = wheel_out(size, size.center(), 0).0;
            for anchor in anchors {
                let (widest, after) = wheel_out(size, anchor, 20);
                let apart = widest.world_to_screen(settled.center()).distance_to(size.center());
                assert!(apart < 0.5, "{size:?}: the widest view is the same wherever the cursor was ({apart} px)");
                assert_eq!(widest.zoom(), map_limits().min_zoom_for(size), "{size:?}: out as far as the map goes");
                for view in after {
                    assert_eq!(view, widest, "{size:?}, wheel at {anchor:?}: no drift at the limit");
                }
            }
        }
    }

    #[test]
    fn zooming_out_keeps_the_place_under_the_cursor_and_ends_over_europe() {
        // Leaflet's and every map's promise: the point under the cursor stays there. A second
        // clamp to another zoom used to push the centre away from the cursor at each turn, so a
        // visitor zooming out near the bottom of the map drifted north to the Arctic.
        let anchor = ScreenPoint::new(DESKTOP.width / 2.0, DESKTOP.height * 0.8);
        let limits = map_limits();
        let city = Viewport::new(project(TAMPERE), Zoom::clamped(6.0), DESKTOP, limits);
        let under_cursor = city.screen_to_world(anchor);
        let one_turn = city.zoomed_by(anchor, -0.5);
        let moved = one_turn.world_to_screen(under_cursor).distance_to(anchor);
        assert!(moved < 1e-6, "moved {moved} px");
        let (widest, _) = wheel_out(DESKTOP, anchor, 0);
        let centre = crate::geo::projection::unproject(widest.center());
        assert!((45.0..=60.0).contains(&centre.lat), "the widest view is centred at {centre:?}");
    }

    #[test]
    fn a_sideways_drag_at_the_widest_zoom_never_moves_the_view_up_or_down() {
        for size in [DESKTOP, PHONE] {
            let (widest, _) = wheel_out(size, size.center(), 0);
            for dx in [-300.0, -40.0, 40.0, 300.0] {
                let dragged = widest.panned_by(ScreenOffset { dx, dy: 0.0 });
                assert_eq!(dragged.center().y, widest.center().y, "{size:?}: dragged by {dx}");
                assert_eq!(dragged.zoom(), widest.zoom());
            }
        }
    }

    #[test]
    fn a_map_hidden_and_shown_again_is_where_it_was() {
        // The list view hides the map (its size becomes 0 x 0); a hidden map has no widest view
        // to settle on, so nothing is drawn to the middle of Europe meanwhile.
        let view = Viewport::new(project(TAMPERE), Zoom::clamped(6.0), DESKTOP, map_limits());
        let back = view.resized(ScreenSize { width: 0.0, height: 0.0 }).resized(DESKTOP);
        assert_eq!(back, view);
    }
}
