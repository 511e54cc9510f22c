//! Optional raster tiles (the slippy-map scheme): which tile images cover a view, and where each
//! goes on screen. Off by default: the bundled vector basemap needs no third-party request, and a
//! visitor (or an embedding city) turns tiles on knowingly.
//!
//! The tile source is a value handed to the map, never a global, so an embedding city can choose
//! its own server. Tile `(z, x, y)` covers the world square from `(x, y) / 2^z` to
//! `(x + 1, y + 1) / 2^z` in projected units ([`WorldPoint`]), 256 px wide at zoom `z`.
//! See <https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames>.

use crate::geo::geometry::{ScreenPoint, WorldPoint};
use crate::text::ui_text::UiText;
use crate::view::viewport::{Viewport, TILE_SIZE};

/// More tiles than this for one view means something is wrong (a huge element); draw none rather
/// than flood a tile server.
pub const MAX_TILES: usize = 600;

/// The longest image address template accepted from a page address.
const MAX_TEMPLATE_CHARS: usize = 300;
/// The longest tile credit accepted from a page address.
const MAX_CREDIT_CHARS: usize = 200;

/// Where raster tiles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileSource {
    /// The provider's name, as the toggle names it ("OpenStreetMap").
    pub name: String,
    /// The image URL with `{z}`, `{x}` and `{y}` placeholders.
    pub url_template: String,
    /// The credit the source requires, shown while its tiles are.
    pub attribution: String,
    /// The deepest tile zoom the source serves; deeper views scale its tiles up.
    pub max_zoom: u8,
}

impl TileSource {
    /// The OpenStreetMap standard tiles (openstreetmap.org's own server: light use only).
    pub fn openstreetmap() -> Self {
        Self {
            name: "OpenStreetMap".to_owned(),
            url_template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".to_owned(),
            attribution: "© OpenStreetMap contributors".to_owned(),
            max_zoom: 19,
        }
    }

    /// A source a page chose by address (`tiles=`, see `explore::url_state::PageOptions`): the
    /// image URL `template` with `{z}`, `{x}` and `{y}`, and the credit the source requires
    /// (shown while its images are; the server's host name if none is given). The template must
    /// be an http(s) URL with a plain host name and no characters that could leave an
    /// attribute or a URL; a refused template names what was expected.
    ///
    /// A chosen source is requested only if the page's Content-Security-Policy lets images come
    /// from its [`csp_origin`](Self::csp_origin), so the deploying site, not the address, has
    /// the last word on which hosts can be asked.
    pub fn from_template(template: &str, credit: Option<&str>) -> Result<Self, &'static str> {
        const EXPECTED: &str =
            "an http(s) image address with {z}, {x} and {y}, such as https://tiles.example.org/{z}/{x}/{y}.png";
        let template = template.trim();
        let (_, rest) =
            template.split_once("://").filter(|(scheme, _)| matches!(*scheme, "https" | "http")).ok_or(EXPECTED)?;
        let host = rest.split('/').next().unwrap_or_default();
        let host_ok =
            !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        let placeholders = ["{z}", "{x}", "{y}"];
        let without = placeholders.iter().fold(template.to_owned(), |t, p| t.replace(p, ""));
        let safe = template.len() <= MAX_TEMPLATE_CHARS
            && !without.chars().any(|c| c.is_whitespace() || c.is_control() || "{}\"'<>`\\".contains(c));
        if !host_ok || !safe || placeholders.iter().any(|p| !template.contains(p)) {
            return Err(EXPECTED);
        }
        let credit = credit
            .map(|c| c.chars().filter(|c| !c.is_control()).take(MAX_CREDIT_CHARS).collect::<String>())
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| host.to_owned());
        Ok(Self { name: host.to_owned(), url_template: template.to_owned(), attribution: credit, max_zoom: 19 })
    }

    /// The origin a Content-Security-Policy's `img-src` must list for this source's images to
    /// load: `https://tile.openstreetmap.org` for OpenStreetMap's.
    pub fn csp_origin(&self) -> &str {
        let after_scheme = self.url_template.find("://").map_or(0, |i| i + 3);
        let end = self.url_template[after_scheme..].find('/').map_or(self.url_template.len(), |i| after_scheme + i);
        self.url_template.get(..end).unwrap_or_default()
    }

    /// The image URL of `tile`.
    pub fn url(&self, tile: TileId) -> String {
        self.url_template
            .replace("{z}", &tile.z.to_string())
            .replace("{x}", &tile.x.to_string())
            .replace("{y}", &tile.y.to_string())
    }

    /// The tiles covering `viewport` (see [`tiles_for_view`]) at this source's zooms.
    pub fn tiles_for(&self, viewport: &Viewport) -> Vec<PlacedTile> {
        tiles_for_view(viewport, self.max_zoom)
    }
}

