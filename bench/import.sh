#!/usr/bin/env bash
# Import benchmark: every employee of a fresh sandbox into Worknice, next to
# the time to merely fetch the same pages with the same concurrency, in one
# run; prints wall times, HTTP requests and the engine's peak memory.
#
#   bench/import.sh [EMPLOYEES]   (default 5000; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p paybridge-cli
exec scripts/in-test-session.sh "${CARGO_TARGET_DIR:-target}/release/paybridge" bench import --employees "${1:-5000}"
