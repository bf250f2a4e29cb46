package com.intelia.expert.postgres;

import io.dropwizard.db.ManagedDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The service's one connection pool as two kinds of work see it. Each borrower sets the read timeout of the
 * connection it gets (pgjdbc's network timeout: how long a read may wait for PostgreSQL to send anything), so
 * whatever the previous borrower left does not matter.
 * <ul>
 *   <li>{@link #forRequests}: API requests give up a server that stays silent (stopped, frozen, unreachable) after
 *   the read timeout, and answer 503; with the statement timeout (see {@link Jdbis#forRequests}) below it, a slow
 *   statement on a live server is cancelled cleanly first.</li>
 *   <li>{@link #forMaintenance}: admin tasks and background maintenance check that PostgreSQL answers (within
 *   {@code aliveCheck}) when they take a connection, then have no read timeout: a rollup rebuild or a repair of
 *   many rows runs to its end.</li>
 * </ul>
 * A view is a {@link ManagedDataSource} whose start and stop do nothing (dropwizard-jdbi3 manages the data source of
 * each Jdbi it builds): the pool under it is managed once, where it is built, however many Jdbis borrow from it.
 */
public final class ConnectionTimeouts {

    private ConnectionTimeouts() {
    }

    public static ManagedDataSource forRequests(DataSource pool, Duration readTimeout) {
        int millis = (int) readTimeout.toMillis();
        return new Borrowing(pool, connection -> connection.setNetworkTimeout(Runnable::run, millis));
    }

    public static ManagedDataSource forMaintenance(DataSource pool, Duration aliveCheck) {
        int seconds = (int) Math.max(1, aliveCheck.toSeconds());
        return new Borrowing(pool, connection -> {
            if (!connection.isValid(seconds)) {
                throw new SQLException("PostgreSQL did not answer within " + seconds + " s", "08006");
            }
            connection.setNetworkTimeout(Runnable::run, 0);
        });
    }

    private interface Setup {
        void apply(Connection connection) throws SQLException;
    }

    private static final class Borrowing implements ManagedDataSource {
        private final DataSource pool;
        private final Setup setup;

        Borrowing(DataSource pool, Setup setup) {
            this.pool = pool;
            this.setup = setup;
        }

        @Override
        public void start() {
            // the pool's own lifecycle starts it
        }

        @Override
        public void stop() {
            // the pool's own lifecycle closes it, once
        }

        @Override
        public Connection getConnection() throws SQLException {
            return configured(pool.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return configured(pool.getConnection(username, password));
        }

        private Connection configured(Connection connection) throws SQLException {
            try {
                setup.apply(connection);
                return connection;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || pool.isWrapperFor(iface);
        }
    }
}
