//! The phone's bottom sheet that holds a record's panel: the heights it rests at and where a
//! drag of its handle lets it go. A visitor drags it up to read more, down to see more map, or
//! swipes it away; a flick goes one stop on in its direction. The component only measures the
//! drag and sets the height this decides.

use crate::text::ui_text::SheetAction;

/// A height the sheet rests at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SheetStop {
    /// Only its title: the map nearly whole.
    Peek,
    /// Half the screen: the map above, the panel's start below (where it opens).
    #[default]
    Half,
    /// Nearly all the screen, for reading; a strip of map stays above.
    Full,
}

/// What a released drag does with the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetRelease {
    /// The sheet rests at this stop.
    Rest(SheetStop),
    /// The sheet was swiped away: the panel closes.
    Close,
}

/// A release faster than this (CSS pixels per millisecond) is a flick: one stop on.
const FLICK_PX_PER_MS: f64 = 0.5;

/// Below this share of the peek height, a slow release closes the sheet too.
const CLOSE_BELOW_PEEK: f64 = 0.5;

impl SheetStop {
    /// Every stop, from the lowest.
    pub const ALL: [SheetStop; 3] = [Self::Peek, Self::Half, Self::Full];

    /// The share of the map's height the sheet takes at this stop.
    pub fn share(self) -> f64 {
        match self {
            Self::Peek => 0.22,
            Self::Half => 0.5,
            Self::Full => 0.9,
        }
    }

    /// The name the stylesheet and the tests know it by (`data-sheet`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::Peek => "peek",
            Self::Half => "half",
            Self::Full => "full",
        }
    }

    /// Where the sheet opens in a window `height` CSS pixels tall: half of it, unless that would
    /// leave too little map between the header and the sheet (a short window: a phone held
    /// sideways, or an embed in a page's narrow column), where it opens at its peek and the
    /// visitor pulls it up to read.
    pub fn opening(height: f64) -> Self {
        const HALF_NEEDS_PX: f64 = 700.0;
        if height >= HALF_NEEDS_PX || !height.is_finite() {
            Self::Half
        } else {
            Self::Peek
        }
    }

    /// The stop the handle's button goes to (for keyboards and a tap): up one, and from the top
    /// back down to the peek.
    pub fn next(self) -> Self {
        match self {
            Self::Peek => Self::Half,
            Self::Half => Self::Full,
            Self::Full => Self::Peek,
        }
    }

    /// What the handle's button does at this stop, for its name.
    pub fn handle_action(self) -> SheetAction {
        match self {
            Self::Peek => SheetAction::More,
            Self::Half => SheetAction::Whole,
            Self::Full => SheetAction::Less,
        }
    }

    fn up(self) -> Option<Self> {
        match self {
            Self::Peek => Some(Self::Half),
            Self::Half | Self::Full => Some(Self::Full),
        }
    }

    fn down(self) -> Option<Self> {
        match self {
            Self::Full => Some(Self::Half),
            Self::Half => Some(Self::Peek),
            Self::Peek => None,
        }
    }
}

/// The sheet's height while its handle is dragged `dragged_down_px` down (negative: up) from
/// `start`, on a map `map_height_px` tall: it follows the finger, between nothing and the full
/// stop.
pub fn height_while_dragged(start: SheetStop, dragged_down_px: f64, map_height_px: f64) -> f64 {
    let height = start.share() * map_height_px - finite_or_zero(dragged_down_px);
    height.clamp(0.0, SheetStop::Full.share() * map_height_px)
}

/// Where the sheet goes when a drag from `start` is let go `dragged_down_px` lower (negative:
/// higher), moving at `velocity_px_per_ms` (positive: down): a flick goes one stop on in its
/// direction (down from the peek closes it); a slow release rests at the nearest stop, or closes
/// the sheet when it was pulled below half its peek height.
pub fn release(start: SheetStop, dragged_down_px: f64, velocity_px_per_ms: f64, map_height_px: f64) -> SheetRelease {
    let velocity = finite_or_zero(velocity_px_per_ms);
    if velocity > FLICK_PX_PER_MS {
        return start.down().map_or(SheetRelease::Close, SheetRelease::Rest);
    }
    if velocity < -FLICK_PX_PER_MS {
        return start.up().map_or(SheetRelease::Rest(start), SheetRelease::Rest);
    }
    let height = height_while_dragged(start, dragged_down_px, map_height_px);
    if height < SheetStop::Peek.share() * map_height_px * CLOSE_BELOW_PEEK {
        return SheetRelease::Close;
    }
    let nearest = SheetStop::ALL.into_iter().fold(SheetStop::Peek, |best, stop| {
        let distance = |s: SheetStop| (s.share() * map_height_px - height).abs();
        if distance(stop) < distance(best) {
            stop
        } else {
            best
        }
    });
    SheetRelease::Rest(nearest)
}

