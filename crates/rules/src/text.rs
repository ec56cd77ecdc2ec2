//! Text people type: normalised before it is stored, refused when it could mislead.
//!
//! Names end up on ballot papers and in minutes, so a name must read the same
//! everywhere: Unicode NFC, no control characters, and no bidirectional
//! overrides (U+202E can make "Smith" print as "htimS").

use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{what} is empty.")]
    Empty { what: &'static str },
    #[error("{what} is longer than {max} characters.")]
    TooLong { what: &'static str, max: usize },
    #[error("{what} contains a control or text-direction character (U+{code:04X}), which could make it print differently from how it reads.")]
    ForbiddenCharacter { what: &'static str, code: u32 },
}

/// Checks and normalises a short single-line text such as a name.
/// `what` names the field in the message ("Group name").
pub fn single_line(input: &str, what: &'static str, max: usize) -> Result<String, TextError> {
    let text: String = input.trim().nfc().collect();
    if text.is_empty() {
        return Err(TextError::Empty { what });
    }
    if let Some(c) = text.chars().find(|&c| c.is_control() || is_direction_override(c)) {
        return Err(TextError::ForbiddenCharacter { what, code: c as u32 });
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong { what, max });
    }
    Ok(text)
}

/// Checks and normalises free text of several lines (a statement, notes): line
/// breaks and tabs are kept, other control and direction characters refused; it may be empty.
pub fn multi_line(input: &str, what: &'static str, max: usize) -> Result<String, TextError> {
    let text: String = input.replace("\r\n", "\n").trim().nfc().collect();
    if let Some(c) = text.chars().find(|&c| (c.is_control() && c != '\n' && c != '\t') || is_direction_override(c)) {
        return Err(TextError::ForbiddenCharacter { what, code: c as u32 });
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong { what, max });
    }
    Ok(text)
}

fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_composed() {
        // "Zoë" typed with a combining diaeresis becomes the single precomposed letter.
        assert_eq!(single_line("  Zoe\u{308} Ó'Brien ", "Name", 100).unwrap(), "Zoë Ó'Brien");
    }

    #[test]
    fn a_right_to_left_override_is_refused() {
        let error = single_line("Smith\u{202E}", "Name", 100).unwrap_err();
        assert_eq!(error, TextError::ForbiddenCharacter { what: "Name", code: 0x202E });
        assert!(error.to_string().contains("U+202E"));
    }

    #[test]
    fn control_characters_and_blank_and_overlong_names_are_refused() {
        assert!(matches!(single_line("a\nb", "Name", 100), Err(TextError::ForbiddenCharacter { .. })));
        assert_eq!(single_line("   ", "Name", 100), Err(TextError::Empty { what: "Name" }));
        assert_eq!(single_line("abcd", "Name", 3), Err(TextError::TooLong { what: "Name", max: 3 }));
    }

    #[test]
    fn several_lines_keep_their_breaks_but_not_overrides() {
        assert_eq!(multi_line(" One\r\nTwo\tthree ", "Notes", 100).unwrap(), "One\nTwo\tthree");
        assert_eq!(multi_line("", "Notes", 100).unwrap(), "");
        assert!(matches!(multi_line("a\u{202E}b", "Notes", 100), Err(TextError::ForbiddenCharacter { code: 0x202E, .. })));
        assert!(matches!(multi_line("a\u{7}b", "Notes", 100), Err(TextError::ForbiddenCharacter { .. })));
    }
}
