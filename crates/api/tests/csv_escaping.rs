//! Exported CSV against formula injection (issue #8), for both registers: a cell a
//! spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is written
//! with a leading apostrophe, and importing the file gives back what was typed.

use chrono::NaiveDate;
use secretariat_api::types::*;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::{ManagerStatus, TechukStatus};
use secretariat_store::{OrganisationInput, PersonInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn cells(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn every_cell_that_would_run_as_a_formula_is_escaped_in_both_registers_and_imports_back_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::new(SessionConfig {
        data_dir: dir.path().to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-11-27")),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    });
    let group =
        s.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;

    // Typed with a leading tab or CR, a name is trimmed on the way in (text::single_line),
    // so "=Tab Ltd" is what is stored; those two can lead a cell only if typed elsewhere
    // (escape_cell's unit test covers them).
    let organisations = [
        ("=SUM(1+1) Ltd", "=HYPERLINK(\"http://x\")"),
        ("+44 Telecom Ltd", "+sector"),
        ("-Minus Ltd", "-sector"),
        ("@Sign Ltd", "@sector"),
        ("\t=Tab Ltd", "Records"),
        ("\r\n=CR Ltd", "Records"),
    ];
    let mut org_ids = Vec::new();
    for (name, sector) in organisations {
        let input = OrganisationInput {
            name: name.into(),
            techuk_status: TechukStatus::Member,
            applied_on: None,
            sme: false,
            sme_confirmed_on: None,
            sector: sector.into(),
        };
        org_ids.push(s.save_organisation(SaveOrganisation { group_id: group, id: None, input, change: None }).await.unwrap().id);
    }
    let people = [("=cmd|' /C calc'!A0", "=1+1"), ("+Plus Person", "+job"), ("-Minus Person", "-job"), ("@At Person", "@job")];
    for (i, (name, job)) in people.iter().enumerate() {
        let input =
            PersonInput { name: (*name).into(), email: String::new(), job_title: (*job).into(), manager_status: ManagerStatus::Yes, sort_as: String::new() };
        let employer = Some(FirstEmployer { organisation_id: org_ids[i], from: d("2020-01-01") });
        s.save_person(SavePerson { group_id: group, id: None, input, employer, change: None }).await.unwrap();
    }

    let orgs_csv = s.export(group, RegisterKind::Organisations).await.unwrap();
    let people_csv = s.export(group, RegisterKind::People).await.unwrap();
    for (register, text) in [("organisations", &orgs_csv), ("people", &people_csv)] {
        let rows = cells(text);
        assert!(!rows.is_empty());
        for cell in rows.iter().flatten() {
            assert!(!cell.starts_with(FORMULA_START), "{register}: the cell {cell:?} would run as a formula:\n{text}");
        }
    }
    let org_rows = cells(&orgs_csv);
    let org_names: Vec<&str> = org_rows.iter().map(|r| r[0].as_str()).collect();
    for expected in ["'=SUM(1+1) Ltd", "'+44 Telecom Ltd", "'-Minus Ltd", "'@Sign Ltd", "'=Tab Ltd", "'=CR Ltd"] {
        assert!(org_names.contains(&expected), "{expected} in {org_names:?}");
    }
    assert!(org_rows.iter().any(|r| r[5] == "'=HYPERLINK(\"http://x\")"), "{orgs_csv}");
    let person_rows = cells(&people_csv);
    let person = person_rows.iter().find(|r| r[0] == "'=cmd|' /C calc'!A0").unwrap_or_else(|| panic!("{people_csv}"));
    assert_eq!(person[2], "'=1+1", "the job title");
    assert_eq!(person[4], "'=SUM(1+1) Ltd", "the employer's name in the people register");
    for (name, job) in &people[1..] {
        assert!(person_rows.iter().any(|r| r[0] == format!("'{name}") && r[2] == format!("'{job}")), "{name}: {people_csv}");
    }

    // Imported into another group, the apostrophes come off: the names are as typed.
    let other =
        s.create_group(CreateGroupRequest { name: "Second WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    for (kind, text) in [(RegisterKind::Organisations, &orgs_csv), (RegisterKind::People, &people_csv)] {
        s.import(ImportRequest { group_id: other, kind, csv: text.clone() }).await.unwrap();
    }
    let again = cells(&s.export(other, RegisterKind::People).await.unwrap());
    assert_eq!(again, person_rows, "the round trip changes nothing");
    let members = s.members(other).await.unwrap();
    assert!(members.people.iter().any(|p| p.name == "=cmd|' /C calc'!A0"), "stored as typed, not with the apostrophe");
    s.close().await;
}
