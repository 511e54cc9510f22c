//! The map: an element that the parts below draw into and listen on, in the spirit of Leaflet's
//! map with its handlers and controls. Every calculation is a core call; these files wire the
//! DOM to it.
//!
//! - [`camera`]: the view, flights and glides;
//! - [`input`]: pointer, wheel, double-click and key events through the core's input pipeline;
//! - [`moves`]: where the camera goes by itself (a place chosen in search, a project's links,
//!   Back and Forward, the open place kept beside its panel);
//! - [`markers`]: the marker and group buttons, and what activating a group does;
//! - [`arcs`], [`basemap_layer`] (with [`tile_layer`] and [`scale_bar`]): the layers;
//! - [`controls`]: the zoom buttons, "show everything", the legend and the gesture hint.

mod arcs;
mod basemap_layer;
mod camera;
mod controls;
mod input;
mod keyed_signals;
mod markers;
mod moves;
mod scale_bar;
mod settled_view;
mod tile_layer;

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;

use innomap_core::geo::geometry::ScreenRect;
use innomap_core::layers::marker_layer::{layout_still_fits, Emphasis, MarkerLayout};
use innomap_core::view::input::{GestureHint, TouchPolicy};
use innomap_core::view::map_area::{map_limits, FIT_PADDING_PX};
use innomap_core::view::viewport::{Padding, Viewport};

use super::embed::FullMapLink;
use super::embed_builder::WebEditorTools;
use super::state::{use_app_state, AppState};
use crate::platform::{boxes_over, element_size, mark_performance, observe_boxes_over, observe_size, on_next_frame};
use arcs::ArcLayer;
use basemap_layer::BasemapLayer;
use camera::Camera;
use controls::{GestureHintNote, Legend, MapControls};
use markers::MarkerLayer;
use settled_view::settled_view;

/// What floats over the map and should not hide a fitted view: the detail panel (a bottom sheet
/// on phones) and the header.
const OVERLAYS: &str = ".panel, .app-title";

/// The cards and controls always floating over the map, which place, country and sea names keep
/// clear of (see `core::layers::label_placement::FreeArea`). The detail panel is not among them:
/// it comes and goes with a selection, and a name running under its edge reads as a map
/// continuing beneath a sheet, where the header's small card would cut a name in two.
const FLOATING: &str = ".app-title, .map-controls, .legend, .scale-bar, .basemap-controls, .attribution";

/// What the parts of the map share. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct MapParts {
    /// The app's state.
    pub state: AppState,
    /// The map element.
    pub element: NodeRef<Div>,
    /// The view and its motions.
    pub camera: Camera,
    /// The view the markers were last laid out for; during a pan the layer is moved as one piece.
    pub laid_out: RwSignal<Option<Viewport>>,
    /// The markers and groups of the laid-out view, their names and labels.
    pub layout: Memo<Option<Arc<MarkerLayout>>>,
    /// Whether a drag or pinch is under way.
    pub dragging: RwSignal<bool>,
    /// A gesture hint to show (a cooperative map's "use two fingers").
    pub hint: RwSignal<Option<GestureHint>>,
}

impl MapParts {
    /// Where the panel and the header cover the map now.
    pub fn overlays(self) -> Vec<ScreenRect> {
        self.element.get_untracked().map(|el| boxes_over(&el, OVERLAYS)).unwrap_or_default()
    }

    /// The room a fitted view keeps clear of `covers` in `view`.
    pub fn padding_clear_of(covers: &[ScreenRect], view: &Viewport) -> Padding {
        Padding::clear_of(covers, view.size(), FIT_PADDING_PX)
    }

    /// The room a fitted view keeps clear of the panel and the header now.
    pub fn free_padding(self, view: &Viewport) -> Padding {
        Self::padding_clear_of(&self.overlays(), view)
    }

    /// Flies to the view that fits every shown marker, clear of the panel and the header.
    pub fn show_everything(self) {
        if let Some(view) = self.camera.latest() {
            let padding = self.free_padding(&view);
            let target = self.state.shown.with_untracked(|set| set.everything_view_within(view.size(), padding));
            self.camera.fly_to(target.with_limits(view.limits()));
        }
    }
}

