//! The second pass: references. Once every feature has been read, each reference a record
//! makes is checked against the ids in the file: a missing required reference (a project's theme
//! or lead place) leaves the record out; a dangling item of a list (a partner, a theme of a
//! place) or an optional reference is an error that drops only that item, so one bad record
//! never takes its neighbours with it. Each problem says why the id does not resolve: absent, of
//! another type, or left out because of its own errors.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;

use crate::data::error::{FeatureRef, Problem, ProblemKind, ReferenceGap, Severity};
use crate::data::model::{Dataset, Party, RecordId, RecordType};
use crate::data::reader::fields::Path;
use crate::data::reader::records::Record;

/// What is known about an id in the file.
#[derive(Clone, Copy)]
pub(super) struct IdEntry {
    /// The feature that first used it (a later one is a duplicate).
    pub(super) first_index: usize,
    /// Its record type, when the feature got as far as saying.
    pub(super) record_type: Option<RecordType>,
    /// Whether that record passed its own checks.
    pub(super) valid: bool,
}

/// Ids seen in the file. foldhash is several times faster than the standard SipHash on short
/// ids, and its per-map random seed keeps a hostile file from planning collisions cheaply.
pub(super) type IdMap = HashMap<RecordId, IdEntry, RandomState>;
/// A set of ids, hashed like [`IdMap`].
type IdSet = HashSet<RecordId, RandomState>;

/// The second pass: checks every reference against the records that passed.
pub(super) fn resolve(records: Vec<(usize, Record)>, ids: &IdMap, problems: &mut Vec<Problem>) -> Dataset {
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
