//! The scale bar at the bottom left: a round distance and its length at the view's centre,
//! recomputed by `core::view::scale` on every pan and zoom (Web Mercator's scale changes with latitude).

use leptos::prelude::*;

use innomap_core::geo::projection::unproject;
use innomap_core::language::Language;
use innomap_core::text::ui_text::UiText;
use innomap_core::view::scale::{scale_bar, MAX_BAR_PX};
use innomap_core::view::viewport::Viewport;

/// The scale bar for the current view.
#[component]
pub fn ScaleBar(viewport: RwSignal<Option<Viewport>>, language: Signal<Language>) -> impl IntoView {
    let bar = Memo::new(move |_| {
        let view = viewport.get()?;
        scale_bar(unproject(view.center()).lat, view.zoom(), MAX_BAR_PX, language.get())
    });
    let label = move || bar.with(|b| b.as_ref().map(|b| b.label.clone()).unwrap_or_default());
    let width = move || bar.with(|b| b.as_ref().map(|b| format!("{:.1}px", b.width_px)));
    view! {
        <div
            class="scale-bar"
            role="img"
            aria-label=move || UiText(language.get()).scale(&label())
            hidden=move || bar.with(Option::is_none)
        >
            <span class="scale-bar__label" aria-hidden="true">{label}</span>
            <span class="scale-bar__line" aria-hidden="true" style:width=width></span>
        </div>
    }
}
