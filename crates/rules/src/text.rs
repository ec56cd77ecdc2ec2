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

/// Why `address` is not an email address we can write into a mail header or a `mailto:`
/// link, or `None` when it is one.
///
/// The address is an RFC 5322 addr-spec in its plain form: a dot-atom before the `@`
/// (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots between them), a host name after it
/// (labels of letters, digits and inner hyphens, dots between them, at least two).
/// Comments, quoted local parts and `[address literals]` are refused: nobody types them,
/// and they are how `a@example.org>,<b@example.net` would become a second recipient.
/// Letters beyond ASCII are letters (RFC 6532), so `zoë@example.org` is an address.
pub fn email_address_problem(address: &str) -> Option<&'static str> {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Some("it has no \u{201c}@\u{201d}");
    };
    if address.chars().count() > 254 {
        return Some("it is longer than 254 characters");
    }
    if let Some(c) = address.chars().find(|&c| c.is_whitespace()) {
        return Some(if c == ' ' { "it contains a space" } else { "it contains a space or line break" });
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || (!c.is_ascii() && c.is_alphanumeric());
    if local.is_empty() {
        return Some("nothing comes before the \u{201c}@\u{201d}");
    }
    if local.chars().count() > 64 {
        return Some("the part before the \u{201c}@\u{201d} is longer than 64 characters");
    }
    if local.split('.').any(|atom| atom.is_empty()) {
        return Some("a dot before the \u{201c}@\u{201d} is at the start, at the end or doubled");
    }
    if !local.chars().all(|c| c == '.' || atext(c)) {
        return Some("the part before the \u{201c}@\u{201d} contains a character an address cannot have (such as @ , ; : < > \" ( ) [ ] or \\)");
    }
    if domain.is_empty() {
        return Some("nothing comes after the \u{201c}@\u{201d}");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the part after the \u{201c}@\u{201d} is not a domain such as example.org");
    }
    for label in labels {
        let ok = !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c == '-' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()));
        if !ok {
            return Some("the part after the \u{201c}@\u{201d} is not a domain such as example.org");
        }
    }
    None
}

fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_are_email_addresses() {
        for ok in ["ada@example.org", "o'brien+wg@mail.example.co.uk", "x_y-z.1@a-b.example", "zo\u{eb}@kestrel.example", "a!#$%&*/=?^`{|}~@example.org"] {
            assert_eq!(email_address_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn an_address_that_would_add_a_recipient_or_break_a_header_is_refused() {
        for bad in [
            "a@example.org>,<b@example.net",
            "a@example.org, b@example.net",
            "a@example.org;b@example.net",
            "\"a b\"@example.org",
            "a(comment)@example.org",
            "a@[192.0.2.1]",
            "a@example.org\r\nBcc: c@example.net",
            "<a@example.org>",
            "a@b@example.org",
            "a..b@example.org",
            ".a@example.org",
            "a.@example.org",
            "a@example",
            "a@-example.org",
            "a@example..org",
            "@example.org",
            "a@",
            "a",
            "a@exa_mple.org",
            "a\\b@example.org",
        ] {
            assert!(email_address_problem(bad).is_some(), "{bad} was accepted");
        }
        assert!(email_address_problem(&format!("{}@example.org", "a".repeat(65))).is_some());
    }

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
