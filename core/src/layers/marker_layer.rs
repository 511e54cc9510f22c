//! What the marker layer shows for one view: the visible clusters and lone markers, where they
//! are on screen, their accessible names, and which of them get a label on which side.
//!
//! The component renders [`MarkerLayout::items`] as buttons keyed by [`LayoutItem::key`], so a
//! marker that stays on screen keeps its element (and its focus) while the user pans and zooms.

use std::collections::HashMap;

use crate::data::model::{Dataset, MapMarker, MarkerKind, RecordId};
use crate::geo::geometry::{ScreenPoint, ScreenRect, ScreenSize, WorldPoint};
use crate::language::Language;
use crate::layers::cluster::{Cluster, ClusterIndex};
use crate::layers::label_placement::{
    estimate_text_width, place_labels, FreeArea, LabelCandidate, LabelSide, GAP_PX, LABEL_HEIGHT_PX,
};
use crate::layers::map_labels::LABELS;
use crate::order::{sorted_by_cached_key, sorted_positions};
use crate::text::ui_text::UiText;
use crate::view::viewport::Viewport;

/// Markers this far outside the element are still laid out, so they slide in rather than pop in.
const MARGIN_PX: f64 = 48.0;
/// How far the view may pan from the view a layout was made for before it is made again (see
/// [`layout_still_fits`]); the layout reaches this much further out, so no marker is missing at
/// an edge meanwhile.
pub const PAN_SLACK_PX: f64 = 128.0;
/// At most this many labels are tried, most important first: beyond that the map is too busy
/// for more names, and placement stays fast with tens of thousands of places.
const MAX_LABELS: usize = 400;

/// One button of the marker layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutItem {
    /// A stable key: `m-` and the marker's id for a lone marker, `c-` and the seed's id for a
    /// group. A group keeps its key across zoom levels as long as its seed leads it, so its
    /// button stays (and only its count and name change) instead of being rebuilt.
    pub key: String,
    /// The seed marker's record id.
    pub seed_id: RecordId,
    /// How many markers it stands for (1 for a lone marker).
    pub count: usize,
    /// The seed's kind (shape and colour).
    pub kind: MarkerKind,
    /// Where its centre is on screen.
    pub at: ScreenPoint,
    /// The accessible name.
    pub name: String,
    /// The visible label text.
    pub label: String,
    /// Where the label goes, if it fits.
    pub label_side: Option<LabelSide>,
    /// Whether all members share one spot (expanding shows them around it instead of zooming).
    pub stacked: bool,
    /// Whether the selected place is among its members.
    pub selected: bool,
    /// The box around every member, to zoom to when the cluster is expanded.
    pub bounds: (WorldPoint, WorldPoint),
    /// Indices of its members, seed first.
    pub members: Vec<usize>,
}

/// The markers a layout singles out.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Emphasis<'a> {
    /// The open record: labelled first and marked, and a group holding it is named after it.
    pub selected: Option<&'a RecordId>,
    /// The lead place of the project whose links are drawn: a group holding it (and not the
    /// open record) is named after it, so the project's arrows never start from a group named
    /// after another place.
    pub project_lead: Option<&'a RecordId>,
}

impl<'a> Emphasis<'a> {
    /// Nothing singled out.
    pub const NONE: Emphasis<'static> = Emphasis { selected: None, project_lead: None };

    /// Only the open record.
    pub fn selected(id: Option<&'a RecordId>) -> Self {
        Self { selected: id, project_lead: None }
    }

    /// The open record, and the lead of the `project` whose links are drawn.
    pub fn of(dataset: &'a Dataset, selected: Option<&'a RecordId>, project: Option<&RecordId>) -> Self {
        Self { selected, project_lead: project.and_then(|p| dataset.project(p)).map(|p| &p.lead_place) }
    }
}

/// The marker layer for one view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkerLayout {
    /// Visible items in reading order (see [`in_reading_order`]): the order of the buttons, so
    /// the order Tab takes.
    pub items: Vec<LayoutItem>,
    /// Country and sea names (indices into [`LABELS`]) left out of this view because they would
    /// overlap a marker or a place's label.
    pub crowded_map_labels: Vec<usize>,
    by_key: HashMap<String, usize>,
    /// The size of the view laid out, so that a fan keeps its names on the map.
    view_size: ScreenSize,
}

