//! What the detail panel says about the record that is open: a place, an organisation, a
//! project or a theme, assembled from the dataset in one language.
//!
//! The panel component renders a [`Detail`] as it is (a heading, facts, sections of entries,
//! links and sources), so what each kind of panel shows, in which order and which names lead
//! to which other panel, is decided and tested here rather than inside a component.

use crate::data::model::{
    Activity, Dataset, Involvement, MapMarker, MarkerKind, Organisation, PartialDate, Party, Place, Project,
    Provenance, RecordId, RecordType, SafeUrl, Source,
};
use crate::explore::filter::{FilterFacts, Filters};
use crate::explore::list_view::ListSections;
use crate::language::{Language, LocalizedText};
use crate::text::format;
use crate::text::ui_text::UiText;

/// A record another panel can be opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Its id.
    pub id: RecordId,
    /// What it is.
    pub record: RecordType,
}

/// A name in a panel: plain text, or a link that opens that record's panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name shown.
    pub text: String,
    /// The record it opens, if any.
    pub target: Option<Target>,
    /// A short note after the name (a role, a place, a date).
    pub note: Option<String>,
}

impl Entry {
    fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), target: None, note: None }
    }

    fn to(record: RecordType, id: &RecordId, text: impl Into<String>) -> Self {
        Self { text: text.into(), target: Some(Target { id: id.clone(), record }), note: None }
    }

    fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note.filter(|n| !n.is_empty());
        self
    }
}

/// One line of the panel's fact list ("Lead: Kokkola").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What the fact is.
    pub label: &'static str,
    /// Its values, in order (a value is never empty: an unknown one says so in words).
    pub values: Vec<Entry>,
}

/// A titled list of entries ("Partners", "Projects").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading, with the count where that helps.
    pub title: String,
    /// The entries, in reading order.
    pub entries: Vec<Entry>,
}

/// A source or a further-reading link as it is cited: a title (the part that links, when there
/// is an address), then who published it and when, as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLine {
    /// What is cited: the title, else the document's description, else the address without its
    /// scheme.
    pub title: String,
    /// The link, when the source is a web page.
    pub url: Option<SafeUrl>,
    /// The publisher, the publication date and (beside a title) the document's description:
    /// "Business South Karelia, 9.4.2024"; `None` when none is known.
    pub details: Option<String>,
}

impl SourceLine {
    /// The citation as one line of text, as an export writes it: "Title. Publisher, date. URL".
    /// A title that is only the address is not written twice.
    pub fn citation(&self) -> String {
        let title =
            Some(self.title.as_str()).filter(|t| !t.is_empty() && self.url.as_ref().map(address).as_deref() != Some(t));
        let parts = [title, self.details.as_deref(), self.url.as_ref().map(SafeUrl::as_str)];
        let mut citation = String::new();
        for part in parts.into_iter().flatten() {
            if !citation.is_empty() {
                // A title ending in "?" or "." has its full stop already.
                if !citation.ends_with(['.', '?', '!']) {
                    citation.push('.');
                }
                citation.push(' ');
            }
            citation.push_str(part);
        }
        citation
    }
}

/// Everything the panel shows for one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// What the record is.
    pub record: RecordType,
    /// What it is in words ("InnoCity", "Project", "Theme").
    pub kind: String,
    /// The name in the chosen language.
    pub name: String,
    /// The names in the other languages that differ, with their language.
    pub other_names: Vec<(Language, String)>,
    /// A line under the name: a place's region and country.
    pub subtitle: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// Short facts, as a definition list.
    pub facts: Vec<Fact>,
    /// Lists of related records.
    pub sections: Vec<Section>,
    /// The official website.
    pub website: Option<SafeUrl>,
    /// Further reading.
    pub links: Vec<SourceLine>,
    /// Caveats and later changes.
    pub notes: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<SourceLine>,
    /// When the record was checked, written as dates are in the panel's language.
    pub checked: Option<String>,
}

impl Detail {
    fn new(record: RecordType, kind: impl Into<String>, name: &LocalizedText, language: Language) -> Self {
        Self {
            record,
            kind: kind.into(),
            name: name.get(language).to_owned(),
            other_names: other_names(name, language),
            subtitle: None,
            description: None,
            facts: Vec::new(),
            sections: Vec::new(),
            website: None,
            links: Vec::new(),
            notes: None,
            sources: Vec::new(),
            checked: None,
        }
    }

