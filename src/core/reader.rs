//! Reading and validating an InnoMap data file (format 1; see `docs/data-format.md`).
//!
//! [`read_dataset`] is the one parse-and-validate function: the app, the command-line validator
//! and the tests all call it. The file is untrusted. Limits are checked before parsing (size,
//! nesting depth); then each feature is read on its own, so a broken record is reported (which
//! feature, which field, what was found, what was expected) and every valid record still loads.
//! A second pass resolves references: a missing required reference (a project's theme or lead
//! place) leaves the record out; a dangling item of a list (a partner, a theme of a place) is an
//! error that drops only that item, so one bad record never takes its neighbours with it.
//! Likewise a missing translation is an error, but the record stays, shown in another language.

use std::collections::{HashMap, HashSet};

use geojson::{Geometry, GeometryValue};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{describe_json, shorten, DataError, FeatureRef, Problem, ProblemKind, ReferenceGap, Severity};
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

/// A validated dataset and everything that was wrong with the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutcome {
    /// The records that passed.
    pub dataset: Dataset,
    /// Problems in file order; errors mean something was left out.
    pub problems: Vec<Problem>,
}

impl ReadOutcome {
    /// The problems that left something out.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
}

/// Reads and validates a data file.
pub fn read_dataset(text: &str) -> Result<ReadOutcome, DataError> {
    let mut file_problems = Vec::new();
    let (features, root) = read_root(text, &mut file_problems)?;
    let unknown = root.keys().filter(|k| !["type", "innomap", "bbox"].contains(&k.as_str()));
    for name in unknown {
        let kind = ProblemKind::UnknownProperty { name: shorten(name) };
        file_problems.push(Problem { feature: None, field: shorten(name), kind, severity: Severity::Warning });
    }
    let mut records = Vec::new();
    let mut problems = file_problems;
    let mut first_index: HashMap<String, usize> = HashMap::new();
    let mut all_types: HashMap<String, RecordType> = HashMap::new();
    for (index, feature) in features.iter().enumerate() {
        let mut reader = RecordReader::new(index);
        let record = reader.record(feature);
        if let Some(id) = reader.id.clone() {
            if let Some(&first) = first_index.get(&id) {
                reader.error("id", ProblemKind::DuplicateId { id: id.clone(), first_index: first });
            } else {
                first_index.insert(id.clone(), index);
                if let Some(record_type) = reader.record_type {
                    all_types.insert(id, record_type);
                }
            }
        }
        let failed = reader.failed;
        problems.extend(reader.problems);
        if let (Some(record), false) = (record, failed) {
            records.push((index, record));
        }
    }
    let dataset = resolve(records, &all_types, &mut problems);
    problems.sort_by_key(|p| p.feature.as_ref().map_or(0, |f| f.index + 1));
    Ok(ReadOutcome { dataset, problems })
}

/// Checks the limits, parses the JSON and returns the `features` array of a FeatureCollection.
/// Used by every GeoJSON file the app reads.
pub fn read_feature_array(text: &str, problems: &mut Vec<Problem>) -> Result<Vec<Value>, DataError> {
    read_root(text, problems).map(|(features, _)| features)
}

/// [`read_feature_array`], also returning the other top-level members.
fn read_root(text: &str, problems: &mut Vec<Problem>) -> Result<(Vec<Value>, Map<String, Value>), DataError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(DataError::TooLarge { bytes: text.len(), limit: MAX_FILE_BYTES });
    }
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            problems.push(Problem {
                feature: None,
                field: String::new(),
                kind: ProblemKind::ByteOrderMark,
                severity: Severity::Warning,
            });
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        return Err(DataError::Empty);
    }
    check_nesting(text)?;
    let root: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which the error already carries.
        let mut reason = e.to_string();
        if let Some(at) = reason.rfind(" at line ") {
            reason.truncate(at);
        }
        DataError::NotJson { line: e.line(), column: e.column(), reason }
    })?;
    let Value::Object(mut root) = root else {
        return Err(DataError::NotFeatureCollection { found: describe_json(&root) });
    };
    match root.get("type") {
        Some(Value::String(t)) if t == "FeatureCollection" => {}
        Some(other) => {
            return Err(DataError::NotFeatureCollection { found: format!("\"type\": {}", describe_json(other)) })
        }
        None => return Err(DataError::NotFeatureCollection { found: "an object without \"type\"".to_owned() }),
    }
    if let Some(format) = root.get("innomap").and_then(|m| m.get("format")) {
        if format.as_u64() != Some(1) {
            return Err(DataError::UnsupportedFormat { found: shorten(&format.to_string()) });
        }
    }
    match root.remove("features") {
        Some(Value::Array(features)) => Ok((features, root)),
        Some(other) => Err(DataError::FeaturesNotArray { found: describe_json(&other) }),
        None => Err(DataError::FeaturesNotArray { found: "no \"features\" member".to_owned() }),
    }
}

