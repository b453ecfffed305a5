//! What the sandbox's unit tests share.

use super::*;

/// The state a server seeded with `seed` starts from, without the server.
pub(super) fn server_state(seed: u64, employees: usize) -> (Dataset, SharedState) {
    let dataset = Dataset::generate(seed, employees);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ SEED_SALT);
    let people = seed::people(&dataset, &mut rng);
    let details = seed::details(&dataset, &people);
    let mut state = WorkniceState::new("org".to_owned(), dataset.organisation.clone(), people, rng);
    state.details.extend(details);
    (dataset, Arc::new(RwLock::new(state)))
}
