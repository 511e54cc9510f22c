//! The Leptos user interface: thin components that hold signals, call `core` and render.
//!
//! [`start`] asks for the data and mounts [`App`] once it is in hand; [`App`] owns the load state
//! and the shareable state; [`map_view`] draws the map;
//! [`detail_panel`] shows the open place, organisation, project or theme ([`navigation`] opens
//! one from anywhere); [`notices`] shows loading, errors and skipped records.

mod basemap_layer;
mod detail_panel;
mod filter_panel;
mod keyed_signals;
mod language_switch;
mod list_view;
mod map_image;
mod map_view;
mod navigation;
mod notices;
mod scale_bar;
mod search_box;
mod settled_view;
mod share_button;
mod theme_switch;
mod tile_layer;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::basemap::Basemap;
use crate::core::dataset::{MapData, MarkerSet, BASEMAP_URL, DATA_URL};
use crate::core::detail::Target;
use crate::core::error::LoadError;
use crate::core::filter::Filtered;
use crate::core::i18n::{Language, UiText};
use crate::core::model::RecordId;
use crate::core::model::RecordType;
use crate::core::search::{ResultKind, Suggestion};
use crate::core::url_state::{MapPosition, ParsedQuery, UrlState};
use crate::platform::{
    address_query, after_next_paint, browser_languages, fetch_text, mark_performance, remove_element,
    set_document_language, set_text_of, write_address_query,
};

use detail_panel::DetailPanel;
use filter_panel::FilterPanel;
use language_switch::LanguageSwitch;
use list_view::{ListView, ViewSwitch};
use map_image::MapImageButton;
use map_view::MapView;
use navigation::Navigator;
use notices::{LoadErrorNotice, LoadingNotice, SkippedRecordsNotice};
use search_box::SearchBox;
use share_button::ShareButton;
use theme_switch::{restore_theme, ThemeSwitch};

/// Where loading the data stands. Kept explicit (rather than a resource) so that "Try again"
/// visibly returns to the loading state.
#[derive(Clone, Debug)]
enum LoadState {
    Loading,
    Failed(LoadError),
    Ready(Arc<MapData>),
}

impl From<Result<MapData, LoadError>> for LoadState {
    fn from(outcome: Result<MapData, LoadError>) -> Self {
        match outcome {
            Ok(data) => Self::Ready(Arc::new(data)),
            Err(error) => Self::Failed(error),
        }
    }
}

/// Sends both requests now and reads the answers when they come.
fn load_map_data() -> impl std::future::Future<Output = Result<MapData, LoadError>> {
    let requests = futures::future::join(fetch_text(DATA_URL), fetch_text(BASEMAP_URL));
    async move {
        let (places, basemap) = requests.await;
        mark_performance("data-fetched");
        let data = MapData::from_texts(&places?, &basemap?);
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
    restore_theme();
    let address = UrlState::parse(&address_query());
    // The address's choice, else the browser's.
    let language = Language::first_choice(address.state.language, &browser_languages());
    set_document_language(language.code());
    set_text_of(START_STATUS_ID, UiText(language).loading());
    let loading = load_map_data();
    // wasm-bindgen's own spawner: Leptos sets up its executor only when the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        let first_load = loading.await;
        remove_element(START_SCREEN_ID);
        leptos::mount::mount_to_body(move || view! { <App first_load=first_load address=address language=language /> });
    });
}

