//! The Terms of Reference through the `Session` (issue #14): the rules in force on a day with
//! their paragraphs, amendments (previewed against the findings Home shows, then recorded with
//! the meeting and decision that agreed them, or withdrawn when recorded by mistake), the text
//! of the Terms of Reference kept with the group, and the consolidated Terms of Reference PDF.

use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use chrono::NaiveDate;
use secretariat_rules::amendments::{AmendmentEffect, check_amendment, effect};
use secretariat_rules::register::{Id, Seat};
use secretariat_rules::{GroupSettings, Register, RuleSwitch, Tor, TorSetting, uk_date};
use secretariat_store::{AmendmentDecision, AmendmentInput, AmendmentMeeting, AmendmentView, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The rules in force on a day, for the Settings screen and `secretariat tor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TorView {
    pub on: NaiveDate,
    /// The first day an amendment may take effect: the group's first recorded day.
    pub existed_from: NaiveDate,
    /// Every amendable setting, in the order of the Terms of Reference, as in force on `on`.
    pub lines: Vec<TorLine>,
    /// The rules the group's Terms of Reference do not have on `on`.
    pub not_applying: Vec<RuleOff>,
    /// Every amendment, in the order they apply.
    pub amendments: Vec<AmendmentView>,
    /// The amendment that may be withdrawn: the most recently recorded.
    pub withdrawable: Option<Id>,
    /// The group's own text of its Terms of Reference; empty when none is kept.
    pub tor_text: String,
    /// The group's meetings and decisions, to say which agreed an amendment.
    pub meetings: Vec<AmendmentMeeting>,
    pub decisions: Vec<AmendmentDecision>,
}

/// One setting of the Terms of Reference as in force on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TorLine {
    pub setting: TorSetting,
    pub key: String,
    pub label: String,
    pub tor: Tor,
    /// The value (for a rule, 1 applies and 0 does not).
    pub value: u32,
    /// As a person reads it: "3", "24 months", "80%", "applies".
    pub described: String,
    /// False for a number whose rule the group's Terms of Reference do not have on the day.
    pub applies: bool,
    /// A rule on or off rather than a number.
    pub switch: bool,
    /// The first day of the amendment that set this value, if one did.
    pub amended_from: Option<NaiveDate>,
}

/// A rule the group's Terms of Reference do not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleOff {
    pub rule: RuleSwitch,
    pub label: String,
    pub tor: Tor,
}

/// An amendment, to preview or to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AmendTor {
    pub group_id: i64,
    pub input: AmendmentInput,
}

/// What an amendment would change in the findings Home shows, before it is saved; or why it
/// cannot be made, at its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentPreview {
    pub effect: Option<AmendmentEffect>,
    pub problem: Option<ApiError>,
}

/// An amendment recorded by mistake, withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfAmendment {
    pub group_id: i64,
    pub amendment_id: i64,
}

/// The text of the Terms of Reference kept with the group's rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetTorText {
    pub group_id: i64,
    pub text: String,
}

/// The rule a number belongs to, when a Terms of Reference may not have it at all.
fn rule_of(setting: TorSetting) -> Option<RuleSwitch> {
    match setting {
        TorSetting::MinSmeSuppliers => Some(RuleSwitch::SmeMinimum),
        TorSetting::MaxMembersPerOrganisation => Some(RuleSwitch::OnePerCompany),
        TorSetting::StrikeAbsences => Some(RuleSwitch::StrikePolicy),
        _ => None,
    }
}

fn lines(settings: &GroupSettings, amendments: &[secretariat_rules::Amendment], on: NaiveDate) -> Vec<TorLine> {
    TorSetting::ALL
        .into_iter()
        .map(|setting| {
            let value = setting.get(settings);
            TorLine {
                setting,
                key: setting.key().to_owned(),
                label: setting.label().to_owned(),
                tor: setting.tor(),
                value,
                described: setting.describe(value),
                applies: rule_of(setting).is_none_or(|rule| settings.applies(rule)),
                switch: setting.is_switch(),
                amended_from: amendments.iter().filter(|a| a.setting == setting && a.from <= on).map(|a| a.from).max(),
            }
        })
        .collect()
}

fn rules_off(settings: &GroupSettings) -> Vec<RuleOff> {
    RuleSwitch::ALL.into_iter().filter(|r| !settings.applies(*r)).map(|rule| RuleOff { rule, label: rule.label().to_owned(), tor: rule.tor() }).collect()
}

/// The register as it would be with `input` recorded: the amendment in force from its date, and
/// the seats its plan adds (ids that no stored seat has) or retires.
fn amended_register(register: &Register, existed: NaiveDate, input: &AmendmentInput) -> Result<Register, secretariat_rules::SettingsError> {
    let amendment = input.amendment();
    let plan = check_amendment(register, existed, &amendment)?;
    let mut after = register.clone();
    after.amendments.push(amendment);
    if let Some(kind) = input.setting.seat_kind() {
        let mut next_id = -1;
        for position in plan.add {
            let mut seat = Seat::new(
                next_id,
                kind,
                position,
                format!("{} seat {position}", if kind == secretariat_rules::SeatKind::Supplier { "Supplier" } else { "Stakeholder" }),
            );
            seat.added = Some(input.from);
            after.seats.push(seat);
            next_id -= 1;
        }
        for seat in after.seats.iter_mut().filter(|s| plan.retire.contains(&s.id)) {
            seat.retired = Some(input.from);
        }
    }
    Ok(after)
}

impl Session {
    /// The rules in force on `on` (today when none), with the amendments and the choices the
    /// amendment form offers.
    pub async fn tor(&self, group_id: i64, on: Option<NaiveDate>) -> ApiResult<TorView> {
        let store = self.open_store().await?;
        let on = on.unwrap_or_else(|| self.today());
        let group = store.group(group_id).await?;
        let amendments = store.amendments(group_id).await?;
        let settings = group.settings.amended(&amendments, on);
        let views = store.amendment_views(group_id).await?;
        let meetings =
            store.meeting_summaries(group_id).await?.into_iter().rev().map(|m| AmendmentMeeting { id: m.id, title: m.title, on: m.starts_at.date() }).collect();
        let mut decisions: Vec<AmendmentDecision> =
            store.decisions(group_id).await?.into_iter().map(|d| AmendmentDecision { id: d.id, decided_on: d.decided_on, text: d.text }).collect();
        decisions.sort_by(|a, b| b.decided_on.cmp(&a.decided_on).then(b.id.cmp(&a.id)));
        Ok(TorView {
            on,
            existed_from: store.existed_from(group_id).await?,
            lines: lines(&settings, &amendments, on),
            not_applying: rules_off(&settings),
            withdrawable: views.iter().map(|a| a.id).max(),
            amendments: views,
            tor_text: store.tor_text(group_id).await?,
            meetings,
            decisions,
        })
    }

    /// What an amendment would change in the findings Home shows, judged on its first day or
    /// today if that is later; or why it cannot be made. Nothing is saved.
    pub async fn preview_amendment(&self, request: AmendTor) -> ApiResult<AmendmentPreview> {
        let store = self.open_store().await?;
        let group_id = request.group_id;
        let register = store.register(group_id).await?;
        let existed = store.existed_from(group_id).await?;
        let after = match amended_register(&register, existed, &request.input) {
            Ok(after) => after,
            Err(e) => return Ok(AmendmentPreview { effect: None, problem: Some(ApiError::invalid(e.field, e.message)) }),
        };
        let on = self.today().max(request.input.from);
        let attendance = store.attendance_record(group_id).await?;
        let before = self.findings_in(&store, &register, &attendance, group_id, on).await?;
        let after = self.findings_in(&store, &after, &attendance, group_id, on).await?;
        Ok(AmendmentPreview { effect: Some(effect(on, &before, &after)), problem: None })
    }

    /// Records an amendment (checked as the preview checks it); the rules in force today.
    pub async fn amend_tor(&self, request: AmendTor) -> ApiResult<TorView> {
        let store = self.open_store().await?;
        store.amend_tor(request.group_id, &request.input).await?;
        self.tor(request.group_id, None).await
    }

    /// Withdraws the most recently recorded amendment (a mistake), with the seats it changed.
    pub async fn withdraw_amendment(&self, request: OfAmendment) -> ApiResult<TorView> {
        let store = self.open_store().await?;
        store.withdraw_amendment(request.group_id, request.amendment_id).await?;
        self.tor(request.group_id, None).await
    }

    /// Keeps the text of the group's Terms of Reference with its rules.
    pub async fn set_tor_text(&self, request: SetTorText) -> ApiResult<TorView> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_tor_text(request.group_id, &request.text).await).await?;
        self.tor(request.group_id, None).await
    }

    /// The consolidated Terms of Reference on `on`: the data for its PDF.
    pub(crate) async fn terms_of_reference(&self, store: &Store, group_id: i64, on: NaiveDate) -> ApiResult<secretariat_documents::TermsOfReference> {
        use secretariat_documents::{TermsOfReference, TorAmendment, TorRule};
        let group = store.group(group_id).await?;
        let amendments = store.amendments(group_id).await?;
        let settings = group.settings.amended(&amendments, on);
        let rules = lines(&settings, &amendments, on)
            .into_iter()
            .filter(|line| !line.switch)
            .map(|line| TorRule {
                paragraph: line.tor.to_string(),
                note: match (line.applies, line.amended_from) {
                    (false, _) => "Does not apply: the rule is not in the Terms of Reference".to_owned(),
                    (true, Some(from)) => format!("Amended from {}", uk_date(from)),
                    (true, None) => String::new(),
                },
                label: line.label,
                value: line.described,
            })
            .collect();
        let amendments = store
            .amendment_views(group_id)
            .await?
            .into_iter()
            .map(|a| TorAmendment {
                from: uk_date(a.from),
                paragraph: a.tor.to_string(),
                setting: a.label.clone(),
                was: a.previous.clone(),
                now: a.value.clone(),
                meeting: a.meeting.as_ref().map_or_else(|| "\u{2014}".to_owned(), |m| format!("{}, {}", m.title, uk_date(m.on))),
                agreed: [a.decision.as_ref().map(|d| format!("Decision of {}: {}", uk_date(d.decided_on), d.text)), Some(a.note.clone())]
                    .into_iter()
                    .flatten()
                    .filter(|t| !t.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(". "),
                later: a.from > on,
            })
            .collect();
        Ok(TermsOfReference {
            group_name: group.name,
            date: uk_date(on),
            generated: format!("Generated by Secretariat on {}", uk_date(self.today())),
            rules,
            not_applying: rules_off(&settings).into_iter().map(|r| format!("{} ({})", r.label, r.tor)).collect(),
            amendments,
            text: store.tor_text(group_id).await?,
        })
    }
}
