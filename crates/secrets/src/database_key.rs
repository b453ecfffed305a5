use paybridge_domain::Sensitive;
use rand::RngCore;

/// The 32-byte key that encrypts Paybridge's local database. It lives in the
/// OS keyring, hex-encoded; `Debug` never shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseKey(Sensitive<[u8; 32]>);

impl DatabaseKey {
    pub const LEN: usize = 32;

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Sensitive::new(bytes))
    }

    /// A new key from the operating system's secure random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let key = Self::from_bytes(bytes);
        zeroize::Zeroize::zeroize(&mut bytes);
        key
    }

    /// Parses 64 hex digits; `None` for anything else.
    pub fn from_hex(hex_digits: &str) -> Option<Self> {
        let mut bytes = [0u8; 32];
        let parsed = hex::decode_to_slice(hex_digits.trim(), &mut bytes).is_ok();
        let key = parsed.then(|| Self::from_bytes(bytes));
        zeroize::Zeroize::zeroize(&mut bytes);
        key
    }

    /// 64 lowercase hex digits, e.g. for SQLCipher's `x'…'` raw key form.
    pub fn to_hex(&self) -> Sensitive<String> {
        Sensitive::new(hex::encode(self.0.expose()))
    }

    pub fn expose(&self) -> &[u8; 32] {
        self.0.expose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_anything_else() {
        let key = DatabaseKey::from_bytes([0xab; 32]);
        let hex_digits = key.to_hex();
        assert_eq!(hex_digits.expose(), &"ab".repeat(32));
        assert_eq!(DatabaseKey::from_hex(hex_digits.expose()), Some(key));
        assert_eq!(DatabaseKey::from_hex(&"ab".repeat(31)), None);
        assert_eq!(DatabaseKey::from_hex(&"zz".repeat(32)), None);
    }

    #[test]
    fn generated_keys_differ_and_never_print() {
        let first = DatabaseKey::generate();
        assert_ne!(first, DatabaseKey::generate());
        let shown = format!("{first:?}");
        assert!(!shown.contains(&first.to_hex().expose()[..8]), "{shown}");
    }
}
