//! Elections through the `Session` (ToR §12–§16), against a real encrypted
//! database: vacancies, nominations checked at entry, unopposed returns, a
//! contested vote with numbered papers, reconciliation, the count with the ToR's
//! constraints, the declaration opening terms, and the documents (text extracted).

mod common;

use chrono::NaiveDate;
use common::pdftotext;
use secretariat_api::documents::Document;
use secretariat_api::elections::*;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::elections::{Method, Rejection};
use secretariat_rules::{ManagerStatus, Obtained, SeatKind, TechukStatus};
use secretariat_store::{ElectionFor, ElectionInput, ElectionState, OrganisationInput, PersonInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct World {
    session: Session,
    group: i64,
    dir: tempfile::TempDir,
}

async fn session_on(dir: &std::path::Path, today: &str) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d(today)),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

/// A group with six of its eight supplier seats filled from 2025-01-01 (one SME among them),
/// and the two last supplier seats vacant.
async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let session = session_on(dir.path(), "2026-11-27").await;
    let group =
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let w = World { session, group, dir };
    let seats = w.supplier_seats().await;
    for (i, &seat) in seats.iter().take(6).enumerate() {
        let org = w.org(&format!("Member Co {i}"), TechukStatus::Member, i == 0).await;
        let person = w.person(&format!("Member {i}"), Some(org)).await;
        w.session
            .fill_seat(FillSeat { group_id: group, seat_id: seat, person_id: person, start: d("2026-01-01"), obtained: Obtained::Election })
            .await
            .unwrap();
    }
    w
}

impl World {
    async fn supplier_seats(&self) -> Vec<i64> {
        self.session.members(self.group).await.unwrap().seats.iter().filter(|s| s.kind == SeatKind::Supplier).map(|s| s.id).collect()
    }

    async fn org(&self, name: &str, status: TechukStatus, sme: bool) -> i64 {
        let input = OrganisationInput {
            name: name.into(),
            techuk_status: status,
            applied_on: (status == TechukStatus::Applying).then(|| d("2026-10-01")),
            sme,
            sme_confirmed_on: None,
            sector: String::new(),
        };
        self.session.save_organisation(SaveOrganisation { group_id: self.group, id: None, input, change: None }).await.unwrap().id
    }

    async fn person(&self, name: &str, org: Option<i64>) -> i64 {
        self.session
            .save_person(SavePerson {
                group_id: self.group,
                id: None,
                input: PersonInput {
                    name: name.into(),
                    email: String::new(),
                    job_title: String::new(),
                    manager_status: ManagerStatus::Yes,
                    sort_as: String::new(),
                },
                employer: org.map(|organisation_id| FirstEmployer { organisation_id, from: d("2020-01-01") }),
                change: None,
            })
            .await
            .unwrap()
            .id
    }

    /// Opens an election for the two vacant supplier seats, nominations closing 2026-12-10.
    async fn election(&self) -> ElectionPage {
        let view = self.session.elections_view(self.group).await.unwrap();
        let proposal = view.proposals.iter().find(|p| matches!(p.fills, ElectionFor::Seats { seat_kind: SeatKind::Supplier, .. })).unwrap().clone();
        let ElectionFor::Seats { seat_ids, .. } = &proposal.fills else { unreachable!() };
        assert_eq!(seat_ids.len(), 2, "the two vacant supplier seats are proposed");
        let input = ElectionInput { nominations_close: d("2026-12-10"), returning_officer: "Pat Programme".into(), ..proposal };
        self.session.create_election(CreateElection { group_id: self.group, input }).await.unwrap()
    }

    async fn nominate(&self, election: i64, person: i64, org: Option<i64>) -> Result<ElectionPage, secretariat_api::ApiError> {
        self.session
            .add_nomination(AddNomination {
                group_id: self.group,
                election_id: election,
                person_id: Some(person),
                new_name: String::new(),
                new_email: String::new(),
                organisation_id: org,
                proposer: "Member 1".into(),
                statement: "I would bring ten years of API work.".into(),
                received_on: d("2026-11-30"),
                manager_status: None,
            })
            .await
    }

    /// The same data folder, on a later day.
    async fn later(&self, today: &str) -> Session {
        session_on(self.dir.path(), today).await
    }
}

