//! Privacy (UK GDPR) against real SQLCipher files: subject access, erasure, the audit
//! chain around redacted rows, and the canary that proves erased text is gone from the
//! database, its -wal and -shm, and the temporary folder — by decrypting every page.

use chrono::NaiveDate;
use secretariat_rules::tor::s17_attendance::Presence;
use secretariat_rules::tor::s18_subgroups::{Expertise, Place};
use secretariat_rules::{ManagerStatus, Obtained, SeatKind, Template};
use secretariat_store::{
    ActionInput, AgendaItemInput, AttendanceInput, Capacity, DataPaths, DatabaseKey, KdfParams, Keychain, MeetingInput, MemoryKeychain, OrganisationInput,
    Passphrase, PersonInput, PlaceInput, Purpose, REDACTION, Store, StoreError, SubgroupInput, Writer,
};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct Fixture {
    store: Store,
    keychain: Arc<MemoryKeychain>,
    data: PathBuf,
    group: i64,
    /// The person to be erased, and someone else who must be left alone.
    subject: i64,
    other: i64,
    meeting: i64,
    item: i64,
}

const NAME: &str = "Quillon Zephyrwick";
const EMAIL: &str = "quillon.zephyrwick@example.org";

async fn person(w: &mut Writer, group: i64, name: &str, email: &str) -> i64 {
    w.add_person(
        group,
        &PersonInput {
            name: name.into(),
            email: email.into(),
            job_title: "Head of Canaries".into(),
            manager_status: ManagerStatus::Yes,
            sort_as: String::new(),
        },
    )
    .await
    .unwrap()
}

/// A group where `subject` had a term that has ended, a job, a standing invitation, a
/// sub-group invitation, attendance, an action and a mention in the minutes.
async fn fixture(data: &Path, name: &str, email: &str) -> Fixture {
    let keychain = Arc::new(MemoryKeychain::default());
    let (store, _) =
        Store::create(&DataPaths::new(data), &Passphrase::new("correct horse battery staple"), keychain.clone(), KdfParams::fast_for_tests()).await.unwrap();
    populate(store, keychain, data, name, email).await
}

