//! Meetings, agendas, papers and the agenda pack through the `Session`, against a
//! real encrypted database; documents checked by extracting their text.

mod common;

use base64::Engine;
use chrono::{NaiveDate, NaiveTime};
use common::pdftotext;
use mail_parser::MimeHeaders;
use secretariat_api::documents::Document;
use secretariat_api::types::*;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::meetings::{MonthlyRule, Publication};
use secretariat_store::{AgendaItemInput, MeetingInput, Purpose, SeriesInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn session(dir: &std::path::Path, today: &str) -> (Session, i64) {
    let session = Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d(today)),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    });
    let group =
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    (session, group)
}

fn meeting(day: &str) -> MeetingInput {
    let day = d(day);
    MeetingInput {
        title: "Working group meeting".into(),
        starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
        ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
        venue: "techUK, London".into(),
        online_link: "https://meet.example/wg".into(),
        compulsory: true,
    }
}

fn sample_pdf(title: &str, pages: usize) -> String {
    let bytes = secretariat_documents::Documents::new().sample_paper(title, "Zoë Ó'Brien – Ltd", pages).unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn s19_a_series_plans_monthly_meetings_each_with_the_standard_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    let made = s
        .plan_series(PlanSeries {
            group_id: g,
            input: SeriesInput {
                title: "Working group meeting".into(),
                rule: MonthlyRule::new(2, 1).unwrap(),
                start_time: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                end_time: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                from: d("2027-01-01"),
                until: d("2027-12-31"),
                venue: String::new(),
                online_link: String::new(),
                compulsory: true,
            },
        })
        .await
        .unwrap();
    assert_eq!(made.len(), 12);
    assert_eq!(made[0].meeting.starts_at.date(), d("2027-01-12"));
    assert_eq!(made[0].deadline, d("2027-01-05"), "ToR §20: a week ahead");
    let page = s.meeting_page(g, made[0].meeting.id).await.unwrap();
    let titles: Vec<_> = page.detail.items.iter().map(|i| i.input.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Welcome and apologies", "Declarations of interest", "Minutes of the last meeting", "Matters arising and open actions", "Any other business"]
    );
    assert_eq!(page.start_times, ["14:00", "14:05", "14:10", "14:15", "14:20"]);
    s.close().await;
}

#[tokio::test]
async fn s20_papers_after_publication_are_supplements_and_the_deadline_state_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    let page = s.save_meeting(SaveMeeting { group_id: g, id: None, input: meeting("2026-12-08") }).await.unwrap();
    assert_eq!(page.publication, Publication::OnTrack { days_left: 4 });
    let m = page.detail.meeting.id;
    let page = s
        .save_agenda_item(SaveAgendaItem {
            group_id: g,
            meeting_id: m,
            id: None,
            input: AgendaItemInput { title: "Data standards roadmap".into(), purpose: Purpose::Decision, presenter_id: None, minutes: 30, private: false },
        })
        .await
        .unwrap();
    let item = page.detail.items.iter().find(|i| i.input.title == "Data standards roadmap").unwrap();
    assert_eq!(item.position, 5, "new items go before Any other business");
    let before = s
        .attach_paper(AttachPaper {
            group_id: g,
            item_id: item.id,
            paper_id: None,
            title: "Roadmap".into(),
            file_name: "roadmap.pdf".into(),
            data_base64: sample_pdf("Roadmap", 2),
        })
        .await
        .unwrap();
    let paper = &before.detail.items[4].papers[0];
    assert_eq!((paper.pages, paper.version, paper.supplement), (2, 1, false));

    let published = s.mark_published(g, m).await.unwrap();
    assert_eq!(published.publication, Publication::Published { on: d("2026-11-27"), late: false });
    let after = s
        .attach_paper(AttachPaper {
            group_id: g,
            item_id: item.id,
            paper_id: None,
            title: "Late note".into(),
            file_name: "note.pdf".into(),
            data_base64: sample_pdf("Late note", 1),
        })
        .await
        .unwrap();
    assert!(after.detail.items[4].papers[1].supplement, "added after publication");

    // Replacing a paper keeps the old version.
    let replaced = s
        .attach_paper(AttachPaper {
            group_id: g,
            item_id: item.id,
            paper_id: Some(paper.id),
            title: String::new(),
            file_name: "roadmap v2.pdf".into(),
            data_base64: sample_pdf("Roadmap v2", 3),
        })
        .await
        .unwrap();
    let roadmap = &replaced.detail.items[4].papers[0];
    assert_eq!((roadmap.version, roadmap.pages, roadmap.file_name.as_str()), (2, 3, "roadmap v2.pdf"));
    s.close().await;
}

