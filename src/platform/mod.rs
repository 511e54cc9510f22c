//! The browser edge: the only place that touches the network, measures the DOM or registers raw
//! event listeners. Everything here is a thin translation between browser types and `core` types,
//! so the rules stay testable on the host.

pub mod embed;
pub mod files;

use gloo_net::http::{Request, Response};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AddEventListenerOptions, Element, EventTarget, HtmlElement, ResizeObserver};

use innomap_core::data::error::LoadError;
use innomap_core::geo::geometry::{ScreenPoint, ScreenRect, ScreenSize};

/// Fetches a file relative to the page, as bytes: the core decodes them (and reports bytes that
/// are not UTF-8 as a data problem, see `core::data::envelope::decode_text`). Errors are turned
/// into words a visitor can act on.
///
/// The request is sent when this is called, not when the future is first polled: the app asks
/// for its data before it builds its first view, so the answer is on its way while it does.
pub fn fetch_bytes(url: &str) -> impl std::future::Future<Output = Result<Vec<u8>, LoadError>> {
    let url = url.to_owned();
    let sent = match early_request(&url) {
        Some(early) => Ok(JsFuture::from(early)),
        None => Request::get(&url).build().map_err(|e| e.to_string()).and_then(|request| {
            let window = web_sys::window().ok_or_else(|| "no browser window".to_owned())?;
            Ok(JsFuture::from(window.fetch_with_request(&request.into())))
        }),
    };
    async move {
        let network = |reason: String| LoadError::Network { url: url.clone(), reason };
        let answer = sent.map_err(network)?.await.map_err(|e| network(error_text(&e)))?;
        let response = Response::from(answer.dyn_into::<web_sys::Response>().map_err(|e| network(error_text(&e)))?);
        if !response.ok() {
            return Err(LoadError::HttpStatus {
                url: url.clone(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        // Read as bytes: a JS string passed into WebAssembly is copied into a buffer sized for
        // the worst case of UTF-8 (three bytes per character), which for a file of megabytes
        // reserved memory that is never given back.
        response.binary().await.map_err(|e| network(e.to_string()))
    }
}

/// The request for `url` that index.html's script sent before the binary had arrived
/// (`innomapEarly`), taken once: a second load of the same file (Try again) asks anew. The page
/// sends the start-up files itself rather than preloading them, since a preload the app takes
/// more than a few seconds after the page's load (a slow phone network) draws a console warning.
fn early_request(url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str("innomapEarly")).ok()?;
    let early = early.dyn_into::<js_sys::Object>().ok()?;
    let key = wasm_bindgen::JsValue::from_str(url);
    let request = js_sys::Reflect::get(&early, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&early, &key);
    Some(request)
}

/// What a browser error says (a `TypeError`'s message, "Failed to fetch"), without its stack:
/// the words a visitor may be shown in brackets.
pub fn error_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}

/// Records a `performance.mark`, which the benchmark and tests read.
pub fn mark_performance(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // A failed mark only loses a measurement; the app carries on.
        let _ = performance.mark(name);
    }
}

/// Runs `callback` on the next animation frame (after the browser has laid out the new DOM).
pub fn on_next_frame(callback: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let closure = Closure::once_into_js(callback);
    let _ = window.request_animation_frame(closure.unchecked_ref());
}

/// Whether the visitor has asked their system for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches())
}

/// Calls `step` once per animation frame with the progress (0 to 1) through `duration_ms`, the
/// last call with exactly 1. `step` returns `false` to stop early (a newer animation, or the user
/// took over).
pub fn animate(duration_ms: f64, mut step: impl FnMut(f64) -> bool + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let Some(window) = web_sys::window() else { return };
    let now = |w: &web_sys::Window| w.performance().map_or(0.0, |p| p.now());
    let start = now(&window);
    // The frame callback re-registers itself, so it has to be able to reach its own closure.
    type SelfScheduling = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;
    let frame: SelfScheduling = Rc::new(RefCell::new(None));
    let next = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        let Some(window) = web_sys::window() else { return };
        let progress = if duration_ms > 0.0 { ((now(&window) - start) / duration_ms).min(1.0) } else { 1.0 };
        let go_on = step(progress) && progress < 1.0;
        if go_on {
            if let Some(callback) = next.borrow().as_ref() {
                let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
            }
        } else {
            // A closure cannot free itself while it runs: free it on the next frame.
            let finished = next.clone();
            on_next_frame(move || drop(finished.borrow_mut().take()));
        }
    }));
    if let Some(callback) = frame.borrow().as_ref() {
        let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
    };
}

