//! Embed mode's own parts: the full-screen button and the link to the full map,
//! and the talk with the page around the iframe (the protocol is the core's:
//! `core::explore::host_message`). The page may set the language, open a record, set the
//! filters and fit an area; the map tells it when it is ready, what the visitor opened, where
//! the view rests, its language, and (with `height=auto`) the height it needs.

use leptos::prelude::*;

use innomap_core::explore::detail::Target;
use innomap_core::explore::host_message::{
    embed_height, origin_allowed, read_host_message, HostCommand, Ignored, MapMessage, MessageTarget,
};
use innomap_core::explore::url_state::EmbedHeight;
use innomap_core::language::Language;

use super::state::{use_app_state, AppState};
use crate::platform::embed::{
    app_address, fullscreen_available, is_framed, is_fullscreen, on_fullscreen_change, on_host_message, post_to_host,
    toggle_fullscreen,
};
use crate::platform::{observe_resizes_of, size_of};

impl AppState {
    /// Whether the app is embedded (`embed=1`).
    pub fn is_embed(self) -> bool {
        self.start.with_value(|s| s.options.embed.is_some())
    }

    /// The address of the standalone map with this state, embed options left out: where "open
    /// the full map" goes (untracked).
    pub fn full_map_address(self) -> String {
        let query = self.url_state.with_untracked(|s| s.standalone_query(&self.other_parameters.get_value()));
        format!("{}{query}", app_address())
    }
}

/// The embed's full-screen button, among the map's own buttons (where the browser allows it).
#[component]
pub fn FullscreenButton() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let full_screen = RwSignal::new(is_fullscreen());
    let watch = on_fullscreen_change(move || full_screen.set(is_fullscreen()));
    on_cleanup(move || drop(watch));
    (state.is_embed() && fullscreen_available()).then(|| {
        view! {
            <button
                type="button"
                class="map-controls__button map-controls__fullscreen"
                aria-pressed=move || full_screen.get().to_string()
                aria-label=move || text().full_screen()
                title=move || text().full_screen()
                on:click=move |_| toggle_fullscreen()
            >
                // Four arrows pointing out of the middle: "bigger", unlike the corners of "show
                // everything".
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M6 6 2 2M2 6V2h4M10 6l4-4M10 2h4v4M6 10l-4 4M2 10v4h4M10 10l4 4M14 10v4h-4" fill="none" stroke="currentColor" stroke-width="1.8" />
                </svg>
            </button>
        }
    })
}

/// "Open the full map ↗" in the embed's credit line: the standalone map with the embed's whole
/// state (view, panel, filters, language, data), in a new tab.
#[component]
pub fn FullMapLink() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    state.is_embed().then(|| {
        view! {
            <a
                class="attribution__full-map"
                href=move || {
                    state.url_state.track();
                    state.full_map_address()
                }
                target="_blank"
                rel="noopener noreferrer"
            >
                {move || text().open_full_map()}
                <span class="visually-hidden">{move || text().opens_in_new_tab()}</span>
                <span aria-hidden="true">" ↗"</span>
            </a>
            " · "
        }
    })
}

/// Talks with the page around an embed, for as long as the app lives. Nothing happens outside
/// embed mode or outside a frame.
pub fn talk_to_host(state: AppState) {
    let Some(embed) = state.start.with_value(|s| s.options.embed) else { return };
    if !is_framed() {
        return;
    }
    let origins = state.start.with_value(|s| s.options.allowed_origins.clone());
    let listed = origins.clone();
    // The language nobody has chosen yet: the page's hint may replace it, the visitor's or the
    // page's own choice may not.
    let unchosen = StoredValue::new(
        (!state.start.with_value(|s| s.language_from_address)).then(|| state.language.get_untracked()),
    );
    let listening = on_host_message(move |message| {
        if !origin_allowed(&listed, &message.origin) {
            return;
        }
        match read_host_message(&message.json) {
            Ok(command) => obey(state, command, unchosen),
            Err(Ignored::NotOurs) => {}
            // Not an error of the map's: a word for the page's developer, in the console's
            // quietest level.
            Err(ignored) => leptos::logging::log!("InnoMap: a message from the page was ignored: {ignored}"),
        }
    });
    on_cleanup(move || drop(listening));
    let origins = StoredValue::new(origins);
    let tell = move |message: MapMessage| {
        let json = message.to_json();
        match message.target() {
            MessageTarget::AnyOrigin => post_to_host(&json, "*"),
            MessageTarget::ListedOrigins => {
                origins.with_value(|listed| listed.iter().for_each(|origin| post_to_host(&json, origin)));
            }
        }
    };
    tell_the_host(state, tell);
    report_the_height(embed.height, tell);
}

