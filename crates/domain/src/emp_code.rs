//! MicrOpay's `EmpCode`: the Employee ID that links a Worknice person to a
//! MicrOpay employee. No link without it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ValidationError;

/// The longest EmpCode by MicrOpay product: Meridian stores 8 characters,
/// WageEasy 20. [`EmpCode::parse`] enforces the wider one; check
/// [`EmpCode::fits`] before writing to a Meridian database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmpCodeLimit {
    Meridian,
    WageEasy,
}

impl EmpCodeLimit {
    pub const fn max_len(self) -> usize {
        match self {
            Self::Meridian => 8,
            Self::WageEasy => 20,
        }
    }
}

/// A trimmed, non-empty employee code of at most 20 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(type = "string")]
pub struct EmpCode(String);

impl EmpCode {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::parse_with_limit(input, EmpCodeLimit::WageEasy)
    }

    pub fn parse_with_limit(input: &str, limit: EmpCodeLimit) -> Result<Self, ValidationError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(ValidationError::EmpCodeMissing);
        }
        if code.chars().any(char::is_control) {
            return Err(ValidationError::EmpCodeInvalidCharacters);
        }
        if code.chars().any(is_invisible) {
            return Err(ValidationError::EmpCodeInvisibleCharacters);
        }
        let max = limit.max_len();
        if code.chars().count() > max {
            return Err(ValidationError::EmpCodeTooLong { max });
        }
        Ok(Self(code.to_owned()))
    }

    /// True when this code fits `limit` (e.g. a Meridian database's 8).
    pub fn fits(&self, limit: EmpCodeLimit) -> bool {
        self.0.chars().count() <= limit.max_len()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Codes payroll staff would read as the same ("E001", " e001 ") give the
/// same key: trimmed, then lower-cased.
pub fn duplicate_key(code: &str) -> String {
    code.trim().to_lowercase()
}

/// The marks, embeddings, overrides and isolates of Unicode's
/// bidirectional algorithm (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069): they make text display as other text. Shared with the
/// CLI, which drops them from vendor text it prints.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that show as nothing, or that reorder the text around them,
/// so two codes that look the same would differ, or a code would display
/// as another: the bidirectional controls ([`is_bidi_control`]) and the
/// rest of Unicode's Default_Ignorable_Code_Point set (zero-width spaces
/// and joiners, soft hyphen, variation selectors, word joiner, BOM, tag
/// characters, ...).
fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2065}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

impl fmt::Display for EmpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EmpCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EmpCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        EmpCode::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_direction_characters_are_refused() {
        for code in [
            "E\u{200B}001",         // zero-width space
            "E001\u{200D}",         // zero-width joiner
            "\u{FEFF}E001",         // byte-order mark
            "E\u{00AD}001",         // soft hyphen
            "E\u{2060}001",         // word joiner
            "E\u{202E}100",         // right-to-left override: shows as "E001"
            "E\u{2066}001\u{2069}", // left-to-right isolate
            "E\u{200F}001",         // right-to-left mark
            "E\u{061C}001",         // Arabic letter mark
            "E001\u{FE0F}",         // variation selector
            "E\u{E0041}001",        // tag character
        ] {
            assert_eq!(
                EmpCode::parse(code),
                Err(ValidationError::EmpCodeInvisibleCharacters),
                "{code:?}"
            );
        }
        assert_eq!(
            ValidationError::EmpCodeInvisibleCharacters.to_string(),
            "The employee code (EmpCode) contains invisible or text-direction characters; retype it in MicrOpay"
        );
    }

    #[test]
    fn visible_codes_still_parse() {
        for code in ["E001", "émp-7", "Ø12", "ＥＭＰ１", "A B"] {
            assert!(EmpCode::parse(code).is_ok(), "{code:?}");
        }
    }

    #[test]
    fn duplicates_are_compared_as_people_read_them() {
        assert_eq!(duplicate_key(" e001 "), duplicate_key("E001"));
        assert_eq!(duplicate_key("ÉMP1"), duplicate_key("émp1"));
        assert_ne!(duplicate_key("E001"), duplicate_key("E0001"));
    }
}
