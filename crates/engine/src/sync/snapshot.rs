//! One employee on one side as the sync compares it: every field it carries
//! as canonical text (trimmed, dates ISO, capitals kept), sensitive ones
//! held as `Sensitive` with a masked view, plus the fields that cannot be
//! sent and why.

use std::borrow::Cow;

use chrono::NaiveDate;
use paybridge_domain::employee::PersonalDetails;
use paybridge_domain::{Sensitive, Tfn, ValidationError};
use paybridge_micropay::EmployeeDetail;
use paybridge_worknice::WorknicePerson;

use super::field_map::FieldMap;
use super::fields::FieldId;
use super::sets::{bank_set, super_set};
use crate::plan::LookupNames;

/// A field's value as read: canonical text, or a sensitive value with the
/// only view of it that may be shown. Kept small (16 bytes): a sync holds
/// a few dozen per employee on each side, 50,000 employees at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldValue {
    Plain(Box<str>),
    /// Boxed: few fields are sensitive, and the value with its mask is
    /// three times a plain one's size.
    Sensitive(Box<Hidden>),
}

/// A sensitive value and the only view of it that may be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub value: Sensitive<String>,
    pub masked: String,
}

impl FieldValue {
    pub(crate) fn plain(text: &str) -> Self {
        Self::Plain(text.trim().into())
    }

    pub(crate) fn sensitive(value: Sensitive<String>, masked: String) -> Self {
        Self::Sensitive(Box::new(Hidden { value, masked }))
    }

    /// The borrowed view the planner compares.
    pub(crate) fn view(&self) -> FieldValueRef<'_> {
        match self {
            Self::Plain(text) => FieldValueRef::Plain(text),
            Self::Sensitive(hidden) => {
                FieldValueRef::Sensitive(HiddenRef::new(hidden.value.expose(), &hidden.masked))
            }
        }
    }

    /// What a preview, a log or history may show: the text, or the mask.
    #[cfg(test)]
    pub(crate) fn shown(&self) -> String {
        self.view().shown()
    }

    /// What a baseline or a change request records (see
    /// [`FieldValueRef::recorded`]).
    pub(crate) fn recorded(&self, field: FieldId, key: &[u8; 32]) -> Cow<'_, str> {
        self.view().recorded(field, key)
    }
}

pub(crate) use super::side_values::{FieldValueRef, HiddenRef, Snapshot};

/// A side's snapshot with the fields that cannot be sent as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SideSnapshot {
    pub values: Snapshot,
    /// Field → what is wrong with it and where to fix it. The field is
    /// held (not written either way); the rest of the employee goes on.
    pub held: FieldMap<String>,
}

impl SideSnapshot {
    /// Gives back the spare room the maps have after being built field by
    /// field.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        self.held.shrink_to_fit();
    }
}

/// MicrOpay's side of one employee.
pub(crate) type MicropaySide = SideSnapshot;
/// Worknice's side of one person.
pub(crate) type WorkniceSide = SideSnapshot;

pub(super) fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub(super) fn yes_no(flag: bool) -> FieldValue {
    FieldValue::plain(if flag { "Yes" } else { "No" })
}

/// The TFN without the spaces either system may write it with.
pub(super) fn compact_tfn(tfn: &Sensitive<String>) -> Sensitive<String> {
    Sensitive::new(
        tfn.expose()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect(),
    )
}

/// "tax file number fails its checksum: not sent; correct it in MicrOpay".
pub(crate) fn held_reason(what: &str, problem: &ValidationError, system: &str) -> String {
    let problem = problem.to_string();
    let problem = problem.strip_prefix("The ").unwrap_or(&problem);
    let text = if what.is_empty() {
        problem.to_owned()
    } else {
        format!("{what}: {problem}")
    };
    format!("{text}: not sent; correct it in {system}")
}

pub(super) const MICROPAY: &str = "MicrOpay";
const WORKNICE: &str = "Worknice";

