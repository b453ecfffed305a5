use serde::{Deserialize, Serialize};

use crate::{Abn, Tfn};

/// What the employee declared on their TFN declaration. Holds a TFN, so it
/// has no `Serialize`: wire types send the TFN on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaxDetails {
    pub tfn: Tfn,
    /// For contractors paid on the Services basis.
    pub abn: Option<Abn>,
    pub basis_of_payment: BasisOfPayment,
    pub residency: Residency,
    pub tax_free_threshold: bool,
    /// HECS/HELP and other study and training support loans.
    pub help_debt: bool,
    /// Student Financial Supplement Scheme.
    pub sfss_debt: bool,
    pub medicare_variation: MedicareVariation,
}

/// MicrOpay's `BasisOfPayment` values, spelt as MicrOpay spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum BasisOfPayment {
    FullTime,
    PartTime,
    Casual,
    Services,
    PensionAnnuity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Residency {
    Resident,
    ForeignResident,
    WorkingHolidayMaker,
}

/// The Medicare levy variation declared, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MedicareVariation {
    #[default]
    None,
    /// Reduced levy for a low-income family; the declaration counts children.
    #[serde(rename_all = "camelCase")]
    Reduction {
        dependent_children: u8,
    },
    HalfExemption,
    FullExemption,
}
