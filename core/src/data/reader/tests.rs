//! The reader's tests: whole files in, the dataset and the problems out, as the app, the
//! validator and the fuzz target see them.

use super::*;
use crate::data::envelope::{geometry_of, MAX_FILE_BYTES, MAX_NESTING};
use crate::data::error::{ProblemKind, Severity};
use crate::data::model::{Colour, PartialDate, SafeUrl};
use crate::data::reader::fields::plain_point;
use crate::geo::latlng::LatLng;
use crate::language::Language;
use geojson::{Geometry, GeometryValue};
use serde_json_borrow::Value as Json;

const SOURCES: &str = r#""sources":[{"document":"test"}],"checked":"2026-11-22""#;

fn place(id: &str, coordinates: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":{coordinates}}},"properties":{{"record":"place","kind":"partner","country":"FI","name":{{"en":"Kokkola","fi":"Kokkola","sv":"Karleby"}},{SOURCES}{extra}}}}}"#
    )
}

fn theme(id: &str) -> String {
    format!(
        r##"{{"type":"Feature","id":"{id}","geometry":null,"properties":{{"record":"theme","name":{{"en":"T","fi":"T","sv":"T"}},"description":{{"en":"D","fi":"D","sv":"D"}},"colour":"#0072b2"}}}}"##
    )
}