/// Fails on nesting deeper than [`MAX_NESTING`] before the parser recurses into it.
fn check_nesting(text: &str) -> Result<(), DataError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, byte) in text.bytes().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(DataError::TooDeep { limit: MAX_NESTING, at });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A record as read, before its references are resolved.
enum Record {
    Theme(Theme),
    Place(Place),
    Organisation(Organisation),
    Agreement(Agreement),
    Project(Project),
    Activity(Activity),
}

const EXPECTED_TEXT: &str = "an object with \"en\", \"fi\" and \"sv\" texts";
const EXPECTED_ID: &str = "an id of 1-64 characters a-z, 0-9 and '-'";
const EXPECTED_POINT: &str = "a Point with [longitude, latitude] in degrees";

/// Reads one feature, collecting its problems.
struct RecordReader {
    index: usize,
    id: Option<String>,
    record_type: Option<RecordType>,
    problems: Vec<Problem>,
    failed: bool,
}

impl RecordReader {
    fn new(index: usize) -> Self {
        Self { index, id: None, record_type: None, problems: Vec::new(), failed: false }
    }

    fn report(&mut self, field: &str, kind: ProblemKind, severity: Severity) {
        self.failed |= severity == Severity::Error;
        let feature = Some(FeatureRef { index: self.index, id: self.id.clone() });
        self.problems.push(Problem { feature, field: field.to_owned(), kind, severity });
    }

    fn error(&mut self, field: &str, kind: ProblemKind) {
        self.report(field, kind, Severity::Error);
    }

    /// An error that costs only part of the record (a text falls back to another language); the
    /// record itself is kept.
    fn error_kept(&mut self, field: &str, kind: ProblemKind) {
        let failed = self.failed;
        self.report(field, kind, Severity::Error);
        self.failed = failed;
    }

    fn warn(&mut self, field: &str, kind: ProblemKind) {
        self.report(field, kind, Severity::Warning);
    }

    fn wrong(&mut self, field: &str, value: &Value, expected: &'static str) {
        self.error(field, ProblemKind::WrongValue { found: describe_json(value), expected });
    }

    fn record(&mut self, feature: &Value) -> Option<Record> {
        let Value::Object(feature) = feature else {
            self.wrong("", feature, "a GeoJSON Feature object");
            return None;
        };
        match feature.get("type") {
            Some(Value::String(t)) if t == "Feature" => {}
            Some(other) => self.wrong("type", other, "\"Feature\""),
            None => self.error("type", ProblemKind::Missing { expected: "\"Feature\"" }),
        }
        for key in feature.keys().filter(|k| !["type", "id", "geometry", "properties", "bbox"].contains(&k.as_str())) {
            self.warn(key, ProblemKind::UnknownProperty { name: shorten(key) });
        }
        let id = match feature.get("id") {
            Some(Value::String(s)) => match RecordId::parse(s) {
                Some(id) => {
                    self.id = Some(s.clone());
                    Some(id)
                }
                None => {
                    self.wrong("id", &Value::String(s.clone()), EXPECTED_ID);
                    None
                }
            },
            Some(other) => {
                self.wrong("id", other, EXPECTED_ID);
                None
            }
            None => {
                self.error("id", ProblemKind::Missing { expected: EXPECTED_ID });
                None
            }
        };
        let properties = match feature.get("properties") {
            Some(Value::Object(p)) => p,
            Some(Value::Null) | None => {
                self.error("properties", ProblemKind::Missing { expected: "an object of record properties" });
                return None;
            }
            Some(other) => {
                self.wrong("properties", other, "an object");
                return None;
            }
        };
        let record_type = match properties.get("record") {
            Some(Value::String(code)) => match RecordType::from_code(code) {
                Some(t) => t,
                None => {
                    let value = Value::String(code.clone());
                    self.wrong(
                        "properties.record",
                        &value,
                        "one of theme, place, organisation, agreement, project, activity",
                    );
                    return None;
                }
            },
            Some(other) => {
                self.wrong(
                    "properties.record",
                    other,
                    "one of theme, place, organisation, agreement, project, activity",
                );
                return None;
            }
            None => {
                let expected = "one of theme, place, organisation, agreement, project, activity";
                self.error("properties.record", ProblemKind::Missing { expected });
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
                let found = describe_json(geometry);
                self.warn(
                    "geometry",
                    ProblemKind::WrongValue { found, expected: "null: this record is not on the map (it was ignored)" },
                );
            }
            None
        };
        let p = Props { map: properties };
        self.unknown_properties(&p, record_type);
        let id = id?;
        let record = match record_type {
            RecordType::Theme => self.theme(id, &p).map(Record::Theme),
            RecordType::Place => self.place(id, &p, location?).map(Record::Place),
            RecordType::Organisation => self.organisation(id, &p, location?).map(Record::Organisation),
            RecordType::Agreement => self.agreement(id, &p).map(Record::Agreement),
            RecordType::Project => self.project(id, &p).map(Record::Project),
            RecordType::Activity => self.activity(id, &p).map(Record::Activity),
        };
        record.filter(|_| !self.failed)
    }

