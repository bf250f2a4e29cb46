package com.intelia.expert.db;

import com.intelia.expert.api.DatabaseStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks PostgreSQL for {@code SELECT 1} with a bounded wait, so that a health request answers in time
 * even when the database hangs. Connections come from the service's pool, which replaces broken ones,
 * so the probe turns healthy again by itself when the database comes back.
 */
public final class PostgresProbe implements AutoCloseable {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "postgres-probe");
        thread.setDaemon(true);
        return thread;
    });

    public PostgresProbe(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    public DatabaseStatus check() {
        long started = System.nanoTime();
        Future<Void> query = executor.submit(this::selectOne);
        try {
            query.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return DatabaseStatus.healthy(elapsedMillis(started));
        } catch (TimeoutException e) {
            query.cancel(true);
            return DatabaseStatus.unhealthy(elapsedMillis(started),
                    "PostgreSQL did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DatabaseStatus.unhealthy(elapsedMillis(started), "health check interrupted");
        } catch (Exception e) {
            return DatabaseStatus.unhealthy(elapsedMillis(started), describe(e));
        }
    }

    private Void selectOne() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
        }
        return null;
    }

    /** Words an operator can act on, never the connection string or credentials. */
    static String describe(Throwable error) {
        Optional<String> tls = TlsFailures.describe(error);
        if (tls.isPresent()) {
            return tls.get();
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
            if (state.equals("28P01") || state.equals("28000")) {
                return "PostgreSQL refused the credentials (check POSTGRES_USER and POSTGRES_PASSWORD)";
            }
            if (state.equals("3D000")) {
                return "the database named by POSTGRES_DB does not exist";
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
    public void close() {
        executor.shutdownNow();
    }
}
