//! A set of markers to draw (all of them, or those the filters let through) with their groups
//! per zoom level, and the views that show one of them or all of them.

use std::collections::{HashMap, HashSet};

use crate::data::model::{MapMarker, RecordId};
use crate::geo::geometry::{ScreenSize, WorldPoint};
use crate::geo::latlng::LatLngBounds;
use crate::layers::cluster::ClusterIndex;
use crate::view::map_area::{map_limits_for, view_of, FIT_PADDING_PX};
use crate::view::viewport::{Padding, Viewport, Zoom};

/// Markers to draw (all of them, or those the filters let through) and their groups per zoom
/// level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkerSet {
    /// The markers, most important first.
    pub markers: Vec<MapMarker>,
    /// The markers grouped per zoom level.
    pub clusters: ClusterIndex,
}

impl MarkerSet {
    /// The set of `markers`, grouped for the map's zoom range.
    pub fn new(markers: Vec<MapMarker>) -> Self {
        // Grouped down to the deepest zoom the map ever allows (with map images on); a level
        // is only grouped when it is first asked for.
        let limits = map_limits_for(true);
        let clusters = ClusterIndex::new(&markers, limits.min_zoom, limits.max_zoom);
        Self { markers, clusters }
    }

    /// The view that shows the place or organisation `id` close up, from `view`: in the middle
    /// of the area `padding` leaves free (clear of the panel that opens with it), zoomed in
    /// (never out) until it stands on its own, or only with what shares its spot. `None` if the
    /// set has no marker for `id`.
    pub fn close_up(&self, id: &RecordId, view: &Viewport, padding: Padding) -> Option<Viewport> {
        let index = self.markers.iter().position(|m| &m.id == id)?;
        let marker = self.markers.get(index)?;
        let alone = self.clusters.zoom_separating(index, view.zoom()).unwrap_or(view.limits().max_zoom);
        let zoom = if alone > view.zoom() { alone } else { view.zoom() };
        let zoomed = Viewport::new(marker.world, zoom, view.size(), view.limits());
        Some(zoomed.with_point_at(marker.world, padding.free_centre(view.size())))
    }

    /// Where the markers of `ids` are drawn at `zoom`: on their own marker or on the group
    /// holding it. `None` for an id the set has no marker for (filtered out, or no position).
    pub fn drawn_at(&self, ids: &[&RecordId], zoom: Zoom) -> Vec<Option<WorldPoint>> {
        if ids.is_empty() {
            return Vec::new();
        }
        let wanted: HashSet<&RecordId> = ids.iter().copied().collect();
        let drawn: HashMap<&RecordId, WorldPoint> = self
            .markers
            .iter()
            .zip(self.clusters.drawn_positions(zoom))
            .filter(|(marker, _)| wanted.contains(&marker.id))
            .map(|(marker, at)| (&marker.id, at))
            .collect();
        ids.iter().map(|id| drawn.get(id).copied()).collect()
    }

    /// The view that fits every marker of the set ("show everything"), or the whole map area if
    /// the set is empty.
    pub fn everything_view(&self, size: ScreenSize) -> Viewport {
        self.everything_view_within(size, Padding::from(FIT_PADDING_PX))
    }

    /// [`everything_view`](Self::everything_view) keeping `padding` free (for panels over the map).
    pub fn everything_view_within(&self, size: ScreenSize, padding: Padding) -> Viewport {
        view_of(self.bounds(), size, padding)
    }

    /// The smallest box holding every marker of the set; `None` for an empty set.
    pub fn bounds(&self) -> Option<LatLngBounds> {
        LatLngBounds::around(self.markers.iter().map(|m| m.location))
    }
}
