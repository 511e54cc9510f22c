//! The bundled places file loads without a single problem and holds what the facts say: the 20
//! member municipalities of the 16 ecosystem agreements, each with its names in three languages.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use innomap::core::i18n::Language;
use innomap::core::places::{parse_places, PlaceKind};

fn bundled() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/innocities.geojson")).unwrap()
}

#[test]
fn every_record_is_valid() {
    let set = parse_places(&bundled()).unwrap();
    assert!(set.problems.is_empty(), "{:#?}", set.problems);
}

#[test]
fn twenty_innocity_municipalities_in_sixteen_agreements() {
    let set = parse_places(&bundled()).unwrap();
    let innocities: Vec<_> = set.places.iter().filter(|p| p.kind == PlaceKind::InnoCity).collect();
    assert_eq!(innocities.len(), 20);
    let raw: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    let agreements: BTreeSet<&str> =
        raw["features"].as_array().unwrap().iter().filter_map(|f| f["properties"]["agreement"].as_str()).collect();
    assert_eq!(agreements.len(), 16, "{agreements:?}");
}

#[test]
fn official_names_differ_by_language_where_they_should() {
    let set = parse_places(&bundled()).unwrap();
    let name = |id: &str, language| {
        set.places.iter().find(|p| p.id.as_str() == id).map(|p| p.name.get(language).to_owned()).unwrap()
    };
    assert_eq!(name("kokkola", Language::Sv), "Karleby");
    assert_eq!(name("turku", Language::Sv), "Åbo");
    assert_eq!(name("helsinki", Language::Sv), "Helsingfors");
    assert_eq!(name("vaasa", Language::Sv), "Vasa");
    assert_eq!(name("vaasa", Language::Fi), "Vaasa");
}
