//! Any bytes given to the data reader must give a typed answer, never a panic: the whole-file
//! checks, every record reader, the reference pass, the problem messages, the markers and the
//! panel summaries. The basemap reader shares the whole-file checks and is run too.
#![no_main]

use innomap::core::basemap::parse_basemap;
use innomap::core::i18n::Language;
use innomap::core::reader::read_dataset;
use innomap::core::summary::summarise;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(outcome) = read_dataset(text) {
        for problem in &outcome.problems {
            std::hint::black_box(problem.to_string());
        }
        for marker in outcome.dataset.markers() {
            for language in Language::ALL {
                std::hint::black_box(marker.label(language));
                std::hint::black_box(summarise(&outcome.dataset, &marker.id, language));
            }
        }
    }
    std::hint::black_box(parse_basemap(text).map(|b| b.land.len()));
});
