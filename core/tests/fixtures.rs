//! The hostile and broken input corpus: one test per file in tests/fixtures/ (the georust/geojson
//! pattern). `manifest.json` says, for each file, what `read_dataset` must answer: a whole-file
//! error kind, or how many records still load and exactly which problems (feature index, field,
//! kind, severity) are reported. None may panic. Files are read as bytes and decoded as the app
//! decodes them, so a file that is not UTF-8 is checked too.

// Test code: a failed unwrap is a failed test, with the error printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use innomap_core::data::envelope::decode_text;
use innomap_core::data::error::Severity;
use innomap_core::data::reader::{read_dataset, MAX_FILE_BYTES};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

fn manifest_entry(file: &str) -> Value {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures_dir().join("manifest.json")).unwrap()).unwrap();
    manifest
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == file)
        .cloned()
        .unwrap_or_else(|| panic!("{file} is not in manifest.json"))
}

/// The bytes of a fixture; the too-large case is made here rather than committed.
fn fixture_bytes(file: &str) -> Vec<u8> {
    if file == "GENERATED:too-large" {
        let valid = std::fs::read_to_string(fixtures_dir().join("valid-minimal.geojson")).unwrap();
        let padding = 20 * 1024 * 1024 - valid.len();
        assert!(valid.len() + padding > MAX_FILE_BYTES);
        return format!("{valid}{}", " ".repeat(padding)).into_bytes();
    }
    std::fs::read(fixtures_dir().join(file)).unwrap()
}

