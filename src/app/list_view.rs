//! The list view: what the map shows, as sections of buttons that select a place or
//! organisation (opening its panel), and the projects shown. Its content is
//! `core::list_view`'s; it follows the filters and the selection like the map.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dataset::MapData;
use crate::core::filter::Filtered;
use crate::core::i18n::{Language, UiText};
use crate::core::list_view::ListSections;
use crate::core::model::RecordId;

/// The list of places, organisations and projects.
#[component]
pub fn ListView(
    data: Arc<MapData>,
    filtered: Memo<Filtered>,
    selected: RwSignal<Option<RecordId>>,
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
                    let items = entries
                        .iter()
                        .map(|entry| {
                            let id = entry.id.clone();
                            let is_selected = {
                                let id = id.clone();
                                move || selected.with(|s| s.as_ref() == Some(&id))
                            };
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="list-view__item"
                                        data-place-id=id.as_str().to_owned()
                                        aria-current=move || is_selected().then_some("true")
                                        on:click=move |_| selected.set(Some(id.clone()))
                                    >
                                        <span class="list-view__name">{entry.name.clone()}</span>
                                        <span class="list-view__detail">{entry.detail.clone()}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view();
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
            let items = s
                .projects
                .iter()
                .map(|entry| {
                    view! {
                        <li class="list-view__project">
                            <span class="list-view__name">{entry.name.clone()}</span>
                            <span class="list-view__detail">{entry.detail.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
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
