//! What the detail panel says about a selected place or organisation, assembled from the
//! dataset in one language. Views render this as it is, so what the panel shows is decided (and
//! tested) here rather than inside a component.

use super::i18n::{Language, UiText};
use super::model::{Dataset, MarkerKind, Provenance, RecordId, SafeUrl, SourceRef};

/// A line of the project list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectLine {
    /// The project's id.
    pub id: RecordId,
    /// The project's name.
    pub name: String,
    /// Its theme's name.
    pub theme: Option<String>,
    /// How the selected place takes part ("lead", "partner", …).
    pub role: &'static str,
}

/// One source, as text and an optional safe link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLine {
    /// The title, or the document name, or the URL.
    pub text: String,
    /// The link, when the source is a web page.
    pub url: Option<SafeUrl>,
}

/// Everything the panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// InnoCity, partner place or organisation.
    pub kind: MarkerKind,
    /// The name in the chosen language.
    pub name: String,
    /// The names in the other languages that differ, with their language.
    pub other_names: Vec<(Language, String)>,
    /// Region and country code, as one line.
    pub region: Option<String>,
    /// The place's or organisation's description.
    pub description: Option<String>,
    /// The place an organisation is in.
    pub located_in: Option<String>,
    /// The ecosystem agreement's name (InnoCities).
    pub agreement: Option<String>,
    /// The agreement's priorities in words.
    pub agreement_focus: Option<String>,
    /// Other members of the same agreement.
    pub agreement_partners: Vec<String>,
    /// Projects led first, then those taken part in.
    pub projects: Vec<ProjectLine>,
    /// Where the facts come from.
    pub sources: Vec<SourceLine>,
    /// When the record was checked, as YYYY-MM-DD.
    pub checked: Option<String>,
    /// Caveats and later changes.
    pub notes: Option<String>,
    /// The official website.
    pub website: Option<SafeUrl>,
}

