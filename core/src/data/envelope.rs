//! The GeoJSON envelope: what every GeoJSON file the app reads goes through before its features
//! mean anything, shared by the data reader and the basemap reader so both refuse the same
//! hostile input in the same words.
//!
//! It owns the file limits ([`MAX_FILE_BYTES`], [`MAX_NESTING`]), the decoding of the fetched
//! bytes ([`decode_text`]: text that is not UTF-8 is reported, not silently repaired), the checks
//! made before parsing (size, byte-order mark, emptiness, nesting), the streaming of a
//! FeatureCollection's features one at a time, the whole-tree reading of the root that words the
//! exact problem when streaming fails, and the short descriptions of JSON values that error
//! messages quote.

use std::borrow::Cow;
use std::fmt;

use geojson::Geometry;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json_borrow::Value as Json;

use crate::data::error::{shorten, DataError, Problem, ProblemKind, Severity};

/// The largest file read, in bytes. The real dataset is well under 1 MiB; 10,000 places fit.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The deepest JSON nesting accepted; a valid file needs about six levels.
pub const MAX_NESTING: usize = 64;

/// The file's bytes as text, and a problem when they were not UTF-8.
///
/// Each bad byte sequence is replaced by U+FFFD (as the browser's own decoding would), so every
/// record that is otherwise valid still loads; the problem is an error for the file as a whole
/// that says where the first bad sequence starts and how many there were, so a data editor can
/// find them instead of meeting the replacement characters on the map. Valid UTF-8 is borrowed,
/// not copied.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, Option<Problem>) {
    let at = match std::str::from_utf8(bytes) {
        Ok(text) => return (Cow::Borrowed(text), None),
        Err(e) => e.valid_up_to(),
    };
    // One pass that both repairs and counts, replacing exactly as `String::from_utf8_lossy` does.
    let mut text = String::with_capacity(bytes.len());
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            count += 1;
        }
    }
    let kind = ProblemKind::NotUtf8 { at, count };
    (Cow::Owned(text), Some(Problem { feature: None, field: String::new(), kind, severity: Severity::Error }))
}

/// The checks made before parsing: size, a byte order mark (skipped, with a warning) and
/// emptiness. Returns the text to parse.
pub(crate) fn prepare<'a>(text: &'a str, problems: &mut Vec<Problem>) -> Result<&'a str, DataError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(DataError::TooLarge { bytes: text.len(), limit: MAX_FILE_BYTES });
    }
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            let kind = ProblemKind::ByteOrderMark;
            problems.push(Problem { feature: None, field: String::new(), kind, severity: Severity::Warning });
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        return Err(DataError::Empty);
    }
    Ok(text)
}

/// Checks the limits, parses the JSON and returns the `features` of a FeatureCollection,
/// borrowing from `text`: the whole-tree reading for a reader that needs no other member of the
/// root (the basemap's).
pub fn read_feature_array<'a>(text: &'a str, problems: &mut Vec<Problem>) -> Result<Vec<Json<'a>>, DataError> {
    let text = prepare(text, problems)?;
    read_root(text).map(|(features, _)| features)
}

/// A top-level member other than `features`.
pub(crate) type OtherMember<'a> = (Cow<'a, str>, Json<'a>);

/// Checks the nesting depth, parses a prepared text as one JSON tree and splits the root object
/// into its `features` array and its other members.
pub(crate) fn read_root(text: &str) -> Result<(Vec<Json<'_>>, Vec<OtherMember<'_>>), DataError> {
    check_nesting(text)?;
    let root: Json<'_> = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which the error already carries.
        let mut reason = e.to_string();
        if let Some(at) = reason.rfind(" at line ") {
            reason.truncate(at);
        }
        DataError::NotJson { line: e.line(), column: e.column(), reason }
    })?;
    let Json::Object(root) = root else {
        return Err(DataError::NotFeatureCollection { found: describe_json(&root) });
    };
    let mut others = Vec::with_capacity(root.len());
    let mut features = None;
    for (key, value) in root.into_vec() {
        if key == "features" {
            features = Some(value);
        } else {
            others.push((key, value));
        }
    }
    check_root(&others)?;
    match features {
        Some(Json::Array(features)) => Ok((features, others)),
        Some(other) => Err(DataError::FeaturesNotArray { found: describe_json(&other) }),
        None => Err(DataError::FeaturesNotArray { found: "no \"features\" member".to_owned() }),
    }
}

