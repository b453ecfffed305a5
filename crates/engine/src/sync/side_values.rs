//! One employee's values on one side, packed into one allocation
//! ([`PackedFields`], zeroized on drop: it holds TFNs and account
//! numbers), and the borrowed view of one value the planner compares.

use std::borrow::Cow;
use std::fmt;

use paybridge_domain::Sensitive;

use super::fields::FieldId;
use super::packed_fields::{Packed, PackedFields};
use super::snapshot::FieldValue;

const PLAIN: u8 = 0;
/// The value, then its mask.
const SENSITIVE: u8 = 1;

/// A field's value as read, borrowed: canonical text, or a sensitive value
/// with the only view of it that may be shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldValueRef<'a> {
    Plain(&'a str),
    Sensitive(HiddenRef<'a>),
}

/// A sensitive value and its mask, borrowed. No `Debug` of its own: the
/// one of [`FieldValueRef`] shows the mask only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct HiddenRef<'a> {
    value: &'a str,
    pub masked: &'a str,
}

impl<'a> HiddenRef<'a> {
    pub(crate) fn new(value: &'a str, masked: &'a str) -> Self {
        Self { value, masked }
    }

    /// The value itself: only for what is sent or fingerprinted.
    pub(crate) fn expose(&self) -> &'a str {
        self.value
    }
}

impl fmt::Debug for FieldValueRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plain(text) => f.debug_tuple("Plain").field(text).finish(),
            Self::Sensitive(hidden) => f.debug_tuple("Sensitive").field(&hidden.masked).finish(),
        }
    }
}

impl<'a> FieldValueRef<'a> {
    /// What a preview, a log or history may show: the text, or the mask.
    pub(crate) fn shown(&self) -> String {
        match self {
            Self::Plain(text) => (*text).to_owned(),
            Self::Sensitive(hidden) => hidden.masked.to_owned(),
        }
    }

    /// What a baseline or a change request records: the text itself, or
    /// for a sensitive value its keyed fingerprint (HMAC-SHA256 under the
    /// install's fingerprint key, with the field's name mixed in).
    pub(crate) fn recorded(&self, field: FieldId, key: &[u8; 32]) -> Cow<'a, str> {
        match self {
            Self::Plain(text) => Cow::Borrowed(text),
            Self::Sensitive(hidden) => {
                let value = hidden.value;
                let mut canonical = Vec::with_capacity(field.key().len() + 1 + value.len());
                canonical.extend_from_slice(field.key().as_bytes());
                canonical.push(0);
                canonical.extend_from_slice(value.as_bytes());
                let canonical = Sensitive::new(canonical);
                Cow::Owned(crate::plan::fingerprint(
                    key,
                    field.group(),
                    canonical.expose(),
                ))
            }
        }
    }

    /// An owned copy, for a value the plan writes.
    pub(crate) fn to_value(self) -> FieldValue {
        match self {
            Self::Plain(text) => FieldValue::Plain(text.into()),
            Self::Sensitive(hidden) => FieldValue::sensitive(
                Sensitive::new(hidden.value.to_owned()),
                hidden.masked.into(),
            ),
        }
    }

    fn packed(self) -> Packed<'a> {
        match self {
            Self::Plain(text) => Packed {
                tag: PLAIN,
                first: text,
                second: None,
            },
            Self::Sensitive(hidden) => Packed {
                tag: SENSITIVE,
                first: hidden.value,
                second: Some(hidden.masked),
            },
        }
    }

    fn unpacked(entry: Packed<'a>) -> Self {
        match (entry.tag, entry.second) {
            (SENSITIVE, Some(masked)) => Self::Sensitive(HiddenRef::new(entry.first, masked)),
            _ => Self::Plain(entry.first),
        }
    }
}

/// One employee on one side: `field → value`. A field missing is one this
/// side was not read for (not the same as an empty value).
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Snapshot {
    fields: PackedFields,
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Snapshot {
    #[cfg(test)]
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn get(&self, field: &FieldId) -> Option<FieldValueRef<'_>> {
        self.fields.get(*field).map(FieldValueRef::unpacked)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (FieldId, FieldValueRef<'_>)> + '_ {
        self.fields
            .iter()
            .map(|(field, entry)| (field, FieldValueRef::unpacked(entry)))
    }

    pub(crate) fn insert(&mut self, field: FieldId, value: FieldValue) {
        self.insert_ref(field, value.view());
    }

    pub(crate) fn insert_ref(&mut self, field: FieldId, value: FieldValueRef<'_>) {
        self.fields.insert(field, value.packed());
    }

    /// Sets `field` to `text` trimmed, as [`FieldValue::plain`] would,
    /// packed straight from the text read (no owned copy made first).
    pub(crate) fn insert_plain(&mut self, field: FieldId, text: &str) {
        self.insert_ref(field, FieldValueRef::Plain(text.trim()));
    }

    #[cfg(test)]
    pub(crate) fn remove(&mut self, field: &FieldId) {
        self.fields.remove(*field);
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.iter().count()
    }

    #[cfg(test)]
    pub(crate) fn keys(&self) -> impl Iterator<Item = FieldId> + '_ {
        self.iter().map(|(field, _)| field)
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.fields.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use paybridge_domain::Sensitive;

    use super::super::fields::FieldId;
    use super::super::snapshot::FieldValue;
    use super::{FieldValueRef, Snapshot};

    #[test]
    fn values_come_back_as_they_went_in_and_debug_shows_only_masks() {
        let mut side = Snapshot::new();
        let tfn = FieldValue::sensitive(Sensitive::new("123456782".to_owned()), "•••• 782".into());
        side.insert(FieldId::Tfn, tfn.clone());
        side.insert(FieldId::FirstName, FieldValue::plain(" Ann "));
        side.insert_plain(FieldId::Email, "");
        side.insert_plain(FieldId::FirstName, " Anya\n");
        assert_eq!(
            side.iter().map(|(field, _)| field).collect::<Vec<_>>(),
            [FieldId::FirstName, FieldId::Email, FieldId::Tfn],
            "in field order, each once"
        );
        assert_eq!(
            side.get(&FieldId::FirstName),
            Some(FieldValueRef::Plain("Anya"))
        );
        assert_eq!(side.get(&FieldId::Email), Some(FieldValueRef::Plain("")));
        assert_eq!(
            side.get(&FieldId::Tfn).map(FieldValueRef::to_value),
            Some(tfn)
        );
        assert_eq!(side.get(&FieldId::Mobile), None);
        let debug = format!("{side:?}");
        assert!(!debug.contains("123456782"), "{debug}");
        assert!(debug.contains("•••• 782"), "{debug}");
    }
}
