//! The plan's MicrOpay writes: per employee one `ChangeEmployee` (a Change
//! with the fields going Worknice → MicrOpay, or a new hire's Add), built
//! from the plan's values. Each is queued in the store's outbox before its
//! POST and marked submitted with MicrOpay's id after; see WIRE.md
//! ("Lost answers") for how a request whose answer was lost is settled.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use paybridge_micropay::{ChangeEmployee, MicropayError, Placement, TaxChanges};
use paybridge_store::ChangeKind;

use super::apply::{masked, ApplyContext, WriteOutcome};
use super::fields::FieldId;
use super::plan::{EmployeePlan, Side};
use super::snapshot::FieldValue;

/// The `ChangeEmployee` carrying `employee`'s MicrOpay writes, or why it
/// cannot be built. `placement` is required for an Add.
pub(super) fn change_for(
    employee: &EmployeePlan,
    kind: ChangeKind,
    placement: Option<&Placement>,
) -> Result<ChangeEmployee, String> {
    let code = employee.emp_code.clone().unwrap_or_default();
    let values: Vec<(FieldId, &FieldValue)> = employee
        .fields
        .iter()
        .filter(|field| field.write == Some(Side::Micropay))
        .filter_map(|field| Some((field.field, field.value.as_ref()?)))
        .collect();
    let text = |value: &FieldValue| match value {
        FieldValue::Plain(text) => text.to_string(),
        FieldValue::Sensitive(_) => String::new(),
    };
    let mut change = match kind {
        ChangeKind::Change => ChangeEmployee::change(code),
        ChangeKind::Add => {
            let placement = placement.ok_or_else(crate::sync::people::choose_new_hire_defaults)?;
            let surname = values
                .iter()
                .find(|(field, _)| *field == FieldId::LastName)
                .map(|(_, value)| text(value))
                .unwrap_or_default();
            ChangeEmployee::add(code, surname, placement.clone())
        }
    };
    let mut tax = TaxChanges::default();
    let mut has_tax = false;
    for (field, value) in values {
        let plain = text(value);
        let d = &mut change.details;
        match field {
            FieldId::FirstName => d.first_name = Some(plain),
            FieldId::LastName => d.surname = Some(plain),
            FieldId::MiddleName => d.middle_name = Some(plain),
            FieldId::PreferredName => d.preferred_name = Some(plain),
            FieldId::Title => d.title = Some(plain).filter(|text| !text.is_empty()),
            FieldId::Gender => d.gender = Some(plain).filter(|text| !text.is_empty()),
            FieldId::DateOfBirth => d.date_of_birth = date(&plain),
            FieldId::Email => d.email = Some(plain),
            FieldId::Mobile => d.mobile_phone = Some(plain),
            FieldId::Street => d.street = Some(plain),
            FieldId::Suburb => d.suburb_city = Some(plain),
            FieldId::State => d.state = Some(plain),
            FieldId::Postcode => d.postcode = Some(plain),
            FieldId::StartDate => d.hired_date = date(&plain),
            // MicrOpay keeps Australian addresses only (checked before).
            FieldId::Country => {}
            FieldId::Tfn => {
                if let FieldValue::Sensitive(hidden) = value {
                    tax.tfn = Some(Sensitive::new(hidden.value.expose().clone()));
                    has_tax = true;
                }
            }
            FieldId::AustralianResident => {
                tax.australian_resident = Some(plain == "Yes");
                has_tax = true;
            }
            FieldId::TaxFreeThreshold => {
                tax.tax_free_threshold = Some(plain == "Yes");
                has_tax = true;
            }
            FieldId::BasisOfPayment => {
                tax.basis_of_payment = Some(plain).filter(|text| !text.is_empty());
                has_tax = true;
            }
            FieldId::HelpDebt => {
                tax.help_debt = Some(plain == "Yes");
                has_tax = true;
            }
            // ChangeEmployeeDetailView documents no SFSS field: it is not
            // sent (the request still records it, so it is not planned
            // again while the request waits).
            FieldId::SfssDebt => {}
            // Payroll's alone: never planned Worknice → MicrOpay.
            FieldId::TerminationDate | FieldId::BankAccounts | FieldId::SuperFunds => {}
        }
    }
    if has_tax {
        change.tax = Some(tax);
    }
    let problems = change.problems();
    if !problems.is_empty() {
        let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(format!("Not sent to MicrOpay: {}", messages.join(" ")));
    }
    Ok(change)
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl ApplyContext<'_> {
    /// Queues, POSTs and records one employee's request. Never stopped
    /// between the outbox row and its POST.
    pub(super) async fn submit_one(
        &self,
        employee: &EmployeePlan,
        placement: Option<&Placement>,
        resending: bool,
    ) -> WriteOutcome {
        let Some((kind, fields)) = employee.change_request(self.fingerprint_key) else {
            return WriteOutcome::Written;
        };
        let operation = match kind {
            ChangeKind::Add => "change-employee-add",
            ChangeKind::Change => "change-employee-change",
        };
        let keys: Vec<String> = fields.iter().map(|field| field.field.clone()).collect();
        let code = employee.emp_code.clone().unwrap_or_default();
        let change = match change_for(employee, kind, placement) {
            Ok(change) => change,
            Err(reason) => {
                let outcome = WriteOutcome::Refused(reason);
                self.audit("micropay", Some(code), operation, &keys.join(","), &outcome)
                    .await;
                return outcome;
            }
        };
        // A corrected hire whose lost Add was refused when sent again: that
        // request goes, and this one is a resend (so a refusal is noted).
        let resending =
            resending || kind == ChangeKind::Add && self.forget_refused_add(&code).await;
        let at = self.engine.clock.now();
        let queued_code = code.clone();
        let queued = self
            .engine
            .with_store(move |store| {
                store
                    .change_requests()
                    .queue(&queued_code, kind, &fields, at)
            })
            .await;
        let id = match queued {
            Ok(id) => id,
            Err(error) => return WriteOutcome::RetryLater(error.message),
        };
        self.engine.requests.micropay();
        let sent = self.micropay.submit_change(&change).await;
        let now = self.engine.clock.now();
        let outcome = match sent {
            Ok(micropay_id) => {
                let recorded = self
                    .engine
                    .with_store(move |store| {
                        store
                            .change_requests()
                            .mark_submitted(id, &micropay_id.to_string(), now)
                    })
                    .await;
                match recorded {
                    Ok(()) => WriteOutcome::Written,
                    // MicrOpay has it; without its id here, the next run
                    // settles it as a lost answer.
                    Err(error) => WriteOutcome::Unknown(error.message),
                }
            }
            Err(error) if error.outcome_unknown() => {
                WriteOutcome::Unknown(masked(&error.to_string()))
            }
            Err(MicropayError::ChangeRefused { messages }) if resending => {
                // Sent again after a lost answer: payroll refuses a second
                // Add for a code with one waiting (or one it implemented or
                // rejected), so the first one landed. Kept queued without
                // an id, with MicrOpay's words, and not sent again until
                // the hire changes; settled as WIRE.md says.
                let words = masked(&messages.join(" "));
                let noted = words.clone();
                let recorded = self
                    .engine
                    .with_store(move |store| {
                        store.change_requests().note_resend_refused(id, &noted, now)
                    })
                    .await;
                if let Err(error) = recorded {
                    tracing::warn!(code = ?error.code, "could not record MicrOpay's refusal");
                }
                let reason = super::hires::lost_add_refused(&words);
                if super::hires::still_waiting(&words) {
                    WriteOutcome::Waiting(reason)
                } else {
                    WriteOutcome::Refused(reason)
                }
            }
            Err(MicropayError::ChangeRefused { messages }) => {
                let message = masked(&messages.join(" "));
                let status_message = message.clone();
                let recorded = self
                    .engine
                    .with_store(move |store| {
                        store.change_requests().set_status(
                            id,
                            paybridge_store::ChangeStatus::Rejected,
                            Some(&status_message),
                            now,
                        )
                    })
                    .await;
                if let Err(error) = recorded {
                    tracing::warn!(code = ?error.code, "could not record MicrOpay's refusal");
                }
                WriteOutcome::Refused(format!("MicrOpay refused the change: {message}"))
            }
            Err(error) => {
                // MicrOpay said, before storing anything, that it could not
                // take it (busy past the retries, a rejected key): the row
                // goes, and the next run plans it again.
                let reason = masked(&error.to_string());
                let _ = self
                    .engine
                    .with_store(move |store| store.change_requests().discard_unsent(id))
                    .await;
                WriteOutcome::RetryLater(reason)
            }
        };
        self.audit("micropay", Some(code), operation, &keys.join(","), &outcome)
            .await;
        outcome
    }

    /// Removes the lost Adds for `code` that MicrOpay refused to take
    /// again (see `note_resend_refused`); whether there was one.
    async fn forget_refused_add(&self, code: &str) -> bool {
        let key = super::plan::code_key(code);
        let forgotten = self
            .engine
            .with_store(move |store| {
                let requests = store.change_requests();
                let mut any = false;
                for request in requests.open()? {
                    if request.kind == ChangeKind::Add
                        && request.micropay_request_id.is_none()
                        && request.payroll_message.is_some()
                        && super::plan::code_key(&request.emp_code) == key
                    {
                        any |= requests.discard_unsent(request.id)?;
                    }
                }
                Ok(any)
            })
            .await;
        forgotten.unwrap_or_else(|error| {
            tracing::warn!(code = ?error.code, "could not look up the hire's last Add");
            false
        })
    }
}