/// Runs `callback` after `ms` milliseconds.
pub fn after_delay(ms: i32, callback: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let closure = Closure::once_into_js(callback);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms);
}

/// Runs `callback` once the next frame has been painted: for work the first view need not wait
/// for (a task queued from an animation frame runs after that frame's paint).
pub fn after_next_paint(callback: impl FnOnce() + 'static) {
    on_next_frame(move || after_delay(0, callback));
}

/// The element's size in CSS pixels.
pub fn element_size(element: &Element) -> ScreenSize {
    let rect = element.get_bounding_client_rect();
    ScreenSize::new(rect.width(), rect.height())
}

/// A viewport-relative pointer position converted to the element's own coordinates.
pub fn local_point(element: &Element, client_x: f64, client_y: f64) -> ScreenPoint {
    let rect = element.get_bounding_client_rect();
    ScreenPoint::new(client_x - rect.left(), client_y - rect.top())
}

/// Whether the app may move keyboard focus now: always on its own, but in a frame only while
/// the frame has the focus already (the visitor is working in the map). A map embedded in a
/// city's page never takes the focus from the page, whatever opens a panel: a message from
/// the page, or a change the visitor made elsewhere.
fn may_move_focus() -> bool {
    !is_framed() || web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.has_focus().unwrap_or(false))
}

/// Whether the app runs in a frame of another page.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    matches!(window.parent(), Ok(Some(parent)) if parent != window)
}

/// Moves keyboard focus to the first element matching `selector`, if any (and if the app may:
/// see [`may_move_focus`]).
pub fn focus_selector(selector: &str) {
    if !may_move_focus() {
        return;
    }
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        // The map element clips its markers; scrolling it to reveal one would shift the map.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Closes a `<details>` disclosure (a menu, the filter card) and gives keyboard focus to its
/// own summary, so a keyboard user stays where they opened it.
pub fn close_disclosure(details: &web_sys::HtmlDetailsElement) {
    details.set_open(false);
    let summary =
        details.query_selector(":scope > summary").ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(summary) = summary {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = summary.focus_with_options(&options);
    }
}

/// Closes the `<details>` menu that `event` came from (a choice made in it), focus going back to
/// its summary.
pub fn close_menu_of(event: &web_sys::Event) {
    let menu = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("details").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok());
    if let Some(menu) = menu {
        close_disclosure(&menu);
    }
}

/// Scrolls the first element matching `selector` to `offset` CSS pixels from its top, at once.
pub fn scroll_selector_to(selector: &str, offset: f64) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        element.set_scroll_top(offset.round() as i32);
    }
}

/// How far the element a scroll event came from is scrolled down, in CSS pixels.
pub fn scrolled_offset(event: &web_sys::Event) -> f64 {
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map_or(0.0, |e| f64::from(e.scroll_top()))
}

/// The element that had keyboard focus when a panel opened, to give focus back to when it closes.
#[derive(Default)]
pub struct FocusReturn(Option<HtmlElement>);

impl FocusReturn {
    /// Remembers the element focused now.
    pub fn capture() -> Self {
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        Self(active.and_then(|e| e.dyn_into::<HtmlElement>().ok()))
    }

    /// The summary of a `<details>` disclosure (a menu), to give focus back to once what one of
    /// its items opened is closed.
    pub fn of_summary(details: &web_sys::HtmlDetailsElement) -> Self {
        let summary = details.query_selector(":scope > summary").ok().flatten();
        Self(summary.and_then(|e| e.dyn_into::<HtmlElement>().ok()))
    }

