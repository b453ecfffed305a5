//! The write side of the schema. Inferred as a whole. Each write that can
//! be refused answers `null` with an error for that field, so that one
//! refused write among several sent in one request (under aliases) leaves
//! the others' answers standing.

use async_graphql::{Context, Object, ID};

use super::super::leave_requests::{LeaveRequestStatus, PayrollLeaveStatus};
use super::super::write;
use super::super::writes::WriteError;
use super::inputs::{ConnectPersonInput, CreatePersonInput};
use super::leave::{CreateLeaveTypeInput, LeaveBalance, LeaveBalanceInput, LeaveType};
use super::leave_requests::{CreatePayrollLeaveRequestInput, LeaveRequest};
use super::person::{Person, PersonConnection};
use super::updates::UpdatePersonInput;
use super::{date, state};

/// Inferred as a whole.
#[derive(Debug)]
pub struct Mutation;

#[Object]
impl Mutation {
    /// Inferred. Adds a person with their personal, bank, super and tax
    /// details, and links them to a payroll record when `connection` is
    /// given, in one step. Fails with `EMPLOYEE_CODE_TAKEN` if any person
    /// (archived included) has the employee code, `CONNECTION_CONFLICT` if
    /// the record is linked already, and `BAD_USER_INPUT` (naming the field)
    /// for details that cannot be stored.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> async_graphql::Result<Option<Person>> {
        let remote_id = input.connection.as_ref().map(|c| c.remote_id.to_string());
        let details = input.into_details().map_err(WriteError::into_graphql)?;
        let today = chrono::Local::now().date_naive();
        write(state(ctx))
            .create_person(details, remote_id.as_deref(), today)
            .map(|person| Some(Person::from(&person)))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Changes only what `input` gives (see `UpdatePersonInput`);
    /// a refused field changes nothing and is named in `extensions.field`.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdatePersonInput,
    ) -> async_graphql::Result<Option<Person>> {
        let edit = input.into_edit().map_err(WriteError::into_graphql)?;
        let mut state = write(state(ctx));
        state
            .check_unlocked(&id, &edit)
            .map_err(WriteError::into_graphql)?;
        state
            .update_person(&id, edit)
            .map(|person| Some(Person::from(&person)))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Archives a person who has left, with their termination
    /// date (`YYYY-MM-DD`) when given. Worknice never deletes a person.
    async fn archive_person(
        &self,
        ctx: &Context<'_>,
        id: ID,
        termination_date: Option<String>,
    ) -> async_graphql::Result<Option<Person>> {
        let termination_date =
            date("terminationDate", termination_date).map_err(WriteError::into_graphql)?;
        write(state(ctx))
            .archive_person(&id, termination_date)
            .map(|person| Some(Person::from(&person)))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Links a person to a remote record. Connecting a person again to the
    /// same record returns the existing connection; a person or record
    /// already linked elsewhere fails with `CONNECTION_CONFLICT`.
    async fn connect_person(
        &self,
        ctx: &Context<'_>,
        input: ConnectPersonInput,
    ) -> async_graphql::Result<PersonConnection> {
        write(state(ctx))
            .connect_person(&input.person_id, &input.remote_id, &input.employee_code)
            .map(|connection| PersonConnection::from(&connection))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Unlinks a person from their remote record. True if there was a link;
    /// removing one that is not there is not an error.
    async fn remove_person_connection(&self, ctx: &Context<'_>, person_id: ID) -> bool {
        write(state(ctx)).remove_connection(&person_id)
    }

    /// Inferred. Adds a leave type; fails with `LEAVE_TYPE_CODE_TAKEN` when
    /// another type has the code (so a second try of a create that did
    /// happen is refused, never a second type).
    async fn create_leave_type(
        &self,
        ctx: &Context<'_>,
        input: CreateLeaveTypeInput,
    ) -> async_graphql::Result<Option<LeaveType>> {
        write(state(ctx))
            .create_leave_type(&input.name, &input.code, input.private)
            .map(|created| Some(LeaveType::from(&created)))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Makes a leave type private or not; null for an unknown id.
    async fn set_leave_type_private(
        &self,
        ctx: &Context<'_>,
        id: ID,
        private: bool,
    ) -> Option<LeaveType> {
        write(state(ctx))
            .set_leave_type_private(&id, private)
            .map(|changed| LeaveType::from(&changed))
    }

    /// Inferred. Lets employees request leave of a type, or not; null for
    /// an unknown id.
    async fn set_leave_type_offered(
        &self,
        ctx: &Context<'_>,
        id: ID,
        offered: bool,
    ) -> Option<LeaveType> {
        write(state(ctx))
            .set_leave_type_offered(&id, offered)
            .map(|changed| LeaveType::from(&changed))
    }

    /// Inferred. Replaces the balances employees see for the person with
    /// this employee code (a leave type left out is no longer offered);
    /// null for a code nobody has. Idempotent.
    async fn set_leave_balances(
        &self,
        ctx: &Context<'_>,
        employee_code: String,
        balances: Vec<LeaveBalanceInput>,
    ) -> async_graphql::Result<Option<Vec<LeaveBalance>>> {
        let balances = balances.into_iter().map(Into::into).collect();
        write(state(ctx))
            .set_leave_balances(&employee_code, balances)
            .map(|set| set.map(|set| set.iter().map(LeaveBalance::from).collect()))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Records what payroll did with a leave request (and
    /// payroll's message, shown to the employee). Idempotent, so passing
    /// trouble may be retried; null for an unknown id.
    async fn set_leave_request_payroll_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: PayrollLeaveStatus,
        message: Option<String>,
    ) -> Option<LeaveRequest> {
        let mut state = write(state(ctx));
        let changed = state.set_leave_request_payroll_status(&id, status, message)?;
        Some(LeaveRequest::new(&state, &changed))
    }

    /// Inferred. Adds leave keyed in payroll for a person, APPROVED, with
    /// the payroll system's id as `externalId`. Never resend after a lost
    /// answer: look it up with `leaveRequestByExternalId` first; a second
    /// create with the same external id fails with `BAD_USER_INPUT` on
    /// `externalId`.
    async fn create_payroll_leave_request(
        &self,
        ctx: &Context<'_>,
        input: CreatePayrollLeaveRequestInput,
    ) -> async_graphql::Result<Option<LeaveRequest>> {
        let new = input.into_new().map_err(WriteError::into_graphql)?;
        let mut state = write(state(ctx));
        let created = state
            .create_payroll_leave_request(new)
            .map_err(WriteError::into_graphql)?;
        Ok(Some(LeaveRequest::new(&state, &created)))
    }

    /// Inferred. Sets leave that came from payroll APPROVED or CANCELLED
    /// (payroll cancelled or declined it). Idempotent; null for an unknown
    /// id; a request an employee made is refused.
    async fn set_payroll_leave_request_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: LeaveRequestStatus,
    ) -> async_graphql::Result<Option<LeaveRequest>> {
        let mut state = write(state(ctx));
        let changed = state
            .set_payroll_leave_request_status(&id, status)
            .map_err(WriteError::into_graphql)?;
        Ok(changed.map(|changed| LeaveRequest::new(&state, &changed)))
    }
}
