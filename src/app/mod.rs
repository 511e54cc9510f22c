//! The Leptos user interface: thin components that read the app's state, call the core and
//! render.
//!
//! [`start`] asks for the data and mounts [`App`] once it is in hand; [`App`] creates the
//! state ([`state`]) that every component reaches through context, keeps the page address in
//! step with it ([`address_sync`]), and lays out the page: the [`header`], the [`map`] (or the
//! [`list_view`]), and the [`detail_panel`] of the open record.

mod address_sync;
mod data_files;
mod detail_panel;
mod downloads;
mod embed;
mod embed_builder;
mod filter_panel;
mod header;
mod language_switch;
mod list_view;
mod map;
mod map_image;
mod navigation;
mod notices;
mod search_box;
mod share_button;
mod sheet_handle;
mod state;
mod theme_switch;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use innomap_core::data::error::LoadError;
use innomap_core::explore::url_state::{EmbedControls, EmbedScheme, ParsedQuery, UrlState};
use innomap_core::first_view::FIRST_VIEW_ID;
use innomap_core::language::Language;
use innomap_core::map_data::{MapData, BASEMAP_URL, DATA_URL};
use innomap_core::text::ui_text::UiText;

use crate::platform::{
    address_query, after_next_paint, browser_languages, fetch_bytes, mark_performance, remove_element,
    set_document_language, set_text_of, show_theme,
};
use address_sync::sync_address;
use data_files::DataFileBanner;
use detail_panel::DetailPanel;
use header::Header;
use list_view::ListView;
use map::MapView;
use notices::{LoadErrorNotice, LoadingNotice, NoMatchesNotice, SkippedRecordsNotice};
use state::{provide_app_state, use_app_state, LoadState};
use theme_switch::restore_theme;

/// Sends both requests now and reads the answers when they come: the bundled data, or the file
/// the address chose (`data=`, fetched by the rules of `data_files`).
fn load_map_data(chosen: Option<String>) -> impl std::future::Future<Output = Result<MapData, LoadError>> {
    let places: LocalBoxFuture<'static, Result<(String, Vec<u8>), LoadError>> = match chosen {
        None => {
            let request = fetch_bytes(DATA_URL);
            Box::pin(async move { Ok((DATA_URL.to_owned(), request.await?)) })
        }
        Some(written) => Box::pin(data_files::fetch_chosen(written)),
    };
    let requests = futures::future::join(places, fetch_bytes(BASEMAP_URL));
    async move {
        let (places, basemap) = requests.await;
        mark_performance("data-fetched");
        let (name, places) = places?;
        let data = MapData::with_basemap(&name, &places, MapData::read_basemap(&basemap?)?);
        // With "map-ready", these split a cold load into download, reading and first drawing.
        mark_performance("data-read");
        data
    }
}

/// The element of index.html shown from the first paint until the app is mounted, and the
/// element holding its words.
const START_SCREEN_ID: &str = "start-screen";
const START_STATUS_ID: &str = "start-status";

/// Starts the app. The data is asked for at once; meanwhile index.html's start screen (painted
/// long before the WebAssembly has arrived) says "loading" in the visitor's language. The app
/// is mounted when the data is in hand or has failed, so the first frame it draws is the map
/// itself rather than a loading screen followed at once by the map.
pub fn start() {
    let query = address_query();
    let address = UrlState::parse(&query);
    // An embed follows its own scheme and reads nothing from storage; the app on its own
    // follows the visitor's earlier choice on this device.
    match address.options.embed.map(|e| e.scheme) {
        None => restore_theme(),
        Some(EmbedScheme::Light) => show_theme("light"),
        Some(EmbedScheme::Dark) => show_theme("dark"),
        Some(EmbedScheme::Auto) => {}
    }
    for problem in &address.problems {
        // Ignored, with a word for the page's author: the map works on as if it were not there.
        leptos::logging::warn!("InnoMap: {problem}");
    }
    // The address's choice, else the browser's.
    let language = Language::first_choice(address.state.language, &browser_languages());
    set_document_language(language.code());
    set_text_of(START_STATUS_ID, UiText(language).loading());
    let loading = load_map_data(address.options.data_url.clone());
    // wasm-bindgen's own spawner: Leptos sets up its executor only when the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        let first_load = LoadState::from(loading.await);
        remove_element(START_SCREEN_ID);
        leptos::mount::mount_to_body(move || {
            view! { <App first_load=first_load address=address language=language /> }
        });
        // The pre-drawn first view stays under the app until the app's own first frame is
        // painted over it, so no frame shows neither.
        after_next_paint(|| remove_element(FIRST_VIEW_ID));
    });
}

