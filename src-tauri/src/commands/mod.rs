//! The window's commands: unpack, one engine call, answer. Each returns the
//! engine's `AppError` ({code, message}) unchanged.

mod backups;
mod connections;
mod import;

pub use backups::*;
pub use connections::*;
pub use import::*;
