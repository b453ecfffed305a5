//! Several operations in one request, one alias per person (p0, p1, …),
//! each answered on its own: the documents are built from a one-person
//! template in `documents.graphql`, and the answers read alias by alias.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::documents;
use crate::error::WorkniceError;
use crate::response::read_data;
use crate::wire::{Envelope, GraphQlError};

/// The document for `count` of the template `operation`: its one variable
/// `$variable` declared as `$i0`, `$i1`, …, and its one field aliased
/// `alias:` repeated as `p0:`, `p1:`, … (each with its own variable), where
/// it stands (inside `session { org { … } }` for a read). Fragments stay once.
pub(crate) fn batch_document(
    operation: &str,
    alias: &str,
    variable: &str,
    count: usize,
) -> Result<String, WorkniceError> {
    let bug = |what: &str| WorkniceError::MalformedResponse {
        detail: format!("the {operation} template {what} (a bug in Paybridge)"),
    };
    let template = documents::operation(operation).ok_or_else(|| bug("is missing"))?;
    let open = template
        .find('(')
        .ok_or_else(|| bug("declares no variable"))?;
    let close = template[open..]
        .find(") {")
        .ok_or_else(|| bug("has no body"))?
        + open;
    let declared = template[open + 1..close]
        .strip_prefix(&format!("${variable}: "))
        .ok_or_else(|| bug("does not declare its one variable"))?;
    let start = template
        .find(&format!("{alias}: "))
        .ok_or_else(|| bug("has no aliased field"))?;
    let mut depth = 0usize;
    let mut end = None;
    for (at, c) in template[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => {
                end = Some(start + at + 1);
                break;
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let end = end.ok_or_else(|| bug("leaves its field open"))?;
    let field = &template[start..end];
    let indent = &template[template[..start].rfind('\n').map_or(0, |at| at + 1)..start];
    let variables: Vec<String> = (0..count).map(|n| format!("$i{n}: {declared}")).collect();
    let fields: Vec<String> = (0..count)
        .map(|n| {
            field
                .replacen(&format!("{alias}:"), &format!("p{n}:"), 1)
                .replace(&format!("${variable}"), &format!("$i{n}"))
        })
        .collect();
    Ok(format!(
        "{}({}{}{}{}",
        &template[..open],
        variables.join(", "),
        &template[close..start],
        fields.join(&format!("\n{indent}")),
        &template[end..]
    ))
}

/// The request body of one batch: the document for `inputs.len()` of the
/// template `operation` ([`batch_document`]) with `inputs` as `$i0`, `$i1`, ….
/// More than [`crate::MAX_PEOPLE_PER_REQUEST`] is a bug in the caller.
pub(crate) fn batch_request(
    operation: &str,
    alias: &str,
    variable: &str,
    inputs: Vec<Value>,
) -> Result<Value, WorkniceError> {
    if inputs.len() > crate::MAX_PEOPLE_PER_REQUEST {
        return Err(WorkniceError::MalformedResponse {
            detail: format!(
                "Paybridge tried to send {} people in one request, more than {} (a bug in Paybridge)",
                inputs.len(),
                crate::MAX_PEOPLE_PER_REQUEST
            ),
        });
    }
    let document = batch_document(operation, alias, variable, inputs.len())?;
    let variables: Map<String, Value> = inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| (format!("i{index}"), input))
        .collect();
    Ok(json!({
        "query": document,
        "operationName": operation,
        "variables": Value::Object(variables),
    }))
}

/// What a batch answered: each alias's value, and the errors that name one.
pub(crate) struct BatchAnswer {
    pub data: HashMap<String, Value>,
    pub errors: Vec<GraphQlError>,
}

/// Reads a batch's answer. Errors that name no alias (the document was
/// refused as a whole, the token was) fail the whole batch, as does an
/// answer with no data.
pub(crate) fn read_batch(
    status: reqwest::StatusCode,
    bytes: &[u8],
) -> Result<BatchAnswer, WorkniceError> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| {
        if status.is_success() {
            WorkniceError::MalformedResponse {
                detail: "not valid JSON".to_owned(),
            }
        } else {
            WorkniceError::UnexpectedStatus {
                status: status.as_u16(),
            }
        }
    })?;
    let errors = envelope.errors.unwrap_or_default();
    let data = envelope
        .data
        .as_ref()
        .map(|raw| serde_json::from_str::<Option<HashMap<String, Value>>>(raw.get()))
        .transpose()
        .map_err(|_| WorkniceError::MalformedResponse {
            detail: "unexpected shape".to_owned(),
        })?
        .flatten();
    // A person in the answer was created, whatever error came beside them:
    // an error naming no alias refuses the request only when nobody is.
    let anyone_created = data
        .iter()
        .flat_map(HashMap::values)
        .any(|value| !value.is_null());
    let whole = !anyone_created && errors.iter().any(|error| error.top_field().is_none());
    // `data: null` with every error naming its alias is still an answer
    // per person (a server may null the whole of `data` when one field
    // fails): the aliases it names were refused, the others are unknown.
    let no_answer = data.is_none() && errors.is_empty();
    if whole || no_answer || !status.is_success() {
        // The usual reading of a refused request, typed as any other.
        return read_data::<Value>(status, bytes, &|_| None).and_then(|_| {
            Err(WorkniceError::MalformedResponse {
                detail: "it had neither data nor errors".to_owned(),
            })
        });
    }
    Ok(BatchAnswer {
        data: data.unwrap_or_default(),
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{CONNECT_PEOPLE, CREATE_PEOPLE, PEOPLE_BY_EMPLOYEE_CODE};

    #[test]
    fn an_error_naming_no_alias_beside_a_created_person_leaves_that_person_created() {
        let body = br#"{"data":{"p0":{"id":"w-1"},"p1":null},
            "errors":[{"message":"internal error"},{"message":"bad","path":["p1"]}]}"#;
        let answer = read_batch(reqwest::StatusCode::OK, body).expect("read per person");
        assert!(!answer.data["p0"].is_null());
        assert_eq!(answer.errors.len(), 2);
        // With nobody created, the same error refuses the request as a whole.
        let body = br#"{"data":{"p0":null},"errors":[{"message":"internal error"}]}"#;
        assert!(matches!(
            read_batch(reqwest::StatusCode::OK, body),
            Err(WorkniceError::GraphQl { .. })
        ));
    }

    #[test]
    fn the_batch_repeats_the_template_under_one_alias_per_person() {
        let document = batch_document(CREATE_PEOPLE, "person", "input", 3).expect("a document");
        assert!(document.starts_with(
            "mutation CreatePeople($i0: CreatePersonInput!, $i1: CreatePersonInput!, $i2: CreatePersonInput!) {"
        ), "{document}");
        for n in 0..3 {
            assert!(
                document.contains(&format!("p{n}: createPerson(input: $i{n})")),
                "{document}"
            );
        }
        assert!(
            !document.contains("$input") && !document.contains("person: "),
            "{document}"
        );
        assert_eq!(
            document
                .matches("fragment PersonWithConnection on Person")
                .count(),
            1
        );
        assert_eq!(document.matches('{').count(), document.matches('}').count());
    }

    #[test]
    fn links_and_look_ups_repeat_their_template_where_it_stands() {
        let links = batch_document(CONNECT_PEOPLE, "link", "input", 2).expect("a document");
        assert!(
            links.starts_with(
                "mutation ConnectPeople($i0: ConnectPersonInput!, $i1: ConnectPersonInput!) {"
            ),
            "{links}"
        );
        assert!(links.contains("p1: connectPerson(input: $i1)"), "{links}");
        let reads = batch_document(PEOPLE_BY_EMPLOYEE_CODE, "person", "employeeCode", 2)
            .expect("a document");
        assert!(
            reads.starts_with("query PeopleByEmployeeCode($i0: String!, $i1: String!) {"),
            "{reads}"
        );
        let org = reads.find("org {").expect("inside org");
        let p1 = reads
            .find("p1: personByEmployeeCode(employeeCode: $i1)")
            .expect("p1");
        assert!(org < p1, "{reads}");
        assert!(!reads.contains("$employeeCode"), "{reads}");
        assert_eq!(reads.matches('{').count(), reads.matches('}').count());
    }
}
