//! The per-field rules for one linked employee: compare each field on both
//! sides with what the last sync saw, and decide what to write and why.

use paybridge_store::{ChangeKind, ChangeRequestRecord, ChangeStatus};

use super::baseline::{Baseline, BaselineChange, Seen};
use super::fields::{FieldId, FIELDS};
use super::plan::{Directions, FieldAction, FieldPlan, Side};
use super::snapshot::{FieldValueRef, MicropaySide, WorkniceSide};
use crate::api::SyncDirection;

/// What the field rules need besides the two sides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldRules<'a> {
    pub fingerprint_key: &'a [u8; 32],
    pub directions: Directions,
    /// This employee's change requests.
    pub requests: &'a [&'a ChangeRequestRecord],
}

/// The fields' plan and what it changes in the baseline.
#[derive(Debug, Default)]
pub(crate) struct FieldsPlanned {
    pub fields: Vec<FieldPlan>,
    /// The fields whose baseline the sync moves (the rest keep theirs).
    pub recorded: Baseline,
    /// A field differs from what the last sync saw (or, with nothing seen,
    /// between the sides).
    pub changed: bool,
}

pub(crate) fn status_words(status: ChangeStatus) -> &'static str {
    match status {
        ChangeStatus::Queued => "queued to send",
        ChangeStatus::Submitted => "sent",
        ChangeStatus::Received => "received by payroll",
        ChangeStatus::PickedUp => "picked up by payroll",
        ChangeStatus::Implemented => "implemented",
        ChangeStatus::Rejected => "rejected",
    }
}

/// Why a field whose change request lost MicrOpay's answer is held.
pub(crate) fn lost_answer_reason(id: i64) -> String {
    format!(
        "change request {id} was sent to MicrOpay but its answer was lost, so Paybridge cannot \
         tell whether payroll has it and does not send it again (it could be applied twice): \
         check this employee in MicrOpay; once MicrOpay shows Worknice's value the change counts \
         as implemented, until then this field is not synced; if MicrOpay never received it, mark \
         it so (`paybridge status not-received {id}`) and the next sync sends it again"
    )
}

/// Payroll's reason for rejecting `request`, as it may be shown: a TFN or
/// an account number payroll typed into it is masked.
pub(crate) fn payroll_reason(request: &ChangeRequestRecord) -> String {
    match request.payroll_message.as_deref().map(str::trim) {
        Some(message) if !message.is_empty() => paybridge_http::mask_long_digit_runs(message),
        _ => "no reason given".to_owned(),
    }
}

/// The latest Change request carrying `field`, with the value it carries.
fn latest_request<'r>(
    requests: &[&'r ChangeRequestRecord],
    field: FieldId,
) -> Option<(&'r ChangeRequestRecord, &'r str)> {
    requests
        .iter()
        .filter(|request| request.kind == ChangeKind::Change)
        .filter_map(|request| {
            request
                .fields
                .iter()
                .find(|carried| carried.field == field.key())
                .map(|carried| (*request, carried.value.as_str()))
        })
        .max_by_key(|(request, _)| request.id)
}

fn entry(
    field: FieldId,
    action: FieldAction,
    write: Option<Side>,
    micropay: FieldValueRef<'_>,
    worknice: FieldValueRef<'_>,
    reason: String,
) -> FieldPlan {
    let (old, new, value) = match write {
        Some(Side::Worknice) => (
            Some(worknice.shown()),
            Some(micropay.shown()),
            Some(micropay),
        ),
        Some(Side::Micropay) => (
            Some(micropay.shown()),
            Some(worknice.shown()),
            Some(worknice),
        ),
        None => (None, None, None),
    };
    FieldPlan {
        field,
        label: field.label(),
        group: field.group(),
        action,
        write,
        old,
        new,
        micropay: Some(micropay.shown()),
        worknice: Some(worknice.shown()),
        reason,
        change_request: None,
        value: value.map(FieldValueRef::to_value),
    }
}

/// Marks the entry just planned as being about change request `id`.
fn about(out: &mut FieldsPlanned, id: i64) {
    if let Some(last) = out.fields.last_mut() {
        last.change_request = Some(id);
    }
}

fn changed_in_micropay_reason(field: FieldId, micropay: FieldValueRef<'_>) -> String {
    match micropay {
        FieldValueRef::Plain(date) if field == FieldId::TerminationDate && !date.is_empty() => {
            format!("terminated in MicrOpay on {date}: the termination date goes to Worknice")
        }
        _ => "changed in MicrOpay since the last sync".to_owned(),
    }
}

