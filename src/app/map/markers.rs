//! The marker layer: every place, organisation and group on screen as a real button, named for
//! screen readers and reachable by keyboard, and the members of a fanned-out group around their
//! spot. A marker opens its panel; a group opens by the core's rule
//! (`core::layers::group_opening`): it zooms as far as it splits and fans out what still shares
//! a spot.

use leptos::prelude::*;
use web_sys::{KeyboardEvent, MouseEvent};

use innomap_core::data::model::{MarkerKind, RecordId};
use innomap_core::layers::group_opening::{open_group, GroupOpening};
use innomap_core::layers::marker_layer::{group_key, marker_key, FannedMember, LayoutItem, FAN_BUTTON_PX};
use innomap_core::text::ui_text::UiText;

use super::keyed_signals::KeyedSignals;
use super::MapParts;
use crate::app::state::FannedGroup;
use crate::platform::{
    attribute_is, event_item_key, focus_is_lost, focus_selector, on_next_frame, root_length_px, FocusReturn,
};

/// The layer of marker buttons, moved as one piece while the view pans.
#[component]
pub fn MarkerLayer(map: MapParts) -> impl IntoView {
    let state = map.state;
    close_the_fan_when_the_markers_regroup(map);
    let refocus_seed = follow_focus_across_levels(map);

    // Activating a group: the core's rule decides between a flight (and a fan on arrival) and
    // a fan where it is.
    let activate_group = move |item: &LayoutItem| {
        let Some(view) = map.camera.latest() else { return };
        refocus_seed.set_value(Some(item.seed_id.clone()));
        let fanned = state.fanned.with_untracked(|f| f.as_ref().map(|f| f.key.clone()));
        let opening =
            state.shown.with_untracked(|set| open_group(item, set, &view, map.free_padding(&view), fanned.as_deref()));
        match opening {
            GroupOpening::FlyTo { view: landing, then_fan } => map.camera.fly_then(landing, move || {
                if let Some(key) = then_fan {
                    open_fan(map, key);
                }
            }),
            GroupOpening::Fan(key) => open_fan(map, key),
            GroupOpening::Fold => state.fanned.set(None),
        }
    };

    // The buttons' clicks and keys are handled here, once for the layer, rather than by three
    // listeners on each button, which zooming in on dense data would add and remove by the
    // hundred.
    let item_of = move |ev: &web_sys::Event| {
        let key = event_item_key(ev, ".marker")?;
        map.layout.with_untracked(|l| l.as_ref().and_then(|l| l.get(&key).cloned()))
    };
    let on_click = move |ev: MouseEvent| {
        let Some(item) = item_of(&ev) else { return };
        if item.count == 1 {
            state.selected.set(Some(item.seed_id.clone()));
        } else {
            activate_group(&item);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(from) = event_item_key(&ev, ".marker") else { return };
        let target =
            map.layout.with_untracked(|l| l.as_ref().and_then(|l| l.neighbour(&from, &ev.key()).map(str::to_owned)));
        if let Some(target) = target {
            ev.prevent_default();
            ev.stop_propagation();
            focus_selector(&attribute_is("data-key", &target));
        }
    };
    // A double click on a marker is two activations, not a zoom of the map.
    let on_double_click = move |ev: MouseEvent| {
        if event_item_key(&ev, ".marker").is_some() {
            ev.stop_propagation();
        }
    };

    let layer_shift = move || {
        let now = map.camera.view.get()?;
        let shift = map.laid_out.with(|base| base.map(|base| now.offset_from(&base)))?;
        Some(format!("translate({:.2}px, {:.2}px)", shift.translate_x, shift.translate_y))
    };
    // Each button reads its own item's signal (see keyed_signals.rs); the list itself is set
    // only when the keys change, so a pan updates positions without touching the list.
    let item_signals = StoredValue::new(KeyedSignals::<LayoutItem>::default());
    let shown_items = RwSignal::new(Vec::<(String, ArcRwSignal<LayoutItem>)>::new());
    Effect::new(move |_| {
        let items = map.layout.get().map(|l| l.items.clone()).unwrap_or_default();
        let listed = item_signals
            .try_update_value(|signals| signals.sync(items.into_iter().map(|i| (i.key.clone(), i))))
            .unwrap_or_default();
        let same_keys = shown_items
            .with_untracked(|shown| shown.len() == listed.len() && shown.iter().zip(&listed).all(|(a, b)| a.0 == b.0));
        if !same_keys {
            // Zooming reorders the buttons (they follow reading order), and the browser drops
            // the focus of a button it moves: give it back.
            let focused = FocusReturn::capture();
            shown_items.set(listed);
            on_next_frame(move || {
                if focus_is_lost() {
                    focused.restore();
                }
            });
        }
    });

    view! {
        <div class="markers" style:transform=layer_shift on:click=on_click on:keydown=on_key on:dblclick=on_double_click>
            <For
                each=move || shown_items.get()
                key=|(key, _)| key.clone()
                children=move |(key, item)| view! { <MarkerButton key=key item=RwSignal::from(item) /> }
            />
            <FannedMembers map=map />
        </div>
    }
}

/// Fans out the group with `key`, at the grouping level the map shows now.
fn open_fan(map: MapParts, key: String) {
    let Some(view) = map.camera.latest() else { return };
    let level = map.state.shown.with_untracked(|set| set.clusters.grouping_zoom(view.zoom()));
    map.state.fanned.set(Some(FannedGroup { key, level }));
}

/// A fan belongs to one grouping: it closes when the markers regroup (another zoom level, or
/// other markers shown). An opened fan takes focus, so keyboard users land on its first member.
fn close_the_fan_when_the_markers_regroup(map: MapParts) {
    let state = map.state;
    let level = Memo::new(move |_| {
        let zoom = map.camera.view.with(|v| v.map(|v| v.zoom()))?;
        Some(state.shown.with(|set| set.clusters.grouping_zoom(zoom)))
    });
    Effect::new(move |_| {
        let now = level.get();
        if state.fanned.with_untracked(|f| f.as_ref().is_some_and(|f| Some(f.level) != now)) {
            state.fanned.set(None);
        }
    });
    Effect::new(move |previous: Option<()>| {
        state.shown.track();
        if previous.is_some() {
            state.fanned.set(None);
        }
    });
    Effect::new(move |_| {
        if state.fanned.with(Option::is_some) {
            on_next_frame(|| focus_selector(".marker--fanned"));
        }
    });
}

/// The seed of the group last activated: its button is replaced as the zoom level changes, so
/// keyboard focus follows it to the new button instead of falling back to the page.
fn follow_focus_across_levels(map: MapParts) -> StoredValue<Option<RecordId>> {
    let refocus_seed = StoredValue::new(None::<RecordId>);
    Effect::new(move |_| {
        map.layout.track();
        if let Some(seed) = refocus_seed.get_value() {
            on_next_frame(move || {
                if focus_is_lost() {
                    let (own, group) =
                        (attribute_is("data-key", &marker_key(&seed)), attribute_is("data-key", &group_key(&seed)));
                    focus_selector(&format!(".marker{own}, .marker{group}"));
                }
            });
        }
    });
    refocus_seed
}

/// A marker or a group as a focusable button. Its position, label, name and count come from its
/// own item of the layout, so the element stays while the view moves and while a group keeps its
/// seed across zoom levels. Whether it is a group, and its kind, follow from its key (see
/// [`LayoutItem::key`]), so they never change. Its clicks and keys are handled by the layer.
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
    let fanned = crate::app::state::use_app_state().fanned;
    let is_fanned = {
        let key = key.clone();
        Memo::new(move |_| fanned.with(|f| f.as_ref().is_some_and(|f| f.key == key)))
    };
    // One class string: a fixed `class=(name, bool)` beside it did not reach the element.
    let label_class = move |side: &str| {
        let group = if is_group { " marker__label--group" } else { "" };
        let selected = if is_selected() { " marker__label--selected" } else { "" };
        // An open fan names its members in its own column, where the group's name would stand.
        let fanned = if is_fanned.get() { " marker__label--gives-way" } else { "" };
        format!("marker__label marker__label--{side} marker__label--of-{}{group}{selected}{fanned}", kind.code())
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

/// The members of the fanned-out group, if one is open and on screen.
#[component]
fn FannedMembers(map: MapParts) -> impl IntoView {
    let state = map.state;
    move || {
        let key = state.fanned.with(|f| f.as_ref().map(|f| f.key.clone()))?;
        let layout = map.layout.get()?;
        let language = state.language.get();
        let text = UiText(language);
        // Spaced for the buttons the stylesheet draws: 44 px on touch screens.
        let button = root_length_px("--marker-hit").unwrap_or(FAN_BUTTON_PX);
        let members: Vec<_> = state.shown.with(|set| {
            layout
                .fan(&key, &set.markers, language, button)
                .into_iter()
                .filter_map(|member| {
                    let marker = set.markers.get(member.marker)?;
                    let names = (text.marker_name(marker), marker.name.get(language).to_owned());
                    Some((marker.id.clone(), marker.kind, names, member))
                })
                .collect()
        });
        Some(
            members
                .into_iter()
                .map(|(id, kind, names, member)| view! { <FannedMarker id=id kind=kind names=names member=member /> })
                .collect_view(),
        )
    }
}

/// One member of a fanned-out group, with a leader line back to the shared spot and its name
/// beside it: `names` are the button's accessible name and the short name shown.
#[component]
fn FannedMarker(id: RecordId, kind: MarkerKind, names: (String, String), member: FannedMember) -> impl IntoView {
    let (name, label) = names;
    let selected = crate::app::state::use_app_state().selected;
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
        <span
            class=format!("marker__label marker__label--fanned marker__label--{} marker__label--of-{}", member.label_side.code(), kind.code())
            aria-hidden="true"
            style:transform=format!("translate({:.1}px, {:.1}px)", at.x, at.y)
        >
            <span class="marker__label-text" style:max-width=format!("{:.0}px", member.label_room)>{label}</span>
        </span>
    }
}
