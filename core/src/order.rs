//! Sorting, for the whole core, through one routine.
//!
//! Every `sort_by_key` with its own closure or element type brings its own copy of the standard
//! library's sort into the WebAssembly, about 5 KB each. The core's orderings (labels by
//! importance, search results by score, list entries by name) therefore all sort positions
//! with one comparison signature, so the app carries the sorting code once. Imports nothing of
//! the project.

use std::cmp::Ordering;

/// The positions `0..len` in the order `compare` puts them; equal ones keep their order.
pub fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// `items` in the order `compare` puts them; equal ones keep their order (a stable sort).
pub fn sorted_by<T>(items: Vec<T>, compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    reordered(items, &order)
}

/// `items` ordered by `key`, worked out once per item (for keys that are costly to make, such
/// as folded names); equal ones keep their order.
pub fn sorted_by_cached_key<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    reordered(items, &order)
}

/// `items` taken in `order` (a permutation of their positions).
fn reordered<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots.get_mut(i).and_then(Option::take)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_come_in_order_and_ties_keep_theirs() {
        let keys = [3, 1, 2, 1, 3];
        assert_eq!(sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b])), vec![1, 3, 2, 0, 4]);
        assert_eq!(sorted_positions(0, &|_, _| Ordering::Equal), Vec::<usize>::new());
    }

    #[test]
    fn items_are_sorted_stably_and_none_is_lost() {
        let words = vec!["pear", "fig", "apple", "kiwi", "plum", "date"];
        let by_length = sorted_by(words.clone(), |a, b| a.len().cmp(&b.len()));
        assert_eq!(by_length, vec!["fig", "pear", "kiwi", "plum", "date", "apple"]);
        let mut expected = words.clone();
        expected.sort();
        assert_eq!(sorted_by(words, |a, b| a.cmp(b)), expected);
        assert!(sorted_by(Vec::<u8>::new(), |a, b| a.cmp(b)).is_empty());
        let by_last_letter = sorted_by_cached_key(vec!["pear", "fig", "kiwi", "date"], |w| w.chars().last());
        assert_eq!(by_last_letter, vec!["date", "fig", "kiwi", "pear"]);
    }
}
