//! The documents a group's data makes: what goes into each, in words people read.
//! Typesetting is `secretariat-documents`' job; this module only gathers.

use crate::error::{ApiError, ApiResult, ErrorKind};
use chrono::NaiveDate;
use secretariat_documents::{CompositionLine, FindingLine, MembershipReport, PersonLine, SeatLine, SettingLine};
use secretariat_rules::{Role, SeatKind, Severity, evaluate, uk_date};
use secretariat_store::Store;
use std::collections::HashMap;

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Sro => "SRO",
        Role::Chair => "Chair",
        Role::ViceChair => "Vice-Chair",
    }
}

/// The membership list and composition report of a group on a day.
pub async fn membership(store: &Store, group_id: i64, on: NaiveDate, today: NaiveDate) -> ApiResult<MembershipReport> {
    let group = store.group(group_id).await?;
    let register = store.register(group_id).await?;
    let seats = store.seats(group_id, on).await?;
    let people = store.people(group_id, on).await?;
    let appointments = store.appointments(group_id).await?;
    let invitees = store.invitees(group_id, on).await?;
    let findings = evaluate(&register, on);
    // The rules and the facts in force on the report's date (issue #14).
    let settings = &register.settings_on(on);

    let mut roles: HashMap<i64, Vec<&str>> = HashMap::new();
    for a in appointments.iter().filter(|a| a.from <= on && a.to.is_none_or(|to| on <= to)) {
        roles.entry(a.person_id).or_default().push(role_label(a.role));
    }
    for i in invitees.iter().filter(|i| i.from <= on && i.to.is_none_or(|to| on <= to)) {
        roles.entry(i.person_id).or_default().push("Standing invitee");
    }
    let holders: HashMap<i64, &str> = seats.iter().filter_map(|s| s.holder.as_ref().map(|h| (h.person_id, s.title.as_str()))).collect();
    // Members and invitees, not everyone in the register.
    let listed: Vec<PersonLine> = people
        .iter()
        .filter(|p| holders.contains_key(&p.id) || roles.contains_key(&p.id))
        .map(|p| PersonLine {
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            job_title: p.job_title.clone(),
            email: p.email.clone(),
            role: roles.get(&p.id).map(|r| r.join(", ")),
        })
        .collect();

    let suppliers: Vec<_> = seats.iter().filter(|s| s.kind == SeatKind::Supplier).collect();
    let filled = seats.iter().filter(|s| s.holder.is_some()).count();
    let supplier_filled = suppliers.iter().filter(|s| s.holder.is_some()).count();
    let smes = suppliers.iter().filter(|s| s.holder.as_ref().is_some_and(|h| h.sme)).count();
    let mut per_org: HashMap<&str, usize> = HashMap::new();
    for s in &suppliers {
        if let Some(org) = s.holder.as_ref().and_then(|h| h.organisation.as_deref()) {
            *per_org.entry(org).or_default() += 1;
        }
    }
    let most = per_org.values().copied().max().unwrap_or(0);
    let line = |label: &str, value: String, tor: Option<u8>| CompositionLine { label: label.to_owned(), value, tor: tor.map(|t| format!("ToR §{t}")) };
    let composition = vec![
        line("Members", format!("{filled} of {} seats filled (about {} expected)", seats.len(), settings.target_size), Some(10)),
        line(
            "Stakeholder members",
            format!("{} of {}", seats.iter().filter(|s| s.kind == SeatKind::Stakeholder && s.holder.is_some()).count(), settings.stakeholder_seats),
            Some(11),
        ),
        line("Supplier members", format!("{supplier_filled} of {}", settings.supplier_seats), Some(12)),
        line("Supplier members from an SME", format!("{smes} (at least {} required)", settings.min_sme_suppliers), Some(13)),
        line("Most supplier members from one organisation", format!("{most} (at most {} allowed)", settings.max_members_per_organisation), Some(14)),
        line(
            "Breaches, warnings, notices",
            format!(
                "{}, {}, {}",
                findings.iter().filter(|f| f.severity == Severity::Breach).count(),
                findings.iter().filter(|f| f.severity == Severity::Warning).count(),
                findings.iter().filter(|f| f.severity == Severity::Notice).count()
            ),
            None,
        ),
    ];

    // ToR §7: the members by their employer's size and sector, every quarter over two years,
    // each as it was recorded on that day.
    let days: Vec<NaiveDate> = (0..=8u32).rev().filter_map(|q| on.checked_sub_months(chrono::Months::new(q * 3))).collect();
    let mut counts: Vec<(String, u32, u32, HashMap<String, u32>)> = Vec::new();
    for day in &days {
        let register_day = register.on(*day);
        let (mut sme, mut large, mut sectors) = (0, 0, HashMap::new());
        for m in &register_day.members {
            let Some(employer) = m.employer else { continue };
            if register_day.sme(employer) {
                sme += 1
            } else {
                large += 1
            }
            let sector = employer.facts.on(*day).sector.trim();
            *sectors.entry(if sector.is_empty() { "Sector not recorded".to_owned() } else { sector.to_owned() }).or_insert(0u32) += 1;
        }
        counts.push((day.format("%b %Y").to_string(), sme, large, sectors));
    }
    let mut sector_names: Vec<String> = counts.iter().flat_map(|c| c.3.keys().cloned()).collect();
    sector_names.sort();
    sector_names.dedup();
    let total = |name: &String| counts.iter().map(|c| c.3.get(name).copied().unwrap_or(0)).sum::<u32>();
    sector_names.sort_by_key(|name| std::cmp::Reverse(total(name)));
    let mix = counts
        .iter()
        .map(|(label, sme, large, sectors)| secretariat_documents::MixPoint {
            label: label.clone(),
            sme: *sme,
            large: *large,
            by_sector: sector_names.iter().map(|n| sectors.get(n).copied().unwrap_or(0)).collect(),
        })
        .collect();

    Ok(MembershipReport {
        mix,
        sectors: sector_names,
        group_name: group.name.clone(),
        date: uk_date(on),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
        seats: seats
            .iter()
            .map(|s| SeatLine {
                seat: s.title.clone(),
                kind: match s.kind {
                    SeatKind::Stakeholder => "Stakeholder".into(),
                    SeatKind::Supplier => "Supplier".into(),
                },
                holder: s.holder.as_ref().map(|h| h.name.clone()),
                organisation: s.holder.as_ref().and_then(|h| h.organisation.clone()),
                sme: s.holder.as_ref().is_some_and(|h| h.sme),
                term_start: s.holder.as_ref().map(|h| uk_date(h.term_start)),
                term_end: s.holder.as_ref().map(|h| uk_date(h.term_end)),
            })
            .collect(),
        people: listed,
        composition,
        findings: findings
            .iter()
            .map(|f| FindingLine {
                severity: match f.severity {
                    Severity::Breach => "Breach".into(),
                    Severity::Warning => "Warning".into(),
                    Severity::Notice => "Notice".into(),
                },
                tor: f.tor.to_string(),
                message: f.message.clone(),
                when: f.when(),
            })
            .collect(),
        settings: settings.describe().into_iter().map(|l| SettingLine { label: l.label, value: l.value, tor: l.tor.map(|t| t.to_string()) }).collect(),
    })
}

