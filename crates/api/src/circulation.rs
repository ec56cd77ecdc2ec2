//! Circulating a meeting: calendar invitations (.ics, with the group's time zone
//! as TZID and its VTIMEZONE) and the email draft (.eml marked `X-Unsent: 1`, so mail
//! clients open it as a draft) addressed to the members and standing invitees, with the
//! pack and the invitation attached.

use crate::error::{ApiError, ApiResult, ErrorKind};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};
use secretariat_rules::uk_date;
use secretariat_store::{MeetingSummary, Recipient};

/// One VEVENT per meeting, times in the group's zone (DTSTART;TZID=Europe/London:…),
/// and the VTIMEZONE that TZID names (RFC 5545 §3.6.5), from the tz database.
pub fn calendar(group_name: &str, time_zone: &str, meetings: &[MeetingSummary]) -> ApiResult<String> {
    let zone = zone(time_zone)?;
    let mut calendar = Calendar::new();
    // icalendar writes NAME and X-WR-CALNAME as given: a comma or semicolon in the group's
    // name would split the value, so it is escaped here as TEXT (RFC 5545 §3.3.11).
    let name = escape_text(group_name);
    calendar.append_property(Property::new("NAME", &name));
    calendar.append_property(Property::new("X-WR-CALNAME", &name));
    for m in meetings {
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@secretariat.invalid", m.id))
            .summary(&m.title)
            .starts(CalendarDateTime::WithTimezone { date_time: m.starts_at, tzid: zone.name().to_owned() })
            .ends(CalendarDateTime::WithTimezone { date_time: m.ends_at, tzid: zone.name().to_owned() });
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
    let text = calendar.done().to_string();
    let first = meetings.iter().map(|m| m.starts_at.min(m.ends_at).year()).min();
    let last = meetings.iter().map(|m| m.starts_at.max(m.ends_at).year()).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(text);
    };
    // icalendar has no VTIMEZONE builder; the block goes before the first event.
    let at = text.find("BEGIN:VEVENT\r\n").unwrap_or(text.len());
    Ok(format!("{}{}{}", &text[..at], vtimezone(zone, first, last), &text[at..]))
}

/// The group's time-zone setting as a zone of the tz database.
fn zone(time_zone: &str) -> ApiResult<Tz> {
    let name = time_zone.trim();
    name.parse::<Tz>().map_err(|_| {
        ApiError::invalid(
            "time_zone",
            format!("The group's time zone \u{201c}{name}\u{201d} is not one the calendar knows; set a zone such as Europe/London in Settings."),
        )
    })
}

/// TEXT as RFC 5545 §3.3.11 writes it.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// What a zone is at one instant: its offset from UTC, the daylight-saving part of it, its abbreviation.
#[derive(Debug, Clone, PartialEq)]
struct ZoneState {
    utc_offset: i32,
    daylight: bool,
    abbreviation: Option<String>,
}

fn state(zone: Tz, at: NaiveDateTime) -> ZoneState {
    let offset = zone.offset_from_utc_datetime(&at);
    ZoneState {
        utc_offset: (offset.base_utc_offset() + offset.dst_offset()).num_seconds() as i32,
        daylight: !offset.dst_offset().is_zero(),
        abbreviation: offset.abbreviation().map(str::to_owned),
    }
}

