//! A static file server for dist/ on loopback, used by `cargo xtask run` and the browser tests.
//!
//! It sends the headers a production host should send (the CSP, nosniff, no referrer, and the
//! cache policy documented in README.md), so the tests exercise the app as it will be deployed.
//! Everything is served by one plain HTTP/1.1 loop, a thread per connection ([`start_site`]).
//! `cargo xtask bench-map` serves with the same headers through [`start_site`], with three
//! additions a [`Site`] describes: a second folder under a URL prefix (the Leaflet baseline page),
//! single files answered in place of others (the generated dataset as `/data/innocities.geojson`),
//! so both pages see the same data, and extra headers (cross-origin isolation, for fine timers).

use std::path::{Path, PathBuf};

use crate::release::{self, AllowedHosts};
use crate::Outcome;

/// Serves `dir` on 127.0.0.1:`port` until the process is stopped, with the servers of `hosts`
/// also allowed in the policy header.
pub fn serve_forever(dir: &Path, port: u16, hosts: &AllowedHosts) -> Outcome {
    let index = dir.join("index.html");
    let Ok(html) = std::fs::read_to_string(&index) else {
        return Err(format!("{} has no index.html; run `cargo xtask build` first", dir.display()));
    };
    for warning in policy_mismatches(&html, hosts) {
        println!("    warning: {warning}");
    }
    let (url, workers) = start_site(Site::new(dir).with_hosts(hosts), port)?;
    println!("\nInnoMap is served at {url} (serving {}; press Ctrl+C to stop)", dir.display());
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// Where the image and data hosts of a built index.html's meta policy and those the header will
/// allow (`hosts` and the defaults) differ. A browser enforces both policies, so a host missing
/// from either one is refused; a page without a meta policy has only the header's.
fn policy_mismatches(html: &str, hosts: &AllowedHosts) -> Vec<String> {
    let Some(built) = release::built_policy(html) else { return Vec::new() };
    let header_policy = release::content_security_policy(hosts);
    let mut warnings = Vec::new();
    for (directive, what, flag) in [("img-src ", "images", "--tile-origin"), ("connect-src ", "data", "--data-origin")]
    {
        let sources = |policy| release::sources_of(policy, directive);
        let built: Vec<&str> = sources(built).split_whitespace().collect();
        let served: Vec<&str> = sources(&header_policy).split_whitespace().collect();
        warnings.extend(served.iter().filter(|host| !built.contains(host)).map(|host| {
            format!("dist/index.html does not allow {what} from {host}; rebuild with `cargo xtask build {flag} {host}`")
        }));
        warnings.extend(built.iter().filter(|host| !served.contains(host)).map(|host| {
            format!("dist/index.html allows {what} from {host}, but the header will not; serve with `{flag} {host}`")
        }));
    }
    warnings
}

/// Starts serving `dir` on 127.0.0.1:`port` (0 picks a free port) in background threads, with
/// the default policy, and returns the base URL.
pub fn start(dir: &Path, port: u16) -> Result<(String, Vec<std::thread::JoinHandle<()>>), String> {
    start_site(Site::new(dir), port)
}

/// What a server answers from: a root folder, plus folders mounted under URL prefixes and single
/// files that answer one exact path instead of what the folders hold, the Content-Security-Policy
/// it sends, and headers added to every file it serves.
#[derive(Clone, Debug)]
pub struct Site {
    root: PathBuf,
    mounts: Vec<(String, PathBuf)>,
    overrides: Vec<(String, PathBuf)>,
    policy: String,
    extra_headers: Vec<(&'static str, String)>,
}

impl Site {
    /// A site serving only `root`, under the default policy.
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            mounts: Vec::new(),
            overrides: Vec::new(),
            policy: release::content_security_policy(&AllowedHosts::default()),
            extra_headers: Vec::new(),
        }
    }

    /// Sends the policy that also allows the servers of `hosts`.
    pub fn with_hosts(mut self, hosts: &AllowedHosts) -> Self {
        self.policy = release::content_security_policy(hosts);
        self
    }

    /// Also sends `headers` with every file, after those of [`headers_for`].
    pub fn with_headers(mut self, headers: &[(&'static str, &str)]) -> Self {
        self.extra_headers.extend(headers.iter().map(|&(name, value)| (name, value.to_owned())));
        self
    }

    /// Also serves `dir` under `/prefix/` (e.g. `leaflet` serves `dir/index.html` at `/leaflet/`).
    pub fn with_mount(mut self, prefix: &str, dir: &Path) -> Self {
        self.mounts.push((format!("/{}/", prefix.trim_matches('/')), dir.to_path_buf()));
        self
    }

    /// Answers the exact request path `path` (e.g. `/data/innocities.geojson`) with `file`.
    pub fn with_override(mut self, path: &str, file: &Path) -> Self {
        self.overrides.push((path.to_owned(), file.to_path_buf()));
        self
    }

    /// The file for a request URL and whether it counts as data (for the cache policy).
    fn resolve(&self, url: &str) -> Option<(PathBuf, bool)> {
        let path = url.split(['?', '#']).next().unwrap_or("/");
        if let Some((request, file)) = self.overrides.iter().find(|(p, _)| p == path) {
            let is_data = request.trim_start_matches('/').starts_with("data/");
            return file.is_file().then(|| (file.clone(), is_data));
        }
        let (dir, rest) = self
            .mounts
            .iter()
            .find_map(|(prefix, dir)| path.strip_prefix(prefix.as_str()).map(|rest| (dir, format!("/{rest}"))))
            .unwrap_or((&self.root, path.to_owned()));
        let file = resolve(dir, &rest)?;
        let is_data = file.strip_prefix(dir).is_ok_and(|p| p.starts_with("data"));
        Some((file, is_data))
    }
}

/// Starts serving `site` on 127.0.0.1:`port` (0 picks a free port), one thread per connection,
/// and returns the base URL. The headers are those of [`start`].
///
/// This is a plain `std::net` HTTP/1.1 loop (GET and HEAD, keep-alive) rather than tiny_http:
/// tiny_http 0.12 hands each new connection to a pool that can count a thread as idle after it
/// has already been given a connection, so in a burst of new connections (a page with seven
/// files) one may wait, unread, until another keep-alive connection closes; a page load then
/// stalls. The benchmark opens hundreds of fresh contexts and must not stall or wait.
pub fn start_site(site: Site, port: u16) -> Result<(String, Vec<std::thread::JoinHandle<()>>), String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let address = listener.local_addr().map_err(|e| format!("the server has no address: {e}"))?;
    let acceptor = std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                let _ = serve_connection(&site, stream);
            });
        }
    });
    Ok((format!("http://{address}/"), vec![acceptor]))
}