/// Checks the members of the root object other than `features`: a FeatureCollection, in a
/// format this reader knows.
pub(crate) fn check_root(others: &[OtherMember<'_>]) -> Result<(), DataError> {
    let member = |name: &str| others.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value);
    match member("type") {
        Some(Json::Str(t)) if t == "FeatureCollection" => {}
        Some(other) => {
            return Err(DataError::NotFeatureCollection { found: format!("\"type\": {}", describe_json(other)) })
        }
        None => return Err(DataError::NotFeatureCollection { found: "an object without \"type\"".to_owned() }),
    }
    if let Some(format) = member("innomap").and_then(|m| m.as_object()).and_then(|m| m.get("format")) {
        if format.as_u64() != Some(1) {
            return Err(DataError::UnsupportedFormat { found: shorten(&to_json_text(format)) });
        }
    }
    Ok(())
}

/// Parses a prepared text, handing each feature to `each` as soon as it is parsed, and returns
/// the other members of the root. Fails, without saying why, on anything but a root object with
/// exactly one `features` array and plainly written member names, or on nesting deeper than
/// [`MAX_NESTING`]: the caller then reads the file as a tree, which explains the problem.
/// (serde_json stops at 128 levels, so measuring the depth of each parsed feature is safe, and
/// cheaper than scanning the text first.)
pub(crate) fn stream_features<'a>(
    text: &'a str,
    each: impl FnMut(usize, Json<'a>),
) -> Result<Vec<OtherMember<'a>>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let others = deserializer.deserialize_map(RootVisitor { each })?;
    deserializer.end()?;
    Ok(others)
}

/// Visits the root object for [`stream_features`].
struct RootVisitor<F> {
    each: F,
}

impl<'de, F: FnMut(usize, Json<'de>)> Visitor<'de> for RootVisitor<F> {
    type Value = Vec<OtherMember<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a FeatureCollection object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut others = Vec::new();
        let mut features_seen = false;
        while let Some(key) = map.next_key::<&'de str>()? {
            if key == "features" {
                if features_seen {
                    return Err(de::Error::duplicate_field("features"));
                }
                features_seen = true;
                map.next_value_seed(FeatureSeed { each: &mut self.each })?;
            } else {
                let value = map.next_value::<Json<'de>>()?;
                if 1 + depth(&value) > MAX_NESTING {
                    return Err(de::Error::custom("nested too deeply"));
                }
                others.push((key.into(), value));
            }
        }
        if !features_seen {
            return Err(de::Error::missing_field("features"));
        }
        Ok(others)
    }
}

/// Visits the `features` array for [`stream_features`].
struct FeatureSeed<'e, F> {
    each: &'e mut F,
}

impl<'de, F: FnMut(usize, Json<'de>)> DeserializeSeed<'de> for FeatureSeed<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(usize, Json<'de>)> Visitor<'de> for FeatureSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(feature) = seq.next_element::<Json<'de>>()? {
            // Two levels above a feature: the root object and the features array.
            if 2 + depth(&feature) > MAX_NESTING {
                return Err(de::Error::custom("nested too deeply"));
            }
            (self.each)(index, feature);
            index += 1;
        }
        Ok(())
    }
}

