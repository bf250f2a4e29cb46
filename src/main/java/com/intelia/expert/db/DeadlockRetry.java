package com.intelia.expert.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Runs a whole transaction again when PostgreSQL chose it as a deadlock victim (SQLSTATE 40P01). Saves and
 * ratings no longer lock shared rollup rows (the statistics trigger only appends to stats_delta_log), so this
 * is a safety net for rows two requests really share (one chat rated and deleted at once), not the normal path.
 * The aborted transaction changed nothing, so running it again is safe. The stores that own a transaction
 * (JdbiTurnStore, JdbiChatStore, JdbiFeedbackStore) run it around the whole of it.
 */
final class DeadlockRetry {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlockRetry.class);
    private static final int ATTEMPTS = 4;

    private DeadlockRetry() {
    }

    /** Runs {@code transaction}, up to 4 times while PostgreSQL chooses it as deadlock victim; other errors at once. */
    static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.warn("Transaction chosen as deadlock victim, running it again (attempt {} of {})", attempt + 1, ATTEMPTS);
            }
        }
    }

    private static boolean isDeadlock(Throwable error) {
        return SqlStates.any(error, "40P01"::equals);
    }
}
