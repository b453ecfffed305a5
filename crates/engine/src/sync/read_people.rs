//! Worknice's people as the sync reads them: every person, archived ones
//! too, page after page, each turned into the planner's form as it
//! arrives.

use paybridge_worknice::{
    WorkniceClient, WorkniceConfig, WorkniceError, WorkniceTaxDetails, DEFAULT_DETAILS_PAGE_SIZE,
};

use super::plan::WorknicePersonSide;
use super::worknice_snapshot::person_side;
use crate::plan::LookupNames;
use crate::retry::{retrying, READ_RETRY};
use crate::AppError;
use crate::Engine;

/// Worknice's people in the planner's form, with each readable person's
/// tax details (all an update needs of what Worknice holds).
pub(super) struct PeopleRead {
    pub(super) people: Vec<WorknicePersonSide>,
    /// Beside `people`, one for one (`None` for one sent unreadably, who
    /// has no tax details read): no map keyed by a copy of every id.
    pub(super) tax: Vec<Option<Option<WorkniceTaxDetails>>>,
}

impl Engine {
    /// Every Worknice person, archived ones too, page after page, each page
    /// turned into the planner's form as it arrives (the full records are
    /// not kept); people Worknice sent unreadably are kept by what can be
    /// read, with the reason.
    pub(super) async fn read_people_planned(
        &self,
        worknice: &WorkniceClient,
        names: &LookupNames,
    ) -> Result<PeopleRead, AppError> {
        let mut read = PeopleRead {
            people: Vec::new(),
            tax: Vec::new(),
        };
        let mut cursor: Option<String> = None;
        loop {
            let after = cursor.clone();
            let page = retrying(&READ_RETRY, "read a page of Worknice people", || {
                self.requests.worknice();
                let after = after.clone();
                async move {
                    worknice
                        .people_details_page(true, after.as_deref(), DEFAULT_DETAILS_PAGE_SIZE)
                        .await
                }
            })
            .await?;
            if read.people.is_empty() {
                // Room for everyone the pages hold, as Worknice counts them
                // (no more than are ever taken): a Vec grown by doubling
                // would have room for 65,536 at 50,000.
                let total = usize::try_from(page.total_count)
                    .unwrap_or(usize::MAX)
                    .min(WorkniceConfig::MAX_PEOPLE);
                read.people.reserve_exact(total);
                read.tax.reserve_exact(total);
            }
            for person in page.people {
                read.people.push(person_side(&person, names));
                read.tax.push(Some(person.tax));
            }
            read.people
                .extend(page.unreadable.iter().map(WorknicePersonSide::from_person));
            read.tax.resize_with(read.people.len(), || None);
            // Each page is capped, the pages together too: a Worknice that
            // pages on and on must not fill this computer's memory.
            if read.people.len() > WorkniceConfig::MAX_PEOPLE {
                return Err(WorkniceError::TooManyPeople {
                    max: WorkniceConfig::MAX_PEOPLE,
                }
                .into());
            }
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(read),
            }
        }
    }
}