#[tokio::test]
async fn s14_vacancies_are_proposed_and_an_ineligible_nomination_is_refused_at_its_field() {
    let w = world().await;
    let page = w.election().await;
    let id = page.record.summary.id;
    assert!(page.constraints.iter().any(|c| c.contains("ToR §13")), "one SME continues, two are needed: {:?}", page.constraints);
    // A colleague of a continuing member: refused under §14, at the organisation field.
    let member_co = w.session.members(w.group).await.unwrap();
    let co1 = member_co.organisations.iter().find(|o| o.name == "Member Co 1").unwrap().id;
    let colleague = w.person("Colleague", Some(co1)).await;
    let refused = w.nominate(id, colleague, Some(co1)).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("organisation_id"));
    assert!(refused.message.contains("ToR §14"), "{}", refused.message);
    // A non-member company: refused under §12.
    let outside = w.org("Outside Ltd", TechukStatus::NotMember, false).await;
    let outsider = w.person("Outsider", Some(outside)).await;
    let refused = w.nominate(id, outsider, Some(outside)).await.unwrap_err();
    assert!(refused.message.contains("ToR §12"), "{}", refused.message);
    // Nothing was recorded.
    assert!(w.session.election_page(w.group, id).await.unwrap().record.nominations.is_empty());
    // The seats being filled are no longer offered as vacancies.
    assert!(w.session.elections_view(w.group).await.unwrap().vacancies.iter().all(|v| v.kind != SeatKind::Supplier));
    w.session.close().await;
}

#[tokio::test]
async fn s14_no_more_valid_nominations_than_seats_is_declared_unopposed_and_opens_terms() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    let sme = w.org("Small Co", TechukStatus::Member, true).await;
    let a = w.person("Ada Small", Some(sme)).await;
    let page = w.nominate(id, a, Some(sme)).await.unwrap();
    assert!(page.unopposed, "{}", page.unopposed_reason);
    // Declaring before nominations close is refused.
    let early = w
        .session
        .declare_result(Declare { group_id: w.group, election_id: id, on: d("2026-12-01"), returning_officer: "Pat Programme".into() })
        .await
        .unwrap_err();
    assert_eq!(early.field.as_deref(), Some("on"));
    let later = w.later("2026-12-11").await;
    let page =
        later.declare_result(Declare { group_id: w.group, election_id: id, on: d("2026-12-11"), returning_officer: "Pat Programme".into() }).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Declared);
    assert_eq!(page.winners, vec!["Ada Small".to_owned()]);
    let person = later.person(w.group, a).await.unwrap();
    let term = person.terms.last().expect("a term was opened");
    assert_eq!(term.start, d("2026-12-11"));
    assert_eq!(term.obtained, Obtained::Unopposed);
    let result = later.make_document(w.group, Document::of(DocumentKind::ElectionResult, Some(id)).unwrap()).await.unwrap();
    let text = pdftotext(&result.bytes);
    assert!(text.contains("Ada Small") && text.contains("unopposed"), "{text}");
    later.close().await;
    w.session.close().await;
}

/// Four nominees for two seats, one SME short: the SME must win a seat (ToR §13).
async fn contested(w: &World) -> (i64, Session, Vec<(String, i64)>) {
    let id = w.election().await.record.summary.id;
    let mut nominations = Vec::new();
    for (name, sme) in [("Bea Big", false), ("Cal Big", false), ("Dee Small", true), ("Eve Big", false)] {
        let org = w.org(&format!("{name} Ltd"), TechukStatus::Member, sme).await;
        let person = w.person(name, Some(org)).await;
        let page = w.nominate(id, person, Some(org)).await.unwrap();
        nominations.push((name.to_owned(), page.record.nominations.iter().find(|n| n.person_id == person).unwrap().id));
    }
    let s = w.later("2026-12-11").await;
    let page = s.election_page(w.group, id).await.unwrap();
    assert!(!page.unopposed);
    s.set_election_method(w.group, id, Method::Block).await.unwrap();
    let page = s.open_voting(w.group, id, None, None).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Voting);
    assert_eq!(page.record.electors.len(), 6, "every member may vote");
    (id, s, nominations)
}

