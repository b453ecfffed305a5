//! Making sure a category has its Worknice leave type, exactly once: the
//! types are read first and a match (recorded, same code, same name) is
//! used; only when none matches is one created. A create whose answer was
//! lost, or that Worknice refused for now (429), is tried again after a
//! wait, looking the code up again before it is sent again.

use std::time::Duration;

use paybridge_worknice::{NewLeaveType, WorkniceClient, WorkniceError, WorkniceLeaveType};

use super::catalog::{self, Category};
use crate::api::{AppError, ErrorCode};
use crate::retry::{retrying, Temporary, WRITE_RETRY};
use crate::Engine;

/// Why one look-up-then-create round did not give the type's id.
enum RoundFailed {
    /// The create may have happened, was made meanwhile (its code taken),
    /// or was refused for now: look again after a wait.
    Again(WorkniceError),
    /// Nothing to gain from another round.
    Final(AppError),
}

impl Temporary for RoundFailed {
    fn is_temporary(&self) -> bool {
        matches!(self, Self::Again(_))
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Again(error) => error.retry_after(),
            Self::Final(_) => None,
        }
    }
}

impl Engine {
    /// The Worknice leave type `category` goes to, made in Worknice (with
    /// `private`) when it has none.
    pub(super) async fn ensure_worknice_type(
        &self,
        client: &WorkniceClient,
        category: &Category,
        recorded_id: Option<&str>,
        private: bool,
    ) -> Result<WorkniceLeaveType, AppError> {
        let new_type = NewLeaveType {
            name: category.name.clone(),
            code: category.code().to_owned(),
            private,
        };
        let round = || self.look_up_or_create(client, category, recorded_id, &new_type);
        match retrying(&WRITE_RETRY, "make a Worknice leave type", round).await {
            Ok(id) => Ok(id),
            Err(RoundFailed::Final(error)) => Err(error),
            Err(RoundFailed::Again(_)) => Err(AppError::new(
                ErrorCode::VendorServerError,
                format!(
                    "Worknice did not confirm the leave type for {} after {} tries. Nothing was \
                     made twice; try again in a moment.",
                    category.name,
                    WRITE_RETRY.max_retries + 1
                ),
            )),
        }
    }

    async fn look_up_or_create(
        &self,
        client: &WorkniceClient,
        category: &Category,
        recorded_id: Option<&str>,
        new_type: &NewLeaveType,
    ) -> Result<WorkniceLeaveType, RoundFailed> {
        let types = self
            .worknice_leave_types(client)
            .await
            .map_err(RoundFailed::Final)?;
        if let (_, Some(found)) = catalog::worknice_match(category, recorded_id, &types) {
            return Ok(found.clone());
        }
        self.requests.worknice();
        match client.create_leave_type(new_type).await {
            Ok(created) => {
                tracing::info!(code = category.code(), "created a Worknice leave type");
                Ok(created)
            }
            Err(error)
                if error.outcome_unknown() || error.is_transient() || is_code_taken(&error) =>
            {
                tracing::warn!(
                    code = category.code(),
                    kind = ?error.kind(),
                    "creating a Worknice leave type: looking it up again"
                );
                Err(RoundFailed::Again(error))
            }
            Err(error) => Err(RoundFailed::Final(error.into())),
        }
    }
}

impl Engine {
    /// Makes the Worknice type of a category private or not as the category
    /// is, so that Worknice's calendars show what the Leave screen says.
    pub(super) async fn match_privacy(
        &self,
        client: &WorkniceClient,
        category: &Category,
        leave_type: &WorkniceLeaveType,
        private: bool,
    ) -> Result<(), AppError> {
        if leave_type.private == private {
            return Ok(());
        }
        self.requests.worknice();
        client
            .set_leave_type_private(&leave_type.id, private)
            .await
            .map_err(|error| {
                not_taken(
                    category,
                    if private { "private" } else { "not private" },
                    error,
                )
            })?;
        tracing::info!(
            code = category.code(),
            private,
            "Worknice leave type privacy changed"
        );
        Ok(())
    }
}

impl Engine {
    /// The category was hidden: its Worknice type (the `recorded` one, or
    /// the one its code or name matches, for a category never shown) is no
    /// longer offered to employees. No type in Worknice needs nothing.
    pub(super) async fn stop_offering(
        &self,
        category: &Category,
        recorded: Option<&str>,
    ) -> Result<(), AppError> {
        let worknice = self.worknice_client().await?;
        let types = self.worknice_leave_types(&worknice).await?;
        match catalog::worknice_match(category, recorded, &types).1 {
            Some(leave_type) => {
                self.match_offered(&worknice, category, leave_type, false)
                    .await
            }
            None => Ok(()),
        }
    }

    /// Lets employees request leave of the category's Worknice type, or
    /// not, as the category is shown or hidden; nothing when it is already.
    pub(super) async fn match_offered(
        &self,
        client: &WorkniceClient,
        category: &Category,
        leave_type: &WorkniceLeaveType,
        offered: bool,
    ) -> Result<(), AppError> {
        if leave_type.offered == offered {
            return Ok(());
        }
        self.requests.worknice();
        let how = if offered {
            "shown to employees"
        } else {
            "hidden from employees"
        };
        client
            .set_leave_type_offered(&leave_type.id, offered)
            .await
            .map_err(|error| not_taken(category, how, error))?;
        tracing::info!(
            code = category.code(),
            offered,
            "Worknice leave type offered to employees or not"
        );
        Ok(())
    }
}

/// Worknice refused to follow a setting Paybridge has kept (`how`).
fn not_taken(category: &Category, how: &str, error: WorkniceError) -> AppError {
    let error = AppError::from(error);
    AppError::new(
        error.code,
        format!(
            "Paybridge has {} as {how}, but Worknice did not take it: {} Try again to send it.",
            category.name, error.message
        ),
    )
}

fn is_code_taken(error: &WorkniceError) -> bool {
    matches!(error, WorkniceError::LeaveTypeCodeTaken { .. })
}
