package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection a probe keeps between its checks, outside every pool: opened (autocommit) when first needed, and
 * dropped (aborted, which also ends a read waiting on it) after a failure or a check past its time, to be reopened by
 * the next check. So a probe turns healthy again by itself when its server comes back.
 */
final class KeptConnection {

    private final PostgresProbe.ConnectionOpener opener;
    private volatile Connection kept;

    KeptConnection(PostgresProbe.ConnectionOpener opener) {
        this.opener = opener;
    }

    /** The kept connection, opened now when there is none or it was closed. */
    Connection get() throws SQLException {
        Connection connection = kept;
        if (connection == null || connection.isClosed()) {
            connection = opener.open();
            connection.setAutoCommit(true);
            kept = connection;
        }
        return connection;
    }

    /** Aborts the kept connection, if any; the next {@link #get} opens another. */
    void drop() {
        Connection connection = kept;
        kept = null;
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already closed or broken: nothing more to release
            }
        }
    }
}
