//! The codes a new hire is added to MicrOpay with (location, payroll
//! company, pay frequency, pay point), chosen in Settings from MicrOpay's
//! lookups and checked against them before they are saved.

use paybridge_micropay::{Lookup, MicropayClient};
use paybridge_store::NewHireDefaultsRecord;

use crate::api::{
    AppError, ErrorCode, LookupChoice, NewHireChoices, NewHireDefaults, NewHireDefaultsChange,
    SettingsTrigger,
};
use crate::directions::to_store_trigger;
use crate::reads;
use crate::Engine;

/// What a new hire is held with while any default is still to choose.
pub const NEW_HIRE_DEFAULTS_MISSING: &str = "choose the new-hire defaults";

/// How many valid codes an "unknown code" error lists.
const CODES_SHOWN: usize = 5;

/// One of the four defaults: its MicrOpay lookup type and its name in messages.
#[derive(Debug, Clone, Copy)]
enum Field {
    Location,
    PayrollCompany,
    PayFrequency,
    PayPoint,
}

impl Field {
    const ALL: [Field; 4] = [
        Self::Location,
        Self::PayrollCompany,
        Self::PayFrequency,
        Self::PayPoint,
    ];

    fn lookup_type(self) -> &'static str {
        match self {
            Self::Location => "Location",
            Self::PayrollCompany => "PayrollCompany",
            Self::PayFrequency => "PayFrequency",
            Self::PayPoint => "PayPoint",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Location => "location",
            Self::PayrollCompany => "payroll company",
            Self::PayFrequency => "pay frequency",
            Self::PayPoint => "pay point",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Self::Location => "locations",
            Self::PayrollCompany => "payroll companies",
            Self::PayFrequency => "pay frequencies",
            Self::PayPoint => "pay points",
        }
    }

    fn of(self, record: &mut NewHireDefaultsRecord) -> &mut Option<String> {
        match self {
            Self::Location => &mut record.location,
            Self::PayrollCompany => &mut record.payroll_company,
            Self::PayFrequency => &mut record.pay_frequency,
            Self::PayPoint => &mut record.pay_point,
        }
    }

    fn asked(self, change: &NewHireDefaultsChange) -> Option<&str> {
        match self {
            Self::Location => change.location.as_deref(),
            Self::PayrollCompany => change.payroll_company.as_deref(),
            Self::PayFrequency => change.pay_frequency.as_deref(),
            Self::PayPoint => change.pay_point.as_deref(),
        }
    }
}

impl Engine {
    /// The saved defaults and which are still to choose.
    pub async fn new_hire_defaults(&self) -> Result<NewHireDefaults, AppError> {
        let record = self
            .with_store(|store| store.new_hire_defaults().get())
            .await?;
        Ok(defaults_view(record))
    }

    /// MicrOpay's active codes for each default, for the Settings dropdowns.
    pub async fn new_hire_choices(&self) -> Result<NewHireChoices, AppError> {
        let client = self.micropay_client().await?;
        let [locations, payroll_companies, pay_frequencies, pay_points] =
            self.read_choices(&client).await?;
        Ok(NewHireChoices {
            locations,
            payroll_companies,
            pay_frequencies,
            pay_points,
        })
    }

    /// Sets the defaults the change names (`""` clears one), each code
    /// checked against MicrOpay's lookups; recorded in the settings history.
    /// Nothing is saved when any code is unknown.
    pub async fn set_new_hire_defaults(
        &self,
        change: NewHireDefaultsChange,
        trigger: SettingsTrigger,
    ) -> Result<NewHireDefaults, AppError> {
        let client = self.micropay_client().await?;
        let choices = self.read_choices(&client).await?;
        let mut codes = Vec::new();
        for (field, valid) in Field::ALL.into_iter().zip(&choices) {
            let Some(asked) = field.asked(&change) else {
                continue;
            };
            let asked = asked.trim();
            let code = if asked.is_empty() {
                None
            } else {
                Some(checked_code(field, asked, valid)?)
            };
            codes.push((field, code));
        }
        let at = self.clock.now();
        let trigger = to_store_trigger(trigger);
        // Applied to the record as saved at the write, not to a copy read
        // before it: the app and the CLI may save different codes at once.
        let saved = self
            .with_store(move |store| {
                store.new_hire_defaults().update(
                    |record| {
                        for (field, code) in codes {
                            *field.of(record) = code;
                        }
                    },
                    at,
                    trigger,
                )?;
                store.new_hire_defaults().get()
            })
            .await?;
        Ok(defaults_view(saved))
    }

