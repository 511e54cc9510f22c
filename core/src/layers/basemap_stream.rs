//! The fast path for reading a basemap file: coordinates are projected as they are parsed, with no
//! JSON tree and no `geojson` geometry in between.
//!
//! A basemap file is a few features with very long coordinate lists (the detailed land is one
//! MultiPolygon of the whole map). Read as a tree, it was held three times over (a JSON tree, a
//! `serde_json::Value` copy for `geojson`, then `geojson`'s nested vectors), which took tens of
//! milliseconds and most of the WebAssembly memory the app ever reserves. Here each position
//! becomes one pair of integers on the way in.
//!
//! Only well-formed files are read this way. On anything unusual (a missing or null geometry,
//! a geometry collection, coordinates nested wrongly for their type, a position with fewer than
//! two numbers) [`stream_basemap`] gives up, and `parse_basemap` reads the file as a tree, which
//! reports each problem with its feature and keeps the rest.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::geo::latlng::LatLng;
use crate::geo::projection::project;
use crate::view::viewport::Viewport;

/// A position in tenths of a path unit: the precision the basemap's path data is written in.
/// Whole tenths of a path unit fit an `i32` (the world is 655,360 tenths wide), so a point takes
/// 8 bytes: the detailed level holds tens of thousands of them.
pub(super) type Tenths = (i32, i32);

/// Projects a longitude and latitude to [`Tenths`]; `None` if they are not a valid position.
pub(super) fn project_to_tenths(lon: f64, lat: f64) -> Option<Tenths> {
    let location = LatLng::lon_lat(lon, lat);
    if !location.is_valid() {
        return None;
    }
    let w = project(location);
    let scale = Viewport::path_units() * 10.0;
    // Ties to even: one WebAssembly instruction (`f64.nearest`), where `round` is a call into a
    // software routine for every coordinate of the basemap (about 4 ms of a cold load in a CPU
    // profile). The two differ only at an exact half, which a projected point does not land on.
    Some(((w.x * scale).round_ties_even() as i32, (w.y * scale).round_ties_even() as i32))
}

/// The lines (or rings) of one feature, projected: every point in order, and where each line
/// begins in `points`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ProjectedLines {
    pub points: Vec<Tenths>,
    pub starts: Vec<usize>,
}

impl ProjectedLines {
    /// Makes room for `points` more points in `starts` more lines.
    pub fn reserve(&mut self, (points, starts): (usize, usize)) {
        self.points.reserve_exact(points);
        self.starts.reserve_exact(starts);
    }

    /// Appends the lines of `other`.
    pub fn extend(&mut self, other: ProjectedLines) {
        let offset = self.points.len();
        self.points.extend(other.points);
        self.starts.extend(other.starts.into_iter().map(|start| start + offset));
    }

    /// Each line's points, in order.
    pub fn lines(&self) -> impl Iterator<Item = &[Tenths]> {
        let ends = self.starts.iter().skip(1).copied().chain([self.points.len()]);
        self.starts.iter().zip(ends).map(|(&start, end)| &self.points[start..end])
    }
}

/// One streamed feature: its `layer` and `detail` properties (`None` when absent, or when not a
/// string for `layer`) and its geometry.
#[derive(Debug, PartialEq)]
pub(super) struct StreamedFeature {
    pub layer: Option<String>,
    pub detail: Detail,
    pub lines: ProjectedLines,
}

/// The `detail` property as written.
#[derive(Debug, PartialEq)]
pub(super) enum Detail {
    Absent,
    Code(String),
    NotText,
}

/// Reads a whole basemap text, or `None` if it is not a plainly well-formed one.
pub(super) fn stream_basemap(text: &str) -> Option<Vec<StreamedFeature>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let features = deserializer.deserialize_map(RootVisitor).ok()?;
    deserializer.end().ok()?;
    Some(features)
}

struct RootVisitor;

impl<'de> Visitor<'de> for RootVisitor {
    type Value = Vec<StreamedFeature>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a FeatureCollection object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut features = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            if key == "features" {
                if features.is_some() {
                    return Err(de::Error::duplicate_field("features"));
                }
                features = Some(map.next_value_seed(FeaturesSeed)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        features.ok_or_else(|| de::Error::missing_field("features"))
    }
}

struct FeaturesSeed;

impl<'de> DeserializeSeed<'de> for FeaturesSeed {
    type Value = Vec<StreamedFeature>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed {
    type Value = Vec<StreamedFeature>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut features = Vec::new();
        while let Some(feature) = seq.next_element_seed(FeatureSeed)? {
            features.push(feature);
        }
        Ok(features)
    }
}

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = StreamedFeature;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = StreamedFeature;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a feature object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut properties = None;
        let mut lines = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "properties" if properties.is_none() => properties = Some(map.next_value_seed(PropertiesSeed)?),
                "geometry" if lines.is_none() => lines = Some(map.next_value_seed(GeometrySeed)?),
                "properties" | "geometry" => return Err(de::Error::custom("a member given twice")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let (layer, detail) = properties.unwrap_or((None, Detail::Absent));
        let lines = lines.ok_or_else(|| de::Error::missing_field("geometry"))?;
        Ok(StreamedFeature { layer, detail, lines })
    }
}

/// Reads `layer` and `detail` from `properties` (which may be null) and skips the rest.
struct PropertiesSeed;

impl<'de> DeserializeSeed<'de> for PropertiesSeed {
    type Value = (Option<String>, Detail);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = (Option<String>, Detail);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((None, Detail::Absent))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut layer, mut detail) = (None, Detail::Absent);
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "layer" => layer = map.next_value::<serde_json::Value>()?.as_str().map(str::to_owned),
                "detail" => {
                    detail = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::String(code) => Detail::Code(code),
                        _ => Detail::NotText,
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((layer, detail))
    }
}

