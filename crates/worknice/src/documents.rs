//! The operations in `documents.graphql`, sent one at a time: GraphQL
//! validates a whole document, so sending only the operation that runs keeps
//! a wrong guess in one operation from breaking the others.

const DOCUMENTS: &str = include_str!("documents.graphql");

pub(crate) const ORGANISATION: &str = "Organisation";
pub(crate) const PEOPLE: &str = "People";

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
        (declared == name).then(|| text.trim_end())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_found_alone() {
        for name in [ORGANISATION, PEOPLE] {
            let text = operation(name).unwrap_or_else(|| panic!("{name} is in documents.graphql"));
            assert!(text.starts_with(&format!("query {name}")), "{text}");
            assert_eq!(text.matches("query ").count(), 1, "{text}");
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