#[tokio::test]
async fn a_contested_block_vote_reconciles_counts_with_the_sme_constraint_and_declares() {
    let w = world().await;
    let (id, s, noms) = contested(&w).await;
    let nom = |name: &str| noms.iter().find(|(n, _)| n == name).unwrap().1;
    let page = s.print_ballots(w.group, id, 8).await.unwrap();
    assert_eq!(page.record.serials.iter().map(|x| x.serial).collect::<Vec<_>>(), (1..=8).collect::<Vec<_>>());
    // Paper 8 is misprinted: void and reprint, which numbers a run of five, 9–13 (a single
    // replacement would tag whoever receives it).
    let page = s.reprint_ballots(w.group, id, vec![8]).await.unwrap();
    assert_eq!(page.record.serials.len(), 13);
    let ballots = s.make_document(w.group, Document::of(DocumentKind::BallotPapers, Some(id)).unwrap()).await.unwrap();
    let text = pdftotext(&ballots.bytes);
    assert!(text.contains("000009") && !text.contains("000001"), "the latest print run only: {text}");
    // Six electors issued papers; papers 1–5 come back, 6 is unused; 7 and 9–13 go unissued too.
    let electors: Vec<i64> = page.record.electors.iter().map(|e| e.person_id).collect();
    for e in &electors {
        s.issue_paper(w.group, id, *e).await.unwrap();
    }
    let again = s.issue_paper(w.group, id, electors[0]).await.unwrap_err();
    assert!(again.message.contains("already"), "{}", again.message);
    let enter = |serial: Option<u32>, names: &[&str], rejection: Option<Rejection>| {
        let choices = names.iter().map(|n| (nom(n), 1)).collect();
        EnterPaper { group_id: w.group, election_id: id, serial, choices, rejection, entered_by: "Pat Programme".into() }
    };
    // Big names top the poll, but Dee Small (the only SME) must take one seat.
    for names in [["Bea Big", "Cal Big"], ["Bea Big", "Cal Big"], ["Bea Big", "Eve Big"], ["Bea Big", "Dee Small"]].iter().enumerate() {
        s.enter_paper(enter(Some(names.0 as u32 + 1), names.1, None)).await.unwrap();
    }
    // Paper 5 has three marks: rejected as too many.
    let page = s.enter_paper(enter(Some(5), &["Bea Big", "Cal Big", "Eve Big"], None)).await.unwrap();
    assert_eq!(page.record.returned.last().unwrap().rejection, Some(Rejection::TooManyMarks));
    // A spoilt paper cannot be counted; a paper cannot be entered twice.
    assert_eq!(s.enter_paper(enter(Some(8), &["Bea Big"], None)).await.unwrap_err().field.as_deref(), Some("serial"));
    assert_eq!(s.enter_paper(enter(Some(1), &["Bea Big"], None)).await.unwrap_err().field.as_deref(), Some("serial"));
    // Not yet reconciled: 13 printed, 6 issued, 1 spoilt, 0 unused.
    let refused = s.count_election(w.group, id).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    assert!(refused.message.contains("reconcile"), "{}", refused.message);
    s.mark_unused(w.group, id, vec![7, 9, 10, 11, 12, 13]).await.unwrap();
    // Paper 6 was issued but not returned: reconciliation holds on the printed side.
    let page = s.election_page(w.group, id).await.unwrap();
    assert!(page.reconciliation.problems.is_empty(), "{:?}", page.reconciliation.problems);
    // Verification needs a second person.
    let first = page.record.returned[0].id;
    assert_eq!(s.verify_paper(w.group, id, first, "Pat Programme".into()).await.unwrap_err().field.as_deref(), Some("verified_by"));
    s.verify_paper(w.group, id, first, "Sam Second".into()).await.unwrap();
    let page = s.count_election(w.group, id).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Counted);
    assert_eq!(page.winners.len(), 2);
    assert!(page.winners.contains(&"Bea Big".to_owned()));
    assert!(page.winners.contains(&"Dee Small".to_owned()), "the SME shortfall reserves a seat (ToR §13): {:?}", page.winners);
    let draft = pdftotext(&s.make_document(w.group, Document::of(DocumentKind::ElectionResult, Some(id)).unwrap()).await.unwrap().bytes);
    assert!(draft.contains("DRAFT"), "{draft}");
    let page = s.declare_result(Declare { group_id: w.group, election_id: id, on: d("2026-12-11"), returning_officer: "Pat Programme".into() }).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Declared);
    // Read later, the election keeps the constraints its count applied, and checks no more nominations.
    assert!(page.checks.is_empty());
    assert!(page.constraints.iter().any(|c| c.contains("ToR §13")), "{:?}", page.constraints);
    let members = s.members(w.group).await.unwrap();
    let holders: Vec<String> = members.seats.iter().filter_map(|seat| seat.holder.as_ref().map(|h| h.name.clone())).collect();
    assert!(holders.contains(&"Dee Small".to_owned()) && holders.contains(&"Bea Big".to_owned()), "{holders:?}");
    let result = pdftotext(&s.make_document(w.group, Document::of(DocumentKind::ElectionResult, Some(id)).unwrap()).await.unwrap().bytes);
    assert!(result.contains("Pat Programme") && !result.contains("DRAFT"), "{result}");
    assert!(result.contains("More candidates are marked"), "rejected papers by reason: {result}");
    let issue = pdftotext(&s.make_document(w.group, Document::of(DocumentKind::IssueList, Some(id)).unwrap()).await.unwrap().bytes);
    assert!(issue.contains("Member 0") && issue.contains("never which"), "{issue}");
    let blt = String::from_utf8(s.make_document(w.group, Document::of(DocumentKind::ElectionBlt, Some(id)).unwrap()).await.unwrap().bytes).unwrap();
    assert!(blt.starts_with("4 2"), "{blt}");
    assert!(blt.contains("\"Dee Small\""), "{blt}");
    s.close().await;
    w.session.close().await;
}

