//! The bundled data file loads without a single problem and holds what the sources say: the 20
//! member municipalities of the 16 ecosystem agreements, the six lead projects with their leads
//! and partners (including the non-InnoCity partners), the visits and partnerships beyond Finland,
//! names in three languages, and a source and checked date on every record.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use innomap_core::data::model::{Dataset, Party, PlaceKind, RecordId};
use innomap_core::data::reader::{read_dataset, ReadOutcome};
use innomap_core::language::Language;

fn bundled() -> ReadOutcome {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/innocities.geojson")).unwrap();
    read_dataset(&text).unwrap()
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn partner_places(dataset: &Dataset, project: &str) -> BTreeSet<String> {
    let project = dataset.projects.iter().find(|p| p.id.as_str() == project).unwrap();
    project
        .partners
        .iter()
        .filter_map(|p| match &p.party {
            Party::Place(place) => Some(place.to_string()),
            Party::Organisation(_) => None,
        })
        .collect()
}

#[test]
fn every_record_is_valid_without_a_warning() {
    let outcome = bundled();
    let problems: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_counts_match_the_sources() {
    let d = bundled().dataset;
    assert_eq!(d.places.iter().filter(|p| p.kind == PlaceKind::InnoCity).count(), 20);
    assert_eq!(d.agreements.len(), 16);
    assert_eq!(d.themes.len(), 12);
    let partners: BTreeSet<&str> =
        d.places.iter().filter(|p| p.kind == PlaceKind::Partner).map(|p| p.id.as_str()).collect();
    let expected: BTreeSet<&str> =
        ["raahe", "harjavalta", "umea", "skelleftea", "ornskoldsvik", "hurth", "antwerp", "rotterdam"].into();
    assert_eq!(partners, expected);
    let projects: BTreeSet<&str> = d.projects.iter().map(|p| p.id.as_str()).collect();
    for lead in [
        "green-electrification",
        "battery-chemistry",
        "mobile-work-machines",
        "photonics",
        "digital-health",
        "physical-activity",
    ] {
        assert!(projects.contains(format!("{lead}-lead-project").as_str()), "{lead}");
    }
    assert!(d.organisations.len() >= 20, "{} organisations", d.organisations.len());
    assert_eq!(d.activities.len(), 6);
}

#[test]
fn twenty_innocity_municipalities_in_sixteen_agreements_each_member_once() {
    let dataset = bundled().dataset;
    let innocities: BTreeSet<&RecordId> =
        dataset.places.iter().filter(|p| p.kind == PlaceKind::InnoCity).map(|p| &p.id).collect();
    let mut members: Vec<&RecordId> = dataset.agreements.iter().flat_map(|a| &a.members).collect();
    members.sort();
    assert_eq!(members.len(), 20, "each InnoCity is in exactly one agreement");
    assert_eq!(members.into_iter().collect::<BTreeSet<_>>(), innocities);
    let shared =
        |place: &str| dataset.agreements.iter().find(|a| a.members.contains(&id(place))).unwrap().members.len();
    assert_eq!(shared("espoo"), 3, "Helsinki, Espoo and Vantaa share one agreement");
    assert_eq!(shared("imatra"), 2, "Imatra is in Lappeenranta's agreement");
    assert_eq!(shared("sotkamo"), 2, "Sotkamo is in Kajaani's agreement");
    for agreement in &dataset.agreements {
        assert_eq!(agreement.signed.map(|d| d.to_string()).as_deref(), Some("2021-02-09"), "{}", agreement.id);
    }
}

#[test]
fn lead_projects_have_their_sourced_leads_and_partners() {
    let d = bundled().dataset;
    let lead = |project: &str| d.projects.iter().find(|p| p.id.as_str() == project).unwrap().lead_place.to_string();
    assert_eq!(lead("green-electrification-lead-project"), "lappeenranta");
    assert_eq!(lead("battery-chemistry-lead-project"), "kokkola");
    assert_eq!(lead("mobile-work-machines-lead-project"), "tampere");
    assert_eq!(lead("photonics-lead-project"), "joensuu");
    assert_eq!(lead("digital-health-lead-project"), "oulu");
    assert_eq!(lead("physical-activity-lead-project"), "jyvaskyla");
    let green = partner_places(&d, "green-electrification-lead-project");
    for place in ["oulu", "vaasa", "jyvaskyla", "joensuu", "raahe", "kokkola"] {
        assert!(green.contains(place), "green electrification partner {place}");
    }
    let battery = partner_places(&d, "battery-chemistry-lead-project");
    for place in ["vaasa", "pori", "harjavalta", "turku", "lappeenranta", "jyvaskyla", "kuopio"] {
        assert!(battery.contains(place), "battery chemistry partner {place}");
    }
    assert!(partner_places(&d, "digital-health-lead-project").is_empty(), "no source names its partners");
}

#[test]
fn the_only_known_budget_and_period_are_exact_and_the_rest_stay_unknown() {
    let d = bundled().dataset;
    let battery = d.projects.iter().find(|p| p.id.as_str() == "battery-chemistry-lead-project").unwrap();
    assert_eq!(battery.period.start.map(|x| x.to_string()).as_deref(), Some("2023-08-01"));
    assert_eq!(battery.period.end.map(|x| x.to_string()).as_deref(), Some("2025-07-31"));
    let budget = battery.budget.as_ref().unwrap();
    assert_eq!(budget.total_eur, Some(259_188.0));
    assert_eq!(budget.public_funding_eur, Some(194_390.0));
    for unknown in ["green-electrification-lead-project", "photonics-lead-project", "digital-health-lead-project"] {
        let p = d.projects.iter().find(|p| p.id.as_str() == unknown).unwrap();
        assert!(
            p.budget.is_none() && p.period.start.is_none() && p.period.end.is_none(),
            "{unknown} must stay unknown"
        );
    }
}

#[test]
fn visits_and_partnerships_beyond_finland_are_there() {
    let d = bundled().dataset;
    let places_of = |activity: &str| -> BTreeSet<String> {
        d.activities
            .iter()
            .find(|a| a.id.as_str() == activity)
            .unwrap()
            .places
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    let kip = places_of("visit-kip-northern-sweden-virtual");
    assert!(["umea", "skelleftea", "ornskoldsvik"].iter().all(|p| kip.contains(*p)), "{kip:?}");
    assert!(places_of("study-visit-chemiepark-knapsack").contains("hurth"));
    assert!(places_of("study-visit-port-of-antwerp-bruges").contains("antwerp"));
    assert!(places_of("event-world-hydrogen-summit-rotterdam").contains("rotterdam"));
    let espoo_vtt = d.activities.iter().find(|a| a.id.as_str() == "partnership-espoo-vtt").unwrap();
    assert!(espoo_vtt.organisations.iter().any(|o| o.as_str().contains("vtt")));
    let period = espoo_vtt.period.unwrap();
    assert_eq!((period.start.map(|x| x.year), period.end.map(|x| x.year)), (Some(2020), Some(2025)));
}

#[test]
fn facts_that_changed_later_are_noted() {
    let d = bundled().dataset;
    let notes =
        |org: &str| d.organisations.iter().find(|o| o.id.as_str() == org).and_then(|o| o.provenance.notes.clone());
    let northvolt = d.organisations.iter().find(|o| o.id.as_str().contains("northvolt")).unwrap();
    assert!(
        northvolt.provenance.notes.as_ref().unwrap().get(Language::En).contains("2025"),
        "the bankruptcy of March 2025 is noted"
    );
    let port = d.organisations.iter().find(|o| o.name.get(Language::En).contains("Antwerp")).unwrap();
    assert!(
        port.name.get(Language::En).contains("Antwerp-Bruges")
            || notes(port.id.as_str()).is_some_and(|n| n.get(Language::En).contains("Bruges"))
    );
}

#[test]
fn official_names_differ_by_language_where_they_should() {
    let dataset = bundled().dataset;
    let name = |place: &str, language| dataset.place(&id(place)).map(|p| p.name.get(language).to_owned()).unwrap();
    assert_eq!(name("kokkola", Language::Sv), "Karleby");
    assert_eq!(name("turku", Language::Sv), "Åbo");
    assert_eq!(name("helsinki", Language::Sv), "Helsingfors");
    assert_eq!(name("vaasa", Language::Sv), "Vasa");
    assert_eq!(name("vaasa", Language::Fi), "Vaasa");
    assert_eq!(name("umea", Language::Fi), "Uumaja");
    assert_eq!(name("raahe", Language::Sv), "Brahestad");
}

#[test]
fn every_record_has_a_source_and_a_checked_date() {
    let d = bundled().dataset;
    let provenances = d
        .places
        .iter()
        .map(|r| (&r.id, &r.provenance))
        .chain(d.organisations.iter().map(|r| (&r.id, &r.provenance)))
        .chain(d.agreements.iter().map(|r| (&r.id, &r.provenance)))
        .chain(d.projects.iter().map(|r| (&r.id, &r.provenance)))
        .chain(d.activities.iter().map(|r| (&r.id, &r.provenance)));
    for (record, provenance) in provenances {
        assert!(!provenance.sources.is_empty() && provenance.checked.is_some(), "{record}");
    }
}

/// Each organisation's kind agrees with its name: a university of applied sciences
/// (ammattikorkeakoulu) is its own kind, never a university, and a body called a university is
/// one of the two.
#[test]
fn organisation_kinds_agree_with_their_names() {
    use innomap_core::data::model::OrganisationKind as Kind;
    let dataset = bundled().dataset;
    for organisation in &dataset.organisations {
        let name = organisation.name.get(Language::En);
        let applied = name.contains("University of Applied Sciences") || name.contains("UAS");
        assert_eq!(
            organisation.kind == Kind::UniversityOfAppliedSciences,
            applied,
            "{}: {name} is {:?}",
            organisation.id,
            organisation.kind
        );
        if name.contains("University") {
            assert!(matches!(organisation.kind, Kind::University | Kind::UniversityOfAppliedSciences), "{name}");
        }
    }
    let centria = dataset.organisations.iter().find(|o| o.id == id("centria-university-of-applied-sciences")).unwrap();
    assert_eq!(centria.kind, Kind::UniversityOfAppliedSciences);
}
