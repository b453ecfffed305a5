#!/usr/bin/env bash
# Picker benchmark in the real webview (release builds): 10,000 MicrOpay
# employees loaded into the Import screen, and keystroke-to-painted time for
# a search. See tests/e2e/bench/picker.mjs.
#
#   bench/picker.sh [EMPLOYEES]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(realpath "${CARGO_TARGET_DIR:-target}")
npm --prefix ui run --silent build >/dev/null
cargo build -q --release -p paybridge-cli
cargo build -q --release -p paybridge-app --features tauri/custom-protocol
PAYBRIDGE_BENCH_EMPLOYEES=${1:-10000} \
PAYBRIDGE_APP_BINARY="$target/release/paybridge-app" \
PAYBRIDGE_CLI_BINARY="$target/release/paybridge" \
  exec tests/e2e/run.sh --no-build --bench bench/picker.mjs
