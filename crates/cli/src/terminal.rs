//! Text a vendor sent (names, locations, reasons, error messages) on its way
//! to a terminal: escape sequences could recolour, retitle or rewrite the
//! screen, control characters break the table's lines, and bidirectional
//! controls make text display as other text. JSON output keeps the text
//! whole but writes those characters as `\uXXXX` escapes (serde escapes
//! only U+0000–U+001F), so JSON printed to a terminal is safe too.

use std::io;

use paybridge_domain::emp_code;

/// `value` as compact JSON, with C1 controls and bidirectional controls
/// escaped as `\uXXXX` too: the same data for a program, inert on a screen.
pub(crate) fn write_json(
    writer: &mut impl io::Write,
    value: &impl serde::Serialize,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, TerminalSafeJson);
    value.serialize(&mut serializer)
}

struct TerminalSafeJson;

impl serde_json::ser::Formatter for TerminalSafeJson {
    /// Fragments never hold `"`, a backslash or U+0000–U+001F: serde escapes
    /// those itself, between fragments.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(|c: char| c.is_control() || emp_code::is_bidi_control(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            // Every such character is in the Basic Multilingual Plane.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// `text` with ANSI escape sequences removed (anstream's parser: CSI, OSC,
/// DCS and the rest), line breaks and tabs as spaces, and every other
/// control or bidirectional-control character dropped.
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
    fn json_escapes_c1_and_bidirectional_controls_and_keeps_the_text() {
        let name = "Red\u{9b}31m \u{202E}evil\u{2066} Smith \u{1b}[2J ok";
        let mut out = Vec::new();
        write_json(&mut out, &serde_json::json!({ "name": name })).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            r#"{"name":"Red\u009b31m \u202eevil\u2066 Smith \u001b[2J ok"}"#
        );
        let read: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(read["name"], name, "a program reads the same text");
    }

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
