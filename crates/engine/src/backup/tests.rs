use paybridge_domain::Sensitive;
use paybridge_micropay::{BankAccount, EmployeeDetail, TaxDetail};

use super::model::BackupEmployee;
use super::*;
use crate::api::DataGroupName;

fn employee(id: i64, code: &str) -> EmployeeDetail {
    EmployeeDetail {
        id_employee: id,
        emp_code: code.to_owned(),
        first_name: "Olivia".to_owned(),
        surname: format!("Nguyen{id}"),
        employee_detail: Some(TaxDetail {
            tfn: Sensitive::new("123456782".to_owned()),
            ..TaxDetail::default()
        }),
        employee_banks: vec![BankAccount {
            bsb_code: "062-000".to_owned(),
            account_number: Sensitive::new("12345678".to_owned()),
            balance_of_pay: true,
            ..BankAccount::default()
        }],
        ..EmployeeDetail::default()
    }
}

#[test]
fn a_backup_marks_the_fields_micropay_sent_unreadably() {
    let mut unreadable = employee(1, "A");
    unreadable.unreadable_fields = vec!["employeeBanks[0].payAmount is not a number".to_owned()];
    let backed_up = BackupEmployee::from(&unreadable);
    let json = serde_json::to_value(&backed_up).expect("serialises");
    assert_eq!(
        json["unreadableFields"],
        serde_json::json!(["employeeBanks[0].payAmount is not a number"])
    );
    let csv = String::from_utf8(
        export::to_csv(&model::BackupContents {
            version: model::CONTENTS_VERSION,
            created_at: chrono::Utc::now(),
            source: String::new(),
            employees: vec![backed_up],
            lookups: Vec::new(),
        })
        .expect("csv"),
    )
    .expect("utf-8");
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.ends_with(",unreadableFields"))
            && csv.contains("employeeBanks[0].payAmount is not a number"),
        "{csv}"
    );
    // A backup written before the field existed still reads.
    let mut older = json;
    older
        .as_object_mut()
        .expect("an object")
        .remove("unreadableFields");
    let read: BackupEmployee = serde_json::from_value(older).expect("an older backup reads");
    assert!(read.unreadable_fields.is_empty());
}

#[test]
fn comparison_names_added_removed_and_changed_groups_by_id_employee() {
    let then: Vec<BackupEmployee> = [employee(1, "A"), employee(2, "B"), employee(3, "C")]
        .iter()
        .map(BackupEmployee::from)
        .collect();
    let mut renamed = employee(2, "B2");
    renamed.employee_banks[0].account_number = Sensitive::new("99999999".to_owned());
    let mut new_tfn = employee(3, "C");
    new_tfn.employee_detail = Some(TaxDetail {
        tfn: Sensitive::new("876543210".to_owned()),
        ..TaxDetail::default()
    });
    let now: Vec<BackupEmployee> = [renamed, new_tfn, employee(4, "D")]
        .iter()
        .map(BackupEmployee::from)
        .collect();

    let (added, removed, changed, unchanged) = compare(&then, &now);

    assert_eq!(added.iter().map(|e| e.id_employee).collect::<Vec<_>>(), [4]);
    assert_eq!(
        removed.iter().map(|e| e.id_employee).collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(unchanged, 0);
    let groups: Vec<(i64, Vec<DataGroupName>)> = changed
        .iter()
        .map(|c| (c.employee.id_employee, c.groups.clone()))
        .collect();
    assert_eq!(
        groups,
        [
            (2, vec![DataGroupName::Personal, DataGroupName::Bank]),
            (3, vec![DataGroupName::Tax]),
        ]
    );
    let shown = serde_json::to_string(&changed).expect("serialises");
    assert!(
        !shown.contains("876543210") && !shown.contains("99999999"),
        "{shown}"
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_are_defused() {
    let mut planted = BackupEmployee::from(&employee(1, "A"));
    planted.personal.first_name = "=HYPERLINK(\"http://evil\",\"x\")".to_owned();
    planted.personal.surname = "+61 2 9999".to_owned();
    planted.personal.street = "-1+2".to_owned();
    planted.personal.email = "@SUM(A1)".to_owned();
    planted.personal.mobile_phone = "\tcmd".to_owned();
    planted.personal.suburb_city = "\rcmd".to_owned();
    planted.personal.state = "NSW".to_owned();
    let contents = model::BackupContents {
        version: CONTENTS_VERSION,
        created_at: chrono::DateTime::UNIX_EPOCH,
        source: "http://127.0.0.1/".to_owned(),
        employees: vec![planted],
        lookups: Vec::new(),
    };

    let csv = export::to_csv(&contents).expect("writes");

    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().expect("header").clone();
    let row = reader.records().next().expect("one row").expect("parses");
    let cell = |name: &str| {
        let index = headers.iter().position(|h| h == name).expect("column");
        row[index].to_owned()
    };
    assert_eq!(cell("firstName"), "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(cell("surname"), "'+61 2 9999");
    assert_eq!(cell("street"), "'-1+2");
    assert_eq!(cell("email"), "'@SUM(A1)");
    assert_eq!(cell("mobilePhone"), "'\tcmd");
    assert_eq!(cell("suburbCity"), "'\rcmd");
    assert_eq!(cell("state"), "NSW", "ordinary text is left alone");
    assert_eq!(cell("tfn"), "123456782");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("lists")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_private_write_replaces_an_existing_file_and_leaves_nothing_when_it_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("export.csv");
    let users_own = dir.path().join("export.partial");
    std::fs::write(&target, "old").expect("writes");
    std::fs::write(&users_own, "the user's file").expect("writes");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }

    let data_dir = tempfile::tempdir().expect("temp dir");
    write_private(data_dir.path(), &target, b"tfn,123456782").expect("writes");

    assert_eq!(std::fs::read(&target).expect("reads"), b"tfn,123456782");
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o600, "an existing file ends up private too");
    assert_eq!(
        std::fs::read(&users_own).expect("reads"),
        b"the user's file",
        "a file of the user's beside the target is untouched"
    );
    assert_eq!(names_in(dir.path()), ["export.csv", "export.partial"]);

    // A target that cannot be replaced (a folder is in the way): the error
    // is reported and no copy of the data is left beside it.
    let blocked = dir.path().join("blocked");
    std::fs::create_dir_all(blocked.join("inside")).expect("creates");
    let error = write_private(data_dir.path(), &blocked, b"tfn,123456782")
        .expect_err("a folder is in the way");
    assert_eq!(error.code, ErrorCode::Storage);
    assert!(!error.message.contains("123456782"));
    assert_eq!(
        names_in(dir.path()),
        ["blocked", "export.csv", "export.partial"]
    );
}

#[test]
fn a_backups_folder_that_cannot_be_read_is_an_error_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(!backup_files_exist(&dir.path().join("none")).expect("not there: none"));
    // Not a folder at all: read_dir fails with something other than NotFound.
    let not_a_folder = dir.path().join("backups");
    std::fs::write(&not_a_folder, b"").expect("write");
    let error = backup_files_exist(&not_a_folder).expect_err("cannot be read");
    assert_eq!(error.code, ErrorCode::Storage);
    assert!(
        error.message.contains("backups folder"),
        "{}",
        error.message
    );
}