async fn populate(store: Store, keychain: Arc<MemoryKeychain>, data: &Path, name: &str, email: &str) -> Fixture {
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let org = w
        .add_organisation(
            group,
            &OrganisationInput {
                name: "Acme Ltd".into(),
                techuk_status: secretariat_rules::TechukStatus::Member,
                applied_on: None,
                sme: false,
                sme_confirmed_on: None,
                sector: String::new(),
            },
        )
        .await
        .unwrap();
    let subject = person(&mut w, group, name, email).await;
    let other = person(&mut w, group, "Ada Other", "ada@example.org").await;
    w.add_employment(group, subject, org, d("2024-01-01"), None).await.unwrap();
    w.add_employment(group, other, org, d("2024-01-01"), None).await.unwrap();
    let seat = w.seat_ids(group, SeatKind::Supplier).await.unwrap()[0];
    let term = w.start_term(group, seat, subject, d("2024-02-01"), Obtained::Election).await.unwrap();
    w.end_term(group, term, d("2025-06-30"), secretariat_store::EndReason::Resigned, "").await.unwrap();
    w.add_invitee(group, subject, d("2025-07-01"), &format!("Invited: {name} knows the PND")).await.unwrap();
    let meeting = w
        .add_meeting(
            group,
            &MeetingInput {
                title: "January meeting".into(),
                starts_at: d("2025-01-14").and_hms_opt(14, 0, 0).unwrap(),
                ends_at: d("2025-01-14").and_hms_opt(16, 0, 0).unwrap(),
                venue: String::new(),
                online_link: String::new(),
                compulsory: true,
            },
        )
        .await
        .unwrap();
    let item = w
        .add_agenda_item(
            group,
            meeting,
            &AgendaItemInput { title: "Standards update".into(), purpose: Purpose::Discussion, presenter_id: Some(subject), minutes: 20, private: false },
        )
        .await
        .unwrap();
    w.set_attendance(
        group,
        meeting,
        &[
            AttendanceInput { person_id: subject, capacity: Capacity::Member, presence: Presence::Present, online: false, substitute: String::new() },
            AttendanceInput { person_id: other, capacity: Capacity::Member, presence: Presence::Apologies, online: false, substitute: String::new() },
        ],
    )
    .await
    .unwrap();
    w.save_item_notes(group, meeting, item, &format!("{name} presented the standards update; Ada Other asked for the slides (write to {email})."))
        .await
        .unwrap();
    w.add_action(
        group,
        &ActionInput {
            meeting_id: meeting,
            agenda_item_id: Some(item),
            description: format!("{name} to circulate the slides"),
            owner_id: subject,
            due_on: d("2025-02-01"),
        },
    )
    .await
    .unwrap();
    w.add_action(
        group,
        &ActionInput { meeting_id: meeting, agenda_item_id: None, description: "Ada to book the room".into(), owner_id: other, due_on: d("2025-02-01") },
    )
    .await
    .unwrap();
    let subgroup = w
        .add_subgroup(
            group,
            &SubgroupInput {
                name: "Data standards".into(),
                remit: "Draft the data standard".into(),
                start: d("2025-07-01"),
                decision_id: None,
                meeting_id: None,
                created_by: String::new(),
            },
        )
        .await
        .unwrap();
    w.add_place(
        group,
        subgroup,
        &PlaceInput {
            person_id: subject,
            place: Place::Invitee,
            expertise: vec![Expertise::Data],
            expertise_note: "Police National Database".into(),
            from: d("2025-07-02"),
        },
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    Fixture { store, keychain, data: data.to_path_buf(), group, subject, other, meeting, item }
}

impl Fixture {
    fn key(&self) -> DatabaseKey {
        self.keychain.get(self.store.database_id()).unwrap().unwrap()
    }

    async fn raw(&self) -> SqliteConnection {
        SqliteConnectOptions::new()
            .filename(self.data.join("secretariat.db"))
            .pragma("key", format!("\"x'{}'\"", self.key().to_hex().to_uppercase()))
            .connect()
            .await
            .unwrap()
    }

    async fn erase(&self) -> secretariat_store::Erasure {
        self.store.erase_person(self.group, self.subject, "Request by email of 3 March 2026", d("2026-03-10"), false).await.unwrap()
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn subject_access_gathers_every_record_and_every_audit_row_about_the_person_and_no_one_elses() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    let access = f.store.subject_access(f.group, f.subject).await.unwrap();
    assert_eq!((access.person.name.as_str(), access.person.email.as_str()), (NAME, EMAIL));
    assert_eq!(access.group, "Interop WG");
    assert_eq!(access.employments.len(), 1);
    assert_eq!(access.employments[0].what, "Acme Ltd");
    assert_eq!(access.terms.len(), 1);
    assert!(access.terms[0].details.contains("ended 2025-06-30"), "{:?}", access.terms);
    assert_eq!(access.invitations.len(), 1);
    assert_eq!(access.attendance.len(), 1);
    assert!(access.attendance[0].details.contains("member, present"), "{:?}", access.attendance);
    assert_eq!(access.presented.len(), 1);
    assert_eq!(access.actions.len(), 1, "only the action they own: {:?}", access.actions);
    assert_eq!(access.subgroups.len(), 1);
    assert!(access.subgroups[0].details.contains("Expertise: data"), "{:?}", access.subgroups);
    let mentioned: Vec<&str> = access.mentions.iter().map(|m| m.what.as_str()).collect();
    assert!(mentioned.contains(&"Minutes notes") && mentioned.contains(&"Action") && mentioned.contains(&"Invitation note"), "{mentioned:?}");

    // The audit rows: their own record, their rows by id (including the term's "end",
    // which names no one), the attendance that marks them, and no row about Ada alone.
    let audit = &access.audit;
    let has = |entity: &str, action: &str| audit.iter().any(|a| a.entity == entity && a.action == action);
    for (entity, action) in [
        ("person", "create"),
        ("employment", "create"),
        ("term", "create"),
        ("term", "end"),
        ("invitee", "create"),
        ("attendance", "set"),
        ("action", "create"),
        ("subgroup_place", "create"),
        ("agenda_item", "create"),
    ] {
        assert!(has(entity, action), "no {entity} {action} row in {audit:#?}");
    }
    assert!(!audit.iter().any(|a| a.entity == "person" && a.entity_id == Some(f.other)), "Ada's record is not the subject's");
    // The attendance row keeps the subject's own mark only (UK GDPR Art. 15(4)).
    let attendance = audit.iter().find(|a| a.entity == "attendance").unwrap();
    assert_eq!(attendance.change, format!(r#"{{"marks":[[{},"present"]],"others_left_out":1}}"#, f.subject));
    let ada_action = audit.iter().filter(|a| a.entity == "action").count();
    assert_eq!(ada_action, 1, "the action Ada owns is not about the subject");
    let mut raw = f.raw().await;
    let everything: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&mut raw).await.unwrap();
    assert!(audit.len() < everything as usize);
    raw.close().await.unwrap();
    f.store.close().await;
}

#[tokio::test]
async fn a_dry_run_lists_what_erasing_does_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    let before = f.store.subject_access(f.group, f.subject).await.unwrap();
    let plan = f.store.erase_person(f.group, f.subject, "Request by email of 3 March 2026", d("2026-03-10"), true).await.unwrap();
    assert!(!plan.committed);
    assert_eq!(plan.name, NAME);
    let deleted: Vec<(&str, u32)> = plan.deleted.iter().map(|l| (l.what.as_str(), l.count)).collect();
    assert!(deleted.contains(&("Employment history", 1)), "{deleted:?}");
    assert!(deleted.contains(&("Standing invitations (ToR §12)", 1)), "{deleted:?}");
    assert!(deleted.contains(&("Sub-group invitations with their expertise (ToR §18)", 1)), "{deleted:?}");
    assert!(plan.kept.iter().any(|l| l.what.starts_with("Terms held") && l.count == 1), "{:?}", plan.kept);
    assert!(plan.kept.iter().any(|l| l.what.starts_with("Attendance records") && l.count == 1), "{:?}", plan.kept);
    assert!(plan.redacted.iter().any(|l| l.what.starts_with("Minutes notes") && l.count == 1), "{:?}", plan.redacted);
    assert!(plan.redacted.iter().any(|l| l.what.starts_with("Audit log entries") && l.count as usize == before.audit.len()), "{:?}", plan.redacted);
    // Nothing happened.
    assert_eq!(f.store.subject_access(f.group, f.subject).await.unwrap(), before);
    assert!(f.store.verify().await.unwrap().is_ok());

    // The real erasure does what the dry run said.
    let done = f.erase().await;
    assert!(done.committed);
    assert_eq!((done.deleted.clone(), done.redacted.clone(), done.kept.clone()), (plan.deleted, plan.redacted, plan.kept));
    f.store.close().await;
}

#[tokio::test]
async fn erasure_deletes_what_is_only_about_them_redacts_the_rest_and_keeps_the_groups_records() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    let erasure = f.erase().await;
    assert_eq!(erasure.erased_name, format!("Erased person {}", f.subject));

    let detail = f.store.person_detail(f.group, f.subject).await.unwrap();
    assert_eq!(detail.input.name, erasure.erased_name);
    assert_eq!((detail.input.email.as_str(), detail.input.job_title.as_str()), ("", ""));
    assert_eq!(detail.erased_on, Some(d("2026-03-10")));
    assert!(detail.employments.is_empty());
    assert_eq!(detail.terms.len(), 1, "the term they held stays (ToR §14)");
    let access = f.store.subject_access(f.group, f.subject).await.unwrap();
    assert_eq!(access.person.erasure_reason.as_deref(), Some("Request by email of 3 March 2026"));
    assert_eq!(access.attendance.len(), 1, "attendance counted for ToR §17 stays");
    assert_eq!(access.actions.len(), 1);
    assert!(access.actions[0].what.contains(REDACTION), "{:?}", access.actions);
    assert!(access.invitations.is_empty() && access.subgroups.is_empty());

    let mut raw = f.raw().await;
    let notes: String = sqlx::query_scalar("SELECT notes FROM item_notes WHERE agenda_item_id = ?").bind(f.item).fetch_one(&mut raw).await.unwrap();
    assert_eq!(notes, "[redacted] presented the standards update; Ada Other asked for the slides (write to [redacted]).");
    let presenter: Option<i64> = sqlx::query_scalar("SELECT presenter_id FROM agenda_items WHERE id = ?").bind(f.item).fetch_one(&mut raw).await.unwrap();
    assert_eq!(presenter, Some(f.subject));
    let attendance: i64 = sqlx::query_scalar("SELECT count(*) FROM attendance WHERE meeting_id = ?").bind(f.meeting).fetch_one(&mut raw).await.unwrap();
    assert_eq!(attendance, 2);
    // Ada is untouched.
    let ada = f.store.person_detail(f.group, f.other).await.unwrap();
    assert_eq!((ada.input.name.as_str(), ada.employments.len()), ("Ada Other", 1));
    let ada_action: String = sqlx::query_scalar("SELECT description FROM actions WHERE owner_id = ?").bind(f.other).fetch_one(&mut raw).await.unwrap();
    assert_eq!(ada_action, "Ada to book the room");

    // The erasure's own audit row holds counts and the reason, not the erased data.
    let (entity_id, change): (i64, String) =
        sqlx::query_as("SELECT entity_id, change FROM audit_log WHERE entity = 'person' AND action = 'erase'").fetch_one(&mut raw).await.unwrap();
    assert_eq!(entity_id, f.subject);
    assert!(change.contains("Request by email of 3 March 2026") && change.contains("audit_rows_redacted"), "{change}");
    raw.close().await.unwrap();

    // The chain still verifies, and says rows were redacted.
    let report = f.store.verify().await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert!(report.audit.redacted_rows > 0 && report.audit.redacted_unchecked_rows == 0, "{report:?}");
    assert!(report.audit.note().unwrap().contains("redacted by an erasure"));

    // Erased once is erased: no second erasure, no filling the record in again.
    let again = f.store.erase_person(f.group, f.subject, "again", d("2026-03-11"), true).await.unwrap_err();
    assert!(matches!(&again, StoreError::Invalid { field: "person_id", message } if message.contains("already erased")), "{again:?}");
    let mut w = f.store.begin().await.unwrap();
    let refill = w
        .update_person(
            f.group,
            f.subject,
            &PersonInput { name: NAME.into(), email: EMAIL.into(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() },
        )
        .await
        .unwrap_err();
    assert!(matches!(refill, StoreError::Invalid { field: "name", .. }), "{refill:?}");
    w.rollback().await.unwrap();
    f.store.close().await;
}

#[tokio::test]
async fn no_audit_row_left_after_erasure_contains_the_name_or_email() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    let mut raw = f.raw().await;
    let mentioning = |name: &'static str| format!("SELECT count(*) FROM audit_log WHERE change LIKE '%{name}%'");
    for needle in ["Zephyrwick", "quillon.zephyrwick@example.org"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(mentioning(needle))).fetch_one(&mut raw).await.unwrap();
        assert!(n > 0, "the fixture must put {needle} in the audit log for this test to mean anything");
    }
    raw.close().await.unwrap();
    f.erase().await;
    let mut raw = f.raw().await;
    for needle in ["Zephyrwick", "quillon.zephyrwick@example.org"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(mentioning(needle))).fetch_one(&mut raw).await.unwrap();
        assert_eq!(n, 0, "{needle} is still in the audit log");
    }
    raw.close().await.unwrap();
    f.store.close().await;
}

