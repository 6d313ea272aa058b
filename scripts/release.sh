#!/usr/bin/env bash
# Builds a release folder: the compiled app with its production dependencies only, ready for
# `npm start` (or `node dist/src/main.js start`) on a machine of the same OS and CPU (better-sqlite3
# is a native module).
#
#   scripts/release.sh [OUT]        (npm run release -- OUT; default: ./release)
#
# From a clean copy of the sources: `npm ci` (with the dev tools, to compile; its prepare step
# builds dist/), then `npm prune --omit=dev`, then the folder gets what running needs: package
# files, node_modules, dist/, the manifests, .env.example and the docs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/release}")"
case "$out" in "$root" | "$root/src" | "$root/db" | / ) echo "release.sh: refusing to write the release into $out" >&2; exit 2 ;; esac
stage="$(mktemp -d "${TMPDIR:-/tmp}/pocbot-release.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

cd "$root"
cp -R package.json package-lock.json tsconfig.json tsconfig.build.json src db scripts "$stage/"
(
  cd "$stage"
  npm ci --no-audit --no-fund
  test -f dist/src/main.js || npm run build
  npm prune --omit=dev --no-audit --no-fund
  # prune leaves the scope folders of what it removed (@vitest/, @esbuild/…) empty.
  find node_modules -mindepth 1 -maxdepth 1 -type d -empty -delete
)

rm -rf "$out"
mkdir -p "$out"
cp -R "$stage/package.json" "$stage/package-lock.json" "$stage/node_modules" "$stage/dist" "$out/"
cp -R manifest.json manifest.socket-mode.json .env.example README.md docs "$out/"
echo "release.sh: built $out ($(du -sh "$out" | cut -f1)); run it with: cd $out && npm start"
