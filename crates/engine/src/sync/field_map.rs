//! A small map from catalogue field to value, kept as one sorted `Vec`:
//! an employee carries a few dozen fields on each side and in its
//! baseline, and at 50,000 employees a `BTreeMap`'s nodes (room for 11
//! entries each, mostly empty) were a third of a sync's memory. It offers
//! the `BTreeMap` methods the sync uses, in the same (field) order.

use std::fmt;

use super::fields::FieldId;

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct FieldMap<V> {
    /// Sorted by field, each field once.
    entries: Vec<(FieldId, V)>,
}

impl<V> Default for FieldMap<V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<V: fmt::Debug> fmt::Debug for FieldMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> FieldMap<V> {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn position(&self, field: FieldId) -> Result<usize, usize> {
        self.entries.binary_search_by_key(&field, |(key, _)| *key)
    }

    pub(crate) fn get(&self, field: &FieldId) -> Option<&V> {
        let index = self.position(*field).ok()?;
        Some(&self.entries[index].1)
    }

    pub(crate) fn contains_key(&self, field: &FieldId) -> bool {
        self.position(*field).is_ok()
    }

    /// Sets `field`, returning what it held.
    pub(crate) fn insert(&mut self, field: FieldId, value: V) -> Option<V> {
        match self.position(field) {
            Ok(index) => Some(std::mem::replace(&mut self.entries[index].1, value)),
            Err(index) => {
                self.entries.insert(index, (field, value));
                None
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn remove(&mut self, field: &FieldId) -> Option<V> {
        let index = self.position(*field).ok()?;
        Some(self.entries.remove(index).1)
    }

    /// Moves every entry of `other` here (replacing the same fields), as
    /// `BTreeMap::append` does.
    #[cfg(test)]
    pub(crate) fn append(&mut self, other: &mut Self) {
        for (field, value) in other.entries.drain(..) {
            self.insert(field, value);
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&FieldId, &V)> + '_ {
        self.entries.iter().map(|(field, value)| (field, value))
    }

    /// Gives back the spare room a map built entry by entry has.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }
}

/// `map[&field]`, which panics when the field is missing, as a
/// `BTreeMap`'s does.
impl<V> std::ops::Index<&FieldId> for FieldMap<V> {
    type Output = V;

    fn index(&self, field: &FieldId) -> &V {
        self.get(field).expect("the field is in the map")
    }
}

impl<V> FromIterator<(FieldId, V)> for FieldMap<V> {
    fn from_iter<I: IntoIterator<Item = (FieldId, V)>>(items: I) -> Self {
        let mut entries: Vec<(FieldId, V)> = items.into_iter().collect();
        // Stable, so of two entries for one field the later wins, as
        // inserting them in turn would.
        entries.sort_by_key(|(field, _)| *field);
        let mut deduplicated: Vec<(FieldId, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match deduplicated.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => deduplicated.push(entry),
            }
        }
        deduplicated.shrink_to_fit();
        Self {
            entries: deduplicated,
        }
    }
}

impl<V> IntoIterator for FieldMap<V> {
    type Item = (FieldId, V);
    type IntoIter = std::vec::IntoIter<(FieldId, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a FieldMap<V> {
    type Item = (&'a FieldId, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (FieldId, V)>,
        fn(&'a (FieldId, V)) -> (&'a FieldId, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(field, value)| (field, value))
    }
}

impl<V> Extend<(FieldId, V)> for FieldMap<V> {
    fn extend<I: IntoIterator<Item = (FieldId, V)>>(&mut self, items: I) {
        for (field, value) in items {
            self.insert(field, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::fields::FieldId;
    use super::FieldMap;

    /// Seeded: the same inserts, removals and appends give the same
    /// entries, in the same order, as a `BTreeMap`.
    #[test]
    fn it_behaves_as_a_btree_map_does() {
        use rand::{Rng, SeedableRng};
        let fields = super::super::fields::SOME_FIELDS;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut ours: FieldMap<u32> = FieldMap::new();
        let mut theirs: BTreeMap<FieldId, u32> = BTreeMap::new();
        for step in 0..2_000u32 {
            let field = fields[rng.random_range(0..fields.len())];
            match rng.random_range(0..4) {
                0 => assert_eq!(ours.remove(&field), theirs.remove(&field)),
                1 => {
                    let pairs: Vec<(FieldId, u32)> = (0..3)
                        .map(|i| (fields[rng.random_range(0..fields.len())], step + i))
                        .collect();
                    let mut more: FieldMap<u32> = pairs.iter().copied().collect();
                    let mut more_theirs: BTreeMap<FieldId, u32> = pairs.into_iter().collect();
                    assert_eq!(
                        more.iter().collect::<Vec<_>>(),
                        more_theirs.iter().collect::<Vec<_>>()
                    );
                    ours.append(&mut more);
                    theirs.append(&mut more_theirs);
                    assert!(more.is_empty());
                }
                _ => assert_eq!(ours.insert(field, step), theirs.insert(field, step)),
            }
            assert_eq!(ours.get(&field), theirs.get(&field));
            assert_eq!(ours.contains_key(&field), theirs.contains_key(&field));
            assert_eq!(ours.len(), theirs.len());
        }
        assert_eq!(
            ours.iter().collect::<Vec<_>>(),
            theirs.iter().collect::<Vec<_>>()
        );
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }
}
