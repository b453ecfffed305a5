//! Field → one or two texts, packed into one allocation per employee: for
//! each field, in field order, its id, a tag its owner gives meaning to,
//! and each text as its length and bytes. A sync holds a few dozen fields
//! per employee on each side and in its baseline, 50,000 employees at
//! once; as maps of boxed strings each field cost one or two allocations
//! (16 bytes of header and malloc's rounding each) beside its entry.
//!
//! The bytes may hold sensitive values (a TFN, account numbers): they are
//! zeroized on drop and whenever the buffer moves.

use zeroize::Zeroize;

use super::fields::{FieldId, FIELDS};

/// One entry: its owner's `tag` and one text, or two. No `Debug`: the
/// texts may be sensitive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Packed<'a> {
    pub tag: u8,
    pub first: &'a str,
    pub second: Option<&'a str>,
}

/// Set in a stored tag when the entry has a second text.
const TWO_TEXTS: u8 = 0x80;

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct PackedFields {
    bytes: Vec<u8>,
}

impl Drop for PackedFields {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

fn push_length(bytes: &mut Vec<u8>, mut length: usize) {
    // LEB128: seven bits a byte, the high bit set on all but the last.
    loop {
        let low = (length & 0x7f) as u8;
        length >>= 7;
        if length == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

fn read_length(bytes: &[u8], at: &mut usize) -> usize {
    let mut length = 0;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        length |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return length;
        }
        shift += 7;
    }
}

fn read_text<'a>(bytes: &'a [u8], at: &mut usize) -> &'a str {
    let length = read_length(bytes, at);
    let text = &bytes[*at..*at + length];
    *at += length;
    // Written from `&str`s whole, so always UTF-8 on a boundary.
    std::str::from_utf8(text).expect("packed from text")
}

fn push_entry(bytes: &mut Vec<u8>, field: FieldId, entry: Packed<'_>) {
    debug_assert!(entry.tag & TWO_TEXTS == 0, "a tag below 0x80");
    bytes.push(field as u8);
    bytes.push(entry.tag | if entry.second.is_some() { TWO_TEXTS } else { 0 });
    for text in std::iter::once(entry.first).chain(entry.second) {
        push_length(bytes, text.len());
        bytes.extend_from_slice(text.as_bytes());
    }
}

/// The entries in field order, each with the byte range it takes.
struct Entries<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (FieldId, Packed<'a>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        let start = self.at;
        let field = FIELDS[usize::from(*bytes.get(start)?)].id;
        let stored_tag = bytes[start + 1];
        let mut at = start + 2;
        let first = read_text(bytes, &mut at);
        let second = (stored_tag & TWO_TEXTS != 0).then(|| read_text(bytes, &mut at));
        self.at = at;
        let entry = Packed {
            tag: stored_tag & !TWO_TEXTS,
            first,
            second,
        };
        Some((field, entry, start..at))
    }
}

impl PackedFields {
    fn entries(&self) -> Entries<'_> {
        Entries {
            bytes: &self.bytes,
            at: 0,
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (FieldId, Packed<'_>)> + '_ {
        self.entries().map(|(field, entry, _)| (field, entry))
    }

    pub(super) fn get(&self, field: FieldId) -> Option<Packed<'_>> {
        self.entries()
            .take_while(|(at, _, _)| *at <= field)
            .find(|(at, _, _)| *at == field)
            .map(|(_, entry, _)| entry)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    #[cfg(test)]
    pub(super) fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// Sets `field`: quick when fields come in field order, as snapshots
    /// and the planner make them.
    pub(super) fn insert(&mut self, field: FieldId, entry: Packed<'_>) {
        let place = self
            .entries()
            .find(|(at, _, _)| *at >= field)
            .map(|(at, _, range)| (at == field, range));
        let Some((replaces, range)) = place else {
            self.push(field, entry);
            return;
        };
        // A field before others: rebuilt whole (rare: fields come in
        // field order).
        let mut entry_bytes = Vec::new();
        push_entry(&mut entry_bytes, field, entry);
        let mut bytes = Vec::with_capacity(self.bytes.len() + entry_bytes.len());
        bytes.extend_from_slice(&self.bytes[..range.start]);
        bytes.extend_from_slice(&entry_bytes);
        entry_bytes.zeroize();
        let rest = if replaces { range.end } else { range.start };
        bytes.extend_from_slice(&self.bytes[rest..]);
        self.bytes.zeroize();
        self.bytes = bytes;
    }

    #[cfg(test)]
    pub(super) fn remove(&mut self, field: FieldId) {
        let range = self
            .entries()
            .find(|(at, _, _)| *at == field)
            .map(|(_, _, range)| range);
        if let Some(range) = range {
            let mut bytes = Vec::with_capacity(self.bytes.len());
            bytes.extend_from_slice(&self.bytes[..range.start]);
            bytes.extend_from_slice(&self.bytes[range.end..]);
            self.bytes.zeroize();
            self.bytes = bytes;
        }
    }

    /// These fields with `newer`'s put over them, packed tight.
    pub(super) fn updated_by(&self, newer: &PackedFields) -> PackedFields {
        let mut bytes = Vec::with_capacity(self.bytes.len() + newer.bytes.len());
        let mut older = self.iter().peekable();
        for (field, entry) in newer.iter() {
            while let Some((kept, kept_entry)) = older.next_if(|(at, _)| *at < field) {
                push_entry(&mut bytes, kept, kept_entry);
            }
            older.next_if(|(at, _)| *at == field);
            push_entry(&mut bytes, field, entry);
        }
        for (kept, kept_entry) in older {
            push_entry(&mut bytes, kept, kept_entry);
        }
        let mut packed = PackedFields { bytes };
        packed.shrink_to_fit();
        packed
    }

    /// Gives back the spare room a map built field by field has.
    pub(super) fn shrink_to_fit(&mut self) {
        if self.bytes.capacity() > self.bytes.len() {
            let tight = self.bytes.as_slice().to_vec();
            self.bytes.zeroize();
            self.bytes = tight;
        }
    }

    /// Appends an entry for a field after all those held, growing the
    /// buffer without leaving a copy of it behind.
    fn push(&mut self, field: FieldId, entry: Packed<'_>) {
        let mut entry_bytes = Vec::new();
        push_entry(&mut entry_bytes, field, entry);
        if self.bytes.capacity() - self.bytes.len() < entry_bytes.len() {
            let mut grown = Vec::with_capacity(2 * (self.bytes.len() + entry_bytes.len()));
            grown.extend_from_slice(&self.bytes);
            self.bytes.zeroize();
            self.bytes = grown;
        }
        self.bytes.extend_from_slice(&entry_bytes);
        entry_bytes.zeroize();
    }
}