    fn with_provenance(mut self, provenance: &Provenance, language: Language) -> Self {
        self.links = provenance
            .links
            .iter()
            .map(|l| SourceLine { title: l.title.get(language).to_owned(), url: Some(l.url.clone()), details: None })
            .collect();
        self.notes = provenance.notes.as_ref().map(|n| n.get(language).to_owned());
        self.sources = sources(provenance, |d| format::date(d, language));
        self.checked = provenance.checked.map(|d| format::date(d, language));
        self
    }

    fn fact(&mut self, label: &'static str, values: Vec<Entry>) {
        if !values.is_empty() {
            self.facts.push(Fact { label, values });
        }
    }

    fn section(&mut self, title: &str, entries: Vec<Entry>) {
        if !entries.is_empty() {
            self.sections.push(Section { title: format!("{title} ({})", entries.len()), entries });
        }
    }
}

/// What the panels are made from: the records, what each marker and project is filtered on
/// (a theme's panel lists exactly what its filter lets through), and every marker.
#[derive(Clone, Copy, Debug)]
pub struct DetailSources<'a> {
    /// The records.
    pub dataset: &'a Dataset,
    /// What each marker and project is filtered on.
    pub facts: &'a FilterFacts,
    /// Every place and organisation on the map, in the order `facts` describes them.
    pub markers: &'a [MapMarker],
}

/// The panel's content for the record `id`, or `None` when no record with a panel has that id
/// (agreements are shown inside the panels of their places).
pub fn describe(sources: DetailSources<'_>, id: &RecordId, language: Language) -> Option<Detail> {
    let dataset = sources.dataset;
    if let Some(place) = dataset.place(id) {
        Some(place_detail(dataset, place, language))
    } else if let Some(organisation) = dataset.organisation(id) {
        Some(organisation_detail(dataset, organisation, language))
    } else if let Some(project) = dataset.project(id) {
        Some(project_detail(dataset, project, language))
    } else if let Some(activity) = dataset.activity(id) {
        Some(activity_detail(dataset, activity, language))
    } else {
        theme_detail(sources, id, language)
    }
}

fn place_detail(dataset: &Dataset, place: &Place, language: Language) -> Detail {
    let text = UiText(language);
    let id = &place.id;
    let mut detail =
        Detail::new(RecordType::Place, text.marker_kind(MarkerKind::from(place.kind)), &place.name, language)
            .with_provenance(&place.provenance, language);
    let country = crate::text::place_names::country_name(&place.country, language).unwrap_or(place.country.as_str());
    detail.subtitle = Some(match &place.region {
        Some(region) => format!("{}, {country}", region.get(language)),
        None => country.to_owned(),
    });
    detail.description = place.description.as_ref().map(|d| d.get(language).to_owned());
    detail.website = place.website.clone();

    let agreement = place.agreement.as_ref().and_then(|a| dataset.agreement(a));
    if let Some(agreement) = agreement {
        detail.fact(text.agreement(), vec![Entry::plain(agreement.name.get(language))]);
        let partners = agreement
            .members
            .iter()
            .filter(|m| *m != id)
            .filter_map(|m| dataset.place(m))
            .map(|p| Entry::to(RecordType::Place, &p.id, p.name.get(language)))
            .collect();
        detail.fact(text.agreement_partners(), partners);
        if let Some(focus) = &agreement.focus {
            detail.fact(text.focus(), vec![Entry::plain(focus.get(language))]);
        }
    }
    // The place's own themes, then those of its agreement, each once.
    let mut theme_ids: Vec<&RecordId> = place.themes.iter().collect();
    for theme in agreement.iter().flat_map(|a| &a.themes) {
        if !theme_ids.contains(&theme) {
            theme_ids.push(theme);
        }
    }
    detail.fact(text.themes(), theme_entries(dataset, theme_ids, language));

    detail.section(text.projects(), involvement_entries(dataset, dataset.projects_of_place(id), language));
    let organisations = dataset
        .organisations
        .iter()
        .filter(|o| o.place.as_ref() == Some(id))
        .map(|o| {
            Entry::to(RecordType::Organisation, &o.id, o.name.get(language))
                .with_note(Some(text.organisation_kind(o.kind).to_owned()))
        })
        .collect();
    detail.section(text.organisations_here(), organisations);
    let activities = dataset.activities.iter().filter(|a| a.places.contains(id));
    detail.section(text.activities(), activity_entries(activities, language));
    detail
}

