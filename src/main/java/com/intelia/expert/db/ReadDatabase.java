package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionCallback;
import org.jdbi.v3.core.HandleCallback;

/**
 * Where the statistics and questions reads run (DESIGN.md, "Reads: primary and read node"): the primary, or a read
 * node with the primary behind it ({@link ReplicaReads}). Only for pure reads of data that may be a moment old: the
 * callback may run twice (once on the read node, once more on the primary when the read node fails), so it must not
 * write or have other effects. A caller's own chats are read from the primary, never through this.
 */
public interface ReadDatabase {

    /**
     * Runs the callback on a handle of the server the reads go to now. A JdbiException when no server can answer,
     * which resources/DatabaseUnavailableMapper turns into a 503 with Retry-After (or a 500 for other errors).
     */
    <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X;

    /** The callback with a SqlObject DAO attached to such a handle. */
    default <R, E, X extends Exception> R withExtension(Class<E> type, ExtensionCallback<R, E, X> callback) throws X {
        return withHandle(handle -> callback.withExtension(handle.attach(type)));
    }

    /** The callback in one transaction on such a handle (one snapshot when it sets REPEATABLE READ). */
    default <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        return withHandle(handle -> handle.inTransaction(callback));
    }

    /** Every read on this Jdbi (the primary's request Jdbi when no read node is configured). */
    static ReadDatabase of(Jdbi jdbi) {
        return jdbi::withHandle;
    }
}
