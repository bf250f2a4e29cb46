package com.intelia.expert.db;

import com.codahale.metrics.Counter;
import com.intelia.expert.postgres.PostgresProbe;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads on the read node with the primary behind it. While the read node is known down ({@link ReplicaAvailability})
 * a read goes straight to the primary. A read that fails on the read node for lack of a connection
 * ({@link SqlStates#connectionClass}: refused, lost, silent, shutting down, out of connections, pool wait) runs once
 * more on the primary and tells the availability, so that the next reads skip the read node until its probe finds it
 * back; one cancelled by a conflict with recovery ({@link SqlStates#recoveryConflict}) also runs once more on the
 * primary, the read node staying in use. Other errors (a statement timeout, a bug) are the caller's, as on the
 * primary: a 503 or a 500 through resources/DatabaseUnavailableMapper. An error of the primary's second try is the
 * caller's too (503 when the primary is not available either).
 */
public final class ReplicaReads implements ReadDatabase {

    private final Jdbi replica;
    private final Jdbi primary;
    private final ReplicaAvailability availability;
    private final Counter onPrimary = new Counter();

    /** replica and primary: Jdbis made by {@link Jdbis#forRequests}, with the same statement timeout. */
    public ReplicaReads(Jdbi replica, Jdbi primary, ReplicaAvailability availability) {
        this.replica = replica;
        this.primary = primary;
        this.availability = availability;
    }

    @Override
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        if (!availability.readsGoToReplica()) {
            onPrimary.inc();
            return primary.withHandle(callback);
        }
        try {
            return replica.withHandle(callback);
        } catch (JdbiException e) {
            boolean down = SqlStates.connectionClass(e);
            if (!down && !SqlStates.recoveryConflict(e)) {
                throw e;
            }
            if (down) {
                availability.readFailed(PostgresProbe.describe(e));
            }
            onPrimary.inc();
            return primary.withHandle(callback);
        }
    }

    /**
     * Reads served by the primary since start: the read node known down, or a read retried there. A counter, only
     * ever increasing, for metrics/ReadNodeMetrics to register; nothing else counts in it.
     */
    public Counter readsOnPrimary() {
        return onPrimary;
    }
}
