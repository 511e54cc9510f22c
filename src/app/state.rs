//! The app's state: every signal that more than one component reads or writes, created once by
//! [`App`](super::App) and reached by any component with [`use_app_state`].
//!
//! One `Copy` struct of signal handles in a Leptos context (as `leptos-leaflet` and `thaw` do),
//! instead of a dozen signals threaded through props: a component's props are only what is its
//! own. What can be shared by a link is mirrored in the page address (see `address_sync`);
//! the rest lives only as long as the page.

use std::sync::Arc;

use leptos::prelude::*;

use innomap_core::data::error::LoadError;
use innomap_core::data::model::RecordId;
use innomap_core::explore::filter::{Filtered, Filters};
use innomap_core::explore::panel_history::{Arrival, PanelHistory};
use innomap_core::explore::url_state::{MapPosition, PageOptions, ParsedQuery, UrlState};
use innomap_core::geo::latlng::LatLngBounds;
use innomap_core::language::Language;
use innomap_core::layers::basemap::Basemap;
use innomap_core::layers::marker_set::MarkerSet;
use innomap_core::layers::tiles::TileSource;
use innomap_core::map_data::MapData;
use innomap_core::text::ui_text::UiText;
use innomap_core::view::viewport::Zoom;

/// Where loading the data stands. Kept explicit (rather than a resource) so that "Try again"
/// visibly returns to the loading state.
#[derive(Clone, Debug)]
pub enum LoadState {
    /// The data is on its way.
    Loading,
    /// It could not be loaded, for this reason.
    Failed(LoadError),
    /// It is in and read.
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

/// A group of markers shown fanned out: its key, and the grouping level it was opened at (a
/// change of level regroups the markers, which closes it).
#[derive(Clone, Debug, PartialEq)]
pub struct FannedGroup {
    /// The group's key (see `core::layers::marker_layer::LayoutItem::key`).
    pub key: String,
    /// The whole zoom of the grouping it belongs to.
    pub level: Zoom,
}

/// The signals of the app. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Whether the data is loading, failed, or in.
    pub load: RwSignal<LoadState>,
    /// The language of the interface and the data.
    pub language: RwSignal<Language>,
    /// The record whose panel is open.
    pub selected: RwSignal<Option<RecordId>>,
    /// The project whose links are drawn on the map.
    pub shown_project: RwSignal<Option<RecordId>>,
    /// Where the map rests (written by the map once a view settles).
    pub position: RwSignal<Option<MapPosition>>,
    /// A position the map must go to at once (Back and Forward set it).
    pub requested_position: RwSignal<Option<MapPosition>>,
    /// The filters chosen.
    pub filters: RwSignal<Filters>,
    /// Whether the list shows instead of the map.
    pub list_mode: RwSignal<bool>,
    /// A place or organisation chosen outside the map (search, a panel) for the map to show;
    /// taken and cleared by the map.
    pub reveal: RwSignal<Option<RecordId>>,
    /// A request for the map to fit what the filters let through, in the area the cards leave
    /// free (the filter card's "Show N results"); taken by the map.
    pub fit_to_shown: Trigger,
    /// An area the page around an embed asked the map to fit (see `embed`); taken by the map.
    pub fit_area: RwSignal<Option<LatLngBounds>>,
    /// Which data file the map shows: the bundled one, another the address chose, or a local
    /// file being checked.
    pub data_file: RwSignal<DataFile>,
    /// Why the local file the visitor last opened could not be read, if it could not.
    pub file_error: RwSignal<Option<LoadError>>,
    /// Whether a file is being dragged over the page (which may be dropped to check it).
    pub dragging_file: RwSignal<bool>,
    /// The group of markers shown fanned out, if any (the map image draws it too).
    pub fanned: RwSignal<Option<FannedGroup>>,
    /// Every basemap level the map has once it has fetched the detailed one: shared with the
    /// map image, and kept if the map is built again, so the detail is fetched once.
    pub loaded_basemap: RwSignal<Option<Arc<Basemap>>>,
    /// Whether the optional map images (raster tiles) are on.
    pub map_images: RwSignal<bool>,
    /// Whether the explorer (search, filters, the header's buttons, the panel) is built: only
    /// once the map's first frame is painted (see `App`).
    pub explorer_shown: RwSignal<bool>,
    /// How the open record came to be selected: Back and Forward set `History` just before they
    /// change the selection, and the panel reads it (and puts back `Opened`) to know whether
    /// to return to where it was.
    pub arrival: StoredValue<Arrival>,
    /// Where each record's panel was scrolled to, and the records followed to the open one
    /// (tracked for the trail; scroll offsets are noted without notifying).
    pub panels: RwSignal<PanelHistory>,
    /// The address's options for the whole visit, and where the map starts if the address
    /// names a position.
    pub start: StoredValue<Start>,
    /// Address parameters that are not ours, kept in every link.
    pub other_parameters: StoredValue<Vec<String>>,
    /// What the filters let through.
    pub filtered: Memo<Filtered>,
    /// The markers the filters let through, grouped.
    pub shown: Memo<Arc<MarkerSet>>,
    /// The whole shareable state, as the address holds it.
    pub url_state: Memo<UrlState>,
}

