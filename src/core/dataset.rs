//! What the map loads and where the camera starts: the data locations, the assembled
//! [`MapData`], and the area and zoom range the map keeps to.

use super::basemap::{parse_basemap, Basemap};
use super::error::LoadError;
use super::geo::{LatLng, LatLngBounds};
use super::geometry::ScreenSize;
use super::places::{parse_places, PlaceSet};
use super::projection::project;
use super::viewport::{ViewLimits, Viewport, Zoom};

/// The places (InnoCities and partners) as GeoJSON, relative to the page so a city can host the
/// build under any path.
pub const PLACES_URL: &str = "data/innocities.geojson";

/// The basemap (land and borders, derived from Natural Earth) as GeoJSON.
pub const BASEMAP_URL: &str = "data/basemap.geojson";

/// The area the basemap covers and the view centre stays in: Europe, from Iceland and the
/// Canaries' latitude to the Urals' longitude and North Cape.
pub const MAP_AREA: LatLngBounds =
    LatLngBounds { south_west: LatLng::lat_lon(34.0, -26.0), north_east: LatLng::lat_lon(72.0, 45.0) };

/// Zoom 3 shows all of Europe on a phone; zoom 12 is a city district.
const ZOOM_RANGE: (f64, f64) = (3.0, 12.0);

/// Space kept free around the data when the map fits it, in CSS pixels.
pub const FIT_PADDING_PX: f64 = 48.0;

/// Everything the map shows, parsed and ready.
#[derive(Clone, Debug, PartialEq)]
pub struct MapData {
    /// The places and any records that were skipped.
    pub places: PlaceSet,
    /// The basemap paths.
    pub basemap: Basemap,
}

impl MapData {
    /// Parses both files; a file that cannot be used at all names itself in the error.
    pub fn from_texts(places: &str, basemap: &str) -> Result<Self, LoadError> {
        let places = parse_places(places).map_err(|error| LoadError::Data { url: PLACES_URL.to_owned(), error })?;
        let basemap = parse_basemap(basemap).map_err(|error| LoadError::Data { url: BASEMAP_URL.to_owned(), error })?;
        Ok(Self { places, basemap })
    }

    /// The view that fits every place into an element of `size` ("show everything").
    pub fn home_view(&self, size: ScreenSize) -> Viewport {
        let limits = map_limits();
        let start = Viewport::new(project(LatLng::lat_lon(64.0, 26.0)), limits.min_zoom, size, limits);
        match self.places.bounds() {
            Some(bounds) => start.fitted_to(bounds, FIT_PADDING_PX),
            None => start.fitted_to(MAP_AREA, FIT_PADDING_PX),
        }
    }
}

/// The zoom range and pan box of the InnoMap map.
pub fn map_limits() -> ViewLimits {
    let (min, max) = ZOOM_RANGE;
    ViewLimits::for_area(MAP_AREA, Zoom::clamped(min), Zoom::clamped(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"helsinki","geometry":{"type":"Point","coordinates":[24.9384,60.1699]},"properties":{"kind":"innocity","name":{"en":"Helsinki","fi":"Helsinki","sv":"Helsingfors"}}},
      {"type":"Feature","id":"rovaniemi","geometry":{"type":"Point","coordinates":[25.7294,66.5039]},"properties":{"kind":"innocity","name":{"en":"Rovaniemi","fi":"Rovaniemi","sv":"Rovaniemi"}}}]}"#;
    const EMPTY: &str = r#"{"type":"FeatureCollection","features":[]}"#;

    #[test]
    fn home_view_fits_every_place_inside_the_padding() {
        let data = MapData::from_texts(PLACES, EMPTY).unwrap();
        let size = ScreenSize::new(1280.0, 800.0);
        let view = data.home_view(size);
        for place in &data.places.places {
            let p = view.world_to_screen(place.world);
            assert!(p.x >= FIT_PADDING_PX - 1e-6 && p.x <= size.width - FIT_PADDING_PX + 1e-6, "{p:?}");
            assert!(p.y >= FIT_PADDING_PX - 1e-6 && p.y <= size.height - FIT_PADDING_PX + 1e-6, "{p:?}");
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
        let view = data.home_view(ScreenSize::new(400.0, 400.0));
        assert!(view.zoom().value() >= 3.0);
    }
}
