//! The planned person in the shape the Worknice client sends.

use paybridge_worknice::{
    NewPerson, WorkniceAddress, WorkniceBankAccount, WorkniceSuperFund, WorkniceTaxDetails,
};

use crate::plan::PersonPlan;

pub(crate) fn new_person(plan: &PersonPlan) -> NewPerson {
    let personal = &plan.personal;
    NewPerson {
        employee_code: plan.employee_code.clone(),
        first_name: personal.first_name.clone(),
        last_name: personal.last_name.clone(),
        middle_name: personal.middle_name.clone(),
        preferred_name: personal.preferred_name.clone(),
        title: personal.title.clone(),
        gender: personal.gender.clone(),
        date_of_birth: personal.date_of_birth,
        start_date: personal.start_date,
        email: personal.email.clone(),
        mobile_phone: personal.mobile_phone.clone(),
        residential_address: personal
            .residential_address
            .as_ref()
            .map(|address| WorkniceAddress {
                street: address.street.clone(),
                suburb: address.suburb.clone(),
                state: address.state.clone(),
                postcode: address.postcode.clone(),
                country: address.country.clone(),
            }),
        // MicrOpay keeps one address.
        postal_address: None,
        bank_accounts: plan
            .bank_accounts
            .iter()
            .map(|bank| WorkniceBankAccount {
                bsb: bank.bsb.clone(),
                account_number: bank.account_number.clone(),
                account_name: bank.account_name.clone(),
                fixed_amount_cents: bank.fixed_amount_cents,
                balance_of_pay: bank.balance_of_pay,
                order: bank.order,
            })
            .collect(),
        super_funds: plan
            .super_funds
            .iter()
            .map(|fund| WorkniceSuperFund {
                fund_code: fund.fund_code.clone(),
                fund_name: fund.fund_name.clone(),
                usi: fund.usi.clone(),
                membership_number: fund.membership_number.clone(),
                date_joined: fund.date_joined,
            })
            .collect(),
        tax_details: plan.tax.as_ref().map(|tax| WorkniceTaxDetails {
            tfn: tax.tfn.clone(),
            basis_of_payment: tax.basis_of_payment.clone(),
            australian_resident: tax.australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.help_debt,
            sfss_debt: tax.sfss_debt,
        }),
    }
}
