#!/usr/bin/env bash
# Tern vs Mosquitto on this machine, same scenarios, alternating brokers, several
# rounds; prints medians and Tern/Mosquitto ratios (see BENCHMARKS.md).
#
#   scripts/bench-compare.sh [--quick] [--rounds N] [--out DIR] [--against TERN]
#
# --quick   a few seconds per broker: tiny durations and counts, one round
#           (checks the pipeline end to end; its figures mean little)
# --rounds  rounds of every scenario per broker (default 3)
# --out     where the JSON lines and broker logs go (default: a temporary folder)
# --against another build of tern (a path) to compare with instead of
#           Mosquitto, labelled "before": a change's before/after side by side
#           (the storm and the relay ceiling are skipped)
#
# Installs Debian's mosquitto if missing, builds tern and tern-bench in release,
# binds only 127.0.0.1 on free ports, and kills the brokers it started on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=3
QUICK=0
OUT=""
AGAINST=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; ROUNDS=1 ;;
    --rounds) ROUNDS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --against) AGAINST="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# ---------------------------------------------------------------- install, build
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "installing mosquitto (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >/dev/null
fi
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
cargo build --release -q -p tern -p tern-bench
TERN=target/release/tern
BENCH=target/release/tern-bench

# The storm needs one descriptor per connection on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ -z "$OUT" ]; then OUT=$(mktemp -d /tmp/tern-bench.XXXXXX); fi
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

# ---------------------------------------------------------------- brokers
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh # wait_port

BROKER_PID=""
MQTT_PORT=""
WS_URL=""
start_tern() { # [binary]
  local bin=${1:-$TERN}
  MQTT_PORT=$($BENCH free-port)
  local http; http=$($BENCH free-port)
  "$bin" run --open --mqtt "127.0.0.1:$MQTT_PORT" --http "127.0.0.1:$http" \
    >"$OUT/tern.log" 2>&1 &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  WS_URL="ws://127.0.0.1:$http/mqtt"
  wait_port "$MQTT_PORT"; wait_port "$http"
}

start_before() {
  start_tern "$AGAINST"
}

start_mosquitto() {
  MQTT_PORT=$($BENCH free-port)
  local ws; ws=$($BENCH free-port)
  cat >"$OUT/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous true
set_tcp_nodelay true
max_queued_messages 0
max_inflight_messages 0
listener $MQTT_PORT 127.0.0.1
listener $ws 127.0.0.1
protocol websockets
EOF
  "$MOSQUITTO" -c "$OUT/mosquitto.conf" >"$OUT/mosquitto.log" 2>&1 &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  WS_URL="ws://127.0.0.1:$ws/mqtt"
  wait_port "$MQTT_PORT"; wait_port "$ws"
}

stop_broker() {
  kill "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
}

# ---------------------------------------------------------------- scenarios
if [ "$QUICK" = 1 ]; then
  D=0.3; RR=0.5; FANOUT_BIG=100; STORM=2000; HOLD=0.5; DRAIN=3
else
  D=5; RR=10; FANOUT_BIG=1000; STORM=100000; HOLD=5; DRAIN=10
fi

bench() { # label figure args...: one run, one JSON line appended to the results
  local label=$1 figure=$2; shift 2
  echo "  $figure" >&2
  if ! $BENCH --json --drain-timeout $DRAIN --label "$label" --figure "$figure" "$@" >>"$RESULTS"; then
    echo "  $figure [$label] failed" >&2
  fi
}

scenarios() { # label
  local b=(--broker "127.0.0.1:$MQTT_PORT" --broker-pid "$BROKER_PID")
  local l=$1
  bench "$l" fanin-q0-64 "${b[@]}" fan-in --publishers 10 --qos 0 --payload 64 --duration $D
  bench "$l" fanin-q1-64 "${b[@]}" fan-in --publishers 10 --qos 1 --payload 64 --duration $D
  bench "$l" fanin-q2-64 "${b[@]}" fan-in --publishers 10 --qos 2 --payload 64 --duration $D
  bench "$l" fanin-q1-1k "${b[@]}" fan-in --publishers 10 --qos 1 --payload 1024 --duration $D
  bench "$l" fanin-q1-v3 "${b[@]}" --mqtt 3 fan-in --publishers 10 --qos 1 --payload 64 --duration $D
  bench "$l" fanin-ws-q0 --broker "$WS_URL" --broker-pid "$BROKER_PID" \
    fan-in --publishers 10 --qos 0 --payload 64 --duration $D
  bench "$l" fanout-16 "${b[@]}" fan-out --subscribers 16 --qos 0 --payload 64 --duration $D
  bench "$l" fanout-16-q1 "${b[@]}" fan-out --subscribers 16 --qos 1 --payload 64 --duration $D
  bench "$l" "fanout-$FANOUT_BIG" "${b[@]}" fan-out --subscribers $FANOUT_BIG --qos 0 \
    --payload 64 --duration $D
}

reqresp() { # label: on a fresh broker, so no earlier scenario's clean-up is in its latency
  bench "$1" reqresp-1000 --broker "127.0.0.1:$MQTT_PORT" --broker-pid "$BROKER_PID" \
    req-resp --rate 1000 --qos 1 --duration $RR
}

storm() { # label: on a fresh broker, so its RSS growth is the connections' alone
  bench "$1" storm --broker "127.0.0.1:$MQTT_PORT" --broker-pid "$BROKER_PID" \
    storm --connections $STORM --hold $HOLD
}

OTHER=mosquitto
if [ -n "$AGAINST" ]; then OTHER=before; fi
for round in $(seq 1 "$ROUNDS"); do
  order=(tern $OTHER)
  if [ $((round % 2)) = 0 ]; then order=($OTHER tern); fi
  for broker in "${order[@]}"; do
    echo "round $round/$ROUNDS: $broker" >&2
    "start_$broker"
    scenarios "$broker"
    stop_broker
    "start_$broker"
    reqresp "$broker"
    stop_broker
    if [ -z "$AGAINST" ]; then
      "start_$broker"
      storm "$broker"
      stop_broker
    fi
  done
  if [ -n "$AGAINST" ]; then continue; fi
  echo "round $round/$ROUNDS: relay hub (ceiling)" >&2
  $BENCH relay --hub --for 600 >"$OUT/hub.addr" &
  hub=$!
  PIDS+=("$hub")
  for _ in $(seq 1 200); do [ -s "$OUT/hub.addr" ] && break; sleep 0.05; done
  bench relay relay-fanin-q0 --broker "$(awk '{print $2}' "$OUT/hub.addr")" \
    fan-in --publishers 10 --qos 0 --payload 64 --duration $D
  kill "$hub" 2>/dev/null || true
  wait "$hub" 2>/dev/null || true
done

echo
echo "$(nproc) cores, $(uname -sr), rounds: $ROUNDS$([ "$QUICK" = 1 ] && echo ' (quick)'), results: $RESULTS"
$BENCH summarize --versus "$OTHER" "$RESULTS"