impl MarkerLayout {
    /// Lays out the markers for `view`. The selected record (see [`Emphasis`]) is labelled
    /// first whatever its kind, and a group that holds it (or else the shown project's lead) is
    /// named after it. Labels keep clear of `covered`: the cards and controls floating over the
    /// map (see [`FreeArea`]).
    pub fn new(
        index: &ClusterIndex,
        markers: &[MapMarker],
        view: &Viewport,
        language: Language,
        emphasis: Emphasis<'_>,
        covered: &[ScreenRect],
    ) -> Self {
        let text = UiText(language);
        let visible: Vec<LayoutItem> = index
            .visible(view, MARGIN_PX + PAN_SLACK_PX)
            .into_iter()
            .filter_map(|placed| {
                let seed = markers.get(placed.cluster.seed)?;
                Some(item(placed.cluster, placed.at, seed, markers, text, language, emphasis))
            })
            .collect();
        let mut items = in_reading_order(visible, view);
        // Label order: the selected marker, then bigger groups and more important kinds.
        let importance = |item: &LayoutItem| (!item.selected, item.kind, usize::MAX - item.count);
        let mut order = sorted_positions(items.len(), &|a, b| importance(&items[a]).cmp(&importance(&items[b])));
        order.truncate(MAX_LABELS);
        let candidates: Vec<LabelCandidate> = order
            .iter()
            .map(|&i| LabelCandidate {
                anchor: items[i].at,
                marker_radius: marker_radius(&items[i]),
                width: estimate_text_width(&items[i].label),
            })
            .collect();
        let area = FreeArea::new(view.size(), covered);
        let placements = place_labels(&candidates, area);
        for (placement, &i) in placements.iter().zip(&order) {
            items[i].label_side = placement.map(|p| p.side);
        }
        let taken: Vec<ScreenRect> = placements
            .iter()
            .flatten()
            .map(|p| p.rect)
            .chain(items.iter().map(|item| ScreenRect::around(item.at, marker_radius(item))))
            .collect();
        let crowded_map_labels = LABELS
            .iter()
            .enumerate()
            .filter(|(_, label)| label.shows_at(view.zoom()))
            .filter(|(_, label)| {
                let own = label.screen_box(view, language);
                area.is_covered(&own) || taken.iter().any(|t| t.overlaps(&own))
            })
            .map(|(i, _)| i)
            .collect();
        let by_key = items.iter().enumerate().map(|(i, item)| (item.key.clone(), i)).collect();
        Self { items, crowded_map_labels, by_key, view_size: view.size() }
    }

    /// The item with `key`, if it is on screen.
    pub fn get(&self, key: &str) -> Option<&LayoutItem> {
        self.by_key.get(key).and_then(|&i| self.items.get(i))
    }

    /// The key of the item an arrow key moves to from the item with `key`.
    pub fn neighbour(&self, key: &str, arrow: &str) -> Option<&str> {
        let from = self.get(key)?;
        let others: Vec<ScreenPoint> = self.items.iter().map(|i| i.at).collect();
        let found = crate::view::gesture::marker_in_direction(arrow, from.at, &others)?;
        self.items.get(found).map(|i| i.key.as_str())
    }
}

/// Height of a row of the map as Tab reads it, in CSS pixels: a touch target.
const READING_ROW_PX: f64 = 44.0;

/// `items` as a visitor reads the map: rows from the top, each from the left. Tab then reaches a
/// place after the places above it, not after those that come before it in the data. Rows are
/// counted in the world at this zoom, not on screen, so a pan keeps the order (and the buttons
/// keep their place in the page while the focus is on one of them).
fn in_reading_order(items: Vec<LayoutItem>, view: &Viewport) -> Vec<LayoutItem> {
    let scale = view.zoom().world_pixels();
    sorted_by_cached_key(items, |item| {
        let world = view.screen_to_world(item.at);
        // Whole pixels at this zoom: float keys would need a total order, and a pixel is finer
        // than any two markers that can be told apart.
        let row = (world.y * scale / READING_ROW_PX).floor() as i64;
        (row, (world.x * scale).round() as i64, item.key.clone())
    })
}

/// The key of a lone marker's button (see [`LayoutItem::key`]).
pub fn marker_key(id: &RecordId) -> String {
    format!("m-{id}")
}

/// The key of the button of a group led by `seed` (see [`LayoutItem::key`]).
pub fn group_key(seed: &RecordId) -> String {
    format!("c-{seed}")
}

/// Whether the layout made for `laid_out`, shifted by [`Viewport::offset_from`], still serves the
/// view `now`: the same zoom and size, panned by at most [`PAN_SLACK_PX`] each way. While it does,
/// the map moves the whole marker layer with one transform instead of moving every marker.
pub fn layout_still_fits(now: &Viewport, laid_out: &Viewport) -> bool {
    let shift = now.offset_from(laid_out);
    now.size() == laid_out.size()
        && now.zoom() == laid_out.zoom()
        && shift.translate_x.abs() <= PAN_SLACK_PX
        && shift.translate_y.abs() <= PAN_SLACK_PX
}

