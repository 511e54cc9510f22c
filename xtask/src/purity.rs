//! The rule that keeps the core testable on the host: no browser crate in innomap-core's
//! dependency tree.
//!
//! The crate boundary already stops core/src from naming a browser crate it does not depend on,
//! so reading the source would find nothing. What the boundary lets through is a dependency: a
//! browser crate added to core/Cargo.toml (also under a `[target.'cfg(…)']` table or behind a
//! feature), or brought in by some other crate the core depends on. This check reads the tree
//! Cargo resolves for the core, for every target and with every feature of the core on, and
//! names each browser crate with the path that brings it in.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::Outcome;

/// Crates that only work in a browser (or pull one in), as Cargo names packages: every crate of
/// the Leptos, wasm-bindgen and gloo families (`leptos_dom`, `wasm-bindgen-futures`, `gloo-net`),
/// and three single crates.
const BROWSER_FAMILIES: [&str; 3] = ["leptos", "wasm-bindgen", "gloo"];
const BROWSER_CRATES: [&str; 3] = ["web-sys", "js-sys", "send_wrapper"];

/// The arguments that list innomap-core's dependency tree, one package a line: normal edges only
/// (build scripts and tests may use what they like), every target's dependencies (a browser
/// crate is usually added for wasm32 only, which the host's tree would not show) and every
/// feature of the core.
const TREE: [&str; 12] = [
    "tree",
    "-p",
    "innomap-core",
    "--edges",
    "normal",
    "--target",
    "all",
    "--all-features",
    "--prefix",
    "none",
    "--format",
    "{p}",
];

/// Fails, naming each browser crate and how it got in, when innomap-core depends on one.
pub fn check_core(root: &Path) -> Outcome {
    let tree = cargo(root, &TREE)?;
    let packages = packages_in(&tree);
    let found: Vec<&Package> = packages.iter().filter(|p| is_browser_crate(&p.name)).collect();
    if found.is_empty() {
        println!(
            "    innomap-core's dependency tree ({} packages) has no browser crate ({}*, {})",
            packages.len(),
            BROWSER_FAMILIES.join("*, "),
            BROWSER_CRATES.join(", ")
        );
        return Ok(());
    }
    let names: Vec<String> = found.iter().map(|p| format!("{} {}", p.name, p.version)).collect();
    let mut ways = Vec::new();
    for package in &found {
        let spec = package.spec();
        let args =
            ["tree", "-p", "innomap-core", "-i", &spec, "--edges", "normal", "--target", "all", "--all-features"];
        match cargo(root, &args) {
            // One browser crate brings its family along; only the ones that came in through a
            // crate of another kind (or the core itself) show how to get rid of them all.
            Ok(inverted) if brought_only_by_browser_crates(&inverted) => {}
            Ok(inverted) => ways.push(indent(&inverted)),
            Err(e) => ways.push(format!("    {} {}: cannot show how it comes in: {e}", package.name, package.version)),
        }
    }
    Err(format!(
        "innomap-core must stay pure, but its dependency tree has browser crates: {}.\n\
         The others come with these, which come in this way (cargo tree -i):\n{}",
        names.join(", "),
        ways.join("\n")
    ))
}

/// A package as `cargo tree --format {p}` prints it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Package {
    name: String,
    /// Without the `v`.
    version: String,
}

impl Package {
    /// The package id `cargo tree -i` takes, exact even when two versions are in the tree.
    fn spec(&self) -> String {
        if self.version.is_empty() {
            self.name.clone()
        } else {
            format!("{}@{}", self.name, self.version)
        }
    }
}

/// The packages in the lines of `cargo tree --prefix none --format {p}`, each once. A line is
/// `name vVERSION`, then optionally a source in parentheses and `(*)` for a package already
/// shown.
fn packages_in(tree: &str) -> BTreeSet<Package> {
    tree.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            let version = words.next().and_then(|v| v.strip_prefix('v')).unwrap_or_default();
            Some(Package { name: name.to_owned(), version: version.to_owned() })
        })
        .collect()
}