/// Issue #18 (ToR §20): the pack is kept as circulated when it is published, and each build
/// with supplements after that is kept beside it; the circulated one reopens byte for byte.
#[tokio::test]
async fn s20_the_pack_is_kept_as_circulated_and_again_with_its_supplements() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    let page = s.save_meeting(SaveMeeting { group_id: g, id: None, input: meeting("2026-12-08") }).await.unwrap();
    let (m, item) = (page.detail.meeting.id, page.detail.items[1].id);
    let attach = |title: &str, pages: usize| AttachPaper {
        group_id: g,
        item_id: item,
        paper_id: None,
        title: title.into(),
        file_name: format!("{title}.pdf"),
        data_base64: sample_pdf(title, pages),
    };
    s.attach_paper(attach("Roadmap", 2)).await.unwrap();
    let pack = Document::of(DocumentKind::AgendaPack, Some(m)).unwrap();
    let circulated = s.make_document(g, pack).await.unwrap();
    // Not yet published: the archive lists the pack as last built, nothing kept as circulated.
    let archive = s.document_archive(g).await.unwrap();
    assert!(archive.iter().any(|d| d.kind == DocumentKind::KeptAgendaPack && d.detail.starts_with("Not yet published")));

    s.mark_published(g, m).await.unwrap();
    s.mark_published(g, m).await.unwrap();
    let archive = s.document_archive(g).await.unwrap();
    let packs: Vec<_> = archive.iter().filter(|d| d.kind_label == "Agenda pack").collect();
    assert_eq!(packs.len(), 1, "published once, kept once: {packs:?}");
    assert_eq!(packs[0].kind, DocumentKind::KeptCopy);
    assert!(packs[0].detail.starts_with("Circulated Fri 27 Nov 2026 under ToR §20"), "{}", packs[0].detail);
    let first = packs[0].record_id;

    // A late paper is a supplement; the pack built again is a second version, kept too.
    s.attach_paper(attach("Late note", 1)).await.unwrap();
    let supplemented = s.make_document(g, pack).await.unwrap();
    assert!(supplemented.pages > circulated.pages);
    s.make_document(g, pack).await.unwrap();
    let archive = s.document_archive(g).await.unwrap();
    let packs: Vec<_> = archive.iter().filter(|d| d.kind_label == "Agenda pack").collect();
    assert_eq!(packs.len(), 2, "the same build twice is kept once: {packs:?}");
    let later = packs.iter().find(|d| d.title.starts_with("Agenda pack with supplements — ")).expect("the supplemented version");
    assert!(later.detail.starts_with("Built "), "{}", later.detail);
    let reopened = s.make_document(g, Document::of(DocumentKind::KeptCopy, first).unwrap()).await.unwrap();
    assert_eq!(reopened.bytes, circulated.bytes, "the circulated version, as it went out");
    let reopened = s.make_document(g, Document::of(DocumentKind::KeptCopy, later.record_id).unwrap()).await.unwrap();
    assert_eq!(reopened.bytes, supplemented.bytes);
    s.close().await;
}