/// Half the drawn size of a marker, for keeping labels clear: a group is a 28 px disc with two
/// rings round it, 4 px in all (`.marker--group .marker__shape` in style.css); an InnoCity a 16 px
/// disc with a 1 px outline; a partner a 16 px square turned into a diamond at 0.9 scale, whose
/// tips reach 10.2 px along the axes; an organisation a 12 px square. The open place is drawn
/// bigger, with a 5 px ring (`.marker.is-selected .marker__shape`): the shape scaled by 1.35
/// (a partner's diamond by 1.25, a group by 1.12) and the ring with it, so its label moves out
/// beyond the ring instead of starting under it.
fn marker_radius(item: &LayoutItem) -> f64 {
    radius_of(item.count > 1, item.selected, item.kind)
}

/// The radius of a group's or a single marker's shape, selected or not.
fn radius_of(is_group: bool, selected: bool, kind: MarkerKind) -> f64 {
    match (is_group, selected, kind) {
        (true, false, _) => 18.0,
        (true, true, _) => 21.5,
        (false, false, MarkerKind::InnoCity) => 9.0,
        (false, false, MarkerKind::Partner) => 10.0,
        (false, false, MarkerKind::Organisation) => 6.0,
        (false, true, MarkerKind::InnoCity) => 17.6,
        (false, true, MarkerKind::Partner) => 22.0,
        (false, true, MarkerKind::Organisation) => 14.9,
    }
}

fn item(
    cluster: &Cluster,
    at: ScreenPoint,
    seed: &MapMarker,
    markers: &[MapMarker],
    text: UiText,
    language: Language,
    emphasis: Emphasis<'_>,
) -> LayoutItem {
    let count = cluster.members.len();
    let member = |id: Option<&RecordId>| {
        id.and_then(|id| cluster.members.iter().filter_map(|&m| markers.get(m)).find(|m| &m.id == id))
    };
    let selected_member = member(emphasis.selected);
    let (key, name, label) = if cluster.is_single() {
        (marker_key(&seed.id), text.marker_name(seed), seed.name.get(language).to_owned())
    } else {
        let names: Vec<&str> =
            cluster.members.iter().filter_map(|&m| markers.get(m)).map(|m| m.name.get(language)).collect();
        // A group is named after its most important member, or after the open one it holds (or
        // the shown project's lead), so that "Kokkola +11" rather than "Vaasa +11" shows where
        // the open place is and where the arrows start. The key stays the seed's, so the button
        // is kept (and arcs and focus follow it).
        let named_after = selected_member.or_else(|| member(emphasis.project_lead)).unwrap_or(seed);
        let label = text.cluster_label(named_after.name.get(language), count);
        (group_key(&seed.id), text.cluster_name(&label, &names, cluster.is_stacked()), label)
    };
    LayoutItem {
        key,
        seed_id: seed.id.clone(),
        count,
        kind: seed.kind,
        at,
        name,
        label,
        label_side: None,
        stacked: cluster.is_stacked(),
        selected: selected_member.is_some(),
        bounds: cluster.bounds,
        members: cluster.members.clone(),
    }
}

/// One member of a stacked group shown fanned out round the group's spot.
#[derive(Clone, Debug, PartialEq)]
pub struct FannedMember {
    /// Index of the member in the marker list.
    pub marker: usize,
    /// Where its centre is on screen.
    pub at: ScreenPoint,
    /// The group's shared spot, where its leader line ends.
    pub hub: ScreenPoint,
    /// Where its name goes: away from the spot, so the names of a fan read as a list.
    pub label_side: LabelSide,
    /// How wide its name may run before the map's edge, in CSS pixels: a longer name wraps
    /// (a fan has room for two lines a member).
    pub label_room: f64,
}

impl FannedMember {
    /// The length of the leader line from `at` back to the spot, in CSS pixels.
    pub fn leader_length(&self) -> f64 {
        self.at.distance_to(self.hub)
    }

    /// From its centre to the near edge of its name, for a member of `kind` (`--label-offset`
    /// of `.marker__label--of-*` in style.css).
    pub fn label_offset(kind: MarkerKind) -> f64 {
        radius_of(false, false, kind) + GAP_PX
    }

    /// The leader line's direction, in degrees clockwise from the x axis (as CSS `rotate()`).
    pub fn leader_angle_deg(&self) -> f64 {
        (self.hub.y - self.at.y).atan2(self.hub.x - self.at.x).to_degrees()
    }
}

impl LayoutItem {
    /// From the marker's centre to the near edge (or corner) of its label, in CSS pixels:
    /// `--label-offset` in style.css, and where the map image puts the label.
    pub fn label_offset(&self) -> f64 {
        marker_radius(self) + GAP_PX
    }

