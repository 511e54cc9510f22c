//! Status messages: loading, a load failure with a retry button, records that were skipped, and
//! filters that leave nothing.

use leptos::prelude::*;

use innomap_core::data::error::LoadError;
use innomap_core::explore::filter::{Filtered, Filters};
use innomap_core::text::ui_text::UiText;

use super::state::use_app_state;
use crate::platform::{focus_selector, on_next_frame};

/// Shown while the data loads; announced politely to screen readers.
#[component]
pub fn LoadingNotice(text: UiText) -> impl IntoView {
    view! {
        <div class="notice notice--loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {text.loading()}
        </div>
    }
}

/// Shown when the data could not be loaded, with the reason in plain words and a retry button.
#[component]
pub fn LoadErrorNotice(text: UiText, error: LoadError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let detail = text.load_error(&error);
    view! {
        <div class="notice notice--error" role="alert">
            <p class="notice__title">{text.load_failed()}</p>
            <p class="notice__detail">{detail}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>
                {text.retry()}
            </button>
        </div>
    }
}

/// Lists the errors in the data, so a data editor sees what to fix while visitors still get
/// every valid record.
#[component]
pub fn SkippedRecordsNotice(text: UiText, problems: Vec<String>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <details class="skipped">
                <summary>{text.data_problems(problems.len())}</summary>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </details>
        }
    })
}

/// Said on the map and in the list when the filters leave nothing, with the way out. (The
/// filters' live region announces it; this is what a sighted visitor sees where the places would
/// be.)
#[component]
pub fn NoMatchesNotice() -> impl IntoView {
    let state = use_app_state();
    let clear = move |_| {
        state.filters.set(Filters::default());
        // The button goes with the notice: focus moves to what now shows everything again.
        on_next_frame(|| focus_selector(".map-area:not([hidden]) .map, .list-view"));
    };
    move || {
        let text = state.text();
        state.filtered.with(Filtered::is_empty).then(|| {
            view! {
                <div class="notice no-matches">
                    <p class="notice__title">{text.no_matches()}</p>
                    <p class="notice__detail">{text.no_matches_detail()}</p>
                    <button type="button" class="button no-matches__clear" on:click=clear>
                        {text.clear_filters()}
                    </button>
                </div>
            }
        })
    }
}
