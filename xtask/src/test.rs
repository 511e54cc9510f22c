//! `cargo xtask test`: every check, in the order that fails fastest, each timed.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::tools::{self, Tools};
use crate::{basemap, dist_dir, purity, release, repo_root, serve, shell, step, structure, Outcome};

/// Runs every test layer; stops at the first failing one.
pub fn run_all() -> Outcome {
    let started = Instant::now();
    let tools = tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let root = repo_root();
    let mut timings: Vec<(&str, Duration)> = Vec::new();
    let mut stage = |name: &'static str, run: &dyn Fn() -> Outcome| -> Outcome {
        step(name);
        let t = Instant::now();
        run().map_err(|e| format!("{name}: {e}"))?;
        timings.push((name, t.elapsed()));
        Ok(())
    };
    stage("Formatting (cargo fmt --check)", &|| shell::run(&root, "cargo", &["fmt", "--all", "--", "--check"], &[]))?;
    stage("Lints (cargo clippy, all warnings denied; unwrap denied outside tests)", &|| {
        shell::run(&root, "cargo", &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"], &[])
    })?;
    stage("Structure (src/app: function length and component props; core/src: no import cycle)", &|| {
        structure::check(&root)
    })?;
    stage("Core purity (innomap-core's dependency tree has no browser crate)", &|| purity::check_core(&root))?;
    stage("Host tests (cargo test --workspace)", &|| shell::run(&root, "cargo", &["test", "--workspace"], &[]))?;
    stage("Data validation (the README validator on data/innocities.geojson)", &|| {
        shell::run(
            &root,
            "cargo",
            &["run", "-p", "innomap-core", "--quiet", "--bin", "validate", "--", "data/innocities.geojson"],
            &[],
        )
    })?;
    stage("Basemap reproducibility", &|| basemap::command(true))?;
    stage("Release build", &|| release::build(&tools, &release::AllowedHosts::default()))?;
    stage("Browser end-to-end tests (headless Debian Chromium)", &|| browser_tests(&root, &tools))?;
    println!("\n==> Summary");
    for (name, time) in &timings {
        println!("    {:>6.1} s  {name}", time.as_secs_f64());
    }
    println!("    {:>6.1} s  in all", started.elapsed().as_secs_f64());
    println!("{} passed, 0 failed", timings.len());
    Ok(())
}

/// Serves dist/ on a free loopback port and runs the Node test files in tests/e2e/ against it.
fn browser_tests(root: &Path, tools: &Tools) -> Outcome {
    let (url, _workers) = serve::start(&dist_dir(), 0)?;
    println!("    serving dist/ at {url}");
    let e2e = root.join("tests").join("e2e");
    let mut files: Vec<String> = std::fs::read_dir(&e2e)
        .map_err(|e| format!("cannot list {}: {e}", e2e.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", e2e.display()));
    }
    let screenshots = root.join("target").join("e2e-screenshots");
    std::fs::create_dir_all(&screenshots).map_err(|e| format!("cannot create {}: {e}", screenshots.display()))?;
    let mut args = vec!["--test", "--test-concurrency=1", "--test-reporter=spec"];
    args.extend(files.iter().map(String::as_str));
    shell::run(
        root,
        "node",
        &args,
        &[("INNOMAP_URL", url), ("INNOMAP_SCREENSHOTS", screenshots.display().to_string()), ("PATH", tools.path_env())],
    )?;
    println!("    screenshots are in {}", screenshots.display());
    Ok(())
}
