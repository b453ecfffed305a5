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
//! 5. record **history**, and the plan's [`plan::Plan::baseline_after`].
//!
//! What exists so far: the field catalogue ([`fields`]), snapshots, the
//! baselines and change-request tables in the store, and the plan. Reading,
//! applying and history are not wired in yet: nothing here is called by the
//! engine's commands or the CLI.
//!
//! Known gaps for the wiring: a field is compared only when both sides
//! carry it, and `WorknicePerson` carries only start date, email and mobile
//! until the full person read lands (see `snapshot_from_worknice`); a linked
//! employee MicrOpay was not read for (a `changedSince` read) is left out of
//! the plan, so a Worknice-side change for them waits for a full read.

// Not wired into the engine yet (see above); the tests use all of it.
#![allow(dead_code)]

pub(crate) mod baseline;
pub(crate) mod fields;
mod hires;
mod people;
pub(crate) mod plan;
mod read;
mod rules;
mod sets;
pub(crate) mod snapshot;
mod worknice_snapshot;

#[cfg(test)]
mod tests;