fn check(file: &str) {
    let entry = manifest_entry(file);
    let bytes = fixture_bytes(file);
    let (text, decoding) = decode_text(&bytes);
    let expected_error = entry["file_error"].as_str();
    let mut outcome = match read_dataset(&text) {
        Err(error) => {
            assert_eq!(Some(error.code()), expected_error, "{file}: unexpected whole-file error: {error}");
            return;
        }
        Ok(outcome) => outcome,
    };
    assert_eq!(expected_error, None, "{file}: expected a whole-file error");
    if let Some(problem) = decoding {
        outcome.problems.insert(0, problem);
    }
    let loaded = outcome.dataset.record_count();
    let mut found: Vec<(Option<u64>, String, String, String)> = outcome
        .problems
        .iter()
        .map(|p| {
            let severity = if p.severity == Severity::Error { "error" } else { "warning" };
            (p.feature.as_ref().map(|f| f.index as u64), p.field.clone(), p.kind.code().to_owned(), severity.to_owned())
        })
        .collect();
    let mut expected: Vec<(Option<u64>, String, String, String)> = entry["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["index"].as_u64(),
                p["field"].as_str().unwrap().to_owned(),
                p["kind"].as_str().unwrap().to_owned(),
                p["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    expected.sort();
    let messages: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    assert_eq!(found, expected, "{file}: problems differ; messages:\n{}", messages.join("\n"));
    assert_eq!(loaded as u64, entry["valid_records"].as_u64().unwrap(), "{file}: records loaded");
}

macro_rules! fixtures {
    ($($name:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check($file);
            }
        )*
    };
}

fixtures! {
    valid_minimal: "valid-minimal.geojson",
    valid_no_innomap_member: "valid-no-innomap-member.geojson",
    valid_edge_values: "valid-edge-values.geojson",
    not_json_html_page: "not-json-html-page.geojson",
    truncated: "truncated.geojson",
    trailing_comma: "trailing-comma.geojson",
    json_with_comment: "json-with-comment.geojson",
    trailing_garbage: "trailing-garbage.geojson",
    literal_nan_token: "literal-nan-token.geojson",
    empty: "empty.geojson",
    whitespace_only: "whitespace-only.geojson",
    bom_only: "bom-only.geojson",
    top_level_array: "top-level-array.geojson",
    top_level_feature: "top-level-feature.geojson",
    top_level_null: "top-level-null.geojson",
    top_level_string: "top-level-string.geojson",
    type_lowercase: "type-lowercase.geojson",
    type_missing: "type-missing.geojson",
    features_object: "features-object.geojson",
    features_null: "features-null.geojson",
    features_missing: "features-missing.geojson",
    unsupported_format_2: "unsupported-format-2.geojson",
    format_as_string: "format-as-string.geojson",
    format_missing_in_innomap: "format-missing-in-innomap.geojson",
    nested_100_arrays: "nested-100-arrays.geojson",
    nested_10000_arrays: "nested-10000-arrays.geojson",
    nested_10000_unclosed: "nested-10000-unclosed.geojson",
    nested_5000_objects: "nested-5000-objects.geojson",
    generated_too_large: "GENERATED:too-large",
    bom_prefixed: "bom-prefixed.geojson",
    feature_not_object: "feature-not-object.geojson",
    feature_type_wrong: "feature-type-wrong.geojson",
    properties_null: "properties-null.geojson",
    id_missing: "id-missing.geojson",
    id_duplicate: "id-duplicate.geojson",
    id_script_tag: "id-script-tag.geojson",
    id_numeric: "id-numeric.geojson",
    id_uppercase_too_long: "id-uppercase-too-long.geojson",
    record_unknown: "record-unknown.geojson",
    record_missing: "record-missing.geojson",
    geometry_polygon: "geometry-polygon.geojson",
    geometry_linestring: "geometry-linestring.geojson",
    geometry_absent: "geometry-absent.geojson",
    geometry_null_place: "geometry-null-place.geojson",
    geometry_on_theme: "geometry-on-theme.geojson",
    coordinates_lon_200: "coordinates-lon-200.geojson",
    coordinates_swapped: "coordinates-swapped.geojson",
    coordinates_nan_string: "coordinates-nan-string.geojson",
    coordinates_one_element: "coordinates-one-element.geojson",
    coordinates_empty: "coordinates-empty.geojson",
    coordinates_number_strings: "coordinates-number-strings.geojson",
    coordinates_null: "coordinates-null.geojson",
    reference_dangling: "reference-dangling.geojson",
    reference_wrong_type: "reference-wrong-type.geojson",
    reference_unknown_theme: "reference-unknown-theme.geojson",
    reference_activity_project: "reference-activity-project.geojson",
    innocity_without_agreement: "innocity-without-agreement.geojson",
    name_is_string: "name-is-string.geojson",
    members_is_string: "members-is-string.geojson",
    members_empty: "members-empty.geojson",
    budget_total_string: "budget-total-string.geojson",
    budget_negative: "budget-negative.geojson",
    public_funding_above_total: "public-funding-above-total.geojson",
    period_start_after_end: "period-start-after-end.geojson",
    partner_role_unknown: "partner-role-unknown.geojson",
    theme_colour_name: "theme-colour-name.geojson",
    country_lowercase: "country-lowercase.geojson",
    activity_kind_unknown: "activity-kind-unknown.geojson",
    activity_virtual_string: "activity-virtual-string.geojson",
    missing_swedish: "missing-swedish.geojson",
    empty_english_name: "empty-english-name.geojson",
    whitespace_finnish_name: "whitespace-finnish-name.geojson",
    localised_extra_language: "localised-extra-language.geojson",
    link_ftp: "link-ftp.geojson",
    website_javascript: "website-javascript.geojson",
    website_javascript_obfuscated: "website-javascript-obfuscated.geojson",
    link_data_url: "link-data-url.geojson",
    url_relative: "url-relative.geojson",
    url_protocol_relative: "url-protocol-relative.geojson",
    url_too_long: "url-too-long.geojson",
    description_script_tag: "description-script-tag.geojson",
    description_img_onerror: "description-img-onerror.geojson",
    name_closing_tag: "name-closing-tag.geojson",
    notes_html_comment: "notes-html-comment.geojson",
    huge_name: "huge-name.geojson",
    name_201_chars: "name-201-chars.geojson",
    description_601_chars: "description-601-chars.geojson",
    bad_date_month_13: "bad-date-month-13.geojson",
    bad_date_finnish_style: "bad-date-finnish-style.geojson",
    bad_date_feb_29: "bad-date-feb-29.geojson",
    bad_date_number: "bad-date-number.geojson",
    sources_missing: "sources-missing.geojson",
    sources_empty: "sources-empty.geojson",
    source_file_path_only: "source-file-path-only.geojson",
    source_document_path_and_description: "source-document-path-and-description.geojson",
    source_full_citation: "source-full-citation.geojson",
    source_published_bad_date: "source-published-bad-date.geojson",
    checked_missing: "checked-missing.geojson",
    unknown_extra_property: "unknown-extra-property.geojson",
    unknown_top_level_member: "unknown-top-level-member.geojson",
    one_record_several_problems: "one-record-several-problems.geojson",
    several_bad_records: "several-bad-records.geojson",
    invalid_utf8: "invalid-utf8.geojson",
}

/// The validator names the first bad byte and how many bad sequences there were, and still
/// checks the rest of the file.
#[test]
fn the_validator_reports_bytes_that_are_not_utf8_with_their_offset() {
    let file = fixtures_dir().join("invalid-utf8.geojson");
    let at = std::str::from_utf8(&std::fs::read(&file).unwrap()).unwrap_err().valid_up_to();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_validate")).arg(&file).output().unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    let expected = format!(
        "error [not-utf8]: file: found 2 byte sequences that are not UTF-8, the first at byte {at}; expected a file saved as UTF-8"
    );
    assert!(printed.contains(&expected), "expected {expected:?} in\n{printed}");
    assert!(printed.contains(": 1 error(s), 0 warning(s); read 2 themes, 3 places"), "{printed}");
}

