//! Every error InnoMap reports, as typed values whose messages carry the offending value and say
//! what was expected, so both a city's data editor and a visitor can act on them.
//!
//! [`DataError`] stops a whole file; a [`Problem`] concerns one record (or the file as a whole)
//! and never stops the others; [`LoadError`] is what the user sees when fetching a file fails,
//! including a data file an address names (`data=`), refused for a [`DataUrlRefusal`] before it
//! is fetched. The refusal is defined here rather than next to its rule
//! (`explore::data_source`) because a load error carries it and `data` sits below `explore`.

use std::fmt;

/// A problem that makes a whole data file unusable.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
    /// Nothing but whitespace.
    #[error("the file is empty; expected a GeoJSON FeatureCollection")]
    Empty,
    /// Larger than the app will read.
    #[error("the file is {bytes} bytes, more than the {limit}-byte limit")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Nested deeper than any valid file needs.
    #[error("the JSON is nested more than {limit} levels deep (at byte {at}); no valid file needs that")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Byte offset where the limit was passed.
        at: usize,
    },
    /// The text is not JSON at all.
    #[error("the file is not valid JSON (line {line}, column {column}): {reason}")]
    NotJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// The parser's description.
        reason: String,
    },
    /// The JSON is not a FeatureCollection.
    #[error("expected a GeoJSON object with \"type\": \"FeatureCollection\", but found {found}")]
    NotFeatureCollection {
        /// A short description of what was there instead.
        found: String,
    },
    /// `features` is missing or not an array.
    #[error("expected \"features\" to be an array of GeoJSON features, but found {found}")]
    FeaturesNotArray {
        /// A short description of what was there instead.
        found: String,
    },
    /// A newer or unknown version of the format.
    #[error("expected \"innomap\": {{\"format\": 1}}, but found format {found}; this app reads format 1")]
    UnsupportedFormat {
        /// The format value found.
        found: String,
    },
}

impl DataError {
    /// A stable short name for the kind of error (used by tests and tools).
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLarge { .. } => "too-large",
            Self::TooDeep { .. } => "too-deep",
            Self::NotJson { .. } => "not-json",
            Self::NotFeatureCollection { .. } => "not-feature-collection",
            Self::FeaturesNotArray { .. } => "features-not-array",
            Self::UnsupportedFormat { .. } => "unsupported-format",
        }
    }
}

/// Whether a problem cost a record or only needs a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The record was left out (or, for a list item, the item was).
    Error,
    /// The record was kept as it is or with a fallback; check it.
    Warning,
}

/// Why a referenced id does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReferenceGap {
    /// No record has this id.
    Absent,
    /// The record exists but was left out because of its own errors.
    Skipped,
    /// The record is of another type.
    WrongType(&'static str),
}

/// What was wrong with one field.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// A required field is absent or null.
    Missing {
        /// What the field should hold.
        expected: &'static str,
    },
    /// The field holds the wrong kind of value.
    WrongValue {
        /// The value found, shortened for display.
        found: String,
        /// What the field should hold.
        expected: &'static str,
    },
    /// Another record already uses this id.
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Index of the first record with it.
        first_index: usize,
    },
    /// An id that names no usable record of the expected type.
    UnknownReference {
        /// The id.
        id: String,
        /// The record type expected there.
        expected: &'static str,
        /// Why it does not resolve.
        gap: ReferenceGap,
    },
    /// A link that is not an absolute http(s) URL.
    UnsafeUrl {
        /// The value found, shortened.
        found: String,
    },
    /// Text containing HTML or script tags.
    MarkupInText {
        /// The value found, shortened.
        found: String,
    },
    /// Text longer than the limit.
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or is impossible.
    BadDate {
        /// The value found, shortened.
        found: String,
    },
    /// The file starts with a byte-order mark.
    ByteOrderMark,
    /// Bytes that are not UTF-8 (a file saved as Latin-1 or Windows-1252, say); each bad
    /// sequence was replaced by U+FFFD and the records were read.
    NotUtf8 {
        /// The 0-based byte offset in the file of the first bad sequence.
        at: usize,
        /// How many bad sequences there were (each shown as one U+FFFD).
        count: usize,
    },
    /// A property the format does not define (ignored).
    UnknownProperty {
        /// Its name.
        name: String,
    },
    /// The list of problems was cut short.
    TooManyProblems {
        /// How many more there were.
        more: usize,
    },
}

