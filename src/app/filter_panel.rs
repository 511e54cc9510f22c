//! The filters: themes, kinds of place, countries and a range of years, as checkboxes and two
//! year menus in a disclosure, with a live region that says what they let through, and the
//! downloads of what is shown. What each filter means is `core::explore::filter`'s; these
//! components only edit the [`Filters`] value.

use std::collections::BTreeSet;

use leptos::prelude::*;

use innomap_core::data::model::MarkerKind;
use innomap_core::explore::export::{to_csv, to_geojson};
use innomap_core::explore::filter::{Filters, TIMELINE};
use innomap_core::text::place_names::country_name;

use super::state::use_app_state;
use crate::platform::download;

/// Flips `value` in or out of `set`.
fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

/// The filter disclosure and the count of what is shown.
#[component]
pub fn FilterPanel(
    /// More download buttons, shown with the panel's own (the map image).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_app_state();
    let (filters, filtered) = (state.filters, state.filtered);
    let text = move || state.text();
    view! {
        <details class="filters">
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
                <button type="button" class="filters__clear" disabled=move || filters.with(Filters::is_empty) on:click=move |_| filters.set(Filters::default())>
                    {move || text().clear_filters()}
                </button>
                <div class="filters__exports">
                    <DataDownloads />
                    {children.map(|more| more())}
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

/// The shown places as GeoJSON and as CSV, made in the browser (`core::explore::export`).
#[component]
fn DataDownloads() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let export = move |geojson: bool| {
        let data = state.data();
        let language = state.language.get_untracked();
        state.filtered.with_untracked(|f| {
            if geojson {
                download("innomap-places.geojson", "application/geo+json", &to_geojson(data.sources(), f));
            } else {
                download("innomap-places.csv", "text/csv;charset=utf-8", &to_csv(data.sources(), f, language));
            }
        });
    };
    view! {
        <button type="button" class="filters__export filters__export--geojson" on:click=move |_| export(true)>
            {move || text().export_buttons().0}
        </button>
        <button type="button" class="filters__export filters__export--csv" on:click=move |_| export(false)>
            {move || text().export_buttons().1}
        </button>
    }
}