    /// The members of this group fanned out beside its spot, seed first, in a column on `side`
    /// with a leader line from each back to the spot and its name further out (see
    /// [`fan_offsets`]). The map chooses the side clear of its neighbours (see
    /// [`MarkerLayout::fan`]).
    pub fn fanned(&self, side: FanSide, button_px: f64) -> Vec<FannedMember> {
        self.fanned_within(side, button_px, f64::INFINITY, 0.0)
    }

    /// [`fanned`](Self::fanned) on a map `width` pixels wide, each name's room ending
    /// [`FAN_EDGE_MARGIN_PX`] short of its edge, and the rows spaced for the longest name
    /// (`widest_name_px`) wrapped in that room.
    fn fanned_within(&self, side: FanSide, button_px: f64, width: f64, widest_name_px: f64) -> Vec<FannedMember> {
        let label_side = match side {
            FanSide::Right => LabelSide::Right,
            FanSide::Left => LabelSide::Left,
        };
        // Every member stands at the same distance from the spot, so their names have the same
        // room: from the near end of a name (a shape and a gap out) to the edge.
        let column_x = self.at.x + fan_offsets(1, side, 0.0).first().map_or(0.0, |o| o.x);
        let start = FannedMember::label_offset(MarkerKind::InnoCity);
        let room = match side {
            FanSide::Right => width - column_x - start,
            FanSide::Left => column_x - start,
        } - FAN_EDGE_MARGIN_PX;
        let label_room = room.max(FAN_MIN_LABEL_ROOM_PX);
        let lines = (widest_name_px / label_room).ceil().clamp(1.0, FAN_MAX_LINES);
        let spacing = (button_px + 4.0).max(lines * LABEL_HEIGHT_PX + 6.0);
        self.members
            .iter()
            .zip(fan_offsets(self.members.len(), side, spacing))
            .map(|(&marker, offset)| FannedMember {
                marker,
                at: ScreenPoint::new(self.at.x + offset.x, self.at.y + offset.y),
                hub: self.at,
                label_side,
                label_room,
            })
            .collect()
    }
}

/// Which side of its spot a fan's column stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FanSide {
    /// To the right, names further right.
    Right,
    /// To the left, names further left.
    Left,
}

/// Space left between a fanned member's name and the map's edge, in CSS pixels.
const FAN_EDGE_MARGIN_PX: f64 = 8.0;

/// The least room a fanned member's name gets, wrapping within it, in CSS pixels.
const FAN_MIN_LABEL_ROOM_PX: f64 = 96.0;

/// The most lines a fanned member's name is given room for.
const FAN_MAX_LINES: f64 = 4.0;

impl MarkerLayout {
    /// The members of the group with `key` fanned out beside its spot, as
    /// [`LayoutItem::fanned`], on the side where the column and its names stay on the map and
    /// keep furthest from the other markers: a neighbour just beside the spot (the industrial
    /// park 5 km from Kokkola) is not hidden under a fanned member or its name. `button_px` is
    /// the size of a marker's button: 32 px for a mouse, 44 px on a touch screen. Empty if the
    /// group is not on screen. The side where the longest of the members' names in `language`
    /// fits is preferred, and where neither has room, the side with more (names wrap in
    /// [`FannedMember::label_room`]). What the map shows and what its picture draws.
    pub fn fan(&self, key: &str, markers: &[MapMarker], language: Language, button_px: f64) -> Vec<FannedMember> {
        let Some(group) = self.get(key) else { return Vec::new() };
        let widest_name_px = group
            .members
            .iter()
            .filter_map(|&m| markers.get(m))
            .map(|m| estimate_text_width(m.name.get(language)))
            .fold(0.0, f64::max);
        let others: Vec<ScreenPoint> = self.items.iter().filter(|i| i.key != key).map(|i| i.at).collect();
        let width = if self.view_size.width > 0.0 { self.view_size.width } else { f64::INFINITY };
        let score = |side: FanSide| {
            let fan = group.fanned_within(side, button_px, width, widest_name_px);
            let outward = if side == FanSide::Right { 1.0 } else { -1.0 };
            let room = fan.iter().map(|m| m.label_room).fold(f64::INFINITY, f64::min);
            let half_name = widest_name_px.min(room) / 2.0;
            let clearance = fan
                .iter()
                .flat_map(|m| {
                    // The member and the middle of its name.
                    let name = ScreenPoint::new(m.at.x + outward * half_name, m.at.y);
                    others.iter().map(move |o| m.at.distance_to(*o).min(name.distance_to(*o)))
                })
                .fold(f64::INFINITY, f64::min);
            (room >= widest_name_px, room, clearance, fan)
        };
        let (right, left) = (score(FanSide::Right), score(FanSide::Left));
        let left_is_better = match (right.0, left.0) {
            (true, false) => false,
            (false, true) => true,
            (false, false) => left.1 > right.1,
            (true, true) => left.2 > right.2 + 1e-9,
        };
        if left_is_better {
            left.3
        } else {
            right.3
        }
    }
}

