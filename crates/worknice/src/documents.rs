//! The operations in `documents.graphql`, sent one at a time: GraphQL
//! validates a whole document, so sending only the operation that runs keeps
//! a wrong guess in one operation from breaking the others.

const DOCUMENTS: &str = include_str!("documents.graphql");

pub(crate) const ORGANISATION: &str = "Organisation";
pub(crate) const PEOPLE: &str = "People";
pub(crate) const PERSON_BY_EMPLOYEE_CODE: &str = "PersonByEmployeeCode";
pub(crate) const CREATE_PERSON: &str = "CreatePerson";
pub(crate) const CONNECT_PERSON: &str = "ConnectPerson";
pub(crate) const PERSON_CONNECTIONS: &str = "PersonConnections";
pub(crate) const REMOVE_PERSON_CONNECTION: &str = "RemovePersonConnection";

/// Every operation name the client sends as `operationName`, e.g. for
/// counting requests per operation in a benchmark.
pub const OPERATION_NAMES: [&str; 7] = [
    ORGANISATION,
    PEOPLE,
    PERSON_BY_EMPLOYEE_CODE,
    CREATE_PERSON,
    CONNECT_PERSON,
    PERSON_CONNECTIONS,
    REMOVE_PERSON_CONNECTION,
];

/// The text of the named operation, from its `query`/`mutation` line up to
/// the next one.
pub(crate) fn operation(name: &str) -> Option<&'static str> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(DOCUMENTS.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|&at| {
            ["query ", "mutation "]
                .iter()
                .any(|keyword| DOCUMENTS[at..].starts_with(keyword))
        })
        .collect();
    starts.iter().enumerate().find_map(|(index, &start)| {
        let end = starts.get(index + 1).copied().unwrap_or(DOCUMENTS.len());
        let text = &DOCUMENTS[start..end];
        let after_keyword = &text[text.find(' ')? + 1..];
        let declared = after_keyword
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()?;
        (declared == name).then(|| without_trailing_comments(text))
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
    }
}