    fn unknown_properties(&mut self, p: &Props<'_>, record_type: RecordType) {
        const COMMON: [&str; 7] = ["record", "name", "sources", "checked", "unverified", "notes", "links"];
        let specific: &[&str] = match record_type {
            RecordType::Theme => &["description", "colour"],
            RecordType::Place => &["kind", "country", "region", "agreement", "themes", "website"],
            RecordType::Organisation => &["kind", "place", "description", "website"],
            RecordType::Agreement => &["members", "themes", "focus", "signed", "period", "intermediate_body"],
            RecordType::Project => {
                &["description", "theme", "lead", "partners", "period", "budget", "funder", "coordinator"]
            }
            RecordType::Activity => &["description", "kind", "places", "organisations", "project", "period", "virtual"],
        };
        let unknown: Vec<String> = p
            .map
            .keys()
            .filter(|k| !COMMON.contains(&k.as_str()) && !specific.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            self.warn(&format!("properties.{}", shorten(&key)), ProblemKind::UnknownProperty { name: shorten(&key) });
        }
    }

    fn point(&mut self, geometry: Option<&Value>) -> Option<LatLng> {
        let Some(value) = geometry else {
            self.error("geometry", ProblemKind::Missing { expected: EXPECTED_POINT });
            return None;
        };
        let Ok(geometry) = Geometry::deserialize(value) else {
            // Point at the coordinates when the shape is a Point, so the editor looks there.
            match value.get("type").and_then(Value::as_str) == Some("Point") {
                true => match value.get("coordinates") {
                    None | Some(Value::Null) => {
                        self.error("geometry.coordinates", ProblemKind::Missing { expected: EXPECTED_POINT })
                    }
                    Some(coordinates) => self.wrong("geometry.coordinates", coordinates, EXPECTED_POINT),
                },
                false => self.wrong("geometry", value, EXPECTED_POINT),
            }
            return None;
        };
        let GeometryValue::Point { coordinates } = &geometry.value else {
            let found = format!("a {} geometry", geometry.value.type_name());
            self.error("geometry.type", ProblemKind::WrongValue { found, expected: EXPECTED_POINT });
            return None;
        };
        let &[lon, lat, ..] = coordinates.as_slice() else {
            self.wrong("geometry.coordinates", value, EXPECTED_POINT);
            return None;
        };
        let location = LatLng::lon_lat(lon, lat);
        if location.is_valid() {
            Some(location)
        } else {
            let found = format!("[{lon}, {lat}]");
            self.error(
                "geometry.coordinates",
                ProblemKind::WrongValue { found, expected: "longitude in -180..180 then latitude in -90..90" },
            );
            None
        }
    }

    // Field readers. Each reports its own problems and returns what it could read.

    /// A localised text. A missing language falls back to the others with a warning.
    fn text(&mut self, p: &Props<'_>, key: &str, required: bool, limit: usize) -> Option<LocalizedText> {
        let field = format!("properties.{key}");
        self.text_at(p.get(key), &field, required, limit)
    }