#[tokio::test]
async fn call_for_nominations_is_a_pdf_and_an_email_draft_citing_the_tor() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    let pdf = w.session.make_document(w.group, Document::of(DocumentKind::CallForNominations, Some(id)).unwrap()).await.unwrap();
    let text = pdftotext(&pdf.bytes);
    for needle in ["ToR §12", "ToR §13", "ToR §14", "Pat Programme", "2 supplier seats"] {
        assert!(text.contains(needle), "{needle} missing from: {text}");
    }
    let eml = w.session.make_document(w.group, Document::of(DocumentKind::CallForNominationsEmail, Some(id)).unwrap()).await.unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml.bytes).unwrap();
    assert_eq!(message.subject(), Some("Call for nominations: Election to 2 supplier seats — November 2026"));
    assert!(message.header_raw("X-Unsent").is_some());
    let body = message.body_text(0).unwrap();
    assert!(body.contains("ToR §13") && body.contains("Nominations close on"), "{body}");
    assert_eq!(message.attachments().count(), 1);
    w.session.close().await;
}

#[tokio::test]
async fn a_withdrawal_can_leave_an_election_unopposed_and_a_cancelled_election_frees_its_seats() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    let mut last = None;
    for name in ["Fay One", "Gus Two", "Hal Three"] {
        let org = w.org(&format!("{name} Ltd"), TechukStatus::Member, name == "Fay One").await;
        let person = w.person(name, Some(org)).await;
        last = Some(w.nominate(id, person, Some(org)).await.unwrap());
    }
    let page = last.unwrap();
    assert!(!page.unopposed, "three nominations for two seats: {}", page.unopposed_reason);
    let hal = page.record.nominations.iter().find(|n| n.name == "Hal Three").unwrap().id;
    let page = w.session.withdraw_nomination(w.group, id, hal).await.unwrap();
    assert_eq!(page.record.summary.standing, 2);
    assert!(page.unopposed, "{}", page.unopposed_reason);
    assert!(page.record.nominations.iter().any(|n| n.id == hal && n.withdrawn_on.is_some()), "the withdrawn nomination is kept");
    let page = w.session.cancel_election(w.group, id).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Cancelled);
    let view = w.session.elections_view(w.group).await.unwrap();
    assert_eq!(view.vacancies.iter().filter(|v| v.kind == SeatKind::Supplier).count(), 2, "its seats are vacancies again");
    w.session.close().await;
}

/// Issues papers to five electors, one at a time, in the order given (indexes into the
/// electorate), and returns every row of every table afterwards.
async fn issue_one_at_a_time(order: [usize; 5]) -> Vec<String> {
    let w = world().await;
    let (id, s, _) = contested(&w).await;
    let page = s.print_ballots(w.group, id, 6).await.unwrap();
    let electors: Vec<i64> = page.record.electors.iter().map(|e| e.person_id).collect();
    let wal = w.dir.path().join("secretariat.db-wal");
    for i in order {
        s.issue_paper(w.group, id, electors[i]).await.unwrap();
        // Nor does the write-ahead log keep the electorate as it stood after each paper.
        assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0, "the log was emptied after issuing");
    }
    let rows = common::every_row(w.dir.path(), "a recovery passphrase").await;
    s.close().await;
    w.session.close().await;
    rows
}