fn organisation_detail(dataset: &Dataset, organisation: &Organisation, language: Language) -> Detail {
    let text = UiText(language);
    let id = &organisation.id;
    let mut detail = Detail::new(
        RecordType::Organisation,
        format!("{} · {}", text.marker_kind(MarkerKind::Organisation), text.organisation_kind(organisation.kind)),
        &organisation.name,
        language,
    )
    .with_provenance(&organisation.provenance, language);
    detail.description = organisation.description.as_ref().map(|d| d.get(language).to_owned());
    detail.website = organisation.website.clone();
    let place = organisation.place.as_ref().and_then(|p| dataset.place(p));
    detail.fact(
        text.located_in(),
        place.map(|p| Entry::to(RecordType::Place, &p.id, p.name.get(language))).into_iter().collect(),
    );
    detail.section(text.projects(), involvement_entries(dataset, dataset.projects_of_organisation(id), language));
    let activities = dataset.activities.iter().filter(|a| a.organisations.contains(id));
    detail.section(text.activities(), activity_entries(activities, language));
    detail
}

fn project_detail(dataset: &Dataset, project: &Project, language: Language) -> Detail {
    let text = UiText(language);
    let id = &project.id;
    let mut detail = Detail::new(RecordType::Project, text.project_kind(), &project.name, language)
        .with_provenance(&project.provenance, language);
    detail.description = Some(project.description.get(language).to_owned()).filter(|d| !d.is_empty());

    let themes = theme_entries(dataset, project.theme.iter().collect(), language);
    detail.fact(text.theme_kind(), if themes.is_empty() { vec![Entry::plain(text.all_themes())] } else { themes });
    let lead = dataset.place(&project.lead_place).map(|p| Entry::to(RecordType::Place, &p.id, p.name.get(language)));
    let lead_organisations = project.lead_organisations.iter().filter_map(|o| party_entry(dataset, o, language));
    detail.fact(text.lead(), lead.into_iter().chain(lead_organisations).collect());
    let period = format::period(&project.period, language).unwrap_or_else(|| text.not_known().to_owned());
    detail.fact(text.period(), vec![Entry::plain(period)]);
    detail.facts.extend(budget_facts(project, text));
    for (label, who) in [(text.funder(), &project.funder), (text.coordinator(), &project.coordinator)] {
        let entry = who.as_ref().and_then(|o| party_entry(dataset, o, language));
        detail.fact(label, vec![entry.unwrap_or_else(|| Entry::plain(text.not_known()))]);
    }

    let partners = project
        .partners
        .iter()
        .filter_map(|partner| {
            let id = match &partner.party {
                Party::Place(id) | Party::Organisation(id) => id,
            };
            Some(party_entry(dataset, id, language)?.with_note(Some(text.role(Some(partner.role)).to_owned())))
        })
        .collect();
    detail.section(text.partners(), partners);
    let activities = dataset.activities.iter().filter(|a| a.project.as_ref() == Some(id));
    detail.section(text.activities(), activity_entries(activities, language));
    detail
}

/// A visit, event or partnership: what it was, when, where, who took part and in which project.
fn activity_detail(dataset: &Dataset, activity: &Activity, language: Language) -> Detail {
    let text = UiText(language);
    let mut kind = text.activity_kind(activity.kind).to_owned();
    if activity.is_virtual {
        kind = format!("{kind} · {}", text.online());
    }
    let mut detail = Detail::new(RecordType::Activity, kind, &activity.name, language)
        .with_provenance(&activity.provenance, language);
    detail.description = Some(activity.description.get(language).to_owned()).filter(|d| !d.is_empty());
    let period = activity.period.as_ref().and_then(|p| format::period(p, language));
    detail.fact(text.period(), vec![Entry::plain(period.unwrap_or_else(|| text.not_known().to_owned()))]);
    let places = activity.places.iter().filter_map(|p| party_entry(dataset, p, language)).collect();
    detail.fact(text.took_place_in(), places);
    let organisations = activity.organisations.iter().filter_map(|o| party_entry(dataset, o, language)).collect();
    detail.fact(text.taking_part(), organisations);
    let project = activity.project.as_ref().and_then(|p| dataset.project(p));
    let project = project.map(|p| Entry::to(RecordType::Project, &p.id, p.name.get(language)));
    detail.fact(text.project_kind(), project.into_iter().collect());
    detail
}