pub(crate) fn typeset_error(error: secretariat_documents::DocumentError) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("The document could not be typeset: {error}"))
}

/// A meeting's agenda as the documents show it, and its papers' files in agenda order.
pub async fn agenda(
    store: &Store,
    group_id: i64,
    meeting_id: i64,
    today: NaiveDate,
) -> ApiResult<(secretariat_documents::Agenda, Vec<secretariat_documents::PaperFile>)> {
    use secretariat_documents::{Agenda, AgendaLine, PaperFile, PaperLine};
    use secretariat_rules::meetings::{publication_deadline, publish_by, start_times};
    let group = store.group(group_id).await?;
    let detail = store.meeting_detail(group_id, meeting_id).await?;
    let m = &detail.meeting;
    let day = m.starts_at.date();
    // The lead time in force on the meeting's day (ToR §20, as amended by then).
    let lead = store.rules_on(group_id, day).await?.publication_lead_days;
    let ahead = if lead == 7 { "a week".to_owned() } else { format!("{lead} day{}", if lead == 1 { "" } else { "s" }) };
    let deadline = publication_deadline(day, lead);
    let minutes: Vec<u32> = detail.items.iter().map(|i| i.input.minutes).collect();
    let starts = start_times(m.starts_at.time(), &minutes);
    // Open actions from earlier meetings are listed under "Matters arising".
    let arising: Vec<String> = store
        .actions(group_id)
        .await?
        .into_iter()
        .filter(|a| a.status == secretariat_store::ActionStatus::Open && a.meeting_starts_at < m.starts_at)
        .map(|a| format!("Action: {} ({}, due {})", a.description, a.owner, uk_date(a.due_on)))
        .collect();
    // Standing items draw from the work registers: "Horizon scanning" lists the horizon items
    // changed since the last meeting (ToR §5a), "Consultations" those open (ToR §3a).
    let since = store.meeting_before(group_id, meeting_id).await?.map_or(day - chrono::Days::new(31), |prev| prev.starts_at.date());
    let horizon: Vec<String> = store
        .work_changed_between(group_id, Some(secretariat_rules::work::WorkKind::Horizon), since, day)
        .await?
        .into_iter()
        .map(|e| format!("{} ({}, {} since {}; ToR §5a)", e.title, e.source, e.status.label().to_lowercase(), uk_date(e.reviewed_on)))
        .collect();
    let consultations: Vec<String> = store
        .work_entries(group_id, Some(secretariat_rules::work::WorkKind::Consultation))
        .await?
        .into_iter()
        .filter(|e| e.status == secretariat_rules::work::WorkStatus::Open && e.opened_on <= day)
        .map(|e| match e.deadline {
            Some(deadline) => format!("{} ({}; deadline {}; ToR §3a)", e.title, e.source, uk_date(deadline)),
            None => format!("{} ({}; ToR §3a)", e.title, e.source),
        })
        .collect();
    let standing = |title: &str| -> Vec<String> {
        let title = title.trim().to_lowercase();
        if title.contains("matters arising") {
            arising.clone()
        } else if title == "horizon scanning" {
            horizon.clone()
        } else if title == "consultations" {
            consultations.clone()
        } else if title == secretariat_rules::work::DECLARATIONS_ITEM.to_lowercase() {
            vec!["Members declare any interest in the business of this meeting, item by item; each declaration is minuted under this item.".to_owned()]
        } else {
            vec![]
        }
    };
    let publication = match m.published_on {
        Some(on) => format!("Published on {} (ToR §20: {ahead} ahead of the meeting, by {}).", uk_date(on), uk_date(deadline)),
        None => match publish_by(day, lead, group.settings.bank_holidays) {
            by if by == deadline => format!("To be published by {} (ToR §20: {ahead} ahead of the meeting).", uk_date(deadline)),
            by => format!("To be published by {} (ToR §20: {ahead} ahead of the meeting is {}, not a working day).", uk_date(by), uk_date(deadline)),
        },
    };
    let agenda = Agenda {
        group_name: group.name.clone(),
        meeting_title: m.title.clone(),
        when: format!("{}, {}–{} ({})", uk_date(day), m.starts_at.format("%H:%M"), m.ends_at.format("%H:%M"), group.settings.time_zone),
        venue: m.venue.clone(),
        online_link: m.online_link.clone(),
        publication,
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
        items: detail
            .items
            .iter()
            .zip(starts)
            .enumerate()
            .map(|(n, (item, start))| AgendaLine {
                number: (n + 1).to_string(),
                start: start.format("%H:%M").to_string(),
                title: item.input.title.clone(),
                purpose: item.input.purpose.label().to_owned(),
                presenter: item.presenter.clone(),
                minutes: item.input.minutes,
                private: item.input.private,
                papers: item
                    .papers
                    .iter()
                    .map(|p| PaperLine { key: format!("p{}v{}", p.id, p.version), title: p.title.clone(), supplement: p.supplement })
                    .collect(),
                notes: standing(&item.input.title),
            })
            .collect(),
    };
    let papers = store
        .meeting_papers(group_id, meeting_id)
        .await?
        .into_iter()
        .map(|p| PaperFile { key: format!("p{}v{}", p.paper_id, p.version), bytes: p.bytes })
        .collect();
    Ok((agenda, papers))
}