/// What the page asked for, done.
fn obey(state: AppState, command: HostCommand, unchosen: StoredValue<Option<Language>>) {
    match command {
        HostCommand::SetLanguage(language) => {
            if state.language.get_untracked() != language {
                state.language.set(language);
            }
        }
        HostCommand::PageLanguage(language) => {
            // A hint: the address's choice and the visitor's own come first.
            let current = state.language.get_untracked();
            if current != language && unchosen.get_value() == Some(current) {
                unchosen.set_value(Some(language));
                state.language.set(language);
            }
        }
        HostCommand::Open(Some(id)) => {
            let record = state.data().dataset.record_type(&id);
            if let Some(record) = record {
                state.open(&Target { id, record });
            }
        }
        HostCommand::Open(None) => state.selected.set(None),
        HostCommand::SetFilters(filters) => state.filters.set(filters),
        HostCommand::Fit(area) => state.fit_area.set(Some(area)),
    }
}

/// Tells the page when the map is ready, and then each change of the selection, the resting view
/// and the language, each with the full map's address for the new state.
fn tell_the_host(state: AppState, tell: impl Fn(MapMessage) + Copy + 'static) {
    Effect::new(move |told: Option<bool>| {
        if told == Some(true) {
            return true;
        }
        let ready = state.is_ready() && state.explorer_shown.get();
        if ready {
            tell(MapMessage::Ready { language: state.language.get_untracked(), url: state.full_map_address() });
        }
        ready
    });
    Effect::new(move |previous: Option<()>| {
        let id = state.selected.get();
        if previous.is_none() {
            return;
        }
        let data = state.data();
        let record = id.as_ref().and_then(|id| data.dataset.record_type(id));
        let language = state.language.get_untracked();
        let name = id.as_ref().and_then(|id| data.dataset.name_of(id)).map(|n| n.get(language).to_owned());
        tell(MapMessage::Selection { id, record, name, url: state.full_map_address() });
    });
    Effect::new(move |previous: Option<()>| {
        let Some(position) = state.position.get() else { return };
        if previous.is_some() {
            tell(MapMessage::View { map: position.write(), url: state.full_map_address() });
        }
    });
    Effect::new(move |previous: Option<()>| {
        let language = state.language.get();
        if previous.is_some() {
            tell(MapMessage::Language { language, url: state.full_map_address() });
        }
    });
}

/// Posts the height the embed needs now and whenever it changes: with `height=auto`, the
/// header and a map in proportion to the width; with a fixed height, the height the iframe has
/// (so a host script that sizes the iframe from it changes nothing). The first message also
/// tells a host script that the map now listens.
fn report_the_height(mode: EmbedHeight, tell: impl Fn(MapMessage) + Copy + 'static) {
    let measure = move || {
        let page = size_of("html").unwrap_or_default();
        match mode {
            EmbedHeight::Auto => embed_height(page.width, size_of(".app-title").map_or(0.0, |s| s.height)),
            EmbedHeight::Fixed => page.height.max(0.0).round() as u32,
        }
    };
    let last = StoredValue::new(0);
    let report = move || {
        let height = measure();
        if last.get_value() != height {
            last.set_value(height);
            tell(MapMessage::Height(height));
        }
    };
    report();
    let watch = observe_resizes_of(&["html", ".app-title"], report);
    on_cleanup(move || drop(watch));
}
