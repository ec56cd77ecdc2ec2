//! Circulating a meeting: calendar invitations (.ics, with the group's time zone
//! as TZID) and the email draft (.eml marked `X-Unsent: 1`, so mail clients open
//! it as a draft) addressed to the members and standing invitees, with the pack
//! and the invitation attached.

use crate::error::{ApiError, ApiResult, ErrorKind};
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use secretariat_rules::uk_date;
use secretariat_store::{MeetingSummary, Recipient};

/// One VEVENT per meeting, times in the group's zone (DTSTART;TZID=Europe/London:…).
pub fn calendar(group_name: &str, time_zone: &str, meetings: &[MeetingSummary]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(group_name);
    for m in meetings {
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@secretariat.invalid", m.id))
            .summary(&m.title)
            .starts(CalendarDateTime::WithTimezone { date_time: m.starts_at, tzid: time_zone.to_owned() })
            .ends(CalendarDateTime::WithTimezone { date_time: m.ends_at, tzid: time_zone.to_owned() });
        let location = [m.venue.as_str(), m.online_link.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" / ");
        if !location.is_empty() {
            event.location(&location);
        }
        if !m.online_link.is_empty() {
            event.url(&m.online_link);
        }
        event.description(&format!("{group_name}{}", if m.compulsory { " — a compulsory meeting (ToR §17)." } else { "." }));
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

pub struct Draft<'a> {
    pub group_name: &'a str,
    pub meeting: &'a MeetingSummary,
    pub deadline: NaiveDate,
    pub agenda_lines: Vec<String>,
    pub recipients: &'a [Recipient],
    pub pack_name: &'a str,
    pub pack: &'a [u8],
    pub invite: &'a str,
}

/// Refuses recipients whose address is not one: the address goes into the To header as it
/// is stored, and one recorded before addresses were checked strictly
/// (`a@example.org>,<b@example.net`) would add recipients or headers.
pub fn check_recipients(recipients: &[Recipient]) -> ApiResult<()> {
    match recipients.iter().find_map(|r| {
        secretariat_rules::text::email_address_problem(&r.email).map(|reason| (r, reason))
    }) {
        None => Ok(()),
        Some((r, reason)) => Err(ApiError::new(
            ErrorKind::Invalid,
            format!(
                "The draft was not written: {} is recorded with the email address \u{201c}{}\u{201d}, which is not an address ({reason}). Correct it on their record (Members), then make the draft again.",
                r.name, r.email
            ),
        )),
    }
}

/// The email draft, as the bytes of an .eml file.
pub fn email_draft(draft: &Draft<'_>) -> ApiResult<Vec<u8>> {
    use mail_builder::headers::raw::Raw;
    use mail_builder::MessageBuilder;
    let m = draft.meeting;
    let day = m.starts_at.date();
    let when = format!("{}, {}–{}", uk_date(day), m.starts_at.format("%H:%M"), m.ends_at.format("%H:%M"));
    let mut body = format!(
        "Dear all,\n\nPlease find attached the agenda and papers for the {} meeting:\n\n{}\n{when}\n",
        draft.group_name, m.title
    );
    if !m.venue.is_empty() {
        body.push_str(&format!("Venue: {}\n", m.venue));
    }
    if !m.online_link.is_empty() {
        body.push_str(&format!("Join online: {}\n", m.online_link));
    }
    body.push_str("\nAgenda\n");
    for line in &draft.agenda_lines {
        body.push_str(&format!("  {line}\n"));
    }
    body.push_str(&format!(
        "\nThe pack is circulated a week ahead of the meeting under ToR §20 (by {}). A calendar invitation is attached.\n\nKind regards,\n",
        uk_date(draft.deadline)
    ));
    check_recipients(draft.recipients)?;
    let to: Vec<(String, String)> = draft.recipients.iter().map(|r| (r.name.clone(), r.email.clone())).collect();
    let message = MessageBuilder::new()
        .to(to)
        .subject(format!("Agenda pack: {} ({})", m.title, uk_date(day)))
        .header("X-Unsent", Raw::new("1"))
        .text_body(body)
        .attachment("application/pdf", draft.pack_name, draft.pack.to_vec())
        .attachment("text/calendar; charset=utf-8; method=PUBLISH", "invitation.ics", draft.invite.as_bytes().to_vec());
    message
        .write_to_vec()
        .map_err(|e| ApiError::new(ErrorKind::Internal, format!("The email draft could not be written: {e}")))
}

/// The open call for nominations as an email draft, the notice attached (ToR §14).
pub fn call_email(group_name: &str, call: &secretariat_documents::CallForNominations, pdf_name: &str, pdf: &[u8]) -> ApiResult<Vec<u8>> {
    use mail_builder::headers::raw::Raw;
    use mail_builder::MessageBuilder;
    let mut body = format!(
        "Dear colleagues,\n\nThe {group_name} invites nominations for {}.\n\nNominations close on {}.\n\nWho can stand\n",
        call.seats, call.closes_on
    );
    for rule in &call.eligibility {
        body.push_str(&format!("  - {} ({})\n", rule.text, rule.paragraph));
    }
    if !call.constraints.is_empty() {
        body.push_str("\nFor this election\n");
        for line in &call.constraints {
            body.push_str(&format!("  - {line}\n"));
        }
    }
    body.push_str("\nHow to nominate\n");
    for line in &call.how_to_nominate {
        body.push_str(&format!("  - {line}\n"));
    }
    body.push_str("\nThe full notice is attached.\n\nKind regards,\n");
    MessageBuilder::new()
        .subject(format!("Call for nominations: {}", call.title))
        .header("X-Unsent", Raw::new("1"))
        .text_body(body)
        .attachment("application/pdf", pdf_name, pdf.to_vec())
        .write_to_vec()
        .map_err(|e| ApiError::new(ErrorKind::Internal, format!("The email draft could not be written: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn meeting(id: i64, at: &str) -> MeetingSummary {
        let starts_at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
        MeetingSummary {
            id,
            title: "Working group meeting".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            venue: "techUK, London".into(),
            online_link: String::new(),
            compulsory: true,
            series_id: None,
            published_on: None,
            items: 0,
            papers: 0,
        }
    }

    #[test]
    fn a_draft_to_a_recorded_address_that_would_add_a_recipient_is_refused() {
        let m = meeting(1, "2026-12-08 14:00");
        let recipients = [
            Recipient {
                name: "Ada Lovelace".into(),
                email: "ada@example.org".into(),
            },
            Recipient {
                name: "Eve Example".into(),
                email: "a@example.org>,<b@example.net".into(),
            },
        ];
        let refused = check_recipients(&recipients).unwrap_err();
        assert!(
            refused.message.starts_with(
                "The draft was not written: Eve Example is recorded with the email address"
            ),
            "{}",
            refused.message
        );
        let draft = Draft {
            group_name: "Interop WG",
            meeting: &m,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            agenda_lines: vec![],
            recipients: &recipients,
            pack_name: "pack.pdf",
            pack: b"%PDF-1.7",
            invite: "",
        };
        assert!(email_draft(&draft).is_err());
    }
}
