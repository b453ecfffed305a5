//! Worknice's side of one person from the full person read, in exactly the
//! canonical form `snapshot_from_micropay` gives MicrOpay's side, so that a
//! person the import made from an employee compares equal to it.

use paybridge_worknice::{
    WorkniceBankAccount, WorknicePersonDetails, WorknicePersonStatus, WorkniceSuperFund,
};

use super::fields::FieldId;
use super::plan::WorknicePersonSide;
use super::sets;
use super::snapshot::{
    compact_tfn, date_text, worknice_problems, yes_no, FieldValue, SideSnapshot, WorkniceSide,
};
use crate::plan::LookupNames;

/// A person from the full read as the planner takes them.
pub(crate) fn person_side(
    person: &WorknicePersonDetails,
    names: &LookupNames,
) -> WorknicePersonSide {
    WorknicePersonSide {
        person_id: person.id.clone(),
        emp_code: person
            .employee_code
            .as_deref()
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(str::to_owned),
        name: person.display_name.trim().to_owned(),
        side: {
            // Kept for the whole plan, one per person.
            let mut side = snapshot_from_worknice_details(person, names);
            side.shrink_to_fit();
            side
        },
        unreadable: None,
        archived: matches!(person.status, Some(WorknicePersonStatus::Archived)),
    }
}

/// Every catalogue field Worknice holds for `person`. Title and gender are
/// compared in MicrOpay's codes (Worknice may hold the code or the word),
/// and a super fund's name is MicrOpay's for its code, as on MicrOpay's
/// side (Worknice may hold the code as the name). Tax fields are left out (not compared) when
/// Worknice has no tax details, as the import sends none without a TFN.
pub(crate) fn snapshot_from_worknice_details(
    person: &WorknicePersonDetails,
    names: &LookupNames,
) -> WorkniceSide {
    let mut side = SideSnapshot::default();
    let values = &mut side.values;
    let mut put = |field: FieldId, text: &str| {
        values.insert_plain(field, text);
    };
    let optional = |value: &Option<String>| value.as_deref().unwrap_or_default().to_owned();
    let personal = &person.personal;
    put(FieldId::FirstName, &personal.first_name);
    put(FieldId::LastName, &personal.last_name);
    put(FieldId::MiddleName, &optional(&personal.middle_name));
    put(FieldId::PreferredName, &optional(&personal.preferred_name));
    put(
        FieldId::Title,
        &names.code_of("Title", &optional(&personal.title)),
    );
    put(
        FieldId::Gender,
        &names.code_of("Gender", &optional(&personal.gender)),
    );
    put(FieldId::DateOfBirth, &date_text(personal.date_of_birth));
    put(FieldId::Email, &optional(&person.email));
    put(FieldId::Mobile, &optional(&person.mobile_phone));
    let address = person.residential_address.as_ref();
    let part = |pick: fn(&paybridge_worknice::WorkniceAddress) -> &String| {
        address.map(pick).cloned().unwrap_or_default()
    };
    put(FieldId::Street, &part(|a| &a.street));
    put(FieldId::Suburb, &part(|a| &a.suburb));
    put(FieldId::State, &part(|a| &a.state));
    put(FieldId::Postcode, &part(|a| &a.postcode));
    put(FieldId::Country, &part(|a| &a.country));
    put(FieldId::StartDate, &date_text(person.start_date));
    put(
        FieldId::TerminationDate,
        &date_text(person.termination_date),
    );

    if let Some(tax) = &person.tax {
        let tfn = compact_tfn(&tax.tfn);
        let masked = tfn.masked_tail(3);
        values.insert(FieldId::Tfn, FieldValue::sensitive(tfn, masked));
        values.insert(FieldId::AustralianResident, yes_no(tax.australian_resident));
        // No tax-free threshold: MicrOpay's side does not carry it (see
        // `snapshot_from_micropay`), so neither side offers it for comparing.
        values.insert(
            FieldId::BasisOfPayment,
            FieldValue::plain(&tax.basis_of_payment),
        );
        values.insert(FieldId::HelpDebt, yes_no(tax.help_debt));
        values.insert(FieldId::SfssDebt, yes_no(tax.sfss_debt));
    }
    values.insert(FieldId::BankAccounts, bank_set(&person.bank_accounts));
    values.insert(FieldId::SuperFunds, super_set(&person.super_funds, names));
    side.held = worknice_problems(&side.values);
    side
}

