package com.intelia.expert.postgres;

import com.intelia.expert.api.DatabaseStatus;
import io.dropwizard.lifecycle.Managed;

import javax.sql.DataSource;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks PostgreSQL for {@code SELECT 1} with a bounded wait, so that a health request answers in time even when the
 * database hangs. The service's probe keeps a connection of its own ({@link #dedicated}), outside the request pool:
 * a pool busy with slow requests is not a database that is down, and must not make health wait or blame PostgreSQL.
 * A connection that failed or timed out is dropped and reopened on the next check, so the probe turns healthy
 * again by itself when the database comes back. Checks that arrive while one is running share its answer.
 */
public final class PostgresProbe implements AutoCloseable, Managed {

    /** Opens a new connection to PostgreSQL, outside any pool. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;
    private final boolean keepConnection;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "postgres-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final KeptConnection kept;
    private Future<Void> inFlight;

    /** Borrows a connection from dataSource for each check (the doctor's one-off checks). */
    public PostgresProbe(DataSource dataSource, Duration timeout) {
        this(dataSource::getConnection, false, timeout);
    }

    private PostgresProbe(ConnectionOpener opener, boolean keepConnection, Duration timeout) {
        this.opener = opener;
        this.kept = new KeptConnection(opener);
        this.keepConnection = keepConnection;
        this.timeout = timeout;
    }

    /** Keeps one connection opened by opener for every check: one more connection per instance, never the pool's. */
    public static PostgresProbe dedicated(ConnectionOpener opener, Duration timeout) {
        return new PostgresProbe(opener, true, timeout);
    }

    public DatabaseStatus check() {
        long started = System.nanoTime();
        Future<Void> query = join();
        try {
            query.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return DatabaseStatus.healthy(elapsedMillis(started));
        } catch (TimeoutException e) {
            abandon(query);
            return DatabaseStatus.unhealthy(elapsedMillis(started),
                    "PostgreSQL did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DatabaseStatus.unhealthy(elapsedMillis(started), "health check interrupted");
        } catch (ExecutionException e) {
            return DatabaseStatus.unhealthy(elapsedMillis(started), describe(e.getCause()));
        } catch (RuntimeException e) {
            return DatabaseStatus.unhealthy(elapsedMillis(started), describe(e));
        }
    }

    /** The running check, or a new one: concurrent health requests cost PostgreSQL one query. */
    private synchronized Future<Void> join() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = executor.submit(keepConnection ? this::selectOneOnKept : this::selectOneBorrowed);
        }
        return inFlight;
    }

    /** A check past its time: the kept connection is closed under it (which ends its read), and reopened next time. */
    private void abandon(Future<Void> query) {
        if (keepConnection) {
            kept.drop();
        }
        query.cancel(true);
    }

    private Void selectOneBorrowed() throws SQLException {
        try (Connection connection = opener.open()) {
            selectOne(connection);
        }
        return null;
    }

    private Void selectOneOnKept() throws SQLException {
        try {
            selectOne(kept.get());
        } catch (SQLException | RuntimeException e) {
            kept.drop();
            throw e;
        }
        return null;
    }

    private void selectOne(Connection connection) throws SQLException {
        // the read gives up on a silent server (frozen, network lost); the query timeout on a slow live one
        connection.setNetworkTimeout(Runnable::run, (int) Math.max(1, timeout.toMillis()));
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
        }
    }

    /** How {@link #describe} begins when PostgreSQL refused the password (SQLSTATE 28P01). */
    public static final String PASSWORD_REFUSED = "PostgreSQL refused the password";

    /** Words an operator can act on, never the connection string or credentials; about the primary (POSTGRES_*). */
    public static String describe(Throwable error) {
        return describe(error, "POSTGRES");
    }

    /**
     * As {@link #describe(Throwable)}, naming the variables that begin with {@code variables}: "POSTGRES" for the
     * primary, "POSTGRES_READ" for the read node (whose variables, unset, take the primary's values).
     */
    public static String describe(Throwable error, String variables) {
        boolean readNode = !variables.equals("POSTGRES"); // its variables, unset, take the primary's values
        Optional<String> tls = TlsFailures.describe(error);
        if (tls.isPresent()) {
            return tls.get();
        }
        for (Throwable link = error; link != null; link = link.getCause() == link ? null : link.getCause()) {
            if (link instanceof UnknownHostException) {
                return "the host name does not resolve (a typo in the host setting, or no DNS record for it)";
            }
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof SQLException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08")) {
                return "cannot connect to PostgreSQL (connection refused or lost)";
            }
            if (state.equals("28P01")) {
                return PASSWORD_REFUSED + " (check " + variables + "_USER and " + variables + "_PASSWORD"
                        + (readNode ? "; unset, they are the primary's" : "") + ")";
            }
            if (state.equals("28000")) {
                return "PostgreSQL's pg_hba.conf has no entry that lets this user, database, address or encryption in"
                        + " (a managed database requires sslmode require)";
            }
            if (state.equals("3D000")) {
                return "the database named by " + variables + "_DB does not exist"
                        + (readNode ? " (unset, it is the primary's)" : "");
            }
            if (state.equals("57P01") || state.equals("57P03")) {
                return "PostgreSQL is shutting down or starting up";
            }
            return "PostgreSQL query failed (SQLSTATE " + state + ")";
        }
        return "cannot reach PostgreSQL (" + cause.getClass().getSimpleName() + ")";
    }

    private static double elapsedMillis(long started) {
        return Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        kept.drop();
    }
}
