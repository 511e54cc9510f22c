//! Clipping rings and lines to a rectangle, so the basemap hands the browser only the part of
//! the coastline it will show.
//!
//! The browser rasterises an SVG path in tiles, and each tile walks the whole path: a detailed
//! coastline of sixty thousand points cost tens of milliseconds per redraw even when a few
//! hundred of them were on screen. Leaflet clips to the view for the same reason.
//!
//! Rings (filled areas) are clipped with Sutherland–Hodgman, which keeps a ring a ring: where the
//! land leaves the rectangle its outline runs along the rectangle's edge, so the rectangle must
//! lie beyond what is shown (the basemap clips a few pixels outside its picture). Lines are cut
//! into the pieces inside (Liang–Barsky per segment).

/// A point in the plane of the basemap paths.
pub type Point = (f64, f64);

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub min_x: f64,
    /// Top edge.
    pub min_y: f64,
    /// Right edge.
    pub max_x: f64,
    /// Bottom edge.
    pub max_y: f64,
}

impl Rect {
    /// The smallest rectangle around `points`, if there are any.
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<Rect> {
        points.into_iter().fold(None, |bounds, (x, y)| {
            Some(match bounds {
                None => Rect { min_x: x, min_y: y, max_x: x, max_y: y },
                Some(r) => {
                    Rect { min_x: r.min_x.min(x), min_y: r.min_y.min(y), max_x: r.max_x.max(x), max_y: r.max_y.max(y) }
                }
            })
        })
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.min_x >= self.min_x && other.max_x <= self.max_x && other.min_y >= self.min_y && other.max_y <= self.max_y
    }

    /// Whether `other` and this rectangle overlap at all.
    pub fn touches(&self, other: &Rect) -> bool {
        other.min_x <= self.max_x && other.max_x >= self.min_x && other.min_y <= self.max_y && other.max_y >= self.min_y
    }
}

/// The four edges of a rectangle, each keeping one side of the plane.
#[derive(Clone, Copy)]
enum Edge {
    Left,
    Right,
    Top,
    Bottom,
}

impl Edge {
    const ALL: [Edge; 4] = [Edge::Left, Edge::Right, Edge::Top, Edge::Bottom];

    fn keeps(self, rect: &Rect, (x, y): Point) -> bool {
        match self {
            Edge::Left => x >= rect.min_x,
            Edge::Right => x <= rect.max_x,
            Edge::Top => y >= rect.min_y,
            Edge::Bottom => y <= rect.max_y,
        }
    }

    /// Where the segment from `a` to `b` (one end kept, the other not) crosses the edge.
    fn crossing(self, rect: &Rect, a: Point, b: Point) -> Point {
        let along_x = |x: f64| {
            let t = (x - a.0) / (b.0 - a.0);
            (x, a.1 + t * (b.1 - a.1))
        };
        let along_y = |y: f64| {
            let t = (y - a.1) / (b.1 - a.1);
            (a.0 + t * (b.0 - a.0), y)
        };
        match self {
            Edge::Left => along_x(rect.min_x),
            Edge::Right => along_x(rect.max_x),
            Edge::Top => along_y(rect.min_y),
            Edge::Bottom => along_y(rect.max_y),
        }
    }
}

/// The part of the ring inside `rect`, as a ring (empty if nothing is inside). Where the ring
/// runs outside, the result follows the rectangle's edge instead.
pub fn clip_ring(ring: &[Point], rect: &Rect) -> Vec<Point> {
    let mut output = ring.to_vec();
    for edge in Edge::ALL {
        let input = std::mem::take(&mut output);
        let Some(&last) = input.last() else { break };
        let mut previous = last;
        for &current in &input {
            match (edge.keeps(rect, previous), edge.keeps(rect, current)) {
                (true, true) => output.push(current),
                (false, true) => {
                    output.push(edge.crossing(rect, previous, current));
                    output.push(current);
                }
                (true, false) => output.push(edge.crossing(rect, previous, current)),
                (false, false) => {}
            }
            previous = current;
        }
    }
    output
}

