//! The dated register (issue #14) against a real SQLCipher file: a change from a date keeps
//! the past, a correction rewrites it, both are audited apart, and the lists read the day asked.

use chrono::NaiveDate;
use secretariat_rules::{ManagerStatus, TechukStatus, Template};
use secretariat_store::{DataPaths, GroupId, KdfParams, MemoryKeychain, OrganisationInput, Passphrase, PersonInput, Store, StoreError};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn org(status: TechukStatus, sme: bool) -> OrganisationInput {
    OrganisationInput { name: "Kestrel Data Ltd".into(), techuk_status: status, applied_on: None, sme, sme_confirmed_on: None, sector: "Software".into() }
}

struct World {
    store: Store,
    group: GroupId,
    org: i64,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::create(
        &DataPaths::new(dir.path()),
        &Passphrase::new("correct horse battery staple"),
        Arc::new(MemoryKeychain::default()),
        KdfParams::fast_for_tests(),
    )
    .await
    .unwrap();
    let (group, org) = store
        .write(async |w| {
            let group = w.create_group("Interop WG", Template::TechukInterop).await?;
            let org = w.add_organisation(group, &org(TechukStatus::Member, true)).await?;
            Ok::<_, StoreError>((group, org))
        })
        .await
        .unwrap();
    World { store, group, org, _dir: dir }
}

impl World {
    async fn last_audit(&self) -> (String, serde_json::Value) {
        let last = self.store.audit_entries(self.group).await.unwrap().pop().unwrap();
        (last.action, serde_json::from_str(&last.change).unwrap())
    }

    async fn status_on(&self, on: &str) -> (TechukStatus, bool) {
        let register = self.store.register(self.group).await.unwrap();
        let o = &register.organisations[0];
        (o.techuk_on(d(on)), o.sme_on(d(on)))
    }
}

#[tokio::test]
async fn a_change_from_a_date_keeps_the_earlier_value_before_it() {
    let w = world().await;
    w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::NotMember, true), d("2027-01-01")).await).await.unwrap();

    assert_eq!(w.status_on("2026-12-31").await, (TechukStatus::Member, true));
    assert_eq!(w.status_on("2027-01-01").await, (TechukStatus::NotMember, true));
    // The lists show the day asked about; the record shows the latest entry and its history.
    assert_eq!(w.store.organisations(w.group, d("2026-12-31")).await.unwrap()[0].techuk_status, TechukStatus::Member);
    assert_eq!(w.store.organisations(w.group, d("2027-02-01")).await.unwrap()[0].techuk_status, TechukStatus::NotMember);
    let record = w.store.organisation_record(w.group, w.org).await.unwrap();
    assert_eq!(record.input.techuk_status, TechukStatus::NotMember);
    assert_eq!(
        record.history.iter().map(|e| (e.from, e.techuk_status)).collect::<Vec<_>>(),
        [(None, TechukStatus::Member), (Some(d("2027-01-01")), TechukStatus::NotMember)]
    );
    let (action, change) = w.last_audit().await;
    assert_eq!(action, "change");
    assert_eq!(change["from"], "2027-01-01");
    assert_eq!(change["techuk_status"], "not_member");

    // A later change of SME status from an earlier date keeps the status change that follows it.
    w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::NotMember, false), d("2026-06-01")).await).await.unwrap();
    assert_eq!(w.status_on("2026-05-31").await, (TechukStatus::Member, true));
    assert_eq!(w.status_on("2026-06-01").await, (TechukStatus::Member, false));
    assert_eq!(w.status_on("2027-01-01").await, (TechukStatus::NotMember, false));
    w.store.close().await;
}

#[tokio::test]
async fn a_correction_rewrites_the_past_and_is_audited_as_one() {
    let w = world().await;
    w.store.write(async |wr| wr.update_organisation(w.group, w.org, &org(TechukStatus::Member, false)).await).await.unwrap();
    assert_eq!(w.status_on("2020-01-01").await, (TechukStatus::Member, false), "it was never an SME");
    assert_eq!(w.store.organisation_record(w.group, w.org).await.unwrap().history.len(), 1);
    let (action, change) = w.last_audit().await;
    assert_eq!(action, "correct");
    assert_eq!(change["corrected"], "latest");
    assert_eq!(change["sme"], false);

    // Editing the name alone moves no dated fact: an ordinary update.
    w.store
        .write(async |wr| {
            wr.update_organisation(w.group, w.org, &OrganisationInput { name: "Kestrel Data plc".into(), ..org(TechukStatus::Member, false) }).await
        })
        .await
        .unwrap();
    assert_eq!(w.last_audit().await.0, "update");
    w.store.close().await;
}

