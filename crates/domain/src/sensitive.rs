//! A wrapper for values that must never reach a log, an error message, a
//! panic or the UI unmasked: tax file numbers, bank account numbers,
//! passwords and API keys.
//!
//! `Debug` prints a fixed placeholder, there is no `Display`, and there is no
//! `Serialize`: the only ways out are [`Sensitive::expose`] (for the code that
//! must send the value to a vendor) and the masked views.

use serde::{Deserialize, Deserializer, Serializer};
use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The raw value. Call sites are few and obvious: a request body, the
    /// keyring, the encrypted store.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// For `#[serde(serialize_with = "Sensitive::serialize_exposed")]` on wire
    /// types that send the value to a vendor on purpose.
    pub fn serialize_exposed<S>(value: &Self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: serde::Serialize,
    {
        value.0.serialize(serializer)
    }
}

impl Sensitive<String> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every character hidden: for passwords and API keys.
    pub fn masked(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            "••••••••".to_owned()
        }
    }

    /// All but the last `visible` characters hidden, e.g. `•••••• 789` for a
    /// TFN or an account number, so a person can tell two records apart.
    pub fn masked_tail(&self, visible: usize) -> String {
        let chars: Vec<char> = self.0.chars().filter(|c| !c.is_whitespace()).collect();
        if chars.len() <= visible {
            return "•".repeat(chars.len());
        }
        let tail: String = chars[chars.len() - visible..].iter().collect();
        format!("{} {tail}", "•".repeat(chars.len() - visible))
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sensitive(<redacted>)")
    }
}

impl<T: Zeroize> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Sensitive::new("123456782".to_owned());
        assert_eq!(format!("{secret:?}"), "Sensitive(<redacted>)");
        assert!(!format!("{:?}", Some(&secret)).contains("123"));
    }

    #[test]
    fn masked_tail_keeps_only_the_last_digits() {
        let tfn = Sensitive::new("123 456 782".to_owned());
        assert_eq!(tfn.masked_tail(3), "•••••• 782");
        assert_eq!(Sensitive::new("12".to_owned()).masked_tail(3), "••");
    }

    #[test]
    fn masked_hides_everything_but_emptiness() {
        assert_eq!(Sensitive::new("hunter2".to_owned()).masked(), "••••••••");
        assert_eq!(Sensitive::new(String::new()).masked(), "");
    }

    #[test]
    fn deserializes_and_serializes_only_on_purpose() {
        #[derive(serde::Deserialize, serde::Serialize)]
        struct Wire {
            #[serde(serialize_with = "Sensitive::serialize_exposed")]
            tfn: Sensitive<String>,
        }
        let wire: Wire = serde_json::from_str(r#"{"tfn":"123456782"}"#).expect("valid json");
        assert_eq!(wire.tfn.expose(), "123456782");
        assert_eq!(
            serde_json::to_string(&wire).expect("serializes"),
            r#"{"tfn":"123456782"}"#
        );
    }
}
