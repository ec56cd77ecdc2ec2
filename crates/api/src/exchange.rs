//! CSV import and export of the people and organisations registers.
//!
//! The header is documented in the README and fixed: columns may come in any
//! order, but none may be missing or unknown. An import is checked row by row
//! inside a transaction that is rolled back, so the preview shows exactly what
//! saving would do; saving runs the same steps and commits only when every row
//! is valid. Exported cells that a spreadsheet would run as a formula (starting
//! with = + - @, tab or carriage return) are prefixed with an apostrophe, which
//! the import removes again, so files round-trip.

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::types::{ImportPreview, ImportRow, RegisterKind};
use chrono::NaiveDate;
use secretariat_rules::{ManagerStatus, TechukStatus};
use secretariat_store::{OrganisationInput, PersonInput, Store, StoreError, Writer};
use std::collections::HashMap;

pub const PEOPLE_HEADER: [&str; 6] = ["name", "email", "job_title", "manager_status", "organisation", "employed_since"];
pub const ORGANISATIONS_HEADER: [&str; 6] = ["name", "techuk_status", "applied_on", "sme", "sme_confirmed_on", "sector"];

fn header(kind: RegisterKind) -> &'static [&'static str; 6] {
    match kind {
        RegisterKind::People => &PEOPLE_HEADER,
        RegisterKind::Organisations => &ORGANISATIONS_HEADER,
    }
}

/// Makes a cell safe to open in a spreadsheet.
pub fn escape_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

fn unescape_cell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

fn date_cell(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The byte-order mark an exported CSV starts with (see [`export`]).
pub const UTF8_BOM: &str = "\u{feff}";

fn io(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("could not write the CSV: {error}"))
}

/// A register as CSV, in the form Excel itself writes as "CSV UTF-8" and opens by a double-click
/// on Windows and macOS alike: a UTF-8 byte-order mark (without it Excel reads the file in the
/// system's legacy code page, and "Zoë" comes out as "ZoÃ«") and CRLF line ends (RFC 4180).
/// The same bytes on every platform; importing accepts the file with or without either.
pub async fn export(store: &Store, group: i64, kind: RegisterKind, today: NaiveDate) -> ApiResult<String> {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::from(UTF8_BOM.as_bytes()));
    out.write_record(header(kind)).map_err(io)?;
    match kind {
        RegisterKind::People => {
            for p in store.people_for_export(group, today).await? {
                let row = [
                    p.input.name,
                    p.input.email,
                    p.input.job_title,
                    p.input.manager_status.as_str().to_owned(),
                    p.organisation.unwrap_or_default(),
                    date_cell(p.employed_since),
                ];
                out.write_record(row.iter().map(|c| escape_cell(c))).map_err(io)?;
            }
        }
        RegisterKind::Organisations => {
            for o in store.organisations_for_export(group).await? {
                let row = [
                    o.name,
                    o.techuk_status.as_str().to_owned(),
                    date_cell(o.applied_on),
                    if o.sme { "yes" } else { "no" }.to_owned(),
                    date_cell(o.sme_confirmed_on),
                    o.sector,
                ];
                out.write_record(row.iter().map(|c| escape_cell(c))).map_err(io)?;
            }
        }
    }
    String::from_utf8(out.into_inner().map_err(io)?).map_err(io)
}

struct Cells<'a> {
    record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
    errors: Vec<String>,
}

impl Cells<'_> {
    fn text(&self, column: &str) -> String {
        let raw = self.columns.get(column).and_then(|&i| self.record.get(i)).unwrap_or("");
        unescape_cell(raw.trim()).to_owned()
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let text = self.text(column);
        if text.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.errors.push(format!("{column}: \u{201c}{text}\u{201d} is not a date (write YYYY-MM-DD)"));
                None
            }
        }
    }

    fn choice<T>(&mut self, column: &str, parse: impl Fn(&str) -> Option<T>, allowed: &str, default: Option<T>) -> Option<T> {
        let text = self.text(column).to_lowercase();
        if text.is_empty() {
            if default.is_none() {
                self.errors.push(format!("{column} is empty (use {allowed})"));
            }
            return default;
        }
        let value = parse(&text);
        if value.is_none() {
            self.errors.push(format!("{column}: \u{201c}{text}\u{201d} is not one of {allowed}"));
        }
        value
    }
}

fn store_message(error: StoreError) -> String {
    match error {
        StoreError::Invalid { field, message } => format!("{field}: {message}"),
        other => other.to_string(),
    }
}

