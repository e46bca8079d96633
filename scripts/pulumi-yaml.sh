#!/usr/bin/env bash
# Makes the Pulumi YAML language host available for the plugin's engine tests (YAML programs
# need it: `runtime: yaml`). Built from the Go module github.com/pulumi/pulumi-yaml at a fixed
# version, as scripts/pulumi-cli.sh builds the CLI, into its own cache folder with its own lock.
#
# Usage:
#   scripts/pulumi-yaml.sh     progress on stderr; the LAST line of stdout is the absolute path
#                              of the folder holding bin/pulumi-language-yaml
#
# The build (about 75 s of compiling on 2 cores plus module downloads) happens in a temporary
# folder, with Go caches that are deleted afterwards (scripts/go-build.sh, as for the CLI: nothing
# is left outside the cache folder but the binary), and is renamed into place only when complete,
# under a flock. A step prints a line every 30 s.
#
# Environment: PULUMI_ACCESS_KEYS_CACHE (default ~/.cache/pulumi-access-keys),
# PULUMI_ACCESS_KEYS_YAML_VERSION (default v1.25.0).
set -euo pipefail

YAML_VERSION="${PULUMI_ACCESS_KEYS_YAML_VERSION:-v1.25.0}"
MODULE="github.com/pulumi/pulumi-yaml"
BINARY="pulumi-language-yaml"
CACHE_BASE="${PULUMI_ACCESS_KEYS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-access-keys}"

log() { printf 'pulumi-yaml: %s\n' "$*" >&2; }
die() { printf 'pulumi-yaml: error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE_BASE"
CACHE_BASE="$(cd "$CACHE_BASE" && pwd -P)"
# shellcheck source=go-build.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/go-build.sh"
remove_stale_go_caches
DEST="$CACHE_BASE/$BINARY-$YAML_VERSION"

built() { [[ -x "$DEST/bin/$BINARY" ]]; }

if built; then
  log "reusing $DEST"
  printf '%s\n' "$DEST"
  exit 0
fi
command -v go >/dev/null 2>&1 || die "no cached $BINARY and no 'go' command to build one (needs Go >= 1.25 and the Go module proxy)"

exec 9>"$CACHE_BASE/$BINARY-$YAML_VERSION.lock"
if ! flock -n 9; then
  log "another process is building $BINARY $YAML_VERSION; waiting for it"
  flock 9
fi
if built; then
  log "built by another process: $DEST"
  printf '%s\n' "$DEST"
  exit 0
fi

BUILD_TMP="$(mktemp -d "$CACHE_BASE/.build-$BINARY-$YAML_VERSION.XXXXXX")"
cleanup() {
  [[ -d "$BUILD_TMP" ]] && { rm -rf "$BUILD_TMP" || true; }
  return 0
}
trap 'cleanup; go_caches_end' EXIT
trap '[[ -n "$CHILD_PID" ]] && kill -TERM "$CHILD_PID" 2>/dev/null; exit 130' INT
trap '[[ -n "$CHILD_PID" ]] && kill -TERM "$CHILD_PID" 2>/dev/null; exit 143' TERM

log "building $BINARY $YAML_VERSION in $BUILD_TMP (about 2 minutes on 2 cores)"
go_build_binary "$BUILD_TMP/root/bin/$BINARY" "$MODULE/cmd/$BINARY" "$YAML_VERSION" "version-var=$MODULE/pkg/version.Version" ||
  die "building $BINARY $YAML_VERSION failed after ${SECONDS}s: $LAST_ERROR"

printf '%s %s, built %s with %s\n' "$BINARY" "$YAML_VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(go version)" >"$BUILD_TMP/root/BUILD-INFO.txt"
mv -T "$BUILD_TMP/root" "$DEST"
log "built $DEST in ${SECONDS}s"
printf '%s\n' "$DEST"
