//! Country and sea names in every language, for the names drawn on the basemap and for the
//! countries in filters, panels and lists.
//!
//! Names follow the official forms: the Institute for the Languages of Finland (Kotus) for
//! Finnish and Swedish as used in Finland, and the UN / IHO English names. Where each name is
//! drawn, and from which zoom, is a cartographic choice made in `layers::map_labels`.

use crate::language::Language;

/// A name in every language the app speaks, in the order of [`Language::ALL`]: a new language
/// makes every name without its translation a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceName([&'static str; Language::ALL.len()]);

impl PlaceName {
    /// The name in English, Finnish and Swedish.
    pub const fn new(en: &'static str, fi: &'static str, sv: &'static str) -> Self {
        Self([en, fi, sv])
    }

    /// The name in `language`.
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::En => self.0[0],
            Language::Fi => self.0[1],
            Language::Sv => self.0[2],
        }
    }

    /// The name in every language, in the order of [`Language::ALL`].
    pub const fn all(self) -> [&'static str; Language::ALL.len()] {
        self.0
    }
}
// Countries.
/// Finland.
pub const FINLAND: PlaceName = PlaceName::new("Finland", "Suomi", "Finland");
/// Sweden.
pub const SWEDEN: PlaceName = PlaceName::new("Sweden", "Ruotsi", "Sverige");
/// Norway.
pub const NORWAY: PlaceName = PlaceName::new("Norway", "Norja", "Norge");
/// Russia.
pub const RUSSIA: PlaceName = PlaceName::new("Russia", "Venäjä", "Ryssland");
/// Estonia.
pub const ESTONIA: PlaceName = PlaceName::new("Estonia", "Viro", "Estland");
/// Latvia.
pub const LATVIA: PlaceName = PlaceName::new("Latvia", "Latvia", "Lettland");
/// Lithuania.
pub const LITHUANIA: PlaceName = PlaceName::new("Lithuania", "Liettua", "Litauen");
/// Denmark.
pub const DENMARK: PlaceName = PlaceName::new("Denmark", "Tanska", "Danmark");
/// Poland.
pub const POLAND: PlaceName = PlaceName::new("Poland", "Puola", "Polen");
/// Germany.
pub const GERMANY: PlaceName = PlaceName::new("Germany", "Saksa", "Tyskland");
/// Netherlands.
pub const NETHERLANDS: PlaceName = PlaceName::new("Netherlands", "Alankomaat", "Nederländerna");
/// Belgium.
pub const BELGIUM: PlaceName = PlaceName::new("Belgium", "Belgia", "Belgien");
/// France.
pub const FRANCE: PlaceName = PlaceName::new("France", "Ranska", "Frankrike");
/// United Kingdom.
pub const UNITED_KINGDOM: PlaceName = PlaceName::new("United Kingdom", "Yhdistynyt kuningaskunta", "Storbritannien");
/// Ireland.
pub const IRELAND: PlaceName = PlaceName::new("Ireland", "Irlanti", "Irland");
/// Iceland.
pub const ICELAND: PlaceName = PlaceName::new("Iceland", "Islanti", "Island");
/// Spain.
pub const SPAIN: PlaceName = PlaceName::new("Spain", "Espanja", "Spanien");
/// Portugal.
pub const PORTUGAL: PlaceName = PlaceName::new("Portugal", "Portugali", "Portugal");
/// Italy.
pub const ITALY: PlaceName = PlaceName::new("Italy", "Italia", "Italien");
/// Switzerland.
pub const SWITZERLAND: PlaceName = PlaceName::new("Switzerland", "Sveitsi", "Schweiz");
/// Austria.
pub const AUSTRIA: PlaceName = PlaceName::new("Austria", "Itävalta", "Österrike");
/// Czechia.
pub const CZECHIA: PlaceName = PlaceName::new("Czechia", "Tšekki", "Tjeckien");
/// Slovakia.
pub const SLOVAKIA: PlaceName = PlaceName::new("Slovakia", "Slovakia", "Slovakien");
/// Hungary.
pub const HUNGARY: PlaceName = PlaceName::new("Hungary", "Unkari", "Ungern");
/// Belarus.
pub const BELARUS: PlaceName = PlaceName::new("Belarus", "Valko-Venäjä", "Belarus");
/// Ukraine.
pub const UKRAINE: PlaceName = PlaceName::new("Ukraine", "Ukraina", "Ukraina");
/// Romania.
pub const ROMANIA: PlaceName = PlaceName::new("Romania", "Romania", "Rumänien");
/// Bulgaria.
pub const BULGARIA: PlaceName = PlaceName::new("Bulgaria", "Bulgaria", "Bulgarien");
/// Greece.
pub const GREECE: PlaceName = PlaceName::new("Greece", "Kreikka", "Grekland");
/// Serbia.
pub const SERBIA: PlaceName = PlaceName::new("Serbia", "Serbia", "Serbien");
/// Croatia.
pub const CROATIA: PlaceName = PlaceName::new("Croatia", "Kroatia", "Kroatien");
/// Türkiye.
pub const TURKIYE: PlaceName = PlaceName::new("Türkiye", "Turkki", "Turkiet");

