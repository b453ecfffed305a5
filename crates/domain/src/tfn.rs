//! Tax file numbers: 9 digits (or 8, for the older numbers the ATO issued
//! before the 9-digit ones) with a weighted checksum, or one of the ATO's
//! exemption codes. A TFN is never a key, never logged, masked on screen
//! (Privacy (Tax File Number) Rule 2015).

use serde::{Deserialize, Deserializer};

use crate::{digits, Sensitive, ValidationError};

/// The 9-digit weights. An 8-digit TFN is checked with the first eight, as
/// python-stdnum and stdnum-js do (they zip these weights with the digits).
const WEIGHTS: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];

/// Codes the ATO accepts in place of a TFN (e.g. 111111111 "applied for",
/// 333333333 "under 18", 444444444 "pensioner", 987654321 "chose not to
/// quote", 000000000 "not provided"). Accepted before the checksum.
pub const EXEMPTION_CODES: [&str; 5] = [
    "000000000",
    "111111111",
    "333333333",
    "444444444",
    "987654321",
];

/// A checked tax file number, stored as its 8 or 9 digits without spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tfn(Sensitive<String>);

impl Tfn {
    /// Accepts 9 digits, or an older 8-digit TFN, with optional spaces
    /// ("123 456 782", "371 186 60").
    pub fn parse(input: &str) -> Result<Tfn, ValidationError> {
        let digits = digits::collect(input, &[]).ok_or(ValidationError::TfnNotDigits)?;
        if !(8..=9).contains(&digits.len()) {
            return Err(ValidationError::TfnLength);
        }
        // All zeros passes the sum; as 9 digits it is the ATO's "not
        // provided" code (below), as 8 it is no TFN at all.
        if digits.len() == 8 && digits.iter().all(|digit| *digit == 0) {
            return Err(ValidationError::TfnChecksum);
        }
        let normalised = Sensitive::new(digits::to_string(&digits));
        if !EXEMPTION_CODES.contains(&normalised.expose().as_str()) && !checksum_holds(&digits) {
            return Err(ValidationError::TfnChecksum);
        }
        Ok(Tfn(normalised))
    }

    /// `••••••782`-style: enough to tell two records apart, nothing more.
    pub fn masked(&self) -> String {
        self.0.masked_tail(3)
    }

    /// True for the ATO's "no TFN quoted" codes, which are not real TFNs.
    pub fn is_exemption(&self) -> bool {
        EXEMPTION_CODES.contains(&self.0.expose().as_str())
    }

    /// The digits, for the request that sends them to a vendor on purpose.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// For `#[serde(serialize_with = "Tfn::serialize_exposed")]` on wire types.
    pub fn serialize_exposed<S: serde::Serializer>(
        value: &Self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose())
    }
}

impl<'de> Deserialize<'de> for Tfn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Sensitive::<String>::deserialize(deserializer)?;
        Tfn::parse(raw.expose()).map_err(serde::de::Error::custom)
    }
}

/// True when `input` is 8 or 9 digits (spaces allowed) whose weighted sum
/// is a multiple of 11. Exemption codes are not special here. For fixtures and
/// property tests; use [`Tfn::parse`] to validate input.
pub fn is_valid_checksum(input: &str) -> bool {
    match digits::collect(input, &[]) {
        Some(digits) => checksum_holds(&digits),
        _ => false,
    }
}

/// The 9-digit TFN that starts with `first_eight`, or `None` when no last
/// digit can satisfy the checksum (about one prefix in eleven). For fixtures.
pub fn with_check_digit(first_eight: [u8; 8]) -> Option<String> {
    if first_eight.iter().any(|d| *d > 9) {
        return None;
    }
    // The last weight is 10 ≡ -1 (mod 11), so the last digit must be the
    // prefix's weighted sum mod 11, and that has to be a single digit.
    let last = digits::weighted_sum(&first_eight, &WEIGHTS) % 11;
    let last = u8::try_from(last).ok().filter(|d| *d <= 9)?;
    let mut all = first_eight.to_vec();
    all.push(last);
    Some(digits::to_string(&all))
}

