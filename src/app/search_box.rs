//! The search field: a combobox (WAI-ARIA 1.2 pattern) whose suggestions come from
//! `core::explore::search`. Arrow keys move through the suggestions, Enter takes one, Escape closes the
//! list (and a second Escape clears the field); the number of matches is announced.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use innomap_core::explore::search::Suggestion;

use super::state::use_app_state;

const INPUT_ID: &str = "search-input";
const LIST_ID: &str = "search-suggestions";

fn option_id(index: usize) -> String {
    format!("search-option-{index}")
}

/// The search field with its suggestions; `on_choose` gets the suggestion taken.
#[component]
pub fn SearchBox(on_choose: impl Fn(Suggestion) + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_app_state();
    let (data, language) = (state.data(), state.language);
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let suggestions = Memo::new(move |_| query.with(|q| data.search.search(q, language.get())));
    let text = move || state.text();
    let expanded = move || open.get() && suggestions.with(|s| !s.is_empty());

    let choose = move |index: usize| {
        let Some(chosen) = suggestions.with_untracked(|s| s.get(index).cloned()) else { return };
        query.set(chosen.name.clone());
        open.set(false);
        active.set(None);
        on_choose(chosen);
    };
    let on_key = move |ev: KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                let step = |i: usize| if ev.key() == "ArrowDown" { (i + 1) % count } else { (i + count - 1) % count };
                active.update(|a| *a = Some(a.map_or(if ev.key() == "ArrowDown" { 0 } else { count - 1 }, step)));
            }
            "Enter" if count > 0 => {
                ev.prevent_default();
                choose(active.get_untracked().unwrap_or(0));
            }
            "Escape" => {
                // Handled here, so the Escape that closes the list does not also close the panel.
                ev.stop_propagation();
                if open.get_untracked() && count > 0 {
                    open.set(false);
                    active.set(None);
                } else {
                    query.set(String::new());
                }
            }
            _ => {}
        }
    };

    view! {
        <div class="search">
            <label class="visually-hidden" for=INPUT_ID>{move || text().search_label()}</label>
            <input
                id=INPUT_ID
                class="search__input"
                type="search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=LIST_ID
                aria-expanded=move || if expanded() { "true" } else { "false" }
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                placeholder=move || text().search_placeholder()
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_key
                on:blur=move |_| open.set(false)
            />
            <ul id=LIST_ID class="search__suggestions" role="listbox" aria-label=move || text().search_label() hidden=move || !expanded()>
                {move || {
                    let lang = language.get();
                    suggestions
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, suggestion)| {
                            let kind = suggestion.kind.label(lang);
                            view! {
                                <li
                                    id=option_id(index)
                                    class="search__option"
                                    role="option"
                                    aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
                                    // Taken on mousedown, before the field's blur closes the list.
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        choose(index);
                                    }
                                >
                                    <span class="search__name">{suggestion.name}</span>
                                    {suggestion.matched_other_name.map(|(other_language, other)| view! {
                                        " "
                                        <span class="search__other" lang=other_language.code()>{format!("({other})")}</span>
                                    })}
                                    <span class="search__kind">{kind}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="visually-hidden" aria-live="polite">
                {move || if query.with(|q| q.trim().is_empty()) { String::new() } else { text().search_results(suggestions.with(Vec::len)) }}
            </p>
        </div>
    }
}
