//! What the map loads and where the camera starts: the data locations, the assembled
//! [`MapData`], and the area and zoom range the map keeps to.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::basemap::{parse_basemap, Basemap};
use super::cluster::ClusterIndex;
use super::error::{LoadError, Problem, Severity};
use super::filter::{FilterFacts, Filtered};
use super::geo::{LatLng, LatLngBounds};
use super::geometry::{ScreenSize, WorldPoint};
use super::model::{Dataset, MapMarker, MarkerKind, RecordId};
use super::projection::project;
use super::reader::read_dataset;
use super::search::SearchIndex;
use super::viewport::{Padding, ViewLimits, Viewport, Zoom};

/// The InnoMap data (places, organisations, agreements, projects, activities, themes) as
/// GeoJSON, relative to the page so a city can host the build under any path.
pub const DATA_URL: &str = "data/innocities.geojson";

/// The basemap (land and borders, derived from Natural Earth) as GeoJSON.
pub const BASEMAP_URL: &str = "data/basemap.geojson";

/// The basemap's detailed level (1:10m), fetched only when the user first zooms in far enough to
/// draw it (see `core::basemap::Detail`), so the first load stays small.
pub const BASEMAP_DETAIL_URL: &str = "data/basemap-detail.geojson";

/// The area the view centre stays in: Europe, from Iceland and the Canaries' latitude to the
/// Urals' longitude and North Cape.
pub const MAP_AREA: LatLngBounds =
    LatLngBounds { south_west: LatLng::lat_lon(34.0, -26.0), north_east: LatLng::lat_lon(72.0, 45.0) };

/// The area the zoomed-out basemap covers (`EXTENT` in xtask/src/basemap.rs): Europe with its
/// surroundings, from the Great Lakes to Lake Baikal. The view never reaches beyond it, so no
/// zoomed-out view on a wide screen shows land cut off by a straight edge.
pub const BASEMAP_AREA: LatLngBounds =
    LatLngBounds { south_west: LatLng::lat_lon(20.0, -75.0), north_east: LatLng::lat_lon(84.0, 90.0) };

/// Zoom 3 shows all of Europe on a phone; zoom 12 is a city district.
const ZOOM_RANGE: (f64, f64) = (3.0, 12.0);

/// Space kept free around the data when the map fits it, in CSS pixels.
pub const FIT_PADDING_PX: f64 = 48.0;

/// Everything the map shows, parsed and ready.
#[derive(Clone, Debug, PartialEq)]
pub struct MapData {
    /// The validated records.
    pub dataset: Dataset,
    /// What was wrong with the data file.
    pub problems: Vec<Problem>,
    /// The basemap paths.
    pub basemap: Basemap,
    /// Every place and organisation, and their groups (shared with the map when no filter is
    /// set, rather than copied).
    pub all: Arc<MarkerSet>,
    /// The names of everything, for search.
    pub search: SearchIndex,
    /// What each marker and project is filtered on.
    pub facts: FilterFacts,
}

/// Markers to draw (all of them, or those the filters let through) and their groups per zoom
/// level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkerSet {
    /// The markers, most important first.
    pub markers: Vec<MapMarker>,
    /// The markers grouped per zoom level.
    pub clusters: ClusterIndex,
}

impl MarkerSet {
    /// The set of `markers`, grouped for the map's zoom range.
    pub fn new(markers: Vec<MapMarker>) -> Self {
        let limits = map_limits();
        let clusters = ClusterIndex::new(&markers, limits.min_zoom, limits.max_zoom);
        Self { markers, clusters }
    }

    /// The view that shows the place or organisation `id` close up, from `view`: in the middle
    /// of the area `padding` leaves free (clear of the panel that opens with it), zoomed in
    /// (never out) until it stands on its own, or only with what shares its spot. `None` if the
    /// set has no marker for `id`.
    pub fn close_up(&self, id: &RecordId, view: &Viewport, padding: Padding) -> Option<Viewport> {
        let index = self.markers.iter().position(|m| &m.id == id)?;
        let marker = self.markers.get(index)?;
        let alone = self.clusters.zoom_separating(index, view.zoom()).unwrap_or(view.limits().max_zoom);
        let zoom = if alone > view.zoom() { alone } else { view.zoom() };
        let zoomed = Viewport::new(marker.world, zoom, view.size(), view.limits());
        Some(zoomed.with_point_at(marker.world, padding.free_centre(view.size())))
    }

