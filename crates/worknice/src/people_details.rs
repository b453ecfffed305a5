//! The full person read the sync compares: every person with every synced
//! field, page by page, and one person by employee code.

use serde_json::json;

use crate::client::WorkniceClient;
use crate::documents::{PEOPLE_DETAILS_PAGE, PERSON_DETAILS_BY_EMPLOYEE_CODE};
use crate::error::WorkniceError;
use crate::person_details::{PeopleDetailsPage, WorknicePersonDetails};
use crate::wire_details::{read_person, PeopleDetailsOrg, PersonDetailsByCodeOrg};

/// The page size the sync asks [`WorkniceClient::people_details_page`] for.
/// Each page names the next, so the pages come one after another: fewer,
/// larger pages are the shorter wait (5,000 people: 5 round trips, not 10).
/// 1,000 is the sandbox's cap; real Worknice's is not known (`peoplePage`
/// itself is inferred, see the sandbox's `schema.graphql`). A Worknice that
/// serves fewer per page is still read in full (the cursor is followed, not
/// a page count worked out from this size); one that refuses a `first` this
/// large fails the read, and this is the number to lower.
pub const DEFAULT_DETAILS_PAGE_SIZE: u32 = 1000;

impl WorkniceClient {
    /// One page of people with every field the sync compares, starting
    /// after `after` (`None` for the first page; then the previous page's
    /// `next_cursor`). Read a page, use it, drop it: the whole organisation
    /// is never in memory at once. A person with a field that cannot be
    /// read is in `unreadable` with what was wrong, never failing the page.
    /// A read: passing trouble is retried.
    pub async fn people_details_page(
        &self,
        include_archived: bool,
        after: Option<&str>,
        page_size: u32,
    ) -> Result<PeopleDetailsPage, WorkniceError> {
        let org: PeopleDetailsOrg = self
            .query(
                PEOPLE_DETAILS_PAGE,
                json!({
                    "includeArchived": include_archived,
                    "first": page_size.max(1),
                    "after": after,
                }),
            )
            .await?;
        let sent = org.people_page.len();
        let page = org.people_page.into_page();
        if sent == 0 && page.next_cursor.is_some() {
            // Each cursor may move, and the pages still never end.
            return Err(WorkniceError::MalformedResponse {
                detail: "a page of people was empty yet named a next page".to_owned(),
            });
        }
        if page.next_cursor.is_some() && after == page.next_cursor.as_deref() {
            // A cursor that does not move would page for ever.
            return Err(WorkniceError::MalformedResponse {
                detail: "its next page is the page just read".to_owned(),
            });
        }
        Ok(page)
    }

    /// The person with this employee code (archived or not) with every
    /// field the sync compares, and their connection.
    pub async fn person_details_by_employee_code(
        &self,
        code: &str,
    ) -> Result<Option<WorknicePersonDetails>, WorkniceError> {
        let org: PersonDetailsByCodeOrg = self
            .query(
                PERSON_DETAILS_BY_EMPLOYEE_CODE,
                json!({ "employeeCode": code.trim() }),
            )
            .await?;
        org.person_by_employee_code
            .filter(|value| !value.is_null())
            .map(|value| {
                read_person(value).map_err(|salvaged| WorkniceError::MalformedResponse {
                    detail: salvaged
                        .and_then(|person| person.unreadable)
                        .unwrap_or_else(|| "the person could not be read".to_owned()),
                })
            })
            .transpose()
    }
}
