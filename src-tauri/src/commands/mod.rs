//! The window's commands: unpack, one engine call, answer. Each returns the
//! engine's `AppError` ({code, message}) unchanged.

mod about;
mod backups;
mod connections;
mod directions;
mod import;

pub use about::*;
pub use backups::*;
pub use connections::*;
pub use directions::*;
pub use import::*;