/// The VTIMEZONE block for `zone` from 1 January of `first` to the end of `last`: the rule
/// in force on 1 January, then every change within those years (found day by day, then to
/// the second), each as a STANDARD or DAYLIGHT onset. Explicit onsets rather than RRULEs:
/// exact for past rule changes, and the same years give the same bytes.
fn vtimezone(zone: Tz, first: i32, last: i32) -> String {
    let start = NaiveDate::from_ymd_opt(first, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(last + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or(start);
    // The local 1 January, expressed in UTC, so the first onset is at local midnight.
    let initial = state(zone, start);
    let start = start - chrono::Duration::seconds(i64::from(initial.utc_offset));
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.name());
    out.push_str(&onset(&initial, &initial, start));
    let (mut day, mut before) = (start, initial);
    while day < end {
        let next = day + chrono::Duration::days(1);
        let after = state(zone, next);
        if after != before {
            // The first second of the new state: bisect between the two days.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > chrono::Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if state(zone, mid) == before { lo = mid } else { hi = mid }
            }
            let changed = state(zone, hi);
            out.push_str(&onset(&before, &changed, hi));
            before = changed;
            day = hi;
        } else {
            day = next;
        }
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// One STANDARD or DAYLIGHT sub-component: the zone becomes `to` at the UTC instant `at`,
/// whose DTSTART is written in the local time in force before it (RFC 5545 §3.6.5).
fn onset(from: &ZoneState, to: &ZoneState, at: NaiveDateTime) -> String {
    let kind = if to.daylight { "DAYLIGHT" } else { "STANDARD" };
    let local = at + chrono::Duration::seconds(i64::from(from.utc_offset));
    let mut out = format!(
        "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
        local.format("%Y%m%dT%H%M%S"),
        utc_offset(from.utc_offset),
        utc_offset(to.utc_offset)
    );
    if let Some(name) = &to.abbreviation {
        out.push_str(&format!("TZNAME:{}\r\n", escape_text(name)));
    }
    out.push_str(&format!("END:{kind}\r\n"));
    out
}

/// `+0100`, `-0330`, `+053028` (UTC-OFFSET, RFC 5545 §3.3.14).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{sec:02}") }
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
    match recipients.iter().find_map(|r| secretariat_rules::text::email_address_problem(&r.email).map(|reason| (r, reason))) {
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
    use mail_builder::MessageBuilder;
    use mail_builder::headers::raw::Raw;
    let m = draft.meeting;
    let day = m.starts_at.date();
    let when = format!("{}, {}–{}", uk_date(day), m.starts_at.format("%H:%M"), m.ends_at.format("%H:%M"));
    let mut body = format!("Dear all,\n\nPlease find attached the agenda and papers for the {} meeting:\n\n{}\n{when}\n", draft.group_name, m.title);
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
        .message_id(message_id())
        .to(to)
        .subject(format!("Agenda pack: {} ({})", m.title, uk_date(day)))
        .header("X-Unsent", Raw::new("1"))
        .text_body(body)
        .attachment("application/pdf", draft.pack_name, draft.pack.to_vec())
        .attachment("text/calendar; charset=utf-8; method=PUBLISH", "invitation.ics", draft.invite.as_bytes().to_vec());
    message.write_to_vec().map_err(|e| ApiError::new(ErrorKind::Internal, format!("The email draft could not be written: {e}")))
}

/// A Message-ID that says nothing about the machine: mail-builder's own ends in the
/// host name, which would travel with every draft sent. Random, as a Message-ID must be
/// unique; the domain is reserved (RFC 2606), so it can never name a real one.
pub(crate) fn message_id() -> String {
    use rand::Rng;
    let id: u128 = rand::thread_rng().r#gen();
    format!("{id:032x}@secretariat.invalid")
}

/// The open call for nominations as an email draft, the notice attached (ToR §14).
pub fn call_email(group_name: &str, call: &secretariat_documents::CallForNominations, pdf_name: &str, pdf: &[u8]) -> ApiResult<Vec<u8>> {
    use mail_builder::MessageBuilder;
    use mail_builder::headers::raw::Raw;
    let mut body =
        format!("Dear colleagues,\n\nThe {group_name} invites nominations for {}.\n\nNominations close on {}.\n\nWho can stand\n", call.seats, call.closes_on);
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
        .message_id(message_id())
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
    use chrono::{NaiveDateTime, Offset};
    use icalendar::parser::{Component as Parsed, read_calendar, unfold};

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

    fn prop<'a>(c: &'a Parsed<'a>, name: &str) -> &'a str {
        c.find_prop(name).unwrap_or_else(|| panic!("{} has no {name}", c.name.as_str())).val.as_str()
    }

    /// `+0100` as seconds.
    fn seconds(offset: &str) -> i32 {
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let digits = &offset[1..];
        sign * (digits[0..2].parse::<i32>().unwrap() * 3600 + digits[2..4].parse::<i32>().unwrap() * 60)
    }

    /// Parses the file with the icalendar crate's parser and checks what RFC 5545 asks of
    /// times with a TZID: each names a VTIMEZONE in the file, and the onset in force at
    /// that local time gives the offset the tz database gives.
    fn check_time_zones(ics: &str) -> Vec<String> {
        let unfolded = unfold(ics);
        let calendar = read_calendar(&unfolded).expect("a parser reads the file");
        let zones: Vec<&Parsed> = calendar.components.iter().filter(|c| c.name.as_str() == "VTIMEZONE").collect();
        let mut checked = Vec::new();
        for event in calendar.components.iter().filter(|c| c.name.as_str() == "VEVENT") {
            for name in ["DTSTART", "DTEND"] {
                let property = event.find_prop(name).unwrap();
                let tzid = property.params.iter().find(|p| p.key.as_str() == "TZID").and_then(|p| p.val.as_ref()).expect("a TZID").as_str();
                let zone = zones.iter().find(|z| prop(z, "TZID") == tzid).unwrap_or_else(|| panic!("TZID={tzid} names no VTIMEZONE:\n{ics}"));
                let local = NaiveDateTime::parse_from_str(property.val.as_str(), "%Y%m%dT%H%M%S").unwrap();
                let onsets: Vec<(NaiveDateTime, &str)> = zone
                    .components
                    .iter()
                    .map(|o| {
                        assert!(["STANDARD", "DAYLIGHT"].contains(&o.name.as_str()));
                        prop(o, "TZOFFSETFROM");
                        (NaiveDateTime::parse_from_str(prop(o, "DTSTART"), "%Y%m%dT%H%M%S").unwrap(), prop(o, "TZOFFSETTO"))
                    })
                    .collect();
                let (_, offset) = onsets.iter().filter(|(at, _)| *at <= local).max_by_key(|(at, _)| *at).expect("an onset before the event");
                let tz: Tz = tzid.parse().unwrap();
                let expected = tz.from_local_datetime(&local).single().unwrap().offset().fix().local_minus_utc();
                assert_eq!(seconds(offset), expected, "{name} {local} in {tzid}:\n{ics}");
                checked.push(format!("{tzid} {local} {offset}"));
            }
        }
        checked
    }

    #[test]
    fn the_calendar_carries_the_vtimezone_its_tzid_names_and_a_parser_reads_it() {
        let meetings = [meeting(1, "2027-01-12 14:00"), meeting(2, "2027-06-08 14:00"), meeting(3, "2027-12-14 14:00")];
        let ics = calendar("Interop WG", "Europe/London", &meetings).unwrap();
        assert_eq!(
            check_time_zones(&ics),
            [
                "Europe/London 2027-01-12 14:00:00 +0000",
                "Europe/London 2027-01-12 16:00:00 +0000",
                "Europe/London 2027-06-08 14:00:00 +0100",
                "Europe/London 2027-06-08 16:00:00 +0100",
                "Europe/London 2027-12-14 14:00:00 +0000",
                "Europe/London 2027-12-14 16:00:00 +0000",
            ]
        );
        // The changes of 2027, from the tz database: BST from 01:00 GMT on 28 March to 02:00 BST on 31 October.
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT"), "{ics}");
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20271031T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD"), "{ics}");
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
        assert!(ics.find("END:VTIMEZONE").unwrap() < ics.find("BEGIN:VEVENT").unwrap());
        assert_eq!(calendar("Interop WG", "Europe/London", &meetings).unwrap(), ics, "the same meetings give the same bytes");
    }

    #[test]
    fn any_zone_of_the_tz_database_gets_its_own_rules() {
        for (zone, at) in [("America/New_York", "2026-03-08 14:00"), ("Australia/Sydney", "2026-04-05 14:00"), ("Asia/Kolkata", "2026-12-08 09:30")] {
            let ics = calendar("Interop WG", zone, &[meeting(1, at), meeting(2, "2027-07-01 10:00")]).unwrap();
            assert_eq!(check_time_zones(&ics).len(), 4, "{zone}");
        }
        let unknown = calendar("Interop WG", "Middle/Earth", &[meeting(1, "2026-12-08 14:00")]).unwrap_err();
        assert_eq!(unknown.field.as_deref(), Some("time_zone"));
        assert!(unknown.message.contains("Middle/Earth"), "{}", unknown.message);
    }

    #[test]
    fn the_calendar_name_is_escaped_as_text() {
        let name = "Smith, Jones; Partners \\ Co";
        let ics = calendar(name, "Europe/London", &[meeting(1, "2026-12-08 14:00")]).unwrap();
        assert!(ics.contains("NAME:Smith\\, Jones\\; Partners \\\\ Co\r\n"), "{ics}");
        let unfolded = unfold(&ics);
        let parsed = read_calendar(&unfolded).unwrap();
        for key in ["NAME", "X-WR-CALNAME"] {
            let value = parsed.properties.iter().find(|p| p.name.as_str() == key).unwrap().val.clone().unescape_text();
            assert_eq!(value.as_str(), name, "{key}");
        }
    }

    fn draft_bytes() -> Vec<u8> {
        let m = meeting(1, "2026-12-08 14:00");
        let recipients = [Recipient { name: "Ada Lovelace".into(), email: "ada@example.org".into() }];
        email_draft(&Draft {
            group_name: "Interop WG",
            meeting: &m,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            agenda_lines: vec![],
            recipients: &recipients,
            pack_name: "pack.pdf",
            pack: b"%PDF-1.7",
            invite: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        })
        .unwrap()
    }

    #[test]
    fn the_draft_message_id_does_not_carry_the_host_name() {
        let host = gethostname::gethostname().into_string().unwrap();
        assert!(!host.is_empty());
        let call = secretariat_documents::CallForNominations {
            group: "Interop WG".into(),
            title: "Election of supplier members 2027".into(),
            issued_on: String::new(),
            closes_on: String::new(),
            seats: String::new(),
            term: String::new(),
            eligibility: vec![],
            how_to_nominate: vec![],
            constraints: vec![],
            returning_officer: String::new(),
        };
        for eml in [draft_bytes(), call_email("Interop WG", &call, "call.pdf", b"%PDF-1.7").unwrap()] {
            let message = mail_parser::MessageParser::default().parse(&eml).unwrap();
            let id = message.message_id().expect("a Message-ID");
            assert!(id.ends_with("@secretariat.invalid"), "{id}");
            let text = String::from_utf8_lossy(&eml);
            assert!(!text.contains(&host), "the host name {host} is in the draft:\n{text}");
        }
        assert_ne!(draft_bytes(), draft_bytes(), "each draft has its own Message-ID");
    }

    #[test]
    fn a_draft_to_a_recorded_address_that_would_add_a_recipient_is_refused() {
        let m = meeting(1, "2026-12-08 14:00");
        let recipients = [
            Recipient { name: "Ada Lovelace".into(), email: "ada@example.org".into() },
            Recipient { name: "Eve Example".into(), email: "a@example.org>,<b@example.net".into() },
        ];
        let refused = check_recipients(&recipients).unwrap_err();
        assert!(refused.message.starts_with("The draft was not written: Eve Example is recorded with the email address"), "{}", refused.message);
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