/// The whole application, opening with the outcome of the first load of the data, the page
/// address it was opened with (its state and its options) and the language chosen from it.
#[component]
pub fn App(first_load: LoadState, address: ParsedQuery, language: Language) -> impl IntoView {
    let state = provide_app_state(first_load, address, language);
    sync_address(state);
    if state.is_embed() {
        embed::talk_to_host(state);
    } else {
        data_files::accept_dropped_files(state);
    }
    Effect::new(move |_| set_document_language(state.language.get().code()));
    // The explorer (search, filters, the header's buttons, the detail panel) is built in a task
    // of its own once the first view of the map has been painted: the map is what a visitor
    // waits for, and building the explorer in the same task made the map appear about 20 ms
    // later (side by side, 25 cold loads each; docs/performance.md). Nothing on the map moves
    // when it arrives: the home view is fitted with a fixed padding, not around the header.
    after_next_paint(move || {
        state.explorer_shown.try_set(true);
    });
    // Embed mode's controls, as a class the stylesheet reads (see `EmbedControls`).
    let embed_class = state.start.with_value(|s| match s.options.embed.map(|e| e.controls) {
        None => "app",
        Some(EmbedControls::Full) => "app app--embed",
        Some(EmbedControls::Minimal) => "app app--embed app--controls-minimal",
        Some(EmbedControls::None) => "app app--embed app--controls-none",
    });
    view! {
        <div class=embed_class class=("is-dropping", move || state.dragging_file.get()) lang=move || state.language.get().code()>
            {move || state.dragging_file.get().then(|| view! { <p class="drop-hint">{state.text().drop_file_here()}</p> })}
            <Header />
            <main class="app-main">
                <DataFileBanner />
                <MainArea />
            </main>
            // The panel is a top-level landmark of its own (an aside inside main is not).
            {move || (state.is_ready() && state.explorer_shown.get()).then(|| view! { <DetailPanel /> })}
        </div>
    }
}

/// The map (or the list), or what stands in for them while the data loads or when it failed.
#[component]
fn MainArea() -> impl IntoView {
    let state = use_app_state();
    // Try again, after a failed load.
    let reload = move || {
        state.load.set(LoadState::Loading);
        let loading = load_map_data(state.start.with_value(|s| s.options.data_url.clone()));
        spawn_local(async move { state.load.set(LoadState::from(loading.await)) });
    };
    move || match state.load.get() {
        LoadState::Loading => view! { <LoadingNotice text=state.text() /> }.into_any(),
        LoadState::Failed(error) => {
            view! { <LoadErrorNotice text=state.text() error=error on_retry=reload /> }.into_any()
        }
        LoadState::Ready(data) => {
            let skipped: Vec<String> = data.skipped().map(ToString::to_string).collect();
            view! {
                // The map stays while the list shows, so it comes back where it was.
                <div class="map-area" hidden=move || state.list_mode.get()>
                    <MapView />
                    <NoMatchesNotice />
                </div>
                {move || state.list_mode.get().then(|| view! { <ListView /> })}
                // In a closure of its own, so a change of language redraws the notice, not the map.
                {move || view! { <SkippedRecordsNotice text=state.text() problems=skipped.clone() /> }}
            }
            .into_any()
        }
    }
}
