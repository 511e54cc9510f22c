//! InnoMap's developer commands, run as `cargo xtask <command>` (see README.md):
//!
//! - `run`: install what is missing, build the release, serve it on http://127.0.0.1:8080
//! - `test`: install what is missing, then every check: format, clippy, structure lints, core
//!   purity, host tests, data validation, basemap reproducibility, release build with size
//!   report, and the browser end-to-end tests
//! - `build`: the release build of dist/ with its size report
//! - `serve`: serve an existing dist/ on loopback
//! - `basemap`: regenerate data/basemap.geojson from Natural Earth (npm `world-atlas`)
//! - `bench-data`: time reading the bundled and a generated 10,000-place dataset (native release)
//! - `bench-map [--no-build]`: InnoMap against a Leaflet 1.9.4 baseline in headless Chromium (map
//!   visible and ready, unthrottled and on slow 4G, layout shift, frames, bytes, memory), printed
//!   side by side with ratios and written to target/bench-map.json
//! - `fuzz [--seconds N]`: fuzz the data reader with cargo-fuzz (nightly) for N seconds
//! - `favicon`: render public/favicon.svg to the public/favicon.png the page links
//!
//! `run`, `build` and `serve` take `--tile-origin ORIGIN` (repeatable): a tile server, such as
//! `https://tiles.example.org`, whose images the Content-Security-Policy allows besides
//! OpenStreetMap's, for pages that choose it with `?tiles=`; and `--data-origin ORIGIN`
//! (repeatable): a server whose data files the policy lets the app fetch, for pages that choose
//! one with `?data=`.
//!
//! Everything installs from crates.io, npm or Debian only, and says what it installs.

mod basemap;
mod bench_map;
mod first_view;
mod fuzz;
mod purity;
mod release;
mod serve;
mod shell;
mod structure;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use release::{AllowedHosts, HostOrigin};

/// The result of a command; errors are plain sentences for the terminal.
pub type Outcome = Result<(), String>;

const USAGE: &str = "usage: cargo xtask <run [--port N] [--tile-origin ORIGIN]… [--data-origin ORIGIN]… | test | build [--tile-origin ORIGIN]… [--data-origin ORIGIN]… | serve [--port N] [--tile-origin ORIGIN]… [--data-origin ORIGIN]… | basemap [--check] | bench-data | bench-map [--no-build] | fuzz [--seconds N] | favicon>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => hosts_arg(&args).and_then(|hosts| run(port_arg(&args)?, &hosts)),
        Some("test") => test::run_all(),
        Some("build") => hosts_arg(&args)
            .and_then(|hosts| tools::ensure_build_tools().and_then(|tools| release::build(&tools, &hosts))),
        Some("serve") => hosts_arg(&args).and_then(|hosts| serve::serve_forever(&dist_dir(), port_arg(&args)?, &hosts)),
        Some("basemap") => basemap::command(args.iter().any(|a| a == "--check")),
        Some("bench-data") => {
            step("Timing data reading (native release build, opt-level 3: profile \"native\")");
            shell::run(
                &repo_root(),
                "cargo",
                &["run", "-p", "innomap-core", "--profile", "native", "--quiet", "--example", "bench_data"],
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

fn run(port: u16, hosts: &AllowedHosts) -> Outcome {
    let tools = tools::ensure_build_tools()?;
    release::build(&tools, hosts)?;
    serve::serve_forever(&dist_dir(), port, hosts)
}

fn port_arg(args: &[String]) -> Result<u16, String> {
    number_arg(args, "--port", 8080)
}

fn seconds_arg(args: &[String]) -> Result<u64, String> {
    number_arg(args, "--seconds", 600)
}

/// The servers given with `--tile-origin ORIGIN` and `--data-origin ORIGIN`.
fn hosts_arg(args: &[String]) -> Result<AllowedHosts, String> {
    Ok(AllowedHosts { tiles: origins_arg(args, "--tile-origin")?, data: origins_arg(args, "--data-origin")? })
}

/// Every origin given with `flag ORIGIN` (or `flag=ORIGIN`), each checked.
fn origins_arg(args: &[String], flag: &str) -> Result<Vec<HostOrigin>, String> {
    let mut origins = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.strip_prefix(flag) {
            Some("") => {
                rest.next().ok_or_else(|| format!("{flag} needs an origin, such as https://data.example.org"))?
            }
            Some(joined) => match joined.strip_prefix('=') {
                Some(value) => value,
                None => continue,
            },
            None => continue,
        };
        origins.push(HostOrigin::parse(value).map_err(|e| format!("{flag}: {e}"))?);
    }
    Ok(origins)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn tile_and_data_origins_repeat_and_leave_the_other_flags_alone() {
        let line = args(
            "run --tile-origin https://a.example.org --port 9000 --data-origin https://d.example.fi --tile-origin=http://localhost:8081",
        );
        let hosts = hosts_arg(&line).unwrap();
        let written = |origins: &[HostOrigin]| origins.iter().map(|o| o.as_str().to_owned()).collect::<Vec<_>>();
        assert_eq!(written(&hosts.tiles), ["https://a.example.org", "http://localhost:8081"]);
        assert_eq!(written(&hosts.data), ["https://d.example.fi"]);
        assert_eq!(port_arg(&line), Ok(9000));
        assert_eq!(hosts_arg(&args("serve --port 8080")).unwrap(), AllowedHosts::default());
        assert!(hosts_arg(&args("build --tile-origin")).unwrap_err().contains("needs an origin"));
        assert!(hosts_arg(&args("build --data-origin")).unwrap_err().starts_with("--data-origin needs an origin"));
        let refused = hosts_arg(&args("build --tile-origin https://a.org/tiles")).unwrap_err();
        assert!(refused.starts_with("--tile-origin: \"https://a.org/tiles\" is not a server origin"), "{refused}");
        assert_eq!(
            hosts_arg(&args("build --tile-origins x")).unwrap(),
            AllowedHosts::default(),
            "another flag is not this one"
        );
    }
}
