//! The basemap: land and country borders, read from the GeoJSON that `cargo xtask basemap` derives
//! from Natural Earth, projected once into tenths of a path unit and turned into SVG path data
//! for each picture the map draws.
//!
//! The basemap comes in levels of detail ([`Detail`]), each simplified to about a pixel at the
//! zooms it is drawn at; [`Detail::for_zoom`] is the one rule that says which level a zoom wants,
//! and [`Basemap::drawn_detail`] which level to draw with what has been loaded so far (the
//! detailed level is a second file, fetched on first need).
//!
//! A picture gets only the lines inside its area ([`Basemap::paths_within`], clipped by
//! `core::geo::clip`): the browser's cost of drawing a path grows with all of its points, wherever
//! they are. Between redraws, panning and zooming only move the picture (see
//! [`Viewport::offset_from`]).

use geojson::{GeometryValue, Position};

use crate::data::envelope::{describe_json, geometry_of, prepare, read_feature_array};
use crate::data::error::{DataError, FeatureRef, Problem, ProblemKind, Severity};
use crate::geo::clip::{clip_line, clip_ring, Point, Rect};
use crate::geo::geometry::WorldPoint;
use crate::layers::basemap_stream::{
    project_to_tenths, stream_basemap, Detail as StreamedDetail, ProjectedLines, StreamedFeature, Tenths,
};
use crate::view::viewport::{Viewport, Zoom};

/// How far beyond a picture's edges the basemap is clipped, in CSS pixels, so that land cut
/// there is not outlined where it could be seen: the live map and the map image alike.
pub const CLIP_BEYOND_PX: f64 = 8.0;

/// How wide coasts and borders are drawn, in CSS pixels on screen: the live map and the map
/// image alike. Set in path units at each drawing (this divided by the path transform's scale),
/// which is cheaper for the browser than `vector-effect: non-scaling-stroke`.
pub const LINE_WIDTH_PX: f64 = 0.8;

/// A level of detail of the basemap. The zoom ranges match the tolerances `cargo xtask basemap`
/// simplifies with (xtask/src/basemap.rs, `LEVELS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Detail {
    /// Europe and its surroundings, for zooms below [`Detail::MEDIUM_FROM`].
    Coarse = 0,
    /// Countries and regions, from [`Detail::MEDIUM_FROM`] to [`Detail::DETAILED_FROM`].
    Medium = 1,
    /// Regions and cities (1:10m source), from [`Detail::DETAILED_FROM`]; a separate file.
    Detailed = 2,
}

impl Detail {
    /// Every level, coarsest first.
    pub const ALL: [Detail; 3] = [Detail::Coarse, Detail::Medium, Detail::Detailed];
    /// The zoom from which the medium level is drawn.
    pub const MEDIUM_FROM: f64 = 5.0;
    /// The zoom from which the detailed level is drawn (and its file fetched).
    pub const DETAILED_FROM: f64 = 7.0;

    /// The level of detail that fits `zoom`.
    pub fn for_zoom(zoom: Zoom) -> Self {
        let z = zoom.value();
        if z >= Self::DETAILED_FROM {
            Self::Detailed
        } else if z >= Self::MEDIUM_FROM {
            Self::Medium
        } else {
            Self::Coarse
        }
    }

    /// The `detail` property of the level's features in the basemap files.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Coarse => "coarse",
            Self::Medium => "medium",
            Self::Detailed => "detailed",
        }
    }

    /// The level named by a `detail` property.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// The basemap's lines and rings for each layer and level of detail, projected to tenths of a
/// path unit; [`Basemap::paths_within`] turns the part a picture shows into SVG path data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    /// Filled land areas (closed rings), one set per [`Detail`] (indexed by level, coarsest
    /// first); empty for a level the file does not have.
    land: [ProjectedLines; 3],
    /// Borders between countries (open lines), one set per [`Detail`], like `land`.
    borders: [ProjectedLines; 3],
    /// Lakes (closed rings, drawn as water over the land), one set per [`Detail`], like `land`.
    lakes: [ProjectedLines; 3],
    /// Features that could not be drawn.
    pub problems: Vec<Problem>,
}

impl Basemap {
    /// Whether this basemap has land at `detail`.
    pub fn has(&self, detail: Detail) -> bool {
        !self.land[detail.index()].points.is_empty()
    }

