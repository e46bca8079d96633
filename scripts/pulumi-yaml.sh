#!/usr/bin/env bash
# Makes the Pulumi YAML language host available for the plugin's engine tests (YAML programs
# need it: `runtime: yaml`). Built from the Go module github.com/pulumi/pulumi-yaml at a fixed
# version into its own cache folder, pulumi-language-yaml-<version> (scripts/lib/cached-build.sh:
# lock, temporary build folder renamed into place only when complete, Go caches deleted
# afterwards, a progress line every 30 s).
#
# Usage:
#   scripts/pulumi-yaml.sh     progress on stderr; the LAST line of stdout is the absolute path
#                              of the folder holding bin/pulumi-language-yaml
#
# pulumi-yaml v1.25.0 requires pulumi pkg/v3 v3.206.0 and does not compile against the CLI's
# v3.248.0 (plugin.NewContextWithRoot and schema.NewPluginLoader changed), so it is built on its
# own module graph (about 75 s of compiling on 2 cores plus module downloads). The Go module
# proxy serves v1.11.1 and v1.25.0.
#
# Environment: PULUMI_ACCESS_KEYS_CACHE (default ~/.cache/pulumi-access-keys),
# PULUMI_ACCESS_KEYS_YAML_VERSION (default v1.25.0), PULUMI_ACCESS_KEYS_GO_SHARED_CACHE.
set -euo pipefail

YAML_VERSION="${PULUMI_ACCESS_KEYS_YAML_VERSION:-v1.25.0}"
MODULE="github.com/pulumi/pulumi-yaml"
BINARY="pulumi-language-yaml"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

yaml_ready() { [[ -x "$1/bin/$BINARY" ]]; }
yaml_build() { build_go_tool "$1/bin/$BINARY" "$MODULE/cmd/$BINARY" "$YAML_VERSION" "$MODULE/pkg/version.Version"; }

cached_build pulumi-yaml "$BINARY-$YAML_VERSION" "$CACHE_BASE/$BINARY-$YAML_VERSION" yaml_ready yaml_build
