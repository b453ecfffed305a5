//! Leave categories and the two leave options (issue 8's first slice):
//! which MicrOpay categories employees see in Worknice, which are private,
//! the Worknice leave type each goes to, and whether balances and requests
//! flow at all. The rules are in `catalog`, pure; this reads both sides
//! and the store, and records every change in the settings history.

mod balances;
mod catalog;
mod desk_names;
mod from_payroll;
mod from_payroll_copy;
mod from_payroll_plan;
mod needs_payroll;
mod needs_payroll_raise;
pub(crate) mod requests;
mod requests_plan;
mod requests_sender;
mod status_back;
#[cfg(test)]
mod test_categories;
mod worknice_type;

pub(crate) use balances::BalanceMemory;
pub use balances::BALANCES_UNAVAILABLE;
pub(crate) use desk_names::PRIVATE_MESSAGE;

use paybridge_micropay::{Lookup, MicropayClient};
use paybridge_store::{LeaveCategoryRecord, LeaveOption, LeaveOptionsRecord};
use paybridge_worknice::WorkniceLeaveType;

use crate::api::{
    AppError, ErrorCode, LeaveCategoryRow, LeaveOptionName, LeaveOptionSwitch, LeaveOptions,
    SettingsTrigger,
};
use crate::directions::{from_store_trigger, to_store_trigger};
use crate::new_hire_defaults::a_few;
use crate::reads;
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

use catalog::Category;

/// How many codes an "unknown category" error lists.
const CODES_SHOWN: usize = 6;

const BALANCES_LABEL: &str = "Show employee leave balances live from MicrOpay";
const REQUESTS_LABEL: &str = "Enable leave requests, approvals and automatic transfer to MicrOpay";

const BALANCES_EXPLANATION: &str = "Employees see their balance of each visible category in \
     Worknice, read from MicrOpay when it is shown. Off: no balance is read or sent.";
const REQUESTS_EXPLANATION: &str = "Leave employees request and managers approve in Worknice \
     goes to MicrOpay's leave processing at the next sync, once. Off: from the next sync no \
     request is sent; what was already transferred stays as it is.";

impl Engine {
    /// Every MicrOpay leave category with its Worknice leave type and switches.
    pub async fn leave_categories(&self) -> Result<Vec<LeaveCategoryRow>, AppError> {
        let (micropay, worknice) = (self.micropay_client().await?, self.worknice_client().await?);
        let (user_defined, types, stored) = tokio::try_join!(
            self.user_defined_leave(&micropay),
            self.worknice_leave_types(&worknice),
            self.with_store(|store| store.leave().categories()),
        )?;
        Ok(catalog::rows(
            &catalog::categories(&user_defined),
            &stored,
            &types,
        ))
    }