/// Issue #18: a week ahead of Mon 4 Jan 2027 is the Boxing Day holiday in lieu; the pack is
/// due the last working day before it (Thu 24 Dec), and late only after ToR §20's own deadline.
#[tokio::test]
async fn s20_a_deadline_on_a_bank_holiday_is_due_the_working_day_before() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-12-21").await;
    let page = s.save_meeting(SaveMeeting { group_id: g, id: None, input: meeting("2027-01-04") }).await.unwrap();
    assert_eq!(page.deadline, NaiveDate::from_ymd_opt(2026, 12, 24).unwrap());
    assert_eq!(page.publication, Publication::OnTrack { days_left: 3 });
    let row = s.meeting_rows(g).await.unwrap().into_iter().find(|r| r.meeting.id == page.detail.meeting.id).unwrap();
    assert_eq!(row.deadline, page.deadline);
    let agenda = s.make_document(g, Document::of(DocumentKind::Agenda, Some(page.detail.meeting.id)).unwrap()).await.unwrap();
    let text = pdftotext(&agenda.bytes);
    assert!(text.contains("To be published by Thu 24 Dec 2026"), "{text}");
    s.close().await;
}

#[tokio::test]
async fn papers_that_are_not_readable_pdfs_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    let page = s.save_meeting(SaveMeeting { group_id: g, id: None, input: meeting("2026-12-08") }).await.unwrap();
    let item = page.detail.items[0].id;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let attempt = |data: String| AttachPaper { group_id: g, item_id: item, paper_id: None, title: "x".into(), file_name: "x.pdf".into(), data_base64: data };
    let not_pdf = s.attach_paper(attempt(b64(b"Minutes, typed into a text file."))).await.unwrap_err();
    assert_eq!(not_pdf.field.as_deref(), Some("file"));
    assert_eq!(not_pdf.message, "This file is not a PDF.");
    let damaged = s.attach_paper(attempt(b64(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage"))).await.unwrap_err();
    assert!(damaged.message.starts_with("This PDF is damaged"), "{}", damaged.message);
    let page = s.meeting_page(g, page.detail.meeting.id).await.unwrap();
    assert!(page.detail.items.iter().all(|i| i.papers.is_empty()));
    s.close().await;
}

#[tokio::test]
async fn the_pack_numbers_every_page_and_the_circulation_draft_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    s.load_demo(Default::default()).await.unwrap();
    let demo = s.groups().await.unwrap().into_iter().find(|x| x.name.starts_with("Demo")).unwrap().id;
    let next = s.next_meeting(demo).await.unwrap().unwrap();
    let made = s.make_document(demo, Document::of(DocumentKind::AgendaPack, Some(next.id)).unwrap()).await.unwrap();
    let pages = made.pages.unwrap();
    let text = pdftotext(&made.bytes);
    assert!(text.contains(&format!("Page 1 of {pages}")), "{text}");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(text.contains("Welcome and apologies"));
    let page = s.meeting_page(demo, next.id).await.unwrap();
    assert_eq!(page.pack.unwrap().pages as usize, pages, "the built pack is kept with the meeting");

    let eml = s.make_document(demo, Document::of(DocumentKind::CirculationDraft, Some(next.id)).unwrap()).await.unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml.bytes).unwrap();
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    let to: Vec<_> = message.to().unwrap().iter().filter_map(|a| a.address()).collect();
    assert!(to.contains(&"tomasz.nowak@oakridge.example"), "{to:?}");
    assert!(!to.contains(&"zoe.obrien@kestreldata.example"), "her term ends before the meeting: {to:?}");
    assert!(to.contains(&"ruth.adebayo@constabulary.example"), "standing invitees too: {to:?}");
    let attachments: Vec<_> = message.attachments().map(|a| (a.attachment_name().unwrap_or("").to_owned(), a.contents().len())).collect();
    assert_eq!(attachments.len(), 2, "{attachments:?}");
    assert!(attachments[0].0.ends_with("agenda pack.pdf"));
    assert_eq!(attachments[0].1, made.bytes.len());
    assert_eq!(attachments[1].0, "invitation.ics");

    let ics = String::from_utf8(s.make_document(demo, Document::of(DocumentKind::MeetingInvite, Some(next.id)).unwrap()).await.unwrap().bytes).unwrap();
    assert!(ics.contains("DTSTART;TZID=Europe/London:"), "{ics}");
    assert!(ics.contains("BEGIN:VEVENT"));
    let series = String::from_utf8(s.make_document(demo, Document::of(DocumentKind::SeriesCalendar, None).unwrap()).await.unwrap().bytes).unwrap();
    assert_eq!(series.matches("BEGIN:VEVENT").count(), 2, "the next two meetings");
    // Line ends are CRLF, as mail (RFC 5322) and calendars (RFC 5545) require, on every OS:
    // Outlook on Windows and Calendar on macOS read what is made here on Linux, and back.
    for (what, bytes) in [("the email draft", &eml.bytes[..]), ("the invitation", ics.as_bytes()), ("the calendar", series.as_bytes())] {
        let bare = bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')).count();
        assert_eq!(bare, 0, "{what} has line ends without CR");
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{what} has lines");
    }
    let _ = g;
    s.close().await;
}

