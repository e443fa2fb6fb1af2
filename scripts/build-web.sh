#!/usr/bin/env bash
# scripts/build-web.sh: builds the dashboard (web/, Yew on wasm32) into dist/.
#
#   scripts/build-web.sh                  install what is missing, build dist/ unless up to date
#   scripts/build-web.sh --dev            debug build (fast, large, no wasm-opt) into dist/
#   scripts/build-web.sh --install-only   only install the tools (scripts/setup.sh calls this)
#   scripts/build-web.sh --force          rebuild even if dist/ is up to date
#   scripts/build-web.sh --serve [ARGS]   development server: installs trunk once, runs
#                                         `trunk serve ARGS` (Trunk.toml: port 8081, proxies
#                                         /mqtt and /api to a broker on 127.0.0.1:8080)
#
# The build is three plain steps, with no bundler in between:
#   1. cargo build -p tern-web --bin tern-web --target wasm32-unknown-unknown
#      --profile web (size-optimised: see [profile.web] in Cargo.toml);
#   2. wasm-bindgen --target web: the wasm and its JavaScript loader;
#   3. wasm-opt -Oz (release only); then web/index.html, web/style.css and
#      web/favicon.svg are copied, with @VERSION@ in index.html replaced by a
#      hash of the build so browsers never mix files of two builds.
#
# Installs, idempotently and only what is missing (fast when all is there):
#   - the wasm32-unknown-unknown Rust target (rustup);
#   - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock
#     (cargo install, deliberately without --locked: its own lock file pins
#     crates that no longer build); it also provides wasm-bindgen-test-runner
#     for the browser tests;
#   - wasm-opt from the npm package binaryen (web/tools, `npm ci`; Debian's is too old);
#   - only for --serve: trunk 0.21.14 (cargo install --locked; 0.22 needs a newer
#     rustc than our MSRV). Trunk runs offline (Trunk.toml [tools] pins the two
#     tools above, which this script checks), so it never downloads.
#
# dist/ is rebuilt only when a source changed: a hash of the dashboard's sources
# (web/, the shared crates, Cargo.toml, Cargo.lock, the tool versions and the
# build mode) is kept in dist/.tern-build-stamp. The broker serves dist/
# (`tern run --web-dir dist`, or `listeners.static_dir`; see README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_OPT_VERSION=132
TRUNK_VERSION=0.21.14
MODE=build
PROFILE=web
FORCE=0
while (($# > 0)); do
  case "$1" in
    --install-only) MODE=install ;;
    --dev) PROFILE=dev ;;
    --force) FORCE=1 ;;
    --serve)
      MODE=serve
      shift
      break
      ;;
    *)
      echo "usage: $0 [--install-only] [--dev] [--force] | --serve [TRUNK SERVE ARGS]" >&2
      exit 2
      ;;
  esac
  shift
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

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [[ -n "$want" ]] || die "no wasm-bindgen in Cargo.lock"
  grep -q "^wasm_bindgen = \"$want\"" Trunk.toml ||
    die "Trunk.toml [tools] wasm_bindgen must be \"$want\" (the version in Cargo.lock)"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]] ||
    ! have wasm-bindgen-test-runner; then
    say "cargo install wasm-bindgen-cli --version $want (takes a few minutes once)"
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
  wasm-opt --version | grep -q "version $WASM_OPT_VERSION " ||
    die "wasm-opt is not version $WASM_OPT_VERSION (web/tools/package.json): $(wasm-opt --version)"
  grep -q "^wasm_opt = \"version_$WASM_OPT_VERSION\"" Trunk.toml ||
    die "Trunk.toml [tools] wasm_opt must be \"version_$WASM_OPT_VERSION\""
}

ensure_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
    say "cargo install trunk --version $TRUNK_VERSION --locked (takes several minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
  fi
}

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt
case "$MODE" in
  install) exit 0 ;;
  serve)
    ensure_trunk
    exec trunk serve "$@"
    ;;
esac

# --- build, unless dist/ is up to date ------------------------------------------
sources_hash() {
  {
    git ls-files -co --exclude-standard -- web crates/protocol crates/topic \
      Cargo.toml Cargo.lock scripts/build-web.sh ':!web/tools' | LC_ALL=C sort |
      while read -r f; do [[ -f "$f" ]] && sha256sum "$f"; done
    wasm-bindgen --version
    wasm-opt --version
    rustc --version
    echo "profile $PROFILE"
  } | sha256sum | cut -d' ' -f1
}

build() {
  local out_dir="target/wasm32-unknown-unknown/$PROFILE"
  [[ "$PROFILE" == dev ]] && out_dir="target/wasm32-unknown-unknown/debug"
  say "cargo build -p tern-web --target wasm32-unknown-unknown --profile $PROFILE"
  cargo build -p tern-web --bin tern-web --target wasm32-unknown-unknown --profile "$PROFILE"
  local staging="target/web-dist"
  rm -rf "$staging"
  mkdir -p "$staging"
  say "wasm-bindgen --target web"
  wasm-bindgen --target web --no-typescript --out-dir "$staging" --out-name tern-web \
    "$out_dir/tern-web.wasm"
  if [[ "$PROFILE" != dev ]]; then
    say "wasm-opt -Oz"
    # The features rustc enables by default for wasm32 (bulk memory, sign
    # extension, non-trapping float-to-int, multi-value, reference types).
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
      --enable-multivalue --enable-reference-types \
      -o "$staging/tern-web_bg.wasm" "$staging/tern-web_bg.wasm"
  fi
  cp web/style.css web/favicon.svg "$staging/"
  local version
  version="$(cat "$staging/tern-web_bg.wasm" "$staging/tern-web.js" "$staging/style.css" |
    sha256sum | cut -c1-16)"
  sed "s/@VERSION@/$version/g" web/index.html >"$staging/index.html"
  # Swap in the new build whole: a server never sees half of one.
  rm -rf dist
  mv "$staging" dist
}

STAMP="dist/.tern-build-stamp"
HASH="$(sources_hash)"
if ((FORCE == 0)) && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$HASH" && -f dist/index.html ]]; then
  say "dist/ is up to date"
else
  build
  echo "$HASH" >"$STAMP"
fi
for f in dist/*.wasm; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  say "$(basename "$f"): $raw bytes ($gz bytes gzipped)"
done
