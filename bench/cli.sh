#!/usr/bin/env bash
# Builds the `paybridge` command (release; PROFILE=debug for a debug build)
# and runs `paybridge ARGS…` in a private D-Bus session with a throwaway
# keyring, as the CLI benchmarks need: `bench/cli.sh bench leave-requests`.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
if [ "$profile" = release ]; then
  cargo build -q --release -p paybridge-cli
else
  cargo build -q -p paybridge-cli
fi
exec scripts/in-test-session.sh "${CARGO_TARGET_DIR:-target}/$profile/paybridge" "$@"
