//! What Paybridge knows about an employee, grouped the way the brief's data
//! flow is: personal details, bank accounts, super, tax, leave.

mod leave;
mod personal;
mod super_fund;
mod tax;

pub use crate::bank::{BankAccount, BankSplit};
pub use leave::{LeaveCategory, MicropayLeaveType, NesLeaveKind};
pub use personal::{Address, AustralianState, Gender, PersonalDetails, Phones};
pub use super_fund::{FundIdentity, SuperFund, Usi};
pub use tax::{BasisOfPayment, MedicareVariation, Residency, TaxDetails};