#[tokio::test]
async fn erasure_refuses_a_sitting_member_and_a_reason_that_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    // Their term ran to 2025-06-30: on a day within it they still sat.
    let sitting = f.store.erase_person(f.group, f.subject, "Request of 3 March", d("2025-03-01"), true).await.unwrap_err();
    assert!(matches!(&sitting, StoreError::Invalid { field: "person_id", message } if message.contains("End their term first")), "{sitting:?}");
    let naming = f.store.erase_person(f.group, f.subject, &format!("{NAME} asked us to"), d("2026-03-10"), true).await.unwrap_err();
    assert!(matches!(naming, StoreError::Invalid { field: "reason", .. }), "{naming:?}");
    // A dry run needs no reason yet (the confirmation asks for it); the erasure does.
    assert!(f.store.erase_person(f.group, f.subject, "", d("2026-03-10"), true).await.is_ok());
    let empty = f.store.erase_person(f.group, f.subject, "  ", d("2026-03-10"), false).await.unwrap_err();
    assert!(matches!(empty, StoreError::Invalid { field: "reason", .. }), "{empty:?}");
    assert_eq!(f.store.person_detail(f.group, f.subject).await.unwrap().input.name, NAME, "nothing was erased");
    f.store.close().await;
}

/// Drops the trigger that guards the log and runs `damage`, as someone with the key and a
/// SQLite tool could; then walks the chain.
async fn verify_after_damage(f: &Fixture, damage: &[String]) -> Option<(i64, String)> {
    let mut raw = f.raw().await;
    sqlx::query("DROP TRIGGER audit_log_refuses_update").execute(&mut raw).await.unwrap();
    for statement in damage {
        sqlx::query(sqlx::AssertSqlSafe(statement.clone())).execute(&mut raw).await.unwrap();
    }
    raw.close().await.unwrap();
    let report = f.store.verify().await.unwrap();
    report.audit.first_broken.map(|b| (b.seq, b.reason))
}

