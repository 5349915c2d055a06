# Shared by ops/run, ops/test and ops/bench: installing what is missing, and a throwaway PostgreSQL.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -nr); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
}

# apt_install PACKAGE... : installs Debian packages when we may (root with apt-get), else says what to install.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $*"
    if [ -z "${ARSIP_APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; export ARSIP_APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    log "please install: $* (apt-get install $*)"
    return 1
  fi
}

# ensure_prerequisites [browser]: PostgreSQL server binaries, fonts, PDF tools, OCR; Chromium when asked.
ensure_prerequisites() {
  local missing=()
  [ -n "$(pg_bindir)" ] || missing+=(postgresql)
  [ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || [ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation2)
  { command -v pdftoppm && command -v pdfinfo; } >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  # OCR of image scans for search (Searching/ScanOcr.cs): tesseract with its Indonesian model
  { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind; } || missing+=(tesseract-ocr tesseract-ocr-ind)
  if [ "${1:-}" = browser ]; then command -v chromium >/dev/null 2>&1 || missing+=(chromium); fi
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  [ -n "$(pg_bindir)" ] || { echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2; exit 1; }
}

# server_runtime_env: the .NET runtime settings Arsip's server runs with (ops/run, ops/cluster; README "Configuration").
# A 64 MB first-generation GC budget instead of the default (sized from the CPU cache, a few MB): a registration allocates
# ~0.4 MB, and collecting every few dozen requests read a third of the server's CPU in side-by-side runs (issue #24; that
# comparison was later found to favour one side, so the true share is smaller).
# Tiered compilation starts counting calls at once instead of after 100 ms without new methods, which under steady load
# kept hot code at its first tier for minutes: a server's first 10,000 registrations after warm-up cost 2.2 CPU-ms each
# with the default and 1.3 with this (four pairs of runs, one after another, #24).
server_runtime_env() {
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
  export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_throwaway_pg: a non-durable cluster in a temp folder; exports ARSIP_TEST_PG and PG_THROWAWAY_DIR.
start_throwaway_pg() {
  local bindir port dir as=()
  bindir="$(pg_bindir)"
  port="$(free_port)"
  dir="$(mktemp -d /tmp/arsip-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; as=(runuser -u postgres --); fi
  (cd / && "${as[@]}" "$bindir/initdb" -D "$dir/data" -U arsip -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null)
  (cd / && "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null)
  export PG_THROWAWAY_DIR="$dir" PG_THROWAWAY_BIN="$bindir"
  export ARSIP_TEST_PG="Host=127.0.0.1;Port=$port;Username=arsip;Database=postgres"
  log "throwaway PostgreSQL on 127.0.0.1:$port ($dir)"
}

stop_throwaway_pg() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  (cd / && "${as[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate -w stop >/dev/null 2>&1) || true
  rm -rf "$PG_THROWAWAY_DIR"
  unset PG_THROWAWAY_DIR
}