/// ToR §12's elections are by secret ballot: no record — any table, the audit log — may let
/// anyone line up who was issued a paper, in which order, against the numbered papers.
/// The same five electors issued papers in two different orders leave the same records.
#[tokio::test]
async fn s12_issuing_order_cannot_be_recovered_from_any_record() {
    let forward = issue_one_at_a_time([0, 1, 2, 3, 4]).await;
    let backward = issue_one_at_a_time([4, 2, 0, 3, 1]).await;
    let differ: Vec<_> = forward.iter().zip(&backward).filter(|(a, b)| a != b).collect();
    assert!(differ.is_empty(), "the order papers were issued in shows in: {differ:#?}");
    assert_eq!(forward.len(), backward.len());
    let issued: Vec<_> = forward.iter().filter(|r| r.contains("'issue_paper'")).collect();
    assert_eq!(issued.len(), 5, "each paper issued is audited, naming no one: {issued:#?}");
}

/// While the vote is open no print run can tag one elector: runs number at least five papers
/// (`secrecy::MIN_PRINT_RUN`), and a spoilt paper is replaced by a whole run.
#[tokio::test]
async fn s12_a_single_paper_cannot_be_numbered_while_the_vote_is_open() {
    let w = world().await;
    let (id, s, _) = contested(&w).await;
    let refused = s.print_ballots(w.group, id, 1).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("copies"));
    assert!(refused.message.contains("at least 5 papers"), "{}", refused.message);
    s.print_ballots(w.group, id, 6).await.unwrap();
    assert!(s.print_ballots(w.group, id, 2).await.is_err(), "nor a small run later");
    let page = s.reprint_ballots(w.group, id, vec![3]).await.unwrap();
    assert_eq!(page.record.serials.len(), 11, "paper 3 spoilt and five replacements numbered: 7–11");
    s.close().await;
    // Every session closed before the test ends: SQLCipher's exit handlers must not meet a
    // connection thread still closing (a crash at exit, one run in ten, before this line).
    w.session.close().await;
}

/// Issue #18: candidates are listed by surname ("sort as") — titles, particles, hyphens,
/// diacritics and a family name written first — in the nominations, on the ballot paper and
/// in the result; a correction on the person wins; the paper's instructions say what a
/// returning officer's do, and the ToR §13–§14 constraints in one plain line.
#[tokio::test]
async fn s13_s14_ballot_order_follows_sort_as_and_the_paper_gives_its_instructions_and_constraints() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    let names = ["Dr Alexandra Whitfield", "Ines de Souza", "Zoë Ó'Brien", "ZHANG Wei", "Anna Smith-Jones", "Kim Dawson"];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let org = w.org(&format!("Nominee Co {i}"), TechukStatus::Member, i == 1).await;
        let person = w.person(name, Some(org)).await;
        w.nominate(id, person, Some(org)).await.unwrap();
        ids.push(person);
    }
    let page = w.session.election_page(w.group, id).await.unwrap();
    let order: Vec<&str> = page.record.nominations.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(order, ["Kim Dawson", "Ines de Souza", "Zoë Ó'Brien", "Anna Smith-Jones", "Dr Alexandra Whitfield", "ZHANG Wei"]);
    assert_eq!(page.record.nominations[2].sort_as, "Ó'Brien, Zoë");

    // A correction on the person's record: "Whitfield" filed as "Alexandra" (say, a mononym).
    let whitfield = w.session.person(w.group, ids[0]).await.unwrap();
    assert_eq!(whitfield.default_sort_as, "Whitfield, Alexandra");
    let mut input = whitfield.input.clone();
    input.sort_as = "Alexandra".into();
    w.session.save_person(SavePerson { group_id: w.group, id: Some(ids[0]), input, employer: None, change: None }).await.unwrap();
    let page = w.session.election_page(w.group, id).await.unwrap();
    assert_eq!(page.record.nominations[0].name, "Dr Alexandra Whitfield", "now first, under A");

    let s = w.later("2026-12-11").await;
    s.set_election_method(w.group, id, Method::ScottishStv).await.unwrap();
    s.open_voting(w.group, id, None, None).await.unwrap();
    s.print_ballots(w.group, id, 6).await.unwrap();
    let ballots = s.make_document(w.group, Document::of(DocumentKind::BallotPapers, Some(id)).unwrap()).await.unwrap();
    let text = pdftotext(&ballots.bytes);
    let first_paper = text.split('\u{c}').next().unwrap();
    let at = |name: &str| first_paper.find(name).unwrap_or_else(|| panic!("{name} is not on the paper:\n{first_paper}"));
    let printed = ["Dr Alexandra Whitfield", "Kim Dawson", "Ines de Souza", "Zoë Ó'Brien", "Anna Smith-Jones", "ZHANG Wei"];
    assert!(printed.windows(2).all(|p| at(p[0]) < at(p[1])), "the paper's order:\n{first_paper}");
    let flat = first_paper.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Do not use the same number more than once."), "{flat}");
    assert!(flat.contains("do not put a cross (X) or a tick"), "{flat}");
    assert!(
        flat.contains("At least one of those elected must be from an SME: candidates from an SME are marked SME. No two candidates from the same organisation can both be elected."),
        "{flat}"
    );
    s.close().await;
    w.session.close().await;
}

