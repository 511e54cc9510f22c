//! The map: the basemap, project arcs, the markers and clusters as real buttons on top, the map
//! controls and the legend, and the input that moves the camera (pointer drag and pinch, wheel,
//! double-click, keys, animated flights). Every calculation is a `core` call; this file only
//! wires DOM events to it and writes the results into attributes.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::basemap_layer::BasemapLayer;
use super::keyed_signals::KeyedSignals;
use super::settled_view::settled_view;
use crate::core::arcs::{drawn_links, links_to_draw, Curve};
use crate::core::basemap::Basemap;
use crate::core::dataset::{map_limits, FIT_PADDING_PX};
use crate::core::dataset::{MapData, MarkerSet};
use crate::core::geometry::ScreenRect;
use crate::core::gesture::{
    key_command, wheel_zoom_change, DragStep, DragTracker, Glide, KeyCommand, Momentum, PinchTracker, WheelDeltaMode,
};
use crate::core::i18n::{Language, UiText};
use crate::core::marker_layer::{layout_still_fits, FannedMember, LayoutItem, MarkerLayout};
use crate::core::model::{MarkerKind, RecordId};
use crate::core::url_state::MapPosition;
use crate::core::viewport::{Padding, Viewport};
use crate::platform::{
    after_delay, after_next_paint, animate, boxes_over, element_size, event_item_key, focus_is_lost, focus_selector,
    is_event_on, listen_wheel, local_point, mark_performance, observe_boxes_over, observe_size, on_next_frame,
    prefers_reduced_motion,
};

/// What floats over the map and should not hide a fitted view: the detail panel (a bottom sheet
/// on phones) and the header.
const OVERLAYS: &str = ".panel, .app-title";

/// The cards and controls always floating over the map, which place, country and sea names keep
/// clear of (see `core::label_placement::FreeArea`). The detail panel is not among them: it
/// comes and goes with a selection, and a name running under its edge reads as a map continuing
/// beneath a sheet, where the header's small card would cut a name in two.
const FLOATING: &str = ".app-title, .map-controls, .legend, .scale-bar, .basemap-controls, .attribution";

/// The view the map shows, and the view input has asked for since the last frame.
///
/// Pointer moves and wheel ticks can arrive several times a frame. Each only updates `pending`;
/// the view is set once, in the next animation frame, so the marker layout and the DOM are
/// recomputed once per frame rather than once per event (and the event handlers never measure
/// the DOM while it is being changed).
#[derive(Clone, Copy)]
struct Camera {
    view: RwSignal<Option<Viewport>>,
    pending: StoredValue<Option<Viewport>>,
}

impl Camera {
    fn new(view: RwSignal<Option<Viewport>>) -> Self {
        Self { view, pending: StoredValue::new(None) }
    }

    /// The newest view: the one waiting for the next frame, if any.
    fn latest(self) -> Option<Viewport> {
        self.pending.get_value().or_else(|| self.view.get_untracked())
    }

    /// Applies `change` to the newest view (once the map has been measured), shown next frame.
    fn update(self, change: impl FnOnce(&Viewport) -> Viewport) {
        let Some(base) = self.latest() else { return };
        let frame_requested = self.pending.with_value(Option::is_some);
        self.pending.set_value(Some(change(&base)));
        if !frame_requested {
            on_next_frame(move || {
                if let Some(next) = self.pending.try_update_value(Option::take).flatten() {
                    self.view.try_set(Some(next));
                }
            });
        }
    }

    /// Shows `view` now, dropping any input still waiting (the first view, a step of a flight).
    fn jump(self, view: Viewport) {
        self.pending.set_value(None);
        self.view.set(Some(view));
    }
}

