//! What the map loads and where the camera starts: the data locations, the assembled
//! [`MapData`], and the area and zoom range the map keeps to.

use std::sync::Arc;

use crate::data::envelope::decode_text;
use crate::data::error::{LoadError, Problem, Severity};
use crate::data::model::{Dataset, MarkerKind, RecordId};
use crate::data::reader::read_dataset;
use crate::explore::detail::DetailSources;
use crate::explore::filter::{FilterFacts, Filtered};
use crate::explore::search::SearchIndex;
use crate::geo::geometry::{ScreenSize, WorldPoint};
use crate::geo::latlng::LatLngBounds;
use crate::layers::basemap::{parse_basemap, Basemap};
use crate::layers::marker_set::MarkerSet;
use crate::view::map_area::{view_of, FIT_PADDING_PX, MAP_AREA};
use crate::view::viewport::{world_corners, Padding, Viewport};

/// The InnoMap data (places, organisations, agreements, projects, activities, themes) as
/// GeoJSON, relative to the page so a city can host the build under any path.
pub const DATA_URL: &str = "data/innocities.geojson";

/// The basemap (land and borders, derived from Natural Earth) as GeoJSON.
pub const BASEMAP_URL: &str = "data/basemap.geojson";

/// The basemap's detailed level (1:10m), fetched only when the user first zooms in far enough to
/// draw it (see `core::layers::basemap::Detail`), so the first load stays small.
pub const BASEMAP_DETAIL_URL: &str = "data/basemap-detail.geojson";

/// Everything the map shows, parsed and ready (empty by default: nothing loaded yet).
#[derive(Clone, Debug, Default, PartialEq)]
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

impl MapData {
    /// Parses both files; a file that cannot be used at all names itself in the error.
    pub fn from_texts(data: &str, basemap: &str) -> Result<Self, LoadError> {
        let basemap = parse_basemap(basemap).map_err(|error| LoadError::Data { url: BASEMAP_URL.to_owned(), error })?;
        Self::from_data_text(DATA_URL, data, basemap)
    }

    /// The records of the data file `name` (its address, or a local file's name, for the
    /// messages), drawn over `basemap`.
    fn from_data_text(name: &str, data: &str, basemap: Basemap) -> Result<Self, LoadError> {
        let outcome = read_dataset(data).map_err(|error| LoadError::Data { url: name.to_owned(), error })?;
        let all = Arc::new(MarkerSet::new(outcome.dataset.markers()));
        let search = SearchIndex::new(&outcome.dataset);
        let ids: Vec<&RecordId> = all.markers.iter().map(|m| &m.id).collect();
        let facts = FilterFacts::new(&outcome.dataset, &ids);
        Ok(Self { dataset: outcome.dataset, problems: outcome.problems, basemap, all, search, facts })
    }

    /// [`MapData::from_texts`] for the files as they arrive, as bytes. Bytes that are not UTF-8
    /// are replaced (so every valid record still shows) and reported rather than hidden: the data
    /// file's decoding problem comes first in [`MapData::problems`], where the map lists it with
    /// the records it skipped; the basemap's joins the basemap's own problems, like a broken
    /// basemap feature.
    pub fn from_bytes(data: &[u8], basemap: &[u8]) -> Result<Self, LoadError> {
        Self::with_basemap(DATA_URL, data, Self::read_basemap(basemap)?)
    }

    /// The basemap file ([`BASEMAP_URL`]) as it arrives, as bytes.
    pub fn read_basemap(bytes: &[u8]) -> Result<Basemap, LoadError> {
        let (text, problem) = decode_text(bytes);
        let mut basemap =
            parse_basemap(&text).map_err(|error| LoadError::Data { url: BASEMAP_URL.to_owned(), error })?;
        if let Some(problem) = problem {
            basemap.problems.insert(0, problem);
        }
        Ok(basemap)
    }

    /// Another data file over a basemap already read: a file a page chose by address, or a
    /// local file a city's editor checks before publishing it. `name` (its address or file name)
    /// is what the messages call it. Read by the same rules as the bundled data, so the same
    /// problems are reported and every valid record shows.
    pub fn with_basemap(name: &str, data: &[u8], basemap: Basemap) -> Result<Self, LoadError> {
        let (data, data_problem) = decode_text(data);
        let mut map_data = Self::from_data_text(name, &data, basemap)?;
        if let Some(problem) = data_problem {
            map_data.problems.insert(0, problem);
        }
        Ok(map_data)
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

    /// What the detail panels are made from.
    pub fn sources(&self) -> DetailSources<'_> {
        DetailSources { dataset: &self.dataset, facts: &self.facts, markers: &self.all.markers }
    }

    /// The problems that left something out of the map.
    pub fn skipped(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }

    /// The opening view: the InnoCities (Finland and its neighbours), or all markers if there
    /// are no InnoCities, or the whole area if there is nothing at all.
    pub fn home_view(&self, size: ScreenSize) -> Viewport {
        view_of(self.home_bounds(), size, Padding::from(FIT_PADDING_PX))
    }

    /// The box [`home_view`](Self::home_view) fits, as north-west and south-east corners in the
    /// world: the pre-drawn first view repeats the fit for any window from it.
    pub fn home_box(&self) -> (WorldPoint, WorldPoint) {
        world_corners(self.home_bounds().unwrap_or(MAP_AREA))
    }

    fn home_bounds(&self) -> Option<LatLngBounds> {
        let innocities = self.all.markers.iter().filter(|m| m.kind == MarkerKind::InnoCity).map(|m| m.location);
        LatLngBounds::around(innocities).or_else(|| self.all.bounds())
    }
}

/// The bundled data file as map data without a basemap, for the core's tests.
#[cfg(test)]
pub(crate) fn bundled_for_tests() -> MapData {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/innocities.geojson"))
        .unwrap_or_else(|e| panic!("data/innocities.geojson: {e}"));
    MapData::from_texts(&text, r#"{"type":"FeatureCollection","features":[]}"#)
        .unwrap_or_else(|e| panic!("data/innocities.geojson: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::error::ProblemKind;
    use crate::data::model::MapMarker;

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
    /// stack it shares a spot with, or at the deepest zoom), never zoomed out.
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
            // Places closer than the deepest zoom can part (Hürth and the chemical park beside
            // it, 3 km apart) stay grouped there, where their group fans out.
            let deepest = view.zoom() == home.limits().max_zoom;
            assert!(
                own.is_single() || own.is_stacked() || deepest,
                "{} is still grouped at zoom {:?}",
                marker.id,
                view.zoom()
            );
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
    fn bytes_that_are_not_utf8_are_a_listed_error_and_the_records_still_load() {
        let at = DATA.find("Antwerpen").unwrap();
        let mut data = DATA.as_bytes().to_vec();
        // "Antwerpen" with its A as Latin-1 "Ä" (0xc4), which starts no complete UTF-8 sequence.
        data[at] = 0xc4;
        let map_data = MapData::from_bytes(&data, EMPTY.as_bytes()).unwrap();
        assert_eq!(map_data.all.markers.len(), 3, "every record still loads");
        let antwerp = map_data.dataset.places.iter().find(|p| p.id.as_str() == "antwerp").unwrap();
        assert_eq!(antwerp.name.get(crate::language::Language::Fi), "\u{fffd}ntwerpen");
        let skipped: Vec<&Problem> = map_data.skipped().collect();
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].kind, ProblemKind::NotUtf8 { at, count: 1 });
        assert_eq!(skipped[0].feature, None);
        assert!(map_data.basemap.problems.is_empty());
    }

    #[test]
    fn the_decoding_problem_comes_before_the_other_problems_of_the_data_file() {
        // Antwerp's longitude out of range, and a bad byte in a name of a later feature.
        let text = DATA.replacen("[4.4025,51.2194]", "[400,51.2194]", 1);
        let at = text.rfind("Antwerpen").unwrap();
        let mut data = text.into_bytes();
        data[at] = 0xff;
        let map_data = MapData::from_bytes(&data, EMPTY.as_bytes()).unwrap();
        let codes: Vec<&str> = map_data.problems.iter().map(|p| p.kind.code()).collect();
        assert_eq!(codes, ["not-utf8", "wrong-value"]);
        assert_eq!(map_data.problems[0].kind, ProblemKind::NotUtf8 { at, count: 1 });
    }

    #[test]
    fn a_basemap_that_is_not_utf8_keeps_the_problem_with_its_others() {
        let feature = r#"{"type":"Feature","properties":{"layer":"rivers?"},"geometry":null}"#;
        let text = EMPTY.replace("[]", &format!("[{feature}]"));
        let mut basemap = text.clone().into_bytes();
        basemap[text.find('?').unwrap()] = 0xff;
        let map_data = MapData::from_bytes(DATA.as_bytes(), &basemap).unwrap();
        assert!(map_data.problems.is_empty(), "{:?}", map_data.problems);
        let codes: Vec<&str> = map_data.basemap.problems.iter().map(|p| p.kind.code()).collect();
        assert_eq!(codes, ["not-utf8"]);
        // What cannot be used at all still names its file, decoded or not.
        let e = MapData::from_bytes(DATA.as_bytes(), b"\xff").unwrap_err();
        assert!(e.to_string().starts_with("data/basemap.geojson is not usable"), "{e}");
        let e = MapData::from_bytes(b"[\xff]", EMPTY.as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("data/innocities.geojson is not usable"), "{e}");
    }

    #[test]
    fn valid_bytes_read_exactly_as_text() {
        assert_eq!(MapData::from_bytes(DATA.as_bytes(), EMPTY.as_bytes()), MapData::from_texts(DATA, EMPTY));
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
