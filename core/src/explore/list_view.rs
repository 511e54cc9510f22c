//! The list view: everything the map shows, as sections of names in alphabetical order, for
//! visitors who do not use the map (a screen reader, a keyboard, a small screen) and for anyone
//! who wants an overview. It follows the same filters as the map ([`Filtered`]).

use crate::data::model::{Dataset, MapMarker, MarkerKind, RecordId};
use crate::explore::filter::Filtered;
use crate::explore::search::fold;
use crate::language::Language;
use crate::order::sorted_by_cached_key;
use crate::text::place_names::country_name;

/// One line of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListEntry {
    /// The record.
    pub id: RecordId,
    /// Its name in the language asked for.
    pub name: String,
    /// A second line: the region and country of a place, the town of an organisation, the
    /// lead place of a project.
    pub detail: String,
}

/// The list: places and organisations by kind, then projects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListSections {
    /// Sections of places and organisations, in [`MarkerKind`] order; empty ones left out.
    pub places: Vec<(MarkerKind, Vec<ListEntry>)>,
    /// Projects shown.
    pub projects: Vec<ListEntry>,
}

impl ListSections {
    /// The list of what `filtered` lets through; `markers` in the order `filtered` counts them.
    pub fn new(dataset: &Dataset, markers: &[MapMarker], filtered: &Filtered, language: Language) -> Self {
        let country = |code: &str| country_name(code, language).map_or_else(|| code.to_owned(), str::to_owned);
        let place_detail = |id: &RecordId| {
            dataset.place(id).map(|p| match &p.region {
                Some(region) => format!("{}, {}", region.get(language), country(&p.country)),
                None => country(&p.country),
            })
        };
        let detail_of = |marker: &MapMarker| match marker.kind {
            MarkerKind::Organisation => dataset
                .organisation(&marker.id)
                .and_then(|o| o.place.as_ref())
                .and_then(|p| dataset.place(p))
                .map(|p| p.name.get(language).to_owned())
                .unwrap_or_default(),
            MarkerKind::InnoCity | MarkerKind::Partner => place_detail(&marker.id).unwrap_or_default(),
        };
        let places = MarkerKind::ALL
            .into_iter()
            .map(|kind| {
                let entries = markers
                    .iter()
                    .zip(&filtered.markers)
                    .filter(|(m, &on)| on && m.kind == kind)
                    .map(|(m, _)| ListEntry {
                        id: m.id.clone(),
                        name: m.name.get(language).to_owned(),
                        detail: detail_of(m),
                    })
                    .collect();
                (kind, sorted(entries))
            })
            .filter(|(_, entries)| !entries.is_empty())
            .collect();
        let projects = dataset
            .projects
            .iter()
            .zip(&filtered.projects)
            .filter(|(_, &on)| on)
            .map(|(p, _)| ListEntry {
                id: p.id.clone(),
                name: p.name.get(language).to_owned(),
                detail: dataset.place(&p.lead_place).map(|l| l.name.get(language).to_owned()).unwrap_or_default(),
            })
            .collect();
        Self { places, projects: sorted(projects) }
    }
}

/// Alphabetical by folded name, so "Åbo" sorts with the a's as a visitor from any of the three
/// languages would look for it.
fn sorted(entries: Vec<ListEntry>) -> Vec<ListEntry> {
    sorted_by_cached_key(entries, |e| (fold(&e.name), e.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::filter::Filters;

    use crate::map_data::bundled_for_tests as bundled;

    #[test]
    fn the_list_holds_what_the_filters_let_through_in_alphabetical_sections() {
        let data = bundled();
        for filters in [Filters::default(), Filters { countries: ["SE".to_owned()].into(), ..Filters::default() }] {
            let filtered = data.facts.apply(&filters);
            let list = ListSections::new(&data.dataset, &data.all.markers, &filtered, Language::Fi);
            let count = |kinds: &[MarkerKind]| {
                list.places.iter().filter(|(k, _)| kinds.contains(k)).map(|(_, e)| e.len()).sum::<usize>()
            };
            assert_eq!(count(&[MarkerKind::InnoCity, MarkerKind::Partner]), filtered.place_count);
            assert_eq!(count(&[MarkerKind::Organisation]), filtered.organisation_count);
            assert_eq!(list.projects.len(), filtered.project_count);
            for (_, entries) in &list.places {
                assert!(!entries.is_empty());
                let names: Vec<String> = entries.iter().map(|e| fold(&e.name)).collect();
                assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
            }
        }
        let all =
            ListSections::new(&data.dataset, &data.all.markers, &data.facts.apply(&Filters::default()), Language::Sv);
        let cities = &all.places[0];
        assert_eq!(cities.0, MarkerKind::InnoCity);
        let kokkola = cities.1.iter().find(|e| e.id.as_str() == "kokkola").unwrap();
        assert_eq!(kokkola.name, "Karleby");
        assert_eq!(kokkola.detail, "Mellersta Österbotten, Finland");
    }
}