    /// The land and border path data of `detail`, whole (empty strings if the level is missing).
    pub fn paths(&self, detail: Detail) -> (String, String) {
        let everything = Rect { min_x: f64::MIN, min_y: f64::MIN, max_x: f64::MAX, max_y: f64::MAX };
        self.paths_in(detail, &everything)
    }

    /// The land and border path data of `detail` for a picture of the world between `area`'s
    /// north-west and south-east corners: only what lies inside, so the browser never walks the
    /// rest of the coastline. Land cut at the edge is closed along it, so `area` should reach a
    /// little beyond what is shown.
    pub fn paths_within(&self, detail: Detail, area: (WorldPoint, WorldPoint)) -> (String, String) {
        self.paths_in(detail, &tenths_rect(area))
    }

    /// The lakes' path data of `detail` for a picture of `area`, like
    /// [`paths_within`](Self::paths_within).
    pub fn lakes_within(&self, detail: Detail, area: (WorldPoint, WorldPoint)) -> String {
        path_of(&self.lakes[detail.index()], true, &tenths_rect(area))
    }

    fn paths_in(&self, detail: Detail, rect: &Rect) -> (String, String) {
        (path_of(&self.land[detail.index()], true, rect), path_of(&self.borders[detail.index()], false, rect))
    }

    /// The level to draw at `zoom`: the one that fits, or while that is not loaded (or failed to
    /// load) the nearest loaded level, finer ones first if none is coarser. Coarse if nothing is
    /// loaded, which draws nothing.
    pub fn drawn_detail(&self, zoom: Zoom) -> Detail {
        let wanted = Detail::for_zoom(zoom);
        let coarser = Detail::ALL.into_iter().rev().filter(|&d| d <= wanted).find(|&d| self.has(d));
        let finer = || Detail::ALL.into_iter().filter(|&d| d > wanted).find(|&d| self.has(d));
        coarser.or_else(finer).unwrap_or(wanted)
    }

    /// Whether `zoom` wants a level this basemap does not have yet (the app then fetches it).
    pub fn lacks_detail_for(&self, zoom: Zoom) -> bool {
        !self.has(Detail::for_zoom(zoom))
    }

    /// This basemap with the levels of `other` added (a level present in both keeps `other`'s),
    /// and its problems appended.
    pub fn merged(mut self, other: Basemap) -> Self {
        let Basemap { land, borders, lakes, problems } = other;
        for (index, ((land, borders), lakes)) in land.into_iter().zip(borders).zip(lakes).enumerate() {
            if !land.points.is_empty() {
                self.land[index] = land;
                self.borders[index] = borders;
                self.lakes[index] = lakes;
            }
        }
        self.problems.extend(problems);
        self
    }
}

/// A picture's area (north-west and south-east corners) in tenths of a path unit.
fn tenths_rect((north_west, south_east): (WorldPoint, WorldPoint)) -> Rect {
    let tenths = Viewport::path_units() * 10.0;
    Rect {
        min_x: north_west.x * tenths,
        min_y: north_west.y * tenths,
        max_x: south_east.x * tenths,
        max_y: south_east.y * tenths,
    }
}

/// The path data of the parts of `lines` (rings if `closed`) inside `rect`.
fn path_of(lines: &ProjectedLines, closed: bool, rect: &Rect) -> String {
    let mut path = String::new();
    for line in lines.lines() {
        append_clipped(&mut path, line, closed, rect);
    }
    path
}

/// Appends the part of one line or ring inside `rect`. Most lines are wholly inside or wholly
/// outside, which the bounding box settles without clipping.
fn append_clipped(path: &mut String, line: &[Tenths], closed: bool, rect: &Rect) {
    let as_point = |&(x, y): &Tenths| (x as f64, y as f64);
    let Some(bounds) = Rect::around(line.iter().map(as_point)) else { return };
    if rect.contains(&bounds) {
        append_line(path, line.iter().copied(), closed);
        return;
    }
    if !rect.touches(&bounds) {
        return;
    }
    let points: Vec<Point> = line.iter().map(as_point).collect();
    let to_tenths = |&(x, y): &Point| (x.round_ties_even() as i32, y.round_ties_even() as i32);
    if closed {
        append_line(path, clip_ring(&points, rect).iter().map(to_tenths), true);
    } else {
        for piece in clip_line(&points, rect) {
            append_line(path, piece.iter().map(to_tenths), false);
        }
    }
}