    /// Where the markers of `ids` are drawn at `zoom`: on their own marker or on the group
    /// holding it. `None` for an id the set has no marker for (filtered out, or no position).
    pub fn drawn_at(&self, ids: &[&RecordId], zoom: Zoom) -> Vec<Option<WorldPoint>> {
        if ids.is_empty() {
            return Vec::new();
        }
        let wanted: HashSet<&RecordId> = ids.iter().copied().collect();
        let drawn: HashMap<&RecordId, WorldPoint> = self
            .markers
            .iter()
            .zip(self.clusters.drawn_positions(zoom))
            .filter(|(marker, _)| wanted.contains(&marker.id))
            .map(|(marker, at)| (&marker.id, at))
            .collect();
        ids.iter().map(|id| drawn.get(id).copied()).collect()
    }

    /// The view that fits every marker of the set ("show everything"), or the whole map area if
    /// the set is empty.
    pub fn everything_view(&self, size: ScreenSize) -> Viewport {
        self.everything_view_within(size, Padding::from(FIT_PADDING_PX))
    }

    /// [`everything_view`](Self::everything_view) keeping `padding` free (for panels over the map).
    pub fn everything_view_within(&self, size: ScreenSize, padding: Padding) -> Viewport {
        view_of(self.bounds(), size, padding)
    }

    fn bounds(&self) -> Option<LatLngBounds> {
        LatLngBounds::around(self.markers.iter().map(|m| m.location))
    }
}

impl MapData {
    /// Parses both files; a file that cannot be used at all names itself in the error.
    pub fn from_texts(data: &str, basemap: &str) -> Result<Self, LoadError> {
        let outcome = read_dataset(data).map_err(|error| LoadError::Data { url: DATA_URL.to_owned(), error })?;
        let basemap = parse_basemap(basemap).map_err(|error| LoadError::Data { url: BASEMAP_URL.to_owned(), error })?;
        let all = Arc::new(MarkerSet::new(outcome.dataset.markers()));
        let search = SearchIndex::new(&outcome.dataset);
        let ids: Vec<&RecordId> = all.markers.iter().map(|m| &m.id).collect();
        let facts = FilterFacts::new(&outcome.dataset, &ids);
        Ok(Self { dataset: outcome.dataset, problems: outcome.problems, basemap, all, search, facts })
    }

    /// The markers that `filtered` lets through, grouped anew (groups depend on who is shown);
    /// the whole set itself when everything is shown.
    pub fn shown_markers(&self, filtered: &Filtered) -> Arc<MarkerSet> {
        if filtered.markers.iter().all(|&on| on) {
            return Arc::clone(&self.all);
        }
        let markers = self.all.markers.iter().zip(&filtered.markers).filter(|(_, &on)| on).map(|(m, _)| m.clone());
        Arc::new(MarkerSet::new(markers.collect()))
    }

    /// The problems that left something out of the map.
    pub fn skipped(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }

    /// The opening view: the InnoCities (Finland and its neighbours), or all markers if there
    /// are no InnoCities, or the whole area if there is nothing at all.
    pub fn home_view(&self, size: ScreenSize) -> Viewport {
        let innocities = self.all.markers.iter().filter(|m| m.kind == MarkerKind::InnoCity).map(|m| m.location);
        let bounds = LatLngBounds::around(innocities).or_else(|| self.all.bounds());
        view_of(bounds, size, Padding::from(FIT_PADDING_PX))
    }
}

fn view_of(bounds: Option<LatLngBounds>, size: ScreenSize, padding: Padding) -> Viewport {
    let limits = map_limits();
    let start = Viewport::new(project(LatLng::lat_lon(64.0, 26.0)), limits.min_zoom, size, limits);
    start.fitted_to(bounds.unwrap_or(MAP_AREA), padding)
}

/// The zoom range and pan box of the InnoMap map.
pub fn map_limits() -> ViewLimits {
    let (min, max) = ZOOM_RANGE;
    ViewLimits::for_area(MAP_AREA, Zoom::clamped(min), Zoom::clamped(max)).showing_only(BASEMAP_AREA)
}

