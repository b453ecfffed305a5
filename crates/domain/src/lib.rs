//! Types every Paybridge crate shares, and the Australian validation rules
//! (TFN, ABN, BSB, account numbers, EmpCode, bank splits).

pub mod abn;
pub mod bank;
pub mod bsb;
mod digits;
pub mod emp_code;
pub mod employee;
pub mod error;
pub mod leave_days;
pub mod sensitive;
pub mod tfn;

pub use abn::Abn;
pub use bank::{AccountNumber, AccountNumberLimit, BankAccount, BankSplit};
pub use bsb::Bsb;
pub use emp_code::{EmpCode, EmpCodeLimit};
pub use error::{NameField, ValidationError, ValidationErrors};
pub use sensitive::Sensitive;
pub use tfn::Tfn;
