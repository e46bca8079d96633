#!/usr/bin/env bash
# Makes a Pulumi language host available for the SDKs' engine tests: built from the Go module
# github.com/pulumi/pulumi/sdk/v3 at the last release that carries it inside sdk/v3 (the
# standalone host modules are refused by the Go module proxy: 403), into its own cache folder.
#
# Usage:
#   scripts/pulumi-language-host.sh python   sdk/v3 v3.68.0's python/cmd/pulumi-language-python,
#                                            plus its pulumi-language-python-exec script
#   scripts/pulumi-language-host.sh go       sdk/v3 v3.62.0's go/pulumi-language-go (it left
#                                            sdk/v3 after v3.62.0)
#   The LAST line of stdout is the folder holding bin/pulumi-language-<language>.
#
# The Python host ignores `runtime.options.virtualenv`: put the venv's bin first on PATH
# (scripts/python-venv.sh makes one). Each build takes one to three minutes on 2 cores, with a
# temporary GOMODCACHE and GOCACHE deleted afterwards (scripts/lib/cached-build.sh).
set -euo pipefail

MODULE="github.com/pulumi/pulumi/sdk/v3"
LANGUAGE="${1:-}"
case "$LANGUAGE" in
  python) VERSION=v3.68.0 PACKAGE=python/cmd/pulumi-language-python EXTRA=python/cmd/pulumi-language-python-exec ;;
  go) VERSION=v3.62.0 PACKAGE=go/pulumi-language-go EXTRA="" ;;
  *) printf 'usage: %s python|go\n' "$0" >&2; exit 2 ;;
esac
BINARY="pulumi-language-$LANGUAGE"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

host_ready() { [[ -x "$1/bin/$BINARY" && ( -z "$EXTRA" || -x "$1/bin/${EXTRA##*/}" ) ]]; }
host_build() {
  build_go_tool "$1/bin/$BINARY" "$MODULE/$PACKAGE" "$VERSION" "$MODULE/go/common/version.Version" || return 1
  if [[ -n "$EXTRA" ]]; then
    install -m 0755 "$(go -C "$BUILD_TMP/module" list -m -f '{{.Dir}}' "$MODULE")/$EXTRA" "$1/bin/"
  fi
}

cached_build "$BINARY" "$BINARY-$VERSION" "$CACHE_BASE/$BINARY-$VERSION" host_ready host_build
