//! Reading one feature's fields: the [`RecordReader`] that collects a feature's problems (which
//! field, what was found, what was expected) and its field readers (texts in three languages,
//! ids, URLs, dates, periods, amounts, the point of a place, provenance and sources), with the
//! wordings of what is expected, the text limits, and the test that keeps file paths out of
//! citations.
//!
//! Each field reader reports its own problems and returns what it could read, so a record
//! reader (in `records`) reads every field before deciding whether the record stands, and a
//! record with several mistakes reports them all at once. This is the lowest file of the
//! reader: the types every other part of it shares live here.

use std::fmt;

use geojson::GeometryValue;
use serde_json_borrow::{ObjectAsVec, Value as Json};

use crate::data::envelope::{describe_json, geometry_of};
use crate::data::error::{shorten, FeatureRef, Problem, ProblemKind, Severity};
use crate::data::model::{Link, PartialDate, Period, Provenance, RecordId, RecordType, SafeUrl, Source};
use crate::geo::latlng::LatLng;
use crate::language::{Language, LocalizedText};

/// The longest text (description, note), in characters.
pub const MAX_TEXT_CHARS: usize = 600;
/// The longest name or title, in characters.
pub const MAX_NAME_CHARS: usize = 200;

// What a field should hold, in the words of the messages; shared by the field and record readers.
pub(super) const EXPECTED_TEXT: &str = "an object with \"en\", \"fi\" and \"sv\" texts";
pub(super) const EXPECTED_ID: &str = "an id of 1-64 characters a-z, 0-9 and '-'";
pub(super) const EXPECTED_POINT: &str = "a Point with [longitude, latitude] in degrees";
pub(super) const EXPECTED_RECORD: &str = "one of theme, place, organisation, agreement, project, activity";
const EXPECTED_SOURCE: &str = "a source object with \"url\", \"title\" or \"document\"";
const EXPECTED_SOURCES: &str = "a non-empty array of sources ({\"url\": …}, {\"title\": …} or {\"document\": …})";
/// What a source's title, publisher or document must be instead of a file path.
pub const EXPECTED_CITATION: &str = "a readable citation (title, publisher, date or address), not a file path";

