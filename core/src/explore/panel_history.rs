//! The panels a visitor has gone through: where each was scrolled to, and the trail of records
//! followed from one panel to the next.
//!
//! A record opened from a link, a marker or a search starts at its title; Back and Forward
//! return to where its panel was, as a browser does for pages. (Panels are rebuilt in place when
//! the record changes, so without this a new record opened partway down, wherever the previous
//! one had been scrolled to.) The trail gives the panel its own "Back to …" link, so a visitor
//! who followed three names does not depend on the browser's Back button; each record opened
//! anew is one step of the browser's history, so that link is the browser's Back.

use crate::data::model::RecordId;

/// How many records' positions are kept: far more than anyone steps back through.
const KEPT: usize = 100;

/// How a panel came to show its record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Opened anew: from a name in a panel, a marker, the list or a search.
    Opened,
    /// Stepped to with Back or Forward.
    History,
}

/// Where panels were left, and the records followed to the open one.
#[derive(Clone, Debug, Default)]
pub struct PanelHistory {
    /// Scroll offsets in CSS pixels, most recent last.
    offsets: Vec<(RecordId, f64)>,
    /// The records opened one after another, the open one last.
    trail: Vec<RecordId>,
    /// Records stepped back from, the latest last, for Forward.
    ahead: Vec<RecordId>,
}

impl PanelHistory {
    /// Notes that the panel of `id` is scrolled `offset` CSS pixels down.
    pub fn remember(&mut self, id: &RecordId, offset: f64) {
        self.offsets.retain(|(kept, _)| kept != id);
        if offset.is_finite() && offset > 0.0 {
            self.offsets.push((id.clone(), offset));
        }
        if self.offsets.len() > KEPT {
            self.offsets.remove(0);
        }
    }

    /// Notes that the panel now shows `id` (`None`: it closed), and says how far down it
    /// starts: at the top when opened anew, where it was left when stepped back or forward to.
    pub fn arrive(&mut self, id: Option<&RecordId>, arrival: Arrival) -> f64 {
        let Some(id) = id else {
            self.trail.clear();
            self.ahead.clear();
            return 0.0;
        };
        match arrival {
            Arrival::Opened => {
                if self.trail.last() != Some(id) {
                    self.trail.push(id.clone());
                }
                self.ahead.clear();
                0.0
            }
            Arrival::History => {
                if self.previous() == Some(id) {
                    self.ahead.extend(self.trail.pop());
                } else if self.ahead.last() == Some(id) {
                    self.trail.extend(self.ahead.pop());
                } else if self.trail.last() != Some(id) {
                    // A step from before the trail began: what lies behind it is not known.
                    self.trail = vec![id.clone()];
                    self.ahead.clear();
                }
                self.offsets.iter().find(|(kept, _)| kept == id).map_or(0.0, |&(_, offset)| offset)
            }
        }
    }

    /// The record the open one was reached from, which Back returns to.
    pub fn previous(&self) -> Option<&RecordId> {
        self.trail.len().checked_sub(2).and_then(|i| self.trail.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    #[test]
    fn a_record_opened_anew_starts_at_its_title() {
        let mut history = PanelHistory::default();
        assert_eq!(history.arrive(Some(&id("battery")), Arrival::Opened), 0.0);
        history.remember(&id("battery"), 640.0);
        assert_eq!(history.arrive(Some(&id("vaasa")), Arrival::Opened), 0.0);
        assert_eq!(history.arrive(Some(&id("battery")), Arrival::Opened), 0.0, "opened anew, not stepped back to");
    }

    #[test]
    fn back_and_forward_return_to_where_each_panel_was_left() {
        let mut history = PanelHistory::default();
        history.arrive(Some(&id("battery")), Arrival::Opened);
        history.remember(&id("battery"), 120.0);
        history.remember(&id("battery"), 640.0);
        history.arrive(Some(&id("vaasa")), Arrival::Opened);
        history.remember(&id("vaasa"), 80.0);
        assert_eq!(history.arrive(Some(&id("battery")), Arrival::History), 640.0);
        assert_eq!(history.arrive(Some(&id("vaasa")), Arrival::History), 80.0);
        // Scrolled back to the top, or never scrolled: the top.
        history.remember(&id("vaasa"), 0.0);
        assert_eq!(history.arrive(Some(&id("vaasa")), Arrival::History), 0.0);
        assert_eq!(history.arrive(Some(&id("turku")), Arrival::History), 0.0);
    }

    #[test]
    fn the_trail_names_the_record_back_returns_to() {
        let mut history = PanelHistory::default();
        history.arrive(Some(&id("kokkola")), Arrival::Opened);
        assert_eq!(history.previous(), None, "a first panel has nothing behind it");
        history.arrive(Some(&id("battery")), Arrival::Opened);
        history.arrive(Some(&id("vaasa")), Arrival::Opened);
        assert_eq!(history.previous(), Some(&id("battery")));
        // Back, Back, then Forward.
        history.arrive(Some(&id("battery")), Arrival::History);
        assert_eq!(history.previous(), Some(&id("kokkola")));
        history.arrive(Some(&id("kokkola")), Arrival::History);
        assert_eq!(history.previous(), None);
        history.arrive(Some(&id("battery")), Arrival::History);
        assert_eq!(history.previous(), Some(&id("kokkola")));
        // A record opened from here starts a new branch: Forward no longer leads to Vaasa.
        history.arrive(Some(&id("pori")), Arrival::Opened);
        assert_eq!(history.previous(), Some(&id("battery")));
        history.arrive(Some(&id("battery")), Arrival::History);
        history.arrive(Some(&id("vaasa")), Arrival::History);
        assert_eq!(history.previous(), None, "a step the trail does not know starts it anew");
        // Closing the panel ends the trail.
        history.arrive(Some(&id("turku")), Arrival::Opened);
        history.arrive(None, Arrival::Opened);
        history.arrive(Some(&id("oulu")), Arrival::Opened);
        assert_eq!(history.previous(), None);
    }

    #[test]
    fn nonsense_offsets_are_not_kept_and_the_memory_is_bounded() {
        let mut history = PanelHistory::default();
        history.remember(&id("a"), f64::NAN);
        history.remember(&id("b"), -5.0);
        history.remember(&id("c"), f64::INFINITY);
        assert!(history.offsets.is_empty());
        for i in 0..(KEPT + 20) {
            history.remember(&id(&format!("record-{i}")), 10.0 + i as f64);
        }
        assert_eq!(history.offsets.len(), KEPT);
        assert_eq!(history.arrive(Some(&id("record-0")), Arrival::History), 0.0, "the oldest is forgotten");
        let last = KEPT + 19;
        assert_eq!(history.arrive(Some(&id(&format!("record-{last}"))), Arrival::History), 10.0 + last as f64);
    }
}