    fn text_at(&mut self, value: Option<&Value>, field: &str, required: bool, limit: usize) -> Option<LocalizedText> {
        let texts = match value {
            None | Some(Value::Null) => {
                if required {
                    self.error(field, ProblemKind::Missing { expected: EXPECTED_TEXT });
                }
                return None;
            }
            Some(Value::Object(texts)) => texts,
            Some(other) => {
                self.wrong(field, other, EXPECTED_TEXT);
                return None;
            }
        };
        for key in texts.keys().filter(|k| Language::from_tag(k).map(|l| l.code()) != Some(k.as_str())) {
            self.warn(&format!("{field}.{}", shorten(key)), ProblemKind::UnknownProperty { name: shorten(key) });
        }
        let mut found: Vec<(Language, String)> = Vec::new();
        for language in Language::ALL {
            let lang_field = format!("{field}.{}", language.code());
            match texts.get(language.code()) {
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    if let Some(text) = self.plain(s, &lang_field, limit) {
                        found.push((language, text));
                    }
                }
                None | Some(Value::Null) | Some(Value::String(_)) => {
                    let expected = "a non-empty text in every language (another language is shown instead)";
                    self.error_kept(&lang_field, ProblemKind::Missing { expected });
                }
                Some(other) => self.wrong(&lang_field, other, "a text"),
            }
        }
        let fallback = found.first().map(|(_, t)| t.clone());
        let Some(fallback) = fallback else {
            self.error(field, ProblemKind::Missing { expected: EXPECTED_TEXT });
            return None;
        };
        let get = |language: Language| {
            found.iter().find(|(l, _)| *l == language).map_or_else(|| fallback.clone(), |(_, t)| t.clone())
        };
        Some(LocalizedText { en: get(Language::En), fi: get(Language::Fi), sv: get(Language::Sv) })
    }

    /// Plain text: no markup, within the limit.
    fn plain(&mut self, text: &str, field: &str, limit: usize) -> Option<String> {
        let length = text.chars().count();
        if length > limit {
            self.error(field, ProblemKind::TooLong { length, limit });
            return None;
        }
        if contains_markup(text) {
            self.error(field, ProblemKind::MarkupInText { found: format!("\"{}\"", shorten(text)) });
            return None;
        }
        Some(text.trim().to_owned())
    }

    fn string(&mut self, p: &Props<'_>, key: &str, required: bool, expected: &'static str) -> Option<String> {
        let field = format!("properties.{key}");
        match p.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.error(&field, ProblemKind::Missing { expected });
                }
                None
            }
            Some(Value::String(s)) => self.plain(s, &field, MAX_NAME_CHARS),
            Some(other) => {
                self.wrong(&field, other, expected);
                None
            }
        }
    }

    fn one_of<T: Copy>(&mut self, p: &Props<'_>, key: &str, codes: &[(T, &str)], expected: &'static str) -> Option<T> {
        let field = format!("properties.{key}");
        match p.get(key) {
            Some(Value::String(s)) => {
                let found = codes.iter().find(|(_, code)| code == s).map(|(v, _)| *v);
                if found.is_none() {
                    self.wrong(&field, &Value::String(s.clone()), expected);
                }
                found
            }
            None | Some(Value::Null) => {
                self.error(&field, ProblemKind::Missing { expected });
                None
            }
            Some(other) => {
                self.wrong(&field, other, expected);
                None
            }
        }
    }

    fn id_at(&mut self, value: Option<&Value>, field: &str, required: bool) -> Option<RecordId> {
        match value {
            None | Some(Value::Null) => {
                if required {
                    self.error(field, ProblemKind::Missing { expected: EXPECTED_ID });
                }
                None
            }
            Some(Value::String(s)) => {
                let id = RecordId::parse(s);
                if id.is_none() {
                    self.wrong(field, &Value::String(s.clone()), EXPECTED_ID);
                }
                id
            }
            Some(other) => {
                self.wrong(field, other, EXPECTED_ID);
                None
            }
        }
    }

    fn id(&mut self, p: &Props<'_>, key: &str, required: bool) -> Option<RecordId> {
        self.id_at(p.get(key), &format!("properties.{key}"), required)
    }

    fn ids(&mut self, p: &Props<'_>, key: &str) -> Vec<RecordId> {
        let field = format!("properties.{key}");
        match p.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.id_at(Some(item), &format!("{field}[{i}]"), true))
                .collect(),
            Some(other) => {
                self.wrong(&field, other, "an array of ids");
                Vec::new()
            }
        }
    }

    fn url_at(&mut self, value: Option<&Value>, field: &str, required: bool) -> Option<SafeUrl> {
        match value {
            None | Some(Value::Null) => {
                if required {
                    self.error(field, ProblemKind::Missing { expected: "an absolute http:// or https:// URL" });
                }
                None
            }
            Some(Value::String(s)) if s.len() > SafeUrl::MAX_LEN => {
                self.error(field, ProblemKind::TooLong { length: s.chars().count(), limit: SafeUrl::MAX_LEN });
                None
            }
            Some(Value::String(s)) => {
                let url = SafeUrl::parse(s.trim());
                if url.is_none() {
                    self.error(field, ProblemKind::UnsafeUrl { found: format!("\"{}\"", shorten(s)) });
                }
                url
            }
            Some(other) => {
                self.wrong(field, other, "an absolute http:// or https:// URL");
                None
            }
        }
    }

    fn date_at(&mut self, value: Option<&Value>, field: &str) -> Option<PartialDate> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
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

    fn period(&mut self, p: &Props<'_>, key: &str) -> Option<Period> {
        let field = format!("properties.{key}");
        let fields = match p.get(key) {
            None | Some(Value::Null) => return None,
            Some(Value::Object(fields)) => fields,
            Some(other) => {
                self.wrong(&field, other, "an object {\"start\": date or null, \"end\": date or null}");
                return None;
            }
        };
        let start = self.date_at(fields.get("start"), &format!("{field}.start"));
        let end = self.date_at(fields.get("end"), &format!("{field}.end"));
        if let (Some(s), Some(e)) = (start, end) {
            if first_day(s) > last_day(e) {
                let found = format!("start {s} after end {e}");
                self.error(&field, ProblemKind::WrongValue { found, expected: "a start on or before the end" });
            }
        }
        Some(Period { start, end })
    }

    fn amount(&mut self, value: Option<&Value>, field: &str) -> Option<f64> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() && v >= 0.0 => Some(v),
                _ => {
                    self.wrong(field, &Value::Number(n.clone()), "an amount in euros, 0 or more");
                    None
                }
            },
            Some(other) => {
                self.wrong(field, other, "an amount in euros, 0 or more");
                None
            }
        }
    }

    /// Sources, the checked date, unverified fields, notes and links.
    fn provenance(&mut self, p: &Props<'_>, required: bool) -> Provenance {
        let mut provenance = Provenance::default();
        match p.get("sources") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let field = format!("properties.sources[{i}]");
                    if let Some(source) = self.source(item, &field) {
                        provenance.sources.push(source);
                    }
                }
            }
            None | Some(Value::Null) | Some(Value::Array(_)) if !required => {}
            None | Some(Value::Null) | Some(Value::Array(_)) => {
                let expected = "a non-empty array of sources ({\"url\": …} or {\"document\": …})";
                self.error("properties.sources", ProblemKind::Missing { expected });
            }
            Some(other) => self.wrong("properties.sources", other, "an array of sources"),
        }
        provenance.checked = self.date_at(p.get("checked"), "properties.checked");
        if required && provenance.checked.is_none() && !matches!(p.get("checked"), Some(Value::String(_))) {
            self.error(
                "properties.checked",
                ProblemKind::Missing { expected: "the date the record was checked, YYYY-MM-DD" },
            );
        }
        match p.get("unverified") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => {
                            if let Some(name) = self.plain(s, &format!("properties.unverified[{i}]"), MAX_NAME_CHARS) {
                                provenance.unverified.push(name);
                            }
                        }
                        other => self.wrong(&format!("properties.unverified[{i}]"), other, "a property name"),
                    }
                }
            }
            Some(other) => self.wrong("properties.unverified", other, "an array of property names"),
        }
        provenance.notes = self.text(p, "notes", false, MAX_TEXT_CHARS);
        match p.get("links") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let field = format!("properties.links[{i}]");
                    let Value::Object(link) = item else {
                        self.wrong(&field, item, "an object {\"url\": …, \"title\": {…}}");
                        continue;
                    };
                    let url = self.url_at(link.get("url"), &format!("{field}.url"), true);
                    let title = self.text_at(link.get("title"), &format!("{field}.title"), true, MAX_NAME_CHARS);
                    if let (Some(url), Some(title)) = (url, title) {
                        provenance.links.push(Link { url, title });
                    }
                }
            }
            Some(other) => self.wrong("properties.links", other, "an array of links"),
        }
        provenance
    }

    fn source(&mut self, item: &Value, field: &str) -> Option<Source> {
        let Value::Object(source) = item else {
            self.wrong(field, item, "an object {\"url\": …} or {\"document\": …}");
            return None;
        };
        let title = match source.get("title") {
            None | Some(Value::Null) => None,
            Some(Value::String(t)) => self.plain(t, &format!("{field}.title"), MAX_NAME_CHARS),
            Some(other) => {
                self.wrong(&format!("{field}.title"), other, "a short text");
                None
            }
        };
        let reference = if source.contains_key("url") {
            SourceRef::Url(self.url_at(source.get("url"), &format!("{field}.url"), true)?)
        } else {
            match source.get("document") {
                Some(Value::String(d)) => {
                    SourceRef::Document(self.plain(d, &format!("{field}.document"), MAX_TEXT_CHARS)?)
                }
                Some(other) => {
                    self.wrong(&format!("{field}.document"), other, "the name of a document");
                    return None;
                }
                None => {
                    self.error(field, ProblemKind::Missing { expected: "\"url\" or \"document\"" });
                    return None;
                }
            }
        };
        Some(Source { reference, title })
    }

    // Records.

    fn theme(&mut self, id: RecordId, p: &Props<'_>) -> Option<Theme> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let colour = match p.get("colour") {
            Some(Value::String(s)) => {
                let colour = Colour::parse(s);
                if colour.is_none() {
                    self.wrong("properties.colour", &Value::String(s.clone()), "a colour as #rrggbb");
                }
                colour
            }
            Some(other) => {
                self.wrong("properties.colour", other, "a colour as #rrggbb");
                None
            }
            None => {
                self.error("properties.colour", ProblemKind::Missing { expected: "a colour as #rrggbb" });
                None
            }
        };
        // Themes are our own vocabulary; sources are welcome but not required.
        let _ = self.provenance(p, false);
        Some(Theme { id, name: name?, description: description?, colour: colour? })
    }

    fn place(&mut self, id: RecordId, p: &Props<'_>, location: LatLng) -> Option<Place> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let kind = self.one_of(
            p,
            "kind",
            &[(PlaceKind::InnoCity, "innocity"), (PlaceKind::Partner, "partner")],
            "\"innocity\" or \"partner\"",
        );
        let country = self.string(p, "country", true, "an ISO 3166-1 alpha-2 country code such as \"FI\"");
        let country = country.filter(|c| {
            let ok = c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
            if !ok {
                self.wrong(
                    "properties.country",
                    &Value::String(c.clone()),
                    "an ISO 3166-1 alpha-2 country code such as \"FI\"",
                );
            }
            ok
        });
        let region = self.text(p, "region", false, MAX_NAME_CHARS);
        let agreement = self.id(p, "agreement", kind == Some(PlaceKind::InnoCity));
        let themes = self.ids(p, "themes");
        let website = self.url_at(p.get("website"), "properties.website", false);
        let provenance = self.provenance(p, true);
        Some(Place {
            id,
            kind: kind?,
            name: name?,
            country: country?,
            region,
            location,
            world: project(location),
            agreement,
            themes,
            website,
            provenance,
        })
    }

    fn organisation(&mut self, id: RecordId, p: &Props<'_>, location: LatLng) -> Option<Organisation> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let kind =
            self.one_of(p, "kind", &OrganisationKind::CODES, "a kind such as \"university\", \"company\" or \"port\"");
        let place = self.id(p, "place", false);
        let description = self.text(p, "description", false, MAX_TEXT_CHARS);
        let website = self.url_at(p.get("website"), "properties.website", false);
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

    fn agreement(&mut self, id: RecordId, p: &Props<'_>) -> Option<Agreement> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let members = self.ids(p, "members");
        if members.is_empty() && !self.failed {
            self.error("properties.members", ProblemKind::Missing { expected: "a non-empty array of place ids" });
        }
        let themes = self.ids(p, "themes");
        let focus = self.text(p, "focus", false, MAX_TEXT_CHARS);
        let signed = self.date_at(p.get("signed"), "properties.signed");
        let period = self.period(p, "period").unwrap_or_default();
        let intermediate_body = self.text(p, "intermediate_body", false, MAX_NAME_CHARS);
        let provenance = self.provenance(p, true);
        Some(Agreement { id, name: name?, members, themes, focus, signed, period, intermediate_body, provenance })
    }

    fn project(&mut self, id: RecordId, p: &Props<'_>) -> Option<Project> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let theme = self.id(p, "theme", true);
        let (lead_place, lead_organisations) = match p.get("lead") {
            Some(Value::Object(lead)) => {
                let lead = Props { map: lead };
                let place = self.id_at(lead.get("place"), "properties.lead.place", true);
                let organisations = match lead.get("organisations") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Array(items)) => items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| self.id_at(Some(v), &format!("properties.lead.organisations[{i}]"), true))
                        .collect(),
                    Some(other) => {
                        self.wrong("properties.lead.organisations", other, "an array of organisation ids");
                        Vec::new()
                    }
                };
                (place, organisations)
            }
            Some(other) => {
                self.wrong("properties.lead", other, "an object {\"place\": id, \"organisations\": [ids]}");
                (None, Vec::new())
            }
            None => {
                self.error(
                    "properties.lead",
                    ProblemKind::Missing { expected: "an object {\"place\": id, \"organisations\": [ids]}" },
                );
                (None, Vec::new())
            }
        };
        let partners = self.partners(p);
        let period = self.period(p, "period").unwrap_or_default();
        let budget = self.budget(p);
        let funder = self.id(p, "funder", false);
        let coordinator = self.id(p, "coordinator", false);
        let provenance = self.provenance(p, true);
        Some(Project {
            id,
            name: name?,
            description: description?,
            theme: theme?,
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

    fn partners(&mut self, p: &Props<'_>) -> Vec<Partner> {
        let items = match p.get("partners") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong(
                    "properties.partners",
                    other,
                    "an array of {\"place\" or \"organisation\": id, \"role\": …}",
                );
                return Vec::new();
            }
        };
        let mut partners = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("properties.partners[{i}]");
            let Value::Object(partner) = item else {
                self.wrong(&field, item, "an object {\"place\" or \"organisation\": id, \"role\": …}");
                continue;
            };
            let partner = Props { map: partner };
            let party = if partner.map.contains_key("place") {
                self.id_at(partner.get("place"), &format!("{field}.place"), true).map(Party::Place)
            } else if partner.map.contains_key("organisation") {
                self.id_at(partner.get("organisation"), &format!("{field}.organisation"), true).map(Party::Organisation)
            } else {
                self.error(&field, ProblemKind::Missing { expected: "\"place\" or \"organisation\"" });
                None
            };
            let role_field = format!("{field}.role");
            let role = match partner.get("role") {
                Some(Value::String(s)) => {
                    let role = PartnerRole::CODES.iter().find(|(_, c)| c == s).map(|(r, _)| *r);
                    if role.is_none() {
                        self.wrong(
                            &role_field,
                            &Value::String(s.clone()),
                            "\"co-implementer\", \"partner\" or \"network\"",
                        );
                    }
                    role
                }
                None | Some(Value::Null) => Some(PartnerRole::Partner),
                Some(other) => {
                    self.wrong(&role_field, other, "\"co-implementer\", \"partner\" or \"network\"");
                    None
                }
            };
            if let (Some(party), Some(role)) = (party, role) {
                partners.push(Partner { party, role });
            }
        }
        partners
    }

    fn budget(&mut self, p: &Props<'_>) -> Option<Budget> {
        let fields = match p.get("budget") {
            None | Some(Value::Null) => return None,
            Some(Value::Object(fields)) => fields,
            Some(other) => {
                self.wrong(
                    "properties.budget",
                    other,
                    "an object with \"total_eur\" and \"public_funding_eur\", or null",
                );
                return None;
            }
        };
        let total_eur = self.amount(fields.get("total_eur"), "properties.budget.total_eur");
        let public_funding_eur = self.amount(fields.get("public_funding_eur"), "properties.budget.public_funding_eur");
        if let (Some(total), Some(public)) = (total_eur, public_funding_eur) {
            if public > total {
                let found = format!("public funding {public} above the total {total}");
                let field = "properties.budget.public_funding_eur";
                self.error(field, ProblemKind::WrongValue { found, expected: "public funding at most the total" });
            }
        }
        let public_funding =
            self.text_at(fields.get("public_funding"), "properties.budget.public_funding", false, MAX_NAME_CHARS);
        Some(Budget { total_eur, public_funding_eur, public_funding })
    }

    fn activity(&mut self, id: RecordId, p: &Props<'_>) -> Option<Activity> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let kind = self.one_of(
            p,
            "kind",
            &ActivityKind::CODES,
            "\"visit\", \"study-visit\", \"event\", \"partnership\" or \"seminar\"",
        );
        let places = self.ids(p, "places");
        if places.is_empty() && !self.failed {
            self.error("properties.places", ProblemKind::Missing { expected: "a non-empty array of place ids" });
        }
        let organisations = self.ids(p, "organisations");
        let project = self.id(p, "project", false);
        let period = self.period(p, "period");
        let is_virtual = match p.get("virtual") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong("properties.virtual", other, "true or false");
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

