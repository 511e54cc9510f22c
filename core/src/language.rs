//! The languages InnoMap speaks, and text given in each of them.
//!
//! Place names differ by language (Kokkola is Karleby in Swedish, Turku is Åbo), so data text is
//! a [`LocalizedText`], never a bare string. This module imports nothing of the project, so every
//! other module can use it without an import circle.

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

    /// The language to start in: the one the address names, else the first of the browser's
    /// preferred languages that we speak, else English.
    pub fn first_choice(from_address: Option<Language>, browser_preferences: &[String]) -> Self {
        from_address.or_else(|| browser_preferences.iter().find_map(|tag| Self::from_tag(tag))).unwrap_or_default()
    }

    /// The language's name in itself, as a language switch offers it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fi => "Suomi",
            Self::Sv => "Svenska",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in all three languages, held in one allocation (a dataset has tens of thousands of
/// them, and reading speed is dominated by allocation).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LocalizedText {
    /// English, Finnish and Swedish, one after the other.
    joined: Box<str>,
    /// Where the Finnish and the Swedish texts start in `joined`.
    starts: [usize; 2],
}

impl LocalizedText {
    /// The text given in English, Finnish and Swedish.
    pub fn new(en: &str, fi: &str, sv: &str) -> Self {
        let mut joined = String::with_capacity(en.len() + fi.len() + sv.len());
        joined.push_str(en);
        joined.push_str(fi);
        joined.push_str(sv);
        Self { joined: joined.into_boxed_str(), starts: [en.len(), en.len() + fi.len()] }
    }

    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        let [fi, sv] = self.starts;
        let range = match language {
            Language::En => 0..fi,
            Language::Fi => fi..sv,
            Language::Sv => sv..self.joined.len(),
        };
        // The starts are char boundaries by construction; `get` keeps this panic-free anyway.
        self.joined.get(range).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_wins_then_the_browser_then_english() {
        let browser = vec!["de-DE".to_owned(), "sv-FI".to_owned(), "fi".to_owned()];
        assert_eq!(Language::first_choice(Some(Language::Fi), &browser), Language::Fi);
        assert_eq!(Language::first_choice(None, &browser), Language::Sv, "the first one we speak");
        assert_eq!(Language::first_choice(None, &["de".to_owned()]), Language::En);
        assert_eq!(Language::first_choice(None, &[]), Language::En);
    }

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
        let t = LocalizedText::new("Kokkola", "Kokkola", "Karleby");
        assert_eq!(t.get(Language::Sv), "Karleby");
    }
}
