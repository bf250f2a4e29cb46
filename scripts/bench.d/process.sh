# Sourced by the benchmarks: what a process costs, from /proc (Linux).

# resident PID: its resident memory in MiB, "now N MiB, peak M MiB": VmRSS is what it holds now, VmHWM the most it
# held since it started (the peak a container's memory limit must allow).
resident() {
  awk '/^VmRSS:/ { now = $2 } /^VmHWM:/ { peak = $2 } END { printf "now %d MiB, peak %d MiB", now / 1024, peak / 1024 }' \
    "/proc/$1/status" 2>/dev/null || echo "unknown (process $1 gone)"
}

# cpu_seconds PID...: CPU time (user + system, in s) used so far by these processes and their children (a postmaster's
# backends): the children running now, and those that ended (their time is added to the parent's cutime and cstime
# when it reaps them, so a backend that exits during a run is not subtracted from it), summed.
cpu_seconds() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v hz="$(getconf CLK_TCK)" -v pids=" $* " '{
    match($0, /\(.*\)/); split(substr($0, RSTART + RLENGTH + 1), f, " ");
    if (index(pids, " " $1 " ")) t += (f[12] + f[13] + f[14] + f[15]) / hz
    else if (index(pids, " " f[2] " ")) t += (f[12] + f[13]) / hz } END { printf "%.2f\n", t }'
}

# compiler_seconds PID...: CPU time (s) the JIT compiler threads of these JVMs ("C1 CompilerThread", "C2
# CompilerThread") have used so far, summed. A JVM is warm when this stops growing: until then part of each core goes to
# compiling, and every JVM on a machine compiles the same code for itself.
compiler_seconds() {
  local pid
  for pid in "$@"; do cat /proc/"$pid"/task/[0-9]*/stat 2>/dev/null || true; done | awk -v hz="$(getconf CLK_TCK)" '{
    match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); split(substr($0, RSTART + RLENGTH + 1), f, " ");
    if (name ~ /^C[12] CompilerThre/) t += (f[12] + f[13]) / hz } END { printf "%.2f\n", t }'
}

# user_system_seconds PID...: "USER SYSTEM", CPU time (s) these processes used so far in user and in kernel mode (system
# calls, waking threads, the network stack), summed.
user_system_seconds() {
  local pid
  for pid in "$@"; do cat /proc/"$pid"/stat 2>/dev/null || true; done | awk -v hz="$(getconf CLK_TCK)" '{
    match($0, /\(.*\)/); split(substr($0, RSTART + RLENGTH + 1), f, " "); u += f[12] / hz; s += f[13] / hz }
    END { printf "%.2f %.2f\n", u, s }'
}

# thread_seconds PID...: "TID GROUP SECONDS" lines, the CPU time (user + system, s) each live thread of these JVMs used
# so far, with its group: its name with the digits and request suffix taken off (Jetty's "dw-41 - POST
# /conversations/save" and "dw-7" are both "dw-"; "C2 CompilerThread0" is "C CompilerThread").
thread_seconds() {
  local pid
  for pid in "$@"; do
    for stat in /proc/"$pid"/task/[0-9]*/stat; do cat "$stat" 2>/dev/null || true; done
  done | awk -v hz="$(getconf CLK_TCK)" '{
    match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); split(substr($0, RSTART + RLENGTH + 1), f, " ");
    sub(/ - .*/, "", name); gsub(/[0-9]+/, "", name); gsub(/ /, "_", name);
    printf "%s %s %.2f\n", $1, name, (f[12] + f[13]) / hz }'
}

# thread_seconds_between BEFORE AFTER SAVES: the CPU the groups' threads used between two thread_seconds outputs, in
# ms per save, largest first, those of 0.005 ms or more; a thread born meanwhile counts whole. A thread that ended
# meanwhile (Jetty retires idle ones) is left out, as is its share of the window, counted in the process's total.
thread_seconds_between() {
  awk -v saves="$3" 'NR == FNR { b[$1] = $3; next } { t[$2] += $3 - ($1 in b ? b[$1] : 0) }
    END { for (g in t) { d = t[g] * 1000 / saves; if (d >= 0.005) printf "%s %.3f\n", g, d } }' \
    <(echo "$1") <(echo "$2") | sort -k2 -rn | awk '{ printf "%s %s  ", $1, $2 }'
  awk 'NR == FNR { after[$1] = 1; next } !($1 in after) { n++ } END { printf "(threads ended meanwhile: %d)", n }' \
    <(echo "$2") <(echo "$1")
}