async fn person_create_seq(f: &Fixture) -> i64 {
    let mut raw = f.raw().await;
    let seq = sqlx::query_scalar("SELECT seq FROM audit_log WHERE entity = 'person' AND entity_id = ? AND action = 'create'")
        .bind(f.other)
        .fetch_one(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    seq
}

#[tokio::test]
async fn a_change_swapped_for_the_redaction_marker_without_an_erasure_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    let seq = person_create_seq(&f).await;
    // The trigger refuses it outright while no erasure lists the row.
    let mut raw = f.raw().await;
    let refused = sqlx::query("UPDATE audit_log SET change = '{\"redacted\":true}' WHERE seq = ?").bind(seq).execute(&mut raw).await.unwrap_err();
    assert!(refused.to_string().contains("append-only"), "{refused}");
    raw.close().await.unwrap();
    // Done behind the trigger's back, with a forged `audit_redactions` row too: no erasure's
    // chained row names it, so it is a break at that row.
    let broken = verify_after_damage(
        &f,
        &[
            format!("INSERT INTO audit_redactions (seq, person_id, reason, at) VALUES ({seq}, {}, 'forged', '2026-01-01T00:00:00+00:00')", f.other),
            format!("UPDATE audit_log SET change = '{{\"redacted\":true}}' WHERE seq = {seq}"),
        ],
    )
    .await;
    assert_eq!(broken.as_ref().map(|b| b.0), Some(seq), "{broken:?}");
    assert!(broken.unwrap().1.starts_with("its mac does not match"));
    f.store.close().await;
}

