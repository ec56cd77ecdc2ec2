//! The membership register and its rules through the `Session`, against a real
//! encrypted database: what the window and the command line do.

use chrono::NaiveDate;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::{ManagerStatus, Obtained, Severity, TechukStatus};
use secretariat_store::{EndReason, OrganisationInput, PersonInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct World {
    session: Session,
    group: i64,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(SessionConfig {
        data_dir: dir.path().to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-11-27")),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    });
    let created =
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap();
    World { group: created.group.id, session, _dir: dir }
}

fn org(name: &str, status: TechukStatus, sme: bool) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        techuk_status: status,
        applied_on: (status == TechukStatus::Applying).then(|| d("2026-10-01")),
        sme,
        sme_confirmed_on: None,
        sector: "Software".into(),
    }
}

impl World {
    async fn add_org(&self, name: &str, status: TechukStatus, sme: bool) -> i64 {
        self.session.save_organisation(SaveOrganisation { group_id: self.group, id: None, input: org(name, status, sme), change: None }).await.unwrap().id
    }

    async fn add_person(&self, name: &str, organisation: i64) -> i64 {
        self.session
            .save_person(SavePerson {
                group_id: self.group,
                id: None,
                input: PersonInput {
                    name: name.into(),
                    email: String::new(),
                    job_title: "Director".into(),
                    manager_status: ManagerStatus::Yes,
                    sort_as: String::new(),
                },
                employer: Some(FirstEmployer { organisation_id: organisation, from: d("2020-01-01") }),
                change: None,
            })
            .await
            .unwrap()
            .id
    }

    async fn supplier_seats(&self) -> Vec<i64> {
        self.session.members(self.group).await.unwrap().seats.iter().filter(|s| s.kind == secretariat_rules::SeatKind::Supplier).map(|s| s.id).collect()
    }

    async fn fill(&self, seat: i64, person: i64, start: &str) -> Result<MembersView, secretariat_api::ApiError> {
        self.session.fill_seat(FillSeat { group_id: self.group, seat_id: seat, person_id: person, start: d(start), obtained: Obtained::Election }).await
    }

    async fn tor(&self, paragraph: u8, on: &str) -> Vec<(Severity, String)> {
        let c = self.session.compliance(self.group, Some(d(on))).await.unwrap();
        c.findings.into_iter().filter(|f| f.tor.0 == paragraph).map(|f| (f.severity, f.message)).collect()
    }
}

#[tokio::test]
async fn s13_breach_appears_and_clears_as_seats_are_filled() {
    let w = world().await;
    let seats = w.supplier_seats().await;
    let big = w.add_org("Brightwater Systems Ltd", TechukStatus::Member, false).await;
    let alice = w.add_person("Alice Big", big).await;
    w.fill(seats[0], alice, "2026-01-01").await.unwrap();
    assert_eq!(w.tor(13, "2026-06-01").await, [(Severity::Breach, "None of the supplier members are from an SME; ToR §13 requires at least 2.".to_string())]);

    for (i, name) in ["Kestrel Data Ltd", "Oakridge Analytics Ltd"].iter().enumerate() {
        let sme = w.add_org(name, TechukStatus::Member, true).await;
        let person = w.add_person(&format!("SME Person {i}"), sme).await;
        w.fill(seats[i + 1], person, "2026-02-01").await.unwrap();
    }
    assert_eq!(w.tor(13, "2026-06-01").await, []);
    // Evaluated on a past date, before the SME members' terms began, the breach is there again.
    assert_eq!(w.tor(13, "2026-01-15").await.len(), 1);
    w.session.close().await;
}

#[tokio::test]
async fn s15_employer_change_is_previewed_then_saved_whole() {
    let w = world().await;
    let seats = w.supplier_seats().await;
    let first = w.add_org("Corvid Integration Ltd", TechukStatus::Member, false).await;
    let outside = w.add_org("Not A Member Ltd", TechukStatus::NotMember, false).await;
    let bob = w.add_person("Bob Mover", first).await;
    w.fill(seats[0], bob, "2026-01-01").await.unwrap();

    let change = EmployerChange { group_id: w.group, person_id: bob, organisation_id: outside, from: d("2026-12-01") };
    let preview = w.session.preview_employer_change(change.clone()).await.unwrap();
    let outcome = preview.outcome.unwrap();
    assert!(outcome.may_remain);
    assert_eq!(outcome.until, Some(d("2027-02-28")));
    assert!(outcome.message.contains("may remain until Sun 28 Feb 2027"), "{}", outcome.message);
    // Nothing was saved by the preview.
    let person = w.session.person(w.group, bob).await.unwrap();
    assert_eq!(person.employments.len(), 1);

    let person = w.session.change_employer(change).await.unwrap();
    assert_eq!(person.employments.len(), 2);
    assert_eq!(person.employments[1].to, Some(d("2026-11-30")), "the old employment closes the day before");
    assert_eq!(w.tor(15, "2027-02-28").await[0].0, Severity::Warning);
    assert_eq!(w.tor(15, "2027-03-01").await[0].0, Severity::Breach);
    w.session.close().await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_at_its_field_and_writes_nothing() {
    let w = world().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;

    let empty = w
        .session
        .save_organisation(SaveOrganisation { group_id: w.group, id: None, input: org("  ", TechukStatus::Member, false), change: None })
        .await
        .unwrap_err();
    assert_eq!((empty.kind, empty.field.as_deref()), (ErrorKind::Invalid, Some("name")));
    assert_eq!(empty.message, "The organisation's name is empty.");

    let duplicate = w
        .session
        .save_organisation(SaveOrganisation { group_id: w.group, id: None, input: org("ACME LTD", TechukStatus::Member, false), change: None })
        .await
        .unwrap_err();
    assert_eq!(duplicate.field.as_deref(), Some("name"));

    let applying = w
        .session
        .save_organisation(SaveOrganisation {
            group_id: w.group,
            id: None,
            input: OrganisationInput { applied_on: None, ..org("Applying Ltd", TechukStatus::Applying, false) },
            change: None,
        })
        .await
        .unwrap_err();
    assert_eq!(applying.field.as_deref(), Some("applied_on"));

    let input = PersonInput {
        name: "Dana Dup".into(),
        email: "dana@acme.example".into(),
        job_title: String::new(),
        manager_status: ManagerStatus::Unknown,
        sort_as: String::new(),
    };
    w.session.save_person(SavePerson { group_id: w.group, id: None, input: input.clone(), employer: None, change: None }).await.unwrap();
    let again = w
        .session
        .save_person(SavePerson { group_id: w.group, id: None, input: PersonInput { name: "Dana D.".into(), ..input }, employer: None, change: None })
        .await
        .unwrap_err();
    assert_eq!(again.field.as_deref(), Some("email"));
    assert!(again.message.contains("already has the email address"), "{}", again.message);

    // A new person whose employment is refused is not saved either: one transaction.
    let people_before = w.session.members(w.group).await.unwrap().people.len();
    let reversed = w
        .session
        .save_person(SavePerson {
            group_id: w.group,
            id: None,
            input: PersonInput {
                name: "Eve Early".into(),
                email: String::new(),
                job_title: String::new(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            },
            employer: Some(FirstEmployer { organisation_id: 999_999, from: d("2026-01-01") }),
            change: None,
        })
        .await
        .unwrap_err();
    assert_eq!(reversed.field.as_deref(), Some("organisation_id"));
    assert_eq!(w.session.members(w.group).await.unwrap().people.len(), people_before);

    let person = w.add_person("Frank Filled", acme).await;
    let seat = w.supplier_seats().await[0];
    w.fill(seat, person, "2026-01-01").await.unwrap();
    let taken = w.fill(seat, w.add_person("Gina Second", acme).await, "2026-06-01").await.unwrap_err();
    assert_eq!(taken.field.as_deref(), Some("seat_id"));
    assert!(taken.message.starts_with("Frank Filled holds this seat"));

    let term = w.session.person(w.group, person).await.unwrap().terms[0].id;
    let too_early = w
        .session
        .end_term(EndTerm { group_id: w.group, term_id: term, on: d("2025-01-01"), reason: EndReason::Resigned, note: String::new() })
        .await
        .unwrap_err();
    assert_eq!(too_early.field.as_deref(), Some("on"));
    w.session.close().await;
}

#[tokio::test]
async fn ending_a_term_early_records_why_and_opens_a_vacancy() {
    let w = world().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let person = w.add_person("Hana Leaver", acme).await;
    let seat = w.supplier_seats().await[0];
    w.fill(seat, person, "2026-01-01").await.unwrap();
    let term = w.session.person(w.group, person).await.unwrap().terms[0].id;
    w.session.end_term(EndTerm { group_id: w.group, term_id: term, on: d("2026-09-01"), reason: EndReason::LeftCompany, note: String::new() }).await.unwrap();
    let detail = w.session.person(w.group, person).await.unwrap();
    assert_eq!(detail.terms[0].ended_on, Some(d("2026-09-01")));
    assert_eq!(detail.terms[0].end_reason.as_deref(), Some("left the company"));
    assert!(
        w.tor(12, "2026-10-01").await.iter().any(|(s, m)| *s == Severity::Warning && m == "Supplier seat 1 has been vacant since Tue 1 Sep 2026 (ToR §12).")
    );
    w.session.close().await;
}

#[tokio::test]
async fn s14_a_vacant_seat_offers_the_day_its_last_term_ran_out_and_not_an_early_end() {
    let w = world().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let seats = w.supplier_seats().await;
    // A two-year term from 1 Nov 2024 ran out on 1 Nov 2026; another ended early.
    w.fill(seats[0], w.add_person("Ivy Served", acme).await, "2024-11-01").await.unwrap();
    let leaver = w.add_person("Jon Left", acme).await;
    w.fill(seats[1], leaver, "2026-01-01").await.unwrap();
    let term = w.session.person(w.group, leaver).await.unwrap().terms[0].id;
    w.session.end_term(EndTerm { group_id: w.group, term_id: term, on: d("2026-09-01"), reason: EndReason::Resigned, note: String::new() }).await.unwrap();
    let view = w.session.members(w.group).await.unwrap();
    let seat = |id: i64| view.seats.iter().find(|s| s.id == id).unwrap();
    assert_eq!(seat(seats[0]).previous_term_end, Some(d("2026-11-01")));
    assert_eq!(seat(seats[1]).previous_term_end, None, "a term ended early is no term to continue from");
    assert_eq!(seat(seats[2]).previous_term_end, None);
    w.session.close().await;
}

#[tokio::test]
async fn home_checking_another_day_gets_that_days_seat_board_and_rules() {
    let w = world().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let seat = w.supplier_seats().await[0];
    w.fill(seat, w.add_person("Kim Past", acme).await, "2024-01-01").await.unwrap();
    // Today the term (to 1 Jan 2026) is over: the board Home has shows the seat vacant.
    assert!(w.session.compliance(w.group, None).await.unwrap().that_day.is_none(), "today's board is the group home's");
    let then = w.session.compliance(w.group, Some(d("2025-06-30"))).await.unwrap().that_day.expect("another day's board");
    let held = then.seats.iter().find(|s| s.id == seat).unwrap();
    assert_eq!(held.holder.as_ref().map(|h| h.name.as_str()), Some("Kim Past"));
    assert_eq!(then.vacant_seats, 11);
    assert!(then.settings.iter().any(|l| l.key == "min_sme_suppliers"));
    w.session.close().await;
}

#[tokio::test]
async fn people_and_organisations_round_trip_through_csv() {
    let w = world().await;
    w.add_org("=HYPERLINK(\"x\") Ltd", TechukStatus::Member, true).await;
    let kestrel = w.add_org("Kestrel Data Ltd", TechukStatus::Applying, false).await;
    w.add_person("Zoë Ó'Brien", kestrel).await;
    let orgs = w.session.export(w.group, RegisterKind::Organisations).await.unwrap();
    let people = w.session.export(w.group, RegisterKind::People).await.unwrap();
    // Excel's "CSV UTF-8": a byte-order mark, and CRLF line ends (issue #17).
    assert!(orgs.starts_with("\u{feff}name,techuk_status,applied_on,sme,sme_confirmed_on,sector\r\n"), "{orgs:?}");
    assert!(orgs.contains("\"'=HYPERLINK(\"\"x\"\") Ltd\""), "formula cell escaped: {orgs}");
    assert!(people.contains("Zoë Ó'Brien,,Director,yes,Kestrel Data Ltd,2020-01-01"), "{people}");

    let other = w
        .session
        .create_group(CreateGroupRequest { name: "Second WG".into(), template: "techuk-interop".into(), ..Default::default() })
        .await
        .unwrap()
        .group
        .id;
    for (kind, text) in [(RegisterKind::Organisations, &orgs), (RegisterKind::People, &people)] {
        let request = ImportRequest { group_id: other, kind, csv: text.clone() };
        let preview = w.session.preview_import(request.clone()).await.unwrap();
        assert!(!preview.saved);
        assert_eq!(preview.valid_rows as usize, preview.rows.len());
        assert!(w.session.import(request).await.unwrap().saved);
    }
    assert_eq!(w.session.export(other, RegisterKind::Organisations).await.unwrap(), orgs);
    assert_eq!(w.session.export(other, RegisterKind::People).await.unwrap(), people);
    w.session.close().await;
}

#[tokio::test]
async fn an_import_with_a_bad_row_shows_each_problem_and_saves_nothing() {
    let w = world().await;
    w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let csv = "name,email,job_title,manager_status,organisation,employed_since\n\
               Good Person,good@acme.example,Director,yes,Acme Ltd,2024-01-01\n\
               Lost Person,,Engineer,maybe,Nowhere Ltd,2024-13-01\n\
               ,,,,,\n\
               ,nameless@acme.example,,no,,\n";
    let request = ImportRequest { group_id: w.group, kind: RegisterKind::People, csv: csv.into() };
    let preview = w.session.preview_import(request.clone()).await.unwrap();
    assert_eq!(preview.rows.len(), 3, "the blank line is skipped");
    assert_eq!(preview.valid_rows, 1);
    assert_eq!(preview.rows[1].line, 3);
    assert_eq!(
        preview.rows[1].errors,
        [
            "manager_status: \u{201c}maybe\u{201d} is not one of yes, no, unknown",
            "employed_since: \u{201c}2024-13-01\u{201d} is not a date (write YYYY-MM-DD)",
            "organisation: \u{201c}Nowhere Ltd\u{201d} is not in the register (add or import it first)",
        ]
    );
    assert_eq!(preview.rows[2].errors, ["name: The person's name is empty."]);
    let error = w.session.import(request).await.unwrap_err();
    assert!(error.message.starts_with("Nothing was imported: 2 of 3 rows have problems"));
    assert_eq!(w.session.members(w.group).await.unwrap().people.len(), 0);

    let bad_header = ImportRequest { group_id: w.group, kind: RegisterKind::People, csv: "name,phone\nA,1\n".into() };
    let preview = w.session.preview_import(bad_header).await.unwrap();
    assert_eq!(preview.file_errors.len(), 2, "{:?}", preview.file_errors);
    w.session.close().await;
}

#[tokio::test]
async fn every_change_lands_in_the_audit_log() {
    let w = world().await;
    let before = audit_len(&w).await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await; // +1
    let person = w.add_person("Ivy Audit", acme).await; // +2: person, employment
    let seat = w.supplier_seats().await[0];
    w.fill(seat, person, "2026-01-01").await.unwrap(); // +1
    w.session
        .appoint(Appoint {
            group_id: w.group,
            role: secretariat_rules::Role::Chair,
            person_id: person,
            from: d("2026-01-01"),
            agreed_by: "Members, 9 Dec".into(),
        })
        .await
        .unwrap(); // +1
    assert_eq!(audit_len(&w).await - before, 5);
    w.session.close().await;
}

async fn audit_len(w: &World) -> u64 {
    // The status report does not expose the audit log; count through a fresh store handle.
    let status = w.session.status().await.unwrap();
    let paths = secretariat_store::DataPaths::new(&status.data_dir);
    let store = secretariat_store::Store::open(&paths, secretariat_store::KeySource::Passphrase(secretariat_api::Passphrase::new("a recovery passphrase")))
        .await
        .unwrap();
    let n = store.audit_len().await.unwrap();
    store.close().await;
    n
}

/// An organisation's record saved with its facts changed from a date, or corrected.
fn save_org(w: &World, id: i64, input: OrganisationInput, change: FactChange) -> SaveOrganisation {
    SaveOrganisation { group_id: w.group, id: Some(id), input, change: Some(change) }
}

fn breaches(findings: &[(Severity, String)]) -> Vec<&String> {
    findings.iter().filter(|(s, _)| *s == Severity::Breach).map(|(_, m)| m).collect()
}

/// Bob holds a supplier seat and moved on 1 Dec 2026 to Newco, whose techUK application is in progress.
async fn moved_to_an_applicant(w: &World) -> (i64, i64) {
    let seats = w.supplier_seats().await;
    let first = w.add_org("Corvid Integration Ltd", TechukStatus::Member, false).await;
    let newco = w.add_org("Newco Ltd", TechukStatus::Applying, false).await;
    let bob = w.add_person("Bob Mover", first).await;
    w.fill(seats[0], bob, "2026-01-01").await.unwrap();
    w.session.change_employer(EmployerChange { group_id: w.group, person_id: bob, organisation_id: newco, from: d("2026-12-01") }).await.unwrap();
    (newco, bob)
}

#[tokio::test]
async fn s15_application_refused_later_does_not_change_the_past() {
    let w = world().await;
    let (newco, _) = moved_to_an_applicant(&w).await;
    // While the application is in progress Bob may remain, past the three months' grace.
    assert_eq!(breaches(&w.tor(15, "2027-03-15").await), Vec::<&String>::new());

    // The application is refused from 1 Apr 2027: the preview names the paragraph and Bob first.
    let refused = save_org(&w, newco, org("Newco Ltd", TechukStatus::NotMember, false), FactChange::From { from: d("2027-04-01") });
    let preview = w.session.preview_save_organisation(refused.clone()).await.unwrap();
    assert_eq!(preview.on, d("2027-04-01"));
    let new: Vec<_> = preview.new.iter().filter(|f| f.tor.0 == 15).collect();
    assert_eq!(new.len(), 1, "{:?}", preview.new);
    assert_eq!(new[0].severity, Severity::Breach);
    assert!(new[0].message.contains("Bob Mover"), "{}", new[0].message);
    assert_eq!(w.session.organisation(w.group, newco).await.unwrap().history.len(), 1, "the preview saves nothing");

    let record = w.session.save_organisation(refused).await.unwrap();
    assert_eq!(record.input.techuk_status, TechukStatus::NotMember);
    assert_eq!(
        record.history.iter().map(|e| (e.from, e.techuk_status)).collect::<Vec<_>>(),
        [(None, TechukStatus::Applying), (Some(d("2027-04-01")), TechukStatus::NotMember)]
    );
    // Before the refusal nothing changed; from it, Bob must leave.
    assert_eq!(breaches(&w.tor(15, "2027-03-15").await), Vec::<&String>::new());
    assert_eq!(breaches(&w.tor(15, "2027-04-01").await).len(), 1);
    w.session.close().await;
}

#[tokio::test]
async fn a_correction_is_audited_and_rewrites_the_past() {
    let w = world().await;
    let (newco, _) = moved_to_an_applicant(&w).await;
    let before = audit_len(&w).await;
    // It never applied: the status was recorded wrongly.
    let corrected = save_org(&w, newco, org("Newco Ltd", TechukStatus::NotMember, false), FactChange::Correction { on: None });
    let preview = w.session.preview_save_organisation(corrected.clone()).await.unwrap();
    assert_eq!(preview.on, d("2026-11-27"));
    let record = w.session.save_organisation(corrected).await.unwrap();
    assert_eq!(record.history.len(), 1);
    assert_eq!(record.history[0].techuk_status, TechukStatus::NotMember);
    assert_eq!(audit_len(&w).await - before, 1);
    // The grace period of a move to a non-member ran out on 28 Feb 2027 (ToR §15).
    assert_eq!(breaches(&w.tor(15, "2027-03-15").await).len(), 1);
    w.session.close().await;
}

/// Two supplier members from SMEs, seated from 1 Jan 2026; the SMEs' ids.
async fn two_sme_members(w: &World) -> Vec<i64> {
    let seats = w.supplier_seats().await;
    let mut smes = Vec::new();
    for (i, name) in ["Kestrel Data Ltd", "Oakridge Analytics Ltd"].iter().enumerate() {
        let sme = w.add_org(name, TechukStatus::Member, true).await;
        let person = w.add_person(&format!("SME Person {i}"), sme).await;
        w.fill(seats[i], person, "2026-01-01").await.unwrap();
        smes.push(sme);
    }
    smes
}

#[tokio::test]
async fn s13_sme_status_lost_counts_from_its_date() {
    let w = world().await;
    let smes = two_sme_members(&w).await;
    let grown = save_org(&w, smes[0], org("Kestrel Data Ltd", TechukStatus::Member, false), FactChange::From { from: d("2027-01-01") });
    let preview = w.session.preview_save_organisation(grown.clone()).await.unwrap();
    assert_eq!(preview.new.iter().map(|f| (f.tor.0, f.severity)).collect::<Vec<_>>(), [(13, Severity::Breach)]);
    w.session.save_organisation(grown).await.unwrap();
    assert_eq!(w.tor(13, "2026-12-31").await, []);
    assert_eq!(breaches(&w.tor(13, "2027-01-01").await).len(), 1);
    // The organisations list reads the day asked about: today it is still an SME.
    let listed = w.session.members(w.group).await.unwrap().organisations;
    assert!(listed.iter().find(|o| o.id == smes[0]).unwrap().sme);
    w.session.close().await;
}

#[tokio::test]
async fn s12_membership_lapsed_from_its_date() {
    let w = world().await;
    let seats = w.supplier_seats().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let ivy = w.add_person("Ivy Lapsed", acme).await;
    w.fill(seats[0], ivy, "2026-01-01").await.unwrap();
    w.session.save_organisation(save_org(&w, acme, org("Acme Ltd", TechukStatus::NotMember, false), FactChange::From { from: d("2026-12-15") })).await.unwrap();
    assert_eq!(breaches(&w.tor(12, "2026-12-14").await), Vec::<&String>::new());
    let lapsed = w.tor(12, "2026-12-15").await;
    assert!(breaches(&lapsed).iter().any(|m| m.contains("Acme Ltd")), "{lapsed:?}");

    // A manager status changes from its date too (ToR §12: ideally manager or above).
    let mut person = w.session.person(w.group, ivy).await.unwrap().input;
    person.manager_status = ManagerStatus::No;
    let change = SavePerson { group_id: w.group, id: Some(ivy), input: person, employer: None, change: Some(FactChange::From { from: d("2027-02-01") }) };
    let preview = w.session.preview_save_person(change.clone()).await.unwrap();
    assert!(preview.new.iter().any(|f| f.tor.0 == 12 && f.message.contains("Ivy Lapsed")), "{:?}", preview.new);
    let detail = w.session.save_person(change).await.unwrap();
    assert_eq!(detail.manager_history.len(), 2);
    let warned = |found: Vec<(Severity, String)>| found.iter().any(|(s, m)| *s == Severity::Warning && m.contains("Ivy Lapsed"));
    assert!(!warned(w.tor(12, "2027-01-31").await));
    assert!(warned(w.tor(12, "2027-02-01").await));
    w.session.close().await;
}

#[tokio::test]
async fn s7_the_membership_report_on_a_past_date_shows_that_dates_statuses() {
    let w = world().await;
    let smes = two_sme_members(&w).await;
    // It stopped being an SME on 1 Sep 2026, recorded today (27 Nov 2026).
    w.session
        .save_organisation(save_org(&w, smes[1], org("Oakridge Analytics Ltd", TechukStatus::Member, false), FactChange::From { from: d("2026-09-01") }))
        .await
        .unwrap();
    let store = fresh_store(&w).await;
    let sme_line =
        |report: &secretariat_documents::MembershipReport| report.composition.iter().find(|l| l.label == "Supplier members from an SME").unwrap().value.clone();
    let august = secretariat_api::reports::membership(&store, w.group, d("2026-08-01"), d("2026-11-27")).await.unwrap();
    assert!(sme_line(&august).starts_with("2 "), "{}", sme_line(&august));
    assert!(august.seats.iter().any(|s| s.holder.as_deref() == Some("SME Person 1") && s.sme));
    let today = secretariat_api::reports::membership(&store, w.group, d("2026-11-27"), d("2026-11-27")).await.unwrap();
    assert!(sme_line(&today).starts_with("1 "), "{}", sme_line(&today));
    assert!(today.seats.iter().any(|s| s.holder.as_deref() == Some("SME Person 1") && !s.sme));
    store.close().await;
    w.session.close().await;
}

#[tokio::test]
async fn filling_a_seat_and_appointing_are_previewed_naming_the_people() {
    let w = world().await;
    let seats = w.supplier_seats().await;
    let acme = w.add_org("Acme Ltd", TechukStatus::Member, false).await;
    let alice = w.add_person("Alice Acme", acme).await;
    let carol = w.add_person("Carol Acme", acme).await;
    w.fill(seats[0], alice, "2026-01-01").await.unwrap();

    let fill = FillSeat { group_id: w.group, seat_id: seats[1], person_id: carol, start: d("2026-12-01"), obtained: Obtained::Election };
    let preview = w.session.preview_fill_seat(fill.clone()).await.unwrap();
    let s14: Vec<_> = preview.new.iter().filter(|f| f.tor.0 == 14).collect();
    assert_eq!(s14.len(), 1, "{:?}", preview.new);
    assert!(s14[0].message.contains("Alice Acme") && s14[0].message.contains("Carol Acme"), "{}", s14[0].message);
    assert!(preview.cleared.iter().any(|f| f.message.starts_with("Supplier seat 2")), "the vacancy clears: {:?}", preview.cleared);
    assert!(w.session.person(w.group, carol).await.unwrap().terms.is_empty(), "the preview saves nothing");
    let unknown = w.session.preview_fill_seat(FillSeat { person_id: 999_999, ..fill.clone() }).await.unwrap_err();
    assert_eq!(unknown.field.as_deref(), Some("person_id"));
    // The group decides: it can still be saved.
    w.session.fill_seat(fill).await.unwrap();

    let outsider = w.add_person("Olu Outside", acme).await;
    let appoint = Appoint { group_id: w.group, role: secretariat_rules::Role::Chair, person_id: outsider, from: d("2026-12-01"), agreed_by: "Members".into() };
    let preview = w.session.preview_appoint(appoint).await.unwrap();
    assert!(preview.new.iter().any(|f| f.tor.0 == 9 && f.message.starts_with("The Chair, Olu Outside, does not hold a seat")), "{:?}", preview.new);
    assert!(preview.cleared.iter().any(|f| f.message.starts_with("No Chair is appointed")), "{:?}", preview.cleared);
    w.session.close().await;
}

async fn fresh_store(w: &World) -> secretariat_store::Store {
    let status = w.session.status().await.unwrap();
    secretariat_store::Store::open(
        &secretariat_store::DataPaths::new(&status.data_dir),
        secretariat_store::KeySource::Passphrase(secretariat_api::Passphrase::new("a recovery passphrase")),
    )
    .await
    .unwrap()
}
