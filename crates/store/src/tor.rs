//! The group's Terms of Reference through time (issue #14): its amendments, each a setting's
//! new value from a date with the meeting and decision that agreed it, the seats an amendment
//! of a seat count adds or retires, the withdrawal of a mistaken amendment, and the text of the
//! Terms of Reference kept with the group.
//!
//! Whether an amendment may be made is the rules' `check_amendment`; this module records it in
//! one transaction with its seats and its audit row. The rules in force on a day are
//! [`Store::rules_on`] (reads) and [`Writer::tor_number_on`] (inside a write).

use crate::Store;
use crate::error::{Result, StoreError};
use crate::fields::invalid;
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::register::Id;
use secretariat_rules::{Amendment, GroupSettings, Register, Tor, TorSetting, amendments::check_amendment};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// An amendment as a person makes it: the setting, its new value (for a rule, 1 applies and
/// 0 does not), the first day it is in force, and who agreed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AmendmentInput {
    pub setting: TorSetting,
    pub value: u32,
    pub from: NaiveDate,
    /// The meeting that agreed it, if recorded.
    pub meeting_id: Option<Id>,
    /// The decision (ToR §22) that agreed it, if recorded.
    pub decision_id: Option<Id>,
    /// Who agreed it and how, where there is no decision to cite.
    pub note: String,
}

impl AmendmentInput {
    /// The amendment the rules check (not yet recorded, so with no id).
    pub fn amendment(&self) -> Amendment {
        Amendment {
            id: Id::MAX,
            setting: self.setting,
            value: self.value,
            from: self.from,
            meeting: self.meeting_id,
            decision: self.decision_id,
            note: self.note.clone(),
        }
    }
}

