//! The window's commands: unpack, one engine call, answer. Each returns the
//! engine's `AppError` ({code, message}) unchanged.

mod about;
mod backups;
mod connections;
mod directions;
mod import;
mod leave;
mod payroll_desk;
mod sync;
mod sync_history;

pub use about::*;
pub use backups::*;
pub use connections::*;
pub use directions::*;
pub use import::*;
pub use leave::*;
pub use payroll_desk::*;
pub use sync::*;
pub use sync_history::*;
