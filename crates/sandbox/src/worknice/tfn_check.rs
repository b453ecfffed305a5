//! The sandbox Worknice's own TFN check, apart from Paybridge's (the
//! sandboxes model each vendor on its own, so a mistake in Paybridge's check
//! cannot hide behind the same mistake here). Inferred: 8 or 9 digits
//! (spaces allowed) whose weighted sum is a multiple of 11, the weights
//! python-stdnum uses; the ATO's 9-digit "no TFN quoted" codes pass as well.

const WEIGHTS: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];
const NO_TFN_QUOTED: [&str; 5] = [
    "000000000",
    "111111111",
    "333333333",
    "444444444",
    "987654321",
];

/// The TFN's digits without spaces, or what was wrong (never the number).
pub(super) fn checked_tfn(input: &str) -> Result<String, &'static str> {
    let digits: String = input.chars().filter(|c| *c != ' ').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("The tax file number may contain only digits and spaces.");
    }
    if !(8..=9).contains(&digits.len()) {
        return Err("The tax file number must have 8 or 9 digits.");
    }
    if NO_TFN_QUOTED.contains(&digits.as_str()) {
        return Ok(digits);
    }
    let sum: u32 = digits
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    if !sum.is_multiple_of(11) || digits.bytes().all(|digit| digit == b'0') {
        return Err("The tax file number fails its checksum.");
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_or_nine_digits_with_the_checksum() {
        for (input, digits) in [
            ("123 456 782", "123456782"),
            ("876543210", "876543210"),
            ("371 186 60", "37118660"),
            ("85655810", "85655810"),
            ("111111111", "111111111"),
        ] {
            assert_eq!(checked_tfn(input), Ok(digits.to_owned()), "{input}");
        }
        for input in ["123456789", "37118661", "00000000", "1234567", "12345678a"] {
            let refusal = checked_tfn(input).expect_err(input);
            assert!(!refusal.contains(input), "{refusal}");
        }
    }
}