/// Moves the camera to `target`: an eased flight, or a jump for visitors who prefer reduced
/// motion. A newer flight, or any input, ends the one under way (see `flight`).
fn fly_to(camera: Camera, flight: StoredValue<u64>, target: Viewport) {
    let Some(from) = camera.latest() else { return };
    flight.update_value(|n| *n += 1);
    let this_flight = flight.get_value();
    if prefers_reduced_motion() {
        camera.jump(target);
        return;
    }
    animate(from.flight_duration_ms(&target), move |progress| {
        if flight.try_get_value() != Some(this_flight) {
            return false;
        }
        camera.jump(from.flight_towards(&target, progress));
        true
    });
}

/// Lets the map coast after a thrown drag; like a flight, any new input stops it.
fn glide_on(camera: Camera, flight: StoredValue<u64>, glide: Glide) {
    flight.update_value(|n| *n += 1);
    let this_glide = flight.get_value();
    let mut elapsed_ms = 0.0;
    animate(glide.duration_ms(), move |progress| {
        if flight.try_get_value() != Some(this_glide) {
            return false;
        }
        let now_ms = progress * glide.duration_ms();
        let step = glide.moved_between(elapsed_ms, now_ms);
        elapsed_ms = now_ms;
        camera.update(|v| v.panned_by(step));
        true
    });
}

/// Groups the clusters of the zoom levels not shown yet, one level per task while the page is
/// idle, so zooming in or out does not wait for them (see `core::cluster`). Stops when every
/// level is grouped or the set is no longer shown (the filters made a new one).
fn prepare_clusters(set: std::sync::Weak<MarkerSet>) {
    after_delay(0, move || {
        if set.upgrade().is_some_and(|set| set.clusters.prepare_next()) {
            prepare_clusters(set);
        }
    });
}

