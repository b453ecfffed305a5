//! Reading identifiers that people type with spaces or dashes in them.

use zeroize::Zeroizing;

/// The decimal digits of `input`, skipping whitespace and any of
/// `separators`. `None` when anything else is present. Zeroized on drop
/// because the input may be a TFN or an account number.
pub(crate) fn collect(input: &str, separators: &[char]) -> Option<Zeroizing<Vec<u8>>> {
    let mut digits = Zeroizing::new(Vec::with_capacity(input.len()));
    for c in input.chars() {
        if let Some(d) = c.to_digit(10) {
            // to_digit(10) accepts only ASCII 0-9, so the cast cannot truncate.
            digits.push(d as u8);
        } else if !(c.is_whitespace() || separators.contains(&c)) {
            return None;
        }
    }
    Some(digits)
}

/// `digits` back to a string of ASCII digits.
pub(crate) fn to_string(digits: &[u8]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// The weighted sum the TFN and ABN checksums are built on.
pub(crate) fn weighted_sum(digits: &[u8], weights: &[u32]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum()
}