/// Reads a geometry object into [`ProjectedLines`], checking that its coordinates are nested as
/// its type says.
struct GeometrySeed;

impl<'de> DeserializeSeed<'de> for GeometrySeed {
    type Value = ProjectedLines;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed {
    type Value = ProjectedLines;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a geometry object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut lines = ProjectedLines::default();
        let mut kind = None;
        let mut nesting = None;
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "type" if kind.is_none() => kind = Some(map.next_value::<String>()?),
                "coordinates" if nesting.is_none() => {
                    nesting = Some(map.next_value_seed(CoordinatesSeed { out: &mut lines })?)
                }
                "type" | "coordinates" => return Err(de::Error::custom("a member given twice")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let expected = match kind.as_deref() {
            Some("Point") => 1,
            Some("MultiPoint" | "LineString") => 2,
            Some("MultiLineString" | "Polygon") => 3,
            Some("MultiPolygon") => 4,
            _ => return Err(de::Error::custom("not a simple geometry")),
        };
        let fits = match nesting {
            Some(Nesting::Empty) => true,
            Some(Nesting::Lists(depth)) => depth == expected,
            _ => false,
        };
        if !fits {
            return Err(de::Error::custom("coordinates do not match the geometry type"));
        }
        // Points are read (to check them) but no layer draws them.
        let points_only = matches!(kind.as_deref(), Some("Point" | "MultiPoint"));
        Ok(if points_only { ProjectedLines::default() } else { lines })
    }
}

/// What one element of a coordinate list turned out to be.
#[derive(Clone, Copy, Debug)]
enum Nesting {
    /// A number (a coordinate of a position).
    Number(f64),
    /// An empty list, which fits any depth.
    Empty,
    /// A list this many levels deep: 1 for a position, 2 for a line or ring, and so on.
    Lists(u8),
}

/// The shape shared by the elements of one list so far: all numbers, or all lists of one depth
/// (empty lists fit any depth).
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Numbers,
    Lists(u8),
}

/// Reads a coordinate list of any depth, appending each position to `out` as it completes and
/// starting a new line for every list of positions.
struct CoordinatesSeed<'o> {
    out: &'o mut ProjectedLines,
}

impl<'de> DeserializeSeed<'de> for CoordinatesSeed<'_> {
    type Value = Nesting;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CoordinatesSeed<'_> {
    type Value = Nesting;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("numbers or lists of them")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Nesting, E> {
        Ok(Nesting::Number(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Nesting, E> {
        Ok(Nesting::Number(value as f64))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Nesting, E> {
        Ok(Nesting::Number(value as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nesting, A::Error> {
        let out = self.out;
        let start = out.points.len();
        let mut shape = None;
        let mut numbers = [0.0; 2];
        let mut count = 0;
        while let Some(element) = seq.next_element_seed(CoordinatesSeed { out: &mut *out })? {
            let element_shape = match element {
                Nesting::Number(value) => {
                    if let Some(slot) = numbers.get_mut(count) {
                        *slot = value;
                    }
                    count += 1;
                    Shape::Numbers
                }
                Nesting::Empty if shape == Some(Shape::Numbers) => return Err(de::Error::custom("mixed nesting")),
                Nesting::Empty => continue,
                Nesting::Lists(depth) => Shape::Lists(depth),
            };
            if shape.is_some_and(|s| s != element_shape) {
                return Err(de::Error::custom("mixed nesting"));
            }
            shape = Some(element_shape);
        }
        match shape {
            None => Ok(Nesting::Empty),
            Some(Shape::Numbers) if count >= 2 => {
                let [lon, lat] = numbers;
                out.points.extend(project_to_tenths(lon, lat));
                Ok(Nesting::Lists(1))
            }
            Some(Shape::Numbers) => Err(de::Error::custom("a position needs two numbers")),
            Some(Shape::Lists(1)) => {
                out.starts.push(start);
                Ok(Nesting::Lists(2))
            }
            Some(Shape::Lists(depth)) => Ok(Nesting::Lists(depth.saturating_add(1))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position of the bundled basemap files.
    fn bundled_positions() -> Vec<(f64, f64)> {
        fn walk(value: &serde_json::Value, out: &mut Vec<(f64, f64)>) {
            match value {
                serde_json::Value::Array(items) => match (items.first(), items.get(1)) {
                    (Some(serde_json::Value::Number(lon)), Some(serde_json::Value::Number(lat))) => {
                        out.push((lon.as_f64().unwrap(), lat.as_f64().unwrap()));
                    }
                    _ => items.iter().for_each(|item| walk(item, out)),
                },
                serde_json::Value::Object(members) => members.values().for_each(|member| walk(member, out)),
                _ => {}
            }
        }
        let mut positions = Vec::new();
        for file in ["data/basemap.geojson", "data/basemap-detail.geojson"] {
            let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(file);
            let text = std::fs::read_to_string(path).unwrap();
            walk(&serde_json::from_str(&text).unwrap(), &mut positions);
        }
        positions
    }

    #[test]
    fn ties_to_even_gives_every_bundled_point_the_tenths_that_rounding_half_away_gives() {
        let positions = bundled_positions();
        assert!(positions.len() > 50_000, "{} positions", positions.len());
        let scale = Viewport::path_units() * 10.0;
        for (lon, lat) in positions {
            let w = project(LatLng::lon_lat(lon, lat));
            let half_away = ((w.x * scale).round() as i32, (w.y * scale).round() as i32);
            assert_eq!(project_to_tenths(lon, lat), Some(half_away), "{lon}, {lat}");
        }
    }
}