/// Answers the requests of one connection until the client closes it or asks to.
fn serve_connection(site: &Site, stream: std::net::TcpStream) -> std::io::Result<()> {
    use std::io::{BufRead, Write};
    let _ = stream.set_nodelay(true);
    let mut reader = std::io::BufReader::new(stream.try_clone()?);
    let mut writer = std::io::BufWriter::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut close = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                close |= name.trim().eq_ignore_ascii_case("connection") && value.trim().eq_ignore_ascii_case("close");
            }
        }
        let mut words = request_line.split_whitespace();
        let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
        let found = site.resolve(target).and_then(|(file, is_data)| Some((std::fs::read(&file).ok()?, file, is_data)));
        let (status, headers, body) = match (method, found) {
            ("GET" | "HEAD", Some((bytes, file, is_data))) => {
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                let mut headers = headers_for(&name, is_data, &site.policy);
                headers.extend(site.extra_headers.iter().cloned());
                ("200 OK", headers, bytes)
            }
            ("GET" | "HEAD", None) => ("404 Not Found", Vec::new(), b"not found".to_vec()),
            // A request body is never read, so the connection cannot go on.
            _ => {
                close = true;
                ("405 Method Not Allowed", Vec::new(), b"method not allowed".to_vec())
            }
        };
        write!(writer, "HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len())?;
        for (name, value) in headers {
            write!(writer, "{name}: {value}\r\n")?;
        }
        write!(writer, "Connection: {}\r\n\r\n", if close { "close" } else { "keep-alive" })?;
        if method != "HEAD" {
            writer.write_all(&body)?;
        }
        writer.flush()?;
        if close {
            return Ok(());
        }
    }
}

/// The file for a request path, or `None` for anything outside `dir`.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() { "index.html" } else { relative };
    let safe =
        relative.split('/').all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\') && !s.contains('%'));
    let file = dir.join(relative);
    (safe && file.is_file()).then_some(file)
}