/// Issue #18: a paper was known by its file name ("gnutls", "scanned") in the
/// window, the agenda, the contents and the bookmarks.
#[tokio::test]
async fn a_paper_is_offered_its_pdfs_own_title_or_else_its_file_name_and_can_be_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = session(dir.path(), "2026-11-27").await;
    let page = s.save_meeting(SaveMeeting { group_id: g, id: None, input: meeting("2026-12-08") }).await.unwrap();
    let (m, item) = (page.detail.meeting.id, page.detail.items[1].id);

    let titled = sample_pdf("Custody data model v0.3", 2);
    let preview = s.inspect_paper(g, "cdm_v03-final.pdf", &titled).await.unwrap();
    assert_eq!(preview, PaperPreview { title: "Custody data model v0.3".into(), title_from_pdf: true, pages: 2 });
    let untitled = sample_pdf("", 1);
    let preview = s.inspect_paper(g, "cdm_v03-final.pdf", &untitled).await.unwrap();
    assert_eq!(preview, PaperPreview { title: "cdm v03 final".into(), title_from_pdf: false, pages: 1 });
    let refused = s.inspect_paper(g, "notes.pdf", &base64::engine::general_purpose::STANDARD.encode(b"not a pdf")).await.unwrap_err();
    assert_eq!((refused.field.as_deref(), refused.message.as_str()), (Some("file"), "This file is not a PDF."));

    // Attached without a title typed, it takes the PDF's own.
    let attached = s
        .attach_paper(AttachPaper { group_id: g, item_id: item, paper_id: None, title: String::new(), file_name: "cdm.pdf".into(), data_base64: titled })
        .await
        .unwrap();
    let paper = attached.detail.items[1].papers[0].clone();
    assert_eq!(paper.title, "Custody data model v0.3");

    let renamed = s.rename_paper(RenamePaper { group_id: g, meeting_id: m, paper_id: paper.id, title: "  Custody data model, draft 3 ".into() }).await.unwrap();
    assert_eq!(renamed.detail.items[1].papers[0].title, "Custody data model, draft 3");
    let empty = s.rename_paper(RenamePaper { group_id: g, meeting_id: m, paper_id: paper.id, title: " ".into() }).await.unwrap_err();
    assert_eq!(empty.field.as_deref(), Some("title"), "{}", empty.message);

    // The agenda, the contents and the bookmarks use the title, never the file name.
    let pack = s.make_document(g, Document::of(DocumentKind::AgendaPack, Some(m)).unwrap()).await.unwrap();
    let text = pdftotext(&pack.bytes);
    assert!(text.contains("Custody data model, draft 3"), "{text}");
    assert!(!text.contains("cdm.pdf") && !text.contains("cdm v03"), "{text}");
    s.close().await;
}

