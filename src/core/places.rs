//! Places on the map (InnoCities, partner places, organisations) and reading them from GeoJSON.
//!
//! The file is untrusted: [`parse_places`] reads every feature on its own, so a broken record is
//! reported as a [`RecordProblem`] (which feature, which field, what was wrong, what was expected)
//! and all valid records still load. Only a file that is not a FeatureCollection at all fails.

use std::collections::HashMap;

use geojson::{Geometry, GeometryValue};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{describe_json, DataError, Problem, RecordProblem, Severity};
use super::geo::{LatLng, LatLngBounds};
use super::geometry::WorldPoint;
use super::i18n::{Language, LocalizedText};
use super::projection::project;

/// A stable, unique identifier of a place, taken from the GeoJSON feature `id`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(String);

impl PlaceId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What kind of place a record is; drawn with a different marker shape each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A member municipality of a state innovation ecosystem agreement 2021-2027.
    InnoCity,
    /// A partner city or region that is not an InnoCity (in Finland or abroad).
    Partner,
    /// An organisation's site (university, company, park, port).
    Organisation,
}

impl PlaceKind {
    /// The value used in data files.
    pub const fn code(self) -> &'static str {
        match self {
            Self::InnoCity => "innocity",
            Self::Partner => "partner",
            Self::Organisation => "organisation",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::InnoCity, Self::Partner, Self::Organisation].into_iter().find(|k| k.code() == code)
    }

    /// The kind in words, for names and panels.
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (Self::InnoCity, Language::En) => "InnoCity",
            (Self::InnoCity, Language::Fi) => "Innokaupunki",
            (Self::InnoCity, Language::Sv) => "Innostad",
            (Self::Partner, Language::En) => "Partner place",
            (Self::Partner, Language::Fi) => "Kumppanipaikka",
            (Self::Partner, Language::Sv) => "Partnerort",
            (Self::Organisation, Language::En) => "Organisation",
            (Self::Organisation, Language::Fi) => "Organisaatio",
            (Self::Organisation, Language::Sv) => "Organisation",
        }
    }
}

/// One place to show on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Unique id.
    pub id: PlaceId,
    /// What kind of place it is.
    pub kind: PlaceKind,
    /// The official name in each language.
    pub name: LocalizedText,
    /// The region (maakunta, län, state) in each language, when given.
    pub region: Option<LocalizedText>,
    /// Where it is.
    pub location: LatLng,
    /// `location` projected once, so views never re-project on every frame.
    pub world: WorldPoint,
}

impl Place {
    /// The accessible name of the place's marker, e.g. "Kokkola, InnoCity".
    pub fn marker_label(&self, language: Language) -> String {
        format!("{}, {}", self.name.get(language), self.kind.label(language))
    }
}

/// The readable places of a file and what was wrong with the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceSet {
    /// Valid places, in file order.
    pub places: Vec<Place>,
    /// Problems found, in file order; errors mean the record was skipped.
    pub problems: Vec<RecordProblem>,
}

impl PlaceSet {
    /// The rectangle around every place, if there is any.
    pub fn bounds(&self) -> Option<LatLngBounds> {
        LatLngBounds::around(self.places.iter().map(|p| p.location))
    }

    /// The place with `id`.
    pub fn get(&self, id: &PlaceId) -> Option<&Place> {
        self.places.iter().find(|p| &p.id == id)
    }

    /// The problems that made a record be skipped.
    pub fn skipped(&self) -> impl Iterator<Item = &RecordProblem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
}

/// Reads a GeoJSON FeatureCollection of places. See `docs/data-format.md` for the fields.
pub fn parse_places(text: &str) -> Result<PlaceSet, DataError> {
    let features = parse_feature_array(text)?;
    let mut set = PlaceSet::default();
    let mut first_index_of: HashMap<PlaceId, usize> = HashMap::new();
    for (index, feature) in features.iter().enumerate() {
        let mut record = RecordReader { index, id: None, problems: &mut set.problems };
        let Some(place) = record.place(feature) else { continue };
        if let Some(&first_index) = first_index_of.get(&place.id) {
            record.report("id", Problem::DuplicateId { id: place.id.0.clone(), first_index }, Severity::Error);
            continue;
        }
        first_index_of.insert(place.id.clone(), index);
        set.places.push(place);
    }
    Ok(set)
}

/// Parses the text as JSON and returns the `features` array of a FeatureCollection.
pub(crate) fn parse_feature_array(text: &str) -> Result<Vec<Value>, DataError> {
    // Editors on Windows like to save a byte-order mark; JSON forbids it but it is harmless.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| DataError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
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
    match root.remove("features") {
        Some(Value::Array(features)) => Ok(features),
        Some(other) => Err(DataError::FeaturesNotArray { found: describe_json(&other) }),
        None => Err(DataError::FeaturesNotArray { found: "no \"features\" member".to_owned() }),
    }
}

/// Reads one feature, collecting its problems.
struct RecordReader<'a> {
    index: usize,
    id: Option<String>,
    problems: &'a mut Vec<RecordProblem>,
}

