//! What the Payroll desk calls a leave application's category.
//!
//! A payroll officer in MicrOpay sees the category anyway, but the desk is
//! a Paybridge screen shown in demos and training sessions, and family and
//! domestic violence leave is to stay private wherever others could see it
//! (DOMAIN.md). So the desk names categories as the rest of the engine does
//! (`requests_plan`, `from_payroll_plan`): a private one reads "Leave of a
//! private category". Knowing which are private is cheap without Worknice:
//! MicrOpay's user-defined leave lookup (one read) and the stored settings.

use paybridge_micropay::MicropayClient;
use paybridge_store::LeaveCategoryRecord;

use super::catalog::{self, Category};
use crate::Engine;

/// How the desk names a private category.
pub(crate) const PRIVATE_NAME: &str = "Leave of a private category";
/// A user-defined code the desk cannot place (MicrOpay's lookup did not
/// answer, or does not list it): its code is not shown, as it may be
/// private.
pub(crate) const UNPLACED_NAME: &str = "User-defined leave";

/// What the desk shows of payroll's message on leave of a private
/// category: as in Worknice (`status_back`), none of its words, which may
/// name the category's code.
pub(crate) const PRIVATE_MESSAGE: &str =
    "Payroll's message is not shown: the leave is of a private category.";

/// The categories and their stored settings, read once per listing.
pub(crate) struct DeskCategoryNames {
    categories: Vec<Category>,
    stored: Vec<LeaveCategoryRecord>,
    /// Whether the stored settings were read: unread, any category may
    /// have been made private, so none is named.
    settings_read: bool,
}

impl DeskCategoryNames {
    /// The category's name for an application of `leave_type` (and
    /// `leave_code` for user-defined leave), as MicrOpay spells them, and
    /// whether it is (or may be) private.
    pub(crate) fn name(&self, leave_type: &str, leave_code: Option<&str>) -> (String, bool) {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let category = self.categories.iter().find(|category| {
            same(&category.key.leave_type, leave_type)
                && (!same(leave_type, "UserDefinedLeave")
                    || same(&category.key.leave_code, leave_code.unwrap_or("")))
        });
        let Some(category) = category else {
            return (UNPLACED_NAME.to_owned(), true);
        };
        let record = self.stored.iter().find(|record| {
            record.key.leave_type == category.key.leave_type
                && same(&record.key.leave_code, &category.key.leave_code)
        });
        if !self.settings_read || catalog::is_private(category, record) {
            (PRIVATE_NAME.to_owned(), true)
        } else {
            (category.name.clone(), false)
        }
    }
}

impl Engine {
    /// The names the Payroll desk gives categories. Without a client, or
    /// when a read fails, only the standard categories are named (the rest
    /// unplaced).
    pub(crate) async fn desk_category_names(
        &self,
        client: Option<&MicropayClient>,
    ) -> DeskCategoryNames {
        let mut user_defined = Vec::new();
        if let Some(client) = client {
            // One try, no retries: the desk lists again every few seconds.
            self.requests.micropay();
            user_defined = client
                .lookup(catalog::USER_DEFINED_LOOKUP)
                .await
                .unwrap_or_default();
        }
        // Unread settings can't say which standard category an admin made
        // private: then none is named.
        let stored = self.with_store(|store| store.leave().categories()).await;
        let settings_read = stored.is_ok();
        let stored = stored.unwrap_or_default();
        DeskCategoryNames {
            categories: catalog::categories(&user_defined),
            stored,
            settings_read,
        }
    }
}

#[cfg(test)]
mod tests {
    use paybridge_micropay::Lookup;
    use paybridge_store::LeaveCategoryKey;

    use super::*;

    fn lookup(code: &str, description: &str) -> Lookup {
        Lookup {
            lookup_type: catalog::USER_DEFINED_LOOKUP.to_owned(),
            code: code.to_owned(),
            description: description.to_owned(),
            active: true,
        }
    }

    fn names(user_defined: &[Lookup], stored: Vec<LeaveCategoryRecord>) -> DeskCategoryNames {
        DeskCategoryNames {
            categories: catalog::categories(user_defined),
            stored,
            settings_read: true,
        }
    }

    fn marked(leave_type: &str, code: &str, private: bool) -> LeaveCategoryRecord {
        LeaveCategoryRecord {
            key: LeaveCategoryKey {
                leave_type: leave_type.to_owned(),
                leave_code: code.to_owned(),
            },
            visible: true,
            private: Some(private),
            worknice_type_id: None,
            changed_at: None,
            changed_by: None,
        }
    }

    #[test]
    fn standard_and_user_defined_categories_are_named_as_the_leave_screen_names_them() {
        let names = names(&[lookup("JURY", "Jury Duty")], Vec::new());
        let named = |leave_type: &str, code| names.name(leave_type, code);
        assert_eq!(
            named("AnnualLeave", None),
            ("Annual leave".to_owned(), false)
        );
        assert_eq!(
            named(" sickleave ", None),
            ("Personal/carer's leave".to_owned(), false)
        );
        assert_eq!(
            named("UserDefinedLeave", Some("jury")),
            ("Jury Duty".to_owned(), false)
        );
    }

    #[test]
    fn a_private_category_is_never_named() {
        let fdv = lookup("FDV", "Family and Domestic Violence Leave");
        let names = names(
            &[fdv, lookup("CL", "Compassionate Leave")],
            vec![marked("UserDefinedLeave", "CL", true)],
        );
        for code in ["FDV", "CL"] {
            assert_eq!(
                names.name("UserDefinedLeave", Some(code)),
                (PRIVATE_NAME.to_owned(), true)
            );
        }
    }

    #[test]
    fn unread_settings_name_no_category() {
        let names = DeskCategoryNames {
            settings_read: false,
            ..names(&[], Vec::new())
        };
        assert_eq!(
            names.name("AnnualLeave", None),
            (PRIVATE_NAME.to_owned(), true),
            "an admin may have made it private"
        );
    }

    #[test]
    fn a_default_private_category_marked_not_private_is_named() {
        let names = names(
            &[lookup("FDV", "Family and Domestic Violence Leave")],
            vec![marked("UserDefinedLeave", "FDV", false)],
        );
        assert_eq!(
            names.name("UserDefinedLeave", Some("FDV")),
            ("Family and Domestic Violence Leave".to_owned(), false)
        );
    }

    #[test]
    fn a_code_the_lookup_does_not_list_is_not_shown() {
        // As when MicrOpay's lookup did not answer: FDV could be private.
        let names = names(&[], Vec::new());
        let unplaced = (UNPLACED_NAME.to_owned(), true);
        assert_eq!(names.name("UserDefinedLeave", Some("FDV")), unplaced);
        assert_eq!(names.name("UserDefinedLeave", None), unplaced);
        assert_eq!(
            names.name("LongServiceLeave", None),
            ("Long service leave".to_owned(), false)
        );
    }
}