impl ProblemKind {
    /// A stable short name for the kind of problem (used by tests and tools).
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Missing { .. } => "missing",
            Self::WrongValue { .. } => "wrong-value",
            Self::DuplicateId { .. } => "duplicate-id",
            Self::UnknownReference { .. } => "unknown-reference",
            Self::UnsafeUrl { .. } => "unsafe-url",
            Self::MarkupInText { .. } => "markup-in-text",
            Self::TooLong { .. } => "too-long",
            Self::BadDate { .. } => "bad-date",
            Self::ByteOrderMark => "byte-order-mark",
            Self::NotUtf8 { .. } => "not-utf8",
            Self::UnknownProperty { .. } => "unknown-property",
            Self::TooManyProblems { .. } => "too-many-problems",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { expected } => write!(f, "missing; expected {expected}"),
            Self::WrongValue { found, expected } => write!(f, "found {found}; expected {expected}"),
            Self::DuplicateId { id, first_index } => {
                write!(f, "the id \"{id}\" is already used by feature {first_index}; expected a unique id")
            }
            Self::UnknownReference { id, expected, gap } => {
                match gap {
                    ReferenceGap::Absent => {
                        write!(f, "refers to \"{id}\", which does not exist; expected the id of a {expected}")
                    }
                    ReferenceGap::Skipped => {
                        write!(f, "refers to \"{id}\", which was left out because of its own errors; expected a valid {expected}")
                    }
                    ReferenceGap::WrongType(found) => {
                        write!(f, "refers to \"{id}\", which is a {found}; expected the id of a {expected}")
                    }
                }
            }
            Self::UnsafeUrl { found } => write!(f, "found {found}; expected an absolute http:// or https:// URL"),
            Self::MarkupInText { found } => write!(f, "found markup in {found}; expected plain text without tags"),
            Self::TooLong { length, limit } => write!(f, "found {length} characters; expected at most {limit}"),
            Self::BadDate { found } => write!(f, "found {found}; expected a real date as YYYY, YYYY-MM or YYYY-MM-DD"),
            Self::ByteOrderMark => {
                write!(f, "the file starts with a byte-order mark; expected plain UTF-8 (it was ignored)")
            }
            Self::NotUtf8 { at, count: 1 } => write!(
                f,
                "found a byte sequence that is not UTF-8 at byte {at}; expected a file saved as UTF-8 (it is shown as \u{fffd})"
            ),
            Self::NotUtf8 { at, count } => write!(
                f,
                "found {count} byte sequences that are not UTF-8, the first at byte {at}; expected a file saved as UTF-8 (each is shown as \u{fffd})"
            ),
            Self::UnknownProperty { name } => write!(f, "\"{name}\" is not part of the format; it was ignored"),
            Self::TooManyProblems { more } => {
                write!(f, "{more} more problems are not listed; fix the ones above first")
            }
        }
    }
}

/// Which feature a problem is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureRef {
    /// 0-based position in the `features` array.
    pub index: usize,
    /// The feature's id, when it has a readable one.
    pub id: Option<String>,
}

