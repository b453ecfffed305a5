//! Table tests for the rules that are not checksums: EmpCode, personal
//! details, super funds, leave types and the errors themselves.

use chrono::NaiveDate;
use paybridge_domain::employee::{
    Address, FundIdentity, MicropayLeaveType, NesLeaveKind, PersonalDetails, SuperFund, Usi,
};
use paybridge_domain::{EmpCode, EmpCodeLimit, NameField, ValidationError};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn emp_code_tables() {
    let cases = [
        ("E001", Ok("E001")),
        ("  E001 ", Ok("E001")),
        ("ABCDEFGHIJKLMNOPQRST", Ok("ABCDEFGHIJKLMNOPQRST")),
        (
            "ABCDEFGHIJKLMNOPQRSTU",
            Err(ValidationError::EmpCodeTooLong { max: 20 }),
        ),
        ("", Err(ValidationError::EmpCodeMissing)),
        ("   ", Err(ValidationError::EmpCodeMissing)),
        ("E0\n01", Err(ValidationError::EmpCodeInvalidCharacters)),
    ];
    for (input, expected) in cases {
        assert_eq!(
            EmpCode::parse(input).as_ref().map(EmpCode::as_str),
            expected.as_ref().map(|s| *s),
            "{input:?}"
        );
    }
    let nine = EmpCode::parse("123456789").expect("fits WageEasy");
    assert!(!nine.fits(EmpCodeLimit::Meridian));
    assert!(nine.fits(EmpCodeLimit::WageEasy));
    assert_eq!(
        EmpCode::parse_with_limit("123456789", EmpCodeLimit::Meridian),
        Err(ValidationError::EmpCodeTooLong { max: 8 })
    );
}

fn person() -> PersonalDetails {
    PersonalDetails {
        first_name: "Charlotte".to_owned(),
        surname: "Nguyen".to_owned(),
        date_of_birth: Some(date(1990, 4, 12)),
        email: Some("charlotte.nguyen@example.com.au".to_owned()),
        residential_address: Some(Address {
            line1: "12 Smith St".to_owned(),
            suburb: "Fitzroy".to_owned(),
            postcode: Some("3065".to_owned()),
            ..Address::default()
        }),
        ..PersonalDetails::default()
    }
}

#[test]
fn personal_details_tables() {
    let today = date(2025, 6, 30);
    type Edit = fn(&mut PersonalDetails);
    let cases: [(&str, Edit, Vec<ValidationError>); 10] = [
        ("valid", |_| {}, vec![]),
        (
            "surname missing",
            |p| p.surname = " ".into(),
            vec![ValidationError::NameMissing {
                field: NameField::Surname,
            }],
        ),
        (
            "first name 20 is fine",
            |p| p.first_name = "A".repeat(20),
            vec![],
        ),
        (
            "first name 21",
            |p| p.first_name = "A".repeat(21),
            vec![ValidationError::NameTooLong {
                field: NameField::FirstName,
                max: 20,
            }],
        ),
        (
            "middle name 16",
            |p| p.middle_name = Some("B".repeat(16)),
            vec![ValidationError::NameTooLong {
                field: NameField::MiddleName,
                max: 15,
            }],
        ),
        (
            "preferred name 16",
            |p| p.preferred_name = Some("C".repeat(16)),
            vec![ValidationError::NameTooLong {
                field: NameField::PreferredName,
                max: 15,
            }],
        ),
        (
            "surname 41",
            |p| p.surname = "D".repeat(41),
            vec![ValidationError::NameTooLong {
                field: NameField::Surname,
                max: 40,
            }],
        ),
        (
            "born tomorrow",
            |p| p.date_of_birth = Some(date(2025, 7, 1)),
            vec![ValidationError::DateOfBirthInFuture],
        ),
        (
            "bad email",
            |p| p.email = Some("charlotte at example.com".into()),
            vec![ValidationError::EmailInvalid],
        ),
        (
            "bad postcode",
            |p| {
                if let Some(a) = p.residential_address.as_mut() {
                    a.postcode = Some("30650".into())
                }
            },
            vec![ValidationError::PostcodeInvalid],
        ),
    ];
    for (name, edit, expected) in cases {
        let mut details = person();
        edit(&mut details);
        assert_eq!(details.check(today), expected, "{name}");
    }
}

