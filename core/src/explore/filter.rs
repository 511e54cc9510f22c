//! Filters: which places, organisations and projects the map, the list and the counts show.
//!
//! A filter left empty lets everything through; the filters combine with "and", the values of
//! one filter with "or" (two themes show what carries either). What a record matches on:
//! - **theme**: a project its own theme; a place or organisation the themes of its agreement
//!   and its own, and the themes of every project it leads or partners in;
//! - **kind**: the marker kind (InnoCity, partner place, organisation); projects are not limited;
//! - **country**: a place its country; an organisation its place's country; a project shows if
//!   its lead place or a partner place is in one of the countries;
//! - **years**: a project whose period overlaps the years; a place or organisation taking part in
//!   such a project, or (a place) with an agreement running then. A period with only a start runs
//!   to the end of the timeline, one with only an end from its start; a record with no dates at
//!   all is not shown while a year range is chosen, since nothing says it was active.
//!
//! The facts each record is matched on are gathered once per dataset ([`FilterFacts::new`]), so
//! applying filters is one pass over the records.

use std::collections::{BTreeSet, HashMap};

use crate::data::model::{Dataset, MarkerKind, Party, Period, RecordId};

/// The first and last year of the timeline.
pub const TIMELINE: (u16, u16) = (2020, 2027);

/// The filters chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Themes, by id; empty for all.
    pub themes: BTreeSet<RecordId>,
    /// Kinds of place; empty for all.
    pub kinds: BTreeSet<MarkerKind>,
    /// Countries, as ISO 3166-1 alpha-2 codes in capitals; empty for all.
    pub countries: BTreeSet<String>,
    /// First and last year, inclusive, within [`TIMELINE`]; `None` for any time.
    pub years: Option<(u16, u16)>,
}

/// A country as a filter holds it: an ISO 3166-1 alpha-2 code, read in either case and kept in
/// capitals. Shared by the page address and the host page's messages, so both accept the same.
pub(crate) fn country_code(text: &str) -> Option<String> {
    (text.len() == 2 && text.chars().all(|c| c.is_ascii_alphabetic())).then(|| text.to_ascii_uppercase())
}

/// Years as a filter holds them, from `2022` or `2021-2023`: within the [`TIMELINE`], the first
/// not after the last. Shared by the page address and the host page's messages.
pub(crate) fn year_range(text: &str) -> Option<(u16, u16)> {
    let (from, to) = text.split_once('-').unwrap_or((text, text));
    let (from, to) = (from.trim().parse::<u16>().ok()?, to.trim().parse::<u16>().ok()?);
    let (first, last) = TIMELINE;
    (first <= from && from <= to && to <= last).then_some((from, to))
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty() && self.kinds.is_empty() && self.countries.is_empty() && self.years.is_none()
    }

    /// How many filters are set (for the filter button's count).
    pub fn count(&self) -> usize {
        self.themes.len() + self.kinds.len() + self.countries.len() + usize::from(self.years.is_some())
    }
}

/// Years as bits: bit 0 is the first year of the [`TIMELINE`].
type Years = u16;

fn years_of(period: &Period) -> Years {
    let (first, last) = TIMELINE;
    let start = period.start.map(|d| d.year);
    let end = period.end.map(|d| d.year);
    let (from, to) = match (start, end) {
        (None, None) => return 0,
        (from, to) => (from.unwrap_or(first).max(first), to.unwrap_or(last).min(last)),
    };
    (from..=to).fold(0, |bits, year| bits | 1 << (year - first))
}

fn years_between(from: u16, to: u16) -> Years {
    years_of(&Period {
        start: Some(crate::data::model::PartialDate { year: from, month: None, day: None }),
        end: Some(crate::data::model::PartialDate { year: to, month: None, day: None }),
    })
}

/// What one marker is matched on.
#[derive(Clone, Debug, Default, PartialEq)]
struct MarkerFacts {
    kind: Option<MarkerKind>,
    country: Option<String>,
    themes: Vec<RecordId>,
    years: Years,
}

/// What one project is matched on.
#[derive(Clone, Debug, Default, PartialEq)]
struct ProjectFacts {
    theme: Option<RecordId>,
    countries: BTreeSet<String>,
    years: Years,
}

/// The facts of every marker (in the order of `Dataset::markers`) and project, gathered once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterFacts {
    markers: Vec<MarkerFacts>,
    projects: Vec<ProjectFacts>,
}

/// What passes the filters: one flag per marker (in marker order) and per project (in dataset
/// order), and how many of each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Whether each marker is shown.
    pub markers: Vec<bool>,
    /// Whether each project is shown.
    pub projects: Vec<bool>,
    /// Places shown (InnoCities and partner places).
    pub place_count: usize,
    /// Organisations shown.
    pub organisation_count: usize,
    /// Projects shown.
    pub project_count: usize,
}

impl FilterFacts {
    /// The themes the filters match the marker at `index` (in marker order) on: its own, its
    /// agreement's and those of the projects it takes part in.
    pub fn themes_of_marker(&self, index: usize) -> &[RecordId] {
        self.markers.get(index).map_or(&[], |facts| facts.themes.as_slice())
    }
}