/// One problem found in a data file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The feature, or `None` for the file as a whole.
    pub feature: Option<FeatureRef>,
    /// The JSON path of the field inside the feature, e.g. `properties.name.sv`.
    pub field: String,
    /// What was wrong.
    pub kind: ProblemKind,
    /// Whether something was left out.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.feature {
            None => write!(f, "file")?,
            Some(FeatureRef { index, id }) => {
                write!(f, "feature {index}")?;
                if let Some(id) = id {
                    write!(f, " (id \"{id}\")")?;
                }
            }
        }
        if !self.field.is_empty() {
            write!(f, ", field `{}`", self.field)?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// Why a data file could not be loaded, in words a visitor can act on.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// No answer from the server (offline, blocked, DNS).
    #[error("No answer when fetching {url} ({reason}). Check the network connection.")]
    Network {
        /// The requested address.
        url: String,
        /// The browser's description.
        reason: String,
    },
    /// The server answered with an error status.
    #[error("The server answered {status} {status_text} for {url}.")]
    HttpStatus {
        /// The requested address.
        url: String,
        /// HTTP status code.
        status: u16,
        /// HTTP reason phrase.
        status_text: String,
    },
    /// The file arrived but is not usable.
    #[error("{url} is not usable: {error}.")]
    Data {
        /// The requested address.
        url: String,
        /// What is wrong with it.
        error: DataError,
    },
    /// A data file the address names that InnoMap does not fetch (see [`DataUrlRefusal`]).
    #[error("{url} is not fetched: {refusal}.")]
    NotAllowed {
        /// The address, as the browser resolved it.
        url: String,
        /// Why it is not fetched.
        refusal: DataUrlRefusal,
    },
    /// The file is larger than the app reads; the download was stopped.
    #[error("{url} is larger than the {limit_bytes}-byte limit; the download was stopped.")]
    TooLarge {
        /// The requested address.
        url: String,
        /// The limit.
        limit_bytes: usize,
    },
    /// The file did not arrive in time; the download was stopped.
    #[error("{url} did not arrive within {seconds} seconds. Check the network connection.")]
    TimedOut {
        /// The requested address.
        url: String,
        /// How long the app waited.
        seconds: u32,
    },
    /// The page's Content-Security-Policy does not allow fetching from the file's host.
    #[error(
        "The page's Content-Security-Policy does not allow fetching {url}; its host must be added to connect-src."
    )]
    BlockedByPolicy {
        /// The requested address.
        url: String,
    },
    /// The server answered but does not let other sites read the file (CORS).
    #[error("The server of {url} does not let other sites read it; it must send Access-Control-Allow-Origin.")]
    NotShared {
        /// The requested address.
        url: String,
    },
}

impl LoadError {
    /// The address of the file that could not be loaded.
    pub fn url(&self) -> &str {
        match self {
            Self::Network { url, .. }
            | Self::HttpStatus { url, .. }
            | Self::Data { url, .. }
            | Self::NotAllowed { url, .. }
            | Self::TooLarge { url, .. }
            | Self::TimedOut { url, .. }
            | Self::BlockedByPolicy { url }
            | Self::NotShared { url } => url,
        }
    }
}

/// Why a data file named by the address (`data=`) is not fetched. The rule is
/// `explore::data_source::check_data_url`: https, the page's own origin, or plain http on this
/// computer (a loopback host).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataUrlRefusal {
    /// Plain http to another computer: anyone on the way could change the data.
    #[error("its address uses http, not https; plain http is only fetched from this computer (localhost)")]
    NotHttps,
    /// Not a web address at all (`data:`, `javascript:`, `file:`, `blob:` and the like).
    #[error("a \"{scheme}:\" address is not a web address; expected an https address")]
    NotWeb {
        /// The scheme, without its colon, as the browser resolved it (lower case).
        scheme: String,
    },
    /// Not readable as an address at all, even relative to the page.
    #[error("it cannot be read as a web address; expected an https address")]
    NotAnAddress,
}

