#!/usr/bin/env bash
# scripts/setup.sh: installs what Tern's tests and runs need, idempotently.
#
#   scripts/setup.sh          everything the test suite needs (scripts/test.sh)
#   scripts/setup.sh --run    only what running Tern needs (scripts/run.sh)
#
# Called by scripts/test.sh and scripts/run.sh; safe to run by hand any time.
# It installs only what is missing and prints nothing when all is present:
#   - Rust: rustfmt and clippy components, the wasm32-unknown-unknown target
#     (rustup itself and the toolchain must already be there);
#   - Debian packages: mosquitto-clients (mosquitto_sub/_pub, used by the
#     end-to-end tests), mosquitto (reference broker for tern-tests' self
#     tests and benchmarks), openssl (RSA keys for the JWT tests), nodejs/npm only if node is missing, chromium and
#     chromium-driver (the dashboard's browser tests; no browser is downloaded);
#   - npm packages of tests/js (MQTT.js, playwright-core), by `npm ci` from the
#     committed package-lock.json when node_modules is missing or older than the lock;
#   - the dashboard's build tools (wasm-bindgen-cli, wasm-opt), through
#     `scripts/build-web.sh --install-only`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-all}"
case "$MODE" in
  all | --all) MODE=all ;;
  --run) MODE=run ;;
  *)
    echo "usage: $0 [--run]" >&2
    exit 2
    ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: error: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# --- Rust ------------------------------------------------------------------
have cargo || die "cargo not found: install Rust with rustup (see README.md)"

ensure_rust_components() {
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if ((${#missing[@]} > 0)); then
    have rustup || die "missing ${missing[*]} and no rustup to add them"
    say "rustup component add ${missing[*]}"
    rustup component add "${missing[@]}"
  fi
}

ensure_wasm_target() {
  if ! have rustup; then
    # Without rustup (e.g. a distribution Rust) we cannot add targets; the
    # wasm check in test.sh will say what is missing.
    say "warning: no rustup; cannot check for the wasm32-unknown-unknown target"
    return 0
  fi
  if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

# --- Debian packages ----------------------------------------------------------
APT_UPDATED=0
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO=(sudo)
fi

apt_install() {
  have apt-get || die "need Debian packages $* but apt-get is not available"
  export DEBIAN_FRONTEND=noninteractive
  if ((APT_UPDATED == 0)); then
    say "apt-get update"
    "${SUDO[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# `mosquitto` lives in /usr/sbin, which is not on every user's PATH.
have_mosquitto_broker() {
  have mosquitto || [[ -x /usr/sbin/mosquitto ]]
}

ensure_debian_packages() {
  local packages=()
  if ! have mosquitto_sub || ! have mosquitto_pub; then
    packages+=(mosquitto-clients)
  fi
  local install_broker=0
  if ! have_mosquitto_broker; then
    packages+=(mosquitto)
    install_broker=1
  fi
  # coreutils' stdbuf line-buffers mosquitto_sub in tern-tests; always on Debian.
  have stdbuf || packages+=(coreutils)
  # openssl makes the RS256 issuer's RSA key in tests/tests/suite/access_jwt.rs.
  have openssl || packages+=(openssl)
  if ! have node || ! have npm; then
    packages+=(nodejs npm)
  fi
  # The dashboard's browser tests: wasm-bindgen-test-runner drives chromium
  # through chromedriver; the end-to-end test drives it with playwright-core.
  have chromium || packages+=(chromium)
  have chromedriver || packages+=(chromium-driver)
  if ((${#packages[@]} > 0)); then
    apt_install "${packages[@]}"
  fi
  # Installing the mosquitto package may start its system service on port
  # 1883, Tern's default port. Tests start their own brokers on free ports,
  # so stop and disable a service that this run installed.
  if ((install_broker == 1)) && have systemctl &&
    systemctl is-active --quiet mosquitto 2>/dev/null; then
    say "stopping and disabling the mosquitto system service (it would hold port 1883)"
    "${SUDO[@]}" systemctl disable --now mosquitto >/dev/null 2>&1 || true
  fi
}

# --- npm packages of tests/js -------------------------------------------------
ensure_js_packages() {
  local dir="$ROOT/tests/js"
  [[ -f "$dir/package-lock.json" ]] || die "missing $dir/package-lock.json"
  # npm writes node_modules/.package-lock.json on every install: it is the
  # stamp of the last install.
  local stamp="$dir/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    say "npm ci in tests/js"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

# --- main -------------------------------------------------------------------
# Running Tern needs only cargo (checked above); building the dashboard is
# scripts/build-web.sh's job (it installs its own tools).
if [[ "$MODE" == all ]]; then
  ensure_rust_components
  ensure_wasm_target
  ensure_debian_packages
  ensure_js_packages
  bash "$ROOT/scripts/build-web.sh" --install-only
fi
