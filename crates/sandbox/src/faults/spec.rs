//! Faults written as text, for `paybridge sandbox --micropay-fault …`:
//! comma-separated `key=value` pairs, e.g.
//! `path=/api/EmployeeDetails,status=503,rate=0.2` or `retry-after=5,times=3`.
//!
//! - `path=PREFIX`: which requests (default: all)
//! - `operation=NAME`: only GraphQL requests with this `operationName`
//! - exactly one of `status=CODE`, `retry-after=SECONDS` (a 429), `drop`,
//!   `drop-after-apply` (the request takes effect, the answer is cut off),
//!   `malformed`, `latency-ms=MS`, `huge-body-mib=MIB` (a body that streams
//!   that much), `trickle-ms=MS` (one byte of body per MS), `redirect=URL`
//!   (a 307 there), `endless-pages` (always a next page, no count),
//!   `claim-pages=N` (a page total of N), `bad-record` (the first employee
//!   with an unreadable date and its TFN as a number), `shared-code` (the
//!   second employee with the first one's code, other capitals and spaces)
//! - `times=N` or `rate=R` (0–1); default: every matching request

use std::str::FromStr;
use std::time::Duration;

use super::{Fault, FaultKind, FaultTrigger};

const KINDS: &str = "status=, retry-after=, drop, drop-after-apply, malformed, latency-ms=, \
    huge-body-mib=, trickle-ms=, redirect=, endless-pages, claim-pages=, bad-record, shared-code, \
    out-of-range-number, not-a-number, crowded-page, lower-case-codes or unreadable-person=";