/// Budget and public funding: always both lines, so a visitor sees that an amount is not known
/// rather than wondering whether it was left out.
fn budget_facts(project: &Project, text: UiText) -> Vec<Fact> {
    let language = text.0;
    let budget = project.budget.as_ref();
    let amount = |value: Option<f64>| value.and_then(|v| format::euros(v, language));
    let total = amount(budget.and_then(|b| b.total_eur)).unwrap_or_else(|| text.not_known().to_owned());
    let public =
        match (amount(budget.and_then(|b| b.public_funding_eur)), budget.and_then(|b| b.public_funding.as_ref())) {
            (Some(sum), Some(what)) => format!("{sum} ({})", what.get(language)),
            (Some(sum), None) => sum,
            (None, Some(what)) => what.get(language).to_owned(),
            (None, None) => text.not_known().to_owned(),
        };
    vec![
        Fact { label: text.budget(), values: vec![Entry::plain(total)] },
        Fact { label: text.public_funding(), values: vec![Entry::plain(public)] },
    ]
}

fn theme_detail(sources: DetailSources<'_>, id: &RecordId, language: Language) -> Option<Detail> {
    let text = UiText(language);
    let dataset = sources.dataset;
    let theme = dataset.theme(id)?;
    let mut detail = Detail::new(RecordType::Theme, text.theme_kind(), &theme.name, language);
    detail.description = Some(theme.description.get(language).to_owned()).filter(|d| !d.is_empty());
    // What carries a theme is exactly what the theme filter lets through (see core::explore::filter), so
    // the panel and the filter never disagree.
    let carried = sources.facts.apply(&Filters { themes: [id.clone()].into(), ..Filters::default() });
    let lists = ListSections::new(dataset, sources.markers, &carried, language);
    for (kind, entries) in lists.places {
        let entries =
            entries.into_iter().map(|e| Entry::to(kind.record(), &e.id, e.name).with_note(Some(e.detail))).collect();
        detail.section(text.kind_plural(kind), entries);
    }
    let projects = lists
        .projects
        .into_iter()
        .map(|e| Entry::to(RecordType::Project, &e.id, e.name).with_note(Some(e.detail)))
        .collect();
    // Projects first: they are what a theme is about.
    let place_sections = std::mem::take(&mut detail.sections);
    detail.section(text.projects(), projects);
    detail.sections.extend(place_sections);
    Some(detail)
}

/// A place or an organisation by id, as a link to its panel.
fn party_entry(dataset: &Dataset, id: &RecordId, language: Language) -> Option<Entry> {
    if let Some(place) = dataset.place(id) {
        return Some(Entry::to(RecordType::Place, id, place.name.get(language)));
    }
    dataset.organisation(id).map(|o| Entry::to(RecordType::Organisation, id, o.name.get(language)))
}

fn theme_entries(dataset: &Dataset, ids: Vec<&RecordId>, language: Language) -> Vec<Entry> {
    ids.into_iter()
        .filter_map(|t| dataset.theme(t))
        .map(|t| Entry::to(RecordType::Theme, &t.id, t.name.get(language)))
        .collect()
}

fn involvement_entries(dataset: &Dataset, involvements: Vec<Involvement<'_>>, language: Language) -> Vec<Entry> {
    let text = UiText(language);
    involvements
        .into_iter()
        .map(|i| {
            let theme = i.project.theme.as_ref().and_then(|t| dataset.theme(t)).map(|t| t.name.get(language));
            let note = match theme {
                Some(theme) => format!("{} · {theme}", text.role(i.role)),
                None => text.role(i.role).to_owned(),
            };
            Entry::to(RecordType::Project, &i.project.id, i.project.name.get(language)).with_note(Some(note))
        })
        .collect()
}

fn activity_entries<'a>(activities: impl Iterator<Item = &'a Activity>, language: Language) -> Vec<Entry> {
    activities
        .map(|a| {
            Entry::to(RecordType::Activity, &a.id, a.name.get(language))
                .with_note(a.period.as_ref().and_then(|p| format::period(p, language)))
        })
        .collect()
}

