//! The browser edge of embed mode: the Fullscreen API, and the messages between the map and the
//! page that embeds it (`window.postMessage`). What a message means, whether it is obeyed and
//! what the map says back are the core's (`core::explore::host_message`); here a message is only
//! turned into JSON text and back.

pub use super::is_framed;
use super::{listen, Subscription};

/// Whether this document may go full screen (an iframe needs `allow="fullscreen"`).
pub fn fullscreen_available() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.fullscreen_enabled())
}

/// Whether the document is shown full screen now.
pub fn is_fullscreen() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.fullscreen_element().is_some())
}

/// Shows the whole app full screen, or leaves full screen. A refusal (no user gesture, a frame
/// without the permission) changes nothing, and `fullscreenchange` never comes.
pub fn toggle_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        // A promise that rejects when refused; nothing is waiting on it.
        let _ = root.request_fullscreen();
    }
}

/// Calls `on_change` whenever the document enters or leaves full screen.
pub fn on_fullscreen_change(on_change: impl Fn() + 'static) -> Option<Subscription> {
    let document = web_sys::window()?.document()?;
    Some(listen(&document, "fullscreenchange", true, move |_: web_sys::Event| on_change()))
}

/// A message from the page around the map: the sender's origin and the message as JSON text.
pub struct HostMessage {
    /// `MessageEvent.origin`, as the browser vouches for it.
    pub origin: String,
    /// The message data, as `JSON.stringify` writes it.
    pub json: String,
}

/// Calls `on_message` with every message the parent window sends this one. Messages from any
/// other window (a child frame, a popup, the app itself) are dropped here, and so is data that
/// cannot be written as JSON (a cycle, a function).
pub fn on_host_message(on_message: impl Fn(HostMessage) + 'static) -> Option<Subscription> {
    let window = web_sys::window()?;
    let parent: js_sys::Object = window.parent().ok().flatten()?.into();
    Some(listen(&window, "message", true, move |event: web_sys::MessageEvent| {
        let from_parent = event.source().is_some_and(|source| js_sys::Object::is(&source, &parent));
        if !from_parent {
            return;
        }
        let Ok(json) = js_sys::JSON::stringify(&event.data()) else { return };
        let Some(json) = json.as_string() else { return };
        on_message(HostMessage { origin: event.origin(), json });
    }))
}

/// Posts a message, given as JSON text, to the parent window, for `target_origin` only (`*`:
/// any). It arrives as an object, as the protocol says.
pub fn post_to_host(json: &str, target_origin: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    let Ok(message) = js_sys::JSON::parse(json) else { return };
    // A target the parent's origin does not match drops the message, which is the point.
    let _ = parent.post_message(&message, target_origin);
}

/// The page's origin (`https://kartta.example.fi`).
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The page's address without its query and fragment: where the standalone map lives.
pub fn app_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// Keeps a touch that has become two fingers from scrolling the page around the map (the map
/// pans and zooms with them), while one finger is left to the page (`touch-action: pan-x pan-y`
/// in style.css lets the browser scroll with it).
pub fn keep_two_finger_touches(element: &web_sys::Element) -> Subscription {
    listen(element, "touchmove", false, move |event: web_sys::TouchEvent| {
        if event.touches().length() >= 2 && event.cancelable() {
            event.prevent_default();
        }
    })
}