/// Properties of a feature, with a getter that reads like the format.
struct Props<'a> {
    map: &'a Map<String, Value>,
}

impl Props<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }
}

/// Whether text contains something a browser would read as a tag: `<` followed by a letter,
/// `/`, `!` or `?`. ("3 < 4" stays allowed.)
pub fn contains_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

fn first_day(d: PartialDate) -> (u16, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn last_day(d: PartialDate) -> (u16, u8, u8) {
    (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31))
}

/// The second pass: checks every reference against the records that passed.
fn resolve(
    records: Vec<(usize, Record)>,
    all_types: &HashMap<String, RecordType>,
    problems: &mut Vec<Problem>,
) -> Dataset {
    let valid: HashMap<RecordId, RecordType> = records
        .iter()
        .map(|(_, r)| match r {
            Record::Theme(x) => (x.id.clone(), RecordType::Theme),
            Record::Place(x) => (x.id.clone(), RecordType::Place),
            Record::Organisation(x) => (x.id.clone(), RecordType::Organisation),
            Record::Agreement(x) => (x.id.clone(), RecordType::Agreement),
            Record::Project(x) => (x.id.clone(), RecordType::Project),
            Record::Activity(x) => (x.id.clone(), RecordType::Activity),
        })
        .collect();
    let mut dataset = Dataset::default();
    for (index, record) in records {
        let id = match &record {
            Record::Theme(x) => x.id.clone(),
            Record::Place(x) => x.id.clone(),
            Record::Organisation(x) => x.id.clone(),
            Record::Agreement(x) => x.id.clone(),
            Record::Project(x) => x.id.clone(),
            Record::Activity(x) => x.id.clone(),
        };
        let mut check = ReferenceCheck { index, id: id.to_string(), valid: &valid, all_types, problems, failed: false };
        match record {
            Record::Theme(theme) => dataset.themes.push(theme),
            Record::Place(mut place) => {
                place.agreement =
                    place.agreement.filter(|a| check.optional(a, RecordType::Agreement, "properties.agreement"));
                place.themes = check.keep(place.themes, RecordType::Theme, "properties.themes");
                dataset.places.push(place);
            }
            Record::Organisation(mut organisation) => {
                organisation.place =
                    organisation.place.filter(|p| check.optional(p, RecordType::Place, "properties.place"));
                dataset.organisations.push(organisation);
            }
            Record::Agreement(mut agreement) => {
                agreement.members = check.keep(agreement.members, RecordType::Place, "properties.members");
                agreement.themes = check.keep(agreement.themes, RecordType::Theme, "properties.themes");
                if agreement.members.is_empty() {
                    check.fail("properties.members", "a non-empty array of place ids");
                } else {
                    dataset.agreements.push(agreement);
                }
            }
            Record::Project(mut project) => {
                check.required(&project.theme, RecordType::Theme, "properties.theme");
                check.required(&project.lead_place, RecordType::Place, "properties.lead.place");
                project.lead_organisations =
                    check.keep(project.lead_organisations, RecordType::Organisation, "properties.lead.organisations");
                project.partners = project
                    .partners
                    .into_iter()
                    .enumerate()
                    .filter(|(i, partner)| match &partner.party {
                        Party::Place(id) => {
                            check.optional(id, RecordType::Place, &format!("properties.partners[{i}].place"))
                        }
                        Party::Organisation(id) => check.optional(
                            id,
                            RecordType::Organisation,
                            &format!("properties.partners[{i}].organisation"),
                        ),
                    })
                    .map(|(_, partner)| partner)
                    .collect();
                project.funder =
                    project.funder.filter(|f| check.optional(f, RecordType::Organisation, "properties.funder"));
                project.coordinator = project
                    .coordinator
                    .filter(|c| check.optional(c, RecordType::Organisation, "properties.coordinator"));
                if !check.failed {
                    dataset.projects.push(project);
                }
            }
            Record::Activity(mut activity) => {
                activity.places = check.keep(activity.places, RecordType::Place, "properties.places");
                activity.organisations =
                    check.keep(activity.organisations, RecordType::Organisation, "properties.organisations");
                activity.project =
                    activity.project.filter(|p| check.optional(p, RecordType::Project, "properties.project"));
                if activity.places.is_empty() {
                    check.fail("properties.places", "a non-empty array of place ids");
                } else {
                    dataset.activities.push(activity);
                }
            }
        }
    }
    dataset
}

