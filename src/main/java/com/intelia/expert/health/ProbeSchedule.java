package com.intelia.expert.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a background probe on a daemon thread of its own: first at {@link #start}, then {@code interval} after the
 * end of each run (a slow probe never overlaps itself), until {@link #stop}. The monitors keep the results; this only
 * keeps the time: when the probe runs, and when a result is too old to stand ({@link #stuck}).
 */
final class ProbeSchedule {

    private final String threadName;
    private final Duration interval;
    private final Runnable probe;
    private ScheduledExecutorService executor;

    ProbeSchedule(String threadName, Duration interval, Runnable probe) {
        this.threadName = threadName;
        this.interval = interval;
        this.probe = probe;
    }

    synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Whether a result kept at {@code at} is too old at {@code now} to stand for what was probed: no new result for
     * three intervals means the probe itself is stuck.
     */
    boolean stuck(Instant at, Instant now) {
        return Duration.between(at, now).toMillis() > 3 * interval.toMillis();
    }
}
