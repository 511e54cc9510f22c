//! The browser edge of other data files: a file a page chooses by address (`data=`), fetched
//! with a size cap and a timeout and with each failure told apart, and a local file a city's
//! editor opens or drops to check it (read in the browser, never sent anywhere). Whether an
//! address may be fetched at all is the core's rule (`core::explore::data_source`).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use innomap_core::data::error::LoadError;

use super::{after_delay, error_text, on_refused_by_policy};

/// An address resolved by the browser's own URL parser, against the page.
pub struct ResolvedAddress {
    /// The whole address.
    pub href: String,
    /// `https:`, `http:`, `data:` …
    pub protocol: String,
    /// The host name, without the port.
    pub hostname: String,
    /// `https://host:port`, or `null` for schemes without one.
    pub origin: String,
}

/// `written` resolved against the page's address; `None` if the browser cannot read it as an
/// address at all.
pub fn resolve_address(written: &str) -> Option<ResolvedAddress> {
    let base = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(written, &base).ok()?;
    Some(ResolvedAddress { href: url.href(), protocol: url.protocol(), hostname: url.hostname(), origin: url.origin() })
}

/// Fetches the data file at `url` (already allowed by the core's rule): at most `limit` bytes,
/// within `timeout_ms`. A failure says which of these it was: the page's security policy
/// refused the host, the host answered but does not share the file with other sites (CORS), no
/// answer, an error status, too large, too slow.
pub async fn fetch_data_file(url: String, origin: String, limit: usize, timeout_ms: u32) -> Result<Vec<u8>, LoadError> {
    let controller = web_sys::AbortController::new().map_err(|e| network(&url, &e))?;
    let timed_out = Rc::new(Cell::new(false));
    {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        after_delay(i32::try_from(timeout_ms).unwrap_or(i32::MAX), move || {
            timed_out.set(true);
            controller.abort();
        });
    }
    // The policy's refusal comes as an event, not in the fetch's error.
    let refused = Rc::new(Cell::new(false));
    let watch = {
        let refused = refused.clone();
        on_refused_by_policy(origin, move || refused.set(true))
    };
    let outcome = fetch_capped(&url, &controller, limit).await;
    let outcome = match outcome {
        Err(Failure::Rejected(reason)) => {
            // Let a policy violation event queued with the rejection arrive first.
            sleep(50).await;
            Err(if timed_out.get() {
                LoadError::TimedOut { url: url.clone(), seconds: timeout_ms / 1000 }
            } else if refused.get() {
                LoadError::BlockedByPolicy { url: url.clone() }
            } else if answers_without_sharing(&url).await {
                LoadError::NotShared { url: url.clone() }
            } else {
                LoadError::Network { url: url.clone(), reason }
            })
        }
        Err(Failure::Load(error)) => Err(error),
        Ok(bytes) => Ok(bytes),
    };
    drop(watch);
    // The timer may still fire; aborting a finished request does nothing.
    outcome
}

/// Why [`fetch_capped`] gave up: the browser rejected the request (no answer, CORS, the
/// policy, an abort), or the answer itself is unusable.
enum Failure {
    Rejected(String),
    Load(LoadError),
}

async fn fetch_capped(url: &str, controller: &web_sys::AbortController, limit: usize) -> Result<Vec<u8>, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Rejected("no browser window".to_owned()))?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    // A city's file is public data: never send the visitor's cookies with it.
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| Failure::Rejected(error_text(&e)))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|e| Failure::Rejected(error_text(&e)))?;
    if !response.ok() {
        return Err(Failure::Load(LoadError::HttpStatus {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        }));
    }
    let too_large = || Failure::Load(LoadError::TooLarge { url: url.to_owned(), limit_bytes: limit });
    let announced =
        response.headers().get("content-length").ok().flatten().and_then(|n| n.trim().parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        controller.abort();
        return Err(too_large());
    }
    // Read piece by piece, so a server that sends more than it announced (or nothing about its
    // size) is stopped at the cap rather than filling the memory.
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|e| Failure::Rejected(error_text(&e)))?;
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| Failure::Rejected(error_text(&e)))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map(|d| d.is_truthy()).unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) else { continue };
        let piece = js_sys::Uint8Array::new(&value);
        if bytes.len() + piece.length() as usize > limit {
            controller.abort();
            return Err(too_large());
        }
        let start = bytes.len();
        bytes.resize(start + piece.length() as usize, 0);
        piece.copy_to(&mut bytes[start..]);
    }
}

/// Whether the host of `url` answers a request whose answer the page may not read (`no-cors`):
/// if it does, the earlier failure was the host not sharing the file (CORS), not the network.
async fn answers_without_sharing(url: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.is_ok()
}

/// Reads a local file the visitor chose or dropped, if it is at most `limit` bytes.
pub async fn read_local_file(file: web_sys::File, limit: usize) -> Result<Vec<u8>, LoadError> {
    let name = file.name();
    if file.size() > limit as f64 {
        return Err(LoadError::TooLarge { url: name, limit_bytes: limit });
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| network(&name, &e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first file of a drop, if it carries files.
pub fn dropped_file(event: &web_sys::DragEvent) -> Option<web_sys::File> {
    event.data_transfer()?.files()?.get(0)
}

/// The first file chosen in a file input.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // Cleared, so choosing the same file again (after fixing it) is a change too.
    input.set_value("");
    file
}

fn sleep(ms: i32) -> impl std::future::Future<Output = ()> {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    after_delay(ms, move || {
        let _ = done.send(());
    });
    async move {
        let _ = wait.await;
    }
}

fn network(url: &str, value: &wasm_bindgen::JsValue) -> LoadError {
    LoadError::Network { url: url.to_owned(), reason: error_text(value) }
}
