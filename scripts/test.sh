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
#      stay browser-compatible (WASM_PACKAGES below)
#   5. syntax checks of scripts/*.sh and tests/js/*.mjs
# Every step runs even if an earlier one failed; the script exits non-zero
# if any step failed, and lists the failed steps at the end.
set -euo pipefail

# Crates that must build for wasm32-unknown-unknown (used by the dashboard).
# A name that is not (yet) a workspace package is skipped with a warning.
WASM_PACKAGES=(tern-topic tern-protocol tern-access)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

section() { printf '\n==== %s ====\n' "$*"; }

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
  cargo check --target wasm32-unknown-unknown "${args[@]}"
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

section "setup"
bash scripts/setup.sh

step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
step "tests" run_tests
step "wasm32 check" wasm_check
step "script syntax" syntax_check

section "summary"
if ((${#FAILED[@]} > 0)); then
  (IFS=','; printf 'test.sh: FAILED steps: %s\n' "${FAILED[*]}")
  exit 1
fi
echo "test.sh: every step passed"
