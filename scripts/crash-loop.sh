#!/usr/bin/env bash
# Runs the crash tests (broker/tests/crash.rs) for many rounds: `tern run`
# killed with SIGKILL under QoS 1/2 load, restarted, checked for lost,
# reordered or duplicated messages. The test command runs 5 rounds.
#
#   scripts/crash-loop.sh [ROUNDS] [DURABILITY]    # default 200 rounds, fsync
#   TERN_CRASH_SEED=123 scripts/crash-loop.sh 50   # replay a printed seed
set -euo pipefail
cd "$(dirname "$0")/.."
export TERN_CRASH_ROUNDS="${1:-200}"
if [[ -n "${2:-}" ]]; then
    export TERN_CRASH_DURABILITY="$2"
fi
exec cargo test -p tern --test crash -- --nocapture --test-threads 1
