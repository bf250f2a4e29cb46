package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Asks the read node what {@link ReplicaFacts} reads, on a connection of its own kept between checks (one per
 * instance besides the read pool, never a pooled one). Each check is bounded: opening the connection by the login
 * timeout of the opener, the answer by {@code timeout} (a silent server is given up, the connection dropped and
 * reopened on the next check). Runs on the caller's thread: health/ReplicaMonitor calls it in the background.
 *
 * <p>The replication lag, in seconds, is measured against the primary's WAL when the primary answers: its position
 * P is read first, then the standby's replay position R. R at or past P within {@code catchUpWait} (re-read every
 * {@value #POLL_MILLIS} ms): the lag is the time that took, to the millisecond. Otherwise the time since the last
 * earlier check that found the primary at or before R ({@link WalTimeline}: an upper bound, within one interval
 * between checks of the true lag); with no such check (the first, or further behind than ten minutes), and when the
 * primary does not answer, the standby's own figure ({@link ReplicaFacts.Standby#lagSeconds}), at least the wait.
 */
public final class ReplicaProbe implements AutoCloseable {

    /** Where the primary's WAL is now, in bytes ({@link ReplicaFacts#PRIMARY_POSITION}); throws when it cannot say. */
    @FunctionalInterface
    public interface PrimaryPosition {
        long current() throws Exception;
    }

    static final int POLL_MILLIS = 20;

    /**
     * One check: the read node's state, or why it could not be asked (words for an operator, never the connection
     * string or credentials), and how long the check took in milliseconds.
     */
    public record Check(ReplicaFacts.Standby standby, String error, double latencyMs) {

        public boolean reachable() {
            return standby != null;
        }
    }

    private final KeptConnection kept;
    private final Duration timeout;
    private final PrimaryPosition primary;
    private final Duration catchUpWait;
    private final WalTimeline timeline = new WalTimeline();
    private volatile boolean reconnect;

    /**
     * timeout: for opening and for each answer; primary: where the primary's WAL is (null: the standby's own lag
     * figure only); catchUpWait: how long a check waits for the standby to reach the primary's position.
     */
    public ReplicaProbe(PostgresProbe.ConnectionOpener opener, Duration timeout, PrimaryPosition primary,
                        Duration catchUpWait) {
        this.kept = new KeptConnection(opener);
        this.timeout = timeout;
        this.primary = primary;
        this.catchUpWait = catchUpWait;
    }

    /**
     * The next check opens a connection of its own instead of asking on the kept one: called when a read found no
     * connection to be had on the read node, so that a node that still answers the kept connection but accepts no new
     * one (out of connection slots, a pg_hba.conf change) is reported as the read pool meets it.
     */
    public void reconnectOnNextCheck() {
        reconnect = true;
    }

    /** The check's latency is that of the read node's first answer; measuring the lag may take catchUpWait more. */
    public synchronized Check check() {
        if (reconnect) {
            reconnect = false;
            kept.drop();
        }
        long asked = System.nanoTime();
        Long primaryAt = primaryPosition();
        long started = System.nanoTime();
        try {
            Connection connection = kept.get();
            connection.setNetworkTimeout(Runnable::run, (int) Math.max(1, timeout.toMillis()));
            ReplicaFacts.Standby standby = ReplicaFacts.read(connection, queryTimeoutSeconds());
            double latencyMs = elapsedMillis(started);
            if (primaryAt != null && standby.replayPosition() != null) {
                standby = standby.withLag(lag(connection, standby, primaryAt, asked));
            }
            return new Check(standby, null, latencyMs);
        } catch (SQLException | RuntimeException e) {
            kept.drop();
            return new Check(null, PostgresProbe.describe(e, "POSTGRES_READ"), elapsedMillis(started));
        }
    }

    private Long primaryPosition() {
        if (primary == null) {
            return null;
        }
        try {
            return primary.current();
        } catch (Exception e) {
            return null; // the primary's own health check says why
        }
    }

    private Double lag(Connection connection, ReplicaFacts.Standby standby, long primaryAt, long asked)
            throws SQLException {
        timeline.add(asked, primaryAt);
        long replayed = standby.replayPosition();
        long deadline = asked + catchUpWait.toNanos();
        while (replayed < primaryAt && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            replayed = ReplicaFacts.replayPosition(connection, queryTimeoutSeconds());
        }
        long now = System.nanoTime();
        if (replayed >= primaryAt) {
            return WalTimeline.seconds(now - asked);
        }
        OptionalDouble bound = timeline.secondsSinceReached(replayed, now);
        if (bound.isPresent()) {
            return bound.getAsDouble();
        }
        return standby.lagSeconds() == null ? null : Math.max(standby.lagSeconds(), WalTimeline.seconds(now - asked));
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, timeout.toSeconds());
    }

    private static double elapsedMillis(long started) {
        return Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
    }

    /** Drops the kept connection, also under a check that is waiting for it (which then ends). */
    @Override
    public void close() {
        kept.drop();
    }
}
