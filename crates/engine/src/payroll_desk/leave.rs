//! Leave applications on the Payroll desk (issue 8): every application
//! MicrOpay has, whether Paybridge sent it or payroll keyed it, and the
//! payroll officer processing one into a pay or declining it with a
//! message, through the sandbox's `/sandbox/leave-applications` controls.

use serde_json::{json, Value};

use super::leave_listing::{desk_leave, leave_view};
use super::{malformed, names_payroll_knows};
use crate::api::{AppError, DeskLeaveApplication, ErrorCode};
use crate::leave::PRIVATE_MESSAGE;
use crate::Engine;

const CONTROL: &str = "leave-applications";

impl Engine {
    /// Every leave application payroll has, newest first.
    pub async fn desk_leave_applications(&self) -> Result<Vec<DeskLeaveApplication>, AppError> {
        let desk = self.desk().await?;
        let Value::Array(listed) = desk.get(&[CONTROL]).await? else {
            return Err(malformed());
        };
        let mut applications = self.named_leave(&listed).await?;
        applications.sort_by_key(|application| std::cmp::Reverse(application.id));
        Ok(applications)
    }

    /// Processes a received application into a pay, as payroll would: its
    /// hours come off the employee's balance.
    pub async fn desk_process_leave(&self, id: i64) -> Result<DeskLeaveApplication, AppError> {
        let desk = self.desk().await?;
        let answer = desk
            .post(&[CONTROL, &id.to_string(), "process"], &Value::Null)
            .await?;
        self.one_named(&answer).await
    }

    /// Declines a received application with payroll's message, which
    /// Paybridge then shows. A message is required.
    pub async fn desk_decline_leave(
        &self,
        id: i64,
        message: &str,
    ) -> Result<DeskLeaveApplication, AppError> {
        let message = message.trim();
        if message.is_empty() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "Say why payroll declines the leave: the message is shown to the employee's side.",
            ));
        }
        let desk = self.desk().await?;
        let answer = desk
            .post(
                &[CONTROL, &id.to_string(), "decline"],
                &json!({ "message": message }),
            )
            .await?;
        self.one_named(&answer).await
    }

    async fn one_named(&self, answer: &Value) -> Result<DeskLeaveApplication, AppError> {
        self.named_leave(std::slice::from_ref(answer))
            .await?
            .pop()
            .ok_or_else(malformed)
    }

    /// The applications as the desk shows them, with their categories and
    /// employees named. Without a MicrOpay client (it should not happen:
    /// the desk just reached the sandbox) only standard categories are
    /// named and no employee is.
    async fn named_leave(&self, listed: &[Value]) -> Result<Vec<DeskLeaveApplication>, AppError> {
        let views = listed
            .iter()
            .map(leave_view)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(malformed)?;
        let client = self.micropay_client().await.ok();
        let categories = self.desk_category_names(client.as_ref()).await;
        let mut applications = views
            .iter()
            .map(|view| {
                let (category, private) =
                    categories.name(&view.leave_type, view.leave_code.as_deref());
                let mut shown = desk_leave(view, category)?;
                if private && shown.message.is_some() {
                    shown.message = Some(PRIVATE_MESSAGE.to_owned());
                }
                Some(shown)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(malformed)?;
        if let Some(client) = client {
            let codes = applications.iter().map(|a| a.emp_code.clone());
            let employees = names_payroll_knows(&client, codes).await;
            for application in &mut applications {
                application.employee_name = employees.get(&application.emp_code).cloned();
            }
        }
        Ok(applications)
    }
}