/// Reads basemap GeoJSON: features with `"layer": "land"` (Polygon or MultiPolygon) and
/// `"layer": "border"` (LineString or MultiLineString), each with a `"detail"` level
/// ([`Detail::code`]); a feature without one is medium, as files were before levels existed.
/// Other layers and unknown levels are ignored, so the file can grow (labels, lakes) without
/// breaking older builds.
///
/// Well-formed files are read by the fast path in `basemap_stream`; anything else as a JSON tree,
/// which reports each broken feature and keeps the others.
pub fn parse_basemap(text: &str) -> Result<Basemap, DataError> {
    let mut problems = Vec::new();
    let prepared = prepare(text, &mut problems)?;
    match stream_basemap(prepared) {
        Some(features) => Ok(basemap_of_streamed(features, problems)),
        None => parse_basemap_tree(text),
    }
}

fn basemap_of_streamed(features: Vec<StreamedFeature>, problems: Vec<Problem>) -> Basemap {
    let mut basemap = Basemap { problems, ..Basemap::default() };
    let target_of = |feature: &StreamedFeature| {
        let detail = match &feature.detail {
            StreamedDetail::Absent => Some(Detail::Medium),
            StreamedDetail::Code(code) => Detail::from_code(code),
            StreamedDetail::NotText => None,
        }?;
        Some((Layer::from_code(feature.layer.as_deref()?)?, detail.index()))
    };
    // Room for every point first: growing by doubling while the features are still held would
    // briefly need three times the memory (this is what sets the app's WebAssembly memory).
    let mut sizes = [[(0, 0); 3]; 3];
    for feature in &features {
        if let Some((layer, index)) = target_of(feature) {
            let size = &mut sizes[layer as usize][index];
            size.0 += feature.lines.points.len();
            size.1 += feature.lines.starts.len();
        }
    }
    for layer in Layer::ALL {
        for (index, lines) in basemap.layer_mut(layer).iter_mut().enumerate() {
            lines.reserve(sizes[layer as usize][index]);
        }
    }
    for feature in features {
        let Some((layer, index)) = target_of(&feature) else { continue };
        basemap.layer_mut(layer)[index].extend(feature.lines);
    }
    basemap
}

/// The layers a basemap file may have (`properties.layer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    Land,
    Border,
    Lake,
}

impl Layer {
    const ALL: [Layer; 3] = [Layer::Land, Layer::Border, Layer::Lake];

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "land" => Some(Self::Land),
            "border" => Some(Self::Border),
            "lake" => Some(Self::Lake),
            _ => None,
        }
    }
}

impl Basemap {
    fn layer_mut(&mut self, layer: Layer) -> &mut [ProjectedLines; 3] {
        match layer {
            Layer::Land => &mut self.land,
            Layer::Border => &mut self.borders,
            Layer::Lake => &mut self.lakes,
        }
    }
}