#[test]
fn usi_tables() {
    for valid in ["STA0100AU", "sta0100au", "53004085616001"] {
        assert!(Usi::parse(valid).is_ok(), "{valid}");
    }
    for invalid in [
        "",
        "STA0100A",
        "ST10100AU",
        "53004085617001",
        "5300408561600",
    ] {
        assert_eq!(
            Usi::parse(invalid),
            Err(ValidationError::UsiInvalid),
            "{invalid}"
        );
    }
}

#[test]
fn super_fund_checks() {
    let fund = SuperFund {
        fund_code: "AUST".to_owned(),
        fund: FundIdentity::Apra {
            usi: Usi::parse("STA0100AU").expect("valid"),
        },
        membership_number: "M123".to_owned(),
        date_joined: Some(date(2024, 1, 15)),
    };
    assert_eq!(fund.check(Some(date(2024, 1, 15))), vec![]);
    assert_eq!(
        fund.check(Some(date(2024, 2, 1))),
        vec![ValidationError::SuperDateJoinedBeforeHire]
    );
    let empty = SuperFund {
        fund_code: String::new(),
        membership_number: " ".to_owned(),
        ..fund
    };
    assert_eq!(
        empty.check(None),
        vec![
            ValidationError::FundCodeMissing,
            ValidationError::MembershipNumberMissing
        ]
    );
}

#[test]
fn nes_leave_maps_to_micropay_types() {
    let cases = [
        (
            NesLeaveKind::Annual,
            None,
            Ok(MicropayLeaveType::AnnualLeave),
        ),
        (
            NesLeaveKind::PersonalCarers,
            None,
            Ok(MicropayLeaveType::SickLeave),
        ),
        (
            NesLeaveKind::LongService,
            None,
            Ok(MicropayLeaveType::LongServiceLeave),
        ),
        (
            NesLeaveKind::Compassionate,
            Some("COMP"),
            Ok(MicropayLeaveType::UserDefinedLeave {
                code: "COMP".into(),
            }),
        ),
        (
            NesLeaveKind::Parental,
            None,
            Err(ValidationError::LeaveCodeMissing),
        ),
        (
            NesLeaveKind::FamilyDomesticViolence,
            Some(" "),
            Err(ValidationError::LeaveCodeMissing),
        ),
    ];
    for (kind, code, expected) in cases {
        assert_eq!(kind.micropay_type(code), expected, "{kind:?}");
    }
    assert_eq!(
        MicropayLeaveType::from_wire("UserDefinedLeave", Some("CSL"))
            .map(|t| t.leave_code().map(str::to_owned)),
        Ok(Some("CSL".to_owned()))
    );
    assert_eq!(
        MicropayLeaveType::from_wire("Holiday", None),
        Err(ValidationError::LeaveTypeUnknown)
    );
    for kind in NesLeaveKind::ALL {
        let leave_type = kind.micropay_type(Some("X1")).expect("code given");
        assert_eq!(
            MicropayLeaveType::from_wire(leave_type.wire_name(), leave_type.leave_code()),
            Ok(leave_type)
        );
    }
}

#[test]
fn every_error_has_a_code_and_a_message_without_digits_of_input() {
    let errors = [
        ValidationError::TfnChecksum,
        ValidationError::AbnChecksum,
        ValidationError::BsbLength,
        ValidationError::AccountNumberTooLongForBankFile { max: 9 },
    ];
    for error in errors {
        assert!(!error.code().is_empty());
        assert!(error.to_string().starts_with("The "), "{error}");
    }
    assert_eq!(
        ValidationError::TfnChecksum.to_string(),
        "The tax file number fails its checksum"
    );
}

#[test]
fn errors_serialize_as_code_and_message() {
    let json =
        serde_json::to_value(ValidationError::BankOrderDuplicate { order: 3 }).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({
            "code": "bank_order_duplicate",
            "message": "Two or more bank accounts share the order 3; each needs its own"
        })
    );
}
