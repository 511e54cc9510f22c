//! Country and sea names drawn on the basemap, in the active language.
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
//! place's marker or label is left out of that view (see `core::marker_layer`).

use super::geo::LatLng;
use super::geometry::{ScreenPoint, ScreenRect};
use super::i18n::Language;
use super::label_placement::{estimate_text_width, LABEL_FONT_PX, LABEL_HEIGHT_PX};
use super::projection::project;
use super::viewport::{Viewport, Zoom};

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
    /// English, Finnish and Swedish names.
    pub names: [&'static str; 3],
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
        match language {
            Language::En => self.names[0],
            Language::Fi => self.names[1],
            Language::Sv => self.names[2],
        }
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

const fn country(en: &'static str, fi: &'static str, sv: &'static str, lat: f64, lon: f64, min_zoom: f64) -> MapLabel {
    MapLabel { names: [en, fi, sv], at: LatLng::lat_lon(lat, lon), min_zoom, max_zoom: 8.0, kind: LabelKind::Country }
}

#[allow(clippy::too_many_arguments)]
const fn water(
    en: &'static str,
    fi: &'static str,
    sv: &'static str,
    lat: f64,
    lon: f64,
    min_zoom: f64,
    max_zoom: f64,
) -> MapLabel {
    MapLabel { names: [en, fi, sv], at: LatLng::lat_lon(lat, lon), min_zoom, max_zoom, kind: LabelKind::Water }
}

/// Every label, countries first. Countries show up to zoom 8 (a region view names its places
/// instead); large ones from zoom 3, small ones once there is room.
pub const LABELS: &[MapLabel] = &[
    country("Finland", "Suomi", "Finland", 64.5, 28.9, 3.0),
    country("Sweden", "Ruotsi", "Sverige", 64.6, 15.6, 3.0),
    country("Norway", "Norja", "Norge", 61.8, 8.6, 3.0),
    country("Russia", "Venäjä", "Ryssland", 61.5, 38.0, 3.0),
    country("Estonia", "Viro", "Estland", 58.75, 25.9, 5.0),
    country("Latvia", "Latvia", "Lettland", 56.75, 26.2, 5.0),
    country("Lithuania", "Liettua", "Litauen", 55.35, 24.0, 5.0),
    country("Denmark", "Tanska", "Danmark", 56.1, 9.2, 5.0),
    country("Poland", "Puola", "Polen", 52.1, 19.4, 4.0),
    country("Germany", "Saksa", "Tyskland", 51.0, 10.3, 4.0),
    country("Netherlands", "Alankomaat", "Nederländerna", 52.5, 5.7, 5.0),
    country("Belgium", "Belgia", "Belgien", 50.55, 4.6, 6.0),
    country("France", "Ranska", "Frankrike", 46.6, 2.4, 4.0),
    country("United Kingdom", "Yhdistynyt kuningaskunta", "Storbritannien", 53.0, -1.8, 5.0),
    country("Ireland", "Irlanti", "Irland", 53.2, -8.0, 5.0),
    country("Iceland", "Islanti", "Island", 64.9, -18.6, 4.0),
    country("Spain", "Espanja", "Spanien", 40.0, -3.6, 4.0),
    country("Portugal", "Portugali", "Portugal", 39.7, -8.0, 5.0),
    country("Italy", "Italia", "Italien", 42.8, 12.6, 4.0),
    country("Switzerland", "Sveitsi", "Schweiz", 46.8, 8.2, 6.0),
    country("Austria", "Itävalta", "Österrike", 47.6, 14.1, 5.0),
    country("Czechia", "Tšekki", "Tjeckien", 49.8, 15.5, 5.0),
    country("Slovakia", "Slovakia", "Slovakien", 48.7, 19.6, 6.0),
    country("Hungary", "Unkari", "Ungern", 47.1, 19.4, 5.0),
    country("Belarus", "Valko-Venäjä", "Belarus", 53.6, 28.0, 4.0),
    country("Ukraine", "Ukraina", "Ukraina", 49.0, 31.5, 4.0),
    country("Romania", "Romania", "Rumänien", 45.9, 25.0, 4.0),
    country("Bulgaria", "Bulgaria", "Bulgarien", 42.7, 25.3, 5.0),
    country("Greece", "Kreikka", "Grekland", 39.3, 22.0, 5.0),
    country("Serbia", "Serbia", "Serbien", 44.0, 20.8, 6.0),
    country("Croatia", "Kroatia", "Kroatien", 45.6, 16.3, 6.0),
    country("Türkiye", "Turkki", "Turkiet", 39.0, 34.0, 4.0),
    water("Baltic Sea", "Itämeri", "Östersjön", 56.0, 18.4, 3.0, 8.0),
    water("Gulf of Bothnia", "Pohjanlahti", "Bottniska viken", 63.0, 20.2, 3.0, 5.5),
    water("Bothnian Sea", "Selkämeri", "Bottenhavet", 61.8, 19.6, 5.5, 9.0),
    water("Bothnian Bay", "Perämeri", "Bottenviken", 65.35, 23.6, 5.5, 9.0),
    water("Gulf of Finland", "Suomenlahti", "Finska viken", 59.75, 26.2, 5.0, 9.0),
    water("Gulf of Riga", "Riianlahti", "Rigabukten", 57.6, 23.3, 6.0, 9.0),
    water("Åland Sea", "Ahvenanmeri", "Ålands hav", 60.05, 19.2, 7.0, 10.0),
    water("Archipelago Sea", "Saaristomeri", "Skärgårdshavet", 60.15, 21.3, 8.0, 11.0),
    water("North Sea", "Pohjanmeri", "Nordsjön", 56.0, 3.0, 3.0, 8.0),
    water("Skagerrak", "Skagerrak", "Skagerrak", 57.95, 9.0, 6.0, 9.0),
    water("Kattegat", "Kattegat", "Kattegatt", 56.8, 11.6, 7.0, 10.0),
    water("Norwegian Sea", "Norjanmeri", "Norska havet", 68.0, 5.0, 3.0, 8.0),
    water("Barents Sea", "Barentsinmeri", "Barents hav", 73.0, 40.0, 3.0, 8.0),
    water("White Sea", "Vienanmeri", "Vita havet", 65.7, 36.9, 5.0, 9.0),
    water("Greenland Sea", "Grönlanninmeri", "Grönlandshavet", 75.0, -5.0, 3.0, 7.0),
    water("Atlantic Ocean", "Atlantin valtameri", "Atlanten", 50.0, -20.0, 3.0, 7.0),
    water("Bay of Biscay", "Biskajanlahti", "Biscayabukten", 45.5, -4.5, 5.0, 8.0),
    water("English Channel", "Englanninkanaali", "Engelska kanalen", 50.1, -2.3, 6.0, 9.0),
    water("Mediterranean Sea", "Välimeri", "Medelhavet", 37.5, 5.5, 3.0, 8.0),
    water("Adriatic Sea", "Adrianmeri", "Adriatiska havet", 42.9, 15.4, 5.0, 8.0),
    water("Black Sea", "Mustameri", "Svarta havet", 43.3, 34.5, 3.0, 8.0),
];

/// The ISO 3166-1 alpha-2 code of each country labelled on the map, with its English name there.
const COUNTRY_CODES: [(&str, &str); 32] = [
    ("FI", "Finland"),
    ("SE", "Sweden"),
    ("NO", "Norway"),
    ("RU", "Russia"),
    ("EE", "Estonia"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("DK", "Denmark"),
    ("PL", "Poland"),
    ("DE", "Germany"),
    ("NL", "Netherlands"),
    ("BE", "Belgium"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("IS", "Iceland"),
    ("ES", "Spain"),
    ("PT", "Portugal"),
    ("IT", "Italy"),
    ("CH", "Switzerland"),
    ("AT", "Austria"),
    ("CZ", "Czechia"),
    ("SK", "Slovakia"),
    ("HU", "Hungary"),
    ("BY", "Belarus"),
    ("UA", "Ukraine"),
    ("RO", "Romania"),
    ("BG", "Bulgaria"),
    ("GR", "Greece"),
    ("RS", "Serbia"),
    ("HR", "Croatia"),
    ("TR", "Türkiye"),
];

/// The name in `language` of the country with ISO 3166-1 alpha-2 `code` (any case), if it is one
/// of the countries the map labels.
pub fn country_name(code: &str, language: Language) -> Option<&'static str> {
    let (_, english) = COUNTRY_CODES.iter().find(|(c, _)| c.eq_ignore_ascii_case(code))?;
    LABELS.iter().find(|l| l.kind == LabelKind::Country && l.names[0] == *english).map(|l| l.name(language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::map_limits;
    use crate::core::geometry::ScreenSize;

    #[test]
    fn the_brief_names_are_right_in_every_language() {
        let find = |en: &str| LABELS.iter().find(|l| l.names[0] == en).unwrap();
        assert_eq!(find("Baltic Sea").names, ["Baltic Sea", "Itämeri", "Östersjön"]);
        assert_eq!(find("Gulf of Bothnia").names, ["Gulf of Bothnia", "Pohjanlahti", "Bottniska viken"]);
        assert_eq!(find("Gulf of Finland").name(Language::Sv), "Finska viken");
        assert_eq!(find("Finland").name(Language::Fi), "Suomi");
        assert_eq!(find("Estonia").name(Language::Fi), "Viro");
    }

    #[test]
    fn every_label_is_complete_plain_text_with_a_sensible_range() {
        for label in LABELS {
            for name in label.names {
                assert!(!name.trim().is_empty() && !name.contains(['<', '>', '&']), "{name:?}");
            }
            assert!(label.at.is_valid(), "{:?}", label.names);
            assert!(label.min_zoom < label.max_zoom, "{:?}", label.names);
            let en = label.names[0];
            assert_eq!(LABELS.iter().filter(|l| l.names[0] == en).count(), 1, "{en} twice");
        }
    }

    #[test]
    fn zoom_ranges_hand_over_between_a_gulf_and_its_basins() {
        let at = |en: &str, z: f64| LABELS.iter().find(|l| l.names[0] == en).unwrap().shows_at(Zoom::clamped(z));
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
            .map(|l| l.names[0])
            .collect();
        for name in ["Finland", "Sweden", "Estonia", "Gulf of Finland", "Gulf of Bothnia"] {
            assert!(shown.contains(&name), "{name} not in {shown:?}");
        }
    }

    #[test]
    fn countries_are_named_by_code_in_each_language() {
        assert_eq!(country_name("FI", Language::Fi), Some("Suomi"));
        assert_eq!(country_name("se", Language::En), Some("Sweden"));
        assert_eq!(country_name("NL", Language::Sv), Some("Nederländerna"));
        assert_eq!(country_name("XX", Language::En), None);
        for (code, _) in COUNTRY_CODES {
            assert!(country_name(code, Language::En).is_some(), "{code} has a label");
        }
    }
}
