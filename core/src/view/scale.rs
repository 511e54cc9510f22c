//! The scale bar: how long a round distance is on screen at the view's centre.
//!
//! Web Mercator stretches distances by `1 / cos(latitude)`, so a bar is only true near the
//! latitude it was computed for: the centre of the view, recomputed on every pan and zoom. The
//! distance is always 1, 2 or 5 × 10ⁿ metres, so it reads at a glance ("200 km", "500 m").

use crate::language::Language;
use crate::text::format;
use crate::view::viewport::Zoom;

/// The Earth's equatorial circumference in metres (WGS 84), the width of the Web Mercator world.
pub const EQUATOR_METRES: f64 = 40_075_016.686;

/// The longest bar drawn, in CSS pixels.
pub const MAX_BAR_PX: f64 = 100.0;

/// A scale bar ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    /// The bar's length in CSS pixels (at most the requested maximum).
    pub width_px: f64,
    /// The distance it stands for, in metres.
    pub metres: f64,
    /// The distance as text in the given language, e.g. "200 km", "1 000 km", "500 m".
    pub label: String,
}

/// Ground metres per CSS pixel at `latitude` (degrees) and `zoom` in Web Mercator.
pub fn metres_per_pixel(latitude: f64, zoom: Zoom) -> f64 {
    EQUATOR_METRES * latitude.to_radians().cos() / zoom.world_pixels()
}

/// The scale bar for a view centred at `latitude` (degrees) at `zoom`: the longest round distance
/// (1, 2 or 5 × 10ⁿ m) whose bar fits in `max_px` pixels. `None` where no bar makes sense (a
/// non-finite latitude, or a pole, where the scale is infinite).
pub fn scale_bar(latitude: f64, zoom: Zoom, max_px: f64, language: Language) -> Option<ScaleBar> {
    // `!(a < b)` rather than `a >= b`, so NaN is rejected too.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    if !(latitude.abs() < 89.0) || !(max_px > 0.0) || !max_px.is_finite() {
        return None;
    }
    let per_pixel = metres_per_pixel(latitude, zoom);
    if !per_pixel.is_finite() || per_pixel <= 0.0 {
        return None;
    }
    let longest = per_pixel * max_px;
    let power = 10f64.powf(longest.log10().floor());
    let metres = [5.0, 2.0, 1.0].into_iter().map(|m| m * power).find(|&d| d <= longest).unwrap_or(power);
    Some(ScaleBar { width_px: metres / per_pixel, metres, label: format::distance(metres, language) })
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;

    fn zoom(z: f64) -> Zoom {
        Zoom::try_from(z).unwrap()
    }

    #[test]
    fn metres_per_pixel_follows_the_web_mercator_formula() {
        // At the equator and zoom 0 one pixel is 1/256 of the equator.
        assert_abs_diff_eq!(metres_per_pixel(0.0, zoom(0.0)), 156_543.033_9, epsilon = 1e-3);
        // At 60°N distances are stretched twice: half the metres per pixel.
        assert_abs_diff_eq!(metres_per_pixel(60.0, zoom(5.0)), 156_543.033_9 / 32.0 / 2.0, epsilon = 1e-6);
    }

    #[test]
    fn the_bar_is_the_longest_round_distance_that_fits() {
        // Helsinki at zoom 5: 2 445 m a pixel, so 100 px is 244.5 km and the bar is 200 km.
        let bar = scale_bar(60.17, zoom(5.0), MAX_BAR_PX, Language::En).unwrap();
        assert_eq!(bar.metres, 200_000.0);
        assert_eq!(bar.label, "200\u{a0}km");
        let expected_px = 200_000.0 / metres_per_pixel(60.17, zoom(5.0));
        assert_abs_diff_eq!(bar.width_px, expected_px, epsilon = 1e-9);
        assert!(bar.width_px <= MAX_BAR_PX && bar.width_px > MAX_BAR_PX * 0.4, "{}", bar.width_px);
    }

    #[test]
    fn every_zoom_and_latitude_gives_a_round_distance_that_fits() {
        for z in [3.0, 3.5, 4.0, 5.25, 7.0, 9.9, 12.0, 18.0] {
            for lat in [-70.0, 0.0, 34.0, 60.0, 72.0] {
                let bar = scale_bar(lat, zoom(z), MAX_BAR_PX, Language::Fi).unwrap();
                let mantissa = bar.metres / 10f64.powf(bar.metres.log10().floor());
                assert!([1.0, 2.0, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{} m", bar.metres);
                // Never longer than allowed, and never so short that a rounder distance would fit.
                assert!(bar.width_px <= MAX_BAR_PX + 1e-9, "{} px at {z}, {lat}", bar.width_px);
                assert!(bar.width_px * 2.5 > MAX_BAR_PX, "{} px at {z}, {lat}", bar.width_px);
            }
        }
    }

    #[test]
    fn zooming_in_shortens_the_distance() {
        // Zoom 3 at 34°N (the south edge of the map): 100 px is 1 622 km.
        let far = scale_bar(34.0, zoom(3.0), MAX_BAR_PX, Language::En).unwrap();
        let near = scale_bar(60.0, zoom(12.0), MAX_BAR_PX, Language::En).unwrap();
        assert_eq!(far.label, "1,000\u{a0}km");
        assert_eq!(near.label, "1\u{a0}km");
        assert_eq!(scale_bar(60.0, zoom(3.0), MAX_BAR_PX, Language::En).unwrap().label, "500\u{a0}km");
        assert_eq!(scale_bar(60.0, zoom(14.0), MAX_BAR_PX, Language::En).unwrap().label, "200\u{a0}m");
    }

    #[test]
    fn poles_and_nonsense_give_no_bar() {
        assert_eq!(scale_bar(90.0, zoom(5.0), MAX_BAR_PX, Language::En), None);
        assert_eq!(scale_bar(f64::NAN, zoom(5.0), MAX_BAR_PX, Language::En), None);
        assert_eq!(scale_bar(60.0, zoom(5.0), 0.0, Language::En), None);
    }
}
