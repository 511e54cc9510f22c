//! Reading and validating an InnoMap data file (format 1; see `docs/data-format.md`).
//!
//! [`read_dataset`] is the one parse-and-validate function: the app, the command-line validator
//! and the tests all call it. The file is untrusted. Its size is checked before parsing and its
//! nesting depth while parsing (the GeoJSON envelope, shared with the basemap, in
//! [`envelope`](crate::data::envelope)); each feature is read on its own (`records`, with the
//! field readers of `fields`), so a broken record is reported (which feature, which field, what
//! was found, what was expected) and every valid record still loads. A second pass
//! (`references`) resolves references: a missing required reference (a project's theme or lead
//! place) leaves the record out; a dangling item of a list (a partner, a theme of a place) is an
//! error that drops only that item, so one bad record never takes its neighbours with it.
//! Likewise a missing translation is an error, but the record stays, shown in another language,
//! and a bad source is left out while the record stands on its other sources.
//!
//! This file owns the first pass (`Reading`: features in, records and ids out), the order and
//! the bound of the problems reported, and the reader's public face.
//!
//! Speed: each feature is read as soon as it is parsed, into a small borrowed tree (strings
//! point into the text) that is dropped straight after; a field's path is only turned into
//! text when a problem is reported; ids are hashed with foldhash. A clean 10,000-place file
//! (7.5 MB) reads in about 40-45 ms natively (`cargo xtask bench-data`).

mod fields;
mod records;
mod references;
#[cfg(test)]
mod tests;

use std::collections::hash_map::Entry;

use foldhash::fast::RandomState;
use serde_json_borrow::Value as Json;

use crate::data::envelope::{check_root, prepare, read_root, stream_features};
use crate::data::error::{shorten, DataError, Problem, ProblemKind, Severity};
use crate::data::model::Dataset;
use crate::data::reader::fields::{Path, RecordReader};
use crate::data::reader::records::Record;
use crate::data::reader::references::{resolve, IdEntry, IdMap};

// The file limits are the envelope's; they are named here too, as the limits of a data file.
pub use crate::data::envelope::{MAX_FILE_BYTES, MAX_NESTING};
pub use crate::data::reader::fields::{
    contains_markup, file_path_in, EXPECTED_CITATION, MAX_NAME_CHARS, MAX_TEXT_CHARS,
};

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
        let mut reference_problems = Vec::new();
        let dataset = resolve(records, &ids, &mut reference_problems);
        problems.extend(in_feature_order(feature_problems, reference_problems));
        // Whatever is beyond the first MAX_PROBLEMS is counted, not listed. `get` rather than
        // slicing: the kept list may be shorter than the limit while some were counted only.
        let beyond = problems.get(MAX_PROBLEMS..).unwrap_or_default();
        let more = beyond.len() + overflow;
        if more > 0 {
            let errors = overflow > 0 || beyond.iter().any(|p| p.severity == Severity::Error);
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

/// The problems of both passes in the order of the features they belong to, a feature's own
/// problems before those of its references. Each pass reports in feature order, so merging the
/// two keeps that order without sorting.
fn in_feature_order(own: Vec<Problem>, references: Vec<Problem>) -> Vec<Problem> {
    let position = |p: &Problem| p.feature.as_ref().map_or(0, |f| f.index + 1);
    let mut merged = Vec::with_capacity(own.len() + references.len());
    let mut references = references.into_iter().peekable();
    for problem in own {
        while let Some(reference) = references.next_if(|r| position(r) < position(&problem)) {
            merged.push(reference);
        }
        merged.push(problem);
    }
    merged.extend(references);
    merged
}
