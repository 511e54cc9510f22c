//! Place labels without overlaps: which marker gets a name beside it, and on which side.
//!
//! Labels are placed greedily in order of importance (the caller sorts: the selected place,
//! InnoCities, partners, organisations), each on the first side (right, left, above, below) where
//! it overlaps neither a label already placed nor any marker, and stays on screen; a label with
//! no free side is left out. So no two labels ever overlap, at any zoom, and the most important
//! win. Text width is estimated from the characters (no DOM measurement in the core), erring
//! wide so an estimate never lets real text overlap.

use super::geometry::{ScreenPoint, ScreenSize};

/// Label font size in CSS pixels (matches `--label-size` in public/style.css).
pub const LABEL_FONT_PX: f64 = 13.0;
/// Label box height in CSS pixels: one line with its halo.
pub const LABEL_HEIGHT_PX: f64 = 18.0;
/// Space between a marker's edge and its label.
const GAP_PX: f64 = 2.0;

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
}

impl LabelSide {
    /// Name for a CSS class.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Right => "right",
            Self::Left => "left",
            Self::Above => "above",
            Self::Below => "below",
        }
    }
}

/// A placed label: its side and its box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelPlacement {
    /// The side chosen.
    pub side: LabelSide,
    /// The label's box.
    pub rect: Rect,
}

/// An axis-aligned box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Rect {
    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }

    /// The square of half-side `radius` around `center` (a marker's box).
    pub fn around(center: ScreenPoint, radius: f64) -> Self {
        Self { left: center.x - radius, top: center.y - radius, right: center.x + radius, bottom: center.y + radius }
    }

    fn within(&self, size: ScreenSize) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= size.width && self.bottom <= size.height
    }
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
pub fn place_labels(candidates: &[LabelCandidate], screen: ScreenSize) -> Vec<Option<LabelPlacement>> {
    let markers: Vec<Rect> = candidates.iter().map(|c| Rect::around(c.anchor, c.marker_radius)).collect();
    let mut placed: Vec<Rect> = Vec::with_capacity(candidates.len());
    candidates
        .iter()
        .enumerate()
        .map(|(own, candidate)| {
            let placement = [LabelSide::Right, LabelSide::Left, LabelSide::Above, LabelSide::Below]
                .into_iter()
                .map(|side| LabelPlacement { side, rect: label_box(candidate, side) })
                .find(|p| {
                    p.rect.within(screen)
                        && !placed.iter().any(|r| r.overlaps(&p.rect))
                        && !markers.iter().enumerate().any(|(i, m)| i != own && m.overlaps(&p.rect))
                })?;
            placed.push(placement.rect);
            Some(placement)
        })
        .collect()
}

/// The box of `c`'s label on `side`.
pub fn label_box(c: &LabelCandidate, side: LabelSide) -> Rect {
    let (x, y, r, w, h) = (c.anchor.x, c.anchor.y, c.marker_radius + GAP_PX, c.width, LABEL_HEIGHT_PX);
    match side {
        LabelSide::Right => Rect { left: x + r, top: y - h / 2.0, right: x + r + w, bottom: y + h / 2.0 },
        LabelSide::Left => Rect { left: x - r - w, top: y - h / 2.0, right: x - r, bottom: y + h / 2.0 },
        LabelSide::Above => Rect { left: x - w / 2.0, top: y - r - h, right: x + w / 2.0, bottom: y - r },
        LabelSide::Below => Rect { left: x - w / 2.0, top: y + r, right: x + w / 2.0, bottom: y + r + h },
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
        let placed = place_labels(&[candidate(100.0, 100.0, "Kokkola")], SCREEN);
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Right));
    }

    #[test]
    fn near_the_right_edge_a_label_moves_left() {
        let placed = place_labels(&[candidate(790.0, 100.0, "Kokkola")], SCREEN);
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Left));
    }

    #[test]
    fn the_more_important_label_keeps_its_side_and_the_next_one_moves() {
        let placed = place_labels(&[candidate(100.0, 100.0, "Helsinki"), candidate(100.0, 112.0, "Espoo")], SCREEN);
        assert_eq!(placed[0].map(|p| p.side), Some(LabelSide::Right));
        assert_eq!(placed[1].map(|p| p.side), Some(LabelSide::Left));
    }

    #[test]
    fn a_label_with_no_free_side_is_left_out() {
        // Four neighbours hem the last marker in on every side.
        let hemmed = [(100.0, 100.0), (60.0, 300.0), (140.0, 300.0), (100.0, 270.0), (100.0, 330.0)];
        let mut candidates: Vec<LabelCandidate> = hemmed.iter().map(|&(x, y)| candidate(x, y, "Oulu")).collect();
        candidates.push(candidate(100.0, 300.0, "Jyväskylä"));
        let placed = place_labels(&candidates, SCREEN);
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
        let placed = place_labels(&candidates, SCREEN);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
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
                assert!(i == own || !Rect::around(c.anchor, c.marker_radius).overlaps(&p.rect));
            }
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