/// The bundled data file as map data without a basemap, for the core's tests.
#[cfg(test)]
pub(crate) fn bundled_for_tests() -> MapData {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/innocities.geojson"))
        .unwrap_or_else(|e| panic!("data/innocities.geojson: {e}"));
    MapData::from_texts(&text, r#"{"type":"FeatureCollection","features":[]}"#)
        .unwrap_or_else(|e| panic!("data/innocities.geojson: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r##"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"agreement-helsinki","geometry":null,"properties":{"record":"agreement","name":{"en":"Helsinki","fi":"Helsinki","sv":"Helsingfors"},"members":["helsinki"],"sources":[{"document":"test"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"agreement-rovaniemi","geometry":null,"properties":{"record":"agreement","name":{"en":"Rovaniemi","fi":"Rovaniemi","sv":"Rovaniemi"},"members":["rovaniemi"],"sources":[{"document":"test"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"helsinki","geometry":{"type":"Point","coordinates":[24.9384,60.1699]},"properties":{"record":"place","kind":"innocity","country":"FI","agreement":"agreement-helsinki","name":{"en":"Helsinki","fi":"Helsinki","sv":"Helsingfors"},"sources":[{"document":"test"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"rovaniemi","geometry":{"type":"Point","coordinates":[25.7294,66.5039]},"properties":{"record":"place","kind":"innocity","country":"FI","agreement":"agreement-rovaniemi","name":{"en":"Rovaniemi","fi":"Rovaniemi","sv":"Rovaniemi"},"sources":[{"document":"test"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"antwerp","geometry":{"type":"Point","coordinates":[4.4025,51.2194]},"properties":{"record":"place","kind":"partner","country":"BE","name":{"en":"Antwerp","fi":"Antwerpen","sv":"Antwerpen"},"sources":[{"document":"test"}],"checked":"2026-11-22"}}]}"##;
    const EMPTY: &str = r#"{"type":"FeatureCollection","features":[]}"#;

    fn inside(view: &Viewport, marker: &MapMarker, size: ScreenSize) -> bool {
        let p = view.world_to_screen(marker.world);
        p.x >= FIT_PADDING_PX - 1e-6
            && p.x <= size.width - FIT_PADDING_PX + 1e-6
            && p.y >= FIT_PADDING_PX - 1e-6
            && p.y <= size.height - FIT_PADDING_PX + 1e-6
    }

    /// Every place and organisation of the bundled data, looked for from the opening view,
    /// ends up in the middle of the area a side panel leaves free and on its own (or in the
    /// stack it shares a spot with), never zoomed out.
    #[test]
    fn a_close_up_centres_the_place_beside_the_panel_and_zooms_in_until_it_stands_alone() {
        let data = bundled_for_tests();
        let size = ScreenSize::new(1280.0, 800.0);
        let home = data.home_view(size);
        let padding = Padding { top: 48.0, right: 400.0, bottom: 48.0, left: 48.0 };
        let middle = padding.free_centre(size);
        let mut zoomed_in = 0;
        let mut clamped = 0;
        for (index, marker) in data.all.markers.iter().enumerate() {
            let view = data.all.close_up(&marker.id, &home, padding).unwrap();
            let at = view.world_to_screen(marker.world);
            // In the middle of the free area, unless the centre had to stay inside the map's
            // area; in sight beside the panel either way.
            let beside_the_panel = (padding.left..=size.width - padding.right).contains(&at.x)
                && (padding.top..=size.height - padding.bottom).contains(&at.y);
            assert!(beside_the_panel, "{} at {at:?}", marker.id);
            clamped += usize::from(at.distance_to(middle) > 1e-6);
            assert!(view.zoom() >= home.zoom());
            let (_, clusters) = data.all.clusters.level_at(view.zoom());
            let own = clusters.iter().find(|c| c.members.contains(&index)).unwrap();
            assert!(own.is_single() || own.is_stacked(), "{} is still grouped at zoom {:?}", marker.id, view.zoom());
            zoomed_in += usize::from(view.zoom() > home.zoom());
        }
        assert!(zoomed_in > 0, "grouped places need a zoom");
        assert!(clamped < data.all.markers.len() / 4, "{clamped} places kept from the middle by the limits");
        assert!(data.all.close_up(&RecordId::parse("no-such-place").unwrap(), &home, padding).is_none());
    }

    #[test]
    fn home_view_fits_the_innocities_and_everything_view_fits_all() {
        let data = MapData::from_texts(DATA, EMPTY).unwrap();
        assert!(data.problems.is_empty(), "{:?}", data.problems);
        let size = ScreenSize::new(1280.0, 800.0);
        let home = data.home_view(size);
        let everything = data.all.everything_view(size);
        for marker in &data.all.markers {
            let is_innocity = marker.kind == MarkerKind::InnoCity;
            assert_eq!(inside(&home, marker, size), is_innocity, "{} in the home view", marker.id);
            assert!(inside(&everything, marker, size), "{} in the everything view", marker.id);
        }
    }

    #[test]
    fn errors_name_the_file() {
        let e = MapData::from_texts("[]", EMPTY).unwrap_err();
        assert!(e.to_string().starts_with("data/innocities.geojson is not usable"), "{e}");
        let e = MapData::from_texts(EMPTY, "").unwrap_err();
        assert!(e.to_string().starts_with("data/basemap.geojson is not usable"), "{e}");
    }

    #[test]
    fn no_places_shows_the_whole_area() {
        let data = MapData::from_texts(EMPTY, EMPTY).unwrap();
        let size = ScreenSize::new(1600.0, 1200.0);
        let view = data.home_view(size);
        for corner in [MAP_AREA.south_west, MAP_AREA.north_east] {
            let p = view.lat_lng_to_screen(corner);
            assert!((0.0..=size.width).contains(&p.x) && (0.0..=size.height).contains(&p.y), "{corner:?} at {p:?}");
        }
    }
}
