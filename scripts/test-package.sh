#!/usr/bin/env bash
# Checks the .deb that scripts/package.sh builds: unpacks it into a scratch
# folder with dpkg-deb -x (nothing is installed on this machine) and checks
# the package's name and dependencies, the binary, the desktop entry and
# the icons, then runs the e2e About spec against the unpacked binary.
# Runs outside .ci/run, like package.sh (a release build).
#
#   scripts/test-package.sh               build with package.sh, then check
#   scripts/test-package.sh FILE.deb      check a .deb already built
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -ge 1 ]]; then
  deb="$1"
else
  deb="$(scripts/package.sh | tail -n 1)"
fi
[[ -f "$deb" ]] || { echo "test-package: no such .deb: $deb" >&2; exit 1; }

command -v desktop-file-validate >/dev/null || {
  echo "test-package: desktop-file-validate is missing: apt-get install desktop-file-utils" >&2
  exit 1
}

scratch="$(mktemp -d -t paybridge-deb.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch/root"

passed=0
failed=0
check() {
  local what="$1"
  shift
  # The output is shown only when the check fails (the About e2e's is long).
  if "$@" >"$scratch/check.out" 2>&1; then
    echo "ok - $what"
    passed=$((passed + 1))
  else
    echo "not ok - $what"
    sed 's/^/    /' "$scratch/check.out"
    failed=$((failed + 1))
  fi
}

field() { dpkg-deb -f "$deb" "$1"; }
root="$scratch/root"
desktop="$root/usr/share/applications/Paybridge.desktop"

check "the package is named paybridge" test "$(field Package)" = paybridge
check "it depends on WebKitGTK 4.1 and gnome-keyring" \
  bash -c '[[ "$1" == *libwebkit2gtk-4.1-0* && "$1" == *gnome-keyring* ]]' _ "$(field Depends)"
# Tauri adds the tray's library itself (the tray-icon feature), as it adds
# WebKitGTK and GTK: tauri.conf.json lists only gnome-keyring.
check "it depends on the tray icon's library (libayatana-appindicator3-1)" \
  bash -c '[[ "$1" == *libayatana-appindicator3-1* ]]' _ "$(field Depends)"
check "it lists each dependency once" \
  bash -c '[[ -z $(tr "," "\n" <<<"$1" | sed "s/^ *//" | sort | uniq -d) ]]' _ "$(field Depends)"
check "the binary is installed and executable" test -x "$root/usr/bin/paybridge-app"
check "the binary carries the UI (custom-protocol, not the dev server)" \
  grep -qa "/index.html" "$root/usr/bin/paybridge-app"
check "every library the binary needs is on this machine" \
  bash -c '! ldd "$1" | grep -q "not found"' _ "$root/usr/bin/paybridge-app"
check "the desktop entry exists" test -f "$desktop"
check "the desktop entry starts the binary" grep -qx "Exec=paybridge-app" "$desktop"
check "the desktop entry names the app" grep -qx "Name=Paybridge" "$desktop"
check "the desktop entry names its icon" grep -qx "Icon=paybridge-app" "$desktop"
check "the desktop entry is valid" desktop-file-validate "$desktop"
for size in 32x32 128x128 256x256@2; do
  check "the ${size} icon is a PNG" \
    bash -c 'file -b "$1" | grep -q "^PNG image"' _ "$root/usr/share/icons/hicolor/$size/apps/paybridge-app.png"
done

# The packaged binary itself, in the real window: it starts, shows its
# version and folders, and writes its log file (the e2e About spec).
check "the packaged app starts and its About screen is right" \
  env PAYBRIDGE_APP_BINARY="$root/usr/bin/paybridge-app" tests/e2e/run.sh --no-build specs/about.test.mjs

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
