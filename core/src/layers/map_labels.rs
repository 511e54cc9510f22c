//! Where country and sea names are drawn on the basemap, and from which zoom; the names
//! themselves, in every language, are in `text::place_names`.
//!
//! A small curated set (Finland, its neighbours, the partner regions' countries, and the seas
//! between them) written here rather than derived, because names and their placement are
//! cartographic choices: each label has a hand-picked anchor clear of the InnoCity markers, and a
//! zoom range where it helps (the Gulf of Bothnia when zoomed out, its two basins when zoomed in).
//! Names follow the official forms: the Institute for the Languages of Finland (Kotus) for
//! Finnish and Swedish as used in Finland, and the UN / IHO English names.
//!
//! Labels are decoration for sighted users; the markers carry the accessible names. A place's
//! name matters more than the country it is in, so a country or sea name that would overlap a
//! place's marker or label is left out of that view (see `core::layers::marker_layer`).

use crate::geo::geometry::{ScreenPoint, ScreenRect};
use crate::geo::latlng::LatLng;
use crate::geo::projection::project;
use crate::language::Language;
use crate::layers::label_placement::{estimate_text_width, LABEL_FONT_PX, LABEL_HEIGHT_PX};
use crate::text::place_names::{self as names, PlaceName};
use crate::view::viewport::{Viewport, Zoom};

/// What a label names, which decides its style (water is italic and blue-grey, by convention).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    /// A country.
    Country,
    /// A sea, gulf or ocean.
    Water,
}

/// One label of the curated set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapLabel {
    /// What it is called, in every language (see `text::place_names`).
    pub name: PlaceName,
    /// Where the middle of the text goes.
    pub at: LatLng,
    /// Shown from this zoom (inclusive)…
    pub min_zoom: f64,
    /// …up to this zoom (exclusive).
    pub max_zoom: f64,
    /// Country or water.
    pub kind: LabelKind,
}

impl MapLabel {
    /// The name in `language`.
    pub fn name(&self, language: Language) -> &'static str {
        self.name.get(language)
    }

    /// Whether the label is shown at `zoom`.
    pub fn shows_at(&self, zoom: Zoom) -> bool {
        (self.min_zoom..self.max_zoom).contains(&zoom.value())
    }

    /// Where the label's anchor is on screen.
    pub fn screen_position(&self, viewport: &Viewport) -> ScreenPoint {
        viewport.world_to_screen(project(self.at))
    }

    /// The box the label's text takes on screen (estimated, erring wide like place labels):
    /// country names are set in capitals with wide letter spacing, sea names with a little.
    pub fn screen_box(&self, viewport: &Viewport, language: Language) -> ScreenRect {
        let name = self.name(language);
        let (text_width, spacing_em) = match self.kind {
            LabelKind::Country => (estimate_text_width(&name.to_uppercase()), 0.08),
            LabelKind::Water => (estimate_text_width(name), 0.04),
        };
        let width = text_width + name.chars().count() as f64 * spacing_em * LABEL_FONT_PX;
        let at = self.screen_position(viewport);
        ScreenRect {
            left: at.x - width / 2.0,
            top: at.y - LABEL_HEIGHT_PX / 2.0,
            right: at.x + width / 2.0,
            bottom: at.y + LABEL_HEIGHT_PX / 2.0,
        }
    }
}

const fn country(name: PlaceName, lat: f64, lon: f64, min_zoom: f64) -> MapLabel {
    MapLabel { name, at: LatLng::lat_lon(lat, lon), min_zoom, max_zoom: 8.0, kind: LabelKind::Country }
}

const fn water(name: PlaceName, lat: f64, lon: f64, min_zoom: f64, max_zoom: f64) -> MapLabel {
    MapLabel { name, at: LatLng::lat_lon(lat, lon), min_zoom, max_zoom, kind: LabelKind::Water }
}

