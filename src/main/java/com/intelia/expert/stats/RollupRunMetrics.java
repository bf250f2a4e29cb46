package com.intelia.expert.stats;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import java.time.Clock;
import java.time.Duration;

/**
 * One kind of scheduled rollup run (folding the log, compacting closed days) as /metrics shows it, under a prefix
 * such as {@code rollups.fold}: {@code .rows} (rows moved, in all), {@code .rows-per-run} (a histogram),
 * {@code .duration} (a timer), {@code .skipped} (runs that found another instance holding the advisory lock) and
 * {@code .last-success-age-seconds} (since this instance's last run that held the lock and finished, or since it
 * started). A run that fails counts nowhere: its age grows.
 */
public final class RollupRunMetrics {

    private final Counter rows;
    private final Histogram rowsPerRun;
    private final Timer duration;
    private final Counter skipped;
    private final Clock clock;
    private volatile long lastSuccessMillis;

    private RollupRunMetrics(MetricRegistry registry, String prefix, Clock clock) {
        this.rows = registry.counter(prefix + ".rows");
        this.rowsPerRun = registry.histogram(prefix + ".rows-per-run");
        this.duration = registry.timer(prefix + ".duration");
        this.skipped = registry.counter(prefix + ".skipped");
        this.clock = clock;
        this.lastSuccessMillis = clock.millis();
        registry.gauge(prefix + ".last-success-age-seconds",
                () -> (Gauge<Double>) () -> (this.clock.millis() - lastSuccessMillis) / 1000.0);
    }

    /** The metrics of the runs named {@code prefix} in {@code registry}; the age counts from now. */
    public static RollupRunMetrics in(MetricRegistry registry, String prefix, Clock clock) {
        return new RollupRunMetrics(registry, prefix, clock);
    }

    /** Metrics nobody reads (tests). */
    public static RollupRunMetrics unread() {
        return new RollupRunMetrics(new MetricRegistry(), "rollups", Clock.systemUTC());
    }

    /** A run that held the lock and finished, moving {@code moved} rows in {@code took}. */
    void succeeded(long moved, Duration took) {
        rows.inc(moved);
        rowsPerRun.update(moved);
        duration.update(took);
        lastSuccessMillis = clock.millis();
    }

    /** A run that did nothing because another instance held the lock. */
    void skipped() {
        skipped.inc();
    }
}
