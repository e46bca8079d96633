#!/usr/bin/env bash
# Makes the real Pulumi CLI available without get.pulumi.com (only the Go module proxy is
# needed), for the engine tests and examples of pulumi-access-keys.
#
# Usage:
#   scripts/pulumi-cli.sh               progress on stderr; the LAST line of stdout is the
#                                       absolute path of the folder holding bin/pulumi (the
#                                       `root` of PulumiCommand.get({ root }))
#   eval "$(scripts/pulumi-cli.sh --print-env)"
#                                       same, but stdout is shell `export` lines instead
#                                       (PATH, PULUMI_ACCESS_KEYS_PULUMI_ROOT, PULUMI_SKIP_UPDATE_CHECK)
#   scripts/pulumi-cli.sh --no-path     ignore a `pulumi` already on PATH
#
# What it does, in order:
#   1. reads the @pulumi/pulumi version (node_modules/@pulumi/pulumi/package.json, else
#      package.json); PULUMI_ACCESS_KEYS_PULUMI_VERSION=v3.x.y overrides it;
#   2. uses a `pulumi` on PATH whose version is >= that version when pulumi-language-nodejs and
#      pulumi-resource-pulumi-nodejs are also findable (next to it or on PATH);
#   3. otherwise reuses, or builds once, <cache>/pulumi-<version>/bin/{pulumi,
#      pulumi-language-nodejs, pulumi-resource-pulumi-nodejs}, where <cache> is
#      ${PULUMI_ACCESS_KEYS_CACHE:-$HOME/.cache/pulumi-access-keys}. The CLI is built from the
#      Go modules github.com/pulumi/pulumi/pkg/v3 + sdk/v3 at that exact version; if the proxy
#      does not serve it, at v3.259.0 (known to be served and to work). The Node.js language
#      host is built from sdk/v3 v3.68.0 (the last release carrying it inside sdk/v3). The
#      dynamic-provider plugin is the small script shipped in @pulumi/pulumi.
#
# The build (measured on 2 cores: first run 6.4 min = 1.7 min of module downloads + 3.9 min of
# compiling + 50 s for the language host; a cached run 0.3 s) happens in a temporary folder that
# is renamed into place only when complete, under a flock, so an interrupted build is never taken
# for a finished one and parallel callers build only once. A step prints a line every 30 s.
# Go's module and build caches (GOPATH, GOMODCACHE, GOCACHE) live in a temporary folder of the
# cache and are removed when the script ends (scripts/go-build.sh; under `npm test`, in the run's
# shared Go cache, removed when the run ends): with Go's defaults they would leave about 3.4 GB
# in ~/go and ~/.cache/go-build. Only the binaries stay (about 125 MB).
#
# Environment: PULUMI_ACCESS_KEYS_CACHE, PULUMI_ACCESS_KEYS_PULUMI_VERSION,
# PULUMI_ACCESS_KEYS_IGNORE_PATH=1 (same as --no-path).
set -euo pipefail

FALLBACK_VERSION="v3.259.0"
LANGUAGE_HOST_VERSION="v3.68.0"
CLIPBOARD_REPLACE="github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e"
PLUGIN_NAME="pulumi-resource-pulumi-nodejs"

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }
# Elapsed seconds since start, with one decimal when bash has EPOCHREALTIME (bash >= 5).
START_TIME="${EPOCHREALTIME:-}"
elapsed() {
  if [[ -n "$START_TIME" && -n "${EPOCHREALTIME:-}" ]]; then
    awk -v a="${START_TIME/,/.}" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1fs", b - a }'
  else
    printf '%ss' "$SECONDS"
  fi
}
die() { printf 'pulumi-cli: error: %s\n' "$*" >&2; exit 1; }

print_env=0
use_path=1
[[ "${PULUMI_ACCESS_KEYS_IGNORE_PATH:-}" == "1" ]] && use_path=0
for arg in "$@"; do
  case "$arg" in
    --print-env) print_env=1 ;;
    --no-path) use_path=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

SECONDS=0
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
SDK_DIR="$REPO_DIR/node_modules/@pulumi/pulumi"
CACHE_BASE="${PULUMI_ACCESS_KEYS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-access-keys}"

# ---------------------------------------------------------------------------------------------
# Output: the root (or export lines), last on stdout.
finish() {
  local root="$1"
  if [[ "$print_env" == "1" ]]; then
    printf "export PATH='%s/bin':\"\$PATH\"\n" "$root"
    printf "export PULUMI_SKIP_UPDATE_CHECK=true\n"
    printf "export PULUMI_ACCESS_KEYS_PULUMI_ROOT='%s'\n" "$root"
  else
    printf '%s\n' "$root"
  fi
  exit 0
}

