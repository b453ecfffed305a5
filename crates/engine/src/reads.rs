//! Reading MicrOpay: every page of employees with a few requests in flight
//! at once, plus the lookups; and a count of the requests sent, for the
//! benchmarks.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use futures::{StreamExt, TryStreamExt};
use paybridge_micropay::{
    EmployeeDetail, EmployeeQuery, Lookup, MicropayClient, MicropayError, PageCount,
};

use crate::retry::{retrying, READ_RETRY};

/// Pages fetched at once. MicrOpay runs on the customer's payroll server;
/// a handful in flight is fast without crowding it.
pub(crate) const READ_CONCURRENCY: usize = 4;

/// Employees per page: the reference's largest.
pub(crate) const PAGE_SIZE: u32 = paybridge_micropay::DEFAULT_PAGE_SIZE;

/// Requests the engine sent, per side.
#[derive(Debug, Default)]
pub(crate) struct RequestCounter {
    micropay: AtomicU64,
    worknice: AtomicU64,
}

impl RequestCounter {
    pub(crate) fn micropay(&self) {
        self.micropay.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn worknice(&self) {
        self.worknice.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn counts(&self) -> RequestCounts {
        RequestCounts {
            micropay: self.micropay.load(Ordering::Relaxed),
            worknice: self.worknice.load(Ordering::Relaxed),
        }
    }
}

/// How many API calls the engine has made since it opened (retries inside
/// a client count once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCounts {
    pub micropay: u64,
    pub worknice: u64,
}

/// Everything the picker and the backup read from MicrOpay.
#[derive(Debug, Clone)]
pub(crate) struct MicropaySnapshot {
    /// Current and terminated employees, in MicrOpay's order.
    pub employees: Vec<EmployeeDetail>,
    /// Every lookup of every type (leave categories included).
    pub lookups: Vec<Lookup>,
}

/// Every employee (terminated ones included), `READ_CONCURRENCY` pages at a
/// time after the first tells how many there are. `on_page(loaded, total)`
/// reports progress.
pub(crate) async fn all_employees(
    client: &MicropayClient,
    counter: &RequestCounter,
    on_page: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<Vec<EmployeeDetail>, MicropayError> {
    employees_by_page(client, counter, &|_, loaded, total| on_page(loaded, total)).await
}

/// [`all_employees`], handing each page's employees to `on_page` as well,
/// in MicrOpay's order, with `(loaded, total)`.
pub(crate) async fn employees_by_page(
    client: &MicropayClient,
    counter: &RequestCounter,
    on_page: &(dyn Fn(&[EmployeeDetail], usize, usize) + Send + Sync),
) -> Result<Vec<EmployeeDetail>, MicropayError> {
    employees_into(
        client,
        counter,
        &|page: Vec<EmployeeDetail>, loaded, total| {
            on_page(&page, loaded, total);
            page
        },
    )
    .await
}

/// Every employee as [`all_employees`] reads them, each page turned by
/// `into(page, loaded, total)` as it arrives, so only what `into` keeps of
/// a page outlives it (a sync keeps its planner's form, not 50,000 full
/// records). Results in MicrOpay's order.
pub(crate) async fn employees_into<T: Send>(
    client: &MicropayClient,
    counter: &RequestCounter,
    into: &(dyn Fn(Vec<EmployeeDetail>, usize, usize) -> Vec<T> + Send + Sync),
) -> Result<Vec<T>, MicropayError> {
    let query = |page: u32| EmployeeQuery {
        include_terminated: true,
        page: Some(page),
        page_size: Some(PAGE_SIZE),
        ..EmployeeQuery::default()
    };
    let page = |number: u32| {
        retrying(
            &READ_RETRY,
            "read a page of employees",
            move || async move {
                counter.micropay();
                client.employees_page(&query(number)).await
            },
        )
    };
    let first = page(1).await?;
    let total = usize::try_from(first.page_info.total_count).unwrap_or(usize::MAX);
    let first_received = first.items.len();
    let loaded = AtomicUsize::new(first_received);
    let first_info = first.page_info;
    let mut kept = into(first.items, first_received, total);
    // ceil(totalCount / pageSize), refused past the client's page limit;
    // without a count, one page after another as the client's rule says.
    let total_pages = match client.page_count(&first_info, PAGE_SIZE)? {
        PageCount::Counted(pages) => pages,
        PageCount::Uncounted => {
            let (mut page_number, mut info, mut received) = (1, first_info, first_received);
            while client.another_page(page_number, &info, PAGE_SIZE, received)? {
                page_number += 1;
                let page = page(page_number).await?;
                (info, received) = (page.page_info, page.items.len());
                let loaded = loaded.fetch_add(received, Ordering::Relaxed) + received;
                kept.extend(into(page.items, loaded, total));
            }
            return Ok(kept);
        }
    };
    let rest: Vec<Vec<T>> = futures::stream::iter(2..=total_pages)
        .map(|number| async move { page(number).await.map(|page| page.items) })
        .buffered(READ_CONCURRENCY)
        .map_ok(|items| {
            let received = items.len();
            into(
                items,
                loaded.fetch_add(received, Ordering::Relaxed) + received,
                total,
            )
        })
        .try_collect()
        .await?;
    for items in rest {
        kept.extend(items);
    }
    Ok(kept)
}

pub(crate) async fn snapshot(
    client: &MicropayClient,
    counter: &RequestCounter,
    on_page: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<MicropaySnapshot, MicropayError> {
    let (employees, lookups) = tokio::try_join!(
        all_employees(client, counter, on_page),
        lookups(client, counter)
    )?;
    Ok(MicropaySnapshot { employees, lookups })
}

/// One MicrOpay lookup list (`PayPoint`, `UserDefinedLeave`, …), retried as
/// the pages are.
pub(crate) async fn lookup(
    client: &MicropayClient,
    counter: &RequestCounter,
    lookup_type: &str,
) -> Result<Vec<Lookup>, MicropayError> {
    retrying(&READ_RETRY, "read a lookup", || {
        counter.micropay();
        client.lookup(lookup_type)
    })
    .await
}

/// MicrOpay's lookup lists (locations, companies, …), retried as the pages are.
pub(crate) async fn lookups(
    client: &MicropayClient,
    counter: &RequestCounter,
) -> Result<Vec<Lookup>, MicropayError> {
    retrying(&READ_RETRY, "read the lookups", || {
        counter.micropay();
        client.lookup_list()
    })
    .await
}
