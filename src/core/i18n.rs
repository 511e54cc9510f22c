//! The three languages of InnoMap and text given in each of them.
//!
//! Place names differ by language (Kokkola is Karleby in Swedish, Turku is Åbo), so data text is
//! a [`LocalizedText`], never a bare string. The user-interface wording lives in [`UiText`].

use std::fmt;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// English, the default for international visitors.
    #[default]
    En,
    /// Finnish.
    Fi,
    /// Swedish (Finland's second official language).
    Sv,
}

impl Language {
    /// Every language, in the order they are offered.
    pub const ALL: [Language; 3] = [Language::En, Language::Fi, Language::Sv];

    /// The BCP 47 tag, for `lang` attributes and data keys.
    pub const fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fi => "fi",
            Self::Sv => "sv",
        }
    }

    /// The language for a tag such as `fi-FI` or `sv`, if we speak it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in all three languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LocalizedText {
    /// English.
    pub en: String,
    /// Finnish.
    pub fi: String,
    /// Swedish.
    pub sv: String,
}

impl LocalizedText {
    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::En => &self.en,
            Language::Fi => &self.fi,
            Language::Sv => &self.sv,
        }
    }
}

/// User-interface wording, one function per message so a missing translation is a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UiText(pub Language);

impl UiText {
    /// Shown while the data loads.
    pub fn loading(self) -> &'static str {
        match self.0 {
            Language::En => "Loading map data…",
            Language::Fi => "Ladataan kartta-aineistoa…",
            Language::Sv => "Kartdata läses in…",
        }
    }

    /// Heading of the load-failure message.
    pub fn load_failed(self) -> &'static str {
        match self.0 {
            Language::En => "The map data could not be loaded.",
            Language::Fi => "Kartta-aineistoa ei voitu ladata.",
            Language::Sv => "Kartdata kunde inte läsas in.",
        }
    }

    /// The retry button.
    pub fn retry(self) -> &'static str {
        match self.0 {
            Language::En => "Try again",
            Language::Fi => "Yritä uudelleen",
            Language::Sv => "Försök igen",
        }
    }

    /// The close button of a panel.
    pub fn close(self) -> &'static str {
        match self.0 {
            Language::En => "Close",
            Language::Fi => "Sulje",
            Language::Sv => "Stäng",
        }
    }

    /// Accessible name of the map region.
    pub fn map_label(self) -> &'static str {
        match self.0 {
            Language::En => "Map of the InnoCities and their partner regions",
            Language::Fi => "Kartta Innokaupungeista ja niiden kumppanialueista",
            Language::Sv => "Karta över InnoCities och deras partnerregioner",
        }
    }

    /// Zoom-in button.
    pub fn zoom_in(self) -> &'static str {
        match self.0 {
            Language::En => "Zoom in",
            Language::Fi => "Lähennä",
            Language::Sv => "Zooma in",
        }
    }

    /// Zoom-out button.
    pub fn zoom_out(self) -> &'static str {
        match self.0 {
            Language::En => "Zoom out",
            Language::Fi => "Loitonna",
            Language::Sv => "Zooma ut",
        }
    }

    /// Notice when some records in the data could not be shown.
    pub fn skipped_records(self, count: usize) -> String {
        match self.0 {
            Language::En => format!("{count} record(s) in the data could not be shown:"),
            Language::Fi => format!("{count} aineiston tietuetta ei voitu näyttää:"),
            Language::Sv => format!("{count} poster i datan kunde inte visas:"),
        }
    }

    /// Attribution of the basemap.
    pub fn basemap_credit(self) -> &'static str {
        match self.0 {
            Language::En => "Basemap: Natural Earth (public domain)",
            Language::Fi => "Taustakartta: Natural Earth (vapaa käyttö)",
            Language::Sv => "Bakgrundskarta: Natural Earth (fri användning)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Language::from_tag("fi-FI"), Some(Language::Fi));
        assert_eq!(Language::from_tag("SV_se"), Some(Language::Sv));
        assert_eq!(Language::from_tag("en"), Some(Language::En));
        assert_eq!(Language::from_tag("de-DE"), None);
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn localized_text_picks_the_language() {
        let t = LocalizedText { en: "Kokkola".into(), fi: "Kokkola".into(), sv: "Karleby".into() };
        assert_eq!(t.get(Language::Sv), "Karleby");
        assert_eq!(UiText(Language::Fi).retry(), "Yritä uudelleen");
    }
}
