//! Reading and validating an InnoMap data file (format 1; see `docs/data-format.md`).
//!
//! [`read_dataset`] is the one parse-and-validate function: the app, the command-line validator
//! and the tests all call it. The file is untrusted. Its size is checked before parsing and its
//! nesting depth while parsing; each feature is read on its own, so a broken record is reported (which
//! feature, which field, what was found, what was expected) and every valid record still loads.
//! A second pass resolves references: a missing required reference (a project's theme or lead
//! place) leaves the record out; a dangling item of a list (a partner, a theme of a place) is an
//! error that drops only that item, so one bad record never takes its neighbours with it.
//! Likewise a missing translation is an error, but the record stays, shown in another language.
//!
//! Speed: each feature is read as soon as it is parsed, into a small borrowed tree (strings
//! point into the text) that is dropped straight after; a field's path is only turned into
//! text when a problem is reported; ids are hashed with foldhash. A clean 10,000-place file
//! (7.5 MB) reads in about 40-45 ms natively (`cargo xtask bench-data`).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;
use std::fmt;

use geojson::{Geometry, GeometryValue};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json_borrow::{ObjectAsVec, Value as Json};

use super::error::{shorten, DataError, FeatureRef, Problem, ProblemKind, ReferenceGap, Severity};
use super::geo::LatLng;
use super::i18n::{Language, LocalizedText};
use super::model::*;
use super::projection::project;

/// The largest file read, in bytes. The real dataset is well under 1 MiB; 10,000 places fit.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The deepest JSON nesting accepted; a valid file needs about six levels.
pub const MAX_NESTING: usize = 64;
/// The longest text (description, note), in characters.
pub const MAX_TEXT_CHARS: usize = 600;
/// The longest name or title, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Problems listed at most; beyond this one line says how many more there were, so a hostile
/// file of millions of broken features cannot exhaust memory with messages.
pub const MAX_PROBLEMS: usize = 1000;

/// A validated dataset and everything that was wrong with the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutcome {
    /// The records that passed.
    pub dataset: Dataset,
    /// Problems in file order; errors mean something was left out.
    pub problems: Vec<Problem>,
}

/// What is known about an id in the file.
#[derive(Clone, Copy)]
struct IdEntry {
    first_index: usize,
    record_type: Option<RecordType>,
    valid: bool,
}

/// Ids seen in the file. foldhash is several times faster than the standard SipHash on short
/// ids, and its per-map random seed keeps a hostile file from planning collisions cheaply.
type IdMap = HashMap<RecordId, IdEntry, RandomState>;
/// A set of ids, hashed like [`IdMap`].
type IdSet = HashSet<RecordId, RandomState>;

/// Reads and validates a data file.
///
/// Features are read one at a time while the file is parsed, so only one feature's JSON tree
/// exists at any moment (fast, and light on memory). A file that cannot be read that way (not
/// JSON, not a FeatureCollection, unusual spellings such as escaped member names) is read again
/// as a whole tree, which words the exact problem; the result is the same either way.
pub fn read_dataset(text: &str) -> Result<ReadOutcome, DataError> {
    read(text, true)
}

/// [`read_dataset`], streaming first or straight away as a tree (so tests can compare the two).
fn read(text: &str, stream_first: bool) -> Result<ReadOutcome, DataError> {
    let mut problems = Vec::new();
    let text = prepare(text, &mut problems)?;
    // A guess from the size: real features take from about 300 bytes (a theme) to a few
    // kilobytes (a project with its texts in three languages); records are large, so guessing
    // low and growing costs less memory than guessing high. A hostile file of millions of tiny
    // features simply grows the lists.
    let mut reading = Reading::new(text.len() / 1024);
    let streamed = match stream_first {
        true => stream_features(text, |index, feature| reading.feature(index, &feature)).ok(),
        false => None,
    };
    let others = match streamed {
        Some(others) => others,
        None => {
            let (features, others) = read_root(text)?;
            reading = Reading::new(features.len().min(text.len() / 256));
            for (index, feature) in features.iter().enumerate() {
                reading.feature(index, feature);
            }
            others
        }
    };
    check_root(&others)?;
    for (name, _) in others.iter().filter(|(k, _)| !["type", "innomap", "bbox"].contains(&k.as_ref())) {
        let kind = ProblemKind::UnknownProperty { name: shorten(name) };
        problems.push(Problem { feature: None, field: shorten(name), kind, severity: Severity::Warning });
    }
    Ok(reading.finish(problems))
}

/// The first pass over the features: each read on its own, ids collected for the second pass.
struct Reading {
    ids: IdMap,
    records: Vec<(usize, Record)>,
    problems: Vec<Problem>,
    /// Problems beyond what is kept, counted only.
    overflow: usize,
}

impl Reading {
    fn new(expected_features: usize) -> Self {
        let capacity = expected_features.min(1 << 16);
        Self {
            ids: IdMap::with_capacity_and_hasher(capacity, RandomState::default()),
            records: Vec::with_capacity(capacity),
            problems: Vec::new(),
            overflow: 0,
        }
    }

    fn feature(&mut self, index: usize, feature: &Json<'_>) {
        let mut reader = RecordReader::new(index);
        let record = reader.record(feature);
        if let Some(id) = reader.id.clone() {
            match self.ids.entry(id) {
                Entry::Occupied(first) => {
                    let first_index = first.get().first_index;
                    let kind = ProblemKind::DuplicateId { id: first.key().to_string(), first_index };
                    reader.error(Path::Root("id"), kind);
                }
                Entry::Vacant(slot) => {
                    let valid = record.is_some() && !reader.failed;
                    slot.insert(IdEntry { first_index: index, record_type: reader.record_type, valid });
                    if let (Some(record), true) = (record, valid) {
                        self.records.push((index, record));
                    }
                }
            }
        }
        // Keep enough to report the first MAX_PROBLEMS in order and count the rest.
        if self.problems.len() < 4 * MAX_PROBLEMS {
            self.problems.append(&mut reader.problems);
        } else {
            self.overflow += reader.problems.len();
        }
    }

