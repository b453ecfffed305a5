//! The run lease across separate `Store` handles on one file, as two
//! processes (the app and the CLI) would hold them.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, Utc};
use paybridge_store::{database_path, DatabaseKey, LeaseOutcome, Store};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn open(dir: &std::path::Path) -> Store {
    Store::open(&database_path(dir), &DatabaseKey::from_bytes([7; 32])).expect("opens")
}

const PAIR: &str = "pair-1";

#[test]
fn a_second_handle_sees_the_lease_held_until_it_expires() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = open(dir.path());
    let cli = open(dir.path());
    let start = at("2026-03-02T09:00:00Z");
    let ttl = Duration::seconds(60);

    assert_eq!(
        app.leases()
            .acquire(PAIR, "app", start, ttl)
            .expect("acquire"),
        LeaseOutcome::Acquired {
            expires_at: start + ttl
        }
    );
    match cli
        .leases()
        .acquire(PAIR, "cli", start + Duration::seconds(59), ttl)
        .expect("acquire")
    {
        LeaseOutcome::HeldBy(lease) => {
            assert_eq!(lease.holder, "app");
            assert_eq!(lease.acquired_at, start);
            assert_eq!(lease.expires_at, start + ttl);
        }
        other => panic!("the CLI took a held lease: {other:?}"),
    }
    // Another pair of connections has a lease of its own.
    assert!(matches!(
        cli.leases()
            .acquire("pair-2", "cli", start, ttl)
            .expect("acquire"),
        LeaseOutcome::Acquired { .. }
    ));

    // At the expiry instant the lease is free: the crashed holder lost it.
    let later = start + ttl;
    assert_eq!(cli.leases().current(PAIR, later).expect("current"), None);
    assert_eq!(
        cli.leases()
            .acquire(PAIR, "cli", later, ttl)
            .expect("acquire"),
        LeaseOutcome::Acquired {
            expires_at: later + ttl
        }
    );
    // The old holder can neither renew nor release what is now the CLI's.
    assert!(!app.leases().renew(PAIR, "app", later, ttl).expect("renew"));
    assert!(!app.leases().release(PAIR, "app").expect("release"));
    assert_eq!(
        app.leases()
            .current(PAIR, later)
            .expect("current")
            .map(|lease| lease.holder),
        Some("cli".to_owned())
    );
}

#[test]
fn only_the_holder_renews_and_releases() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let start = at("2026-03-02T09:00:00Z");
    let ttl = Duration::seconds(30);
    store
        .leases()
        .acquire(PAIR, "run-a", start, ttl)
        .expect("acquire");

    let renewed_at = start + Duration::seconds(25);
    assert!(store
        .leases()
        .renew(PAIR, "run-a", renewed_at, ttl)
        .expect("renew"));
    // Renewed: still held past the first expiry.
    let after_first_expiry = start + Duration::seconds(40);
    assert!(matches!(
        store
            .leases()
            .acquire(PAIR, "run-b", after_first_expiry, ttl)
            .expect("acquire"),
        LeaseOutcome::HeldBy(lease) if lease.expires_at == renewed_at + ttl
    ));
    assert!(!store
        .leases()
        .renew(PAIR, "run-b", after_first_expiry, ttl)
        .expect("renew"));
    assert!(!store.leases().release(PAIR, "run-b").expect("release"));

    assert!(store.leases().release(PAIR, "run-a").expect("release"));
    assert_eq!(
        store
            .leases()
            .current(PAIR, after_first_expiry)
            .expect("current"),
        None
    );
    assert!(matches!(
        store
            .leases()
            .acquire(PAIR, "run-b", after_first_expiry, ttl)
            .expect("acquire"),
        LeaseOutcome::Acquired { .. }
    ));
}

/// Many handles race for the same lease, round after round: each round has
/// exactly one winner, and everyone else is told who holds it.
#[test]
fn many_handles_at_once_get_exactly_one_winner_per_round() {
    const HANDLES: usize = 8;
    const ROUNDS: usize = 25;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_owned();
    let start = at("2026-03-02T09:00:00Z");
    let ttl = Duration::seconds(600);
    let barrier = Arc::new(Barrier::new(HANDLES));

    let threads: Vec<_> = (0..HANDLES)
        .map(|index| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let store = open(&path);
                let holder = format!("holder-{index}");
                let mut won = Vec::new();
                for round in 0..ROUNDS {
                    let pair = format!("pair-{round}");
                    barrier.wait();
                    match store
                        .leases()
                        .acquire(&pair, &holder, start, ttl)
                        .expect("acquire")
                    {
                        LeaseOutcome::Acquired { .. } => won.push(round),
                        LeaseOutcome::HeldBy(lease) => assert_ne!(lease.holder, holder),
                    }
                }
                won
            })
        })
        .collect();
    let mut winners = vec![0; ROUNDS];
    for thread in threads {
        for round in thread.join().expect("thread") {
            winners[round] += 1;
        }
    }
    assert_eq!(winners, vec![1; ROUNDS], "winners per round");
}