/// Whether, in the inverted tree `cargo tree -i CRATE` printed, every crate that depends on
/// CRATE directly (the lines one level in) is a browser crate itself.
fn brought_only_by_browser_crates(inverted: &str) -> bool {
    let dependents: Vec<&str> = inverted
        .lines()
        .filter_map(|line| line.strip_prefix("├── ").or_else(|| line.strip_prefix("└── ")))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    !dependents.is_empty() && dependents.iter().all(|name| is_browser_crate(name))
}

fn is_browser_crate(name: &str) -> bool {
    // Cargo treats `-` and `_` in package names alike, so a crate named either way is caught.
    let name = name.replace('_', "-");
    BROWSER_FAMILIES.iter().any(|family| name.starts_with(&family.replace('_', "-")))
        || BROWSER_CRATES.iter().any(|single| name == single.replace('_', "-"))
}

/// Runs cargo in `root` and returns what it printed, or what went wrong.
fn cargo(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not start `cargo {}`: {e}", args.join(" ")))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`cargo {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_crates_are_found_in_cargo_tree_lines() {
        let tree = "innomap-core v0.1.0 (/home/someone/innomap/core)\n\
                    serde v1.0.229\n\
                    serde_derive v1.0.229 (proc-macro)\n\
                    gloo-net v0.7.0\n\
                    web-sys v0.3.107\n\
                    js-sys v0.3.80 (*)\n\
                    wasm-bindgen-futures v0.4.50\n\
                    leptos_dom v0.8.8\n\
                    send_wrapper v0.6.0\n\
                    web-sys v0.3.107 (*)\n\
                    \n";
        let packages = packages_in(tree);
        assert_eq!(packages.len(), 9, "each package once");
        let browser: Vec<String> = packages.iter().filter(|p| is_browser_crate(&p.name)).map(Package::spec).collect();
        assert_eq!(
            browser,
            [
                "gloo-net@0.7.0",
                "js-sys@0.3.80",
                "leptos_dom@0.8.8",
                "send_wrapper@0.6.0",
                "wasm-bindgen-futures@0.4.50",
                "web-sys@0.3.107"
            ]
        );
        assert!(packages_in("").is_empty());
    }

    #[test]
    fn a_crate_that_came_with_another_browser_crate_is_told_apart() {
        let entered = "gloo-net v0.7.0\n└── innomap-core v0.1.0 (/home/someone/innomap/core)\n";
        let followed =
            "web-sys v0.3.107\n├── gloo-net v0.7.0\n│   └── innomap-core v0.1.0 (/home/someone/innomap/core)\n\
                        └── gloo-utils v0.3.0\n    └── gloo-net v0.7.0 (*)\n";
        let both = "js-sys v0.3.107\n├── geojson-web v1.0.0\n│   └── innomap-core v0.1.0\n└── web-sys v0.3.107\n";
        assert!(!brought_only_by_browser_crates(entered));
        assert!(brought_only_by_browser_crates(followed));
        assert!(!brought_only_by_browser_crates(both));
        assert!(!brought_only_by_browser_crates(""));
    }

    #[test]
    fn families_match_by_prefix_and_single_crates_exactly() {
        for name in ["serde_json", "web-sysx", "js-sys2", "send-wrappers", "wasm-encoder", "glob", "lepton"] {
            assert!(!is_browser_crate(name), "{name}");
        }
        for name in ["leptos", "leptos-use", "web_sys", "wasm-bindgen", "wasm_bindgen_macro", "gloo", "send-wrapper"] {
            assert!(is_browser_crate(name), "{name}");
        }
    }

    #[test]
    fn the_real_core_has_no_browser_crate() {
        let result = check_core(&crate::repo_root());
        assert!(result.is_ok(), "{result:?}");
    }
}
