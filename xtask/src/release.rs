//! The release build of dist/: Trunk (optimised wasm, wasm-opt -Oz, minified HTML and CSS, hashed
//! names), then what Trunk 0.21 cannot do: minifying wasm-bindgen's JavaScript with terser (Trunk's
//! own minifier gives up on it), moving the inline loader script into a hashed file and adding the
//! Content-Security-Policy, so the app runs with no inline script at all; then brotli and gzip
//! copies beside every compressible file, written once here at the highest levels so that a web
//! server sends them as they are instead of compressing on every request at a cheaper level; then
//! the size report.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::tools::Tools;
use crate::{dist_dir, repo_root, shell, step, Outcome};

/// The tile server the app asks for map images unless a page chooses another (`?tiles=`).
pub const OPENSTREETMAP_TILES: &str = "https://tile.openstreetmap.org";

/// The servers beyond the app's own that a deployment allows: tile servers for the optional map
/// images (`?tiles=`), data servers for another data file (`?data=`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedHosts {
    /// Tile servers, added to `img-src` (OpenStreetMap's is always there).
    pub tiles: Vec<HostOrigin>,
    /// Data servers, added to `connect-src`.
    pub data: Vec<HostOrigin>,
}

/// The policy the app is built, served and tested under, with images also allowed from the
/// tile servers of `hosts` (beyond OpenStreetMap's, which is always allowed) and fetches from
/// its data servers. No inline scripts or styles, no third-party hosts except images from tile
/// servers, which the app asks for only after the visitor turns map images on, and the data
/// servers a site lists; `'wasm-unsafe-eval'` is the narrow permission WebAssembly compilation
/// needs; `frame-src 'self'` lets the "Embed this map" dialog preview the app itself.
///
/// A page that chooses its own tile server (`?tiles=…`) or data file (`?data=…`) gets them only
/// if the deploying site lists that server's origin here: in the header and in index.html's meta
/// element alike, since a browser enforces both policies.
pub fn content_security_policy(hosts: &AllowedHosts) -> String {
    let listed = |always: &[&'static str], extra: &[HostOrigin]| {
        let mut sources: Vec<String> = always.iter().map(|s| (*s).to_owned()).collect();
        for origin in extra {
            if !sources.iter().any(|s| s == origin.as_str()) {
                sources.push(origin.as_str().to_owned());
            }
        }
        sources.join(" ")
    };
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src {}; \
         connect-src {}; frame-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; \
         form-action 'none'; object-src 'none'",
        listed(&["'self'", "data:", OPENSTREETMAP_TILES], &hosts.tiles),
        listed(&["'self'"], &hosts.data),
    )
}

/// The sources of a policy's `img-src` directive, as written.
pub fn img_sources(policy: &str) -> &str {
    sources_of(policy, "img-src ")
}

/// The sources of a policy's `connect-src` directive, as written.
pub fn connect_sources(policy: &str) -> &str {
    sources_of(policy, "connect-src ")
}

/// The sources of `directive` (its name and a space, such as `"img-src "`) in `policy`, as written.
pub fn sources_of<'a>(policy: &'a str, directive: &str) -> &'a str {
    policy.split(';').map(str::trim).find_map(|d| d.strip_prefix(directive)).unwrap_or_default()
}

/// The policy of the meta element [`externalise_inline_scripts`] put in a built index.html.
pub fn built_policy(html: &str) -> Option<&str> {
    let start = html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"")?;
    let (_, value) = html[start..].split_once("content=\"")?;
    value.split_once('"').map(|(policy, _)| policy)
}

/// A tile or data server's origin (`https://tiles.example.org`, `http://localhost:8081`), checked to be
/// only that, since it is written into the policy: a space, `;` or quote would add or end a
/// directive, and a path would not match what the browser compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostOrigin(String);

