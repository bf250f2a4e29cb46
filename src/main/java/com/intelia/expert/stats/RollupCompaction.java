package com.intelia.expert.stats;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Folds the write shards of closed days into one row per key at a fixed interval, so that the dashboard reads
 * fewer rollup rows for long ranges. A failed run is logged and retried at the next interval.
 */
public class RollupCompaction implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RollupCompaction.class);

    private final RollupRefresher refresher;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public RollupCompaction(RollupRefresher refresher, Duration interval) {
        this.refresher = refresher;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rollup-compaction");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void compact() {
        try {
            int rows = refresher.compactClosedDays();
            if (rows > 0) {
                LOG.info("Rollup compaction folded {} shard rows of closed days", rows);
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
