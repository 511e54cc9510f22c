//! `cargo xtask bench-data` (or `cargo run --profile native --example bench_data`): how long reading,
//! validating and indexing data takes in a native release build, for the bundled dataset and for
//! a generated one of 10,000 places and 1,000 projects. Prints medians; it asserts nothing, since
//! timings on shared machines are noisy (compare figures from one run side by side).

use std::time::{Duration, Instant};

use innomap_core::data::reader::read_dataset;

#[path = "../../bench/generated_dataset.rs"]
mod generated;
use generated::generated_dataset;

const RUNS: usize = 21;

fn main() {
    let bundled = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/innocities.geojson"));
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
        // What the app does next on load: the markers to draw, and the lookup tables (made by
        // the first look-up of a record).
        let markers = outcome.dataset.markers();
        let looked_up = outcome.dataset.places.first().and_then(|p| outcome.dataset.place(&p.id)).is_some();
        times.push(start.elapsed());
        records = outcome.dataset.record_count();
        std::hint::black_box(looked_up);
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
