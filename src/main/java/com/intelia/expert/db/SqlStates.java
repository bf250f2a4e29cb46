package com.intelia.expert.db;

import java.sql.SQLException;
import java.util.function.Predicate;

/** What PostgreSQL said went wrong, read from the SQLSTATE of any SQLException in an error's cause chain. */
public final class SqlStates {

    private SqlStates() {
    }

    /** True when some SQLException among the error and its causes has a SQLSTATE that matches. */
    public static boolean any(Throwable error, Predicate<String> state) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
