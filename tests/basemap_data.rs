//! The committed basemap (data/basemap.geojson) is right where it matters: known land is land,
//! known sea is sea, and it covers the whole area the map can pan to. This caught a real bug: an
//! antimeridian edge from Chukotka once turned Lapland into sea.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use geojson::{GeoJson, GeometryValue};
use innomap::core::basemap::parse_basemap;
use innomap::core::dataset::MAP_AREA;

fn land_rings() -> Vec<Vec<(f64, f64)>> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/basemap.geojson")).unwrap();
    let GeoJson::FeatureCollection(collection) = text.parse::<GeoJson>().unwrap() else { panic!("not a collection") };
    let mut rings = Vec::new();
    for feature in collection.features {
        if feature.property("layer").and_then(|v| v.as_str()) != Some("land") {
            continue;
        }
        let Some(geometry) = feature.geometry else { continue };
        if let GeometryValue::MultiPolygon { coordinates } = geometry.value {
            for ring in coordinates.into_iter().flatten() {
                rings.push(ring.iter().map(|p| (p[0], p[1])).collect());
            }
        }
    }
    rings
}

/// Even-odd point in polygon over all rings, as the map fills them.
fn is_land(rings: &[Vec<(f64, f64)>], lon: f64, lat: f64) -> bool {
    let mut inside = false;
    for ring in rings {
        for i in 0..ring.len() {
            let (x1, y1) = ring[i];
            let (x2, y2) = ring[(i + ring.len() - 1) % ring.len()];
            if (y1 > lat) != (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1 {
                inside = !inside;
            }
        }
    }
    inside
}

#[test]
fn known_land_is_land() {
    let rings = land_rings();
    for (name, lat, lon) in [
        ("Inari, Lapland", 68.9, 27.0),
        ("Rovaniemi", 66.5, 25.7),
        ("Kuopio", 62.9, 27.7),
        ("Kiruna", 67.85, 20.2),
        ("Tromsø region", 69.3, 19.5),
        ("Tallinn region", 59.3, 24.9),
        ("Cologne", 50.9, 6.9),
        ("Iceland", 64.8, -18.5),
    ] {
        assert!(is_land(&rings, lon, lat), "{name} ({lat}, {lon}) should be land");
    }
}

#[test]
fn known_sea_is_sea() {
    let rings = land_rings();
    for (name, lat, lon) in [
        ("Bothnian Sea", 62.0, 19.5),
        ("Gulf of Finland", 59.9, 26.0),
        ("Baltic Proper", 56.5, 19.0),
        ("Norwegian Sea", 67.0, 5.0),
        ("North Sea", 56.0, 3.0),
    ] {
        assert!(!is_land(&rings, lon, lat), "{name} ({lat}, {lon}) should be sea");
    }
}

#[test]
fn land_reaches_every_edge_of_the_pan_area_and_parses_cleanly() {
    let rings = land_rings();
    let (mut west, mut south, mut east, mut north) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lon, lat) in rings.iter().flatten() {
        west = west.min(lon);
        east = east.max(lon);
        south = south.min(lat);
        north = north.max(lat);
    }
    assert!(west <= MAP_AREA.south_west.lon && east >= MAP_AREA.north_east.lon, "{west}..{east}");
    assert!(south <= MAP_AREA.south_west.lat && north >= MAP_AREA.north_east.lat, "{south}..{north}");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/basemap.geojson")).unwrap();
    let basemap = parse_basemap(&text).unwrap();
    assert!(basemap.problems.is_empty(), "{:?}", basemap.problems);
    assert!(basemap.land.len() > 10_000 && basemap.borders.len() > 1_000);
}