# "v3.248.0" from "3.248.0", "^3.248.0", "v3.248.0", "~3.248.0".
normalize_version() {
  local v="$1"
  v="${v#"${v%%[0-9]*}"}" # strip any leading non-digits (^, ~, >=, v)
  v="${v%%[ ,|]*}"
  [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]] || return 1
  printf 'v%s\n' "$v"
}

# version_ge A B: true when A >= B (both "vX.Y.Z").
version_ge() {
  [[ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n1)" == "${2#v}" ]]
}

json_field() { # json_field FILE KEY-PATH... (tiny reader; node when available)
  local file="$1"; shift
  if command -v node >/dev/null 2>&1; then
    node -e '
      let o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const k of process.argv.slice(2)) o = o == null ? undefined : o[k];
      if (typeof o === "string") console.log(o);' "$file" "$@" 2>/dev/null || true
  elif [[ $# -eq 1 ]]; then
    sed -n "s/^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$file" | head -n1
  else
    grep -o "\"$(printf '%s' "${*: -1}" | sed 's/[/.]/\\&/g')\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" "$file" |
      head -n1 | sed 's/.*:[[:space:]]*"\([^"]*\)"/\1/'
  fi
}

# ---------------------------------------------------------------------------------------------
# 1. Which version do we want?
sdk_version=""
version_source=""
if [[ -n "${PULUMI_ACCESS_KEYS_PULUMI_VERSION:-}" ]]; then
  sdk_version="$(normalize_version "$PULUMI_ACCESS_KEYS_PULUMI_VERSION")" ||
    die "PULUMI_ACCESS_KEYS_PULUMI_VERSION=$PULUMI_ACCESS_KEYS_PULUMI_VERSION is not a version like v3.248.0"
  version_source="PULUMI_ACCESS_KEYS_PULUMI_VERSION"
elif [[ -f "$SDK_DIR/package.json" ]] &&
  sdk_version="$(normalize_version "$(json_field "$SDK_DIR/package.json" version)")"; then
  version_source="node_modules/@pulumi/pulumi/package.json"
else
  for section in devDependencies dependencies peerDependencies; do
    raw="$(json_field "$REPO_DIR/package.json" "$section" "@pulumi/pulumi")"
    if [[ -n "$raw" ]] && sdk_version="$(normalize_version "$raw")"; then
      version_source="package.json $section ($raw)"
      break
    fi
  done
fi
if [[ -z "$sdk_version" ]]; then
  sdk_version="$FALLBACK_VERSION"
  version_source="default (no @pulumi/pulumi version found)"
fi
log "@pulumi/pulumi version $sdk_version (from $version_source)"

# The dynamic-provider plugin shipped in @pulumi/pulumi (a 238-byte sh script).
sdk_plugin=""
if [[ -d "$SDK_DIR" ]]; then
  while IFS= read -r f; do
    case "$f" in *.cmd | *.ps1) continue ;; esac
    sdk_plugin="$f"
    break
  done < <(find "$SDK_DIR" -maxdepth 3 -type f -name "$PLUGIN_NAME*" 2>/dev/null | sort)
fi

# ---------------------------------------------------------------------------------------------
# 2. A pulumi already on PATH?
if [[ "$use_path" == "1" ]] && path_pulumi="$(command -v pulumi 2>/dev/null)" && [[ -n "$path_pulumi" ]]; then
  path_version="$("$path_pulumi" version 2>/dev/null | tail -n1 | tr -d '[:space:]' || true)"
  path_dir="$(dirname "$path_pulumi")"
  find_tool() { # next to pulumi, else on PATH
    if [[ -x "$path_dir/$1" ]]; then printf '%s\n' "$path_dir/$1"; else command -v "$1" 2>/dev/null || true; fi
  }
  path_host="$(find_tool pulumi-language-nodejs)"
  path_plugin="$(find_tool "$PLUGIN_NAME")"
  if ! path_version_n="$(normalize_version "$path_version")"; then
    log "ignoring pulumi on PATH ($path_pulumi): 'pulumi version' printed '${path_version}'"
  elif ! version_ge "$path_version_n" "$sdk_version"; then
    log "ignoring pulumi $path_version_n on PATH ($path_pulumi): older than $sdk_version"
  elif [[ -z "$path_host" ]]; then
    log "ignoring pulumi $path_version_n on PATH ($path_pulumi): pulumi-language-nodejs not found next to it or on PATH"
  elif [[ -z "$path_plugin" && -z "$sdk_plugin" ]]; then
    log "ignoring pulumi $path_version_n on PATH ($path_pulumi): $PLUGIN_NAME not found next to it, on PATH or in node_modules"
  else
    if [[ "$(basename "$path_dir")" == "bin" ]]; then
      root="$(cd "$path_dir/.." && pwd -P)"
    else
      # PulumiCommand.get wants <root>/bin/pulumi: make a folder of symlinks.
      root="$CACHE_BASE/path-pulumi"
      mkdir -p "$root/bin"
      ln -sfn "$path_pulumi" "$root/bin/pulumi"
      ln -sfn "$path_host" "$root/bin/pulumi-language-nodejs"
    fi
    [[ -z "$path_plugin" ]] &&
      log "note: $PLUGIN_NAME is not on PATH; add $(dirname "$sdk_plugin") to PATH or copy it next to pulumi"
    log "using pulumi $path_version_n already on PATH ($path_pulumi; language host $path_host), root $root ($(elapsed))"
    finish "$root"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 3. The cache.
mkdir -p "$CACHE_BASE"
CACHE_BASE="$(cd "$CACHE_BASE" && pwd -P)"
# Go builds with throwaway caches (go_build_binary), shared with scripts/pulumi-yaml.sh.
# shellcheck source=go-build.sh
source "$SCRIPT_DIR/go-build.sh"
remove_stale_go_caches

root_ok() { # root_ok DIR VERSION: a finished build of that version
  local dir="$1" ver="$2" out
  [[ -x "$dir/bin/pulumi" && -x "$dir/bin/pulumi-language-nodejs" && -x "$dir/bin/$PLUGIN_NAME" ]] || return 1
  out="$("$dir/bin/pulumi" version 2>/dev/null | tail -n1 | tr -d '[:space:]')" || return 1
  [[ "$out" == "$ver" ]]
}

# Refresh the cached plugin script when node_modules has a different one (cheap, atomic).
refresh_plugin() {
  local dir="$1"
  [[ -n "$sdk_plugin" ]] || return 0
  if ! cmp -s "$sdk_plugin" "$dir/bin/$PLUGIN_NAME"; then
    cp "$sdk_plugin" "$dir/bin/.$PLUGIN_NAME.tmp.$$"
    chmod 0755 "$dir/bin/.$PLUGIN_NAME.tmp.$$"
    mv -f "$dir/bin/.$PLUGIN_NAME.tmp.$$" "$dir/bin/$PLUGIN_NAME"
    log "updated $dir/bin/$PLUGIN_NAME from $sdk_plugin"
  fi
}

refused_marker() { printf '%s/refused-%s.txt\n' "$CACHE_BASE" "$1"; }

reuse_if_ok() { # reuse_if_ok VERSION [why]
  local dir="$CACHE_BASE/pulumi-$1"
  if root_ok "$dir" "$1"; then
    refresh_plugin "$dir"
    log "reusing cached CLI $1 at $dir${2:+ ($2)} ($(elapsed))"
    finish "$dir"
  fi
}

# Fast path, no lock, no network.
reuse_if_ok "$sdk_version"
if [[ "$sdk_version" != "$FALLBACK_VERSION" && -f "$(refused_marker "$sdk_version")" ]]; then
  reuse_if_ok "$FALLBACK_VERSION" "the Go module proxy refused $sdk_version earlier, see $(refused_marker "$sdk_version"); delete it to retry"
fi

command -v go >/dev/null 2>&1 ||
  die "no cached Pulumi CLI and no 'go' command to build one (needs Go >= 1.25 and access to the Go module proxy), and no usable 'pulumi' on PATH"
[[ -n "$sdk_plugin" ]] ||
  die "$PLUGIN_NAME not found under $SDK_DIR: run 'npm install' in $REPO_DIR first"

BUILD_TMP=""
cleanup() {
  if [[ -n "$BUILD_TMP" && -d "$BUILD_TMP" ]]; then rm -rf "$BUILD_TMP" || true; fi
  return 0
}

on_signal() {
  log "interrupted; removing the unfinished build"
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  exit "$1"
}
trap 'cleanup; go_caches_end' EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# build_version VERSION: builds into $BUILD_TMP/root, then renames it to the cache.
build_version() {
  local ver="$1" dest="$CACHE_BASE/pulumi-$1"
  BUILD_TMP="$(mktemp -d "$CACHE_BASE/.build-pulumi-$ver.XXXXXX")"
  local out="$BUILD_TMP/root/bin"
  mkdir -p "$out"
  log "building Pulumi CLI $ver in $BUILD_TMP (first run: about 6-9 minutes on 2 cores; log: $BUILD_TMP/build.log)"
  go_build_binary "$out/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$ver" \
    "github.com/pulumi/pulumi/sdk/v3@$ver" "replace=$CLIPBOARD_REPLACE" || return 1
  go_build_binary "$out/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$LANGUAGE_HOST_VERSION" || return 1

  cp "$sdk_plugin" "$out/$PLUGIN_NAME" && chmod 0755 "$out/$PLUGIN_NAME"

  local got
  got="$("$out/pulumi" version 2>&1 | tail -n1 | tr -d '[:space:]')" || true
  if [[ "$got" != "$ver" ]]; then
    LAST_ERROR="the built binary reports version '$got', expected '$ver'"
    return 1
  fi
  printf 'pulumi %s, pulumi-language-nodejs %s, plugin from %s, built %s with %s\n' \
    "$ver" "$LANGUAGE_HOST_VERSION" "$sdk_plugin" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(go version)" >"$BUILD_TMP/root/BUILD-INFO.txt"

  # Atomic switch: an old incomplete folder (from manual tampering) is moved aside first.
  if [[ -e "$dest" ]]; then
    mv -f "$dest" "$BUILD_TMP/old-root"
  fi
  mv -T "$BUILD_TMP/root" "$dest"
  cleanup
  BUILD_TMP=""
  return 0
}

# Does the Go module proxy serve pkg/v3 and sdk/v3 at VERSION? Sets LAST_ERROR when not.
probe_version() {
  local ver="$1" out
  go_caches_begin
  if out="$(cd "$CACHE_BASE" && go mod download -json \
    "github.com/pulumi/pulumi/pkg/v3@$ver" "github.com/pulumi/pulumi/sdk/v3@$ver" 2>&1)"; then
    return 0
  fi
  # go mod download -json puts the reason in "Error" fields; make them one readable line each.
  LAST_ERROR="$(printf '%s\n' "$out" | grep -E '"Error"|^go:' |
    sed -e 's/^[[:space:]]*"Error":[[:space:]]*"//' -e 's/",\{0,1\}[[:space:]]*$//' -e 's/\\n\\t/ /g' -e 's/\\n/ /g' |
    sort -u | head -n 4)" || true
  [[ -n "$LAST_ERROR" ]] || LAST_ERROR="$out"
  return 1
}

# build_locked VERSION: takes the per-version lock, re-checks the cache, builds.
build_locked() {
  local ver="$1" lockfile="$CACHE_BASE/pulumi-$1.lock"
  exec 9>"$lockfile"
  if ! flock -n 9; then
    log "another process is building $ver (lock $lockfile); waiting for it"
    flock 9
    log "lock acquired after $(elapsed)"
  fi
  if root_ok "$CACHE_BASE/pulumi-$ver" "$ver"; then
    exec 9>&-
    reuse_if_ok "$ver" "built by another process"
  fi
  # Holding the lock, any other build folder of this version is a leftover of a killed run.
  local stale
  for stale in "$CACHE_BASE"/.build-pulumi-"$ver".*; do
    [[ -d "$stale" ]] && { log "removing leftover $stale"; rm -rf "$stale" || true; }
  done
  local rc=0
  build_version "$ver" || rc=$?
  exec 9>&-
  return $rc
}

first_error=""
if [[ "$sdk_version" != "$FALLBACK_VERSION" ]]; then
  if [[ -f "$(refused_marker "$sdk_version")" ]]; then
    first_error="the Go module proxy refused $sdk_version earlier ($(refused_marker "$sdk_version"); delete it to retry)"
  elif ! probe_version "$sdk_version"; then
    first_error="the Go module proxy does not give pulumi pkg/v3 or sdk/v3 $sdk_version: $LAST_ERROR"
    # Remember a real refusal (not a network failure) so later runs go straight to the fallback.
    if grep -qE '40[34] |410 |not available|unknown revision|invalid version' <<<"$LAST_ERROR"; then
      { printf 'checked %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"; printf '%s\n' "$LAST_ERROR"; } >"$(refused_marker "$sdk_version")"
    fi
  else
    log "the Go module proxy serves pulumi $sdk_version"
    if build_locked "$sdk_version"; then
      log "built Pulumi CLI $sdk_version at $CACHE_BASE/pulumi-$sdk_version in $(elapsed)"
      finish "$CACHE_BASE/pulumi-$sdk_version"
    fi
    first_error="building $sdk_version failed: $LAST_ERROR"
    cleanup
    BUILD_TMP=""
  fi
  log "falling back to $FALLBACK_VERSION because $first_error"
  reuse_if_ok "$FALLBACK_VERSION" "fallback"
fi

if build_locked "$FALLBACK_VERSION"; then
  log "built Pulumi CLI $FALLBACK_VERSION at $CACHE_BASE/pulumi-$FALLBACK_VERSION${first_error:+ (fallback: $first_error)} in $(elapsed)"
  finish "$CACHE_BASE/pulumi-$FALLBACK_VERSION"
fi
die "could not build the Pulumi CLI $FALLBACK_VERSION after $(elapsed)${first_error:+ (and earlier: $first_error)}:
$LAST_ERROR"