/// Checks (and, with `save`, saves) an import. Nothing is written unless every row is valid.
pub async fn import(store: &Store, group: i64, kind: RegisterKind, text: &str, today: NaiveDate, save: bool) -> ApiResult<ImportPreview> {
    store.group(group).await?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let expected = header(kind);
    let mut file_errors = Vec::new();
    let headers = reader.headers().map_err(|e| ApiError::invalid("csv", format!("The file is not readable CSV: {e}")))?.clone();
    let columns: HashMap<String, usize> = headers.iter().enumerate().map(|(i, h)| (h.trim().to_lowercase(), i)).collect();
    let missing: Vec<_> = expected.iter().filter(|c| !columns.contains_key(**c)).collect();
    let unknown: Vec<_> = columns.keys().filter(|c| !expected.contains(&c.as_str())).collect();
    if !missing.is_empty() {
        file_errors.push(format!("The header lacks {}; it must be: {}", join(&missing), expected.join(",")));
    }
    if !unknown.is_empty() {
        file_errors.push(format!("The header has unknown columns {}; it must be: {}", join(&unknown), expected.join(",")));
    }

    // Not `Store::write`: the rows are written to check them, and kept only when `save` asks and every row is valid.
    let mut writer = store.begin().await?;
    let mut rows = Vec::new();
    if file_errors.is_empty() {
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    file_errors.push(format!("The file is not readable CSV: {e}"));
                    break;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as u32);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells = Cells { record: &record, columns: &columns, errors: Vec::new() };
            rows.push(match kind {
                RegisterKind::People => person_row(&mut writer, group, cells, line, today).await?,
                RegisterKind::Organisations => organisation_row(&mut writer, group, cells, line).await?,
            });
        }
    }
    let valid_rows = rows.iter().filter(|r| r.errors.is_empty()).count() as u32;
    let all_valid = file_errors.is_empty() && valid_rows as usize == rows.len() && !rows.is_empty();
    if rows.is_empty() && file_errors.is_empty() {
        file_errors.push("The file has a header but no rows.".into());
    }
    let saved = save && all_valid;
    if saved {
        writer.commit().await?;
    } else {
        writer.rollback().await?;
    }
    if save && !saved {
        return Err(ApiError::invalid(
            "csv",
            format!("Nothing was imported: {} of {} rows have problems. Fix them and try again.", rows.len() as u32 - valid_rows, rows.len()),
        ));
    }
    Ok(ImportPreview { kind, rows, file_errors, valid_rows, saved })
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

async fn person_row(writer: &mut Writer, group: i64, mut cells: Cells<'_>, line: u32, today: NaiveDate) -> ApiResult<ImportRow> {
    let name = cells.text("name");
    let manager_status = cells.choice("manager_status", ManagerStatus::parse, "yes, no, unknown", Some(ManagerStatus::Unknown));
    let organisation = cells.text("organisation");
    let since = cells.date("employed_since");
    let organisation_id = if organisation.is_empty() {
        None
    } else {
        match writer.organisation_id_by_name(group, &organisation).await? {
            Some(id) => Some(id),
            None => {
                cells.errors.push(format!("organisation: \u{201c}{organisation}\u{201d} is not in the register (add or import it first)"));
                None
            }
        }
    };
    if cells.errors.is_empty() {
        let input = PersonInput {
            name: name.clone(),
            email: cells.text("email"),
            job_title: cells.text("job_title"),
            manager_status: manager_status.unwrap_or(ManagerStatus::Unknown),
            sort_as: String::new(),
        };
        match writer.add_person(group, &input).await {
            Ok(person) => {
                if let Some(org) = organisation_id
                    && let Err(e) = writer.add_employment(group, person, org, since.unwrap_or(today), None).await
                {
                    cells.errors.push(store_message(e));
                }
            }
            Err(e) => cells.errors.push(store_message(e)),
        }
    }
    Ok(ImportRow { line, name, errors: cells.errors })
}

async fn organisation_row(writer: &mut Writer, group: i64, mut cells: Cells<'_>, line: u32) -> ApiResult<ImportRow> {
    let name = cells.text("name");
    let techuk_status = cells.choice("techuk_status", TechukStatus::parse, "member, applying, not_member", None);
    let sme = cells.choice(
        "sme",
        |t| match t {
            "yes" | "y" | "true" => Some(true),
            "no" | "n" | "false" => Some(false),
            _ => None,
        },
        "yes, no",
        Some(false),
    );
    let applied_on = cells.date("applied_on");
    let sme_confirmed_on = cells.date("sme_confirmed_on");
    if cells.errors.is_empty() {
        let input = OrganisationInput {
            name: name.clone(),
            techuk_status: techuk_status.unwrap_or(TechukStatus::NotMember),
            applied_on,
            sme: sme.unwrap_or(false),
            sme_confirmed_on,
            sector: cells.text("sector"),
        };
        if let Err(e) = writer.add_organisation(group, &input).await {
            cells.errors.push(store_message(e));
        }
    }
    Ok(ImportRow { line, name, errors: cells.errors })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped_and_unescaped() {
        for cell in ["=SUM(A1)", "+44 20", "-1", "@cmd", "\tx"] {
            let escaped = escape_cell(cell);
            assert!(escaped.starts_with('\''), "{cell}");
            assert_eq!(unescape_cell(&escaped), cell);
        }
        assert_eq!(escape_cell("Zoë Ó'Brien"), "Zoë Ó'Brien");
        assert_eq!(unescape_cell("'plain"), "'plain");
    }
}
