#!/usr/bin/env bash
# Sync benchmark (issue 7's goals), in one run: the first full sync (the
# import) of a fresh sandbox against its floor (the bare clients sending the
# same reads and writes at the same concurrency, no store), a sync with
# nothing changed, a sync after payroll changed one employee, and the peak
# memory of a sync with many more employees (in a process of its own; each
# sandbox is a child process). Prints a table, then one JSON line.
#
#   bench/sync.sh [EMPLOYEES] [PEAK_EMPLOYEES]   (defaults 5000 50000; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p paybridge-cli
exec scripts/in-test-session.sh "${CARGO_TARGET_DIR:-target}/release/paybridge" bench sync \
  --employees "${1:-5000}" --peak-employees "${2:-50000}"
