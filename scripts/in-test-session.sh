#!/usr/bin/env bash
# Runs a command the way the tests need the desktop: a virtual display (Xvfb),
# a private D-Bus session, and an unlocked gnome-keyring whose files live in a
# throwaway folder, so no test touches the user's real keyring.
set -euo pipefail
if [ -z "${PAYBRIDGE_IN_TEST_SESSION:-}" ]; then
  export PAYBRIDGE_IN_TEST_SESSION=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$@"
fi
keyring_home=$(mktemp -d)
export XDG_DATA_HOME="$keyring_home"
eval "$(printf 'paybridge-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
# The daemon forks away from us; end it with the session so nothing outlives
# the tests. Only ours: the one started with this session's XDG_DATA_HOME (the
# newest daemon on the machine may belong to another session running now).
keyring_pid=""
for pid in $(pgrep -x gnome-keyring-d || true); do
  if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$keyring_home"; then
    keyring_pid=$pid
  fi
done
cleanup() {
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$keyring_home"
}
trap cleanup EXIT
"$@"