#[tokio::test]
async fn a_redacted_v2_row_verifies_but_any_other_edit_to_it_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path(), NAME, EMAIL).await;
    f.erase().await;
    let mut raw = f.raw().await;
    let redacted: i64 = sqlx::query_scalar("SELECT min(seq) FROM audit_redactions").fetch_one(&mut raw).await.unwrap();
    let digest: Option<String> = sqlx::query_scalar("SELECT change_digest FROM audit_log WHERE seq = ?").bind(redacted).fetch_one(&mut raw).await.unwrap();
    assert!(digest.is_some(), "rows written now are v2");
    // The trigger allows only the marker on a listed row: not another text, not another field.
    for statement in
        [format!("UPDATE audit_log SET change = '{{}}' WHERE seq = {redacted}"), format!("UPDATE audit_log SET actor = 'mallory' WHERE seq = {redacted}")]
    {
        let error = sqlx::query(sqlx::AssertSqlSafe(statement)).execute(&mut raw).await.unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
    raw.close().await.unwrap();
    assert!(f.store.verify().await.unwrap().is_ok());
    let broken = verify_after_damage(&f, &[format!("UPDATE audit_log SET actor = 'mallory' WHERE seq = {redacted}")]).await;
    assert_eq!(broken.map(|b| b.0), Some(redacted));
    f.store.close().await;
}

