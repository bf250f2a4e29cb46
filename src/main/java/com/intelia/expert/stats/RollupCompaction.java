package com.intelia.expert.stats;

import com.intelia.expert.db.RollupStore;
import com.intelia.expert.db.SqlStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the rollups small for readers: folds the log of row contributions (stats_delta_log) into them every
 * {@code foldInterval}, and the write shards of closed days into one row per key every {@code interval}, on the
 * executor given to {@link #scheduleOn} (the application's: Dropwizard shuts it down, letting a run finish). Every
 * instance runs it; a PostgreSQL advisory lock lets one fold at a time and the others skip that turn. A failed run
 * of either kind is logged with its SQLSTATE only (once until that kind succeeds again) and retried at the next
 * interval. Each kind of run is measured in its
 * {@link RollupRunMetrics} ({@code rollups.fold}, {@code rollups.compaction}).
 */
public class RollupCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(RollupCompaction.class);

    private final RollupRefresher refresher;
    private final Duration interval;
    private final Duration foldInterval;
    private final RollupRunMetrics folds;
    private final RollupRunMetrics compactions;
    private volatile boolean foldFailing;
    private volatile boolean compactionFailing;

    /**
     * Compaction every {@code interval} and the log folded every {@code foldInterval}; zero or less: never. The log
     * rows a compaction folds first (what arrived since the last fold) count in {@code compactions}' run, not in
     * {@code folds}.
     */
    public RollupCompaction(RollupRefresher refresher, Duration interval, Duration foldInterval,
                            RollupRunMetrics folds, RollupRunMetrics compactions) {
        this.refresher = refresher;
        this.interval = interval;
        this.foldInterval = foldInterval;
        this.folds = folds;
        this.compactions = compactions;
    }

    /** Compaction only, its metrics unread (tests). */
    public RollupCompaction(RollupRefresher refresher, Duration interval) {
        this(refresher, interval, Duration.ZERO, RollupRunMetrics.unread(), RollupRunMetrics.unread());
    }

    /**
     * Runs the compaction every {@code interval} and the fold every {@code foldInterval} on {@code executor}, the
     * first of each one interval from now, the next one interval after the previous ended.
     */
    public void scheduleOn(ScheduledExecutorService executor) {
        if (interval.toMillis() > 0) {
            executor.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (foldInterval.toMillis() > 0) {
            executor.scheduleWithFixedDelay(this::fold, foldInterval.toMillis(), foldInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    void fold() {
        try {
            long start = System.nanoTime();
            int rows = refresher.fold();
            if (rows < 0) {
                folds.skipped();
            } else {
                folds.succeeded(rows, Duration.ofNanos(System.nanoTime() - start));
            }
            if (foldFailing) {
                LOG.info("Rollup log folding works again");
                foldFailing = false;
            }
        } catch (RuntimeException e) {
            if (!foldFailing) {
                LOG.warn("Rollup log folding failed (SQLSTATE {}), retrying every {}", SqlStates.first(e), foldInterval);
                foldFailing = true;
            }
        }
    }

    void compact() {
        try {
            long start = System.nanoTime();
            Optional<RollupStore.Compacted> done = refresher.compactClosedDays();
            if (done.isEmpty()) {
                compactions.skipped();
                return;
            }
            int merged = done.get().shardRowsMerged();
            compactions.succeeded(merged, Duration.ofNanos(System.nanoTime() - start));
            if (merged > 0) {
                LOG.info("Rollup compaction folded {} shard rows of closed days", merged);
            }
            if (compactionFailing) {
                LOG.info("Rollup compaction works again");
                compactionFailing = false;
            }
        } catch (RuntimeException e) {
            if (!compactionFailing) {
                LOG.warn("Rollup compaction failed (SQLSTATE {}), retrying every {}", SqlStates.first(e), interval);
                compactionFailing = true;
            }
        }
    }
}