    /// Focuses the remembered element if it is still on the page and shown; `false` otherwise
    /// (it was a link in a panel that has since changed, or a marker that scrolled away).
    pub fn restore(&self) -> bool {
        let Some(element) = &self.0 else { return false };
        if !may_move_focus() {
            return false;
        }
        // `offsetParent` is null for an element that is hidden or no longer in the document.
        if !element.is_connected() || element.offset_parent().is_none() {
            return false;
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        element.focus_with_options(&options).is_ok()
    }
}

/// Whether keyboard focus has fallen back to the page body (its element was removed).
pub fn focus_is_lost() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    let active = document.as_ref().and_then(|d| d.active_element());
    let body = document.as_ref().and_then(|d| d.body());
    match (active, body) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.as_ref(),
        (Some(_), None) => false,
    }
}

/// Keeps a browser listener or observer alive; dropping it detaches it. `Send` so Leptos cleanup
/// hooks can own it (the app is single-threaded; the wrapper checks that at run time).
pub struct Subscription(SendWrapper<Option<Box<dyn FnOnce()>>>);

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(detach) = Option::take(&mut *self.0) {
            detach();
        }
    }
}

/// Calls `handler` with every `event` (a DOM event name such as `"pointerdown"`) of type `E` on
/// `target`, until the returned subscription is dropped. `passive: false` lets the handler
/// prevent the browser's default (a wheel that would scroll the page, or a host page around an
/// iframe, instead of zooming the map).
pub fn listen<E: JsCast + 'static>(
    target: &EventTarget,
    event: &'static str,
    passive: bool,
    handler: impl Fn(E) + 'static,
) -> Subscription {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Ok(typed) = event.dyn_into::<E>() {
            handler(typed);
        }
    });
    let options = AddEventListenerOptions::new();
    options.set_passive(passive);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        event,
        closure.as_ref().unchecked_ref(),
        &options,
    );
    let target = target.clone();
    Subscription(SendWrapper::new(Some(Box::new(move || {
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }))))
}

/// Calls `on_refusal` whenever the page's Content-Security-Policy refuses an address that
/// starts with `origin` (the browser then never asks that server).
pub fn on_refused_by_policy(origin: String, on_refusal: impl Fn() + 'static) -> Option<Subscription> {
    let document = web_sys::window()?.document()?;
    Some(listen(&document, "securitypolicyviolation", true, move |event: web_sys::SecurityPolicyViolationEvent| {
        if event.blocked_uri().starts_with(&origin) {
            on_refusal();
        }
    }))
}

/// An attribute selector, `[name="value"]`, that matches `value` exactly whatever characters it
/// holds: the value is escaped with `CSS.escape`, so a selector built from data (a record id)
/// can never become another selector.
pub fn attribute_is(name: &str, value: &str) -> String {
    format!("[{name}=\"{}\"]", web_sys::css::escape(value))
}

/// Lets the element capture the pointer, so a drag goes on when the pointer leaves it.
pub fn capture_pointer(element: &Element, pointer_id: i32) {
    // Refused for a pointer that is no longer down: the gesture has ended anyway.
    let _ = element.set_pointer_capture(pointer_id);
}

/// Calls `on_resize` with the element's new size whenever it changes (window resize, phone
/// rotation, a host page resizing an iframe or a container).
pub fn observe_size(element: &Element, on_resize: impl Fn(ScreenSize) + 'static) -> Subscription {
    let observed = element.clone();
    observe_resizes(std::slice::from_ref(element), move || on_resize(element_size(&observed)))
}

/// Calls `on_change` with [`boxes_over`] `element` of what matches `selector` now, and again
/// whenever one of them or `element` changes size (a header growing as its controls arrive, a
/// legend opened, another language's longer words). What matches only later is not watched.
pub fn observe_boxes_over(
    element: &Element,
    selector: &str,
    on_change: impl Fn(Vec<ScreenRect>) + 'static,
) -> Subscription {
    let mut watched = vec![element.clone()];
    if let Some(found) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all(selector).ok())
    {
        watched.extend((0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<Element>().ok()));
    }
    let (origin, selector) = (element.clone(), selector.to_owned());
    observe_resizes(&watched, move || on_change(boxes_over(&origin, &selector)))
}

