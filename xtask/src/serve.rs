//! A static file server for dist/ on loopback, used by `cargo xtask run` and the browser tests.
//!
//! It sends the headers a production host should send (the CSP, nosniff, no referrer, and the
//! cache policy documented in README.md), so the tests exercise the app as it will be deployed.
//! Everything is served by one plain HTTP/1.1 loop, a thread per connection ([`start_site`]).
//! A file is sent as the brotli or gzip copy the release build wrote beside it when the request
//! accepts that coding ([`accepted_codings`]), as a host configured as README.md says would, so
//! the tests and the benchmark load the bytes a visitor's browser is sent.
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

    /// Answers the exact request path `path` (e.g. `/data/innocities.geojson`) with `file`, as
    /// it is: a copy beside it could be left from another file of that name.
    pub fn with_override(mut self, path: &str, file: &Path) -> Self {
        self.overrides.push((path.to_owned(), file.to_path_buf()));
        self
    }

    /// The file for a request URL.
    fn resolve(&self, url: &str) -> Option<Resolved> {
        let path = url.split(['?', '#']).next().unwrap_or("/");
        if let Some((request, file)) = self.overrides.iter().find(|(p, _)| p == path) {
            let is_data = request.trim_start_matches('/').starts_with("data/");
            return file.is_file().then(|| Resolved { file: file.clone(), is_data, is_override: true });
        }
        let (dir, rest) = self
            .mounts
            .iter()
            .find_map(|(prefix, dir)| path.strip_prefix(prefix.as_str()).map(|rest| (dir, format!("/{rest}"))))
            .unwrap_or((&self.root, path.to_owned()));
        let file = resolve(dir, &rest)?;
        let is_data = file.strip_prefix(dir).is_ok_and(|p| p.starts_with("data"));
        Some(Resolved { file, is_data, is_override: false })
    }

    /// The status, headers and body that answer `method` for `target`, precompressed in a
    /// coding of `accepted` (best first) when the file has that copy beside it.
    fn answer(&self, method: &str, target: &str, accepted: &[Coding]) -> (&'static str, Headers, Vec<u8>) {
        if method != "GET" && method != "HEAD" {
            return ("405 Method Not Allowed", Vec::new(), b"method not allowed".to_vec());
        }
        let not_found = ("404 Not Found", Vec::new(), b"not found".to_vec());
        let Some(Resolved { file, is_data, is_override }) = self.resolve(target) else { return not_found };
        // Type and caching follow the name asked for: x.wasm sent from x.wasm.br is still wasm.
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let mut headers = headers_for(&name, is_data, &self.policy);
        let copies: Vec<(Coding, PathBuf)> = if is_override {
            Vec::new()
        } else {
            Coding::ALL
                .iter()
                .map(|&coding| (coding, release::with_suffix(&file, coding.file_suffix())))
                .filter(|(_, copy)| copy.is_file())
                .collect()
        };
        if !copies.is_empty() {
            headers.push(("Vary", "Accept-Encoding".to_owned()));
        }
        let chosen = accepted.iter().find_map(|coding| copies.iter().find(|(c, _)| c == coding));
        let precompressed = chosen.and_then(|(coding, copy)| Some((*coding, std::fs::read(copy).ok()?)));
        let body = match precompressed {
            Some((coding, bytes)) => {
                headers.push(("Content-Encoding", coding.token().to_owned()));
                bytes
            }
            None => match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(_) => return not_found,
            },
        };
        headers.extend(self.extra_headers.iter().cloned());
        ("200 OK", headers, body)
    }
}

/// The file that answers a request path.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Resolved {
    file: PathBuf,
    /// Under data/, so revalidated on every load rather than cached for a year.
    is_data: bool,
    /// Given by [`Site::with_override`], so sent as it is, never from a copy beside it.
    is_override: bool,
}

/// Response headers, in the order they are sent.
type Headers = Vec<(&'static str, String)>;

/// A content coding the release build writes a copy of each compressible file in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// Brotli, in `FILE.br`.
    Brotli,
    /// Gzip, in `FILE.gz`.
    Gzip,
}

impl Coding {
    /// Every coding, in the order the server prefers them: brotli is the smaller.
    pub const ALL: [Coding; 2] = [Coding::Brotli, Coding::Gzip];

    /// Its name in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The suffix of its copy of a file (see [`release::write_precompressed`]).
    pub fn file_suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gz",
        }
    }
}

