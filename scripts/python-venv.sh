#!/usr/bin/env bash
# A Python virtual environment for the Python SDK's engine tests and examples/python: `pulumi`
# from PyPI plus this repository's sdk/python (`pip install ./sdk/python`), cached in
# ~/.cache/pulumi-access-keys/python-venv-<python version>-pulumi-<version>. The SDK is
# reinstalled whenever sdk/python changes (a hash of its files is kept in the venv).
#
# Usage:
#   scripts/python-venv.sh   the LAST line of stdout is the venv folder (its bin/ goes first on
#                            PATH: the v3.68 Python language host ignores `virtualenv`)
# Environment: PULUMI_ACCESS_KEYS_PYTHON (default python3), PULUMI_ACCESS_KEYS_PYTHON_PULUMI
# (the pulumi version from PyPI, default 3.248.0, the version of the CLI and Node.js SDK here).
set -euo pipefail

PYTHON="${PULUMI_ACCESS_KEYS_PYTHON:-python3}"
PULUMI_VERSION="${PULUMI_ACCESS_KEYS_PYTHON_PULUMI:-3.248.0}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SDK_DIR="$(cd "$SCRIPT_DIR/../sdk/python" && pwd)"
CACHE_BASE="${PULUMI_ACCESS_KEYS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-access-keys}"
log() { printf 'python-venv: %s\n' "$*" >&2; }
die() { printf 'python-venv: error: %s\n' "$*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || die "no $PYTHON on PATH (the Python SDK needs Python >= 3.9)"
py_version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
mkdir -p "$CACHE_BASE"
VENV="$(cd "$CACHE_BASE" && pwd -P)/python-venv-$py_version-pulumi-$PULUMI_VERSION"
sdk_hash="$(cd "$SDK_DIR" && find . -type f -not -path '*/__pycache__/*' -not -path './build/*' -not -path '*.egg-info*' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)"

current() { [[ -x "$VENV/bin/python" && "$(cat "$VENV/.sdk-hash" 2>/dev/null)" == "$sdk_hash" ]]; }
if current; then log "reusing $VENV"; printf '%s\n' "$VENV"; exit 0; fi

exec 9>"$VENV.lock"
flock 9
if ! current; then
  SECONDS=0
  if [[ ! -f "$VENV/.pulumi-installed" ]]; then
    rm -rf "$VENV"
    log "creating $VENV with pulumi==$PULUMI_VERSION from PyPI"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pulumi==$PULUMI_VERSION" "setuptools>=61" wheel >&2
    touch "$VENV/.pulumi-installed"
  fi
  # A copy, so that pip's build leaves nothing in the repository (build/, *.egg-info).
  staging="$(mktemp -d)"
  trap 'rm -rf "$staging"' EXIT
  cp -R "$SDK_DIR/." "$staging/"
  # Uninstall, then install with pulumi pinned: --force-reinstall would also upgrade pulumi.
  "$VENV/bin/pip" uninstall --quiet --yes pulumi_access_keys >&2 || true
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation "$staging" "pulumi==$PULUMI_VERSION" >&2
  "$VENV/bin/python" -c 'import pulumi_access_keys' || die "the installed SDK does not import"
  printf '%s\n' "$sdk_hash" >"$VENV/.sdk-hash"
  log "installed sdk/python into $VENV in ${SECONDS}s"
fi
printf '%s\n' "$VENV"