#[tokio::test]
async fn a_change_that_changes_nothing_or_a_bad_date_is_refused_at_its_field_and_saves_nothing() {
    let w = world().await;
    w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::NotMember, true), d("2027-01-01")).await).await.unwrap();
    let before = w.store.audit_len().await.unwrap();

    // Back to "member" from a day on which it was still a member: nothing would change.
    let same = w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::Member, true), d("2026-06-01")).await).await.unwrap_err();
    assert!(matches!(&same, StoreError::Invalid { field: "from", message } if message.contains("were already these")), "{same:?}");
    let unchanged =
        w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::NotMember, true), d("2027-03-01")).await).await.unwrap_err();
    assert!(matches!(unchanged, StoreError::Invalid { .. }), "{unchanged:?}");
    let ancient =
        w.store.write(async |wr| wr.change_organisation(w.group, w.org, &org(TechukStatus::NotMember, false), d("1066-10-14")).await).await.unwrap_err();
    assert!(matches!(ancient, StoreError::Invalid { field: "from", .. }), "{ancient:?}");
    let status = w.store.write(async |wr| wr.change_organisation_status(w.group, w.org, TechukStatus::Member, None, d("2026-01-01")).await).await.unwrap_err();
    assert!(matches!(&status, StoreError::Invalid { field: "from", message } if message.contains("already techUK member")), "{status:?}");

    assert_eq!(w.store.audit_len().await.unwrap(), before);
    assert_eq!(w.store.organisation_record(w.group, w.org).await.unwrap().history.len(), 2);
    w.store.close().await;
}

#[tokio::test]
async fn a_status_change_from_a_date_records_an_application_and_the_seat_board_reads_the_day() {
    let w = world().await;
    w.store.write(async |wr| wr.change_organisation_status(w.group, w.org, TechukStatus::Applying, Some(false), d("2026-09-01")).await).await.unwrap();
    let record = w.store.organisation_record(w.group, w.org).await.unwrap();
    assert_eq!((record.input.techuk_status, record.input.applied_on, record.input.sme), (TechukStatus::Applying, Some(d("2026-09-01")), false));
    assert_eq!(w.status_on("2026-08-31").await, (TechukStatus::Member, true));

    let seat = w.store.seats(w.group, d("2026-01-01")).await.unwrap().into_iter().find(|s| s.kind == secretariat_rules::SeatKind::Supplier).unwrap().id;
    let person = w
        .store
        .write(async |wr| {
            let input = PersonInput {
                name: "Sam Seat".into(),
                email: String::new(),
                job_title: String::new(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            };
            let person = wr.add_person(w.group, &input).await?;
            wr.add_employment(w.group, person, w.org, d("2020-01-01"), None).await?;
            wr.start_term(w.group, seat, person, d("2026-01-01"), secretariat_rules::Obtained::Election).await?;
            Ok::<_, StoreError>(person)
        })
        .await
        .unwrap();
    let holder_sme = |seats: Vec<secretariat_store::SeatView>| seats.into_iter().find_map(|s| s.holder.filter(|h| h.person_id == person)).unwrap().sme;
    assert!(holder_sme(w.store.seats(w.group, d("2026-08-31")).await.unwrap()));
    assert!(!holder_sme(w.store.seats(w.group, d("2026-09-01")).await.unwrap()));
    w.store.close().await;
}

#[tokio::test]
async fn a_manager_status_changes_from_a_date_or_is_corrected() {
    let w = world().await;
    let input =
        PersonInput { name: "Mo Manager".into(), email: String::new(), job_title: String::new(), manager_status: ManagerStatus::No, sort_as: String::new() };
    let person = w.store.write(async |wr| wr.add_person(w.group, &input).await).await.unwrap();
    w.store.write(async |wr| wr.change_manager_status(w.group, person, ManagerStatus::Yes, d("2027-01-01")).await).await.unwrap();
    let register = w.store.register(w.group).await.unwrap();
    assert_eq!(register.people[0].manager_on(d("2026-12-31")), ManagerStatus::No);
    assert_eq!(register.people[0].manager_on(d("2027-01-01")), ManagerStatus::Yes);
    assert_eq!(w.last_audit().await.0, "change");

    let again = w.store.write(async |wr| wr.change_manager_status(w.group, person, ManagerStatus::Yes, d("2027-02-01")).await).await.unwrap_err();
    assert!(matches!(again, StoreError::Invalid { field: "from", .. }), "{again:?}");

    // Through the person form: a correction of the latest entry.
    let corrected = PersonInput { manager_status: ManagerStatus::Unknown, ..input };
    w.store.write(async |wr| wr.update_person(w.group, person, &corrected).await).await.unwrap();
    let detail = w.store.person_detail(w.group, person).await.unwrap();
    assert_eq!(detail.input.manager_status, ManagerStatus::Unknown);
    assert_eq!(detail.manager_history.iter().map(|e| e.manager_status).collect::<Vec<_>>(), [ManagerStatus::No, ManagerStatus::Unknown]);
    assert_eq!(w.last_audit().await.0, "correct");
    w.store.close().await;
}