/// What the page address set when the page opened.
#[derive(Clone, Debug, Default)]
pub struct Start {
    /// Where the map starts instead of its home view.
    pub position: Option<MapPosition>,
    /// The options for the whole visit.
    pub options: PageOptions,
    /// Whether the address chose the language (which then wins over the embedding page's).
    pub language_from_address: bool,
}

/// The data file the map shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DataFile {
    /// The InnoCities data that comes with the app.
    #[default]
    Bundled,
    /// Another file, by its address (`data=`).
    Address(String),
    /// A local file the visitor opened to check, by its name; read in the browser only.
    Local(String),
}

impl AppState {
    /// The state of an app opened at `address` (its query string read with `UrlState::parse`)
    /// in `language`, with the data in `load`.
    pub fn new(load: LoadState, address: ParsedQuery, language: Language) -> Self {
        let mut start = address;
        // An address that opens a project draws its links, as opening it in the app does.
        if let LoadState::Ready(data) = &load {
            start.state = start.state.completed(&data.dataset);
        }
        let load = RwSignal::new(load);
        let language = RwSignal::new(language);
        let selected = RwSignal::new(start.state.selected.clone());
        let shown_project = RwSignal::new(start.state.project.clone());
        let position = RwSignal::new(start.state.position);
        let filters = RwSignal::new(start.state.filters.clone());
        let list_mode = RwSignal::new(start.state.list);
        let filtered = Memo::new(move |_| {
            load.with(|state| match state {
                LoadState::Ready(data) => filters.with(|f| data.facts.apply(f)),
                LoadState::Loading | LoadState::Failed(_) => Filtered::default(),
            })
        });
        // Compared by identity: a new set is always a change, and comparing two sets of
        // thousands of markers would cost more than redrawing.
        let shown = Memo::new_with_compare(
            move |_| {
                load.with(|state| match state {
                    LoadState::Ready(data) => filtered.with(|f| data.shown_markers(f)),
                    LoadState::Loading | LoadState::Failed(_) => Arc::new(MarkerSet::default()),
                })
            },
            |old, new| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(old, new)),
        );
        let url_state = Memo::new(move |_| UrlState {
            language: Some(language.get()),
            selected: selected.get(),
            project: shown_project.get(),
            position: position.get(),
            filters: filters.get(),
            list: list_mode.get(),
        });
        Self {
            load,
            language,
            selected,
            shown_project,
            position,
            requested_position: RwSignal::new(None),
            filters,
            list_mode,
            reveal: RwSignal::new(None),
            fit_to_shown: Trigger::new(),
            fanned: RwSignal::new(None),
            loaded_basemap: RwSignal::new(None),
            map_images: RwSignal::new(false),
            explorer_shown: RwSignal::new(false),
            arrival: StoredValue::new(Arrival::Opened),
            panels: RwSignal::new(PanelHistory::default()),
            fit_area: RwSignal::new(None),
            file_error: RwSignal::new(None),
            dragging_file: RwSignal::new(false),
            data_file: RwSignal::new(start.options.data_url.clone().map_or(DataFile::Bundled, DataFile::Address)),
            start: StoredValue::new(Start {
                position: start.state.position,
                language_from_address: start.state.language.is_some(),
                options: start.options,
            }),
            other_parameters: StoredValue::new(start.other),
            filtered,
            shown,
            url_state,
        }
    }

    /// The data, once it is in; empty before (the components that show data are only built
    /// once it is ready).
    pub fn data(self) -> Arc<MapData> {
        self.load.with_untracked(|state| match state {
            LoadState::Ready(data) => Arc::clone(data),
            LoadState::Loading | LoadState::Failed(_) => Arc::default(),
        })
    }

    /// Whether the data is in (tracked).
    pub fn is_ready(self) -> bool {
        self.load.with(|state| matches!(state, LoadState::Ready(_)))
    }

    /// The interface wording in the current language (tracked).
    pub fn text(self) -> UiText {
        UiText(self.language.get())
    }

    /// The language as a read-only signal, for components that only read it.
    pub fn language_signal(self) -> Signal<Language> {
        self.language.into()
    }

    /// Where the optional map images come from: the page's choice, else OpenStreetMap.
    pub fn tile_source(self) -> TileSource {
        self.start.with_value(|s| s.options.tile_source.clone()).unwrap_or_else(TileSource::openstreetmap)
    }
}

/// Creates the app's state and makes it reachable from every component built below.
pub fn provide_app_state(load: LoadState, address: ParsedQuery, language: Language) -> AppState {
    let state = AppState::new(load, address, language);
    provide_context(state);
    state
}

/// The app's state. Every component of the app is built under [`App`](super::App), which
/// provides it first; a component built anywhere else gets a state of its own (and says so in
/// the console), so it shows nothing rather than failing.
pub fn use_app_state() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| {
        leptos::logging::error!("a component was built outside the app; it gets an empty state");
        AppState::new(LoadState::Loading, ParsedQuery::default(), Language::default())
    })
}
