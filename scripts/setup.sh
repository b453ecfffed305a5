#!/usr/bin/env bash
# Installs everything Paybridge needs to build, run and test on Debian/Ubuntu:
# system packages, the Rust toolchain's components, npm packages, tauri-driver.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential pkg-config libssl-dev libdbus-1-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  librsvg2-dev libayatana-appindicator3-dev libxdo-dev file xvfb xauth webkit2gtk-driver
  dbus dbus-x11 gnome-keyring curl ca-certificates xclip
  desktop-file-utils)

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is required (https://rustup.rs); install it and run this again." >&2
  exit 1
fi
if command -v rustup >/dev/null; then
  rustup component add clippy rustfmt >/dev/null 2>&1 || true
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20+ with npm is required; install it and run this again." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
install_npm() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_npm ui
[ -f tests/e2e/package.json ] && install_npm tests/e2e

if ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --locked --quiet
fi
echo "setup: done"