impl RecordReader<'_> {
    fn report(&mut self, field: &str, problem: Problem, severity: Severity) {
        self.problems.push(RecordProblem {
            feature_index: self.index,
            feature_id: self.id.clone(),
            field: field.to_owned(),
            problem,
            severity,
        });
    }

    fn fail<T>(&mut self, field: &str, problem: Problem) -> Option<T> {
        self.report(field, problem, Severity::Error);
        None
    }

    fn place(&mut self, feature: &Value) -> Option<Place> {
        let Value::Object(feature) = feature else {
            return self
                .fail("", Problem::WrongValue { found: describe_json(feature), expected: "a GeoJSON Feature object" });
        };
        match feature.get("type") {
            Some(Value::String(t)) if t == "Feature" => {}
            other => {
                let found = other.map_or_else(|| "nothing".to_owned(), describe_json);
                return self.fail("type", Problem::WrongValue { found, expected: "\"Feature\"" });
            }
        }
        let id = self.id(feature)?;
        let location = self.point(feature.get("geometry"))?;
        let properties = match feature.get("properties") {
            Some(Value::Object(p)) => p,
            Some(other) => {
                return self
                    .fail("properties", Problem::WrongValue { found: describe_json(other), expected: "an object" })
            }
            None => return self.fail("properties", Problem::Missing { expected: "an object of place properties" }),
        };
        let kind = self.kind(properties)?;
        let name = self.localized(properties, "name")?;
        let region = match properties.get("region") {
            None | Some(Value::Null) => None,
            Some(_) => self.localized(properties, "region"),
        };
        Some(Place { id, kind, name, region, location, world: project(location) })
    }

    fn id(&mut self, feature: &Map<String, Value>) -> Option<PlaceId> {
        const EXPECTED: &str = "a non-empty string of letters, digits, '-' or '_'";
        match feature.get("id") {
            Some(Value::String(s))
                if !s.is_empty()
                    && s.len() <= 64
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                self.id = Some(s.clone());
                Some(PlaceId(s.clone()))
            }
            Some(other) => self.fail("id", Problem::WrongValue { found: describe_json(other), expected: EXPECTED }),
            None => self.fail("id", Problem::Missing { expected: EXPECTED }),
        }
    }

    fn point(&mut self, geometry: Option<&Value>) -> Option<LatLng> {
        const EXPECTED: &str = "a Point with [longitude, latitude] in degrees";
        let value = match geometry {
            None | Some(Value::Null) => return self.fail("geometry", Problem::Missing { expected: EXPECTED }),
            Some(v) => v,
        };
        let geometry = match Geometry::deserialize(value) {
            Ok(g) => g,
            Err(_) => {
                return self.fail("geometry", Problem::WrongValue { found: describe_json(value), expected: EXPECTED })
            }
        };
        let GeometryValue::Point { coordinates } = &geometry.value else {
            let found = format!("a {} geometry", geometry.value.type_name());
            return self.fail("geometry.type", Problem::WrongValue { found, expected: EXPECTED });
        };
        let &[lon, lat, ..] = coordinates.as_slice() else {
            let found = describe_json(value);
            return self.fail("geometry.coordinates", Problem::WrongValue { found, expected: EXPECTED });
        };
        let location = LatLng::lon_lat(lon, lat);
        if location.is_valid() {
            Some(location)
        } else {
            self.fail(
                "geometry.coordinates",
                Problem::WrongValue {
                    found: format!("[{lon}, {lat}]"),
                    expected: "longitude in -180..180 then latitude in -90..90",
                },
            )
        }
    }

    fn kind(&mut self, properties: &Map<String, Value>) -> Option<PlaceKind> {
        const EXPECTED: &str = "one of \"innocity\", \"partner\", \"organisation\"";
        match properties.get("kind") {
            Some(Value::String(s)) => match PlaceKind::from_code(s) {
                Some(kind) => Some(kind),
                None => self.fail(
                    "properties.kind",
                    Problem::WrongValue { found: describe_json(&Value::String(s.clone())), expected: EXPECTED },
                ),
            },
            Some(other) => {
                self.fail("properties.kind", Problem::WrongValue { found: describe_json(other), expected: EXPECTED })
            }
            None => self.fail("properties.kind", Problem::Missing { expected: EXPECTED }),
        }
    }

    /// A `{ "en": …, "fi": …, "sv": … }` object. English is required; a missing Finnish or
    /// Swedish text falls back to English with a warning, so the place still shows.
    fn localized(&mut self, properties: &Map<String, Value>, key: &str) -> Option<LocalizedText> {
        const EXPECTED: &str = "an object with non-empty \"en\", \"fi\" and \"sv\" texts";
        let field = format!("properties.{key}");
        let texts = match properties.get(key) {
            Some(Value::Object(texts)) => texts,
            Some(other) => {
                return self.fail(&field, Problem::WrongValue { found: describe_json(other), expected: EXPECTED })
            }
            None => return self.fail(&field, Problem::Missing { expected: EXPECTED }),
        };
        let mut text_in = |language: Language, required: bool| -> Option<String> {
            let lang_field = format!("{field}.{}", language.code());
            match texts.get(language.code()) {
                Some(Value::String(s)) if !s.trim().is_empty() => return Some(s.trim().to_owned()),
                Some(other) => {
                    let problem = Problem::WrongValue { found: describe_json(other), expected: "a non-empty string" };
                    self.report(&lang_field, problem, if required { Severity::Error } else { Severity::Warning });
                }
                None => {
                    let problem = Problem::Missing { expected: "a non-empty string" };
                    self.report(&lang_field, problem, if required { Severity::Error } else { Severity::Warning });
                }
            }
            None
        };
        let en = text_in(Language::En, true)?;
        let fi = text_in(Language::Fi, false).unwrap_or_else(|| en.clone());
        let sv = text_in(Language::Sv, false).unwrap_or_else(|| en.clone());
        Some(LocalizedText { en, fi, sv })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(id: &str, coordinates: &str) -> String {
        format!(
            r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":{coordinates}}},
            "properties":{{"kind":"innocity","name":{{"en":"Kokkola","fi":"Kokkola","sv":"Karleby"}}}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    #[test]
    fn reads_a_valid_place() {
        let set = parse_places(&collection(&[feature("kokkola", "[23.1307, 63.8385]")])).unwrap();
        assert!(set.problems.is_empty(), "{:?}", set.problems);
        let place = &set.places[0];
        assert_eq!(place.id.as_str(), "kokkola");
        assert_eq!(place.kind, PlaceKind::InnoCity);
        assert_eq!(place.name.get(Language::Sv), "Karleby");
        assert_eq!(place.location, LatLng::lat_lon(63.8385, 23.1307));
        assert_eq!(place.marker_label(Language::En), "Kokkola, InnoCity");
    }

    #[test]
    fn a_broken_record_is_reported_and_the_rest_still_load() {
        let text = collection(&[
            feature("good", "[23.1, 63.8]"),
            feature("swapped", "[63.8, 123.1]"),
            feature("good-too", "[25.0, 60.2]"),
        ]);
        let set = parse_places(&text).unwrap();
        assert_eq!(set.places.len(), 2);
        assert_eq!(set.skipped().count(), 1);
        let message = set.problems[0].to_string();
        assert!(message.contains("feature 1 (id \"swapped\")"), "{message}");
        assert!(message.contains("geometry.coordinates"), "{message}");
        assert!(message.contains("[63.8, 123.1]"), "{message}");
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let set = parse_places(&collection(&[feature("a", "[1, 1]"), feature("a", "[2, 2]")])).unwrap();
        assert_eq!(set.places.len(), 1);
        assert_eq!(set.problems[0].problem, Problem::DuplicateId { id: "a".into(), first_index: 0 });
    }

    #[test]
    fn a_missing_translation_is_a_warning_with_english_fallback() {
        let text = collection(&[r#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[1,2]},
            "properties":{"kind":"partner","name":{"en":"Raahe","fi":"Raahe"}}}"#
            .to_owned()]);
        let set = parse_places(&text).unwrap();
        assert_eq!(set.places[0].name.sv, "Raahe");
        assert_eq!(set.problems.len(), 1);
        assert_eq!(set.problems[0].severity, Severity::Warning);
        assert_eq!(set.problems[0].field, "properties.name.sv");
    }

    #[test]
    fn whole_file_errors_say_what_was_found() {
        assert!(matches!(parse_places("{nope"), Err(DataError::NotJson { line: 1, .. })));
        let e = parse_places(r#"{"type":"Feature"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a GeoJSON object with \"type\": \"FeatureCollection\", but found \"type\": a string \"Feature\""
        );
        assert!(matches!(
            parse_places(r#"{"type":"FeatureCollection","features":{}}"#),
            Err(DataError::FeaturesNotArray { .. })
        ));
        assert!(parse_places("\u{feff}{\"type\":\"FeatureCollection\",\"features\":[]}").is_ok());
    }

    #[test]
    fn non_point_and_malformed_geometries_are_rejected_per_record() {
        let line = r#"{"type":"Feature","id":"l","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"kind":"partner","name":{"en":"L"}}}"#;
        let short = r#"{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[1]},"properties":{"kind":"partner","name":{"en":"S"}}}"#;
        let set = parse_places(&collection(&[line.to_owned(), short.to_owned()])).unwrap();
        assert!(set.places.is_empty());
        assert_eq!(set.problems[0].field, "geometry.type");
        assert!(set.problems[0].to_string().contains("LineString"));
        assert_eq!(set.problems[1].field, "geometry");
    }

    #[test]
    fn unknown_kind_and_bad_id_are_reported() {
        let kind = r#"{"type":"Feature","id":"k","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"kind":"castle","name":{"en":"K"}}}"#;
        let id = r#"{"type":"Feature","id":"<script>","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"kind":"partner","name":{"en":"K"}}}"#;
        let set = parse_places(&collection(&[kind.to_owned(), id.to_owned()])).unwrap();
        assert!(set.places.is_empty());
        assert!(set.problems[0].to_string().contains("\"castle\""));
        assert_eq!(set.problems[1].field, "id");
    }
}
