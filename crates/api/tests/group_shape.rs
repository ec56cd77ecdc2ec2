//! Any group's shape (issue #14): a custom group's seats and rules chosen when it is created,
//! and a group started from another group's rules file. Against a real encrypted database.

use chrono::NaiveDate;
use secretariat_api::contract::OfGroup;
use secretariat_api::types::*;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::shape::SeatShape;
use secretariat_rules::{RuleSwitch, Template};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn session(dir: &std::path::Path) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-11-27")),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

/// Fifteen supplier seats, no named seats, no strike policy.
fn fifteen_suppliers() -> GroupShape {
    let mut shape = GroupShape::of_template(Template::Custom);
    shape.seats = SeatShape { named: vec![], other: 0, supplier: 15 };
    shape.rules.target_size = 15;
    shape.rules.strike_policy = false;
    shape
}

#[tokio::test]
async fn s17_a_custom_group_has_the_seats_and_rules_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let request = CreateGroupRequest { name: "Standards WG".into(), template: "custom".into(), shape: Some(fifteen_suppliers()), ..Default::default() };
    let group = s.create_group(request).await.unwrap().group;
    assert_eq!(group.template, "custom");
    let members = s.members(group.id).await.unwrap();
    assert_eq!(members.seats.len(), 15);
    assert!(members.seats.iter().all(|seat| seat.kind == SeatKind::Supplier));
    let home = s.group_home(group.id).await.unwrap();
    let strike = home.settings.iter().find(|l| l.key == "strike_absences");
    assert!(strike.is_none_or(|l| l.value.starts_with("Does not apply") && l.tor.is_none()), "{strike:?}");
    // Fifteen vacancies of §12 (and the SME minimum still on, §13), never a stakeholder seat's §11 or §17.
    let compliance = s.compliance(group.id, Some(d("2026-11-27"))).await.unwrap();
    assert_eq!(compliance.findings.iter().filter(|f| f.tor.0 == 12).count(), 15);
    assert!(compliance.findings.iter().all(|f| f.tor.0 != 11 && f.tor.0 != 17), "{:#?}", compliance.findings);
    s.close().await;
}

#[tokio::test]
async fn a_second_group_starts_from_the_first_groups_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let first = s
        .create_group(CreateGroupRequest { name: "Standards WG".into(), template: "custom".into(), shape: Some(fifteen_suppliers()), ..Default::default() })
        .await
        .unwrap()
        .group;
    let file = s.rules_file(OfGroup { group_id: first.id }).await.unwrap();
    assert_eq!(file.file_name, "Standards WG rules.toml");
    assert!(file.text.contains("supplier = 15") && file.text.contains("strike_policy = false"), "{}", file.text);
    let path = dir.path().join(&file.file_name);
    std::fs::write(&path, &file.text).unwrap();
    let shape = s.read_rules_file(&path).await.unwrap();
    assert_eq!(shape, fifteen_suppliers());
    let second =
        s.create_group(CreateGroupRequest { name: "Data WG".into(), template: "custom".into(), shape: Some(shape), ..Default::default() }).await.unwrap();
    let settings = s.rules_file(OfGroup { group_id: second.group.id }).await.unwrap();
    assert_eq!(settings.text, file.text.replace("Standards WG", "Data WG"));
    s.close().await;
}

#[tokio::test]
async fn a_rules_file_with_unknown_keys_or_impossible_numbers_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let text = secretariat_api::rules_file::write(&fifteen_suppliers());
    for (bad, key) in [
        (text.replace("grace_months = 3", "grace_months = 3\nlunch_minutes = 45"), "lunch_minutes"),
        (text.replace("min_sme_suppliers = 2", "min_sme_suppliers = 16"), "min_sme_suppliers"),
        (text.replace("funds_consensus_percent = 80", "funds_consensus_percent = 180"), "funds_consensus_percent"),
    ] {
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, bad).unwrap();
        let error = s.read_rules_file(&path).await.unwrap_err();
        assert_eq!(error.field.as_deref(), Some("rules_file"));
        assert!(error.message.contains(key), "{key}: {}", error.message);
    }
    // Impossible numbers sent by the form are refused at their field, before any database exists.
    let mut shape = fifteen_suppliers();
    shape.rules.term_months = 0;
    let error =
        s.create_group(CreateGroupRequest { name: "Data WG".into(), template: "custom".into(), shape: Some(shape), ..Default::default() }).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("term_months"));
    assert!(!dir.path().join("secretariat.db").exists(), "nothing was created");
    // A shape keeps the rules it switched off.
    assert!(!fifteen_suppliers().settings().unwrap().applies(RuleSwitch::StrikePolicy));
    s.close().await;
}
