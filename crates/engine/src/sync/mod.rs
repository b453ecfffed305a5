//! The sync engine (issue 7), as one pipeline:
//!
//! 1. **read** both sides: MicrOpay's employees and Worknice's people,
//!    each turned into a [`snapshot`] (field → canonical value, sensitive
//!    values as `Sensitive`, fields that cannot be sent held with a reason);
//! 2. **compare** them with the [`baseline`]s: what the last sync saw of
//!    each linked employee and field, on each side (fingerprints for
//!    sensitive fields; the store's `sync_baselines`);
//! 3. **plan** ([`plan::plan`]): a pure function of what was read and what is
//!    stored, giving per employee and field old → new, the side written and
//!    why; it is what Preview and `paybridge sync --dry-run --json` show;
//! 4. **apply** the plan through the outbox: Worknice updates, and
//!    `ChangeEmployee` Change / Add requests recorded in the store's
//!    `change_requests` before they are sent;
//! 5. record **history**, and each employee's new baseline.
//!
//! All five are wired: `Engine::sync_preview` (`paybridge sync --dry-run`)
//! reads and plans, writing nothing; `Engine::sync_now` (`run`, `paybridge
//! sync`, "Sync now") takes the run's turn (`turn`: the lease, and a file
//! lock that tells a dead run's lease from a live one), checks payroll's
//! answers (`payroll_answers`), reads and plans, applies (`apply`: links
//! in `relink`, Worknice updates built in `worknice_writes`, MicrOpay
//! requests in `payroll_requests`), and records the run (`records`).
//!
//! Known gaps: a field is compared only when both sides carry it (Worknice
//! without tax details carries no tax field); the import records no
//! baselines, so the first sync after it adopts ("adopt" in the plan)
//! rather than updates; a routine sync reads MicrOpay `changedSince` the
//! last run (`read_choice`: a full read on the first sync, after an
//! unfinished run or a change of directions, daily, and on demand) and
//! plans a linked employee it did not return from its baseline, reading it
//! on its own where that is not enough (`unread`); MicrOpay employees not
//! linked show only in full reads; the import is not yet the
//! pipeline's first step (it still runs on its own); `ChangeEmployee` has
//! no SFSS field, so an SFSS change Worknice → MicrOpay is recorded but not
//! sent; a Change whose answer was lost waits until MicrOpay shows its
//! values, or until the officer marks it not received
//! (`Engine::mark_not_received`, `lost_requests.rs`; WIRE.md, "Lost
//! answers").

mod apply;
pub(crate) mod baseline;
mod baseline_map;
pub(crate) mod field_map;
pub(crate) mod fields;
mod hires;
mod packed_fields;
pub(crate) use hires::lost_add_settled;
mod payroll_answers;
mod payroll_requests;
mod people;
pub(crate) mod plan;
mod planner;
mod progress;
mod read;
mod read_choice;
mod read_people;
mod records;
mod records_needed;
mod relink;
mod rules;
mod run;
pub(crate) use run::ABANDONED;
mod sets;
mod shown;
mod side_values;
pub(crate) mod snapshot;
mod turn;
mod unread;
mod worknice_snapshot;
mod worknice_updates;
mod worknice_writes;

pub use run::SyncProgress;
pub(crate) use turn::sync_is_running;

#[cfg(test)]
mod tests;