/// MicrOpay's unreadable-field paths (see `EmployeeDetail::unreadable_fields`)
/// by the field they spoil.
const UNREADABLE_PATHS: [(&str, FieldId); 23] = [
    ("firstName", FieldId::FirstName),
    ("surname", FieldId::LastName),
    ("middleName", FieldId::MiddleName),
    ("preferredName", FieldId::PreferredName),
    ("title", FieldId::Title),
    ("gender", FieldId::Gender),
    ("dateOfBirth", FieldId::DateOfBirth),
    ("hiredDate", FieldId::StartDate),
    ("terminationDate", FieldId::TerminationDate),
    ("email", FieldId::Email),
    ("mobilePhone", FieldId::Mobile),
    ("street", FieldId::Street),
    ("suburbCity", FieldId::Suburb),
    ("state", FieldId::State),
    ("postcode", FieldId::Postcode),
    ("employeeDetail.tfn", FieldId::Tfn),
    (
        "employeeDetail.isAustralianResident",
        FieldId::AustralianResident,
    ),
    ("employeeDetail.taxFreeThreshold", FieldId::TaxFreeThreshold),
    ("employeeDetail.basisOfPayment", FieldId::BasisOfPayment),
    ("employeeDetail.hecs", FieldId::HelpDebt),
    ("employeeDetail.sfss", FieldId::SfssDebt),
    ("employeeBanks", FieldId::BankAccounts),
    ("employeeSupers", FieldId::SuperFunds),
];

/// The field an unreadable-field message is about, if the sync has one.
fn unreadable_field(message: &str) -> Option<FieldId> {
    UNREADABLE_PATHS
        .iter()
        .find(|(path, _)| {
            message
                .strip_prefix(path)
                .is_some_and(|rest| rest.starts_with([' ', '[', '.']))
        })
        .map(|(_, field)| *field)
}

/// MicrOpay's unreadable fields the sync cannot pin on one of its fields:
/// such a record cannot be trusted as a whole.
pub(crate) fn unreadable_elsewhere(employee: &EmployeeDetail) -> Vec<String> {
    employee
        .unreadable_fields
        .iter()
        .filter(|message| unreadable_field(message).is_none())
        .cloned()
        .collect()
}

/// MicrOpay's side of `employee`, with each field that fails MicrOpay's or
/// Australia's rules held with its reason (a TFN that fails its checksum
/// holds the TFN, not the employee).
pub(crate) fn snapshot_from_micropay(
    employee: &EmployeeDetail,
    names: &LookupNames,
) -> MicropaySide {
    let mut side = SideSnapshot::default();
    let values = &mut side.values;
    let mut put = |field: FieldId, text: &str| {
        values.insert_plain(field, text);
    };
    put(FieldId::FirstName, &employee.first_name);
    put(FieldId::LastName, &employee.surname);
    put(FieldId::MiddleName, &employee.middle_name);
    put(FieldId::PreferredName, &employee.preferred_name);
    // Compared in MicrOpay's codes (it sends the descriptions).
    put(FieldId::Title, &names.code_of("Title", &employee.title));
    put(FieldId::Gender, &names.code_of("Gender", &employee.gender));
    put(FieldId::DateOfBirth, &date_text(employee.date_of_birth));
    put(FieldId::Email, &employee.email);
    put(FieldId::Mobile, &employee.mobile_phone);
    put(FieldId::Street, &employee.street);
    put(FieldId::Suburb, &employee.suburb_city);
    put(FieldId::State, &employee.state);
    put(FieldId::Postcode, &employee.postcode);
    let has_address = [&employee.street, &employee.suburb_city, &employee.postcode]
        .iter()
        .any(|part| !part.trim().is_empty());
    // MicrOpay holds Australian addresses only; the import sends the same.
    put(FieldId::Country, if has_address { "Australia" } else { "" });
    put(FieldId::StartDate, &date_text(employee.hired_date));
    put(
        FieldId::TerminationDate,
        &date_text(employee.termination_date),
    );

    if let Some(tax) = &employee.employee_detail {
        let tfn = compact_tfn(&tax.tfn);
        if !tfn.is_empty() {
            if let Err(problem) = Tfn::parse(tfn.expose()) {
                side.held
                    .insert(FieldId::Tfn, held_reason("", &problem, MICROPAY));
            }
        }
        let masked = tfn.masked_tail(3);
        side.values
            .insert(FieldId::Tfn, FieldValue::sensitive(tfn, masked));
        side.values.insert(
            FieldId::AustralianResident,
            yes_no(tax.is_australian_resident),
        );
        // No tax-free threshold: MicrOpay's EmployeeDetailView documents no
        // such field (WIRE.md: the name is inferred and absent reads as
        // "not claimed"), so comparing it would overwrite Worknice's real
        // answer with a guess. A field one side lacks is never compared.
        side.values.insert(
            FieldId::BasisOfPayment,
            FieldValue::plain(&tax.basis_of_payment),
        );
        side.values.insert(FieldId::HelpDebt, yes_no(tax.hecs));
        side.values.insert(FieldId::SfssDebt, yes_no(tax.sfss));
    }

    let (banks, bank_problems) = bank_set(employee);
    side.values.insert(FieldId::BankAccounts, banks);
    if !bank_problems.is_empty() {
        side.held
            .insert(FieldId::BankAccounts, bank_problems.join("; "));
    }
    side.values
        .insert(FieldId::SuperFunds, super_set(employee, names));

    if employee.first_name.trim().is_empty() {
        let problem = ValidationError::NameMissing {
            field: paybridge_domain::NameField::FirstName,
        };
        side.held
            .insert(FieldId::FirstName, held_reason("", &problem, MICROPAY));
    }
    if employee.surname.trim().is_empty() {
        let problem = ValidationError::NameMissing {
            field: paybridge_domain::NameField::Surname,
        };
        side.held
            .insert(FieldId::LastName, held_reason("", &problem, MICROPAY));
    }
    for message in &employee.unreadable_fields {
        if let Some(field) = unreadable_field(message) {
            side.held.insert(
                field,
                format!("MicrOpay sent {message}: not sent; correct it in MicrOpay"),
            );
        }
    }
    side
}

