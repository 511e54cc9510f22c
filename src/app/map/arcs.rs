//! Project links as curved arrows: strong for a shown project, light for the projects of the
//! selected place. Which links, and to which marker or group each end is drawn, is
//! `core::layers::arcs`; this file draws them for the current view.

use leptos::prelude::*;

use innomap_core::layers::arcs::{drawn_links, links_to_draw, Curve};

use super::MapParts;

/// The arcs of the shown project, or of the open place's projects.
#[component]
pub fn ArcLayer(map: MapParts) -> impl IntoView {
    let (state, viewport) = (map.state, map.camera.view);
    let data = state.data();
    let links = Memo::new(move |_| {
        let project = state.shown_project.get();
        state.selected.with(|s| links_to_draw(&data.dataset, project.as_ref(), s.as_ref()))
    });
    // Where the ends are drawn depends on the grouping, which changes only with the zoom level.
    let grouping =
        Memo::new(move |_| viewport.with(|v| v.map(|v| state.shown.with(|set| set.clusters.grouping_zoom(v.zoom())))));
    let drawn = Memo::new(move |_| {
        let zoom = grouping.get()?;
        Some(links.with(|(links, strong)| (state.shown.with(|set| drawn_links(links, set, zoom)), *strong)))
    });
    let paths = move || {
        let view = viewport.get()?;
        drawn.with(|drawn| {
            drawn.as_ref().map(|(links, strong)| {
                let class = if *strong { "arc arc--strong" } else { "arc" };
                links
                    .iter()
                    .map(|link| {
                        let curve = Curve::between(view.world_to_screen(link.from), view.world_to_screen(link.to));
                        view! { <path class=class d=curve.path_data() marker-end="url(#arc-arrow)" data-partner=link.partner.as_str().to_owned()></path> }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <svg class="arcs" aria-hidden="true" focusable="false">
            <defs>
                <marker id="arc-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0L10 5L0 10z" class="arc__head"></path>
                </marker>
            </defs>
            {paths}
        </svg>
    }
}