/// Plans every field both sides carry (a field one side was not read for
/// is left as it is).
pub(crate) fn plan_fields(
    rules: &FieldRules<'_>,
    micropay: &MicropaySide,
    worknice: &WorkniceSide,
    last: Option<&Baseline>,
) -> FieldsPlanned {
    let mut out = FieldsPlanned::default();
    for spec in &FIELDS {
        let field = spec.id;
        let (Some(m), Some(w)) = (micropay.values.get(&field), worknice.values.get(&field)) else {
            continue;
        };
        plan_field(rules, field, (m, w), (micropay, worknice), last, &mut out);
    }
    // Exactly as many as planned: a Vec grown by pushes has room for four,
    // and a first sync after a 50,000 import plans one field for a third
    // of them (a field's plan is about 180 bytes).
    out.fields = out.fields.drain(..).collect();
    out
}

impl FieldsPlanned {
    /// The baseline to record: none when no field's changed, so a sync
    /// with nothing changed writes nothing to the store.
    pub(crate) fn baseline_change(&mut self, last: Option<&Baseline>) -> BaselineChange {
        if self.recorded.is_empty() {
            return BaselineChange::Keep;
        }
        let recorded = std::mem::take(&mut self.recorded);
        BaselineChange::Put(match last {
            Some(last) => last.updated_by(&recorded),
            None => recorded.packed_tight(),
        })
    }
}

/// Notes what the sync leaves for `field`, when that is not what the last
/// sync recorded already.
fn record(
    out: &mut FieldsPlanned,
    last: Option<&Baseline>,
    field: FieldId,
    micropay: &str,
    worknice: &str,
) {
    let seen = Seen::new(micropay, worknice);
    if last.and_then(|baseline| baseline.get(&field)) != Some(seen) {
        out.recorded.insert(field, seen);
    }
}

