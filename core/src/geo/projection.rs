//! Spherical Web Mercator (EPSG:3857), the projection of every common web map, so that our map
//! lines up with any optional raster tile layer and users' intuition from other maps.
//!
//! See <https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames> for the formulas. Positions are
//! projected to the unit square ([`WorldPoint`]); the viewport scales that to pixels per zoom level.

use std::f64::consts::PI;

use crate::geo::geometry::WorldPoint;
use crate::geo::latlng::LatLng;

/// The latitude at which Web Mercator's square world ends: `atan(sinh(π))` in degrees.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Projects a WGS84 position to the unit square. Latitudes beyond ±[`MAX_LATITUDE`] are clamped,
/// since the projection sends the poles to infinity.
pub fn project(p: LatLng) -> WorldPoint {
    let lat = p.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    // atanh(sin φ) is ln(tan φ + sec φ) with one trigonometric call instead of two: every
    // basemap point goes through here while the map loads.
    let y = (1.0 - lat.sin().atanh() / PI) / 2.0;
    WorldPoint { x, y }
}

/// The inverse of [`project`].
pub fn unproject(w: WorldPoint) -> LatLng {
    let lon = w.x * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * w.y)).sinh().atan().to_degrees();
    LatLng::lat_lon(lat, lon)
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;

    #[test]
    fn null_island_is_the_centre() {
        let w = project(LatLng::lat_lon(0.0, 0.0));
        assert_abs_diff_eq!(w.x, 0.5, epsilon = 1e-12);
        assert_abs_diff_eq!(w.y, 0.5, epsilon = 1e-12);
    }

    #[test]
    fn max_latitude_is_the_top_edge() {
        assert_abs_diff_eq!(project(LatLng::lat_lon(MAX_LATITUDE, -180.0)).y, 0.0, epsilon = 1e-12);
        assert_abs_diff_eq!(project(LatLng::lat_lon(-MAX_LATITUDE, 180.0)).x, 1.0, epsilon = 1e-12);
        // Beyond the limit the value is clamped, not infinite.
        assert_abs_diff_eq!(project(LatLng::lat_lon(90.0, 0.0)).y, 0.0, epsilon = 1e-12);
    }

    /// Helsinki in EPSG:3857 metres is (2 776 130, 8 437 662), from x = Rλ and y = R ln tan(π/4 + φ/2).
    #[test]
    fn helsinki_matches_epsg_3857_metres() {
        let half_world_m = 20_037_508.342_789_244;
        let w = project(LatLng::lat_lon(60.1699, 24.9384));
        let x_m = w.x * 2.0 * half_world_m - half_world_m;
        let y_m = half_world_m - w.y * 2.0 * half_world_m;
        assert_abs_diff_eq!(x_m, 2_776_130.0, epsilon = 1.0);
        assert_abs_diff_eq!(y_m, 8_437_662.0, epsilon = 1.0);
    }

    /// Slippy-map tile containing Tampere at zoom 10 is x=579, y=288 (OSM tile naming).
    #[test]
    fn tampere_falls_in_the_known_osm_tile() {
        let w = project(LatLng::lat_lon(61.4978, 23.7610));
        let n = 2f64.powi(10);
        assert_eq!(((w.x * n).floor(), (w.y * n).floor()), (579.0, 288.0));
    }

    #[test]
    fn project_unproject_round_trip() {
        for (lat, lon) in [(60.17, 24.94), (65.01, 25.47), (50.86, 6.84), (-33.9, 151.2)] {
            let back = unproject(project(LatLng::lat_lon(lat, lon)));
            assert_abs_diff_eq!(back.lat, lat, epsilon = 1e-9);
            assert_abs_diff_eq!(back.lon, lon, epsilon = 1e-9);
        }
    }
}
