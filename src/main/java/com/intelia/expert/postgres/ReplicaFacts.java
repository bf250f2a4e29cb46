package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What a read node says about itself: whether it is a standby ({@code pg_is_in_recovery()}), whether a WAL receiver
 * streams from the primary, and its replication lag. Read with the privileges of any user (pg_stat_wal_receiver
 * shows a row to everyone while a receiver runs), so the service's own user can ask it.
 */
public final class ReplicaFacts {

    /**
     * A read node's state. lagSeconds: 0 when it streams from the primary and has replayed everything it received;
     * otherwise the age of the last transaction it replayed ({@code now() - pg_last_xact_replay_timestamp()}, which
     * also grows while the primary is idle); null when it is not a standby, or has replayed nothing since it started.
     */
    public record Standby(boolean inRecovery, boolean streaming, Double lagSeconds) {

        /** Whether its lag is known and over {@code maxLag} (postgres.read.maxLag). */
        public boolean behindMoreThan(Duration maxLag) {
            return lagSeconds != null && lagSeconds * 1000 > maxLag.toMillis();
        }
    }

    private static final String SQL = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS streaming,
                   pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() AS replayed_all,
                   EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_last_replay
            """;

    private ReplicaFacts() {
    }

    /** One query on the given connection, bounded by queryTimeoutSeconds; the caller bounds the read itself. */
    public static Standby read(Connection connection, int queryTimeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet row = statement.executeQuery(SQL)) {
                row.next();
                boolean inRecovery = row.getBoolean("in_recovery");
                boolean streaming = row.getBoolean("streaming");
                boolean replayedAll = row.getBoolean("replayed_all");
                double sinceLastReplay = row.getDouble("since_last_replay");
                Double lag = row.wasNull() ? null : Math.max(0, Math.round(sinceLastReplay * 1000) / 1000.0);
                if (!inRecovery) {
                    return new Standby(false, false, null);
                }
                return new Standby(true, streaming, streaming && replayedAll ? Double.valueOf(0) : lag);
            }
        }
    }
}
