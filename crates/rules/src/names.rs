//! How a person's name sorts: UK ballot papers list candidates alphabetically by surname
//! (issue #18), so every list of candidates (the nominations, the ballot paper, the result)
//! orders people by a "sort as" — "Surname, Given names" — that defaults sensibly and that
//! the secretariat can correct on the person's record where the default is wrong.
//!
//! The default:
//! - **Titles and ranks** in front are dropped ("Dr", "Prof", "Sir", "DCI", "Ch Supt" …), and
//!   letters after the name ("OBE", "QPM", "PhD", anything after a comma).
//! - **Particles** stay with the surname ("de Souza", "van der Berg", "Ó Briain"), as UK
//!   registers file them; a hyphenated surname is one word ("Smith-Jones").
//! - **Family name first** is recognised where it is written the usual way in English
//!   documents: the family name in capitals ("ZHANG Wei" → "Zhang, Wei").
//!
//! Comparison folds case and accents and ignores apostrophes and hyphens, so "Ó'Brien"
//! sorts with "OBrien" and "Zoë" with "Zoe"; equal keys fall back to the text as typed.

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Titles and ranks written before a name (lower case, without a full stop).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "cllr",
    "councillor",
    "hon",
    "rt",
    "capt",
    "captain",
    "major",
    "col",
    "colonel",
    "lt",
    "cdr",
    "commander", // forces
    "pc",
    "ps",
    "dc",
    "ds",
    "di",
    "dci",
    "dsu",
    "dsupt",
    "insp",
    "inspector",
    "sgt",
    "sergeant",
    "ci",
    "supt",
    "superintendent",
    "ch",
    "chief",
    "acc",
    "dcc",
    "cc",
    "constable",
    "commissioner",
    "det", // policing
];

/// Letters after a name.
const POST_NOMINALS: &[&str] = &[
    "obe", "mbe", "cbe", "kbe", "dbe", "qpm", "kpm", "phd", "dphil", "msc", "ma", "ba", "bsc", "meng", "mba", "frs", "freng", "fbcs", "ceng", "kc", "qc", "mp",
    "jp", "dl", "jr", "jnr", "sr", "snr", "ii", "iii",
];

/// Words that belong to the surname that follows them.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "ter", "ten", "bin", "ibn", "bint", "al", "el", "mac", "ó",
    "ní", "nic", "ap",
];

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| c == '.' || c == ',').to_lowercase()
}

/// The default "sort as" for a name as typed: "Surname, Given names" (or the name itself
/// when it is one word).
pub fn default_sort_as(name: &str) -> String {
    // Letters after a comma are post-nominals ("Jane Smith, OBE").
    let name = name.split(',').next().unwrap_or(name);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && TITLES.contains(&bare(words[0]).as_str()) {
        words.remove(0);
    }
    while words.len() > 1 && POST_NOMINALS.contains(&bare(words[words.len() - 1]).as_str()) {
        words.pop();
    }
    match words.len() {
        0 => return String::new(),
        1 => return words[0].to_owned(),
        _ => {}
    }
    // Family name first: written in capitals, the given names not.
    let capitals = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() > 1 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if capitals(words[0]) && !words[1..].iter().all(|w| capitals(w)) {
        return format!("{}, {}", title_case(words[0]), words[1..].join(" "));
    }
    // The surname is the last word and the particles before it (never the first word).
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&bare(words[start - 1]).as_str()) {
        start -= 1;
    }
    format!("{}, {}", words[start..].join(" "), words[..start].join(" "))
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            start = c == '-' || c == '\'';
        }
    }
    out
}

/// The "sort as" in force: the one recorded for the person, else the default.
pub fn sort_as(name: &str, recorded: &str) -> String {
    if recorded.trim().is_empty() { default_sort_as(name) } else { recorded.trim().to_owned() }
}

/// The key two "sort as" texts compare by: lower case, accents and apostrophes and hyphens
/// gone, so the order is the one a person expects whatever the keyboard typed.
pub fn sort_key(sort_as: &str) -> String {
    sort_as.nfd().filter(|c| !is_combining_mark(*c)).filter(|c| c.is_alphanumeric() || *c == ' ' || *c == ',').flat_map(char::to_lowercase).collect()
}

/// Orders two "sort as" texts the way a ballot paper lists candidates.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_particles_hyphens_and_family_name_first_sort_by_surname() {
        let cases = [
            ("Dr Alexandra Whitfield", "Whitfield, Alexandra"),
            ("Prof. Sir Nigel Shadbolt", "Shadbolt, Nigel"),
            ("DCI Sarah Okafor", "Okafor, Sarah"),
            ("Ch Supt Mark Evans QPM", "Evans, Mark"),
            ("Jane Smith, OBE", "Smith, Jane"),
            ("Ines de Souza", "de Souza, Ines"),
            ("Pieter van der Berg", "van der Berg, Pieter"),
            ("Anna Smith-Jones", "Smith-Jones, Anna"),
            ("Zoë Ó'Brien", "Ó'Brien, Zoë"),
            ("ZHANG Wei", "Zhang, Wei"),
            ("NGUYEN Thi Lan", "Nguyen, Thi Lan"),
            ("Madonna", "Madonna"),
            ("Dr Helen Marsh", "Marsh, Helen"),
        ];
        for (name, expected) in cases {
            assert_eq!(default_sort_as(name), expected, "{name}");
        }
    }

    #[test]
    fn a_recorded_sort_as_wins_over_the_default() {
        assert_eq!(sort_as("Pieter van der Berg", "Berg, Pieter van der"), "Berg, Pieter van der");
        assert_eq!(sort_as("Pieter van der Berg", "  "), "van der Berg, Pieter");
    }

    #[test]
    fn comparison_folds_accents_case_and_apostrophes() {
        let mut names = vec!["Ó'Brien, Zoë", "Obrien, Adam", "de Souza, Ines", "Whitfield, Alexandra", "Dawson, Kim", "Évora, Luis", "Evans, Mark"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(names, ["Dawson, Kim", "de Souza, Ines", "Evans, Mark", "Évora, Luis", "Obrien, Adam", "Ó'Brien, Zoë", "Whitfield, Alexandra"]);
    }
}
