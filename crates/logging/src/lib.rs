//! Where Paybridge's logs go: a rotating file in the app's log folder (and
//! stderr), plus an in-memory list of the last warnings and errors for the
//! About screen's diagnostics. The desktop app and the tests share this, so
//! the canary test checks the log files the app really writes.

mod diagnostics;
mod recent;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

pub use diagnostics::{Diagnostics, DIAGNOSTICS_BINDINGS_PATH};
pub use recent::{RecentErrors, RecentEvent};

/// The current log file's name; rotated ones get `.1`, `.2`, … (newest first).
pub const LOG_FILE: &str = "paybridge.log";

/// The filter when `PAYBRIDGE_LOG` is unset.
pub const DEFAULT_FILTER: &str = "info";

/// How the logs are kept.
#[derive(Debug, Clone)]
pub struct LogOptions {
    /// The folder the log files go in (the OS log folder for the app).
    pub dir: PathBuf,
    /// An `EnvFilter` directive such as `info` or `paybridge_engine=debug,warn`.
    pub filter: String,
    /// A file is rotated once it passes this many bytes.
    pub max_file_bytes: usize,
    /// Rotated files kept besides the current one; older ones are deleted.
    pub max_rotated_files: usize,
    /// Also write to stderr (a terminal that started the app shows it).
    pub stderr: bool,
}

impl LogOptions {
    /// Four rotated files of 4 MiB besides the current one: enough for a
    /// support case, small on any disk. `PAYBRIDGE_LOG` sets the filter.
    pub fn from_env(dir: PathBuf) -> Self {
        Self {
            dir,
            filter: filter_from_env(),
            max_file_bytes: 4 * 1024 * 1024,
            max_rotated_files: 4,
            stderr: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("The log folder {dir} could not be created: {source}")]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("Logging was already set up in this process.")]
    AlreadySet,
}

/// Logging as set up by [`init`].
#[derive(Debug)]
pub struct Logging {
    dir: PathBuf,
    recent: RecentErrors,
}

impl Logging {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The last warnings and errors logged in this process.
    pub fn recent(&self) -> &RecentErrors {
        &self.recent
    }
}

/// Sets the process's logging up: the filter, the rotating file, stderr and
/// the list of recent errors. Once per process.
pub fn init(options: LogOptions) -> Result<Logging, LogError> {
    let (filter, bad_filter) = parse_filter(&options.filter);
    std::fs::create_dir_all(&options.dir).map_err(|source| LogError::Folder {
        dir: options.dir.clone(),
        source,
    })?;
    // Written synchronously: every line is on disk when the call returns,
    // so nothing is lost at exit (Tauri never drops its state, so a
    // background writer's guard would never flush), on process::exit, or
    // after a panic. Lines are small; the lock is held for one write.
    let file_writer = Mutex::new(rotating_file(&options));
    let recent = RecentErrors::default();
    let stderr = options.stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_target(true)
    });
    tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(file_writer),
        )
        .with(stderr)
        .with(recent.layer())
        .try_init()
        .map_err(|_| LogError::AlreadySet)?;
    warn_bad_filter(bad_filter);
    Ok(Logging {
        dir: options.dir,
        recent,
    })
}

/// Logging as the app starts it: to the log folder, or, without one (no
/// home folder, a read-only disk), to stderr only with the reason kept for
/// About.
#[derive(Debug)]
pub struct Started {
    /// The log folder, or why there is none.
    pub log_dir: Result<PathBuf, String>,
    pub recent: RecentErrors,
}

/// Starts logging in `dir` (or logs to stderr only, saying why).
pub fn init_or_stderr(dir: Result<PathBuf, String>) -> Started {
    match dir.and_then(|dir| init(LogOptions::from_env(dir)).map_err(|error| error.to_string())) {
        Ok(logging) => Started {
            log_dir: Ok(logging.dir),
            recent: logging.recent,
        },
        Err(reason) => {
            let recent = init_stderr_only();
            tracing::warn!(%reason, "logging to stderr only");
            Started {
                log_dir: Err(reason),
                recent,
            }
        }
    }
}

/// `PAYBRIDGE_LOG`, or [`DEFAULT_FILTER`] when it is unset or blank.
pub fn filter_from_env() -> String {
    std::env::var("PAYBRIDGE_LOG")
        .ok()
        .filter(|filter| !filter.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_FILTER.to_owned())
}

/// The filter, or [`DEFAULT_FILTER`] with the reason when it does not
/// parse: a typo must not turn the log file off.
fn parse_filter(directive: &str) -> (EnvFilter, Option<(String, String)>) {
    match EnvFilter::try_new(directive) {
        Ok(filter) => (filter, None),
        Err(error) => (
            EnvFilter::new(DEFAULT_FILTER),
            Some((directive.to_owned(), error.to_string())),
        ),
    }
}

fn warn_bad_filter(bad_filter: Option<(String, String)>) {
    if let Some((filter, error)) = bad_filter {
        tracing::warn!(%filter, %error, "PAYBRIDGE_LOG is not a valid filter; logging at {DEFAULT_FILTER}");
    }
}

/// The log file: `paybridge.log`, moved to `.1` (then `.2`, …) once past
/// `max_file_bytes`, with at most `max_rotated_files` old files kept.
fn rotating_file(options: &LogOptions) -> FileRotate<AppendCount> {
    FileRotate::new(
        options.dir.join(LOG_FILE),
        AppendCount::new(options.max_rotated_files),
        ContentLimit::BytesSurpassed(options.max_file_bytes),
        Compression::None,
        Some(private_append()),
    )
}

/// Append-only, and on Unix readable by the user alone: the log names
/// employees even though it never holds their numbers.
fn private_append() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    // file-rotate requires read + create + append.
    options.read(true).create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Every log file in `dir`: the current one and the rotated ones.
pub fn log_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(LOG_FILE))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Logging to stderr only, for when the log folder cannot be used; the
/// recent errors are still kept. Falls back to `info` on a bad filter.
pub fn init_stderr_only() -> RecentErrors {
    let (filter, bad_filter) = parse_filter(&filter_from_env());
    let recent = RecentErrors::default();
    // Only fails when logging is already set up, which then stays.
    if tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .with(recent.layer())
        .try_init()
        .is_ok()
    {
        warn_bad_filter(bad_filter);
    }
    recent
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn the_log_rotates_by_size_and_keeps_a_bounded_number_of_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = LogOptions {
            dir: dir.path().to_owned(),
            filter: DEFAULT_FILTER.into(),
            max_file_bytes: 1000,
            max_rotated_files: 2,
            stderr: false,
        };
        let mut file = rotating_file(&options);
        let line = format!("{}\n", "x".repeat(299));
        for _ in 0..40 {
            file.write_all(line.as_bytes()).expect("write");
        }
        file.flush().expect("flush");
        let names: Vec<String> = log_files(dir.path())
            .expect("list")
            .iter()
            .map(|path| {
                path.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            ["paybridge.log", "paybridge.log.1", "paybridge.log.2"]
        );
        for path in log_files(dir.path()).expect("list") {
            let size = std::fs::metadata(&path).expect("metadata").len();
            // Rotated once past the limit, so at most one line over it.
            assert!(size <= 1300, "{} is {size} bytes", path.display());
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path)
                    .expect("metadata")
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o077, 0, "{} is readable by others", path.display());
            }
        }
    }
}
