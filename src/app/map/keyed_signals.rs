//! One signal per keyed item of a list that is recomputed as a whole, such as the marker layout
//! on every frame of a gesture.
//!
//! Each component reads only its own item's signal. With one shared memo instead, every closure
//! of every marker button subscribed to it, and a change made each of them unsubscribe and
//! subscribe again; Leptos keeps subscribers in an ordered set whose removal is linear, so each
//! frame cost time quadratic in the number of buttons (most of a frame with a few hundred
//! markers). Here a frame costs one comparison per item, and only changed items notify anyone.

use std::collections::HashMap;

use leptos::prelude::*;

/// The signals of the items currently shown, by key.
pub struct KeyedSignals<T: 'static> {
    signals: HashMap<String, ArcRwSignal<T>>,
}

impl<T: 'static> Default for KeyedSignals<T> {
    fn default() -> Self {
        Self { signals: HashMap::new() }
    }
}

impl<T: PartialEq + Send + Sync + 'static> KeyedSignals<T> {
    /// Takes the new list: an item whose key was there before keeps its signal, which is set only
    /// if the value changed; a new key gets a new signal; keys no longer listed are dropped.
    /// Returns the signals in list order.
    pub fn sync(&mut self, items: impl IntoIterator<Item = (String, T)>) -> Vec<(String, ArcRwSignal<T>)> {
        let mut kept = HashMap::with_capacity(self.signals.len());
        let mut list = Vec::new();
        for (key, value) in items {
            let signal = match self.signals.remove(&key) {
                Some(signal) => {
                    if signal.with_untracked(|old| old != &value) {
                        signal.set(value);
                    }
                    signal
                }
                None => ArcRwSignal::new(value),
            };
            kept.insert(key.clone(), signal.clone());
            list.push((key, signal));
        }
        self.signals = kept;
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_key_keeps_its_signal_and_sees_the_new_value() {
        let mut signals = KeyedSignals::default();
        let first = signals.sync([("a".to_owned(), 1), ("b".to_owned(), 2)]);
        let a_before = first[0].1.clone();
        let second = signals.sync([("c".to_owned(), 3), ("a".to_owned(), 10)]);
        assert_eq!(second.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["c", "a"]);
        assert_eq!(a_before.get_untracked(), 10, "the old handle is the same signal");
        assert_eq!(second[0].1.get_untracked(), 3);
        assert!(!signals.signals.contains_key("b"), "a key no longer listed is dropped");
    }
}
