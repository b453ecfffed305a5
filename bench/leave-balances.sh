#!/usr/bin/env bash
# Leave balances benchmark (issue 8): every current employee's balances read
# live from a fresh sandbox, uncapped (time, requests), then under a cap of
# CAP requests a second on CAPPED_EMPLOYEES, extrapolated to EMPLOYEES.
# Prints a line, then one JSON line.
#
#   bench/leave-balances.sh [EMPLOYEES] [CAP] [CAPPED_EMPLOYEES]
#   (defaults 5000 5 100; release build; PROFILE=debug for a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/cli.sh bench leave-balances \
  --employees "${1:-5000}" --cap "${2:-5}" --capped-employees "${3:-100}"