/// The tree path of [`parse_basemap`], for files the fast path does not take.
fn parse_basemap_tree(text: &str) -> Result<Basemap, DataError> {
    let mut basemap = Basemap::default();
    let features = read_feature_array(text, &mut basemap.problems)?;
    for (index, feature) in features.iter().enumerate() {
        let feature = feature.as_object();
        let properties = feature.and_then(|f| f.get("properties")).and_then(|p| p.as_object());
        let layer = properties.and_then(|p| p.get("layer")).and_then(|l| l.as_str());
        let detail = match properties.and_then(|p| p.get("detail")) {
            None => Some(Detail::Medium),
            Some(code) => code.as_str().and_then(Detail::from_code),
        };
        let Some(detail) = detail else { continue };
        let target = match layer {
            Some(code) => match Layer::from_code(code) {
                Some(layer) => &mut basemap.layer_mut(layer)[detail.index()],
                None => continue,
            },
            None => continue,
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

fn append_geometry(lines: &mut ProjectedLines, geometry: &GeometryValue) {
    match geometry {
        GeometryValue::LineString { coordinates } => push_line(lines, coordinates),
        GeometryValue::MultiLineString { coordinates } => coordinates.iter().for_each(|line| push_line(lines, line)),
        GeometryValue::Polygon { coordinates } => coordinates.iter().for_each(|ring| push_line(lines, ring)),
        GeometryValue::MultiPolygon { coordinates } => {
            coordinates.iter().flatten().for_each(|ring| push_line(lines, ring))
        }
        GeometryValue::GeometryCollection { geometries } => {
            geometries.iter().for_each(|g| append_geometry(lines, &g.value));
        }
        GeometryValue::Point { .. } | GeometryValue::MultiPoint { .. } => {}
    }
}

/// Adds one line or ring, skipping positions that are not valid.
fn push_line(lines: &mut ProjectedLines, positions: &[Position]) {
    if positions.is_empty() {
        return;
    }
    lines.starts.push(lines.points.len());
    lines.points.extend(positions.iter().filter_map(|position| match position.as_slice() {
        &[lon, lat, ..] => project_to_tenths(lon, lat),
        _ => None,
    }));
}

/// Appends one line or ring as `M x y l dx dy …`, in tenths of a path unit. Deltas are taken
/// between already-rounded points, so rounding never accumulates along a long coastline.
fn append_line(path: &mut String, points: impl IntoIterator<Item = Tenths>, closed: bool) {
    let mut previous: Option<Tenths> = None;
    for point in points {
        let (command, (x, y)) = match previous {
            None => ('M', point),
            Some(p) if p == point => continue,
            Some(p) => ('l', (point.0 - p.0, point.1 - p.1)),
        };
        path.push(command);
        push_tenths(path, x);
        path.push(' ');
        push_tenths(path, y);
        previous = Some(point);
    }
    if closed && previous.is_some() {
        path.push('z');
    }
}

/// Appends a number of tenths as a short decimal: 1234 → "123.4", -5 → "-0.5", 20 → "2".
/// Written digit by digit rather than through `core::fmt`: the basemap's paths have tens of
/// thousands of numbers, and the formatting machinery took most of the time of drawing them
/// (about 5 of 10 ms of the first view's drawing in a CPU profile of a cold load).
fn push_tenths(path: &mut String, tenths: i32) {
    if tenths < 0 {
        path.push('-');
    }
    let abs = tenths.unsigned_abs();
    path.push_str(itoa::Buffer::new().format(abs / 10));
    let digit = abs % 10;
    if digit != 0 {
        path.push('.');
        path.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::basemap_stream::stream_basemap;

    #[test]
    fn tenths_are_short() {
        let written = |tenths: i32| {
            let mut text = String::new();
            push_tenths(&mut text, tenths);
            text
        };
        assert_eq!(written(1234), "123.4");
        assert_eq!(written(-5), "-0.5");
        assert_eq!(written(-1234), "-123.4");
        assert_eq!(written(20), "2");
        assert_eq!(written(-20), "-2");
        assert_eq!(written(0), "0");
        assert_eq!(written(i32::MIN), "-214748364.8");
        // The shortest decimal of tenths / 10 is what the digits must read.
        for tenths in (-200_000..200_000).step_by(7) {
            assert_eq!(written(tenths), format!("{}", f64::from(tenths) / 10.0), "{tenths} tenths");
        }
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
        let (land, borders) = b.paths(Detail::Medium);
        assert!(land.starts_with("M32768 32768l182"), "{land}");
        assert!(land.ends_with('z'));
        assert!(borders.starts_with("M32768 32768l0 -182"), "{borders}");
        assert!(!borders.ends_with('z'));
        assert!(b.problems.is_empty());
    }

    #[test]
    fn lakes_are_closed_rings_of_their_own_and_travel_with_their_level() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"layer":"land","detail":"detailed"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,0]]]}},
          {"type":"Feature","properties":{"layer":"lake","detail":"detailed"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0.5,0.5],[1,0.5],[1,1],[0.5,0.5]]]]}}
        ]}"#;
        let detail = parse_basemap(text).unwrap();
        assert!(detail.problems.is_empty(), "{:?}", detail.problems);
        let world = (WorldPoint { x: 0.0, y: 0.0 }, WorldPoint { x: 1.0, y: 1.0 });
        let lakes = detail.lakes_within(Detail::Detailed, world);
        assert_eq!((lakes.matches('M').count(), lakes.matches('z').count()), (1, 1), "{lakes}");
        assert!(!detail.paths(Detail::Detailed).0.contains(&lakes), "a lake is not part of the land path");
        // Merged into a basemap without that level, the lakes come along; the tree reader agrees.
        let merged = Basemap::default().merged(detail.clone());
        assert_eq!(merged.lakes_within(Detail::Detailed, world), lakes);
        assert_eq!(parse_basemap_tree(text).unwrap(), detail);
        assert!(detail.lakes_within(Detail::Medium, world).is_empty());
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
        assert!(!b.has(Detail::Medium));
        assert_eq!(b.paths(Detail::Medium).1.matches('l').count(), 1, "the out-of-range point is skipped");
    }

    /// Both ways of reading give the same basemap, on the real files and on small cases.
    #[test]
    fn the_fast_path_reads_exactly_what_the_tree_path_reads() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut texts: Vec<String> = ["data/basemap.geojson", "data/basemap-detail.geojson"]
            .iter()
            .map(|file| std::fs::read_to_string(format!("{root}/{file}")).unwrap())
            .collect();
        texts.push(level_file(&["coarse", "medium", "detailed"]));
        texts.push(
            r#"{"bbox":[0,0,1,1],"features":[
              {"geometry":{"coordinates":[[[0,0],[1.5,0],[1,1],[0,0]],[]],"type":"Polygon"},"properties":{"name":"x","layer":"land"},"type":"Feature"},
              {"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[1,2]}},
              {"type":"Feature","properties":{"layer":"border","detail":7},"geometry":{"type":"LineString","coordinates":[[0,0],[0,1]]}},
              {"type":"Feature","properties":{"layer":"border","detail":"coarse"},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[0,1]],[[5,5],[999,1],[6,6]],[]]}},
              {"type":"Feature","properties":{"layer":"land"},"geometry":{"type":"MultiPolygon","coordinates":[[[[10,10],[11,10],[11,11],[10,10]]],[]]}}
            ],"type":"FeatureCollection"}"#
                .to_owned(),
        );
        for text in &texts {
            assert!(stream_basemap(text).is_some(), "the fast path takes a well-formed file");
            assert_eq!(parse_basemap(text).unwrap(), parse_basemap_tree(text).unwrap());
        }
        let medium = parse_basemap(&texts[3]).unwrap();
        assert!(medium.paths(Detail::Medium).0.starts_with("M32768 32768l273"), "{}", medium.paths(Detail::Medium).0);
        assert_eq!(medium.paths(Detail::Coarse).1.matches('M').count(), 2, "the invalid point is skipped");
    }

    /// Files the fast path does not take are read as trees, which report what is wrong.
    #[test]
    fn unusual_files_fall_back_to_the_tree_path() {
        let feature = |geometry: &str| {
            format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"layer":"land"}},"geometry":{geometry}}}]}}"#
            )
        };
        for geometry in [
            "null",
            r#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1]]}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1],[1,1]]]}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[[1,0]],[1,1]]]}"#,
            r#"{"type":"GeometryCollection","geometries":[]}"#,
            r#"{"type":"Polygon","coordinates":"oops"}"#,
        ] {
            let text = feature(geometry);
            assert!(stream_basemap(&text).is_none(), "{geometry}");
            assert_eq!(parse_basemap(&text), parse_basemap_tree(&text), "{geometry}");
        }
        let collection = parse_basemap(&feature(
            r#"{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}"#,
        ))
        .unwrap();
        assert!(collection.has(Detail::Medium), "a collection still draws, by the tree path");
        assert!(parse_basemap("[]").is_err());
    }

    /// The absolute points of path data written by `append_line` (M, l and z only).
    fn points_of(path: &str) -> Vec<(f64, f64)> {
        let mut points = Vec::new();
        let mut at = (0.0, 0.0);
        let tokens = path.replace('M', " M ").replace('l', " l ").replace('z', " z ");
        let mut words = tokens.split_whitespace();
        while let Some(command) = words.next() {
            if command == "z" {
                continue;
            }
            let x: f64 = words.next().unwrap().parse().unwrap();
            let y: f64 = words.next().unwrap().parse().unwrap();
            at = if command == "M" { (x, y) } else { (at.0 + x, at.1 + y) };
            points.push(at);
        }
        points
    }

    /// A picture of Oulu at zoom 9 gets the coastline around it and nothing of the rest of
    /// Europe, and what it gets is exactly the whole path's shape there.
    #[test]
    fn a_picture_gets_only_the_lines_inside_its_area() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let text = std::fs::read_to_string(format!("{root}/data/basemap-detail.geojson")).unwrap();
        let basemap = parse_basemap(&text).unwrap();
        let limits = crate::view::map_area::map_limits();
        let size = crate::geo::geometry::ScreenSize::new(1280.0, 800.0);
        let oulu = crate::geo::projection::project(crate::geo::latlng::LatLng::lat_lon(65.0121, 25.4651));
        let view = Viewport::new(oulu, zoom(9.0), size, limits);
        let area = view.picture_area(8.0);
        let (whole_land, whole_borders) = basemap.paths(Detail::Detailed);
        let (land, borders) = basemap.paths_within(Detail::Detailed, area);
        assert!(!land.is_empty(), "the Gulf of Bothnia's coast is there");
        assert!(land.len() * 20 < whole_land.len(), "{} of {} bytes", land.len(), whole_land.len());
        assert!(borders.len() < whole_borders.len());
        let tenths = Viewport::path_units() * 10.0;
        let (nw, se) = ((area.0.x * tenths, area.0.y * tenths), (area.1.x * tenths, area.1.y * tenths));
        for (x, y) in points_of(&land).into_iter().chain(points_of(&borders)) {
            // Path data is in tenths written as units with one decimal.
            let (x, y) = (x * 10.0, y * 10.0);
            assert!(x >= nw.0 - 1.0 && x <= se.0 + 1.0 && y >= nw.1 - 1.0 && y <= se.1 + 1.0, "({x}, {y}) outside");
        }
        // The whole area wants no clipping: the same data as the unclipped path.
        let world = (WorldPoint { x: 0.0, y: 0.0 }, WorldPoint { x: 1.0, y: 1.0 });
        assert_eq!(basemap.paths_within(Detail::Detailed, world), (whole_land, whole_borders));
    }

    fn zoom(z: f64) -> Zoom {
        Zoom::try_from(z).unwrap()
    }

    #[test]
    fn each_zoom_wants_one_level() {
        assert_eq!(Detail::for_zoom(zoom(3.0)), Detail::Coarse);
        assert_eq!(Detail::for_zoom(zoom(4.99)), Detail::Coarse);
        assert_eq!(Detail::for_zoom(zoom(5.0)), Detail::Medium);
        assert_eq!(Detail::for_zoom(zoom(6.9)), Detail::Medium);
        assert_eq!(Detail::for_zoom(zoom(7.0)), Detail::Detailed);
        assert_eq!(Detail::for_zoom(zoom(12.0)), Detail::Detailed);
        for d in Detail::ALL {
            assert_eq!(Detail::from_code(d.code()), Some(d));
        }
        assert_eq!(Detail::from_code("fine"), None);
    }

    fn level_file(levels: &[&str]) -> String {
        let features: Vec<String> = levels
            .iter()
            .map(|l| format!(r#"{{"type":"Feature","properties":{{"layer":"land","detail":"{l}"}},"geometry":{{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}}}"#))
            .collect();
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    #[test]
    fn levels_are_read_apart_and_unknown_levels_ignored() {
        let b = parse_basemap(&level_file(&["coarse", "medium", "ultra"])).unwrap();
        assert!(b.has(Detail::Coarse) && b.has(Detail::Medium) && !b.has(Detail::Detailed));
        assert!(b.problems.is_empty());
    }

    #[test]
    fn the_drawn_level_falls_back_until_the_detail_is_loaded() {
        let first = parse_basemap(&level_file(&["coarse", "medium"])).unwrap();
        assert_eq!(first.drawn_detail(zoom(4.0)), Detail::Coarse);
        assert_eq!(first.drawn_detail(zoom(6.0)), Detail::Medium);
        assert!(!first.lacks_detail_for(zoom(6.0)));
        assert!(first.lacks_detail_for(zoom(9.0)), "zooming in asks for the detailed file");
        assert_eq!(first.drawn_detail(zoom(9.0)), Detail::Medium, "medium until the detail arrives");
        let all = first.merged(parse_basemap(&level_file(&["detailed"])).unwrap());
        assert_eq!(all.drawn_detail(zoom(9.0)), Detail::Detailed);
        assert!(!all.lacks_detail_for(zoom(9.0)));
        assert_eq!(all.drawn_detail(zoom(4.0)), Detail::Coarse);
        // Only a finer level loaded: better than nothing.
        let only_detail = parse_basemap(&level_file(&["detailed"])).unwrap();
        assert_eq!(only_detail.drawn_detail(zoom(3.0)), Detail::Detailed);
        assert_eq!(Basemap::default().drawn_detail(zoom(3.0)), Detail::Coarse);
    }
}