/// One `ResizeObserver` on `elements`, calling `on_resize` once per batch of changes (and once
/// when it starts, as observers do).
fn observe_resizes(elements: &[Element], on_resize: impl Fn() + 'static) -> Subscription {
    let closure = Closure::<dyn Fn()>::new(on_resize);
    let observer = ResizeObserver::new(closure.as_ref().unchecked_ref()).ok();
    if let Some(observer) = &observer {
        for element in elements {
            observer.observe(element);
        }
    }
    Subscription(SendWrapper::new(Some(Box::new(move || {
        if let Some(observer) = observer {
            observer.disconnect();
        }
        drop(closure);
    }))))
}

/// Calls `on_resize` whenever an element matching one of `selectors` (each its first match, as
/// the page has it now) changes size, and once at the start.
pub fn observe_resizes_of(selectors: &[&str], on_resize: impl Fn() + 'static) -> Option<Subscription> {
    let document = web_sys::window()?.document()?;
    let elements: Vec<Element> =
        selectors.iter().filter_map(|selector| document.query_selector(selector).ok().flatten()).collect();
    Some(observe_resizes(&elements, on_resize))
}

/// Whether `event` was aimed at `element` itself rather than at one of its children.
pub fn is_event_on(event: &web_sys::Event, element: &Element) -> bool {
    event.target().is_some_and(|target| {
        let target: &wasm_bindgen::JsValue = target.as_ref();
        let element: &wasm_bindgen::JsValue = element.as_ref();
        target == element
    })
}

/// The `data-key` of the nearest element matching `selector` that `event` was aimed at (the
/// target or one of its ancestors): for one listener on a container instead of one per item.
pub fn event_item_key(event: &web_sys::Event, selector: &str) -> Option<String> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target.closest(selector).ok().flatten()?.get_attribute("data-key")
}

