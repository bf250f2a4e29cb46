package com.intelia.expert.db;

import org.jdbi.v3.core.ConnectionException;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** What PostgreSQL said went wrong, read from the SQLSTATE of any SQLException in an error's cause chain. */
public final class SqlStates {

    /**
     * SQLSTATEs that mean "not now" rather than "not this": the statement did not run (or was rolled back) and the
     * same request can succeed a moment later.
     * <ul>
     *   <li>57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now: a restart, a crash recovery, a
     *   managed cluster's maintenance or failover;</li>
     *   <li>57P05 idle_session_timeout: the server closed an idle session;</li>
     *   <li>53300 too_many_connections: the server's (or the database's, or the role's) connection limit;</li>
     *   <li>57014 query_canceled: the statement ran past its timeout (see PostgresFactory) or was cancelled;</li>
     *   <li>25006 read_only_sql_transaction: a write reached a server that is (or still was) a standby, as right
     *   after a failover.</li>
     * </ul>
     * Plus all of class 08, connection exceptions.
     */
    private static final Set<String> NOT_NOW = Set.of("57P01", "57P02", "57P03", "57P05", "53300", "57014", "25006");
    /** Of those, the ones that say this server cannot be used now (see {@link #connectionClass}). */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03", "53300");

    private SqlStates() {
    }

    /** True when some SQLException among the error and its causes has a SQLSTATE that matches. */
    public static boolean any(Throwable error, Predicate<String> state) {
        return states(error).anyMatch(state);
    }

    /** The first SQLSTATE in the error's cause chain, or "none": what a log may say of a database error. */
    public static String first(Throwable error) {
        return states(error).findFirst().orElse("none");
    }

    /** The SQLSTATEs of the SQLExceptions among the error and its causes, outermost first. */
    private static Stream<String> states(Throwable error) {
        return Stream.iterate(error, Objects::nonNull, Throwable::getCause)
                .filter(cause -> cause instanceof SQLException sql && sql.getSQLState() != null)
                .map(cause -> ((SQLException) cause).getSQLState());
    }

    /**
     * True when the error means that PostgreSQL is not available now and nothing was written: no connection could
     * be had (refused, timed out, the pool's wait ran out), the server went silent, or it answered one of the
     * SQLSTATEs above. The request may be repeated as it was.
     */
    public static boolean unavailable(Throwable error) {
        return noConnection(error) || any(error, state -> state.startsWith("08") || NOT_NOW.contains(state));
    }

    /**
     * True when the error means that the server could not be used at all, so that another server may answer the
     * same read: no connection could be had (refused, timed out, the pool's wait ran out), the server went silent,
     * the connection was lost (class 08), or the server is shutting down, crashed or still starting (57P01, 57P02,
     * 57P03), or out of connections (53300). A statement past its timeout (57014) is not one: the server answers.
     */
    public static boolean connectionClass(Throwable error) {
        return noConnection(error) || any(error, state -> state.startsWith("08") || SERVER_GONE.contains(state));
    }

    /**
     * True when a standby cancelled a read because it conflicted with the WAL it replays (40001, 40P01 "canceling
     * statement due to conflict with recovery"): the standby is up, and the same read can run on the primary.
     */
    public static boolean recoveryConflict(Throwable error) {
        return any(error, state -> state.equals("40001") || state.equals("40P01"));
    }

    private static boolean noConnection(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof ConnectionException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