impl FromStr for Fault {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut path_prefix = String::new();
        let mut operation = None;
        let mut kind = None;
        let mut trigger = FaultTrigger::Rate(1.0);
        for part in text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let number = |what: &str| -> Result<u64, String> {
                value
                    .parse()
                    .map_err(|_| format!("{key} needs a whole number of {what}, not {value:?}"))
            };
            let new_kind = match key {
                "path" => {
                    path_prefix = value.to_owned();
                    None
                }
                "operation" => {
                    operation = Some(value.to_owned()).filter(|name| !name.is_empty());
                    None
                }
                "times" => {
                    let n = number("requests")?;
                    trigger = FaultTrigger::Times(
                        u32::try_from(n).map_err(|_| "times is too large".to_owned())?,
                    );
                    None
                }
                "rate" => {
                    let rate: f64 = value
                        .parse()
                        .map_err(|_| format!("rate needs a number from 0 to 1, not {value:?}"))?;
                    if !(0.0..=1.0).contains(&rate) {
                        return Err(format!("rate needs a number from 0 to 1, not {value}"));
                    }
                    trigger = FaultTrigger::Rate(rate);
                    None
                }
                "status" => {
                    let code = number("a status code")?;
                    if !(100..=599).contains(&code) {
                        return Err(format!("status must be an HTTP status code, not {code}"));
                    }
                    Some(FaultKind::Status(code as u16))
                }
                "retry-after" => Some(FaultKind::RateLimited {
                    retry_after_secs: number("seconds")?,
                }),
                "latency-ms" => Some(FaultKind::Latency(Duration::from_millis(number(
                    "milliseconds",
                )?))),
                "drop" => Some(FaultKind::DropConnection),
                "drop-after-apply" => Some(FaultKind::DropAfterApply),
                "malformed" => Some(FaultKind::MalformedBody),
                "huge-body-mib" => Some(FaultKind::HugeBody {
                    bytes: number("MiB")?.saturating_mul(1024 * 1024),
                }),
                "trickle-ms" => Some(FaultKind::Trickle {
                    every: Duration::from_millis(number("milliseconds")?),
                }),
                "redirect" if !value.is_empty() => Some(FaultKind::Redirect {
                    to: value.to_owned(),
                }),
                "endless-pages" => Some(FaultKind::EndlessPages),
                "claim-pages" => Some(FaultKind::ClaimsPages(number("pages")?)),
                "bad-record" => Some(FaultKind::BadRecord),
                "shared-code" => Some(FaultKind::SharedCode),
                "out-of-range-number" => Some(FaultKind::OutOfRangeNumber),
                "not-a-number" => Some(FaultKind::NotANumber),
                "crowded-page" => Some(FaultKind::CrowdedPage),
                "lower-case-codes" => Some(FaultKind::LowerCaseCodes),
                "unreadable-person" if !value.is_empty() => Some(FaultKind::UnreadablePerson {
                    code: value.to_owned(),
                }),
                other => return Err(format!("unknown fault setting {other:?}")),
            };
            if let Some(new_kind) = new_kind {
                if kind.replace(new_kind).is_some() {
                    return Err(format!("a fault has one kind: {KINDS}"));
                }
            }
        }
        let kind = kind.ok_or_else(|| format!("say what goes wrong: {KINDS}"))?;
        Ok(Fault {
            path_prefix,
            operation,
            kind,
            trigger,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_with_its_trigger() {
        let cases = [
            ("status=503", Fault::rate("", FaultKind::Status(503), 1.0)),
            (
                "path=/api/EmployeeDetails,status=500,rate=0.25",
                Fault::rate("/api/EmployeeDetails", FaultKind::Status(500), 0.25),
            ),
            (
                "retry-after=5,times=3",
                Fault::times(
                    "",
                    FaultKind::RateLimited {
                        retry_after_secs: 5,
                    },
                    3,
                ),
            ),
            (
                "drop,times=1",
                Fault::times("", FaultKind::DropConnection, 1),
            ),
            (
                "path=/api/graphql,drop-after-apply,times=2",
                Fault::times("/api/graphql", FaultKind::DropAfterApply, 2),
            ),
            (
                "path=/api/graphql,operation=CreatePerson,drop-after-apply,times=1",
                Fault::times("/api/graphql", FaultKind::DropAfterApply, 1)
                    .for_operation("CreatePerson"),
            ),
            (
                "path=/api/graphql,malformed",
                Fault::rate("/api/graphql", FaultKind::MalformedBody, 1.0),
            ),
            (
                "latency-ms=250",
                Fault::rate("", FaultKind::Latency(Duration::from_millis(250)), 1.0),
            ),
            (
                "huge-body-mib=300,times=1",
                Fault::times(
                    "",
                    FaultKind::HugeBody {
                        bytes: 300 * 1024 * 1024,
                    },
                    1,
                ),
            ),
            (
                "trickle-ms=2000",
                Fault::rate(
                    "",
                    FaultKind::Trickle {
                        every: Duration::from_secs(2),
                    },
                    1.0,
                ),
            ),
            (
                "redirect=https://elsewhere.example/api",
                Fault::rate(
                    "",
                    FaultKind::Redirect {
                        to: "https://elsewhere.example/api".to_owned(),
                    },
                    1.0,
                ),
            ),
            (
                "path=/api/EmployeeDetails,endless-pages",
                Fault::rate("/api/EmployeeDetails", FaultKind::EndlessPages, 1.0),
            ),
            (
                "path=/api/EmployeeDetails,bad-record,times=1",
                Fault::times("/api/EmployeeDetails", FaultKind::BadRecord, 1),
            ),
            ("shared-code", Fault::rate("", FaultKind::SharedCode, 1.0)),
            (
                "claim-pages=1000000000",
                Fault::rate("", FaultKind::ClaimsPages(1_000_000_000), 1.0),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Fault>(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_mean() {
        for text in [
            "",
            "path=/x",
            "status=abc",
            "status=700",
            "rate=2,drop",
            "drop,malformed",
            "drop,drop-after-apply",
            "redirect=",
            "huge-body-mib=lots",
            "explode",
        ] {
            assert!(text.parse::<Fault>().is_err(), "{text:?} was accepted");
        }
    }
}
