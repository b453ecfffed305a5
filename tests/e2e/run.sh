#!/usr/bin/env bash
# End-to-end tests in the real Paybridge window.
#
#   tests/e2e/run.sh             build the UI and the app for tests, then run the specs
#   tests/e2e/run.sh --no-build  run the specs against the binary already built
#   tests/e2e/run.sh [--no-build] specs/x.test.mjs   only the given spec files
#   tests/e2e/run.sh [--no-build] --bench bench/picker.mjs   a benchmark script instead
#
# PAYBRIDGE_APP_BINARY picks another binary (default: target/debug/paybridge-app).
#
# The specs run under Xvfb in a private D-Bus session with a throwaway,
# unlocked gnome-keyring, a temporary data folder and its own keyring
# service name, so nothing touches the user's keyring or data. Everything
# started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$ROOT/tests/e2e"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
APP_BINARY="${PAYBRIDGE_APP_BINARY:-$TARGET_DIR/debug/paybridge-app}"
DRIVER_PORT="${TAURI_DRIVER_PORT:-4444}"

# Installs a package's npm dependencies unless they match its lockfile.
npm_install() {
  local dir="$1"
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
}

if [[ "${1:-}" != "--inside-session" ]]; then
  build=yes
  if [[ "${1:-}" == "--no-build" ]]; then
    build=no
    shift
  fi
  if [[ $build == yes ]]; then
    npm_install "$ROOT/ui"
    npm --prefix "$ROOT/ui" run build
    # custom-protocol: serve ui/dist from the binary instead of the dev server.
    (cd "$ROOT" && cargo build -p paybridge-app --features tauri/custom-protocol)
    # The history spec syncs from the command line, on the app's data folder.
    (cd "$ROOT" && cargo build -p paybridge-cli)
  fi
  npm_install "$E2E"
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
  command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver is missing: apt-get install webkit2gtk-driver" >&2; exit 1; }
  [[ -x "$APP_BINARY" ]] || { echo "$APP_BINARY is missing: run without --no-build" >&2; exit 1; }
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-session "$@"
fi
shift # --inside-session

# ---- inside Xvfb and a private D-Bus session ----
SCRATCH="$(mktemp -d -t paybridge-e2e.XXXXXX)"
DRIVER_PGID=""
cleanup() {
  local status=$?
  if [[ -n "$DRIVER_PGID" ]]; then
    # tauri-driver, WebKitWebDriver and any app window they left behind.
    kill -TERM -- "-$DRIVER_PGID" 2>/dev/null || true
    wait "$DRIVER_PGID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -s "$SCRATCH/tauri-driver.log" ]]; then
    echo "---- tauri-driver and app log (last 60 lines) ----" >&2
    tail -n 60 "$SCRATCH/tauri-driver.log" >&2
  fi
  rm -rf "$SCRATCH"
  exit "$status"
}
trap cleanup EXIT

export XDG_DATA_HOME="$SCRATCH/xdg-data"
mkdir -p "$XDG_DATA_HOME"
# A fresh login keyring, unlocked with a throwaway password; it lives in
# this D-Bus session and ends with it.
eval "$(printf 'e2e-keyring' | gnome-keyring-daemon --unlock --components=secrets)"

export PAYBRIDGE_DATA_DIR="$SCRATCH/data"
export PAYBRIDGE_KEYRING_SERVICE="paybridge-e2e"
export PAYBRIDGE_APP_BINARY="$APP_BINARY"
export PAYBRIDGE_CLI_BINARY="${PAYBRIDGE_CLI_BINARY:-$TARGET_DIR/debug/paybridge}"
export TAURI_DRIVER_PORT="$DRIVER_PORT"
# The specs keep WebKitGTK's compositing: without it (the app's choice on a
# machine with no GPU, see src-tauri/src/renderer.rs) WebKitWebDriver's
# screenshot of an idle page can wait forever. Benchmarks measure the app's
# own choice.
if [[ "${1:-}" != "--bench" ]]; then export PAYBRIDGE_KEEP_COMPOSITING=1; fi

# Its own process group, so cleanup can stop it with everything it spawned.
setsid tauri-driver --port "$DRIVER_PORT" >"$SCRATCH/tauri-driver.log" 2>&1 &
DRIVER_PGID=$!

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$DRIVER_PORT") 2>/dev/null; then break; fi
  kill -0 "$DRIVER_PGID" 2>/dev/null || { echo "tauri-driver exited early" >&2; exit 1; }
  sleep 0.1
done

cd "$E2E"
if [[ "${1:-}" == "--bench" ]]; then
  shift
  node "$@"
  exit
fi
if [[ $# -eq 0 ]]; then set -- specs/; fi
node --test --test-concurrency=1 "$@"
