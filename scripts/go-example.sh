#!/usr/bin/env bash
# Builds examples/go (a Go program on the generated Go SDK, sdk/go) once, for the Go engine test:
# the Go language host then runs this binary (`runtime.options.binary`) instead of compiling the
# program on every `pulumi up`. Cached in ~/.cache/pulumi-access-keys/access-keys-go-<hash>, where
# <hash> covers the example's and the SDK's files (older builds unused for a day are removed).
#
# Usage:
#   scripts/go-example.sh   the LAST line of stdout is the path of the binary
#
# `go build -mod=readonly`: examples/go/go.sum must be complete (it is committed). The build
# (github.com/pulumi/pulumi/sdk/v3 and its dependencies from the Go module proxy; about 3 minutes
# cold on 2 cores) uses a temporary GOMODCACHE and GOCACHE deleted afterwards. examples/go/go.mod
# requires the versions the Pulumi CLI's own build selects (pkg/v3 v3.248.0's requirements), so
# that after scripts/pulumi-cli.sh in the same Go cache (test/global-setup.js runs it first) only
# the example and sdk/go are compiled: about 20 s. After a CLI upgrade, align them again with
# `go get` of the versions `go list -deps -m` shows for the CLI (a mismatch costs time, not correctness).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=lib/cached-build.sh
source "$SCRIPT_DIR/lib/cached-build.sh"

cached_local_build access-keys-go "$REPO_DIR/examples/go" examples/go sdk/go