/// One tile of the pyramid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Tile zoom.
    pub z: u8,
    /// Column, 0 at 180° W.
    pub x: u32,
    /// Row, 0 at the top (about 85° N).
    pub y: u32,
}

/// A tile and the screen square it fills, in whole CSS pixels so neighbours meet without seams.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedTile {
    /// Which tile.
    pub id: TileId,
    /// Left edge in the map element.
    pub left: f64,
    /// Top edge in the map element.
    pub top: f64,
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
}

/// The integer tile zoom for a view zoom: the nearest one, so tiles are drawn between 71 % and
/// 141 % of their size, never deeper than `max_zoom`.
pub fn tile_zoom(view_zoom: f64, max_zoom: u8) -> u8 {
    // Never past zoom 24 (`Zoom::MAX`), so `1 << z` and tile numbers always fit in a u32.
    let deepest = f64::from(max_zoom.min(24));
    let z = if view_zoom.is_finite() { view_zoom.round().clamp(0.0, deepest) } else { 0.0 };
    z as u8
}

/// The tiles that cover `viewport`, clamped to the world (no tile left of 180° W or beyond the
/// Mercator square), in row order, each with its screen square. Empty if more than [`MAX_TILES`]
/// would be needed.
pub fn tiles_for_view(viewport: &Viewport, max_zoom: u8) -> Vec<PlacedTile> {
    let z = tile_zoom(viewport.zoom().value(), max_zoom);
    let n = f64::from(1u32 << z);
    let size = viewport.size();
    let top_left = viewport.screen_to_world(ScreenPoint::new(0.0, 0.0));
    let bottom_right = viewport.screen_to_world(ScreenPoint::new(size.width, size.height));
    let index = |v: f64| (v * n).floor().clamp(0.0, n - 1.0) as u32;
    let (x0, x1) = (index(top_left.x), index(bottom_right.x));
    let (y0, y1) = (index(top_left.y), index(bottom_right.y));
    let total = (x1 - x0 + 1) as usize * (y1 - y0 + 1) as usize;
    if total > MAX_TILES || size.width <= 0.0 || size.height <= 0.0 {
        return Vec::new();
    }
    let mut tiles = Vec::with_capacity(total);
    for y in y0..=y1 {
        for x in x0..=x1 {
            tiles.push(place_tile(viewport, TileId { z, x, y }));
        }
    }
    tiles
}

/// Where `tile` goes on screen in `viewport`. Edges are rounded to whole pixels from the tile's
/// own corners, so a tile's right edge is exactly its neighbour's left edge (no hairline seams).
pub fn place_tile(viewport: &Viewport, tile: TileId) -> PlacedTile {
    let n = f64::from(1u32 << tile.z.min(24));
    let corner = |x: u32, y: u32| {
        let p = viewport.world_to_screen(WorldPoint { x: f64::from(x) / n, y: f64::from(y) / n });
        (p.x.round(), p.y.round())
    };
    let (left, top) = corner(tile.x, tile.y);
    let (right, bottom) = corner(tile.x + 1, tile.y + 1);
    PlacedTile { id: tile, left, top, width: right - left, height: bottom - top }
}

/// The on-screen size of one tile at `view_zoom` drawn from tile zoom `z` (for tests and docs).
pub fn tile_screen_size(view_zoom: f64, z: u8) -> f64 {
    TILE_SIZE * (view_zoom - f64::from(z)).exp2()
}

/// Why the map images did not come, as far as the page can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileFailure {
    /// The page's Content-Security-Policy does not list the server (see
    /// [`TileSource::csp_origin`]), so the browser never asked it.
    NotAllowed,
    /// The server was asked and sent no image (it is down, unreachable or refused).
    NoAnswer,
}