impl HostOrigin {
    /// Accepts `http://` or `https://`, then a host of ASCII letters, digits, `.` and `-`, then
    /// an optional `:port`, and nothing else; a refusal says what was wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let refuse = |why: &str| {
            Err(format!(
                "{text:?} is not a server origin: {why}. An origin is http:// or https://, a host name and an \
                 optional :port, such as https://tiles.example.org or http://localhost:8081"
            ))
        };
        let Some((scheme, rest)) = text.split_once("://") else {
            return refuse("it does not start with http:// or https://");
        };
        if scheme != "https" && scheme != "http" {
            return refuse("the scheme must be http or https");
        }
        if rest.contains('/') {
            return refuse("it has a path (an origin ends at the host or port, without even a final /)");
        }
        let (host, port) = match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        };
        if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            return refuse("the host may only have letters, digits, '.' and '-'");
        }
        if host.split('.').any(str::is_empty) {
            return refuse("the host has an empty name before, between or after its dots");
        }
        if let Some(port) = port {
            let number = port.parse::<u16>().ok().filter(|_| port.chars().all(|c| c.is_ascii_digit()));
            if number.is_none_or(|n| n == 0) {
                return refuse("the port must be a number from 1 to 65535");
            }
        }
        Ok(Self(text.to_owned()))
    }

    /// The origin as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The host script a city's page loads beside an embedded map: a name that never changes (a
/// page's snippet points at it), and no part of the app's own load.
pub const HOST_SCRIPT: &str = "embed.js";

/// Builds dist/, with the servers of `hosts` allowed too, and prints its size report.
pub fn build(tools: &Tools, hosts: &AllowedHosts) -> Outcome {
    step("Building the release (trunk build --release --offline)");
    let root = repo_root();
    // Trunk copies every file under wasm-bindgen's output folder into dist/ and preloads the
    // JavaScript snippets it finds there, but never empties the folder: a snippet that an earlier
    // build had (and the source no longer has) would be shipped and fetched on every load.
    let bindgen_output = root.join("target").join("wasm-bindgen").join("release");
    if bindgen_output.exists() {
        std::fs::remove_dir_all(&bindgen_output)
            .map_err(|e| format!("cannot empty {}: {e}", bindgen_output.display()))?;
    }
    shell::run(&root, "trunk", &["build", "--release", "--offline"], &[("PATH", tools.path_env())])?;
    let dist = dist_dir();
    step("Minifying JavaScript (terser)");
    for script in files_with_extension(&dist, "js")? {
        let file = script.display().to_string();
        shell::run(
            &root,
            "terser",
            &[&file, "--module", "--compress", "--mangle", "--output", &file],
            &[("PATH", tools.path_env())],
        )?;
    }
    step("Drawing the first view into index.html (core::first_view: the home view, its markers and the reading list)");
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let html = crate::first_view::write_into(&dist, &html)?;
    step("Moving the inline loader into a hashed file, adding the CSP, refreshing integrity digests");
    let policy = content_security_policy(hosts);
    println!("    img-src: {}", img_sources(&policy));
    println!("    connect-src: {}", connect_sources(&policy));
    let strict = externalise_inline_scripts(&html, &policy, |name, body| {
        std::fs::write(dist.join(name), body).map_err(|e| format!("cannot write {name}: {e}"))
    })?;
    let strict = refresh_integrity(&strict, |href| std::fs::read(dist.join(href.trim_start_matches("./"))).ok())?;
    std::fs::write(&index, strict).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    step("Writing precompressed .br and .gz files beside every compressible file");
    let written = write_precompressed(&dist)?;
    println!(
        "    {} files, {} bytes: brotli {} bytes, gzip {} bytes",
        written.files, written.raw_bytes, written.brotli_bytes, written.gzip_bytes
    );
    step("Size report of dist/ (bytes)");
    let report = size_report(&dist)?;
    print!("{report}");
    let report_file = root.join("target").join("size-report.txt");
    std::fs::write(&report_file, &report).map_err(|e| format!("cannot write {}: {e}", report_file.display()))?;
    println!("    (also written to {})", report_file.display());
    Ok(())
}