/// The bank accounts in order, in the canonical form `sets::bank_set` gives
/// MicrOpay's.
fn bank_set(accounts: &[WorkniceBankAccount]) -> FieldValue {
    let mut accounts: Vec<&WorkniceBankAccount> = accounts.iter().collect();
    accounts.sort_by_key(|account| account.order);
    sets::joined_set(
        accounts
            .into_iter()
            .map(|account| {
                let (bsb, _) = sets::bsb_text(&account.bsb);
                let (number, _) = sets::account_number_text(account.account_number.expose());
                let amount =
                    (!account.balance_of_pay).then(|| account.fixed_amount_cents.unwrap_or(0));
                sets::account_line(
                    i64::from(account.order),
                    &bsb,
                    number.expose(),
                    &account.account_name,
                    amount,
                )
            })
            .collect(),
    )
}

/// The super funds, as `sets::super_set` gives MicrOpay's.
fn super_set(funds: &[WorkniceSuperFund], names: &LookupNames) -> FieldValue {
    sets::super_set_of(
        funds.iter().map(|fund| {
            (
                fund.fund_code.as_str(),
                fund.membership_number.as_str(),
                fund.date_joined,
            )
        }),
        names,
    )
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use paybridge_domain::Sensitive;
    use paybridge_micropay::{BankAccount, EmployeeDetail, Lookup, SuperFund, TaxDetail};
    use paybridge_worknice::{WorknicePersonStatus, WorknicePersonalDetails};

    use super::*;
    use crate::plan::{person_plan, PersonPlan};
    use crate::sync::snapshot::{snapshot_from_micropay, FieldValueRef};

    fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    fn lookup(lookup_type: &str, code: &str, description: &str) -> Lookup {
        Lookup {
            lookup_type: lookup_type.to_owned(),
            code: code.to_owned(),
            description: description.to_owned(),
            active: true,
        }
    }

    fn names() -> LookupNames {
        LookupNames::new(&[
            lookup("Title", "MISS", "Miss"),
            lookup("Gender", "F", "Female"),
            lookup("SuperFund", "AWARE", "Aware Super"),
        ])
    }

    /// An employee as MicrOpay sends one: title and gender as descriptions,
    /// a TFN with spaces, a fixed account and a balance-of-pay one, a fund.
    fn employee() -> EmployeeDetail {
        EmployeeDetail {
            id_employee: 7,
            emp_code: "E0007".to_owned(),
            first_name: "Olivia".to_owned(),
            surname: "Nguyen".to_owned(),
            middle_name: "Mai".to_owned(),
            preferred_name: "Liv".to_owned(),
            title: "Miss".to_owned(),
            gender: "Female".to_owned(),
            date_of_birth: date(1990, 3, 14),
            hired_date: date(2020, 1, 6),
            street: "1 George St".to_owned(),
            suburb_city: "Sydney".to_owned(),
            state: "NSW".to_owned(),
            postcode: "2000".to_owned(),
            email: "olivia@example.com".to_owned(),
            mobile_phone: "0400 000 000".to_owned(),
            employee_detail: Some(TaxDetail {
                tfn: Sensitive::new("123 456 782".to_owned()),
                basis_of_payment: "PartTime".to_owned(),
                is_australian_resident: true,
                tax_free_threshold: true,
                hecs: true,
                ..TaxDetail::default()
            }),
            employee_banks: vec![
                BankAccount {
                    bsb_code: "062-000".to_owned(),
                    account_number: Sensitive::new("12345678".to_owned()),
                    account_name: "O Nguyen".to_owned(),
                    pay_amount_cents: 25_050,
                    balance_of_pay: false,
                    order: 0,
                    ..BankAccount::default()
                },
                BankAccount {
                    bsb_code: "083-004".to_owned(),
                    account_number: Sensitive::new("987654321".to_owned()),
                    account_name: "Olivia Nguyen".to_owned(),
                    balance_of_pay: true,
                    order: 1,
                    ..BankAccount::default()
                },
            ],
            employee_supers: vec![SuperFund {
                fund_code: "AWARE".to_owned(),
                date_joined: date(2020, 1, 6),
                membership_number: "55512345".to_owned(),
                ..SuperFund::default()
            }],
            ..EmployeeDetail::default()
        }
    }

    /// The Worknice person the import creates from `plan`
    /// (`import::new_person`, what it sends), as Worknice holds and sends
    /// it back.
    fn created_person(plan: &PersonPlan) -> WorknicePersonDetails {
        let sent = crate::import::new_person::new_person(plan);
        WorknicePersonDetails {
            id: "p-7".to_owned(),
            display_name: format!("{} {}", sent.first_name, sent.last_name),
            status: Some(WorknicePersonStatus::Active),
            employee_code: Some(sent.employee_code),
            personal: WorknicePersonalDetails {
                first_name: sent.first_name,
                last_name: sent.last_name,
                middle_name: sent.middle_name,
                preferred_name: sent.preferred_name,
                title: sent.title,
                gender: sent.gender,
                date_of_birth: sent.date_of_birth,
            },
            email: sent.email,
            mobile_phone: sent.mobile_phone,
            residential_address: sent.residential_address,
            postal_address: sent.postal_address,
            tax: sent.tax_details,
            bank_accounts: sent.bank_accounts,
            super_funds: sent.super_funds,
            start_date: sent.start_date,
            termination_date: None,
            position_title: None,
            location: None,
            connection: None,
            updated_at: None,
        }
    }

    fn assert_equal_field_by_field(micropay: &SideSnapshot, worknice: &SideSnapshot) {
        for spec in super::super::fields::FIELDS {
            assert_eq!(
                micropay.values.get(&spec.id).map(|value| value.shown()),
                worknice.values.get(&spec.id).map(|value| value.shown()),
                "{} as shown",
                spec.key
            );
            assert_eq!(
                micropay.values.get(&spec.id),
                worknice.values.get(&spec.id),
                "{}",
                spec.key
            );
        }
        assert_eq!(worknice.held, Default::default());
    }

    #[test]
    fn the_person_the_import_creates_snapshots_as_the_employee_does() {
        let (employee, names) = (employee(), names());
        let micropay = snapshot_from_micropay(&employee, &names);
        let person = created_person(&person_plan(&employee, &names));
        let worknice = snapshot_from_worknice_details(&person, &names);
        assert_equal_field_by_field(&micropay, &worknice);
        // Every field but the tax-free threshold, which is never compared.
        assert_eq!(
            micropay.values.len(),
            super::super::fields::FIELDS.len() - 1
        );
        assert_eq!(
            worknice.values.get(&FieldId::Title),
            Some(FieldValueRef::Plain("MISS")),
            "compared in MicrOpay's codes"
        );
        assert_eq!(
            worknice.values.get(&FieldId::BankAccounts).map(|value| value.shown()).unwrap_or_default(),
            "062-000 ••••• 678 O Nguyen (250.50); 083-004 •••••• 321 Olivia Nguyen (balance of pay)"
        );
    }

    #[test]
    fn a_person_holding_codes_and_a_fund_code_for_its_name_compares_equal_too() {
        let (employee, names) = (employee(), names());
        let mut person = created_person(&person_plan(&employee, &names));
        person.personal.title = Some("MISS".to_owned());
        person.personal.gender = Some("f".to_owned());
        person.super_funds[0].fund_name = "AWARE".to_owned();
        person.tax.as_mut().expect("tax").tfn = Sensitive::new("123 456 782".to_owned());
        let worknice = snapshot_from_worknice_details(&person, &names);
        assert_equal_field_by_field(&snapshot_from_micropay(&employee, &names), &worknice);
    }

    #[test]
    fn a_changed_field_differs_and_only_that_one() {
        let (employee, names) = (employee(), names());
        let mut person = created_person(&person_plan(&employee, &names));
        person.bank_accounts[0].fixed_amount_cents = Some(30_000);
        let micropay = snapshot_from_micropay(&employee, &names);
        let worknice = snapshot_from_worknice_details(&person, &names);
        let differing: Vec<&str> = super::super::fields::FIELDS
            .iter()
            .filter(|spec| micropay.values.get(&spec.id) != worknice.values.get(&spec.id))
            .map(|spec| spec.key)
            .collect();
        assert_eq!(differing, ["bankAccounts"]);
    }

    #[test]
    fn bank_details_written_another_way_compare_equal() {
        let (employee, names) = (employee(), names());
        let mut person = created_person(&person_plan(&employee, &names));
        let micropay = snapshot_from_micropay(&employee, &names);
        for account in &mut person.bank_accounts {
            account.bsb = account.bsb.replace('-', "");
            let spaced: String = account
                .account_number
                .expose()
                .chars()
                .enumerate()
                .flat_map(|(n, digit)| (n == 2).then_some('-').into_iter().chain([digit]))
                .collect();
            account.account_number = Sensitive::new(spaced);
        }
        let worknice = snapshot_from_worknice_details(&person, &names);
        assert!(
            micropay.values.get(&FieldId::BankAccounts)
                == worknice.values.get(&FieldId::BankAccounts),
            "a BSB without its dash and an account number with one are the same account"
        );
    }
}
