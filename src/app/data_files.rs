//! Other data files than the bundled one: the file a page chooses by address (`data=`), and a
//! local file a city's web editor opens (or drops on the page) to check it before publishing.
//! Both are read by the same reader as the bundled data, so the map shows every valid record
//! and the problem list names each broken one. A local file is read in the browser and never
//! sent anywhere.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use innomap_core::data::error::{DataUrlRefusal, LoadError};
use innomap_core::explore::data_source::{check_data_url, ResolvedUrl, DATA_TIMEOUT_MS, MAX_DATA_BYTES};
use innomap_core::explore::filter::Filters;
use innomap_core::map_data::MapData;

use super::state::{use_app_state, AppState, DataFile, LoadState};
use crate::platform::embed::page_origin;
use crate::platform::files::{chosen_file, dropped_file, fetch_data_file, read_local_file, resolve_address};
use crate::platform::{close_menu_of, listen};

/// The file the address chose, once the core's rule allows its address: its resolved address
/// (for the messages) and its bytes.
pub async fn fetch_chosen(written: String) -> Result<(String, Vec<u8>), LoadError> {
    let resolved = resolve_address(&written);
    let checked = match &resolved {
        Some(address) => check_data_url(
            &ResolvedUrl {
                href: &address.href,
                protocol: &address.protocol,
                hostname: &address.hostname,
                origin: &address.origin,
            },
            &page_origin(),
        ),
        None => Err(DataUrlRefusal::NotAnAddress),
    };
    let url = resolved.as_ref().map_or(written.clone(), |a| a.href.clone());
    checked.map_err(|refusal| LoadError::NotAllowed { url: url.clone(), refusal })?;
    let origin = resolved.map(|a| a.origin).unwrap_or_default();
    let bytes = fetch_data_file(url.clone(), origin, MAX_DATA_BYTES, DATA_TIMEOUT_MS).await?;
    Ok((url, bytes))
}

/// Reads `file` over the basemap the map has and shows it in place of the data; a file that
/// cannot be read at all leaves the map as it was and says why.
fn open_local_file(state: AppState, file: web_sys::File) {
    let LoadState::Ready(current) = state.load.get_untracked() else { return };
    let basemap = current.basemap.clone();
    spawn_local(async move {
        let name = file.name();
        let read = match read_local_file(file, MAX_DATA_BYTES).await {
            Ok(bytes) => MapData::with_basemap(&name, &bytes, basemap),
            Err(error) => Err(error),
        };
        match read {
            Ok(data) => {
                show_another_file(state, DataFile::Local(name));
                state.load.set(LoadState::Ready(Arc::new(data)));
                state.fit_to_shown.notify();
            }
            Err(error) => state.file_error.set(Some(error)),
        }
    });
}

/// Notes that the map now shows `file`: what was open or filtered belonged to the one before.
fn show_another_file(state: AppState, file: DataFile) {
    state.selected.set(None);
    state.shown_project.set(None);
    state.filters.set(Filters::default());
    state.file_error.set(None);
    state.data_file.set(file);
}

/// Goes back from a local file to the data the page started with.
fn back_to_the_page_data(state: AppState) {
    let chosen = state.start.with_value(|s| s.options.data_url.clone());
    show_another_file(state, chosen.clone().map_or(DataFile::Bundled, DataFile::Address));
    state.load.set(LoadState::Loading);
    let loading = super::load_map_data(chosen);
    spawn_local(async move { state.load.set(LoadState::from(loading.await)) });
}

/// "Check your own data file": a file picker for the GeoJSON a city is about to publish.
#[component]
pub fn CheckFileButton() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    view! {
        <label class="tools__item check-file">
            {move || text().check_own_file()}
            <input
                type="file"
                class="check-file__input"
                accept=".geojson,.json,application/geo+json,application/json"
                on:change=move |ev| {
                    close_menu_of(&ev);
                    if let Some(file) = chosen_file(&ev) {
                        open_local_file(state, file);
                    }
                }
            />
        </label>
    }
}

/// Says which file the map shows when it is not the bundled one (a local file: that it stayed
/// in the browser, and the way back), and why a local file could not be read.
#[component]
pub fn DataFileBanner() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let shown = move || match state.data_file.get() {
        DataFile::Local(name) => Some(view! {
            <p class="data-file__what">{move || text().local_file_shown(&name)}</p>
            <button type="button" class="button data-file__back" on:click=move |_| back_to_the_page_data(state)>
                {move || text().back_to_page_data()}
            </button>
        }),
        DataFile::Bundled | DataFile::Address(_) => None,
    };
    let error = move || {
        state
            .file_error
            .get()
            .map(|error| view! { <p class="data-file__error">{move || text().load_error(&error)}</p> })
    };
    view! {
        <div class="data-file" role="status" hidden=move || {
            state.file_error.with(Option::is_none) && state.data_file.with(|f| !matches!(f, DataFile::Local(_)))
        }>
            {shown}
            {error}
        </div>
    }
}

/// A file dropped anywhere on the page is opened to check it, as the picker would; while one is
/// dragged over the page, the page says it may be dropped. Not in an embed, which shows the
/// page's chosen data only.
pub fn accept_dropped_files(state: AppState) {
    let Some(window) = web_sys::window() else { return };
    let dragging = state.dragging_file;
    let over = listen(&window, "dragover", false, move |ev: web_sys::DragEvent| {
        let carries_files = ev.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
        if carries_files {
            // Without this the browser would open the file itself, leaving the app.
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let left = listen(&window, "dragleave", true, move |ev: web_sys::DragEvent| {
        // Leaving the window, not one element for another.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let dropped = listen(&window, "drop", false, move |ev: web_sys::DragEvent| {
        dragging.set(false);
        if let Some(file) = dropped_file(&ev) {
            ev.prevent_default();
            open_local_file(state, file);
        }
    });
    on_cleanup(move || drop((over, left, dropped)));
}
