#!/usr/bin/env bash
# scripts/run.sh: THE run command of Tern.
#
# Installs what running needs (scripts/setup.sh --run), builds the broker in
# release mode and runs it in open mode on its default loopback listeners
# (MQTT/TCP on 127.0.0.1:1883, WebSocket on ws://127.0.0.1:8080/mqtt).
# Extra arguments are passed to `tern run`, e.g. `--mqtt 127.0.0.1:1884`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --run
cargo build --release -p tern

# For now this runs the bare broker. Later it becomes `tern demo` (broker,
# dashboard and sample devices): exec "$TARGET_DIR/release/tern" demo "$@"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
exec "$TARGET_DIR/release/tern" demo --web-dir "$ROOT/dist" --data-dir "$ROOT/tern-demo" "$@"