    async fn read_choices(
        &self,
        client: &MicropayClient,
    ) -> Result<[Vec<LookupChoice>; 4], AppError> {
        let read = |field: Field| async move {
            let lookups = reads::lookup(client, &self.requests, field.lookup_type()).await?;
            Ok::<_, AppError>(active_choices(lookups))
        };
        let (locations, companies, frequencies, pay_points) = tokio::try_join!(
            read(Field::Location),
            read(Field::PayrollCompany),
            read(Field::PayFrequency),
            read(Field::PayPoint),
        )?;
        Ok([locations, companies, frequencies, pay_points])
    }
}

fn active_choices(lookups: Vec<Lookup>) -> Vec<LookupChoice> {
    lookups
        .into_iter()
        .filter(|lookup| lookup.active && !lookup.code.trim().is_empty())
        .map(|lookup| LookupChoice {
            code: lookup.code,
            description: lookup.description,
        })
        .collect()
}

/// The code as MicrOpay spells it, or an error listing some valid ones.
fn checked_code(field: Field, asked: &str, valid: &[LookupChoice]) -> Result<String, AppError> {
    if let Some(found) = valid
        .iter()
        .find(|choice| choice.code.eq_ignore_ascii_case(asked))
    {
        return Ok(found.code.clone());
    }
    if valid.is_empty() {
        return Err(AppError::new(
            ErrorCode::Validation,
            no_codes_message(field),
        ));
    }
    let listed = a_few(
        valid
            .iter()
            .map(|choice| format!("{} ({})", choice.code, choice.description)),
        CODES_SHOWN,
    );
    Err(AppError::new(
        ErrorCode::Validation,
        format!(
            "\"{asked}\" is not a {} in MicrOpay. Choose one of {listed}.",
            field.name(),
        ),
    ))
}

/// The first `shown` of `items`, then how many more: "A (a), B (b) and 3 more".
pub(crate) fn a_few(items: impl ExactSizeIterator<Item = String>, shown: usize) -> String {
    let more = items.len().saturating_sub(shown);
    let listed: Vec<String> = items.take(shown).collect();
    if more > 0 {
        format!("{} and {more} more", listed.join(", "))
    } else {
        listed.join(", ")
    }
}

/// MicrOpay lists no codes for a default: an Add needs all four (MicrOpay
/// refuses one without a pay point), so payroll has to set one up first.
fn no_codes_message(field: Field) -> String {
    format!(
        "MicrOpay has no {} set up, and a new employee needs one: set one up in MicrOpay, then choose it here.",
        field.plural()
    )
}

fn defaults_view(record: NewHireDefaultsRecord) -> NewHireDefaults {
    let mut missing = Vec::new();
    let mut probe = record.clone();
    for field in Field::ALL {
        if field.of(&mut probe).is_none() {
            missing.push(field.name().to_owned());
        }
    }
    NewHireDefaults {
        location: record.location,
        payroll_company: record.payroll_company,
        pay_frequency: record.pay_frequency,
        pay_point: record.pay_point,
        complete: missing.is_empty(),
        missing,
        changed_at: record.changed_at.map(|at| at.to_rfc3339()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(code: &str, description: &str) -> LookupChoice {
        LookupChoice {
            code: code.to_owned(),
            description: description.to_owned(),
        }
    }

    #[test]
    fn an_unknown_code_lists_a_few_valid_ones_with_their_descriptions() {
        let valid: Vec<LookupChoice> = (1..=7)
            .map(|n| choice(&format!("L{n}"), &format!("Place {n}")))
            .collect();
        let error = checked_code(Field::Location, "NOPE", &valid).expect_err("unknown");
        assert_eq!(error.code, ErrorCode::Validation);
        assert_eq!(
            error.message,
            "\"NOPE\" is not a location in MicrOpay. Choose one of L1 (Place 1), L2 (Place 2), \
             L3 (Place 3), L4 (Place 4), L5 (Place 5) and 2 more."
        );
        assert_eq!(
            checked_code(Field::Location, "l3", &valid).expect("known"),
            "L3",
            "kept as MicrOpay spells it"
        );
    }

    #[test]
    fn a_default_is_missing_until_chosen_even_where_micropay_lists_none() {
        let record = NewHireDefaultsRecord {
            location: Some("SYD".to_owned()),
            payroll_company: Some("DEMO".to_owned()),
            pay_frequency: Some("F".to_owned()),
            ..NewHireDefaultsRecord::default()
        };
        let view = defaults_view(record.clone());
        assert_eq!(view.missing, vec!["pay point".to_owned()]);
        assert!(!view.complete);
        let view = defaults_view(NewHireDefaultsRecord {
            pay_point: Some("MAIN".to_owned()),
            ..record
        });
        assert_eq!(view.missing, Vec::<String>::new());
        assert!(view.complete);

        let error = checked_code(Field::PayPoint, "MAIN", &[]).expect_err("none to choose");
        assert_eq!(
            error.message,
            "MicrOpay has no pay points set up, and a new employee needs one: set one up in \
             MicrOpay, then choose it here."
        );
    }
}
