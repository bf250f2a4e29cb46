package com.intelia.expert.health;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.db.ReplicaAvailability;
import com.intelia.expert.postgres.ReplicaProbe;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes the read node in the background, every interval, and decides where the statistics and questions reads go:
 * to the read node while the last probe found it reachable, still a standby ({@code pg_is_in_recovery()}) and at most
 * maxLag behind the primary (two probes in a row must find it further behind, so that one slow replay does not move
 * the reads; {@link ReplicaProbe} says how the lag is measured); to the primary otherwise, before the first probe
 * ends, when a read failed on it for lack of a connection (until the next probe, on a new connection of its own,
 * finds it back), and when the probe itself is stuck (no result for three intervals). Each switch is logged once,
 * WARN towards the primary, INFO back to the read node, with the reason in words and no connection details.
 * The health report reads the last result at once ({@link #current}): a read node down is degraded, never unhealthy.
 */
public final class ReplicaMonitor implements Managed, ReplicaAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);

    private final ReplicaProbe probe;
    private final Duration maxLag;
    /** Probes in a row that found the lag over maxLag. */
    private final AtomicInteger probesOverMaxLag = new AtomicInteger();
    private final Clock clock;
    private volatile Observation last;
    private Boolean announcedOnReplica;
    private final ProbeSchedule schedule;

    /** A probe's result (or a failed read's), and whether reads go to the read node after it. */
    private record Observation(DatabaseStatus status, boolean serving, Instant at) {
    }

    /** interval: between two probes; maxLag: the most replication lag a read may see (config: postgres.read.maxLag). */
    public ReplicaMonitor(ReplicaProbe probe, Duration interval, Duration maxLag, Clock clock) {
        this.probe = probe;
        this.maxLag = maxLag;
        this.clock = clock;
        this.schedule = new ProbeSchedule("read-replica-probe", interval, this::probeNow);
    }

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public void stop() {
        schedule.stop();
        probe.close();
    }

    /** Runs one probe now, on the caller's thread, and keeps its result. */
    public void probeNow() {
        ReplicaProbe.Check check = probe.check();
        DatabaseStatus status;
        boolean serving = false;
        Double lag = check.reachable() ? check.standby().lagSeconds() : null;
        boolean overMaxLag = check.reachable() && check.standby().behindMoreThan(maxLag);
        if (!overMaxLag) {
            probesOverMaxLag.set(0);
        }
        int probesOver = overMaxLag ? probesOverMaxLag.incrementAndGet() : 0;
        if (!check.reachable()) {
            status = DatabaseStatus.unhealthy(check.latencyMs(), "the read node: " + check.error());
        } else if (!check.standby().inRecovery()) {
            status = DatabaseStatus.unhealthy(check.latencyMs(), "not a replica: the read node answers but"
                    + " pg_is_in_recovery() is false (POSTGRES_READ_HOST names a primary?)");
        } else if (probesOver >= 2) {
            status = DatabaseStatus.unhealthy(check.latencyMs(), "the read node is " + lag + " s behind the primary,"
                    + " more than postgres.read.maxLag (" + maxLag.toSeconds() + " s): reads use the primary until it"
                    + " catches up");
        } else {
            serving = true;
            status = check.standby().streaming() ? DatabaseStatus.healthy(check.latencyMs())
                    : new DatabaseStatus(DatabaseStatus.HEALTHY, check.latencyMs(),
                    "no WAL receiver runs: the read node does not stream from the primary now, its data ages");
        }
        observe(new Observation(status.ofReadNode(lag, null), serving,
                clock.instant()));
    }

    @Override
    public boolean readsGoToReplica() {
        Observation observation = last;
        return observation != null && observation.serving() && !stale(observation);
    }

    @Override
    public void readFailed(String reason) {
        Observation observation = last;
        if (observation == null || !observation.serving()) {
            return;
        }
        probe.reconnectOnNextCheck();
        observe(new Observation(DatabaseStatus.unhealthy(0, "the read node failed a read: " + reason
                + "; reads use the primary until the next probe finds it back").ofReadNode(null, null), false,
                clock.instant()));
    }

    private synchronized void observe(Observation observation) {
        last = observation;
        if (announcedOnReplica == null || announcedOnReplica != observation.serving()) {
            announcedOnReplica = observation.serving();
            if (observation.serving()) {
                LOG.info("Statistics and questions reads go to the read node (replication lag {} s)",
                        observation.status().lagSeconds() == null ? "unknown" : observation.status().lagSeconds());
            } else {
                LOG.warn("Statistics and questions reads go to the primary: {}", observation.status().error());
            }
        }
    }

    /** The last result with its time and age, and where reads go; unknown (reads on the primary) before the first. */
    public DatabaseStatus current() {
        Observation observation = last;
        if (observation == null) {
            return new DatabaseStatus(DatabaseStatus.UNKNOWN, null, "not probed yet (the first probe is running)")
                    .ofReadNode(null, DatabaseStatus.READS_ON_PRIMARY);
        }
        long ageMs = Math.max(0, Duration.between(observation.at(), clock.instant()).toMillis());
        String checkedAt = observation.at().truncatedTo(ChronoUnit.MILLIS).toString();
        if (stale(observation)) {
            return DatabaseStatus.unhealthy(0, "no probe result for " + ageMs / 1000 + " s (the probe is stuck)")
                    .measured(checkedAt, ageMs).ofReadNode(null, DatabaseStatus.READS_ON_PRIMARY);
        }
        DatabaseStatus status = observation.status();
        return status.measured(checkedAt, ageMs).ofReadNode(status.lagSeconds(),
                observation.serving() ? DatabaseStatus.READS_ON_REPLICA : DatabaseStatus.READS_ON_PRIMARY);
    }

    private boolean stale(Observation observation) {
        return schedule.stuck(observation.at(), clock.instant());
    }
}
