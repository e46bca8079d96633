# Shared by the scripts that build a tool once into ~/.cache/pulumi-access-keys (sourced, not run):
# the cache folder, its lock, a temporary build folder, and Go caches that are deleted afterwards
# (go-build.sh's go_caches_begin), so a build leaves nothing behind outside its finished folder.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/cached-build.sh"
#   cached_build TAG NAME DEST READY_FN BUILD_FN
#
# TAG prefixes the progress lines (stderr). DEST is the finished folder; READY_FN DEST says whether
# it is complete. When it is not, BUILD_FN OUT runs under DEST.lock with the Go caches set, must
# fill OUT (a fresh folder), and OUT is then renamed to DEST. The last line on stdout is DEST.
# Environment: PULUMI_ACCESS_KEYS_CACHE (default ~/.cache/pulumi-access-keys),
# PULUMI_ACCESS_KEYS_GO_SHARED_CACHE (the Go caches in that folder, left in place: go-build.sh).

CACHE_BASE="${PULUMI_ACCESS_KEYS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-access-keys}"
# run (a build step with a progress line every 30 s, and LAST_ERROR on failure) is go-build.sh's.
# shellcheck source=../go-build.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/go-build.sh"
log() { cb_log "$@"; }
mkdir -p "$CACHE_BASE"
CACHE_BASE="$(cd "$CACHE_BASE" && pwd -P)"
BUILD_TMP=""

cb_log() { printf '%s: %s\n' "$CB_TAG" "$*" >&2; }
cb_die() { printf '%s: error: %s\n' "$CB_TAG" "$*" >&2; exit 1; }

cb_cleanup() {
  if [[ -n "$BUILD_TMP" && -d "$BUILD_TMP" ]]; then remove_go_caches "$BUILD_TMP"; fi
  go_caches_end
  return 0
}

# go_module_tool MODULE_DIR PACKAGE@VERSION: a throwaway module that requires PACKAGE's module,
# so `go build PACKAGE` works in MODULE_DIR.
go_module_tool() {
  local dir="$1" pkg="$2"
  mkdir -p "$dir" &&
    go -C "$dir" mod init local/tool &&
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "${pkg%@*}" >"$dir/tools.go" &&
    go -C "$dir" get "$pkg"
}

# build_go_tool BINARY PACKAGE VERSION VERSION_VAR: the Go command PACKAGE at VERSION (of its
# module) built into BINARY from a throwaway module, $BUILD_TMP/module, with VERSION stamped
# into the string variable VERSION_VAR (what the tool reports as its version).
build_go_tool() {
  local binary="$1" pkg="$2" ver="$3" var="$4" mod="$BUILD_TMP/module"
  mkdir -p "$(dirname "$binary")" &&
    go_module_tool "$mod" "$pkg@$ver" &&
    go -C "$mod" build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w -X $var=$ver" -o "$binary" "$pkg"
}

cached_build() {
  CB_TAG="$1"
  local name="$2" dest="$3" ready="$4" build="$5"
  if "$ready" "$dest"; then
    cb_log "reusing $dest"
    printf '%s\n' "$dest"
    return 0
  fi
  command -v go >/dev/null 2>&1 || cb_die "no cached $name and no 'go' command to build it (needs Go >= 1.25 and the Go module proxy)"
  exec 9>"$dest.lock"
  if ! flock -n 9; then
    cb_log "another process is building $name; waiting for it"
    flock 9
  fi
  if "$ready" "$dest"; then
    cb_log "built by another process: $dest"
    exec 9>&-
    printf '%s\n' "$dest"
    return 0
  fi
  BUILD_TMP="$(mktemp -d "$CACHE_BASE/.build-$name.XXXXXX")"
  trap cb_cleanup EXIT
  trap '[[ -n "$CHILD_PID" ]] && kill -TERM "$CHILD_PID" 2>/dev/null; exit 130' INT
  trap '[[ -n "$CHILD_PID" ]] && kill -TERM "$CHILD_PID" 2>/dev/null; exit 143' TERM
  remove_stale_go_caches
  go_caches_begin
  local out="$BUILD_TMP/root" logf="$BUILD_TMP/build.log" start=$SECONDS
  mkdir -p "$out"
  cb_log "building $name in $BUILD_TMP"
  run "$logf" "build $name" "$build" "$out" || cb_die "building $name failed after $((SECONDS - start))s: $LAST_ERROR"
  printf '%s, built %s with %s\n' "$name" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(go version)" >"$out/BUILD-INFO.txt"
  rm -rf "$dest"
  mv -T "$out" "$dest"
  cb_cleanup
  BUILD_TMP=""
  exec 9>&-
  cb_log "built $dest in $((SECONDS - start))s"
  printf '%s\n' "$dest"
}

# files_hash PATH...: 16 hex digits over the names and contents of every file under PATHs.
files_hash() {
  find "$@" -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16
}

# cached_build_hashed TAG NAME HASH READY_FN BUILD_FN: cached_build into NAME-HASH (a build of
# exactly those sources). Builds of other hashes unused for a day are removed (not sooner: another
# checkout may be using one).
cached_build_hashed() {
  local dest="$CACHE_BASE/$2-$3"
  cached_build "$1" "$2-$3" "$dest" "$4" "$5" >/dev/null
  find "$CACHE_BASE" -mindepth 1 -maxdepth 1 -name "$2-*" ! -path "$dest" ! -path "$dest.lock" -mtime +0 -exec rm -rf {} + 2>/dev/null || true
  touch "$dest" "$dest.lock"
  printf '%s\n' "$dest"
}

# cached_local_build NAME SOURCE_DIR HASHED_PATH...: the main package of the Go module in
# SOURCE_DIR (its go.sum complete: -mod=readonly never edits it) built once per hash of
# HASHED_PATHs (relative to the repository) into NAME-<hash>/bin/NAME. Prints the binary's path.
cached_local_build() {
  local name="$1" source_dir="$2" repo hash
  shift 2
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  hash="$(cd "$repo" && files_hash "$@")"
  local_ready() { [[ -x "$1/bin/$LOCAL_NAME" ]]; }
  local_build() {
    mkdir -p "$1/bin"
    # The CLI's build flags (scripts/pulumi-cli.sh): with a shared Go cache, packages both compile
    # at the same versions come out of the cache (scripts/go-example.sh).
    go -C "$LOCAL_SOURCE" build -mod=readonly -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w" -o "$1/bin/$LOCAL_NAME" .
  }
  LOCAL_NAME="$name" LOCAL_SOURCE="$source_dir"
  printf '%s/bin/%s\n' "$(cached_build_hashed "$name" "$name" "$hash" local_ready local_build)" "$name"
}
