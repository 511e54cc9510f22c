//! Project links drawn as arcs: from a project's lead place to each partner place or
//! organisation, curved so that links between the same two places in opposite directions do not
//! overlap, and ending short of the target marker so the arrowhead stays visible. An end inside
//! a group is drawn to the group's marker ([`drawn_links`]), so no arrow points at a spot where
//! the map shows nothing.

use std::fmt::Write;

use crate::data::model::{Dataset, Party, Project, RecordId};
use crate::geo::geometry::{ScreenPoint, WorldPoint};
use crate::layers::marker_set::MarkerSet;
use crate::view::viewport::Zoom;

/// How far the curve bows out, as a share of the straight distance.
const BEND: f64 = 0.2;
/// How far short of the target the arc stops, in CSS pixels (about a marker's radius).
const END_GAP_PX: f64 = 11.0;

/// One link of a project: lead to partner.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectLink {
    /// The project.
    pub project: RecordId,
    /// The lead place's id.
    pub lead: RecordId,
    /// The lead place.
    pub from: WorldPoint,
    /// The partner place or organisation.
    pub to: WorldPoint,
    /// The partner's id.
    pub partner: RecordId,
}

/// Which links to draw: those of the shown project, or else every project of the selected place
/// or organisation. `true` in the result means a project was chosen (links drawn strongly).
pub fn links_to_draw(
    dataset: &Dataset,
    shown_project: Option<&RecordId>,
    selected: Option<&RecordId>,
) -> (Vec<ProjectLink>, bool) {
    if let Some(project) = shown_project.and_then(|id| dataset.project(id)) {
        return (project_links(dataset, project), true);
    }
    let Some(selected) = selected else { return (Vec::new(), false) };
    let involvements = if dataset.place(selected).is_some() {
        dataset.projects_of_place(selected)
    } else {
        dataset.projects_of_organisation(selected)
    };
    (involvements.iter().flat_map(|i| project_links(dataset, i.project)).collect(), false)
}

/// The links of one project, in partner order; partners without a position are skipped.
pub fn project_links(dataset: &Dataset, project: &Project) -> Vec<ProjectLink> {
    let Some(lead) = dataset.place(&project.lead_place) else { return Vec::new() };
    project
        .partners
        .iter()
        .filter_map(|partner| {
            let (id, to) = match &partner.party {
                Party::Place(id) => (id, dataset.place(id)?.world),
                Party::Organisation(id) => (id, dataset.organisation(id)?.world),
            };
            Some(ProjectLink {
                project: project.id.clone(),
                lead: lead.id.clone(),
                from: lead.world,
                to,
                partner: id.clone(),
            })
        })
        .collect()
}

/// `links` as the map draws them at `zoom` over the markers of `shown`: each end moves onto the
/// marker that shows it there, its own or its group's, so an arrow to a place inside a group
/// points at the group. A link whose two ends fall into one group is left out (it would be an
/// arrowhead on the group and nothing else). An end the set does not show (filtered out) stays
/// where the record is.
pub fn drawn_links(links: &[ProjectLink], shown: &MarkerSet, zoom: Zoom) -> Vec<ProjectLink> {
    let ends: Vec<&RecordId> = links.iter().flat_map(|link| [&link.lead, &link.partner]).collect();
    let drawn = shown.drawn_at(&ends, zoom);
    links
        .iter()
        .zip(drawn.chunks(2))
        .filter_map(|(link, ends)| {
            let from = ends.first().copied().flatten().unwrap_or(link.from);
            let to = ends.get(1).copied().flatten().unwrap_or(link.to);
            (from != to).then(|| ProjectLink { from, to, ..link.clone() })
        })
        .collect()
}

/// A quadratic Bézier curve on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    /// Where it starts.
    pub start: ScreenPoint,
    /// The control point.
    pub control: ScreenPoint,
    /// Where it ends (short of the target).
    pub end: ScreenPoint,
}

impl Curve {
    /// The arc from `from` to `to`, bowing to the left of the direction of travel.
    pub fn between(from: ScreenPoint, to: ScreenPoint) -> Self {
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        let middle = ScreenPoint::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
        // The left-hand normal (screen y grows downwards) scaled by the bend.
        let control = ScreenPoint::new(middle.x + dy * BEND, middle.y - dx * BEND);
        let (tx, ty) = (to.x - control.x, to.y - control.y);
        let tangent = tx.hypot(ty);
        let gap = END_GAP_PX.min(tangent / 2.0);
        let end =
            if tangent > 0.0 { ScreenPoint::new(to.x - tx / tangent * gap, to.y - ty / tangent * gap) } else { to };
        Self { start: from, control, end }
    }

