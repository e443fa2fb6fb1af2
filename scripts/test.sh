#!/usr/bin/env bash
# scripts/test.sh: THE test command of Tern (CI runs it through .ci/run).
#
# Installs what the tests need (scripts/setup.sh), then runs, in order:
#   1. cargo fmt --all -- --check
#   2. cargo clippy --workspace --all-targets -- -D warnings
#   3. cargo nextest run --workspace --no-fail-fast (cargo test without nextest);
#      this includes the end-to-end tests in tests/, which drive Tern with
#      mosquitto_sub/_pub and the MQTT.js scripts of tests/js
#   4. cargo check --target wasm32-unknown-unknown for the crates that must
#      stay browser-compatible (WASM_PACKAGES below), and clippy of the
#      dashboard (tern-web) for wasm32, where its UI code lives
#   5. the dashboard build: scripts/build-web.sh (release wasm, into dist/;
#      skipped when dist/ is up to date)
#   6. the dashboard's browser tests: its MQTT client in headless Chromium
#      (wasm-bindgen-test-runner + chromedriver) against a Tern this script starts
#   7. the dashboard end-to-end test: tests/js/dashboard_e2e.mjs drives the
#      built dashboard in headless Chromium (playwright-core) against the real
#      `tern demo` (JWT login link, its simulated devices over TLS) plus a
#      separate `tern-device` process with its own client certificate;
#      screenshots in target/artifacts/; then tests/js/dashboard_metrics_token.mjs:
#      the Broker view against `tern run` with a /metrics that needs a token
#   8. syntax checks of scripts/*.sh and tests/js/*.mjs
#   9. the cargo-fuzz targets of fuzz/ (FUZZ_TARGETS below), each for
#      FUZZ_SECONDS (default 20) from the committed seeds, when a nightly
#      toolchain is installed (cargo-fuzz is installed if missing); otherwise
#      "skipped: no nightly" — the stable fuzz_smoke tests of step 3 run the
#      same target bodies anyway. See FUZZING.md.
# Every step runs even if an earlier one failed; the script exits non-zero
# if any step failed, and lists the failed steps at the end.
set -euo pipefail

# The cargo-fuzz targets (fuzz/fuzz_targets/) and how long each runs.
FUZZ_TARGETS=(connection ws_stream query template namespace)
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"

# Crates that must build for wasm32-unknown-unknown (used by the dashboard).
# A name that is not (yet) a workspace package is skipped with a warning.
WASM_PACKAGES=(tern-topic tern-protocol tern-access tern-web)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

section() { printf '\n==== %s ====\n' "$*"; }

# A CI run builds once from a clean clone: incremental caches would only cost
# disk (they were GBs), and CI machines may have little of it.
if [[ "${CI:-}" == true ]]; then
  export CARGO_INCREMENTAL=0
fi

# disk_report WHEN: free disk and the size of the build directories, so a run
# that fails for lack of space says where the space went.
disk_report() {
  echo "disk $1: $(df -h --output=avail . | tail -n 1 | tr -d ' ') free;" \
    "target/ $(du -sh target 2>/dev/null | cut -f1 || echo 0)," \
    "fuzz/target/ $(du -sh fuzz/target 2>/dev/null | cut -f1 || echo 0)"
}

# In CI, the fuzz step needs none of the debug builds before it: drop them so
# the nightly sanitizer build has the space.
free_debug_builds() {
  if [[ "${CI:-}" == true ]]; then
    rm -rf target/debug
    echo "CI: removed target/debug before the fuzz builds"
  fi
}

FAILED=()
# step NAME COMMAND...: runs COMMAND under a header and records a failure.
step() {
  local name="$1"
  shift
  section "$name"
  local start=$SECONDS
  if "$@"; then
    printf -- '---- %s: ok (%ds)\n' "$name" $((SECONDS - start))
  else
    local rc=$?
    printf -- '---- %s: FAILED (exit %d, %ds)\n' "$name" "$rc" $((SECONDS - start))
    FAILED+=("$name")
  fi
}

run_tests() {
  if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast
  else
    echo "cargo-nextest not installed: falling back to cargo test"
    cargo test --workspace --no-fail-fast
  fi
}

