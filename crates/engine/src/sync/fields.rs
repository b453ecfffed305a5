//! The field catalogue: every field the sync compares, with its data group,
//! whether it is sensitive and the label a payroll officer reads.

use paybridge_store::DataGroup;
use serde::Serialize;

/// One synced field. Bank accounts and super funds are one field each: the
/// whole set, compared and written as a set (MicrOpay replaces them whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum FieldId {
    FirstName,
    LastName,
    MiddleName,
    PreferredName,
    Title,
    Gender,
    DateOfBirth,
    Email,
    Mobile,
    Street,
    Suburb,
    State,
    Postcode,
    Country,
    StartDate,
    TerminationDate,
    Tfn,
    AustralianResident,
    TaxFreeThreshold,
    BasisOfPayment,
    HelpDebt,
    SfssDebt,
    BankAccounts,
    SuperFunds,
}

/// What the catalogue knows of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldSpec {
    pub id: FieldId,
    /// The name in JSON and in the store (`firstName`, `tfn`).
    pub key: &'static str,
    pub group: DataGroup,
    /// Held only as `Sensitive`, compared by fingerprint, shown masked.
    pub sensitive: bool,
    /// What a payroll officer reads: "First name", "Tax file number".
    pub label: &'static str,
}

const fn spec(
    id: FieldId,
    key: &'static str,
    group: DataGroup,
    sensitive: bool,
    label: &'static str,
) -> FieldSpec {
    FieldSpec {
        id,
        key,
        group,
        sensitive,
        label,
    }
}

use DataGroup::{Bank, Personal, Super, Tax};
use FieldId as F;

/// Every synced field, in the order a preview lists them.
pub(crate) const FIELDS: [FieldSpec; 24] = [
    spec(F::FirstName, "firstName", Personal, false, "First name"),
    spec(F::LastName, "lastName", Personal, false, "Surname"),
    spec(F::MiddleName, "middleName", Personal, false, "Middle name"),
    spec(
        F::PreferredName,
        "preferredName",
        Personal,
        false,
        "Preferred name",
    ),
    spec(F::Title, "title", Personal, false, "Title"),
    spec(F::Gender, "gender", Personal, false, "Gender"),
    spec(
        F::DateOfBirth,
        "dateOfBirth",
        Personal,
        false,
        "Date of birth",
    ),
    spec(F::Email, "email", Personal, false, "Email"),
    spec(F::Mobile, "mobile", Personal, false, "Mobile phone"),
    spec(F::Street, "street", Personal, false, "Street address"),
    spec(F::Suburb, "suburb", Personal, false, "Suburb"),
    spec(F::State, "state", Personal, false, "State"),
    spec(F::Postcode, "postcode", Personal, false, "Postcode"),
    spec(F::Country, "country", Personal, false, "Country"),
    spec(F::StartDate, "startDate", Personal, false, "Start date"),
    spec(
        F::TerminationDate,
        "terminationDate",
        Personal,
        false,
        "Termination date",
    ),
    spec(F::Tfn, "tfn", Tax, true, "Tax file number"),
    spec(
        F::AustralianResident,
        "australianResident",
        Tax,
        false,
        "Australian resident for tax",
    ),
    spec(
        F::TaxFreeThreshold,
        "taxFreeThreshold",
        Tax,
        false,
        "Claims the tax-free threshold",
    ),
    spec(
        F::BasisOfPayment,
        "basisOfPayment",
        Tax,
        false,
        "Basis of payment",
    ),
    spec(F::HelpDebt, "helpDebt", Tax, false, "HELP debt"),
    spec(F::SfssDebt, "sfssDebt", Tax, false, "SFSS debt"),
    spec(F::BankAccounts, "bankAccounts", Bank, true, "Bank accounts"),
    spec(F::SuperFunds, "superFunds", Super, true, "Super funds"),
];

impl FieldId {
    pub(crate) fn spec(self) -> &'static FieldSpec {
        // FIELDS lists the variants in declaration order (a test checks).
        &FIELDS[self as usize]
    }

    pub(crate) fn key(self) -> &'static str {
        self.spec().key
    }

    pub(crate) fn group(self) -> DataGroup {
        self.spec().group
    }

    pub(crate) fn is_sensitive(self) -> bool {
        self.spec().sensitive
    }

    pub(crate) fn label(self) -> &'static str {
        self.spec().label
    }

    /// The field named `key` in the store; `None` for a key this version
    /// does not know (a newer version's row is ignored, not misread).
    pub(crate) fn from_key(key: &str) -> Option<FieldId> {
        FIELDS
            .iter()
            .find(|spec| spec.key == key)
            .map(|spec| spec.id)
    }

    /// Bank, super and the termination date are payroll's: they flow
    /// MicrOpay → Worknice whatever the group's direction.
    pub(crate) fn is_payrolls_alone(self) -> bool {
        matches!(self, F::BankAccounts | F::SuperFunds | F::TerminationDate)
    }
}

/// A few fields of each kind, for the maps' seeded tests.
#[cfg(test)]
pub(crate) const SOME_FIELDS: [FieldId; 7] = [
    F::FirstName,
    F::LastName,
    F::Email,
    F::Tfn,
    F::Postcode,
    F::BankAccounts,
    F::StartDate,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_lists_every_field_once_in_declaration_order() {
        for (index, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.id as usize, index, "{}", spec.key);
            assert_eq!(FieldId::from_key(spec.key), Some(spec.id));
            assert_eq!(
                serde_json::to_value(spec.id).expect("serialises"),
                serde_json::json!(spec.key),
                "the JSON name is the store's key"
            );
            assert!(!spec.label.is_empty());
        }
        assert_eq!(FieldId::from_key("shoeSize"), None);
    }

    #[test]
    fn tfn_bank_and_super_are_sensitive_and_nothing_else_is() {
        let sensitive: Vec<&str> = FIELDS
            .iter()
            .filter(|spec| spec.sensitive)
            .map(|spec| spec.key)
            .collect();
        assert_eq!(sensitive, ["tfn", "bankAccounts", "superFunds"]);
        assert_eq!(FieldId::Tfn.label(), "Tax file number");
        assert_eq!(FieldId::FirstName.label(), "First name");
        assert_eq!(FieldId::BankAccounts.group(), DataGroup::Bank);
        assert_eq!(FieldId::SuperFunds.group(), DataGroup::Super);
        assert_eq!(FieldId::HelpDebt.group(), DataGroup::Tax);
        assert_eq!(FieldId::TerminationDate.group(), DataGroup::Personal);
    }
}