/// The size of a marker's button with a mouse, in CSS pixels (`--marker-hit` in style.css);
/// touch screens use 44 px. Fanned members are spaced so that their buttons do not overlap.
pub const FAN_BUTTON_PX: f64 = 32.0;

/// How far the column of a fan stands from its spot, in CSS pixels: a leader line long enough
/// to see, and the spot's own disc clear.
const FAN_COLUMN_GAP_PX: f64 = 48.0;

/// Offsets (CSS pixels) that fan `count` stacked markers out of their shared spot: a column on
/// `side`, centred on the spot's height, `spacing` apart (at least a button and a little air),
/// so their names can stand beside them as a list and no two buttons overlap.
pub fn fan_offsets(count: usize, side: FanSide, spacing: f64) -> Vec<ScreenPoint> {
    let step = spacing;
    let x = match side {
        FanSide::Right => FAN_COLUMN_GAP_PX,
        FanSide::Left => -FAN_COLUMN_GAP_PX,
    };
    let middle = (count.max(1) - 1) as f64 / 2.0;
    (0..count).map(|i| ScreenPoint::new(x, (i as f64 - middle) * step)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geometry::{ScreenOffset, ScreenSize};
    use crate::layers::label_placement::label_box;
    use crate::view::map_area::map_limits;

    use crate::map_data::bundled_for_tests as bundled;

    #[test]
    fn country_and_sea_names_never_cover_a_place_its_name_or_a_card_over_the_map() {
        let data = bundled();
        let size = ScreenSize::new(1280.0, 800.0);
        let home = data.home_view(size);
        let views = [
            home,
            data.all.everything_view(size),
            home.zoomed_by(size.center(), 1.0),
            home.zoomed_by(size.center(), -1.0),
            data.all.everything_view(ScreenSize::new(390.0, 844.0)),
        ];
        // The desktop header card, zoom buttons, legend, scale bar and credits (as measured in
        // the browser at 1280 x 800), or nothing over the map (a picture of it).
        let desktop_chrome = [
            ScreenRect { left: 12.0, top: 12.0, right: 384.0, bottom: 256.0 },
            ScreenRect { left: 1224.0, top: 620.0, right: 1268.0, bottom: 760.0 },
            ScreenRect { left: 12.0, top: 728.0, right: 109.0, bottom: 760.0 },
            ScreenRect { left: 12.0, top: 772.0, right: 112.0, bottom: 796.0 },
            ScreenRect { left: 1024.0, top: 781.0, right: 1280.0, bottom: 800.0 },
        ];
        let mut drawn_somewhere = [0, 0];
        for (chrome, covered) in [&[][..], &desktop_chrome[..]].into_iter().enumerate() {
            for view in views {
                for language in Language::ALL {
                    let layout = MarkerLayout::new(
                        &data.all.clusters,
                        &data.all.markers,
                        &view,
                        language,
                        Emphasis::NONE,
                        covered,
                    );
                    let mut taken: Vec<ScreenRect> =
                        layout.items.iter().map(|item| ScreenRect::around(item.at, marker_radius(item))).collect();
                    for item in layout.items.iter().filter(|i| i.label_side.is_some()) {
                        let candidate = LabelCandidate {
                            anchor: item.at,
                            marker_radius: marker_radius(item),
                            width: estimate_text_width(&item.label),
                        };
                        let own = label_box(&candidate, item.label_side.unwrap());
                        assert!(!covered.iter().any(|c| c.overlaps(&own)), "{} runs under a card", item.label);
                        taken.push(own);
                    }
                    for (i, label) in LABELS.iter().enumerate().filter(|(_, l)| l.shows_at(view.zoom())) {
                        let own = label.screen_box(&view, language);
                        let clashes = taken.iter().chain(covered).any(|t| t.overlaps(&own));
                        assert_eq!(
                            layout.crowded_map_labels.contains(&i),
                            clashes,
                            "{} at zoom {:?}",
                            label.name.get(Language::En),
                            view.zoom()
                        );
                        drawn_somewhere[chrome] += usize::from(!clashes);
                    }
                }
            }
        }
        assert!(drawn_somewhere.iter().all(|&n| n > 10), "most names still show ({drawn_somewhere:?})");
    }

    #[test]
    fn a_group_holding_the_selected_place_is_named_after_it_and_keeps_its_key() {
        let data = bundled();
        let view = data.all.everything_view(ScreenSize::new(390.0, 844.0));
        let plain = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let group = plain.items.iter().find(|i| i.count > 2).expect("a group of three or more");
        let member = &data.all.markers[group.members[1]];
        assert_ne!(member.id, group.seed_id);
        let selected = MarkerLayout::new(
            &data.all.clusters,
            &data.all.markers,
            &view,
            Language::En,
            Emphasis::selected(Some(&member.id)),
            &[],
        );
        let same = selected.get(&group.key).expect("the group keeps its key");
        let name = member.name.get(Language::En);
        assert!(same.selected);
        assert_eq!(same.label, UiText(Language::En).cluster_label(name, group.count));
        assert!(same.name.starts_with(&same.label), "{}", same.name);
        assert_ne!(same.label, group.label);
    }

    /// With a project's links drawn, a group holding its lead (and not the open record) is
    /// named after the lead: on a phone the battery project's arrows started from "Vaasa +11".
    #[test]
    fn a_group_holding_the_shown_projects_lead_is_named_after_it() {
        let data = bundled();
        let project = data.dataset.projects.iter().find(|p| p.id.as_str() == "battery-chemistry-lead-project").unwrap();
        let lead = data.all.markers.iter().find(|m| m.id == project.lead_place).unwrap();
        let phone = ScreenSize::new(390.0, 844.0);
        // Zoomed out until the lead sits in a group another place leads.
        let mut view = data.all.everything_view(phone);
        let holding = |layout: &MarkerLayout| {
            layout.items.iter().find(|i| i.members.iter().any(|&m| data.all.markers[m].id == lead.id)).cloned()
        };
        for _ in 0..20 {
            let plain =
                MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
            if holding(&plain).is_some_and(|g| g.count > 1 && g.seed_id != lead.id) {
                break;
            }
            view = view.zoomed_by(phone.center(), -0.25);
        }
        let plain = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let group = holding(&plain).unwrap();
        assert!(group.count > 1 && group.seed_id != lead.id, "the lead is in another place's group");
        let emphasis = Emphasis::of(&data.dataset, None, Some(&project.id));
        assert_eq!(emphasis.project_lead, Some(&lead.id));
        let shown = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, emphasis, &[]);
        let same = shown.get(&group.key).expect("the group keeps its key");
        assert_eq!(same.label, UiText(Language::En).cluster_label(lead.name.get(Language::En), group.count));
        assert!(!same.selected, "named after the lead, not marked as open");
        // The open record still comes first.
        let other = data
            .all
            .markers
            .iter()
            .find(|m| group.members.iter().any(|&i| data.all.markers[i].id == m.id) && m.id != lead.id)
            .unwrap();
        let both = Emphasis::of(&data.dataset, Some(&other.id), Some(&project.id));
        let opened = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, both, &[]);
        assert!(opened.get(&group.key).unwrap().label.starts_with(other.name.get(Language::En)));
    }

    #[test]
    fn every_marker_on_screen_is_in_exactly_one_item_and_keys_are_unique() {
        let data = bundled();
        let size = ScreenSize::new(1280.0, 800.0);
        for (view, shows_all) in [(data.home_view(size), false), (data.all.everything_view(size), true)] {
            let layout =
                MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
            let mut seen = vec![0; data.all.markers.len()];
            for item in &layout.items {
                for &m in &item.members {
                    seen[m] += 1;
                }
                assert_eq!(layout.get(&item.key), Some(item));
            }
            assert!(seen.iter().all(|&n| n <= 1));
            // The everything view has every marker on screen; the home view only the InnoCities.
            let on_screen = |m: usize| shows_all || data.all.markers[m].kind == MarkerKind::InnoCity;
            assert!((0..seen.len()).filter(|&m| on_screen(m)).all(|m| seen[m] == 1));
        }
    }

    #[test]
    fn a_fan_stands_on_the_side_clear_of_its_neighbour_with_its_names_on_the_map() {
        let data = bundled();
        let kokkola = data.all.markers.iter().find(|m| m.id.as_str() == "kokkola").unwrap().world;
        let size = ScreenSize::new(1280.0, 800.0);
        // Zoom 9: the industrial park stands 37 px west of Kokkola's stack.
        let view = Viewport::new(kokkola, crate::view::viewport::Zoom::clamped(9.0), size, map_limits());
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let park = layout.get("m-kokkola-industrial-park").expect("the park on its own").at;
        let group = layout.get("c-kokkola").unwrap();
        for button in [FAN_BUTTON_PX, 44.0] {
            let fan = layout.fan("c-kokkola", &data.all.markers, Language::En, button);
            assert_eq!(fan.iter().map(|m| m.marker).collect::<Vec<_>>(), group.members);
            assert!(fan.iter().all(|m| m.at.x > group.at.x && m.label_side == LabelSide::Right), "away from the park");
            let nearest = fan.iter().map(|m| m.at.distance_to(park)).fold(f64::INFINITY, f64::min);
            assert!(nearest >= 40.0, "every member keeps clear of the park ({nearest})");
        }
        // At the right edge of the map the column and its names turn to the left.
        let at_edge = view.panned_by(crate::geo::geometry::ScreenOffset { dx: 1280.0 / 2.0 - 60.0, dy: 0.0 });
        let layout =
            MarkerLayout::new(&data.all.clusters, &data.all.markers, &at_edge, Language::En, Emphasis::NONE, &[]);
        let fan = layout.fan("c-kokkola", &data.all.markers, Language::En, FAN_BUTTON_PX);
        assert!(!fan.is_empty() && fan.iter().all(|m| m.label_side == LabelSide::Left && m.at.x < 1280.0 - 60.0));
        assert!(layout.fan("c-no-such-group", &data.all.markers, Language::En, FAN_BUTTON_PX).is_empty());
    }

    #[test]
    fn a_fanned_group_puts_each_member_apart_with_a_leader_back_to_the_spot() {
        let data = bundled();
        let view = data.all.everything_view(ScreenSize::new(1280.0, 800.0));
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let group = layout.items.iter().find(|i| i.count > 2).expect("a group of three or more");
        let fanned = group.fanned(FanSide::Right, FAN_BUTTON_PX);
        assert_eq!(fanned.iter().map(|m| m.marker).collect::<Vec<_>>(), group.members);
        for (i, member) in fanned.iter().enumerate() {
            let angle = member.leader_angle_deg().to_radians();
            let end = (
                member.at.x + member.leader_length() * angle.cos(),
                member.at.y + member.leader_length() * angle.sin(),
            );
            assert!(
                (end.0 - group.at.x).abs() < 1e-9 && (end.1 - group.at.y).abs() < 1e-9,
                "leader {i} ends at the spot"
            );
            for other in &fanned[i + 1..] {
                assert!(member.at.distance_to(other.at) >= 32.0, "32-pixel buttons do not overlap");
            }
        }
    }

    #[test]
    fn a_group_keeps_its_key_across_zoom_levels_while_its_seed_leads_it() {
        let data = bundled();
        let view = data.all.everything_view(ScreenSize::new(1280.0, 800.0));
        let deeper = view.zoomed_by(view.size().center(), 1.0);
        let levels_apart = deeper.zoom().value().floor() - view.zoom().value().floor();
        assert_eq!(levels_apart, 1.0, "the two views use neighbouring cluster levels");
        let out = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let near = MarkerLayout::new(&data.all.clusters, &data.all.markers, &deeper, Language::En, Emphasis::NONE, &[]);
        let mut kept = 0;
        for group in near.items.iter().filter(|i| i.count > 1) {
            if let Some(before) = out.items.iter().find(|i| i.count > 1 && i.seed_id == group.seed_id) {
                assert_eq!(before.key, group.key);
                kept += 1;
            }
        }
        assert!(kept > 0, "some group is led by the same place at both levels");
    }

    #[test]
    fn the_home_view_labels_innocities_and_groups_have_counted_names() {
        let data = bundled();
        let view = data.home_view(ScreenSize::new(1280.0, 800.0));
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let labelled = layout.items.iter().filter(|i| i.label_side.is_some()).count();
        assert!(labelled >= 8, "{labelled} labels");
        let group = layout.items.iter().find(|i| i.count > 1).expect("the capital region is a group at this zoom");
        assert!(group.name.contains(&group.count.to_string()), "{}", group.name);
        assert!(group.key.starts_with('c'));
    }

    #[test]
    fn the_selected_marker_is_labelled_first() {
        let data = bundled();
        let view = data.all.everything_view(ScreenSize::new(480.0, 320.0));
        let organisation = data.all.markers.iter().find(|m| m.kind == MarkerKind::Organisation).unwrap();
        let layout = MarkerLayout::new(
            &data.all.clusters,
            &data.all.markers,
            &view,
            Language::En,
            Emphasis::selected(Some(&organisation.id)),
            &[],
        );
        let item =
            layout.items.iter().find(|i| i.members.iter().any(|&m| data.all.markers[m].id == organisation.id)).unwrap();
        assert!(item.label_side.is_some());
        assert!(item.selected);
        assert_eq!(layout.items.iter().filter(|i| i.selected).count(), 1, "only the item holding it is selected");
    }

    #[test]
    fn arrow_keys_walk_between_items() {
        let data = bundled();
        let limits = map_limits();
        let view = data.home_view(ScreenSize::new(1280.0, 800.0));
        assert_eq!(view.limits(), limits);
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let southmost = layout.items.iter().max_by(|a, b| a.at.y.total_cmp(&b.at.y)).unwrap();
        assert!(layout.neighbour(&southmost.key, "ArrowUp").is_some());
        assert_eq!(layout.neighbour(&southmost.key, "ArrowDown"), None);
        assert_eq!(layout.neighbour("no-such-key", "ArrowUp"), None);
    }

    #[test]
    fn a_layout_shifted_by_a_small_pan_shows_the_same_markers_at_the_same_places() {
        let data = bundled();
        let size = ScreenSize::new(1280.0, 800.0);
        let laid_out = data.all.everything_view(size);
        let fresh =
            MarkerLayout::new(&data.all.clusters, &data.all.markers, &laid_out, Language::En, Emphasis::NONE, &[]);
        for (dx, dy, fits) in [(0.0, 0.0, true), (100.0, -60.0, true), (-128.0, 128.0, true), (129.0, 0.0, false)] {
            let now = laid_out.panned_by(ScreenOffset { dx, dy });
            assert_eq!(layout_still_fits(&now, &laid_out), fits, "pan by {dx}, {dy}");
            if !fits {
                continue;
            }
            let shift = now.offset_from(&laid_out);
            let redone =
                MarkerLayout::new(&data.all.clusters, &data.all.markers, &now, Language::En, Emphasis::NONE, &[]);
            // Every marker within the usual margin of the new view is in the shifted layout, where
            // a fresh layout for the new view puts it.
            for item in &redone.items {
                let inside = item.at.x >= -MARGIN_PX
                    && item.at.y >= -MARGIN_PX
                    && item.at.x <= size.width + MARGIN_PX
                    && item.at.y <= size.height + MARGIN_PX;
                if !inside {
                    continue;
                }
                let old = fresh.get(&item.key).unwrap_or_else(|| panic!("{} missing after {dx}, {dy}", item.key));
                assert!((old.at.x + shift.translate_x - item.at.x).abs() < 1e-6);
                assert!((old.at.y + shift.translate_y - item.at.y).abs() < 1e-6);
            }
        }
        let zoomed = laid_out.zoomed_by(size.center(), 0.1);
        assert!(!layout_still_fits(&zoomed, &laid_out), "a zoom lays out again");
        let resized = laid_out.resized(ScreenSize::new(1000.0, 800.0));
        assert!(!layout_still_fits(&resized, &laid_out), "so does a resize");
    }

    #[test]
    fn fanned_buttons_never_overlap_and_their_names_read_as_a_list() {
        for button in [FAN_BUTTON_PX, 44.0] {
            for count in [2, 5, 12] {
                for side in [FanSide::Right, FanSide::Left] {
                    let offsets = fan_offsets(count, side, button + 4.0);
                    for (i, a) in offsets.iter().enumerate() {
                        // Touch targets of `button` px (44 px on touch screens) do not overlap.
                        for b in &offsets[i + 1..] {
                            assert!(a.distance_to(*b) >= button, "{count}: {a:?} {b:?}");
                        }
                        // One column beside the spot, its names all on one side: no two meet.
                        assert!(a.x.abs() >= 40.0 && a.x.signum() == offsets[0].x.signum());
                    }
                    let middle = offsets.iter().map(|o| o.y).sum::<f64>() / count as f64;
                    assert!(middle.abs() < 1e-9, "centred on the spot's height");
                }
            }
        }
    }

    #[test]
    fn tab_reads_the_markers_in_rows_from_the_top_and_a_pan_keeps_their_order() {
        let data = bundled();
        for size in [ScreenSize::new(1280.0, 800.0), ScreenSize::new(390.0, 844.0)] {
            let home = data.home_view(size);
            let layout = |view: &Viewport| {
                MarkerLayout::new(&data.all.clusters, &data.all.markers, view, Language::En, Emphasis::NONE, &[])
            };
            let at_home = layout(&home);
            for pair in at_home.items.windows(2) {
                let (a, b) = (pair[0].at, pair[1].at);
                assert!(b.y > a.y - READING_ROW_PX, "{} at {a:?} comes before {} at {b:?}", pair[0].key, pair[1].key);
            }
            // Kokkola, on the west coast halfway up Finland, comes well before the end: Tab
            // used to reach it after the 28 places before it in the data.
            let kokkola = at_home.items.iter().position(|i| i.name.starts_with("Kokkola"));
            let place = kokkola.expect("Kokkola is on the home view");
            let above = at_home.items.iter().filter(|i| i.at.y < at_home.items[place].at.y - READING_ROW_PX).count();
            assert!(place <= above + 4, "{size:?}: Kokkola is stop {place}, with {above} markers above it");
            // After a pan the markers still on screen are in the same order.
            let panned = layout(&home.panned_by(crate::geo::geometry::ScreenOffset { dx: 37.0, dy: -61.0 }));
            let keys = |l: &MarkerLayout| l.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>();
            let (before, after) = (keys(&at_home), keys(&panned));
            let common = |from: &[String], other: &[String]| {
                from.iter().filter(|k| other.contains(k)).cloned().collect::<Vec<_>>()
            };
            assert_eq!(common(&before, &after), common(&after, &before), "{size:?}");
        }
    }
}