impl TileFailure {
    /// What to tell the visitor, naming the images' `provider`.
    pub fn explained(self, provider: &str, text: UiText) -> String {
        match self {
            Self::NotAllowed => text.tiles_not_allowed(provider),
            Self::NoAnswer => text.tiles_no_answer(provider),
        }
    }
}

/// How the images of the view are doing since they were turned on: enough to tell a visitor
/// that they failed instead of showing the vector map as if nothing happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TileHealth {
    /// Images that arrived.
    pub loaded: usize,
    /// Images that did not.
    pub failed: usize,
    /// Whether the page's policy refused one of this source's addresses.
    pub refused_by_policy: bool,
}

impl TileHealth {
    /// Why the images failed, once every image asked for so far has failed; `None` while any
    /// arrived (a missing tile at sea is no failure of the service) or none has been tried.
    pub fn failure(&self) -> Option<TileFailure> {
        (self.loaded == 0 && self.failed > 0).then_some(if self.refused_by_policy {
            TileFailure::NotAllowed
        } else {
            TileFailure::NoAnswer
        })
    }
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::geo::geometry::ScreenSize;
    use crate::geo::latlng::{LatLng, LatLngBounds};
    use crate::geo::projection::project;
    use crate::view::viewport::{ViewLimits, Zoom};

    fn view(lat: f64, lon: f64, zoom: f64, width: f64, height: f64) -> Viewport {
        let world =
            LatLngBounds { south_west: LatLng::lat_lon(-85.0, -180.0), north_east: LatLng::lat_lon(85.0, 180.0) };
        let limits = ViewLimits::for_area(world, Zoom::clamped(0.0), Zoom::clamped(20.0));
        Viewport::new(project(LatLng::lat_lon(lat, lon)), Zoom::clamped(zoom), ScreenSize::new(width, height), limits)
    }

    #[test]
    fn the_osm_source_builds_its_urls() {
        let osm = TileSource::openstreetmap();
        assert_eq!(osm.url(TileId { z: 5, x: 18, y: 8 }), "https://tile.openstreetmap.org/5/18/8.png");
        assert_eq!(osm.attribution, "© OpenStreetMap contributors");
    }

    #[test]
    fn the_tile_zoom_is_the_nearest_level_within_the_source() {
        assert_eq!(tile_zoom(5.4, 19), 5);
        assert_eq!(tile_zoom(5.5, 19), 6);
        assert_eq!(tile_zoom(12.0, 10), 10);
        assert_eq!(tile_zoom(-1.0, 19), 0);
        assert_eq!(tile_zoom(f64::NAN, 19), 0);
        assert_abs_diff_eq!(tile_screen_size(5.4, 5), 256.0 * 0.4f64.exp2(), epsilon = 1e-9);
    }

    #[test]
    fn tiles_cover_the_whole_view_without_gaps_or_overlaps() {
        let v = view(60.17, 24.94, 9.3, 1280.0, 800.0);
        let tiles = tiles_for_view(&v, 19);
        assert!(!tiles.is_empty());
        assert!(tiles.iter().all(|t| t.id.z == 9));
        let left = tiles.iter().map(|t| t.left).fold(f64::MAX, f64::min);
        let top = tiles.iter().map(|t| t.top).fold(f64::MAX, f64::min);
        let right = tiles.iter().map(|t| t.left + t.width).fold(f64::MIN, f64::max);
        let bottom = tiles.iter().map(|t| t.top + t.height).fold(f64::MIN, f64::max);
        assert!(left <= 0.0 && top <= 0.0 && right >= 1280.0 && bottom >= 800.0, "{left} {top} {right} {bottom}");
        // Neighbours share their edges exactly.
        for a in &tiles {
            if let Some(b) = tiles.iter().find(|b| b.id.x == a.id.x + 1 && b.id.y == a.id.y) {
                assert_eq!(a.left + a.width, b.left);
            }
            if let Some(b) = tiles.iter().find(|b| b.id.y == a.id.y + 1 && b.id.x == a.id.x) {
                assert_eq!(a.top + a.height, b.top);
            }
            assert!((a.width - tile_screen_size(9.3, 9)).abs() <= 1.0, "{}", a.width);
        }
        // Helsinki's tile at zoom 9 is column 291, row 148.
        assert!(tiles.iter().any(|t| t.id == TileId { z: 9, x: 291, y: 148 }));
    }

