//! Backups end to end: encrypted on disk, listed, exported (plain formats
//! only with the TFN confirmation) and compared with MicrOpay.

mod common;

use paybridge_engine::{BackupFormat, ErrorCode};

use common::setup;

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_is_encrypted_listed_exported_and_compared() {
    let s = setup(25, 21).await;
    let summary = s.engine.create_backup().await.expect("backup");
    assert_eq!(summary.employee_count, 25);
    let listed = s.engine.backups().await.expect("list");
    assert_eq!(listed, vec![summary.clone()]);

    let file = s.dir.path().join("backups").join(&summary.file_name);
    let sealed = std::fs::read(&file).expect("backup file");
    assert_eq!(sealed.len() as u64, summary.size_bytes);
    let known = s.employee(0);
    let tfn = known.tax.tfn.expose().clone();
    let account = known.bank_accounts[0].account_number.expose().clone();
    let contains =
        |bytes: &[u8], text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(
        !contains(&sealed, &tfn),
        "a TFN is in the backup in plain text"
    );
    assert!(
        !contains(&sealed, &account),
        "an account number is in plain text"
    );
    assert!(
        !contains(&sealed, &known.surname),
        "the backup is not encrypted"
    );

    let out = tempfile::tempdir().expect("temp dir");
    let json_path = out.path().join("backup.json");
    let refused = s
        .engine
        .export_backup(summary.id, json_path.clone(), BackupFormat::Json, false)
        .await
        .expect_err("plain export needs the confirmation");
    assert_eq!(refused.code, ErrorCode::ConfirmationRequired);
    assert!(
        refused.message.contains("tax file numbers"),
        "{}",
        refused.message
    );
    assert!(!json_path.exists());
    let csv_refused = s
        .engine
        .export_backup(
            summary.id,
            out.path().join("b.csv"),
            BackupFormat::Csv,
            false,
        )
        .await;
    assert_eq!(
        csv_refused.expect_err("refused").code,
        ErrorCode::ConfirmationRequired
    );

    // Confirmed: the decrypted contents round-trip.
    s.engine
        .export_backup(summary.id, json_path.clone(), BackupFormat::Json, true)
        .await
        .expect("exports JSON");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).expect("read")).expect("JSON");
    let employees = json["employees"].as_array().expect("employees");
    assert_eq!(employees.len(), 25);
    assert_eq!(employees[0]["tax"]["tfn"], tfn.as_str());
    assert_eq!(employees[0]["empCode"], known.emp_code.as_str());
    assert!(json["lookups"]
        .as_array()
        .expect("lookups")
        .iter()
        .any(|lookup| lookup["lookupType"] == "UserDefinedLeave"));

    let csv_path = out.path().join("backup.csv");
    s.engine
        .export_backup(summary.id, csv_path.clone(), BackupFormat::Csv, true)
        .await
        .expect("exports CSV");
    let csv = std::fs::read_to_string(&csv_path).expect("read");
    assert_eq!(csv.lines().count(), 26, "a header and one row per employee");
    assert!(csv.contains(&tfn));

    let copy = out.path().join("backup.pbbackup");
    s.engine
        .export_backup(summary.id, copy.clone(), BackupFormat::Encrypted, false)
        .await
        .expect("exports encrypted without a confirmation");
    assert_eq!(std::fs::read(&copy).expect("read"), sealed);

    let comparison = s.engine.compare_backup(summary.id).await.expect("compares");
    assert!(comparison.added.is_empty() && comparison.removed.is_empty());
    assert!(comparison.changed.is_empty());
    assert_eq!(comparison.unchanged, 25);
    let missing = s.engine.compare_backup(summary.id + 100).await;
    assert_eq!(
        missing.expect_err("no such backup").code,
        ErrorCode::NotFound
    );
}