/// Checks the references of one record.
struct ReferenceCheck<'a> {
    index: usize,
    id: String,
    valid: &'a HashMap<RecordId, RecordType>,
    all_types: &'a HashMap<String, RecordType>,
    problems: &'a mut Vec<Problem>,
    failed: bool,
}

impl ReferenceCheck<'_> {
    fn gap(&self, target: &RecordId, expected: RecordType) -> Option<ReferenceGap> {
        match self.valid.get(target) {
            Some(t) if *t == expected => None,
            Some(t) => Some(ReferenceGap::WrongType(t.code())),
            None => match self.all_types.get(target.as_str()) {
                Some(t) if *t != expected => Some(ReferenceGap::WrongType(t.code())),
                Some(_) => Some(ReferenceGap::Skipped),
                None => Some(ReferenceGap::Absent),
            },
        }
    }

    fn report(&mut self, field: &str, target: &RecordId, expected: RecordType, gap: ReferenceGap, severity: Severity) {
        self.failed |= severity == Severity::Error;
        self.problems.push(Problem {
            feature: Some(FeatureRef { index: self.index, id: Some(self.id.clone()) }),
            field: field.to_owned(),
            kind: ProblemKind::UnknownReference { id: target.to_string(), expected: expected.code(), gap },
            severity,
        });
    }

    /// A reference the record cannot do without: an unresolved one leaves the record out.
    fn required(&mut self, target: &RecordId, expected: RecordType, field: &str) {
        if let Some(gap) = self.gap(target, expected) {
            self.report(field, target, expected, gap, Severity::Error);
        }
    }

    /// A reference the record can do without: an unresolved one is an error that drops only
    /// the reference; the record is kept.
    fn optional(&mut self, target: &RecordId, expected: RecordType, field: &str) -> bool {
        match self.gap(target, expected) {
            None => true,
            Some(gap) => {
                let failed = self.failed;
                self.report(field, target, expected, gap, Severity::Error);
                self.failed = failed;
                false
            }
        }
    }

    /// The resolvable items of a list of references.
    fn keep(&mut self, ids: Vec<RecordId>, expected: RecordType, field: &str) -> Vec<RecordId> {
        let mut seen = HashSet::new();
        ids.into_iter()
            .enumerate()
            .filter(|(i, id)| self.optional(id, expected, &format!("{field}[{i}]")) && seen.insert(id.clone()))
            .map(|(_, id)| id)
            .collect()
    }

    fn fail(&mut self, field: &str, expected: &'static str) {
        self.failed = true;
        self.problems.push(Problem {
            feature: Some(FeatureRef { index: self.index, id: Some(self.id.clone()) }),
            field: field.to_owned(),
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
        assert_eq!(outcome.dataset.places[0].name.sv, "Kokkola");
        assert_eq!(codes(&outcome), vec![(0, "properties.name.sv".into(), "missing", Severity::Error)]);
        assert_eq!(outcome.dataset.places.len(), 1);
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
