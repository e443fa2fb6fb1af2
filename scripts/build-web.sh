#!/usr/bin/env bash
# scripts/build-web.sh: builds the dashboard (web/, Yew on wasm32) into dist/ with trunk.
#
#   scripts/build-web.sh                  install what is missing, build dist/ unless up to date
#   scripts/build-web.sh --install-only   only install the tools (scripts/setup.sh calls this)
#   scripts/build-web.sh --force          rebuild even if dist/ is up to date
#
# Installs, idempotently and only what is missing (fast when all is there):
#   - the wasm32-unknown-unknown Rust target (rustup);
#   - trunk 0.21.14 (cargo install --locked; 0.22 needs a newer rustc than our MSRV);
#   - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock
#     (cargo install, deliberately without --locked: its own lock file pins
#     crates that no longer build);
#   - wasm-opt from the npm package binaryen (web/tools, `npm ci`; Debian's is too old).
# Trunk runs offline (Trunk.toml) and finds these on PATH, so it never downloads.
#
# dist/ is rebuilt only when a source changed: a hash of the dashboard's sources
# (web/, the shared crates, index.html, Trunk.toml, Cargo.toml, Cargo.lock) is
# kept in dist/.tern-build-stamp. Serve dist/ with the broker's
# `listeners.static_dir` (see README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
MODE=build
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --install-only) MODE=install ;;
    --force) FORCE=1 ;;
    *)
      echo "usage: $0 [--install-only] [--force]" >&2
      exit 2
      ;;
  esac
done

say() { printf 'build-web: %s\n' "$*"; }
die() {
  printf 'build-web: error: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

have cargo || die "cargo not found: install Rust with rustup (see README.md)"
export PATH="$HOME/.cargo/bin:$ROOT/web/tools/node_modules/.bin:$PATH"

# The wasm-bindgen version the dashboard links against (Cargo.lock is the truth).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if have rustup && ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
    say "cargo install trunk --version $TRUNK_VERSION --locked (takes a few minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [[ -n "$want" ]] || die "no wasm-bindgen in Cargo.lock"
  grep -q "^wasm_bindgen = \"$want\"" Trunk.toml ||
    die "Trunk.toml [tools] wasm_bindgen must be \"$want\" (the version in Cargo.lock)"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]] ||
    ! have wasm-bindgen-test-runner; then
    say "cargo install wasm-bindgen-cli --version $want"
    cargo install wasm-bindgen-cli --version "$want" --force --quiet
  fi
}

ensure_wasm_opt() {
  local dir="$ROOT/web/tools"
  local stamp="$dir/node_modules/.package-lock.json"
  have npm || die "npm not found (scripts/setup.sh installs it)"
  if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    say "npm ci in web/tools (binaryen: wasm-opt)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
  local want
  want="$(sed -n 's/^wasm_opt = "version_\([0-9]*\)"/\1/p' Trunk.toml)"
  wasm-opt --version | grep -q "version $want " ||
    die "wasm-opt is not version $want as Trunk.toml [tools] wasm_opt says: $(wasm-opt --version)"
}

ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_wasm_opt
[[ "$MODE" == install ]] && exit 0

# --- build, unless dist/ is up to date ------------------------------------------
sources_hash() {
  {
    git ls-files -co --exclude-standard -- web crates/protocol crates/topic \
      index.html Trunk.toml Cargo.toml Cargo.lock ':!web/tools' | LC_ALL=C sort |
      while read -r f; do [[ -f "$f" ]] && sha256sum "$f"; done
    trunk --version
    rustc --version
  } | sha256sum | cut -d' ' -f1
}

STAMP="dist/.tern-build-stamp"
HASH="$(sources_hash)"
if ((FORCE == 0)) && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$HASH" && -f dist/index.html ]]; then
  say "dist/ is up to date"
else
  say "trunk build --release"
  trunk build --release
  echo "$HASH" >"$STAMP"
fi
for f in dist/*.wasm; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  say "$(basename "$f"): $raw bytes ($gz bytes gzipped)"
done
