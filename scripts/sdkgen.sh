#!/usr/bin/env bash
# Builds (once) the SDK code generator scripts/sdkgen/ (Go, on github.com/pulumi/pulumi/pkg/v3)
# into ~/.cache/pulumi-access-keys/sdkgen-<hash>/bin/sdkgen, where <hash> covers the tool's
# source, go.mod and go.sum: a changed tool is rebuilt; builds of other hashes unused for a day are removed.
#
# Usage:
#   scripts/sdkgen.sh                  the LAST line of stdout is the path of the sdkgen binary
#   scripts/sdkgen.sh --generate [DIR] also runs it: writes DIR (default sdk/) from
#                                      provider/plugin/schema.json with package.json's version,
#                                      and DIR/.generated.json (dist/scripts/sdk-manifest.js:
#                                      `npm run sdk` builds dist first)
#
# The build (about 1.5 minutes on 2 cores: module downloads, then only the codegen packages
# are compiled) uses a temporary GOMODCACHE and GOCACHE that are deleted afterwards.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

binary="$(cached_local_build sdkgen "$SCRIPT_DIR/sdkgen" scripts/sdkgen)"

if [[ "${1:-}" == "--generate" ]]; then
  version="$(node -p 'require(process.argv[1]).version' "$REPO_DIR/package.json")"
  out="${2:-$REPO_DIR/sdk}"
  "$binary" -schema "$REPO_DIR/provider/plugin/schema.json" -version "$version" -out "$out" >&2
  node "$REPO_DIR/dist/scripts/sdk-manifest.js" "$out"
fi
printf '%s\n' "$binary"