fn project(extra: &str) -> String {
    format!(
        r#"{{"type":"Feature","id":"p","geometry":null,"properties":{{"record":"project","name":{{"en":"P","fi":"P","sv":"P"}},"description":{{"en":"D","fi":"D","sv":"D"}},"theme":"t","lead":{{"place":"a"}},{SOURCES}{extra}}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

fn codes(outcome: &ReadOutcome) -> Vec<(usize, String, &'static str, Severity)> {
    outcome
        .problems
        .iter()
        .map(|p| (p.feature.as_ref().map_or(usize::MAX, |f| f.index), p.field.clone(), p.kind.code(), p.severity))
        .collect()
}

#[test]
fn a_valid_place_reads_completely() {
    let outcome = read_dataset(&collection(&[place("kokkola", "[23.1307, 63.8385]", "")])).unwrap();
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let p = &outcome.dataset.places[0];
    assert_eq!(p.id.as_str(), "kokkola");
    assert_eq!(p.name.get(Language::Sv), "Karleby");
    assert_eq!(p.location, LatLng::lat_lon(63.8385, 23.1307));
}

#[test]
fn a_broken_record_is_reported_and_the_rest_still_load() {
    let text = collection(&[
        place("good", "[23.1, 63.8]", ""),
        place("swapped", "[63.8, 123.1]", ""),
        place("good-too", "[25.0, 60.2]", ""),
    ]);
    let outcome = read_dataset(&text).unwrap();
    assert_eq!(outcome.dataset.places.len(), 2);
    let message = outcome.problems[0].to_string();
    assert_eq!(
        message,
        "feature 1 (id \"swapped\"), field `geometry.coordinates`: found [63.8, 123.1]; expected longitude in -180..180 then latitude in -90..90"
    );
}

#[test]
fn duplicate_ids_keep_the_first() {
    let outcome = read_dataset(&collection(&[place("a", "[1, 1]", ""), place("a", "[2, 2]", "")])).unwrap();
    assert_eq!(outcome.dataset.places.len(), 1);
    assert_eq!(codes(&outcome), vec![(1, "id".into(), "duplicate-id", Severity::Error)]);
}

#[test]
fn a_missing_translation_is_an_error_but_the_record_stays_with_a_fallback() {
    let text = collection(&[place("x", "[1, 2]", "").replace(r#","sv":"Karleby""#, "")]);
    let outcome = read_dataset(&text).unwrap();
    assert_eq!(outcome.dataset.places[0].name.get(Language::Sv), "Kokkola");
    assert_eq!(codes(&outcome), vec![(0, "properties.name.sv".into(), "missing", Severity::Error)]);
    assert_eq!(outcome.dataset.places.len(), 1);
}

#[test]
fn streaming_and_whole_tree_reading_agree_on_every_fixture_and_the_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "geojson"))
        .collect();
    files.push(root.join("../data/innocities.geojson"));
    assert!(files.len() > 30);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(read(&text, true), read(&text, false), "{}", path.display());
    }
}

#[test]
fn nesting_is_limited_to_exactly_max_nesting_levels() {
    // Root object, features array and feature object are three levels; properties a fourth.
    let nested = |levels: usize| {
        let value = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        collection(&[place("a", "[1, 2]", &format!(r#","deep":{value}"#))])
    };
    let fits = read_dataset(&nested(MAX_NESTING - 4)).unwrap();
    assert_eq!(codes(&fits), vec![(0, "properties.deep".into(), "unknown-property", Severity::Warning)]);
    let err = read_dataset(&nested(MAX_NESTING - 3)).unwrap_err();
    assert_eq!(err.code(), "too-deep");
    let deep_member =
        format!(r#"{{"x":{}{},"type":"FeatureCollection","features":[]}}"#, "[".repeat(64), "]".repeat(64));
    assert_eq!(read_dataset(&deep_member).unwrap_err().code(), "too-deep");
}

#[test]
fn escaped_member_names_read_the_same_as_plain_ones() {
    let plain = collection(&[place("a", "[1, 2]", "")]);
    let escaped = plain.replacen("\"features\"", "\"feat\\u0075res\"", 1);
    assert_ne!(plain, escaped);
    assert_eq!(read_dataset(&escaped), read_dataset(&plain));
    let twice = plain.replacen("\"features\":[", "\"features\":[],\"features\":[", 1);
    assert_eq!(read_dataset(&twice), read_dataset(&plain));
}

#[test]
fn whole_file_errors_are_typed() {
    let code = |text: &str| read_dataset(text).map(|_| ()).map_err(|e| e.code());
    assert_eq!(code("{nope"), Err("not-json"));
    assert_eq!(code(""), Err("empty"));
    assert_eq!(code(" \n\t"), Err("empty"));
    assert_eq!(code("[]"), Err("not-feature-collection"));
    assert_eq!(code(r#"{"type":"Feature"}"#), Err("not-feature-collection"));
    assert_eq!(code(r#"{"type":"FeatureCollection","features":{}}"#), Err("features-not-array"));
    assert_eq!(code(r#"{"type":"FeatureCollection","innomap":{"format":2},"features":[]}"#), Err("unsupported-format"));
    assert_eq!(code(&format!("{}{}", "[".repeat(100), "]".repeat(100))), Err("too-deep"));
    assert_eq!(code(&"[".repeat(100_000)), Err("too-deep"));
    assert_eq!(code(&" ".repeat(MAX_FILE_BYTES + 1)), Err("too-large"));
    // A truncated escape at the very end must not read past the text.
    assert_eq!(code("[\"\\"), Err("not-json"));
    assert_eq!(code("{\"a\":\"\\\""), Err("not-json"));
    // Brackets inside strings do not count as nesting.
    let braces = format!(r#"{{"type":"FeatureCollection","note":"{}","features":[]}}"#, "[".repeat(200));
    assert_eq!(code(&braces), Ok(()));
}

#[test]
fn a_byte_order_mark_is_a_warning() {
    let outcome = read_dataset(&format!("\u{feff}{}", collection(&[]))).unwrap();
    assert_eq!(codes(&outcome), vec![(usize::MAX, String::new(), "byte-order-mark", Severity::Warning)]);
}

#[test]
fn unsafe_urls_markup_and_long_text_are_rejected() {
    let js = place("js", "[1, 2]", r#","website":"javascript:alert(1)""#);
    let markup = place("m", "[1, 2]", "").replace("Karleby", "<img src=x onerror=alert(1)>");
    let long = place("l", "[1, 2]", "").replace("Karleby", &"x".repeat(300));
    let ok = place(
        "ok",
        "[1, 2]",
        r#","website":"https://www.kokkola.fi","notes":{"en":"3 < 4","fi":"3 < 4","sv":"3 < 4"}"#,
    );
    let outcome = read_dataset(&collection(&[js, markup, long, ok])).unwrap();
    assert_eq!(
        codes(&outcome),
        vec![
            (0, "properties.website".into(), "unsafe-url", Severity::Error),
            (1, "properties.name.sv".into(), "markup-in-text", Severity::Error),
            (2, "properties.name.sv".into(), "too-long", Severity::Error),
        ]
    );
    assert_eq!(outcome.dataset.places.len(), 1);
    assert!(outcome.problems[0].to_string().contains("\"javascript:alert(1)\""));
}

#[test]
fn required_references_skip_the_record_and_dangling_list_items_are_dropped() {
    let features = [
        theme("t"),
        place("a", "[1, 2]", r#","themes":["t","no-such-theme"]"#),
        project(r#","partners":[{"place":"a","role":"partner"},{"place":"ghost"},{"organisation":"t"}]"#),
        project(r#","theme":"a""#).replace(r#""id":"p""#, r#""id":"q""#).replace(r#""theme":"t","#, ""),
    ];
    let outcome = read_dataset(&collection(&features)).unwrap();
    assert_eq!(outcome.dataset.places[0].themes.len(), 1);
    let project = &outcome.dataset.projects[0];
    assert_eq!(project.partners.len(), 1, "the dangling and the wrongly typed partner are dropped");
    assert_eq!(outcome.dataset.projects.len(), 1, "the project whose theme is a place is left out");
    let messages: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages[0].contains("`properties.themes[1]`: refers to \"no-such-theme\", which does not exist"),
        "{messages:#?}"
    );
    assert!(messages[1].contains("`properties.partners[1].place`: refers to \"ghost\", which does not exist"));
    assert!(messages[2].contains("`properties.partners[2].organisation`: refers to \"t\", which is a theme"));
    assert!(messages[3].contains("`properties.theme`: refers to \"a\", which is a place; expected the id of a theme"));
    assert_eq!(outcome.problems[3].severity, Severity::Error);
}

#[test]
fn a_reference_to_a_skipped_record_says_so() {
    let features = [theme("t"), place("a", "[500, 2]", ""), project("")];
    let outcome = read_dataset(&collection(&features)).unwrap();
    assert!(outcome.dataset.projects.is_empty());
    assert!(outcome.problems[1].to_string().contains("left out because of its own errors"), "{:?}", outcome.problems);
}

#[test]
fn periods_dates_and_budgets_are_checked() {
    let features = [
        theme("t"),
        place("a", "[1, 2]", ""),
        project(r#","period":{"start":"2025-08","end":"2025"}"#),
        project(r#","period":{"start":"2026","end":"2025-12-31"}"#).replace(r#""id":"p""#, r#""id":"v""#),
        project(r#","period":{"start":"2023-13-45","end":null}"#).replace(r#""id":"p""#, r#""id":"q""#),
        project(r#","budget":{"total_eur":100,"public_funding_eur":150}"#).replace(r#""id":"p""#, r#""id":"r""#),
        project(r#","budget":{"total_eur":-1}"#).replace(r#""id":"p""#, r#""id":"s""#),
        project(r#","period":{"start":"2023-08-01","end":"2025-07-31"},"budget":{"total_eur":259188,"public_funding_eur":194390}"#)
            .replace(r#""id":"p""#, r#""id":"u""#),
    ];
    let outcome = read_dataset(&collection(&features)).unwrap();
    let fields: Vec<(String, &str)> = outcome.problems.iter().map(|p| (p.field.clone(), p.kind.code())).collect();
    assert_eq!(
        fields,
        vec![
            ("properties.period".into(), "wrong-value"),
            ("properties.period.start".into(), "bad-date"),
            ("properties.budget.public_funding_eur".into(), "wrong-value"),
            ("properties.budget.total_eur".into(), "wrong-value"),
        ]
    );
    assert_eq!(outcome.dataset.projects.len(), 2, "2025-08 to 2025 is a valid period; the last one too");
}

#[test]
fn partial_dates_reject_impossible_days() {
    assert!(PartialDate::parse("2024-02-29").is_some());
    assert!(PartialDate::parse("2023-02-29").is_none());
    assert!(PartialDate::parse("31.7.2025").is_none());
    assert!(PartialDate::parse("2025-7").is_none());
    assert_eq!(PartialDate::parse("2025-07").map(|d| d.to_string()), Some("2025-07".into()));
}

#[test]
fn unknown_properties_and_non_spatial_geometry_are_warnings() {
    let text = collection(&[
        place("a", "[1, 2]", r#","colour_of_sky":"blue""#),
        theme("t").replace("\"geometry\":null", r#""geometry":{"type":"Point","coordinates":[1,2]}"#),
    ]);
    let outcome = read_dataset(&text).unwrap();
    assert_eq!(outcome.dataset.places.len() + outcome.dataset.themes.len(), 2);
    let found: Vec<(&str, Severity)> = outcome.problems.iter().map(|p| (p.kind.code(), p.severity)).collect();
    assert_eq!(found, vec![("unknown-property", Severity::Warning), ("wrong-value", Severity::Warning)]);
}

#[test]
fn the_point_fast_path_agrees_with_geojson() {
    for geometry in [
        r#"{"type":"Point","coordinates":[23.1307,63.8385]}"#,
        r#"{"type":"Point","coordinates":[23,63]}"#,
        r#"{"coordinates":[-180,-90],"type":"Point"}"#,
    ] {
        let value: Json<'_> = serde_json::from_str(geometry).unwrap();
        let fast = plain_point(&value).unwrap();
        let Ok(Geometry { value: GeometryValue::Point { coordinates }, .. }) = geometry_of(&value) else { panic!() };
        assert_eq!((fast.lon, fast.lat), (coordinates[0], coordinates[1]), "{geometry}");
    }
    for other in [
        r#"{"type":"Point","coordinates":[1,2,3]}"#,
        r#"{"type":"Point","coordinates":["1",2]}"#,
        r#"{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}"#,
        r#"{"type":"LineString","coordinates":[1,2]}"#,
    ] {
        let value: Json<'_> = serde_json::from_str(other).unwrap();
        assert_eq!(plain_point(&value), None, "{other} goes through geojson");
    }
}

#[test]
fn millions_of_broken_features_give_a_bounded_list_of_problems() {
    let text = format!(r#"{{"type":"FeatureCollection","features":[{}0]}}"#, "0,".repeat(200_000));
    let outcome = read_dataset(&text).unwrap();
    assert_eq!(outcome.problems.len(), MAX_PROBLEMS + 1);
    let last = outcome.problems.last().unwrap();
    assert_eq!(last.kind, ProblemKind::TooManyProblems { more: 200_001 - MAX_PROBLEMS });
    assert_eq!(last.severity, Severity::Error);
}

/// A collection of `count` features that are not objects: one error each.
fn broken_features(count: usize) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, vec!["0"; count].join(","))
}

#[test]
fn more_than_max_problems_lists_exactly_max_problems_then_counts_the_rest() {
    let outcome = read_dataset(&broken_features(MAX_PROBLEMS + 7)).unwrap();
    assert_eq!(outcome.problems.len(), MAX_PROBLEMS + 1);
    let (listed, count) = outcome.problems.split_at(MAX_PROBLEMS);
    assert!(listed.iter().enumerate().all(|(i, p)| p.feature.as_ref().map(|f| f.index) == Some(i)));
    assert!(listed.iter().all(|p| p.kind.code() == "wrong-value"));
    assert_eq!(count[0].kind, ProblemKind::TooManyProblems { more: 7 });
    assert_eq!((count[0].feature.clone(), count[0].severity), (None, Severity::Error));
    assert!(count[0].to_string().starts_with("file: 7 more problems are not listed"), "{}", count[0]);
}

#[test]
fn exactly_max_problems_are_listed_without_a_count() {
    let outcome = read_dataset(&broken_features(MAX_PROBLEMS)).unwrap();
    assert_eq!(outcome.problems.len(), MAX_PROBLEMS);
    assert!(outcome.problems.iter().all(|p| p.kind.code() == "wrong-value"));
    let one_more = read_dataset(&broken_features(MAX_PROBLEMS + 1)).unwrap();
    assert_eq!(one_more.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(one_more.problems.last().map(|p| &p.kind), Some(&ProblemKind::TooManyProblems { more: 1 }));
}

#[test]
fn the_count_is_a_warning_when_only_warnings_are_beyond_the_list() {
    let unknown: String = (0..MAX_PROBLEMS + 2).map(|i| format!(r#","x{i}":1"#)).collect();
    let outcome = read_dataset(&collection(&[place("a", "[1, 2]", &unknown)])).unwrap();
    assert_eq!(outcome.dataset.places.len(), 1);
    assert_eq!(outcome.problems.len(), MAX_PROBLEMS + 1);
    let count = &outcome.problems[MAX_PROBLEMS];
    assert_eq!((&count.kind, count.severity), (&ProblemKind::TooManyProblems { more: 2 }, Severity::Warning));
}

#[test]
fn problems_only_counted_are_all_in_the_count_however_few_are_listed() {
    // Not reachable from a file today (counting starts once 4 * MAX_PROBLEMS are kept), but the
    // count must not depend on that.
    let mut reading = Reading::new(0);
    reading.overflow = 5;
    let outcome = reading.finish(Vec::new());
    assert_eq!(outcome.problems.len(), 1);
    assert_eq!(outcome.problems[0].kind, ProblemKind::TooManyProblems { more: 5 });
    assert_eq!(outcome.problems[0].severity, Severity::Error);
}

#[test]
fn a_long_list_of_repeated_references_is_deduplicated_quickly() {
    let themes = format!("[{}\"t\"]", "\"t\",".repeat(50_000));
    let text = collection(&[theme("t"), place("a", "[1, 2]", &format!(r#","themes":{themes}"#))]);
    let start = std::time::Instant::now();
    let outcome = read_dataset(&text).unwrap();
    assert_eq!(outcome.dataset.places[0].themes.len(), 1);
    // Quadratic de-duplication would take minutes here; hashing takes milliseconds.
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
fn signs_and_other_digits_are_not_dates_or_colours() {
    assert!(PartialDate::parse("+999").is_none());
    assert!(PartialDate::parse("2024-+1").is_none());
    assert!(Colour::parse("#+1+2+3").is_none());
    assert_eq!(Colour::parse("#0072B2").map(Colour::css).as_deref(), Some("#0072b2"));
}

#[test]
fn safe_urls() {
    assert!(SafeUrl::parse("https://innokaupungit.fi/en/").is_some());
    assert!(SafeUrl::parse("HTTP://example.org").is_some());
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://x.org",
        "/relative",
        "https://",
        "https://a b.org",
        "//x.org",
    ] {
        assert!(SafeUrl::parse(bad).is_none(), "{bad}");
    }
}

/// Problems come in the order of their features whichever pass found them: the file's own
/// first, then each feature's own problems before those of its references.
#[test]
fn problems_of_both_passes_come_in_feature_order() {
    let text = format!(
        "\u{feff}{}",
        collection(&[
            place("a", "[23.1, 63.8]", r#","agreement":"missing""#),
            place("b", "[63.8, 123.1]", ""),
            place("c", "[23.1, 63.8]", r#","agreement":"gone","shade":1"#),
            place("d", "[23.1, 63.8]", r#","nickname":"x""#),
        ])
    );
    let outcome = read_dataset(&text).unwrap();
    let order: Vec<(usize, &str)> = codes(&outcome).into_iter().map(|(feature, _, code, _)| (feature, code)).collect();
    assert_eq!(order.first(), Some(&(usize::MAX, "byte-order-mark")));
    let features: Vec<usize> = order.iter().skip(1).map(|(feature, _)| *feature).collect();
    assert_eq!(features, vec![0, 1, 2, 2, 3], "{order:?}");
    assert_eq!(order[3].1, "unknown-property", "a feature's own problem before its reference's");
    assert_eq!(order[4].0, 2);
    assert_ne!(order[4].1, "unknown-property");
}

/// A place whose `sources` are `sources` (JSON) instead of the usual test document.
fn place_citing(id: &str, sources: &str) -> String {
    place(id, "[1, 2]", "").replace(r#""sources":[{"document":"test"}]"#, &format!(r#""sources":{sources}"#))
}

#[test]
fn file_paths_are_found_and_citations_pass() {
    for path in [
        "seeds/000_ffd7de426077d699.txt",
        r"C:\docs\a.pdf",
        "./notes.md",
        "../archive/Report.PDF",
        "file:///home/editor/minutes.docx",
    ] {
        assert_eq!(file_path_in(path), Some(path), "{path}");
    }
    let described = "seeds/000_ffd7de426077d699.txt (Business South Karelia article of 9.4.2024)";
    assert_eq!(file_path_in(described), Some("seeds/000_ffd7de426077d699.txt"));
    assert_eq!(
        file_path_in("Minutes (see ./notes.md)."),
        Some("./notes.md"),
        "brackets and full stops are not the path"
    );
    for citation in [
        "City board decision 12.4.2023 § 145",
        "Decision 1/2023",
        "page 2",
        "Finnish delegation from Kokkola/Karleby visit Northern Sweden virtually",
        "https://example.org/report.pdf",
        "Speeds in km/h.",
        "Version 1.0/2.0",
        "R&D/R.D.I",
        "innokaupungit.fi/en/cities/",
        "Lappeenranta-Imatra region leading national innovation work on green electrification",
        "",
    ] {
        assert_eq!(file_path_in(citation), None, "{citation}");
    }
}

#[test]
fn a_source_that_is_a_file_path_is_rejected_and_the_record_keeps_its_other_sources() {
    let path_and_page =
        r#"[{"document":"seeds/001_2aa9ee986ec33ea8.txt (Pirkanmaa article)"},{"url":"https://example.org/a"}]"#;
    let only_path = r#"[{"title":"Minutes","document":"C:\\docs\\minutes.pdf"}]"#;
    let outcome = read_dataset(&collection(&[place_citing("a", path_and_page), place_citing("b", only_path)])).unwrap();
    assert_eq!(
        codes(&outcome),
        vec![
            (0, "properties.sources[0].document".into(), "wrong-value", Severity::Error),
            (1, "properties.sources[0].document".into(), "wrong-value", Severity::Error),
            (1, "properties.sources".into(), "missing", Severity::Error),
        ]
    );
    assert_eq!(
        outcome.problems[0].to_string(),
        "feature 0 (id \"a\"), field `properties.sources[0].document`: found the file path \
         \"seeds/001_2aa9ee986ec33ea8.txt\"; expected a readable citation (title, publisher, date or address), not a \
         file path"
    );
    assert!(outcome.problems[1].to_string().contains(r#"found the file path "C:\docs\minutes.pdf""#));
    let places = &outcome.dataset.places;
    assert_eq!(places.len(), 1, "the place with no valid source left is left out");
    assert_eq!(places[0].provenance.sources.len(), 1, "the path is dropped, the web page kept");
}

#[test]
fn a_citation_reads_with_its_publisher_and_date() {
    let sources = r#"[{"url":"https://example.org/a","title":" Lead project ","publisher":"Business South Karelia","published":"2024-04-09"},
        {"title":"Akkukemiasta kärkiala","published":"2023"},{"document":"City board decision 12.4.2023 § 145"}]"#;
    let outcome = read_dataset(&collection(&[place_citing("a", sources)])).unwrap();
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let read = &outcome.dataset.places[0].provenance.sources;
    assert_eq!(read[0].url.as_ref().map(SafeUrl::as_str), Some("https://example.org/a"));
    assert_eq!(read[0].title.as_deref(), Some("Lead project"), "trimmed");
    assert_eq!(read[0].publisher.as_deref(), Some("Business South Karelia"));
    assert_eq!(read[0].published, PartialDate::parse("2024-04-09"));
    assert_eq!((read[1].url.is_none(), read[1].published.map(|d| d.year)), (true, Some(2023)), "a title alone will do");
    assert_eq!(read[2].document.as_deref(), Some("City board decision 12.4.2023 § 145"));
}

#[test]
fn a_source_needs_an_address_a_title_or_a_document_and_a_real_date() {
    let sources = r#"[{"publisher":"Business South Karelia","title":"  "},{"title":"T","published":"9.4.2024"},
        {"url":"https://example.org/a","publised":"2024"}]"#;
    let outcome = read_dataset(&collection(&[place_citing("a", sources)])).unwrap();
    assert_eq!(
        codes(&outcome),
        vec![
            (0, "properties.sources[0]".into(), "missing", Severity::Error),
            (0, "properties.sources[1].published".into(), "bad-date", Severity::Error),
            (0, "properties.sources[2].publised".into(), "unknown-property", Severity::Warning),
        ]
    );
    assert_eq!(outcome.dataset.places[0].provenance.sources.len(), 1, "only the last source stands");
}
