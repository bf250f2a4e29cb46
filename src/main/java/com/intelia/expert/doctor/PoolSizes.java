package com.intelia.expert.doctor;

/**
 * doctor's count of the connections N instances open on a PostgreSQL server: each its pool and one connection of its
 * own for its probe, plus the connections of others that may run meanwhile; and the largest pool that fits a server's
 * usable connections (max_connections less the reserved slots).
 */
enum PoolSizes {

    /**
     * The primary: two for a migration running meanwhile (db migrate, the pre-deploy job, holds its advisory lock on
     * one connection and Liquibase's session on another).
     */
    PRIMARY(2),
    /** A read-only node: one for doctor's own check; nothing else connects to it. */
    READ_NODE(1);

    private final int others;

    PoolSizes(int others) {
        this.others = others;
    }

    /** Connections at most: (poolSize + 1 probe) x instances + the others. */
    int count(int poolSize, int instances) {
        return (poolSize + 1) * instances + others;
    }

    /** The largest pool size whose {@link #count} is within usable; 0 or less when even a pool of 1 does not fit. */
    int largestFitting(int usable, int instances) {
        return (usable - others) / instances - 1;
    }
}
