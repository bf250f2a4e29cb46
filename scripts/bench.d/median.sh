# Sourced by the benchmarks. median [FORMAT]: the median of the numbers on standard input, one per line (the mean of
# the middle two when their count is even), printed with the printf FORMAT (default %.0f, no newline).
median() {
  sort -n | awk -v format="${1:-%.0f}" '{ v[NR] = $1 }
    END { printf format, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
