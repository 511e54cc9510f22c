//! A static file server for dist/ on loopback, used by `cargo xtask run` and the browser tests.
//!
//! It sends the headers a production host should send (the CSP, nosniff, no referrer, and the
//! cache policy documented in README.md), so the tests exercise the app as it will be deployed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tiny_http::{Header, Method, Response, Server};

use crate::release::CONTENT_SECURITY_POLICY;
use crate::Outcome;

/// Serves `dir` on 127.0.0.1:`port` until the process is stopped.
pub fn serve_forever(dir: &Path, port: u16) -> Outcome {
    if !dir.join("index.html").exists() {
        return Err(format!("{} has no index.html; run `cargo xtask build` first", dir.display()));
    }
    let (url, workers) = start(dir, port)?;
    println!("\nInnoMap is served at {url} (serving {}; press Ctrl+C to stop)", dir.display());
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// Starts serving `dir` on 127.0.0.1:`port` (0 picks a free port) in background threads and
/// returns the base URL.
pub fn start(dir: &Path, port: u16) -> Result<(String, Vec<std::thread::JoinHandle<()>>), String> {
    let server = Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let address = server.server_addr().to_ip().ok_or("the server has no IP address")?;
    let server = Arc::new(server);
    let workers = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let dir = dir.to_path_buf();
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    let _ = respond(&dir, request);
                }
            })
        })
        .collect();
    Ok((format!("http://{address}/"), workers))
}

fn respond(dir: &Path, request: tiny_http::Request) -> std::io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(Response::from_string("method not allowed").with_status_code(405));
    }
    let Some(file) = resolve(dir, request.url()) else {
        return request.respond(Response::from_string("not found").with_status_code(404));
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return request.respond(Response::from_string("not found").with_status_code(404));
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let is_data = file.strip_prefix(dir).is_ok_and(|p| p.starts_with("data"));
    let mut response = Response::from_data(bytes);
    for (key, value) in headers_for(&name, is_data) {
        if let Ok(header) = Header::from_bytes(key.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    request.respond(response)
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

/// Response headers for a file: its type, the security headers, and the cache policy (hashed
/// build files forever, the page and the data files revalidated on every load).
pub fn headers_for(name: &str, is_data: bool) -> Vec<(&'static str, String)> {
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
    let hashed = !is_data && name != "index.html";
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", cache.to_owned()),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY.to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn hashed_files_cache_forever_and_the_page_and_data_revalidate() {
        let cache = |name, data| headers_for(name, data).into_iter().find(|(k, _)| *k == "Cache-Control").unwrap().1;
        assert_eq!(cache("innomap-1a2b_bg.wasm", false), "public, max-age=31536000, immutable");
        assert_eq!(cache("index.html", false), "no-cache");
        assert_eq!(cache("innocities.geojson", true), "no-cache");
        let wasm = headers_for("x.wasm", false);
        assert!(wasm.contains(&("Content-Type", "application/wasm".to_owned())));
    }
}
