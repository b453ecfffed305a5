//! Text a vendor sent (names, locations, reasons, error messages) on its way
//! to a terminal: escape sequences could recolour, retitle or rewrite the
//! screen, control characters break the table's lines, and bidirectional
//! controls make text display as other text. JSON output needs none of
//! this: serde escapes control characters.

/// `text` with ANSI escape sequences removed (anstream's parser: CSI, OSC,
/// DCS and the rest), line breaks and tabs as spaces, and every other
/// control or bidirectional-control character dropped.
use paybridge_domain::emp_code;

pub(crate) fn terminal_safe(text: &str) -> String {
    anstream::adapter::strip_str(text)
        .to_string()
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' => Some(' '),
            c if c.is_control() || emp_code::is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_stripped() {
        let cases = [
            ("\u{1b}[31mRed\u{1b}[0m Smith", "Red Smith"),
            // Clear the screen, move the cursor home.
            ("\u{1b}[2J\u{1b}[HOlivia", "Olivia"),
            // Set the window title (OSC, ended by BEL, then by ST).
            ("\u{1b}]0;pwned\u{7}Nguyen", "Nguyen"),
            (
                "\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "link",
            ),
            ("back\u{8}\u{8}\u{8}\u{8}space", "backspace"),
            ("line\nbreak\tand\rreturn", "line break and return"),
            ("bell\u{7} del\u{7f} nul\u{0}", "bell del nul"),
            // C1 controls, including the one-byte CSI.
            ("c1\u{9b}31m \u{85}next", "c131m next"),
            // Right-to-left override: "Smith" that would display reversed.
            ("\u{202E}htimS\u{202C}", "htimS"),
            ("\u{2066}isolated\u{2069}", "isolated"),
            ("Zoë O'Brien-Nguyễn", "Zoë O'Brien-Nguyễn"),
        ];
        for (vendor, shown) in cases {
            assert_eq!(terminal_safe(vendor), shown, "{vendor:?}");
        }
    }

    #[test]
    fn nothing_left_can_start_a_sequence() {
        let shown = terminal_safe("\u{1b}[1;31m\u{1b}[?1049h\u{1b}P+q\u{1b}\\x\u{9d}y");
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
    }
}