    /// The second pass (references), then the problems in order, `root_problems` first.
    fn finish(self, mut problems: Vec<Problem>) -> ReadOutcome {
        let Self { ids, records, problems: feature_problems, overflow } = self;
        problems.extend(feature_problems);
        let dataset = resolve(records, &ids, &mut problems);
        problems.sort_by_key(|p| p.feature.as_ref().map_or(0, |f| f.index + 1));
        if problems.len() + overflow > MAX_PROBLEMS {
            let more = problems.len() + overflow - MAX_PROBLEMS;
            let errors = overflow > 0 || problems[MAX_PROBLEMS..].iter().any(|p| p.severity == Severity::Error);
            problems.truncate(MAX_PROBLEMS);
            let severity = if errors { Severity::Error } else { Severity::Warning };
            problems.push(Problem {
                feature: None,
                field: String::new(),
                kind: ProblemKind::TooManyProblems { more },
                severity,
            });
        }
        ReadOutcome { dataset, problems }
    }
}

/// Checks the limits, parses the JSON and returns the `features` of a FeatureCollection,
/// borrowing from `text`. Used by every GeoJSON file the app reads.
pub fn read_feature_array<'a>(text: &'a str, problems: &mut Vec<Problem>) -> Result<Vec<Json<'a>>, DataError> {
    let text = prepare(text, problems)?;
    read_root(text).map(|(features, _)| features)
}

/// A top-level member other than `features`.
type OtherMember<'a> = (std::borrow::Cow<'a, str>, Json<'a>);

/// The checks made before parsing: size, a byte order mark (skipped, with a warning) and
/// emptiness. Returns the text to parse.
pub(super) fn prepare<'a>(text: &'a str, problems: &mut Vec<Problem>) -> Result<&'a str, DataError> {
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