/// Replaces every inline `<script>` with a `<script src>` of a content-hashed file (written with
/// `write_file`), drops the build-time `nonce` attributes (a fixed nonce protects nothing), and
/// puts a meta element with `policy` first in `<head>`.
pub fn externalise_inline_scripts(
    html: &str,
    policy: &str,
    mut write_file: impl FnMut(&str, &str) -> Outcome,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let tag_end = after.find('>').ok_or("an unclosed <script> tag in index.html")? + 1;
        let tag = &after[..tag_end];
        let close = after.find("</script>").ok_or("a <script> without </script> in index.html")?;
        let body = &after[tag_end..close];
        if tag.contains(" src=") || body.trim().is_empty() {
            out.push_str(&without_nonce(&after[..close + "</script>".len()]));
        } else {
            let name = format!("boot-{}.js", short_hash(body));
            write_file(&name, body.trim())?;
            let module = if tag.contains("module") { " type=\"module\"" } else { "" };
            out.push_str(&format!("<script{module} src=\"./{name}\"></script>"));
        }
        rest = &after[close + "</script>".len()..];
    }
    out.push_str(rest);
    let out = without_nonce(&out);
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    // Minified HTML may omit <head>; the policy goes straight after the charset declaration (or
    // the <head> tag), before any script or style can load.
    let anchor = ["<meta charset=utf-8>", "<meta charset=\"utf-8\">", "<head>"]
        .iter()
        .find_map(|tag| out.find(tag).map(|i| i + tag.len()))
        .ok_or("index.html has neither a charset declaration nor <head> to put the Content-Security-Policy after")?;
    Ok(format!("{}{meta}{}", &out[..anchor], &out[anchor..]))
}

/// Recomputes every `integrity="sha384-…"` attribute from the current bytes of the file its tag's
/// `href` names (`read` returns them), since minifying changed files after Trunk hashed them.
///
/// The attribute is dropped from `rel=preload as=fetch` links (Trunk's preload of the binary):
/// browsers ignore integrity there and say so in the console on every load, and the binary is
/// fetched by wasm-bindgen's loader, which checks no digest either.
pub fn refresh_integrity(html: &str, read: impl Fn(&str) -> Option<Vec<u8>>) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("integrity=") {
        let tag_start = rest[..at].rfind('<').ok_or("an integrity attribute outside a tag")?;
        let tag_end = at + rest[at..].find('>').ok_or("an unclosed tag with an integrity attribute")?;
        let tag = &rest[tag_start..tag_end];
        let value_start = at + "integrity=".len();
        let old_len = attribute(&rest[at..tag_end], "integrity").map_or(0, str::len);
        let quoted = rest[value_start..].starts_with(['"', '\'']);
        let value_end = value_start + old_len + if quoted { 2 } else { 0 };
        if attribute(tag, "rel") == Some("preload") && attribute(tag, "as") == Some("fetch") {
            out.push_str(rest[..at].trim_end());
            rest = &rest[value_end..];
            continue;
        }
        let href = attribute(tag, "href")
            .or_else(|| attribute(tag, "src"))
            .ok_or_else(|| format!("a tag with integrity but no href or src: {tag}"))?;
        let bytes = read(href).ok_or_else(|| format!("integrity names {href}, which is not in dist/"))?;
        let digest = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
        out.push_str(&rest[..at]);
        out.push_str(&format!("integrity=\"sha384-{digest}\""));
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of `name=` in a tag, quoted or not.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[start..];
    match value.chars().next()? {
        q @ ('"' | '\'') => value[1..].find(q).map(|end| &value[1..=end]),
        _ => Some(value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or_default()),
    }
}

fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Ok(files)
}

fn without_nonce(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(" nonce=") {
        out.push_str(&rest[..i]);
        let value = &rest[i + " nonce=".len()..];
        let skip = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value.len(), |end| end + 2),
            _ => value.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(value.len()),
        };
        rest = &value[skip..];
    }
    out.push_str(rest);
    out
}

pub fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Extensions of the files that get precompressed copies: text and WebAssembly, which shrink by
/// half or more. PNG is compressed already and would not shrink.
pub const COMPRESSIBLE: &[&str] = &["html", "js", "css", "wasm", "geojson", "json", "svg", "txt", "md", "ico"];

/// The suffixes of precompressed copies: `FILE.br` (brotli) and `FILE.gz` (gzip).
pub const PRECOMPRESSED: &[&str] = &["br", "gz"];

/// What [`write_precompressed`] wrote: how many files got copies, and their sizes in total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrecompressedSummary {
    /// Files that now have a `.br` and a `.gz` beside them.
    pub files: usize,
    /// Their own bytes.
    pub raw_bytes: usize,
    /// The bytes of their `.br` copies.
    pub brotli_bytes: usize,
    /// The bytes of their `.gz` copies.
    pub gzip_bytes: usize,
}