/// The interactive map filling its container.
#[component]
pub fn MapView(
    data: Arc<MapData>,
    /// The markers the filters let through.
    shown: Memo<Arc<MarkerSet>>,
    selected: RwSignal<Option<RecordId>>,
    shown_project: RwSignal<Option<RecordId>>,
    language: Signal<Language>,
    /// Where to start instead of the home view (from the page address).
    initial_position: Option<MapPosition>,
    /// A position to go to at once (Back and Forward set it).
    requested_position: RwSignal<Option<MapPosition>>,
    /// Where the map comes to rest, for the page address.
    position: RwSignal<Option<MapPosition>>,
    /// A place or organisation to fly to (chosen in search); taken and cleared by the map.
    reveal: RwSignal<Option<RecordId>>,
    /// The key of the stacked group shown fanned out; the map opens and closes it (any change
    /// of zoom closes it), the map image draws it.
    fanned: RwSignal<Option<String>>,
    /// Every basemap level the map has, once it has fetched the detail (see `BasemapLayer`).
    loaded_basemap: RwSignal<Option<Arc<Basemap>>>,
) -> impl IntoView {
    let map_ref = NodeRef::<Div>::new();
    let viewport = RwSignal::new(None::<Viewport>);
    let camera = Camera::new(viewport);
    // Fitted views keep clear of the panel and the header floating over the map.
    let overlays = move || map_ref.get_untracked().map(|el| boxes_over(&el, OVERLAYS)).unwrap_or_default();
    let padding_clear_of =
        move |covers: &[ScreenRect], view: &Viewport| Padding::clear_of(covers, view.size(), FIT_PADDING_PX);
    let free_padding = move |view: &Viewport| padding_clear_of(&overlays(), view);
    let drag = StoredValue::new(DragTracker::default());
    let pinch = StoredValue::new(PinchTracker::default());
    let dragging = RwSignal::new(false);
    // Counts flights; a flight stops as soon as the count moves on (a newer flight or user input).
    let flight = StoredValue::new(0u64);
    let momentum = StoredValue::new(Momentum::default());
    let stop_flight = move || flight.update_value(|n| *n += 1);
    // Markers are laid out for a settled view and, during a pan, moved as one layer (`shift`).
    let laid_out = settled_view(viewport, layout_still_fits);
    // Where the cards and controls over the map are (FLOATING), measured when they change size.
    let floating = RwSignal::new(Vec::<ScreenRect>::new());
    let layout = Memo::new(move |_| {
        let view = laid_out.get()?;
        let lang = language.get();
        let covered = floating.get();
        selected.with(|s| {
            shown.with(|set| {
                Some(Arc::new(MarkerLayout::new(&set.clusters, &set.markers, &view, lang, s.as_ref(), &covered)))
            })
        })
    });
    // Country and sea names that would cover a place or its name in the laid-out view.
    let crowded_labels =
        Memo::new(move |_| layout.with(|l| l.as_ref().map(|l| l.crowded_map_labels.clone()).unwrap_or_default()));
    let zoom_level = Memo::new(move |_| viewport.with(|v| v.map(|v| v.zoom().value().floor() as i32)));
    Effect::new(move |_| {
        zoom_level.track();
        shown.track();
        fanned.set(None);
    });
    // An opened fan takes focus, so keyboard users land on its first member.
    Effect::new(move |_| {
        if fanned.with(Option::is_some) {
            on_next_frame(|| focus_selector(".marker--fanned"));
        }
    });
    // The seed of the group last expanded: its button is replaced as the zoom level changes, so
    // keyboard focus follows it to the new button instead of falling back to the page.
    let refocus_seed = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        layout.track();
        if let Some(seed) = refocus_seed.get_value() {
            on_next_frame(move || {
                if focus_is_lost() {
                    // Record ids are a-z, 0-9 and '-': safe in a selector.
                    focus_selector(&format!(".marker[data-key=\"m-{seed}\"], .marker[data-key$=\"-{seed}\"]"));
                }
            });
        }
    });

    // After the frame that shows a marker set, the rest of its zoom levels are grouped.
    Effect::new(move |_| {
        let set = Arc::downgrade(&shown.get());
        on_next_frame(move || prepare_clusters(set));
    });

    // Once the element exists: measure it, start at the home view, and attach the listeners that
    // Leptos cannot add itself (a non-passive wheel listener, a ResizeObserver).
    let setup_data = data.clone();
    Effect::new(move |_| {
        let Some(element) = map_ref.get() else { return };
        let size = element_size(&element);
        // Measured now too (the layout is fresh after measuring the map), so the first layout
        // keeps clear of them and the observer's first report changes nothing.
        floating.set(boxes_over(&element, FLOATING));
        camera.jump(initial_position.map_or_else(|| setup_data.home_view(size), |p| p.view(size, map_limits())));
        on_next_frame(|| mark_performance("map-ready"));
        let resize = observe_size(&element, move |size| camera.update(|v| v.resized(size)));
        let floating_moved = observe_boxes_over(&element, FLOATING, move |boxes| {
            if floating.with_untracked(|known| *known != boxes) {
                floating.set(boxes);
            }
        });
        let wheel_target = element.clone();
        let wheel = listen_wheel(&element, move |ev: WheelEvent| {
            ev.prevent_default();
            stop_flight();
            let anchor = local_point(&wheel_target, f64::from(ev.client_x()), f64::from(ev.client_y()));
            let levels = wheel_zoom_change(ev.delta_y(), WheelDeltaMode::from_dom(ev.delta_mode()));
            camera.update(|v| v.zoomed_by(anchor, levels));
        });
        on_cleanup(move || drop((resize, floating_moved, wheel)));
    });

    // The position written to the address follows the view once it rests; a requested position
    // ends any flight and is shown at once.
    let resting = settled_view(viewport, |_, _| true);
    Effect::new(move |_| {
        if let Some(view) = resting.get() {
            position.set(Some(MapPosition::of(&view)));
        }
    });
    Effect::new(move |_| {
        let Some(wanted) = requested_position.get() else { return };
        let Some(view) = camera.latest() else { return };
        stop_flight();
        camera.jump(wanted.view(view.size(), view.limits()));
    });

    // A place chosen in search or a panel is flown to, close up, beside the panel that opens
    // with it: measured once that panel has been painted.
    let reveal_data = data.clone();
    Effect::new(move |_| {
        let Some(id) = reveal.get() else { return };
        reveal.set(None);
        let data = reveal_data.clone();
        after_next_paint(move || {
            let Some(view) = camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let padding = free_padding(&view);
            let target = shown
                .with_untracked(|set| set.close_up(&id, &view, padding))
                .or_else(|| data.all.close_up(&id, &view, padding));
            if let Some(target) = target {
                fly_to(camera, flight, target);
            }
        });
    });

    // A place opened from its marker stays in sight: when the panel that opens covers it (a
    // phone's bottom sheet over the lower half), the map slides it beside the panel. Any flight
    // started meanwhile (a close-up from search) has the last word; a page opened at a position
    // of its own keeps it.
    Effect::new(move |previous: Option<()>| {
        let Some(id) = selected.get() else { return };
        if previous.is_none() && initial_position.is_some() {
            return;
        }
        let flight_then = flight.get_value();
        after_next_paint(move || {
            if flight.try_get_value() != Some(flight_then) {
                return;
            }
            let Some(view) = camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let Some(drawn) = shown.with_untracked(|set| set.drawn_at(&[&id], view.zoom()).first().copied().flatten())
            else {
                return;
            };
            let covers = overlays();
            if let Some(target) = view.bringing_into_view(drawn, &covers, padding_clear_of(&covers, &view)) {
                fly_to(camera, flight, target);
            }
        });
    });

    // Showing a project's links flies to fit its lead and partners, except when the page opens
    // with a position of its own in the address.
    let project_data = data.clone();
    Effect::new(move |previous: Option<()>| {
        let first_run = previous.is_none();
        let Some(project) = shown_project.get() else { return };
        if first_run && initial_position.is_some() {
            return;
        }
        let (links, _) = links_to_draw(&project_data.dataset, Some(&project), None);
        if links.is_empty() {
            // A project without partners on the map: show its lead place.
            let lead = project_data.dataset.projects.iter().find(|p| p.id == project).map(|p| p.lead_place.clone());
            reveal.set(lead);
            return;
        }
        // Measured once the frame that opens the project's panel has been painted, so the fit
        // keeps clear of the panel. (When the page opens with a project, the panel is built in a
        // task queued after the first frame, before this one: see `app::App`.)
        after_next_paint(move || {
            let Some(view) = camera.latest().filter(|v| !v.size().is_empty()) else { return };
            let points = links.iter().flat_map(|l| [l.from, l.to]);
            if let Some(target) = view.fitted_to_points(points, free_padding(&view)) {
                fly_to(camera, flight, target);
            }
        });
    });

    let pointer_at = move |ev: &MouseEvent| {
        map_ref.get_untracked().map(|el| local_point(&el, f64::from(ev.client_x()), f64::from(ev.client_y())))
    };
    let on_pointer_down = move |ev: PointerEvent| {
        // Only the primary button (or a touch or pen contact) drags; right-click keeps its menu.
        if ev.button() != 0 {
            return;
        }
        stop_flight();
        momentum.update_value(Momentum::clear);
        let Some(at) = pointer_at(&ev) else { return };
        if pinch.try_update_value(|p| p.press(ev.pointer_id(), at)).unwrap_or(false) {
            // A second finger: from now on this is a pinch, not a drag.
            drag.update_value(DragTracker::cancel);
            if let Some(el) = map_ref.get_untracked() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            dragging.set(true);
        } else {
            drag.update_value(|t| t.press(ev.pointer_id(), at));
        }
    };
    let on_pointer_move = move |ev: PointerEvent| {
        // No button held: the release happened outside the map (before capture), so end the press
        // instead of dragging a map nobody holds.
        if ev.buttons() == 0 {
            pinch.update_value(|p| p.release(ev.pointer_id()));
            if drag.try_update_value(|t| t.release(ev.pointer_id())).unwrap_or(false) {
                dragging.set(false);
            }
            return;
        }
        let Some(at) = pointer_at(&ev) else { return };
        if let Some(step) = pinch.try_update_value(|p| p.move_to(ev.pointer_id(), at)).flatten() {
            camera.update(|v| v.pinched(step.before, step.after));
            return;
        }
        let step = drag.try_update_value(|t| t.move_to(ev.pointer_id(), at)).unwrap_or(DragStep::Ignored);
        match step {
            DragStep::Started(offset) => {
                // Capture only once it is a drag, so a plain click still reaches the marker.
                if let Some(el) = map_ref.get_untracked() {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
                dragging.set(true);
                momentum.update_value(|m| m.record(ev.time_stamp(), at));
                camera.update(|v| v.panned_by(offset));
            }
            DragStep::Moved(offset) => {
                momentum.update_value(|m| m.record(ev.time_stamp(), at));
                camera.update(|v| v.panned_by(offset));
            }
            DragStep::Ignored | DragStep::Undecided => {}
        }
    };
    let on_pointer_end = move |ev: PointerEvent| {
        let was_pinching = pinch.with_value(PinchTracker::is_pinching);
        pinch.update_value(|p| p.release(ev.pointer_id()));
        let was_dragging = drag.try_update_value(|t| t.release(ev.pointer_id())).unwrap_or(false);
        if was_dragging || was_pinching {
            dragging.set(false);
        }
        // A thrown map glides on (inertia), unless the visitor prefers less motion.
        let glide = momentum.try_with_value(|m| m.glide(ev.time_stamp())).flatten();
        if let Some(glide) = glide.filter(|_| was_dragging && !was_pinching && !prefers_reduced_motion()) {
            glide_on(camera, flight, glide);
        }
        momentum.update_value(Momentum::clear);
    };
    let on_double_click = move |ev: MouseEvent| {
        if let Some(anchor) = pointer_at(&ev) {
            let levels = if ev.shift_key() { -1.0 } else { 1.0 };
            stop_flight();
            camera.update(|v| v.zoomed_by(anchor, levels));
        }
    };
    let show_everything = move || {
        if let Some(view) = camera.latest() {
            let padding = free_padding(&view);
            fly_to(camera, flight, shown.with_untracked(|set| set.everything_view_within(view.size(), padding)));
        }
    };
    let on_key_down = move |ev: KeyboardEvent| {
        // Keys on a focused marker keep their button meaning; the map handles keys aimed at itself.
        let Some(el) = map_ref.get_untracked() else { return };
        if !is_event_on(&ev, &el) {
            return;
        }
        let Some(command) = key_command(&ev.key()) else { return };
        ev.prevent_default();
        stop_flight();
        match command {
            KeyCommand::Pan(offset) => camera.update(|v| v.panned_by(offset)),
            KeyCommand::Zoom(levels) => camera.update(|v| v.zoomed_by(v.size().center(), levels)),
            KeyCommand::Home => show_everything(),
        }
    };
    let zoom_by = move |levels: f64| {
        stop_flight();
        camera.update(|v| v.zoomed_by(v.size().center(), levels));
    };

    // Activating a group: zoom to its members, or fan out a stack no zoom can separate.
    let expand = move |item: &LayoutItem| {
        let Some(view) = camera.latest() else { return };
        refocus_seed.set_value(Some(item.seed_id.to_string()));
        let target =
            view.fitted_to_points([item.bounds.0, item.bounds.1], free_padding(&view).grown_by(FIT_PADDING_PX));
        match target {
            Some(target) if !item.stacked && target.zoom().value() >= view.zoom().value() + 0.5 => {
                fly_to(camera, flight, target)
            }
            // A second activation folds the fan back.
            Some(_) | None if item.stacked => fanned
                .update(|f| *f = if f.as_deref() == Some(item.key.as_str()) { None } else { Some(item.key.clone()) }),
            // Members too far apart for the fit to zoom in (at the deepest level): one level in.
            _ => fly_to(camera, flight, view.zoomed_by(view.world_to_screen(item.bounds.0), 1.0)),
        }
    };

    // The marker buttons' clicks and keys are handled here, once for the layer, rather than by
    // three listeners on each button, which zooming in on dense data would add and remove by the
    // hundred.
    let marker_item = move |ev: &web_sys::Event| {
        let key = event_item_key(ev, ".marker")?;
        layout.with_untracked(|l| l.as_ref().and_then(|l| l.get(&key).cloned()))
    };
    let on_marker_click = move |ev: MouseEvent| {
        let Some(item) = marker_item(&ev) else { return };
        if item.count == 1 {
            selected.set(Some(item.seed_id.clone()));
        } else {
            expand(&item);
        }
    };
    let on_marker_key = move |ev: KeyboardEvent| {
        let Some(from) = event_item_key(&ev, ".marker") else { return };
        let target =
            layout.with_untracked(|l| l.as_ref().and_then(|l| l.neighbour(&from, &ev.key()).map(str::to_owned)));
        if let Some(target) = target {
            ev.prevent_default();
            ev.stop_propagation();
            // Keys are made of record-id characters, digits and '-': safe in a selector.
            focus_selector(&format!("[data-key=\"{target}\"]"));
        }
    };
    // A double click on a marker is two activations, not a zoom of the map.
    let on_marker_double_click = move |ev: MouseEvent| {
        if event_item_key(&ev, ".marker").is_some() {
            ev.stop_propagation();
        }
    };

    let layer_shift = move || {
        let now = viewport.get()?;
        let shift = laid_out.with(|base| base.map(|base| now.offset_from(&base)))?;
        Some(format!("translate({:.2}px, {:.2}px)", shift.translate_x, shift.translate_y))
    };
    let text = move || UiText(language.get());
    // Each button reads its own item's signal (see keyed_signals.rs); the list itself is set only
    // when the keys change, so a pan updates positions without touching the list.
    let item_signals = StoredValue::new(KeyedSignals::<LayoutItem>::default());
    let shown_items = RwSignal::new(Vec::<(String, ArcRwSignal<LayoutItem>)>::new());
    Effect::new(move |_| {
        let items = layout.get().map(|l| l.items.clone()).unwrap_or_default();
        let listed = item_signals
            .try_update_value(|signals| signals.sync(items.into_iter().map(|i| (i.key.clone(), i))))
            .unwrap_or_default();
        let same_keys = shown_items
            .with_untracked(|shown| shown.len() == listed.len() && shown.iter().zip(&listed).all(|(a, b)| a.0 == b.0));
        if !same_keys {
            shown_items.set(listed);
        }
    });
    let fanned_members = {
        move || {
            let key = fanned.get()?;
            let layout = layout.get()?;
            let item = layout.get(&key)?;
            let lang = language.get();
            let members: Vec<_> = shown.with(|set| {
                item.fanned()
                    .into_iter()
                    .filter_map(|member| {
                        let marker = set.markers.get(member.marker)?;
                        Some((marker.id.clone(), marker.kind, marker.label(lang), member))
                    })
                    .collect()
            });
            Some(
                members
                    .into_iter()
                    .map(|(id, kind, name, member)| {
                        view! { <FannedMarker id=id kind=kind name=name member=member selected=selected /> }
                    })
                    .collect_view(),
            )
        }
    };

    view! {
        <div
            class="map"
            class=("is-dragging", move || dragging.get())
            node_ref=map_ref
            tabindex="0"
            role="region"
            aria-label=move || text().map_label()
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_end
            on:pointercancel=on_pointer_end
            on:lostpointercapture=on_pointer_end
            on:dblclick=on_double_click
            on:keydown=on_key_down
        >
            <BasemapLayer
                basemap=data.basemap.clone()
                viewport=viewport
                language=language
                crowded_labels=crowded_labels
                loaded=loaded_basemap
            />
            <ArcLayer data=data.clone() shown=shown viewport=viewport selected=selected shown_project=shown_project />
            <div
                class="markers"
                style:transform=layer_shift
                on:click=on_marker_click
                on:keydown=on_marker_key
                on:dblclick=on_marker_double_click
            >
                <For
                    each=move || shown_items.get()
                    key=|(key, _)| key.clone()
                    children=move |(key, item)| {
                        view! {
                            <MarkerButton key=key item=RwSignal::from(item) />
                        }
                    }
                />
                {fanned_members}
            </div>
        </div>
        <div class="map-controls">
            <button type="button" class="map-controls__button" aria-label=move || text().zoom_in() on:click=move |_| zoom_by(1.0)>
                <span aria-hidden="true">"+"</span>
            </button>
            <button type="button" class="map-controls__button" aria-label=move || text().zoom_out() on:click=move |_| zoom_by(-1.0)>
                <span aria-hidden="true">"−"</span>
            </button>
            <button type="button" class="map-controls__button map-controls__fit" aria-label=move || text().show_everything() on:click=move |_| show_everything()>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" stroke-width="2" />
                </svg>
            </button>
        </div>
        <Legend language=language />
        <p class="attribution">{move || text().basemap_credit()}</p>
    }
}

