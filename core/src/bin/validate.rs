//! `cargo run --bin validate -- FILE…`: checks InnoMap data files with exactly the functions the
//! app uses (`innomap_core::data::envelope::decode_text`, then
//! `innomap_core::data::reader::read_dataset`) and prints every problem at once, errors first.
//! Bytes that are not UTF-8 are an error with the offset of the first, and the rest of the file
//! is still checked, as the map would read it.
//!
//! Exit status: 0 when every file is clean, 1 when any file has a problem (with
//! `--allow-warnings`, only errors count), 2 when a file cannot be read or no file was given.

use std::process::ExitCode;

use innomap_core::data::envelope::decode_text;
use innomap_core::data::error::Severity;
use innomap_core::data::reader::read_dataset;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let allow_warnings = args.iter().any(|a| a == "--allow-warnings");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: cargo run --bin validate -- [--allow-warnings] FILE.geojson [FILE.geojson …]");
        return ExitCode::from(2);
    }
    let mut worst = 0;
    for file in files {
        worst = worst.max(check(file, allow_warnings));
    }
    ExitCode::from(worst)
}

/// Checks one file and returns its exit status.
fn check(file: &str, allow_warnings: bool) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{file}: cannot read the file: {e}");
            return 2;
        }
    };
    let (text, decoding) = decode_text(&bytes);
    let mut outcome = match read_dataset(&text) {
        Ok(outcome) => outcome,
        Err(e) => {
            if let Some(problem) = &decoding {
                println!("{file}: error [{}]: {problem}", problem.kind.code());
            }
            println!("{file}: error [{}]: {e}", e.code());
            return 1;
        }
    };
    // First, where the map lists it too (`MapData::from_bytes`).
    if let Some(problem) = decoding {
        outcome.problems.insert(0, problem);
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = outcome.problems.iter().partition(|p| p.severity == Severity::Error);
    for problem in &errors {
        println!("{file}: error [{}]: {problem}", problem.kind.code());
    }
    for problem in &warnings {
        println!("{file}: warning [{}]: {problem}", problem.kind.code());
    }
    let d = &outcome.dataset;
    println!(
        "{file}: {} error(s), {} warning(s); read {} themes, {} places, {} organisations, {} agreements, {} projects, {} activities",
        errors.len(),
        warnings.len(),
        d.themes.len(),
        d.places.len(),
        d.organisations.len(),
        d.agreements.len(),
        d.projects.len(),
        d.activities.len()
    );
    u8::from(!errors.is_empty() || (!allow_warnings && !warnings.is_empty()))
}
