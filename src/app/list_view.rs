//! The list view: what the map shows, as sections of buttons that open the panel of a place,
//! an organisation or a project. Its content is `core::list_view`'s; it follows the filters and
//! the open panel like the map.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dataset::MapData;
use crate::core::detail::Target;
use crate::core::filter::Filtered;
use crate::core::i18n::{Language, UiText};
use crate::core::list_view::{ListEntry, ListSections};
use crate::core::model::RecordType;

use super::navigation::Navigator;

/// The list of places, organisations and projects.
#[component]
pub fn ListView(
    data: Arc<MapData>,
    filtered: Memo<Filtered>,
    navigator: Navigator,
    language: Signal<Language>,
) -> impl IntoView {
    let sections =
        Memo::new(move |_| filtered.with(|f| ListSections::new(&data.dataset, &data.all.markers, f, language.get())));
    let text = move || UiText(language.get());
    let places = move || {
        let lang = language.get();
        sections.with(|s| {
            s.places
                .iter()
                .map(|(kind, entries)| {
                    let items = entries.iter().map(|entry| list_item(entry, kind.record(), navigator)).collect_view();
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
            let items = s.projects.iter().map(|entry| list_item(entry, RecordType::Project, navigator)).collect_view();
            (!s.projects.is_empty()).then(|| {
                view! {
                    <h2>{format!("{} ({})", text().projects(), s.projects.len())}</h2>
                    <ul class="list-view__items">{items}</ul>
                }
            })
        })
    };
    view! {
        <section class="list-view" aria-label=move || text().list_label()>
            {places}
            {projects}
        </section>
    }
}

/// One line of the list: a button that opens the record's panel, marked while that panel is open.
/// Places carry `data-place-id` so that closing their panel can give focus back here.
fn list_item(entry: &ListEntry, record: RecordType, navigator: Navigator) -> impl IntoView {
    let target = Target { id: entry.id.clone(), record };
    let is_open = {
        let id = entry.id.clone();
        move || navigator.selected.with(|s| s.as_ref() == Some(&id))
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
                on:click=move |_| navigator.open_in_place(&target)
            >
                <span class="list-view__name">{entry.name.clone()}</span>
                <span class="list-view__detail">{entry.detail.clone()}</span>
            </button>
        </li>
    }
}

/// The two buttons that show the map or the list.
#[component]
pub fn ViewSwitch(list_mode: RwSignal<bool>, language: Signal<Language>) -> impl IntoView {
    let text = move || UiText(language.get());
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
