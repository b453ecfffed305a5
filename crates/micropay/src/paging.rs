//! When a list read stops. A server may say `hasNextPage: true` forever or
//! claim a billion pages; neither may keep Paybridge reading. A list has
//! `ceil(totalCount / pageSize)` pages, and never more than the client's
//! page limit (`MicropayConfig::MAX_PAGES` unless configured). A list
//! without a count is read page after page while `hasNextPage` says so, up
//! to the same limit. This is the one rule: the client's list reads and the
//! engine's side-by-side reader both use it.

use crate::error::MicropayError;
use crate::wire::PageInfo;

/// How many pages a list has, as its first page tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCount {
    /// `ceil(totalCount / pageSize)` (or `totalPages`): the pages can be
    /// fetched side by side.
    Counted(u32),
    /// No count: read one page after another while `hasNextPage` says so
    /// (see [`crate::MicropayClient::another_page`]).
    Uncounted,
}

/// Pages the list claims: from `totalCount` and the page size used (the
/// server's, but never more than the one asked for: a server claiming pages
/// of 100000 does not shrink a list of 50000 to one page); from `totalPages`
/// when there is no count. 0 when the page says neither.
fn claimed_pages(info: &PageInfo, asked_page_size: u32) -> u64 {
    let asked_page_size = asked_page_size.max(1);
    let page_size = u64::from(if info.page_size > 0 {
        info.page_size.min(asked_page_size)
    } else {
        asked_page_size
    });
    if info.total_count > 0 {
        info.total_count.div_ceil(page_size)
    } else {
        u64::from(info.total_pages)
    }
}

/// How many pages to read in all, from the first page's `pageInfo`.
pub(crate) fn page_count(
    info: &PageInfo,
    asked_page_size: u32,
    max_pages: u32,
) -> Result<PageCount, MicropayError> {
    match claimed_pages(info, asked_page_size) {
        0 => Ok(PageCount::Uncounted),
        pages => u32::try_from(pages)
            .ok()
            .filter(|pages| *pages <= max_pages)
            .map(PageCount::Counted)
            .ok_or(MicropayError::ListDidNotEnd { max_pages }),
    }
}

/// Whether to read the page after `page_number`, which brought `received`
/// items and `info`. Without a count or page total, `hasNextPage` is
/// followed, but only up to `max_pages`.
pub(crate) fn another_page(
    page_number: u32,
    info: &PageInfo,
    asked_page_size: u32,
    received: usize,
    max_pages: u32,
) -> Result<bool, MicropayError> {
    if received == 0 {
        return Ok(false);
    }
    let more = match claimed_pages(info, asked_page_size) {
        0 => info.has_next_page,
        pages if pages > u64::from(max_pages) => {
            return Err(MicropayError::ListDidNotEnd { max_pages })
        }
        pages => u64::from(page_number) < pages,
    };
    if more && page_number >= max_pages {
        return Err(MicropayError::ListDidNotEnd { max_pages });
    }
    Ok(more)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(total_count: u64, total_pages: u32, has_next_page: bool) -> PageInfo {
        PageInfo {
            page_size: 100,
            total_count,
            total_pages,
            has_next_page,
            ..PageInfo::default()
        }
    }

    #[test]
    fn a_list_ends_at_its_count_whatever_has_next_page_says() {
        let endless = info(250, 3, true);
        assert!(matches!(another_page(1, &endless, 100, 100, 50), Ok(true)));
        assert!(matches!(another_page(2, &endless, 100, 100, 50), Ok(true)));
        assert!(matches!(another_page(3, &endless, 100, 50, 50), Ok(false)));
        assert!(matches!(
            page_count(&endless, 100, 50),
            Ok(PageCount::Counted(3))
        ));
        // An empty page ends any list.
        assert!(matches!(another_page(1, &endless, 100, 0, 50), Ok(false)));
    }

    #[test]
    fn a_claim_beyond_the_limit_is_refused_at_once() {
        let huge = info(100_000_000_000, 1_000_000_000, true);
        for result in [
            another_page(1, &huge, 100, 100, 50).map(|_| PageCount::Uncounted),
            page_count(&huge, 100, 50),
        ] {
            assert!(
                matches!(result, Err(MicropayError::ListDidNotEnd { max_pages: 50 })),
                "{result:?}"
            );
        }
        let pages_only = info(0, 1_000_000_000, true);
        assert!(page_count(&pages_only, 100, 50).is_err());
    }

    #[test]
    fn without_a_count_has_next_page_is_followed_up_to_the_limit() {
        let uncounted = info(0, 0, true);
        assert!(matches!(
            another_page(49, &uncounted, 100, 100, 50),
            Ok(true)
        ));
        assert!(matches!(
            another_page(50, &uncounted, 100, 100, 50),
            Err(MicropayError::ListDidNotEnd { max_pages: 50 })
        ));
        assert!(matches!(
            another_page(7, &info(0, 0, false), 100, 100, 50),
            Ok(false)
        ));
        assert!(matches!(
            page_count(&uncounted, 100, 50),
            Ok(PageCount::Uncounted)
        ));
    }

    #[test]
    fn the_page_size_the_server_used_counts() {
        // Asked for 1000, got pages of 100: 250 employees are 3 pages.
        assert!(matches!(
            page_count(&info(250, 0, true), 1000, 50),
            Ok(PageCount::Counted(3))
        ));
    }

    #[test]
    fn a_page_size_larger_than_asked_for_does_not_shrink_the_list() {
        // Asked for 1000, told pages of 100000: 50000 employees are 50 pages, not 1.
        let boastful = PageInfo {
            page_size: 100_000,
            total_count: 50_000,
            ..PageInfo::default()
        };
        assert!(matches!(
            page_count(&boastful, 1000, 100),
            Ok(PageCount::Counted(50))
        ));
        assert!(matches!(
            another_page(1, &boastful, 1000, 1000, 100),
            Ok(true)
        ));
        assert!(matches!(
            another_page(50, &boastful, 1000, 1000, 100),
            Ok(false)
        ));
    }
}
