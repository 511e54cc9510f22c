//! The basemap: land and country borders, read from the GeoJSON that `cargo xtask basemap` derives
//! from Natural Earth, and turned once into SVG path data in projected path units.
//!
//! Paths are built once per load; panning and zooming only change one transform (see
//! [`Viewport::path_transform`]), so the browser never receives new geometry during a gesture.

use std::fmt::Write;

use geojson::{GeometryValue, Position};

use super::error::{DataError, FeatureRef, Problem, ProblemKind, Severity};
use super::geo::LatLng;
use super::projection::project;
use super::reader::{describe_json, geometry_of, read_feature_array};
use super::viewport::Viewport;

/// SVG path data for each basemap layer, in path units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    /// Filled land areas (closed rings).
    pub land: String,
    /// Borders between countries (open lines).
    pub borders: String,
    /// Features that could not be drawn.
    pub problems: Vec<Problem>,
}

/// Reads basemap GeoJSON: features with `"layer": "land"` (Polygon or MultiPolygon) and
/// `"layer": "border"` (LineString or MultiLineString). Other layers are ignored, so the file can
/// grow (labels, lakes) without breaking older builds.
pub fn parse_basemap(text: &str) -> Result<Basemap, DataError> {
    let mut basemap = Basemap::default();
    let features = read_feature_array(text, &mut basemap.problems)?;
    for (index, feature) in features.iter().enumerate() {
        let feature = feature.as_object();
        let properties = feature.and_then(|f| f.get("properties")).and_then(|p| p.as_object());
        let layer = properties.and_then(|p| p.get("layer")).and_then(|l| l.as_str());
        let target = match layer {
            Some("land") => &mut basemap.land,
            Some("border") => &mut basemap.borders,
            _ => continue,
        };
        let geometry_value = feature.and_then(|f| f.get("geometry"));
        let geometry = geometry_value.map(geometry_of);
        match geometry {
            Some(Ok(geometry)) => append_geometry(target, &geometry.value),
            _ => basemap.problems.push(Problem {
                feature: Some(FeatureRef { index, id: None }),
                field: "geometry".to_owned(),
                kind: ProblemKind::WrongValue {
                    found: geometry_value.map_or_else(|| "nothing".to_owned(), describe_json),
                    expected: "a GeoJSON geometry",
                },
                severity: Severity::Error,
            }),
        }
    }
    Ok(basemap)
}

fn append_geometry(path: &mut String, geometry: &GeometryValue) {
    match geometry {
        GeometryValue::LineString { coordinates } => append_ring(path, coordinates, false),
        GeometryValue::MultiLineString { coordinates } => {
            coordinates.iter().for_each(|line| append_ring(path, line, false));
        }
        GeometryValue::Polygon { coordinates } => coordinates.iter().for_each(|ring| append_ring(path, ring, true)),
        GeometryValue::MultiPolygon { coordinates } => {
            coordinates.iter().flatten().for_each(|ring| append_ring(path, ring, true));
        }
        GeometryValue::GeometryCollection { geometries } => {
            geometries.iter().for_each(|g| append_geometry(path, &g.value));
        }
        GeometryValue::Point { .. } | GeometryValue::MultiPoint { .. } => {}
    }
}

/// Appends one line or ring as `M x y l dx dy …`, in tenths of a path unit. Deltas are taken
/// between already-rounded points, so rounding never accumulates along a long coastline.
fn append_ring(path: &mut String, positions: &[Position], closed: bool) {
    let mut previous: Option<(i64, i64)> = None;
    for position in positions {
        let &[lon, lat, ..] = position.as_slice() else { continue };
        let location = LatLng::lon_lat(lon, lat);
        if !location.is_valid() {
            continue;
        }
        let w = project(location);
        let point = (
            (w.x * Viewport::path_units() * 10.0).round() as i64,
            (w.y * Viewport::path_units() * 10.0).round() as i64,
        );
        // Writing to a String cannot fail; the results are ignored on purpose.
        let _ = match previous {
            None => write!(path, "M{} {}", Tenths(point.0), Tenths(point.1)),
            Some(p) if p == point => Ok(()),
            Some(p) => write!(path, "l{} {}", Tenths(point.0 - p.0), Tenths(point.1 - p.1)),
        };
        previous = Some(point);
    }
    if closed && previous.is_some() {
        path.push('z');
    }
}

/// A number of tenths written as a short decimal: 1234 → "123.4", -5 → "-0.5", 20 → "2".
struct Tenths(i64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        match abs % 10 {
            0 => write!(f, "{sign}{}", abs / 10),
            d => write!(f, "{sign}{}.{d}", abs / 10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_are_short() {
        assert_eq!(Tenths(1234).to_string(), "123.4");
        assert_eq!(Tenths(-5).to_string(), "-0.5");
        assert_eq!(Tenths(20).to_string(), "2");
        assert_eq!(Tenths(0).to_string(), "0");
    }

    #[test]
    fn land_becomes_closed_relative_paths_and_borders_open_ones() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"layer":"land"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
          {"type":"Feature","properties":{"layer":"border"},"geometry":{"type":"LineString","coordinates":[[0,0],[0,1]]}},
          {"type":"Feature","properties":{"layer":"label"},"geometry":{"type":"Point","coordinates":[0,0]}}
        ]}"#;
        let b = parse_basemap(text).unwrap();
        // (0°, 0°) is the middle of the world: half of 65536 path units.
        assert!(b.land.starts_with("M32768 32768l182"), "{}", b.land);
        assert!(b.land.ends_with('z'));
        assert!(b.borders.starts_with("M32768 32768l0 -182"), "{}", b.borders);
        assert!(!b.borders.ends_with('z'));
        assert!(b.problems.is_empty());
    }

    #[test]
    fn a_bad_geometry_is_reported_and_others_still_draw() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"layer":"land"},"geometry":{"type":"Polygon","coordinates":"oops"}},
          {"type":"Feature","properties":{"layer":"border"},"geometry":{"type":"LineString","coordinates":[[0,0],[0,1],[999,1]]}}
        ]}"#;
        let b = parse_basemap(text).unwrap();
        assert_eq!(b.problems.len(), 1);
        assert_eq!(b.problems[0].feature.as_ref().map(|f| f.index), Some(0));
        assert!(b.land.is_empty());
        assert_eq!(b.borders.matches('l').count(), 1, "the out-of-range point is skipped");
    }
}