/// Opening or closing the panel moves the controls beside it (style.css), which the size
/// observer does not see: measure the floating cards again once the page is laid out anew.
fn measure_again_when_the_panel_comes_or_goes(
    state: AppState,
    element: NodeRef<Div>,
    floating: RwSignal<Vec<ScreenRect>>,
) {
    Effect::new(move |was_open: Option<bool>| {
        let is_open = state.selected.with(Option::is_some);
        if was_open.is_some_and(|was| was != is_open) {
            on_next_frame(move || {
                let Some(el) = element.get_untracked() else { return };
                let boxes = boxes_over(&el, FLOATING);
                if floating.try_with_untracked(|known| *known != boxes) == Some(true) {
                    floating.try_set(boxes);
                }
            });
        }
        is_open
    });
}

/// The interactive map filling its container.
#[component]
pub fn MapView() -> impl IntoView {
    let state = use_app_state();
    let element = NodeRef::<Div>::new();
    let camera = Camera::new();
    // Markers are laid out for a settled view and, during a pan, moved as one layer.
    let laid_out = settled_view(camera.view, layout_still_fits);
    // Where the cards and controls over the map are (FLOATING), measured when they change size.
    let floating = RwSignal::new(Vec::<ScreenRect>::new());
    let layout = Memo::new(move |_| {
        let view = laid_out.get()?;
        let language = state.language.get();
        let covered = floating.get();
        let data = state.data();
        let project = state.shown_project.get();
        state.selected.with(|selected| {
            let emphasis = Emphasis::of(&data.dataset, selected.as_ref(), project.as_ref());
            state.shown.with(|set| {
                Some(Arc::new(MarkerLayout::new(&set.clusters, &set.markers, &view, language, emphasis, &covered)))
            })
        })
    });
    let map = MapParts {
        state,
        element,
        camera,
        laid_out,
        layout,
        dragging: RwSignal::new(false),
        hint: RwSignal::new(None),
    };

    // Once the element exists: measure it, start at the home view (or the address's position),
    // and attach what Leptos cannot add itself (the input listeners, two observers).
    Effect::new(move |_| {
        let Some(el) = element.get() else { return };
        let size = element_size(&el);
        // Measured now too (the layout is fresh after measuring the map), so the first layout
        // keeps clear of them and the observer's first report changes nothing.
        floating.set(boxes_over(&el, FLOATING));
        let start = state.start.with_value(|s| s.position);
        camera.jump(start.map_or_else(|| state.data().home_view(size), |p| p.view(size, map_limits())));
        on_next_frame(|| mark_performance("map-ready"));
        let resize = observe_size(&el, move |size| camera.update(|v| v.resized(size)));
        let floating_moved = observe_boxes_over(&el, FLOATING, move |boxes| {
            if floating.with_untracked(|known| *known != boxes) {
                floating.set(boxes);
            }
        });
        let listeners = input::listen_on(&el, map);
        on_cleanup(move || drop((resize, floating_moved, listeners)));
    });
    measure_again_when_the_panel_comes_or_goes(state, element, floating);
    moves::follow_the_app(map);
    let page_scrolls = state.start.with_value(|s| s.options.input_policy().touch == TouchPolicy::TwoFingersPan);

    view! {
        <div
            class="map"
            class=("is-dragging", move || map.dragging.get())
            class=("map--page-scrolls", page_scrolls)
            node_ref=element
            tabindex="0"
            role="region"
            aria-label=move || state.text().map_label()
        >
            <BasemapLayer map=map />
            <ArcLayer map=map />
            <MarkerLayer map=map />
        </div>
        <MapControls map=map />
        <Legend />
        <GestureHintNote map=map />
        // The credit line also holds what is not for a visitor exploring the map: the full map's
        // link in an embed, and the web editor's tools in the app on its own (an embed is the
        // web editor's finished work, not a place to make another).
        <div class="attribution">
            <FullMapLink />
            {(!state.is_embed()).then(|| view! { <WebEditorTools /> " · " })}
            {move || state.text().basemap_credit()}
        </div>
    }
}
