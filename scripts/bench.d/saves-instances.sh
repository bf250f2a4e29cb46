#!/usr/bin/env bash
# POST /conversations/save from BENCH_CONNECTIONS (64) clients spread over N instances of the service on one durable
# embedded PostgreSQL, for each N of a list (`scripts/bench saves --instances 1,2`, or BENCH_INSTANCES=1,2), each N on
# a fresh database, one after the other in the same run (a list that repeats counts, 1,2,1,2,1,2, alternates them and
# ends with each count's medians and their ratio). The first instance owns the embedded PostgreSQL; the others
# reach it as an external one (POSTGRES_HOST/PORT). One wrk per instance with connections/N clients, all saving for
# the same BENCH_USERS users (same users, same day: the case where instances share rollup rows). Reports per instance
# and in total: saves/s, p99 (the total shows the worst instance's), non-2xx, socket errors and timeouts (2 s),
# deadlock retries in each service log and deadlocks PostgreSQL counted, rows in the table against acknowledged
# saves (less those the services answered as repeats of a turn already saved, saves_repeated_total: with random
# chat ids, two clients drawing the same; lost = acknowledged - repeats - rows when above 0), refresh-stats drift
# afterwards, resident memory of each service, CPU per save (services, their threads by name, PostgreSQL) and saves
# per committed transaction (the group commit's batches).
# Warm-up: by default the clients run in rounds of 30 s until the JIT compilers of every service were nearly idle for a
# round (less than BENCH_WARMUP_COMPILER_S, default 0.3 s of compiler CPU per JVM and round), at most BENCH_WARMUP_MAX
# (default 900) seconds: N JVMs on shared cores each compile the same code for themselves, so N instances take about N
# times as long to warm up, and a fixed warm-up compares a warm JVM with cold ones. BENCH_WARMUP=90s: a fixed warm-up.
# CPUs: one instance runs on every CPU. Of several, instance I runs on CPU (I - 1) mod the CPU count, as App Platform
# gives each instance a vCPU of its own (.do/app.yaml: apps-s-1vcpu-1gb; the JVM then sizes its threads for one CPU, as
# there), while PostgreSQL and wrk run on every CPU. BENCH_CPUS=shared: every instance on every CPU, where two JVMs
# take turns on each core and slow each other down (docs/SCALING.md).
# /metrics of every service is read every BENCH_SCRAPE_INTERVAL (10 s) while the clients run, as Prometheus would.
# BENCH_JFR=DIR: each service records a JDK Flight Recording (settings=default) from its start, dumped to
# DIR/service-N-I.jfr (N instances, instance I) right after the measured run, whose start and end (epoch ms) are in
# DIR/window-N.txt; scripts/bench.d/jfr-top.py DIR/service-N-I.jfr DIR/window-N.txt sums its samples inside the window.
set -euo pipefail
cd "$(dirname "$0")/../.."

counts=${1:-${BENCH_INSTANCES:-1,2}}
duration=${BENCH_DURATION:-30s}
connections=${BENCH_CONNECTIONS:-64}
base_port=${BENCH_PORT:-18080}
pg_port=${BENCH_PG_PORT:-55432}
jar=${BENCH_JAR:-target/intelia-expert.jar}
config=${BENCH_CONFIG:-config.yml}
cpus=${BENCH_CPUS:-own}
[ "$cpus" = own ] || [ "$cpus" = shared ] || { echo "BENCH_CPUS is own or shared, not $cpus" >&2; exit 2; }

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
command -v psql >/dev/null || { apt-get update -q && apt-get install -y -q postgresql-client; }
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find src pom.xml config.yml migrations.xml -newer "$jar" -print -quit)" ]; }; then
  mvn -B -q clean package -DskipTests
fi

export JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
source scripts/bench.d/tokens.sh
source scripts/bench.d/process.sh
source scripts/bench.d/median.sh
source scripts/bench.d/metric.sh
bench_tokens 7200