/// Issue #18: the Documents screen is the group's record, not four buttons.
#[tokio::test]
async fn the_archive_lists_the_groups_record_and_reopens_the_kept_pack_as_it_went_out() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = session(dir.path(), "2026-11-27").await;
    s.load_demo(Default::default()).await.unwrap();
    let demo = s.groups().await.unwrap().into_iter().find(|x| x.name.starts_with("Demo")).unwrap().id;
    let next = s.next_meeting(demo).await.unwrap().unwrap();
    let built = s.make_document(demo, Document::of(DocumentKind::AgendaPack, Some(next.id)).unwrap()).await.unwrap();

    let archive = s.document_archive(demo).await.unwrap();
    let kinds: std::collections::BTreeSet<&str> = archive.iter().map(|d| d.kind_label.as_str()).collect();
    for kind in ["Agenda pack", "Approved minutes", "Attendance report", "Call for nominations", "Result", "Ballot papers printed", "Roster"] {
        assert!(kinds.contains(kind), "the demo's record has a {kind:?}: {kinds:?}");
    }
    // Newest year first.
    assert!(archive.windows(2).all(|pair| pair[0].year >= pair[1].year));

    // The pack is the kept copy: the same bytes, not a new build.
    let pack = archive.iter().find(|d| d.kind == DocumentKind::KeptAgendaPack && d.meeting_id == Some(next.id)).expect("the built pack is listed");
    assert!(pack.kept && pack.openable);
    assert!(pack.detail.contains("pages, built"), "{}", pack.detail);
    let reopened = s.make_document(demo, Document::of(pack.kind, pack.record_id).unwrap()).await.unwrap();
    assert_eq!(reopened.bytes, built.bytes, "reopened exactly as kept");

    // A print run says numbers and counts, never who, and is not reopened.
    let run = archive.iter().find(|d| d.kind_label == "Ballot papers printed").unwrap();
    assert!(!run.openable);
    assert!(run.detail.contains("papers, serials "), "{}", run.detail);

    // Every openable entry opens.
    for entry in archive.iter().filter(|d| d.openable) {
        s.make_document(demo, Document::of(entry.kind, entry.record_id).unwrap())
            .await
            .unwrap_or_else(|e| panic!("{} does not open: {}", entry.title, e.message));
    }
    s.close().await;
}