/// Every label, countries first. Countries show up to zoom 8 (a region view names its places
/// instead); large ones from zoom 3, small ones once there is room.
pub const LABELS: &[MapLabel] = &[
    country(names::FINLAND, 64.5, 28.9, 3.0),
    country(names::SWEDEN, 64.6, 15.6, 3.0),
    country(names::NORWAY, 61.8, 8.6, 3.0),
    country(names::RUSSIA, 61.5, 38.0, 3.0),
    country(names::ESTONIA, 58.75, 25.9, 5.0),
    country(names::LATVIA, 56.75, 26.2, 5.0),
    country(names::LITHUANIA, 55.35, 24.0, 5.0),
    country(names::DENMARK, 56.1, 9.2, 5.0),
    country(names::POLAND, 52.1, 19.4, 4.0),
    country(names::GERMANY, 51.0, 10.3, 4.0),
    country(names::NETHERLANDS, 52.5, 5.7, 5.0),
    country(names::BELGIUM, 50.55, 4.6, 6.0),
    country(names::FRANCE, 46.6, 2.4, 4.0),
    country(names::UNITED_KINGDOM, 53.0, -1.8, 5.0),
    country(names::IRELAND, 53.2, -8.0, 5.0),
    country(names::ICELAND, 64.9, -18.6, 4.0),
    country(names::SPAIN, 40.0, -3.6, 4.0),
    country(names::PORTUGAL, 39.7, -8.0, 5.0),
    country(names::ITALY, 42.8, 12.6, 4.0),
    country(names::SWITZERLAND, 46.8, 8.2, 6.0),
    country(names::AUSTRIA, 47.6, 14.1, 5.0),
    country(names::CZECHIA, 49.8, 15.5, 5.0),
    country(names::SLOVAKIA, 48.7, 19.6, 6.0),
    country(names::HUNGARY, 47.1, 19.4, 5.0),
    country(names::BELARUS, 53.6, 28.0, 4.0),
    country(names::UKRAINE, 49.0, 31.5, 4.0),
    country(names::ROMANIA, 45.9, 25.0, 4.0),
    country(names::BULGARIA, 42.7, 25.3, 5.0),
    country(names::GREECE, 39.3, 22.0, 5.0),
    country(names::SERBIA, 44.0, 20.8, 6.0),
    country(names::CROATIA, 45.6, 16.3, 6.0),
    country(names::TURKIYE, 39.0, 34.0, 4.0),
    water(names::BALTIC_SEA, 56.0, 18.4, 3.0, 8.0),
    water(names::GULF_OF_BOTHNIA, 63.0, 20.2, 3.0, 5.5),
    water(names::BOTHNIAN_SEA, 61.8, 19.6, 5.5, 9.0),
    water(names::BOTHNIAN_BAY, 65.35, 23.6, 5.5, 9.0),
    water(names::GULF_OF_FINLAND, 59.75, 26.2, 5.0, 9.0),
    water(names::GULF_OF_RIGA, 57.6, 23.3, 6.0, 9.0),
    water(names::ALAND_SEA, 60.05, 19.2, 7.0, 10.0),
    water(names::ARCHIPELAGO_SEA, 60.15, 21.3, 8.0, 11.0),
    water(names::NORTH_SEA, 56.0, 3.0, 3.0, 8.0),
    water(names::SKAGERRAK, 57.95, 9.0, 6.0, 9.0),
    water(names::KATTEGAT, 56.8, 11.6, 7.0, 10.0),
    water(names::NORWEGIAN_SEA, 68.0, 5.0, 3.0, 8.0),
    water(names::BARENTS_SEA, 73.0, 40.0, 3.0, 8.0),
    water(names::WHITE_SEA, 65.7, 36.9, 5.0, 9.0),
    water(names::GREENLAND_SEA, 75.0, -5.0, 3.0, 7.0),
    water(names::ATLANTIC_OCEAN, 50.0, -20.0, 3.0, 7.0),
    water(names::BAY_OF_BISCAY, 45.5, -4.5, 5.0, 8.0),
    water(names::ENGLISH_CHANNEL, 50.1, -2.3, 6.0, 9.0),
    water(names::MEDITERRANEAN_SEA, 37.5, 5.5, 3.0, 8.0),
    water(names::ADRIATIC_SEA, 42.9, 15.4, 5.0, 8.0),
    water(names::BLACK_SEA, 43.3, 34.5, 3.0, 8.0),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geometry::ScreenSize;
    use crate::view::map_area::map_limits;

    #[test]
    fn the_brief_names_are_right_in_every_language() {
        let find = |en: &str| LABELS.iter().find(|l| l.name.get(Language::En) == en).unwrap();
        assert_eq!(find("Baltic Sea").name.all(), ["Baltic Sea", "Itämeri", "Östersjön"]);
        assert_eq!(find("Gulf of Bothnia").name.all(), ["Gulf of Bothnia", "Pohjanlahti", "Bottniska viken"]);
        assert_eq!(find("Gulf of Finland").name(Language::Sv), "Finska viken");
        assert_eq!(find("Finland").name(Language::Fi), "Suomi");
        assert_eq!(find("Estonia").name(Language::Fi), "Viro");
    }

    #[test]
    fn every_label_is_complete_plain_text_with_a_sensible_range() {
        for label in LABELS {
            for name in label.name.all() {
                assert!(!name.trim().is_empty() && !name.contains(['<', '>', '&']), "{name:?}");
            }
            assert!(label.at.is_valid(), "{:?}", label.name);
            assert!(label.min_zoom < label.max_zoom, "{:?}", label.name);
            let en = label.name.get(Language::En);
            assert_eq!(LABELS.iter().filter(|l| l.name.get(Language::En) == en).count(), 1, "{en} twice");
        }
    }

    #[test]
    fn zoom_ranges_hand_over_between_a_gulf_and_its_basins() {
        let at = |en: &str, z: f64| {
            LABELS.iter().find(|l| l.name.get(Language::En) == en).unwrap().shows_at(Zoom::clamped(z))
        };
        assert!(at("Gulf of Bothnia", 4.0) && !at("Bothnian Sea", 4.0));
        assert!(!at("Gulf of Bothnia", 6.0) && at("Bothnian Sea", 6.0) && at("Bothnian Bay", 6.0));
        assert!(at("Finland", 3.0) && !at("Finland", 8.0));
    }

    #[test]
    fn the_opening_zoom_names_finland_and_its_seas_on_screen() {
        let limits = map_limits();
        let size = ScreenSize::new(1280.0, 800.0);
        let view = Viewport::new(project(LatLng::lat_lon(63.0, 25.0)), Zoom::clamped(5.0), size, limits);
        let shown: Vec<&str> = LABELS
            .iter()
            .filter(|l| l.shows_at(view.zoom()))
            .filter(|l| {
                let p = l.screen_position(&view);
                (0.0..=size.width).contains(&p.x) && (0.0..=size.height).contains(&p.y)
            })
            .map(|l| l.name.get(Language::En))
            .collect();
        for name in ["Finland", "Sweden", "Estonia", "Gulf of Finland", "Gulf of Bothnia"] {
            assert!(shown.contains(&name), "{name} not in {shown:?}");
        }
    }

    #[test]
    fn every_country_with_a_code_is_named_on_the_map() {
        for (code, name) in names::COUNTRIES {
            let drawn = LABELS.iter().filter(|l| l.kind == LabelKind::Country && l.name == name).count();
            assert_eq!(drawn, 1, "{code} is drawn once");
        }
    }
}
