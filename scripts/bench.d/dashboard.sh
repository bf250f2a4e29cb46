#!/usr/bin/env bash
# The dashboard warm: the service on the database that `scripts/bench stats` loaded, GET
# /api/v1/stats-fast/dashboard as an admin with wrk (32 connections, 30 s, loopback), answers from the cache.
set -euo pipefail
cd "$(dirname "$0")/../.."

data=${1:-data/bench-pg}
duration=${BENCH_DURATION:-30s}
connections=${BENCH_CONNECTIONS:-8}
port=${BENCH_PORT:-18090}
jar=target/intelia-expert.jar
[ -d "$data" ] || { echo "no database at $data: run scripts/bench stats first" >&2; exit 2; }

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml config.yml migrations.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q clean package -DskipTests
fi

export EMBEDDED_POSTGRES_DIR="$data" EMBEDDED_POSTGRES_PORT=${BENCH_PG_PORT:-55433} PORT=$port ADMIN_PORT=$((port + 1))
export JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
admin=$(cat /proc/sys/kernel/random/uuid)
token=$(java -jar "$jar" token config.yml --user "$admin" --email "bench-admin-${admin:0:8}@example.com" --admin)
log=$(mktemp /tmp/intelia-bench-dashboard.XXXXXX.log)
java ${JAVA_OPTS:-} -jar "$jar" server config.yml > "$log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -sf "localhost:$port/api/health" >/dev/null && break
  sleep 0.25
done
url="http://localhost:$port/api/v1/stats-fast/dashboard"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
[ "$status" = 200 ] || { echo "dashboard answered $status, not 200; see $log" >&2; exit 1; }
source scripts/bench.d/process.sh
echo "service JVM options: ${JAVA_OPTS:-none}; resident memory at rest: $(resident $service)"
echo "warm-up 5 s ..."
wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $token" "$url" > /dev/null
echo "measuring $duration with $connections connections ..."
wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$url"
echo "resident memory of the service after the run: $(resident $service)"
curl -s -H "Authorization: Bearer $token" "$url" | head -c 400; echo
