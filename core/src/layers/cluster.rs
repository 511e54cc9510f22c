//! Clustering: markers that would overlap on screen merge into one cluster showing a count.
//!
//! Clusters are computed once per whole zoom level when the data loads ([`ClusterIndex::new`]),
//! so they do not reshuffle while the user pans, and a view only has to pick its level and cull
//! to the screen ([`ClusterIndex::visible`]). Within a level, markers are taken in order of
//! importance (InnoCities, then partners, then organisations, as [`MapMarker`]s are sorted) and
//! each marker not yet taken seeds a cluster that takes every free marker within
//! [`CLUSTER_RADIUS_PX`]; the cluster sits on its seed, so "Kokkola and 3 more" stays on Kokkola.
//! A spatial hash keeps each level linear in the number of markers.
//!
//! A level is grouped when it is first asked for, not when the data loads: the first view needs
//! one level of the ten, and with 10,000 places grouping all of them up front took longer than
//! reading the file. The map grouping the other levels ahead of time, while it is idle
//! ([`ClusterIndex::prepare_next`]), keeps zooming from waiting for them.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::data::model::MapMarker;
use crate::geo::geometry::{ScreenPoint, WorldPoint};
use crate::view::viewport::{Viewport, Zoom};

/// Markers closer than this on screen (CSS pixels, centre to centre) are merged. Marker buttons
/// are 32 px wide; below about 28 px their shapes touch.
pub const CLUSTER_RADIUS_PX: f64 = 28.0;

/// A cluster at one zoom level: a seed marker and the markers merged into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Index (into the marker list) of the most important member; the cluster is drawn there.
    pub seed: usize,
    /// Indices of every member, seed first, then in marker order.
    pub members: Vec<usize>,
    /// Where the cluster is drawn (the seed's position).
    pub world: WorldPoint,
    /// The smallest box holding every member: north-west and south-east corners.
    pub bounds: (WorldPoint, WorldPoint),
}

impl Cluster {
    /// Whether this is a lone marker rather than a group.
    pub fn is_single(&self) -> bool {
        self.members.len() == 1
    }

    /// Whether `marker` is one of the members.
    pub fn holds(&self, marker: usize) -> bool {
        // Members after the seed are kept in marker order, so a binary search finds them.
        self.seed == marker || self.members.get(1..).is_some_and(|rest| rest.binary_search(&marker).is_ok())
    }

    /// Whether all members share one position, so no zoom level can separate them.
    pub fn is_stacked(&self) -> bool {
        let (nw, se) = self.bounds;
        // About a metre at the equator: closer than any zoom can show apart.
        (se.x - nw.x) < 1e-7 && (se.y - nw.y) < 1e-7
    }
}

/// Clusters for every whole zoom level in a range, each grouped when first needed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterIndex {
    first_level: u8,
    /// Every marker's position, in marker order.
    positions: Vec<WorldPoint>,
    levels: Vec<OnceLock<Vec<Cluster>>>,
}

/// A cluster or a lone marker placed on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedCluster<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// Where its centre is on screen.
    pub at: ScreenPoint,
}

impl ClusterIndex {
    /// Clusters `markers` for each whole zoom level from `min_zoom` to `max_zoom`.
    pub fn new(markers: &[MapMarker], min_zoom: Zoom, max_zoom: Zoom) -> Self {
        let first_level = level_of(min_zoom);
        let last_level = level_of(max_zoom).max(first_level);
        let positions = markers.iter().map(|m| m.world).collect();
        let levels = (first_level..=last_level).map(|_| OnceLock::new()).collect();
        Self { first_level, positions, levels }
    }

    /// The clusters of the level used at `zoom` (the whole level at or below it, so clusters
    /// only ever split as the user zooms in).
    pub fn level_at(&self, zoom: Zoom) -> (u8, &[Cluster]) {
        let level = self.level_used_at(zoom);
        (level, self.clusters_of(usize::from(level - self.first_level)))
    }

    /// The whole zoom of the level used at `zoom`: every zoom with the same grouping gives the
    /// same answer, so what depends only on the grouping can be keyed on it.
    pub fn grouping_zoom(&self, zoom: Zoom) -> Zoom {
        Zoom::clamped(f64::from(self.level_used_at(zoom)))
    }

