#!/usr/bin/env bash
# Sets up, builds and launches Paybridge. In the window, press
# "Try it with sandbox data": both vendors' APIs start inside the app on
# 127.0.0.1 and the connection forms fill themselves in.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
npm --prefix ui run --silent build
# custom-protocol: the binary serves the built UI itself (no dev server).
cargo build -p paybridge-app --features tauri/custom-protocol
exec "${CARGO_TARGET_DIR:-target}/debug/paybridge-app" "$@"