/// Where a field is inside a feature, written out only when a problem is reported, so reading
/// a clean file allocates no paths. Built on the stack: `Sub(&parent, "sv")`.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    /// A member of the feature itself, e.g. `id`, `geometry`.
    Root(&'p str),
    /// A member of `properties`.
    Prop(&'p str),
    /// A member of an object field.
    Sub(&'p Path<'p>, &'p str),
    /// An item of an array field.
    Item(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Root(name) => f.write_str(name),
            Self::Prop(name) => write!(f, "properties.{name}"),
            Self::Sub(parent, name) => write!(f, "{parent}.{name}"),
            Self::Item(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// Properties of a feature.
pub(super) struct Props<'v, 'a>(pub(super) &'v ObjectAsVec<'a>);

impl<'a> Props<'_, 'a> {
    pub(super) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.get(key)
    }
}

/// The members of an object, or none.
pub(super) fn members<'v, 'a>(value: &'v Json<'a>) -> Option<&'v ObjectAsVec<'a>> {
    value.as_object()
}

/// The position of a geometry written exactly as `{"type": "Point", "coordinates": [lon, lat]}`
/// (the shape of nearly every record), read without building a geojson value. Anything else,
/// including every malformed geometry, goes through geojson, which also words the problem.
pub(super) fn plain_point(value: &Json<'_>) -> Option<LatLng> {
    let object = value.as_object()?;
    if object.len() != 2 || object.get("type")?.as_str()? != "Point" {
        return None;
    }
    match object.get("coordinates")?.as_array()? {
        [Json::Number(lon), Json::Number(lat)] => Some(LatLng::lon_lat(lon.as_f64()?, lat.as_f64()?)),
        _ => None,
    }
}

/// Whether text contains something a browser would read as a tag: `<` followed by a letter,
/// `/`, `!` or `?`. ("3 < 4" stays allowed.)
pub fn contains_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        bytes.get(at + 1).is_some_and(|next| next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?'))
    })
}

/// The first word of `text` that is a file path, such as `seeds/000_ffd7de426077d699.txt`,
/// `C:\docs\a.pdf` or `./notes.md`: a word holding `/` or `\` whose last part ends in a file
/// extension, and that is not an http(s) address. "1/2023", "§ 145", "km/h" and "page 2" are
/// not paths.
///
/// A source names where a visitor can find it, and a path only says where an editor kept a copy:
/// it would be shown to every visitor and leads nowhere.
pub fn file_path_in(text: &str) -> Option<&str> {
    // Brackets, quotes and sentence punctuation around a word are not part of the path.
    const OPENING: &[char] = &['(', '[', '{', '"', '\'', '«', '“', '‘'];
    const CLOSING: &[char] = &[')', ']', '}', '"', '\'', '»', '”', '’', ',', ';', ':', '.', '!', '?'];
    text.split_whitespace()
        .map(|word| word.trim_start_matches(OPENING).trim_end_matches(CLOSING))
        .find(|word| is_file_path(word))
}

fn is_file_path(word: &str) -> bool {
    let web_address = ["http://", "https://"]
        .iter()
        .any(|scheme| word.get(..scheme.len()).is_some_and(|start| start.eq_ignore_ascii_case(scheme)));
    if web_address || !word.contains(['/', '\\']) {
        return false;
    }
    let name = word.rsplit(['/', '\\']).next().unwrap_or_default();
    // An extension is a short run of letters and digits with a letter in it: "txt", "pdf", "mp4";
    // "2.0" or the initials in "R.D.I" are not.
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty()
            && (2..=5).contains(&extension.len())
            && extension.bytes().all(|b| b.is_ascii_alphanumeric())
            && extension.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// Reads one feature, collecting its problems. The record readers (in `records`) are further
/// methods of it; the first pass reads what it learnt about the feature from the fields below.
pub(super) struct RecordReader {
    index: usize,
    /// The feature's id, once read: later problems name it.
    pub(super) id: Option<RecordId>,
    /// The record type, once read.
    pub(super) record_type: Option<RecordType>,
    /// The feature's problems, in the order found.
    pub(super) problems: Vec<Problem>,
    /// Whether an error so far costs the record.
    pub(super) failed: bool,
}

impl RecordReader {
    pub(super) fn new(index: usize) -> Self {
        Self { index, id: None, record_type: None, problems: Vec::new(), failed: false }
    }

    fn report(&mut self, field: Path<'_>, kind: ProblemKind, severity: Severity) {
        self.failed |= severity == Severity::Error;
        let feature = Some(FeatureRef { index: self.index, id: self.id.as_ref().map(RecordId::to_string) });
        self.problems.push(Problem { feature, field: field.to_string(), kind, severity });
    }

    pub(super) fn error(&mut self, field: Path<'_>, kind: ProblemKind) {
        self.report(field, kind, Severity::Error);
    }

    /// An error that costs only part of the record (a text falls back to another language); the
    /// record itself is kept.
    fn error_kept(&mut self, field: Path<'_>, kind: ProblemKind) {
        let failed = self.failed;
        self.report(field, kind, Severity::Error);
        self.failed = failed;
    }

    pub(super) fn warn(&mut self, field: Path<'_>, kind: ProblemKind) {
        self.report(field, kind, Severity::Warning);
    }

    pub(super) fn wrong(&mut self, field: Path<'_>, value: &Json<'_>, expected: &'static str) {
        self.error(field, ProblemKind::WrongValue { found: describe_json(value), expected });
    }

    pub(super) fn missing(&mut self, field: Path<'_>, expected: &'static str) {
        self.error(field, ProblemKind::Missing { expected });
    }

    pub(super) fn point(&mut self, geometry: Option<&Json<'_>>) -> Option<LatLng> {
        let (field, coordinates_field) = (Path::Root("geometry"), Path::Root("geometry.coordinates"));
        let Some(value) = geometry else {
            self.missing(field, EXPECTED_POINT);
            return None;
        };
        if let Some(location) = plain_point(value) {
            return self.valid_location(location);
        }
        // Another geometry type is reported from its "type" alone, without converting what may
        // be megabytes of coordinates.
        if let Some(kind) = members(value).and_then(|o| o.get("type")).and_then(Json::as_str).filter(|t| *t != "Point")
        {
            let found = format!("a {} geometry", shorten(kind));
            self.error(Path::Root("geometry.type"), ProblemKind::WrongValue { found, expected: EXPECTED_POINT });
            return None;
        }
        let Ok(geometry) = geometry_of(value) else {
            // Point at the coordinates when the shape is a Point, so the editor looks there.
            let object = members(value);
            match object.and_then(|o| o.get("type")).and_then(Json::as_str) == Some("Point") {
                true => match object.and_then(|o| o.get("coordinates")) {
                    None | Some(Json::Null) => self.missing(coordinates_field, EXPECTED_POINT),
                    Some(coordinates) => self.wrong(coordinates_field, coordinates, EXPECTED_POINT),
                },
                false => self.wrong(field, value, EXPECTED_POINT),
            }
            return None;
        };
        let GeometryValue::Point { coordinates } = &geometry.value else {
            let found = format!("a {} geometry", geometry.value.type_name());
            self.error(Path::Root("geometry.type"), ProblemKind::WrongValue { found, expected: EXPECTED_POINT });
            return None;
        };
        let &[lon, lat, ..] = coordinates.as_slice() else {
            self.wrong(coordinates_field, value, EXPECTED_POINT);
            return None;
        };
        self.valid_location(LatLng::lon_lat(lon, lat))
    }

    fn valid_location(&mut self, location: LatLng) -> Option<LatLng> {
        if location.is_valid() {
            Some(location)
        } else {
            let found = format!("[{}, {}]", location.lon, location.lat);
            let expected = "longitude in -180..180 then latitude in -90..90";
            self.error(Path::Root("geometry.coordinates"), ProblemKind::WrongValue { found, expected });
            None
        }
    }

    // Field readers. Each reports its own problems and returns what it could read.

    /// A localised text. A missing language falls back to the others (an error that keeps the
    /// record).
    pub(super) fn text(&mut self, p: &Props<'_, '_>, key: &str, required: bool, limit: usize) -> Option<LocalizedText> {
        self.text_at(p.get(key), Path::Prop(key), required, limit)
    }

    pub(super) fn text_at(
        &mut self,
        value: Option<&Json<'_>>,
        field: Path<'_>,
        required: bool,
        limit: usize,
    ) -> Option<LocalizedText> {
        let texts = match value {
            None | Some(Json::Null) => {
                if required {
                    self.missing(field, EXPECTED_TEXT);
                }
                return None;
            }
            Some(Json::Object(texts)) => texts,
            Some(other) => {
                self.wrong(field, other, EXPECTED_TEXT);
                return None;
            }
        };
        for (key, _) in texts.iter().filter(|(k, _)| !["en", "fi", "sv"].contains(k)) {
            self.warn(Path::Sub(&field, key), ProblemKind::UnknownProperty { name: shorten(key) });
        }
        let mut found: [Option<&str>; 3] = [None, None, None];
        for (slot, language) in found.iter_mut().zip(Language::ALL) {
            let lang_field = Path::Sub(&field, language.code());
            match texts.get(language.code()) {
                Some(Json::Str(s)) if !s.trim_start().is_empty() => *slot = self.checked(s, lang_field, limit),
                None | Some(Json::Null) | Some(Json::Str(_)) => {
                    let expected = "a non-empty text in every language (another language is shown instead)";
                    self.error_kept(lang_field, ProblemKind::Missing { expected });
                }
                Some(other) => self.wrong(lang_field, other, "a text"),
            }
        }
        match found {
            [Some(en), Some(fi), Some(sv)] => Some(LocalizedText::new(en, fi, sv)),
            found => {
                let Some(fallback) = found.iter().flatten().next().copied() else {
                    self.missing(field, EXPECTED_TEXT);
                    return None;
                };
                let [en, fi, sv] = found.map(|t| t.unwrap_or(fallback));
                Some(LocalizedText::new(en, fi, sv))
            }
        }
    }

    /// Plain text: no markup, within the limit.
    fn plain(&mut self, text: &str, field: Path<'_>, limit: usize) -> Option<String> {
        self.checked(text, field, limit).map(str::to_owned)
    }

    /// `text` trimmed, if it is plain text within the limit.
    fn checked<'t>(&mut self, text: &'t str, field: Path<'_>, limit: usize) -> Option<&'t str> {
        // Counting characters only matters when the byte length could exceed the limit.
        if text.len() > limit {
            let length = text.chars().count();
            if length > limit {
                self.error(field, ProblemKind::TooLong { length, limit });
                return None;
            }
        }
        if contains_markup(text) {
            self.error(field, ProblemKind::MarkupInText { found: format!("\"{}\"", shorten(text)) });
            return None;
        }
        Some(text.trim())
    }

    pub(super) fn string(
        &mut self,
        p: &Props<'_, '_>,
        key: &str,
        required: bool,
        expected: &'static str,
    ) -> Option<String> {
        let field = Path::Prop(key);
        match p.get(key) {
            None | Some(Json::Null) => {
                if required {
                    self.missing(field, expected);
                }
                None
            }
            Some(Json::Str(s)) => self.plain(s, field, MAX_NAME_CHARS),
            Some(other) => {
                self.wrong(field, other, expected);
                None
            }
        }
    }

    pub(super) fn one_of<T: Copy>(
        &mut self,
        value: Option<&Json<'_>>,
        field: Path<'_>,
        codes: &[(T, &str)],
        expected: &'static str,
    ) -> Option<T> {
        match value {
            Some(Json::Str(s)) => {
                let found = codes.iter().find(|(_, code)| code == s).map(|(v, _)| *v);
                if found.is_none() {
                    self.wrong(field, &Json::Str(s.clone()), expected);
                }
                found
            }
            None | Some(Json::Null) => {
                self.missing(field, expected);
                None
            }
            Some(other) => {
                self.wrong(field, other, expected);
                None
            }
        }
    }

    pub(super) fn id_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>, required: bool) -> Option<RecordId> {
        match value {
            None | Some(Json::Null) => {
                if required {
                    self.missing(field, EXPECTED_ID);
                }
                None
            }
            Some(Json::Str(s)) => {
                let id = RecordId::parse(s);
                if id.is_none() {
                    self.wrong(field, &Json::Str(s.clone()), EXPECTED_ID);
                }
                id
            }
            Some(other) => {
                self.wrong(field, other, EXPECTED_ID);
                None
            }
        }
    }

    pub(super) fn ids_at(
        &mut self,
        value: Option<&Json<'_>>,
        field: Path<'_>,
        expected: &'static str,
    ) -> Vec<RecordId> {
        match value {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.id_at(Some(item), Path::Item(&field, i), true))
                .collect(),
            Some(other) => {
                self.wrong(field, other, expected);
                Vec::new()
            }
        }
    }

    pub(super) fn ids(&mut self, p: &Props<'_, '_>, key: &str) -> Vec<RecordId> {
        self.ids_at(p.get(key), Path::Prop(key), "an array of ids")
    }

    pub(super) fn url_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>, required: bool) -> Option<SafeUrl> {
        const EXPECTED: &str = "an absolute http:// or https:// URL";
        match value {
            None | Some(Json::Null) => {
                if required {
                    self.missing(field, EXPECTED);
                }
                None
            }
            Some(Json::Str(s)) if s.len() > SafeUrl::MAX_LEN => {
                self.error(field, ProblemKind::TooLong { length: s.chars().count(), limit: SafeUrl::MAX_LEN });
                None
            }
            Some(Json::Str(s)) => {
                let url = SafeUrl::parse(s.trim());
                if url.is_none() {
                    self.error(field, ProblemKind::UnsafeUrl { found: format!("\"{}\"", shorten(s)) });
                }
                url
            }
            Some(other) => {
                self.wrong(field, other, EXPECTED);
                None
            }
        }
    }

    pub(super) fn date_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>) -> Option<PartialDate> {
        match value {
            None | Some(Json::Null) => None,
            Some(Json::Str(s)) => {
                let date = PartialDate::parse(s.trim());
                if date.is_none() {
                    self.error(field, ProblemKind::BadDate { found: format!("\"{}\"", shorten(s)) });
                }
                date
            }
            Some(other) => {
                self.error(field, ProblemKind::BadDate { found: describe_json(other) });
                None
            }
        }
    }

    pub(super) fn period(&mut self, p: &Props<'_, '_>, key: &str) -> Option<Period> {
        let field = Path::Prop(key);
        let fields = match p.get(key) {
            None | Some(Json::Null) => return None,
            Some(Json::Object(fields)) => fields,
            Some(other) => {
                self.wrong(field, other, "an object {\"start\": date or null, \"end\": date or null}");
                return None;
            }
        };
        let start = self.date_at(fields.get("start"), Path::Sub(&field, "start"));
        let end = self.date_at(fields.get("end"), Path::Sub(&field, "end"));
        if let (Some(s), Some(e)) = (start, end) {
            if s.first_day() > e.last_day() {
                let found = format!("start {s} after end {e}");
                self.error(field, ProblemKind::WrongValue { found, expected: "a start on or before the end" });
            }
        }
        Some(Period { start, end })
    }

    pub(super) fn amount(&mut self, value: Option<&Json<'_>>, field: Path<'_>) -> Option<f64> {
        const EXPECTED: &str = "an amount in euros, 0 or more";
        match value {
            None | Some(Json::Null) => None,
            Some(Json::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() && v >= 0.0 => Some(v),
                _ => {
                    self.wrong(field, &Json::Number(*n), EXPECTED);
                    None
                }
            },
            Some(other) => {
                self.wrong(field, other, EXPECTED);
                None
            }
        }
    }

    /// Sources, the checked date, unverified fields, notes and links.
    pub(super) fn provenance(&mut self, p: &Props<'_, '_>, required: bool) -> Provenance {
        let mut provenance = Provenance::default();
        let sources_field = Path::Prop("sources");
        match p.get("sources") {
            Some(Json::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    // A bad source is reported and left out; the record stands on its other sources.
                    let failed = self.failed;
                    match self.source(item, Path::Item(&sources_field, i)) {
                        Some(source) => provenance.sources.push(source),
                        None => self.failed = failed,
                    }
                }
                if required && provenance.sources.is_empty() {
                    let expected = "at least one valid source (each source given has a problem)";
                    self.missing(sources_field, expected);
                }
            }
            None | Some(Json::Null) | Some(Json::Array(_)) if !required => {}
            None | Some(Json::Null) | Some(Json::Array(_)) => self.missing(sources_field, EXPECTED_SOURCES),
            Some(other) => self.wrong(sources_field, other, "an array of sources"),
        }
        provenance.checked = self.date_at(p.get("checked"), Path::Prop("checked"));
        if required && provenance.checked.is_none() && !matches!(p.get("checked"), Some(Json::Str(_))) {
            self.missing(Path::Prop("checked"), "the date the record was checked, YYYY-MM-DD");
        }
        let unverified_field = Path::Prop("unverified");
        match p.get("unverified") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Json::Str(s) => {
                            if let Some(name) = self.plain(s, Path::Item(&unverified_field, i), MAX_NAME_CHARS) {
                                provenance.unverified.push(name);
                            }
                        }
                        other => self.wrong(Path::Item(&unverified_field, i), other, "a property name"),
                    }
                }
            }
            Some(other) => self.wrong(unverified_field, other, "an array of property names"),
        }
        provenance.notes = self.text(p, "notes", false, MAX_TEXT_CHARS);
        let links_field = Path::Prop("links");
        match p.get("links") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let field = Path::Item(&links_field, i);
                    let Some(link) = members(item) else {
                        self.wrong(field, item, "an object {\"url\": …, \"title\": {…}}");
                        continue;
                    };
                    let url = self.url_at(link.get("url"), Path::Sub(&field, "url"), true);
                    let title = self.text_at(link.get("title"), Path::Sub(&field, "title"), true, MAX_NAME_CHARS);
                    if let (Some(url), Some(title)) = (url, title) {
                        provenance.links.push(Link { url, title });
                    }
                }
            }
            Some(other) => self.wrong(links_field, other, "an array of links"),
        }
        provenance
    }

    /// One source. Any error in it leaves the whole source out: half a citation (a title
    /// without its bad date, say) would cite something else.
    fn source(&mut self, item: &Json<'_>, field: Path<'_>) -> Option<Source> {
        const KNOWN: [&str; 5] = ["url", "title", "publisher", "published", "document"];
        let Some(object) = members(item) else {
            self.wrong(field, item, EXPECTED_SOURCE);
            return None;
        };
        let problems_before = self.problems.len();
        let source = Source {
            url: self.url_at(object.get("url"), Path::Sub(&field, "url"), false),
            title: self.citation_text(object.get("title"), Path::Sub(&field, "title"), MAX_NAME_CHARS),
            publisher: self.citation_text(object.get("publisher"), Path::Sub(&field, "publisher"), MAX_NAME_CHARS),
            published: self.date_at(object.get("published"), Path::Sub(&field, "published")),
            document: self.citation_text(object.get("document"), Path::Sub(&field, "document"), MAX_TEXT_CHARS),
        };
        // A misspelt "publisher" would otherwise vanish without a word.
        for (key, _) in object.iter().filter(|(k, _)| !KNOWN.contains(k)) {
            self.warn(Path::Sub(&field, key), ProblemKind::UnknownProperty { name: shorten(key) });
        }
        if self.problems[problems_before..].iter().any(|p| p.severity == Severity::Error) {
            return None;
        }
        if source.url.is_none() && source.title.is_none() && source.document.is_none() {
            self.missing(field, EXPECTED_SOURCE);
            return None;
        }
        Some(source)
    }

    /// A title, publisher or document of a source: plain text within `limit`, and no file path.
    /// An empty text is no text.
    fn citation_text(&mut self, value: Option<&Json<'_>>, field: Path<'_>, limit: usize) -> Option<String> {
        match value {
            None | Some(Json::Null) => None,
            Some(Json::Str(s)) if s.trim().is_empty() => None,
            Some(Json::Str(s)) => {
                let text = self.checked(s, field, limit)?;
                if let Some(path) = file_path_in(text) {
                    let found = format!("the file path \"{}\"", shorten(path));
                    self.error(field, ProblemKind::WrongValue { found, expected: EXPECTED_CITATION });
                    return None;
                }
                Some(text.to_owned())
            }
            Some(other) => {
                self.wrong(field, other, "a plain text");
                None
            }
        }
    }
}
