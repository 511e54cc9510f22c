//! What activating a group of markers does: the one rule the map, its keyboard and its tests
//! share.
//!
//! Like Leaflet.markercluster, a group opens by zooming only as far as it splits, centred on its
//! members in the area the panels leave free; the members that still share one spot there fan
//! out in the same activation, so one click always shows every member. A group that no zoom the
//! map allows can split (a stack on one spot, or members still close together at the deepest
//! zoom) fans out where it is, and a second activation folds the fan back. A flight must gain at
//! least [`MIN_ZOOM_GAIN`] unless it splits the group at the deepest zoom: a smaller step looks
//! like nothing happened.

use crate::layers::marker_layer::{group_key, LayoutItem};
use crate::layers::marker_set::MarkerSet;
use crate::view::viewport::{Padding, Viewport, Zoom};

/// The smallest zoom a group's flight gains (in zoom levels), so it reads as a zoom.
pub const MIN_ZOOM_GAIN: f64 = 0.5;

/// What activating a group does.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupOpening {
    /// Fly to `view`, where the group has split; once there, fan out the group with the key
    /// `then_fan` (members that still share a spot, or are still together at the deepest zoom).
    FlyTo {
        /// Where to fly.
        view: Viewport,
        /// The key of the group to fan out on arrival, if any.
        then_fan: Option<String>,
    },
    /// Fan the members of the group with this key out around its spot, where it is.
    Fan(String),
    /// Fold the open fan back (its group was activated again).
    Fold,
}

/// What activating `group`, a group of `set` laid out in `view`, does. `padding` is the room
/// the panels over the map take; `fanned` is the key of the group fanned out now, if any.
pub fn open_group(
    group: &LayoutItem,
    set: &MarkerSet,
    view: &Viewport,
    padding: Padding,
    fanned: Option<&str>,
) -> GroupOpening {
    if fanned == Some(group.key.as_str()) {
        return GroupOpening::Fold;
    }
    if group.stacked {
        return GroupOpening::Fan(group.key.clone());
    }
    let (now, deepest) = (view.zoom().value(), view.limits().max_zoom.value());
    let target = match set.clusters.level_splitting(&group.members, view.zoom(), view.limits().max_zoom) {
        Some(split) => split.value().max(now + MIN_ZOOM_GAIN).min(deepest),
        None if deepest - now >= MIN_ZOOM_GAIN => deepest,
        None => return GroupOpening::Fan(group.key.clone()),
    };
    let (nw, se) = group.bounds;
    let centre = crate::geo::geometry::WorldPoint { x: (nw.x + se.x) / 2.0, y: (nw.y + se.y) / 2.0 };
    let landing = Viewport::new(centre, Zoom::clamped(target), view.size(), view.limits())
        .with_point_at(centre, padding.free_centre(view.size()));
    GroupOpening::FlyTo { then_fan: group_left_together(group, set, &landing), view: landing }
}

