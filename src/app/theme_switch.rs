//! The dark-mode switch: it starts as the page is shown (the visitor's choice last time on this
//! device, or an embed's `scheme=`) or else as the system says (prefers-color-scheme), and
//! pressing it fixes the choice (see `data-theme` in
//! style.css, where every colour is a light/dark pair).

use leptos::prelude::*;

use super::state::use_app_state;
use crate::platform::{apply_theme, prefers_dark, shown_theme, stored_theme};

/// Applies the colour scheme chosen on an earlier visit, before anything is drawn.
pub fn restore_theme() {
    if let Some(theme) = stored_theme() {
        apply_theme(&theme);
    }
}

/// A toggle button, pressed when the page is dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let state = use_app_state();
    // As shown: the earlier choice or an embed's scheme, else the system's.
    let dark = RwSignal::new(shown_theme().map_or_else(prefers_dark, |t| t == "dark"));
    let toggle = move |_| {
        dark.update(|d| *d = !*d);
        apply_theme(if dark.get_untracked() { "dark" } else { "light" });
    };
    view! {
        <button
            type="button"
            class="theme-switch"
            aria-pressed=move || if dark.get() { "true" } else { "false" }
            title=move || state.text().dark_mode()
            on:click=toggle
        >
            <span aria-hidden="true">"◐"</span>
            // Hidden, so the header's actions fit one row; still the button's name.
            <span class="theme-switch__label">{move || state.text().dark_mode()}</span>
        </button>
    }
}
