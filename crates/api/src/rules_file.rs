//! A group's rules as a file another group can start from: TOML, documented in
//! `docs/RULES-FILE.md`. Export writes the rules in force today and the seats that exist;
//! import refuses unknown keys and impossible numbers, naming the key, and creates nothing.

use crate::contract::OfGroup;
use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use secretariat_rules::GroupShape;
use secretariat_rules::shape::{GroupHabits, RuleNumbers, SeatShape};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The one format this version reads and writes.
pub const FORMAT: u32 = 1;

/// The file: a format number, then the shape's three tables.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    format: u32,
    seats: SeatShape,
    rules: RuleNumbers,
    group: GroupHabits,
}

/// A rules file made for saving: its text and the name offered for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RulesFileText {
    pub file_name: String,
    pub text: String,
}

const HEADER: &str = "\
# Secretariat rules file: a working group's seats and the numbers of its Terms of Reference.
# Start a group from it with `secretariat init --group NAME --rules FILE`, or
# \"Start from a rules file\" in the window. Every key is explained in docs/RULES-FILE.md;
# a key the app does not know, or a number the rules cannot work with, is refused by name.
";

/// The file's text for a shape.
pub fn write(shape: &GroupShape) -> String {
    let file = RulesFile { format: FORMAT, seats: shape.seats.clone(), rules: shape.rules.clone(), group: shape.group.clone() };
    format!("{HEADER}\n{}", toml::to_string_pretty(&file).expect("a group's shape is plain data"))
}

/// The shape a file describes, checked: the error names the key at fault.
pub fn read(text: &str) -> ApiResult<GroupShape> {
    let file: RulesFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end_matches('.').to_owned();
        let place = e.span().map(|span| place_of(text, span.start)).unwrap_or_default();
        ApiError::invalid("rules_file", format!("The rules file cannot be read{place}: {message}."))
    })?;
    if file.format != FORMAT {
        return Err(ApiError::invalid("rules_file", format!("This rules file is format {}; this version of Secretariat reads format {FORMAT}.", file.format)));
    }
    let shape = GroupShape { seats: file.seats, rules: file.rules, group: file.group };
    shape.settings().map_err(|e| ApiError::invalid("rules_file", format!("The rules file's {} is not possible: {}", e.field, e.message)))?;
    Ok(shape)
}

/// " at [table] key" for the place at byte `at` of `text`: the table above it and the key on its line.
fn place_of(text: &str, at: usize) -> String {
    let before = &text[..at.min(text.len())];
    let table = before.lines().rfind(|l| l.trim_start().starts_with('[')).map(str::trim);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line.split_once('=').map(|(key, _)| key.trim()).filter(|key| !key.is_empty() && !key.starts_with('['));
    match (table, key) {
        (Some(table), Some(key)) => format!(" at {table} {key}"),
        (Some(table), None) => format!(" in {table}"),
        (None, Some(key)) => format!(" at {key}"),
        (None, None) => String::new(),
    }
}

impl Session {
    /// The group's rules in force today and its seats, as a rules file.
    pub async fn rules_file(&self, request: OfGroup) -> ApiResult<RulesFileText> {
        let store = self.open_store().await?;
        let group = store.group(request.group_id).await?;
        let register = store.register(request.group_id).await?;
        let today = self.today();
        let seats: Vec<_> = register.seats.iter().filter(|s| s.open_on(today)).collect();
        let shape = GroupShape::of_seats(&register.settings_on(today), &seats);
        Ok(RulesFileText { file_name: format!("{} rules.toml", crate::session::file_stem(&group.name)), text: write(&shape) })
    }

    /// Reads a rules file chosen by the person (the window's "Start from a rules file").
    pub async fn read_rules_file(&self, path: &Path) -> ApiResult<GroupShape> {
        let bytes = tokio::fs::read(path).await.map_err(|e| ApiError::invalid("rules_file", format!("{} cannot be read: {e}.", path.display())))?;
        let text = String::from_utf8(bytes).map_err(|_| ApiError::invalid("rules_file", "A rules file is text (UTF-8); this one is not.".to_owned()))?;
        read(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secretariat_rules::Template;

    #[test]
    fn a_template_written_reads_back_the_same() {
        let shape = GroupShape::of_template(Template::TechukInterop);
        let text = write(&shape);
        assert!(text.starts_with("# Secretariat rules file"));
        assert!(text.contains("min_sme_suppliers = 2"), "{text}");
        assert_eq!(read(&text).unwrap(), shape);
    }

    #[test]
    fn unknown_keys_are_refused_by_name() {
        let text = write(&GroupShape::of_template(Template::TechukInterop)).replace("grace_months = 3", "grace_months = 3\ncoffee_breaks = 2");
        let error = read(&text).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("rules_file"));
        assert!(error.message.contains("coffee_breaks") && error.message.contains("[rules]"), "{}", error.message);
    }

    #[test]
    fn s08_a_file_written_before_the_sro_key_has_an_sro() {
        let text = write(&GroupShape::of_template(Template::TechukInterop));
        assert!(text.contains("sro = true"), "{text}");
        let older: String = text.lines().filter(|l| !l.starts_with("sro =")).map(|l| format!("{l}\n")).collect();
        assert!(read(&older).unwrap().rules.sro);
    }

    #[test]
    fn s13_impossible_numbers_are_refused_naming_the_key() {
        let text = write(&GroupShape::of_template(Template::TechukInterop)).replace("min_sme_suppliers = 2", "min_sme_suppliers = 12");
        let error = read(&text).unwrap_err();
        assert!(error.message.contains("min_sme_suppliers") && error.message.contains("ToR §13"), "{}", error.message);
        let negative = write(&GroupShape::of_template(Template::TechukInterop)).replace("term_months = 24", "term_months = -1");
        assert!(read(&negative).unwrap_err().message.contains("term_months"));
    }
}