/// `weighted_sum` zips digits with weights, so 8 digits use the first eight.
fn checksum_holds(digits: &[u8]) -> bool {
    (8..=9).contains(&digits.len()) && digits::weighted_sum(digits, &WEIGHTS).is_multiple_of(11)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_with_or_without_spaces() {
        for input in ["123456782", "123 456 782", " 876 543 210 ", "459599230"] {
            let tfn = Tfn::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert!(!tfn.is_exemption());
            assert_eq!(tfn.expose().len(), 9);
        }
    }

    #[test]
    fn rejects_bad_input_with_the_right_reason() {
        let cases = [
            ("", ValidationError::TfnLength),
            ("1234567", ValidationError::TfnLength),
            ("1234567820", ValidationError::TfnLength),
            ("123-456-782", ValidationError::TfnNotDigits),
            ("12345678a", ValidationError::TfnNotDigits),
            ("123456789", ValidationError::TfnChecksum),
            ("123456783", ValidationError::TfnChecksum),
            ("222222222", ValidationError::TfnChecksum),
            ("12345678", ValidationError::TfnChecksum),
            ("00000000", ValidationError::TfnChecksum),
            ("0000 0000", ValidationError::TfnChecksum),
        ];
        for (input, expected) in cases {
            assert_eq!(Tfn::parse(input), Err(expected), "{input:?}");
        }
        assert!(Tfn::parse("000000000").is_ok_and(|tfn| tfn.is_exemption()));
    }

    /// Public examples, each checked with python-stdnum 2.2 itself
    /// (`stdnum.au.tfn.is_valid`): the 9-digit ones from its
    /// tests/test_au_tfn.doctest, the 8-digit ones from elm-tfn's test list.
    /// elm-tfn also lists 8-digit numbers checked with other weights (such as
    /// 81854402 and 37118629); python-stdnum rejects those, and so do we.
    #[test]
    fn accepts_the_public_examples_python_stdnum_accepts() {
        let nine = [
            "112474082",
            "459599230",
            "565051603",
            "812239321",
            "865414088",
            "876543210",
            "907974668",
        ];
        for input in nine
            .into_iter()
            .chain(["37118660", "371 186 60", "85655810"])
        {
            let tfn = Tfn::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert!(is_valid_checksum(input), "{input}");
            assert!(!tfn.is_exemption());
        }
        assert_eq!(
            Tfn::parse("371 186 60").map(|t| t.expose().to_owned()),
            Ok("37118660".to_owned())
        );
        for rejected_by_stdnum in [
            "81854402", "37118629", "37118705", "38593474", "85655734", "37118661",
        ] {
            assert_eq!(
                Tfn::parse(rejected_by_stdnum),
                Err(ValidationError::TfnChecksum),
                "{rejected_by_stdnum}"
            );
        }
    }

    #[test]
    fn exemption_codes_pass_before_the_checksum() {
        for code in EXEMPTION_CODES {
            let tfn = Tfn::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(tfn.is_exemption(), "{code}");
        }
        // 111111111 fails the checksum yet is accepted as an exemption.
        assert!(!is_valid_checksum("111111111"));
    }

    #[test]
    fn masked_and_debug_never_show_the_number() {
        let tfn = Tfn::parse("123 456 782").expect("valid");
        assert_eq!(tfn.masked(), "•••••• 782");
        assert!(!format!("{tfn:?}").contains("123"));
        let error = Tfn::parse("123456789").expect_err("bad checksum");
        assert_eq!(error.to_string(), "The tax file number fails its checksum");
    }

    #[test]
    fn with_check_digit_completes_a_prefix_or_says_it_cannot() {
        assert_eq!(
            with_check_digit([1, 2, 3, 4, 5, 6, 7, 8]).as_deref(),
            Some("123456782")
        );
        // Prefix sum ≡ 10 (mod 11): no single digit completes it.
        assert_eq!(with_check_digit([0, 0, 0, 0, 0, 0, 0, 6]), None);
        assert_eq!(with_check_digit([10, 0, 0, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn deserializes_through_validation() {
        let tfn: Tfn = serde_json::from_str(r#""123 456 782""#).expect("valid");
        assert_eq!(tfn.expose(), "123456782");
        let error = serde_json::from_str::<Tfn>(r#""123456789""#).expect_err("checksum");
        assert!(!error.to_string().contains("123456789"));
    }
}
