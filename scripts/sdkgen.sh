#!/usr/bin/env bash
# Builds (once) the SDK code generator scripts/sdkgen/ (Go, on github.com/pulumi/pulumi/pkg/v3)
# into ~/.cache/pulumi-access-keys/sdkgen-<hash>/bin/sdkgen, where <hash> covers the tool's
# source, go.mod and go.sum: a changed tool is rebuilt, older builds are removed.
#
# Usage:
#   scripts/sdkgen.sh                  the LAST line of stdout is the path of the sdkgen binary
#   scripts/sdkgen.sh --generate [DIR] also runs it: writes DIR (default sdk/) from
#                                      provider/plugin/schema.json with package.json's version
#
# The build (about 1.5 minutes on 2 cores: module downloads, then only the codegen packages
# are compiled) uses a temporary GOMODCACHE and GOCACHE that are deleted afterwards.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
SOURCE_DIR="$SCRIPT_DIR/sdkgen"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

hash="$(cd "$SOURCE_DIR" && cat go.mod go.sum $(ls ./*.go | LC_ALL=C sort) | sha256sum | cut -c1-16)"
DEST="$CACHE_BASE/sdkgen-$hash"

sdkgen_ready() { [[ -x "$1/bin/sdkgen" ]]; }
sdkgen_build() {
  local out="$1"
  mkdir -p "$out/bin"
  # -mod=readonly: go.sum must already hold every module (a stale go.sum fails, never edits).
  go -C "$SOURCE_DIR" build -mod=readonly -trimpath -ldflags "-s -w" -o "$out/bin/sdkgen" .
}

path="$(cached_build sdkgen "sdkgen-$hash" "$DEST" sdkgen_ready sdkgen_build | tail -n1)"
# Older builds of the tool (other hashes) are of no further use.
for old in "$CACHE_BASE"/sdkgen-*; do
  [[ "$old" != "$DEST" && "$old" != *.lock && -d "$old" ]] && rm -rf "$old"
done
binary="$path/bin/sdkgen"

if [[ "${1:-}" == "--generate" ]]; then
  version="$(node -p 'require(process.argv[1]).version' "$REPO_DIR/package.json")"
  "$binary" -schema "$REPO_DIR/provider/plugin/schema.json" -version "$version" -out "${2:-$REPO_DIR/sdk}" >&2
fi
printf '%s\n' "$binary"
