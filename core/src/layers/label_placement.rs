//! Place labels without overlaps: which marker gets a name beside it, and on which side.
//!
//! Labels are placed greedily in order of importance (the caller sorts: the selected place,
//! InnoCities, partners, organisations), each on the first side where it overlaps neither a label
//! already placed nor any marker, and stays in the map's [`FreeArea`] (on screen, clear of the
//! cards and controls floating over the map); a label with no free side is left out. The
//! four straight sides come first (right, left, above, below), then the four corners, which free
//! a name hemmed in by its neighbours' markers on every straight side; a corner label also keeps
//! [`CORNER_CLEARANCE_PX`] from other markers, so that it cannot be read as a neighbour's name. So
//! no two labels ever overlap, at any zoom, and the most important win. Text width is estimated
//! from the characters (no DOM measurement in the core), erring wide so an estimate never lets
//! real text overlap.

use crate::geo::geometry::{ScreenPoint, ScreenRect, ScreenSize};

/// Label font size in CSS pixels (matches `--label-size` in public/style.css).
pub const LABEL_FONT_PX: f64 = 13.0;
/// Label box height in CSS pixels: one line with its halo.
pub const LABEL_HEIGHT_PX: f64 = 18.0;
/// Space between a marker's edge and its label.
pub const GAP_PX: f64 = 2.0;
/// The least space between a corner label and any other marker's edge. A label at a corner
/// touches its own marker only at one point, so a neighbour this close would claim it: on a phone,
/// "Oulu +2" at the upper right of Oulu's group sat 7 px below-right of Rovaniemi's marker, where
/// Rovaniemi's own label could have been, and read as Rovaniemi's.
const CORNER_CLEARANCE_PX: f64 = 7.0;

/// Where labels may go: the map, less the boxes of the cards and controls floating over it (the
/// header, the zoom buttons, the legend, the scale bar, the credits). A name cut off at a card's
/// edge ("ELAND" for Iceland under the header) reads as a mistake, so a label that would run
/// under one goes to another side or is left out, like one that would leave the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FreeArea<'a> {
    size: ScreenSize,
    covered: &'a [ScreenRect],
}

impl<'a> FreeArea<'a> {
    /// A map of `size` with `covered` taken by what floats over it.
    pub fn new(size: ScreenSize, covered: &'a [ScreenRect]) -> Self {
        Self { size, covered }
    }

    /// Whether `rect` lies wholly on the map, clear of everything floating over it.
    pub fn holds(&self, rect: &ScreenRect) -> bool {
        rect.within(self.size) && !self.is_covered(rect)
    }

    /// Whether something floating over the map covers part of `rect`.
    pub fn is_covered(&self, rect: &ScreenRect) -> bool {
        self.covered.iter().any(|c| c.overlaps(rect))
    }
}

/// A marker that would like a label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelCandidate {
    /// The marker's centre on screen.
    pub anchor: ScreenPoint,
    /// Half the marker's drawn size: the label keeps clear of it.
    pub marker_radius: f64,
    /// Estimated label width (see [`estimate_text_width`]).
    pub width: f64,
}

/// Where a label goes relative to its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    /// Right of the marker, vertically centred (the cartographic default).
    Right,
    /// Left of the marker.
    Left,
    /// Above, centred.
    Above,
    /// Below, centred.
    Below,
    /// Above and to the right: the label's bottom left corner is off the marker's upper right.
    AboveRight,
    /// Below and to the right.
    BelowRight,
    /// Above and to the left.
    AboveLeft,
    /// Below and to the left.
    BelowLeft,
}

impl LabelSide {
    /// Every side, in the order they are tried.
    pub const ALL: [LabelSide; 8] = [
        Self::Right,
        Self::Left,
        Self::Above,
        Self::Below,
        Self::AboveRight,
        Self::BelowRight,
        Self::AboveLeft,
        Self::BelowLeft,
    ];

    /// Whether the label sits at a corner of its marker rather than beside, above or below it.
    pub const fn is_corner(self) -> bool {
        matches!(self, Self::AboveRight | Self::BelowRight | Self::AboveLeft | Self::BelowLeft)
    }

