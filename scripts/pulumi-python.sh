#!/usr/bin/env bash
# Makes the Pulumi Python language host available for the Python SDK's engine tests
# (`runtime: python`): pulumi-language-python built from github.com/pulumi/pulumi/sdk/v3 at
# v3.68.0 (the last release carrying it inside sdk/v3; the standalone host module is refused by
# the Go module proxy), plus the pulumi-language-python-exec script from the same module.
#
# Usage:
#   scripts/pulumi-python.sh   the LAST line of stdout is the folder holding bin/pulumi-language-python
#
# This host ignores `runtime.options.virtualenv`: put the venv's bin first on PATH
# (scripts/python-venv.sh makes one). The build takes about a minute on 2 cores, with a
# temporary GOMODCACHE and GOCACHE deleted afterwards (scripts/lib/cached-build.sh).
set -euo pipefail

HOST_VERSION="${PULUMI_ACCESS_KEYS_PYTHON_HOST_VERSION:-v3.68.0}"
MODULE="github.com/pulumi/pulumi/sdk/v3"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

python_host_ready() { [[ -x "$1/bin/pulumi-language-python" && -x "$1/bin/pulumi-language-python-exec" ]]; }
python_host_build() {
  local out="$1" mod="$BUILD_TMP/module"
  mkdir -p "$out/bin"
  go_module_tool "$mod" "$MODULE/python/cmd/pulumi-language-python@$HOST_VERSION" &&
    go -C "$mod" build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X $MODULE/go/common/version.Version=$HOST_VERSION" \
      -o "$out/bin/pulumi-language-python" "$MODULE/python/cmd/pulumi-language-python" &&
    install -m 0755 "$(go -C "$mod" list -m -f '{{.Dir}}' "$MODULE")/python/cmd/pulumi-language-python-exec" "$out/bin/"
}

cached_build pulumi-python "pulumi-language-python-$HOST_VERSION" "$CACHE_BASE/pulumi-language-python-$HOST_VERSION" python_host_ready python_host_build
