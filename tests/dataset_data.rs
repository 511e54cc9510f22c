//! The bundled data file loads without a single problem and holds what the facts say: the 20
//! member municipalities of the 16 ecosystem agreements, each with its names in three languages.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use innomap::core::i18n::Language;
use innomap::core::model::{PlaceKind, RecordId};
use innomap::core::reader::{read_dataset, ReadOutcome};

fn bundled() -> ReadOutcome {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/innocities.geojson")).unwrap();
    read_dataset(&text).unwrap()
}

#[test]
fn every_record_is_valid_without_a_warning() {
    let outcome = bundled();
    let problems: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn twenty_innocity_municipalities_in_sixteen_agreements_each_member_once() {
    let dataset = bundled().dataset;
    let innocities: BTreeSet<&RecordId> =
        dataset.places.iter().filter(|p| p.kind == PlaceKind::InnoCity).map(|p| &p.id).collect();
    assert_eq!(innocities.len(), 20);
    assert_eq!(dataset.agreements.len(), 16);
    let mut members: Vec<&RecordId> = dataset.agreements.iter().flat_map(|a| &a.members).collect();
    members.sort();
    assert_eq!(members.len(), 20, "each InnoCity is in exactly one agreement");
    assert_eq!(members.into_iter().collect::<BTreeSet<_>>(), innocities);
    let shared = |id: &str| {
        dataset.agreements.iter().find(|a| a.members.iter().any(|m| m.as_str() == id)).unwrap().members.len()
    };
    assert_eq!(shared("espoo"), 3, "Helsinki, Espoo and Vantaa share one agreement");
    assert_eq!(shared("imatra"), 2, "Imatra is in Lappeenranta's agreement");
    assert_eq!(shared("sotkamo"), 2, "Sotkamo is in Kajaani's agreement");
}

#[test]
fn official_names_differ_by_language_where_they_should() {
    let dataset = bundled().dataset;
    let name = |id: &str, language| {
        dataset.places.iter().find(|p| p.id.as_str() == id).map(|p| p.name.get(language).to_owned()).unwrap()
    };
    assert_eq!(name("kokkola", Language::Sv), "Karleby");
    assert_eq!(name("turku", Language::Sv), "Åbo");
    assert_eq!(name("helsinki", Language::Sv), "Helsingfors");
    assert_eq!(name("vaasa", Language::Sv), "Vasa");
    assert_eq!(name("vaasa", Language::Fi), "Vaasa");
}

#[test]
fn every_record_has_a_source_and_a_checked_date() {
    let dataset = bundled().dataset;
    for place in &dataset.places {
        assert!(!place.provenance.sources.is_empty() && place.provenance.checked.is_some(), "{}", place.id);
    }
    for agreement in &dataset.agreements {
        assert!(!agreement.provenance.sources.is_empty() && agreement.provenance.checked.is_some(), "{}", agreement.id);
    }
}