/// The key of the group to fan out once the map shows `landing`: of the groups that the
/// members of `group` form there, the biggest one that no deeper zoom can split (members on one
/// spot, or any group at the deepest zoom). The most important one wins a tie.
fn group_left_together(group: &LayoutItem, set: &MarkerSet, landing: &Viewport) -> Option<String> {
    let (_, clusters) = set.clusters.level_at(landing.zoom());
    let at_deepest =
        set.clusters.grouping_zoom(landing.zoom()) >= set.clusters.grouping_zoom(landing.limits().max_zoom);
    clusters
        .iter()
        .filter(|c| !c.is_single() && (c.is_stacked() || at_deepest))
        .filter(|c| group.members.iter().any(|&m| c.holds(m)))
        .min_by_key(|c| (usize::MAX - c.members.len(), c.seed))
        .and_then(|c| set.markers.get(c.seed))
        .map(|seed| group_key(&seed.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{MapMarker, MarkerKind};
    use crate::geo::geometry::ScreenSize;
    use crate::geo::latlng::LatLng;
    use crate::geo::projection::project;
    use crate::language::Language;
    use crate::layers::marker_layer::{Emphasis, MarkerLayout};
    use crate::view::map_area::{map_limits, MAP_AREA};
    use crate::view::viewport::ViewLimits;

    fn marker(id: &str, kind: MarkerKind, lat: f64, lon: f64) -> MapMarker {
        MapMarker::for_tests(id, kind, lat, lon)
    }

    /// Kokkola as the bundled data has it: the town and four organisations on one spot, the
    /// industrial park 5 km to the north-west; and two towns 28 km apart in the south.
    fn places() -> MarkerSet {
        let mut markers = vec![
            marker("kokkola", MarkerKind::InnoCity, 63.8385, 23.1307),
            marker("lahti", MarkerKind::InnoCity, 60.9827, 25.6612),
            marker("heinola", MarkerKind::Partner, 61.2050, 26.0300),
        ];
        for org in ["centria", "chydenius", "city-of-kokkola", "kpedu"] {
            markers.push(marker(org, MarkerKind::Organisation, 63.8385, 23.1307));
        }
        markers.push(marker("industrial-park", MarkerKind::Organisation, 63.857, 23.04));
        MarkerSet::new(markers)
    }

    fn limits(deepest: f64) -> ViewLimits {
        ViewLimits::for_area(MAP_AREA, Zoom::clamped(3.0), Zoom::clamped(deepest))
    }

    fn view(lat: f64, lon: f64, zoom: f64, deepest: f64) -> Viewport {
        Viewport::new(
            project(LatLng::lat_lon(lat, lon)),
            Zoom::clamped(zoom),
            ScreenSize::new(1280.0, 800.0),
            limits(deepest),
        )
    }

    fn item(set: &MarkerSet, view: &Viewport, key: &str) -> LayoutItem {
        let layout = MarkerLayout::new(&set.clusters, &set.markers, view, Language::En, Emphasis::NONE, &[]);
        layout
            .get(key)
            .unwrap_or_else(|| panic!("{key} not in {:?}", layout.items.iter().map(|i| &i.key).collect::<Vec<_>>()))
            .clone()
    }

    const PANEL: Padding = Padding { top: 48.0, right: 400.0, bottom: 48.0, left: 48.0 };

    #[test]
    fn a_group_zooms_only_as_far_as_it_splits_and_fans_out_what_still_shares_a_spot() {
        let set = places();
        let from = view(63.8, 23.1, 6.0, 9.0);
        let group = item(&set, &from, "c-kokkola");
        assert_eq!(group.count, 6, "the town, four organisations and the park");
        let GroupOpening::FlyTo { view: landing, then_fan } = open_group(&group, &set, &from, PANEL, None) else {
            panic!("a group that splits flies")
        };
        // 5 km apart: still within 28 px of each other at zoom 8, apart at zoom 9.
        assert_eq!(
            set.clusters.level_splitting(&group.members, from.zoom(), Zoom::clamped(12.0)),
            Some(Zoom::clamped(9.0))
        );
        assert_eq!(landing.zoom(), Zoom::clamped(9.0));
        assert_eq!(then_fan.as_deref(), Some("c-kokkola"), "the five on one spot fan out in the same click");
        // Landed beside the panel, every member in sight.
        for &m in &group.members {
            let at = landing.world_to_screen(set.markers[m].world);
            assert!(
                at.x > PANEL.left && at.x < 1280.0 - PANEL.right && at.y > PANEL.top && at.y < 800.0 - PANEL.bottom,
                "{at:?}"
            );
        }
        let landed = MarkerLayout::new(&set.clusters, &set.markers, &landing, Language::En, Emphasis::NONE, &[]);
        assert!(landed.get("m-industrial-park").is_some(), "the park stands on its own");
        assert!(landed.get("c-kokkola").is_some_and(|g| g.stacked && g.count == 5));
    }

    #[test]
    fn a_group_of_separate_places_lands_where_it_splits_with_no_fan() {
        let set = places();
        let from = view(61.1, 25.8, 4.0, 9.0);
        let group = item(&set, &from, "c-lahti");
        let GroupOpening::FlyTo { view: landing, then_fan } =
            open_group(&group, &set, &from, Padding::from(48.0), None)
        else {
            panic!("flies")
        };
        let split = set.clusters.level_splitting(&group.members, from.zoom(), Zoom::clamped(9.0)).unwrap();
        assert_eq!(landing.zoom(), split);
        assert!(landing.zoom().value() >= from.zoom().value() + MIN_ZOOM_GAIN);
        let landed = MarkerLayout::new(&set.clusters, &set.markers, &landing, Language::En, Emphasis::NONE, &[]);
        let holding: Vec<_> =
            landed.items.iter().filter(|i| i.members.iter().any(|m| group.members.contains(m))).collect();
        assert!(holding.len() >= 2, "the group has split");
        assert_eq!(then_fan, None, "nothing shares a spot");
    }

    #[test]
    fn a_flight_gains_at_least_half_a_level() {
        let set = places();
        // Just below the level where Lahti and Heinola part: the split alone would be a tiny step.
        let group_at = |z: f64| {
            let from = view(61.1, 25.8, z, 12.0);
            (from, item(&set, &from, "c-lahti"))
        };
        let (from, group) = group_at(4.0);
        let split = set.clusters.level_splitting(&group.members, from.zoom(), Zoom::clamped(12.0)).unwrap().value();
        let (from, group) = group_at(split - 0.1);
        let GroupOpening::FlyTo { view: landing, .. } = open_group(&group, &set, &from, PANEL, None) else { panic!() };
        assert!((landing.zoom().value() - (split - 0.1 + MIN_ZOOM_GAIN)).abs() < 1e-9, "{:?}", landing.zoom());
    }

    #[test]
    fn a_stack_fans_out_in_place_and_a_second_activation_folds_it() {
        let set = places();
        let from = view(63.84, 23.13, 9.0, 9.0);
        let stack = item(&set, &from, "c-kokkola");
        assert!(stack.stacked);
        assert_eq!(open_group(&stack, &set, &from, PANEL, None), GroupOpening::Fan("c-kokkola".to_owned()));
        assert_eq!(open_group(&stack, &set, &from, PANEL, Some("c-kokkola")), GroupOpening::Fold);
        assert_eq!(open_group(&stack, &set, &from, PANEL, Some("c-other")), GroupOpening::Fan("c-kokkola".to_owned()));
    }

    #[test]
    fn a_group_the_deepest_zoom_cannot_split_flies_there_and_fans_or_fans_in_place() {
        let set = places();
        // With the deepest zoom at 8, the park never leaves Kokkola's group.
        let from = view(63.8, 23.1, 6.0, 8.0);
        let group = item(&set, &from, "c-kokkola");
        let GroupOpening::FlyTo { view: landing, then_fan } = open_group(&group, &set, &from, PANEL, None) else {
            panic!("flies to the deepest zoom")
        };
        assert_eq!(landing.zoom(), Zoom::clamped(8.0));
        assert_eq!(then_fan.as_deref(), Some("c-kokkola"), "and fans the six out there");
        let near = view(63.8, 23.1, 7.8, 8.0);
        let group = item(&set, &near, "c-kokkola");
        assert_eq!(
            open_group(&group, &set, &near, PANEL, None),
            GroupOpening::Fan("c-kokkola".to_owned()),
            "no flight of 0.2 levels"
        );
    }

    /// The bundled data at the opening view of a desktop: "Kokkola +5" lands at the basemap's
    /// deepest truthful zoom with Kokkola's stack fanned out, not at a city-district zoom.
    #[test]
    fn kokkola_opens_in_one_activation_in_the_bundled_data() {
        let data = crate::map_data::bundled_for_tests();
        let size = ScreenSize::new(1280.0, 800.0);
        let home = data.home_view(size);
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &home, Language::En, Emphasis::NONE, &[]);
        let kokkola =
            layout.items.iter().find(|i| i.key == "c-kokkola").expect("Kokkola leads a group at the opening view");
        let GroupOpening::FlyTo { view: landing, then_fan } =
            open_group(kokkola, &data.all, &home, Padding::from(48.0), None)
        else {
            panic!("flies")
        };
        assert!(landing.zoom() <= map_limits().max_zoom);
        let landed =
            MarkerLayout::new(&data.all.clusters, &data.all.markers, &landing, Language::En, Emphasis::NONE, &[]);
        let fan = then_fan.as_deref().and_then(|key| landed.get(key)).expect("a stack to fan out");
        let shown: usize = landed
            .items
            .iter()
            .filter(|i| i.members.iter().any(|m| kokkola.members.contains(m)))
            .map(|i| i.count)
            .sum();
        assert_eq!(shown, kokkola.count, "every member is on screen");
        assert!(fan.stacked || landing.zoom() == map_limits().max_zoom);
    }
}
