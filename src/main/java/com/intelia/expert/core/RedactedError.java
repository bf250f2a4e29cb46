package com.intelia.expert.core;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An error as it may be logged: each exception of the cause chain keeps its class, its SQLSTATE and its stack frames,
 * but not its message. Messages carry what the failing code was given (jdbi's statement and bound values, a
 * parser's offending token, a refused e-mail address), so a logged message or trace could hold a user's words.
 */
public final class RedactedError extends RuntimeException {

    private static final int MAX_CAUSES = 20;

    private RedactedError(String description, StackTraceElement[] frames, Throwable cause) {
        super(description, cause, false, true);
        setStackTrace(frames);
    }

    /** The error's cause chain, each link described by its class and SQLSTATE only. */
    public static RuntimeException of(Throwable error) {
        return redact(error, new IdentityHashMap<>(), 0);
    }

    /** One line for a log: the classes of the chain and the SQLSTATE, e.g. "StatementException < PSQLException [23514]". */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = error; cause != null && seen.put(cause, true) == null && seen.size() <= MAX_CAUSES;
                cause = cause.getCause()) {
            if (text.length() > 0) {
                text.append(" < ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" [SQLSTATE ").append(sql.getSQLState()).append(']');
            }
        }
        return text.toString();
    }

    private static RuntimeException redact(Throwable error, Map<Throwable, Boolean> seen, int depth) {
        seen.put(error, true);
        Throwable next = error.getCause();
        RuntimeException cause = next == null || seen.containsKey(next) || depth >= MAX_CAUSES ? null
                : redact(next, seen, depth + 1);
        String description = error.getClass().getName();
        if (error instanceof SQLException sql && sql.getSQLState() != null) {
            description += " [SQLSTATE " + sql.getSQLState() + "]";
        }
        return new RedactedError(description, error.getStackTrace(), cause);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
