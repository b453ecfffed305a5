//! Text a vendor sent that may reach a person: masked before it is shown,
//! since a server may echo back a TFN or an account number it was sent.

use std::sync::LazyLock;

use regex::Regex;

/// What a masked run of digits is shown as.
pub const DIGITS_MASK: &str = "••••";

/// Six or more digits, with at most one space or hyphen between any two:
/// TFNs (`123 456 782`), account numbers, BSB-and-account pairs, phone
/// numbers. The first branch is a `yyyy-mm-dd` date not followed by a digit
/// (with the character after it), which is kept: payroll's messages quote
/// dates, and no TFN or account number is written that way.
static LONG_DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4}-\d{2}-\d{2}(?:\D|$))|\d(?:[ \-]?\d){5,}")
        .expect("the digit-run pattern is valid")
});

/// `text` with every run of six or more digits (single spaces or hyphens
/// between groups allowed) replaced by [`DIGITS_MASK`]. Shorter numbers,
/// such as HTTP statuses and counts, and `yyyy-mm-dd` dates stay.
pub fn mask_long_digit_runs(text: &str) -> String {
    LONG_DIGIT_RUN
        .replace_all(text, |found: &regex::Captures<'_>| match found.get(1) {
            Some(date) => date.as_str().to_owned(),
            None => DIGITS_MASK.to_owned(),
        })
        .into_owned()
}

/// At most `max_chars` characters of `text`, cut on a character boundary.
/// Mask first: a cut can leave part of a secret that no longer matches.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_masked_whatever_their_grouping() {
        let masked = mask_long_digit_runs(
            "TFN 123456782, TFN 123 456 782, account 062-000 1234-5678, BSB 062000, ph 0412 345 678",
        );
        assert_eq!(
            masked,
            "TFN ••••, TFN ••••, account ••••, BSB ••••, ph ••••"
        );
        assert!(!masked.chars().any(|c| c.is_ascii_digit()), "{masked}");
    }

    #[test]
    fn short_numbers_and_wider_gaps_stay() {
        assert_eq!(
            mask_long_digit_runs("HTTP 503 after 12345 tries on line 3"),
            "HTTP 503 after 12345 tries on line 3"
        );
        // Two spaces, or a comma, end a run: each side is too short alone.
        assert_eq!(mask_long_digit_runs("123  456, 789"), "123  456, 789");
        assert_eq!(mask_long_digit_runs(""), "");
    }

    #[test]
    fn dates_stay_but_a_longer_number_shaped_like_one_does_not() {
        assert_eq!(
            mask_long_digit_runs("effective 2026-03-02 10:00, from 2026-03-02T09 or 2026-03-02"),
            "effective 2026-03-02 10:00, from 2026-03-02T09 or 2026-03-02"
        );
        assert_eq!(mask_long_digit_runs("ref 2026-03-021"), "ref ••••");
        assert_eq!(mask_long_digit_runs("12026-03-02"), "••••");
        assert_eq!(
            mask_long_digit_runs("2026-03-02-123456782"),
            "2026-03-02-••••"
        );
    }

    #[test]
    fn non_ascii_digits_are_masked_too() {
        assert_eq!(mask_long_digit_runs("id １２３４５６"), "id ••••");
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        assert_eq!(truncate_chars("••••abc", 5), "••••a");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
