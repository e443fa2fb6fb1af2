#!/usr/bin/env bash
# scripts/run.sh: THE run command of Tern.
#
# Installs what running needs (scripts/setup.sh --run), builds the dashboard
# into dist/ (scripts/build-web.sh: installs its tools once, rebuilds only when
# a source changed) and the broker in release mode, then runs `tern demo`:
# the broker with the demo namespace, the dashboard and three simulated
# devices, its state and generated certificates/keys in ./tern-demo/.
# Extra arguments are passed to `tern demo` (`tern demo --help` lists them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --run
bash scripts/build-web.sh
cargo build --release -p tern

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
exec "$TARGET_DIR/release/tern" demo --web-dir "$ROOT/dist" --data-dir "$ROOT/tern-demo" "$@"