/// An amendment as the Settings screen, `tor --history` and the consolidated Terms of
/// Reference list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentView {
    pub id: Id,
    pub setting: TorSetting,
    /// The setting's key (`min_sme_suppliers`, `rule.strike_policy`).
    pub key: String,
    pub label: String,
    pub tor: Tor,
    /// The value in force the day before, as a person reads it ("2", "24 months", "applies").
    pub previous: String,
    /// The new value, as a person reads it.
    pub value: String,
    pub from: NaiveDate,
    pub meeting: Option<AmendmentMeeting>,
    pub decision: Option<AmendmentDecision>,
    pub note: String,
    /// UTC instant, RFC 3339.
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentMeeting {
    pub id: Id,
    pub title: String,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentDecision {
    pub id: Id,
    pub decided_on: NaiveDate,
    pub text: String,
}

impl AmendmentView {
    /// "Supplier members from an SME (at least): 2 → 3".
    pub fn change(&self) -> String {
        format!("{}: {} \u{2192} {}", self.label, self.previous, self.value)
    }
}

fn corrupt(setting: &str) -> StoreError {
    StoreError::Database(format!("unexpected setting '{setting}' in the amendments"))
}

impl Store {
    /// The group's amendments of its Terms of Reference, in the order they apply.
    pub async fn amendments(&self, group: GroupId) -> Result<Vec<Amendment>> {
        sqlx::query_as::<_, (Id, String, u32, NaiveDate, Option<Id>, Option<Id>, String)>(
            "SELECT id, setting, value, from_date, meeting_id, decision_id, note FROM tor_amendments WHERE group_id = ? ORDER BY from_date, id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, setting, value, from, meeting, decision, note)| {
            let setting = TorSetting::parse(&setting).ok_or_else(|| corrupt(&setting))?;
            Ok(Amendment { id, setting, value, from, meeting, decision, note })
        })
        .collect()
    }

    /// The amendments as people read them, in the order they apply.
    pub async fn amendment_views(&self, group: GroupId) -> Result<Vec<AmendmentView>> {
        type Row = (Id, String, u32, u32, NaiveDate, Option<Id>, Option<String>, Option<String>, Option<Id>, Option<NaiveDate>, Option<String>, String, String);
        sqlx::query_as::<_, Row>(
            "SELECT a.id, a.setting, a.previous, a.value, a.from_date, m.id, m.title, m.starts_at, d.id, d.decided_on, d.text, a.note, a.recorded_at \
             FROM tor_amendments a \
             LEFT JOIN meetings m ON m.id = a.meeting_id \
             LEFT JOIN decisions d ON d.id = a.decision_id \
             WHERE a.group_id = ? ORDER BY a.from_date, a.id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, key, previous, value, from, meeting_id, title, starts_at, decision_id, decided_on, text, note, recorded_at)| {
            let setting = TorSetting::parse(&key).ok_or_else(|| corrupt(&key))?;
            let meeting = match (meeting_id, title, starts_at) {
                (Some(id), Some(title), Some(starts_at)) => {
                    let on = NaiveDate::parse_from_str(starts_at.get(..10).unwrap_or_default(), "%Y-%m-%d").map_err(|_| corrupt(&starts_at))?;
                    Some(AmendmentMeeting { id, title, on })
                }
                _ => None,
            };
            let decision = match (decision_id, decided_on, text) {
                (Some(id), Some(decided_on), Some(text)) => Some(AmendmentDecision { id, decided_on, text }),
                _ => None,
            };
            Ok(AmendmentView {
                id,
                setting,
                key,
                label: setting.label().to_owned(),
                tor: setting.tor(),
                previous: setting.describe(previous),
                value: setting.describe(value),
                from,
                meeting,
                decision,
                note,
                recorded_at,
            })
        })
        .collect()
    }

    /// The group's rules in force on `on`: as it began, with every amendment by then applied.
    pub async fn rules_on(&self, group: GroupId, on: NaiveDate) -> Result<GroupSettings> {
        Ok(self.group(group).await?.settings.amended(&self.amendments(group).await?, on))
    }

    /// The first day the group existed: the day it was created here, or its earliest recorded
    /// term, meeting or role appointment when the register goes back further (a group set up
    /// in Secretariat years after it began).
    pub async fn existed_from(&self, group: GroupId) -> Result<NaiveDate> {
        let first: Option<String> = sqlx::query_scalar(
            "SELECT min(day) FROM ( \
                 SELECT substr(created_at, 1, 10) AS day FROM groups WHERE id = ?1 \
                 UNION ALL SELECT min(start_date) FROM terms WHERE group_id = ?1 \
                 UNION ALL SELECT min(substr(starts_at, 1, 10)) FROM meetings WHERE group_id = ?1 \
                 UNION ALL SELECT min(start_date) FROM appointments WHERE group_id = ?1)",
        )
        .bind(group)
        .fetch_one(&self.pool)
        .await?;
        let first = first.ok_or_else(|| StoreError::NotFound { what: format!("Group {group}") })?;
        NaiveDate::parse_from_str(&first, "%Y-%m-%d").map_err(|_| StoreError::Database(format!("unexpected date '{first}' for the group's start")))
    }

    /// The text of the group's Terms of Reference, as kept with its rules (empty when none is).
    pub async fn tor_text(&self, group: GroupId) -> Result<String> {
        let text: Option<String> = sqlx::query_scalar("SELECT tor_text FROM group_settings WHERE group_id = ?").bind(group).fetch_optional(&self.pool).await?;
        text.ok_or_else(|| StoreError::NotFound { what: format!("Group {group}") })
    }

    /// Records an amendment of the Terms of Reference, in one transaction: checked against the
    /// register (`check_amendment`: not before the group existed, a value that fits the rest of
    /// the rules on its date and later, a seat count not below the seats held), with the seats it
    /// adds or retires from its date, and audited. Returns its id.
    pub async fn amend_tor(&self, group: GroupId, input: &AmendmentInput) -> Result<Id> {
        let mut writer = self.begin().await?;
        // Read under the write lock: no other change can land between this read and the write.
        let register = self.register(group).await?;
        let existed = self.existed_from(group).await?;
        let id = writer.record_amendment(group, &register, existed, input).await?;
        writer.commit().await?;
        Ok(id)
    }

    /// Withdraws the group's most recently recorded amendment (a mistake), undoing the seats it
    /// added or retired; audited. A seat it added that has been filled since is refused.
    pub async fn withdraw_amendment(&self, group: GroupId, amendment: Id) -> Result<()> {
        self.write(async |w| w.withdraw_amendment(group, amendment).await).await
    }
}