    /// Name for a CSS class.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Right => "right",
            Self::Left => "left",
            Self::Above => "above",
            Self::Below => "below",
            Self::AboveRight => "above-right",
            Self::BelowRight => "below-right",
            Self::AboveLeft => "above-left",
            Self::BelowLeft => "below-left",
        }
    }

    /// The direction from the marker to its label, of length 1 (screen axes: y grows down). The
    /// label's near edge or corner is `offset` along it; on a straight side the label is centred
    /// across it. A corner sits on the diagonal, so it is as far from a round marker's edge as a
    /// straight side is.
    pub fn direction(self) -> (f64, f64) {
        use std::f64::consts::FRAC_1_SQRT_2 as D;
        match self {
            Self::Right => (1.0, 0.0),
            Self::Left => (-1.0, 0.0),
            Self::Above => (0.0, -1.0),
            Self::Below => (0.0, 1.0),
            Self::AboveRight => (D, -D),
            Self::BelowRight => (D, D),
            Self::AboveLeft => (-D, -D),
            Self::BelowLeft => (-D, D),
        }
    }
}

/// A placed label: its side and its box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelPlacement {
    /// The side chosen.
    pub side: LabelSide,
    /// The label's box.
    pub rect: ScreenRect,
}

/// A generous estimate of how wide `text` is at [`LABEL_FONT_PX`] in a system sans-serif font.
pub fn estimate_text_width(text: &str) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.4,
            'm' | 'w' | 'M' | 'W' => 0.92,
            c if c.is_uppercase() => 0.72,
            _ => 0.6,
        })
        .sum();
    // Plus the halo on both ends.
    ems * LABEL_FONT_PX + 4.0
}

/// Places labels for `candidates`, most important first. Returns one entry per candidate, `None`
/// where no side was free. Every candidate's marker is kept clear of the other labels.
pub fn place_labels(candidates: &[LabelCandidate], area: FreeArea) -> Vec<Option<LabelPlacement>> {
    let markers: Vec<ScreenRect> = candidates.iter().map(|c| ScreenRect::around(c.anchor, c.marker_radius)).collect();
    let mut placed: Vec<ScreenRect> = Vec::with_capacity(candidates.len());
    candidates
        .iter()
        .enumerate()
        .map(|(own, candidate)| {
            let covers_a_marker =
                |rect: &ScreenRect| markers.iter().enumerate().any(|(i, m)| i != own && m.overlaps(rect));
            // Only a corner label must also keep its distance (see CORNER_CLEARANCE_PX).
            let claimed_by_a_neighbour = |p: &LabelPlacement| {
                p.side.is_corner()
                    && candidates.iter().enumerate().any(|(i, other)| {
                        i != own && p.rect.comes_within(other.anchor, other.marker_radius + CORNER_CLEARANCE_PX)
                    })
            };
            let placement = LabelSide::ALL
                .into_iter()
                .map(|side| LabelPlacement { side, rect: label_box(candidate, side) })
                .find(|p| {
                    area.holds(&p.rect)
                        && !placed.iter().any(|r| r.overlaps(&p.rect))
                        && !covers_a_marker(&p.rect)
                        && !claimed_by_a_neighbour(p)
                })?;
            placed.push(placement.rect);
            Some(placement)
        })
        .collect()
}

/// The box of `c`'s label on `side`: its near edge (or corner) at [`GAP_PX`] beyond the marker
/// along [`LabelSide::direction`], centred across a straight side.
pub fn label_box(c: &LabelCandidate, side: LabelSide) -> ScreenRect {
    let (dx, dy) = side.direction();
    let offset = c.marker_radius + GAP_PX;
    let (near_x, near_y) = (c.anchor.x + dx * offset, c.anchor.y + dy * offset);
    let (left, right) = span(near_x, dx, c.width);
    let (top, bottom) = span(near_y, dy, LABEL_HEIGHT_PX);
    ScreenRect { left, top, right, bottom }
}