wasm_check() {
  local members args=() pkg
  members="$(cargo metadata --no-deps --format-version 1)" || return 1
  for pkg in "${WASM_PACKAGES[@]}"; do
    if grep -q "\"name\":\"$pkg\"" <<<"$members"; then
      args+=(-p "$pkg")
    else
      echo "WARNING: $pkg is not a workspace package (yet); not checked for wasm32"
    fi
  done
  if ((${#args[@]} == 0)); then
    echo "no wasm packages to check"
    return 0
  fi
  cargo check --target wasm32-unknown-unknown "${args[@]}" || return 1
  # The dashboard's UI code exists only on wasm32: lint it there too.
  cargo clippy -p tern-web --target wasm32-unknown-unknown --all-targets -- -D warnings
}

# Starts `tern run --open` on free loopback ports; sets TERN_PID and TERN_WS_URL.
# Its output is drained in the background so it can never block on a full pipe.
start_tern() {
  cargo build -q -p tern --bin tern || return 1
  local fd line
  exec {fd}< <(exec target/debug/tern run --open --mqtt 127.0.0.1:0 --http 127.0.0.1:0 2>&1)
  TERN_PID=$!
  TERN_WS_URL=""
  while IFS= read -r -t 30 -u "$fd" line; do
    if [[ "$line" =~ WebSocket\ listening\ on\ (ws://[^[:space:]]+) ]]; then
      TERN_WS_URL="${BASH_REMATCH[1]}"
      break
    fi
  done
  cat <&"$fd" >/dev/null &
  exec {fd}<&-
  if [[ -z "$TERN_WS_URL" ]]; then
    echo "tern did not print its WebSocket address within 30 s"
    kill "$TERN_PID" 2>/dev/null || true
    return 1
  fi
  echo "tern (pid $TERN_PID) at $TERN_WS_URL"
}

browser_tests() {
  start_tern || return 1
  local rc=0
  # The URL is compiled in (option_env!); chromedriver runs headless Chromium
  # with the options in web/webdriver.json.
  TERN_TEST_WS_URL="$TERN_WS_URL" CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_TIMEOUT=60 \
    cargo test -p tern-web --target wasm32-unknown-unknown --test browser || rc=$?
  kill "$TERN_PID" 2>/dev/null || true
  wait "$TERN_PID" 2>/dev/null || true
  return "$rc"
}

dashboard_e2e() {
  cargo build -q -p tern --bin tern || return 1
  cargo build -q -p tern-device --bin tern-device || return 1
  [[ -f dist/index.html ]] || {
    echo "dist/ is missing: the web build step failed"
    return 1
  }
  local rc=0
  node tests/js/dashboard_e2e.mjs target/debug/tern dist target/artifacts target/debug/tern-device || rc=$?
  # The Broker view against a /metrics that needs a token (not open to loopback).
  node tests/js/dashboard_metrics_token.mjs target/debug/tern dist target/artifacts || rc=$?
  return "$rc"
}

syntax_check() {
  local f rc=0
  for f in scripts/*.sh .ci/run; do
    bash -n "$f" || rc=1
  done
  for f in tests/js/*.mjs; do
    node --check "$f" || rc=1
  done
  return "$rc"
}

# Runs each fuzz target for FUZZ_SECONDS from its committed seeds (new corpus
# entries go to the ignored fuzz/corpus/); fails on a crash, prints the
# executions libFuzzer reports. Never fails for lack of nightly.
fuzz_targets() {
  if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "skipped: no nightly (cargo +nightly is unavailable); the stable fuzz_smoke tests ran in the tests step"
    return 0
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz not installed: installing it"
    if ! cargo install cargo-fuzz --locked; then
      echo "skipped: cargo-fuzz could not be installed (offline?)"
      return 0
    fi
  fi
  local target log rc=0
  log="$(mktemp)"
  for target in "${FUZZ_TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    echo "-- fuzz target $target (${FUZZ_SECONDS} s)"
    if env -u CARGO_TARGET_DIR cargo +nightly fuzz run "$target" \
      "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
      -seed=1 -max_total_time="$FUZZ_SECONDS" -timeout=10 >"$log" 2>&1; then
      grep -E '^Done [0-9]+ runs' "$log" | sed "s/^/$target: /" || true
    else
      tail -n 60 "$log"
      echo "fuzz target $target FAILED (the crashing input is under fuzz/artifacts/$target/)"
      rc=1
    fi
  done
  rm -f "$log"
  return "$rc"
}

section "setup"
bash scripts/setup.sh
disk_report "after setup"

step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
step "tests" run_tests
step "wasm32 check" wasm_check
step "web build" bash scripts/build-web.sh
step "browser tests" browser_tests
step "dashboard e2e" dashboard_e2e
step "script syntax" syntax_check
disk_report "before the fuzz step"
free_debug_builds
step "fuzz targets" fuzz_targets
disk_report "at the end"

section "summary"
if ((${#FAILED[@]} > 0)); then
  (IFS=','; printf 'test.sh: FAILED steps: %s\n' "${FAILED[*]}")
  exit 1
fi
echo "test.sh: every step passed"
