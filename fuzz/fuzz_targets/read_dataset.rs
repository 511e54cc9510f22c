//! Any bytes given to the data reader must give a typed answer, never a panic: the decoding (bytes
//! that are not UTF-8 are reported, not refused), the whole-file checks, every record reader, the
//! reference pass, the problem messages, and for every marker in every language its accessible
//! name and its detail panel. The basemap reader shares the whole-file checks and is run too.
#![no_main]

use std::hint::black_box;

use innomap_core::data::envelope::decode_text;
use innomap_core::explore::detail::describe;
use innomap_core::layers::basemap::parse_basemap;
use innomap_core::map_data::MapData;
use innomap_core::language::Language;
use innomap_core::text::ui_text::UiText;
use libfuzzer_sys::fuzz_target;

/// A basemap with nothing in it, so every run exercises the data file alone.
const EMPTY_BASEMAP: &[u8] = br#"{"type":"FeatureCollection","features":[]}"#;

fuzz_target!(|data: &[u8]| {
    if let Ok(map_data) = MapData::from_bytes(data, EMPTY_BASEMAP) {
        for problem in &map_data.problems {
            black_box(problem.to_string());
        }
        for marker in &map_data.all.markers {
            for language in Language::ALL {
                black_box(UiText(language).marker_name(marker));
                black_box(describe(map_data.sources(), &marker.id, language));
            }
        }
    }
    let (text, _) = decode_text(data);
    if let Ok(basemap) = parse_basemap(&text) {
        for problem in &basemap.problems {
            black_box(problem.to_string());
        }
    }
});