/// The pieces of the line inside `rect`, each with at least two points, in order.
pub fn clip_line(line: &[Point], rect: &Rect) -> Vec<Vec<Point>> {
    let mut pieces = Vec::new();
    let mut current: Vec<Point> = Vec::new();
    for pair in line.windows(2) {
        match clip_segment(pair[0], pair[1], rect) {
            Some((from, to)) => {
                // A piece goes on while each segment starts exactly where the last one ended.
                if current.last() != Some(&from) {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current = vec![from];
                }
                current.push(to);
            }
            None => {
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

/// The part of the segment inside `rect` (Liang–Barsky). An end inside comes back unchanged,
/// bit for bit, so consecutive segments still join.
fn clip_segment(a: Point, b: Point, rect: &Rect) -> Option<(Point, Point)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, a.0 - rect.min_x), (dx, rect.max_x - a.0), (-dy, a.1 - rect.min_y), (dy, rect.max_y - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                enter = enter.max(t);
            } else {
                leave = leave.min(t);
            }
        }
    }
    if enter > leave {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    Some((at(enter), at(leave)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: Rect = Rect { min_x: 0.0, min_y: 0.0, max_x: 10.0, max_y: 10.0 };

    /// Twice the signed area (shoelace formula).
    fn area(ring: &[Point]) -> f64 {
        let n = ring.len();
        (0..n).map(|i| ring[i].0 * ring[(i + 1) % n].1 - ring[(i + 1) % n].0 * ring[i].1).sum::<f64>() / 2.0
    }

    fn inside(p: Point) -> bool {
        (-1e-9..=10.0 + 1e-9).contains(&p.0) && (-1e-9..=10.0 + 1e-9).contains(&p.1)
    }

    #[test]
    fn a_ring_inside_is_kept_and_one_outside_vanishes() {
        let ring = [(1.0, 1.0), (4.0, 1.0), (4.0, 4.0), (1.0, 1.0)];
        assert_eq!(clip_ring(&ring, &SQUARE), ring.to_vec());
        let far = [(20.0, 20.0), (24.0, 20.0), (24.0, 24.0)];
        assert!(clip_ring(&far, &SQUARE).is_empty());
        assert!(clip_ring(&[], &SQUARE).is_empty());
    }

    #[test]
    fn a_ring_across_the_edge_keeps_exactly_the_area_inside() {
        // A 10 × 10 square shifted half out to the right and down: a quarter (25) is inside.
        let ring = [(5.0, 5.0), (15.0, 5.0), (15.0, 15.0), (5.0, 15.0)];
        let clipped = clip_ring(&ring, &SQUARE);
        assert!(clipped.iter().all(|&p| inside(p)), "{clipped:?}");
        assert!((area(&clipped).abs() - 25.0).abs() < 1e-9);
        // A ring around the whole rectangle becomes the rectangle.
        let around = [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)];
        assert!((area(&clip_ring(&around, &SQUARE)).abs() - 100.0).abs() < 1e-9);
        // A diagonal triangle: the part inside is half the square.
        let triangle = [(-10.0, -10.0), (20.0, 20.0), (-10.0, 20.0)];
        assert!((area(&clip_ring(&triangle, &SQUARE)).abs() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn a_line_is_cut_into_the_pieces_inside() {
        // In, out, back in: two pieces, with the inside points unchanged.
        let line = [(2.0, 2.0), (5.0, 2.0), (15.0, 2.0), (15.0, 8.0), (5.0, 8.0), (3.0, 8.0)];
        let pieces = clip_line(&line, &SQUARE);
        assert_eq!(pieces, vec![vec![(2.0, 2.0), (5.0, 2.0), (10.0, 2.0)], vec![(10.0, 8.0), (5.0, 8.0), (3.0, 8.0)]]);
        // Wholly inside: one piece, identical.
        let inner = [(1.0, 1.0), (2.0, 3.0), (4.0, 4.0)];
        assert_eq!(clip_line(&inner, &SQUARE), vec![inner.to_vec()]);
        // Passing through without a point inside: the crossing part.
        assert_eq!(clip_line(&[(-5.0, 5.0), (15.0, 5.0)], &SQUARE), vec![vec![(0.0, 5.0), (10.0, 5.0)]]);
        // Outside, or a single point: nothing.
        assert!(clip_line(&[(11.0, 0.0), (11.0, 10.0)], &SQUARE).is_empty());
        assert!(clip_line(&[(5.0, 5.0)], &SQUARE).is_empty());
    }

    #[test]
    fn rectangles_know_what_they_hold() {
        let bounds = Rect::around([(1.0, 2.0), (3.0, -1.0)]).unwrap();
        assert_eq!(bounds, Rect { min_x: 1.0, min_y: -1.0, max_x: 3.0, max_y: 2.0 });
        assert!(SQUARE.touches(&bounds) && !SQUARE.contains(&bounds));
        assert!(SQUARE.contains(&Rect { min_x: 1.0, min_y: 1.0, max_x: 2.0, max_y: 2.0 }));
        assert!(!SQUARE.touches(&Rect { min_x: 11.0, min_y: 1.0, max_x: 12.0, max_y: 2.0 }));
        assert_eq!(Rect::around(std::iter::empty()), None);
    }
}