/// A marker or a group as a focusable button. Its position, label, name and count come from its
/// own item of the layout, so the element stays while the view moves and while a group keeps its
/// seed across zoom levels. Whether it is a group, and its kind, follow from its key (see
/// [`LayoutItem::key`]), so they never change. Its clicks and keys are handled by the layer
/// (`on_marker_click`, `on_marker_key` in [`MapView`]).
#[component]
fn MarkerButton(key: String, item: RwSignal<LayoutItem>) -> impl IntoView {
    let position = move || item.with(|i| format!("translate({:.1}px, {:.1}px)", i.at.x, i.at.y));
    let name = move || item.with(|i| i.name.clone());
    // A memo, so the label element is rebuilt only when its side changes, not on every move.
    let label_side = Memo::new(move |_| item.with(|i| i.label_side.map(|side| side.code())));
    let label_text = move || item.with(|i| i.label.clone());
    let is_selected = move || item.with(|i| i.selected);
    let (seed_id, is_group, kind) = item.with_untracked(|i| (i.seed_id.as_str().to_owned(), i.count > 1, i.kind));
    let count = move || item.with(|i| i.count);
    let class = if is_group {
        format!("marker marker--group marker--{}", kind.code())
    } else {
        format!("marker marker--{}", kind.code())
    };
    let label_position = position;
    // One class string: a fixed `class=(name, bool)` beside it did not reach the element.
    let label_class = move |side: &str| {
        let group = if is_group { " marker__label--group" } else { "" };
        let selected = if is_selected() { " marker__label--selected" } else { "" };
        format!("marker__label marker__label--{side} marker__label--of-{}{group}{selected}", kind.code())
    };
    view! {
        {move || label_side.get().map(|side| view! {
            <span class=move || label_class(side) aria-hidden="true" style:transform=label_position>
                <span class="marker__label-text">{label_text}</span>
            </span>
        })}
        <button
            type="button"
            class=class
            class=("is-selected", is_selected)
            data-key=key
            data-place-id=(!is_group).then_some(seed_id)
            data-count=count
            aria-label=name
            style:transform=position
        >
            <span class="marker__shape" aria-hidden="true">{is_group.then_some(count)}</span>
        </button>
    }
}

