//! Finding places, organisations, projects and themes by name, in any of the three languages,
//! forgiving case and diacritics: "jyvaskyla" finds Jyväskylä and "karleby" (Swedish) finds
//! Kokkola whatever language the app is in.
//!
//! Names are folded once when the index is built ([`fold`]); a query is folded the same way and
//! each of its words must begin a word of the name (or, failing that, appear inside one).
//! Results are ranked by how well they match, then by kind (places first), then by name.

use crate::data::model::{Dataset, MarkerKind, PlaceKind, RecordId, RecordType};
use crate::language::{Language, LocalizedText};
use crate::order::sorted_by;
use crate::text::ui_text::UiText;

/// At most this many suggestions are offered.
pub const MAX_SUGGESTIONS: usize = 8;

/// What a search result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResultKind {
    /// A place (an InnoCity or a partner place).
    Place(MarkerKind),
    /// An organisation.
    Organisation,
    /// A project.
    Project,
    /// A theme.
    Theme,
}

impl ResultKind {
    /// The type of record found, whose panel choosing the suggestion opens.
    pub fn record(self) -> RecordType {
        match self {
            Self::Place(_) => RecordType::Place,
            Self::Organisation => RecordType::Organisation,
            Self::Project => RecordType::Project,
            Self::Theme => RecordType::Theme,
        }
    }

    /// The kind in words, as a suggestion shows it.
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Self::Place(kind) => UiText(language).marker_kind(kind),
            Self::Organisation => UiText(language).marker_kind(MarkerKind::Organisation),
            Self::Project => UiText(language).project_kind(),
            Self::Theme => UiText(language).theme_kind(),
        }
    }
}

/// One searchable record: its names in every language, folded.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: RecordId,
    kind: ResultKind,
    name: LocalizedText,
    /// The folded names in English, Finnish and Swedish (duplicates removed).
    folded: Vec<String>,
}

/// A search result: the record, and the name to show in the current language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The record found.
    pub id: RecordId,
    /// What kind of record it is.
    pub kind: ResultKind,
    /// Its name in the language asked for.
    pub name: String,
    /// The name that matched and its language, when it is another language's (shown as
    /// "Kokkola (Karleby)").
    pub matched_other_name: Option<(Language, String)>,
}

/// The names of everything in a dataset, ready to search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    /// Indexes the places, organisations, projects and themes of `dataset`.
    pub fn new(dataset: &Dataset) -> Self {
        let place_kind = |kind: PlaceKind| match kind {
            PlaceKind::InnoCity => MarkerKind::InnoCity,
            _ => MarkerKind::Partner,
        };
        let entries = dataset
            .places
            .iter()
            .map(|p| (&p.id, ResultKind::Place(place_kind(p.kind)), &p.name))
            .chain(dataset.organisations.iter().map(|o| (&o.id, ResultKind::Organisation, &o.name)))
            .chain(dataset.projects.iter().map(|p| (&p.id, ResultKind::Project, &p.name)))
            .chain(dataset.themes.iter().map(|t| (&t.id, ResultKind::Theme, &t.name)))
            .map(|(id, kind, name)| {
                let mut folded: Vec<String> = Language::ALL.iter().map(|&l| fold(name.get(l))).collect();
                folded.dedup();
                Entry { id: id.clone(), kind, name: name.clone(), folded }
            })
            .collect();
        Self { entries }
    }

    /// The best matches for `query`, with names in `language`; empty for a blank query.
    pub fn search(&self, query: &str, language: Language) -> Vec<Suggestion> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let ranked: Vec<(Score, &Entry, usize)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let (score, name_index) = entry
                    .folded
                    .iter()
                    .enumerate()
                    .filter_map(|(i, name)| Some((score(name, &words)?, i)))
                    .max_by_key(|(s, _)| *s)?;
                Some((score, entry, name_index))
            })
            .collect();
        sorted_by(ranked, |(a, x, _), (b, y, _)| {
            b.cmp(a).then(x.kind.cmp(&y.kind)).then_with(|| x.name.get(language).cmp(y.name.get(language)))
        })
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, entry, name_index)| {
            let name = entry.name.get(language).to_owned();
            let matched = entry.folded.get(name_index);
            let other = Language::ALL
                .iter()
                .map(|&l| (l, entry.name.get(l)))
                .find(|(_, n)| Some(&fold(n)) == matched && *n != name)
                .filter(|_| matched != Some(&fold(&name)))
                .map(|(l, n)| (l, n.to_owned()));
            Suggestion { id: entry.id.clone(), kind: entry.kind, name, matched_other_name: other }
        })
        .collect()
    }
}

/// How well a folded name matches the query's words; higher is better, `None` if a word is
/// missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// The whole name is the query.
    exact: bool,
    /// The name starts with the first word.
    starts: bool,
    /// How many words begin a word of the name (the rest only appear inside one).
    word_starts: usize,
}

fn score(name: &str, words: &[String]) -> Option<Score> {
    let mut word_starts = 0;
    for word in words {
        let at_word_start = name.split(|c: char| !c.is_alphanumeric()).any(|part| part.starts_with(word.as_str()));
        if at_word_start {
            word_starts += 1;
        } else if !name.contains(word.as_str()) {
            return None;
        }
    }
    Some(Score { exact: name == words.join(" "), starts: name.starts_with(words[0].as_str()), word_starts })
}