impl Filtered {
    /// Whether the filters let nothing through: no place, organisation or project (the map
    /// and the list are empty, and say so).
    pub fn is_empty(&self) -> bool {
        self.place_count + self.organisation_count + self.project_count == 0
    }
}

impl FilterFacts {
    /// Gathers the facts of `dataset`, for its markers in `markers` order (by id).
    pub fn new(dataset: &Dataset, marker_ids: &[&RecordId]) -> Self {
        let country_of_place: HashMap<&RecordId, &str> =
            dataset.places.iter().map(|p| (&p.id, p.country.as_str())).collect();
        let agreement_of: HashMap<&RecordId, &crate::data::model::Agreement> =
            dataset.agreements.iter().map(|a| (&a.id, a)).collect();
        let mut by_id: HashMap<&RecordId, MarkerFacts> = HashMap::new();
        for place in &dataset.places {
            let mut facts = MarkerFacts {
                kind: Some(place.kind.into()),
                country: Some(place.country.to_ascii_uppercase()),
                themes: place.themes.clone(),
                years: 0,
            };
            if let Some(agreement) = place.agreement.as_ref().and_then(|a| agreement_of.get(a)) {
                let new: Vec<RecordId> =
                    agreement.themes.iter().filter(|t| !facts.themes.contains(t)).cloned().collect();
                facts.themes.extend(new);
                facts.years |= years_of(&agreement.period);
            }
            by_id.insert(&place.id, facts);
        }
        for organisation in &dataset.organisations {
            let country =
                organisation.place.as_ref().and_then(|p| country_of_place.get(p)).map(|c| c.to_ascii_uppercase());
            by_id.insert(
                &organisation.id,
                MarkerFacts { kind: Some(MarkerKind::Organisation), country, ..MarkerFacts::default() },
            );
        }
        let mut projects = Vec::with_capacity(dataset.projects.len());
        for project in &dataset.projects {
            let years = years_of(&project.period);
            let parties = project
                .partners
                .iter()
                .map(|p| &p.party)
                .chain(std::iter::once(&Party::Place(project.lead_place.clone())))
                .map(|party| match party {
                    Party::Place(id) | Party::Organisation(id) => id.clone(),
                })
                .chain(project.lead_organisations.iter().cloned())
                .collect::<Vec<_>>();
            let mut countries = BTreeSet::new();
            for id in &parties {
                if let Some(facts) = by_id.get_mut(id) {
                    facts.themes.extend(
                        project.theme.iter().filter(|t| !facts.themes.contains(t)).cloned().collect::<Vec<_>>(),
                    );
                    facts.years |= years;
                    countries.extend(facts.country.clone());
                }
            }
            projects.push(ProjectFacts { theme: project.theme.clone(), countries, years });
        }
        let markers = marker_ids.iter().map(|id| by_id.get(id).cloned().unwrap_or_default()).collect();
        Self { markers, projects }
    }

    /// Applies `filters`.
    pub fn apply(&self, filters: &Filters) -> Filtered {
        let wanted_years = filters.years.map(|(from, to)| years_between(from, to));
        let themes_ok = |mut themes: std::slice::Iter<'_, RecordId>| {
            filters.themes.is_empty() || themes.any(|t| filters.themes.contains(t))
        };
        let years_ok = |years: Years| wanted_years.is_none_or(|wanted| years & wanted != 0);
        let markers: Vec<bool> = self
            .markers
            .iter()
            .map(|m| {
                let kind_ok = filters.kinds.is_empty() || m.kind.is_some_and(|k| filters.kinds.contains(&k));
                let country_ok =
                    filters.countries.is_empty() || m.country.as_ref().is_some_and(|c| filters.countries.contains(c));
                kind_ok && country_ok && themes_ok(m.themes.as_slice().iter()) && years_ok(m.years)
            })
            .collect();
        let projects: Vec<bool> = self
            .projects
            .iter()
            .map(|p| {
                let country_ok =
                    filters.countries.is_empty() || p.countries.iter().any(|c| filters.countries.contains(c));
                country_ok && themes_ok(p.theme.as_slice().iter()) && years_ok(p.years)
            })
            .collect();
        let shown = |kind: fn(MarkerKind) -> bool| {
            self.markers.iter().zip(&markers).filter(|(m, &on)| on && m.kind.is_some_and(kind)).count()
        };
        Filtered {
            place_count: shown(|k| k != MarkerKind::Organisation),
            organisation_count: shown(|k| k == MarkerKind::Organisation),
            project_count: projects.iter().filter(|&&on| on).count(),
            markers,
            projects,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Dataset, FilterFacts) {
        let data = crate::map_data::bundled_for_tests();
        (data.dataset, data.facts)
    }

    fn shown_ids(dataset: &Dataset, filtered: &Filtered) -> Vec<String> {
        dataset.markers().iter().zip(&filtered.markers).filter(|(_, &on)| on).map(|(m, _)| m.id.to_string()).collect()
    }