/// One member of a fanned-out stack, with a leader line back to the shared spot.
#[component]
fn FannedMarker(
    id: RecordId,
    kind: MarkerKind,
    name: String,
    member: FannedMember,
    selected: RwSignal<Option<RecordId>>,
) -> impl IntoView {
    let (at, leader_length, leader_angle) = (member.at, member.leader_length(), member.leader_angle_deg());
    let is_selected = {
        let id = id.clone();
        move || selected.with(|s| s.as_ref() == Some(&id))
    };
    let id_attr = id.as_str().to_owned();
    view! {
        <span
            class="marker-leader"
            aria-hidden="true"
            style:transform=format!("translate({:.1}px, {:.1}px) rotate({leader_angle:.1}deg)", at.x, at.y)
            style:width=format!("{leader_length:.1}px")
        ></span>
        <button
            type="button"
            class=format!("marker marker--fanned marker--{}", kind.code())
            class=("is-selected", is_selected)
            data-key=format!("f-{id_attr}")
            data-place-id=id_attr
            aria-label=name
            style:transform=format!("translate({:.1}px, {:.1}px)", at.x, at.y)
            on:click=move |_| selected.set(Some(id.clone()))
        >
            <span class="marker__shape" aria-hidden="true"></span>
        </button>
    }
}