/// Worknice's side of `person` from the light people list: start date,
/// email and mobile only. The sync reads people in full and snapshots them
/// with `worknice_snapshot::snapshot_from_worknice_details`; this is for a
/// person the full read could not read whole, so the plan compares only
/// what is known of them (a field missing on one side is never compared).
pub(crate) fn snapshot_from_worknice(person: &WorknicePerson) -> WorkniceSide {
    let mut side = SideSnapshot::default();
    let text = |value: &Option<String>| FieldValue::plain(value.as_deref().unwrap_or_default());
    side.values.insert(
        FieldId::StartDate,
        FieldValue::plain(&date_text(person.start_date)),
    );
    side.values
        .insert(FieldId::Email, text(&person.profile_email));
    side.values
        .insert(FieldId::Mobile, text(&person.profile_phone));
    side.held = worknice_problems(&side.values);
    side
}

/// What in Worknice's values MicrOpay would refuse, each with its reason.
/// They matter only when a value is sent to MicrOpay.
pub(crate) fn worknice_problems(values: &Snapshot) -> FieldMap<String> {
    use paybridge_domain::NameField;
    let mut held = FieldMap::new();
    let limits = [
        (
            FieldId::FirstName,
            NameField::FirstName,
            PersonalDetails::FIRST_NAME_MAX,
        ),
        (
            FieldId::MiddleName,
            NameField::MiddleName,
            PersonalDetails::MIDDLE_NAME_MAX,
        ),
        (
            FieldId::PreferredName,
            NameField::PreferredName,
            PersonalDetails::PREFERRED_NAME_MAX,
        ),
        (
            FieldId::LastName,
            NameField::Surname,
            PersonalDetails::SURNAME_MAX,
        ),
    ];
    for (id, field, max) in limits {
        if let Some(FieldValueRef::Plain(text)) = values.get(&id) {
            if text.chars().count() > max {
                let problem = ValidationError::NameTooLong { field, max };
                held.insert(id, held_reason("", &problem, WORKNICE));
            }
        }
    }
    if let Some(FieldValueRef::Plain(country)) = values.get(&FieldId::Country) {
        if !country.is_empty() && !country.eq_ignore_ascii_case("Australia") {
            held.insert(
                FieldId::Country,
                "MicrOpay keeps Australian addresses only: this country is not sent to MicrOpay"
                    .to_owned(),
            );
        }
    }
    if let Some(FieldValueRef::Sensitive(hidden)) = values.get(&FieldId::Tfn) {
        let value = hidden.expose();
        if !value.is_empty() {
            if let Err(problem) = Tfn::parse(value) {
                held.insert(FieldId::Tfn, held_reason("", &problem, WORKNICE));
            }
        }
    }
    held
}