    fn level_used_at(&self, zoom: Zoom) -> u8 {
        let last =
            self.first_level.saturating_add(u8::try_from(self.levels.len().saturating_sub(1)).unwrap_or(u8::MAX));
        level_of(zoom).clamp(self.first_level, last)
    }

    /// Groups the first level not grouped yet; `false` once every level is. Each call is one
    /// level's work, so a caller can spread them over idle moments.
    pub fn prepare_next(&self) -> bool {
        match self.levels.iter().position(|level| level.get().is_none()) {
            Some(index) => {
                self.clusters_of(index);
                true
            }
            None => false,
        }
    }

    /// The clusters of the level at `index` (counted from the first level), grouped now if
    /// they were not yet.
    fn clusters_of(&self, index: usize) -> &[Cluster] {
        let level = self.first_level.saturating_add(u8::try_from(index).unwrap_or(u8::MAX));
        self.levels.get(index).map_or(&[][..], |once| once.get_or_init(|| cluster_level(&self.positions, level)))
    }

    /// The first whole zoom level at or after `from` at which the marker at `marker` is as
    /// separate as any zoom makes it: on its own, or only with markers on its very spot (a
    /// stack, which opens by fanning out). `None` if even the deepest level groups it with
    /// others.
    pub fn zoom_separating(&self, marker: usize, from: Zoom) -> Option<Zoom> {
        let skip = level_of(from).saturating_sub(self.first_level) as usize;
        let found = (skip..self.levels.len()).map(|i| (i, self.clusters_of(i))).find(|(_, clusters)| {
            clusters.iter().any(|c| c.members.contains(&marker) && (c.is_single() || c.is_stacked()))
        });
        // Levels are whole numbers from `first_level`, within Zoom's range.
        found.map(|(i, _)| Zoom::clamped(f64::from(self.first_level) + i as f64))
    }

    /// The first whole zoom level deeper than the one used at `from`, and no deeper than
    /// `deepest`, at which the markers `members` are no longer all in one cluster: how far a
    /// group must be zoomed into for it to split. `None` if they stay together down to `deepest`.
    pub fn level_splitting(&self, members: &[usize], from: Zoom, deepest: Zoom) -> Option<Zoom> {
        let &first = members.first()?;
        let last = self.level_used_at(deepest);
        (self.level_used_at(from) + 1..=last).find_map(|level| {
            let clusters = self.clusters_of(usize::from(level - self.first_level));
            let holding = clusters.iter().find(|c| c.holds(first))?;
            members.iter().any(|&m| !holding.holds(m)).then(|| Zoom::clamped(f64::from(level)))
        })
    }

    /// Where every marker is drawn at `zoom`, in marker order: on the cluster that holds it,
    /// which for a marker on its own is the marker itself.
    pub fn drawn_positions(&self, zoom: Zoom) -> Vec<WorldPoint> {
        let mut drawn = self.positions.clone();
        let (_, clusters) = self.level_at(zoom);
        for cluster in clusters {
            for &member in &cluster.members {
                if let Some(at) = drawn.get_mut(member) {
                    *at = cluster.world;
                }
            }
        }
        drawn
    }

    /// The clusters whose centre is on screen or within `margin_px` of it, with their screen
    /// positions, in marker order (most important first).
    pub fn visible(&self, view: &Viewport, margin_px: f64) -> Vec<PlacedCluster<'_>> {
        let (_, clusters) = self.level_at(view.zoom());
        let size = view.size();
        clusters
            .iter()
            .filter_map(|cluster| {
                let at = view.world_to_screen(cluster.world);
                let inside = at.x >= -margin_px
                    && at.y >= -margin_px
                    && at.x <= size.width + margin_px
                    && at.y <= size.height + margin_px;
                inside.then_some(PlacedCluster { cluster, at })
            })
            .collect()
    }
}

fn level_of(zoom: Zoom) -> u8 {
    // Zoom is at most 24, so the cast cannot overflow.
    zoom.value().floor() as u8
}

