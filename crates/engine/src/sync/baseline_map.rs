//! One employee's baseline packed into one allocation
//! ([`PackedFields`]), Worknice's text kept once when it is MicrOpay's
//! (most are). A first sync of 50,000 records a baseline for everyone: as
//! a map of two boxed strings per field that was 1.5 million entries and
//! 3 million allocations, about 2.4 KB per employee.

use std::fmt;

use super::fields::FieldId;
use super::packed_fields::{Packed, PackedFields};

/// One field as the last sync saw it (recorded forms, see
/// [`super::snapshot::FieldValue::recorded`]), borrowed from a
/// [`Baseline`] or from the values the planner compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen<'a> {
    pub micropay: &'a str,
    pub worknice: &'a str,
}

impl<'a> Seen<'a> {
    pub(crate) fn new(micropay: &'a str, worknice: &'a str) -> Self {
        Self { micropay, worknice }
    }

    fn packed(self) -> Packed<'a> {
        Packed {
            tag: 0,
            first: self.micropay,
            second: (self.worknice != self.micropay).then_some(self.worknice),
        }
    }

    fn unpacked(entry: Packed<'a>) -> Self {
        Self::new(entry.first, entry.second.unwrap_or(entry.first))
    }
}

/// Field → [`Seen`], packed.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Baseline {
    fields: PackedFields,
}

impl fmt::Debug for Baseline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Baseline {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (FieldId, Seen<'_>)> + '_ {
        self.fields
            .iter()
            .map(|(field, entry)| (field, Seen::unpacked(entry)))
    }

    pub(crate) fn get(&self, field: &FieldId) -> Option<Seen<'_>> {
        self.fields.get(*field).map(Seen::unpacked)
    }

    #[cfg(test)]
    pub(crate) fn contains_key(&self, field: &FieldId) -> bool {
        self.get(field).is_some()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.iter().count()
    }

    pub(crate) fn insert(&mut self, field: FieldId, seen: Seen<'_>) {
        self.fields.insert(field, seen.packed());
    }

    #[cfg(test)]
    pub(crate) fn remove(&mut self, field: &FieldId) {
        self.fields.remove(*field);
    }

    /// Gives back the spare room a baseline built field by field has.
    pub(crate) fn packed_tight(mut self) -> Self {
        self.fields.shrink_to_fit();
        self
    }

    /// This baseline with `newer`'s fields put over it, packed tight.
    pub(crate) fn updated_by(&self, newer: &Baseline) -> Baseline {
        Baseline {
            fields: self.fields.updated_by(&newer.fields),
        }
    }
}

impl<'a> FromIterator<(FieldId, Seen<'a>)> for Baseline {
    /// Sorted into field order first (the store gives rows by key, which
    /// is not field order): each entry then goes after those before it,
    /// not into a buffer rebuilt whole. A stable sort: of a field given
    /// twice, the later stays, as an insert would leave it.
    fn from_iter<I: IntoIterator<Item = (FieldId, Seen<'a>)>>(items: I) -> Self {
        let mut items: Vec<(FieldId, Seen<'a>)> = items.into_iter().collect();
        items.sort_by_key(|(field, _)| *field);
        let mut baseline = Baseline::new();
        for (field, seen) in items {
            baseline.insert(field, seen);
        }
        baseline.packed_tight()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::fields::FieldId;
    use super::{Baseline, Seen};

    /// Seeded: the same inserts, removals and updates give the same
    /// entries, in the same order, as a `BTreeMap` of owned pairs; texts
    /// of any length (past one length byte) and equal or not.
    #[test]
    fn it_keeps_what_a_map_of_pairs_would() {
        use rand::{Rng, SeedableRng};
        let fields = super::super::fields::SOME_FIELDS;
        let long = "x".repeat(130);
        let longer = "y".repeat(20_000);
        let texts = ["", "Ann", "Anya", "é Zoë", &long, &longer];
        let pick = |rng: &mut rand_chacha::ChaCha8Rng| {
            let micropay = texts[rng.random_range(0..texts.len())].to_owned();
            let worknice = if rng.random_bool(0.5) {
                micropay.clone()
            } else {
                texts[rng.random_range(0..texts.len())].to_owned()
            };
            (micropay, worknice)
        };
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let mut ours = Baseline::new();
        let mut theirs: BTreeMap<FieldId, (String, String)> = BTreeMap::new();
        for _ in 0..2_000 {
            let field = fields[rng.random_range(0..fields.len())];
            match rng.random_range(0..4) {
                0 => {
                    ours.remove(&field);
                    theirs.remove(&field);
                }
                1 => {
                    let pairs: Vec<(FieldId, (String, String))> = (0..3)
                        .map(|_| (fields[rng.random_range(0..fields.len())], pick(&mut rng)))
                        .collect();
                    let newer: Baseline = pairs
                        .iter()
                        .map(|(field, (m, w))| (*field, Seen::new(m, w)))
                        .collect();
                    ours = ours.updated_by(&newer);
                    theirs.extend(pairs);
                }
                _ => {
                    let (m, w) = pick(&mut rng);
                    ours.insert(field, Seen::new(&m, &w));
                    theirs.insert(field, (m, w));
                }
            }
            let expected = theirs.get(&field).map(|(m, w)| Seen::new(m, w));
            assert_eq!(ours.get(&field), expected);
            assert_eq!(ours.contains_key(&field), theirs.contains_key(&field));
            assert_eq!(ours.len(), theirs.len());
        }
        let expected: Vec<(FieldId, Seen<'_>)> = theirs
            .iter()
            .map(|(field, (m, w))| (*field, Seen::new(m, w)))
            .collect();
        assert_eq!(ours.iter().collect::<Vec<_>>(), expected);
        let rebuilt: Baseline = expected.iter().copied().collect();
        assert_eq!(rebuilt, ours, "one packing for one content");
    }

    /// A nothing-changed sync loads every linked employee's baseline
    /// from rows by field key (`bankAccounts`, `basisOfPayment`, …).
    #[test]
    fn a_baseline_from_rows_by_key_is_packed_without_rebuilding() {
        let mut by_key = super::super::fields::FIELDS.map(|spec| spec.id);
        by_key.sort_by_key(|field| field.key());
        assert_ne!(by_key[0], FieldId::FirstName, "not field order");
        let rebuilds = super::super::packed_fields::rebuilds();
        let from_rows: Baseline = by_key
            .iter()
            .map(|field| (*field, Seen::new(field.key(), "w")))
            .collect();
        assert_eq!(super::super::packed_fields::rebuilds(), rebuilds);
        let in_order: Vec<FieldId> = from_rows.iter().map(|(field, _)| field).collect();
        let mut expected = by_key;
        expected.sort();
        assert_eq!(in_order, expected);
        assert_eq!(
            from_rows.get(&FieldId::Tfn),
            Some(Seen::new("tfn", "w")),
            "each field its own texts"
        );
    }

    #[test]
    fn equal_sides_are_kept_once() {
        let fingerprint = "f".repeat(64);
        let once: Baseline = [(FieldId::Tfn, Seen::new(&fingerprint, &fingerprint))]
            .into_iter()
            .collect();
        let twice: Baseline = [(FieldId::Tfn, Seen::new(&fingerprint, "other"))]
            .into_iter()
            .collect();
        // Field, tag, length (two bytes of six bits for 64), text (and a
        // second length and text).
        assert_eq!(once.fields.byte_len(), 1 + 1 + 2 + 64);
        assert_eq!(twice.fields.byte_len(), 1 + 1 + 2 + 64 + 1 + 5);
    }
}
