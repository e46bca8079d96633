# shellcheck shell=bash
# Go builds with throwaway caches, sourced by scripts/pulumi-cli.sh and scripts/pulumi-yaml.sh
# (and by scripts/lib/cached-build.sh for its `run`).
#
# Go keeps downloaded modules (GOMODCACHE, default ~/go/pkg/mod) and compiled packages (GOCACHE,
# default ~/.cache/go-build): about 3.4 GB after building the Pulumi CLI. Here every Go command
# uses GOPATH/GOMODCACHE/GOCACHE in $CACHE_BASE/.go-caches.<pid>, removed when the calling
# script exits (go_caches_end in its EXIT trap); a killed run's folder is removed by the next
# run (remove_stale_go_caches). Only the binaries a script moves out of $BUILD_TMP stay.
# PULUMI_ACCESS_KEYS_GO_SHARED_CACHE names a folder to use instead, which the caller removes
# (test/global-setup.js): builds run one after another there download and compile the modules
# they have in common once (the build cache is keyed by content, so sharing it changes no binary).
#
# The caller defines `log MESSAGE...` (to stderr), sets CACHE_BASE, and sets BUILD_TMP (a folder
# of its own) before go_build_binary. A step prints a line every 30 s while it runs.

export GOWORK=off GO111MODULE=on CGO_ENABLED=0

GO_CACHES=""
CHILD_PID=""
LAST_ERROR=""
GO_BUILD_STARTED=$SECONDS

remove_go_caches() {
  # -modcacherw makes new module files writable; chmod covers caches written without it.
  chmod -R u+w "$1" 2>/dev/null || true
  rm -rf "$1" || true
}

# The caches of runs whose process is gone (killed before their EXIT trap ran).
remove_stale_go_caches() {
  local stale
  for stale in "$CACHE_BASE"/.go-caches.*; do
    [[ -d "$stale" ]] || continue
    if ! kill -0 "${stale##*.}" 2>/dev/null; then log "removing leftover Go caches $stale"; remove_go_caches "$stale"; fi
  done
}

GO_CACHES_SHARED=""
go_caches_begin() {
  [[ -n "$GO_CACHES" ]] && return 0
  if [[ -n "${PULUMI_ACCESS_KEYS_GO_SHARED_CACHE:-}" ]]; then
    GO_CACHES="$PULUMI_ACCESS_KEYS_GO_SHARED_CACHE" GO_CACHES_SHARED=1
  else
    GO_CACHES="$CACHE_BASE/.go-caches.$$"
  fi
  mkdir -p "$GO_CACHES"
  export GOPATH="$GO_CACHES/gopath" GOMODCACHE="$GO_CACHES/gopath/pkg/mod" GOCACHE="$GO_CACHES/go-build"
  export GOFLAGS="-modcacherw${GOFLAGS:+ $GOFLAGS}"
}

go_caches_end() {
  if [[ -z "$GO_CACHES_SHARED" && -n "$GO_CACHES" && -d "$GO_CACHES" ]]; then
    log "removing the Go caches of this build ($(du -sh "$GO_CACHES" 2>/dev/null | cut -f1))"
    remove_go_caches "$GO_CACHES"
  fi
  GO_CACHES=""
}

# run LOGFILE DESCRIPTION CMD...: runs a step, output to LOGFILE; on failure LAST_ERROR gets
# the command and the tail of its output.
run() {
  local logfile="$1" what="$2"; shift 2
  local t0=$SECONDS rc=0 next=30
  # In the background + wait, so that a signal is handled at once (and the go command stopped).
  "$@" >>"$logfile" 2>&1 </dev/null &
  CHILD_PID=$!
  # A line every 30 s, so a long first build never sits silent (polling, not a ticker process:
  # nothing is left holding the caller's output pipes).
  while kill -0 "$CHILD_PID" 2>/dev/null; do
    sleep 1
    if ((SECONDS - t0 >= next)); then
      log "  $what: still running ($((SECONDS - t0))s; $((SECONDS - GO_BUILD_STARTED))s in all)"
      next=$((next + 30))
    fi
  done
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  if [[ "$rc" == "0" ]]; then
    log "  $what: ok ($((SECONDS - t0))s)"
    return 0
  fi
  LAST_ERROR="$(printf '%s failed: %s\n' "$what" "$*"; grep -v '^go: downloading ' "$logfile" | tail -n 40)"
  log "  $what: FAILED after $((SECONDS - t0))s"
  return 1
}

# go_build_binary OUTPUT PACKAGE VERSION [MODULE@VERSION | replace=OLD=NEW | version-var=PKG.VAR]...:
# builds the Go command PACKAGE into OUTPUT from a throwaway module in $BUILD_TMP requiring
# PACKAGE@VERSION (plus the extra modules and replacements given), with VERSION stamped into
# VERSION_VAR (default: the Pulumi SDK's, which Pulumi's own commands report). Progress and
# failures as run() reports them; the log is $BUILD_TMP/build.log.
go_build_binary() {
  local output="$1" pkg="$2" ver="$3"; shift 3
  local name dir logf="$BUILD_TMP/build.log" extra=() arg version_var="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
  name="$(basename "$output")"
  dir="$BUILD_TMP/src-$name"
  go_caches_begin
  mkdir -p "$dir" "$(dirname "$output")"
  if ! { go -C "$dir" mod init "local/$name" >>"$logf" 2>&1 &&
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >"$dir/tools.go"; }; then
    LAST_ERROR="could not create the Go module in $dir: $(tail -n 20 "$logf")"
    return 1
  fi
  for arg in "$@"; do
    case "$arg" in
      replace=*) go -C "$dir" mod edit -replace "${arg#replace=}" >>"$logf" 2>&1 || { LAST_ERROR="go mod edit -replace ${arg#replace=} failed"; return 1; } ;;
      version-var=*) version_var="${arg#version-var=}" ;;
      *) extra+=("$arg") ;;
    esac
  done
  run "$logf" "go get $name $ver (module downloads)" go -C "$dir" get "$pkg@$ver" "${extra[@]}" || return 1
  run "$logf" "go build $name $ver" go -C "$dir" build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X $version_var=$ver" -o "$output" "$pkg" || return 1
}
