//! The window's commands: unpack, one engine call, answer. Each returns the
//! engine's `AppError` ({code, message}) unchanged.

mod connections;

pub use connections::*;
