//! The operations in `documents.graphql`, sent one at a time (with the
//! fragments they spread): GraphQL validates a whole document, so sending
//! only the operation that runs keeps a wrong guess in one operation from
//! breaking the others.

const DOCUMENTS: &str = include_str!("documents.graphql");

pub(crate) const ORGANISATION: &str = "Organisation";
pub(crate) const PEOPLE: &str = "People";
pub(crate) const PERSON_BY_EMPLOYEE_CODE: &str = "PersonByEmployeeCode";
pub(crate) const CREATE_PERSON: &str = "CreatePerson";
pub(crate) const CONNECT_PERSON: &str = "ConnectPerson";
pub(crate) const PERSON_CONNECTIONS: &str = "PersonConnections";
pub(crate) const REMOVE_PERSON_CONNECTION: &str = "RemovePersonConnection";
pub(crate) const PEOPLE_DETAILS_PAGE: &str = "PeopleDetailsPage";
pub(crate) const PERSON_DETAILS_BY_EMPLOYEE_CODE: &str = "PersonDetailsByEmployeeCode";
pub(crate) const CREATE_PEOPLE: &str = "CreatePeople";
pub(crate) const UPDATE_PERSON: &str = "UpdatePerson";
pub(crate) const ARCHIVE_PERSON: &str = "ArchivePerson";
pub(crate) const CONNECT_PEOPLE: &str = "ConnectPeople";
pub(crate) const PEOPLE_BY_EMPLOYEE_CODE: &str = "PeopleByEmployeeCode";
pub(crate) const LEAVE_TYPES: &str = "LeaveTypes";
pub(crate) const CREATE_LEAVE_TYPE: &str = "CreateLeaveType";
pub(crate) const SET_LEAVE_TYPE_PRIVATE: &str = "SetLeaveTypePrivate";
pub(crate) const SET_LEAVE_TYPE_OFFERED: &str = "SetLeaveTypeOffered";
pub(crate) const LEAVE_BALANCES: &str = "LeaveBalances";
pub(crate) const SET_LEAVE_BALANCES: &str = "SetLeaveBalances";
pub(crate) const LEAVE_REQUESTS_PAGE: &str = "LeaveRequestsPage";
pub(crate) const SET_LEAVE_REQUEST_PAYROLL_STATUS: &str = "SetLeaveRequestPayrollStatus";
pub(crate) const LEAVE_REQUEST_BY_EXTERNAL_ID: &str = "LeaveRequestByExternalId";
pub(crate) const CREATE_PAYROLL_LEAVE_REQUEST: &str = "CreatePayrollLeaveRequest";
pub(crate) const SET_PAYROLL_LEAVE_REQUEST_STATUS: &str = "SetPayrollLeaveRequestStatus";

/// Every operation name the client sends as `operationName`, e.g. for
/// counting requests per operation in a benchmark.
pub const OPERATION_NAMES: [&str; 25] = [
    ORGANISATION,
    PEOPLE,
    PERSON_BY_EMPLOYEE_CODE,
    CREATE_PERSON,
    CONNECT_PERSON,
    PERSON_CONNECTIONS,
    REMOVE_PERSON_CONNECTION,
    PEOPLE_DETAILS_PAGE,
    PERSON_DETAILS_BY_EMPLOYEE_CODE,
    CREATE_PEOPLE,
    UPDATE_PERSON,
    ARCHIVE_PERSON,
    CONNECT_PEOPLE,
    PEOPLE_BY_EMPLOYEE_CODE,
    LEAVE_TYPES,
    CREATE_LEAVE_TYPE,
    SET_LEAVE_TYPE_PRIVATE,
    SET_LEAVE_TYPE_OFFERED,
    LEAVE_BALANCES,
    SET_LEAVE_BALANCES,
    LEAVE_REQUESTS_PAGE,
    SET_LEAVE_REQUEST_PAYROLL_STATUS,
    LEAVE_REQUEST_BY_EXTERNAL_ID,
    CREATE_PAYROLL_LEAVE_REQUEST,
    SET_PAYROLL_LEAVE_REQUEST_STATUS,
];

const KEYWORDS: [&str; 3] = ["query ", "mutation ", "fragment "];

/// Each definition in the file: (its name, its text).
fn definitions() -> impl Iterator<Item = (&'static str, &'static str)> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(DOCUMENTS.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|&at| {
            KEYWORDS
                .iter()
                .any(|keyword| DOCUMENTS[at..].starts_with(keyword))
        })
        .collect();
    (0..starts.len()).filter_map(move |index| {
        let start = starts[index];
        let end = starts.get(index + 1).copied().unwrap_or(DOCUMENTS.len());
        let text = &DOCUMENTS[start..end];
        let after_keyword = &text[text.find(' ')? + 1..];
        let declared = after_keyword
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()?;
        Some((declared, without_trailing_comments(text)))
    })
}

/// The text of the named operation, from its `query`/`mutation` line up to
/// the next definition, followed by each fragment it spreads.
pub(crate) fn operation(name: &str) -> Option<String> {
    let (_, text) = definitions()
        .find(|(declared, text)| *declared == name && !text.starts_with("fragment "))?;
    let mut document = text.to_owned();
    for (fragment, fragment_text) in definitions().filter(|(_, text)| text.starts_with("fragment "))
    {
        if spreads(text, fragment) {
            document.push_str("\n\n");
            document.push_str(fragment_text);
        }
    }
    Some(document)
}

/// Whether `text` spreads the fragment `...name` (and not a longer name).
fn spreads(text: &str, name: &str) -> bool {
    text.match_indices(&format!("...{name}"))
        .any(|(at, found)| {
            !text[at + found.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Drops the comment lines that introduce the next operation.
fn without_trailing_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_end();
        match text.rfind('\n') {
            Some(at) if text[at + 1..].trim_start().starts_with('#') => text = &text[..at],
            _ => return text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_found_alone() {
        for name in OPERATION_NAMES {
            let text = operation(name).unwrap_or_else(|| panic!("{name} is in documents.graphql"));
            let keyword = if text.starts_with("mutation ") {
                "mutation"
            } else {
                "query"
            };
            assert!(text.starts_with(&format!("{keyword} {name}")), "{text}");
            assert_eq!(
                text.matches("query ").count() + text.matches("mutation ").count(),
                1,
                "{text}"
            );
            for spread in text.match_indices("...").map(|(at, _)| &text[at + 3..]) {
                let fragment = spread
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or_default();
                assert!(
                    text.contains(&format!("fragment {fragment} on ")),
                    "{name} spreads {fragment} without it"
                );
            }
            assert!(
                text.ends_with('}'),
                "a comment of the next operation: {text}"
            );
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{text}"
            );
        }
        assert!(operation(PEOPLE).is_some_and(|text| text.contains("$includeArchived")));
        assert_eq!(operation("Peop"), None);
        assert_eq!(operation("Missing"), None);
        assert_eq!(
            operation("PersonDetails"),
            None,
            "a fragment is no operation"
        );
        let created = operation(CREATE_PERSON).expect("an operation");
        assert!(created.contains("fragment PersonWithConnection on Person"));
        assert!(!created.contains("fragment PersonDetails"), "{created}");
    }
}
