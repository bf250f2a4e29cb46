package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What a read node says about itself: whether it is a standby ({@code pg_is_in_recovery()}), whether a WAL receiver
 * streams from the primary, how far it has replayed the primary's WAL, and the age of the last transaction it
 * replayed; and where the primary's WAL is. Read with the privileges of any user (pg_stat_wal_receiver shows a row to
 * everyone while a receiver runs; the WAL position functions need no grant), so the service's own user can ask them.
 * WAL positions are in bytes from the start of the WAL ({@code pg_lsn - '0/0'}).
 */
public final class ReplicaFacts {

    /**
     * A read node's state. replayPosition: how far it has replayed the primary's WAL, null when it is not a standby.
     * lagSeconds as it reads it on its own: 0 when it streams from the primary and has replayed everything it
     * received; otherwise the age of the last transaction it replayed ({@code now() - pg_last_xact_replay_timestamp()},
     * which also counts the time the primary was idle before); null when it is not a standby, or has replayed nothing
     * since it started. {@link ReplicaProbe} replaces it with a measure against the primary's WAL when it can.
     */
    public record Standby(boolean inRecovery, boolean streaming, Long replayPosition, Double lagSeconds) {

        /** The same state with another lag, in seconds. */
        public Standby withLag(Double seconds) {
            return new Standby(inRecovery, streaming, replayPosition, seconds);
        }

        /** Whether its lag is known and over {@code maxLag} (postgres.read.maxLag). */
        public boolean behindMoreThan(Duration maxLag) {
            return lagSeconds != null && lagSeconds * 1000 > maxLag.toMillis();
        }
    }

    private static final String SQL = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS streaming,
                   pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() AS replayed_all,
                   (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replay_position,
                   EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_last_replay
            """;

    private static final String REPLAY_POSITION = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";

    /** The primary's current WAL position, in bytes; PostgreSQL refuses it on a standby. */
    public static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

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
                long position = row.getLong("replay_position");
                Long replayPosition = row.wasNull() ? null : position;
                double sinceLastReplay = row.getDouble("since_last_replay");
                Double lag = row.wasNull() ? null : Math.max(0, Math.round(sinceLastReplay * 1000) / 1000.0);
                if (!inRecovery) {
                    return new Standby(false, false, null, null);
                }
                return new Standby(true, streaming, replayPosition,
                        streaming && replayedAll ? Double.valueOf(0) : lag);
            }
        }
    }

    /** How far the standby on this connection has replayed (bytes), or -1 when it is no standby. */
    static long replayPosition(Connection connection, int queryTimeoutSeconds) throws SQLException {
        return position(connection, REPLAY_POSITION, queryTimeoutSeconds);
    }

    /** The primary's current WAL position (bytes), on a connection to the primary. */
    public static long primaryPosition(Connection connection, int queryTimeoutSeconds) throws SQLException {
        return position(connection, PRIMARY_POSITION, queryTimeoutSeconds);
    }

    private static long position(Connection connection, String sql, int queryTimeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet row = statement.executeQuery(sql)) {
                row.next();
                long position = row.getLong(1);
                return row.wasNull() ? -1 : position;
            }
        }
    }
}
