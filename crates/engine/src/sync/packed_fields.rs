//! Field → one or two texts, packed into one allocation per employee: for
//! each field, in field order, its id, a tag its owner gives meaning to,
//! and each text as its length and bytes. A sync holds a few dozen fields
//! per employee on each side and in its baseline, 50,000 employees at
//! once; as maps of boxed strings each field cost one or two allocations
//! (16 bytes of header and malloc's rounding each) beside its entry.
//!
//! The buffer is a `String`: ids, tags and lengths are written as ASCII
//! bytes (below 0x80), so the whole is UTF-8, checked once as it is
//! packed. Reading an entry slices it by its stored lengths: a lookup or
//! a walk skips the entries before it without decoding or re-checking
//! their text.
//!
//! The bytes may hold sensitive values (a TFN, account numbers): they are
//! zeroized on drop and whenever the buffer moves.

use std::ops::Range;

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

/// Set in a stored tag when the entry has a second text (tags are below
/// it, so the stored byte stays ASCII).
const TWO_TEXTS: u8 = 0x40;
/// A length byte: six bits of the length, and this when more follow.
const MORE: u8 = 0x40;

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct PackedFields {
    text: String,
}

impl Drop for PackedFields {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

/// Appends an ASCII byte (below 0x80) as the one-byte char it is.
fn push_ascii(text: &mut String, byte: u8) {
    debug_assert!(byte.is_ascii());
    text.push(char::from(byte));
}

fn push_length(text: &mut String, mut length: usize) {
    // Six bits a byte, low first, MORE set on all but the last: every byte
    // below 0x80.
    loop {
        let low = (length & 0x3f) as u8;
        length >>= 6;
        if length == 0 {
            push_ascii(text, low);
            return;
        }
        push_ascii(text, low | MORE);
    }
}

fn read_length(bytes: &[u8], at: &mut usize) -> usize {
    let mut length = 0;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        length |= usize::from(byte & 0x3f) << shift;
        if byte & MORE == 0 {
            return length;
        }
        shift += 6;
    }
}

/// Skips a text by its stored length, giving its byte range.
fn skip_text(bytes: &[u8], at: &mut usize) -> Range<usize> {
    let length = read_length(bytes, at);
    let range = *at..*at + length;
    *at = range.end;
    range
}

fn push_entry(text: &mut String, field: FieldId, entry: Packed<'_>) {
    debug_assert!(entry.tag & TWO_TEXTS == 0, "a tag below 0x40");
    push_ascii(text, field as u8);
    push_ascii(
        text,
        entry.tag | if entry.second.is_some() { TWO_TEXTS } else { 0 },
    );
    for value in std::iter::once(entry.first).chain(entry.second) {
        push_length(text, value.len());
        text.push_str(value);
    }
}

/// `text[range]`, never panicking with the text in its message (`str`
/// indexing quotes the string; the buffer may hold a TFN). Every range is
/// on char boundaries: each byte around a text is ASCII.
fn part(text: &str, range: Range<usize>) -> &str {
    text.get(range).expect("a packed entry's bounds")
}

/// Where one entry lies: read from its id, tag and lengths only.
struct Located {
    field: FieldId,
    tag: u8,
    first: Range<usize>,
    second: Option<Range<usize>>,
    whole: Range<usize>,
}

#[cfg(test)]
thread_local! {
    /// How many entries' texts were sliced out, for the test that a
    /// lookup reads only the entry it asks for.
    static TEXTS_READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many times an insert rebuilt the buffer (a field put before
    /// others), for the test that a baseline from the store's rows is
    /// packed in one pass.
    static REBUILT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many inserts so far on this thread rebuilt their buffer.
#[cfg(test)]
pub(super) fn rebuilds() -> usize {
    REBUILT.with(std::cell::Cell::get)
}

impl Located {
    fn entry<'a>(&self, text: &'a str) -> Packed<'a> {
        #[cfg(test)]
        TEXTS_READ.with(|read| read.set(read.get() + 1));
        Packed {
            tag: self.tag,
            first: part(text, self.first.clone()),
            second: self.second.clone().map(|range| part(text, range)),
        }
    }
}

/// The entries in field order, located without reading their text.
struct Entries<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Entries<'_> {
    type Item = Located;

    fn next(&mut self) -> Option<Located> {
        let bytes = self.bytes;
        let start = self.at;
        let field = FIELDS[usize::from(*bytes.get(start)?)].id;
        let stored_tag = bytes[start + 1];
        let mut at = start + 2;
        let first = skip_text(bytes, &mut at);
        let second = (stored_tag & TWO_TEXTS != 0).then(|| skip_text(bytes, &mut at));
        self.at = at;
        Some(Located {
            field,
            tag: stored_tag & !TWO_TEXTS,
            first,
            second,
            whole: start..at,
        })
    }
}