    /// SVG path data (`M … Q …`), to one decimal.
    pub fn path_data(&self) -> String {
        let mut d = String::with_capacity(48);
        let _ = write!(
            d,
            "M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}",
            self.start.x, self.start.y, self.control.x, self.control.y, self.end.x, self.end.y
        );
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        crate::map_data::bundled_for_tests().dataset
    }

    fn id(s: &str) -> RecordId {
        RecordId::parse(s).unwrap()
    }

    #[test]
    fn a_project_links_its_lead_to_every_partner_with_a_position() {
        let d = bundled();
        for project in &d.projects {
            let links = project_links(&d, project);
            let lead = d.place(&project.lead_place).unwrap();
            assert_eq!(links.len(), project.partners.len(), "{}", project.id);
            assert!(links.iter().all(|l| l.from == lead.world && l.project == project.id));
        }
    }

    #[test]
    fn a_shown_project_wins_over_the_selected_place() {
        let d = bundled();
        let project = d.projects.iter().find(|p| !p.partners.is_empty()).unwrap();
        let (links, strong) = links_to_draw(&d, Some(&project.id), Some(&project.lead_place));
        assert!(strong);
        assert!(links.iter().all(|l| l.project == project.id));
        let (place_links, strong) = links_to_draw(&d, None, Some(&project.lead_place));
        assert!(!strong);
        assert!(place_links.len() >= links.len());
        assert_eq!(links_to_draw(&d, None, None), (Vec::new(), false));
        assert_eq!(links_to_draw(&d, Some(&id("no-such-project")), None), (Vec::new(), false));
    }

    #[test]
    fn an_end_inside_a_group_is_drawn_to_the_group_and_a_link_within_one_group_is_left_out() {
        let data = crate::map_data::bundled_for_tests();
        let project = data.dataset.project(&id("battery-chemistry-lead-project")).unwrap();
        let links = project_links(&data.dataset, project);
        let position_of = |record: &RecordId| data.all.markers.iter().find(|m| &m.id == record).unwrap().world;
        // Zoomed right in, every place stands on its own: the links are the records' own, but for
        // partners on the lead's very spot (Kokkola's university centre), which only the panel
        // can show.
        let close = Zoom::clamped(12.0);
        let apart: Vec<ProjectLink> = links.iter().filter(|l| l.from != l.to).cloned().collect();
        assert!(apart.len() < links.len());
        assert_eq!(drawn_links(&links, &data.all, close), apart);
        // Zoomed out, partners merge into groups: every end is then on a group's seed, which is
        // where the map draws that group.
        let far = Zoom::clamped(5.0);
        let (_, clusters) = data.all.clusters.level_at(far);
        let seed_spots: Vec<WorldPoint> = clusters.iter().map(|c| c.world).collect();
        let drawn = drawn_links(&links, &data.all, far);
        assert!(!drawn.is_empty());
        for link in &drawn {
            assert!(seed_spots.contains(&link.from) && seed_spots.contains(&link.to), "{link:?}");
            assert_ne!(link.from, link.to);
        }
        let moved = drawn.iter().filter(|l| l.to != position_of(&l.partner)).count();
        assert!(moved > 0, "at zoom 5 some partner is drawn on its group");
        // Lead and partner in one group: nothing to draw. An end not in the set keeps its place.
        let same_group = ProjectLink { partner: links[0].lead.clone(), to: links[0].from, ..links[0].clone() };
        assert!(drawn_links(&[same_group], &data.all, far).is_empty());
        let empty = MarkerSet::default();
        assert_eq!(drawn_links(&links, &empty, far), apart);
    }

    #[test]
    fn curves_bow_left_and_stop_short_of_the_target() {
        let c = Curve::between(ScreenPoint::new(0.0, 0.0), ScreenPoint::new(100.0, 0.0));
        // Travelling right, left is up (negative y on screen).
        assert!(c.control.y < 0.0);
        let back = Curve::between(ScreenPoint::new(100.0, 0.0), ScreenPoint::new(0.0, 0.0));
        assert!(back.control.y > 0.0);
        let gap = c.end.distance_to(ScreenPoint::new(100.0, 0.0));
        assert!((gap - END_GAP_PX).abs() < 1e-9);
        assert!(c.path_data().starts_with("M0.0 0.0Q50.0 -20.0 "));
        // A zero-length link does not produce NaN.
        let dot = Curve::between(ScreenPoint::new(5.0, 5.0), ScreenPoint::new(5.0, 5.0));
        assert!(!dot.path_data().contains("NaN"));
    }
}
