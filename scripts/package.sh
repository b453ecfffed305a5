#!/usr/bin/env bash
# Builds Paybridge's installer for this platform with the Tauri bundler
# (a release build: ~10+ minutes on two cores from cold):
#   Linux  → .deb        Windows → .msi        macOS → .dmg
# (tauri.conf.json configures all three; each platform builds its own.)
# AppImage is not built: its tooling is downloaded at bundle time.
#
#   scripts/package.sh            build, then print the installer's path
#
# Output lands in $CARGO_TARGET_DIR (default target/)/release/bundle/<kind>/.
# Runs outside .ci/run: a release build costs more CI time than it is worth
# on every push; scripts/test-package.sh checks the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)" in
  Linux) bundle=deb ;;
  Darwin) bundle=dmg ;;
  MINGW* | MSYS* | CYGWIN*) bundle=msi ;;
  *) echo "package: no installer is configured for $(uname -s)" >&2; exit 1 ;;
esac

if [[ ! -x ui/node_modules/.bin/tauri ]]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# tauri build runs the UI build (beforeBuildCommand), builds the app with
# custom-protocol in release, then bundles.
ui/node_modules/.bin/tauri build --ci --bundles "$bundle"

target_dir="${CARGO_TARGET_DIR:-target}"
ls -1 "$target_dir"/release/bundle/"$bundle"/*."$bundle"
