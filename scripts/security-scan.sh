#!/usr/bin/env bash
# Static security scan of the Electron app: @doyensec/electronegativity over the
# sources of main, preload and renderer (src/), told the real Electron version.
#
# The tool is installed in a temporary npm prefix, never in the project (it
# drags in eslint 7 and typescript 4), and reused on later runs. It works
# offline: it tries to fetch Electron's release list, gives up, and scans.
# It exits 0 even with HIGH findings, so scripts/security-scan-gate.mjs reads
# its table instead: any HIGH finding fails, and any MEDIUM finding that
# SECURITY.md ("Accepted scanner findings": check ID, file, reason) does not
# accept; so does a file the scanner could not parse. SECURITY.md is the only
# list of accepted findings.
#
# Usage: scripts/security-scan.sh        (about 10-20 s; exit 0 passed, 1 failed, 2 cannot judge)
# ELECTRONEGATIVITY_PREFIX=<dir> picks where the tool is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=1.10.3
PREFIX="${ELECTRONEGATIVITY_PREFIX:-${TMPDIR:-/tmp}/adapty-inspector-electronegativity-$VERSION}"
TOOL="$PREFIX/node_modules/@doyensec/electronegativity"
BIN="$PREFIX/node_modules/.bin/electronegativity"
INPUT=src
POLICY=SECURITY.md

installed_version() {
  node -p "require('$TOOL/package.json').version" 2>/dev/null || true
}

if [ ! -x "$BIN" ] || [ "$(installed_version)" != "$VERSION" ]; then
  echo "Installing @doyensec/electronegativity@$VERSION into $PREFIX (outside the project)..."
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "@doyensec/electronegativity@$VERSION" >/dev/null
fi

ELECTRON_VERSION="$(node -p "require('./node_modules/electron/package.json').version")"
RAW="$(mktemp)"
trap 'rm -f "$RAW"' EXIT

echo "Scanning $INPUT/ (main, preload, renderer) as Electron $ELECTRON_VERSION..."
# LANG picks the scanner's message language: the gate reads its English output.
if ! LANG=en-US "$BIN" --input "$INPUT" --relative --verbose false --electron-version "$ELECTRON_VERSION" >"$RAW" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$RAW"
  echo "security scan: electronegativity itself failed (see above) (${SECONDS}s)"
  exit 2
fi

# The findings table, without colours, for the log.
sed 's/\x1b\[[0-9;]*m//g' "$RAW" | sed -n '/^┌/,/^└/p'

status=0
node scripts/security-scan-gate.mjs "$RAW" "$POLICY" "$INPUT" || status=$?
echo "security scan: ${SECONDS}s"
exit "$status"
