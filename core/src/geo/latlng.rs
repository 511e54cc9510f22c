//! Geographic coordinates (WGS84 degrees), the way a person or a GeoJSON file states them.
//!
//! Constructors name their argument order (`lat_lon`, `lon_lat`) because GeoJSON writes longitude
//! first and people write latitude first; mixing them up silently moves Kokkola to the Arctic Ocean.

/// A WGS84 position in decimal degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLng {
    /// Latitude, north positive, in `-90..=90`.
    pub lat: f64,
    /// Longitude, east positive, in `-180..=180`.
    pub lon: f64,
}

impl LatLng {
    /// A position from latitude then longitude (the order people write).
    pub const fn lat_lon(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// A position from longitude then latitude (the order GeoJSON writes).
    pub const fn lon_lat(lon: f64, lat: f64) -> Self {
        Self { lat, lon }
    }

    /// Whether both values are finite and inside the valid degree ranges.
    pub fn is_valid(self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
    }
}

/// A latitude/longitude rectangle (no antimeridian crossing: our data stays in Europe).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLngBounds {
    /// South-west corner.
    pub south_west: LatLng,
    /// North-east corner.
    pub north_east: LatLng,
}

impl LatLngBounds {
    /// The smallest rectangle holding every position, or `None` for no positions.
    pub fn around(positions: impl IntoIterator<Item = LatLng>) -> Option<Self> {
        positions.into_iter().fold(None, |bounds, p| {
            Some(match bounds {
                None => Self { south_west: p, north_east: p },
                Some(b) => b.extended_by(p),
            })
        })
    }

    /// This rectangle grown to hold `p`.
    pub fn extended_by(self, p: LatLng) -> Self {
        Self {
            south_west: LatLng::lat_lon(self.south_west.lat.min(p.lat), self.south_west.lon.min(p.lon)),
            north_east: LatLng::lat_lon(self.north_east.lat.max(p.lat), self.north_east.lon.max(p.lon)),
        }
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(self, p: LatLng) -> bool {
        (self.south_west.lat..=self.north_east.lat).contains(&p.lat)
            && (self.south_west.lon..=self.north_east.lon).contains(&p.lon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_name_the_argument_order() {
        assert_eq!(LatLng::lat_lon(63.8, 23.1), LatLng::lon_lat(23.1, 63.8));
    }

    #[test]
    fn validity_rejects_out_of_range_and_nan() {
        assert!(LatLng::lat_lon(60.17, 24.94).is_valid());
        assert!(!LatLng::lat_lon(91.0, 0.0).is_valid());
        assert!(!LatLng::lat_lon(0.0, -180.5).is_valid());
        assert!(!LatLng::lat_lon(f64::NAN, 0.0).is_valid());
    }

    #[test]
    fn bounds_around_positions() {
        let b = LatLngBounds::around([LatLng::lat_lon(60.0, 25.0), LatLng::lat_lon(65.0, 21.0)]);
        let b = b.unwrap();
        assert_eq!(b.south_west, LatLng::lat_lon(60.0, 21.0));
        assert_eq!(b.north_east, LatLng::lat_lon(65.0, 25.0));
        assert!(b.contains(LatLng::lat_lon(62.0, 23.0)));
        assert!(!b.contains(LatLng::lat_lon(66.0, 23.0)));
        assert_eq!(LatLngBounds::around([]), None);
    }
}