    /// Shows or hides a category to employees. Showing one makes its
    /// Worknice leave type first when Worknice has none (exactly once); an
    /// inactive category cannot be shown.
    pub async fn set_leave_visibility(
        &self,
        code: &str,
        visible: bool,
        trigger: SettingsTrigger,
    ) -> Result<LeaveCategoryRow, AppError> {
        let micropay = self.micropay_client().await?;
        let category = self.category(&micropay, code).await?;
        let record = self.stored_category(&category).await?;
        // The type just found or made: the row needs no second read of them.
        let mut shown_type = None;
        if visible {
            if category.inactive {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    format!(
                        "{} ({}) is inactive in MicrOpay: payroll can't take new leave of it, \
                         so employees can't be shown it.",
                        category.name,
                        category.code()
                    ),
                ));
            }
            let worknice = self.worknice_client().await?;
            let private = catalog::is_private(&category, record.as_ref());
            let recorded = record.as_ref().and_then(|r| r.worknice_type_id.clone());
            let leave_type = self
                .ensure_worknice_type(&worknice, &category, recorded.as_deref(), private)
                .await?;
            // A type Worknice already had may not be as private as this is,
            // and may not be offered to employees (hidden before).
            self.match_privacy(&worknice, &category, &leave_type, private)
                .await?;
            self.match_offered(&worknice, &category, &leave_type, true)
                .await?;
            if recorded.as_deref() != Some(leave_type.id.as_str()) {
                let (key, id) = (category.key.clone(), leave_type.id.clone());
                self.with_store(move |store| store.leave().set_worknice_type(&key, &id))
                    .await?;
            }
            shown_type = Some(leave_type);
        }
        let (at, by, key) = (
            self.clock.now(),
            to_store_trigger(trigger),
            category.key.clone(),
        );
        self.with_store(move |store| store.leave().set_visible(&key, visible, at, by))
            .await?;
        tracing::info!(
            code = category.code(),
            visible,
            "leave category visibility changed"
        );
        // Hidden: employees can no longer request it in Worknice either.
        if !visible {
            let recorded = record.and_then(|r| r.worknice_type_id);
            self.stop_offering(&category, recorded.as_deref()).await?;
        }
        self.category_row(&category, shown_type.map(|leave_type| vec![leave_type]))
            .await
    }

    /// Marks a category private (others see only "On leave") or not.
    pub async fn set_leave_private(
        &self,
        code: &str,
        private: bool,
        trigger: SettingsTrigger,
    ) -> Result<LeaveCategoryRow, AppError> {
        let micropay = self.micropay_client().await?;
        let category = self.category(&micropay, code).await?;
        let by_default = catalog::private_by_default(&category);
        let (at, by, key) = (
            self.clock.now(),
            to_store_trigger(trigger),
            category.key.clone(),
        );
        self.with_store(move |store| store.leave().set_private(&key, private, by_default, at, by))
            .await?;
        tracing::info!(
            code = category.code(),
            private,
            "leave category privacy changed"
        );
        // The Worknice type it goes to follows (once it has one: a type it
        // is only matched to is made to follow when it is shown).
        let record = self.stored_category(&category).await?;
        let mut types = None;
        if let Some(id) = record.and_then(|r| r.worknice_type_id) {
            let worknice = self.worknice_client().await?;
            let read = self.worknice_leave_types(&worknice).await?;
            if let Some(leave_type) = read.iter().find(|t| t.id == id) {
                self.match_privacy(&worknice, &category, leave_type, private)
                    .await?;
            }
            types = Some(read);
        }
        self.category_row(&category, types).await
    }

    /// Both integration options, each with what it does.
    pub async fn leave_options(&self) -> Result<LeaveOptions, AppError> {
        let record = self.with_store(|store| store.leave().options()).await?;
        Ok(options_view(record))
    }

    /// Turns one option on or off from the next sync; recorded in the
    /// settings history.
    pub async fn set_leave_option(
        &self,
        option: LeaveOptionName,
        on: bool,
        trigger: SettingsTrigger,
    ) -> Result<LeaveOptions, AppError> {
        let stored = match option {
            LeaveOptionName::Balances => LeaveOption::BalancesLive,
            LeaveOptionName::Requests => LeaveOption::Requests,
        };
        let (at, by) = (self.clock.now(), to_store_trigger(trigger));
        let record = self
            .with_store(move |store| {
                store.leave().set_option(stored, on, at, by)?;
                store.leave().options()
            })
            .await?;
        tracing::info!(option = stored.setting_name(), on, "leave option changed");
        Ok(options_view(record))
    }

    async fn user_defined_leave(&self, client: &MicropayClient) -> Result<Vec<Lookup>, AppError> {
        Ok(reads::lookup(client, &self.requests, catalog::USER_DEFINED_LOOKUP).await?)
    }

    pub(super) async fn worknice_leave_types(
        &self,
        client: &paybridge_worknice::WorkniceClient,
    ) -> Result<Vec<WorkniceLeaveType>, AppError> {
        Ok(retrying(&READ_RETRY, "read the Worknice leave types", || {
            self.requests.worknice();
            client.leave_types()
        })
        .await?)
    }

    /// The category `code` names, or an error listing some that exist.
    async fn category(&self, client: &MicropayClient, code: &str) -> Result<Category, AppError> {
        let categories = catalog::categories(&self.user_defined_leave(client).await?);
        if let Some(found) = catalog::find(&categories, code) {
            return Ok(found.clone());
        }
        let listed = a_few(
            categories
                .iter()
                .map(|c| format!("{} ({})", c.code(), c.name)),
            CODES_SHOWN,
        );
        Err(AppError::new(
            ErrorCode::Validation,
            format!(
                "\"{}\" is not a leave category in MicrOpay. Choose one of {listed}.",
                code.trim()
            ),
        ))
    }

    async fn stored_category(
        &self,
        category: &Category,
    ) -> Result<Option<LeaveCategoryRecord>, AppError> {
        let key = category.key.clone();
        self.with_store(move |store| store.leave().category(&key))
            .await
    }

    /// The category's row as it stands now: its Worknice type from `types`
    /// when the change just read them, else read now.
    async fn category_row(
        &self,
        category: &Category,
        types: Option<Vec<WorkniceLeaveType>>,
    ) -> Result<LeaveCategoryRow, AppError> {
        let types = async {
            match types {
                Some(types) => Ok(types),
                None => {
                    let worknice = self.worknice_client().await?;
                    self.worknice_leave_types(&worknice).await
                }
            }
        };
        let (types, record) = tokio::try_join!(types, self.stored_category(category))?;
        Ok(catalog::row(category, record.as_ref(), &types))
    }
}

fn options_view(record: LeaveOptionsRecord) -> LeaveOptions {
    LeaveOptions {
        balances: LeaveOptionSwitch {
            option: LeaveOptionName::Balances,
            label: BALANCES_LABEL.to_owned(),
            on: record.balances_live,
            explanation: BALANCES_EXPLANATION.to_owned(),
            unavailable: balances::unavailable_reason(record.balances_unavailable_since),
        },
        requests: LeaveOptionSwitch {
            option: LeaveOptionName::Requests,
            label: REQUESTS_LABEL.to_owned(),
            on: record.requests,
            explanation: REQUESTS_EXPLANATION.to_owned(),
            unavailable: None,
        },
        changed_at: record.changed_at.map(|at| at.to_rfc3339()),
        changed_by: record.changed_by.map(from_store_trigger),
    }
}
