//! The header card over the map: the title, the languages, and once the explorer is built,
//! search, filters, map or list, copy link, downloads and dark mode.

use leptos::prelude::*;

use innomap_core::explore::detail::Target;

use super::downloads::Downloads;
use super::filter_panel::FilterPanel;
use super::language_switch::LanguageSwitch;
use super::list_view::ViewSwitch;
use super::search_box::SearchBox;
use super::share_button::ShareButton;
use super::state::use_app_state;
use super::theme_switch::ThemeSwitch;

/// The header.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let explorer = move || {
        (state.is_ready() && state.explorer_shown.get()).then(|| {
            view! {
                <SearchBox on_choose=move |suggestion| {
                    state.open(&Target { id: suggestion.id, record: suggestion.kind.record() })
                } />
                <FilterPanel />
                <div class="header-actions">
                    <ViewSwitch />
                    <ShareButton />
                    <Downloads />
                </div>
            }
        })
    };
    view! {
        <header class="app-title">
            <h1>"InnoMap"</h1>
            <p class="app-title__tagline">{move || state.text().tagline()}</p>
            <div class="header-settings">
                <LanguageSwitch />
                {move || (state.is_ready() && state.explorer_shown.get()).then(|| view! { <ThemeSwitch /> })}
            </div>
            {explorer}
        </header>
    }
}