/// `text` cut to a length that fits in a message, with an ellipsis when cut.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let short: String = text.chars().take(MAX).collect();
        format!("{short}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_feature_field_value_and_expectation() {
        let p = Problem {
            feature: Some(FeatureRef { index: 3, id: Some("kokkola".into()) }),
            field: "geometry.coordinates".into(),
            kind: ProblemKind::WrongValue { found: "an array [200,63]".into(), expected: "[longitude, latitude]" },
            severity: Severity::Error,
        };
        assert_eq!(
            p.to_string(),
            "feature 3 (id \"kokkola\"), field `geometry.coordinates`: found an array [200,63]; expected [longitude, latitude]"
        );
        let file = Problem {
            feature: None,
            field: String::new(),
            kind: ProblemKind::ByteOrderMark,
            severity: Severity::Warning,
        };
        assert!(file.to_string().starts_with("file: the file starts with a byte-order mark"));
    }

    #[test]
    fn text_that_is_not_utf8_says_where_and_how_often() {
        let one = Problem {
            feature: None,
            field: String::new(),
            kind: ProblemKind::NotUtf8 { at: 1234, count: 1 },
            severity: Severity::Error,
        };
        assert_eq!(
            one.to_string(),
            "file: found a byte sequence that is not UTF-8 at byte 1234; expected a file saved as UTF-8 (it is shown as \u{fffd})"
        );
        let many = ProblemKind::NotUtf8 { at: 7, count: 3 };
        assert_eq!(
            many.to_string(),
            "found 3 byte sequences that are not UTF-8, the first at byte 7; expected a file saved as UTF-8 (each is shown as \u{fffd})"
        );
        assert_eq!(many.code(), "not-utf8");
    }

    #[test]
    fn references_explain_why_they_do_not_resolve() {
        let gap = |gap| ProblemKind::UnknownReference { id: "raahe".into(), expected: "place", gap }.to_string();
        assert!(gap(ReferenceGap::Absent).contains("does not exist"));
        assert!(gap(ReferenceGap::Skipped).contains("left out because of its own errors"));
        assert!(gap(ReferenceGap::WrongType("theme")).contains("which is a theme; expected the id of a place"));
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(500);
        assert_eq!(shorten(&long).chars().count(), 61);
        assert!(shorten(&long).ends_with('…'));
        assert_eq!(shorten("short"), "short");
    }

    #[test]
    fn load_errors_read_as_sentences() {
        let e = LoadError::HttpStatus { url: "data/x.geojson".into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(e.to_string(), "The server answered 404 Not Found for data/x.geojson.");
        assert_eq!(DataError::Empty.code(), "empty");
    }

    #[test]
    fn a_refused_data_address_says_why_in_the_load_error() {
        let url = "http://city.example/d.geojson";
        let e = LoadError::NotAllowed { url: url.into(), refusal: DataUrlRefusal::NotHttps };
        assert_eq!(
            e.to_string(),
            "http://city.example/d.geojson is not fetched: its address uses http, not https; plain http is only \
             fetched from this computer (localhost)."
        );
        let web = DataUrlRefusal::NotWeb { scheme: "javascript".into() };
        assert_eq!(web.to_string(), "a \"javascript:\" address is not a web address; expected an https address");
    }

    #[test]
    fn every_load_error_names_its_address() {
        let url = "https://city.example/d.geojson";
        let errors = [
            LoadError::Network { url: url.into(), reason: "offline".into() },
            LoadError::HttpStatus { url: url.into(), status: 500, status_text: String::new() },
            LoadError::Data { url: url.into(), error: DataError::Empty },
            LoadError::NotAllowed { url: url.into(), refusal: DataUrlRefusal::NotHttps },
            LoadError::TooLarge { url: url.into(), limit_bytes: 16 },
            LoadError::TimedOut { url: url.into(), seconds: 20 },
            LoadError::BlockedByPolicy { url: url.into() },
            LoadError::NotShared { url: url.into() },
        ];
        for error in errors {
            assert_eq!(error.url(), url);
            assert!(error.to_string().contains(url), "{error}");
        }
    }
}