    #[test]
    fn no_filter_shows_everything() {
        let (dataset, facts) = bundled();
        let all = facts.apply(&Filters::default());
        assert!(all.markers.iter().all(|&on| on) && all.projects.iter().all(|&on| on));
        assert_eq!(all.place_count, dataset.places.len());
        assert_eq!(all.organisation_count, dataset.organisations.len());
        assert_eq!(all.project_count, dataset.projects.len());
        assert!(Filters::default().is_empty());
    }

    #[test]
    fn kinds_and_countries_combine_with_and_their_values_with_or() {
        let (dataset, facts) = bundled();
        let swedish = Filters { countries: ["SE".to_owned()].into(), ..Filters::default() };
        let shown = shown_ids(&dataset, &facts.apply(&swedish));
        assert!(!shown.is_empty());
        for id in &shown {
            let place = dataset.place(&RecordId::parse(id).unwrap());
            let org = dataset.organisation(&RecordId::parse(id).unwrap());
            let country = place.map(|p| p.country.clone()).or_else(|| {
                org.and_then(|o| o.place.as_ref()).and_then(|p| dataset.place(p)).map(|p| p.country.clone())
            });
            assert_eq!(country.as_deref(), Some("SE"), "{id}");
        }
        let cities = Filters { kinds: [MarkerKind::InnoCity].into(), ..Filters::default() };
        let result = facts.apply(&cities);
        assert_eq!(result.organisation_count, 0);
        assert_eq!(
            result.place_count,
            dataset.places.iter().filter(|p| MarkerKind::from(p.kind) == MarkerKind::InnoCity).count()
        );
        let both =
            Filters { kinds: [MarkerKind::InnoCity].into(), countries: ["SE".to_owned()].into(), ..Filters::default() };
        assert_eq!(facts.apply(&both).place_count, 0, "no Swedish InnoCity");
        let either = Filters { countries: ["SE".to_owned(), "FI".to_owned()].into(), ..Filters::default() };
        assert!(facts.apply(&either).place_count > facts.apply(&swedish).place_count);
        assert_eq!(either.count(), 2);
    }

    #[test]
    fn a_theme_shows_its_projects_and_everyone_taking_part() {
        let (dataset, facts) = bundled();
        let project = dataset.projects.iter().find(|p| p.id.as_str() == "battery-chemistry-lead-project").unwrap();
        let theme = project.theme.clone().unwrap();
        let filtered = facts.apply(&Filters { themes: [theme.clone()].into(), ..Filters::default() });
        let shown = shown_ids(&dataset, &filtered);
        assert!(shown.contains(&"kokkola".to_owned()), "the lead");
        for partner in &project.partners {
            let (Party::Place(pid) | Party::Organisation(pid)) = &partner.party;
            assert!(shown.contains(&pid.to_string()), "partner {pid}");
        }
        let projects: Vec<&str> =
            dataset.projects.iter().zip(&filtered.projects).filter(|(_, &on)| on).map(|(p, _)| p.id.as_str()).collect();
        assert!(projects.contains(&"battery-chemistry-lead-project"));
        assert!(dataset
            .projects
            .iter()
            .zip(&filtered.projects)
            .all(|(p, &on)| !on || p.theme.as_ref() == Some(&theme)));
        assert!(filtered.place_count < dataset.places.len(), "other places are filtered out");
    }

    #[test]
    fn years_show_what_was_active_then() {
        assert_eq!(years_between(2020, 2020), 1);
        assert_eq!(years_between(2026, 2027), 0b1100_0000);
        let open_ended = Period {
            start: Some(crate::data::model::PartialDate { year: 2025, month: Some(3), day: None }),
            end: None,
        };
        assert_eq!(years_of(&open_ended), 0b1110_0000, "a project with only a start runs on");
        assert_eq!(years_of(&Period::default()), 0, "no dates: not shown when years are chosen");
        let (dataset, facts) = bundled();
        let early = facts.apply(&Filters { years: Some((2020, 2020)), ..Filters::default() });
        let late = facts.apply(&Filters { years: Some((2021, 2027)), ..Filters::default() });
        assert!(late.place_count > early.place_count, "the agreements run from 2021");
        for (project, (&on, p)) in dataset.projects.iter().zip(early.projects.iter().zip(&facts.projects)) {
            assert_eq!(on, p.years & 1 != 0, "{}", project.id);
        }
    }

    /// Filters that leave nothing say so; any filter that leaves something does not.
    #[test]
    fn filters_that_leave_nothing_are_empty() {
        let data = crate::map_data::bundled_for_tests();
        assert!(!data.facts.apply(&Filters::default()).is_empty());
        let nowhere = Filters { countries: ["ZZ".to_owned()].into(), ..Filters::default() };
        let nothing = data.facts.apply(&nowhere);
        assert!(nothing.is_empty(), "{nothing:?}");
        assert!(nothing.markers.iter().all(|on| !on) && nothing.projects.iter().all(|on| !on));
        let swedish = Filters { countries: ["SE".to_owned()].into(), ..Filters::default() };
        assert!(!data.facts.apply(&swedish).is_empty());
        // Only projects left: not empty, the list shows them.
        let only_projects = Filtered { project_count: 1, ..Filtered::default() };
        assert!(!only_projects.is_empty());
    }
}