/// How deeply arrays and objects nest in `value`: 0 for a number, 1 for `[1]`.
fn depth(value: &Json<'_>) -> usize {
    match value {
        Json::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Json::Object(members) => 1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

/// Fails on nesting deeper than [`MAX_NESTING`] before the parser recurses into it. Strings are
/// skipped with `memchr`, since most of a data file's bytes are inside them.
fn check_nesting(text: &str) -> Result<(), DataError> {
    let bytes = text.as_bytes();
    let (mut depth, mut at) = (0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                // Find the closing quote, stepping over escapes.
                at += 1;
                loop {
                    // An unclosed string (or a final backslash): the parser will report it.
                    let Some(rest) = bytes.get(at..) else { return Ok(()) };
                    match memchr::memchr2(b'"', b'\\', rest) {
                        Some(offset) if bytes[at + offset] == b'\\' => at += offset + 2,
                        Some(offset) => {
                            at += offset;
                            break;
                        }
                        None => return Ok(()),
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(DataError::TooDeep { limit: MAX_NESTING, at });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at += 1;
    }
    Ok(())
}

/// A geojson geometry from a borrowed JSON value. geojson deserialises geometries as enums, which
/// the borrowed tree does not support, so just this small sub-tree is converted first.
pub fn geometry_of(value: &Json<'_>) -> Result<Geometry, serde_json::Error> {
    Geometry::deserialize(&serde_json::to_value(value)?)
}

/// A JSON value as compact text.
fn to_json_text(value: &Json<'_>) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JSON value described briefly for an error message: its type, and the value itself when short.
pub fn describe_json(value: &Json<'_>) -> String {
    let kind = match value {
        Json::Null => return "null".to_owned(),
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::Str(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    };
    format!("{kind} {}", shorten(&to_json_text(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_utf8(problem: &Option<Problem>) -> Option<(usize, usize)> {
        match problem {
            Some(Problem {
                feature: None,
                kind: ProblemKind::NotUtf8 { at, count },
                severity: Severity::Error,
                ..
            }) => Some((*at, *count)),
            _ => None,
        }
    }

    #[test]
    fn utf8_is_borrowed_and_has_no_problem() {
        let bytes = "{\"name\":\"Jyväskylä\"}".as_bytes();
        let (text, problem) = decode_text(bytes);
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(text, "{\"name\":\"Jyväskylä\"}");
        assert_eq!(problem, None);
        assert_eq!(decode_text(b""), (Cow::Borrowed(""), None));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced_counted_and_located() {
        // "Jyväskylä" saved as Latin-1: each ä (0xe4) starts a sequence that never completes.
        let bytes = b"{\"name\":\"Jyv\xe4skyl\xe4\"}";
        let (text, problem) = decode_text(bytes);
        assert_eq!(text, "{\"name\":\"Jyv\u{fffd}skyl\u{fffd}\"}");
        assert_eq!(text, String::from_utf8_lossy(bytes));
        assert_eq!(not_utf8(&problem), Some((12, 2)));
        // A lone continuation byte at the very start, a truncated sequence at the very end.
        let (text, problem) = decode_text(b"\x80ok\xf0\x9f\x98");
        assert_eq!(text, "\u{fffd}ok\u{fffd}");
        assert_eq!(not_utf8(&problem), Some((0, 2)));
        // Bytes that are each invalid on their own are counted one by one, as they are replaced.
        let (text, problem) = decode_text(b"a\xff\xfe\xfdb");
        assert_eq!(text, "a\u{fffd}\u{fffd}\u{fffd}b");
        assert_eq!(not_utf8(&problem), Some((1, 3)));
    }

    #[test]
    fn the_problem_reads_as_a_file_error_with_its_byte_offset() {
        let (_, problem) = decode_text(b"{\"a\":\"\xff\"}");
        let message = problem.map(|p| p.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "file: found a byte sequence that is not UTF-8 at byte 6; expected a file saved as UTF-8 (it is shown as \u{fffd})"
        );
    }

    #[test]
    fn values_in_messages_name_their_type_and_are_shortened() {
        let text = format!("\"{}\"", "x".repeat(500));
        let value: Json<'_> = serde_json::from_str(&text).unwrap();
        let d = describe_json(&value);
        assert!(d.starts_with("a string \"xxx") && d.chars().count() < 80, "{d}");
        assert_eq!(describe_json(&Json::Null), "null");
    }

    #[test]
    fn the_feature_array_is_read_after_the_same_checks() {
        let mut problems = Vec::new();
        let text = "\u{feff}{\"type\":\"FeatureCollection\",\"features\":[1,{}]}";
        let features = read_feature_array(text, &mut problems).unwrap();
        assert_eq!(features.len(), 2);
        assert_eq!(problems.iter().map(|p| p.kind.code()).collect::<Vec<_>>(), ["byte-order-mark"]);
        let code = |text: &str| read_feature_array(text, &mut Vec::new()).map(|_| ()).map_err(|e| e.code());
        assert_eq!(code(" "), Err("empty"));
        assert_eq!(code("[]"), Err("not-feature-collection"));
        assert_eq!(code(&"[".repeat(MAX_NESTING + 1)), Err("too-deep"));
    }
}
