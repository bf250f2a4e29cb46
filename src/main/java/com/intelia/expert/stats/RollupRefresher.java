package com.intelia.expert.stats;

import com.intelia.expert.db.RollupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the statistics rollups ({@code stats_*}) true to the raw conversations, through a {@link RollupStore}: the
 * admin task refresh-stats rebuilds them and says how far they had drifted (zero when every write moved them as it
 * should); {@link RollupCompaction} folds the log of row contributions ({@code stats_delta_log}) into them and
 * compacts closed days, once across instances.
 */
public class RollupRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);

    private final RollupStore store;
    private final Clock clock;

    /** Over {@code store}; {@code clock} says which day is today (UTC) for the compaction. */
    public RollupRefresher(RollupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What a refresh found and did: per rollup table, the figures that differed from the raw rows before it
     * ({@code drift}) and the rows it wrote ({@code rowsWritten}), both in a fixed order of tables; and how long it
     * took, in milliseconds.
     */
    public record Report(Map<String, Long> drift, Map<String, Integer> rowsWritten, long millis) {
        /** The figures that differed, over all rollups. */
        public long totalDrift() {
            return drift.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Rebuilds every rollup from the raw conversations in one transaction, after any fold or compaction running
     * elsewhere; writes to conversations wait while it runs, reads do not. Logged at INFO without drift, at WARN
     * with it. A database failure ({@code JdbiException}, nothing changed) reaches the caller: refresh-stats answers
     * it 503 with Retry-After when PostgreSQL is unavailable now, else 500.
     */
    public Report refresh() {
        long started = System.nanoTime();
        RollupStore.Rebuilt rebuilt = store.rebuild();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Report report = new Report(rebuilt.drift(), rebuilt.rowsWritten(), millis);
        if (report.totalDrift() == 0) {
            LOG.info("Statistics rollups rebuilt in {} ms; no drift", millis);
        } else {
            LOG.warn("Statistics rollups rebuilt in {} ms; drift found: {}", millis, report.drift());
        }
        return report;
    }

    /**
     * Only the comparison, changing nothing: per rollup table, the figures that differ from the raw rows now. A
     * database failure is a {@code JdbiException}.
     */
    public Map<String, Long> drift() {
        return store.drift();
    }

    /**
     * Folds the write shards of closed days (before today, UTC) into one row per key, so that long periods read
     * fewer rows, after folding the log. Safe to run at any time from any number of instances: while one instance
     * folds or compacts, the others skip. Meant to run every few minutes or hourly. A database failure is a
     * {@code JdbiException}, nothing changed (RollupCompaction logs it and runs again at the next interval).
     *
     * @return the log rows it folded first and the shard rows of closed days it merged; empty when it skipped
     */
    public Optional<RollupStore.Compacted> compactClosedDays() {
        return store.compactBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * Moves the row contributions that writers appended to stats_delta_log into the rollups, in one short
     * transaction: the number of log rows folded, or -1 when another instance is folding at this moment. Readers
     * see the same figures before and after (they add the log). A database failure is a {@code JdbiException},
     * nothing changed.
     */
    public int fold() {
        return store.fold();
    }
}