    #[test]
    fn tiles_are_clamped_to_the_world() {
        // At zoom 1 a 1280 px view is wider than the 512 px world: only the 4 tiles there are.
        let tiles = tiles_for_view(&view(0.0, 0.0, 1.0, 1280.0, 800.0), 19);
        let ids: Vec<(u32, u32)> = tiles.iter().map(|t| (t.id.x, t.id.y)).collect();
        assert_eq!(ids, vec![(0, 0), (1, 0), (0, 1), (1, 1)]);
        assert_eq!(tiles[0].left, 384.0, "the world's left edge is 640 - 256 px from the left");
    }

    #[test]
    fn a_source_with_shallow_tiles_scales_them_up() {
        let tiles =
            TileSource { max_zoom: 6, ..TileSource::openstreetmap() }.tiles_for(&view(60.0, 25.0, 8.0, 800.0, 600.0));
        assert!(tiles.iter().all(|t| t.id.z == 6 && t.width == 1024.0), "{tiles:?}");
    }

    #[test]
    fn an_absurdly_large_view_asks_for_no_tiles() {
        assert!(tiles_for_view(&view(60.0, 25.0, 12.0, 100_000.0, 100_000.0), 19).is_empty());
        assert!(tiles_for_view(&view(60.0, 25.0, 12.0, 0.0, 0.0), 19).is_empty());
    }

    #[test]
    fn a_page_can_choose_its_own_tile_server() {
        let city = TileSource::from_template(
            "https://tiles.example-city.fi/base/{z}/{x}/{y}.png",
            Some(" © City of Example "),
        )
        .unwrap();
        assert_eq!(city.url(TileId { z: 9, x: 291, y: 148 }), "https://tiles.example-city.fi/base/9/291/148.png");
        assert_eq!(city.attribution, "© City of Example");
        assert_eq!(city.name, "tiles.example-city.fi");
        assert_eq!(city.csp_origin(), "https://tiles.example-city.fi");
        let plain = TileSource::from_template("http://localhost:8081/{z}/{y}/{x}.png", None).unwrap();
        assert_eq!(plain.attribution, "localhost:8081", "no credit given: the host");
        assert_eq!(plain.csp_origin(), "http://localhost:8081");
        assert_eq!(TileSource::openstreetmap().csp_origin(), "https://tile.openstreetmap.org");
    }

    #[test]
    fn a_tile_template_that_could_do_harm_or_cannot_work_is_refused() {
        for bad in [
            "javascript:alert(1)//{z}/{x}/{y}",
            "data:image/png;base64,{z}{x}{y}",
            "https://tiles.example.org/{z}/{x}.png",
            "https://tiles.example.org/{z}/{x}/{y}.png\" onerror=\"alert(1)",
            "https://tiles.example.org/{z}/{x}/{y}.png?{s}",
            "https:///{z}/{x}/{y}.png",
            "https://user@host/{z}/{x}/{y}",
            "ftp://tiles.example.org/{z}/{x}/{y}.png",
            "",
        ] {
            assert!(TileSource::from_template(bad, None).is_err(), "{bad}");
        }
        let long = format!("https://tiles.example.org/{}/{{z}}/{{x}}/{{y}}.png", "a".repeat(400));
        assert!(TileSource::from_template(&long, None).is_err());
        let credit = "x".repeat(500);
        let capped = TileSource::from_template("https://t.example.org/{z}/{x}/{y}", Some(&credit)).unwrap();
        assert_eq!(capped.attribution.chars().count(), MAX_CREDIT_CHARS);
    }

    #[test]
    fn images_that_all_fail_are_reported_with_the_reason() {
        let mut health = TileHealth::default();
        assert_eq!(health.failure(), None, "nothing tried yet");
        health.failed = 6;
        assert_eq!(health.failure(), Some(TileFailure::NoAnswer));
        health.refused_by_policy = true;
        assert_eq!(health.failure(), Some(TileFailure::NotAllowed));
        health.loaded = 1;
        assert_eq!(health.failure(), None, "one image arrived: the service works");
        let text = UiText(crate::language::Language::Fi);
        assert!(TileFailure::NotAllowed.explained("OpenStreetMap", text).contains("OpenStreetMap"));
        assert_ne!(TileFailure::NotAllowed.explained("x", text), TileFailure::NoAnswer.explained("x", text));
    }
}
