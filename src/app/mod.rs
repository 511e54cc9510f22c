//! The Leptos user interface: thin components that hold signals, call `core` and render.
//!
//! [`App`] owns the load state and the selection; [`map_view`] draws the map; [`place_panel`]
//! shows the selected place; [`notices`] shows loading, errors and skipped records.

mod basemap_layer;
mod keyed_signals;
mod map_view;
mod notices;
mod place_panel;
mod scale_bar;
mod settled_view;
mod tile_layer;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::dataset::{MapData, BASEMAP_URL, DATA_URL};
use crate::core::error::LoadError;
use crate::core::i18n::{Language, UiText};
use crate::core::model::RecordId;
use crate::platform::fetch_text;

use map_view::MapView;
use notices::{LoadErrorNotice, LoadingNotice, SkippedRecordsNotice};
use place_panel::PlacePanel;

/// Where loading the data stands. Kept explicit (rather than a resource) so that "Try again"
/// visibly returns to the loading state.
#[derive(Clone, Debug)]
enum LoadState {
    Loading,
    Failed(LoadError),
    Ready(Arc<MapData>),
}

async fn load_map_data() -> Result<MapData, LoadError> {
    let (places, basemap) = futures::future::join(fetch_text(DATA_URL), fetch_text(BASEMAP_URL)).await;
    MapData::from_texts(&places?, &basemap?)
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let language = Signal::derive(|| Language::En);
    let load_state = RwSignal::new(LoadState::Loading);
    let selected = RwSignal::new(None::<RecordId>);
    // The project whose links are drawn on the map, chosen in the panel.
    let shown_project = RwSignal::new(None::<RecordId>);

    let load = move || {
        load_state.set(LoadState::Loading);
        spawn_local(async move {
            load_state.set(match load_map_data().await {
                Ok(data) => LoadState::Ready(Arc::new(data)),
                Err(error) => LoadState::Failed(error),
            });
        });
    };
    load();

    view! {
        <div class="app" lang=move || language.get().code()>
            <header class="app-title">
                <h1>"InnoMap"</h1>
                <p>"InnoCities of Finland and their partners"</p>
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
                        view! {
                            <MapView data=data selected=selected shown_project=shown_project language=language />
                            <SkippedRecordsNotice text=UiText(language.get()) problems=skipped />
                        }
                            .into_any()
                    }
                }}
            </main>
            // The panel is a top-level landmark of its own (an aside inside main is not).
            {move || match load_state.get() {
                LoadState::Ready(data) => Some(view! { <PlacePanel data=data selected=selected shown_project=shown_project language=language /> }),
                LoadState::Loading | LoadState::Failed(_) => None,
            }}
        </div>
    }
}
