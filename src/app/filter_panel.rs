//! The filters: themes, kinds of place, countries and a range of years, as checkboxes and two
//! year menus in a disclosure, with a live region that says what they let through. What each
//! filter means is `core::filter`'s; this component only edits the [`Filters`] value.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dataset::MapData;
use crate::core::export::{to_csv, to_geojson};
use crate::core::filter::{Filtered, Filters, TIMELINE};
use crate::core::i18n::{Language, UiText};
use crate::core::map_labels::country_name;
use crate::core::model::MarkerKind;
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
    data: Arc<MapData>,
    filters: RwSignal<Filters>,
    filtered: Memo<Filtered>,
    language: Signal<Language>,
    /// More download buttons, shown with the panel's own (the map image).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let text = move || UiText(language.get());
    let themes = data.dataset.themes.iter().map(|t| (t.id.clone(), t.name.clone(), t.colour.css())).collect::<Vec<_>>();
    let countries: BTreeSet<String> = data.dataset.places.iter().map(|p| p.country.to_ascii_uppercase()).collect();

    let theme_boxes = themes
        .into_iter()
        .map(|(id, name, colour)| {
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
        .collect_view();
    let kind_boxes = MarkerKind::ALL
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
                    {move || kind.label(language.get())}
                </label>
            }
        })
        .collect_view();
    let country_boxes = countries
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
        .collect_view();

    // The year menus: "any year" in either clears the range; choosing one end fills the other
    // with the timeline's end, and an end chosen past the other moves the other along.
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
    // Each option says whether it is chosen (a menu's value set before its options exist is lost).
    let year_options = move |pick: fn((u16, u16)) -> u16| {
        let any = view! { <option value="" prop:selected=move || year_value(pick).is_empty()>{move || text().any_year()}</option> };
        let years = (first..=last)
            .map(|year| view! { <option value=year.to_string() prop:selected=move || year_value(pick) == year.to_string()>{year}</option> })
            .collect_view();
        view! { {any} {years} }
    };

    // Exports what the filters let through (see core::export).
    let export_data = StoredValue::new(data.clone());
    let export = move |geojson: bool| {
        export_data.with_value(|data| {
            filtered.with_untracked(|f| {
                if geojson {
                    download(
                        "innomap-places.geojson",
                        "application/geo+json",
                        &to_geojson(&data.dataset, &data.all.markers, f),
                    );
                } else {
                    download(
                        "innomap-places.csv",
                        "text/csv;charset=utf-8",
                        &to_csv(&data.dataset, &data.all.markers, f),
                    );
                }
            })
        })
    };

    view! {
        <details class="filters">
            <summary>{move || text().filters(filters.with(Filters::count))}</summary>
            <div class="filters__body">
                <fieldset>
                    <legend>{move || text().filter_themes()}</legend>
                    {theme_boxes}
                </fieldset>
                <fieldset>
                    <legend>{move || text().filter_kinds()}</legend>
                    {kind_boxes}
                </fieldset>
                <fieldset>
                    <legend>{move || text().filter_countries()}</legend>
                    {country_boxes}
                </fieldset>
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
                <button type="button" class="filters__clear" disabled=move || filters.with(Filters::is_empty) on:click=move |_| filters.set(Filters::default())>
                    {move || text().clear_filters()}
                </button>
                <div class="filters__exports">
                    <button type="button" class="filters__export filters__export--geojson" on:click=move |_| export(true)>
                        {move || text().export_buttons().0}
                    </button>
                    <button type="button" class="filters__export filters__export--csv" on:click=move |_| export(false)>
                        {move || text().export_buttons().1}
                    </button>
                    {children.map(|more| more())}
                </div>
            </div>
        </details>
        <p class="filters__result" role="status">
            {move || filtered.with(|f| text().shown_counts(f.place_count, f.organisation_count, f.project_count))}
        </p>
    }
}