// Seas, gulfs and oceans.
/// Baltic Sea.
pub const BALTIC_SEA: PlaceName = PlaceName::new("Baltic Sea", "Itämeri", "Östersjön");
/// Gulf of Bothnia.
pub const GULF_OF_BOTHNIA: PlaceName = PlaceName::new("Gulf of Bothnia", "Pohjanlahti", "Bottniska viken");
/// Bothnian Sea.
pub const BOTHNIAN_SEA: PlaceName = PlaceName::new("Bothnian Sea", "Selkämeri", "Bottenhavet");
/// Bothnian Bay.
pub const BOTHNIAN_BAY: PlaceName = PlaceName::new("Bothnian Bay", "Perämeri", "Bottenviken");
/// Gulf of Finland.
pub const GULF_OF_FINLAND: PlaceName = PlaceName::new("Gulf of Finland", "Suomenlahti", "Finska viken");
/// Gulf of Riga.
pub const GULF_OF_RIGA: PlaceName = PlaceName::new("Gulf of Riga", "Riianlahti", "Rigabukten");
/// Åland Sea.
pub const ALAND_SEA: PlaceName = PlaceName::new("Åland Sea", "Ahvenanmeri", "Ålands hav");
/// Archipelago Sea.
pub const ARCHIPELAGO_SEA: PlaceName = PlaceName::new("Archipelago Sea", "Saaristomeri", "Skärgårdshavet");
/// North Sea.
pub const NORTH_SEA: PlaceName = PlaceName::new("North Sea", "Pohjanmeri", "Nordsjön");
/// Skagerrak.
pub const SKAGERRAK: PlaceName = PlaceName::new("Skagerrak", "Skagerrak", "Skagerrak");
/// Kattegat.
pub const KATTEGAT: PlaceName = PlaceName::new("Kattegat", "Kattegat", "Kattegatt");
/// Norwegian Sea.
pub const NORWEGIAN_SEA: PlaceName = PlaceName::new("Norwegian Sea", "Norjanmeri", "Norska havet");
/// Barents Sea.
pub const BARENTS_SEA: PlaceName = PlaceName::new("Barents Sea", "Barentsinmeri", "Barents hav");
/// White Sea.
pub const WHITE_SEA: PlaceName = PlaceName::new("White Sea", "Vienanmeri", "Vita havet");
/// Greenland Sea.
pub const GREENLAND_SEA: PlaceName = PlaceName::new("Greenland Sea", "Grönlanninmeri", "Grönlandshavet");
/// Atlantic Ocean.
pub const ATLANTIC_OCEAN: PlaceName = PlaceName::new("Atlantic Ocean", "Atlantin valtameri", "Atlanten");
/// Bay of Biscay.
pub const BAY_OF_BISCAY: PlaceName = PlaceName::new("Bay of Biscay", "Biskajanlahti", "Biscayabukten");
/// English Channel.
pub const ENGLISH_CHANNEL: PlaceName = PlaceName::new("English Channel", "Englanninkanaali", "Engelska kanalen");
/// Mediterranean Sea.
pub const MEDITERRANEAN_SEA: PlaceName = PlaceName::new("Mediterranean Sea", "Välimeri", "Medelhavet");
/// Adriatic Sea.
pub const ADRIATIC_SEA: PlaceName = PlaceName::new("Adriatic Sea", "Adrianmeri", "Adriatiska havet");
/// Black Sea.
pub const BLACK_SEA: PlaceName = PlaceName::new("Black Sea", "Mustameri", "Svarta havet");

/// The ISO 3166-1 alpha-2 code of each country named on the map, with its name.
pub const COUNTRIES: [(&str, PlaceName); 32] = [
    ("FI", FINLAND),
    ("SE", SWEDEN),
    ("NO", NORWAY),
    ("RU", RUSSIA),
    ("EE", ESTONIA),
    ("LV", LATVIA),
    ("LT", LITHUANIA),
    ("DK", DENMARK),
    ("PL", POLAND),
    ("DE", GERMANY),
    ("NL", NETHERLANDS),
    ("BE", BELGIUM),
    ("FR", FRANCE),
    ("GB", UNITED_KINGDOM),
    ("IE", IRELAND),
    ("IS", ICELAND),
    ("ES", SPAIN),
    ("PT", PORTUGAL),
    ("IT", ITALY),
    ("CH", SWITZERLAND),
    ("AT", AUSTRIA),
    ("CZ", CZECHIA),
    ("SK", SLOVAKIA),
    ("HU", HUNGARY),
    ("BY", BELARUS),
    ("UA", UKRAINE),
    ("RO", ROMANIA),
    ("BG", BULGARIA),
    ("GR", GREECE),
    ("RS", SERBIA),
    ("HR", CROATIA),
    ("TR", TURKIYE),
];

/// The name in `language` of the country with ISO 3166-1 alpha-2 `code` (any case), if it is one
/// of the countries the map names.
pub fn country_name(code: &str, language: Language) -> Option<&'static str> {
    COUNTRIES.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map(|(_, name)| name.get(language))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_by_code_in_each_language() {
        assert_eq!(country_name("FI", Language::Fi), Some("Suomi"));
        assert_eq!(country_name("se", Language::En), Some("Sweden"));
        assert_eq!(country_name("NL", Language::Sv), Some("Nederländerna"));
        assert_eq!(country_name("XX", Language::En), None);
        for (code, _) in COUNTRIES {
            assert!(country_name(code, Language::En).is_some(), "{code} has a name");
        }
    }
}
