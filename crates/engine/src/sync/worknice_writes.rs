//! The plan's Worknice writes: per employee one `updatePerson` carrying
//! exactly the fields the plan writes to Worknice, with MicrOpay's values
//! built the way the import builds a new person (so the next sync reads
//! them back as equal). Groups Worknice stores whole (the address, the tax
//! details, bank and super sets) are sent whole: the address and the sets
//! as MicrOpay has them, the tax details as Worknice has them with the
//! planned fields replaced (the tax-free threshold, which MicrOpay does not
//! hold, is never overwritten).

use paybridge_micropay::EmployeeDetail;
use paybridge_worknice::{PersonUpdate, PersonalDetailsUpdate, WorkniceTaxDetails};

use super::fields::FieldId;
use super::plan::{EmployeePlan, Side};
use super::snapshot::compact_tfn;
use crate::import::new_person;
use crate::plan::{person_plan, LookupNames};

/// The fields of `employee` the plan writes to Worknice, by catalogue id.
pub(super) fn worknice_fields(employee: &EmployeePlan) -> Vec<FieldId> {
    employee
        .fields
        .iter()
        .filter(|field| field.write == Some(Side::Worknice))
        .map(|field| field.field)
        .collect()
}

/// The update for `fields`, from MicrOpay's `source` record; `current_tax`
/// is the person's tax details as Worknice has them (the group is sent
/// whole).
pub(super) fn person_update(
    fields: &[FieldId],
    source: &EmployeeDetail,
    current_tax: Option<&WorkniceTaxDetails>,
    names: &LookupNames,
) -> PersonUpdate {
    let plan = person_plan(source, names);
    let person = new_person::new_person(&plan);
    let mut update = PersonUpdate::default();
    let mut personal = PersonalDetailsUpdate::default();
    let mut tax = current_tax.cloned().unwrap_or_else(|| WorkniceTaxDetails {
        tfn: Default::default(),
        basis_of_payment: String::new(),
        australian_resident: true,
        tax_free_threshold: false,
        help_debt: false,
        sfss_debt: false,
    });
    let mut tax_changed = false;
    let micropay_tax = source.employee_detail.as_ref();
    for field in fields {
        match field {
            FieldId::FirstName => personal.first_name = Some(person.first_name.clone()),
            FieldId::LastName => personal.last_name = Some(person.last_name.clone()),
            FieldId::MiddleName => personal.middle_name = Some(person.middle_name.clone()),
            FieldId::PreferredName => personal.preferred_name = Some(person.preferred_name.clone()),
            FieldId::Title => personal.title = Some(person.title.clone()),
            FieldId::Gender => personal.gender = Some(person.gender.clone()),
            FieldId::DateOfBirth => personal.date_of_birth = Some(person.date_of_birth),
            FieldId::Email => update.email = Some(person.email.clone()),
            FieldId::Mobile => update.mobile_phone = Some(person.mobile_phone.clone()),
            FieldId::Street
            | FieldId::Suburb
            | FieldId::State
            | FieldId::Postcode
            | FieldId::Country => {
                update.residential_address = Some(person.residential_address.clone())
            }
            FieldId::StartDate => update.start_date = Some(person.start_date),
            FieldId::TerminationDate => update.termination_date = Some(source.termination_date),
            FieldId::BankAccounts => update.bank_accounts = Some(person.bank_accounts.clone()),
            FieldId::SuperFunds => update.super_funds = Some(person.super_funds.clone()),
            FieldId::Tfn => {
                if let Some(micropay) = micropay_tax {
                    tax.tfn = compact_tfn(&micropay.tfn);
                    tax_changed = true;
                }
            }
            FieldId::AustralianResident => {
                if let Some(micropay) = micropay_tax {
                    tax.australian_resident = micropay.is_australian_resident;
                    tax_changed = true;
                }
            }
            FieldId::BasisOfPayment => {
                if let Some(micropay) = micropay_tax {
                    tax.basis_of_payment = micropay.basis_of_payment.trim().to_owned();
                    tax_changed = true;
                }
            }
            FieldId::HelpDebt => {
                if let Some(micropay) = micropay_tax {
                    tax.help_debt = micropay.hecs;
                    tax_changed = true;
                }
            }
            FieldId::SfssDebt => {
                if let Some(micropay) = micropay_tax {
                    tax.sfss_debt = micropay.sfss;
                    tax_changed = true;
                }
            }
            FieldId::TaxFreeThreshold => {
                if let Some(micropay) = micropay_tax {
                    tax.tax_free_threshold = micropay.tax_free_threshold;
                    tax_changed = true;
                }
            }
        }
    }
    if personal != PersonalDetailsUpdate::default() {
        update.personal = Some(personal);
    }
    if tax_changed {
        update.tax = Some(Some(tax));
    }
    update
}
