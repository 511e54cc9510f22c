//! The filters: themes, kinds of place, countries and a range of years, as checkboxes and two
//! year menus in a disclosure (a sheet of its own on a phone), with a live region that says what
//! they let through and a "Show N results" action that closes the card and fits the map to them. What each filter means is `core::explore::filter`'s; these
//! components only edit the [`Filters`] value.

use std::collections::BTreeSet;

use leptos::prelude::*;

use innomap_core::data::model::MarkerKind;
use innomap_core::explore::filter::{Filters, TIMELINE};
use innomap_core::text::place_names::country_name;

use super::state::use_app_state;
use crate::platform::close_disclosure;

/// Flips `value` in or out of `set`.
fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

/// The filter disclosure and the count of what is shown.
#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = use_app_state();
    let (filters, filtered) = (state.filters, state.filtered);
    let text = move || state.text();
    let card = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(details) = card.get_untracked() {
            close_disclosure(&details);
        }
    };
    let result_count = move || filtered.with(|f| f.place_count + f.organisation_count);
    // Closing first, so the map fits into the room the closed card leaves.
    let show_results = move |_| {
        close();
        state.fit_to_shown.notify();
    };
    let close_on_escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && card.get_untracked().is_some_and(|d| d.open()) {
            ev.stop_propagation();
            close();
        }
    };
    view! {
        <details class="filters" node_ref=card on:keydown=close_on_escape>
            <summary>{move || text().filters(filters.with(Filters::count))}</summary>
            <div class="filters__body">
                <fieldset>
                    <legend>{move || text().filter_themes()}</legend>
                    <ThemeChoices />
                </fieldset>
                <fieldset>
                    <legend>{move || text().filter_kinds()}</legend>
                    <KindChoices />
                </fieldset>
                <fieldset>
                    <legend>{move || text().filter_countries()}</legend>
                    <CountryChoices />
                </fieldset>
                <YearChoices />
                <div class="filters__footer">
                    <button type="button" class="filters__clear" disabled=move || filters.with(Filters::is_empty) on:click=move |_| filters.set(Filters::default())>
                        {move || text().clear_filters()}
                    </button>
                    <button type="button" class="filters__show" disabled=move || result_count() == 0 on:click=show_results>
                        {move || text().show_results(result_count())}
                    </button>
                </div>
            </div>
        </details>
        <p class="filters__result" role="status">
            {move || filtered.with(|f| {
                let text = text();
                if f.is_empty() {
                    format!("{}. {}", text.no_matches(), text.no_matches_detail())
                } else {
                    text.shown_counts(f.place_count, f.organisation_count, f.project_count)
                }
            })}
        </p>
    }
}

/// A checkbox per theme, with its colour.
#[component]
fn ThemeChoices() -> impl IntoView {
    let state = use_app_state();
    let (filters, language) = (state.filters, state.language);
    let data = state.data();
    data.dataset
        .themes
        .iter()
        .map(|theme| {
            let (id, name, colour) = (theme.id.clone(), theme.name.clone(), theme.colour.css());
            let checked = {
                let id = id.clone();
                move || filters.with(|f| f.themes.contains(&id))
            };
            view! {
                <label class="filters__choice">
                    <input type="checkbox" prop:checked=checked on:change=move |_| filters.update(|f| toggle(&mut f.themes, id.clone())) />
                    <span class="filters__swatch" aria-hidden="true" style:background=colour></span>
                    {move || name.get(language.get()).to_owned()}
                </label>
            }
        })
        .collect_view()
}

/// A checkbox per kind of marker, with its shape.
#[component]
fn KindChoices() -> impl IntoView {
    let state = use_app_state();
    let filters = state.filters;
    MarkerKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <label class="filters__choice">
                    <input
                        type="checkbox"
                        prop:checked=move || filters.with(|f| f.kinds.contains(&kind))
                        on:change=move |_| filters.update(|f| toggle(&mut f.kinds, kind))
                    />
                    <span class=format!("legend__symbol marker--{}", kind.code()) aria-hidden="true"><span class="marker__shape"></span></span>
                    {move || state.text().marker_kind(kind)}
                </label>
            }
        })
        .collect_view()
}

/// A checkbox per country the places are in, named in the visitor's language.
#[component]
fn CountryChoices() -> impl IntoView {
    let state = use_app_state();
    let (filters, language) = (state.filters, state.language);
    state
        .data()
        .dataset
        .countries()
        .into_iter()
        .map(|code| {
            let checked = {
                let code = code.clone();
                move || filters.with(|f| f.countries.contains(&code))
            };
            let label = {
                let code = code.clone();
                move || country_name(&code, language.get()).map_or_else(|| code.clone(), str::to_owned)
            };
            view! {
                <label class="filters__choice">
                    <input type="checkbox" prop:checked=checked on:change=move |_| filters.update(|f| toggle(&mut f.countries, code.clone())) />
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// The first and last year of the timeline to show, each a menu with "any year".
#[component]
fn YearChoices() -> impl IntoView {
    let state = use_app_state();
    let filters = state.filters;
    let text = move || state.text();
    let (first, last) = TIMELINE;
    let year_value =
        move |pick: fn((u16, u16)) -> u16| filters.with(|f| f.years.map(|y| pick(y).to_string()).unwrap_or_default());
    let set_year = move |value: String, is_start: bool| {
        filters.update(|f| {
            f.years = value.parse::<u16>().ok().map(|year| {
                let (from, to) = f.years.unwrap_or((first, last));
                if is_start {
                    (year, to.max(year))
                } else {
                    (from.min(year), year)
                }
            });
        });
    };
    let year_options = move |pick: fn((u16, u16)) -> u16| {
        let any = view! { <option value="" prop:selected=move || year_value(pick).is_empty()>{move || text().any_year()}</option> };
        let years = (first..=last)
            .map(|year| view! { <option value=year.to_string() prop:selected=move || year_value(pick) == year.to_string()>{year}</option> })
            .collect_view();
        view! { {any} {years} }
    };
    view! {
        <fieldset class="filters__years">
            <legend>{move || text().filter_years()}</legend>
            <label>
                {move || text().year_bounds().0}
                <select class="filters__year-from" on:change=move |ev| set_year(event_target_value(&ev), true)>
                    {year_options(|y| y.0)}
                </select>
            </label>
            <label>
                {move || text().year_bounds().1}
                <select class="filters__year-to" on:change=move |ev| set_year(event_target_value(&ev), false)>
                    {year_options(|y| y.1)}
                </select>
            </label>
        </fieldset>
    }
}
