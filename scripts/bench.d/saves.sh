#!/usr/bin/env bash
# POST /conversations/save with 64 concurrent clients for 60 s against the service on a fresh,
# durable embedded PostgreSQL, then compares the rows in the table with the saves wrk counted.
# The clients are BENCH_USERS different users (default 64, one per connection, as in production where
# each browser saves its own conversations); BENCH_USERS=1 has every client save as the same user.
# BENCH_FOLLOWUPS=50 makes half the saves a follow-up turn of the user's last chat (same conversation_id); every
# save is a turn, so the rows in the table must equal the saves acknowledged, less those the service answered as
# repeats of a turn already saved (saves_repeated_total).
# --instances 1,2 (or BENCH_INSTANCES=1,2): N services on one PostgreSQL instead, each N measured in turn
# (scripts/bench.d/saves-instances.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--instances" ]; then
  exec scripts/bench.d/saves-instances.sh "${2:?--instances takes a count or a list, e.g. 1,2}"
fi
if [ -n "${BENCH_INSTANCES:-}" ]; then
  exec scripts/bench.d/saves-instances.sh "$BENCH_INSTANCES"
fi

duration=${BENCH_DURATION:-60s}
connections=${BENCH_CONNECTIONS:-64}
port=${BENCH_PORT:-18080}
pg_port=${BENCH_PG_PORT:-55432}
data=$(mktemp -d /tmp/intelia-bench-saves.XXXXXX)
jar=${BENCH_JAR:-target/intelia-expert.jar}   # BENCH_JAR: a jar built earlier, to compare two versions
config=${BENCH_CONFIG:-config.yml}            # BENCH_CONFIG: that version's config.yml (git show REV:config.yml)

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
command -v psql >/dev/null || { apt-get update -q && apt-get install -y -q postgresql-client; }
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find src pom.xml config.yml migrations.xml -newer "$jar" -print -quit)" ]; }; then
  mvn -B -q clean package -DskipTests
fi

export EMBEDDED_POSTGRES_DIR="$data/postgres" EMBEDDED_POSTGRES_PORT=$pg_port PORT=$port ADMIN_PORT=$((port + 1))
export JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
java ${JAVA_OPTS:-} -jar "$jar" server "$config" > "$data/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 720); do
  curl -sf "localhost:$port/api/health" >/dev/null && break
  sleep 0.25
done
curl -sf "localhost:$port/api/health" >/dev/null || { echo "the service did not start in 3 minutes:" >&2; tail -20 "$data/service.log" >&2; exit 1; }
echo "fsync: $(psql -h localhost -p "$pg_port" -U postgres -Atc 'show fsync'), synchronous_commit: $(psql -h localhost -p "$pg_port" -U postgres -Atc 'show synchronous_commit')"

source scripts/bench.d/tokens.sh
source scripts/bench.d/process.sh
source scripts/bench.d/metric.sh
bench_tokens 3600
echo "service JVM options: ${JAVA_OPTS:-none}; resident memory at rest: $(resident $service)"

echo "users: ${BENCH_USERS:-64}, pool: ${POSTGRES_POOL_SIZE:-16} connections, follow-up turns: ${BENCH_FOLLOWUPS:-0} %"
echo "warm-up 10 s ..."
wrk -t2 -c"$connections" -d10s -s scripts/bench.d/saves.lua "http://localhost:$port" | grep RESULT | tee "$data/warmup.txt"
# CPU seconds (user + system) used by each program, from /proc, to see where a save's time goes
cpu() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v hz="$(getconf CLK_TCK)" '{
    match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); split(substr($0, RSTART + RLENGTH + 1), f, " ");
    t[name] += (f[12] + f[13]) / hz } END { for (n in t) printf "%s %.2f\n", n, t[n] }'
}
# CPU seconds of this run's own processes: the service and its PostgreSQL (postmaster and backends), which a busy
# machine slows down but does not add to: a figure per save that other programs running meanwhile do not distort
own_cpu() {
  cpu_seconds "$service" "$(pgrep -f -- "-D $data/postgres" | head -1 || echo 0)"
}
cpu > "$data/cpu-before.txt"
own_before=$(own_cpu)
echo "measuring $duration with $connections connections ..."
wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench.d/saves.lua "http://localhost:$port" | tee "$data/run.txt"
own_after=$(own_cpu)
echo "resident memory of the service after the run: $(resident $service)"
cpu > "$data/cpu-after.txt"
echo "CPU seconds during the measured run (2 cores):"
awk 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; if (d >= 0.5) printf "  %-12s %7.1f s\n", $1, d }' \
  "$data/cpu-before.txt" "$data/cpu-after.txt" | sort -k2 -rn

ok() { awk -v key="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] }}' "$1"; }
sent=$(( $(ok "$data/warmup.txt" requests) + $(ok "$data/run.txt" requests) ))
failed=$(( $(ok "$data/warmup.txt" non2xx) + $(ok "$data/run.txt" non2xx) ))
rows=$(psql -h localhost -p "$pg_port" -U postgres -Atc "SELECT count(*) FROM conversations")
rate=$(awk -v r="$(ok "$data/run.txt" requests)" -v d="$(ok "$data/run.txt" duration_s)" 'BEGIN { printf "%.0f", r / d }')
echo "CPU of the service and its PostgreSQL per save: $(awk -v a="$own_after" -v b="$own_before" -v n="$(ok "$data/run.txt" requests)" 'BEGIN { printf "%.2f ms", (a - b) * 1000 / n }')"
# saves answered without a row because their chat held that turn already; the chat ids here are random, so any
# would mean two clients drew the same ids
repeated=$(metric saves_repeated_total "$port")
acknowledged=$((sent - failed))
echo "saves/s: $rate   responses: $sent   non-2xx: $failed   of the acknowledged, repeats: $repeated   follow-ups: $(( $(ok "$data/warmup.txt" followups) + $(ok "$data/run.txt" followups) ))   rows in table: $rows   lost: $(( acknowledged - repeated > rows ? acknowledged - repeated - rows : 0 ))"
echo "errors in the service log: $(grep -c '^ERROR' "$data/service.log" || true), deadlock retries: $(grep -c 'deadlock victim' "$data/service.log" || true)"
echo "save statuses in the request log: $(grep -oE '"POST /api/v1/conversations/save HTTP/1.1" [0-9]{3}' "$data/service.log" \
  | awk '{ n[$NF]++ } END { for (s in n) printf "%s x%d  ", s, n[s] }')"
