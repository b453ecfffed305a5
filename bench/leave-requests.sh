#!/usr/bin/env bash
# Leave requests benchmark (issue 8): REQUESTS approved Worknice leave
# requests, spread over the linked employees of a fresh sandbox, transferred
# to MicrOpay by one sync: its time, requests to each side, the applications
# MicrOpay then holds and the duplicates among them (must be 0).
# Prints a line, then one JSON line.
#
#   bench/leave-requests.sh [REQUESTS]
#   (default 500; release build; PROFILE=debug for a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/cli.sh bench leave-requests --requests "${1:-500}"