/// Checks the nesting depth, parses a prepared text as one JSON tree and splits the root object into its `features` array
/// and its other members.
fn read_root(text: &str) -> Result<(Vec<Json<'_>>, Vec<OtherMember<'_>>), DataError> {
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
fn check_root(others: &[OtherMember<'_>]) -> Result<(), DataError> {
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
fn stream_features<'a>(
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

/// The position of a geometry written exactly as `{"type": "Point", "coordinates": [lon, lat]}`
/// (the shape of nearly every record), read without building a geojson value. Anything else,
/// including every malformed geometry, goes through geojson, which also words the problem.
fn plain_point(value: &Json<'_>) -> Option<LatLng> {
    let object = value.as_object()?;
    if object.len() != 2 || object.get("type")?.as_str()? != "Point" {
        return None;
    }
    match object.get("coordinates")?.as_array()? {
        [Json::Number(lon), Json::Number(lat)] => Some(LatLng::lon_lat(lon.as_f64()?, lat.as_f64()?)),
        _ => None,
    }
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

/// Where a field is inside a feature, written out only when a problem is reported, so reading
/// a clean file allocates no paths. Built on the stack: `Sub(&parent, "sv")`.
#[derive(Clone, Copy)]
enum Path<'p> {
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

/// A record as read, before its references are resolved. Boxed: the records differ in size (a
/// project is four times a theme), and a list of thousands of unboxed records would reserve the
/// largest size for each, doubled by the list's growth.
enum Record {
    Theme(Box<Theme>),
    Place(Box<Place>),
    Organisation(Box<Organisation>),
    Agreement(Box<Agreement>),
    Project(Box<Project>),
    Activity(Box<Activity>),
}

impl Record {
    fn id(&self) -> &RecordId {
        match self {
            Self::Theme(x) => &x.id,
            Self::Place(x) => &x.id,
            Self::Organisation(x) => &x.id,
            Self::Agreement(x) => &x.id,
            Self::Project(x) => &x.id,
            Self::Activity(x) => &x.id,
        }
    }
}

const EXPECTED_TEXT: &str = "an object with \"en\", \"fi\" and \"sv\" texts";
const EXPECTED_ID: &str = "an id of 1-64 characters a-z, 0-9 and '-'";
const EXPECTED_POINT: &str = "a Point with [longitude, latitude] in degrees";
const EXPECTED_RECORD: &str = "one of theme, place, organisation, agreement, project, activity";

/// The members of an object, or none.
fn members<'v, 'a>(value: &'v Json<'a>) -> Option<&'v ObjectAsVec<'a>> {
    value.as_object()
}

/// Reads one feature, collecting its problems. `'f` is the feature being read.
struct RecordReader {
    index: usize,
    id: Option<RecordId>,
    record_type: Option<RecordType>,
    problems: Vec<Problem>,
    failed: bool,
}

impl RecordReader {
    fn new(index: usize) -> Self {
        Self { index, id: None, record_type: None, problems: Vec::new(), failed: false }
    }

    fn report(&mut self, field: Path<'_>, kind: ProblemKind, severity: Severity) {
        self.failed |= severity == Severity::Error;
        let feature = Some(FeatureRef { index: self.index, id: self.id.as_ref().map(RecordId::to_string) });
        self.problems.push(Problem { feature, field: field.to_string(), kind, severity });
    }

    fn error(&mut self, field: Path<'_>, kind: ProblemKind) {
        self.report(field, kind, Severity::Error);
    }

    /// An error that costs only part of the record (a text falls back to another language); the
    /// record itself is kept.
    fn error_kept(&mut self, field: Path<'_>, kind: ProblemKind) {
        let failed = self.failed;
        self.report(field, kind, Severity::Error);
        self.failed = failed;
    }

    fn warn(&mut self, field: Path<'_>, kind: ProblemKind) {
        self.report(field, kind, Severity::Warning);
    }

    fn wrong(&mut self, field: Path<'_>, value: &Json<'_>, expected: &'static str) {
        self.error(field, ProblemKind::WrongValue { found: describe_json(value), expected });
    }

    fn missing(&mut self, field: Path<'_>, expected: &'static str) {
        self.error(field, ProblemKind::Missing { expected });
    }

    fn record(&mut self, feature: &Json<'_>) -> Option<Record> {
        let Some(feature) = members(feature) else {
            self.wrong(Path::Root(""), feature, "a GeoJSON Feature object");
            return None;
        };
        match feature.get("type") {
            Some(Json::Str(t)) if t == "Feature" => {}
            Some(other) => self.wrong(Path::Root("type"), other, "\"Feature\""),
            None => self.missing(Path::Root("type"), "\"Feature\""),
        }
        for (key, _) in feature.iter().filter(|(k, _)| !["type", "id", "geometry", "properties", "bbox"].contains(k)) {
            self.warn(Path::Root(key), ProblemKind::UnknownProperty { name: shorten(key) });
        }
        let id = match feature.get("id") {
            Some(Json::Str(s)) => match RecordId::parse(s) {
                Some(id) => {
                    self.id = Some(id.clone());
                    Some(id)
                }
                None => {
                    self.wrong(Path::Root("id"), &Json::Str(s.clone()), EXPECTED_ID);
                    None
                }
            },
            Some(other) => {
                self.wrong(Path::Root("id"), other, EXPECTED_ID);
                None
            }
            None => {
                self.missing(Path::Root("id"), EXPECTED_ID);
                None
            }
        };
        let properties = match feature.get("properties") {
            Some(Json::Object(p)) => p,
            Some(Json::Null) | None => {
                self.missing(Path::Root("properties"), "an object of record properties");
                return None;
            }
            Some(other) => {
                self.wrong(Path::Root("properties"), other, "an object");
                return None;
            }
        };
        let record_field = Path::Prop("record");
        let record_type = match properties.get("record") {
            Some(Json::Str(code)) => match RecordType::from_code(code) {
                Some(t) => t,
                None => {
                    self.wrong(record_field, &Json::Str(code.clone()), EXPECTED_RECORD);
                    return None;
                }
            },
            Some(other) => {
                self.wrong(record_field, other, EXPECTED_RECORD);
                return None;
            }
            None => {
                self.missing(record_field, EXPECTED_RECORD);
                return None;
            }
        };
        self.record_type = Some(record_type);
        let geometry = feature.get("geometry").filter(|g| !g.is_null());
        let spatial = matches!(record_type, RecordType::Place | RecordType::Organisation);
        let location = if spatial {
            self.point(geometry)
        } else {
            if let Some(geometry) = geometry {
                let kind = ProblemKind::WrongValue {
                    found: describe_json(geometry),
                    expected: "null: this record is not on the map (it was ignored)",
                };
                self.warn(Path::Root("geometry"), kind);
            }
            None
        };
        let p = Props(properties);
        self.unknown_properties(&p, record_type);
        let id = id?;
        let record = match record_type {
            RecordType::Theme => self.theme(id, &p).map(|r| Record::Theme(Box::new(r))),
            RecordType::Place => self.place(id, &p, location?).map(|r| Record::Place(Box::new(r))),
            RecordType::Organisation => self.organisation(id, &p, location?).map(|r| Record::Organisation(Box::new(r))),
            RecordType::Agreement => self.agreement(id, &p).map(|r| Record::Agreement(Box::new(r))),
            RecordType::Project => self.project(id, &p).map(|r| Record::Project(Box::new(r))),
            RecordType::Activity => self.activity(id, &p).map(|r| Record::Activity(Box::new(r))),
        };
        record.filter(|_| !self.failed)
    }

    fn unknown_properties(&mut self, p: &Props<'_, '_>, record_type: RecordType) {
        for (key, _) in p.0.iter().filter(|(k, _)| !is_property_of(record_type, k)) {
            let short = shorten(key);
            self.warn(Path::Prop(&short), ProblemKind::UnknownProperty { name: short.clone() });
        }
    }

    fn point(&mut self, geometry: Option<&Json<'_>>) -> Option<LatLng> {
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
    fn text(&mut self, p: &Props<'_, '_>, key: &str, required: bool, limit: usize) -> Option<LocalizedText> {
        self.text_at(p.get(key), Path::Prop(key), required, limit)
    }

    fn text_at(
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

    fn string(&mut self, p: &Props<'_, '_>, key: &str, required: bool, expected: &'static str) -> Option<String> {
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

    fn one_of<T: Copy>(
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

    fn id_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>, required: bool) -> Option<RecordId> {
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

    fn ids_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>, expected: &'static str) -> Vec<RecordId> {
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

    fn ids(&mut self, p: &Props<'_, '_>, key: &str) -> Vec<RecordId> {
        self.ids_at(p.get(key), Path::Prop(key), "an array of ids")
    }

    fn url_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>, required: bool) -> Option<SafeUrl> {
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

    fn date_at(&mut self, value: Option<&Json<'_>>, field: Path<'_>) -> Option<PartialDate> {
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

    fn period(&mut self, p: &Props<'_, '_>, key: &str) -> Option<Period> {
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

    fn amount(&mut self, value: Option<&Json<'_>>, field: Path<'_>) -> Option<f64> {
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
    fn provenance(&mut self, p: &Props<'_, '_>, required: bool) -> Provenance {
        let mut provenance = Provenance::default();
        let sources_field = Path::Prop("sources");
        match p.get("sources") {
            Some(Json::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(source) = self.source(item, Path::Item(&sources_field, i)) {
                        provenance.sources.push(source);
                    }
                }
            }
            None | Some(Json::Null) | Some(Json::Array(_)) if !required => {}
            None | Some(Json::Null) | Some(Json::Array(_)) => {
                self.missing(sources_field, "a non-empty array of sources ({\"url\": …} or {\"document\": …})");
            }
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

    fn source(&mut self, item: &Json<'_>, field: Path<'_>) -> Option<Source> {
        let Some(source) = members(item) else {
            self.wrong(field, item, "an object {\"url\": …} or {\"document\": …}");
            return None;
        };
        let title_field = Path::Sub(&field, "title");
        let title = match source.get("title") {
            None | Some(Json::Null) => None,
            Some(Json::Str(t)) => self.plain(t, title_field, MAX_NAME_CHARS),
            Some(other) => {
                self.wrong(title_field, other, "a short text");
                None
            }
        };
        let reference = if source.contains_key("url") {
            SourceRef::Url(self.url_at(source.get("url"), Path::Sub(&field, "url"), true)?)
        } else {
            let document_field = Path::Sub(&field, "document");
            match source.get("document") {
                Some(Json::Str(d)) => SourceRef::Document(self.plain(d, document_field, MAX_TEXT_CHARS)?),
                Some(other) => {
                    self.wrong(document_field, other, "the name of a document");
                    return None;
                }
                None => {
                    self.missing(field, "\"url\" or \"document\"");
                    return None;
                }
            }
        };
        Some(Source { reference, title })
    }

    // Records.

    fn theme(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Theme> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let field = Path::Prop("colour");
        let colour = match p.get("colour") {
            Some(Json::Str(s)) => {
                let colour = Colour::parse(s);
                if colour.is_none() {
                    self.wrong(field, &Json::Str(s.clone()), "a colour as #rrggbb");
                }
                colour
            }
            Some(other) => {
                self.wrong(field, other, "a colour as #rrggbb");
                None
            }
            None => {
                self.missing(field, "a colour as #rrggbb");
                None
            }
        };
        // Themes are our own vocabulary; sources are welcome but not required.
        let _ = self.provenance(p, false);
        Some(Theme { id, name: name?, description: description?, colour: colour? })
    }

    fn place(&mut self, id: RecordId, p: &Props<'_, '_>, location: LatLng) -> Option<Place> {
        const EXPECTED_COUNTRY: &str = "an ISO 3166-1 alpha-2 country code such as \"FI\"";
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let kinds = [(PlaceKind::InnoCity, "innocity"), (PlaceKind::Partner, "partner")];
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &kinds, "\"innocity\" or \"partner\"");
        let country = self.string(p, "country", true, EXPECTED_COUNTRY).filter(|c| {
            let ok = c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
            if !ok {
                self.wrong(Path::Prop("country"), &Json::Str(c.clone().into()), EXPECTED_COUNTRY);
            }
            ok
        });
        let region = self.text(p, "region", false, MAX_NAME_CHARS);
        let description = self.text(p, "description", false, MAX_TEXT_CHARS);
        let agreement = self.id_at(p.get("agreement"), Path::Prop("agreement"), kind == Some(PlaceKind::InnoCity));
        let themes = self.ids(p, "themes");
        let website = self.url_at(p.get("website"), Path::Prop("website"), false);
        let provenance = self.provenance(p, true);
        Some(Place {
            id,
            kind: kind?,
            name: name?,
            country: country?,
            region,
            description,
            location,
            world: project(location),
            agreement,
            themes,
            website,
            provenance,
        })
    }

    fn organisation(&mut self, id: RecordId, p: &Props<'_, '_>, location: LatLng) -> Option<Organisation> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let expected = "a kind such as \"university\", \"company\" or \"port\"";
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &OrganisationKind::CODES, expected);
        let place = self.id_at(p.get("place"), Path::Prop("place"), false);
        let description = self.text(p, "description", false, MAX_TEXT_CHARS);
        let website = self.url_at(p.get("website"), Path::Prop("website"), false);
        let provenance = self.provenance(p, true);
        Some(Organisation {
            id,
            kind: kind?,
            name: name?,
            description,
            place,
            location,
            world: project(location),
            website,
            provenance,
        })
    }

    fn agreement(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Agreement> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let members = self.ids(p, "members");
        if members.is_empty() && !self.failed {
            self.missing(Path::Prop("members"), "a non-empty array of place ids");
        }
        let themes = self.ids(p, "themes");
        let focus = self.text(p, "focus", false, MAX_TEXT_CHARS);
        let signed = self.date_at(p.get("signed"), Path::Prop("signed"));
        let period = self.period(p, "period").unwrap_or_default();
        let intermediate_body = self.text(p, "intermediate_body", false, MAX_NAME_CHARS);
        let provenance = self.provenance(p, true);
        Some(Agreement { id, name: name?, members, themes, focus, signed, period, intermediate_body, provenance })
    }

    fn project(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Project> {
        const EXPECTED_LEAD: &str = "an object {\"place\": id, \"organisations\": [ids]}";
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        // null: the project spans all themes. Absent is a mistake, so it must be written out.
        let theme = match p.get("theme") {
            Some(Json::Null) => None,
            other => Some(self.id_at(other, Path::Prop("theme"), true)),
        };
        let lead_field = Path::Prop("lead");
        let (lead_place, lead_organisations) = match p.get("lead") {
            Some(Json::Object(lead)) => {
                let place = self.id_at(lead.get("place"), Path::Sub(&lead_field, "place"), true);
                let organisations = self.ids_at(
                    lead.get("organisations"),
                    Path::Sub(&lead_field, "organisations"),
                    "an array of organisation ids",
                );
                (place, organisations)
            }
            Some(other) => {
                self.wrong(lead_field, other, EXPECTED_LEAD);
                (None, Vec::new())
            }
            None => {
                self.missing(lead_field, EXPECTED_LEAD);
                (None, Vec::new())
            }
        };
        let partners = self.partners(p);
        let period = self.period(p, "period").unwrap_or_default();
        let budget = self.budget(p);
        let funder = self.id_at(p.get("funder"), Path::Prop("funder"), false);
        let coordinator = self.id_at(p.get("coordinator"), Path::Prop("coordinator"), false);
        let provenance = self.provenance(p, true);
        Some(Project {
            id,
            name: name?,
            description: description?,
            theme: theme.flatten(),
            lead_place: lead_place?,
            lead_organisations,
            partners,
            period,
            budget,
            funder,
            coordinator,
            provenance,
        })
    }

    fn partners(&mut self, p: &Props<'_, '_>) -> Vec<Partner> {
        const EXPECTED: &str = "an object {\"place\" or \"organisation\": id, \"role\": …}";
        const EXPECTED_ROLE: &str = "\"co-implementer\", \"partner\" or \"network\"";
        let field = Path::Prop("partners");
        let items = match p.get("partners") {
            None | Some(Json::Null) => return Vec::new(),
            Some(Json::Array(items)) => items,
            Some(other) => {
                self.wrong(field, other, "an array of partners");
                return Vec::new();
            }
        };
        let mut partners = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_field = Path::Item(&field, i);
            let Some(partner) = members(item) else {
                self.wrong(item_field, item, EXPECTED);
                continue;
            };
            let party = if partner.contains_key("place") {
                self.id_at(partner.get("place"), Path::Sub(&item_field, "place"), true).map(Party::Place)
            } else if partner.contains_key("organisation") {
                self.id_at(partner.get("organisation"), Path::Sub(&item_field, "organisation"), true)
                    .map(Party::Organisation)
            } else {
                self.missing(item_field, "\"place\" or \"organisation\"");
                None
            };
            let role = match partner.get("role") {
                None | Some(Json::Null) => Some(PartnerRole::Partner),
                other => self.one_of(other, Path::Sub(&item_field, "role"), &PartnerRole::CODES, EXPECTED_ROLE),
            };
            if let (Some(party), Some(role)) = (party, role) {
                partners.push(Partner { party, role });
            }
        }
        partners
    }

    fn budget(&mut self, p: &Props<'_, '_>) -> Option<Budget> {
        let field = Path::Prop("budget");
        let fields = match p.get("budget") {
            None | Some(Json::Null) => return None,
            Some(Json::Object(fields)) => fields,
            Some(other) => {
                self.wrong(field, other, "an object with \"total_eur\" and \"public_funding_eur\", or null");
                return None;
            }
        };
        let total_eur = self.amount(fields.get("total_eur"), Path::Sub(&field, "total_eur"));
        let public_field = Path::Sub(&field, "public_funding_eur");
        let public_funding_eur = self.amount(fields.get("public_funding_eur"), public_field);
        if let (Some(total), Some(public)) = (total_eur, public_funding_eur) {
            if public > total {
                let found = format!("public funding {public} above the total {total}");
                self.error(
                    public_field,
                    ProblemKind::WrongValue { found, expected: "public funding at most the total" },
                );
            }
        }
        let public_funding =
            self.text_at(fields.get("public_funding"), Path::Sub(&field, "public_funding"), false, MAX_NAME_CHARS);
        Some(Budget { total_eur, public_funding_eur, public_funding })
    }

    fn activity(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Activity> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let expected = "\"visit\", \"study-visit\", \"event\", \"partnership\" or \"seminar\"";
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &ActivityKind::CODES, expected);
        let places = self.ids(p, "places");
        if places.is_empty() && !self.failed {
            self.missing(Path::Prop("places"), "a non-empty array of place ids");
        }
        let organisations = self.ids(p, "organisations");
        let project = self.id_at(p.get("project"), Path::Prop("project"), false);
        let period = self.period(p, "period");
        let is_virtual = match p.get("virtual") {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                self.wrong(Path::Prop("virtual"), other, "true or false");
                false
            }
        };
        let provenance = self.provenance(p, true);
        Some(Activity {
            id,
            kind: kind?,
            name: name?,
            description: description?,
            places,
            organisations,
            project,
            period,
            is_virtual,
            provenance,
        })
    }
}

/// Properties of a feature.
struct Props<'v, 'a>(&'v ObjectAsVec<'a>);

impl<'a> Props<'_, 'a> {
    fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.get(key)
    }
}

/// Whether `key` is a property of records of `record_type` (written as a `match`, which is
/// several times faster than searching lists: it runs for every property of every record).
fn is_property_of(record_type: RecordType, key: &str) -> bool {
    use RecordType::*;
    match key {
        "record" | "name" | "sources" | "checked" | "unverified" | "notes" | "links" => true,
        "description" => record_type != Agreement,
        "kind" => matches!(record_type, Place | Organisation | Activity),
        "website" => matches!(record_type, Place | Organisation),
        "themes" => matches!(record_type, Place | Agreement),
        "period" => matches!(record_type, Agreement | Project | Activity),
        "country" | "region" | "agreement" => record_type == Place,
        "colour" => record_type == Theme,
        "place" => record_type == Organisation,
        "members" | "focus" | "signed" | "intermediate_body" => record_type == Agreement,
        "theme" | "lead" | "partners" | "budget" | "funder" | "coordinator" => record_type == Project,
        "places" | "organisations" | "project" | "virtual" => record_type == Activity,
        _ => false,
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

/// The second pass: checks every reference against the records that passed.
fn resolve(records: Vec<(usize, Record)>, ids: &IdMap, problems: &mut Vec<Problem>) -> Dataset {
    let mut dataset = Dataset::default();
    let count = |wanted: fn(&Record) -> bool| records.iter().filter(|(_, r)| wanted(r)).count();
    dataset.places.reserve_exact(count(|r| matches!(r, Record::Place(_))));
    dataset.organisations.reserve_exact(count(|r| matches!(r, Record::Organisation(_))));
    dataset.agreements.reserve_exact(count(|r| matches!(r, Record::Agreement(_))));
    dataset.projects.reserve_exact(count(|r| matches!(r, Record::Project(_))));
    for (index, record) in records {
        let id = record.id().clone();
        let mut check = ReferenceCheck { index, id: &id, ids, problems, failed: false };
        match record {
            Record::Theme(theme) => dataset.themes.push(*theme),
            Record::Place(mut place) => {
                place.agreement =
                    place.agreement.filter(|a| check.optional(a, RecordType::Agreement, Path::Prop("agreement")));
                place.themes = check.keep(place.themes, RecordType::Theme, Path::Prop("themes"));
                dataset.places.push(*place);
            }
            Record::Organisation(mut organisation) => {
                organisation.place =
                    organisation.place.filter(|p| check.optional(p, RecordType::Place, Path::Prop("place")));
                dataset.organisations.push(*organisation);
            }
            Record::Agreement(mut agreement) => {
                agreement.members = check.keep(agreement.members, RecordType::Place, Path::Prop("members"));
                agreement.themes = check.keep(agreement.themes, RecordType::Theme, Path::Prop("themes"));
                if agreement.members.is_empty() {
                    check.fail(Path::Prop("members"), "at least one member place that exists and was not left out");
                } else {
                    dataset.agreements.push(*agreement);
                }
            }
            Record::Project(mut project) => {
                if let Some(theme) = &project.theme {
                    check.required(theme, RecordType::Theme, Path::Prop("theme"));
                }
                let lead = Path::Prop("lead");
                check.required(&project.lead_place, RecordType::Place, Path::Sub(&lead, "place"));
                project.lead_organisations =
                    check.keep(project.lead_organisations, RecordType::Organisation, Path::Sub(&lead, "organisations"));
                let partners_field = Path::Prop("partners");
                project.partners = project
                    .partners
                    .into_iter()
                    .enumerate()
                    .filter(|(i, partner)| {
                        let item = Path::Item(&partners_field, *i);
                        match &partner.party {
                            Party::Place(id) => check.optional(id, RecordType::Place, Path::Sub(&item, "place")),
                            Party::Organisation(id) => {
                                check.optional(id, RecordType::Organisation, Path::Sub(&item, "organisation"))
                            }
                        }
                    })
                    .map(|(_, partner)| partner)
                    .collect();
                project.funder =
                    project.funder.filter(|f| check.optional(f, RecordType::Organisation, Path::Prop("funder")));
                project.coordinator = project
                    .coordinator
                    .filter(|c| check.optional(c, RecordType::Organisation, Path::Prop("coordinator")));
                if !check.failed {
                    dataset.projects.push(*project);
                }
            }
            Record::Activity(mut activity) => {
                activity.places = check.keep(activity.places, RecordType::Place, Path::Prop("places"));
                activity.organisations =
                    check.keep(activity.organisations, RecordType::Organisation, Path::Prop("organisations"));
                activity.project =
                    activity.project.filter(|p| check.optional(p, RecordType::Project, Path::Prop("project")));
                if activity.places.is_empty() {
                    check.fail(Path::Prop("places"), "at least one place that exists and was not left out");
                } else {
                    dataset.activities.push(*activity);
                }
            }
        }
    }
    dataset
}

/// Checks the references of one record.
struct ReferenceCheck<'a> {
    index: usize,
    id: &'a RecordId,
    ids: &'a IdMap,
    problems: &'a mut Vec<Problem>,
    failed: bool,
}

impl ReferenceCheck<'_> {
    fn gap(&self, target: &RecordId, expected: RecordType) -> Option<ReferenceGap> {
        match self.ids.get(target) {
            None => Some(ReferenceGap::Absent),
            Some(entry) => match entry.record_type {
                Some(t) if t != expected => Some(ReferenceGap::WrongType(t.code())),
                Some(_) if entry.valid => None,
                _ => Some(ReferenceGap::Skipped),
            },
        }
    }

    fn report(
        &mut self,
        field: Path<'_>,
        target: &RecordId,
        expected: RecordType,
        gap: ReferenceGap,
        drops_record: bool,
    ) {
        self.failed |= drops_record;
        self.problems.push(Problem {
            feature: Some(FeatureRef { index: self.index, id: Some(self.id.to_string()) }),
            field: field.to_string(),
            kind: ProblemKind::UnknownReference { id: target.to_string(), expected: expected.code(), gap },
            severity: Severity::Error,
        });
    }

    /// A reference the record cannot do without: an unresolved one leaves the record out.
    fn required(&mut self, target: &RecordId, expected: RecordType, field: Path<'_>) {
        if let Some(gap) = self.gap(target, expected) {
            self.report(field, target, expected, gap, true);
        }
    }

    /// A reference the record can do without: an unresolved one is an error that drops only
    /// the reference; the record is kept.
    fn optional(&mut self, target: &RecordId, expected: RecordType, field: Path<'_>) -> bool {
        match self.gap(target, expected) {
            None => true,
            Some(gap) => {
                self.report(field, target, expected, gap, false);
                false
            }
        }
    }

    /// The resolvable items of a list of references, without repeats. Real lists are short, so
    /// a linear check is fastest; a long (possibly hostile) list is de-duplicated by hashing.
    fn keep(&mut self, ids: Vec<RecordId>, expected: RecordType, field: Path<'_>) -> Vec<RecordId> {
        const LINEAR_UP_TO: usize = 16;
        let mut kept: Vec<RecordId> = Vec::with_capacity(ids.len());
        let mut seen: IdSet = IdSet::default();
        for (i, id) in ids.into_iter().enumerate() {
            if !self.optional(&id, expected, Path::Item(&field, i)) {
                continue;
            }
            let repeat = match kept.len() {
                ..LINEAR_UP_TO => kept.contains(&id),
                LINEAR_UP_TO if seen.is_empty() => {
                    seen.extend(kept.iter().cloned());
                    !seen.insert(id.clone())
                }
                _ => !seen.insert(id.clone()),
            };
            if !repeat {
                kept.push(id);
            }
        }
        kept
    }

    fn fail(&mut self, field: Path<'_>, expected: &'static str) {
        self.failed = true;
        self.problems.push(Problem {
            feature: Some(FeatureRef { index: self.index, id: Some(self.id.to_string()) }),
            field: field.to_string(),
            kind: ProblemKind::Missing { expected },
            severity: Severity::Error,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &str = r#""sources":[{"document":"test"}],"checked":"2026-11-22""#;

    fn place(id: &str, coordinates: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":{coordinates}}},"properties":{{"record":"place","kind":"partner","country":"FI","name":{{"en":"Kokkola","fi":"Kokkola","sv":"Karleby"}},{SOURCES}{extra}}}}}"#
        )
    }

    fn theme(id: &str) -> String {
        format!(
            r##"{{"type":"Feature","id":"{id}","geometry":null,"properties":{{"record":"theme","name":{{"en":"T","fi":"T","sv":"T"}},"description":{{"en":"D","fi":"D","sv":"D"}},"colour":"#0072b2"}}}}"##
        )
    }

    fn project(extra: &str) -> String {
        format!(
            r#"{{"type":"Feature","id":"p","geometry":null,"properties":{{"record":"project","name":{{"en":"P","fi":"P","sv":"P"}},"description":{{"en":"D","fi":"D","sv":"D"}},"theme":"t","lead":{{"place":"a"}},{SOURCES}{extra}}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    fn codes(outcome: &ReadOutcome) -> Vec<(usize, String, &'static str, Severity)> {
        outcome
            .problems
            .iter()
            .map(|p| (p.feature.as_ref().map_or(usize::MAX, |f| f.index), p.field.clone(), p.kind.code(), p.severity))
            .collect()
    }

    #[test]
    fn a_valid_place_reads_completely() {
        let outcome = read_dataset(&collection(&[place("kokkola", "[23.1307, 63.8385]", "")])).unwrap();
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        let p = &outcome.dataset.places[0];
        assert_eq!(p.id.as_str(), "kokkola");
        assert_eq!(p.name.get(Language::Sv), "Karleby");
        assert_eq!(p.location, LatLng::lat_lon(63.8385, 23.1307));
    }

    #[test]
    fn a_broken_record_is_reported_and_the_rest_still_load() {
        let text = collection(&[
            place("good", "[23.1, 63.8]", ""),
            place("swapped", "[63.8, 123.1]", ""),
            place("good-too", "[25.0, 60.2]", ""),
        ]);
        let outcome = read_dataset(&text).unwrap();
        assert_eq!(outcome.dataset.places.len(), 2);
        let message = outcome.problems[0].to_string();
        assert_eq!(
            message,
            "feature 1 (id \"swapped\"), field `geometry.coordinates`: found [63.8, 123.1]; expected longitude in -180..180 then latitude in -90..90"
        );
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let outcome = read_dataset(&collection(&[place("a", "[1, 1]", ""), place("a", "[2, 2]", "")])).unwrap();
        assert_eq!(outcome.dataset.places.len(), 1);
        assert_eq!(codes(&outcome), vec![(1, "id".into(), "duplicate-id", Severity::Error)]);
    }

    #[test]
    fn a_missing_translation_is_an_error_but_the_record_stays_with_a_fallback() {
        let text = collection(&[place("x", "[1, 2]", "").replace(r#","sv":"Karleby""#, "")]);
        let outcome = read_dataset(&text).unwrap();
        assert_eq!(outcome.dataset.places[0].name.get(Language::Sv), "Kokkola");
        assert_eq!(codes(&outcome), vec![(0, "properties.name.sv".into(), "missing", Severity::Error)]);
        assert_eq!(outcome.dataset.places.len(), 1);
    }

    #[test]
    fn streaming_and_whole_tree_reading_agree_on_every_fixture_and_the_data() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "geojson"))
            .collect();
        files.push(root.join("data/innocities.geojson"));
        assert!(files.len() > 30);
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert_eq!(read(&text, true), read(&text, false), "{}", path.display());
        }
    }

    #[test]
    fn nesting_is_limited_to_exactly_max_nesting_levels() {
        // Root object, features array and feature object are three levels; properties a fourth.
        let nested = |levels: usize| {
            let value = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
            collection(&[place("a", "[1, 2]", &format!(r#","deep":{value}"#))])
        };
        let fits = read_dataset(&nested(MAX_NESTING - 4)).unwrap();
        assert_eq!(codes(&fits), vec![(0, "properties.deep".into(), "unknown-property", Severity::Warning)]);
        let err = read_dataset(&nested(MAX_NESTING - 3)).unwrap_err();
        assert_eq!(err.code(), "too-deep");
        let deep_member =
            format!(r#"{{"x":{}{},"type":"FeatureCollection","features":[]}}"#, "[".repeat(64), "]".repeat(64));
        assert_eq!(read_dataset(&deep_member).unwrap_err().code(), "too-deep");
    }

    #[test]
    fn escaped_member_names_read_the_same_as_plain_ones() {
        let plain = collection(&[place("a", "[1, 2]", "")]);
        let escaped = plain.replacen("\"features\"", "\"feat\\u0075res\"", 1);
        assert_ne!(plain, escaped);
        assert_eq!(read_dataset(&escaped), read_dataset(&plain));
        let twice = plain.replacen("\"features\":[", "\"features\":[],\"features\":[", 1);
        assert_eq!(read_dataset(&twice), read_dataset(&plain));
    }

    #[test]
    fn whole_file_errors_are_typed() {
        let code = |text: &str| read_dataset(text).map(|_| ()).map_err(|e| e.code());
        assert_eq!(code("{nope"), Err("not-json"));
        assert_eq!(code(""), Err("empty"));
        assert_eq!(code(" \n\t"), Err("empty"));
        assert_eq!(code("[]"), Err("not-feature-collection"));
        assert_eq!(code(r#"{"type":"Feature"}"#), Err("not-feature-collection"));
        assert_eq!(code(r#"{"type":"FeatureCollection","features":{}}"#), Err("features-not-array"));
        assert_eq!(
            code(r#"{"type":"FeatureCollection","innomap":{"format":2},"features":[]}"#),
            Err("unsupported-format")
        );
        assert_eq!(code(&format!("{}{}", "[".repeat(100), "]".repeat(100))), Err("too-deep"));
        assert_eq!(code(&"[".repeat(100_000)), Err("too-deep"));
        assert_eq!(code(&" ".repeat(MAX_FILE_BYTES + 1)), Err("too-large"));
        // A truncated escape at the very end must not read past the text.
        assert_eq!(code("[\"\\"), Err("not-json"));
        assert_eq!(code("{\"a\":\"\\\""), Err("not-json"));
        // Brackets inside strings do not count as nesting.
        let braces = format!(r#"{{"type":"FeatureCollection","note":"{}","features":[]}}"#, "[".repeat(200));
        assert_eq!(code(&braces), Ok(()));
    }

    #[test]
    fn a_byte_order_mark_is_a_warning() {
        let outcome = read_dataset(&format!("\u{feff}{}", collection(&[]))).unwrap();
        assert_eq!(codes(&outcome), vec![(usize::MAX, String::new(), "byte-order-mark", Severity::Warning)]);
    }

    #[test]
    fn unsafe_urls_markup_and_long_text_are_rejected() {
        let js = place("js", "[1, 2]", r#","website":"javascript:alert(1)""#);
        let markup = place("m", "[1, 2]", "").replace("Karleby", "<img src=x onerror=alert(1)>");
        let long = place("l", "[1, 2]", "").replace("Karleby", &"x".repeat(300));
        let ok = place(
            "ok",
            "[1, 2]",
            r#","website":"https://www.kokkola.fi","notes":{"en":"3 < 4","fi":"3 < 4","sv":"3 < 4"}"#,
        );
        let outcome = read_dataset(&collection(&[js, markup, long, ok])).unwrap();
        assert_eq!(
            codes(&outcome),
            vec![
                (0, "properties.website".into(), "unsafe-url", Severity::Error),
                (1, "properties.name.sv".into(), "markup-in-text", Severity::Error),
                (2, "properties.name.sv".into(), "too-long", Severity::Error),
            ]
        );
        assert_eq!(outcome.dataset.places.len(), 1);
        assert!(outcome.problems[0].to_string().contains("\"javascript:alert(1)\""));
    }

    #[test]
    fn required_references_skip_the_record_and_dangling_list_items_are_dropped() {
        let features = [
            theme("t"),
            place("a", "[1, 2]", r#","themes":["t","no-such-theme"]"#),
            project(r#","partners":[{"place":"a","role":"partner"},{"place":"ghost"},{"organisation":"t"}]"#),
            project(r#","theme":"a""#).replace(r#""id":"p""#, r#""id":"q""#).replace(r#""theme":"t","#, ""),
        ];
        let outcome = read_dataset(&collection(&features)).unwrap();
        assert_eq!(outcome.dataset.places[0].themes.len(), 1);
        let project = &outcome.dataset.projects[0];
        assert_eq!(project.partners.len(), 1, "the dangling and the wrongly typed partner are dropped");
        assert_eq!(outcome.dataset.projects.len(), 1, "the project whose theme is a place is left out");
        let messages: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
        assert!(
            messages[0].contains("`properties.themes[1]`: refers to \"no-such-theme\", which does not exist"),
            "{messages:#?}"
        );
        assert!(messages[1].contains("`properties.partners[1].place`: refers to \"ghost\", which does not exist"));
        assert!(messages[2].contains("`properties.partners[2].organisation`: refers to \"t\", which is a theme"));
        assert!(
            messages[3].contains("`properties.theme`: refers to \"a\", which is a place; expected the id of a theme")
        );
        assert_eq!(outcome.problems[3].severity, Severity::Error);
    }

    #[test]
    fn a_reference_to_a_skipped_record_says_so() {
        let features = [theme("t"), place("a", "[500, 2]", ""), project("")];
        let outcome = read_dataset(&collection(&features)).unwrap();
        assert!(outcome.dataset.projects.is_empty());
        assert!(
            outcome.problems[1].to_string().contains("left out because of its own errors"),
            "{:?}",
            outcome.problems
        );
    }

    #[test]
    fn periods_dates_and_budgets_are_checked() {
        let features = [
            theme("t"),
            place("a", "[1, 2]", ""),
            project(r#","period":{"start":"2025-08","end":"2025"}"#),
            project(r#","period":{"start":"2026","end":"2025-12-31"}"#).replace(r#""id":"p""#, r#""id":"v""#),
            project(r#","period":{"start":"2023-13-45","end":null}"#).replace(r#""id":"p""#, r#""id":"q""#),
            project(r#","budget":{"total_eur":100,"public_funding_eur":150}"#).replace(r#""id":"p""#, r#""id":"r""#),
            project(r#","budget":{"total_eur":-1}"#).replace(r#""id":"p""#, r#""id":"s""#),
            project(r#","period":{"start":"2023-08-01","end":"2025-07-31"},"budget":{"total_eur":259188,"public_funding_eur":194390}"#)
                .replace(r#""id":"p""#, r#""id":"u""#),
        ];
        let outcome = read_dataset(&collection(&features)).unwrap();
        let fields: Vec<(String, &str)> = outcome.problems.iter().map(|p| (p.field.clone(), p.kind.code())).collect();
        assert_eq!(
            fields,
            vec![
                ("properties.period".into(), "wrong-value"),
                ("properties.period.start".into(), "bad-date"),
                ("properties.budget.public_funding_eur".into(), "wrong-value"),
                ("properties.budget.total_eur".into(), "wrong-value"),
            ]
        );
        assert_eq!(outcome.dataset.projects.len(), 2, "2025-08 to 2025 is a valid period; the last one too");
    }

    #[test]
    fn partial_dates_reject_impossible_days() {
        assert!(PartialDate::parse("2024-02-29").is_some());
        assert!(PartialDate::parse("2023-02-29").is_none());
        assert!(PartialDate::parse("31.7.2025").is_none());
        assert!(PartialDate::parse("2025-7").is_none());
        assert_eq!(PartialDate::parse("2025-07").map(|d| d.to_string()), Some("2025-07".into()));
    }

    #[test]
    fn unknown_properties_and_non_spatial_geometry_are_warnings() {
        let text = collection(&[
            place("a", "[1, 2]", r#","colour_of_sky":"blue""#),
            theme("t").replace("\"geometry\":null", r#""geometry":{"type":"Point","coordinates":[1,2]}"#),
        ]);
        let outcome = read_dataset(&text).unwrap();
        assert_eq!(outcome.dataset.places.len() + outcome.dataset.themes.len(), 2);
        let found: Vec<(&str, Severity)> = outcome.problems.iter().map(|p| (p.kind.code(), p.severity)).collect();
        assert_eq!(found, vec![("unknown-property", Severity::Warning), ("wrong-value", Severity::Warning)]);
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
    fn the_point_fast_path_agrees_with_geojson() {
        for geometry in [
            r#"{"type":"Point","coordinates":[23.1307,63.8385]}"#,
            r#"{"type":"Point","coordinates":[23,63]}"#,
            r#"{"coordinates":[-180,-90],"type":"Point"}"#,
        ] {
            let value: Json<'_> = serde_json::from_str(geometry).unwrap();
            let fast = plain_point(&value).unwrap();
            let Ok(Geometry { value: GeometryValue::Point { coordinates }, .. }) = geometry_of(&value) else {
                panic!()
            };
            assert_eq!((fast.lon, fast.lat), (coordinates[0], coordinates[1]), "{geometry}");
        }
        for other in [
            r#"{"type":"Point","coordinates":[1,2,3]}"#,
            r#"{"type":"Point","coordinates":["1",2]}"#,
            r#"{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}"#,
            r#"{"type":"LineString","coordinates":[1,2]}"#,
        ] {
            let value: Json<'_> = serde_json::from_str(other).unwrap();
            assert_eq!(plain_point(&value), None, "{other} goes through geojson");
        }
    }

    #[test]
    fn millions_of_broken_features_give_a_bounded_list_of_problems() {
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}0]}}"#, "0,".repeat(200_000));
        let outcome = read_dataset(&text).unwrap();
        assert_eq!(outcome.problems.len(), MAX_PROBLEMS + 1);
        let last = outcome.problems.last().unwrap();
        assert_eq!(last.kind, ProblemKind::TooManyProblems { more: 200_001 - MAX_PROBLEMS });
        assert_eq!(last.severity, Severity::Error);
    }

    #[test]
    fn a_long_list_of_repeated_references_is_deduplicated_quickly() {
        let themes = format!("[{}\"t\"]", "\"t\",".repeat(50_000));
        let text = collection(&[theme("t"), place("a", "[1, 2]", &format!(r#","themes":{themes}"#))]);
        let start = std::time::Instant::now();
        let outcome = read_dataset(&text).unwrap();
        assert_eq!(outcome.dataset.places[0].themes.len(), 1);
        // Quadratic de-duplication would take minutes here; hashing takes milliseconds.
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn signs_and_other_digits_are_not_dates_or_colours() {
        assert!(PartialDate::parse("+999").is_none());
        assert!(PartialDate::parse("2024-+1").is_none());
        assert!(Colour::parse("#+1+2+3").is_none());
        assert_eq!(Colour::parse("#0072B2").map(Colour::css).as_deref(), Some("#0072b2"));
    }

    #[test]
    fn safe_urls() {
        assert!(SafeUrl::parse("https://innokaupungit.fi/en/").is_some());
        assert!(SafeUrl::parse("HTTP://example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x.org",
            "/relative",
            "https://",
            "https://a b.org",
            "//x.org",
        ] {
            assert!(SafeUrl::parse(bad).is_none(), "{bad}");
        }
    }
}