/// Greedy clustering at one whole zoom level of the markers at `positions`.
fn cluster_level(positions: &[WorldPoint], level: u8) -> Vec<Cluster> {
    let world_pixels = Zoom::clamped(f64::from(level)).world_pixels();
    let cell_of = |p: WorldPoint| {
        let (x, y) = (p.x * world_pixels / CLUSTER_RADIUS_PX, p.y * world_pixels / CLUSTER_RADIUS_PX);
        // Markers are inside the unit square, so cells fit comfortably in i64.
        (x.floor() as i64, y.floor() as i64)
    };
    // foldhash: hashing the cells with the standard SipHash was a quarter of the grouping time.
    let mut grid: HashMap<(i64, i64), Vec<usize>, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(positions.len(), foldhash::fast::RandomState::default());
    for (index, &position) in positions.iter().enumerate() {
        grid.entry(cell_of(position)).or_default().push(index);
    }
    let radius_world = CLUSTER_RADIUS_PX / world_pixels;
    let mut taken = vec![false; positions.len()];
    let mut clusters = Vec::new();
    for (seed, &world) in positions.iter().enumerate() {
        if taken[seed] {
            continue;
        }
        taken[seed] = true;
        let mut members = vec![seed];
        let (cx, cy) = cell_of(world);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(cell) = grid.get(&(cx + dx, cy + dy)) else { continue };
                for &other in cell {
                    if !taken[other] && distance(positions[other], world) <= radius_world {
                        taken[other] = true;
                        members.push(other);
                    }
                }
            }
        }
        members[1..].sort_unstable();
        let bounds = members.iter().map(|&m| positions[m]).fold((world, world), |(nw, se), p| {
            (WorldPoint { x: nw.x.min(p.x), y: nw.y.min(p.y) }, WorldPoint { x: se.x.max(p.x), y: se.y.max(p.y) })
        });
        clusters.push(Cluster { seed, members, world, bounds });
    }
    clusters
}

