# Sourced by the benchmarks. metric NAME PORT...: the sum of one sample of these services' /metrics (each service's
# admin port is its PORT + 1), as a whole number: saves_batch_saves_count (the transactions their save writers
# committed so far) or saves_repeated_total (saves answered without a row, their chat holding that turn already).
metric() {
  local name=$1 port total=0
  shift
  for port in "$@"; do
    total=$((total + $(curl -sf "localhost:$((port + 1))/metrics" | awk -v name="$name" '$1 == name { printf "%d", $2 }')))
  done
  echo "$total"
}