/// Project links as curved arrows: strong for a shown project, light for the projects of the
/// selected place.
#[component]
fn ArcLayer(
    data: Arc<MapData>,
    /// The markers the filters let through: an end inside a group is drawn to the group.
    shown: Memo<Arc<MarkerSet>>,
    viewport: RwSignal<Option<Viewport>>,
    selected: RwSignal<Option<RecordId>>,
    shown_project: RwSignal<Option<RecordId>>,
) -> impl IntoView {
    let links = Memo::new(move |_| {
        let project = shown_project.get();
        selected.with(|s| links_to_draw(&data.dataset, project.as_ref(), s.as_ref()))
    });
    // Where the ends are drawn depends on the grouping, which changes only with the zoom level.
    let grouping =
        Memo::new(move |_| viewport.with(|v| v.map(|v| shown.with(|set| set.clusters.grouping_zoom(v.zoom())))));
    let drawn = Memo::new(move |_| {
        let zoom = grouping.get()?;
        Some(links.with(|(links, strong)| (shown.with(|set| drawn_links(links, set, zoom)), *strong)))
    });
    let paths = move || {
        let view = viewport.get()?;
        drawn.with(|drawn| drawn.as_ref().map(|(links, strong)| {
            let class = if *strong { "arc arc--strong" } else { "arc" };
            let paths: Vec<_> = links
                .iter()
                .map(|link| {
                    let curve = Curve::between(view.world_to_screen(link.from), view.world_to_screen(link.to));
                    view! { <path class=class d=curve.path_data() marker-end="url(#arc-arrow)" data-partner=link.partner.as_str().to_owned()></path> }
                })
                .collect::<Vec<_>>();
            paths
        }))
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

/// What the shapes, colours and arcs mean; collapsed to a button on small screens.
#[component]
fn Legend(language: Signal<Language>) -> impl IntoView {
    let text = move || UiText(language.get());
    let kinds = [MarkerKind::InnoCity, MarkerKind::Partner, MarkerKind::Organisation];
    view! {
        <details class="legend">
            <summary>{move || text().legend()}</summary>
            <ul>
                {kinds.into_iter().map(|kind| view! {
                    <li>
                        <span class=format!("legend__symbol marker--{}", kind.code()) aria-hidden="true">
                            <span class="marker__shape"></span>
                        </span>
                        {move || kind.label(language.get())}
                    </li>
                }).collect_view()}
                <li>
                    <span class="legend__symbol marker--group marker--innocity" aria-hidden="true">
                        <span class="marker__shape">"3"</span>
                    </span>
                    {move || text().legend_group()}
                </li>
                <li>
                    <svg class="legend__arc" viewBox="0 0 32 16" aria-hidden="true" focusable="false">
                        <path d="M2 14Q16 0 28 10" class="arc arc--strong"></path>
                        <path d="M24 6L30 11L23 12z" class="arc__head"></path>
                    </svg>
                    {move || text().legend_arc()}
                </li>
            </ul>
        </details>
    }
}
