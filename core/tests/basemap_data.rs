//! The committed basemap files (data/basemap.geojson with the coarse and medium levels,
//! data/basemap-detail.geojson with the detailed one) are right where it matters, at every level
//! of detail: known land is land, known sea is sea, and each level covers the whole area the map
//! can pan to at its zooms. This caught a real bug: an antimeridian edge from Chukotka once turned
//! Lapland into sea.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use geojson::{GeoJson, GeometryValue};
use innomap_core::layers::basemap::{parse_basemap, Detail};
use innomap_core::map_data::{BASEMAP_DETAIL_URL, BASEMAP_URL};
use innomap_core::view::map_area::{BASEMAP_AREA, MAP_AREA};

fn read(url: &str) -> String {
    std::fs::read_to_string(format!("{}/{url}", concat!(env!("CARGO_MANIFEST_DIR"), "/.."))).unwrap()
}

/// The file each level ships in.
fn file_of(detail: Detail) -> &'static str {
    match detail {
        Detail::Coarse | Detail::Medium => BASEMAP_URL,
        Detail::Detailed => BASEMAP_DETAIL_URL,
    }
}

fn land_rings(detail: Detail) -> Vec<Vec<(f64, f64)>> {
    let text = read(file_of(detail));
    let GeoJson::FeatureCollection(collection) = text.parse::<GeoJson>().unwrap() else { panic!("not a collection") };
    let mut rings = Vec::new();
    for feature in collection.features {
        if feature.property("layer").and_then(|v| v.as_str()) != Some("land")
            || feature.property("detail").and_then(|v| v.as_str()) != Some(detail.code())
        {
            continue;
        }
        let Some(geometry) = feature.geometry else { continue };
        if let GeometryValue::MultiPolygon { coordinates } = geometry.value {
            for ring in coordinates.into_iter().flatten() {
                rings.push(ring.iter().map(|p| (p[0], p[1])).collect());
            }
        }
    }
    assert!(!rings.is_empty(), "{detail:?} has land");
    rings
}

/// The west, south, east and north edges of the land at `detail`, in degrees.
fn land_extent(detail: Detail) -> (f64, f64, f64, f64) {
    let rings = land_rings(detail);
    let (mut west, mut south, mut east, mut north) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lon, lat) in rings.iter().flatten() {
        west = west.min(lon);
        east = east.max(lon);
        south = south.min(lat);
        north = north.max(lat);
    }
    (west, south, east, north)
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
fn known_land_is_land_at_every_level() {
    for detail in Detail::ALL {
        let rings = land_rings(detail);
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
            assert!(is_land(&rings, lon, lat), "{name} ({lat}, {lon}) should be land at {detail:?}");
        }
    }
}

#[test]
fn known_sea_is_sea_at_every_level() {
    for detail in Detail::ALL {
        let rings = land_rings(detail);
        for (name, lat, lon) in [
            ("Bothnian Sea", 62.0, 19.5),
            ("Gulf of Finland", 59.9, 26.0),
            ("Baltic Proper", 56.5, 19.0),
            ("Norwegian Sea", 67.0, 5.0),
            ("North Sea", 56.0, 3.0),
        ] {
            assert!(!is_land(&rings, lon, lat), "{name} ({lat}, {lon}) should be sea at {detail:?}");
        }
    }
}

#[test]
fn finer_levels_have_more_detail_where_it_shows() {
    // Points of land within the Finnish coast's box: each level must add detail.
    let points = |detail| {
        land_rings(detail)
            .iter()
            .flatten()
            .filter(|(lon, lat)| (20.0..30.0).contains(lon) && (59.5..66.0).contains(lat))
            .count()
    };
    let (coarse, medium, detailed) = (points(Detail::Coarse), points(Detail::Medium), points(Detail::Detailed));
    assert!(coarse * 2 < medium && medium * 2 < detailed, "{coarse} < {medium} < {detailed} points");
}

#[test]
fn every_level_reaches_every_edge_of_the_pan_area_and_parses_cleanly() {
    for detail in Detail::ALL {
        let (west, south, east, north) = land_extent(detail);
        assert!(west <= MAP_AREA.south_west.lon && east >= MAP_AREA.north_east.lon, "{detail:?}: {west}..{east}");
        assert!(south <= MAP_AREA.south_west.lat && north >= MAP_AREA.north_east.lat, "{detail:?}: {south}..{north}");
    }
    let first = parse_basemap(&read(BASEMAP_URL)).unwrap();
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert!(first.has(Detail::Coarse) && first.has(Detail::Medium) && !first.has(Detail::Detailed));
    let detail = parse_basemap(&read(BASEMAP_DETAIL_URL)).unwrap();
    assert!(detail.problems.is_empty(), "{:?}", detail.problems);
    assert!(detail.has(Detail::Detailed) && !detail.has(Detail::Medium));
    for level in Detail::ALL {
        let file = if level == Detail::Detailed { &detail } else { &first };
        let (land, borders) = file.paths(level);
        assert!(land.len() > 10_000 && borders.len() > 1_000, "{level:?}");
    }
}

/// The view never goes beyond `BASEMAP_AREA`; the zoomed-out (coarse) land must reach its west,
/// south and east edges, or a zoomed-out view would show sea where land was cut off. (Beyond its
/// north edge is the Arctic Ocean, which the page's sea colour already shows.)
#[test]
fn the_zoomed_out_land_fills_the_area_the_view_is_kept_in() {
    let (west, south, east, north) = land_extent(Detail::Coarse);
    let area = BASEMAP_AREA;
    let near = |a: f64, b: f64| (a - b).abs() < 0.05;
    assert!(near(west, area.south_west.lon) && near(east, area.north_east.lon), "land {west}..{east}");
    assert!(near(south, area.south_west.lat) && north <= area.north_east.lat, "land {south}..{north}");
}

#[test]
fn the_first_load_stays_small() {
    // The detailed level is fetched only on zooming in; the first file must not grow unnoticed.
    // (Raw bytes; brotli makes it about a fifth: `cargo xtask basemap` prints both.)
    let first = read(BASEMAP_URL).len();
    assert!(first < 450_000, "data/basemap.geojson is {first} bytes");
}

#[test]
fn finlands_large_lakes_are_water_at_every_level() {
    use innomap_core::geo::latlng::LatLng;
    use innomap_core::geo::projection::project;
    // The Finnish Lakeland and the north: Saimaa, Päijänne, Pielinen, Oulujärvi, Inari.
    let area = (project(LatLng::lat_lon(69.5, 21.0)), project(LatLng::lat_lon(60.5, 31.5)));
    let first = parse_basemap(&read(BASEMAP_URL)).unwrap();
    let detail = parse_basemap(&read(BASEMAP_DETAIL_URL)).unwrap();
    for (level, least) in [(Detail::Coarse, 3), (Detail::Medium, 8), (Detail::Detailed, 8)] {
        let file = if level == Detail::Detailed { &detail } else { &first };
        let lakes = file.lakes_within(level, area);
        let rings = lakes.matches('M').count();
        assert!(rings >= least, "{level:?}: {rings} lake rings in Finland");
        // Each ring is closed: lakes are areas, not lines.
        assert_eq!(lakes.matches('z').count(), rings, "{level:?}");
    }
    // Far from any lake of the source (the open Atlantic), none.
    let atlantic = (project(LatLng::lat_lon(50.0, -25.0)), project(LatLng::lat_lon(45.0, -20.0)));
    assert!(first.lakes_within(Detail::Medium, atlantic).is_empty());
}