fn distance(a: WorldPoint, b: WorldPoint) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::MarkerKind;
    use crate::geo::geometry::ScreenSize;
    use crate::geo::latlng::LatLng;
    use crate::geo::projection::project;
    use crate::view::viewport::ViewLimits;

    fn marker(id: &str, kind: MarkerKind, lat: f64, lon: f64) -> MapMarker {
        MapMarker::for_tests(id, kind, lat, lon)
    }

    fn zoom(z: f64) -> Zoom {
        Zoom::try_from(z).unwrap()
    }

    fn spread(n: usize) -> Vec<MapMarker> {
        (0..n)
            .map(|i| {
                let lat = 36.0 + (i as f64 * 0.754_877_666).fract() * 34.0;
                let lon = -10.0 + (i as f64 * 0.618_033_988).fract() * 45.0;
                marker(&format!("m{i}"), MarkerKind::Partner, lat, lon)
            })
            .collect()
    }

    #[test]
    fn every_marker_is_in_exactly_one_cluster_at_every_level() {
        let markers = spread(2000);
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        for level in 3..=12 {
            let (_, clusters) = index.level_at(zoom(f64::from(level)));
            let mut seen = vec![0; markers.len()];
            for cluster in clusters {
                assert_eq!(cluster.members[0], cluster.seed);
                for &m in &cluster.members {
                    seen[m] += 1;
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "level {level}");
        }
    }

    #[test]
    fn every_marker_is_drawn_on_its_cluster_and_one_grouping_zoom_stands_for_its_level() {
        let markers = spread(500);
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        for z in [3.0, 4.2, 6.9, 12.0] {
            let drawn = index.drawn_positions(zoom(z));
            let (_, clusters) = index.level_at(zoom(z));
            for cluster in clusters {
                assert!(cluster.members.iter().all(|&m| drawn[m] == cluster.world), "zoom {z}");
            }
        }
        assert_eq!(index.grouping_zoom(zoom(6.2)), zoom(6.0));
        assert_eq!(index.grouping_zoom(zoom(6.9)), index.grouping_zoom(zoom(6.0)));
        // Outside the grouped range, the nearest level's zoom.
        assert_eq!(index.grouping_zoom(zoom(1.5)), zoom(3.0));
        assert_eq!(index.grouping_zoom(zoom(18.0)), zoom(12.0));
    }

    #[test]
    fn members_are_within_the_radius_of_their_seed_and_seeds_do_not_overlap() {
        let markers = spread(3000);
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        for level in [3.0, 6.0, 9.0] {
            let (_, clusters) = index.level_at(zoom(level));
            let px = zoom(level).world_pixels();
            for cluster in clusters {
                for &m in &cluster.members {
                    assert!(distance(markers[m].world, cluster.world) * px <= CLUSTER_RADIUS_PX + 1e-9);
                }
            }
            // Two seeds closer than the radius would mean a free marker was missed.
            for (i, a) in clusters.iter().enumerate().take(300) {
                for b in &clusters[i + 1..] {
                    assert!(distance(a.world, b.world) * px > CLUSTER_RADIUS_PX - 1e-9);
                }
            }
        }
    }

    #[test]
    fn clusters_split_as_the_user_zooms_in_and_the_most_important_marker_seeds() {
        let markers = vec![
            marker("helsinki", MarkerKind::InnoCity, 60.17, 24.94),
            marker("espoo", MarkerKind::InnoCity, 60.21, 24.66),
            marker("aalto", MarkerKind::Organisation, 60.18, 24.83),
        ];
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        let (_, far) = index.level_at(zoom(5.5));
        assert_eq!(far.len(), 1);
        assert_eq!(far[0].members, vec![0, 1, 2]);
        assert!(!far[0].is_single() && !far[0].is_stacked());
        let (_, near) = index.level_at(zoom(11.0));
        assert_eq!(near.len(), 3);
        assert!(near.iter().all(Cluster::is_single));
    }

    #[test]
    fn markers_at_one_position_stay_stacked_at_the_deepest_level() {
        let markers = vec![
            marker("kokkola", MarkerKind::InnoCity, 63.84, 23.13),
            marker("centria", MarkerKind::Organisation, 63.84, 23.13),
        ];
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        let (level, deepest) = index.level_at(zoom(12.0));
        assert_eq!(level, 12);
        assert_eq!(deepest.len(), 1);
        assert!(deepest[0].is_stacked());
    }

    #[test]
    fn only_clusters_near_the_screen_are_visible() {
        let markers = vec![
            marker("helsinki", MarkerKind::InnoCity, 60.17, 24.94),
            marker("lisbon", MarkerKind::Partner, 38.72, -9.14),
        ];
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        let limits = ViewLimits::for_area(
            crate::geo::latlng::LatLngBounds {
                south_west: LatLng::lat_lon(34.0, -26.0),
                north_east: LatLng::lat_lon(72.0, 45.0),
            },
            zoom(3.0),
            zoom(12.0),
        );
        let view =
            Viewport::new(project(LatLng::lat_lon(60.17, 24.94)), zoom(8.0), ScreenSize::new(800.0, 600.0), limits);
        let visible = index.visible(&view, 40.0);
        assert_eq!(visible.len(), 1);
        assert_eq!(visible[0].cluster.seed, 0);
        assert!((visible[0].at.x - 400.0).abs() < 0.5 && (visible[0].at.y - 300.0).abs() < 0.5);
        assert_eq!(index.level_at(view.zoom()).0, 8);
    }

    #[test]
    fn levels_are_grouped_when_first_needed_and_prepare_next_groups_the_rest() {
        let markers = spread(500);
        let index = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        assert!(index.levels.iter().all(|level| level.get().is_none()), "nothing is grouped up front");
        let (_, at_six) = index.level_at(zoom(6.4));
        assert!(!at_six.is_empty());
        let grouped = |index: &ClusterIndex| index.levels.iter().filter(|level| level.get().is_some()).count();
        assert_eq!(grouped(&index), 1);
        let mut steps = 0;
        while index.prepare_next() {
            steps += 1;
            assert_eq!(grouped(&index), 1 + steps, "one level per call");
        }
        assert_eq!(steps, 9);
        assert!(!index.prepare_next());
        // Grouping on demand gives what grouping every level in turn gives.
        let fresh = ClusterIndex::new(&markers, zoom(3.0), zoom(12.0));
        for level in (3..=12).rev() {
            assert_eq!(fresh.level_at(zoom(f64::from(level))), index.level_at(zoom(f64::from(level))));
        }
    }

    #[test]
    fn an_empty_marker_list_has_no_clusters() {
        let index = ClusterIndex::new(&[], zoom(3.0), zoom(12.0));
        assert!(index.level_at(zoom(5.0)).1.is_empty());
        assert!(ClusterIndex::default().level_at(zoom(5.0)).1.is_empty());
    }
}