/// Response headers for a file: its type, the security headers (`policy` as the
/// Content-Security-Policy), and the cache policy (hashed build files forever, the page and the
/// data files revalidated on every load).
pub fn headers_for(name: &str, is_data: bool, policy: &str) -> Vec<(&'static str, String)> {
    let content_type = match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "geojson" => "application/geo+json",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    // The page and the host script keep their names from release to release (a city's pages
    // point at embed.js), so they are revalidated; every other build file has a hashed name.
    let hashed = !is_data && name != "index.html" && name != release::HOST_SCRIPT;
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", cache.to_owned()),
        ("Content-Security-Policy", policy.to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::HostOrigin;

    #[test]
    fn paths_cannot_leave_the_folder() {
        let dir = std::env::temp_dir().join(format!("innomap-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        std::fs::write(dir.join("data").join("a.geojson"), "{}").unwrap();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(resolve(&dir, "/?lang=fi"), Some(dir.join("index.html")));
        assert_eq!(resolve(&dir, "/data/a.geojson"), Some(dir.join("data/a.geojson")));
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/data/%2e%2e/x"), None);
        assert_eq!(resolve(&dir, "/data"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_site_serves_mounts_and_overrides_before_its_root() {
        let dir = std::env::temp_dir().join(format!("innomap-site-{}", std::process::id()));
        let (root, extra) = (dir.join("root"), dir.join("extra"));
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::create_dir_all(&extra).unwrap();
        std::fs::write(root.join("index.html"), "root").unwrap();
        std::fs::write(root.join("data").join("a.geojson"), "{}").unwrap();
        std::fs::write(extra.join("index.html"), "extra").unwrap();
        std::fs::write(dir.join("other.geojson"), "[]").unwrap();
        let site =
            Site::new(&root).with_mount("leaflet", &extra).with_override("/data/a.geojson", &dir.join("other.geojson"));
        assert_eq!(site.resolve("/"), Some((root.join("index.html"), false)));
        assert_eq!(site.resolve("/leaflet/"), Some((extra.join("index.html"), false)));
        assert_eq!(site.resolve("/leaflet/index.html?x=1"), Some((extra.join("index.html"), false)));
        assert_eq!(site.resolve("/data/a.geojson?v=2"), Some((dir.join("other.geojson"), true)));
        assert_eq!(site.resolve("/leaflet/../data/a.geojson"), None);
        assert_eq!(Site::new(&root).resolve("/data/a.geojson"), Some((root.join("data").join("a.geojson"), true)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_site_answers_keep_alive_requests_over_a_socket() {
        use std::io::{Read, Write};
        let dir = std::env::temp_dir().join(format!("innomap-site-http-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "hello").unwrap();
        let (url, _workers) = start_site(Site::new(&dir), 0).unwrap();
        let address = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /gone HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"), "{answer}");
        assert!(answer.contains("Content-Security-Policy: default-src 'none'"), "{answer}");
        assert!(answer.contains("\r\n\r\nhelloHTTP/1.1 404 Not Found\r\n"), "{answer}");
        assert!(answer.ends_with("Connection: close\r\n\r\nnot found"), "{answer}");
    }

    #[test]
    fn a_site_adds_its_extra_headers_to_every_file() {
        let dir = std::env::temp_dir().join(format!("innomap-serve-headers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        let site = Site::new(&dir).with_headers(&[("Cross-Origin-Opener-Policy", "same-origin")]);
        let (url, _workers) = start_site(site, 0).unwrap();
        let address = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        use std::io::{Read, Write};
        stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        assert!(answer.contains("\r\nCross-Origin-Opener-Policy: same-origin\r\n"), "{answer}");
        assert!(answer.contains("\r\nContent-Security-Policy: "), "the usual headers stay: {answer}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_site_sends_the_policy_with_its_tile_origins() {
        let dir = std::env::temp_dir().join(format!("innomap-serve-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        let hosts =
            AllowedHosts { tiles: vec![HostOrigin::parse("https://tiles.example.org").unwrap()], data: Vec::new() };
        let (url, _workers) = start_site(Site::new(&dir).with_hosts(&hosts), 0).unwrap();
        let address = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        use std::io::{Read, Write};
        stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let header = format!("\r\nContent-Security-Policy: {}\r\n", release::content_security_policy(&hosts));
        assert!(answer.contains(&header), "{answer}");
        assert!(header.contains("img-src 'self' data: https://tile.openstreetmap.org https://tiles.example.org;"));
    }

    #[test]
    fn the_header_and_the_built_page_are_compared_both_ways() {
        let tiles = |origin: &str| AllowedHosts { tiles: vec![HostOrigin::parse(origin).unwrap()], data: Vec::new() };
        let built = tiles("https://tiles.example.org");
        let policy = release::content_security_policy(&built);
        let html = release::externalise_inline_scripts("<head>", &policy, |_, _| Ok(())).unwrap();
        assert!(policy_mismatches(&html, &built).is_empty());
        let warnings = policy_mismatches(&html, &tiles("https://tiles.example.org:8443"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("dist/index.html does not allow images from https://tiles.example.org:8443;"));
        assert!(warnings[1].starts_with("dist/index.html allows images from https://tiles.example.org, but"));
        let data =
            AllowedHosts { tiles: Vec::new(), data: vec![HostOrigin::parse("https://data.example.fi").unwrap()] };
        let warnings = policy_mismatches(&html, &AllowedHosts { tiles: built.tiles.clone(), ..data });
        assert_eq!(
            warnings,
            ["dist/index.html does not allow data from https://data.example.fi; rebuild with `cargo xtask build --data-origin https://data.example.fi`"]
        );
        assert!(policy_mismatches("<p>no meta policy</p>", &built).is_empty());
    }

    #[test]
    fn hashed_files_cache_forever_and_the_page_and_data_revalidate() {
        let cache =
            |name, data| headers_for(name, data, "p").into_iter().find(|(k, _)| *k == "Cache-Control").unwrap().1;
        assert_eq!(cache("innomap-1a2b_bg.wasm", false), "public, max-age=31536000, immutable");
        assert_eq!(cache("index.html", false), "no-cache");
        assert_eq!(cache("innocities.geojson", true), "no-cache");
        assert_eq!(cache("embed.js", false), "no-cache", "the host script keeps its name");
        let wasm = headers_for("x.wasm", false, "p");
        assert!(wasm.contains(&("Content-Type", "application/wasm".to_owned())));
    }
}
