#!/usr/bin/env bash
# Prints the app's memory when idle on the Connections screen: the Tauri
# process plus the WebKit processes it starts, as PSS (shared pages split
# fairly between processes) and RSS, after the window has settled.
#
#   bench/idle-memory.sh [SETTLE_SECONDS]   (default 10; builds the release app first;
#                                            PROFILE=debug measures the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
settle=${1:-10}
target=${CARGO_TARGET_DIR:-target}
profile=${PROFILE:-release}

if [ -z "${PAYBRIDGE_IN_TEST_SESSION:-}" ]; then
  npm --prefix ui run --silent build >/dev/null
  if [ "$profile" = release ]; then
    cargo build -q --release -p paybridge-app --features tauri/custom-protocol
  else
    cargo build -q -p paybridge-app --features tauri/custom-protocol
  fi
  exec scripts/in-test-session.sh "$0" "$@"
fi

data=$(mktemp -d)
PAYBRIDGE_DATA_DIR="$data" PAYBRIDGE_KEYRING_SERVICE=paybridge-bench "$target/$profile/paybridge-app" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT

# The window is up once WebKit's web process exists; then let it settle.
for _ in $(seq 1 300); do
  pgrep -P "$app" -f WebKitWebProcess >/dev/null && break
  sleep 0.1
done
sleep "$settle"

total_pss=0
total_rss=0
for pid in $app $(pgrep -P "$app"); do
  name=$(tr -d '\0' < "/proc/$pid/comm")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup")
  printf '%-22s pid %-7s PSS %6d KiB  RSS %6d KiB\n' "$name" "$pid" "$pss" "$rss"
  total_pss=$((total_pss + pss))
  total_rss=$((total_rss + rss))
done
printf 'idle after %ss (%s build): PSS %d MiB, RSS %d MiB in all\n' "$settle" "$profile" $((total_pss / 1024)) $((total_rss / 1024))
