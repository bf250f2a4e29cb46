package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Asks the read node what {@link ReplicaFacts} reads, on a connection of its own kept between checks (one per
 * instance besides the read pool, never a pooled one). Each check is bounded: opening the connection by the login
 * timeout of the opener, the answer by {@code timeout} (a silent server is given up, the connection dropped and
 * reopened on the next check). Runs on the caller's thread: health/ReplicaMonitor calls it in the background.
 */
public final class ReplicaProbe implements AutoCloseable {

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

    public ReplicaProbe(PostgresProbe.ConnectionOpener opener, Duration timeout) {
        this.kept = new KeptConnection(opener);
        this.timeout = timeout;
    }

    public synchronized Check check() {
        long started = System.nanoTime();
        try {
            Connection connection = kept.get();
            connection.setNetworkTimeout(Runnable::run, (int) Math.max(1, timeout.toMillis()));
            ReplicaFacts.Standby standby = ReplicaFacts.read(connection, (int) Math.max(1, timeout.toSeconds()));
            return new Check(standby, null, elapsedMillis(started));
        } catch (SQLException | RuntimeException e) {
            kept.drop();
            return new Check(null, PostgresProbe.describe(e), elapsedMillis(started));
        }
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
