//! `cargo xtask bench-map`: InnoMap side by side with a Leaflet 1.9.4 baseline, in one run of
//! headless Debian Chromium, so the figures compare two pages on the same noisy machine at the
//! same moment rather than against numbers from elsewhere (see docs/performance.md).
//!
//! This file prepares and serves; the measuring is done by `bench/run.mjs` (playwright-core):
//! 1. install what is missing (as `cargo xtask test` does), build the release dist/ (unless
//!    `--no-build`) and copy it, so that a rebuild by another command cannot change it mid-run;
//! 2. check that Trunk's loader still hands the wasm exports to `TrunkApplicationStarted`, which
//!    the driver listens to for the WebAssembly memory size;
//! 3. write the generated 10,000-place dataset (bench/generated_dataset.rs, the generator the
//!    `bench_data` example uses, included here by path so no app build is needed for it);
//! 4. assemble the Leaflet page from bench/leaflet/ and the npm packages' dist files;
//! 5. serve that copy with the page under /leaflet/ twice on loopback, once with the bundled data
//!    and once answering /data/innocities.geojson with the generated file, and run the driver,
//!    which loads both pages unthrottled and on slow 4G (it throttles through CDP, not the
//!    server), prints the table and writes target/bench-map.json.

use std::path::{Path, PathBuf};

use crate::serve::{self, Site};
use crate::tools::{self, Tools};
use crate::{dist_dir, release, repo_root, shell, step, Outcome};

/// The generator the `bench_data` example uses too (one function, two programs).
#[path = "../../bench/generated_dataset.rs"]
mod generated_dataset;

/// Files copied from node_modules into the Leaflet page's `vendor/` folder.
const VENDOR_FILES: [(&str, &str); 5] = [
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
];

/// Where the generated data, the assembled Leaflet page and the screenshots go.
fn work_dir() -> PathBuf {
    repo_root().join("target").join("bench-map")
}

/// Sent with every file of both pages, so that they are cross-origin isolated and their timers,
/// requestAnimationFrame's among them, tick in 5 µs instead of 100 µs. With 100 µs, the intervals
/// of a page that never misses a 60 Hz frame read 16.6, 16.7 or 16.8 ms, and about one in fourteen
/// reads 16.8 (an idle page, 240 frames): the p95 target of 16.7 ms was decided by rounding.
/// Both pages load only same-origin files, so nothing else changes for them.
const CROSS_ORIGIN_ISOLATION: &[(&str, &str)] =
    &[("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Embedder-Policy", "require-corp")];

/// Runs the whole benchmark; with `build` false it measures the dist/ that is there.
pub fn run(build: bool) -> Outcome {
    let tools = tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    if build {
        release::build(&tools, &release::AllowedHosts::default())?;
    } else if !dist_dir().join("index.html").exists() {
        return Err("dist/ has no index.html; run `cargo xtask build` or drop --no-build".to_owned());
    }
    let root = repo_root();
    let work = work_dir();
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    // A copy, so a rebuild of dist/ by another command during the run cannot change what is served.
    step("Copying dist/ to target/bench-map/dist (what is measured)");
    let app = work.join("dist");
    if app.exists() {
        std::fs::remove_dir_all(&app).map_err(|e| format!("cannot clear {}: {e}", app.display()))?;
    }
    copy_dir(&dist_dir(), &app)?;

    step("Checking that Trunk's loader passes the wasm exports to TrunkApplicationStarted");
    let boot = check_loader(&app)?;
    println!("    {boot}: dispatches TrunkApplicationStarted with detail.wasm (the exports, with `memory`)");

    step("Writing the generated 10,000-place dataset (bench/generated_dataset.rs, as bench-data uses)");
    let generated = work.join("generated-10000.geojson");
    write_generated_dataset(&generated)?;

    step("Assembling the Leaflet 1.9.4 baseline page (bench/leaflet/ + node_modules dist files)");
    let leaflet = work.join("leaflet");
    assemble_leaflet_page(&root, &leaflet)?;
    println!("    {}", leaflet.display());

    step("Serving both pages on loopback (bundled data, and the generated data in its place)");
    let site = Site::new(&app).with_mount("leaflet", &leaflet).with_headers(CROSS_ORIGIN_ISOLATION);
    let (real_url, _real_workers) = serve::start_site(site.clone(), 0)?;
    let (generated_url, _generated_workers) =
        serve::start_site(site.with_override("/data/innocities.geojson", &generated), 0)?;
    println!("    bundled data:   {real_url} (InnoMap) and {real_url}leaflet/ (Leaflet)");
    println!("    generated data: {generated_url} (InnoMap) and {generated_url}leaflet/ (Leaflet)");

    step("Measuring in headless Debian Chromium (bench/run.mjs; takes a few minutes)");
    run_driver(&root, &tools, &real_url, &generated_url, &work)
}