fn other_names(name: &LocalizedText, language: Language) -> Vec<(Language, String)> {
    let own = name.get(language);
    let mut seen = vec![own.to_owned()];
    Language::ALL
        .into_iter()
        .filter(|l| *l != language)
        .filter_map(|l| {
            let other = name.get(l).to_owned();
            (!seen.contains(&other)).then(|| {
                seen.push(other.clone());
                (l, other)
            })
        })
        .collect()
}

/// A record's sources as they are cited: in its panel, and in the exports. `date` writes a
/// publication date (in the panel's language, or as YYYY-MM-DD for a file).
pub(crate) fn sources(provenance: &Provenance, date: impl Fn(PartialDate) -> String) -> Vec<SourceLine> {
    provenance.sources.iter().map(|source| source_line(source, &date)).collect()
}

fn source_line(source: &Source, date: &impl Fn(PartialDate) -> String) -> SourceLine {
    let (title, description) = match (&source.title, &source.document, &source.url) {
        (Some(title), document, _) => (title.clone(), document.clone()),
        (None, Some(document), _) => (document.clone(), None),
        (None, None, Some(url)) => (address(url), None),
        // The reader lets no source through without one of the three.
        (None, None, None) => (String::new(), None),
    };
    // An organisation citing its own page ("InnoCities", by InnoCities) is named once.
    let publisher = source.publisher.clone().filter(|p| *p != title);
    let details: Vec<String> = [publisher, source.published.map(date), description].into_iter().flatten().collect();
    SourceLine { title, url: source.url.clone(), details: (!details.is_empty()).then(|| details.join(", ")) }
}