impl PackedFields {
    fn entries(&self) -> Entries<'_> {
        Entries {
            bytes: self.text.as_bytes(),
            at: 0,
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (FieldId, Packed<'_>)> + '_ {
        self.entries()
            .map(|located| (located.field, located.entry(&self.text)))
    }

    pub(super) fn get(&self, field: FieldId) -> Option<Packed<'_>> {
        self.entries()
            .take_while(|located| located.field <= field)
            .find(|located| located.field == field)
            .map(|located| located.entry(&self.text))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    #[cfg(test)]
    pub(super) fn byte_len(&self) -> usize {
        self.text.len()
    }

    /// Sets `field`: quick when fields come in field order, as snapshots
    /// and the planner make them.
    pub(super) fn insert(&mut self, field: FieldId, entry: Packed<'_>) {
        let place = self
            .entries()
            .find(|located| located.field >= field)
            .map(|located| (located.field == field, located.whole));
        let Some((replaces, range)) = place else {
            self.push(field, entry);
            return;
        };
        // A field before others: rebuilt whole (rare: fields come in
        // field order).
        #[cfg(test)]
        REBUILT.with(|rebuilt| rebuilt.set(rebuilt.get() + 1));
        let mut entry_text = String::new();
        push_entry(&mut entry_text, field, entry);
        let mut text = String::with_capacity(self.text.len() + entry_text.len());
        text.push_str(part(&self.text, 0..range.start));
        text.push_str(&entry_text);
        entry_text.zeroize();
        let rest = if replaces { range.end } else { range.start };
        text.push_str(part(&self.text, rest..self.text.len()));
        self.text.zeroize();
        self.text = text;
    }

    #[cfg(test)]
    pub(super) fn remove(&mut self, field: FieldId) {
        let range = self
            .entries()
            .find(|located| located.field == field)
            .map(|located| located.whole);
        if let Some(range) = range {
            let mut text = String::with_capacity(self.text.len());
            text.push_str(part(&self.text, 0..range.start));
            text.push_str(part(&self.text, range.end..self.text.len()));
            self.text.zeroize();
            self.text = text;
        }
    }

    /// These fields with `newer`'s put over them, packed tight: whole
    /// entries copied as they are.
    pub(super) fn updated_by(&self, newer: &PackedFields) -> PackedFields {
        let mut text = String::with_capacity(self.text.len() + newer.text.len());
        let mut older = self.entries().peekable();
        for located in newer.entries() {
            while let Some(kept) = older.next_if(|kept| kept.field < located.field) {
                text.push_str(part(&self.text, kept.whole));
            }
            older.next_if(|kept| kept.field == located.field);
            text.push_str(part(&newer.text, located.whole));
        }
        for kept in older {
            text.push_str(part(&self.text, kept.whole));
        }
        let mut packed = PackedFields { text };
        packed.shrink_to_fit();
        packed
    }

    /// Gives back the spare room a map built field by field has.
    pub(super) fn shrink_to_fit(&mut self) {
        if self.text.capacity() > self.text.len() {
            let tight = self.text.as_str().to_owned();
            self.text.zeroize();
            self.text = tight;
        }
    }

    /// Appends an entry for a field after all those held, growing the
    /// buffer without leaving a copy of it behind.
    fn push(&mut self, field: FieldId, entry: Packed<'_>) {
        let mut entry_text = String::new();
        push_entry(&mut entry_text, field, entry);
        if self.text.capacity() - self.text.len() < entry_text.len() {
            let mut grown = String::with_capacity(2 * (self.text.len() + entry_text.len()));
            grown.push_str(&self.text);
            self.text.zeroize();
            self.text = grown;
        }
        self.text.push_str(&entry_text);
        entry_text.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::super::fields::FIELDS;
    use super::{Packed, PackedFields, TEXTS_READ};

    fn texts_read() -> usize {
        TEXTS_READ.with(std::cell::Cell::get)
    }

    /// Every field, texts of every length class (empty, one length byte,
    /// several) and not ASCII.
    fn every_field(long: &str) -> PackedFields {
        let mut packed = PackedFields::default();
        for (index, spec) in FIELDS.iter().enumerate() {
            let first = match index % 4 {
                0 => "",
                1 => "é Zoë",
                2 => long,
                _ => "Ann",
            };
            let second = (index % 3 == 0).then_some("ü");
            packed.insert(
                spec.id,
                Packed {
                    tag: (index % 2) as u8,
                    first,
                    second,
                },
            );
        }
        packed
    }

    #[test]
    fn a_lookup_reads_only_the_entry_it_asks_for() {
        let long = "ẞ".repeat(5_000);
        let packed = every_field(&long);
        let last = FIELDS[FIELDS.len() - 1].id;
        let before = texts_read();
        let entry = packed.get(last).expect("packed");
        assert_eq!(texts_read() - before, 1, "the entries before it skipped");
        assert_eq!(entry.first, "Ann");
        let before = texts_read();
        assert_eq!(packed.iter().count(), FIELDS.len());
        assert_eq!(texts_read() - before, FIELDS.len(), "each read once");
    }

    #[test]
    fn lengths_tags_and_texts_come_back_whole() {
        let long = "ẞ".repeat(5_000);
        let packed = every_field(&long);
        for (index, (field, entry)) in packed.iter().enumerate() {
            assert_eq!(field, FIELDS[index].id);
            assert_eq!(entry.tag, (index % 2) as u8);
            let first = ["", "é Zoë", long.as_str(), "Ann"][index % 4];
            assert_eq!(entry.first, first);
            assert_eq!(entry.second, (index % 3 == 0).then_some("ü"));
            assert!(packed.get(field) == Some(entry));
        }
    }
}