/// The name of the boot script in `dist`, once it is checked to dispatch `TrunkApplicationStarted`
/// with the wasm exports as `detail.wasm`.
fn check_loader(dist: &Path) -> Result<String, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    let mut boots: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("boot-") && n.ends_with(".js"))
        })
        .collect();
    boots.sort();
    for boot in boots {
        let text = std::fs::read_to_string(&boot).map_err(|e| format!("cannot read {}: {e}", boot.display()))?;
        if dispatches_wasm_exports(&text) {
            return Ok(boot.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned());
        }
    }
    Err(format!(
        "no boot-*.js in {} dispatches TrunkApplicationStarted with {{detail: {{wasm}}}}; the WebAssembly memory \
         cannot be read (did the Trunk version change?)",
        dist.display()
    ))
}

/// Whether a loader script sends `TrunkApplicationStarted` with `detail.wasm` set to the value
/// `init` returned (the wasm exports), minified or not.
fn dispatches_wasm_exports(script: &str) -> bool {
    let compact: String = script.chars().filter(|c| !c.is_whitespace()).collect();
    let assigned_from_init = compact.contains("constwasm=awaitinit(") || compact.contains("letwasm=awaitinit(");
    assigned_from_init && compact.contains("\"TrunkApplicationStarted\",{detail:{wasm}}")
}

/// Writes the generated dataset: 10,000 places, 1,000 projects, 12 themes, as `cargo xtask
/// bench-data` generates it (the same function, bench/generated_dataset.rs).
fn write_generated_dataset(file: &Path) -> Outcome {
    let text = generated_dataset::generated_dataset(10_000, 1_000, 12);
    std::fs::write(file, &text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    println!("    wrote {} ({} bytes)", file.display(), text.len());
    Ok(())
}

/// Rebuilds `out` from scratch: the page's own files from bench/leaflet/ and the library files
/// (with Leaflet's marker images) from node_modules, so nothing is fetched from a CDN, with
/// precompressed copies as the release build writes for InnoMap.
fn assemble_leaflet_page(root: &Path, out: &Path) -> Outcome {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    copy_dir(&root.join("bench").join("leaflet"), out)?;
    let modules = root.join("node_modules");
    let vendor = out.join("vendor");
    std::fs::create_dir_all(&vendor).map_err(|e| format!("cannot create {}: {e}", vendor.display()))?;
    for (from, to) in VENDOR_FILES {
        let source = modules.join(from);
        std::fs::copy(&source, vendor.join(to)).map_err(|e| {
            format!("cannot copy {} (is the npm package installed? run `npm ci`): {e}", source.display())
        })?;
    }
    copy_dir(&modules.join("leaflet").join("dist").join("images"), &vendor.join("images"))?;
    // Served like InnoMap's files: both pages' compressible files go over the wire as brotli.
    release::write_precompressed(out).map(|_| ())
}

fn copy_dir(from: &Path, to: &Path) -> Outcome {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs bench/run.mjs against the two servers; it prints the table and writes the JSON.
fn run_driver(root: &Path, tools: &Tools, real_url: &str, generated_url: &str, work: &Path) -> Outcome {
    let json = root.join("target").join("bench-map.json");
    let script = root.join("bench").join("run.mjs").display().to_string();
    shell::run(
        root,
        "node",
        &[&script],
        &[
            ("BENCH_REAL_URL", real_url.to_owned()),
            ("BENCH_GENERATED_URL", generated_url.to_owned()),
            ("BENCH_JSON", json.display().to_string()),
            ("BENCH_ARTIFACTS", work.display().to_string()),
            ("PATH", tools.path_env()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trunk_loader_is_recognised_minified_or_not() {
        let trunk = "import init, * as bindings from './innomap-1.js';\nconst wasm = await init({ module_or_path: './innomap-1_bg.wasm' });\n\n\nwindow.wasmBindings = bindings;\n\n\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));";
        assert!(dispatches_wasm_exports(trunk));
        let minified = "import init,*as b from'./i.js';const wasm=await init({module_or_path:'./i_bg.wasm'});window.wasmBindings=b;dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\",{detail:{wasm}}));";
        assert!(dispatches_wasm_exports(minified));
        assert!(!dispatches_wasm_exports("await init();dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\"));"));
    }
}
