//! `cargo xtask basemap`: derives data/basemap.geojson from Natural Earth 1:50m (public domain),
//! as packaged in the npm `world-atlas` package (TopoJSON), pinned by package-lock.json.
//!
//! Steps: decode the TopoJSON arcs; take the land polygons, and as borders every arc shared by two
//! different countries (so coastlines are not drawn twice); clip both to [`EXTENT`]; simplify with
//! Ramer-Douglas-Peucker; round to 3 decimals (about 100 m, finer than 1:50m detail). The output
//! is deterministic, and `cargo xtask test` checks that regenerating it changes nothing.
//!
//! TopoJSON decoding is done here (a few lines) rather than with the `topojson` crate because the
//! border mesh needs the arcs themselves, which that crate's GeoJSON conversion does not expose.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{BooleanOps, Coord, LineString, MultiLineString, MultiPolygon, Polygon, Rect, Simplify};
use serde_json::{json, Value};

use crate::{repo_root, step, tools, Outcome};

/// The area kept (west, south, east, north in degrees): Europe with its surroundings, wider than
/// the map's pan area (`core::dataset::MAP_AREA`) so zoomed-out views never show a cut edge there.
const EXTENT: (f64, f64, f64, f64) = (-75.0, 20.0, 90.0, 84.0);
/// RDP tolerance in degrees: about 1 km, the detail of the 1:50m source.
const SIMPLIFY_DEGREES: f64 = 0.01;
/// Coordinates are rounded to this many decimals.
const DECIMALS: i32 = 3;
const SOURCE: &str = "node_modules/world-atlas/countries-50m.json";
const OUTPUT: &str = "data/basemap.geojson";

/// Regenerates the basemap, or with `check` verifies the committed file is what the source gives.
pub fn command(check: bool) -> Outcome {
    let root = repo_root();
    if !root.join(SOURCE).exists() {
        tools::ensure_build_tools()?;
    }
    step(if check {
        "Checking that data/basemap.geojson regenerates identically"
    } else {
        "Regenerating data/basemap.geojson"
    });
    let generated = generate(&root.join(SOURCE))?;
    let output = root.join(OUTPUT);
    if check {
        let committed = std::fs::read_to_string(&output).map_err(|e| format!("cannot read {OUTPUT}: {e}"))?;
        return if committed == generated {
            println!("    {OUTPUT} is reproducible ({} bytes)", generated.len());
            Ok(())
        } else {
            Err(format!("{OUTPUT} differs from what `cargo xtask basemap` generates; regenerate and commit it"))
        };
    }
    std::fs::write(&output, &generated).map_err(|e| format!("cannot write {OUTPUT}: {e}"))?;
    println!("    wrote {OUTPUT} ({} bytes)", generated.len());
    Ok(())
}

/// The basemap GeoJSON text for a world-atlas TopoJSON file.
fn generate(source: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let topology: Value = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", source.display()))?;
    let arcs = decode_arcs(&topology)?;
    let extent = Rect::new(Coord { x: EXTENT.0, y: EXTENT.1 }, Coord { x: EXTENT.2, y: EXTENT.3 }).to_polygon();

    let land_geometries = topology["objects"]["land"]["geometries"].as_array().ok_or("no land object")?;
    let mut land = Vec::new();
    for geometry in land_geometries {
        land.extend(polygons(geometry, &arcs)?);
    }
    let land = MultiPolygon(land).intersection(&extent).simplify(SIMPLIFY_DEGREES);

    let borders = MultiLineString(shared_arcs(&topology, &arcs)?);
    let borders = extent.clip(&borders, false).simplify(SIMPLIFY_DEGREES);

    let land_coordinates: Vec<Value> = land
        .0
        .iter()
        .filter(|p| p.exterior().0.len() >= 4)
        .map(|p| {
            let rings = std::iter::once(p.exterior()).chain(p.interiors()).filter(|r| r.0.len() >= 4);
            Value::Array(rings.map(line_json).collect())
        })
        .collect();
    let border_coordinates: Vec<Value> = borders.0.iter().filter(|l| l.0.len() >= 2).map(line_json).collect();
    let features = [
        json!({"type": "Feature", "properties": {"layer": "land"}, "geometry": {"type": "MultiPolygon", "coordinates": land_coordinates}}),
        json!({"type": "Feature", "properties": {"layer": "border"}, "geometry": {"type": "MultiLineString", "coordinates": border_coordinates}}),
    ];
    let lines: Vec<String> = features.iter().map(Value::to_string).collect();
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\
         \"attribution\":\"Made with Natural Earth (public domain), 1:50m, via the npm package world-atlas\",\
         \"generator\":\"cargo xtask basemap\",\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    ))
}

fn line_json(line: &LineString<f64>) -> Value {
    let scale = 10f64.powi(DECIMALS);
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
/// simple planar shape; the clip to [`EXTENT`] then removes the far side.
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
    fn a_dangling_arc_index_is_an_error_not_a_panic() {
        let arcs = decode_arcs(&two_countries()).unwrap();
        assert!(ring(&json!([7]), &arcs).unwrap_err().contains("arc 7 does not exist"));
    }
}
