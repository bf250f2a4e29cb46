package com.intelia.expert.stats;

import com.intelia.expert.db.RollupStore;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the rollups small for readers: folds the log of row contributions (stats_delta_log) into them every
 * {@code foldInterval}, and the write shards of closed days into one row per key every {@code interval}. Every
 * instance runs it; a PostgreSQL advisory lock lets one fold at a time and the others skip that turn. A failed run
 * is logged (once until it succeeds again) and retried at the next interval. Each kind of run is measured in its
 * {@link RollupRunMetrics} ({@code rollups.fold}, {@code rollups.compaction}).
 */
public class RollupCompaction implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RollupCompaction.class);

    private final RollupRefresher refresher;
    private final Duration interval;
    private final Duration foldInterval;
    private final RollupRunMetrics folds;
    private final RollupRunMetrics compactions;
    private ScheduledExecutorService scheduler;
    private volatile boolean foldFailing;

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

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rollup-compaction");
            thread.setDaemon(true);
            return thread;
        });
        if (interval.toMillis() > 0) {
            scheduler.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (foldInterval.toMillis() > 0) {
            scheduler.scheduleWithFixedDelay(this::fold, foldInterval.toMillis(), foldInterval.toMillis(),
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
                LOG.warn("Rollup log folding failed, retrying every {}: {}", foldInterval, e.getMessage());
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
        } catch (RuntimeException e) {
            LOG.warn("Rollup compaction failed, will retry in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
