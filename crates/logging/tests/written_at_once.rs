//! The log file holds each line as soon as the logging call returns: Tauri
//! exits without dropping its state, so nothing may wait for a flush.
//! Its own test binary: logging is set up once per process.

use paybridge_logging::{LogOptions, LOG_FILE};

#[test]
fn every_line_is_in_the_file_when_the_call_returns_and_a_bad_filter_keeps_the_file() {
    let dir = tempfile::tempdir().expect("log dir");
    let logging = paybridge_logging::init(LogOptions {
        dir: dir.path().to_owned(),
        // A typo in PAYBRIDGE_LOG: not a level.
        filter: "paybridge=loud".into(),
        max_file_bytes: 1 << 30,
        max_rotated_files: 1,
        stderr: false,
    })
    .expect("a bad filter falls back instead of failing");
    for line in 0..2000 {
        tracing::info!(line, "line {line} of the burst");
    }
    tracing::error!("the last line before process::exit");
    // Read at once, with the logging still held (nothing dropped).
    let text = std::fs::read_to_string(dir.path().join(LOG_FILE)).expect("read log");
    assert!(
        text.contains("the last line before process::exit"),
        "the last line is not on disk yet"
    );
    assert_eq!(text.matches("of the burst").count(), 2000);
    assert!(
        text.contains("PAYBRIDGE_LOG is not a valid filter") && text.contains("paybridge=loud"),
        "the bad filter was not reported in the log file"
    );
    assert!(
        !text.contains(" DEBUG "),
        "fell back to more than {}",
        paybridge_logging::DEFAULT_FILTER
    );
    drop(logging);
}
