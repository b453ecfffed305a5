#!/usr/bin/env bash
# Sets up and runs every test: formatting and lints, the Rust suites (real
# HTTP against the sandboxes, the real OS keyring), the UI's type check and
# unit tests, and the end-to-end suite in the real app window.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "build the UI (the app embeds ui/dist)"
npm --prefix ui run --silent build

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --exclude paybridge-app --all-targets --locked -- -D warnings
# The app is always built with custom-protocol (it serves ui/dist itself), so
# lint and test it that way too: one build of the Tauri stack, not two.
cargo clippy -p paybridge-app --all-targets --locked --features tauri/custom-protocol -- -D warnings

step "Rust tests (inside a private D-Bus session with a throwaway gnome-keyring)"
scripts/in-test-session.sh cargo test --workspace --exclude paybridge-app --locked
cargo test -p paybridge-app --locked --features tauri/custom-protocol

step "UI type check and unit tests"
(cd ui && npm run --silent typecheck && npm test --silent)

step "end-to-end in the real window"
tests/e2e/run.sh
