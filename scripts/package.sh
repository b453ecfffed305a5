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

# A fresh machine has none of the build's system packages or npm modules;
# setup.sh installs what is missing and skips what is there.
scripts/setup.sh

# tauri build runs the UI build (beforeBuildCommand), builds the app with
# custom-protocol in release, then bundles.
ui/node_modules/.bin/tauri build --ci --bundles "$bundle"

# The installer of this version: older ones may still be in the folder.
version="$(node -p 'require("./src-tauri/tauri.conf.json").version')"
target_dir="${CARGO_TARGET_DIR:-target}"
shopt -s nullglob
installers=("$target_dir"/release/bundle/"$bundle"/*_"$version"_*."$bundle")
if [[ ${#installers[@]} -ne 1 ]]; then
  echo "package: expected one .$bundle of version $version, found: ${installers[*]:-none}" >&2
  exit 1
fi
echo "${installers[0]}"
