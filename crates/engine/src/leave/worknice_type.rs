//! Making sure a category has its Worknice leave type, exactly once: the
//! types are read first and a match (recorded, same code, same name) is
//! used; only when none matches is one created, and a create whose answer
//! was lost is looked up again by code before it is sent again.

use paybridge_worknice::{NewLeaveType, WorkniceClient, WorkniceError};

use super::catalog::{self, Category};
use crate::api::{AppError, ErrorCode};
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// Look-up-then-create rounds before giving up for now: each lost answer
/// costs one.
const ROUNDS: usize = 3;

impl Engine {
    /// The id of the Worknice leave type `category` goes to, made in
    /// Worknice (with `private`) when it has none.
    pub(super) async fn ensure_worknice_type(
        &self,
        client: &WorkniceClient,
        category: &Category,
        recorded_id: Option<&str>,
        private: bool,
    ) -> Result<String, AppError> {
        let new_type = NewLeaveType {
            name: category.name.clone(),
            code: category.code().to_owned(),
            private,
        };
        for _ in 0..ROUNDS {
            let types = retrying(&READ_RETRY, "read the Worknice leave types", || {
                self.requests.worknice();
                client.leave_types()
            })
            .await?;
            if let (_, Some(found)) = catalog::worknice_match(category, recorded_id, &types) {
                return Ok(found.id.clone());
            }
            self.requests.worknice();
            match client.create_leave_type(&new_type).await {
                Ok(created) => {
                    tracing::info!(code = category.code(), "created a Worknice leave type");
                    return Ok(created.id);
                }
                // It may have happened, or been made meanwhile: look again.
                Err(error) if error.outcome_unknown() || is_code_taken(&error) => {
                    tracing::warn!(
                        code = category.code(),
                        kind = ?error.kind(),
                        "creating a Worknice leave type: looking it up again"
                    );
                }
                Err(error) => return Err(error.into()),
            }
        }
        Err(AppError::new(
            ErrorCode::VendorServerError,
            format!(
                "Worknice did not confirm the leave type for {} after {ROUNDS} tries. Nothing was \
                 made twice; try again in a moment.",
                category.name
            ),
        ))
    }
}

fn is_code_taken(error: &WorkniceError) -> bool {
    matches!(error, WorkniceError::LeaveTypeCodeTaken { .. })
}
