package com.intelia.expert.db;

/**
 * Whether reads may go to the read node now, as its background probe last found it (health/ReplicaMonitor), and
 * where {@link ReplicaReads} reports a read that the read node could not serve.
 */
public interface ReplicaAvailability {

    /** True while the last probe found the read node reachable and a standby, and no read failed on it since. */
    boolean readsGoToReplica();

    /**
     * A read failed on the read node for lack of a connection: reads go to the primary until a probe finds it back.
     * reason: words for an operator (db/PostgresProbe#describe), never connection details.
     */
    void readFailed(String reason);
}