/// An address as a reader would say it: host and path, without the scheme, query or fragment.
fn address(url: &SafeUrl) -> String {
    let text = url.as_str();
    let without_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
    let without_query = without_scheme.split(['?', '#']).next().unwrap_or(without_scheme);
    without_query.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map_data::bundled_for_tests;

    fn id(s: &str) -> RecordId {
        RecordId::parse(s).unwrap()
    }

    fn fact<'a>(detail: &'a Detail, label: &str) -> &'a Fact {
        detail.facts.iter().find(|f| f.label == label).unwrap_or_else(|| panic!("no fact {label}: {detail:#?}"))
    }

    fn section<'a>(detail: &'a Detail, title_start: &str) -> &'a Section {
        detail
            .sections
            .iter()
            .find(|s| s.title.starts_with(title_start))
            .unwrap_or_else(|| panic!("no section {title_start}: {detail:#?}"))
    }

    #[test]
    fn a_lead_city_shows_its_agreement_themes_projects_organisations_and_sources() {
        let data = bundled_for_tests();
        let d = describe(data.sources(), &id("kokkola"), Language::En).unwrap();
        assert_eq!(d.record, RecordType::Place);
        assert_eq!(d.name, "Kokkola");
        assert_eq!(d.other_names, vec![(Language::Sv, "Karleby".to_owned())]);
        assert_eq!(d.subtitle.as_deref(), Some("Central Ostrobothnia, Finland"));
        assert!(fact(&d, UiText(Language::En).agreement()).values[0].text.contains("Kokkola"));
        let themes = &fact(&d, "Themes").values;
        assert!(themes.iter().any(|t| t.text == "Battery chemistry"
            && t.target == Some(Target { id: id("theme-battery-chemistry"), record: RecordType::Theme })));
        let projects = section(&d, "Projects");
        let battery = projects.entries.iter().find(|e| e.text == "Battery chemistry lead project").unwrap();
        assert_eq!(battery.target.as_ref().unwrap().record, RecordType::Project);
        assert_eq!(battery.note.as_deref(), Some("lead · Battery chemistry"));
        let organisations = section(&d, "Organisations here");
        assert!(organisations.entries.iter().all(|e| e.target.as_ref().unwrap().record == RecordType::Organisation));
        assert!(!d.sources.is_empty() && d.checked.is_some());
    }

    #[test]
    fn a_project_shows_lead_partners_period_and_budget_per_language() {
        let data = bundled_for_tests();
        let battery = id("battery-chemistry-lead-project");
        let fi = describe(data.sources(), &battery, Language::Fi).unwrap();
        assert_eq!(fi.record, RecordType::Project);
        assert_eq!(fi.kind, "Hanke");
        assert_eq!(fact(&fi, "Budjetti").values[0].text, "259\u{a0}188\u{a0}€");
        assert_eq!(fact(&fi, "Kausi").values[0].text, "1.8.2023 – 31.7.2025");
        assert!(fact(&fi, "Julkinen rahoitus").values[0].text.starts_with("194\u{a0}390\u{a0}€ (EAKR"));
        let en = describe(data.sources(), &battery, Language::En).unwrap();
        assert_eq!(fact(&en, "Budget").values[0].text, "EUR 259,188");
        assert_eq!(fact(&en, "Theme").values[0].target.as_ref().unwrap().id, id("theme-battery-chemistry"));
        let lead = &fact(&en, "Lead").values[0];
        assert_eq!((lead.text.as_str(), lead.target.as_ref().unwrap().record), ("Kokkola", RecordType::Place));
        let coordinator = &fact(&en, "Coordinator").values[0];
        assert_eq!(coordinator.target.as_ref().unwrap().record, RecordType::Organisation);
        let project = data.dataset.projects.iter().find(|p| p.id == battery).unwrap();
        let partners = section(&en, "Partners");
        assert_eq!(partners.entries.len(), project.partners.len());
        assert!(partners.entries.iter().all(|e| e.target.is_some() && e.note.is_some()));
        assert!(!en.links.is_empty() && en.links.iter().all(|l| l.url.is_some()));
    }

    #[test]
    fn unknown_budget_and_period_are_said_to_be_unknown_never_guessed() {
        let data = bundled_for_tests();
        let project = data.dataset.projects.iter().find(|p| p.budget.is_none() && p.period.start.is_none()).unwrap();
        for language in Language::ALL {
            let d = describe(data.sources(), &project.id, language).unwrap();
            let text = UiText(language);
            for label in [text.budget(), text.public_funding(), text.period()] {
                assert_eq!(fact(&d, label).values, vec![Entry::plain(text.not_known())], "{label}");
            }
        }
    }

    #[test]
    fn a_theme_lists_exactly_what_its_filter_lets_through() {
        let data = bundled_for_tests();
        let theme = id("theme-battery-chemistry");
        let d = describe(data.sources(), &theme, Language::En).unwrap();
        assert_eq!(d.record, RecordType::Theme);
        assert_eq!(d.name, "Battery chemistry");
        assert!(d.description.is_some());
        let filtered = data.facts.apply(&Filters { themes: [theme].into(), ..Filters::default() });
        let listed = |record: RecordType| {
            d.sections
                .iter()
                .flat_map(|s| &s.entries)
                .filter(|e| e.target.as_ref().is_some_and(|t| t.record == record))
                .count()
        };
        assert_eq!(listed(RecordType::Project), filtered.project_count);
        assert_eq!(listed(RecordType::Place), filtered.place_count);
        assert_eq!(listed(RecordType::Organisation), filtered.organisation_count);
        assert!(d.sections[0].title.starts_with("Projects"));
    }

    #[test]
    fn an_organisation_links_to_its_place_and_a_partner_place_names_its_role() {
        let data = bundled_for_tests();
        let organisation = data.dataset.organisations.iter().find(|o| o.place.is_some()).unwrap();
        let d = describe(data.sources(), &organisation.id, Language::Sv).unwrap();
        assert_eq!(d.record, RecordType::Organisation);
        assert!(d.kind.starts_with("Organisation · "));
        let place = &fact(&d, "Ligger i").values[0];
        assert_eq!(place.target.as_ref().map(|t| &t.id), organisation.place.as_ref());
        let partner = data
            .dataset
            .places
            .iter()
            .find(|p| {
                !data.dataset.projects_of_place(&p.id).is_empty()
                    && data.dataset.projects.iter().all(|pr| pr.lead_place != p.id)
            })
            .unwrap();
        let d = describe(data.sources(), &partner.id, Language::Fi).unwrap();
        assert!(section(&d, "Hankkeet").entries.iter().all(|e| !e.note.as_deref().unwrap().starts_with("vetäjä")));
    }

    #[test]
    fn records_without_a_panel_have_no_detail() {
        let data = bundled_for_tests();
        assert!(describe(data.sources(), &id("no-such-record"), Language::En).is_none());
        let agreement = &data.dataset.agreements[0].id;
        assert!(describe(data.sources(), agreement, Language::En).is_none());
    }

    /// Visits and events are names like every other: each opens a panel of its own that says
    /// what it was, when, where, who took part and in which project, in every language.
    #[test]
    fn visits_and_events_are_links_to_panels_of_their_own() {
        let data = bundled_for_tests();
        let battery = describe(data.sources(), &id("battery-chemistry-lead-project"), Language::En).unwrap();
        let visits = section(&battery, "Visits and events");
        assert!(visits.entries.len() >= 3, "{visits:#?}");
        for entry in &visits.entries {
            let target = entry.target.as_ref().unwrap_or_else(|| panic!("{} is not a link", entry.text));
            assert_eq!(target.record, RecordType::Activity);
            assert!(describe(data.sources(), &target.id, Language::En).is_some(), "{} has a panel", target.id);
        }

        let visit = describe(data.sources(), &id("study-visit-chemiepark-knapsack"), Language::En).unwrap();
        assert_eq!(visit.record, RecordType::Activity);
        assert_eq!(visit.kind, "Study visit");
        assert_eq!(visit.name, "Study visit to Chemiepark Knapsack");
        let place = &fact(&visit, "Where").values[0];
        assert_eq!(place.target, Some(Target { id: id("hurth"), record: RecordType::Place }));
        let taking_part = &fact(&visit, "Taking part").values;
        assert!(taking_part.iter().all(|e| e.target.as_ref().is_some_and(|t| t.record == RecordType::Organisation)));
        assert!(taking_part.iter().any(|e| e.text.contains("Knapsack")), "{taking_part:?}");
        let project = &fact(&visit, "Project").values[0];
        assert_eq!(project.target.as_ref().map(|t| &t.id), Some(&id("battery-chemistry-lead-project")));
        assert!(!visit.sources.is_empty() && visit.checked.is_some(), "sourced and dated");

        let virtual_visit = describe(data.sources(), &id("visit-kip-northern-sweden-virtual"), Language::Fi).unwrap();
        assert_eq!(virtual_visit.kind, "Vierailu · verkossa");
        assert_eq!(fact(&virtual_visit, "Missä").values.len(), 4);
        let unknown_date = data.dataset.activities.iter().find(|a| a.period.is_none());
        if let Some(activity) = unknown_date {
            let d = describe(data.sources(), &activity.id, Language::Sv).unwrap();
            assert_eq!(fact(&d, "Period").values[0].text, UiText(Language::Sv).not_known());
        }
    }

    fn citing(url: Option<&str>, title: Option<&str>, publisher: Option<&str>, published: Option<&str>) -> Source {
        Source {
            url: url.and_then(SafeUrl::parse),
            title: title.map(str::to_owned),
            publisher: publisher.map(str::to_owned),
            published: published.and_then(PartialDate::parse),
            document: None,
        }
    }

    fn lines(sources: Vec<Source>, language: Language) -> Vec<SourceLine> {
        super::sources(&Provenance { sources, ..Provenance::default() }, |d| format::date(d, language))
    }

    /// Only the title links; publisher and date follow in the panel's language; the export writes
    /// it all as one line.
    #[test]
    fn a_source_is_cited_by_title_publisher_and_date() {
        let article = citing(
            Some("https://example.org/green"),
            Some("Lappeenranta-Imatra region leading national innovation work on green electrification"),
            Some("Business South Karelia"),
            Some("2024-04-09"),
        );
        let fi = &lines(vec![article.clone()], Language::Fi)[0];
        assert_eq!(fi.title, "Lappeenranta-Imatra region leading national innovation work on green electrification");
        assert_eq!(fi.url.as_ref().map(SafeUrl::as_str), Some("https://example.org/green"));
        assert_eq!(fi.details.as_deref(), Some("Business South Karelia, 9.4.2024"));
        assert_eq!(
            lines(vec![article.clone()], Language::En)[0].details.as_deref(),
            Some("Business South Karelia, 9 April 2024")
        );
        assert_eq!(lines(vec![article], Language::Sv)[0].details.as_deref(), Some("Business South Karelia, 9.4.2024"));
        assert_eq!(
            fi.citation(),
            "Lappeenranta-Imatra region leading national innovation work on green electrification. Business South \
             Karelia, 9.4.2024. https://example.org/green"
        );
        let undated =
            &lines(vec![citing(None, Some("Akkukemiasta kärkiala?"), Some("Pirkanmaan liitto"), None)], Language::Fi)
                [0];
        assert_eq!(undated.details.as_deref(), Some("Pirkanmaan liitto"));
        assert_eq!(undated.citation(), "Akkukemiasta kärkiala? Pirkanmaan liitto", "a question mark ends the title");
        let only_date = &lines(vec![citing(None, Some("Annual report"), None, Some("2023-05"))], Language::Fi)[0];
        assert_eq!(only_date.details.as_deref(), Some("toukokuu 2023"));
    }

    /// A source without a title is named by its document, else by its address; a title never
    /// repeats as the publisher.
    #[test]
    fn a_source_without_a_title_is_named_by_its_document_or_address() {
        let decision = Source {
            document: Some("City board decision 12.4.2023 § 145".into()),
            publisher: Some("City of Oulu".into()),
            ..Source::default()
        };
        let page = citing(Some("https://www.example.org/news/item/?lang=fi#top"), None, None, None);
        let own_page =
            citing(Some("https://www.innocities.fi/en/innocities/"), Some("InnoCities"), Some("InnoCities"), None);
        let titled_document = Source {
            document: Some("original publication 17.10.2022".into()),
            ..citing(None, Some("Lead"), Some("Business South Karelia"), Some("2024-04-09"))
        };
        let [decision, page, own_page, titled_document] =
            <[SourceLine; 4]>::try_from(lines(vec![decision, page, own_page, titled_document], Language::En)).unwrap();
        assert_eq!(
            (decision.title.as_str(), decision.details.as_deref()),
            ("City board decision 12.4.2023 § 145", Some("City of Oulu"))
        );
        assert_eq!(decision.url, None);
        assert_eq!((page.title.as_str(), page.details.as_deref()), ("www.example.org/news/item", None));
        assert_eq!(
            page.citation(),
            "https://www.example.org/news/item/?lang=fi#top",
            "the address is not written twice"
        );
        assert_eq!((own_page.title.as_str(), own_page.details.as_deref()), ("InnoCities", None));
        assert_eq!(
            titled_document.details.as_deref(),
            Some("Business South Karelia, 9 April 2024, original publication 17.10.2022")
        );
    }

    /// The checked date in the heading of the sources is written as every other date in the
    /// language: "22.11.2026" in Finnish, "22 November 2026" in English.
    #[test]
    fn the_checked_date_follows_the_language() {
        let data = bundled_for_tests();
        let heading = |language| {
            let d = describe(data.sources(), &id("kokkola"), language).unwrap();
            UiText(language).sources(d.checked)
        };
        assert_eq!(heading(Language::Fi), "Lähteet (tarkistettu 22.11.2026)");
        assert_eq!(heading(Language::En), "Sources (checked 22 November 2026)");
        assert_eq!(heading(Language::Sv), "Källor (kontrollerade 22.11.2026)");
    }

    /// The bundled data cites its sources readably: every source has a title, and no panel shows
    /// a repository path.
    #[test]
    fn the_bundled_sources_read_as_citations() {
        let data = bundled_for_tests();
        let markers = data.all.markers.iter().map(|m| &m.id);
        let projects = data.dataset.projects.iter().map(|p| &p.id);
        for record in markers.chain(projects).chain(data.dataset.activities.iter().map(|a| &a.id)) {
            let d = describe(data.sources(), record, Language::Fi).unwrap();
            assert!(!d.sources.is_empty(), "{record}");
            for line in &d.sources {
                assert!(!line.title.is_empty() && !line.citation().contains("seeds/"), "{record}: {line:?}");
            }
        }
        let lappeenranta = describe(data.sources(), &id("lappeenranta"), Language::Fi).unwrap();
        let article = lappeenranta
            .sources
            .iter()
            .find(|l| l.details.as_deref().is_some_and(|d| d.starts_with("Business South Karelia")))
            .unwrap();
        assert_eq!(
            article.title,
            "Lappeenranta-Imatra region leading national innovation work on green electrification"
        );
        assert_eq!(
            article.details.as_deref(),
            Some("Business South Karelia, 9.4.2024, original publication 17.10.2022")
        );
    }
}