fn finite_or_zero(value: f64) -> f64 {
    if value.is_finite() {
        value
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_opens_at_half_a_phone_and_at_its_peek_in_a_short_window() {
        assert_eq!(SheetStop::opening(844.0), SheetStop::Half);
        assert_eq!(SheetStop::opening(700.0), SheetStop::Half);
        assert_eq!(SheetStop::opening(548.0), SheetStop::Peek, "an embed in a narrow column");
        assert_eq!(SheetStop::opening(390.0), SheetStop::Peek, "a phone held sideways");
        assert_eq!(SheetStop::opening(f64::NAN), SheetStop::Half, "not measured: the usual");
    }

    const PHONE: f64 = 844.0;

    #[test]
    fn a_slow_release_rests_at_the_nearest_stop() {
        // Half is 422 px; dragged up 300 px it is 722 px tall, nearer full (760) than half.
        assert_eq!(release(SheetStop::Half, -300.0, 0.0, PHONE), SheetRelease::Rest(SheetStop::Full));
        assert_eq!(release(SheetStop::Half, -60.0, 0.1, PHONE), SheetRelease::Rest(SheetStop::Half));
        assert_eq!(release(SheetStop::Half, 200.0, 0.0, PHONE), SheetRelease::Rest(SheetStop::Peek));
        assert_eq!(release(SheetStop::Full, 350.0, 0.0, PHONE), SheetRelease::Rest(SheetStop::Half));
    }

    #[test]
    fn a_flick_goes_one_stop_on_and_down_from_the_peek_closes() {
        assert_eq!(release(SheetStop::Half, 20.0, 1.2, PHONE), SheetRelease::Rest(SheetStop::Peek));
        assert_eq!(release(SheetStop::Half, -20.0, -1.2, PHONE), SheetRelease::Rest(SheetStop::Full));
        assert_eq!(release(SheetStop::Full, -10.0, -2.0, PHONE), SheetRelease::Rest(SheetStop::Full));
        assert_eq!(release(SheetStop::Peek, 10.0, 0.9, PHONE), SheetRelease::Close);
    }

    #[test]
    fn pulled_below_half_its_peek_the_sheet_closes() {
        // The peek is 186 px; pulled down to 40 px it goes.
        assert_eq!(release(SheetStop::Peek, 146.0, 0.0, PHONE), SheetRelease::Close);
        assert_eq!(release(SheetStop::Half, 400.0, 0.0, PHONE), SheetRelease::Close);
        assert_eq!(release(SheetStop::Peek, 40.0, 0.0, PHONE), SheetRelease::Rest(SheetStop::Peek));
    }

    #[test]
    fn while_dragged_the_sheet_follows_the_finger_within_its_range_and_bad_input_moves_nothing() {
        assert_eq!(height_while_dragged(SheetStop::Half, -100.0, PHONE), 522.0);
        assert_eq!(height_while_dragged(SheetStop::Half, -1000.0, PHONE), SheetStop::Full.share() * PHONE);
        assert_eq!(height_while_dragged(SheetStop::Peek, 1000.0, PHONE), 0.0);
        assert_eq!(height_while_dragged(SheetStop::Half, f64::NAN, PHONE), 422.0);
        assert_eq!(release(SheetStop::Half, f64::NAN, f64::INFINITY, PHONE), SheetRelease::Rest(SheetStop::Half));
    }

    #[test]
    fn the_handle_button_walks_up_and_wraps_to_the_peek() {
        assert_eq!(SheetStop::default(), SheetStop::Half);
        assert_eq!(SheetStop::Half.next(), SheetStop::Full);
        assert_eq!(SheetStop::Full.next(), SheetStop::Peek);
        assert_eq!(SheetStop::Peek.next(), SheetStop::Half);
        let codes: Vec<&str> = SheetStop::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, ["peek", "half", "full"]);
    }
}