impl Writer {
    /// A number of the Terms of Reference in force on `on`, inside a write: the group's own
    /// value, or the latest amendment from on or before that day.
    pub(crate) async fn tor_number_on(&mut self, group: GroupId, setting: TorSetting, on: NaiveDate) -> Result<u32> {
        let amended: Option<u32> = sqlx::query_scalar(
            "SELECT value FROM tor_amendments WHERE group_id = ? AND setting = ? AND from_date <= ? ORDER BY from_date DESC, id DESC LIMIT 1",
        )
        .bind(group)
        .bind(setting.key())
        .bind(on)
        .fetch_optional(self.conn())
        .await?;
        if let Some(value) = amended {
            return Ok(value);
        }
        let column = match setting {
            TorSetting::TermMonths => "term_months",
            TorSetting::FundsConsensusPercent => "funds_consensus_percent",
            TorSetting::PositionVolunteers => "position_volunteers",
            _ => unreachable!("only the numbers a write reads are read here"),
        };
        let sql = format!("SELECT {column} FROM group_settings WHERE group_id = ?");
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(group).fetch_one(self.conn()).await?)
    }

    async fn record_amendment(&mut self, group: GroupId, register: &Register, existed: NaiveDate, input: &AmendmentInput) -> Result<Id> {
        crate::fields::date("from", "The first day of the amendment", input.from)?;
        let note = crate::fields::optional_text("note", "The note", &input.note, 500)?;
        if let Some(meeting) = input.meeting_id {
            self.must_be_in_group("meetings", group, meeting, "meeting_id", "a meeting").await?;
        }
        if let Some(decision) = input.decision_id {
            self.must_be_in_group("decisions", group, decision, "decision_id", "a decision").await?;
        }
        let amendment = Amendment { note: note.clone(), ..input.amendment() };
        let plan = check_amendment(register, existed, &amendment).map_err(|e| invalid(e.field, e.message))?;
        let previous = input.from.pred_opt().map_or_else(|| input.setting.get(&register.settings), |day| input.setting.get(&register.settings_on(day)));
        let recorded_at = chrono::Utc::now().to_rfc3339();
        let id: Id = sqlx::query_scalar(
            "INSERT INTO tor_amendments (group_id, setting, value, previous, from_date, meeting_id, decision_id, note, recorded_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(input.setting.key())
        .bind(input.value)
        .bind(previous)
        .bind(input.from)
        .bind(input.meeting_id)
        .bind(input.decision_id)
        .bind(&note)
        .bind(&recorded_at)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "tor_amendment",
            id,
            "create",
            json!({ "setting": input.setting.key(), "value": input.value, "previous": previous, "from": input.from,
                    "meeting_id": input.meeting_id, "decision_id": input.decision_id, "note": note }),
        )
        .await?;
        if let Some(kind) = input.setting.seat_kind() {
            let noun = match kind {
                secretariat_rules::SeatKind::Stakeholder => "Stakeholder",
                secretariat_rules::SeatKind::Supplier => "Supplier",
            };
            for position in plan.add {
                let title = format!("{noun} seat {position}");
                let seat: Id =
                    sqlx::query_scalar("INSERT INTO seats (group_id, kind, position, title, added_on, added_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                        .bind(group)
                        .bind(kind.as_str())
                        .bind(position)
                        .bind(&title)
                        .bind(input.from)
                        .bind(id)
                        .fetch_one(self.conn())
                        .await?;
                self.audit(Some(group), "seat", seat, "create", json!({ "title": title, "added_on": input.from, "amendment_id": id })).await?;
            }
            for seat in plan.retire {
                sqlx::query("UPDATE seats SET retired_on = ?, retired_by = ? WHERE id = ? AND group_id = ?")
                    .bind(input.from)
                    .bind(id)
                    .bind(seat)
                    .bind(group)
                    .execute(self.conn())
                    .await?;
                self.audit(Some(group), "seat", seat, "retire", json!({ "retired_on": input.from, "amendment_id": id })).await?;
            }
        }
        Ok(id)
    }

    async fn withdraw_amendment(&mut self, group: GroupId, amendment: Id) -> Result<()> {
        let latest: Option<Id> = sqlx::query_scalar("SELECT max(id) FROM tor_amendments WHERE group_id = ?").bind(group).fetch_one(self.conn()).await?;
        let Some(latest) = latest else {
            return Err(StoreError::NotFound { what: format!("Amendment {amendment}") });
        };
        let row: Option<(String, u32, NaiveDate)> = sqlx::query_as("SELECT setting, value, from_date FROM tor_amendments WHERE id = ? AND group_id = ?")
            .bind(amendment)
            .bind(group)
            .fetch_optional(self.conn())
            .await?;
        let Some((setting, value, from)) = row else {
            return Err(StoreError::NotFound { what: format!("Amendment {amendment}") });
        };
        if amendment != latest {
            return Err(invalid("amendment", "Only the most recently recorded amendment can be withdrawn; withdraw the later ones first."));
        }
        let filled: Option<String> =
            sqlx::query_scalar("SELECT s.title FROM seats s JOIN terms t ON t.seat_id = s.id WHERE s.added_by = ? AND s.group_id = ? LIMIT 1")
                .bind(amendment)
                .bind(group)
                .fetch_optional(self.conn())
                .await?;
        if let Some(title) = filled {
            return Err(invalid("amendment", format!("{title}, which this amendment added, has had a term since; it cannot be withdrawn.")));
        }
        let added: Vec<Id> =
            sqlx::query_scalar("SELECT id FROM seats WHERE added_by = ? AND group_id = ?").bind(amendment).bind(group).fetch_all(self.conn()).await?;
        for seat in added {
            sqlx::query("DELETE FROM seats WHERE id = ?").bind(seat).execute(self.conn()).await?;
            self.audit(Some(group), "seat", seat, "delete", json!({ "amendment_id": amendment })).await?;
        }
        let retired: Vec<Id> =
            sqlx::query_scalar("SELECT id FROM seats WHERE retired_by = ? AND group_id = ?").bind(amendment).bind(group).fetch_all(self.conn()).await?;
        for seat in retired {
            sqlx::query("UPDATE seats SET retired_on = NULL, retired_by = NULL WHERE id = ?").bind(seat).execute(self.conn()).await?;
            self.audit(Some(group), "seat", seat, "unretire", json!({ "amendment_id": amendment })).await?;
        }
        sqlx::query("DELETE FROM tor_amendments WHERE id = ?").bind(amendment).execute(self.conn()).await?;
        self.audit(Some(group), "tor_amendment", amendment, "withdraw", json!({ "setting": setting, "value": value, "from": from })).await
    }

    /// Keeps the text of the group's Terms of Reference with its rules (empty to keep none).
    pub async fn set_tor_text(&mut self, group: GroupId, text: &str) -> Result<()> {
        let text = if text.trim().is_empty() {
            String::new()
        } else {
            secretariat_rules::text::multi_line(text, "The Terms of Reference text", 200_000).map_err(|e| invalid("tor_text", e.to_string()))?
        };
        let done = sqlx::query("UPDATE group_settings SET tor_text = ? WHERE group_id = ?").bind(&text).bind(group).execute(self.conn()).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: format!("Group {group}") });
        }
        self.audit(Some(group), "group", group, "tor_text", json!({ "characters": text.chars().count() })).await
    }

    async fn must_be_in_group(&mut self, table: &'static str, group: GroupId, id: Id, field: &'static str, what: &str) -> Result<()> {
        let sql = format!("SELECT 1 FROM {table} WHERE id = ? AND group_id = ?");
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(id).bind(group).fetch_optional(self.conn()).await?;
        if found.is_some() { Ok(()) } else { Err(invalid(field, format!("Choose {what} of this group."))) }
    }
}
