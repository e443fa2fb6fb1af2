#!/usr/bin/env bash
# QoS 1 fan-in into persistent sessions, Tern's three storage.durability modes
# (fsync, os, snapshot) against Mosquitto with `persistence true`, side by side
# in one run; and, with --recovery, Tern's start-up time with 1,000,000 stored
# messages (see BENCHMARKS.md, "2026-12-03: durability").
#
#   scripts/bench-durability.sh [--quick] [--rounds N] [--duration S]
#                               [--publishers "8 16"] [--out DIR]
#                               [--recovery | --recovery-only] [--messages N]
#
# --quick          one round of 1 s runs with 8 publishers, and (with
#                  --recovery) 20,000 messages: checks the pipeline
# --rounds         rounds of every run (default 3); brokers alternate order
# --duration       seconds the publishers publish in each run (default 5)
# --publishers     publisher counts to run (default "8 16")
# --out            where the JSON lines, configs and logs go (default: a temporary folder)
# --recovery       also measure start-up with --messages stored messages
# --recovery-only  only that
# --messages       stored messages for the recovery measurement (default 1000000)
#
# Every run gets a freshly started broker with a fresh data folder: Tern with
# `--data-dir` and `storage.durability` set, the offline limits raised so
# nothing overflows; Mosquitto with `persistence true` in a temporary folder.
# Two figures per broker and publisher count, 64 B payloads, MQTT 5:
#   online  - the subscriber holds a persistent session (Session Expiry 3600 s)
#             and stays connected;
#   offline - it subscribes with one, disconnects, the publishers publish,
#             then it reconnects and drains (everything must arrive).
# The figure is acknowledged publishes per second (PUBACKs received by the
# publishers ÷ publishing time). Installs Debian's mosquitto, mosquitto-clients
# and jq if missing, builds tern and tern-bench in release, binds only
# 127.0.0.1 on free ports, and kills the brokers it started on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=3
DURATION=5
PUBLISHERS="8 16"
OUT=""
QUICK=0
THROUGHPUT=1
RECOVERY=0
MESSAGES=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; ROUNDS=1; DURATION=1; PUBLISHERS=8; MESSAGES=20000 ;;
    --rounds) ROUNDS="$2"; shift ;;
    --duration) DURATION="$2"; shift ;;
    --publishers) PUBLISHERS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --recovery) RECOVERY=1 ;;
    --recovery-only) RECOVERY=1; THROUGHPUT=0 ;;
    --messages) MESSAGES="$2"; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# ---------------------------------------------------------------- install, build
need() { # binary package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ]; then
    echo "installing $2 (apt-get)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
need mosquitto mosquitto
need mosquitto_sub mosquitto-clients
need jq jq
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
cargo build --release -q -p tern -p tern-bench

if [ -z "$OUT" ]; then OUT=$(mktemp -d /tmp/tern-durability.XXXXXX); fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Copies, so a rebuild in the working tree during the run changes nothing.
cp target/release/tern "$OUT/tern"
cp target/release/tern-bench "$OUT/tern-bench"
TERN="$OUT/tern"
BENCH="$OUT/tern-bench"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

# ---------------------------------------------------------------- brokers
BROKER_PID=""
MQTT_PORT=""
cleanup() {
  if [ -n "$BROKER_PID" ]; then
    kill -9 "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

plain() { sed 's/\x1b\[[0-9;]*m//g' "$@"; } # tracing's colours off

# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh # wait_port

wait_listening() { # stdout-file seconds: wait until tern prints its MQTT address; sets MQTT_PORT
  local tries=$(($2 * 100))
  for _ in $(seq 1 "$tries"); do
    if grep -q '^MQTT listening on ' "$1" 2>/dev/null; then
      MQTT_PORT=$(sed -n 's/^MQTT listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$1" | head -1)
      return 0
    fi
    if ! kill -0 "$BROKER_PID" 2>/dev/null; then
      echo "tern exited before listening; see ${1%.out}.err" >&2
      return 1
    fi
    sleep 0.01
  done
  echo "tern did not listen within $2 s" >&2
  return 1
}

tern_config() { # file durability max-offline-messages [compact-after-bytes]
  cat >"$1" <<EOF
[sessions]
max_offline_messages = $3
max_offline_bytes = $(($3 * 1024))
max_online_messages = 100000
max_online_bytes = 268435456

[storage]
durability = "$2"
EOF
  if [ -n "${4:-}" ]; then echo "compact_after_bytes = $4" >>"$1"; fi
}

start_tern() { # name durability data-dir [max-offline] [compact-after]: sets BROKER_PID, MQTT_PORT
  local name=$1
  tern_config "$OUT/$name.toml" "$2" "${4:-10000000}" "${5:-}"
  RUST_LOG=info "$TERN" run --open --mqtt 127.0.0.1:0 --http 127.0.0.1:0 \
    --data-dir "$3" --config "$OUT/$name.toml" >"$OUT/$name.out" 2>"$OUT/$name.err" &
  BROKER_PID=$!
  wait_listening "$OUT/$name.out" 600
}

start_mosquitto() { # data-dir: sets BROKER_PID, MQTT_PORT
  MQTT_PORT=$($BENCH free-port)
  mkdir -p "$1"
  cat >"$OUT/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous true
set_tcp_nodelay true
persistence true
persistence_location $1/
max_queued_messages 0
max_inflight_messages 0
listener $MQTT_PORT 127.0.0.1
EOF
  "$MOSQUITTO" -c "$OUT/mosquitto.conf" >"$OUT/mosquitto.log" 2>&1 &
  BROKER_PID=$!
  wait_port "$MQTT_PORT"
}

stop_broker() { # SIGTERM, then (after 60 s) SIGKILL
  kill "$BROKER_PID" 2>/dev/null || true
  for _ in $(seq 1 600); do
    kill -0 "$BROKER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}

start_broker() { # fsync|os|snapshot|mosquitto data-dir
  case "$1" in
    mosquitto) start_mosquitto "$2" ;;
    *) start_tern "tern-$1" "$1" "$2" ;;
  esac
}

label() { case "$1" in mosquitto) echo mosquitto ;; *) echo "tern-$1" ;; esac; }

