//! `cargo xtask fuzz [--seconds N]`: runs the data reader's fuzz target (fuzz/) under libFuzzer
//! for N seconds (default 600), seeded with every fixture and the bundled data. Needs the nightly
//! toolchain; installs cargo-fuzz from crates.io if it is missing. libFuzzer prints the number of
//! runs at the end ("Done N runs in S second(s)"); a crash stops the run and fails the command.

use std::path::Path;

use crate::{repo_root, shell, step, Outcome};

/// Installs what is missing, seeds the corpus and fuzzes for `seconds`.
pub fn run(seconds: u64) -> Outcome {
    let root = repo_root();
    step("Checking fuzzing tools");
    let listed = std::process::Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    let toolchains = String::from_utf8_lossy(&listed.stdout).into_owned();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        let found = toolchains.lines().collect::<Vec<_>>().join(", ");
        return Err(format!(
            "fuzzing needs the nightly toolchain (found: {found}); install it with `rustup toolchain install nightly`"
        ));
    }
    if shell::first_line("cargo", &["fuzz", "--version"]).is_some() {
        println!("    cargo-fuzz: installed");
    } else {
        println!("    installing cargo-fuzz from crates.io");
        shell::run(&root, "cargo", &["install", "cargo-fuzz", "--locked"], &[])?;
    }
    let corpus = root.join("target").join("fuzz-corpus").join("read_dataset");
    seed(&root, &corpus)?;
    step(&format!("Fuzzing the data reader for {seconds} s"));
    let corpus = corpus.display().to_string();
    let time = format!("-max_total_time={seconds}");
    shell::run(
        &root,
        "cargo",
        &[
            "+nightly",
            "fuzz",
            "run",
            "read_dataset",
            &corpus,
            "--",
            &time,
            "-dict=fuzz/json.dict",
            "-max_len=65536",
            "-print_final_stats=1",
        ],
        &[],
    )
}

/// Copies the fixtures and the bundled data into the corpus (once; libFuzzer adds to it).
fn seed(root: &Path, corpus: &Path) -> Outcome {
    std::fs::create_dir_all(corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    let fixtures = root.join("core").join("tests").join("fixtures");
    let entries = std::fs::read_dir(&fixtures).map_err(|e| format!("cannot list {}: {e}", fixtures.display()))?;
    let mut seeds: Vec<std::path::PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    seeds.push(root.join("data").join("innocities.geojson"));
    let mut copied = 0;
    for seed in seeds.iter().filter(|p| p.extension().is_some_and(|e| e == "geojson")) {
        let Some(name) = seed.file_name() else { continue };
        let target = corpus.join(name);
        if !target.exists() {
            std::fs::copy(seed, &target).map_err(|e| format!("cannot copy {}: {e}", seed.display()))?;
            copied += 1;
        }
    }
    println!("    corpus {} ({copied} new seeds)", corpus.display());
    Ok(())
}