#[tokio::test]
async fn a_redacted_v1_row_is_reported_as_unchecked_not_as_a_break_and_a_tamper_after_it_is_still_found() {
    let dir = tempfile::tempdir().unwrap();
    // A database whose chain was written before v2: the rows the fixture writes are v1
    // because v2 is made to start later, as it would after an upgrade.
    let f = {
        let keychain = Arc::new(MemoryKeychain::default());
        let (store, _) =
            Store::create(&DataPaths::new(dir.path()), &Passphrase::new("correct horse battery staple"), keychain.clone(), KdfParams::fast_for_tests())
                .await
                .unwrap();
        let key = keychain.get(store.database_id()).unwrap().unwrap();
        let mut raw = SqliteConnectOptions::new()
            .filename(dir.path().join("secretariat.db"))
            .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
            .connect()
            .await
            .unwrap();
        sqlx::query("DROP TRIGGER audit_chain_v2_refuses_update").execute(&mut raw).await.unwrap();
        sqlx::query("UPDATE audit_chain_v2 SET v2_from = 1000").execute(&mut raw).await.unwrap();
        raw.close().await.unwrap();
        store.close().await;
        let store = Store::open(&DataPaths::new(dir.path()), secretariat_store::KeySource::Keychain(keychain.clone())).await.unwrap();
        populate(store, keychain, dir.path(), NAME, EMAIL).await
    };
    let mut raw = f.raw().await;
    let v1: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE change_digest IS NULL").fetch_one(&mut raw).await.unwrap();
    let all: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&mut raw).await.unwrap();
    assert_eq!(v1, all, "every row so far is v1");
    raw.close().await.unwrap();
    let seq_other = person_create_seq(&f).await;
    f.erase().await;

    let report = f.store.verify().await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert!(report.audit.redacted_unchecked_rows > 0, "{report:?}");
    assert_eq!(report.audit.redacted_rows, report.audit.redacted_unchecked_rows);
    assert!(report.audit.note().unwrap().contains("can no longer be checked"), "{:?}", report.audit.note());

    // A v1 row that is not redacted, changed behind the chain's back, is still the first break.
    let broken = verify_after_damage(&f, &[format!("UPDATE audit_log SET change = '{{}}' WHERE seq = {seq_other}")]).await;
    assert_eq!(broken.map(|b| b.0), Some(seq_other));
    f.store.close().await;
}

// ---- the canary -------------------------------------------------------------------------

const PAGE: usize = 4096;
const RESERVE: usize = 80; // SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of each page

/// Decrypts one SQLCipher 4 page (`number` from 1) with the raw key: AES-256-CBC, no
/// padding, the IV in the reserved bytes; page 1's first 16 bytes are the salt, in clear.
fn decrypt_page(key: &[u8; 32], number: u32, page: &[u8]) -> Vec<u8> {
    use cbc::cipher::{BlockDecryptMut, KeyIvInit, block_padding::NoPadding};
    assert_eq!(page.len(), PAGE);
    let start = if number == 1 { 16 } else { 0 };
    let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
    let mut data = page[start..PAGE - RESERVE].to_vec();
    cbc::Decryptor::<aes::Aes256>::new(key.into(), iv.into()).decrypt_padded_mut::<NoPadding>(&mut data).unwrap();
    data
}

/// The plaintext of every page of a database file.
fn decrypt_database(key: &[u8; 32], file: &Path) -> Vec<u8> {
    let bytes = std::fs::read(file).unwrap();
    assert_eq!(bytes.len() % PAGE, 0, "the file is whole pages");
    let mut plain = Vec::with_capacity(bytes.len());
    for (n, page) in bytes.chunks(PAGE).enumerate() {
        plain.extend(decrypt_page(key, n as u32 + 1, page));
    }
    // A decryption with the wrong layout gives noise: page 1 must read as a SQLite header's tail.
    if !bytes.is_empty() {
        assert_eq!(&plain[4..8], &[80, 64, 32, 32], "page 1's reserved bytes and payload fractions (offsets 20–23 of the header)");
    }
    plain
}

