//! Every error InnoMap reports, as typed values whose messages carry the offending value and say
//! what was expected, so both a city's data editor and a visitor can act on them.
//!
//! [`DataError`] stops a whole file; [`RecordProblem`] concerns one feature and never stops the
//! others; [`LoadError`] is what the user sees when fetching a file fails.

use std::fmt;

/// A problem that makes a whole data file unusable.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
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
}

/// Whether a record problem dropped the record or only part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The record was skipped.
    Error,
    /// The record was kept; something about it was fixed up or ignored.
    Warning,
}

/// What was wrong with one field of one record.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { expected } => write!(f, "missing; expected {expected}"),
            Self::WrongValue { found, expected } => write!(f, "found {found}; expected {expected}"),
            Self::DuplicateId { id, first_index } => {
                write!(f, "the id \"{id}\" is already used by feature {first_index}; expected a unique id")
            }
        }
    }
}

/// One problem in one record of a data file.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordProblem {
    /// 0-based position of the feature in the `features` array.
    pub feature_index: usize,
    /// The feature's id, when it has a readable one.
    pub feature_id: Option<String>,
    /// The JSON path of the field inside the feature, e.g. `properties.name.sv`.
    pub field: String,
    /// What was wrong.
    pub problem: Problem,
    /// Whether the record was skipped or kept.
    pub severity: Severity,
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "feature {}", self.feature_index)?;
        if let Some(id) = &self.feature_id {
            write!(f, " (id \"{id}\")")?;
        }
        write!(f, ", field `{}`: {}", self.field, self.problem)
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
}

/// A JSON value described briefly for an error message: its type, and the value itself when short.
pub fn describe_json(value: &serde_json::Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    let kind = match value {
        serde_json::Value::Null => return "null".to_owned(),
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    };
    if text.chars().count() <= MAX {
        format!("{kind} {text}")
    } else {
        let short: String = text.chars().take(MAX).collect();
        format!("{kind} {short}…")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn record_problem_names_feature_field_value_and_expectation() {
        let p = RecordProblem {
            feature_index: 3,
            feature_id: Some("kokkola".into()),
            field: "geometry.coordinates".into(),
            problem: Problem::WrongValue { found: "an array [200,63]".into(), expected: "[longitude, latitude]" },
            severity: Severity::Error,
        };
        assert_eq!(
            p.to_string(),
            "feature 3 (id \"kokkola\"), field `geometry.coordinates`: found an array [200,63]; expected [longitude, latitude]"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let long = json!("x".repeat(500));
        let d = describe_json(&long);
        assert!(d.starts_with("a string \"xxx"));
        assert!(d.chars().count() < 80);
        assert_eq!(describe_json(&json!(null)), "null");
    }

    #[test]
    fn load_errors_read_as_sentences() {
        let e = LoadError::HttpStatus { url: "data/x.geojson".into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(e.to_string(), "The server answered 404 Not Found for data/x.geojson.");
    }
}