/// Writes `FILE.br` (brotli quality 11) and `FILE.gz` (gzip level 9) beside every file under
/// `dir` whose extension is in [`COMPRESSIBLE`], replacing copies an earlier run left, and
/// removes copies whose file is gone (a hashed name from an earlier build). Copies are never
/// compressed again, so a second run writes the same files.
pub fn write_precompressed(dir: &Path) -> Result<PrecompressedSummary, String> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut summary = PrecompressedSummary::default();
    for file in &files {
        if let Some(original) = precompressed_original(file) {
            if has_extension(&original, COMPRESSIBLE) && !original.is_file() {
                std::fs::remove_file(file).map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
            }
            continue;
        }
        if !has_extension(file, COMPRESSIBLE) {
            continue;
        }
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let (brotli, gzip) = (brotli(&bytes)?, gzip(&bytes)?);
        for (suffix, compressed) in [("br", &brotli), ("gz", &gzip)] {
            let copy = with_suffix(file, suffix);
            std::fs::write(&copy, compressed).map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
        }
        summary.files += 1;
        summary.raw_bytes += bytes.len();
        summary.brotli_bytes += brotli.len();
        summary.gzip_bytes += gzip.len();
    }
    Ok(summary)
}

/// `file` with `.suffix` added to its whole name (`a.wasm` and `br` give `a.wasm.br`).
pub fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// For a precompressed copy (`a.wasm.br`), the file it is a copy of (`a.wasm`).
fn precompressed_original(file: &Path) -> Option<PathBuf> {
    has_extension(file, PRECOMPRESSED).then(|| file.with_extension(""))
}

fn has_extension(file: &Path, extensions: &[&str]) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
}

/// Files the app fetches only when needed (the detailed basemap, on zooming in): listed, but
/// not counted in the first load.
const ON_DEMAND: &[&str] = &["data/basemap-detail.geojson"];

/// Raw, gzip -9 and brotli -q 11 sizes of every file under `dir`, and their totals. Every file in
/// dist/ is part of the first load (the page, its code, styles, icon and the data files) except
/// the [`ON_DEMAND`] ones and the [`HOST_SCRIPT`], which have totals of their own. The
/// precompressed copies are left out: a browser gets one of them instead of the file, never as
/// well, and the gzip and brotli columns already give their sizes.
pub fn size_report(dir: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.retain(|file| !has_extension(file, PRECOMPRESSED));
    files.sort();
    let mut lines = vec![format!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli")];
    let (mut first_load, mut on_demand, mut host_pages) = ((0, 0, 0), (0, 0, 0), (0, 0, 0));
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let (raw, gz, br) =
            (bytes.len(), compressed_len(&file, "gz", &bytes, gzip)?, compressed_len(&file, "br", &bytes, brotli)?);
        let name = file.strip_prefix(dir).unwrap_or(&file).display().to_string().replace('\\', "/");
        let totals = if ON_DEMAND.contains(&name.as_str()) {
            &mut on_demand
        } else if name == HOST_SCRIPT {
            // Loaded by a city's page beside the iframe, never by the app.
            &mut host_pages
        } else {
            &mut first_load
        };
        *totals = (totals.0 + raw, totals.1 + gz, totals.2 + br);
        lines.push(format!("{name:<44} {raw:>10} {gz:>10} {br:>10}"));
    }
    let (a, b, c) = first_load;
    lines.push(format!("{:<44} {a:>10} {b:>10} {c:>10}", "TOTAL (first load)"));
    let (a, b, c) = on_demand;
    lines.push(format!("{:<44} {a:>10} {b:>10} {c:>10}", "later, on demand (detailed basemap)"));
    let (a, b, c) = host_pages;
    lines.push(format!("{:<44} {a:>10} {b:>10} {c:>10}", "for host pages only (embed.js)"));
    Ok(lines.join("\n") + "\n")
}