/// The panel's content for the place or organisation `id`, or `None` if there is none.
pub fn summarise(dataset: &Dataset, id: &RecordId, language: Language) -> Option<Summary> {
    let text = UiText(language);
    let theme_name = |theme: &RecordId| dataset.theme(theme).map(|t| t.name.get(language).to_owned());
    let project_lines = |involvements: Vec<super::model::Involvement<'_>>| {
        involvements
            .into_iter()
            .map(|i| ProjectLine {
                id: i.project.id.clone(),
                name: i.project.name.get(language).to_owned(),
                theme: i.project.theme.as_ref().and_then(theme_name),
                role: text.role(i.role),
            })
            .collect::<Vec<_>>()
    };
    if let Some(place) = dataset.place(id) {
        let agreement = place.agreement.as_ref().and_then(|a| dataset.agreement(a));
        let agreement_partners = agreement
            .map(|a| {
                a.members
                    .iter()
                    .filter(|m| *m != id)
                    .filter_map(|m| dataset.place(m))
                    .map(|p| p.name.get(language).to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let region = match &place.region {
            Some(region) => format!("{}, {}", region.get(language), place.country),
            None => place.country.clone(),
        };
        return Some(Summary {
            kind: place.kind.into(),
            name: place.name.get(language).to_owned(),
            other_names: other_names(&place.name, language),
            region: Some(region),
            description: place.description.as_ref().map(|d| d.get(language).to_owned()),
            located_in: None,
            agreement: agreement.map(|a| a.name.get(language).to_owned()),
            agreement_focus: agreement.and_then(|a| a.focus.as_ref()).map(|f| f.get(language).to_owned()),
            agreement_partners,
            projects: project_lines(dataset.projects_of_place(id)),
            sources: sources(&place.provenance),
            checked: place.provenance.checked.map(|d| d.to_string()),
            notes: place.provenance.notes.as_ref().map(|n| n.get(language).to_owned()),
            website: place.website.clone(),
        });
    }
    let organisation = dataset.organisation(id)?;
    Some(Summary {
        kind: MarkerKind::Organisation,
        name: organisation.name.get(language).to_owned(),
        other_names: other_names(&organisation.name, language),
        region: None,
        description: organisation.description.as_ref().map(|d| d.get(language).to_owned()),
        located_in: organisation.place.as_ref().and_then(|p| dataset.place(p)).map(|p| p.name.get(language).to_owned()),
        agreement: None,
        agreement_focus: None,
        agreement_partners: Vec::new(),
        projects: project_lines(dataset.projects_of_organisation(id)),
        sources: sources(&organisation.provenance),
        checked: organisation.provenance.checked.map(|d| d.to_string()),
        notes: organisation.provenance.notes.as_ref().map(|n| n.get(language).to_owned()),
        website: organisation.website.clone(),
    })
}

fn other_names(name: &super::i18n::LocalizedText, language: Language) -> Vec<(Language, String)> {
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

fn sources(provenance: &Provenance) -> Vec<SourceLine> {
    provenance
        .sources
        .iter()
        .map(|s| match &s.reference {
            SourceRef::Url(url) => {
                SourceLine { text: s.title.clone().unwrap_or_else(|| url.as_str().to_owned()), url: Some(url.clone()) }
            }
            SourceRef::Document(document) => SourceLine {
                text: match &s.title {
                    Some(title) => format!("{title} ({document})"),
                    None => document.clone(),
                },
                url: None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reader::read_dataset;

    const DATA: &str = r##"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"theme-battery","geometry":null,"properties":{"record":"theme","name":{"en":"Battery chemistry","fi":"Akkukemia","sv":"Batterikemi"},"description":{"en":"d","fi":"d","sv":"d"},"colour":"#0072b2"}},
      {"type":"Feature","id":"agreement-kokkola","geometry":null,"properties":{"record":"agreement","name":{"en":"Kokkola agreement","fi":"Kokkolan sopimus","sv":"Karlebys avtal"},"members":["kokkola"],"focus":{"en":"Battery chemistry","fi":"Akkukemia","sv":"Batterikemi"},"sources":[{"document":"t"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"kokkola","geometry":{"type":"Point","coordinates":[23.13,63.84]},"properties":{"record":"place","kind":"innocity","country":"FI","agreement":"agreement-kokkola","name":{"en":"Kokkola","fi":"Kokkola","sv":"Karleby"},"region":{"en":"Central Ostrobothnia","fi":"Keski-Pohjanmaa","sv":"Mellersta Österbotten"},"sources":[{"url":"https://innokaupungit.fi/en/cities/kokkola/","title":"InnoCities: Kokkola"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"vaasa","geometry":{"type":"Point","coordinates":[21.6,63.1]},"properties":{"record":"place","kind":"partner","country":"FI","name":{"en":"Vaasa","fi":"Vaasa","sv":"Vasa"},"sources":[{"document":"seed 001"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"centria","geometry":{"type":"Point","coordinates":[23.13,63.84]},"properties":{"record":"organisation","kind":"education","place":"kokkola","name":{"en":"Centria UAS","fi":"Centria-ammattikorkeakoulu","sv":"Centria yrkeshögskola"},"sources":[{"document":"seed 001"}],"checked":"2026-11-22"}},
      {"type":"Feature","id":"battery","geometry":null,"properties":{"record":"project","name":{"en":"Battery chemistry lead project","fi":"Akkukemian vetovastuuhanke","sv":"Batterikemi"},"description":{"en":"d","fi":"d","sv":"d"},"theme":"theme-battery","lead":{"place":"kokkola","organisations":[]},"partners":[{"place":"vaasa","role":"partner"},{"organisation":"centria","role":"co-implementer"}],"sources":[{"document":"seed 001"}],"checked":"2026-11-22"}}]}"##;

    #[test]
    fn a_lead_city_shows_its_agreement_projects_and_sources() {
        let outcome = read_dataset(DATA).unwrap();
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        let id = RecordId::parse("kokkola").unwrap();
        let s = summarise(&outcome.dataset, &id, Language::En).unwrap();
        assert_eq!(s.name, "Kokkola");
        assert_eq!(s.other_names, vec![(Language::Sv, "Karleby".to_owned())]);
        assert_eq!(s.region.as_deref(), Some("Central Ostrobothnia, FI"));
        assert_eq!(s.agreement.as_deref(), Some("Kokkola agreement"));
        assert_eq!(s.projects.len(), 1);
        assert_eq!(s.projects[0].role, "lead");
        assert_eq!(s.projects[0].theme.as_deref(), Some("Battery chemistry"));
        assert_eq!(s.sources[0].text, "InnoCities: Kokkola");
        assert_eq!(s.checked.as_deref(), Some("2026-11-22"));
    }

    #[test]
    fn partners_and_organisations_show_their_role_in_the_chosen_language() {
        let outcome = read_dataset(DATA).unwrap();
        let vaasa = summarise(&outcome.dataset, &RecordId::parse("vaasa").unwrap(), Language::Fi).unwrap();
        assert_eq!(vaasa.projects[0].role, "kumppani");
        assert_eq!(vaasa.projects[0].name, "Akkukemian vetovastuuhanke");
        let centria = summarise(&outcome.dataset, &RecordId::parse("centria").unwrap(), Language::Sv).unwrap();
        assert_eq!(centria.kind, MarkerKind::Organisation);
        assert_eq!(centria.located_in.as_deref(), Some("Karleby"));
        assert_eq!(centria.projects[0].role, "delgenomförare");
        assert_eq!(centria.sources[0].url, None);
        assert!(summarise(&outcome.dataset, &RecordId::parse("battery").unwrap(), Language::En).is_none());
    }
}