/// The whole application, opening with the outcome of the first load of the data, the page
/// address it was opened with and the language chosen from it.
#[component]
pub fn App(first_load: Result<MapData, LoadError>, address: ParsedQuery, language: Language) -> impl IntoView {
    let load_state = RwSignal::new(LoadState::from(first_load));
    // The shareable state starts from the page address (see core::url_state), completed with
    // what the records imply (an opened project draws its links).
    let mut start = address;
    if let LoadState::Ready(data) = load_state.get_untracked() {
        start.state = start.state.completed(&data.dataset);
    }
    let language = RwSignal::new(language);
    let selected = RwSignal::new(start.state.selected.clone());
    // The project whose links are drawn on the map, chosen in the panel.
    let shown_project = RwSignal::new(start.state.project.clone());
    // Where the map rests (written by the map), and a position it must go to (Back, Forward).
    let position = RwSignal::new(start.state.position);
    let requested_position = RwSignal::new(None::<MapPosition>);
    let other_parameters = StoredValue::new(start.other);
    let filters = RwSignal::new(start.state.filters.clone());
    let list_mode = RwSignal::new(start.state.list);
    // What the filters let through, and the markers to draw: recomputed when the filters change.
    let filtered = Memo::new(move |_| {
        load_state.with(|state| match state {
            LoadState::Ready(data) => filters.with(|f| data.facts.apply(f)),
            LoadState::Loading | LoadState::Failed(_) => Filtered::default(),
        })
    });
    // Compared by identity: a new set is always a change, and comparing two sets of thousands
    // of markers would cost more than redrawing.
    let shown = Memo::new_with_compare(
        move |_| {
            load_state.with(|state| match state {
                LoadState::Ready(data) => filtered.with(|f| data.shown_markers(f)),
                LoadState::Loading | LoadState::Failed(_) => Arc::new(MarkerSet::default()),
            })
        },
        |old, new| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(old, new)),
    );
    // A place chosen outside the map (in search, a panel or the list), for the map to fly to.
    let reveal = RwSignal::new(None::<RecordId>);
    // The stacked group the map shows fanned out, by key, and every basemap level the map has
    // once it has fetched the detail: the map image draws what the map shows.
    let fanned = RwSignal::new(None::<String>);
    let loaded_basemap = RwSignal::new(None::<Arc<Basemap>>);
    // The shareable state as one value: written to the address, and the base of every in-app link.
    let url_state = Memo::new(move |_| UrlState {
        language: Some(language.get()),
        selected: selected.get(),
        project: shown_project.get(),
        position: position.get(),
        filters: filters.get(),
        list: list_mode.get(),
    });
    let navigator = Navigator { selected, shown_project, reveal, state: url_state, other_parameters };
    let choose = move |suggestion: Suggestion| {
        let record = match suggestion.kind {
            ResultKind::Place(_) => RecordType::Place,
            ResultKind::Organisation => RecordType::Organisation,
            ResultKind::Project => RecordType::Project,
            ResultKind::Theme => RecordType::Theme,
        };
        navigator.open(&Target { id: suggestion.id, record });
    };

    Effect::new(move |_| set_document_language(language.get().code()));
    // Every change of the shareable state is written to the address: a new selection as a new
    // history step, anything else in place of the current one.
    // The first write only completes the address the page was opened with, so it replaces it, and
    // it waits until the first view has been painted: a same-document navigation costs the
    // browser 10-20 ms of a cold load's main thread here, and the first view does not need it.
    let address_live = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        let next = url_state.get();
        if !address_live.get_value() {
            if previous.is_none() {
                after_next_paint(move || {
                    // The app may have gone meanwhile (a failed load's "Try again").
                    let (Some(latest), Some(other)) = (url_state.try_get_untracked(), other_parameters.try_get_value())
                    else {
                        return;
                    };
                    address_live.try_set_value(true);
                    write_address_query(&latest.to_query(&other), false);
                });
            }
            return;
        }
        let current = UrlState::parse(&address_query()).state;
        let new_step = current.is_new_step(&next);
        write_address_query(&next.to_query(&other_parameters.get_value()), new_step);
    });
    // Back and Forward restore the state of that step.
    let history = window_event_listener(leptos::ev::popstate, move |_| {
        let step = UrlState::parse(&address_query());
        selected.set(step.state.selected);
        shown_project.set(step.state.project);
        if let Some(chosen) = step.state.language {
            language.set(chosen);
        }
        if step.state.position.is_some() {
            requested_position.set(step.state.position);
        }
        filters.set(step.state.filters);
        list_mode.set(step.state.list);
        other_parameters.set_value(step.other);
    });
    on_cleanup(move || history.remove());
    let language_signal: Signal<Language> = language.into();
    // The explorer (search, filters, the header's buttons, the detail panel) is built in a task
    // of its own once the first view of the map has been painted: the map is what a visitor
    // waits for, and building the explorer in the same task made the map appear about 20 ms
    // later (side by side, 25 cold loads each; docs/performance.md). Nothing on the map moves
    // when it arrives: the home view is fitted with a fixed padding, not around the header.
    let explorer_shown = RwSignal::new(false);
    after_next_paint(move || {
        explorer_shown.try_set(true);
    });

    // Try again, after a failed load.
    let load = move || {
        load_state.set(LoadState::Loading);
        let loading = load_map_data();
        spawn_local(async move { load_state.set(LoadState::from(loading.await)) });
    };

    view! {
        <div class="app" lang=move || language.get().code()>
            <header class="app-title">
                <h1>"InnoMap"</h1>
                <p class="app-title__tagline">{move || UiText(language.get()).tagline()}</p>
                <LanguageSwitch language=language />
                {move || match load_state.get() {
                    LoadState::Ready(data) if explorer_shown.get() => Some(view! {
                        <SearchBox data=data.clone() language=language_signal on_choose=choose />
                        <FilterPanel data=data.clone() filters=filters filtered=filtered language=language_signal>
                            <MapImageButton
                                data=data
                                shown=shown
                                position=position
                                fanned=fanned
                                loaded_basemap=loaded_basemap
                                navigator=navigator
                                language=language_signal
                            />
                        </FilterPanel>
                        <div class="header-actions">
                            <ViewSwitch list_mode=list_mode language=language_signal />
                            <ShareButton language=language_signal />
                            <ThemeSwitch language=language_signal />
                        </div>
                    }),
                    LoadState::Ready(_) | LoadState::Loading | LoadState::Failed(_) => None,
                }}
            </header>
            <main class="app-main">
                {move || match load_state.get() {
                    LoadState::Loading => view! { <LoadingNotice text=UiText(language.get()) /> }.into_any(),
                    LoadState::Failed(error) => {
                        view! { <LoadErrorNotice text=UiText(language.get()) error=error on_retry=load /> }
                            .into_any()
                    }
                    LoadState::Ready(data) => {
                        let skipped: Vec<String> = data.skipped().map(ToString::to_string).collect();
                        let list_data = data.clone();
                        view! {
                            // The map stays while the list shows, so it comes back where it was.
                            <div class="map-area" hidden=move || list_mode.get()>
                            <MapView
                                data=data
                                shown=shown
                                selected=selected
                                shown_project=shown_project
                                language=language_signal
                                initial_position=start.state.position
                                requested_position=requested_position
                                position=position
                                reveal=reveal
                                fanned=fanned
                                loaded_basemap=loaded_basemap
                            />
                            </div>
                            {move || list_mode.get().then(|| view! {
                                <ListView data=list_data.clone() filtered=filtered navigator=navigator language=language_signal />
                            })}
                            // In a closure of its own, so a change of language redraws the notice, not the map.
                            {move || view! { <SkippedRecordsNotice text=UiText(language.get()) problems=skipped.clone() /> }}
                        }
                            .into_any()
                    }
                }}
            </main>
            // The panel is a top-level landmark of its own (an aside inside main is not).
            {move || match load_state.get() {
                LoadState::Ready(data) if explorer_shown.get() => {
                    Some(view! { <DetailPanel data=data navigator=navigator language=language_signal /> })
                }
                LoadState::Ready(_) | LoadState::Loading | LoadState::Failed(_) => None,
            }}
        </div>
    }
}
