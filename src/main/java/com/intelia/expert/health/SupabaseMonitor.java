package com.intelia.expert.health;

import com.intelia.expert.api.DatabaseStatus;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Probes Supabase (the user directory's health) in the background, every interval, and keeps the last result with
 * its time, so that the health path answers at once whatever Supabase does: App Platform's probe gives up after 1 s,
 * and a slow Supabase must not mark every instance unhealthy. A result older than three intervals (the probe itself
 * stuck) is reported unhealthy, which the health report shows as degraded, never as a failure.
 */
public final class SupabaseMonitor implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SupabaseMonitor.class);

    private final Supplier<DatabaseStatus> probe;
    private final Clock clock;
    private volatile Observation last;
    private final ProbeSchedule schedule;

    private record Observation(DatabaseStatus status, Instant at) {
    }

    public SupabaseMonitor(Supplier<DatabaseStatus> probe, Duration interval, Clock clock) {
        this.probe = probe;
        this.clock = clock;
        this.schedule = new ProbeSchedule("supabase-health-probe", interval, this::probeNow);
    }

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public void stop() {
        schedule.stop();
    }

    /** Runs one probe now, on the caller's thread, and keeps its result. */
    public void probeNow() {
        DatabaseStatus status;
        try {
            status = probe.get();
        } catch (RuntimeException e) {
            status = DatabaseStatus.unhealthy(0, "the Supabase probe failed (" + e.getClass().getSimpleName() + ")");
        }
        Observation previous = last;
        last = new Observation(status, clock.instant());
        if (previous != null && !previous.status().status().equals(status.status())) {
            LOG.info("Supabase health: {} -> {}", previous.status().status(), status.status());
        }
    }

    /** The last probe's result with its time and age; unknown before the first one ends. */
    public DatabaseStatus current() {
        Observation observation = last;
        if (observation == null) {
            return new DatabaseStatus(DatabaseStatus.UNKNOWN, null, "not probed yet (the first probe is running)");
        }
        Instant now = clock.instant();
        long ageMs = Math.max(0, Duration.between(observation.at(), now).toMillis());
        String checkedAt = observation.at().truncatedTo(ChronoUnit.MILLIS).toString();
        if (schedule.stuck(observation.at(), now)) {
            return DatabaseStatus.unhealthy(0, "no probe result for " + ageMs / 1000 + " s (the probe is stuck)")
                    .measured(checkedAt, ageMs);
        }
        return observation.status().measured(checkedAt, ageMs);
    }

    /** Milliseconds since the last result, or -1 before the first (for metrics). */
    public long ageMillis() {
        Observation observation = last;
        return observation == null ? -1 : Math.max(0, Duration.between(observation.at(), clock.instant()).toMillis());
    }
}