/// Issue #18: a returning officer closes nominations before the date in the call, with a
/// reason; the vote may then open the same day.
#[tokio::test]
async fn nominations_close_early_with_a_reason_and_the_vote_opens_the_same_day() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    for (i, name) in ["Bea Big", "Dee Small", "Eve Big"].iter().enumerate() {
        let org = w.org(&format!("{name} Ltd"), TechukStatus::Member, i == 1).await;
        let person = w.person(name, Some(org)).await;
        w.nominate(id, person, Some(org)).await.unwrap();
    }
    let s = w.later("2026-12-01").await;
    let close = |on: &str, reason: &str| CloseNominations { group_id: w.group, election_id: id, on: d(on), reason: reason.into() };
    let refused = s.close_nominations_early(close("2026-12-01", "")).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("reason"));
    let refused = s.close_nominations_early(close("2026-12-10", "An error in the call.")).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("on"), "{}", refused.message);
    let refused = s.close_nominations_early(close("2026-11-29", "An error in the call.")).await.unwrap_err();
    assert!(refused.message.contains("received on Mon 30 Nov 2026"), "{}", refused.message);
    let page = s.close_nominations_early(close("2026-12-01", "Every eligible person has been nominated.")).await.unwrap();
    assert_eq!(page.record.summary.nominations_close, d("2026-12-01"));
    assert_eq!(page.record.summary.nominations_closed_early.as_deref(), Some("Every eligible person has been nominated."));
    assert!(s.close_nominations_early(close("2026-12-01", "Again.")).await.is_err(), "once only");
    s.set_election_method(w.group, id, Method::Block).await.unwrap();
    let page = s.open_voting(w.group, id, None, None).await.unwrap();
    assert_eq!(page.record.summary.state, ElectionState::Voting);
    s.close().await;
    w.session.close().await;
}

/// Issue #18: the nomination form records the nominee's manager status (ToR §12) on the person.
#[tokio::test]
async fn s12_manager_status_recorded_with_a_nomination_updates_the_person() {
    let w = world().await;
    let id = w.election().await.record.summary.id;
    let org = w.org("Small Co", TechukStatus::Member, true).await;
    let person = w.person("Ada Small", Some(org)).await;
    let request = AddNomination {
        group_id: w.group,
        election_id: id,
        person_id: Some(person),
        new_name: String::new(),
        new_email: String::new(),
        organisation_id: Some(org),
        proposer: String::new(),
        statement: String::new(),
        received_on: d("2026-11-30"),
        manager_status: Some(ManagerStatus::No),
    };
    let page = w.session.add_nomination(request).await.unwrap();
    assert_eq!(w.session.person(w.group, person).await.unwrap().input.manager_status, ManagerStatus::No);
    let checks = &page.checks.iter().find(|c| page.record.nominations.iter().any(|n| n.id == c.nomination_id && n.person_id == person)).unwrap().checks;
    assert!(checks.iter().any(|c| c.message.contains("manager status") && c.message.contains("ToR §12")), "{checks:?}");
    w.session.close().await;
}

/// Issue #18: the dates the app proposes fall on working days of the group's nation — here
/// three weeks from Mon 9 Nov 2026 is St Andrew's Day, a bank holiday in Scotland only.
#[tokio::test]
async fn proposed_deadlines_skip_weekends_and_the_groups_bank_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_on(dir.path(), "2026-11-09").await;
    let group =
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let proposed = |view: &ElectionsView| view.proposals.first().expect("the vacant seats are proposed").nominations_close;
    assert_eq!(proposed(&session.elections_view(group).await.unwrap()), d("2026-11-30"), "England and Wales by default");
    let home = session.set_bank_holidays(group, secretariat_rules::working_days::Nation::Scotland).await.unwrap();
    assert_eq!(home.group.settings.bank_holidays, secretariat_rules::working_days::Nation::Scotland);
    assert_eq!(proposed(&session.elections_view(group).await.unwrap()), d("2026-12-01"), "St Andrew's Day skipped");
    session.close().await;
}
