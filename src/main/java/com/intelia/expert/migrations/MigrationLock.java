package com.intelia.expert.migrations;

import com.intelia.expert.postgres.PostgresServerFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Serializes migrations across processes with a PostgreSQL session advisory lock, taken on a connection of its own
 * before Liquibase creates its tables (Liquibase's own lock comes too late: two first runs race on creating
 * {@code databasechangelog}). The lock goes with the connection, so a killed run never leaves it behind. It needs a
 * session: run migrations on a direct connection, not through a transaction-mode pooler.
 */
public final class MigrationLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    static final String KEY = "hashtext('intelia-expert:db-migrate')";
    private static final long POLL_MILLIS = 250;

    private final Connection connection;
    private final boolean closeConnection;

    private MigrationLock(Connection connection, boolean closeConnection) {
        this.connection = connection;
        this.closeConnection = closeConnection;
    }

    /** Waits for any other migration to finish, then holds the lock on a connection of its own until {@link #close()}. */
    public static MigrationLock acquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            return acquire(connection, true);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Waits for any other migration to finish, then holds the lock on {@code connection}, which the caller may go on
     * using (a session lock outlives the transactions run on it) and closes itself after {@link #close()}.
     */
    public static MigrationLock acquireOn(Connection connection) throws SQLException {
        return acquire(connection, false);
    }

    private static MigrationLock acquire(Connection connection, boolean closeConnection) throws SQLException {
        connection.setAutoCommit(true);
        // Polled, not waited for in pg_advisory_lock: a waiting statement is an open transaction, and the other run's
        // CREATE INDEX CONCURRENTLY waits for every open transaction to end, so the two would deadlock.
        boolean told = false;
        while (!query(connection, "SELECT pg_try_advisory_lock(" + KEY + ")")) {
            if (!told) {
                LOG.info("Another db migrate is running on this database; waiting for it to finish");
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for another db migrate to finish", e);
            }
        }
        return new MigrationLock(connection, closeConnection);
    }

    /**
     * Everything that would stop the migration part-way, found before it starts: the {@link MigrationPreflight} checks,
     * and a Liquibase lock left by a killed run (which would otherwise make Liquibase wait five minutes). While this
     * lock is held no other run of ours is active, so a set Liquibase lock is stale.
     *
     * @throws MigrationHaltedException listing every problem; nothing has been changed
     */
    public void checkReady() throws SQLException {
        List<MigrationPreflight.Problem> problems = new java.util.ArrayList<>(new MigrationPreflight(connection).problems());
        String staleLock = staleLiquibaseLock();
        if (staleLock != null) {
            problems.add(0, new MigrationPreflight.Problem("Liquibase's lock is held by " + staleLock
                    + ", a db migrate that did not finish (no other db migrate is running now).",
                    "Release it with: java -jar intelia-expert.jar db locks --force-release config.yml"
                            + " then run db migrate again."));
        }
        if (!problems.isEmpty()) {
            throw new MigrationHaltedException(problems);
        }
    }

    private String staleLiquibaseLock() throws SQLException {
        return PostgresServerFacts.liquibaseLock(connection)
                .map(lock -> (lock.lockedBy() == null ? "an unknown host" : lock.lockedBy()) + " since "
                        + (lock.granted() == null ? "an unknown time" : lock.granted()))
                .orElse(null);
    }

    private static boolean query(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            query(connection, "SELECT pg_advisory_unlock(" + KEY + ")");
        } finally {
            if (closeConnection) {
                connection.close();
            }
        }
    }
}