# ---------------------------------------------------------------- throughput
if [ "$THROUGHPUT" = 1 ]; then
  MODES=(fsync os snapshot mosquitto)
  for round in $(seq 1 "$ROUNDS"); do
    order=("${MODES[@]}")
    if [ $((round % 2)) = 0 ]; then order=(mosquitto snapshot os fsync); fi
    for mode in "${order[@]}"; do
      for n in $PUBLISHERS; do
        for session in persistent offline; do
          figure="$([ $session = persistent ] && echo online || echo offline)-$n"
          echo "round $round/$ROUNDS: $mode $figure" >&2
          data="$OUT/data-$mode"
          rm -rf "$data"
          start_broker "$mode" "$data"
          if ! timeout $((DURATION + 150)) "$BENCH" --json --drain-timeout 120 \
            --label "$(label "$mode")" --figure "$figure" \
            --broker "127.0.0.1:$MQTT_PORT" --broker-pid "$BROKER_PID" \
            fan-in --publishers "$n" --qos 1 --payload 64 --duration "$DURATION" \
            --session "$session" >>"$RESULTS"; then
            echo "  $mode $figure failed" >&2
          fi
          stop_broker
        done
      done
    done
  done
  rm -rf "$OUT"/data-*

  echo
  echo "$(nproc) cores, $(uname -sr), rounds: $ROUNDS, $DURATION s each, results: $RESULTS"
  echo "acknowledged QoS 1 msgs/s (64 B, MQTT 5), median [min-max]; cpu = broker CPU-s while publishing;"
  echo "drain = offline: seconds from reconnect to the last delivery; lost/dup/reord summed over rounds"
  jq -rs '
    def median: sort | if length == 0 then null
      elif length % 2 == 1 then .[(length / 2) | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def r: if . == null then "-" else (. * 100 | round / 100 | tostring) end;
    def i: if . == null then "-" else (round | tostring) end;
    def order: {"tern-fsync": 0, "tern-os": 1, "tern-snapshot": 2, "mosquitto": 3}[.] // 9;
    (["figure", "broker", "acked msgs/s", "[min-max]", "cpu s", "msgs/cpu-s",
      "delivered/s", "drain s", "lost/dup/reord"] | @tsv),
    (group_by([.figure, .label])
     | sort_by([(.[0].figure | startswith("offline")), (.[0].figure | split("-")[1] | tonumber),
                (.[0].label | order)]) | .[]
     | (map(.acked_per_s // 0)) as $a
     | (map(.publish_broker_cpu_s // null) | map(select(. != null)) | median) as $cpu
     | [.[0].figure, .[0].label, ($a | median | i),
        "[" + ($a | min | i) + "-" + ($a | max | i) + "]",
        ($cpu | r),
        (map(select((.publish_broker_cpu_s // 0) > 0) | .acked / .publish_broker_cpu_s)
         | median | i),
        (map(.msgs_per_s) | median | i),
        (map(.resume_s // null) | map(select(. != null)) | median | r),
        ((map(.loss) | add | tostring) + "/" + (map(.duplicates) | add | tostring)
         + "/" + (map(.reordered) | add | tostring))]
     | @tsv)
  ' "$RESULTS" | column -t -s$'\t'
  echo
  jq -rs '
    def median: sort | if length == 0 then null
      elif length % 2 == 1 then .[(length / 2) | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    group_by(.figure) | .[]
    | (group_by(.label) | map({key: .[0].label, value: (map(.acked_per_s // 0) | median)})
       | from_entries) as $m
    | .[0].figure + ": fsync/snapshot = "
      + (if ($m["tern-snapshot"] // 0) > 0 and $m["tern-fsync"] != null
         then ($m["tern-fsync"] / $m["tern-snapshot"] * 100 | round / 100 | tostring) else "-" end)
      + ", vs mosquitto: fsync " + (if ($m.mosquitto // 0) > 0 and $m["tern-fsync"] != null
         then ($m["tern-fsync"] / $m.mosquitto * 100 | round / 100 | tostring) else "-" end)
      + ", os " + (if ($m.mosquitto // 0) > 0 and $m["tern-os"] != null
         then ($m["tern-os"] / $m.mosquitto * 100 | round / 100 | tostring) else "-" end)
      + ", snapshot " + (if ($m.mosquitto // 0) > 0 and $m["tern-snapshot"] != null
         then ($m["tern-snapshot"] / $m.mosquitto * 100 | round / 100 | tostring) else "-" end)
  ' "$RESULTS"
  jq -r 'select((.notes | length) > 0) | "note [\(.label) \(.figure)]: \(.notes | join("; "))"' \
    "$RESULTS"
fi

# ---------------------------------------------------------------- recovery
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

recovered() { # out-file: the store recovered line's fields (tern logs to stdout)
  plain "$1" | grep 'store recovered' | tail -1 | sed 's/.*store recovered //'
}

if [ "$RECOVERY" = 1 ]; then
  R="$OUT/recovery"
  rm -rf "$R"
  echo
  echo "recovery: $MESSAGES stored QoS 1 messages (64 B) in one offline session, durability fsync" >&2
  start_tern recovery fsync "$R" "$((MESSAGES * 2))"
  # The persistent session: MQTT 5, Session Expiry 3600 s, subscribed, then gone (-E).
  mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -V mqttv5 -i durability-rec -c \
    -x 3600 -q 1 -t 'bench/#' -E
  per=$((MESSAGES / 8))
  begun=$(date +%s%N)
  # A clean subscriber of fan-in gets them too; the offline session queues them.
  timeout 900 "$BENCH" --drain-timeout 60 --label tern-fsync --broker "127.0.0.1:$MQTT_PORT" \
    --broker-pid "$BROKER_PID" fan-in --publishers 8 --qos 1 --payload 64 \
    --messages "$per" --duration 600 | tee "$OUT/recovery-fill.txt" >&2
  fill_ms=$(ms_since "$begun")
  stored=$((per * 8))
  kill -9 "$BROKER_PID"
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
  size_kill=$(du -sb "$R" | cut -f1)
  journal_kill=$(du -sb "$R/journal" 2>/dev/null | cut -f1 || echo 0)

  begun=$(date +%s%N)
  start_tern recovery-after-kill fsync "$R" "$((MESSAGES * 2))"
  wall_kill=$(ms_since "$begun")
  line_kill=$(recovered "$OUT/recovery-after-kill.out")

  begun=$(date +%s%N)
  stop_broker
  stop_ms=$(ms_since "$begun")
  size_term=$(du -sb "$R" | cut -f1)

  begun=$(date +%s%N)
  start_tern recovery-after-term fsync "$R" "$((MESSAGES * 2))"
  wall_term=$(ms_since "$begun")
  line_term=$(recovered "$OUT/recovery-after-term.out")

  # Everything must still be there: the session drains all of it, in order.
  # Topics only (payloads are binary); each publisher's topic must come $per times.
  timeout 600 mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -V mqttv5 -i durability-rec -c \
    -x 3600 -q 1 -t 'bench/#' -C "$stored" -W 300 -F '%t' >"$OUT/recovery-drain.txt" \
    2>/dev/null || true
  got=$(wc -l <"$OUT/recovery-drain.txt")
  topics=$(sort "$OUT/recovery-drain.txt" | uniq -c | awk -v per="$per" \
    '$1 == per { ok++ } END { print ok + 0 }')
  stop_broker

  echo
  echo "recovery ($(nproc) cores, $(uname -sr)): $stored messages stored in ${fill_ms} ms"
  echo "  after SIGKILL: data dir $size_kill B (journal $journal_kill B)"
  echo "    store recovered $line_kill"
  echo "    wall time to 'MQTT listening': $wall_kill ms"
  echo "  graceful stop (SIGTERM) took $stop_ms ms; data dir then $size_term B"
  echo "  after SIGTERM:"
  echo "    store recovered $line_term"
  echo "    wall time to 'MQTT listening': $wall_term ms"
  echo "  drained after both restarts: $got of $stored messages ($topics of 8 publishers complete)"
  rm -rf "$R"
fi
