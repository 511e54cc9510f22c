//! The list view: what the map shows, as sections of buttons that open the panel of a place,
//! an organisation or a project. Its content is `core::explore::list_view`'s; it follows the filters and
//! the open panel like the map.

use leptos::prelude::*;

use innomap_core::data::model::RecordType;
use innomap_core::explore::detail::Target;
use innomap_core::explore::list_view::{ListEntry, ListSections};
use innomap_core::text::ui_text::UiText;

use super::notices::NoMatchesNotice;
use super::state::{use_app_state, AppState};

/// The list of places, organisations and projects.
#[component]
pub fn ListView() -> impl IntoView {
    let state = use_app_state();
    let (data, filtered, language) = (state.data(), state.filtered, state.language);
    let sections =
        Memo::new(move |_| filtered.with(|f| ListSections::new(&data.dataset, &data.all.markers, f, language.get())));
    let text = move || state.text();
    let places = move || {
        let lang = language.get();
        sections.with(|s| {
            s.places
                .iter()
                .map(|(kind, entries)| {
                    let items = entries.iter().map(|entry| list_item(entry, kind.record(), state)).collect_view();
                    view! {
                        <h2>{format!("{} ({})", UiText(lang).kind_plural(*kind), entries.len())}</h2>
                        <ul class="list-view__items">{items}</ul>
                    }
                })
                .collect_view()
        })
    };
    let projects = move || {
        sections.with(|s| {
            let items = s.projects.iter().map(|entry| list_item(entry, RecordType::Project, state)).collect_view();
            (!s.projects.is_empty()).then(|| {
                view! {
                    <h2>{format!("{} ({})", text().projects(), s.projects.len())}</h2>
                    <ul class="list-view__items">{items}</ul>
                }
            })
        })
    };
    view! {
        <section class="list-view" aria-label=move || text().list_label() tabindex="-1">
            <NoMatchesNotice />
            {places}
            {projects}
        </section>
    }
}

/// One line of the list: a button that opens the record's panel, marked while that panel is open.
/// Places carry `data-place-id` so that closing their panel can give focus back here.
fn list_item(entry: &ListEntry, record: RecordType, state: AppState) -> impl IntoView {
    let target = Target { id: entry.id.clone(), record };
    let is_open = {
        let id = entry.id.clone();
        move || state.selected.with(|s| s.as_ref() == Some(&id))
    };
    let place_id = (record != RecordType::Project).then(|| entry.id.as_str().to_owned());
    let project_id = (record == RecordType::Project).then(|| entry.id.as_str().to_owned());
    view! {
        <li>
            <button
                type="button"
                class="list-view__item"
                data-place-id=place_id
                data-project-id=project_id
                aria-current=move || is_open().then_some("true")
                on:click=move |_| state.open_in_place(&target)
            >
                <span class="list-view__name">{entry.name.clone()}</span>
                <span class="list-view__detail">{entry.detail.clone()}</span>
            </button>
        </li>
    }
}

/// The two buttons that show the map or the list.
#[component]
pub fn ViewSwitch() -> impl IntoView {
    let state = use_app_state();
    let list_mode = state.list_mode;
    let text = move || state.text();
    let button = move |is_list: bool| {
        view! {
            <button
                type="button"
                class="view-switch__button"
                aria-pressed=move || if list_mode.get() == is_list { "true" } else { "false" }
                on:click=move |_| list_mode.set(is_list)
            >
                {move || if is_list { text().view_names().1 } else { text().view_names().0 }}
            </button>
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label=move || text().show_as()>
            {button(false)}
            {button(true)}
        </div>
    }
}