services=()
data=""
stop_all() {
  for pid in "${services[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${services[@]}"; do wait "$pid" 2>/dev/null || true; done
  services=()
  # a run that lost saves keeps its database and wrk outputs (warm-up rounds included) for a look afterwards
  if [ -n "$data" ] && [ "${keep_data:-0}" = 1 ]; then echo "  kept for inspection: $data" >&2; elif [ -n "$data" ]; then rm -rf "$data"; fi
  keep_data=0
  data=""
}
trap stop_all EXIT

wait_healthy() { # port log
  for _ in $(seq 1 720); do
    curl -sf "localhost:$1/api/health" >/dev/null && return 0
    sleep 0.25
  done
  echo "the service on port $1 did not start in 3 minutes:" >&2; tail -20 "$2" >&2; exit 1
}

ok() { grep RESULT "$1" | awk -v key="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] }}'; }
sql() { psql -h localhost -p "$pg_port" -U postgres -Atc "$1"; }
summary=""
results="" # a line per measured N: n saves/s p99 timeouts retries lost
for n in ${counts//,/ }; do
  data=$(mktemp -d /tmp/intelia-bench-instances.XXXXXX)
  echo "=== $n instance(s), $connections connections in all, $duration$([ "$n" -gt 1 ] && echo ", CPUs: $cpus")"
  ports=(); for i in $(seq 1 "$n"); do ports+=($((base_port + 2 * (i - 1)))); done # admin port: each + 1
  for i in $(seq 1 "$n"); do
    port=${ports[$((i - 1))]}
    log="$data/service-$i.log"
    pin=(); [ "$n" -gt 1 ] && [ "$cpus" = own ] && pin=(taskset -c $(( (i - 1) % $(nproc) )))
    if [ "$i" = 1 ]; then
      EMBEDDED_POSTGRES_DIR="$data/postgres" EMBEDDED_POSTGRES_PORT=$pg_port PORT=$port ADMIN_PORT=$((port + 1)) \
        INSTANCE_COUNT=$n "${pin[@]}" java ${JAVA_OPTS:-} -jar "$jar" server "$config" > "$log" 2>&1 &
      services+=($!)
      wait_healthy "$port" "$log" # migrated before the others start
      postmaster=$(pgrep -f -- "-D $data/postgres" | head -1 || echo 0)
      if [ ${#pin[@]} -gt 0 ]; then # PostgreSQL, started by this service, inherited its CPUs: give it all of them
        for pg in "$postmaster" $(pgrep -P "$postmaster"); do taskset -p -c "0-$(($(nproc) - 1))" "$pg" >/dev/null; done
      fi
    else
      POSTGRES_HOST=localhost POSTGRES_PORT=$pg_port POSTGRES_DB=postgres POSTGRES_USER=postgres \
        POSTGRES_PASSWORD=unused POSTGRES_SSLMODE=disable PORT=$port ADMIN_PORT=$((port + 1)) INSTANCE_COUNT=$n \
        "${pin[@]}" java ${JAVA_OPTS:-} -jar "$jar" server "$config" > "$log" 2>&1 &
      services+=($!)
    fi
  done
  for i in $(seq 1 "$n"); do wait_healthy "${ports[$((i - 1))]}" "$data/service-$i.log"; done
  if [ -n "${BENCH_JFR:-}" ]; then
    mkdir -p "$BENCH_JFR"
    for pid in "${services[@]}"; do jcmd "$pid" JFR.start name=bench settings=default >/dev/null; done
  fi
  echo "fsync: $(sql 'show fsync'), synchronous_commit: $(sql 'show synchronous_commit'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

  per=$((connections / n)); threads=$(( per >= 2 && n == 1 ? 2 : 1 ))
  run_wrk() { # seconds-or-duration tag
    local pids=() scraper
    # as Prometheus would, /metrics of every service every BENCH_SCRAPE_INTERVAL (10 s) while the clients run, so
    # the JIT compilers have seen that request before the measured run (a first scrape there deoptimized and
    # recompiled Jetty's request path inside the window: some 3 s of compiler CPU per service)
    ( while :; do
        for port in "${ports[@]}"; do curl -sf "localhost:$((port + 1))/metrics" >/dev/null || true; done
        sleep "${BENCH_SCRAPE_INTERVAL:-10}"
      done ) &
    scraper=$!
    for i in $(seq 1 "$n"); do
      BENCH_SEED=$(od -An -N4 -tu4 /dev/urandom | tr -d " ") wrk -t"$threads" -c"$per" -d"$1" --latency -s scripts/bench.d/saves.lua "http://localhost:${ports[$((i - 1))]}" \
        > "$data/$2-$i.txt" 2>&1 &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true
  }
  warm_start=$SECONDS
  if [ -n "${BENCH_WARMUP:-}" ]; then
    echo "warm-up $BENCH_WARMUP ..."
    run_wrk "$BENCH_WARMUP" warmup
  else
    echo "warm-up in rounds of 30 s until each service's JIT compilers used < ${BENCH_WARMUP_COMPILER_S:-0.3} s in a round ..."
    round=0
    while :; do
      round=$((round + 1))
      before=(); for pid in "${services[@]}"; do before+=("$(compiler_seconds "$pid")"); done
      run_wrk 30s "warmup-round$round"
      busiest=0
      for i in "${!services[@]}"; do
        busiest=$(awk -v a="$(compiler_seconds "${services[$i]}")" -v b="${before[$i]}" -v m="$busiest" \
          'BEGIN { d = a - b; print (d > m ? d : m) }')
      done
      echo "  round $round: busiest JIT compiler used $busiest s"
      awk -v b="$busiest" -v limit="${BENCH_WARMUP_COMPILER_S:-0.3}" 'BEGIN { exit !(b < limit) }' && break
      [ $((SECONDS - warm_start)) -ge "${BENCH_WARMUP_MAX:-900}" ] && { echo "  still compiling after ${BENCH_WARMUP_MAX:-900} s: measuring anyway"; break; }
    done
    for i in $(seq 1 "$n"); do # the rounds' counts, for rows against acknowledged saves
      awk '/RESULT/' "$data"/warmup-round*-"$i".txt | awk '{ for (k = 1; k <= NF; k++) { split($k, kv, "="); s[kv[1]] += kv[2] } }
        END { printf "RESULT requests=%d non2xx=%d timeout=%d\n", s["requests"], s["non2xx"], s["timeout"] }' > "$data/warmup-$i.txt"
    done
  fi
  echo "warm after $((SECONDS - warm_start)) s; JIT compiler CPU so far: $(for pid in "${services[@]}"; do printf '%s s ' "$(compiler_seconds "$pid")"; done)"
  user_system_before=$(user_system_seconds "${services[@]}"); postgres_cpu_before=$(cpu_seconds "$postmaster")
  compiler_before=$(compiler_seconds "${services[@]}"); threads_before=$(thread_seconds "${services[@]}")
  batches_before=$(metric saves_batch_saves_count "${ports[@]}")
  deadlocks_before=$(sql "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
  echo "measuring $duration ..."
  # twice a second, what each busy backend of the services waits for (Lock:... would be writers queuing on each
  # other; IO:WALSync the commit's flush; CPU: running or waiting for a core)
  ( while :; do sql "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity
      WHERE application_name = 'intelia-expert' AND state = 'active'" 2>/dev/null || true; sleep 0.5; done
  ) > "$data/waits.txt" &
  sampler=$!
  [ -n "${BENCH_JFR:-}" ] && date +%s%3N > "$BENCH_JFR/window-$n.txt"
  run_wrk "$duration" run
  # the services' CPU in user and kernel mode over the same window as PostgreSQL's; their sum is services_cpu
  read -r services_user services_system < <(user_system_seconds "${services[@]}" | awk -v b="$user_system_before" \
    '{ split(b, s, " "); printf "%.2f %.2f\n", $1 - s[1], $2 - s[2] }')
  services_cpu=$(awk -v u="$services_user" -v s="$services_system" 'BEGIN { printf "%.2f", u + s }')
  if [ -n "${BENCH_JFR:-}" ]; then
    date +%s%3N >> "$BENCH_JFR/window-$n.txt"
    for i in "${!services[@]}"; do jcmd "${services[$i]}" JFR.dump name=bench filename="$BENCH_JFR/service-$n-$((i + 1)).jfr" >/dev/null; done
  fi
  postgres_cpu=$(awk -v a="$(cpu_seconds "$postmaster")" -v b="$postgres_cpu_before" 'BEGIN { print a - b }')
  batches_run=$(( $(metric saves_batch_saves_count "${ports[@]}") - batches_before ))
  compiler_cpu=$(awk -v a="$(compiler_seconds "${services[@]}")" -v b="$compiler_before" 'BEGIN { printf "%.2f", a - b }')
  threads_after=$(thread_seconds "${services[@]}")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true

  total_rate=0; worst_p99=0; sent=0; failed=0; socket=0; timeouts=0; warm_timeouts=0; retries=0
  for i in $(seq 1 "$n"); do
    r="$data/run-$i.txt"; w="$data/warmup-$i.txt"
    grep -q RESULT "$r" || { echo "wrk said:" >&2; cat "$r" >&2; exit 1; }
    rate=$(awk -v r="$(ok "$r" requests)" -v d="$(ok "$r" duration_s)" 'BEGIN { printf "%.0f", r / d }')
    errs=$(( $(ok "$r" connect) + $(ok "$r" read) + $(ok "$r" write) ))
    retry=$(grep -c 'deadlock victim' "$data/service-$i.log" || true)
    echo "  instance $i: saves/s $rate   p50 $(ok "$r" p50_ms) ms   p99 $(ok "$r" p99_ms) ms   non-2xx $(ok "$r" non2xx)   socket errors $errs   timeouts $(ok "$r" timeout)   deadlock retries $retry   resident $(resident "${services[$((i - 1))]}")"
    total_rate=$((total_rate + rate))
    worst_p99=$(awk -v a="$worst_p99" -v b="$(ok "$r" p99_ms)" 'BEGIN { print (b > a ? b : a) }')
    sent=$((sent + $(ok "$w" requests) + $(ok "$r" requests)))
    failed=$((failed + $(ok "$w" non2xx) + $(ok "$r" non2xx)))
    socket=$((socket + errs)); timeouts=$((timeouts + $(ok "$r" timeout))); retries=$((retries + retry))
    warm_timeouts=$((warm_timeouts + $(ok "$w" timeout)))
  done
  sleep 2 # the last fold
  rows=$(sql "SELECT count(*) FROM conversations")
  deadlocks=$(( $(sql "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") - deadlocks_before ))
  unfolded=$(sql "SELECT count(*) FROM stats_delta_log")
  drift=$(curl -sf -X POST "localhost:$((${ports[0]} + 1))/tasks/refresh-stats" | grep -oE '"drift":\{[^}]*\}' || echo '?')
  acknowledged=$((sent - failed))
  repeated=$(metric saves_repeated_total "${ports[@]}")
  lost=$(( acknowledged - repeated > rows ? acknowledged - repeated - rows : 0 ))
  # rows beyond the acknowledged saves: requests a wrk stopped waiting for when its time was up (at most its
  # connections per round), which the service wrote all the same
  unanswered=$(( rows > acknowledged - repeated ? rows - acknowledged + repeated : 0 ))
  line="$n instance(s): total saves/s $total_rate   p99 (worst instance) $worst_p99 ms   non-2xx $failed   socket errors $socket   timeouts $timeouts (warm-up $warm_timeouts)   deadlock retries $retries   deadlocks (PostgreSQL) $deadlocks   acknowledged (warm-up included) $acknowledged   of them repeats $repeated   rows $rows (unanswered at wrk's end $unanswered)   lost $lost"
  echo "  $line"
  [ "$lost" -gt 0 ] && keep_data=1
  echo "  log rows not folded yet: $unfolded   refresh-stats $drift"
  measured=$(for i in $(seq 1 "$n"); do ok "$data/run-$i.txt" requests; done | awk '{ t += $1 } END { print t + 0 }')
  echo "  CPU per save during the measured run: services $(awk -v c="$services_cpu" -v n="$measured" 'BEGIN { printf "%.2f", c * 1000 / n }') ms, PostgreSQL $(awk -v c="$postgres_cpu" -v n="$measured" 'BEGIN { printf "%.2f", c * 1000 / n }') ms (of $services_cpu s and $postgres_cpu s; services: user $services_user s, system $services_system s; JIT compilers of the services $compiler_cpu s)"
  echo "  services' CPU per save by thread, ms: $(thread_seconds_between "$threads_before" "$threads_after" "$measured")"
  echo "  saves per committed transaction (group commit): $(awk -v s="$measured" -v b="$batches_run" 'BEGIN { printf "%.1f", (b > 0 ? s / b : 0) }') ($batches_run transactions)"
  for i in $(seq 1 "$n"); do # Dropwizard's timers weigh the last minutes most, so these are about the measured run
    echo "  instance $i, seconds: $(curl -sf "localhost:$((${ports[$((i - 1))]} + 1))/metrics" | awk '
      /^saves_batch_commit\{quantile="0.5"\}/ { c50 = $2 } /^saves_batch_commit\{quantile="0.99"\}/ { c99 = $2 }
      /^rollups_fold_duration\{quantile="0.5"\}/ { f50 = $2 } /^rollups_fold_duration\{quantile="0.99"\}/ { f99 = $2 }
      END { printf "batch commit p50 %.3f p99 %.3f, fold (whichever instance holds the lock) p50 %.3f p99 %.3f", c50, c99, f50, f99 }')"
  done
  echo "  busy backends sampled every 0.5 s, by wait: $(sort "$data/waits.txt" | uniq -c | sort -rn | awk '{ printf "%s x%d  ", $2, $1 }')"
  summary="$summary$line"$'\n'
  results="$results$n $total_rate $worst_p99 $timeouts $retries $lost"$'\n'
  stop_all
done
echo "=== summary"
printf '%s' "$summary"
# a list that repeats a count (--instances 1,2,1,2,1,2) alternates the configurations over the run, so that the
# machine's drift from run to run falls on both: each count's medians, and its median saves/s over one instance's
if [ "$(printf '%s' "$results" | awk '{ print $1 }' | sort | uniq -d | wc -l)" -gt 0 ]; then
  echo "=== medians by instance count"
  one=$(printf '%s' "$results" | awk '$1 == 1 { print $2 }' | median %g)
  for n in $(printf '%s' "$results" | awk '{ print $1 }' | sort -nu); do
    runs=$(printf '%s' "$results" | awk -v n="$n" '$1 == n' | wc -l)
    rate=$(printf '%s' "$results" | awk -v n="$n" '$1 == n { print $2 }' | median %g)
    p99=$(printf '%s' "$results" | awk -v n="$n" '$1 == n { print $3 }' | median %g)
    worst=$(printf '%s' "$results" | awk -v n="$n" '$1 == n { print $3 }' | sort -n | tail -1)
    sums=$(printf '%s' "$results" | awk -v n="$n" '$1 == n { t += $4; r += $5; l += $6 } END { printf "timeouts %d   deadlock retries %d   lost %d", t, r, l }')
    ratio=""
    [ -n "$one" ] && ratio=$(awk -v r="$rate" -v o="$one" 'BEGIN { printf "   %.0f %% of one instance'"'"'s median", r * 100 / o }')
    echo "$n instance(s), $runs runs: median saves/s $rate$ratio   median p99 (worst instance) $p99 ms (highest $worst)   in all: $sums"
  done
fi
