#!/usr/bin/env bash
# A new instance's first requests, as when App Platform adds one to a running app: a first service owns a durable
# embedded PostgreSQL and stays up; then, BENCH_ROUNDS (5) times, a second service starts on one CPU (taskset, as an
# apps-s-1vcpu-1gb instance) against that PostgreSQL and, as soon as its /api/health answers 200 (the platform's
# readiness check), BENCH_BURST (32) clients send it a save each at once, then once more when all have answered.
# Reports per round: seconds from the JVM's start to the first 200 of /api/health, and each burst's median and slowest
# save in ms (curl's time_total; the 32 curl processes start within a few ms of each other); then the medians over
# the rounds. Every save must answer 200.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=${BENCH_ROUNDS:-5}
burst=${BENCH_BURST:-32}
port=${BENCH_PORT:-18080}
pg_port=${BENCH_PG_PORT:-55432}
jar=${BENCH_JAR:-target/intelia-expert.jar}
config=${BENCH_CONFIG:-config.yml}

command -v psql >/dev/null || { apt-get update -q && apt-get install -y -q postgresql-client; }
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find src pom.xml config.yml migrations.xml -newer "$jar" -print -quit)" ]; }; then
  mvn -B -q clean package -DskipTests
fi

export JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
BENCH_USERS=$burst
source scripts/bench.d/tokens.sh
source scripts/bench.d/median.sh
bench_tokens 3600
data=$(mktemp -d /tmp/intelia-bench-first.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$data"' EXIT

EMBEDDED_POSTGRES_DIR="$data/postgres" EMBEDDED_POSTGRES_PORT=$pg_port PORT=$((port + 2)) ADMIN_PORT=$((port + 3)) \
  java ${JAVA_OPTS:-} -jar "$jar" server "$config" > "$data/first.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 720); do curl -sf "localhost:$((port + 2))/api/health" >/dev/null && break; sleep 0.25; done
curl -sf "localhost:$((port + 2))/api/health" >/dev/null || { echo "the first service did not start:" >&2; tail -20 "$data/first.log" >&2; exit 1; }
echo "fsync: $(psql -h localhost -p "$pg_port" -U postgres -Atc 'show fsync'), synchronous_commit: $(psql -h localhost -p "$pg_port" -U postgres -Atc 'show synchronous_commit')"
echo "jar: $jar; the new instance on CPU 0, JVM options: ${JAVA_OPTS:-none}; $burst saves at once, twice"

# burst FILE: $burst saves at once to the new instance, one per user; each line of FILE: status time_ms
burst() {
  local out=$1 i=0 id token clients=()
  : > "$out"
  while IFS=' ' read -r id token; do
    [ -n "$id" ] || continue
    i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $token" -X POST "localhost:$port/api/v1/conversations/save" \
      -d "{\"conversation_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"user_id\":\"$id\",\"question\":\"How much feed does a Ross 308 broiler eat at day $i?\",\"response\":\"About $((20 + i)) grams per day at that age.\",\"metadata\":{\"response_source\":\"rag\",\"language\":\"en\"}}" \
      >> "$out" &
    clients+=($!)
  done <<< "${BENCH_USERS_TOKENS//;/$'\n'}"
  wait "${clients[@]}"
}
# stats FILE: "median_ms slowest_ms not_200" of a burst
stats() {
  echo "$(awk '{ print $2 * 1000 }' "$1" | median) $(awk '{ print $2 * 1000 }' "$1" | sort -n | tail -1 | awk '{ printf "%.0f", $1 }') $(awk '$1 != 200' "$1" | wc -l)"
}

results=()
for r in $(seq 1 "$rounds"); do
  started=$(date +%s%N)
  POSTGRES_HOST=localhost POSTGRES_PORT=$pg_port POSTGRES_DB=postgres POSTGRES_USER=postgres POSTGRES_PASSWORD=unused \
    POSTGRES_SSLMODE=disable PORT=$port ADMIN_PORT=$((port + 1)) INSTANCE_COUNT=2 \
    taskset -c 0 java ${JAVA_OPTS:-} -jar "$jar" server "$config" > "$data/new-$r.log" 2>&1 &
  new=$!
  pids+=($new)
  until curl -sf -o /dev/null "localhost:$port/api/health"; do
    kill -0 "$new" 2>/dev/null || { echo "the new service exited:" >&2; tail -20 "$data/new-$r.log" >&2; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  burst "$data/burst1.txt"
  burst "$data/burst2.txt"
  read -r m1 s1 b1 <<< "$(stats "$data/burst1.txt")"
  read -r m2 s2 b2 <<< "$(stats "$data/burst2.txt")"
  echo "round $r: ready after $ready_ms ms; first burst median $m1 ms, slowest $s1 ms; second burst median $m2 ms, slowest $s2 ms; not 200: $((b1 + b2))"
  results+=("$ready_ms $m1 $s1 $m2 $s2 $((b1 + b2))")
  kill "$new"; wait "$new" 2>/dev/null || true
done
median_of() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | median; }
bad=$(printf '%s\n' "${results[@]}" | awk '{ s += $6 } END { print s + 0 }')
echo "RESULT rounds=$rounds ready_ms=$(median_of 1) first_median_ms=$(median_of 2) first_slowest_ms=$(median_of 3) second_median_ms=$(median_of 4) second_slowest_ms=$(median_of 5) not_200=$bad"
[ "$bad" = 0 ] || { echo "saves not answered 200: $bad; the last new instance's log:" >&2; tail -20 "$data/new-$rounds.log" >&2; exit 1; }