fn plan_field(
    rules: &FieldRules<'_>,
    field: FieldId,
    (m, w): (FieldValueRef<'_>, FieldValueRef<'_>),
    (micropay, worknice): (&MicropaySide, &WorkniceSide),
    last: Option<&Baseline>,
    out: &mut FieldsPlanned,
) {
    let key = rules.fingerprint_key;
    let mr = m.recorded(field, key);
    // Equal values have equal fingerprints: one HMAC, not two.
    let wr = if m == w {
        mr.clone()
    } else {
        w.recorded(field, key)
    };
    let direction = rules.directions.of(field);
    let mut seen = last.and_then(|baseline| baseline.get(&field));
    let mut implemented = None;
    let push = |out: &mut FieldsPlanned, action, write, reason: String| {
        out.fields.push(entry(field, action, write, m, w, reason));
    };

    let latest = latest_request(rules.requests, field);
    if let Some((request, value)) = latest {
        match request.status {
            // Left queued by an earlier run: MicrOpay's answer was lost (or
            // the run died around its POST). It is never sent again, so the
            // field is held with what to do, not shown as merely waiting.
            ChangeStatus::Queued => {
                push(out, FieldAction::Held, None, lost_answer_reason(request.id));
                about(out, request.id);
                return;
            }
            status if !status.is_resolved() => {
                // MicrOpay still shows the old value: not a MicrOpay change.
                let reason = format!(
                    "waiting for payroll: change request {} is {}",
                    request.id,
                    status_words(status)
                );
                push(out, FieldAction::WaitingForPayroll, None, reason);
                about(out, request.id);
                return;
            }
            ChangeStatus::Implemented if mr == value => {
                let moved = Seen::new(&mr, value);
                // Reported once: the request stays in the store after payroll
                // answered, and a later sync must not show it again.
                if last.and_then(|baseline| baseline.get(&field)) != Some(moved) {
                    implemented = Some(request.id);
                }
                seen = Some(moved);
            }
            // Refused by MicrOpay when it was POSTed (no id: payroll never
            // saw it), not rejected by payroll: Worknice's value is held
            // with MicrOpay's words until it is corrected, not set back.
            ChangeStatus::Rejected
                if request.micropay_request_id.is_none()
                    && wr == value
                    && direction == SyncDirection::WorkniceToMicropay =>
            {
                let reason = format!(
                    "MicrOpay refused change request {} when it was sent: {}; not sent again: correct it in Worknice",
                    request.id,
                    payroll_reason(request)
                );
                push(out, FieldAction::Held, None, reason);
                about(out, request.id);
                return;
            }
            ChangeStatus::Rejected
                if wr == value && mr != wr && !micropay.held.contains_key(&field) =>
            {
                let message = payroll_reason(request);
                let reason = format!(
                    "payroll rejected change request {}: {message}; MicrOpay's value is put back in Worknice",
                    request.id
                );
                push(out, FieldAction::SetBack, Some(Side::Worknice), reason);
                about(out, request.id);
                record(out, last, field, &mr, &mr);
                out.changed = true;
                return;
            }
            _ => {}
        }
    }

    let differs = seen.as_ref().map_or(mr != wr, |seen| {
        *seen.micropay != *mr || *seen.worknice != *wr
    });
    out.changed |= differs;
    let held_in_worknice = worknice.held.get(&field);
    if let Some(reason) = micropay.held.get(&field) {
        // MicrOpay's value cannot be sent; Worknice's may replace it when
        // the group flows Worknice → MicrOpay and only Worknice changed,
        // unless payroll already rejected that very value.
        let rejected_as_is = latest
            .filter(|(request, value)| request.status == ChangeStatus::Rejected && wr == *value)
            .map(|(request, _)| request);
        let worknice_goes = direction == SyncDirection::WorkniceToMicropay
            && mr != wr
            && held_in_worknice.is_none()
            && rejected_as_is.is_none()
            && seen
                .as_ref()
                .is_none_or(|seen| *seen.micropay == *mr && *seen.worknice != *wr);
        if !worknice_goes {
            // Worknice cannot be set back to a value MicrOpay cannot send,
            // so payroll's answer is shown with the hold.
            let reason = match rejected_as_is {
                Some(request) => format!(
                    "{reason}; payroll rejected change request {}: {}",
                    request.id,
                    payroll_reason(request)
                ),
                None => reason.clone(),
            };
            push(out, FieldAction::Held, None, reason);
            if let Some(request) = rejected_as_is {
                about(out, request.id);
            }
            return;
        }
    }

    let Some(seen) = seen else {
        // The first sync after the import: equal is adopted as it is;
        // different, the group's source wins.
        if mr == wr {
            record(out, last, field, &mr, &wr);
            return;
        }
        match (direction, held_in_worknice) {
            (SyncDirection::MicropayToWorknice, _) => {
                let reason = "first sync since the import and the two differ: MicrOpay → Worknice, so MicrOpay's value goes to Worknice".to_owned();
                push(out, FieldAction::Adopt, Some(Side::Worknice), reason);
                record(out, last, field, &mr, &mr);
            }
            (SyncDirection::WorkniceToMicropay, Some(reason)) => {
                push(out, FieldAction::Held, None, reason.clone());
            }
            (SyncDirection::WorkniceToMicropay, None) => {
                let reason = "first sync since the import and the two differ: Worknice → MicrOpay, so Worknice's value goes to MicrOpay as a change request".to_owned();
                push(out, FieldAction::Adopt, Some(Side::Micropay), reason);
            }
        }
        return;
    };

    let (m_changed, w_changed) = (*mr != *seen.micropay, *wr != *seen.worknice);
    if (!m_changed && !w_changed) || mr == wr {
        // Nothing changed, or both sides changed to the same value.
        if let Some(id) = implemented {
            let reason = format!("payroll implemented change request {id}");
            push(out, FieldAction::Implemented, None, reason);
            about(out, id);
        }
        record(out, last, field, &mr, &wr);
        return;
    }
    let (source_changed, target_changed) = match direction {
        SyncDirection::MicropayToWorknice => (m_changed, w_changed),
        SyncDirection::WorkniceToMicropay => (w_changed, m_changed),
    };
    if source_changed && !target_changed {
        match (direction, held_in_worknice) {
            (SyncDirection::MicropayToWorknice, _) => {
                let reason = changed_in_micropay_reason(field, m);
                push(out, FieldAction::Update, Some(Side::Worknice), reason);
                record(out, last, field, &mr, &mr);
            }
            (SyncDirection::WorkniceToMicropay, Some(reason)) => {
                push(out, FieldAction::Held, None, reason.clone());
            }
            (SyncDirection::WorkniceToMicropay, None) => {
                // The baseline stays: the request freezes the field until
                // payroll answers.
                let reason = "changed in Worknice since the last sync: sent to MicrOpay as a change request for payroll to implement".to_owned();
                push(
                    out,
                    FieldAction::ChangeRequest,
                    Some(Side::Micropay),
                    reason,
                );
            }
        }
        return;
    }
    // MicrOpay keeps no "last updated" per field, so when the target
    // changed (alone or with the source) MicrOpay is the truth.
    let reason = match (m_changed, w_changed, direction) {
        (true, true, _) => {
            "changed in both MicrOpay and Worknice since the last sync: MicrOpay's value wins"
        }
        (false, true, _) => {
            "changed in Worknice, but this group flows MicrOpay → Worknice: MicrOpay's value wins"
        }
        _ => "changed in MicrOpay, but this group flows Worknice → MicrOpay: MicrOpay's value wins",
    };
    push(
        out,
        FieldAction::Conflict,
        Some(Side::Worknice),
        reason.to_owned(),
    );
    record(out, last, field, &mr, &mr);
}