#[test]
fn every_fixture_file_is_in_the_manifest_and_tested() {
    let manifest = std::fs::read_to_string(fixtures_dir().join("manifest.json")).unwrap();
    let tests = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures.rs")).unwrap();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".geojson") {
            assert!(manifest.contains(&format!("\"{name}\"")), "{name} is not in manifest.json");
            assert!(tests.contains(&format!("\"{name}\"")), "{name} has no test");
        }
    }
}

/// The command-line validator (the README's command) fails on every fixture that has a problem,
/// passes the clean ones, and names each expected problem's kind and field in what it prints.
#[test]
fn the_validator_fails_with_precise_messages_on_every_broken_fixture() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures_dir().join("manifest.json")).unwrap()).unwrap();
    let mut checked = 0;
    for entry in manifest.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        if file.starts_with("GENERATED") {
            continue;
        }
        let output =
            std::process::Command::new(env!("CARGO_BIN_EXE_validate")).arg(fixtures_dir().join(file)).output().unwrap();
        let printed = String::from_utf8_lossy(&output.stdout);
        let problems = entry["problems"].as_array().unwrap();
        let clean = entry["file_error"].is_null() && problems.is_empty();
        assert_eq!(output.status.code(), Some(if clean { 0 } else { 1 }), "{file}:\n{printed}");
        if let Some(kind) = entry["file_error"].as_str() {
            assert!(printed.contains(&format!("error [{kind}]")), "{file}: expected [{kind}] in\n{printed}");
        }
        for problem in problems {
            let kind = problem["kind"].as_str().unwrap();
            let field = problem["field"].as_str().unwrap();
            let severity = problem["severity"].as_str().unwrap();
            assert!(
                printed.contains(&format!("{severity} [{kind}]")),
                "{file}: expected {severity} [{kind}] in\n{printed}"
            );
            if !field.is_empty() {
                assert!(printed.contains(&format!("`{field}`")), "{file}: expected field `{field}` in\n{printed}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 90, "only {checked} fixtures were run through the validator");
}