/// The length of `file`'s precompressed copy with `suffix` if [`write_precompressed`] wrote one
/// (the build writes them just before its size report: compressing again at the same settings
/// would take as long for the same bytes), else of `bytes` compressed by `compress`.
fn compressed_len(
    file: &Path,
    suffix: &str,
    bytes: &[u8],
    compress: fn(&[u8]) -> Result<Vec<u8>, String>,
) -> Result<usize, String> {
    match std::fs::metadata(with_suffix(file, suffix)) {
        Ok(copy) => Ok(copy.len() as usize),
        Err(_) => compress(bytes).map(|c| c.len()),
    }
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Outcome {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// `bytes` compressed with gzip -9.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("gzip failed: {e}"))
}

/// `bytes` compressed with brotli at its highest quality (11) and a 4 MiB window (22), as
/// `brotli -q 11` does.
fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli failed: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_module_moves_to_a_hashed_file_and_nonces_go() {
        let html = r#"<html><head><link rel="modulepreload" href="./a.js" nonce="abc"><script type="module" nonce="abc">import init from './a.js';await init();</script></head><body></body></html>"#;
        let mut written = Vec::new();
        let out = externalise_inline_scripts(html, &content_security_policy(&AllowedHosts::default()), |name, body| {
            written.push((name.to_owned(), body.to_owned()));
            Ok(())
        })
        .unwrap();
        assert_eq!(written.len(), 1);
        let (name, body) = &written[0];
        assert!(name.starts_with("boot-") && name.ends_with(".js") && name.len() == "boot-.js".len() + 16);
        assert_eq!(body, "import init from './a.js';await init();");
        assert!(out.contains(&format!("<script type=\"module\" src=\"./{name}\"></script>")));
        assert!(!out.contains("nonce"), "{out}");
        assert!(!out.contains("import init"), "no inline script is left: {out}");
        assert!(out.starts_with("<html><head><meta http-equiv=\"Content-Security-Policy\""));
        let minified =
            externalise_inline_scripts("<html lang=en><meta charset=utf-8><title>x</title>", "p", |_, _| Ok(()))
                .unwrap();
        assert!(minified.starts_with("<html lang=en><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\""));
    }

    #[test]
    fn data_origins_join_connect_src_only() {
        let data = vec![
            HostOrigin::parse("https://data.example.fi").unwrap(),
            HostOrigin::parse("https://data.example.fi").unwrap(),
        ];
        let policy = content_security_policy(&AllowedHosts { tiles: Vec::new(), data });
        assert_eq!(connect_sources(&policy), "'self' https://data.example.fi");
        assert_eq!(img_sources(&policy), "'self' data: https://tile.openstreetmap.org");
    }

    #[test]
    fn the_default_policy_is_unchanged_and_tile_origins_join_img_src_only() {
        let default = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                       img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; frame-src 'self'; font-src 'self'; \
                       manifest-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";
        assert_eq!(content_security_policy(&AllowedHosts::default()), default);
        let origins = [
            HostOrigin::parse("https://tiles.example.org").unwrap(),
            HostOrigin::parse("http://localhost:8081").unwrap(),
            HostOrigin::parse("https://tile.openstreetmap.org").unwrap(),
            HostOrigin::parse("https://tiles.example.org").unwrap(),
        ];
        let policy = content_security_policy(&AllowedHosts { tiles: origins.to_vec(), data: Vec::new() });
        assert_eq!(
            img_sources(&policy),
            "'self' data: https://tile.openstreetmap.org https://tiles.example.org http://localhost:8081"
        );
        let expected = default.replace(
            "https://tile.openstreetmap.org;",
            "https://tile.openstreetmap.org https://tiles.example.org http://localhost:8081;",
        );
        assert_eq!(policy, expected);
        let html = externalise_inline_scripts("<head><title>x</title>", &policy, |_, _| Ok(())).unwrap();
        assert_eq!(built_policy(&html), Some(policy.as_str()));
        assert_eq!(built_policy("<head>"), None);
    }

    #[test]
    fn tile_origins_are_scheme_host_and_port_only() {
        for good in ["https://tiles.example.org", "http://localhost", "http://127.0.0.1:8081", "https://a-b.c9.org:443"]
        {
            assert_eq!(HostOrigin::parse(good).map(|o| o.as_str().to_owned()), Ok(good.to_owned()));
        }
        let refusal = |text: &str| HostOrigin::parse(text).unwrap_err();
        assert!(refusal("tiles.example.org").contains("does not start with http:// or https://"));
        assert!(refusal("ftp://tiles.example.org").contains("scheme must be http or https"));
        assert!(refusal("HTTPS://tiles.example.org").contains("scheme"));
        assert!(refusal("https://tiles.example.org/").contains("has a path"));
        assert!(refusal("https://tiles.example.org/{z}/{x}/{y}.png").contains("has a path"));
        assert!(refusal("https://").contains("the host may only have"));
        for hostile in [
            "https://a.org; script-src *",
            "https://a.org'",
            "https://a.org\"",
            "https://a.org b.org",
            "https://user@a.org",
            "https://*.a.org",
            "https://a.org?x",
            "https://a.org#x",
            "https://[::1]",
            "https://ä.org",
        ] {
            assert!(refusal(hostile).contains("the host may only have"), "{hostile}");
        }
        assert!(refusal("https://a..org").contains("empty name"));
        assert!(refusal("https://.a.org").contains("empty name"));
        for port in ["", "0", "65536", "+80", "80x", "80:81"] {
            assert!(refusal(&format!("http://localhost:{port}")).contains("port must be a number"), "{port}");
        }
        assert!(refusal("https://a.org; x").starts_with("\"https://a.org; x\" is not a server origin: "));
    }

    #[test]
    fn minified_unquoted_attributes_are_handled() {
        let html = "<head><script type=module nonce=xyz>go()</script><script src=./b.js></script></head>";
        let out = externalise_inline_scripts(html, &content_security_policy(&AllowedHosts::default()), |_, _| Ok(()))
            .unwrap();
        assert!(!out.contains("nonce") && !out.contains("go()"), "{out}");
        assert!(out.contains("<script src=./b.js></script>"));
    }

    #[test]
    fn integrity_follows_the_files_current_bytes() {
        let html = "<link crossorigin href=./a.js integrity=sha384-OLD rel=modulepreload><link href=\"./b.css\" integrity=\"sha384-OLD2\" rel=stylesheet><link href='./c.js' integrity='sha384-OLD3' rel=modulepreload><p>integrity</p>";
        let out = refresh_integrity(html, |href| Some(href.as_bytes().to_vec())).unwrap();
        let expected_a = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(b"./a.js"));
        assert!(out.contains(&format!("href=./a.js integrity=\"sha384-{expected_a}\" rel=modulepreload>")), "{out}");
        assert!(!out.contains("OLD"), "{out}");
        assert!(out.ends_with("rel=modulepreload><p>integrity</p>"), "{out}");
        assert!(!out.contains('\''.to_string().repeat(2).as_str()) && !out.contains("\"'"), "{out}");
        assert!(refresh_integrity("<link href=./gone.js integrity=x>", |_| None).unwrap_err().contains("gone.js"));
        // A fetch preload loses the attribute browsers ignore there (and warn about).
        let preload = "<link as=fetch crossorigin href=./a_bg.wasm integrity=\"sha384-OLD\" rel=preload type=application/wasm><link href=./b.css integrity=sha384-X rel=stylesheet>";
        let out = refresh_integrity(preload, |href| Some(href.as_bytes().to_vec())).unwrap();
        assert!(
            out.starts_with("<link as=fetch crossorigin href=./a_bg.wasm rel=preload type=application/wasm>"),
            "{out}"
        );
        assert_eq!(out.matches("integrity=").count(), 1, "{out}");
    }

    #[test]
    fn the_same_script_gets_the_same_name() {
        assert_eq!(short_hash("x"), short_hash("x"));
        assert_ne!(short_hash("x"), short_hash("y"));
    }

    #[test]
    fn size_report_totals_the_first_load_and_what_comes_later() {
        let dir = std::env::temp_dir().join(format!("innomap-size-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("a.txt"), "a".repeat(1000)).unwrap();
        std::fs::write(dir.join("data").join("b.json"), "{}").unwrap();
        std::fs::write(dir.join("data").join("basemap-detail.geojson"), "x".repeat(500)).unwrap();
        std::fs::write(dir.join("embed.js"), "y".repeat(300)).unwrap();
        // Precompressed copies are another form of a file, not another download.
        std::fs::write(dir.join("a.txt.br"), "b".repeat(70)).unwrap();
        std::fs::write(dir.join("a.txt.gz"), "g".repeat(80)).unwrap();
        std::fs::write(dir.join("data").join("b.json.gz"), "g".repeat(90)).unwrap();
        let report = size_report(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let total = report.lines().find(|l| l.starts_with("TOTAL (first load)")).unwrap();
        assert!(total.split_whitespace().any(|w| w == "1002"), "{report}");
        let later = report.lines().find(|l| l.starts_with("later, on demand")).unwrap();
        assert!(later.split_whitespace().any(|w| w == "500"), "{report}");
        let host = report.lines().last().unwrap();
        assert!(host.starts_with("for host pages only") && host.split_whitespace().any(|w| w == "300"), "{report}");
        assert!(report.contains("data/b.json"));
        assert!(!report.contains(".br") && !report.contains(".gz"), "{report}");
    }

    fn decompressed(file: &Path) -> Vec<u8> {
        let compressed = std::fs::read(file).unwrap();
        let mut out = Vec::new();
        match file.extension().and_then(|e| e.to_str()) {
            Some("br") => brotli::BrotliDecompress(&mut &compressed[..], &mut out).unwrap(),
            Some("gz") => {
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&compressed[..]), &mut out).unwrap();
            }
            other => panic!("not a precompressed copy: {other:?}"),
        }
        out
    }

    #[test]
    fn precompressed_copies_decompress_to_the_file_and_leave_images_alone() {
        let dir = std::env::temp_dir().join(format!("innomap-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let page = "<p>InnoMap</p>".repeat(200);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        std::fs::write(dir.join("innomap-1a2b_bg.wasm"), [0u8, 97, 115, 109, 1, 0, 0, 0].repeat(100)).unwrap();
        std::fs::write(dir.join("data").join("places.geojson"), "{\"type\":\"FeatureCollection\"}").unwrap();
        std::fs::write(dir.join("favicon-1a2b.png"), [137u8, 80, 78, 71]).unwrap();
        std::fs::write(dir.join("notes"), "no extension").unwrap();
        let summary = write_precompressed(&dir).unwrap();
        assert_eq!(summary.files, 3);
        assert_eq!(summary.raw_bytes, page.len() + 800 + 28);
        for name in ["index.html", "innomap-1a2b_bg.wasm", "data/places.geojson"] {
            let file = dir.join(name);
            let original = std::fs::read(&file).unwrap();
            assert_eq!(decompressed(&with_suffix(&file, "br")), original, "{name}.br");
            assert_eq!(decompressed(&with_suffix(&file, "gz")), original, "{name}.gz");
        }
        assert!(std::fs::metadata(dir.join("index.html.br")).unwrap().len() < page.len() as u64 / 10);
        for untouched in ["favicon-1a2b.png.br", "favicon-1a2b.png.gz", "notes.br", "notes.gz"] {
            assert!(!dir.join(untouched).exists(), "{untouched}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn precompressing_again_replaces_stale_copies_and_never_compresses_a_copy() {
        let dir = std::env::temp_dir().join(format!("innomap-precompress-again-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("style-1a2b.css"), "body{margin:0}").unwrap();
        std::fs::write(dir.join("data").join("a.json"), "[1,2,3]").unwrap();
        // What an earlier build left: a copy of older bytes, and copies of a file that is gone.
        std::fs::write(dir.join("style-1a2b.css.br"), "stale").unwrap();
        std::fs::write(dir.join("innomap-old.js.gz"), "stale").unwrap();
        std::fs::write(dir.join("innomap-old.js.br"), "stale").unwrap();
        // A .gz that is no copy of a compressible file is the site's own and stays.
        std::fs::write(dir.join("data").join("archive.gz"), "kept").unwrap();
        let first = write_precompressed(&dir).unwrap();
        assert_eq!(decompressed(&dir.join("style-1a2b.css.br")), b"body{margin:0}");
        assert!(!dir.join("innomap-old.js.gz").exists() && !dir.join("innomap-old.js.br").exists());
        let mut listed = Vec::new();
        collect_files(&dir, &mut listed).unwrap();
        let second = write_precompressed(&dir).unwrap();
        assert_eq!(first, second);
        assert_eq!(second.files, 2);
        let mut listed_again = Vec::new();
        collect_files(&dir, &mut listed_again).unwrap();
        listed.sort();
        listed_again.sort();
        assert_eq!(listed, listed_again, "no copy of a copy");
        assert_eq!(std::fs::read(dir.join("data").join("archive.gz")).unwrap(), b"kept");
        assert_eq!(decompressed(&dir.join("data").join("a.json.gz")), b"[1,2,3]");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