/// The extent along one axis of a box of `length` whose near edge is at `near`, going the way of
/// `direction` (centred on `near` when the direction has no part along the axis).
fn span(near: f64, direction: f64, length: f64) -> (f64, f64) {
    if direction > 0.0 {
        (near, near + length)
    } else if direction < 0.0 {
        (near - length, near)
    } else {
        (near - length / 2.0, near + length / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(x: f64, y: f64, text: &str) -> LabelCandidate {
        LabelCandidate { anchor: ScreenPoint { x, y }, marker_radius: 8.0, width: estimate_text_width(text) }
    }

    const SCREEN: ScreenSize = ScreenSize { width: 800.0, height: 600.0 };

    #[test]
    fn a_lone_label_goes_to_the_right() {
        let placed = place_labels(&[candidate(100.0, 100.0, "Kokkola")], FreeArea::new(SCREEN, &[]));
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Right));
    }

    #[test]
    fn near_the_right_edge_a_label_moves_left() {
        let placed = place_labels(&[candidate(790.0, 100.0, "Kokkola")], FreeArea::new(SCREEN, &[]));
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Left));
    }

    #[test]
    fn a_label_keeps_clear_of_a_card_over_the_map() {
        // A header card over the top left, its corner on the marker: the label goes below
        // rather than under the card's edge.
        let header = [ScreenRect { left: 0.0, top: 0.0, right: 120.0, bottom: 100.0 }];
        let placed = place_labels(&[candidate(100.0, 100.0, "Kokkola")], FreeArea::new(SCREEN, &header));
        let placement = placed[0].expect("a free side");
        assert!(!placement.rect.overlaps(&header[0]), "{placement:?}");
        assert_eq!(placement.side, LabelSide::Below);
        // Boxed in by cards on every side, the label is left out.
        let walls = [
            ScreenRect { left: 0.0, top: 0.0, right: 800.0, bottom: 92.0 },
            ScreenRect { left: 0.0, top: 108.0, right: 800.0, bottom: 600.0 },
        ];
        assert_eq!(place_labels(&[candidate(100.0, 100.0, "Kokkola")], FreeArea::new(SCREEN, &walls))[0], None);
    }

    #[test]
    fn the_more_important_label_keeps_its_side_and_the_next_one_moves() {
        let placed = place_labels(
            &[candidate(100.0, 100.0, "Helsinki"), candidate(100.0, 112.0, "Espoo")],
            FreeArea::new(SCREEN, &[]),
        );
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Right));
        assert_eq!(placed[1].map(|p| p.side), Some(LabelSide::Left));
    }

    #[test]
    fn a_label_with_no_free_side_is_left_out() {
        // Four neighbours hem the last marker in on every side.
        let hemmed = [(100.0, 100.0), (60.0, 300.0), (140.0, 300.0), (100.0, 270.0), (100.0, 330.0)];
        let mut candidates: Vec<LabelCandidate> = hemmed.iter().map(|&(x, y)| candidate(x, y, "Oulu")).collect();
        candidates.push(candidate(100.0, 300.0, "Jyväskylä"));
        let placed = place_labels(&candidates, FreeArea::new(SCREEN, &[]));
        assert_eq!(placed[5], None);
    }

    #[test]
    fn no_two_labels_ever_overlap_nor_cover_a_marker_nor_leave_the_screen() {
        // A dense, repeatable scatter of 600 markers.
        let candidates: Vec<LabelCandidate> = (0..600)
            .map(|i| {
                let x = (i as f64 * 0.618_033_988).fract() * 800.0;
                let y = (i as f64 * 0.754_877_666).fract() * 600.0;
                candidate(x, y, &"Name".repeat(1 + i % 3))
            })
            .collect();
        let placed = place_labels(&candidates, FreeArea::new(SCREEN, &[]));
        let rects: Vec<ScreenRect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(rects.len() > 20, "some labels fit: {}", rects.len());
        for (i, a) in rects.iter().enumerate() {
            assert!(a.within(SCREEN));
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
        for (own, p) in placed.iter().enumerate() {
            let Some(p) = p else { continue };
            for (i, c) in candidates.iter().enumerate() {
                assert!(i == own || !ScreenRect::around(c.anchor, c.marker_radius).overlaps(&p.rect));
            }
        }
    }

    #[test]
    fn a_name_hemmed_in_on_its_straight_sides_goes_to_a_corner() {
        // Neighbours block right, left, above and below, and leave the upper right corner free.
        let hemmed = candidate(400.0, 300.0, "Oulu");
        let neighbours = [(445.0, 310.0), (365.0, 300.0), (385.0, 282.0), (385.0, 318.0)];
        let mut candidates = vec![hemmed];
        candidates.extend(neighbours.iter().map(|&(x, y)| candidate(x, y, "Oulu")));
        for side in [LabelSide::Right, LabelSide::Left, LabelSide::Above, LabelSide::Below] {
            let straight = label_box(&hemmed, side);
            assert!(candidates[1..].iter().any(|c| ScreenRect::around(c.anchor, c.marker_radius).overlaps(&straight)));
        }
        let placed = place_labels(&candidates, FreeArea::new(SCREEN, &[]));
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::AboveRight));
    }

    #[test]
    fn a_corner_label_is_never_close_to_another_marker() {
        // The hemmed-in name of the test above, with one more marker off its upper right corner:
        // clear of the corner's label, but near enough to claim it as its own name. No side is left.
        let hemmed = candidate(400.0, 300.0, "Oulu");
        let others = [(445.0, 310.0), (365.0, 300.0), (385.0, 282.0), (385.0, 318.0), (425.0, 266.0)];
        let mut candidates = vec![hemmed];
        candidates.extend(others.iter().map(|&(x, y)| candidate(x, y, "Oulu")));
        let corner = label_box(&hemmed, LabelSide::AboveRight);
        let near = candidates[5];
        assert!(!ScreenRect::around(near.anchor, near.marker_radius).overlaps(&corner));
        assert!(corner.comes_within(near.anchor, near.marker_radius + CORNER_CLEARANCE_PX));
        assert_eq!(place_labels(&candidates, FreeArea::new(SCREEN, &[]))[0], None);
    }

    #[test]
    fn corner_labels_keep_clear_of_every_other_marker() {
        let candidates: Vec<LabelCandidate> = (0..300)
            .map(|i| {
                let x = (i as f64 * 0.618_033_988).fract() * 800.0;
                let y = (i as f64 * 0.754_877_666).fract() * 600.0;
                let mut c = candidate(x, y, &"Name".repeat(1 + i % 3));
                c.marker_radius = if i % 4 == 0 { 18.0 } else { 8.0 };
                c
            })
            .collect();
        let placed = place_labels(&candidates, FreeArea::new(SCREEN, &[]));
        assert!(placed.iter().flatten().count() > 20);
        assert!(placed.iter().flatten().any(|p| p.side.is_corner()), "some labels sit at corners");
        for (own, p) in placed.iter().enumerate() {
            let Some(p) = p.filter(|p| p.side.is_corner()) else { continue };
            assert!(candidates
                .iter()
                .enumerate()
                .all(|(i, c)| { i == own || !p.rect.comes_within(c.anchor, c.marker_radius + CORNER_CLEARANCE_PX) }));
        }
    }

    #[test]
    fn every_side_keeps_its_label_the_gap_beyond_the_marker() {
        let c = candidate(200.0, 200.0, "Seinäjoki");
        let offset = c.marker_radius + GAP_PX;
        for side in LabelSide::ALL {
            let rect = label_box(&c, side);
            // The point of the box nearest the marker's centre is exactly `offset` away.
            assert!(
                !rect.comes_within(c.anchor, offset - 1e-9) && rect.comes_within(c.anchor, offset + 1e-9),
                "{side:?}"
            );
            assert!(
                (rect.right - rect.left - c.width).abs() < 1e-9
                    && (rect.bottom - rect.top - LABEL_HEIGHT_PX).abs() < 1e-9
            );
            let (dx, dy) = side.direction();
            assert!((dx.hypot(dy) - 1.0).abs() < 1e-12);
            // The box lies the way of its direction.
            assert!(dx == 0.0 || ((rect.left + rect.right) / 2.0 > c.anchor.x) == (dx > 0.0));
            assert!(dy == 0.0 || ((rect.top + rect.bottom) / 2.0 > c.anchor.y) == (dy > 0.0));
        }
    }

    #[test]
    fn estimates_are_wider_for_wider_text_and_generous() {
        assert!(estimate_text_width("Mikkeli") < estimate_text_width("Lappeenranta"));
        assert!(estimate_text_width("WWW") > estimate_text_width("iii"));
        // "Jyväskylä" is about 60 px in 13 px system-ui; the estimate must not be narrower.
        assert!(estimate_text_width("Jyväskylä") >= 60.0);
    }
}
