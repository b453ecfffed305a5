//! The apply step's writes, built from the plan without HTTP: a Worknice
//! update carries exactly the planned fields (the tax group overlaid on
//! Worknice's own), a `ChangeEmployee` the planned values.

use paybridge_domain::Sensitive;
use paybridge_micropay::Placement;
use paybridge_store::ChangeKind;
use paybridge_worknice::{
    PersonalDetailsUpdate, WorknicePersonDetails, WorknicePersonalDetails, WorkniceTaxDetails,
};

use super::{detail, plain, tfn, TFN};
use crate::plan::LookupNames;
use crate::sync::fields::FieldId;
use crate::sync::payroll_requests::change_for;
use crate::sync::plan::{EmployeePlan, FieldAction, FieldPlan, Outcome, Side};
use crate::sync::snapshot::FieldValue;
use crate::sync::worknice_writes::person_update;

fn worknice_person(tax_free_threshold: bool) -> WorknicePersonDetails {
    WorknicePersonDetails {
        id: "p-1".to_owned(),
        display_name: "Olivia Nguyen".to_owned(),
        status: None,
        employee_code: Some("E1".to_owned()),
        personal: WorknicePersonalDetails {
            first_name: "Olivia".to_owned(),
            last_name: "Nguyen".to_owned(),
            ..WorknicePersonalDetails::default()
        },
        email: None,
        mobile_phone: None,
        residential_address: None,
        postal_address: None,
        tax: Some(WorkniceTaxDetails {
            tfn: Sensitive::new("876543210".to_owned()),
            basis_of_payment: "PartTime".to_owned(),
            australian_resident: true,
            tax_free_threshold,
            help_debt: false,
            sfss_debt: false,
        }),
        bank_accounts: Vec::new(),
        super_funds: Vec::new(),
        start_date: None,
        termination_date: None,
        position_title: None,
        location: None,
        connection: None,
        updated_at: None,
    }
}

#[test]
fn a_worknice_update_sets_only_the_planned_fields_and_keeps_worknices_tax_free_threshold() {
    let mut source = detail("E1", 1);
    source.preferred_name = "Liv".to_owned();
    if let Some(tax) = source.employee_detail.as_mut() {
        tax.hecs = true;
    }
    let current = worknice_person(false);
    let update = person_update(
        &[FieldId::PreferredName, FieldId::HelpDebt],
        &source,
        current.tax.as_ref(),
        &LookupNames::default(),
    );
    assert_eq!(
        update.personal,
        Some(PersonalDetailsUpdate {
            preferred_name: Some(Some("Liv".to_owned())),
            ..PersonalDetailsUpdate::default()
        })
    );
    let tax = update.tax.clone().flatten().expect("the tax group, whole");
    assert!(tax.help_debt, "MicrOpay's HELP debt");
    assert!(!tax.tax_free_threshold, "Worknice's own: MicrOpay has none");
    assert_eq!(tax.basis_of_payment, "PartTime", "not planned: Worknice's");
    assert_eq!(tax.tfn.expose(), "876543210", "not planned: Worknice's");
    assert_eq!(update.email, None);
    assert_eq!(update.bank_accounts, None);
    assert_eq!(update.residential_address, None);

    let names_only = person_update(
        &[FieldId::FirstName],
        &source,
        current.tax.as_ref(),
        &LookupNames::default(),
    );
    assert_eq!(
        names_only.tax, None,
        "no tax field planned: the group is left alone"
    );
    assert_eq!(
        names_only.personal.and_then(|personal| personal.first_name),
        Some("Olivia".to_owned()),
        "trimmed as the import sends it"
    );
}

fn to_micropay(field: FieldId, value: FieldValue) -> FieldPlan {
    FieldPlan {
        field,
        label: field.label(),
        group: field.group(),
        action: FieldAction::ChangeRequest,
        write: Some(Side::Micropay),
        old: None,
        new: Some(value.shown()),
        micropay: None,
        worknice: Some(value.shown()),
        reason: String::new(),
        change_request: None,
        value: Some(value),
    }
}

fn employee(fields: Vec<FieldPlan>) -> EmployeePlan {
    EmployeePlan {
        emp_code: Some("E1".to_owned()),
        name: "Olivia Nguyen".to_owned(),
        id_employee: Some(1),
        worknice_person_id: Some("p-1".to_owned()),
        outcome: Outcome::Updated,
        action: None,
        reasons: Vec::new(),
        fields,
        changed: true,
        baseline_key: Some("E1".to_owned()),
        baseline: Default::default(),
    }
}

#[test]
fn a_change_carries_the_planned_values_and_a_bad_one_is_not_sent() {
    let plan = employee(vec![
        to_micropay(FieldId::FirstName, plain("Liv")),
        to_micropay(FieldId::Tfn, tfn(TFN)),
        to_micropay(FieldId::HelpDebt, plain("Yes")),
    ]);
    let change = change_for(&plan, ChangeKind::Change, None).expect("valid");
    assert_eq!(change.details.first_name.as_deref(), Some("Liv"));
    assert_eq!(change.details.surname, None, "not planned: payroll's stays");
    let tax = change.tax.expect("tax details");
    assert_eq!(
        tax.tfn.map(|tfn| tfn.expose().clone()),
        Some(TFN.to_owned())
    );
    assert_eq!(tax.help_debt, Some(true));
    assert_eq!(tax.australian_resident, None);
    assert_eq!(change.banks, None);

    let too_long = employee(vec![to_micropay(
        FieldId::FirstName,
        plain(&"A".repeat(21)),
    )]);
    let refused = change_for(&too_long, ChangeKind::Change, None).expect_err("too long");
    assert!(refused.starts_with("Not sent to MicrOpay: "), "{refused}");
    assert!(
        !refused.contains(&"A".repeat(21)),
        "the value is not repeated: {refused}"
    );
}

#[test]
fn an_add_needs_the_new_hire_defaults_and_carries_them() {
    let mut plan = employee(vec![
        to_micropay(FieldId::FirstName, plain("Noor")),
        to_micropay(FieldId::LastName, plain("Haddad")),
    ]);
    plan.action = Some(crate::sync::plan::EmployeeAction::Add);
    assert!(
        change_for(&plan, ChangeKind::Add, None).is_err(),
        "no defaults"
    );
    let placement = Placement {
        location: "SYD".to_owned(),
        payroll_company: "01".to_owned(),
        pay_frequency: "W".to_owned(),
        pay_point: "HO".to_owned(),
    };
    let add = change_for(&plan, ChangeKind::Add, Some(&placement)).expect("valid");
    assert_eq!(add.change_type, paybridge_micropay::ChangeType::Add);
    assert_eq!(add.details.surname.as_deref(), Some("Haddad"));
    assert_eq!(add.details.location.as_deref(), Some("SYD"));
    assert_eq!(add.details.pay_point.as_deref(), Some("HO"));
}