/// The plaintext of every frame of a WAL file (32-byte header; each frame a 24-byte header
/// with its page number, then the page).
fn decrypt_wal(key: &[u8; 32], file: &Path) -> Vec<u8> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(_) => return Vec::new(),
    };
    let mut plain = Vec::new();
    let mut at = 32;
    while at + 24 + PAGE <= bytes.len() {
        let number = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        plain.extend(decrypt_page(key, number, &bytes[at + 24..at + 24 + PAGE]));
        at += 24 + PAGE;
    }
    plain
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(files_under(&path)) } else { found.push(path) }
    }
    found
}

const CHILD: &str = "SECRETARIAT_CANARY_BASE";

/// Runs in a child process of its own whose TMPDIR and SQLITE_TMPDIR are a folder this test
/// owns (the environment cannot be changed safely inside a running test process).
#[test]
fn erased_text_is_gone_from_database_wal_shm_and_temp() {
    if let Ok(base) = std::env::var(CHILD) {
        tokio::runtime::Runtime::new().unwrap().block_on(canary(Path::new(&base)));
        return;
    }
    let base = tempfile::tempdir().unwrap();
    std::fs::create_dir(base.path().join("tmp")).unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["erased_text_is_gone_from_database_wal_shm_and_temp", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, base.path())
        .env("TMPDIR", base.path().join("tmp"))
        .env("SQLITE_TMPDIR", base.path().join("tmp"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the canary child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the canary child ran no test:\n{stdout}");
}

async fn canary(base: &Path) {
    let tmp = base.join("tmp");
    assert_eq!(std::env::temp_dir(), tmp, "the child's temporary folder is the test's");
    let data = base.join("data");
    // A string found nowhere else: in the name, the email, the minutes and an action.
    let canary = format!("Canary{}", uuid_like());
    let name = format!("Quillon {canary}");
    let email = format!("{}@example.org", canary.to_lowercase());
    let f = fixture(&data, &name, &email).await;
    let key: [u8; 32] = hex::decode(f.key().to_hex().as_str()).unwrap().try_into().unwrap();
    let db = data.join("secretariat.db");
    let wal = data.join("secretariat.db-wal");
    let shm = data.join("secretariat.db-shm");

    // First prove the method can see it: decrypted, the canary is there before the erasure.
    let before = [decrypt_database(&key, &db), decrypt_wal(&key, &wal)].concat();
    assert!(contains(&before, &canary), "the canary must be visible in the decrypted pages before erasure");
    assert!(contains(&before, &email));
    // …and the raw bytes alone would not have shown it (the files are encrypted).
    for file in [&db, &wal] {
        assert!(!contains(&std::fs::read(file).unwrap_or_default(), &canary), "{} is not encrypted?", file.display());
    }

    f.erase().await; // one transaction, then wal_checkpoint(TRUNCATE)

    let check = |when: &str| {
        let plain_db = decrypt_database(&key, &db);
        assert!(contains(&plain_db, &format!("Erased person {}", f.subject)), "{when}: the decryption must still read the database");
        assert!(!contains(&plain_db, &canary), "{when}: canary in the database's pages");
        assert!(!contains(&plain_db, &canary.to_lowercase()), "{when}: canary (email) in the database's pages");
        let plain_wal = decrypt_wal(&key, &wal);
        assert!(!contains(&plain_wal, &canary) && !contains(&plain_wal, &canary.to_lowercase()), "{when}: canary in the WAL");
        for file in [&db, &wal, &shm] {
            let raw = std::fs::read(file).unwrap_or_default();
            assert!(!contains(&raw, &canary) && !contains(&raw, &canary.to_lowercase()), "{when}: canary in {}", file.display());
        }
        for file in files_under(&tmp) {
            let raw = std::fs::read(&file).unwrap_or_default();
            assert!(!contains(&raw, &canary) && !contains(&raw, &canary.to_lowercase()), "{when}: canary in temporary file {}", file.display());
        }
    };
    check("with the store open");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0, "the checkpoint truncated the WAL");
    f.store.close().await;
    check("after closing");
}

fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{:x}{}", nanos, std::process::id())
}
