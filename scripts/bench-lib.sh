# Shell helpers the benchmark scripts share (sourced, not run).

wait_port() { # port: wait (bounded, 10 s) until it accepts connections
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on 127.0.0.1:$1 after 10 s" >&2
  return 1
}