/// Lower case without diacritics, so that "Jyväskylä", "JYVASKYLA" and "jyvaskyla" are one
/// word: the letters of European Latin alphabets (Latin-1 and Latin Extended-A, and Romanian's
/// ș and ț) are reduced to their base letter, æ, œ, ĳ and þ to two, ß to "ss"; other punctuation
/// becomes a space. Other scripts are kept as they are, uncased: a table of our own rather than
/// Unicode's case and normalisation tables, which would add tens of kilobytes to the app.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let separate = |folded: &mut String| {
        if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    };
    for c in text.chars() {
        match c {
            'a'..='z' | '0'..='9' => folded.push(c),
            'A'..='Z' => folded.push(c.to_ascii_lowercase()),
            'Æ' | 'æ' => folded.push_str("ae"),
            'Œ' | 'œ' => folded.push_str("oe"),
            'Ĳ' | 'ĳ' => folded.push_str("ij"),
            'Þ' | 'þ' => folded.push_str("th"),
            'ß' => folded.push_str("ss"),
            'Ð' | 'ð' | 'Đ' | 'đ' => folded.push('d'),
            'Ø' | 'ø' => folded.push('o'),
            'Ħ' | 'ħ' => folded.push('h'),
            'ı' => folded.push('i'),
            'ĸ' => folded.push('k'),
            'Ŀ' | 'ŀ' | 'Ł' | 'ł' => folded.push('l'),
            'ŉ' | 'Ŋ' | 'ŋ' => folded.push('n'),
            'Ŧ' | 'ŧ' | 'Ț' | 'ț' => folded.push('t'),
            'ſ' | 'Ș' | 'ș' => folded.push('s'),
            '\u{C0}'..='\u{17F}' => match LATIN_BASE.as_bytes().get(c as usize - 0xC0) {
                Some(&base) if base != b'?' => folded.push(char::from(base)),
                _ => separate(&mut folded),
            },
            c if (c as u32) < 0x250
                || ('\u{2000}'..='\u{206F}').contains(&c)
                || ('\u{3000}'..='\u{303F}').contains(&c) =>
            {
                separate(&mut folded)
            }
            c => folded.push(c),
        }
    }
    let trimmed = folded.trim_end().len();
    folded.truncate(trimmed);
    folded
}

/// The base letter of each character from U+00C0 to U+017F ('?' where there is none, or where
/// [`fold`] handles it itself), from Unicode's canonical decompositions.
const LATIN_BASE: &str = "aaaaaa?ceeeeiiii?nooooo??uuuuy??aaaaaa?ceeeeiiii?nooooo??uuuuy?yaaaaaaccccccccdd??eeeeeeeeeegggggggghh??iiiiiiiii???jjkk?llllll????nnnnnn???oooooo??rrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyzzzzzz?";

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> SearchIndex {
        crate::map_data::bundled_for_tests().search
    }

    fn ids(results: &[Suggestion]) -> Vec<&str> {
        results.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn folding_forgets_case_diacritics_and_punctuation() {
        assert_eq!(fold("Jyväskylä"), "jyvaskyla");
        assert_eq!(fold("ÅBO Akademi"), "abo akademi");
        assert_eq!(fold("Green Electrification – national"), "green electrification national");
        assert_eq!(fold("Øresund, Malmö"), "oresund malmo");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("  "), "");
        assert_eq!(
            fold("Łódź, Kraków; Ærøskøbing — Şanlıurfa ÞINGVELLIR"),
            "lodz krakow aeroskobing sanliurfa thingvellir"
        );
        assert_eq!(fold("Timișoara × Київ"), "timisoara Київ", "other scripts stay as written, uncased");
    }

    #[test]
    fn a_name_is_found_without_its_diacritics_and_in_another_language() {
        let index = bundled();
        assert_eq!(ids(&index.search("jyvaskyla", Language::En))[0], "jyvaskyla");
        assert_eq!(ids(&index.search("JYVÄSKYLÄ", Language::Fi))[0], "jyvaskyla");
        let karleby = index.search("karleby", Language::En);
        assert_eq!(karleby[0].id.as_str(), "kokkola", "the Swedish name finds the place");
        assert_eq!(karleby[0].name, "Kokkola");
        assert_eq!(karleby[0].matched_other_name, Some((Language::Sv, "Karleby".to_owned())));
        let in_swedish = index.search("karleby", Language::Sv);
        assert_eq!(in_swedish[0].name, "Karleby");
        assert_eq!(in_swedish[0].matched_other_name, None, "the name shown is the one that matched");
        assert_eq!(ids(&index.search("åbo", Language::En))[0], "turku");
    }

    #[test]
    fn places_come_before_what_only_mentions_them_and_all_kinds_are_found() {
        let index = bundled();
        let oulu = index.search("oulu", Language::En);
        assert_eq!(oulu[0].id.as_str(), "oulu", "{oulu:?}");
        assert!(oulu.iter().any(|s| s.kind == ResultKind::Organisation), "the University of Oulu too: {oulu:?}");
        assert!(oulu.len() <= MAX_SUGGESTIONS);
        let battery = index.search("battery", Language::En);
        assert!(battery.iter().any(|s| s.kind == ResultKind::Project), "{battery:?}");
        let words = index.search("univ oulu", Language::En);
        assert!(words.first().is_some_and(|s| s.kind == ResultKind::Organisation), "every word must match: {words:?}");
        assert!(index.search("", Language::En).is_empty());
        assert!(index.search("zzzz-no-such-place", Language::En).is_empty());
    }

    #[test]
    fn a_suggestion_opens_the_panel_of_its_record_type() {
        assert_eq!(ResultKind::Place(MarkerKind::Partner).record(), RecordType::Place);
        assert_eq!(ResultKind::Organisation.record(), RecordType::Organisation);
        assert_eq!(ResultKind::Project.record(), RecordType::Project);
        assert_eq!(ResultKind::Theme.record(), RecordType::Theme);
    }
}
