# Sourced by the benchmarks: the resident memory of a process from /proc (Linux), in MiB. VmRSS is what it holds now,
# VmHWM the most it held since it started (the peak a container's memory limit must allow).
resident() { # pid -> "now N MiB, peak M MiB"
  awk '/^VmRSS:/ { now = $2 } /^VmHWM:/ { peak = $2 } END { printf "now %d MiB, peak %d MiB", now / 1024, peak / 1024 }' \
    "/proc/$1/status" 2>/dev/null || echo "unknown (process $1 gone)"
}