/// Issue #18: a final document — here approved minutes (ToR §21) — is kept as it first went
/// out; correcting a name in the records later changes what is made again, not what was kept.
#[tokio::test]
async fn s21_approved_minutes_reopen_as_they_went_out_after_the_records_change() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = session(dir.path(), "2026-11-27").await;
    s.load_demo(Default::default()).await.unwrap();
    let demo = s.groups().await.unwrap().into_iter().find(|x| x.name.starts_with("Demo")).unwrap().id;
    let archive = s.document_archive(demo).await.unwrap();
    let minutes = archive.iter().find(|d| d.kind == DocumentKind::Minutes).expect("the demo has approved minutes").clone();
    assert!(!minutes.kept && minutes.remake.is_none(), "not made since approval: made from the records when first opened");

    // The first copy made once approved is the one kept.
    let first = s.make_document(demo, Document::of(DocumentKind::Minutes, minutes.record_id).unwrap()).await.unwrap();
    let text = pdftotext(&first.bytes);
    let person = s.members(demo).await.unwrap().people.into_iter().find(|p| text.contains(&p.name)).expect("the minutes name a person of the register");
    let archive = s.document_archive(demo).await.unwrap();
    let kept = archive.iter().find(|d| d.title == minutes.title).unwrap();
    assert_eq!(kept.kind, DocumentKind::KeptCopy);
    assert!(kept.kept && kept.openable);
    assert_eq!(kept.remake, Some(DocumentRef { kind: DocumentKind::Minutes, record_id: minutes.record_id }));
    assert!(kept.detail.contains(" · kept as made on "), "{}", kept.detail);

    // A name corrected in the register afterwards.
    let detail = s.person(demo, person.id).await.unwrap();
    let mut input = detail.input.clone();
    input.name = format!("{} Corrected", detail.input.name);
    s.save_person(SavePerson { group_id: demo, id: Some(person.id), input, employer: None, change: None }).await.unwrap();

    let reopened = s.make_document(demo, Document::of(kept.kind, kept.record_id).unwrap()).await.unwrap();
    assert_eq!(reopened.bytes, first.bytes, "reopened exactly as it went out");
    assert_eq!(reopened.file_name, first.file_name);
    let again = s.make_document(demo, Document::of(DocumentKind::Minutes, minutes.record_id).unwrap()).await.unwrap();
    assert!(pdftotext(&again.bytes).contains(&format!("{} Corrected", person.name)), "made again from today's records");
    // Making it again does not replace the copy kept.
    let still = s.make_document(demo, Document::of(kept.kind, kept.record_id).unwrap()).await.unwrap();
    assert_eq!(still.bytes, first.bytes);

    // Draft minutes are never kept; nor is this year's attendance, which still changes.
    let draft = s.meeting_rows(demo).await.unwrap().into_iter().find(|r| r.meeting.starts_at.date() > s.today()).unwrap();
    s.make_document(demo, Document::of(DocumentKind::Minutes, Some(draft.meeting.id)).unwrap()).await.unwrap();
    s.make_document(demo, Document::of(DocumentKind::AttendanceReport, Some(2026)).unwrap()).await.unwrap();
    let archive = s.document_archive(demo).await.unwrap();
    assert_eq!(archive.iter().filter(|d| d.kind == DocumentKind::KeptCopy).count(), 1, "{archive:?}");
    s.close().await;
}

/// Issue #18: a year's record in one step, what an annual report or an auditor asks for.
#[tokio::test]
async fn a_years_record_is_one_numbered_pdf_of_each_meetings_agenda_and_approved_minutes_the_attendance_and_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = session(dir.path(), "2026-11-27").await;
    s.load_demo(Default::default()).await.unwrap();
    let demo = s.groups().await.unwrap().into_iter().find(|x| x.name.starts_with("Demo")).unwrap().id;
    let made = s.make_document(demo, Document::of(DocumentKind::YearRecord, Some(2026)).unwrap()).await.unwrap();
    assert!(made.file_name.ends_with("record 2026.pdf"), "{}", made.file_name);
    let pages = made.pages.unwrap();
    let text = pdftotext(&made.bytes);
    for expected in [
        "The group’s record",
        "The record of 2026",
        "1 January to 31 December 2026",
        "Contents",
        "Agenda",
        "Attendance 2026 (ToR §17)",
        "Decisions register 2026 (ToR §22)",
    ] {
        assert!(text.contains(expected), "{expected:?} is in the record:\n{text}");
    }
    assert!(text.contains(&format!("Page {pages} of {pages}")), "numbered throughout");
    let archive = s.document_archive(demo).await.unwrap();
    // Making the record kept each approved minute as it went out (listed as kept copies now).
    let approved: Vec<_> = archive.iter().filter(|d| d.kind_label == "Approved minutes" && d.year == 2026).collect();
    assert!(approved.iter().all(|d| d.kept && d.kind == DocumentKind::KeptCopy), "{approved:?}");
    assert!(!approved.is_empty(), "the demo has approved minutes in 2026");
    for minutes in approved {
        let line = format!("Minutes, approved {}", secretariat_rules::uk_date(minutes.on.unwrap()));
        assert!(text.contains(&line), "{line:?} ({}) is in the record", minutes.title);
    }
    let declared = archive.iter().filter(|d| d.kind_label == "Result" && d.year == 2026).count();
    if declared > 0 {
        assert!(text.contains("Elections") && text.contains("Result — "), "{text}");
    }
    s.close().await;
}
