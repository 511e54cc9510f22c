//! Installing what the build and tests need, only when it is missing, and saying so.
//!
//! Sources are crates.io (`cargo install`), the npm registry (`npm ci`, from package-lock.json)
//! and Debian (`apt-get`). Nothing downloads a prebuilt binary or browser from anywhere else:
//! Trunk runs `--offline` and finds wasm-bindgen and wasm-opt on PATH.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{repo_root, shell, step};

/// Trunk 0.22 needs a newer rustc than these machines have; 0.21.14 is checked to work.
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the installed tools are, for building a PATH.
pub struct Tools {
    /// `cargo install`'s bin folder.
    pub cargo_bin: PathBuf,
    /// `node_modules/.bin` (wasm-opt, playwright-core).
    pub npm_bin: PathBuf,
}

impl Tools {
    /// A PATH with our tools first.
    pub fn path_env(&self) -> String {
        let current = std::env::var("PATH").unwrap_or_default();
        format!("{}:{}:{current}", self.npm_bin.display(), self.cargo_bin.display())
    }
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// Makes sure the wasm target, Trunk, wasm-bindgen-cli and the npm tools are installed.
pub fn ensure_build_tools() -> Result<Tools, String> {
    step("Checking build tools (installing only what is missing)");
    let root = repo_root();
    let tools = Tools { cargo_bin: cargo_bin(), npm_bin: root.join("node_modules").join(".bin") };
    ensure_wasm_target(&root)?;
    ensure_cargo_tool(&root, &tools, "trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
    let bindgen = wasm_bindgen_version(&root)?;
    // `--locked` fails for this crate (a locked dependency is gone from the registry).
    ensure_cargo_tool(&root, &tools, "wasm-bindgen", "wasm-bindgen-cli", &bindgen, &[])?;
    ensure_npm_packages(&root)?;
    Ok(tools)
}

/// Also makes sure Debian's Chromium and ChromeDriver are there for the browser tests.
pub fn ensure_browser() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("    chromium: {}", shell::first_line(CHROMIUM, &["--version"]).unwrap_or_else(|| "present".into()));
        return Ok(());
    }
    let command = "apt-get update && apt-get install -y chromium chromium-driver";
    if !is_root_on_debian() {
        return Err(format!(
            "the browser tests need Debian's Chromium and ChromeDriver. Install them with:\n    sudo sh -c '{command}'"
        ));
    }
    println!("    installing Debian packages chromium and chromium-driver");
    let root = repo_root();
    shell::run(&root, "apt-get", &["update"], &[])?;
    shell::run(
        &root,
        "apt-get",
        &["install", "-y", "chromium", "chromium-driver"],
        &[("DEBIAN_FRONTEND", "noninteractive".into())],
    )
}

fn is_root_on_debian() -> bool {
    let root = shell::first_line("id", &["-u"]).is_some_and(|uid| uid == "0");
    root && Path::new("/etc/debian_version").exists()
}

fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let installed = std::process::Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {WASM_TARGET} target, but could not be run: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == WASM_TARGET) {
        println!("    rust target {WASM_TARGET}: installed");
        return Ok(());
    }
    println!("    installing rust target {WASM_TARGET}");
    shell::run(root, "rustup", &["target", "add", WASM_TARGET], &[])
}

fn ensure_cargo_tool(
    root: &Path,
    tools: &Tools,
    binary: &str,
    krate: &str,
    version: &str,
    flags: &[&str],
) -> Result<(), String> {
    let wanted = format!("{binary} {version}");
    let found = [tools.cargo_bin.join(binary).display().to_string(), binary.to_owned()]
        .iter()
        .find_map(|program| shell::first_line(program, &["--version"]));
    if found.as_deref() == Some(wanted.as_str()) {
        println!("    {wanted}: installed");
        return Ok(());
    }
    println!(
        "    installing {krate} {version} from crates.io (found: {}; takes a few minutes)",
        found.as_deref().unwrap_or("none")
    );
    let mut args = vec!["install", krate, "--version", version, "--force"];
    args.extend_from_slice(flags);
    shell::run(root, "cargo", &args, &[])
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`".to_owned())
}

/// Runs `npm ci` unless every package in package-lock.json is already installed at its version.
fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    if shell::first_line("npm", &["--version"]).is_none() {
        let command = "apt-get install -y nodejs npm";
        if !is_root_on_debian() {
            return Err(format!("Node.js and npm are needed. Install them with:\n    sudo {command}"));
        }
        println!("    installing Debian packages nodejs and npm");
        shell::run(root, "apt-get", &["update"], &[])?;
        shell::run(
            root,
            "apt-get",
            &["install", "-y", "nodejs", "npm"],
            &[("DEBIAN_FRONTEND", "noninteractive".into())],
        )?;
    }
    let missing = missing_npm_packages(root)?;
    if missing.is_empty() {
        println!("    npm packages (binaryen, terser, world-atlas, playwright-core, axe-core, leaflet, leaflet.markercluster): installed");
        return Ok(());
    }
    println!("    installing npm packages from package-lock.json (missing or outdated: {})", missing.join(", "));
    shell::run(root, "npm", &["ci", "--no-audit", "--no-fund"], &[])
}

fn missing_npm_packages(root: &Path) -> Result<Vec<String>, String> {
    let lock = std::fs::read_to_string(root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let lock: serde_json::Value =
        serde_json::from_str(&lock).map_err(|e| format!("package-lock.json is not valid JSON: {e}"))?;
    let wanted: BTreeMap<String, String> = lock["packages"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(path, _)| !path.is_empty())
        .filter_map(|(path, info)| Some((path.clone(), info["version"].as_str()?.to_owned())))
        .collect();
    Ok(wanted
        .into_iter()
        .filter(|(path, version)| {
            let manifest = std::fs::read_to_string(root.join(path).join("package.json")).unwrap_or_default();
            let installed: serde_json::Value = serde_json::from_str(&manifest).unwrap_or_default();
            installed["version"].as_str() != Some(version.as_str())
        })
        .map(|(path, _)| path.trim_start_matches("node_modules/").to_owned())
        .collect())
}