/// The codings an `Accept-Encoding` value allows, in the server's order of preference
/// ([`Coding::ALL`]). Names are compared without regard to case; `x-gzip` is gzip (RFC 9110,
/// 8.4.1.3); `*` stands for every coding the value does not name; a weight of `q=0` refuses a
/// coding, and a weight that is not a number refuses it too, since the client's intent is unknown.
/// Without the header nothing is compressed: a client that sends none may not decode anything.
pub fn accepted_codings(accept_encoding: Option<&str>) -> Vec<Coding> {
    let Some(value) = accept_encoding else { return Vec::new() };
    let mut named: Vec<(String, bool)> = Vec::new();
    for element in value.split(',') {
        let mut parts = element.split(';');
        let token = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        if token.is_empty() {
            continue;
        }
        let weight = parts.find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            name.trim().eq_ignore_ascii_case("q").then(|| value.trim().parse::<f32>().ok())
        });
        let allowed = match weight {
            None => true,
            Some(Some(q)) => q > 0.0 && q <= 1.0,
            Some(None) => false,
        };
        let token = if token == "x-gzip" { "gzip".to_owned() } else { token };
        named.push((token, allowed));
    }
    let verdict = |token: &str| named.iter().find(|(t, _)| t == token).map(|&(_, allowed)| allowed);
    Coding::ALL.into_iter().filter(|coding| verdict(coding.token()).or_else(|| verdict("*")).unwrap_or(false)).collect()
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
        let mut accept_encoding: Option<String> = None;
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
                let (name, value) = (name.trim(), value.trim());
                close |= name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close");
                if name.eq_ignore_ascii_case("accept-encoding") {
                    // Repeated header lines are one list (RFC 9110, 5.3).
                    accept_encoding = Some(match accept_encoding {
                        Some(earlier) => format!("{earlier}, {value}"),
                        None => value.to_owned(),
                    });
                }
            }
        }
        let mut words = request_line.split_whitespace();
        let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
        // A request body is never read, so after any other method the connection cannot go on.
        close |= method != "GET" && method != "HEAD";
        let (status, headers, body) = site.answer(method, target, &accepted_codings(accept_encoding.as_deref()));
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
        let found = |file: PathBuf, is_data, is_override| Some(Resolved { file, is_data, is_override });
        assert_eq!(site.resolve("/"), found(root.join("index.html"), false, false));
        assert_eq!(site.resolve("/leaflet/"), found(extra.join("index.html"), false, false));
        assert_eq!(site.resolve("/leaflet/index.html?x=1"), found(extra.join("index.html"), false, false));
        assert_eq!(site.resolve("/data/a.geojson?v=2"), found(dir.join("other.geojson"), true, true));
        assert_eq!(site.resolve("/leaflet/../data/a.geojson"), None);
        assert_eq!(
            Site::new(&root).resolve("/data/a.geojson"),
            found(root.join("data").join("a.geojson"), true, false)
        );
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

    /// Sends one request (closing the connection after it) and returns the answer's head and body.
    fn exchange(url: &str, request: &str) -> (String, Vec<u8>) {
        use std::io::{Read, Write};
        let address = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let end = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8(answer[..end + 2].to_vec()).unwrap(), answer[end + 4..].to_vec())
    }

    fn get(url: &str, path: &str, accept_encoding: Option<&str>) -> (String, Vec<u8>) {
        let accept = accept_encoding.map(|value| format!("Accept-Encoding: {value}\r\n")).unwrap_or_default();
        exchange(url, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{accept}Connection: close\r\n\r\n"))
    }

    /// The value of the header `name` in an answer's head.
    fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        head.lines()
            .filter_map(|line| line.split_once(": "))
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// A built-like folder with a page, a binary, a data file and an icon, and their copies.
    fn precompressed_site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("innomap-serve-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>InnoMap</p>".repeat(50)).unwrap();
        std::fs::write(dir.join("innomap-1a2b_bg.wasm"), [0u8, 97, 115, 109, 1, 0, 0, 0].repeat(50)).unwrap();
        std::fs::write(dir.join("data").join("places.geojson"), "{\"features\":[]}".repeat(50)).unwrap();
        std::fs::write(dir.join("favicon-1a2b.png"), [137u8, 80, 78, 71]).unwrap();
        release::write_precompressed(&dir).unwrap();
        dir
    }

    #[test]
    fn the_best_accepted_copy_is_sent_with_the_headers_of_the_file_asked_for() {
        let dir = precompressed_site("codings");
        let (url, _workers) = start_site(Site::new(&dir), 0).unwrap();
        let wasm = dir.join("innomap-1a2b_bg.wasm");
        let bytes_of = |suffix: &str| std::fs::read(release::with_suffix(&wasm, suffix)).unwrap();
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", Some("gzip, br"));
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(header(&head, "Content-Encoding"), Some("br"), "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("application/wasm"), "{head}");
        assert_eq!(header(&head, "Vary"), Some("Accept-Encoding"), "{head}");
        assert_eq!(header(&head, "Cache-Control"), Some("public, max-age=31536000, immutable"), "{head}");
        assert!(header(&head, "Content-Security-Policy").is_some_and(|p| p.starts_with("default-src 'none'")));
        assert_eq!(header(&head, "Content-Length"), Some(body.len().to_string().as_str()));
        assert_eq!(body, bytes_of("br"));
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", Some("gzip"));
        assert_eq!((header(&head, "Content-Encoding"), body), (Some("gzip"), bytes_of("gz")), "{head}");
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", Some("br;q=0, gzip"));
        assert_eq!((header(&head, "Content-Encoding"), body), (Some("gzip"), bytes_of("gz")), "{head}");
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", None);
        assert_eq!((header(&head, "Content-Encoding"), body), (None, std::fs::read(&wasm).unwrap()), "{head}");
        assert_eq!(header(&head, "Vary"), Some("Accept-Encoding"), "the answer depends on the header: {head}");
        // The data files are compressed too, and keep their type and revalidation.
        let (head, body) = get(&url, "/data/places.geojson?v=1", Some("BR"));
        assert_eq!(header(&head, "Content-Encoding"), Some("br"), "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("application/geo+json"), "{head}");
        assert_eq!(header(&head, "Cache-Control"), Some("no-cache"), "{head}");
        assert_eq!(body, std::fs::read(dir.join("data").join("places.geojson.br")).unwrap());
        let (head, body) = get(&url, "/", Some("gzip"));
        assert_eq!(header(&head, "Content-Encoding"), Some("gzip"), "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("text/html; charset=utf-8"), "{head}");
        assert_eq!(body, std::fs::read(dir.join("index.html.gz")).unwrap());
        // HEAD sends the headers GET would, and no body.
        let (get_head, _) = get(&url, "/innomap-1a2b_bg.wasm", Some("br"));
        let (head, body) =
            exchange(&url, "HEAD /innomap-1a2b_bg.wasm HTTP/1.1\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
        assert_eq!((head, body.len()), (get_head, 0));
        // A copy asked for by its own name is a plain file.
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm.br", Some("gzip, br"));
        assert_eq!(header(&head, "Content-Encoding"), None, "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("application/octet-stream"), "{head}");
        assert_eq!(body, bytes_of("br"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_copy_or_an_override_is_sent_as_it_is() {
        let dir = precompressed_site("fallback");
        let wasm = dir.join("innomap-1a2b_bg.wasm");
        std::fs::remove_file(release::with_suffix(&wasm, "br")).unwrap();
        let generated = dir.join("generated.geojson");
        std::fs::write(&generated, "{\"features\":[1]}").unwrap();
        // A copy beside the override could be of an earlier generated file: it is not used.
        std::fs::write(release::with_suffix(&generated, "br"), "stale").unwrap();
        let site = Site::new(&dir).with_override("/data/places.geojson", &generated);
        let (url, _workers) = start_site(site, 0).unwrap();
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", Some("br"));
        assert_eq!((header(&head, "Content-Encoding"), body), (None, std::fs::read(&wasm).unwrap()), "{head}");
        assert_eq!(header(&head, "Vary"), Some("Accept-Encoding"), "a .gz is still there: {head}");
        let (head, body) = get(&url, "/innomap-1a2b_bg.wasm", Some("br, gzip"));
        assert_eq!(header(&head, "Content-Encoding"), Some("gzip"), "{head}");
        assert_eq!(body, std::fs::read(release::with_suffix(&wasm, "gz")).unwrap());
        let (head, body) = get(&url, "/data/places.geojson", Some("gzip, br"));
        assert_eq!((header(&head, "Content-Encoding"), header(&head, "Vary")), (None, None), "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("application/geo+json"), "{head}");
        assert_eq!(body, b"{\"features\":[1]}");
        let (head, body) = get(&url, "/favicon-1a2b.png", Some("gzip, br"));
        assert_eq!((header(&head, "Content-Encoding"), header(&head, "Vary")), (None, None), "{head}");
        assert_eq!(body, [137u8, 80, 78, 71]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn accept_encoding_is_read_as_weighted_tokens() {
        use Coding::{Brotli, Gzip};
        let accepted = |value: &str| accepted_codings(Some(value));
        assert_eq!(accepted_codings(None), []);
        assert_eq!(accepted(""), []);
        assert_eq!(accepted("gzip, deflate, br, zstd"), [Brotli, Gzip]);
        assert_eq!(accepted("gzip, br"), [Brotli, Gzip], "the server's order, not the client's");
        assert_eq!(accepted("GZIP"), [Gzip]);
        assert_eq!(accepted("x-gzip"), [Gzip]);
        assert_eq!(accepted("br;q=0, gzip"), [Gzip]);
        assert_eq!(accepted("br ; Q=0.000 ,gzip;q=0.5"), [Gzip]);
        assert_eq!(accepted("br;q=0.001"), [Brotli]);
        assert_eq!(accepted("br;q=x, gzip;q=2"), [], "weights that are not weights refuse");
        assert_eq!(accepted("identity"), []);
        assert_eq!(accepted("brotli, gzipped"), [], "whole tokens only");
        assert_eq!(accepted("*"), [Brotli, Gzip]);
        assert_eq!(accepted("gzip;q=0, *"), [Brotli]);
        assert_eq!(accepted("*;q=0, gzip"), [Gzip]);
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
