//! `cargo xtask bench-data` (or `cargo run --profile native --example bench_data`): how long reading,
//! validating and indexing data takes in a native release build, for the bundled dataset and for
//! a generated one of 10,000 places and 1,000 projects. Prints medians; it asserts nothing, since
//! timings on shared machines are noisy (compare figures from one run side by side).

use std::time::{Duration, Instant};

use innomap::core::reader::read_dataset;

const RUNS: usize = 21;

fn main() {
    let bundled = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/innocities.geojson"));
    let generated = generated_dataset(10_000, 1_000, 12);
    if let Ok(path) = std::env::var("INNOMAP_BENCH_DUMP") {
        let _ = std::fs::write(path, &generated);
    }
    println!("{:<44} {:>10} {:>9} {:>12} {:>12}", "dataset", "bytes", "records", "median", "min");
    if let Ok(text) = bundled {
        report("data/innocities.geojson (bundled)", &text);
    }
    report("generated: 10,000 places, 1,000 projects", &generated);
    // The floor for this design: parsing the same text into a JSON tree, nothing else.
    let owned = median(|| std::hint::black_box(serde_json::from_str::<serde_json::Value>(&generated).is_ok()));
    let borrowed =
        median(|| std::hint::black_box(serde_json::from_str::<serde_json_borrow::Value>(&generated).is_ok()));
    for (name, (mid, best)) in [("  (serde_json::Value tree alone)", owned), ("  (borrowed JSON tree alone)", borrowed)]
    {
        println!("{name:<44} {:>10} {:>9} {:>12} {:>12}", generated.len(), "", ms(mid), ms(best));
    }
    println!("target: under 50 ms median for the 10,000-place set");
}

fn report(name: &str, text: &str) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut records = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let Ok(outcome) = read_dataset(text) else {
            println!("{name}: the file did not read");
            return;
        };
        // Index as the app does on load: the id index and the markers to draw.
        let index = outcome.dataset.index();
        let markers = outcome.dataset.markers();
        times.push(start.elapsed());
        records = index.len();
        assert!(outcome.problems.is_empty(), "{name}: {:?}", outcome.problems.first().map(ToString::to_string));
        std::hint::black_box(markers);
    }
    times.sort();
    println!("{name:<44} {:>10} {records:>9} {:>12} {:>12}", text.len(), ms(times[RUNS / 2]), ms(times[0]));
}

/// The median and the best of [`RUNS`] timed runs of `run`.
fn median(mut run: impl FnMut() -> bool) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], times[0])
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// A deterministic dataset in format 1 shaped like the real one: themes, agreements of two
/// places, places spread over Europe, projects with a lead and three partners.
fn generated_dataset(places: usize, projects: usize, themes: usize) -> String {
    let mut features = Vec::with_capacity(places + projects + themes + places / 2);
    let text = |s: &str| format!(r#"{{"en":"{s}","fi":"{s} fi","sv":"{s} sv"}}"#);
    let provenance = r#""sources":[{"url":"https://example.org/source","title":"Source"}],"checked":"2026-11-22""#;
    for t in 0..themes {
        features.push(format!(
            r##"{{"type":"Feature","id":"theme-{t}","geometry":null,"properties":{{"record":"theme","name":{},"description":{},"colour":"#0072b2"}}}}"##,
            text(&format!("Theme {t}")),
            text("What the theme covers, in one short sentence.")
        ));
    }
    for a in 0..places / 2 {
        features.push(format!(
            r#"{{"type":"Feature","id":"agreement-{a}","geometry":null,"properties":{{"record":"agreement","name":{},"members":["place-{}","place-{}"],"themes":["theme-{}"],"signed":"2021-02-09","period":{{"start":"2021","end":"2027"}},{provenance}}}}}"#,
            text(&format!("Agreement {a}")),
            2 * a,
            2 * a + 1,
            a % themes
        ));
    }
    for p in 0..places {
        // A simple low-discrepancy spread over Europe, so positions are distinct and repeatable.
        let lon = -10.0 + (p as f64 * 0.618_033_988_7).fract() * 45.0;
        let lat = 36.0 + (p as f64 * 0.754_877_666_2).fract() * 34.0;
        features.push(format!(
            r#"{{"type":"Feature","id":"place-{p}","geometry":{{"type":"Point","coordinates":[{lon:.4},{lat:.4}]}},"properties":{{"record":"place","kind":"innocity","country":"FI","name":{},"region":{},"agreement":"agreement-{}","themes":["theme-{}"],"website":"https://example.org/place-{p}",{provenance}}}}}"#,
            text(&format!("Place {p}")),
            text("Region"),
            p / 2,
            p % themes
        ));
    }
    for j in 0..projects {
        let partner = |k: usize| format!(r#"{{"place":"place-{}","role":"partner"}}"#, (j * 7 + k * 131) % places);
        features.push(format!(
            r#"{{"type":"Feature","id":"project-{j}","geometry":null,"properties":{{"record":"project","name":{},"description":{},"theme":"theme-{}","lead":{{"place":"place-{}","organisations":[]}},"partners":[{},{},{}],"period":{{"start":"2023-08-01","end":"2025-07-31"}},"budget":{{"total_eur":259188,"public_funding_eur":194390,"public_funding":{}}},{provenance}}}}}"#,
            text(&format!("Project {j}")),
            text("What the project does, in a sentence or two of plain text."),
            j % themes,
            (j * 13) % places,
            partner(1),
            partner(2),
            partner(3),
            text("ERDF and state")
        ));
    }
    format!(r#"{{"type":"FeatureCollection","innomap":{{"format":1}},"features":[{}]}}"#, features.join(",\n"))
}