/// The query string of the page address (`?…`, or empty).
pub fn address_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The browser's Back, as if its button were pressed.
pub fn go_back_in_history() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// Writes `query` into the page address, keeping the path and any `#` fragment: as a new step of
/// the browser's history (so Back returns to the previous one) or in place of the current step.
/// Nothing happens if the address already has this query.
pub fn write_address_query(query: &str, new_step: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    if location.search().ok().as_deref() == Some(query) {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let fragment = location.hash().unwrap_or_default();
    let url = format!("{path}{query}{fragment}");
    let Ok(history) = window.history() else { return };
    // A refused write (a sandboxed frame, say) only loses the shareable address.
    let _ = if new_step {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// The visitor's preferred languages, most preferred first (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let listed: Vec<String> = navigator.languages().iter().filter_map(|l| l.as_string()).collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets the `lang` attribute of the whole document, which screen readers and the browser's
/// hyphenation and translation offers go by.
pub fn set_document_language(code: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

fn element_by_id(id: &str) -> Option<Element> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
}

/// Replaces the text of the element with the id `id`, if there is one.
pub fn set_text_of(id: &str, text: &str) {
    if let Some(element) = element_by_id(id) {
        element.set_text_content(Some(text));
    }
}

/// Removes the element with the id `id` from the page, if there is one.
pub fn remove_element(id: &str) {
    if let Some(element) = element_by_id(id) {
        element.remove();
    }
}

/// The full address of the page, for sharing.
pub fn page_address() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Copies `text` to the clipboard; `false` if the browser refused (no permission, or a frame
/// that does not allow it), so the caller can offer the text to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Whether the system asks for a dark colour scheme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches())
}

const THEME_KEY: &str = "innomap-theme";

/// The colour scheme the visitor chose on this device before (`"light"` or `"dark"`), if any.
/// Kept in the browser's local storage only, never sent anywhere.
pub fn stored_theme() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok().flatten()?;
    storage.get_item(THEME_KEY).ok().flatten().filter(|t| t == "light" || t == "dark")
}

/// The colour scheme the page is shown in (`data-theme` on `<html>`), if one was set (by the
/// visitor's earlier choice or an embed's `scheme=`); `None` when it follows the system.
pub fn shown_theme() -> Option<String> {
    let root = web_sys::window()?.document()?.document_element()?;
    root.get_attribute("data-theme").filter(|t| t == "light" || t == "dark")
}

/// Shows the page in a colour scheme (`data-theme` on `<html>`) without remembering it: an
/// embed's choice.
pub fn show_theme(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Applies the visitor's colour scheme to the page (`data-theme` on `<html>`) and remembers it.
pub fn apply_theme(theme: &str) {
    show_theme(theme);
    let Some(window) = web_sys::window() else { return };
    // Storage can be refused (private browsing, a sandboxed frame): the choice then lasts for
    // this visit only.
    if let Some(storage) = window.local_storage().ok().flatten() {
        let _ = storage.set_item(THEME_KEY, theme);
    }
}

/// The colours the page's CSS custom properties `properties` resolve to now (as `rgb(…)`), in
/// order; an empty string for one that cannot be read. Read through a hidden probe's computed
/// colour, because a property's own value is its unresolved text (`light-dark(…)`), which only
/// a browser can draw.
pub fn resolved_colours(properties: &[&str]) -> Vec<String> {
    let resolve = || -> Option<Vec<String>> {
        let window = web_sys::window()?;
        let document = window.document()?;
        let probe = document.create_element("span").ok()?.dyn_into::<HtmlElement>().ok()?;
        probe.set_attribute("aria-hidden", "true").ok()?;
        probe.style().set_property("display", "none").ok()?;
        document.body()?.append_child(&probe).ok()?;
        let colours = properties
            .iter()
            .map(|property| {
                let _ = probe.style().set_property("color", &format!("var({property})"));
                window
                    .get_computed_style(&probe)
                    .ok()
                    .flatten()
                    .and_then(|style| style.get_property_value("color").ok())
                    .unwrap_or_default()
            })
            .collect();
        probe.remove();
        Some(colours)
    };
    resolve().unwrap_or_default()
}

/// A length the page's CSS sets on its root as a custom property in pixels (`--marker-hit:
/// 44px`), so that the core spaces things the size the stylesheet draws them.
pub fn root_length_px(property: &str) -> Option<f64> {
    let window = web_sys::window()?;
    let root = window.document()?.document_element()?;
    let value = window.get_computed_style(&root).ok()??.get_property_value(property).ok()?;
    value.trim().strip_suffix("px")?.trim().parse().ok()
}

/// The boxes of the shown elements matching `selector` (panels and controls floating over the
/// map), relative to `element`'s top-left corner, so fitted views and labels can keep clear of
/// them.
pub fn boxes_over(element: &Element, selector: &str) -> Vec<ScreenRect> {
    let origin = element.get_bounding_client_rect();
    let Some(found) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all(selector).ok())
    else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
        .map(|e| e.get_bounding_client_rect())
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        // Whole pixels, rounded outwards: a box that moved by a fraction of a pixel is the
        // same box, so observers do not lay the map out again for it.
        .map(|r| ScreenRect {
            left: (r.left() - origin.left()).floor(),
            top: (r.top() - origin.top()).floor(),
            right: (r.right() - origin.left()).ceil(),
            bottom: (r.bottom() - origin.top()).ceil(),
        })
        .collect()
}

/// The size of the first element matching `selector`, if there is one.
pub fn size_of(selector: &str) -> Option<ScreenSize> {
    let element = web_sys::window()?.document()?.query_selector(selector).ok().flatten()?;
    Some(element_size(&element))
}

/// Offers `content` to the visitor as a downloaded file named `file_name`. Nothing leaves the
/// browser: the file is made from memory (a `blob:` address, released once taken).
pub fn download(file_name: &str, mime_type: &str, content: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    // Released a moment later, once the browser has started the download.
    after_delay(1000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}
