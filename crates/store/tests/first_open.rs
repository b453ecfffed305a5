//! Two processes starting at once on a new data folder both open (and so
//! migrate) the same new database: one creates the schema, the other finds it.

use std::sync::{Arc, Barrier};

use paybridge_store::{database_path, DatabaseKey, Store, LATEST_SCHEMA_VERSION};

#[test]
fn stores_opening_a_new_database_at_once_all_open_it() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().expect("temp dir");
        let racers = 4;
        let start = Arc::new(Barrier::new(racers));
        let threads: Vec<_> = (0..racers)
            .map(|_| {
                let path = database_path(dir.path());
                let start = start.clone();
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path, &DatabaseKey::from_bytes([3; 32]))
                        .map(|store| store.schema_version().expect("version"))
                })
            })
            .collect();
        for thread in threads {
            let opened = thread.join().expect("thread");
            assert_eq!(opened.expect("opens"), LATEST_SCHEMA_VERSION);
        }
    }
}
