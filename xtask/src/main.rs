//! InnoMap's developer commands, run as `cargo xtask <command>` (see README.md):
//!
//! - `run`: install what is missing, build the release, serve it on http://127.0.0.1:8080
//! - `test`: install what is missing, then every check: format, clippy, core purity, host tests,
//!   basemap reproducibility, release build with size report, and the browser end-to-end tests
//! - `build`: the release build of dist/ with its size report
//! - `serve`: serve an existing dist/ on loopback
//! - `basemap`: regenerate data/basemap.geojson from Natural Earth (npm `world-atlas`)
//! - `bench-data`: time reading the bundled and a generated 10,000-place dataset (native release)
//! - `bench-map [--no-build]`: InnoMap against a Leaflet 1.9.4 baseline in headless Chromium (load,
//!   frames, bytes, memory), printed side by side with ratios and written to target/bench-map.json
//! - `fuzz [--seconds N]`: fuzz the data reader with cargo-fuzz (nightly) for N seconds
//! - `favicon`: render public/favicon.svg to the public/favicon.png the page links
//!
//! Everything installs from crates.io, npm or Debian only, and says what it installs.

mod basemap;
mod bench_map;
mod fuzz;
mod purity;
mod release;
mod serve;
mod shell;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

/// The result of a command; errors are plain sentences for the terminal.
pub type Outcome = Result<(), String>;

const USAGE: &str = "usage: cargo xtask <run [--port N] | test | build | serve [--port N] | basemap [--check] | bench-data | bench-map [--no-build] | fuzz [--seconds N] | favicon>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => port_arg(&args).and_then(run),
        Some("test") => test::run_all(),
        Some("build") => tools::ensure_build_tools().and_then(|tools| release::build(&tools)),
        Some("serve") => port_arg(&args).and_then(|port| serve::serve_forever(&dist_dir(), port)),
        Some("basemap") => basemap::command(args.iter().any(|a| a == "--check")),
        Some("bench-data") => {
            step("Timing data reading (native release build, opt-level 3: profile \"native\")");
            shell::run(
                &repo_root(),
                "cargo",
                &["run", "--profile", "native", "--quiet", "--example", "bench_data"],
                &[],
            )
        }
        Some("bench-map") => bench_map::run(!args.iter().any(|a| a == "--no-build")),
        Some("fuzz") => seconds_arg(&args).and_then(fuzz::run),
        Some("favicon") => favicon(),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(port: u16) -> Outcome {
    let tools = tools::ensure_build_tools()?;
    release::build(&tools)?;
    serve::serve_forever(&dist_dir(), port)
}

fn port_arg(args: &[String]) -> Result<u16, String> {
    number_arg(args, "--port", 8080)
}

fn seconds_arg(args: &[String]) -> Result<u64, String> {
    number_arg(args, "--seconds", 600)
}

/// The number after `flag`, or `default` when the flag is absent.
fn number_arg<T: std::str::FromStr>(args: &[String], flag: &str, default: T) -> Result<T, String> {
    match args.iter().position(|a| a == flag) {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{flag} needs a number, but got {:?}", args.get(i + 1))),
    }
}

/// The repository root (the parent of this crate's folder).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Where the release build goes.
pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// Renders the page icon from its SVG source with Debian's Chromium (see xtask/favicon.mjs).
fn favicon() -> Outcome {
    let tools = tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    step("Rendering public/favicon.svg to public/favicon.png (32 px) in headless Chromium");
    shell::run(
        &repo_root(),
        "node",
        &["xtask/favicon.mjs", "public/favicon.svg", "public/favicon.png", "32"],
        &[("PATH", tools.path_env())],
    )
}

/// Prints a stage heading, so a long run says what it is doing.
pub fn step(title: &str) {
    println!("\n==> {title}");
}
